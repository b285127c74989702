import Foundation
import MusicTheory

/// The edits a writer makes by hand. Each checks its input and either changes the song
/// completely or not at all.
extension Song {
    /// Adds a section of `bars` bars at the end. While the song has no arrangement of its
    /// own, the new section also joins the form.
    public mutating func addSection(_ name: String, bars: Int) throws(SongModelError) {
        let name = try Section.validName(name)
        guard section(named: name) == nil else { throw .duplicateSection(name) }
        guard Section.barRange.contains(bars) else { throw .barsOutOfRange(String(bars)) }
        try Song.checkSections(sections.count + 1)
        sections.append(Section(name: name, bars: bars))
    }

    static func checkSections(_ count: Int) throws(SongModelError) {
        guard count <= Limits.sections else {
            throw .overLimit(what: "sections", count: count, limit: Limits.sections, fix: "reuse sections in the form with `arrange`")
        }
    }

    /// Checks a title or an author's name: not empty, no control characters, not too long.
    public static func checkText(_ text: String, field: String) throws(SongModelError) {
        guard !text.unicodeScalars.contains(where: { isSteering($0, keepingLines: false) }) else {
            throw .badText(field: field, text: text, rule: "control characters and hidden marks are not allowed; type it as plain text")
        }
        guard text.count <= Limits.titleLength else {
            throw .badText(field: field, text: text, rule: "at most \(Limits.titleLength) characters")
        }
    }

    /// Removes a section and every place it plays in the form.
    public mutating func removeSection(_ name: String) throws(SongModelError) {
        let section = try requireSection(name)
        sections.removeAll { $0.name == section.name }
        arrangement = arrangement?.filter { $0 != section.name }
        if arrangement?.isEmpty == true { arrangement = nil }
        pruneHandovers()
    }

    /// Drops every hand-over to a section the song does not have (one removed, or one a
    /// section brought from a sketch or another song knew there): a hand-over only ever
    /// reaches a section in the form. Why: a sketch's bridge removed and the song saved
    /// had left its chorus handing over to "bridge", and the file would not open again.
    public mutating func pruneHandovers() {
        let names = Set(sections.map(\.name))
        for index in sections.indices {
            guard let handovers = sections[index].handovers, handovers.keys.contains(where: { !names.contains($0) }) else { continue }
            let kept = handovers.filter { names.contains($0.key) }
            sections[index].handovers = kept.isEmpty ? nil : kept
        }
    }

    /// Renames a section, in the form too.
    public mutating func renameSection(_ old: String, to new: String) throws(SongModelError) {
        let section = try requireSection(old)
        let newName = try Section.validName(new)
        guard newName == section.name || self.section(named: newName) == nil else { throw .duplicateSection(newName) }
        update(section.name) { $0.name = newName }
        arrangement = arrangement?.map { $0 == section.name ? newName : $0 }
        // Hand-overs into it follow the new name.
        for index in sections.indices {
            if let transition = sections[index].handovers?.removeValue(forKey: section.name) { sections[index].handovers?[newName] = transition }
        }
    }

    /// Copies a section with all its parts under a new name, placed right after it.
    public mutating func copySection(_ name: String, as new: String) throws(SongModelError) {
        let section = try requireSection(name)
        let newName = try Section.validName(new)
        guard self.section(named: newName) == nil else { throw .duplicateSection(newName) }
        try Song.checkSections(sections.count + 1)
        var copy = section
        copy.name = newName
        let index = sections.firstIndex { $0.name == section.name } ?? sections.endIndex
        sections.insert(copy, at: index + 1)
    }

