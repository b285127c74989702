import Foundation

/// What mastering aims for.
public struct MasteringTarget: Sendable, Hashable {
    /// Integrated loudness, LUFS (streaming services normalise to about −14).
    public var lufs: Double
    /// True-peak ceiling, dBTP (−1 avoids clipping after lossy encoding).
    public var truePeak: Double

    public init(lufs: Double = -14, truePeak: Double = -1) {
        self.lufs = lufs
        self.truePeak = truePeak
    }
}

/// The result in memory: mastered stems, their exact sum, and what was measured and done.
public struct MasteredAudio: Sendable {
    public var stems: [StereoBuffer]
    public var mix: StereoBuffer
    public var before: LoudnessReport
    public var after: LoudnessReport
    /// Gain applied before limiting, dB.
    public var gain: Double
    /// Deepest gain reduction the limiter applied, dB (0 or negative).
    public var limiting: Double
    /// How far the melody was lifted over the chords and pad before mastering, dB.
    public var melodyLift = 0.0
    /// How far the bass was turned down under the melody before mastering, dB (0 or negative).
    public var bassChange = 0.0
    /// The most the bass was brought up in any section before mastering, dB (0 or more).
    public var bassLift = 0.0
    /// How far the drums were brought up before mastering, dB (0 or more).
    public var drumsChange = 0.0
}

/// What `Balance` sets one stem to before mastering: a constant factor, and for a part
/// balanced section by section, a gain curve over the song's sections (ramped between
/// them as the ride is).
public struct StemGain: Sendable {
    public var factor: Float = 1
    public var curve: FaderRide? = nil

    public init(factor: Float = 1, curve: FaderRide? = nil) {
        self.factor = factor
        self.curve = curve
    }

    /// Scales `buffer`, whose first frame is frame `start` of the song.
    func apply(to buffer: inout StereoBuffer, at start: Int) {
        if factor != 1 {
            Samples.scale(inPlace: &buffer.left, by: factor)
            Samples.scale(inPlace: &buffer.right, by: factor)
        }
        if let curve {
            let factors = curve.factors(for: start..<(start + buffer.frames))
            Samples.multiply(&buffer.left, by: factors)
            Samples.multiply(&buffer.right, by: factors)
        }
    }
}

/// What mastering found: the gain and the limiter's ceiling that bring the mix to its
/// target, and what the mix measured before and after.
public struct MasteringPlan: Sendable, Hashable {
    public var before: LoudnessReport
    public var after: LoudnessReport
    /// Gain applied before limiting, dB.
    public var gain: Double
    /// The limiter's ceiling, dBFS; nil for silence, which is left as it is (and for which
    /// no measuring pass is made).
    public var ceiling: Double?
    /// Deepest gain reduction the limiter applied, dB (0 or negative).
    public var limiting: Double
    /// The quieter sections brought up before the gain (`FaderRide`); nil when the song is
    /// not ridden.
    public var ride: FaderRide? = nil
    /// Each playing's integrated loudness in the mastered mix, LUFS, for the frames the plan
    /// was asked to measure (`playings`), in order: measured on the pass that made the files.
    public var sectionLoudness: [Double] = []
}

/// One block of mastered audio: frames `frames` of the mix and of each stem.
public struct MasteredBlock {
    public var frames: Range<Int>
    public var mix: StereoBuffer
    public var stems: [StereoBuffer]
}

