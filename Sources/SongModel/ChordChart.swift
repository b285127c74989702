import Foundation
import MusicTheory

/// The bar-line chord syntax writers type: `| Cm | Ab | Eb Bb | % |`.
///
/// Each pair of bar lines holds one bar; several chords in a bar share it equally; `%`
/// repeats the bar before. Outer bar lines are optional. A `.` (or `/`, as in slash
/// notation) holds the chord before it for one more slot, so `| C . . G |` in 4/4 plays C
/// for three beats and G on the fourth; a bar that starts with `.` holds the last chord.
/// `N.C.` (also `NC`) is no chord: the band stops until the next chord.
public enum ChordChart {
    /// `bars` played over as many times as fill `count` bars, when they fit it a whole
    /// number of times (`| Am | F | C | G |` over an 8-bar verse: the loop twice); else as
    /// given. Why: a writer's four-bar loop on an eight-bar section had been refused with
    /// "verse has 8 bars but 4 bars were given"; the refusal now names the loops that fit.
    public static func looped(_ bars: [[Chord?]], toFill count: Int) -> [[Chord?]] {
        guard !bars.isEmpty, bars.count < count, count % bars.count == 0 else { return bars }
        return Array(repeating: bars, count: count / bars.count).flatMap { $0 }
    }

    /// Parses a chart into the chords of each bar: one entry per slot, a held slot
    /// repeating the chord before it.
    ///
    /// ```swift
    /// try ChordChart.parse("| Cm | Ab | Eb Bb | % |").map { $0.map(\.description) }
    /// // [["Cm"], ["Ab"], ["Eb", "Bb"], ["Eb", "Bb"]]
    /// ```
    public static func parse(_ text: String) throws(SongModelError) -> [[Chord?]] {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("|") { body.removeFirst() }
        if body.hasSuffix("|") { body.removeLast() }
        let cells = body.split(separator: "|", omittingEmptySubsequences: false)
        var bars: [[Chord?]] = []
        for (index, cell) in cells.enumerated() {
            let words = cell.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.isEmpty { throw .emptyChordBar(bar: index + 1) }
            if words == ["%"] {
                guard let last = bars.last else { throw .repeatWithNothingBefore }
                bars.append(last)
                continue
            }
            var chords: [Chord?] = []
            for word in words {
                if word == "." || word == "/" {
                    guard let held = chords.last ?? bars.last?.last else {
                        throw .notForPart("\"\(word)\" holds the chord before it, but the chart starts with it: write a chord first, e.g. | C . . G |")
                    }
                    chords.append(held)
                    continue
                }
                chords.append(try symbol(word))
            }
            bars.append(chords)
        }
        return bars
    }

    /// The ways a chart writes no chord, compared without case.
    static let noChordWords: Set<String> = ["N.C.", "NC", "N.C"]

    /// One chord symbol, or nil for no chord ("N.C.").
    public static func symbol(_ word: String) throws(SongModelError) -> Chord? {
        if noChordWords.contains(word.uppercased()) { return nil }
        do { return try Chord(parsing: word) } catch { throw .theory(error) }
    }

    /// How many places a bar of `meter` splits into with every place on the beat grid: a
    /// whole number of beats each, or a beat split evenly (1, 2, 4 or 8 in 4/4; 1, 3 or 6
    /// in 3/4; 1, 2 or 6 in 6/8). Three places in 4/4 would put chords a third of the way
    /// through beats, where no player changes chord.
    public static func places(in meter: Meter) -> [Int] {
        (1...16).filter { count in
            guard meter.ticksPerBar % count == 0 else { return false }
            let length = meter.ticksPerBar / count, beat = meter.ticksPerBeat
            // On the grid parts are written on: sixteenths or eighth-note triplets.
            guard length % (MusicalTime.ticksPerQuarter / 4) == 0 || length % (MusicalTime.ticksPerQuarter / 3) == 0 else { return false }
            return length % beat == 0 ? (meter.ticksPerBar / beat) % (length / beat) == 0 : beat % length == 0
        }
    }

    /// How many chords a bar of `meter` takes: its even shares (`places`), and two where the
    /// bar splits in groups (`secondGroup`), as `changes` lays them.
    public static func counts(in meter: Meter) -> [Int] {
        Array(Set(places(in: meter) + (secondGroup(of: meter) != nil ? [2] : []))).sorted()
    }

