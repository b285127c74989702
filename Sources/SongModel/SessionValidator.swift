import MusicTheory

/// The song's own rules, checked on every load: what JSON decoding alone lets through.
enum SessionValidator {
    /// The furthest a note or hit may sit off its grid position: a half note. Grooves
    /// stay within tens of ticks; this only keeps hostile values out of the renderer's
    /// arithmetic.
    static let maxOffset = 1920

    /// Each problem as "at PATH: what was expected", first one first.
    static func problems(in song: Song) -> [String] {
        var problems: [String] = []
        func check(_ condition: Bool, _ path: String, _ rule: String) {
            if !condition { problems.append("at \(path): \(rule)") }
        }
        check(!song.title.trimmingCharacters(in: .whitespaces).isEmpty, "song.title", "expected a non-empty title")
        check(Song.tempoRange.contains(song.tempo), "song.tempo", "expected a tempo from 20 to 400, found \(song.tempo)")
        check(song.sections.count <= Limits.sections, "song.sections", "expected at most \(Limits.sections) sections, found \(song.sections.count)")
        check((song.arrangement?.count ?? 0) <= Limits.formEntries, "song.arrangement",
              "expected at most \(Limits.formEntries) entries, found \(song.arrangement?.count ?? 0)")
        check(song.title.count <= Limits.titleLength, "song.title", "expected at most \(Limits.titleLength) characters")
        if let id = song.id { check(Song.isValidID(id), "song.id", "expected 1–64 letters, digits, \"-\" or \"_\"") }
        check(song.authors.count <= Limits.authors && song.authors.allSatisfy { $0.count <= Limits.titleLength }, "song.authors",
              "expected at most \(Limits.authors) names of at most \(Limits.titleLength) characters")
        check(song.eventCount <= Limits.events, "song.sections",
              "expected at most \(Limits.events) notes, hits and chord changes in all, found \(song.eventCount)")
        // Past the limits, the rest is not measured: the file is refused either way, and a
        // hostile count would only cost time.
        guard problems.isEmpty else { return problems }
        var names = Set<String>()
        for (index, section) in song.sections.enumerated() {
            let at = "song.sections[\(index)]"
            let validName = (try? Section.validName(section.name)) == section.name
            check(validName, "\(at).name", "expected a lower-case section name such as \"verse\", found \"\(section.name)\"")
            check(names.insert(section.name).inserted, "\(at).name", "the name \"\(section.name)\" is used twice")
            check(Section.barRange.contains(section.bars), "\(at).bars", "expected 1–256 bars, found \(section.bars)")
            // Parts are measured against the section's length: without a length in range
            // there is nothing to measure them by (and a hostile count would overflow).
            guard Section.barRange.contains(section.bars) else { continue }
            for (name, value) in [("energy", section.energy), ("tension", section.tension)] {
                if let value { check((0...1).contains(value), "\(at).\(name)", "expected a value from 0 to 1, found \(value)") }
            }
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
            for kind in section.kinds {
                guard let notes = section.notes(of: kind) else { continue }
                for (n, note) in notes.enumerated() {
                    let path = "\(at).\(kind).notes[\(n)]"
                    // Compared without adding, so that no start or duration can overflow.
                    check(note.start >= 0 && note.duration > 0 && note.duration <= length - note.start, path,
                          "expected a note inside the section with a positive duration")
                    check((-maxOffset...maxOffset).contains(note.offset), "\(path).offset", "expected micro-timing within ±\(maxOffset) ticks, found \(note.offset)")
                    check((1...127).contains(note.velocity), "\(path).velocity", "expected a velocity 1–127, found \(note.velocity)")
                }
            }
            for (n, hit) in (section.drums?.hits ?? []).enumerated() {
                let path = "\(at).drums.hits[\(n)]"
                check((0..<length).contains(hit.start), "\(path).start", "expected a start inside the section")
                check((0...127).contains(hit.key), "\(path).key", "expected a MIDI drum key 0–127, found \(hit.key)")
                check((1...127).contains(hit.velocity), "\(path).velocity", "expected a velocity 1–127, found \(hit.velocity)")
                check((-maxOffset...maxOffset).contains(hit.offset), "\(path).offset", "expected micro-timing within ±\(maxOffset) ticks, found \(hit.offset)")
            }
            if let timing = section.drums?.timing {
                let path = "\(at).drums.timing"
                check((1...4).contains(timing.swing), "\(path).swing", "expected a swing ratio from 1 to 4, found \(timing.swing)")
                check((1...3840).contains(timing.swingUnit), "\(path).swingUnit", "expected a swing unit of 1–3840 ticks, found \(timing.swingUnit)")
                check((0...1).contains(timing.humanize), "\(path).humanize", "expected a humanize amount from 0 to 1, found \(timing.humanize)")
                check((0...2).contains(timing.alpha), "\(path).alpha", "expected a noise exponent from 0 to 2, found \(timing.alpha)")
                if let template = timing.template {
                    let bar = song.meter(of: section).ticksPerBar
                    check((1...GrooveTemplate.maximumSlots).contains(template.slotsPerBar) && template.slot > 0 && template.slot <= bar,
                          "\(path).template", "expected 1–\(GrooveTemplate.maximumSlots) places of 1–\(bar) ticks")
                    check(template.offsets.keys.allSatisfy { DrumKit.Role(rawValue: $0) != nil }, "\(path).template.offsets",
                          "expected the roles kick, snare, cymbal, tom and percussion")
                    check(template.offsets.values.allSatisfy { $0.count == template.slotsPerBar && $0.allSatisfy { abs($0) <= GrooveTemplate.maximumOffset } },
                          "\(path).template.offsets", "expected \(template.slotsPerBar) offsets a role, each within ±\(Int(GrooveTemplate.maximumOffset)) ticks")
                    check(template.source.count <= 200, "\(path).template.source", "expected at most 200 characters")
                }
            }
            for (n, note) in (section.motif ?? []).enumerated() {
                check(note.start >= 0 && note.duration > 0 && note.duration <= length - note.start && (1...127).contains(note.velocity),
                      "\(at).motif[\(n)]", "expected a note inside the section with a positive duration and a velocity 1–127")
            }
            if let lyrics = section.lyrics {
                check(lyrics.text.count <= Lyrics.characterLimit, "\(at).lyrics.text", "expected at most \(Lyrics.characterLimit) characters")
                check(!lyrics.text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, "\(at).lyrics.text",
                      "expected words and line breaks, no control characters")
            }
        }
        for (part, settings) in (song.mixer ?? [:]).sorted(by: { $0.key < $1.key }) {
            let path = "song.mixer.\(part)"
            check(PartKind(rawValue: part) != nil, path, "expected a part: " + PartKind.allCases.map(\.rawValue).joined(separator: ", "))
            check(settings.program.map { (0...127).contains($0) } ?? true, "\(path).program", "expected a General MIDI program 0–127")
            check(PartSettings.gainRange.contains(settings.gain), "\(path).gain", "expected a gain from -60 to 12 dB, found \(settings.gain)")
            check(PartSettings.panRange.contains(settings.pan), "\(path).pan", "expected a pan from -1 to 1, found \(settings.pan)")
            check(PartSettings.reverbRange.contains(settings.reverb), "\(path).reverb", "expected a reverb send from 0 to 1, found \(settings.reverb)")
        }
        for (index, name) in (song.arrangement ?? []).enumerated() {
            check(names.contains(name), "song.arrangement[\(index)]", "expected the name of a section, found \"\(name)\"")
        }
        return problems
    }
}
