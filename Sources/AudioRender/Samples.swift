import CSampleKernels
import Dispatch

/// Whole-buffer arithmetic on samples, through buffer pointers: these loops run over
/// millions of frames per render, and indexing arrays one element at a time (with its
/// bounds and exclusivity checks) made them the slowest part of mastering.
enum Samples {
    /// target[2i] = left[i], target[2i + 1] = right[i] for `count` frames: the layout
    /// libsndfile, libebur128 and the tapes take.
    static func interleave(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int,
                           into target: UnsafeMutablePointer<Float>) {
        cowrite_interleave(left, right, count, target)
    }

    /// Each sample rounded to the nearest 24-bit step (2^−23 of full scale) and clipped to
    /// full scale, as a 32-bit integer whose low byte is zero (what libsndfile writes to
    /// 24 bits unchanged). Why not libsndfile's own conversion: with clipping on, it
    /// scales to 32 bits and keeps the top 24, which truncates (floor): every file then
    /// sits half a step low on average, and a mix and its stems, each written on its own,
    /// drifted up to 4 steps apart with five stems (measured from outside, 2.0 steps on
    /// average). Rounded, each file is within half a step of the samples.
    /// Interleaved as it is rounded: target[2i] the left, target[2i + 1] the right.
    static func interleaveRoundedTo24Bits(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int,
                                          into target: UnsafeMutablePointer<Int32>) {
        // Half away from zero, as `rounded()` rounds, in C (`SampleKernels.c`): vectorized,
        // without a call into libm for each sample (a twelfth of a render's CPU once went to
        // `roundf`, and the Swift loop that replaced it to 8%). NaN writes as silence.
        cowrite_interleave_rounded_24(left, right, count, target)
    }

    /// The two channels rounded as `interleaveRoundedTo24Bits` rounds them, as a 24-bit
    /// WAV file's data: 6 × `count` bytes, little-endian, interleaved.
    static func packedTo24Bits(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int,
                               into target: UnsafeMutablePointer<UInt8>) {
        cowrite_pack_24le(left, right, count, target)
    }

    /// The largest magnitude of the 4× oversampled points after `x`'s samples from `first`,
    /// eight at a time while eight remain (`TruePeak.points` reads the last few): `taps`
    /// holds, for each of `reach` taps, phases 1–3's coefficients (`TruePeak.sideBySide`).
    /// In C (`SampleKernels.c`), in 256-bit registers where the processor has AVX2.
    static func truePeakPoints(_ x: UnsafeBufferPointer<Float>, from first: Int, taps: [SIMD4<Float>], reach: Int) -> Float {
        precondition(taps.count >= reach && first >= reach - 1)
        guard let base = x.baseAddress, x.count - first >= 8 else { return 0 }
        return taps.withUnsafeBytes { cowrite_true_peak_points(base, x.count, first, $0.baseAddress!.assumingMemoryBound(to: Float.self), reach) }
    }

    /// For each of `blocks` runs of eight frames from frame `n`, each frame's largest
    /// oversampled magnitude in either channel, into `target` (`TruePeak.envelope`).
    static func truePeakEnvelope(left: UnsafeBufferPointer<Float>, right: UnsafeBufferPointer<Float>, from n: Int, blocks: Int,
                                 taps: [SIMD4<Float>], reach: Int, into target: UnsafeMutableBufferPointer<Float>) {
        precondition(taps.count >= reach && n >= reach - 1 && n + 8 * blocks <= min(left.count, right.count) && target.count >= 8 * blocks)
        guard blocks > 0 else { return }
        taps.withUnsafeBytes {
            cowrite_true_peak_envelope(left.baseAddress!, right.baseAddress!, n, blocks, $0.baseAddress!.assumingMemoryBound(to: Float.self), reach,
                                       target.baseAddress!)
        }
    }

    /// buffer[i] ×= factor
    static func scale(inPlace buffer: inout [Float], by factor: Float) {
        buffer.withUnsafeMutableBufferPointer { samples in
            for index in samples.indices { samples[index] *= factor }
        }
    }

    /// target[i] = source[i] × factor
    static func scale(_ source: [Float], by factor: Float, into target: inout [Float]) {
        source.withUnsafeBufferPointer { input in
            target.withUnsafeMutableBufferPointer { output in
                for index in 0..<min(input.count, output.count) { output[index] = input[index] * factor }
            }
        }
    }

    /// target[i] ×= factors[i]
    static func multiply(_ target: inout [Float], by factors: [Float]) {
        factors.withUnsafeBufferPointer { gains in
            target.withUnsafeMutableBufferPointer { output in
                for index in 0..<min(gains.count, output.count) { output[index] *= gains[index] }
            }
        }
    }