/// Brings the mix to a loudness target under a true-peak ceiling with one gain curve,
/// applied alike to every stem, so that the mastered stems still sum to the mastered mix.
///
/// It streams: the raw stems are read a block at a time (from tapes on disk for a render),
/// summed, turned up, limited and measured, and nothing as long as the song is ever held.
/// `plan` passes over the song until the gain and ceiling meet the target (a first look at
/// the raw mix, then a limiting pass, rarely two: the limiter holds the true peak, so the
/// ceiling is met on the first, and `LimiterForecast` forecasts what the limiter takes
/// from the loudness, so the gain is too), handing each limiting pass's blocks to `keep` (a render
/// writes its files as they come, and starts them again if another pass follows); `apply`
/// makes one more pass with a plan. Every pass computes the same samples from the same
/// stems, so the blocks `apply` hands over are the very ones the last pass measured.
public enum Mastering {
    /// How far under the ceiling the mix's true peak must come, read by the render's own
    /// meter (`TruePeak.Fine`): other meters oversample with other filters (ffmpeg's
    /// `ebur128=peak=true` read mixes 0.05–0.1 dB over it), and a ceiling is only a ceiling
    /// if every meter agrees.
    public static let truePeakMargin = 0.2
    /// How far libebur128's interpolator, which the limiter watches (`TruePeak.envelope`),
    /// can read a mix's true peak under the render's meter: the limiter starts that far
    /// lower, so that the first pass meets the ceiling. Mixes it held at −1.35 read −1.07 to
    /// −1.19 on the longer interpolator (and on SciPy's, oversampled 16×).
    public static let envelopeShortfall = 0.35
    /// The most the limiter takes at its deepest, dB, when a loudness asked for is out of
    /// reach under the ceiling: past it a louder target only flattens the song. A render at
    /// the usual −14 LUFS takes a few dB (“Rain on Glass”: 5 dB at −12, 27 at −8); asked for
    /// −5, a song's limiter had taken 98.
    public static let deepestLimiting = 30.0
    /// Frames read at a time.
    static let block = LoudnessMeter.block

