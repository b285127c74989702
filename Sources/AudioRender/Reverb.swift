import CSampleKernels
import Foundation

/// The band's one reverb, on a send bus: Freeverb (Jezar at Dreampoint's public-domain
/// design, the reverb FluidSynth itself shipped until 2.1): eight parallel damped comb
/// filters and four allpasses in series per channel, the right channel's delays 23
/// samples longer than the left's for width.
///
/// Why a reverb of Cowrite's own and not FluidSynth's: FluidSynth's reverb lives inside
/// each synthesizer and hears only that synthesizer's voices, so five stems meant five
/// reverbs, each run over the whole song whether its part played or not: 1.0–1.4 s of a
/// calm sketch's 5.3–5.5 s of CPU (measured with FluidSynth's reverb switched off). It takes
/// no outside signal, so it cannot be shared, and a part's reverb has to move with the
/// part when the balance lifts it after synthesis. Here the stems are synthesized dry, each
/// part sends to this one reverb as the balance leaves it (`ReverbBus`), and the return
/// is a stem of its own that sums with the others to the mix.
///
/// Tuned against FluidSynth 2.3's reverb at its defaults, on a short piano chord sent at
/// the parts' default (CC 91 at 32), synthesized with FluidSynth's reverb on and off
/// (`ReverbTests`): the reverb sits 17.3 dB under the chord (FluidSynth's 17.4) and decays
/// 60 dB in 1.08 s (FluidSynth's 0.97); a click's tail is about as wide (left–right
/// correlation 0.24; FluidSynth's piano tail measured 0.27). On four sketches (calm, dreamy,
/// tense, energetic) the return sits within 5 dB of what FluidSynth's reverbs added, octave
/// band by octave band from 20 Hz (the old mix less the new dry stems); overall it is 1–3
/// dB wetter, the dreamy one 2 dB drier, as FluidSynth's presets send unequally.
final class Reverb {
    static let combTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617]
    static let allpassTunings = [556, 441, 341, 225]
    static let stereoSpread = 23
    /// Freeverb's room size (0...1 → comb feedback 0.7...0.98), damping (0...1 → the
    /// feedback's low-pass 0...0.4) and width, for the decay above; the damping keeps the
    /// return's top octaves near FluidSynth's (at 0.2 they came back 2–3 dB brighter).
    static let roomSize = 0.4, damping = 0.4, width = 0.8
    /// Input to output at a send of 1, set so that at the parts' default send (0.25) a
    /// piano chord's reverb comes as far under the chord as FluidSynth's did at CC 91 32.
    static let level: Float = 0.0075
    /// The send is high-passed here first, as an engineer cuts the lows from a reverb
    /// send: without it the bass and the kick drum filled the reverb (a listening check
    /// measured the return's 20–80 Hz 8–11 dB louder against the mix than FluidSynth's
    /// reverbs had made it, the bass 8–12 dB wetter); with it, 4–5 dB under them on the
    /// same four sketches, and a 50 Hz tone returns 12 dB under a 1 kHz one.
    static let lowCutHz = 120.0
    /// After this long with no input the tail is under −300 dB: the lines are cleared and
    /// silence costs nothing until a part sends again.
    static let quietSeconds = 6.0

    /// The sixteen combs (the left channel's eight, then the right's) and the eight
    /// allpasses, and each comb's damping store. Held through pointers, not arrays: they
    /// are read and moved on many times a block, and a class's array properties are checked
    /// for exclusive access at run time on every touch (2% of a render's CPU went to
    /// those checks when they were arrays).
    private let combs: UnsafeMutablePointer<Line>
    private let allpasses: UnsafeMutablePointer<Line>
    private let stores: UnsafeMutablePointer<Float>
    private static let combCount = 16
    private let feedback: Float, damp1: Float, damp2: Float
    private let wet1: Float, wet2: Float
    private let quietFrames: Int
    private var silentFor = Int.max
    private var lowCut: HighPass

    /// A delay line in one shared allocation: its start and length, and where it is.
    private struct Line {
        var start: Int, length: Int, position = 0
    }
    private let memory: UnsafeMutableBufferPointer<Float>
    /// The send scaled, and each channel's combs and allpasses, for one call.
    private var scratch: [Float] = []

    init(sampleRate: Int) {
        let scale = Double(sampleRate) / 44100
        func length(_ tuning: Int) -> Int { max(1, Int((Double(tuning) * scale).rounded())) }
        var start = 0
        var combs: [Line] = [], allpasses: [Line] = []
        // Left channel's lines first, then the right's, each a spread longer.
        for spread in [0, Reverb.stereoSpread] {
            for tuning in Reverb.combTunings {
                combs.append(Line(start: start, length: length(tuning + spread)))
                start += combs.last!.length
            }
        }
        for spread in [0, Reverb.stereoSpread] {
            for tuning in Reverb.allpassTunings {
                allpasses.append(Line(start: start, length: length(tuning + spread)))
                start += allpasses.last!.length
            }
        }
        self.combs = .allocate(capacity: combs.count)
        self.combs.initialize(from: combs, count: combs.count)
        self.allpasses = .allocate(capacity: allpasses.count)
        self.allpasses.initialize(from: allpasses, count: allpasses.count)
        memory = .allocate(capacity: start)
        memory.initialize(repeating: 0)
        stores = .allocate(capacity: combs.count)
        stores.initialize(repeating: 0, count: combs.count)
        feedback = Float(Reverb.roomSize * 0.28 + 0.7)
        damp1 = Float(Reverb.damping * 0.4)
        damp2 = 1 - damp1
        // Freeverb's wet scale (3) and its width mix of the two channels.
        wet1 = Float(3 * (Reverb.width / 2 + 0.5))
        wet2 = Float(3 * ((1 - Reverb.width) / 2))
        quietFrames = Int(Reverb.quietSeconds * Double(sampleRate))
        lowCut = HighPass(sampleRate: sampleRate, cutoff: Reverb.lowCutHz)
    }

    deinit {
        memory.deallocate()
        combs.deallocate()
        allpasses.deallocate()
        stores.deallocate()
    }

    /// Reverberates `count` frames of the mono send into `left` and `right` (overwritten),
    /// going on from the last call.
    func process(send: UnsafePointer<Float>, count: Int, left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>) {
        var heard = false
        for index in 0..<count where send[index] != 0 { heard = true; break }
        if heard {
            silentFor = 0
        } else if silentFor >= quietFrames {
            left.update(repeating: 0, count: count)
            right.update(repeating: 0, count: count)
            return
        } else {
            silentFor += count
            if silentFor >= quietFrames { clear() }
        }
        if scratch.count < 3 * count { scratch = [Float](repeating: 0, count: 3 * count) }
        scratch.withUnsafeMutableBufferPointer { scratch in
            let input = scratch.baseAddress!, outL = input + count, outR = outL + count
            lowCut.process(send, into: input, count: count, gain: Reverb.level)
            // Each channel's combs, then each allpass in turn over the whole block, in
            // chunks in which their lines do not wrap: a line's writes come back round to be
            // read only after the chunk, so its frames are independent but for the combs'
            // damping, and each line runs along a chunk unbroken. (An allpass hears only the
            // one before it, so running each over the block gives the same samples as
            // running all of them frame by frame.)
            // The two channels' lines are apart: they run on two cores at once.
            let work = Channels(reverb: self, input: input, outputs: (outL, outR))
            DispatchQueue.concurrentPerform(iterations: 2) { channel in
                work.reverb.run(channel: channel, input: work.input, output: channel == 0 ? work.outputs.0 : work.outputs.1, count: count)
            }
            for frame in 0..<count {
                left[frame] = outL[frame] * wet1 + outR[frame] * wet2
                right[frame] = outR[frame] * wet1 + outL[frame] * wet2
            }
        }
    }

    /// What the two channels' threads share: the send, read by both, and an output each;
    /// each thread touches only its own channel's lines.
    private struct Channels: @unchecked Sendable {
        let reverb: Reverb
        let input: UnsafePointer<Float>
        let outputs: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
    }

    /// One channel's combs, then its allpasses, over `count` frames.
    private func run(channel: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int) {
        let first = channel * 8
        var done = 0
        while done < count {
            var chunk = count - done
            for index in first..<(first + 8) { chunk = min(chunk, combs[index].length - combs[index].position) }
            combChannel(channel, input + done, output + done, chunk)
            done += chunk
        }
        for pass in (channel * 4)..<(channel * 4 + 4) {
            done = 0
            while done < count {
                let chunk = min(count - done, allpasses[pass].length - allpasses[pass].position)
                allpass(pass, output + done, chunk)
                done += chunk
            }
        }
    }

    /// The eight combs of a channel (0 left, 1 right) over `count` frames of `input`,
    /// summed into `output` (`cowrite_combs8`: in C, eight frames at a time in vector
    /// registers where the processor has AVX2, the same bits as one frame of each comb in
    /// turn, which is how the Swift loop ran, at 57 ms a channel of a 3-minute song).
    private func combChannel(_ channel: Int, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ count: Int) {
        let first = channel * 8, base = memory.baseAddress!
        func at(_ index: Int) -> UnsafeMutablePointer<Float>? { base + combs[first + index].start + combs[first + index].position }
        let lines = [at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7)]
        lines.withUnsafeBufferPointer { lines in
            cowrite_combs8(lines.baseAddress!, stores + first, input, count, damp1, damp2, feedback, output)
        }
        for index in first..<(first + 8) { combs[index].position = (combs[index].position + count) % combs[index].length }
    }

    /// Freeverb's allpass (feedback and feedforward of a half) over `count` frames, in place.
    private func allpass(_ index: Int, _ samples: UnsafeMutablePointer<Float>, _ count: Int) {
        let line = memory.baseAddress! + allpasses[index].start + allpasses[index].position
        for n in 0..<count {
            let x = samples[n], delayed = line[n]
            line[n] = x + delayed * 0.5
            samples[n] = delayed - x
        }
        allpasses[index].position = (allpasses[index].position + count) % allpasses[index].length
    }

    private func clear() {
        memory.update(repeating: 0)
        stores.update(repeating: 0, count: Reverb.combCount)
        lowCut.reset()
    }
}