    /// target[i] += source[i]
    static func add(_ source: [Float], to target: inout [Float]) {
        source.withUnsafeBufferPointer { input in
            target.withUnsafeMutableBufferPointer { output in
                for index in 0..<min(input.count, output.count) { output[index] += input[index] }
            }
        }
    }

    /// Each of `reads`' frames `offset ..< offset + count` times `curve`, into the matching
    /// buffer of `products` (each `count` frames long); into `mix` (`count` frames of
    /// silence) their sum, stem by stem in order, the same sums as adding each product in
    /// turn (`Samples.add`); and, unless `loudest` is empty, into it (`count` zeros) each
    /// frame's largest magnitude in any product or the mix.
    ///
    /// The frames are shared out on the cores in slices, each slice making every stem's
    /// products, the mix and the peaks of its own frames. Why: the first look had summed the
    /// products and found the peaks on its own thread once they were made, 23 ms of its
    /// 150 on the thread every block waits for.
    static func master(_ reads: [StereoBuffer], from offset: Int, count: Int, by curve: [Float], into products: inout [StereoBuffer],
                       mix: inout StereoBuffer, loudest: inout [Float]) {
        let slices = max(1, min(8, count / 4096)), peaked = !loudest.isEmpty
        withChannels(of: &products) { channels in
            mix.left.withUnsafeMutableBufferPointer { mixLeft in
                mix.right.withUnsafeMutableBufferPointer { mixRight in
                    loudest.withUnsafeMutableBufferPointer { peaks in
                        curve.withUnsafeBufferPointer { curve in
                            // Each job reads the stems and the curve, and writes only its own frames.
                            nonisolated(unsafe) let c = curve.baseAddress!, channels = channels
                            nonisolated(unsafe) let mixLeft = mixLeft.baseAddress!, mixRight = mixRight.baseAddress!, peaks = peaked ? peaks.baseAddress : nil
                            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                                let first = count * slice / slices, last = count * (slice + 1) / slices
                                for (index, read) in reads.enumerated() {
                                    let pl = channels[2 * index], pr = channels[2 * index + 1]
                                    read.left.withUnsafeBufferPointer { l in
                                        read.right.withUnsafeBufferPointer { r in
                                            let l = l.baseAddress! + offset, r = r.baseAddress! + offset
                                            for frame in first..<last {
                                                pl[frame] = l[frame] * c[frame]
                                                pr[frame] = r[frame] * c[frame]
                                            }
                                        }
                                    }
                                    for frame in first..<last {
                                        mixLeft[frame] += pl[frame]
                                        mixRight[frame] += pr[frame]
                                    }
                                    if let peaks {
                                        for frame in first..<last { peaks[frame] = max(peaks[frame], abs(pl[frame]), abs(pr[frame])) }
                                    }
                                }
                                if let peaks {
                                    for frame in first..<last { peaks[frame] = max(peaks[frame], abs(mixLeft[frame]), abs(mixRight[frame])) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs `body` with the first sample of every channel of `buffers`: the left, then the
    /// right, stem by stem.
    static func withChannels<Result>(of buffers: inout [StereoBuffer], _ body: ([UnsafeMutablePointer<Float>]) -> Result) -> Result {
        buffers.withUnsafeMutableBufferPointer { all in
            func nest(_ index: Int, _ channels: [UnsafeMutablePointer<Float>]) -> Result {
                guard index < all.count else { return body(channels) }
                return all[index].left.withUnsafeMutableBufferPointer { left in
                    all[index].right.withUnsafeMutableBufferPointer { right in
                        nest(index + 1, channels + [left.baseAddress!, right.baseAddress!])
                    }
                }
            }
            return nest(0, [])
        }
    }

    /// Raises `peaks` to the stem's absolute sample values where they are higher.
    static func raisePeak(_ peaks: inout [Float], with stem: StereoBuffer) {
        peaks.withUnsafeMutableBufferPointer { p in
            stem.left.withUnsafeBufferPointer { l in
                stem.right.withUnsafeBufferPointer { r in
                    for index in 0..<min(p.count, l.count) { p[index] = max(p[index], abs(l[index]), abs(r[index])) }
                }
            }
        }
    }

    /// Raises each value of `target` to the matching value of `peaks` times `scale`.
    static func raise(_ target: inout [Float], to peaks: ArraySlice<Float>, scale: Float) {
        target.withUnsafeMutableBufferPointer { t in
            peaks.withUnsafeBufferPointer { p in
                for index in 0..<min(t.count, p.count) { t[index] = max(t[index], p[index] * scale) }
            }
        }
    }
}