    /// Finds the gain and ceiling. `lifts` scales each stem before anything else (the
    /// melody's lift, `Balance`); none means every stem as it is. With `sections` (the
    /// frames of each section of the form, `FaderRide.sections`), the first look measures
    /// each section on its own and the quieter ones are ridden up before the gain (a
    /// playing of a section first kept over the earlier one it builds on, `buildsOn`, and
    /// every other section under the `climax`: `FaderRide`). Each stretch of `playings`
    /// is measured in the mastered mix (`MasteringPlan.sectionLoudness`).
    ///
    /// `keep`, when given, is handed each limiting pass's blocks (after `restart`, which
    /// may fail: a render's files made again): the last pass's are the mastered song, which
    /// saves `apply` a pass.
    ///
    /// With `reverb`, the first look sends the lifted stems to it and records its return
    /// (`ReverbBus`), and every later pass reads the return as the last stem: the blocks
    /// handed to `keep` have one stem more than `stems`.
    public static func plan(stems: [any StemReader], lifts: [StemGain] = [], sections: [Range<Int>] = [], climax: Int? = nil,
                            buildsOn: [[Int]] = [], heldTo: [Int?] = [], playings: [Range<Int>] = [], sampleRate: Int,
                            target: MasteringTarget, reverb: ReverbBus? = nil, isCancelled: @Sendable () -> Bool = { false },
                            restart: () throws(RenderError) -> Void = {},
                            keep: ((MasteredBlock) throws(RenderError) -> Void)? = nil) throws(RenderError) -> MasteringPlan {
        // The raw mix's integrated loudness is all the first gain needs; with sections, each
        // section's, pooled for the whole (no second look).
        let sections = sections.count >= 2 ? sections : []
        var meters: [LoudnessMeter] = []
        for _ in 0..<max(1, sections.count) { meters.append(LoudnessMeter(sampleRate: sampleRate, truePeak: false)) }
        let frames = stems.map(\.frames).max() ?? 0
        let forecast = LimiterForecast(sampleRate: sampleRate, frames: frames)
        _ = try pass(stems, lifts: lifts, sampleRate: sampleRate, gain: 0, ceiling: nil, meter: sections.isEmpty ? meters[0] : nil,
                     sectionMeters: sections.isEmpty ? nil : (sections, meters), forecast: forecast, reverb: reverb, isCancelled: isCancelled)
        // From here on the return is a stem like the others (past the lifts: none of its own).
        let stems = reverb.map { stems + [$0.tape] } ?? stems
        var before = meters[0].report()
        if !sections.isEmpty { before.integrated = LoudnessMeter.integrated(over: meters) }
        guard before.integrated.isFinite else {
            // Silence (or too short to gate): nothing to bring up.
            return MasteringPlan(before: before, after: before, gain: 0, ceiling: nil, limiting: 0)
        }
        var ride: FaderRide?
        var start = before.integrated
        if !sections.isEmpty {
            let loudness = meters.map { $0.report().integrated }
            let gains = FaderRide.gains(loudness: loudness, climax: climax, buildsOn: buildsOn, heldTo: heldTo)
            if gains.decibels.contains(where: { $0 != 0 }) {
                let ridden = FaderRide(sections: sections, decibels: gains.decibels, builds: gains.builds, sampleRate: sampleRate)
                ride = ridden
                start = ridden.estimate(loudness: loudness)
            }
        }
        // The limiter holds the true peak (`TruePeak.envelope`) under its ceiling, within a
        // few hundredths of a decibel where its gain moves fast, so it starts that far under
        // the margin, and as far again as its interpolator reads under the render's meter,
        // and the first pass meets the peak target.
        var ceiling = target.truePeak - truePeakMargin - envelopeShortfall - 0.05
        // The gain the raw mix asks for, plus what the limiter is forecast to take back.
        var gain = forecast.gain(toReach: target.lufs, measured: before.integrated, ceiling: ceiling, ride: ride) ?? target.lufs - start
        var plan = MasteringPlan(before: before, after: before, gain: gain, ceiling: ceiling, limiting: 0, ride: ride)
        var previous: (gain: Double, loudness: Double)?   // the last pass that moved the gain
        // Set when the limiter took nearly all of the last rise in gain: one more pass at
        // the gain before it, which is the master.
        var settling = false
        for _ in 0..<10 {
            let meter = LoudnessMeter(sampleRate: sampleRate, truePeak: true)
            try restart()
            let deepest = try pass(stems, lifts: lifts, sampleRate: sampleRate, gain: gain, ceiling: ceiling, ride: ride, meter: meter,
                                   isCancelled: isCancelled, delivering: keep != nil, deliver: keep ?? { _ in })
            // What this gain and ceiling make, whether or not a pass follows: a target the
            // ceiling keeps out of reach ends the loop with the last pass's figures.
            let loudness = meter.report()
            plan = MasteringPlan(before: before, after: loudness, gain: gain, ceiling: ceiling,
                                 limiting: Loudness.decibels(Double(deepest)), ride: ride,
                                 sectionLoudness: playings.map { meter.integrated(frames: $0) })
            // The limiter's pull on the loudness or a peak between samples sends the loop
            // round again.
            if settling { break }
            let offTarget = target.lufs - loudness.integrated
            // Short of a target only flattening could reach: the limiter is held to
            // `deepestLimiting` where it works hardest, the gain that far lower, and that
            // pass is the master.
            if offTarget > 0.2, plan.limiting < -deepestLimiting {
                gain += plan.limiting + deepestLimiting
                settling = true
                continue
            }
            if abs(offTarget) > 0.2 {
                // Where the limiter works hard, a decibel of gain raises the loudness by
                // less than a decibel: the step is scaled by the rise the last step gave
                // (a secant step, between a fifth and all of it), so a heavily limited song
                // converges in a pass or two rather than creeping up on the target.
                var slope = 1.0
                if let (lastGain, lastLoudness) = previous, gain != lastGain {
                    let rise = (loudness.integrated - lastLoudness) / (gain - lastGain)
                    // A target out of reach under the ceiling: the limiter took three
                    // quarters or more of the last step up, so a louder gain only flattens
                    // the song. The gain before that step is the master. Why: asked for
                    // −5 LUFS, a song's gain had climbed 110 dB in ten passes, the limiter
                    // taking 98 dB of it (−6.7 LUFS, and those figures in its credits).
                    if offTarget > 0, gain > lastGain, rise < 0.25 {
                        gain = lastGain
                        settling = true
                        continue
                    }
                    slope = min(1, max(0.2, rise))
                }
                previous = (gain, loudness.integrated)
                gain += offTarget / slope
                continue
            }
            let overPeak = loudness.truePeak - target.truePeak
            if overPeak > -truePeakMargin {
                ceiling -= overPeak + truePeakMargin + 0.05
                continue
            }
            break
        }
        return plan
    }

