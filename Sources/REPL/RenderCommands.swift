import AudioRender
import MusicTheory
import Foundation
import SongModel

/// Handlers that turn the song into sound and files: render, export, play.
enum RenderCommands {
    /// Reads render settings from the options (checked against the command's row).
    static func settings(_ invocation: Invocation, soundFont: String) throws -> RenderSettings {
        var settings = RenderSettings(soundFont: soundFont)
        settings.stems = try invocation.switchOn("stems")
        if let format = invocation.value("format").flatMap({ AudioFormat(rawValue: $0.lowercased()) }) { settings.format = format }
        if let rate = invocation.whole("rate") { settings.sampleRate = rate }
        if let names = invocation.value("stem-names").flatMap({ RenderSettings.StemNames(rawValue: $0.lowercased()) }) { settings.stemNames = names }
        if let lufs = invocation.number("lufs") { settings.target.lufs = lufs }
        return settings
    }

    /// The section a render is of, if one is named. A word that is no section,
    /// near none and named like none (not "bridge" or "outro") is most likely a folder
    /// meant for `-o`, and the error says so (`render out` read "out" as a section).
    static func section(_ invocation: Invocation, of song: Song) throws -> String? {
        guard let word = invocation.arguments.first else { return nil }
        do {
            return try song.requireSection(word).name
        } catch {
            let names = song.sections.map(\.name)
            guard !names.isEmpty, closest(to: word, in: names) == nil, SectionRole(name: word) == .other else { throw error }
            throw REPLError.refused("\(error) — `render -o \(visible(word))` renders the song into that folder")
        }
    }

    /// A folder as typed, without the slash the writer may have ended it with: `render -o
    /// out/` had printed "to out//".
    static func withoutTrailingSlash(_ folder: String) -> String {
        var shown = folder
        while shown.count > 1 && shown.hasSuffix("/") { shown.removeLast() }
        return shown
    }

    static func render(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try section(invocation, of: song)
        let settings = try settings(invocation, soundFont: workspace.soundFont)
        let folder = invocation.option("out")
            ?? workspace.renderFolder + "/" + song.slug + (section.map { "-" + $0 } ?? "")
        let started = Date()
        let result = try Renderer.render(song: song, section: section, to: folder, settings: settings, version: Version.tag,
                                         force: try invocation.switchOn("force"),
                                         isCancelled: workspace.isCancelled, progress: workspace.progress)
        let elapsed = Date().timeIntervalSince(started)
        let loudness = result.loudness
        let replaced = result.replaced.isEmpty ? ""
            : "\n  replaced, as --force allows, what Cowrite had not written (or was changed since): " + result.replaced.map { visible($0) }.joined(separator: ", ")
        return "rendered \(quoted(song.title))\(section.map { " (\($0))" } ?? "") to \(visible(withoutTrailingSlash(result.folder)))/: "
            + result.files.joined(separator: ", ") + "\n"
            + String(format: "  %@, %.1f LUFS, true peak %.1f dBTP; %.1f s of audio in %.1f s (%.0f× real time)",
                     duration(result.seconds), loudness.integrated, loudness.truePeak, result.seconds, elapsed,
                     result.seconds / max(elapsed, 0.001))
            + missedLoudness(settings.target, result.loudness)
            + MixSummary.lines(result).map { "\n  " + $0 }.joined()
            + changingTime(song, rendering: section).map { "\n  " + $0 }.joined()
            + markersCut(song, rendering: section, format: settings.format).map { "\n  " + $0 }.joined()
            + result.playedNotes.map { "\n  " + $0 }.joined()
            + silentSections(song, rendering: section).map { "\n" + $0 }.joined()
            + replaced
            + (result.replacedRender.map { "\n  replaced the render of \(visible($0)) that was in \(visible(result.folder))/ with this one of "
                + (section.map { "section \($0) — without -o, a section renders to a folder of its own (\(visible(workspace.renderFolder))/\(song.slug)-\($0))" } ?? "the whole song") } ?? "")
            + (result.keptChanged.isEmpty ? "" : "\n  kept, as they changed since Cowrite wrote them, what an earlier render here made and this one does not: "
                + result.keptChanged.map { visible($0) }.joined(separator: ", ") + " — they are not this render's")
            + (result.removed.isEmpty ? "" : "\n  removed what an earlier render here made and this one does not: " + result.removed.joined(separator: ", ")
               + (result.removed.contains { $0.hasPrefix("stems/") } ? " (`--stems` writes the stems again)" : ""))
    }

