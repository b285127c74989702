import Foundation

/// True peak (ITU-R BS.1770-4, Annex 2): the highest magnitude of the signal 4×
/// oversampled, which catches the peaks between samples that a DAC or an MP3 decoder
/// will reconstruct.
///
/// The interpolator is libebur128's own: a 49-tap Hann-windowed sinc split into four
/// phases, so the figures agree with its `ebur128_true_peak` (a test holds them to
/// 0.01 dB); unlike it, this one also reads the last few samples, which the filter's
/// delay would leave out. It is done here, eight frames at a time in SIMD registers in single
/// precision (`SampleKernels.c`, in 256-bit registers on a processor with AVX2), because
/// libebur128's scalar loop took a second of CPU for the two channels of a 3-minute mix —
/// more than the rest of mastering together.
enum TruePeak {
    static let factor = 4
    /// Taps per phase: 49 taps over 4 phases, the longest phase has 13.
    static let length = 13

    /// `phases[p][k]` multiplies `x[n − k]` for the point p/4 of a sample after n − 6.
    static let phases: [[Float]] = {
        let taps = 49
        var phases = [[Float]](repeating: [Float](repeating: 0, count: length), count: factor)
        for j in 0..<taps {
            let m = Double(j) - Double(taps - 1) / 2
            var c = 1.0
            if abs(m) > 1e-9 {
                let x = m * Double.pi / Double(factor)
                c = sin(x) / x
            }
            c *= 0.5 * (1 - cos(2 * Double.pi * Double(j) / Double(taps - 1)))
            phases[j % factor][j / factor] = Float(c)
        }
        return phases
    }()

    /// The true peak of one channel, linear (1.0 is 0 dBTP).
    static func peak(_ samples: [Float]) -> Float {
        var meter = Meter()
        samples.withUnsafeBufferPointer { meter.add($0) }
        return meter.finish()
    }

    /// One channel's true peak measured block by block, as a streaming render hands the
    /// blocks over: the same figure `peak` gives for the blocks joined, since each block is
    /// read with the last samples of the one before as its history.
    ///
    /// `fine` reads the points with the longer interpolator (`Fine`), as a render reports
    /// and checks its mix; otherwise with libebur128's.
    struct Meter {
        let fine: Bool
        /// The channel's last samples, as many as the interpolator reaches back (silence
        /// before the start, as libebur128 takes it).
        private var history: [Float]
        private var peak: Float = 0
        private var joined: [Float] = []

        init(fine: Bool = false) {
            self.fine = fine
            history = [Float](repeating: 0, count: (fine ? Fine.length : length) - 1)
        }

        mutating func add(_ block: UnsafeBufferPointer<Float>) {
            guard !block.isEmpty else { return }
            joined.removeAll(keepingCapacity: true)
            joined.append(contentsOf: history)
            joined.append(contentsOf: block)
            let reach = history.count
            peak = max(peak, joined.withUnsafeBufferPointer { fine ? Fine.points($0, from: reach) : TruePeak.points($0, from: reach) })
            history = Array(joined.suffix(reach))
        }

        /// The peak, once the points just past the last sample are read too (the signal
        /// taken as silent there): the filter's delay would otherwise leave them unread.
        mutating func finish() -> Float {
            let reach = history.count
            let tail = history + [Float](repeating: 0, count: reach + 1)
            return max(peak, tail.withUnsafeBufferPointer { fine ? Fine.points($0, from: reach) : TruePeak.points($0, from: reach) })
        }
    }

    /// Frames of signal the envelope reads on either side of a frame: the interpolator's
    /// reach (a point after frame n is made from frames n − 5 … n + 6), rounded up.
    static let envelopeMargin = 8

    /// Each of `count` frames' highest magnitude in either channel, counting the three
    /// oversampled points between it and the next frame: what a limiter must hold under its
    /// ceiling for the true peak, not only the samples, to stay under it. Frame i of the
    /// result is frame `first + i` of `left` and `right`, which must hold `envelopeMargin`
    /// frames before `first` and after the last frame wanted.
    ///
    /// Why: a limiter that watches samples leaves the peaks between them 0.5–0.7 dB over its
    /// ceiling on a sketch's mix, so mastering lowered the ceiling and measured the whole song
    /// again, two to five passes for a song; held on these points, a mix's true peak lands
    /// within a few hundredths of a decibel of the ceiling on the first pass.
    static func envelope(left: UnsafeBufferPointer<Float>, right: UnsafeBufferPointer<Float>, first: Int, count: Int,
                         into target: UnsafeMutableBufferPointer<Float>) {
        precondition(first >= envelopeMargin && first + count + envelopeMargin <= min(left.count, right.count) && target.count >= count)
        // The points after frame n are the ones the C kernel and `scalarPeak` read at n + 6.
        let blocks = count / 8
        Samples.truePeakEnvelope(left: left, right: right, from: first + 6, blocks: blocks, taps: sideBySide, reach: 12, into: target)
        var n = first + 8 * blocks, out = 8 * blocks
        while out < count {
            target[out] = max(scalarPeak(left, at: n + 6, phases: phases), scalarPeak(right, at: n + 6, phases: phases))
            n += 1
            out += 1
        }
    }