/// A second-order Butterworth high-pass (the Audio EQ Cookbook's, Q = 1/√2: 12 dB an
/// octave), in Double, as its poles sit close to 1 at low cut-offs.
struct HighPass {
    private let b0, b1, b2, a1, a2: Double
    private var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0

    init(sampleRate: Int, cutoff: Double) {
        let w = 2 * Double.pi * cutoff / Double(sampleRate)
        let alpha = sin(w) / (2 * 0.5.squareRoot()), cosine = cos(w), a0 = 1 + alpha
        b0 = (1 + cosine) / 2 / a0
        b1 = -(1 + cosine) / a0
        b2 = b0
        a1 = -2 * cosine / a0
        a2 = (1 - alpha) / a0
    }

    /// Forgets what it has heard.
    mutating func reset() { x1 = 0; x2 = 0; y1 = 0; y2 = 0 }

    /// Filters `count` samples of `source` into `target`, times `gain`, going on from the
    /// last call.
    mutating func process(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int, gain: Float) {
        var x1 = self.x1, x2 = self.x2, y1 = self.y1, y2 = self.y2
        for index in 0..<count {
            let x = Double(source[index])
            // The last output's term last: only its product and one subtraction wait for
            // the frame before (`KWeighting` does the same), where the plain order made
            // the reverb's send wait three operations a frame, 25 ms of a 3-minute song on
            // the first look's own thread.
            let y = ((b0 * x + b1 * x1 + b2 * x2) - a2 * y2) - a1 * y1
            x2 = x1; x1 = x; y2 = y1; y1 = y
            target[index] = Float(y) * gain
        }
        // A long silence decays the state towards subnormal values, slow on every processor.
        if abs(y1) < 1e-20 && abs(y2) < 1e-20 && x1 == 0 && x2 == 0 { y1 = 0; y2 = 0 }
        self.x1 = x1; self.x2 = x2; self.y1 = y1; self.y2 = y2
    }
}
