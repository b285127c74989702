import MusicTheory
import Testing
@testable import SongModel

/// A played feel learned as a template: a shuffle written on triplets is learned as
/// straight eighths played late (so it swings a straight part), true triplets keep their
/// grid, and a place one drum never played follows the drums that did.
@Suite("Groove templates")
struct GrooveTemplateTests {
    @Test func aShuffleIsLearnedAsLateEighths() throws {
        var hits: [DrumHit] = []
        for beat in 0..<8 {
            hits.append(DrumHit(start: beat * 960, key: DrumKit.hat, velocity: 90))
            hits.append(DrumHit(start: beat * 960 + 640, key: DrumKit.hat, velocity: 70, offset: 6))   // the shuffled off-beat
            if beat % 2 == 1 { hits.append(DrumHit(start: beat * 960, key: DrumKit.snare, velocity: 100, offset: 20)) }
            if beat % 2 == 0 { hits.append(DrumHit(start: beat * 960, key: DrumKit.kick, velocity: 110)) }
        }
        let template = try #require(GrooveTemplate.learn(from: hits, barLength: 3840, source: "test"))
        #expect(template.slot == 240 && template.slotsPerBar == 16)
        #expect(template.offsets["cymbal"]?[2] == 166)   // 640 − 480, and 6 late as played
        #expect(template.offsets["cymbal"]?[0] == 0)
        #expect(template.offsets["snare"]?[4] == 20)
        // The kick never played the off-beat: there it follows the swung hat, not the grid
        // (and on beats 2 and 4, the snare and hat played there: +3 ms on the beats on average).
        #expect(template.offset(for: DrumKit.kick, at: 480) == 166)
        #expect(template.summary(quarterTempo: 120).hasPrefix("kick +3 ms, snare +5 ms, cymbal on the beat, eighths 2.06:1"), "\(template.summary(quarterTempo: 120))")
    }

    @Test func trueTripletsKeepTheirGrid() throws {
        let hits = (0..<12).map { DrumHit(start: $0 * 320, key: DrumKit.ride, velocity: 80, offset: $0 % 3 == 2 ? 10 : 0) }
        let template = try #require(GrooveTemplate.learn(from: hits, barLength: 3840, source: "test"))
        #expect(template.slot == 320 && template.slotsPerBar == 12)
        #expect(template.offsets["cymbal"]?[2] == 10 && template.offsets["cymbal"]?[1] == 0)
    }

    @Test func aPartOnTheGridHasNoFeelToLearn() {
        let hits = (0..<8).map { DrumHit(start: $0 * 480, key: DrumKit.hat, velocity: 80) }
        #expect(GrooveTemplate.learn(from: hits, barLength: 3840, source: "test") == nil)
    }
}
