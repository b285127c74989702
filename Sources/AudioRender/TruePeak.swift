import Foundation

/// True peak (ITU-R BS.1770-4, Annex 2): the highest magnitude of the signal 4×
/// oversampled, which catches the peaks between samples that a DAC or an MP3 decoder
/// will reconstruct.
///
/// The interpolator is libebur128's own: a 49-tap Hann-windowed sinc split into four
/// phases, so the figures agree with its `ebur128_true_peak` (a test holds them to
/// 0.01 dB); unlike it, this one also reads the last few samples, which the filter's
/// delay would leave out. It is done here, eight frames at a time in SIMD registers in single
/// precision, because libebur128's scalar loop took a second of CPU for the two
/// channels of a 3-minute mix — more than the rest of mastering together.
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
    ///
    /// `isCancelled` is asked every 65,536 frames; when it answers true the peak so far
    /// is returned, and the caller, asking too, throws the result away.
    static func peak(_ samples: [Float], isCancelled: () -> Bool = { false }) -> Float {
        let count = samples.count
        let c = phases
        var peak: Float = 0
        samples.withUnsafeBufferPointer { x in
            // The first frames, whose history reaches before the start, one by one (the
            // signal is taken as silent before it, as libebur128 takes it).
            let head = min(count, length)
            for n in 0..<head { peak = max(peak, scalarPeak(x, at: n, phases: c)) }
            guard count > length else {
                for n in head..<(count + length) { peak = max(peak, scalarPeak(x, at: n, phases: c)) }
                return
            }
            var wide = SIMD8<Float>(repeating: 0)
            let raw = UnsafeRawPointer(x.baseAddress!)
            // Phase 0 is the signal itself (its one non-zero tap, the centre, is 1): it
            // is the sample six frames back. Phases 1–3 have 12 taps (the window's ends
            // are zero), interleaved so the inner loop reads three in a row.
            var taps = [SIMD4<Float>](repeating: .zero, count: 12)
            for k in 0..<12 { taps[k] = SIMD4(c[1][k], c[2][k], c[3][k], 0) }
            var n = head
            var stopped = false
            taps.withUnsafeBufferPointer { t in
                while n + 8 <= count {
                    if n & 0xFFFF < 8, isCancelled() {
                        stopped = true
                        return
                    }
                    var a1 = SIMD8<Float>(repeating: 0), a2 = a1, a3 = a1
                    for k in 0..<12 {
                        let v = raw.loadUnaligned(fromByteOffset: (n - k) &* 4, as: SIMD8<Float>.self)
                        let tap = t[k]
                        a1 += v * tap.x
                        a2 += v * tap.y
                        a3 += v * tap.z
                    }
                    let a0 = raw.loadUnaligned(fromByteOffset: (n - 6) &* 4, as: SIMD8<Float>.self)
                    let m = pointwiseMax(pointwiseMax(magnitude(a0), magnitude(a1)), pointwiseMax(magnitude(a2), magnitude(a3)))
                    wide = pointwiseMax(wide, m)
                    n += 8
                }
            }
            peak = max(peak, wide.max())
            if stopped { return }
            // Then past the end, the signal taken as silent there: the filter's delay
            // would otherwise leave the last samples, and the points around them, unread.
            while n < count + length {
                peak = max(peak, scalarPeak(x, at: n, phases: c))
                n += 1
            }
        }
        return peak
    }

    private static func scalarPeak(_ x: UnsafeBufferPointer<Float>, at n: Int, phases: [[Float]]) -> Float {
        var peak: Float = 0
        for phase in phases {
            var sum: Float = 0
            for k in 0..<length where n - k >= 0 && n - k < x.count { sum += phase[k] * x[n - k] }
            peak = max(peak, abs(sum))
        }
        return peak
    }

    private static func magnitude(_ v: SIMD8<Float>) -> SIMD8<Float> { pointwiseMax(v, -v) }
}
