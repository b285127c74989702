import Foundation
import MusicTheory
import SongModel

/// One bar's rhythm as the folk songs sing it: (onset, length) in sixteenths, and how many
/// bars of the corpus have it.
struct FolkRhythm: Sendable {
    let notes: [(Int, Int)]
    let count: Int
}

/// What the learning script counted for one meter (`tools/learn/learn.py`).
struct FolkMeterTable: Sendable {
    let songs: Int
    let bars: Int
    /// The corpus's notes per bar, for comparison.
    let notesPerBar: Double
    /// The corpus's share of 4-note figures (intervals and rhythm) heard more than once in a song.
    let figureRecurrence: Double
    let rhythms: [FolkRhythm]
    /// Melodic intervals −12…+12 semitones into a note on a strong beat, as shares.
    let strongIntervals: [Double]
    /// The same into a note on a weak beat.
    let weakIntervals: [Double]
    /// Which bars of a 4-bar phrase repeat an earlier bar's rhythm ("AABA"), with counts.
    let schemes: [(String, Int)]

    /// The share of an interval, into a strong or weak note; wider than an octave counts as one.
    func share(of interval: Int, strong: Bool) -> Double {
        let index = max(-12, min(12, interval)) + 12
        return (strong ? strongIntervals : weakIntervals)[index]
    }
}

/// The folk tables read for a section's meter: which table each part of the bar uses.
///
/// The corpus has 4/4, 3/4, 2/4 and 6/8; other meters are laid together from those (5/4 is
/// 3/4 + 2/4, 7/4 is 4/4 + 3/4, 12/8 two bars of 6/8, 2/2 the bar of 4/4). Meters that do not
/// divide so (7/8, 9/8, 5/8) have no table, and the generator writes their bars beat by beat.
struct FolkModel: Sendable {
    /// Each part of the bar: its table's name, its table, where it starts in the bar, and
    /// its length in sixteenths.
    let parts: [(meter: String, table: FolkMeterTable, start: Ticks, sixteenths: Int)]
    /// A sixteenth of the written values, in ticks (twice as long in half-note meters).
    let sixteenth: Ticks
    /// The writer's own style, when its tables are the ones read.
    let learned: LearnedStyle?

    /// The tables for `meter`: a learned style's own for that meter when it has them,
    /// else the folk songs'.
    init?(meter: Meter, learned: LearnedStyle? = nil) {
        let quarter = MusicalTime.ticksPerQuarter
        if let learned, let table = learned.melodyTable(for: meter) {
            parts = [(meter.description, table, 0, meter.ticksPerBar / (quarter / 4))]
            sixteenth = quarter / 4
            self.learned = learned
            return
        }
        self.learned = nil
        var names: [String]
        switch meter.unit {
        case 4, 2:
            let quarters = meter.beats * (4 / meter.unit)
            switch quarters {
            case 2: names = ["2/4"]
            case 3: names = ["3/4"]
            case 4: names = ["4/4"]
            case 5: names = ["3/4", "2/4"]
            case 6: names = ["3/4", "3/4"]
            case 7: names = ["4/4", "3/4"]
            case 8: names = ["4/4", "4/4"]
            case 9: names = ["3/4", "3/4", "3/4"]
            default: return nil
            }
        case 8 where meter.beats % 6 == 0:
            names = Array(repeating: "6/8", count: meter.beats / 6)
        default:
            return nil
        }
        var parts: [(String, FolkMeterTable, Ticks, Int)] = []
        var start: Ticks = 0
        for name in names {
            guard let table = FolkTables.meters[name] else { return nil }
            let sixteenths = FolkModel.sixteenths(in: name)
            parts.append((name, table, start, sixteenths))
            start += sixteenths * quarter / 4
        }
        guard start == meter.ticksPerBar else { return nil }
        self.parts = parts
        self.sixteenth = quarter / 4
    }

    static func sixteenths(in name: String) -> Int {
        switch name {
        case "2/4": 8
        case "3/4", "6/8": 12
        default: 16
        }
    }

    /// Notes a bar in the writer's own melodies, when the tables are theirs.
    var learnedNotesPerBar: Double? { learned == nil ? nil : parts.first?.table.notesPerBar }

    /// The table intervals are read from: the bar's first part.
    var intervals: FolkMeterTable { parts[0].table }

    /// Songs and meters, for reasons: "1,482 folk songs in 4/4".
    var summary: String {
        if let learned, let part = parts.first { return "\(learned.credit), \(part.table.bars) bars in \(part.meter)" }
        let names = Array(Set(parts.map(\.meter))).sorted()
        let songs = names.compactMap { FolkTables.meters[$0]?.songs }.reduce(0, +)
        return "\(songs) Essen folk songs in \(names.joined(separator: " and "))"
    }

    /// A bar's rhythm near `target` notes, as (onset in the bar, length) in ticks. A cadence bar
    /// ends on a note of a quarter or more and has few notes.
    func bar(target: Double, cadence: Bool, generator: inout SeededGenerator) -> [(Ticks, Ticks)] {
        var notes: [(Ticks, Ticks)] = []
        let total = Double(parts.reduce(0) { $0 + $1.sixteenths })
        for (index, part) in parts.enumerated() {
            let share = target * Double(part.sixteenths) / total
            let closing = cadence && index == parts.count - 1
            var options = part.table.rhythms.filter { rhythm in
                // The folk bars start on the downbeat (a pickup is the plan's); a writer's own
                // bars may come in late, as they play them.
                guard let last = rhythm.notes.last, let first = rhythm.notes.first, first.0 == 0 || learned != nil else { return false }
                return !closing || (last.1 >= 4 && last.0 + last.1 == part.sixteenths && rhythm.notes.count <= 3)
            }
            if options.isEmpty { options = part.table.rhythms }
            let weights = options.map { rhythm in
                Double(rhythm.count) * exp(-1.6 * abs(Double(rhythm.notes.count) - (closing ? min(share, 2.5) : share)))
            }
            let chosen = options[generator.pick(weights: weights)]
            notes += chosen.notes.map { (part.start + $0.0 * sixteenth, $0.1 * sixteenth) }
        }
        return notes
    }

    /// A 4-bar scheme of repeated bar rhythms, drawn by how often the corpus has it, leaning
    /// (half a share more per repeated bar) to schemes that repeat: a songwriter's tool is
    /// asked for hooks more often than a folk singer's verse is. Where `preferring` is
    /// given, drawn from the first of its tests that some scheme passes (all of them when
    /// none does).
    func scheme(preferring tests: [(String) -> Bool] = [], generator: inout SeededGenerator) -> String {
        let all = parts[0].table.schemes
        let schemes = tests.lazy.map { test in all.filter { test($0.0) } }.first { !$0.isEmpty } ?? all
        guard !schemes.isEmpty else { return "ABCD" }
        return schemes[generator.pick(weights: schemes.map { Double($0.1) * (1 + 0.5 * Double($0.0.count - Set($0.0).count)) })].0
    }
}
