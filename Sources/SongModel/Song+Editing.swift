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
    }

    /// Renames a section, in the form too.
    public mutating func renameSection(_ old: String, to new: String) throws(SongModelError) {
        let section = try requireSection(old)
        let newName = try Section.validName(new)
        guard newName == section.name || self.section(named: newName) == nil else { throw .duplicateSection(newName) }
        update(section.name) { $0.name = newName }
        arrangement = arrangement?.map { $0 == section.name ? newName : $0 }
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
