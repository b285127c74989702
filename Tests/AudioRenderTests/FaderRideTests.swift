@testable import AudioRender
import Foundation
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
    /// loudest by that much is ridden as before.
    @Test func sectionsComeDownUnderTheClimax() {
        // Chorus 2 louder than the climax (chorus 3): down to 2 LU under it; chorus 1 within
        // the knee, pressed down with it, still under chorus 2; the verse left alone.
        let loudness = [-30.0, -12.0, -29.0, -8.0, -10.0]
        let gains = FaderRide.gains(loudness: loudness, climax: 4)
        let ridden = zip(loudness, gains).map { $0 + $1 }
        #expect(abs(ridden[3] - (-12)) < 1e-9 && gains[4] == 0, "\(ridden)")
        #expect(ridden[1] < ridden[3] && gains[1] < 0, "\(ridden)")
        #expect(gains[0] > 0 && gains[2] > 0, "the verses still ridden up: \(gains)")
        #expect(FaderRide.gains(loudness: [-20, -14, -10], climax: 2) == FaderRide.gains(loudness: [-20, -14, -10]))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let loudness = (0..<Int.random(in: 2...12, using: &generator)).map { _ in Double.random(in: -40 ... -5, using: &generator) }
            let climax = Int.random(in: 0..<loudness.count, using: &generator)
            let gains = FaderRide.gains(loudness: loudness, climax: climax)
            let ridden = zip(loudness, gains).map { $0 + $1 }
            #expect(gains[climax] == 0)
            for index in loudness.indices where index != climax {
                #expect(ridden[climax] - ridden[index] >= FaderRide.climaxMargin - 1e-9, "\(loudness) climax \(climax): \(ridden)")
                #expect(ridden[climax] - ridden[index] <= FaderRide.floor + 1e-9)
            }
            for a in loudness.indices where a != climax { for b in loudness.indices where b != climax && loudness[a] < loudness[b] { #expect(ridden[a] <= ridden[b] + 1e-9) } }
        }
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