    /// Masters the stems by `plan`, handing each block of the mix and the stems to
    /// `deliver` in order.
    public static func apply(_ plan: MasteringPlan, stems: [any StemReader], lifts: [StemGain] = [], sampleRate: Int,
                             isCancelled: @Sendable () -> Bool = { false },
                             deliver: (MasteredBlock) throws(RenderError) -> Void) throws(RenderError) {
        _ = try pass(stems, lifts: lifts, sampleRate: sampleRate, gain: plan.gain, ceiling: plan.ceiling, ride: plan.ride, meter: nil,
                     isCancelled: isCancelled, delivering: true, deliver: deliver)
    }

    /// Masters stems held in memory (a section played at the prompt, the tests): the last
    /// measuring pass's blocks are kept, so no pass is made to apply the plan.
    /// Without `keepingStems`, the mix alone is kept (`stems` in the result is empty).
    /// With `sends` (a send per stem, some over 0), the stems are sent to the band's reverb
    /// and its return is mastered as the last stem (`ReverbBus`).
    public static func master(stems: [StereoBuffer], lifts: [StemGain] = [], sections: [Range<Int>] = [], climax: Int? = nil,
                              buildsOn: [[Int]] = [], heldTo: [Int?] = [], sampleRate: Int,
                              target: MasteringTarget, sends: [Float] = [], keepingStems: Bool = true,
                              isCancelled: @Sendable () -> Bool = { false }) throws(RenderError) -> MasteredAudio {
        let bus = sends.contains { $0 > 0 } ? ReverbBus(sends: sends, sampleRate: sampleRate, tape: StemMemory()) : nil
        let frames = stems.map(\.frames).max() ?? 0
        var mix = StereoBuffer(frames: 0)
        var mastered: [StereoBuffer] = []
        func restart() {
            mix = StereoBuffer(frames: 0)
            mix.left.reserveCapacity(frames)
            mix.right.reserveCapacity(frames)
            mastered = keepingStems ? (0..<(stems.count + (bus == nil ? 0 : 1))).map { _ in StereoBuffer(frames: 0) } : []
        }
        func keep(_ block: MasteredBlock) {
            mix.left += block.mix.left
            mix.right += block.mix.right
            for index in mastered.indices {
                mastered[index].left += block.stems[index].left
                mastered[index].right += block.stems[index].right
            }
        }
        let plan = try plan(stems: stems, lifts: lifts, sections: sections, climax: climax, buildsOn: buildsOn, heldTo: heldTo, sampleRate: sampleRate, target: target, reverb: bus,
                            isCancelled: isCancelled, restart: restart, keep: keep)
        if plan.ceiling == nil {
            // Silence: no measuring pass was made; the stems as they are.
            restart()
            let all: [any StemReader] = stems + (bus.map { [$0.tape] } ?? [])
            try apply(plan, stems: all, lifts: lifts, sampleRate: sampleRate, isCancelled: isCancelled, deliver: keep)
        }
        return MasteredAudio(stems: mastered, mix: mix, before: plan.before, after: plan.after, gain: plan.gain, limiting: plan.limiting)
    }

    /// The render's last fifth of a second fades to silence (a raised cosine): the ring-out
    /// after the last bar ends on nothing, not on reverb cut off mid-decay (a listening
    /// check found 14 of 28 files still sounding at about −50 dBFS in their last 50 ms).
    static func fadeFrames(sampleRate: Int, frames: Int) -> Int { min(sampleRate / 5, frames / 4) }

    /// The ride's gain and the closing fade for `range`, multiplied; nil when both are 1.
    static func shape(ride: FaderRide?, fadeFrames: Int, frames: Int, range: Range<Int>) -> [Float]? {
        let fadeStart = frames - fadeFrames
        guard ride != nil || (fadeFrames > 0 && range.upperBound > fadeStart) else { return nil }
        var factors = ride?.factors(for: range) ?? [Float](repeating: 1, count: range.count)
        if fadeFrames > 0 {
            for frame in max(range.lowerBound, fadeStart)..<max(range.upperBound, fadeStart) {
                let position = Double(frame - fadeStart) / Double(fadeFrames)
                factors[frame - range.lowerBound] *= frame >= frames ? 0 : Float(0.5 + 0.5 * cos(Double.pi * position))
            }
        }
        return factors
    }

