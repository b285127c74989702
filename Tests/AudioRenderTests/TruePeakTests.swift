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
