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
}
