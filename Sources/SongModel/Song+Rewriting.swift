import Foundation
import MusicTheory

/// Writing over a part that already exists is an edit, not a new part: the origin stays
/// credited and the edit records who changed which bars. That is what keeps a split
/// sheet honest when one writer reworks another's (or the engine's) chorus.
extension Song {
    /// Writes a section's chords by hand; returns what changed, in words.
    @discardableResult
    public mutating func writeChords(_ name: String, bars: [[Chord]], author: String, at date: Date) throws(SongModelError) -> String {
        let section = try requireSection(name)
        guard let old = section.chords else {
            try setChords(section.name, bars: bars, provenance: .written(by: author, at: date))
            return "written"
        }
        try setChords(section.name, bars: bars, provenance: old.provenance)
        guard let new = self.section(named: section.name)?.chords else { return "" }
        let meter = self.meter(of: section)
        let before = old.bars(section.bars, meter: meter), after = new.bars(section.bars, meter: meter)
        let changed = zip(before, after).enumerated().filter { $0.element.0.map(\.chord) != $0.element.1.map(\.chord) }.map { $0.offset + 1 }
        return recordEdit(section.name, part: .chords, changedBars: changed, of: section.bars, author: author, at: date)
    }

    /// Writes a section's melody by hand; returns what changed, in words.
    @discardableResult
    public mutating func writeMelody(_ name: String, notes: [Note], author: String, at date: Date) throws(SongModelError) -> String {
        let section = try requireSection(name)
        guard let old = section.melody else {
            try setMelody(section.name, notes: notes, provenance: .written(by: author, at: date))
            return "written"
        }
        try setMelody(section.name, notes: notes, provenance: old.provenance)
        let barLength = meter(of: section).ticksPerBar
        func byBar(_ notes: [Note]) -> [[Note]] {
            (0..<section.bars).map { bar in notes.filter { $0.start / barLength == bar } }
        }
        let changed = zip(byBar(old.notes), byBar(notes)).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        return recordEdit(section.name, part: .melody, changedBars: changed, of: section.bars, author: author, at: date)
    }

    private mutating func recordEdit(_ section: String, part: PartKind, changedBars: [Int], of bars: Int,
                                     author: String, at date: Date) -> String {
        guard !changedBars.isEmpty else { return "unchanged" }
        let change = changedBars.count == bars
            ? "rewrote all \(bars) bars"
            : (changedBars.count == 1 ? "bar " : "bars ") + changedBars.map(String.init).joined(separator: ", ")
        update(section) { section in
            let record = EditRecord(author: author, at: date, change: change)
            switch part {
            case .chords: section.chords?.provenance.edits.append(record)
            case .melody: section.melody?.provenance.edits.append(record)
            case .bass: section.bass?.provenance.edits.append(record)
            case .drums: section.drums?.provenance.edits.append(record)
            }
        }
        return "edited " + change
    }
}
