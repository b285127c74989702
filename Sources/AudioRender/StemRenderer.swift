import CSampleKernels
import Foundation
import MusicTheory
import SongModel

/// Renders one track of a performance to a stereo stem with its own FluidSynth (new, or
/// made ahead of need and never played before), block by block.
enum StemRenderer {
    /// What happens at a sample frame, in the order things at one frame must happen:
    /// note-offs before pedal changes before note-ons, so a re-struck key sounds again.
    enum Action: Comparable {
        case noteOff(Int)
        case pedal(Bool)
        case expression(Int)
        case noteOn(Int, Int)

        var order: Int {
            switch self {
            case .noteOff: 0
            case .pedal(let down): down ? 2 : 1
            case .expression: 1
            case .noteOn: 3
            }
        }

        static func < (a: Action, b: Action) -> Bool { a.order < b.order }
    }

    struct Event {
        var frame: Int
        var action: Action
    }

    /// The frame of a tick at `sampleRate`.
    static func frame(of tick: Ticks, in performance: Performance, sampleRate: Int) -> Int {
        Int((performance.tempos.seconds(at: tick) * Double(sampleRate)).rounded())
    }

    /// Where a part has rung out: every sample of its last tenth of a second under
    /// −80 dBFS, as synthesized. Mastering's gain and rides lift a stem by 20 dB at the
    /// most, so what is cut there is under −60 dBFS in the mix, and the render's last fifth
    /// of a second fades it to nothing.
    static let silence = Float(Loudness.linear(-80))

    /// Frames in the last stretch of a part that `silence` is judged on.
    static func stretch(sampleRate: Int) -> Int { sampleRate / 10 }

    /// Total frames of a render: the form, then the ring-out tail (the most it can take).
    static func totalFrames(_ performance: Performance, sampleRate: Int, tail: Double) -> Int {
        frame(of: performance.endTick, in: performance, sampleRate: sampleRate) + Int(tail * Double(sampleRate))
    }

    /// A rough measure of the work a stem takes, for scheduling: the voices it sounds,
    /// each held at least an eighth note (a struck drum or a released key rings on).
    /// In ticks, which is all a comparison between the tracks of one song needs.
    static func cost(of track: Performance.Track) -> Int {
        track.notes.reduce(0) { $0 + max($1.duration, 480) }
    }

    /// Synthesizes the track a second (or less) at a time, handing each block to `sink` as
    /// it comes: a render's sink is a tape on disk, so no stem is ever whole in memory.
    /// After the form, `tail` seconds and then, while the part still sounds (its last tenth
    /// of a second over `silence`), a tenth more at a time, up to `ringOut` seconds more:
    /// a crash struck on the last downbeat rings out rather than being faded 33 dB under
    /// its stroke (measured on an energetic sketch with a fixed 2.5 s tail).
    static func render(_ track: Performance.Track, of performance: Performance, soundFont: String, sampleRate: Int,
                       tail: Double, ringOut: Double = 0, pool: SynthPool = .shared, blockingDC: Bool = true, isCancelled: @Sendable () -> Bool,
                       sink: (UnsafePointer<Float>, UnsafePointer<Float>, Int) throws(RenderError) -> Void) throws(RenderError) {
        let synth = try pool.take(soundFont: soundFont, sampleRate: Double(sampleRate))
        let channel = track.channel
        synth.programChange(channel: channel, program: track.program)
        synth.controlChange(channel: channel, controller: 7, value: 100)
        synth.controlChange(channel: channel, controller: 10, value: Int(((track.settings.pan + 1) / 2 * 127).rounded()))
        synth.controlChange(channel: channel, controller: 91, value: Int((track.settings.reverb * 127).rounded()))
        synth.controlChange(channel: channel, controller: 93, value: 0)

        var events: [Event] = []
        for note in track.notes {
            events.append(Event(frame: frame(of: note.start, in: performance, sampleRate: sampleRate), action: .noteOn(note.key, note.velocity)))
            events.append(Event(frame: frame(of: note.end, in: performance, sampleRate: sampleRate), action: .noteOff(note.key)))
        }
        for change in track.pedal {
            events.append(Event(frame: frame(of: change.tick, in: performance, sampleRate: sampleRate), action: .pedal(change.down)))
        }
        for level in performance.levels {
            events.append(Event(frame: frame(of: level.tick, in: performance, sampleRate: sampleRate), action: .expression(level.expression)))
        }
        events.sort { ($0.frame, $0.action.order) < ($1.frame, $1.action.order) }

        let total = totalFrames(performance, sampleRate: sampleRate, tail: tail)
        let gain = Float(Loudness.linear(track.settings.gain))
        var left = [Float](repeating: 0, count: sampleRate)
        var right = [Float](repeating: 0, count: sampleRate)
        var cursor = 0
        var blocker = blockingDC ? DCBlocker(sampleRate: sampleRate) : nil
        // The lead's peaks held near its own level, so the limiter need not cut them.
        var shaper = track.part == .melody ? TransientShaper(sampleRate: sampleRate) : nil
        let stretch = Self.stretch(sampleRate: sampleRate)
        var limit = total
        var lastPeak: Float = 0   // the loudest sample of the last `stretch` frames
        func advance(to target: Int) throws(RenderError) {
            let end = min(target, limit)
            while cursor < end {
                if isCancelled() { throw .cancelled }
                let count = min(end - cursor, sampleRate)
                try left.withUnsafeMutableBufferPointer { (leftBuffer) throws(RenderError) in
                    try right.withUnsafeMutableBufferPointer { (rightBuffer) throws(RenderError) in
                        guard let l = leftBuffer.baseAddress, let r = rightBuffer.baseAddress else { return }
                        try synth.write(count: count, left: l, right: r, offset: 0)
                        if blocker != nil {
                            // The gain in the blocker's own pass over the frames.
                            blocker!.process(left: l, right: r, count: count, gain: gain)
                        } else if gain != 1 {
                            for index in 0..<count {
                                l[index] *= gain
                                r[index] *= gain
                            }
                        }
                        shaper?.process(left: l, right: r, count: count)
                        if ringOut > 0 {
                            // The C kernel: a block between two drum hits is shorter than the
                            // stretch, so this runs over every sample of the part (a plain loop
                            // stayed scalar: 3% of a render's CPU).
                            let from = max(0, count - stretch)
                            let peak = max(cowrite_peak(l + from, count - from), cowrite_peak(r + from, count - from))
                            lastPeak = count >= stretch ? peak : max(peak, lastPeak)
                        }
                        try sink(l, r, count)
                    }
                }
                cursor += count
            }
        }
        for event in events {
            try advance(to: event.frame)
            switch event.action {
            case .noteOn(let key, let velocity): synth.noteOn(channel: channel, key: key, velocity: velocity)
            case .noteOff(let key): synth.noteOff(channel: channel, key: key)
            case .pedal(let down): synth.controlChange(channel: channel, controller: 64, value: down ? 127 : 0)
            case .expression(let value): synth.controlChange(channel: channel, controller: 11, value: value)
            }
        }
        try advance(to: total)
        limit = total + Int(max(0, ringOut) * Double(sampleRate))
        while cursor < limit && !(lastPeak < silence) { try advance(to: cursor + stretch) }
    }
}