    /// Each stem's `span` read into `reads` and lifted, the stems on the cores at once
    /// (frames before the song read as silence). Why on the cores: a pass's own thread
    /// was its bottleneck. Clocked in a 3-minute render, the first pass's handover worked
    /// 0.07 s of the pass's 0.17 s and the last pass's 0.18 s of 0.29 s, while the pass's
    /// thread unpacked, lifted and multiplied every stem in turn. With the reads, the
    /// true-peak envelope (`TruePeak.envelope(of:)`) and the products
    /// (`Samples.master`) shared out, the benchmark render's median went from 1.135 s to
    /// 1.090 s (10 alternating runs), to the same bits.
    static func read(_ stems: [any StemReader], _ span: Range<Int>, lifts: [StemGain], into reads: inout [StereoBuffer]) throws(RenderError) {
        let results = ConcurrentResults<Void>(count: stems.count)
        reads.withUnsafeMutableBufferPointer { buffers in
            // Each job touches its own stem and its own buffer.
            nonisolated(unsafe) let stems = stems, reads = buffers
            DispatchQueue.concurrentPerform(iterations: stems.count) { index in
                do throws(RenderError) {
                    try stems[index].read(max(0, span.lowerBound)..<span.upperBound, into: &reads[index])
                    if span.lowerBound < 0 {
                        let silence = repeatElement(Float(0), count: -span.lowerBound)
                        reads[index].left.insert(contentsOf: silence, at: 0)
                        reads[index].right.insert(contentsOf: silence, at: 0)
                    }
                    if index < lifts.count { lifts[index].apply(to: &reads[index], at: span.lowerBound) }
                    results.set(index, .success(()))
                } catch {
                    results.set(index, .failure(error))
                }
            }
        }
        _ = try results.values()
    }

