import CSampleKernels
import Foundation
import Testing
@testable import AudioRender

/// A tape's chunks held without loss (`cowrite_tape_encode`): every chunk decodes to the
/// very floats the 24-bit steps it replaced gave back, on every processor, in fewer bytes
/// where the music allows and never more than its bound, and bytes that are not a chunk
/// are refused, not read past.
@Suite("Tape codec", .serialized)
struct TapeCodecTests {
    /// Two channels of `frames` frames of one kind of signal.
    static func signal(_ kind: Int, frames: Int, seed: UInt64) -> (left: [Float], right: [Float]) {
        var state = seed
        func noise() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
        }
        let index = (0..<frames).map(Float.init)
        switch kind {
        case 0:   // silence
            return ([Float](repeating: 0, count: frames), [Float](repeating: 0, count: frames))
        case 1:   // full-scale noise on both channels, unrelated
            return (index.map { _ in noise() }, index.map { _ in noise() })
        case 2:   // the extremes, alternating, the channels opposed (the widest differences)
            return (index.map { Int($0) % 2 == 0 ? 1 : -1 }, index.map { Int($0) % 2 == 0 ? -1 : 1 })
        case 3:   // a low sine in the middle (one channel the other): a bass, a pad
            let wave = index.map { 0.6 * sin($0 * 0.01) }
            return (wave, wave)
        case 4:   // a decaying tone panned, with a little noise: a struck note
            return (index.map { 0.9 * exp(-$0 / 20_000) * sin($0 * 0.05) + 0.0001 * noise() },
                    index.map { 0.5 * exp(-$0 / 20_000) * sin($0 * 0.05 + 0.3) })
        case 5:   // past full scale, infinities and NaN among quiet samples
            return (index.map { [Float.infinity, 2, -.infinity, .nan][Int($0) % 4] * (Int($0) % 7 == 0 ? 1 : 0.001) },
                    index.map { $0.truncatingRemainder(dividingBy: 300) == 0 ? -3 : 0.25 * noise() })
        default:  // quiet noise: few bits a sample
            return (index.map { _ in noise() * 0.001 }, index.map { _ in noise() * 0.002 })
        }
    }

    /// The floats the 24-bit steps give back (`cowrite_pack_24le_scaled`, then
    /// `cowrite_unpack_24le_scaled`).
    static func throughSteps(_ samples: [Float], multiplier: Float, scale: Float) -> [Float] {
        var bytes = [UInt8](repeating: 0, count: 3 * samples.count + 8)
        cowrite_pack_24le_scaled(samples, samples.count, multiplier, &bytes)
        var back = [Float](repeating: 0, count: samples.count)
        cowrite_unpack_24le_scaled(bytes, samples.count, scale, &back)
        return back
    }

    @Test(arguments: 0...6)
    func everyChunkDecodesToTheFloatsItsStepsGave(kind: Int) {
        for frames in [256, 512, 4096, StemTape.chunkFrames] {
            let (left, right) = Self.signal(kind, frames: frames, seed: UInt64(kind * 1000 + frames))
            let (leftSteps, rightSteps) = (StemTape.steps(peak: cowrite_peak(left, frames)), StemTape.steps(peak: cowrite_peak(right, frames)))
            let bound = cowrite_tape_bound(frames)
            #expect(bound == frames / 256 * 1538)
            var encoded: [[UInt8]] = []
            for portable in [1, 0] {
                cowrite_kernels_portable(Int32(portable))
                var bytes = [UInt8](repeating: 0xAB, count: bound + 64)
                let length = cowrite_tape_encode(left, right, frames, leftSteps.multiplier, rightSteps.multiplier, &bytes)
                #expect(length > 0 && length <= bound, "kind \(kind), \(frames) frames: \(length) bytes of \(bound)")
                #expect(bytes[length...].allSatisfy { $0 == 0xAB }, "kind \(kind): nothing written past the chunk")
                encoded.append(Array(bytes[..<length]))
            }
            #expect(encoded[0] == encoded[1], "kind \(kind), \(frames) frames: the same bytes on every processor")
            let expectedLeft = Self.throughSteps(left, multiplier: leftSteps.multiplier, scale: leftSteps.scale)
            let expectedRight = Self.throughSteps(right, multiplier: rightSteps.multiplier, scale: rightSteps.scale)
            for portable in [1, 0] {
                cowrite_kernels_portable(Int32(portable))
                var l = [Float](repeating: 7, count: frames + 2), r = [Float](repeating: 7, count: frames + 2)
                let read = cowrite_tape_decode(encoded[0], encoded[0].count, frames, leftSteps.scale, rightSteps.scale, &l, &r)
                #expect(read == encoded[0].count)
                #expect(l.prefix(frames).map(\.bitPattern) == expectedLeft.map(\.bitPattern), "kind \(kind), \(frames) frames, left")
                #expect(r.prefix(frames).map(\.bitPattern) == expectedRight.map(\.bitPattern), "kind \(kind), \(frames) frames, right")
                #expect(l.suffix(2) == [7, 7] && r.suffix(2) == [7, 7], "nothing decoded past the frames")
            }
            cowrite_kernels_portable(0)
        }
    }

    /// What a block takes: silence two bytes, a sine sung in the middle a fraction of its
    /// 24-bit steps, noise no more than them.
    @Test func musicTakesFewerBytesThanItsSteps() {
        let frames = StemTape.chunkFrames, steps = 6 * frames
        func size(_ kind: Int) -> Int {
            let (left, right) = Self.signal(kind, frames: frames, seed: 5)
            var bytes = [UInt8](repeating: 0, count: cowrite_tape_bound(frames))
            let l = StemTape.steps(peak: cowrite_peak(left, frames)), r = StemTape.steps(peak: cowrite_peak(right, frames))
            return cowrite_tape_encode(left, right, frames, l.multiplier, r.multiplier, &bytes)
        }
        #expect(size(0) == 2 * frames / 256)
        // A sine 0.01 radians a frame moves under 2^16 steps a frame, and its second
        // difference under 2^10: mid in 11 bits a sample or fewer, side in none.
        #expect(size(3) <= frames / 256 * (2 + 32 * 11) && size(3) < steps / 4)
        #expect(size(4) < steps * 3 / 4)
        #expect(size(1) <= cowrite_tape_bound(frames) && size(1) > steps * 9 / 10)
    }

    /// A chunk cut short, or with a header no encoder writes, is refused (−1), however
    /// it was damaged.
    @Test func bytesThatAreNotAChunkAreRefused() {
        let frames = 1024
        let (left, right) = Self.signal(4, frames: frames, seed: 9)
        var bytes = [UInt8](repeating: 0, count: cowrite_tape_bound(frames))
        let length = cowrite_tape_encode(left, right, frames, 1, 1, &bytes)
        var l = [Float](repeating: 0, count: frames), r = [Float](repeating: 0, count: frames)
        for cut in [0, 1, 2, length / 2, length - 1] {
            let short = Array(bytes[..<cut])
            #expect(cowrite_tape_decode(short, cut, frames, 1, 1, &l, &r) == -1, "cut at \(cut) of \(length)")
        }
        var wide = Array(bytes[..<length])
        wide[1] = 0xFF   // a width of 31 bits
        #expect(cowrite_tape_decode(wide, wide.count, frames, 1, 1, &l, &r) == -1)
        var order = Array(bytes[..<length])
        order[0] |= 0x0C   // an order of 3
        #expect(cowrite_tape_decode(order, order.count, frames, 1, 1, &l, &r) == -1)
    }
}
