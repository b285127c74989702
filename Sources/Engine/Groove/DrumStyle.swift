import Foundation
import MusicTheory
import SongModel

/// A drum style as data: one bar of grid per instrument, optional hits with the energy
/// they need and their probability, how it swings and sits, and its fill.
///
/// Grid glyphs: `X` accent, `x` normal, `o` soft, `g` ghost, `.` rest. The catalogue is in
/// `DrumStyle+Catalog.swift`.
public struct DrumStyle: Sendable, Hashable {
    /// The style's name; its aliases are the vocabulary's (`DrumStyleName`).
    public var id: DrumStyleName
    /// The meter the grid is written in: "4/4", "3/4", "6/8".
    public var meter: String
    /// Grid steps per counted beat: 4 (sixteenths), 3 (triplets; eighths in 6/8).
    public var stepsPerBeat: Int
    /// key → one bar of glyphs.
    public var grid: [Int: String]
    /// Optional hits: key, step, glyph, probability, and the energy they need.
    public var extras: [Extra]
    /// Swing by tempo: nil for straight; the swung unit (960 eighths, 480 sixteenths) and
    /// how deep the style swings (1 = Friberg & Sundström's full ratio).
    public var swing: (unit: Int, depth: Double)?
    /// A grid of triplets that swings a beat's eighths (jazz, the shuffle): its "and" is
    /// the beat's last triplet. (A 6/8 grid of three eighths a beat is straight.)
    public var swingsTriplets: Bool { stepsPerBeat == 3 && swing != nil }
    public var feel: Feel
    /// Typical tempo range, for the label and for sketches.
    public var tempo: ClosedRange<Int>
    public var about: String
    /// The name of the writer's own style this was learned as (`LearnedStyle.drumStyle`);
    /// `id` is then the built-in style it stands in for (fills, the melody it implies).
    public var learned: String? = nil
    /// A learned style's drummer timing, laid on its grooves.
    public var timing: GrooveTemplate? = nil
    /// Where each kind of drum sits in that timing, on average over the places it is
    /// played, on the beat and off it, for the reasons.
    public var placement: [Placement] = []

    /// One role's average offset in ticks (late positive) where it plays on the beat and
    /// off it; nil where it does not play.
    public struct Placement: Sendable, Hashable {
        public var role: DrumKit.Role
        public var onBeat: Double?
        public var offBeat: Double?
    }

    /// The placement in words at a tempo: "snare +38 ms on the beat; cymbal on the grid,
    /// +50 ms off it".
    public func placementSummary(quarterTempo: Double) -> String {
        let msPerTick = 60_000 / (quarterTempo * Double(MusicalTime.ticksPerQuarter))
        func place(_ ticks: Double) -> String { abs(ticks * msPerTick) < 1 ? "on the grid" : String(format: "%+.0f ms", ticks * msPerTick) }
        return placement.map { row in
            let on = row.onBeat.map(place), off = row.offBeat.map(place)
            if let on, let off { return on == off ? "\(row.role.rawValue) \(on)" : "\(row.role.rawValue) \(on) on the beat, \(off) off it" }
            return "\(row.role.rawValue) " + (on.map { "\($0) on the beat" } ?? off.map { "\($0) off the beat" } ?? "")
        }.joined(separator: "; ")
    }

    public struct Extra: Sendable, Hashable {
        public var key: Int
        public var step: Int
        public var glyph: Character
        public var probability: Double
        public var minEnergy: Double
    }

    public var name: String { learned ?? id.rawValue }

    public static func == (a: DrumStyle, b: DrumStyle) -> Bool { a.id == b.id && a.learned == b.learned }
    public func hash(into hasher: inout Hasher) { hasher.combine(id); hasher.combine(learned) }

    public var stepsPerBar: Int { grid.values.first?.count ?? 16 }

    /// Ticks in the style's counted beat: a quarter in 4/4 and 3/4, a dotted quarter in 6/8.
    public var beatTicks: Ticks { ((try? Meter(parsing: meter)) ?? .fourFour).ticksPerBeat }

    /// Looks a style up by name or alias.
    public static func named(_ text: String) -> DrumStyle? {
        DrumStyleName.named(text).map(style)
    }

    /// The catalogue's row for a style name (every name has one; a test checks).
    public static func style(_ id: DrumStyleName) -> DrumStyle {
        all.first { $0.id == id } ?? all[0]
    }

    /// The style that fits a meter when the requested one is written for another: a 3/4
    /// section gets the waltz, 6/8 and 12/8 the six-eight feel. A 3/8 bar is a short waltz
    /// to a straight style: the `groove` command had squeezed pop's backbeat into its three
    /// eighths (snare on the third) where a sketch in 3/8 played the waltz.
    /// A swung triplet style (jazz, the shuffle) in a meter counted in eighths (5/8, 7/8)
    /// plays its straight-eighth form (`inEighths`).
    public func fitting(_ meter: Meter) -> DrumStyle {
        if meter.description == self.meter { return self }
        if meter.beats == 3 && meter.unit == 4 { return (learned == nil ? inThree() : nil) ?? DrumStyle.style(.waltz) }
        if meter.isCompound { return DrumStyle.style(.sixEight) }
        if meter.beats == 3 && !swingsTriplets && learned == nil { return DrumStyle.style(.waltz) }
        if swingsTriplets, learned == nil, let groups = meter.eighthGroups { return inEighths(groups, starting: meter.eighthGroupStarts) }
        return self
    }