    /// A line when the mix misses the loudness asked for by more than half a LU: a
    /// composer's `--lufs -5` had come out at −7.3 LUFS, unsaid. A target that loud cannot
    /// be reached under the true-peak ceiling without limiting the song flat, and mastering
    /// stops where the limiter takes nearly all of a louder gain (`Mastering.plan`).
    static func missedLoudness(_ target: MasteringTarget, _ loudness: LoudnessReport) -> String {
        guard loudness.integrated.isFinite, abs(loudness.integrated - target.lufs) > 0.5 else { return "" }
        let reason = loudness.integrated < target.lufs
            ? String(format: "louder, under the %.1f dBTP ceiling the limiter would take over %.0f dB where it works hardest, or nearly all of each decibel more, and flatten the song, so mastering stops there; a quieter --lufs is met", target.truePeak, Mastering.deepestLimiting)
            : "mastering stopped short of it after ten passes"
        return String(format: "\n  note: asked for %.1f LUFS, the mix measures %.1f — ", target.lufs, loudness.integrated) + reason
    }

    /// A line when the form changes tempo or meter: a WAV file's `acid` and `iXML` chunks
    /// hold one tempo and one meter, those the song starts with, and a DAW that reads them
    /// places the later sections' bars wrong (a composer's 8½-minute cue in 5/4, 7/8 and
    /// 12/8 had carried 132 and 5/4 alone, unsaid). song.mid has every change.
    static func changingTime(_ song: Song, rendering only: String?) -> [String] {
        let playing = (only.map { [$0] } ?? song.form).compactMap { song.section(named: $0) }
        guard let first = playing.first else { return [] }
        var tempos: [Double] = [], meters: [String] = []
        for section in playing {
            let tempo = song.quarterTempo(of: section), meter = "\(song.meter(of: section))"
            if !tempos.contains(tempo) { tempos.append(tempo) }
            if !meters.contains(meter) { meters.append(meter) }
        }
        guard tempos.count > 1 || meters.count > 1 else { return [] }
        let shown = { (tempo: Double) in tempo == tempo.rounded() ? "\(Int(tempo))" : String(format: "%.1f", tempo) }
        var changes: [String] = []
        if tempos.count > 1 { changes.append("tempo (\(tempos.map(shown).joined(separator: ", ")) quarter notes a minute)") }
        if meters.count > 1 { changes.append("meter (\(meters.joined(separator: ", ")))") }
        return ["the song changes \(changes.joined(separator: " and ")): the WAV files' tempo and meter (acid, iXML) are where it starts, "
                + "\(shown(song.quarterTempo(of: first))) in \(song.meter(of: first)); song.mid has every change for a DAW's tempo track"]
    }

    /// A line when the form plays more sections than the audio files can mark: a WAV
    /// file's cue list holds 100, a FLAC or Ogg file's chapters 99, and past them a DAW
    /// shows the last marker over the rest of the song (a composer's 130-section form had
    /// its last chapter, "coda 20", run five minutes over 30 sections, unsaid).
    static func markersCut(_ song: Song, rendering only: String?, format: AudioFormat) -> [String] {
        let playings = only == nil ? song.form.count : 1
        let kept = SessionFacts.markersKept(playings, format: format)
        guard kept < playings else { return [] }
        let last = song.form[kept - 1]
        let number = song.form.prefix(kept).filter { $0 == last }.count
        return ["the form plays \(playings) sections and the \(format == .wav ? "WAV files' cue lists hold" : "files' chapters hold") \(kept): "
                + "their markers stop at \(last)\(number > 1 ? " \(number)" : "") (section \(kept)), and song.mid marks every one"]
    }

    /// A line for each section of the form (or the one rendered) with no parts at all,
    /// which a render plays as silence: an outside check rendered a form with an empty
    /// chorus in it and found 8 s of near-silence twice, with nothing said.
    static func silentSections(_ song: Song, rendering only: String?) -> [String] {
        let names = only.map { [$0] } ?? song.form
        var seen: [String] = []
        for name in names where !seen.contains(name) { seen.append(name) }
        return seen.compactMap { name in
            guard let section = song.section(named: name), section.kinds.isEmpty else { return nil }
            let times = only == nil ? song.form.filter { $0 == name }.count : 1
            let seconds = SongView.seconds(of: section, in: song) * Double(times)
            let played = times == 1 ? String(format: "(%.1f s)", seconds) : String(format: "%d times (%.1f s in all)", times, seconds)
            return "note: \(name) has no parts: its \(section.bars) \(section.bars == 1 ? "bar plays" : "bars play") as silence \(played) — "
                + "write or ask for its parts (`chords \(name)`), or take it out of the form with `arrange`"
        }
    }

