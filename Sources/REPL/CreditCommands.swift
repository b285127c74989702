import AudioRender
import Foundation
import SongModel

/// Handlers for instruments, the mix, and credits: instrument, mix, credits, blame.
enum CreditCommands {
    static func instrument(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let part = try PartKind(parsing: invocation.arguments[0])
        // `instrument melody` says what the part plays (a newcomer checking an import had
        // no way to see it at the prompt).
        guard invocation.arguments.count > 1 else {
            guard part != .drums else {
                return kitPlayed(song.program(of: .drums)) + (song.settings(for: .drums).program == nil ? " (`instrument drums brushes` picks another)" : "")
            }
            let set = song.settings(for: part).program
            let playing = Instrument(program: song.program(of: part))
            return "\(part) plays \(playing.name) (General MIDI \(playing.program))"
                + (set == nil ? ", the \(song.mood.map { "\($0.rawValue) mood's" } ?? "default") choice (`instrument \(part) NAME` sets one)" : "")
        }
        if part == .drums {
            let kit = try DrumKit.kit(parsing: invocation.arguments.dropFirst().joined(separator: " "))
            song.updateSettings(for: .drums) { $0.program = kit.program }
            workspace.song = song
            return kitPlayed(kit.program)
        }
        // A name of two words may be typed without quotes: `instrument chords electric piano`.
        let instrument = try Instrument(parsing: invocation.arguments.dropFirst().joined(separator: " "))
        song.updateSettings(for: part) { $0.program = instrument.program }
        workspace.song = song
        return "\(part) plays \(instrument.name) (General MIDI \(instrument.program))"
    }

    /// "drums play the brushes kit (General MIDI drum kit 40, channel 10)".
    static func kitPlayed(_ program: Int) -> String {
        "drums play the \(DrumKit.kitName(program)) kit (General MIDI drum kit \(program), channel 10)"
    }

    /// "melody: gain +2.0 dB, pan …", the gain "auto (the render balances it)" while the
    /// writer has not set the level.
    static func shown(_ song: Song, _ part: PartKind) -> String {
        let settings = song.settings(for: part)
        let gain = song.levelSetByWriter(part) ? String(format: "%+.1f dB", settings.gain) : "auto (the render balances it)"
        return String(format: "%@: gain %@, pan %+.2f, reverb %.2f", part.rawValue, gain, settings.pan, settings.reverb)
    }

    static func mix(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let part = try PartKind(parsing: invocation.arguments[0])
        guard !invocation.options.isEmpty else { return shown(song, part) }
        var settings = song.settings(for: part)
        if invocation.value("gain")?.lowercased() == "auto" {
            settings.gain = part.row.mix.gain
            settings.held = false
        } else if let gain = invocation.number("gain") {
            settings.gain = gain
            settings.held = true
        }
        if let pan = invocation.number("pan") { settings.pan = pan }
        if let reverb = invocation.number("reverb") { settings.reverb = reverb }
        song.updateSettings(for: part) { $0 = settings }
        workspace.song = song
        return shown(song, part)
    }

    static func credits(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let report = ProvenanceReport(song: song, performance: try? Performance(song: song), render: nil)
        if try invocation.switchOn("markdown") { return report.markdown().trimmingCharacters(in: .whitespacesAndNewlines) }
        return CreditsView.render(report)
    }

    static func blame(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let asked = invocation.arguments.dropFirst().first
        let onlyLyrics = asked?.lowercased() == "lyrics"
        let wanted = try onlyLyrics ? nil : asked.map { try PartKind(parsing: $0) }
        var parts = onlyLyrics ? [] : section.credits.filter { wanted == nil || $0.kind == wanted }.map { ($0.kind.rawValue, $0.provenance) }
        if let lyrics = section.lyrics, wanted == nil { parts.append(("lyrics", lyrics.provenance)) }
        guard !parts.isEmpty else {
            return "\(section.name) has no \(onlyLyrics ? "lyrics" : wanted?.rawValue ?? "parts") yet"
        }
        let time = ISO8601DateFormatter()
        var lines: [String] = []
        for (name, provenance) in parts {
            lines.append("\(section.name) \(name):")
            lines.append("  \(time.string(from: provenance.acceptedAt))  written by \(ProvenanceReport.describe(provenance.origin))")
            for edit in provenance.edits {
                lines.append("  \(time.string(from: edit.at))  edited by \(edit.author): \(edit.change)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