    /// Brings a section of another song into this one as `new`, with all its parts and
    /// their credits: it sounds as it did there, so where that song's key, meter or tempo
    /// differ from this one's the section keeps its own (what `transpose SECTION to=KEY` and
    /// `set SECTION tempo=` change). Returns what it kept, in words ("its key, Fm").
    public mutating func bring(_ name: String, from other: Song, as new: String) throws(SongModelError) -> [String] {
        var section = try other.requireSection(name)
        let newName = try Section.validName(new)
        guard self.section(named: newName) == nil else { throw .duplicateSection(newName) }
        try Song.checkSections(sections.count + 1)
        section.name = newName
        var kept: [String] = []
        if other.key(of: section) != key { section.key = other.key(of: section); kept.append("its key, \(other.key(of: section))") }
        if other.meter(of: section) != meter { section.meter = other.meter(of: section); kept.append("its meter, \(other.meter(of: section))") }
        // The speed compared, not the number: 264 eighths a minute in 7/8 is 132 quarters.
        let tempo = section.tempo ?? other.tempo
        let sectionMeter = meter(of: section)
        if sectionMeter.quarterTempo(beatsPerMinute: tempo) != self.meter.quarterTempo(beatsPerMinute: self.tempo) {
            section.tempo = tempo
            kept.append("its tempo, \(tempo) bpm")
        } else if tempo != self.tempo {
            section.tempo = tempo
        }
        // Timing written against a tempo (a groove's micro-timing in milliseconds) follows it.
        section.retime(quarterTempo: meter(of: section).quarterTempo(beatsPerMinute: section.tempo ?? self.tempo))
        sections.append(section)
        pruneHandovers()
        return kept
    }

    /// Sets the order in which sections play (repeats allowed).
    public mutating func arrange(_ names: [String]) throws(SongModelError) {
        guard !names.isEmpty else { throw .emptyArrangement }
        guard names.count <= Limits.formEntries else {
            throw .overLimit(what: "entries in the form", count: names.count, limit: Limits.formEntries,
                             fix: "repeat fewer sections, or make longer ones")
        }
        var form: [String] = []
        for name in names { form.append(try requireSection(name).name) }
        arrangement = form
    }

    /// Changes a section's length; parts past the new end are cut.
    public mutating func setBars(_ name: String, bars: Int) throws(SongModelError) {
        let section = try requireSection(name)
        guard Section.barRange.contains(bars) else { throw .barsOutOfRange(String(bars)) }
        let end = bars * meter(of: section).ticksPerBar
        let tempo = quarterTempo(of: section)
        update(section.name) { section in
            section.bars = bars
            for kind in section.kinds {
                guard let content = section.parts[kind]?.content else { continue }
                let cut = content.cut(at: end)
                section.parts[kind]?.content = cut
                if cut.isEmpty { section.parts[kind] = nil }
            }
            section.motif = section.motif.map { PartContent.notes($0).cut(at: end).notes ?? [] }
            if section.motif?.isEmpty == true { section.motif = nil }
            section.retime(quarterTempo: tempo)
        }
    }

    /// Sets a section's own meter (nil: follow the song). Refused when parts were written
    /// in the old meter, since their bars would move.
    public mutating func setMeter(_ meter: Meter?, of name: String) throws(SongModelError) {
        let section = try requireSection(name)
        let new = meter ?? self.meter
        if new != self.meter(of: section) && section.hasParts { throw .meterChangeWithParts(section: section.name) }
        update(section.name) { $0.meter = meter }
    }

    /// Sets the song's meter; refused when a section that follows it has parts.
    public mutating func setSongMeter(_ meter: Meter) throws(SongModelError) {
        if meter != self.meter, let section = sections.first(where: { $0.meter == nil && $0.hasParts }) {
            throw .meterChangeWithParts(section: section.name)
        }
        self.meter = meter
    }

    /// Applies `change` to the section called `name` (already known to exist).
    mutating func update(_ name: String, _ change: (inout Section) -> Void) {
        guard let index = sectionPosition(name) else { return }
        change(&sections[index])
    }
}

extension Song {
    /// Every part and lyric credited to the person `old` (as writer or editor) credited to
    /// `new` instead: one person's name corrected, as when the name Cowrite took from the
    /// computer's login is replaced by the writer's own. Returns how many parts and lyrics
    /// changed. The song's authors are the caller's to set.
    public mutating func renamePerson(_ old: String, to new: String) -> Int {
        var count = 0
        for index in sections.indices {
            for kind in sections[index].kinds where sections[index].parts[kind]?.provenance.renamePerson(old, to: new) == true { count += 1 }
            if sections[index].lyrics?.provenance.renamePerson(old, to: new) == true { count += 1 }
        }
        return count
    }
}