    static func export(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let what = invocation.arguments[0].lowercased()
        let data: Data
        let fileName: String
        var capoNote = ""
        if invocation.option("capo") != nil && !["chordpro", "cho"].contains(what) {
            throw REPLError.refused("capo= is for a guitarist's chart: `export chordpro capo=…` (a MIDI file and a MusicXML lead sheet keep the sounding key)")
        }
        switch what {
        case "midi", "mid":
            // Said as an export, not a render ("nothing to render" had answered `export midi`).
            let performance: Performance
            do {
                performance = try Performance(song: song)
            } catch {
                if case .nothingToRender(let why) = error as RenderError { throw REPLError.refused("nothing to export as MIDI: \(why)") }
                throw error
            }
            data = MIDIFile.data(for: performance, title: song.title)
            fileName = "song.mid"
        case "chordpro", "cho":
            fileName = "song.chordpro"
            if let fret = capo(invocation, song: song), fret > 0 {
                let chart = try ChordPro.text(for: song, capo: fret)
                data = Data(chart.text.utf8)
                capoNote = "; capo \(fret): the chords are the shapes in \(chart.shapes), sounding in \(song.key)"
            } else {
                data = Data(ChordPro.text(for: song).utf8)
                if invocation.option("capo") != nil { capoNote = "; \(song.key) is played in open shapes: no capo" }
            }
        case "musicxml", "xml":
            data = Data(MusicXML.text(for: song).utf8)
            fileName = "song.musicxml"
        default:
            throw REPLError.badOptionValue(option: "export", value: what, rule: "export writes midi, chordpro or musicxml, e.g. `export midi`")
        }
        if invocation.arguments.count > 1, let out = invocation.option("out") {
            throw REPLError.refused("export takes one path: \"\(echoed(invocation.arguments[1]))\" and -o \"\(echoed(out))\" — give one, e.g. `export \(what) \(echoed(out))`")
        }
        // A folder given (`-o cues`, `~`, `-o cues/` made first) takes the file under the
        // song's name, as many songs may be exported to one folder.
        let path = try FolderTarget.file(invocation.arguments.count > 1 ? invocation.arguments[1]
                                            : invocation.option("out") ?? workspace.renderFolder + "/" + song.slug + "/" + fileName,
                                         named: song.slug + "." + (fileName.split(separator: ".").last ?? "mid"))
        if let session = workspace.sessionPath, Workspace.canonical(session) == Workspace.canonical(path) {
            throw REPLError.ownSessionFile(path: path)
        }
        // The same rule as a render: a file Cowrite did not write (or changed since) is
        // replaced only with --force; the folder's list of Cowrite's files is kept up to date.
        let (folder, name) = Folder.split(path)
        guard !name.isEmpty, name != ".", name != "..", !name.hasPrefix(".cowrite-") else {
            throw REPLError.badOptionValue(option: "export", value: path, rule: "give a file name, e.g. `export \(what) songs/take-1.\(fileName.split(separator: ".").last ?? "mid")`")
        }
        var target = try RenderFolder.prepare(folder, writing: [name], wholeFolder: false,
                                              force: try invocation.switchOn("force"), song: song.title, songID: song.id)
        let staging = try target.stage()
        do {
            try staging.writeNewFile(name, data)
            try target.commit(staging, names: [name], replacesAll: false)
        } catch {
            target.abandon(staging)
            throw error
        }
        return "wrote \(visible(path)) (\(data.count) bytes)" + capoNote
            + (target.replaced.isEmpty ? "" : "; it replaced the file there, which Cowrite had not written (or was changed since), as --force allows")
    }

    /// The capo's fret `capo=` asks for: a number, or `auto` (`ChordPro.capo(for:)`), 0 for
    /// none; nil when not asked.
    static func capo(_ invocation: Invocation, song: Song) -> Int? {
        guard let value = invocation.option("capo") else { return nil }
        return Int(value) ?? ChordPro.capo(for: song.key)
    }

    static func play(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try invocation.arguments.first.map { try song.requireSection($0).name }
        // No device is a fact about the machine, not a mistake in the command: say so and
        // let a script go on.
        guard Playback.hasAudioDevice() else { return RenderError.noAudioDevice.description }
        let settings = RenderSettings(soundFont: workspace.soundFont)
        let seconds = try Playback.play(song: song, section: section, settings: settings, isCancelled: workspace.isCancelled)
        return String(format: "played %@ (%.1f s)", section ?? quoted(song.title), seconds)
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return "\(total / 60):" + String(format: "%02d", total % 60)
    }
}
