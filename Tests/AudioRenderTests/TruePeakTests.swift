import Foundation
import Testing
@testable import AudioRender

/// The SIMD true-peak meter against libebur128's on signals with peaks between samples.
@Suite("True peak")
struct TruePeakTests {
    func decibels(_ value: Double) -> Double { 20 * log10(value) }

    func expectSameAsLibrary(_ samples: [Float], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = Double(TruePeak.peak(samples))
        let library = try Loudness.libraryTruePeak(samples, sampleRate: 44100)
        #expect(abs(decibels(ours) - decibels(library)) < 0.01, "\(what): ours \(decibels(ours)) dBTP, libebur128 \(decibels(library)) dBTP",
                sourceLocation: sourceLocation)
    }

    @Test func aSineAtAQuarterOfTheRateHasItsPeakBetweenSamples() throws {
        // Sampled 45° off its crests: every sample is at 0.707, the wave reaches 1.0.
        let samples = (0..<44100).map { Float(sin(Double.pi / 2 * Double($0) + Double.pi / 4)) }
        let peak = decibels(Double(TruePeak.peak(samples)))
        #expect(abs(peak) < 0.2, "\(peak) dBTP")
        #expect(samples.map(abs).max()! < 0.71)
        try expectSameAsLibrary(samples, "quarter-rate sine")
    }

    @Test func agreesWithLibebur128OnNoiseClicksAndMusic() throws {
        var seed: UInt64 = 42
        func next() -> Float {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: seed) >> 11) / Float(1 << 52)
        }
        try expectSameAsLibrary((0..<100_003).map { _ in next() * 0.5 }, "white noise")
        var clicks = [Float](repeating: 0, count: 10_000)
        clicks[3] = 0.9; clicks[5000] = -0.8; clicks[5001] = 0.8; clicks[9_999] = 0.7
        try expectSameAsLibrary(clicks, "clicks at the edges")
        let chord = (0..<200_000).map { n -> Float in
            let t = Double(n) / 44100
            return Float(0.3 * sin(2 * .pi * 440 * t) + 0.3 * sin(2 * .pi * 554.37 * t) + 0.3 * sin(2 * .pi * 10_987 * t))
        }
        try expectSameAsLibrary(chord, "a chord with a high partial")
        // The samples themselves are points of the oversampled signal.
        #expect(TruePeak.peak([0.5, -0.5, 0.5]) >= 0.5)
        #expect(TruePeak.peak([]) == 0)
    }

    /// The render's own meter (`TruePeak.Fine`) reads a band-limited signal's peak between
    /// samples where libebur128's short interpolator reads it low: a signal known between
    /// its samples (sines up to 19 kHz), its true peak found on a grid 64 times finer.
    @Test func theFineMeterReadsHighPartialsPeaksBetweenSamples() {
        let rate = 44100.0
        // Faded in and out over 2,000 samples (a sine cut off at a sample rings past its
        // amplitude through any band-limited interpolator).
        func tone(_ partials: [(Double, Double, Double)], at t: Double) -> Double {
            let edge = 2_000 / rate, fade = t < edge ? t / edge : t > 1 - edge ? (1 - t) / edge : 1
            return (0.5 - 0.5 * cos(.pi * max(0, min(1, fade)))) * partials.reduce(0) { $0 + $1.1 * sin(2 * .pi * $1.0 * t + $1.2) }
        }
        let cases: [(String, [(Double, Double, Double)])] = [
            ("an 18 kHz sine", [(18_000, 0.5, 0.3)]),
            ("a cymbal-like cluster", [(15_100, 0.2, 0.1), (16_700, 0.2, 1.3), (17_900, 0.2, 2.2), (19_000, 0.15, 0.7), (880, 0.2, 0)]),
            ("a chord with a high partial", [(440, 0.3, 0), (554.37, 0.3, 0.5), (10_987, 0.3, 1)]),
            // Every partial's crest at one moment a millisecond apart, between samples: a click.
            ("band-limited clicks", (1...19).map { k in (1_000 * Double(k), 0.045, Double.pi / 2 - 2 * .pi * 1_000 * Double(k) * 0.000_37) }),
        ]
        for (what, partials) in cases {
            let samples = (0..<44_100).map { Float(tone(partials, at: Double($0) / rate)) }
            // The peak of the signal itself, 64 points to a sample.
            var truth = 0.0
            for point in 0..<(44_100 * 64) { truth = max(truth, abs(tone(partials, at: Double(point) / (64 * rate)))) }
            let fine = decibels(Double(TruePeak.Fine.peak(samples))), coarse = decibels(Double(TruePeak.peak(samples)))
            #expect(abs(fine - decibels(truth)) < 0.1, "\(what): fine \(fine) dBTP, the signal's peak \(decibels(truth)) dB")
            #expect(coarse <= fine + 0.01, "\(what): libebur128's interpolator \(coarse) dBTP")
            print("\(what): the signal's peak \(decibels(truth)) dB, fine \(fine) dBTP, libebur128's interpolator \(coarse) dBTP")
        }
        let high = (0..<44_100).map { Float(0.5 * sin(2 * .pi * 18_000 * Double($0) / rate + 0.3)) }
        // Block by block, it reads what it reads in one go.
        var meter = TruePeak.Meter(fine: true)
        for start in stride(from: 0, to: high.count, by: 4_099) {
            high[start..<min(high.count, start + 4_099)].withUnsafeBufferPointer { meter.add($0) }
        }
        #expect(meter.finish() == TruePeak.Fine.peak(high))
        #expect(TruePeak.Fine.peak([0.5, -0.5, 0.5]) >= 0.5)
        #expect(TruePeak.Fine.peak([]) == 0)
    }

    /// The limiter's envelope counts the points between samples: over a whole signal its
    /// largest value is the true peak the meter reads, and on a quarter-rate sine sampled
    /// off its crests it is the crest (1.0), not the samples (0.707).
    @Test func theEnvelopeHoldsTheTruePeakAroundEachFrame() throws {
        var seed: UInt64 = 7
        func next() -> Float {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: seed) >> 11) / Float(1 << 52)
        }
        let sine = (0..<4_000).map { Float(sin(Double.pi / 2 * Double($0) + Double.pi / 4)) }
        for (left, right, what) in [(sine, sine.map { $0 * 0.5 }, "quarter-rate sine"),
                                    ((0..<10_001).map { _ in next() * 0.5 }, (0..<10_001).map { _ in next() * 0.9 }, "noise")] {
            let margin = TruePeak.envelopeMargin
            let silence = [Float](repeating: 0, count: margin)
            let paddedLeft = silence + left + silence, paddedRight = silence + right + silence
            var envelope = [Float](repeating: 0, count: left.count)
            paddedLeft.withUnsafeBufferPointer { l in
                paddedRight.withUnsafeBufferPointer { r in
                    envelope.withUnsafeMutableBufferPointer { TruePeak.envelope(left: l, right: r, first: margin, count: left.count, into: $0) }
                }
            }
            let truePeak = max(TruePeak.peak(left), TruePeak.peak(right))
            #expect(abs(20 * log10(Double(envelope.max()!)) - 20 * log10(Double(truePeak))) < 0.01, "\(what)")
            // Never under the samples themselves.
            #expect(envelope.indices.allSatisfy { envelope[$0] >= max(abs(left[$0]), abs(right[$0])) }, "\(what)")
        }
    }

    /// The envelope worked out in two halves on two cores is the one call's, to the bit:
    /// counts that are and are not multiples of 8, down to a few frames.
    @Test(arguments: [1, 7, 8, 15, 16, 17, 100, 1_001, 65_536, 65_764])
    func theEnvelopeInHalvesIsTheEnvelopeInOneCall(count: Int) {
        var seed: UInt64 = UInt64(count)
        func next() -> Float {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: seed) >> 11) / Float(1 << 52)
        }
        let margin = TruePeak.envelopeMargin, first = margin + 3
        let frames = first + count + margin
        let buffer = StereoBuffer(left: (0..<frames).map { _ in next() }, right: (0..<frames).map { _ in next() * 0.7 })
        var whole = [Float](repeating: 0, count: count)
        buffer.left.withUnsafeBufferPointer { l in
            buffer.right.withUnsafeBufferPointer { r in
                whole.withUnsafeMutableBufferPointer { TruePeak.envelope(left: l, right: r, first: first, count: count, into: $0) }
            }
        }
        let halves = TruePeak.envelope(of: buffer, first: first, count: count)
        #expect(halves.map(\.bitPattern) == whole.map(\.bitPattern))
    }
}
