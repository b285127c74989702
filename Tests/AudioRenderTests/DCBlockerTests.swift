@testable import AudioRender
import Foundation
import Testing

@Suite struct DCBlockerTests {
    /// A constant is down to a hundredth within 0.15 s; a 40 Hz tone (a bass's low E) keeps
    /// its level within 0.1 dB; filtering in blocks is filtering in one go.
    @Test func dcGoesAndTheLowEStays() {
        let rate = 44100
        var constant = [Float](repeating: 0.5, count: rate)
        var blocker = DCBlocker(sampleRate: rate)
        blocker.process(&constant, count: rate)
        #expect(constant[(rate * 3 / 20)...].allSatisfy { abs($0) < 0.005 })
        #expect(abs(constant[(rate / 2)...].reduce(0, +) / Float(rate / 2)) < 1e-4)

        let tone = (0..<(2 * rate)).map { Float(0.5 * sin(2 * Double.pi * 40 * Double($0) / Double(rate))) }
        var whole = tone
        var one = DCBlocker(sampleRate: rate)
        one.process(&whole, count: whole.count)
        var pieces = tone
        var split = DCBlocker(sampleRate: rate)
        pieces.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            for size in [1, 4095, 10000, 30000, 44100] where start < buffer.count {
                let count = min(size, buffer.count - start)
                split.process(buffer.baseAddress! + start, count: count)
                start += count
            }
            split.process(buffer.baseAddress! + start, count: buffer.count - start)
        }
        #expect(pieces == whole)
        let settled = whole[rate...]
        let rms = sqrt(settled.reduce(0) { $0 + Double($1) * Double($1) } / Double(settled.count))
        #expect(abs(20 * log10(rms / (0.5 / 2.0.squareRoot()))) < 0.1, "40 Hz at \(rms)")
    }

    /// The stereo blocker a stem goes through is two mono blockers to the sample, in
    /// blocks of any size, through a silence long enough to flush the state.
    @Test func theStereoBlockerIsTwoMonoOnes() {
        let rate = 44100
        let left = (0..<(3 * rate)).map { $0 < 2 * rate ? Float(0.3 + 0.5 * sin(Double($0) * 0.01)) : 0 }
        let right = (0..<(3 * rate)).map { $0 < rate ? Float(-0.2 + 0.4 * sin(Double($0) * 0.003)) : 0 }
        var monoLeft = left, monoRight = right
        var a = DCBlocker(sampleRate: rate), b = DCBlocker(sampleRate: rate)
        var stereo = DCBlocker.Stereo(sampleRate: rate)
        var l = left, r = right
        var start = 0
        for size in [1, 777, 44100, 30000, 65536, 100_000] where start < l.count {
            let count = min(size, l.count - start)
            monoLeft.withUnsafeMutableBufferPointer { a.process($0.baseAddress! + start, count: count) }
            monoRight.withUnsafeMutableBufferPointer { b.process($0.baseAddress! + start, count: count) }
            l.withUnsafeMutableBufferPointer { lp in r.withUnsafeMutableBufferPointer { rp in
                stereo.process(left: lp.baseAddress! + start, right: rp.baseAddress! + start, count: count)
            } }
            start += count
        }
        #expect(start == l.count)
        #expect(l == monoLeft && r == monoRight)
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
