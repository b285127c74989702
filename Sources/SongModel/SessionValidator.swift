import MusicTheory

/// The song's own rules, checked on every load: what JSON decoding alone lets through.
enum SessionValidator {
    /// Each problem as "at PATH: what was expected", first one first.
    static func problems(in song: Song) -> [String] {
        var problems: [String] = []
        func check(_ condition: Bool, _ path: String, _ rule: String) {
            if !condition { problems.append("at \(path): \(rule)") }
        }
        check(!song.title.trimmingCharacters(in: .whitespaces).isEmpty, "song.title", "expected a non-empty title")
        check(Song.tempoRange.contains(song.tempo), "song.tempo", "expected a tempo from 20 to 400, found \(song.tempo)")
        var names = Set<String>()
        for (index, section) in song.sections.enumerated() {
            let at = "song.sections[\(index)]"
            let validName = (try? Section.validName(section.name)) == section.name
            check(validName, "\(at).name", "expected a lower-case section name such as \"verse\", found \"\(section.name)\"")
            check(names.insert(section.name).inserted, "\(at).name", "the name \"\(section.name)\" is used twice")
            check(Section.barRange.contains(section.bars), "\(at).bars", "expected 1–256 bars, found \(section.bars)")
            if let tempo = section.tempo {
                check(Song.tempoRange.contains(tempo), "\(at).tempo", "expected a tempo from 20 to 400, found \(tempo)")
            }
            let length = section.bars * song.meter(of: section).ticksPerBar
            if let chords = section.chords {
                let starts = chords.changes.map(\.start)
                check(!starts.isEmpty, "\(at).chords.changes", "expected at least one chord change")
                check(starts == starts.sorted() && Set(starts).count == starts.count, "\(at).chords.changes",
                      "expected changes in time order, one per start")
                check(starts.allSatisfy { (0..<length).contains($0) }, "\(at).chords.changes",
                      "expected every start inside the section (0..<\(length) ticks)")
            }
            for (label, notes) in [("melody", section.melody?.notes ?? []), ("bass", section.bass?.notes ?? [])] {
                for (n, note) in notes.enumerated() {
                    let path = "\(at).\(label).notes[\(n)]"
                    check(note.start >= 0 && note.duration > 0 && note.end <= length, path,
                          "expected a note inside the section with a positive duration")
                    check((1...127).contains(note.velocity), "\(path).velocity", "expected a velocity 1–127, found \(note.velocity)")
                }
            }
            for (n, hit) in (section.drums?.hits ?? []).enumerated() {
                let path = "\(at).drums.hits[\(n)]"
                check((0..<length).contains(hit.start), "\(path).start", "expected a start inside the section")
                check((0...127).contains(hit.key), "\(path).key", "expected a MIDI drum key 0–127, found \(hit.key)")
                check((1...127).contains(hit.velocity), "\(path).velocity", "expected a velocity 1–127, found \(hit.velocity)")
            }
        }
        for (index, name) in (song.arrangement ?? []).enumerated() {
            check(names.contains(name), "song.arrangement[\(index)]", "expected the name of a section, found \"\(name)\"")
        }
        return problems
    }
}