/// A DC blocker: a one-pole high-pass at 5 Hz, `y[n] = x[n] − x[n−1] + R y[n−1]`.
///
/// Some of the SoundFont's samples are not centred on zero: the General MIDI Warm Pad
/// (program 89) played a calm sketch's pad at a mean of +0.026 and a dreamy sketch's
/// melody at +0.084, and the mix of its choruses at +0.137 (about −17 dBFS of DC, measured
/// from outside with numpy on the files); FluidSynth's own render of the same MIDI file
/// carries it too. DC is no sound, but it takes headroom the limiter then gives up, thumps
/// where notes start and stop, and counts in a plain RMS as if it were level. Each stem
/// is filtered as it is synthesized, so the balance, the mastering and the files all see
/// it centred (a held Warm Pad part: its mean 76% of its RMS as synthesized, 0.000002%
/// as a stem; `DCBlockerTests`). At 5 Hz the filter takes under 0.1 dB from 40 Hz (a
/// bass guitar's low E), and a step of DC is down to a hundredth within 0.15 s.
struct DCBlocker {
    private let pole: Double
    /// The two channels' last input and output, in one pair of SIMD lanes: the two
    /// feedback chains run side by side rather than one after the other.
    private var input = SIMD2<Double>(), output = SIMD2<Double>()

    init(sampleRate: Int, cutoff: Double = 5) {
        pole = exp(-2 * Double.pi * cutoff / Double(sampleRate))
    }

    /// Filters `count` frames of the two channels in place, each first multiplied by
    /// `gain` (as a Float, as a separate pass would), going on from the last call.
    ///
    /// Four frames at a time, each output taken from the one before the four
    /// (`y[n+k] = Σ R^(k−j) d[n+j] + R^(k+1) y[n−1]`, `d` the input's differences): the
    /// feedback's one product and sum then wait on each other once every four frames, not
    /// every frame (`perf` on the benchmark song: the stem loop the filter runs in, 3.5% of
    /// the render's samples, then 1.0%). The sums are the same to within a rounding of a
    /// Double; the output is rounded to a Float (the benchmark song's stems to the bit).
    mutating func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, gain: Float = 1) {
        var input = self.input, output = self.output
        let r = SIMD2(repeating: self.pole), r2 = r * r, r3 = r2 * r, r4 = r2 * r2
        var index = 0
        while index + 4 <= count {
            let x0 = SIMD2(Double(left[index] * gain), Double(right[index] * gain))
            let x1 = SIMD2(Double(left[index + 1] * gain), Double(right[index + 1] * gain))
            let x2 = SIMD2(Double(left[index + 2] * gain), Double(right[index + 2] * gain))
            let x3 = SIMD2(Double(left[index + 3] * gain), Double(right[index + 3] * gain))
            let d0 = x0 - input, d1 = x1 - x0, d2 = x2 - x1, d3 = x3 - x2
            let e1 = d1 + r * d0, e2 = d2 + r * e1, e3 = d3 + r * e2
            let y0 = d0 + r * output, y1 = e1 + r2 * output, y2 = e2 + r3 * output, y3 = e3 + r4 * output
            left[index] = Float(y0.x); right[index] = Float(y0.y)
            left[index + 1] = Float(y1.x); right[index + 1] = Float(y1.y)
            left[index + 2] = Float(y2.x); right[index + 2] = Float(y2.y)
            left[index + 3] = Float(y3.x); right[index + 3] = Float(y3.y)
            input = x3
            output = y3
            index += 4
        }
        while index < count {
            let x = SIMD2(Double(left[index] * gain), Double(right[index] * gain))
            output = x - input + r * output
            input = x
            left[index] = Float(output.x)
            right[index] = Float(output.y)
            index += 1
        }
        self.input = input
        // In a long silence the output decays towards subnormal values, slow on every
        // processor; under −300 dB it is zero (a second at 5 Hz decays it by 10^−13).
        self.output = output.replacing(with: 0, where: (output .< 1e-15) .& (output .> -1e-15))
    }
}
