import Foundation
import MusicTheory

/// Writing over a part that already exists is an edit, not a new part: the origin stays
/// credited and the edit records who changed which bars. That is what keeps a split
/// sheet honest when one writer reworks another's (or the engine's) chorus.
extension Song {
    /// Writes a section's chords by hand, a shorter loop that fits the section played over
    /// to fill it (`ChordChart.looped`); returns what changed, in words.
    @discardableResult
    public mutating func writeChords(_ name: String, bars given: [[Chord?]], author: String, at date: Date) throws(SongModelError) -> String {
        let section = try requireSection(name)
        let chordBars = ChordChart.looped(given, toFill: section.bars)
        guard chordBars.count == section.bars else {
            throw .chordBarCount(section: section.name, given: chordBars.count, expected: section.bars)
        }
        let meter = self.meter(of: section)
        let changes = try ChordChart.changes(for: chordBars, meter: meter)
        try Self.requireAChord(changes)
        let old = section.chords
        let changed = old.map { old in
            zip(old.bars(section.bars, meter: meter), ChordPart(changes: changes, provenance: old.provenance).bars(section.bars, meter: meter))
                .enumerated().filter { $0.element.0.map(\.chord) != $0.element.1.map(\.chord) }.map { $0.offset + 1 }
        } ?? []
        return try write(.chords, in: section, changedBars: changed, author: author, at: date) { content in
            if case .chords(_, let comping) = content { content = .chords(changes: changes, comping: comping) }
        }
    }

    /// Writes bars `first`… of a section's chords by hand (one chord, one bar or a few),
    /// keeping the rest; returns what changed, in words.
    @discardableResult
    public mutating func writeChords(_ name: String, bars chordBars: [[Chord?]], from first: Int, author: String,
                                     at date: Date) throws(SongModelError) -> String {
        let section = try requireSection(name)
        guard let old = section.chords else { throw .noPart(.chords, section: section.name) }
        let last = first + chordBars.count - 1
        guard first >= 1, last <= section.bars else {
            throw .barOutOfRange(bar: last > section.bars ? last : first, section: section.name, bars: section.bars, part: .chords)
        }
        let meter = self.meter(of: section)
        let changes = try ChordChart.replacing(old.changes, bars: chordBars, from: first, meter: meter, length: section.bars * meter.ticksPerBar)
        try Self.requireAChord(changes)
        let changed = zip(old.bars(section.bars, meter: meter), ChordPart(changes: changes, provenance: old.provenance).bars(section.bars, meter: meter))
            .enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        return try write(.chords, in: section, changedBars: changed, author: author, at: date) { content in
            if case .chords(_, let comping) = content { content = .chords(changes: changes, comping: comping) }
        }
    }

    /// A chord part of nothing but N.C. would be silence the engine cannot follow.
    static func requireAChord(_ changes: [ChordChange]) throws(SongModelError) {
        guard changes.contains(where: { $0.chord != nil }) else {
            throw .notForPart("the chart has no chord, only N.C.: write at least one chord, e.g. | N.C. | C | G | C |")
        }
    }

    /// Writes a section's melody by hand; returns what changed, in words.
    @discardableResult
    public mutating func writeMelody(_ name: String, notes: [Note], author: String, at date: Date) throws(SongModelError) -> String {
        try writeLine(.melody, name, notes: notes, author: author, at: date)
    }

    /// Writes a line part (melody, bass, pad) over what is there, as `writeMelody` does.
    public mutating func writeLine(_ kind: PartKind, _ name: String, notes: [Note], author: String, at date: Date) throws(SongModelError) -> String {
        let section = try requireSection(name)
        let barLength = meter(of: section).ticksPerBar
        func byBar(_ notes: [Note]) -> [[Note]] {
            (0..<section.bars).map { bar in notes.filter { $0.start / barLength == bar } }
        }
        let changed = section.notes(of: kind).map { zip(byBar($0), byBar(notes)).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 } } ?? []
        return try write(kind, in: section, changedBars: changed, author: author, at: date) { $0 = .notes(notes) }
    }

    /// Writes bars `first`… of a section's melody (or another line part) by hand, as many
    /// bars as `length` fills, keeping every other bar; `notes` start at tick 0 of bar
    /// `first`. A kept note that rang on into the rewritten bars is cut at their start,
    /// as `bars=` on a request does. A line that ends inside a bar (five beats typed for
    /// one bar of 4/4, or three) writes over that bar only as far as it goes: the bar's
    /// notes after it stay (a newcomer's overlong bar 2 had left bar 3 empty but for its
    /// overhang). A part not written yet starts empty, so a line can be typed bar by bar.
    /// Returns what changed, in words.
    @discardableResult
    public mutating func writeLine(_ kind: PartKind, _ name: String, notes: [Note], length: Ticks, from first: Int,
                                   author: String, at date: Date) throws(SongModelError) -> String {
        let section = try requireSection(name)
        let old = section.notes(of: kind) ?? []
        let barLength = meter(of: section).ticksPerBar
        let span = max(1, (length + barLength - 1) / barLength)
        let last = first + span - 1
        guard first >= 1, last <= section.bars else {
            throw .barOutOfRange(bar: last > section.bars ? last : first, section: section.name, bars: section.bars, part: kind)
        }
        let start = (first - 1) * barLength
        let end = Song.endsInsideABar(length: length, barLength: barLength) ? start + length : last * barLength
        var kept: [Note] = []
        for var note in old where note.start < start || note.start >= end {
            if note.start < start && note.end > start { note.duration = start - note.start }
            kept.append(note)
        }
        let placed = notes.map { note -> Note in
            var note = note
            note.start += start
            return note
        }
        return try writeLine(kind, name, notes: (kept + placed).sorted { ($0.start, $0.pitch.midi) < ($1.start, $1.pitch.midi) },
                             author: author, at: date)
    }

    /// Whether a line written from a bar line ends inside a bar: five beats for one bar of
    /// 4/4, or three and a half. It then writes over that bar only as far as it goes
    /// (`writeLine(_:_:notes:length:from:author:at:)`): a short bar line had turned the
    /// rest of its bar into a rest, said only by the note count (a band leader's A4 gone).
    public static func endsInsideABar(length: Ticks, barLength: Ticks) -> Bool { length % barLength != 0 }

    /// Writes over a part through `edit`, naming the changed bars; a new part is "written".
    private mutating func write(_ kind: PartKind, in section: Section, changedBars: [Int], author: String, at date: Date,
                                _ body: (inout PartContent) throws(SongModelError) -> Void) throws(SongModelError) -> String {
        let isNew = section.parts[kind] == nil
        let change = changedBars.count == section.bars
            ? "all \(section.bars) bars"
            : (changedBars.count == 1 ? "bar " : "bars ") + changedBars.map(String.init).joined(separator: ", ")
        let empty: PartContent = kind.row.shape == .chords ? .chords(changes: [], comping: nil) : .notes([])
        let changed = try edit(kind, in: section.name, by: author, at: date, change: change, starting: empty, body)
        if isNew { return "written" }
        return changed && !changedBars.isEmpty ? "edited " + change : "unchanged"
    }
}