    /// Where the second group of a bar of an odd number of beats starts, ticks: 5/4 as 3+2,
    /// 7/4 and 7/8 as 4+3, 3/4 as 2+1, 9/8 as 2+1 dotted quarters; nil where the bar halves
    /// on a beat. Two chords in such a bar change there.
    public static func secondGroup(of meter: Meter) -> Ticks? {
        guard meter.beatsPerBar % 2 == 1, meter.beatsPerBar > 1 else { return nil }
        return (meter.beatsPerBar + 1) / 2 * meter.ticksPerBeat
    }

    /// Lays bars of chords out as changes in `meter`, each bar's slots sharing it equally;
    /// a slot that repeats the chord before it in the bar holds it (no new change). Two
    /// chords in a bar of an odd number of beats change where its second group starts
    /// (`secondGroup`: `| C#m A |` in 5/4 changes on beat 4).
    public static func changes(for bars: [[Chord?]], meter: Meter) throws(SongModelError) -> [ChordChange] {
        var changes: [ChordChange] = []
        let places = places(in: meter)
        for (index, chords) in bars.enumerated() {
            if chords.count == 2, !places.contains(2), let split = secondGroup(of: meter) {
                changes.append(ChordChange(start: index * meter.ticksPerBar, chord: chords[0]))
                if chords[1] != chords[0] { changes.append(ChordChange(start: index * meter.ticksPerBar + split, chord: chords[1])) }
                continue
            }
            guard places.contains(chords.count) else {
                // Quoted as written: a chord held with "." reads "." again (`| C . G7 |` had
                // come back as "| C C G7 |", which the writer never typed).
                let written = chords.indices.map { slot in
                    slot > 0 && chords[slot] == chords[slot - 1] ? "." : chords[slot]?.description ?? ChordChange.noChord
                }
                throw .chordsDontDivide(bar: written.joined(separator: " "), count: chords.count, meter: meter.description)
            }
            let length = meter.ticksPerBar / chords.count
            for (slot, chord) in chords.enumerated() where slot == 0 || chords[slot - 1] != chord {
                changes.append(ChordChange(start: index * meter.ticksPerBar + slot * length, chord: chord))
            }
        }
        return changes
    }

    /// The chart of a chord part as typed: one cell per bar, "%" where a bar repeats the
    /// one before, dots where a chord is held past an equal share of the bar.
    public static func cells(of part: ChordPart, bars: Int, meter: Meter) -> [String] {
        var previous: String?
        return part.bars(bars, meter: meter).enumerated().map { index, changes in
            let text = changes.isEmpty ? nil : cell(changes, barStart: index * meter.ticksPerBar, meter: meter)
            defer { previous = text ?? previous }
            guard let text else { return "%" }
            if let previous, previous == text { return "%" }
            return text
        }
    }

    /// One bar's changes as typed: "Eb Bb" when they share the bar equally from its start,
    /// else one word per slot of the meter's unit ("C . . G"), or per half slot.
    static func cell(_ changes: [ChordChange], barStart: Ticks, meter: Meter) -> String {
        let length = meter.ticksPerBar
        let evenly = length % changes.count == 0
            && changes.enumerated().allSatisfy { $0.element.start - barStart == $0.offset * length / changes.count }
        if evenly { return changes.map(\.symbol).joined(separator: " ") }
        for slots in [meter.beats, meter.beats * 2, meter.beats * 4] where length % slots == 0 {
            let slot = length / slots
            guard changes.allSatisfy({ ($0.start - barStart) % slot == 0 }) else { continue }
            return (0..<slots).map { index in
                changes.first { $0.start - barStart == index * slot }?.symbol ?? "."
            }.joined(separator: " ")
        }
        return changes.map(\.symbol).joined(separator: " ")
    }

    /// The changes of a section `length` ticks long with bars `first`… (1-based) replaced
    /// by `bars`: what was there before and after stays, and the chord that was sounding
    /// where the new bars end keeps sounding after them.
    public static func replacing(_ changes: [ChordChange], bars newBars: [[Chord?]], from first: Int, meter: Meter,
                                 length: Ticks) throws(SongModelError) -> [ChordChange] {
        let start = (first - 1) * meter.ticksPerBar
        let end = start + newBars.count * meter.ticksPerBar
        var kept = changes.filter { $0.start < start || $0.start >= end }
        kept += try ChordChart.changes(for: newBars, meter: meter).map { ChordChange(start: $0.start + start, chord: $0.chord) }
        if end < length, !changes.contains(where: { $0.start == end }), let sounding = changes.last(where: { $0.start < end }) {
            kept.append(ChordChange(start: end, chord: sounding.chord))
        }
        return kept.sorted { $0.start < $1.start }
    }
}
