@testable import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

/// The master fader ridden between sections: the rule on each section's loudness, and the
/// gain curve it makes.
@Suite("Fader ride")
struct FaderRideTests {
    @Test func theRuleKeepsSixLUThenReducesThreeToOneAndStopsAtTwelve() {
        let gains = FaderRide.gains(loudness: [-10, -14, -16, -20, -40, -.infinity])
        // 4 and 6 LU under: kept; 10 under: 6 + 4/3 = 7.33 under; 30 under: 14, held at 12.
        let expected = [0, 0, 0, 10 - (6 + 4.0 / 3), 18, 0]
        for (gain, want) in zip(gains, expected) { #expect(abs(gain - want) < 1e-9, "\(gains)") }
        #expect(FaderRide.gains(loudness: [-.infinity, -.infinity]) == [0, 0])
    }

    @Test func theRuleNeverReordersTurnsDownOrTouchesTheLoudest() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let loudness = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Double.random(in: -60 ... -5, using: &generator) }
            let gains = FaderRide.gains(loudness: loudness)
            let ridden = zip(loudness, gains).map { $0 + $1 }
            let loudest = loudness.max()!
            #expect(gains.allSatisfy { $0 >= 0 })
            #expect(ridden.allSatisfy { loudest - $0 <= FaderRide.floor + 1e-9 })
            for (index, level) in loudness.enumerated() where level == loudest { #expect(gains[index] == 0) }
            for a in loudness.indices { for b in loudness.indices where loudness[a] < loudness[b] { #expect(ridden[a] <= ridden[b] + 1e-9) } }
        }
    }

    /// A section the balance left as loud as the climax, or louder, comes down under it
    /// by `climaxMargin`, the order of the sections kept; a song whose climax is already the
    /// loudest by that much is ridden as before; a climax more than `climaxCeiling` over the
    /// rest comes down to it.
    @Test func sectionsComeDownUnderTheClimax() {
        // Chorus 2 louder than the climax (chorus 3): down to `climaxMargin` under it; chorus 1 within
        // the knee, pressed down with it, still under chorus 2; the verse left alone.
        let loudness = [-30.0, -12.0, -29.0, -8.0, -10.0]
        let gains = FaderRide.gains(loudness: loudness, climax: 4)
        let ridden = zip(loudness, gains).map { $0 + $1 }
        #expect(abs(ridden[3] - (-10 - FaderRide.climaxMargin)) < 1e-9 && gains[4] == 0, "\(ridden)")
        #expect(ridden[1] < ridden[3] && gains[1] < 0, "\(ridden)")
        #expect(gains[0] > 0 && gains[2] > 0, "the verses still ridden up: \(gains)")
        #expect(FaderRide.gains(loudness: [-20, -14, -11.5], climax: 2) == FaderRide.gains(loudness: [-20, -14, -11.5]))
        // A climax far over the rest comes down to `climaxCeiling` over the loudest other
        // (an edm arc's last chorus had played 4.2–5.7 LU over the one before, squashed).
        let slam = FaderRide.gains(loudness: [-20, -14, -8], climax: 2)
        #expect(abs(slam[2] - (-14 + FaderRide.climaxCeiling - -8)) < 1e-9 && slam[1] == 0, "\(slam)")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let loudness = (0..<Int.random(in: 2...12, using: &generator)).map { _ in Double.random(in: -40 ... -5, using: &generator) }
            let climax = Int.random(in: 0..<loudness.count, using: &generator)
            let gains = FaderRide.gains(loudness: loudness, climax: climax)
            let ridden = zip(loudness, gains).map { $0 + $1 }
            #expect(gains[climax] <= 0)
            let top = loudness.indices.filter { $0 != climax }.map { ridden[$0] }.max() ?? ridden[climax]
            #expect(ridden[climax] - top <= FaderRide.climaxCeiling + 1e-9, "\(loudness) climax \(climax): \(ridden)")
            for index in loudness.indices where index != climax {
                #expect(ridden[climax] - ridden[index] >= FaderRide.climaxMargin - 1e-9, "\(loudness) climax \(climax): \(ridden)")
                #expect(ridden[climax] - ridden[index] <= FaderRide.floor + 1e-9)
            }
            for a in loudness.indices where a != climax { for b in loudness.indices where b != climax && loudness[a] < loudness[b] { #expect(ridden[a] <= ridden[b] + 1e-9) } }
        }
    }

    /// A cue that loops its sections many times comes back bigger for three returns and
    /// then plays level: one verse and bridge looped 19 times had climbed 0.06 of energy a
    /// return to a tambourine climax at its 19th bridge, 10 LU over its first.
    @Test func aLoopedFormStopsGrowingAfterThreeReturns() throws {
        var song = Song(title: "Drift", key: try Key(parsing: "D"), tempo: 70)
        for (name, energy) in [("intro", 0.12), ("verse", 0.16), ("bridge", 0.19), ("outro", 0.12)] {
            try song.addSection(name, bars: 4)
            try song.setArcPoint(of: name, mood: .calm, energy: energy, tension: 0.2)
        }
        let form = ["intro"] + Array(repeating: ["verse", "bridge"], count: 19).flatMap { $0 } + ["outro"]
        try song.arrange(form)
        let energies = try #require(SectionLevels.energies(song: song, form: form))
        let verses = form.indices.filter { form[$0] == "verse" }.map { energies[$0] }
        for (take, energy) in verses.enumerated() where take > 0 {
            let step = take <= SectionLevels.growingReturns ? 0.06 : 0
            #expect(abs(energy - verses[take - 1] - step) < 1e-9, "verse \(take + 1): \(energy) after \(verses[take - 1])")
        }
        #expect(Performance.climax(energies, form: form) == nil)
        // Built over its own last playing for three returns; past them, only a bridge over
        // the verse just before it (a step within each pass of the loop, not a climb).
        let builds = Performance.buildsOn(energies, form: form)
        for index in form.indices {
            let take = form[..<index].filter { $0 == form[index] }.count
            let last = form[..<index].lastIndex(of: form[index])
            #expect(builds[index].contains { $0 == last } == (take >= 1 && take <= SectionLevels.growingReturns), "\(form[index]) \(take + 1): \(builds[index])")
            #expect(builds[index].allSatisfy { $0 == last || $0 == index - 1 })
        }
    }

    /// A playing builds on its section's last playing at no more energy and on the playing
    /// before it at less: it is brought up to sit `buildRise` over them, over the earlier
    /// ones as brought up; a playing after a fall is left alone, and what builds is said
    /// apart from the rest of the ride.
    @Test func aPlayingBuildsOnWhatComesBeforeIt() {
        let form = ["verse", "chorus", "verse", "chorus", "bridge", "chorus"]
        // Rising: each chorus on its verse (less energy) and on the chorus before.
        #expect(Performance.buildsOn([0.3, 0.8, 0.35, 0.85, 0.7, 1.1], form: form) == [[], [0], [0], [1, 2], [], [3, 4]])
        // Falling: the second chorus (0.6 after 0.9) builds on its verse alone, the third
        // on nothing; a step under `buildStep` is no build.
        #expect(Performance.buildsOn([0.5, 0.9, 0.5, 0.6, 0.58, 0.3], form: form) == [[], [0], [0], [2], [], []])
        #expect(Performance.buildsOn([], form: form) == [[], [], [], [], [], []])
        let built = FaderRide.built([-20, -12, -22, -13.5, -16, -13], buildsOn: [[], [], [0], [1], [], [3]])
        // The third chorus builds on the second as brought up (to -11): to -10.
        #expect(built == [0, 0, 3, 2.5, 0, 3])
        // Over two: the higher wins.
        #expect(FaderRide.built([-20, -12, -14], buildsOn: [[], [], [0, 1]]) == [0, 0, 3])
        // Louder already: nothing; silence is left alone.
        #expect(FaderRide.built([-20, -12, -.infinity, -10], buildsOn: [[], [], [0], [1]]) == [0, 0, 0, 0])
        let gains = FaderRide.gains(loudness: [-20, -12, -22, -13.5], climax: nil, buildsOn: [[], [], [0], [1]])
        #expect(gains.builds == [0, 0, 3, 2.5])
        // Then the ride as before, over the levels as built: -20 is 9 LU under the loudest
        // (-11), brought up to 7; -19 (8 under) to 6.67 under.
        for (gain, expected) in zip(gains.decibels, [2, 0, 3 + 4.0 / 3, 2.5]) { #expect(abs(gain - expected) < 1e-9, "\(gains.decibels)") }
        let notes = Renderer.balanceNotes(melody: [], over: "the chords", pad: 0, ridden: [("intro", 8.0)],
                                          built: [("chorus", "pre-chorus", 1.9), ("chorus 2", "chorus and pre-chorus 2", 2.2)])
        #expect(notes == ["quieter sections ridden up (intro +8.0 dB), to within about 12 LU of the loudest",
                          "sections built up to sit at least 1 LU over what they build on (before mastering): chorus +1.9 dB, over pre-chorus; chorus 2 +2.2 dB, over chorus and pre-chorus 2"])
    }

    @Test func theCurveRampsAtSectionStartsAndIsTheSameInAnyBlocks() {
        let rate = 1000   // a ramp of 250 frames
        let ride = FaderRide(sections: [0..<1000, 1000..<3000, 3000..<3500], decibels: [6, 0, 12], sampleRate: rate)
        let whole = ride.factors(for: 0..<3500)
        #expect(abs(whole[500] - Float(Loudness.linear(6))) < 1e-6)
        #expect(whole[2000] == 1)
        #expect(abs(whole[3400] - Float(Loudness.linear(12))) < 1e-6)
        // Centred on the start: half way through the ramp, half the change in dB.
        #expect(abs(whole[1000] - Float(Loudness.linear(3))) < 1e-6)
        #expect(abs(whole[3000] - Float(Loudness.linear(6))) < 1e-6)
        // Steps no larger than the ramp's (12 dB over 250 frames).
        for index in 1..<whole.count { #expect(abs(Loudness.decibels(Double(whole[index] / whole[index - 1]))) < 0.06) }
        var pieced: [Float] = []
        var start = 0
        for size in [7, 993, 1, 250, 1249, 1000] {
            pieced += ride.factors(for: start..<min(3500, start + size))
            start += size
        }
        #expect(pieced == whole)
    }

    @Test func theEstimateIsTheMeanEnergyAfterTheRelativeGate() {
        let ride = FaderRide(sections: [0..<100, 100..<300], decibels: [0, 0], sampleRate: 1000)
        // Equal lengths at -10 and -13: 10·log10((1 + 0.5012)/2)·… weighted by length 1:2.
        let expected = 10 * log10((100 * pow(10, -1.0) + 200 * pow(10, -1.3)) / 300)
        #expect(abs(ride.estimate(loudness: [-10, -13]) - expected) < 1e-9)
        // A section 10 LU under the ungated mean is left out, as BS.1770's relative gate does.
        #expect(abs(ride.estimate(loudness: [-10, -40]) - -10) < 1e-9)
    }
}
