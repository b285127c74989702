import Foundation
import MusicTheory

/// The bar-line chord syntax writers type: `| Cm | Ab | Eb Bb | % |`.
///
/// Each pair of bar lines holds one bar; several chords in a bar share it equally; `%`
/// repeats the bar before. Outer bar lines are optional.
public enum ChordChart {
    /// Parses a chart into the chords of each bar.
    ///
    /// ```swift
    /// try ChordChart.parse("| Cm | Ab | Eb Bb | % |").map { $0.map(\.description) }
    /// // [["Cm"], ["Ab"], ["Eb", "Bb"], ["Eb", "Bb"]]
    /// ```
    public static func parse(_ text: String) throws(SongModelError) -> [[Chord]] {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("|") { body.removeFirst() }
        if body.hasSuffix("|") { body.removeLast() }
        let cells = body.split(separator: "|", omittingEmptySubsequences: false)
        var bars: [[Chord]] = []
        for (index, cell) in cells.enumerated() {
            let words = cell.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.isEmpty { throw .emptyChordBar(bar: index + 1) }
            if words == ["%"] {
                guard let last = bars.last else { throw .repeatWithNothingBefore }
                bars.append(last)
                continue
            }
            var chords: [Chord] = []
            for word in words {
                do { chords.append(try Chord(parsing: word)) } catch { throw .theory(error) }
            }
            bars.append(chords)
        }
        return bars
    }

    /// Lays bars of chords out as changes in `meter`, each bar's chords sharing it equally.
    public static func changes(for bars: [[Chord]], meter: Meter) throws(SongModelError) -> [ChordChange] {
        var changes: [ChordChange] = []
        for (index, chords) in bars.enumerated() {
            guard meter.ticksPerBar % chords.count == 0 else {
                throw .chordsDontDivide(bar: chords.map(\.description).joined(separator: " "),
                                        count: chords.count, meter: meter.description)
            }
            let length = meter.ticksPerBar / chords.count
            for (slot, chord) in chords.enumerated() {
                changes.append(ChordChange(start: index * meter.ticksPerBar + slot * length, chord: chord))
            }
        }
        return changes
    }

    /// The chart of a chord part as typed: one cell per bar, "%" where a bar repeats the
    /// one before.
    public static func cells(of part: ChordPart, bars: Int, meter: Meter) -> [String] {
        var previous: [Chord]?
        return part.bars(bars, meter: meter).map { changes in
            let chords = changes.map(\.chord)
            defer { previous = chords }
            if chords.isEmpty { return "%" }
            if let previous, previous == chords { return "%" }
            return chords.map(\.description).joined(separator: " ")
        }
    }
}
