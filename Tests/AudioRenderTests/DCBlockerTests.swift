@testable import AudioRender
import Foundation
import Testing

@Suite struct DCBlockerTests {
    /// Filters `count` frames of the two channels from `start`.
    static func filter(_ left: inout [Float], _ right: inout [Float], with blocker: inout DCBlocker, from start: Int = 0, count: Int) {
        left.withUnsafeMutableBufferPointer { l in
            right.withUnsafeMutableBufferPointer { r in blocker.process(left: l.baseAddress! + start, right: r.baseAddress! + start, count: count) }
        }
    }

    /// A constant is down to a hundredth within 0.15 s; a 40 Hz tone (a bass's low E) keeps
    /// its level within 0.1 dB; filtering in blocks is filtering in one go.
    @Test func dcGoesAndTheLowEStays() {
        let rate = 44100
        // The constant on the left, the tone on the right.
        let tone = (0..<(2 * rate)).map { Float(0.5 * sin(2 * Double.pi * 40 * Double($0) / Double(rate))) }
        var constant = [Float](repeating: 0.5, count: 2 * rate)
        var whole = tone
        var blocker = DCBlocker(sampleRate: rate)
        Self.filter(&constant, &whole, with: &blocker, count: 2 * rate)
        #expect(constant[(rate * 3 / 20)..<rate].allSatisfy { abs($0) < 0.005 })
        #expect(abs(constant[(rate / 2)..<rate].reduce(0, +) / Float(rate / 2)) < 1e-4)

        var pieces = tone, steady = [Float](repeating: 0.5, count: 2 * rate)
        var split = DCBlocker(sampleRate: rate)
        var start = 0
        for size in [1, 4095, 10000, 30000, 44100] where start < pieces.count {
            let count = min(size, pieces.count - start)
            Self.filter(&steady, &pieces, with: &split, from: start, count: count)
            start += count
        }
        Self.filter(&steady, &pieces, with: &split, from: start, count: pieces.count - start)
        #expect(pieces == whole)
        let settled = whole[rate...]
        let rms = sqrt(settled.reduce(0) { $0 + Double($1) * Double($1) } / Double(settled.count))
        #expect(abs(20 * log10(rms / (0.5 / 2.0.squareRoot()))) < 0.1, "40 Hz at \(rms)")
    }

    /// Each channel is the one-pole high-pass `y[n] = x[n] − x[n−1] + R y[n−1]` on its own
    /// (written out here in Doubles, one frame at a time, one channel at a time), with the
    /// part's gain applied first, in blocks of any size, through a silence long enough to
    /// flush the state: to the sample but where the filter's four frames at a time round a
    /// Double differently, and there within one step of a Float.
    @Test func eachChannelIsTheOnePoleFilter() {
        let rate = 44100, gain: Float = 0.7
        let left = (0..<(3 * rate)).map { $0 < 2 * rate ? Float(0.3 + 0.5 * sin(Double($0) * 0.01)) : 0 }
        let right = (0..<(3 * rate)).map { $0 < rate ? Float(-0.2 + 0.4 * sin(Double($0) * 0.003)) : 0 }
        let pole = exp(-2 * Double.pi * 5 / Double(rate))
        func reference(_ samples: [Float], blocks: [Int]) -> [Float] {
            var input = 0.0, output = 0.0, out: [Float] = [], start = 0
            for size in blocks where start < samples.count {
                for sample in samples[start..<min(samples.count, start + size)] {
                    let x = Double(sample * gain)
                    output = x - input + pole * output
                    input = x
                    out.append(Float(output))
                }
                start += size
                if abs(output) < 1e-15 { output = 0 }
            }
            return out
        }
        let blocks = [1, 777, 44100, 30000, 65536, 100_000]
        var blocker = DCBlocker(sampleRate: rate)
        var l = left, r = right
        var start = 0
        for size in blocks where start < l.count {
            let count = min(size, l.count - start)
            l.withUnsafeMutableBufferPointer { lp in r.withUnsafeMutableBufferPointer { rp in
                blocker.process(left: lp.baseAddress! + start, right: rp.baseAddress! + start, count: count, gain: gain)
            } }
            start += count
        }
        #expect(start == l.count)
        for (filtered, expected) in [(l, reference(left, blocks: blocks)), (r, reference(right, blocks: blocks))] {
            let differing = zip(filtered, expected).filter { $0 != $1 }
            #expect(differing.allSatisfy { abs($0 - $1) <= $1.ulp }, "\(differing.prefix(3))")
            #expect(differing.count * 1000 <= filtered.count, "\(differing.count) of \(filtered.count) differ")
        }
        #expect(l != left)
    }

    /// The SoundFont's Warm Pad (program 89) is not centred on zero: synthesized as it is,
    /// a held part's mean is a large share of its level; as a stem, it is centred.
    @Test func aWarmPadStemIsCentred() throws {
        let performance = try Performance(song: try fourPartSong())
        var pad = try #require(performance.tracks.first { $0.channel != 9 && !$0.notes.isEmpty })
        pad.program = 89
        func centre(blocking: Bool) throws -> (mean: Double, rms: Double) {
            var sum = 0.0, squares = 0.0, count = 0
            try StemRenderer.render(pad, of: performance, soundFont: SoundFontInfo.resolve(nil), sampleRate: 44100, tail: 2.5,
                                    pool: SynthPool(), blockingDC: blocking, isCancelled: { false }) { (left, right, frames) throws(RenderError) in
                for index in 0..<frames {
                    let value = Double(left[index]) + Double(right[index])
                    sum += value
                    squares += value * value
                }
                count += frames
            }
            return (sum / Double(count), (squares / Double(count)).squareRoot())
        }
        let raw = try centre(blocking: false), blocked = try centre(blocking: true)
        print("warm pad: raw mean \(raw.mean), rms \(raw.rms); blocked mean \(blocked.mean), rms \(blocked.rms)")
        #expect(abs(raw.mean) > 0.05 * raw.rms, "the raw synthesis carries DC")
        #expect(abs(blocked.mean) < 0.005 * blocked.rms, "the stem is centred")
    }
}
