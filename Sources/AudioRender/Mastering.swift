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

/// The result: mastered stems, their exact sum, and what was measured and done.
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
}

/// Brings the mix to a loudness target under a true-peak ceiling with one gain curve,
/// applied alike to every stem, so that the mastered stems still sum to the mastered mix.
public enum Mastering {
    /// How far under the ceiling libebur128's true peak must come: other meters
    /// oversample with other filters (ffmpeg's `ebur128=peak=true` has read up to about
    /// 0.25 dB higher on the same file), and a ceiling is only a ceiling if every meter
    /// agrees.
    public static let truePeakMargin = 0.3

    public static func master(stems: consuming [StereoBuffer], sampleRate: Int, target: MasteringTarget,
                              isCancelled: @Sendable () -> Bool = { false }) throws(RenderError) -> MasteredAudio {
        let frames = stems.first?.frames ?? 0
        let raw = sum(stems, frames: frames)
        let before = try Loudness.measure(left: raw.left, right: raw.right, sampleRate: sampleRate, truePeak: false,
                                          isCancelled: isCancelled)
        guard before.integrated.isFinite else {
            // Silence (or too short to gate): nothing to bring up.
            return MasteredAudio(stems: stems, mix: raw, before: before, after: before, gain: 0, limiting: 0)
        }
        var gain = target.lufs - before.integrated
        var ceiling = target.truePeak - 0.3
        var curve = [Float](repeating: 1, count: frames)
        var after = before
        let lookAhead = sampleRate / 200          // 5 ms
        let release = Double(sampleRate) * 0.08   // 80 ms
        var left = [Float](repeating: 0, count: frames), right = left
        // The loudest any one stem gets at each frame: the limiter holds it under the
        // ceiling too, so no stem played alone clips where the others cancel it in the mix,
        // and the stems still sum to the mix.
        var stemPeak = [Float](repeating: 0, count: frames)
        for index in stems.indices { Samples.raisePeak(&stemPeak, with: stems[index]) }
        var envelope = [Float](repeating: 0, count: frames)
        // The gain the buffers in hand were made with: the loop may adjust `gain` for a
        // next pass it never makes (a target the ceiling keeps out of reach), and the stems
        // must get what the mix got.
        var applied = gain
        for _ in 0..<10 {
            if isCancelled() { throw .cancelled }
            applied = gain
            let scale = Float(Loudness.linear(gain))
            Samples.scale(raw.left, by: scale, into: &left)
            Samples.scale(raw.right, by: scale, into: &right)
            curve = []   // the last pass's curve goes before the next is made
            Samples.envelope(&envelope, left: left, right: right, peaks: stemPeak, scale: scale)
            curve = Limiter.gainCurve(left: envelope, right: envelope, ceiling: Float(Loudness.linear(ceiling)),
                                      lookAhead: lookAhead, release: release)
            Samples.multiply(&left, by: curve)
            Samples.multiply(&right, by: curve)
            // Loudness and true peak together, one thread each: the limiter's pull on the
            // loudness or a peak between samples sends the loop round again.
            let loudness = try Loudness.measure(left: left, right: right, sampleRate: sampleRate, truePeak: true,
                                                isCancelled: isCancelled)
            after = loudness   // what the buffers in hand measure, whether or not a pass follows
            let offTarget = target.lufs - loudness.integrated
            if abs(offTarget) > 0.2 {
                gain += offTarget
                continue
            }
            let overPeak = after.truePeak - target.truePeak
            if overPeak > -truePeakMargin {
                ceiling -= overPeak + truePeakMargin + 0.05
                continue
            }
            break
        }
        _ = consume raw
        stemPeak = []
        envelope = []
        // The measured buffers are the mix: the stems get the very gain curve that made
        // them, so the stems sum to the mix (to float rounding) and `after` describes it
        // exactly. No second sum, and one full-length stereo buffer fewer at the peak.
        let deepest = curve.min() ?? 1
        gain = applied
        Samples.scale(inPlace: &curve, by: Float(Loudness.linear(gain)))
        // In place, stem by stem: the stems are this function's own (consumed), so no copy.
        var mastered = consume stems
        for index in mastered.indices {
            Samples.multiply(&mastered[index].left, by: curve)
            Samples.multiply(&mastered[index].right, by: curve)
        }
        return MasteredAudio(stems: mastered, mix: StereoBuffer(left: left, right: right), before: before, after: after,
                             gain: gain, limiting: Loudness.decibels(Double(deepest)))
    }

    /// The sample-exact sum of stems.
    static func sum(_ stems: [StereoBuffer], frames: Int) -> StereoBuffer {
        var left = [Float](repeating: 0, count: frames), right = left
        for stem in stems {
            Samples.add(stem.left, to: &left)
            Samples.add(stem.right, to: &right)
        }
        return StereoBuffer(left: left, right: right)
    }
}
