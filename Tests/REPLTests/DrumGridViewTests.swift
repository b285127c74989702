import Foundation
import MusicTheory
@testable import REPL
import SongModel
import Testing

/// The drum grid as `groove` and `show` print it.
@Suite("The drum grid")
struct DrumGridViewTests {
    static let written = Provenance(origin: .person("T"), acceptedAt: Date(timeIntervalSince1970: 0))

    /// A sixteenth groove with a triplet roll in its hats stays on sixteenths, its kick
    /// where it plays, the roll shown as `r` where two hits share a step. (A trap groove's
    /// triplet rolls had turned the whole grid to triplets: a producer found its kicks drawn
    /// in the wrong places and its rolls hidden.)
    @Test func aRollInASixteenthGrooveKeepsTheGridOnSixteenths() {
        let beat = 960
        var hits = (0..<12).map { DrumHit(start: $0 * beat / 4, key: DrumKit.hat, velocity: 90) }
        hits += (0..<6).map { DrumHit(start: 3 * beat + $0 * beat / 6, key: DrumKit.hat, velocity: 90) }
        hits += [DrumHit(start: 0, key: DrumKit.kick, velocity: 110), DrumHit(start: beat + 3 * beat / 4, key: DrumKit.kick, velocity: 110),
                 DrumHit(start: 2 * beat, key: DrumKit.snare, velocity: 110)]
        let lines = DrumGridView.lines(DrumPart(hits: hits, style: nil, timing: nil, provenance: Self.written), bars: 1, meter: .fourFour, quarterTempo: 140)
        #expect(lines == [
            "  bar 1:",
            "    hat       | x x x x | x x x x | x x x x | r x r x ",
            "    snare     | · · · · | · · · · | X · · · | · · · · ",
            "    kick      | X · · · | · · · X | · · · · | · · · · ",
            "    (X accent, x hit, r roll: two hits or more in the step)",
        ])
    }

    /// In 7/8 the grid steps sixteenths, two to each eighth, whatever triplet rolls the
    /// hats play (a grid of 32nds, and one of triplets where the rolls outnumbered the
    /// straight hits, had drawn straight sixteenth hats a composer read as triplets).
    @Test func anEighthNoteMeterStepsSixteenths() throws {
        let eighth = 480
        var hits = (0..<12).map { DrumHit(start: $0 * eighth / 2, key: DrumKit.hat, velocity: 90) }
        hits += (0..<6).map { DrumHit(start: 6 * eighth + $0 * eighth / 3, key: DrumKit.hat, velocity: 90) }
        hits += [DrumHit(start: 0, key: DrumKit.kick, velocity: 110), DrumHit(start: 4 * eighth, key: DrumKit.snare, velocity: 110)]
        let lines = DrumGridView.lines(DrumPart(hits: hits, style: nil, timing: nil, provenance: Self.written), bars: 1,
                                       meter: try Meter(parsing: "7/8"), quarterTempo: 110)
        #expect(lines == [
            "  bar 1:",
            "    hat       | x x | x x | x x | x x | x x | x x | r x ",
            "    snare     | · · | · · | · · | · · | X · | · · | · · ",
            "    kick      | X · | · · | · · | · · | · · | · · | · · ",
            "    (X accent, x hit, r roll: two hits or more in the step)",
        ], "\(lines.joined(separator: "\n"))")
    }

    /// Two bars with one pattern print as one line: the glyph most of them play at each
    /// step (the first bar's among equals), and a timing mark only where both share it.
    /// (The first bar's timing had stood for every bar of the line.)
    @Test func aLineOfSeveralBarsMarksOnlyTheTimingAllOfThemShare() {
        #expect(DrumGridView.merged(["X>", "x>", "x<"]) == "x ")
        #expect(DrumGridView.merged(["X>", "X>"]) == "X>")
        #expect(DrumGridView.merged(["g ", "o>"]) == "g ")
        #expect(DrumGridView.merged(["o<"]) == "o<")
        // Three bars of one pattern, the kick accented in the first only.
        let beat = 960, bar = 4 * beat
        let hits = (0..<3).flatMap { n in [DrumHit(start: n * bar, key: DrumKit.kick, velocity: n == 0 ? 110 : 90),
                                           DrumHit(start: n * bar + beat, key: DrumKit.snare, velocity: 110)] }
        let lines = DrumGridView.lines(DrumPart(hits: hits, style: nil, timing: nil, provenance: Self.written), bars: 3, meter: .fourFour, quarterTempo: 100)
        #expect(lines == [
            "  bars 1–3:",
            "    snare     | · · · · | X · · · | · · · · | · · · · ",
            "    kick      | x · · · | · · · · | · · · · | · · · · ",
            "    (X accent, x hit; a line of several bars shows what most of them play)",
        ], "\(lines)")
    }

    /// A groove written in triplets (a shuffle) is shown in triplets.
    @Test func aTripletGrooveIsShownInTriplets() {
        let beat = 960
        let hits = (0..<4).flatMap { b in [DrumHit(start: b * beat, key: DrumKit.ride, velocity: 90), DrumHit(start: b * beat + 2 * beat / 3, key: DrumKit.ride, velocity: 60)] }
        let lines = DrumGridView.lines(DrumPart(hits: hits, style: nil, timing: nil, provenance: Self.written), bars: 1, meter: .fourFour, quarterTempo: 100)
        #expect(lines.dropFirst().first == "    ride      | x · o | x · o | x · o | x · o ")
    }
}
