import Foundation
import Testing
@testable import AudioRender

/// The balance's own integrated-loudness meter against libebur128's on the same frames.
@Suite("Gated loudness")
struct GatedLoudnessTests {
    func measured(_ stretches: [(left: [Float], right: [Float])], sampleRate: Int, chunk: Int) -> Double {
        let meters = stretches.map { stretch -> GatedLoudness in
            var meter = GatedLoudness(sampleRate: sampleRate)
            var start = 0
            while start < stretch.left.count {
                let end = min(stretch.left.count, start + chunk)
                stretch.left.withUnsafeBufferPointer { l in
                    stretch.right.withUnsafeBufferPointer { r in meter.add(left: l.baseAddress! + start, right: r.baseAddress! + start, count: end - start) }
                }
                start = end
            }
            return meter
        }
        return GatedLoudness.integrated(over: meters)
    }

    func noise(_ count: Int, level: Float, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return level * Float(Int64(bitPattern: state) >> 11) / Float(1 << 52)
        }
    }

    func tone(_ count: Int, hertz: Double, level: Double, rate: Int) -> [Float] {
        (0..<count).map { Float(level * sin(2 * .pi * hertz * Double($0) / Double(rate))) }
    }

    @Test(arguments: [44100, 48000])
    func agreesWithLibebur128(_ rate: Int) throws {
        // A chord over a bass note with a swell, noise, a tone after silence (the filter
        // decaying through it), and silence with a soft stretch the relative gate drops.
        let chord = (0..<(rate * 5)).map { n -> Float in
            let t = Double(n) / Double(rate), swell = 0.5 + 0.5 * sin(t)
            return Float(swell * (0.2 * sin(2 * .pi * 55 * t) + 0.1 * sin(2 * .pi * 440 * t) + 0.05 * sin(2 * .pi * 3520 * t)))
        }
        let late = [Float](repeating: 0, count: rate * 4) + tone(rate * 2, hertz: 1000, level: 0.3, rate: rate)
        let gated = tone(rate * 3, hertz: 200, level: 0.5, rate: rate) + tone(rate * 3, hertz: 200, level: 0.005, rate: rate)
        let cases: [(String, [(left: [Float], right: [Float])])] = [
            ("chord", [(chord, chord.map { $0 * 0.7 })]),
            ("noise", [(noise(rate * 3, level: 0.3, seed: 1), noise(rate * 3, level: 0.3, seed: 2))]),
            ("a tone after silence", [(late, late)]),
            ("a soft stretch under the relative gate", [(gated, gated)]),
            ("three stretches pooled", [(chord, chord), (late, late), (noise(rate * 2, level: 0.1, seed: 3), noise(rate * 2, level: 0.1, seed: 4))]),
        ]
        for (what, stretches) in cases {
            let library = try Loudness.libraryIntegrated(stretches, sampleRate: rate)
            for chunk in [65536, 4410, 777] {
                let ours = measured(stretches, sampleRate: rate, chunk: chunk)
                #expect(abs(ours - library) < 1e-6, "\(what), \(rate) Hz, chunks of \(chunk): ours \(ours), libebur128 \(library)")
            }
        }
    }

    @Test func silenceAndStretchesShorterThanABlockHaveNoLoudness() throws {
        let short = tone(44100 * 39 / 100, hertz: 440, level: 0.5, rate: 44100)
        #expect(measured([(short, short)], sampleRate: 44100, chunk: 1000) == -.infinity)
        #expect(try Loudness.libraryIntegrated([(short, short)], sampleRate: 44100) == -.infinity)
        let quiet = [Float](repeating: 0, count: 44100 * 2)
        #expect(measured([(quiet, quiet)], sampleRate: 44100, chunk: 1000) == -.infinity)
        #expect(GatedLoudness.integrated(over: []) == -.infinity)
    }

    /// The loudest momentary (400 ms) and short-term (3 s) loudness, which a Broadcast Wave
    /// file's bext chunk carries, as libebur128 reads its windows every 100 ms.
    @Test(arguments: [44100, 48000])
    func theLoudestWindowsAreLibebur128s(_ rate: Int) throws {
        // Soft, then a loud second, then middling: the maxima sit in the middle.
        let shape = (0..<(rate * 9)).map { n -> Float in
            let t = Double(n) / Double(rate)
            let level = t > 3 && t < 4 ? 0.6 : (t < 3 ? 0.05 : 0.2)
            return Float(level * sin(2 * .pi * 220 * t) + 0.02 * sin(2 * .pi * 2500 * t))
        }
        let library = try Loudness.libraryLoudestWindows(left: shape, right: shape, sampleRate: rate)
        var meter = GatedLoudness(sampleRate: rate)
        shape.withUnsafeBufferPointer { meter.add(left: $0.baseAddress!, right: $0.baseAddress!, count: shape.count) }
        #expect(abs(meter.maxMomentary - library.momentary) < 1e-6, "ours \(meter.maxMomentary), libebur128 \(library.momentary)")
        #expect(abs(meter.maxShortTerm - library.shortTerm) < 1e-6, "ours \(meter.maxShortTerm), libebur128 \(library.shortTerm)")
        #expect(meter.maxMomentary > meter.maxShortTerm && meter.maxShortTerm > meter.integrated)
    }

    /// What the final pass reports of the files it writes (integrated loudness, loudness
    /// range, sample peak), as libebur128 reports them on the same frames, however the
    /// frames come in.
    @Test(arguments: [44100, 48000])
    func theReportIsLibebur128s(_ rate: Int) throws {
        // Levels that move over twenty seconds (a range of several LU), a quiet stretch
        // under the range's relative gate, silence first, and noise.
        let moving = (0..<(rate * 20)).map { n -> Float in
            let t = Double(n) / Double(rate)
            let level = t < 6 ? 0.1 : (t < 12 ? 0.4 : (t < 14 ? 0.004 : 0.25 + 0.15 * sin(t)))
            return Float(level * (sin(2 * .pi * 110 * t) + 0.3 * sin(2 * .pi * 1320 * t)))
        }
        let late = [Float](repeating: 0, count: rate * 5) + tone(rate * 9, hertz: 700, level: 0.5, rate: rate)
        let cases: [(String, [(left: [Float], right: [Float])])] = [
            ("levels that move", [(moving, moving.map { -$0 * 0.8 })]),
            ("a tone after silence", [(late, late)]),
            ("noise", [(noise(rate * 12, level: 0.3, seed: 5), noise(rate * 12, level: 0.2, seed: 6))]),
            ("sections pooled", [(moving, moving), (late, late)]),
            ("two seconds: no short-term window", [(tone(rate * 2, hertz: 440, level: 0.5, rate: rate), tone(rate * 2, hertz: 440, level: 0.5, rate: rate))]),
        ]
        for (what, stretches) in cases {
            let library = try Loudness.libraryReport(stretches, sampleRate: rate)
            for chunk in [65536, 4410, 777] {
                let meters = stretches.map { stretch -> LoudnessMeter in
                    let meter = LoudnessMeter(sampleRate: rate, truePeak: true)
                    var start = 0
                    while start < stretch.left.count {
                        let end = min(stretch.left.count, start + chunk)
                        stretch.left.withUnsafeBufferPointer { l in
                            stretch.right.withUnsafeBufferPointer { r in
                                meter.add(left: UnsafeBufferPointer(rebasing: l[start..<end]), right: UnsafeBufferPointer(rebasing: r[start..<end]))
                            }
                        }
                        start = end
                    }
                    return meter
                }
                let integrated = LoudnessMeter.integrated(over: meters)
                #expect(abs(integrated - library.integrated) < 1e-6, "\(what), \(rate) Hz, chunks of \(chunk): integrated \(integrated), libebur128 \(library.integrated)")
                if meters.count == 1 {
                    let report = meters[0].report()
                    #expect(abs(report.range - library.range) < 1e-6, "\(what), \(rate) Hz, chunks of \(chunk): range \(report.range), libebur128 \(library.range)")
                    #expect(report.samplePeak == Loudness.decibels(library.samplePeak), "\(what): sample peak \(report.samplePeak), libebur128 \(Loudness.decibels(library.samplePeak))")
                    #expect(abs(report.integrated - library.integrated) < 1e-6)
                    if what == "levels that move" { #expect(report.range > 3, "a range worth measuring: \(report.range) LU") }
                } else {
                    let range = GatedLoudness.range(over: meters.map(\.gated))
                    #expect(abs(range - library.range) < 1e-6, "\(what), \(rate) Hz: pooled range \(range), libebur128 \(library.range)")
                }
            }
        }
    }

    /// A stretch of what a meter measured (a section of a render) is measured from the
    /// hops it kept: the first of two tones as libebur128 measures it alone (its blocks and
    /// filter start where the meter's did), the second within a hundredth of a decibel (the
    /// filter comes into it already moving), and a stretch under a block has no loudness.
    @Test(arguments: [44100, 48000])
    func aStretchIsMeasuredAsOnItsOwn(_ rate: Int) throws {
        let loud = tone(rate * 5, hertz: 1000, level: 0.3, rate: rate), soft = tone(rate * 6, hertz: 300, level: 0.02, rate: rate)
        var meter = GatedLoudness(sampleRate: rate)
        let whole = loud + soft
        whole.withUnsafeBufferPointer { meter.add(left: $0.baseAddress!, right: $0.baseAddress!, count: whole.count) }
        let first = try Loudness.libraryIntegrated([(loud, loud)], sampleRate: rate)
        let second = try Loudness.libraryIntegrated([(soft, soft)], sampleRate: rate)
        #expect(abs(meter.integrated(frames: 0..<loud.count) - first) < 1e-6, "\(meter.integrated(frames: 0..<loud.count)) against \(first)")
        let measured = meter.integrated(frames: loud.count..<whole.count)
        #expect(abs(measured - second) < 0.01, "\(measured) against \(second)")
        #expect(first - measured > 20)
        #expect(meter.integrated(frames: 0..<(rate * 3 / 10)) == -.infinity)
        #expect(meter.integrated(frames: whole.count..<(whole.count + rate)) == -.infinity)
    }
}