    /// A swung style in 3/4 (jazz, the shuffle; nil for the others): the jazz waltz — the ride's "ding, ding-da
    /// ding", the pedal hat on 2 and 3, the feathered kick — or a shuffle in three, swung
    /// as in 4/4. (The straight waltz had played a "jazz waltz" sketch at 1.00:1.)
    func inThree() -> DrumStyle? {
        var style = self
        style.meter = "3/4"
        switch id {
        case .jazz:
            style.grid = [DrumStyle.ride: "x..x.xx..", DrumStyle.pedal: "...x..x..", DrumStyle.kick: "g..g..g.."]
            style.extras = [DrumStyle.extra(DrumStyle.snare, 5, "g", 0.4, 0.4), DrumStyle.extra(DrumStyle.kick, 8, "o", 0.2, 0.7)]
            style.about = "jazz waltz: the ride's ding, ding-da ding, hat on 2 and 3, feathered kick"
        case .shuffle:
            style.grid = [DrumStyle.kick: "X........", DrumStyle.snare: "...x..x..", DrumStyle.hat: "x.xx.xx.x"]
            style.extras = [DrumStyle.extra(DrumStyle.kick, 8, "o", 0.4, 0.5)]
            style.about = "shuffle in three: long-short on every beat, kick on 1, snare on 2 and 3"
        default:
            return nil
        }
        return style
    }

    /// A swung style's bar in straight eighths, grouped as players count a bar of eighths
    /// (`Meter.eighthGroups`: 7/8 as 2+2+3). Its triplet grid does not fit such a bar (a 7/8
    /// bar is ten and a half triplets, so the pattern slid against the bar and left eighths
    /// empty), and a swung pair cannot span a group of three: drummers play 5/8 and 7/8
    /// jazz with even eighths, the groups' firsts leading. Jazz: the ride on every eighth,
    /// the pedal hat on each group after the first, the feathered kick on each group's
    /// first. The shuffle: hats on every eighth, the kick and the backbeat taking the
    /// groups in turn (7/8: kick on 1 and 5, snare on 3 and 6, as rock plays it).
    func inEighths(_ groups: [Int], starting starts: [Int]) -> DrumStyle {
        let eighths = groups.reduce(0, +)
        func row(_ glyph: (Int) -> Character?) -> String {
            String((0..<eighths).flatMap { eighth in [glyph(eighth) ?? ".", "."] })
        }
        let counted = groups.map(String.init).joined(separator: "+")
        let lastMiddle = starts.count % 2 == 1 && groups.last.map { $0 > 2 } == true ? starts[starts.count - 1] + 1 : nil
        var style = self
        style.meter = "4/4"
        style.stepsPerBeat = 4
        style.swing = nil
        switch id {
        case .jazz:
            style.grid = [DrumStyle.ride: row { starts.contains($0) ? "x" : "o" },
                          DrumStyle.pedal: row { starts.dropFirst().contains($0) ? "x" : nil },
                          DrumStyle.kick: row { starts.contains($0) ? "g" : nil }]
            // The "bomb": a kick on the off-beat eighth before the last group (on a group's
            // first it doubled the feathered kick there).
            let bomb = starts.count > 1 ? starts[starts.count - 1] - 1 : eighths - 1
            style.extras = groups.indices.map { DrumStyle.extra(DrumStyle.snare, 2 * (starts[$0] + groups[$0] - 1), "g", 0.4, 0.4) }
                + [DrumStyle.extra(DrumStyle.kick, 2 * bomb, "o", 0.2, 0.7)]
            style.about = "ride on every eighth in \(counted), each group's first leading, hat on the groups after the first, feathered kick"
        default:
            style.grid = [DrumStyle.hat: row { starts.contains($0) ? "x" : "o" },
                          DrumStyle.kick: row { eighth in starts.firstIndex(of: eighth).flatMap { $0 % 2 == 0 ? ($0 == 0 ? "X" : "x") : nil } },
                          DrumStyle.snare: row { eighth in starts.firstIndex(of: eighth).map { $0 % 2 == 1 ? "X" : nil } ?? (eighth == lastMiddle ? "X" : nil) }]
            style.extras = [DrumStyle.extra(DrumStyle.kick, 2 * (eighths - 1), "o", 0.4, 0.5)]
            style.about = "straight eighths on the hats in \(counted), kick and backbeat taking the groups in turn"
        }
        return style
    }

    static func velocity(_ glyph: Character) -> Int? {
        switch glyph {
        case "X": 115
        case "x": 96
        case "o": 72
        case "g": 42
        default: nil
        }
    }
}

extension Meter {
    /// A bar counted in eighths (5/8, 7/8, 3/8; not the compound 6/8, 9/8, 12/8) as players
    /// group it: twos, then a three where the count is odd — 7/8 as 2+2+3, as its chords
    /// split 4+3 (`ChordChart.secondGroup`); nil for other meters.
    public var eighthGroups: [Int]? {
        guard unit == 8, !isCompound else { return nil }
        if beats < 3 { return [beats] }
        return beats % 2 == 0 ? Array(repeating: 2, count: beats / 2) : Array(repeating: 2, count: (beats - 3) / 2) + [3]
    }

    /// The eighth each of `eighthGroups` starts on (7/8: 0, 2, 4); empty for other meters.
    public var eighthGroupStarts: [Int] {
        guard let groups = eighthGroups else { return [] }
        return groups.indices.map { groups[..<$0].reduce(0, +) }
    }
}
