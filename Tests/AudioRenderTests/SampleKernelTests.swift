import CSampleKernels
import Foundation
import Testing
@testable import AudioRender

/// The C kernels a processor with AVX2 runs against the portable ones every processor
/// runs: the same bytes and the same bits on every input tried, so a render is the same
/// file whichever the machine took. (On a processor without AVX2 both runs take the
/// portable kernels and the test says so.)
@Suite("Sample kernels", .serialized)
struct SampleKernelTests {
    /// Samples a render meets and the ones rounding and clipping turn on: ties of a
    /// 24-bit step and the floats beside them, full scale and past it, ±0, infinities,
    /// NaN, subnormals, then noise and arbitrary bit patterns.
    static func samples(count: Int) -> [Float] {
        let step = Float(1) / 8_388_608
        var values: [Float] = [0, -0, 1, -1, 1.0001, -1.0001, 0.99999994, -0.99999994, .infinity, -.infinity, .nan, -.nan,
                               .leastNonzeroMagnitude, -.leastNormalMagnitude, 0.5 * step, -0.5 * step, 1.5 * step, -1.5 * step,
                               (0.5 * step).nextDown, (-0.5 * step).nextUp, 8_388_607.5 * step, -8_388_608.5 * step]
        var seed: UInt64 = 7
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed >> 16
        }
        while values.count < count / 2 { values.append(Float(Int64(bitPattern: next() << 16) >> 16) / Float(1 << 47) * 1.2) }
        while values.count < count { values.append(Float(bitPattern: UInt32(truncatingIfNeeded: next()))) }
        return values
    }

    /// `body` run with the portable kernels, then with this processor's fastest (said in
    /// the test's output where that is the portable ones too: nothing is compared then).
    func both<T: Equatable>(_ body: () -> T) -> (portable: T, chosen: T) {
        cowrite_kernels_portable(1)
        let portable = body()
        cowrite_kernels_portable(0)
        if cowrite_kernels_wide() == 0 { print("no AVX2 on this processor: the portable kernels ran twice, nothing compared") }
        return (portable, body())
    }

    @Test func packingForAFileIsTheSameOnEveryProcessor() {
        let left = Self.samples(count: 4099), right = Array(left.reversed())
        // Every length up to 40 frames (the vector loop's edges), then the whole.
        for count in Array(0...40) + [left.count] {
            let (portable, chosen) = both { () -> [UInt8] in
                var bytes = [UInt8](repeating: 0xAB, count: 6 * count + 8)
                Samples.packedTo24Bits(left: left, right: right, count: count, into: &bytes)
                return bytes
            }
            #expect(portable == chosen, "\(count) frames")
            #expect(portable.suffix(8).allSatisfy { $0 == 0xAB }, "\(count) frames: nothing written past them")
        }
    }

    @Test func aTapesBytesAndTheSamplesReadBackAreTheSameOnEveryProcessor() {
        let source = Self.samples(count: 4101)
        for count in Array(0...40) + [source.count] {
            let (portable, chosen) = both { () -> [UInt8] in
                var bytes = [UInt8](repeating: 0xAB, count: 3 * count + 8)
                cowrite_pack_24le_scaled(source, count, 0.75, &bytes)
                return bytes
            }
            #expect(portable == chosen, "\(count) samples packed")
            #expect(portable.suffix(8).allSatisfy { $0 == 0xAB }, "\(count) samples: nothing written past them")
            let (readPortable, readChosen) = both { () -> [UInt32] in
                var floats = [Float](repeating: 0, count: count + 2)
                cowrite_unpack_24le_scaled(portable, count, 1.0 / 6_291_456, &floats)
                return floats.map(\.bitPattern)
            }
            #expect(readPortable == readChosen, "\(count) samples unpacked")
            #expect(readPortable.suffix(2) == [0, 0], "\(count) samples: nothing read into past them")
        }
        // A known value each way: 0.5 at a multiplier of 1 is step 4194304 (0x400000),
        // and −1 clips to the lowest step (0x800000).
        var bytes = [UInt8](repeating: 0, count: 30)
        cowrite_pack_24le_scaled([0.5, -1, 0.5, -1, 0.5, -1, 0.5, -1, 0.5, -1], 10, 1, &bytes)
        #expect(Array(bytes.prefix(6)) == [0x00, 0x00, 0x40, 0x00, 0x00, 0x80])
        #expect(Array(bytes.suffix(6)) == [0x00, 0x00, 0x40, 0x00, 0x00, 0x80])
    }

    @Test func truePeaksAndTheLimitersEnvelopeAreTheSameOnEveryProcessor() {
        // Finite samples only, as a render's are: noise with clicks in it.
        var samples = Self.samples(count: 20_000).map { $0.isFinite && abs($0) < 2 ? $0 : 0.25 }
        samples[17] = 1; samples[9_001] = -1; samples[9_002] = 1
        let right = Array(samples.reversed())
        let (portable, chosen) = both { () -> [UInt32] in
            [TruePeak.peak(samples), TruePeak.Fine.peak(samples), TruePeak.peak(Array(samples.prefix(11)))].map(\.bitPattern)
        }
        #expect(portable == chosen)
        #expect(portable[0] != 0 && portable[1] != 0)
        let (envelopePortable, envelopeChosen) = both { () -> [UInt32] in
            var target = [Float](repeating: 0, count: 10_000)
            samples.withUnsafeBufferPointer { l in
                right.withUnsafeBufferPointer { r in
                    target.withUnsafeMutableBufferPointer { TruePeak.envelope(left: l, right: r, first: 8, count: 9_999, into: $0) }
                }
            }
            return target.map(\.bitPattern)
        }
        #expect(envelopePortable == envelopeChosen)
        #expect(envelopePortable.last == 0, "nothing written past the frames asked for")
        // Each frame of the envelope is at least the larger sample of the frame itself.
        for frame in 0..<9_999 {
            #expect(Float(bitPattern: envelopePortable[frame]) >= max(abs(samples[frame + 8]), abs(right[frame + 8])))
        }
    }

    /// The reverb's eight combs: the lines written back, the damping stores left and the
    /// summed reads, the same bits from both kernels and from the one-frame-at-a-time loop
    /// the reverb ran in Swift before, at every length up to 40 frames and a long one.
    @Test func theReverbsCombsAreTheSameOnEveryProcessorAndAsTheLoopTheyReplaced() {
        let noise = Self.samples(count: 6000).map { $0.isFinite && abs($0) < 4 ? $0 : 0.25 }
        let (damp1, damp2, feedback): (Float, Float, Float) = (0.16, 0.84, 0.812)
        struct Result: Equatable { var lines: [[Float]], stores: [Float], output: [Float] }
        func start(_ count: Int) -> Result {
            Result(lines: (0..<8).map { Array(noise[(100 * $0)..<(100 * $0 + count + 3)]) },
                   stores: Array(noise[5000..<5008]), output: [Float](repeating: 9, count: count + 3))
        }
        let input = Array(noise[3000..<6000])
        for count in Array(0...40) + [2_011] {
            let (portable, chosen) = both { () -> Result in
                var result = start(count)
                withChannelPointers(&result.lines) { lines in
                    cowrite_combs8(lines, &result.stores, input, count, damp1, damp2, feedback, &result.output)
                }
                return result
            }
            // The Swift loop the kernel replaced.
            var reference = start(count)
            for n in 0..<count {
                var o = [Float](repeating: 0, count: 8)
                for k in 0..<8 {
                    o[k] = reference.lines[k][n]
                    reference.stores[k] = o[k] * damp2 + reference.stores[k] * damp1
                    reference.lines[k][n] = input[n] + reference.stores[k] * feedback
                }
                reference.output[n] = ((o[0] + o[1]) + (o[2] + o[3])) + ((o[4] + o[5]) + (o[6] + o[7]))
            }
            #expect(portable == chosen, "\(count) frames")
            #expect(portable == reference, "\(count) frames")
            #expect(portable.output.suffix(3) == [9, 9, 9], "nothing written past the frames")
        }
    }

    /// `body` with the first sample of each of eight lines.
    func withChannelPointers(_ lines: inout [[Float]], _ body: (UnsafePointer<UnsafeMutablePointer<Float>?>) -> Void) {
        lines.withUnsafeMutableBufferPointer { all in
            func nest(_ index: Int, _ bases: [UnsafeMutablePointer<Float>?]) {
                guard index < all.count else { return bases.withUnsafeBufferPointer { body($0.baseAddress!) } }
                all[index].withUnsafeMutableBufferPointer { nest(index + 1, bases + [$0.baseAddress]) }
            }
            nest(0, [])
        }
    }

    @Test func saysWhichKernelsRun() {
        cowrite_kernels_portable(1)
        #expect(cowrite_kernels_wide() == 0)
        cowrite_kernels_portable(0)
        #if arch(x86_64)
        // Where the processor has AVX2 (/proc/cpuinfo lists it), the wide kernels are chosen.
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let hasAVX2 = info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").contains("avx2") ?? false
        #expect(cowrite_kernels_wide() == (hasAVX2 ? 1 : 0))
        #else
        #expect(cowrite_kernels_wide() == 0)
        #endif
    }
}