    /// `envelope` of `buffer`'s frames `first ..< first + count`, its two halves on the
    /// cores at once. The halves meet at a multiple of 8 frames, so every frame is worked
    /// out by the same lanes as in one call, to the same bits.
    static func envelope(of buffer: StereoBuffer, first: Int, count: Int) -> [Float] {
        var target = [Float](repeating: 0, count: count)
        let half = count / 16 * 8
        buffer.left.withUnsafeBufferPointer { l in
            buffer.right.withUnsafeBufferPointer { r in
                target.withUnsafeMutableBufferPointer { target in
                    // The halves read the same frames and write their own.
                    nonisolated(unsafe) let l = l, r = r, t = target
                    DispatchQueue.concurrentPerform(iterations: 2) { part in
                        let start = part == 0 ? 0 : half, frames = part == 0 ? half : count - half
                        envelope(left: l, right: r, first: first + start, count: frames,
                                 into: UnsafeMutableBufferPointer(rebasing: t[start..<(start + frames)]))
                    }
                }
            }
        }
        return target
    }

    /// Phases 1–3's taps side by side, so the SIMD loop reads three in a row (phase 0 is the
    /// signal itself: its one non-zero tap, the centre, is 1; the other phases' 13th taps,
    /// the window's ends, are zero).
    private static let sideBySide: [SIMD4<Float>] = (0..<12).map { SIMD4(phases[1][$0], phases[2][$0], phases[3][$0], 0) }

    /// The largest magnitude of the oversampled points at samples `first…` of `x`, whose
    /// every point has `reach` samples of history in `x`: eight at a time in SIMD registers
    /// (`Samples.truePeakPoints`), the last few one by one; libebur128's interpolator unless given another.
    @inline(__always)
    fileprivate static func points(_ x: UnsafeBufferPointer<Float>, from first: Int, taps: [SIMD4<Float>] = sideBySide,
                                   phases: [[Float]] = phases, reach: Int = length - 1) -> Float {
        let count = x.count
        var n = first, peak: Float = 0
        if count - first >= 8 {
            peak = Samples.truePeakPoints(x, from: first, taps: taps, reach: reach)
            n = first + (count - first) / 8 * 8
        }
        while n < count {
            peak = max(peak, scalarPeak(x, at: n, phases: phases))
            n += 1
        }
        return peak
    }

    private static func scalarPeak(_ x: UnsafeBufferPointer<Float>, at n: Int, phases: [[Float]]) -> Float {
        var peak: Float = 0
        for phase in phases {
            var sum: Float = 0
            for k in phase.indices where n - k >= 0 && n - k < x.count { sum += phase[k] * x[n - k] }
            peak = max(peak, abs(sum))
        }
        return peak
    }
}

extension TruePeak {
    /// A longer interpolator for the true peak a render reports and checks: 4× oversampled
    /// as BS.1770 asks, through a 97-tap Kaiser-windowed sinc (β 5), flat within a tenth of
    /// a decibel to about 19 kHz at 44.1 kHz.
    ///
    /// Why: libebur128's 49-tap interpolator falls off well below the top octave, so it
    /// reads the peaks a cymbal or a bright synth makes between samples low. Mixes whose
    /// true peak it held at −1.35 dBTP read −1.07 to −1.19 oversampled 16× with a long filter
    /// (SciPy's `resample_poly`) and −1.0 to −1.1 in ffmpeg's `ebur128=peak=true`, while the
    /// render had said −1.3. The limiter still watches libebur128's points (`envelope`: half
    /// the work a frame, on the mix before it is limited); this one measures the mastered
    /// mix once, as it is written, and is the figure the render states.
    enum Fine {
        /// Taps per phase: 97 taps over 4 phases, phase 0 has 25 (the sample itself and zeros).
        static let length = 25
        static let taps = 97

        static func bessel0(_ x: Double) -> Double {
            var sum = 1.0, term = 1.0
            for k in 1..<40 {
                term *= (x / 2) / Double(k)
                sum += term * term
            }
            return sum
        }

        /// `phases[p][k]` multiplies `x[n − k]` for the point p/4 of a sample after n − 12.
        static let phases: [[Float]] = {
            var phases = [[Float]](repeating: [Float](repeating: 0, count: length), count: factor)
            let beta = 5.0, centre = Double(taps - 1) / 2
            for j in 0..<taps {
                let m = Double(j) - centre
                var c = 1.0
                if abs(m) > 1e-9 {
                    let x = m * Double.pi / Double(factor)
                    c = sin(x) / x
                }
                let r = m / centre
                c *= bessel0(beta * (1 - r * r).squareRoot()) / bessel0(beta)
                phases[j % factor][j / factor] = Float(c)
            }
            return phases
        }()

        /// Phases 1–3's first 24 taps side by side (their 25th, the window's ends, are zero).
        static let sideBySide: [SIMD4<Float>] = (0..<(length - 1)).map { SIMD4(phases[1][$0], phases[2][$0], phases[3][$0], 0) }

        /// The largest magnitude of the oversampled points at samples `first…` of `x`, whose
        /// every point has `length − 1` samples of history in `x`.
        static func points(_ x: UnsafeBufferPointer<Float>, from first: Int) -> Float {
            TruePeak.points(x, from: first, taps: sideBySide, phases: phases, reach: length - 1)
        }

        /// The true peak of one channel, linear (1.0 is 0 dBTP).
        static func peak(_ samples: [Float]) -> Float {
            var meter = Meter(fine: true)
            samples.withUnsafeBufferPointer { meter.add($0) }
            return meter.finish()
        }
    }
}