    /// One pass over the song: each block of the stems read (with the limiter's
    /// look-ahead) and lifted; with a `ride`, their sum ridden section by section; with a
    /// `ceiling`, the limiter's curve from that sum turned up by `gain`; every stem ridden,
    /// turned up and limited by the same curve, and the mix their sum, measured by `meter`
    /// (or, split at the sections' edges, by `sectionMeters`) and handed with the stems to
    /// `deliver`. Returns the deepest gain the limiter applied (linear).
    ///
    /// The limiter holds the loudest any one stem gets under the ceiling too, so no stem
    /// played alone clips where the others cancel it in the mix, and the stems still sum to
    /// the mix.
    ///
    /// With `reverb` (the first look: no ceiling), the lifted blocks are sent to it and its
    /// return joins them as one more stem.
    static func pass(_ stems: [any StemReader], lifts: [StemGain], sampleRate: Int, gain: Double, ceiling: Double?, ride: FaderRide? = nil,
                     meter: LoudnessMeter?, sectionMeters: (sections: [Range<Int>], meters: [LoudnessMeter])? = nil,
                     forecast: LimiterForecast? = nil, reverb: ReverbBus? = nil, isCancelled: @Sendable () -> Bool, delivering: Bool = false,
                     deliver: (MasteredBlock) throws(RenderError) -> Void = { _ in }) throws(RenderError) -> Float {
        let frames = stems.map(\.frames).max() ?? 0
        let scale = Float(Loudness.linear(gain))
        var limiter = ceiling.map {
            Limiter(ceiling: Float(Loudness.linear($0)), lookAhead: sampleRate / 200, release: Double(sampleRate) * 0.08, frames: frames)
        }
        var deepest: Float = 1
        let handover = Handover()
        return try withoutActuallyEscaping(deliver) { (deliver) throws(RenderError) -> Float in
            // Nothing handed over outlives the pass: it waits for the handover however it ends.
            defer { handover.drain() }
            var reads = stems.map { _ in StereoBuffer(frames: 0) }
            // Each stem's block as mastered.
            var scratch: [StereoBuffer] = []
            let margin = TruePeak.envelopeMargin
            var start = 0
            while start < frames {
                if isCancelled() { throw .cancelled }
                let end = min(frames, start + block), ahead = min(frames, end + (limiter?.reach ?? 0))
                let count = end - start, width = ahead - start
                // With a limiter, each stem is read with `margin` frames either side of the block
                // and its look-ahead (silence before the song and after it), which the true-peak
                // envelope reads around its frames.
                let before = limiter == nil ? 0 : margin
                let span = (start - before)..<(ahead + before)
                try read(stems, span, lifts: lifts, into: &reads)
                // Without a limiter the reads are the block itself, as the bus needs them.
                let reads = try reverb.map { (bus) throws(RenderError) in reads + [try bus.process(reads, count: count)] } ?? reads
                // The ride and the closing fade over the read span, and over the block.
                let shaped = shape(ride: ride, fadeFrames: fadeFrames(sampleRate: sampleRate, frames: frames), frames: frames, range: span)
                let shapedBlock = shaped.map { Array($0[before..<(before + count)]) }
                var curve = shapedBlock ?? [Float](repeating: 1, count: count)
                if limiter != nil {
                    // What the limiter watches: the raw sum turned up, its true peak around each
                    // frame, and the loudest any one stem gets.
                    var sum = StereoBuffer(frames: span.count)
                    var peaks = [Float](repeating: 0, count: span.count)
                    for read in reads {
                        Samples.add(read.left, to: &sum.left)
                        Samples.add(read.right, to: &sum.right)
                        Samples.raisePeak(&peaks, with: read)
                    }
                    if let shaped {
                        Samples.multiply(&sum.left, by: shaped)
                        Samples.multiply(&sum.right, by: shaped)
                        Samples.multiply(&peaks, by: shaped)
                    }
                    Samples.scale(inPlace: &sum.left, by: scale)
                    Samples.scale(inPlace: &sum.right, by: scale)
                    var envelope = TruePeak.envelope(of: sum, first: before, count: width)
                    Samples.raise(&envelope, to: peaks[before..<(before + width)], scale: scale)
                    curve = envelope.withUnsafeBufferPointer { limiter!.curve(for: start..<end, envelope: $0) }
                    deepest = min(deepest, curve.min() ?? 1)
                    if let shapedBlock { Samples.multiply(&curve, by: shapedBlock) }
                }
                // Every stem gets the same gain curve, and the mix is the sum of the mastered
                // stems, stem by stem in order: the stems sum to the mix exactly, before each
                // file is rounded on its own.
                Samples.scale(inPlace: &curve, by: scale)
                // A delivered block is handed to another thread: each stem's product is its
                // own; a pass that delivers nothing reuses its products from block to block.
                if delivering || scratch.count != reads.count || scratch.first?.frames != count {
                    // Every sample written by `Samples.master` before any is read.
                    scratch = reads.map { _ in StereoBuffer(unfilled: count) }
                }
                var mix = StereoBuffer(frames: count)
                var loudest = forecast == nil ? [] : [Float](repeating: 0, count: count)
                Samples.master(reads, from: before, count: count, by: curve, into: &scratch, mix: &mix, loudest: &loudest)
                let mastered = delivering ? scratch : []
                // Measured and handed to `deliver` on the handover's thread while the next
                // block is made.
                let frames = start..<end
                try handover.hand { () throws(RenderError) in
                    forecast?.add(mix: mix, loudest: loudest)
                    if let meter {
                        mix.left.withUnsafeBufferPointer { l in mix.right.withUnsafeBufferPointer { r in meter.add(left: l, right: r) } }
                    }
                    if let (sections, meters) = sectionMeters {
                        // The block split where sections start: each part to its section's meter.
                        for (index, section) in sections.enumerated() {
                            let lower = max(frames.lowerBound, section.lowerBound), upper = min(frames.upperBound, section.upperBound)
                            guard lower < upper else { continue }
                            mix.left[(lower - frames.lowerBound)..<(upper - frames.lowerBound)].withUnsafeBufferPointer { l in
                                mix.right[(lower - frames.lowerBound)..<(upper - frames.lowerBound)].withUnsafeBufferPointer { r in
                                    meters[index].add(left: l, right: r)
                                }
                            }
                        }
                    }
                    if delivering { try deliver(MasteredBlock(frames: frames, mix: mix, stems: mastered)) }
                }
                start = end
            }
            try handover.finish()
            return deepest
        }
    }
}
