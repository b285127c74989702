import CCrypto
import Engine
import Foundation
import MusicTheory
import SongModel

/// `import FILE.mid [into SECTION [from=BAR|MARKER]] [as PART] [track=N|NAME] [repeats=once|apart]`: a Standard MIDI File made
/// into parts, shown first and put in by `accept` — a new song from the whole file, or
/// one section's parts. Provenance credits the writer who brought it in and names the
/// file, the track and the file's SHA-256, so the material can be traced to its source.
enum ImportCommands {
    static func importFile(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let path = invocation.arguments[0]
        var into: Section?, kind: PartKind?
        var words = Array(invocation.arguments.dropFirst())
        while let word = words.first?.lowercased() {
            words.removeFirst()
            guard let value = words.first else {
                throw REPLError.missingArgument(command: "import", what: word == "as" ? "a part" : "a section", usage: usage)
            }
            words.removeFirst()
            switch word {
            case "into": into = try workspace.requireSong().requireSection(value)
            case "as":
                guard let part = PartKind(rawValue: value.lowercased()) else {
                    throw SongModelError.unknownPart(value, suggestion: closest(to: value.lowercased(), in: PartKind.allCases.map(\.rawValue)))
                }
                kind = part
            default: throw REPLError.extraArgument(command: "import", argument: word, usage: usage)
            }
        }
        if let from = invocation.option("from"), into == nil {
            throw REPLError.refused("from= says where `into SECTION` begins in the file: `import \(echoed(path)) into SECTION from=\(echoed(from))`")
        }
        let bytes = try read(path)
        let file = try StandardMIDIFile.parse(bytes)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let meter = into.map { workspace.song?.meter(of: $0) ?? .fourFour }
        let request = MIDIImport.Request(file: name, sha256: sha256(bytes), track: invocation.option("track"), kind: kind,
                                         into: into.map { ($0.name, $0.bars, meter ?? .fourFour) }, author: workspace.author, date: workspace.clock(),
                                         repeatsApart: invocation.option("repeats") == "apart", from: invocation.option("from"))
        let plan = try MIDIImport.plan(file, request)
        var note = ""
        // An empty song an earlier preview (an import's or a sketch's) made to hold it holds
        // this one too, and goes as it would have: unsaved, `drop` back to where it began.
        var madeSong = into == nil && workspace.holdsOnlyADraft
        var cameFrom = madeSong ? workspace.pending?.cameFrom : nil
        if into == nil, workspace.song == nil || !(workspace.song?.sections.isEmpty ?? true) {
            madeSong = true
            let title = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            let song = Song(title: title.isEmpty ? "Imported" : String(title.prefix(Limits.titleLength)), authors: [workspace.author],
                            key: plan.key, tempo: plan.tempo, meter: plan.meter, id: workspace.songIDs())
            (note, cameFrom) = try workspace.hold(in: song, after: "import")
            while note.hasSuffix("\n") { note.removeLast() }
            if !note.isEmpty { note += "\n" }
        }
        let heading = "import of \(name): format \(file.format), \(file.tracks.count) \(file.tracks.count == 1 ? "track" : "tracks"), "
            + "\(file.ticksPerQuarter) ticks a quarter — sha256 \(request.sha256.prefix(12))…"
        let target = into?.name
        let suggestion = Suggestion(label: "\(name) as \(plan.sections.count) \(plan.sections.count == 1 ? "section" : "sections")", reasons: plan.report,
                                    origin: .person(workspace.author), content: .part(.melody, .notes([])))
        var pending = Pending(section: target ?? "all", seed: 0, count: 1, limit: 1, draw: { _, _, _ in [suggestion] },
                              heading: { _ in heading },
                              apply: { song, _, _, date in try apply(plan, into: target, song: &song, at: date) },
                              list: { _, _, _ in preview(plan, into: target) })
        // The song made to hold the preview is let go, not saved, if the writer leaves it
        // before `accept` (an empty session named for a previewed file had been saved when
        // a newcomer opened another song), and `drop` leaves no song open, as after a sketch.
        pending.madeSong = madeSong
        pending.cameFrom = cameFrom
        return note + (try workspace.offer(pending))
    }

    static var usage: String { Commands.find("import")?.usage ?? "import FILE.mid" }

    /// The file's bytes, refused before reading when it is not a file or is too large.
    static func read(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SongModelError.badMIDI("no file \"\(echoed(path))\": give the path of a .mid file")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw SongModelError.badMIDI("\"\(echoed(path))\" is not a file: give the path of a .mid file")
        }
        guard Int(info.st_size) <= StandardMIDIFile.byteLimit else {
            throw SongModelError.badMIDI("\"\(echoed(path))\" has \(info.st_size) bytes; Cowrite reads MIDI files of at most \(StandardMIDIFile.byteLimit >> 20) MB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SongModelError.badMIDI("\"\(echoed(path))\" cannot be read: check its permissions")
        }
        return [UInt8](data)
    }

    /// SHA-256 of `bytes` in hex, by OpenSSL's libcrypto (Debian's, already on every
    /// machine that has ffmpeg): a checksum the writer can compare with `sha256sum`.
    static func sha256(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        bytes.withUnsafeBytes { buffer in
            _ = EVP_Digest(buffer.baseAddress, buffer.count, &digest, &length, EVP_sha256(), nil)
        }
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// What the import found: the settings, a line per track, and the sections with their
    /// parts (the chords as a chart).
    static func preview(_ plan: MIDIImport, into target: String?) -> String {
        var lines = ["  \(plan.key) · \(plan.tempo) bpm · \(plan.meter)" + (target.map { " — into \($0)" } ?? "")]
        lines += plan.report.map { "  " + $0 }
        for section in plan.sections {
            let parts = section.kinds.map(\.rawValue).joined(separator: ", ")
            var line = "  \(section.name) (\(section.bars) \(section.bars == 1 ? "bar" : "bars")): \(parts)"
            if let chords = section.chords {
                let cells = ChordChart.cells(of: chords, bars: section.bars, meter: plan.meter)
                line += "\n      | " + cells.prefix(8).joined(separator: " | ") + (cells.count > 8 ? " | …" : " |")
            }
            lines.append(line)
        }
        if plan.form != plan.sections.map(\.name) { lines.append("  form: " + plan.form.joined(separator: " ")) }
        lines.append(target == nil ? "`accept` makes the song of it (key, tempo, meter, sections and form) · `drop` forgets it"
                                   : "`accept` puts these parts into \(target ?? "") · `drop` forgets them")
        return lines.joined(separator: "\n")
    }

    /// Puts the import in: the whole song, or one section's parts.
    static func apply(_ plan: MIDIImport, into target: String?, song: inout Song, at date: Date) throws -> String {
        if let target, let imported = plan.sections.first {
            for kind in imported.kinds {
                guard let part = imported.parts[kind] else { continue }
                try song.accept(part.content, as: kind, from: part.provenance.origin, into: target, at: date)
            }
            return "imported into \(target): " + imported.kinds.map(\.rawValue).joined(separator: ", ") + " — `blame \(target)` shows the source"
        }
        song.key = plan.key
        song.tempo = plan.tempo
        try song.setSongMeter(plan.meter)
        for section in plan.sections { try song.place(section, acceptedAt: date) }
        try song.arrange(plan.form)
        for (part, program) in plan.instruments { song.updateSettings(for: part) { $0.program = program } }
        return "imported \(plan.sections.count) \(plan.sections.count == 1 ? "section" : "sections"): " + plan.form.joined(separator: " ")
            + " — in \(plan.key) at \(plan.tempo) bpm; `show` shows them, `blame SECTION` the source"
    }
}
