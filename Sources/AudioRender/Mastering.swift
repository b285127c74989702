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
}

/// Brings the mix to a loudness target under a true-peak ceiling with one gain curve,
/// applied alike to every stem, so that the mastered stems still sum to the mastered mix.
public enum Mastering {
    public static func master(stems: [StereoBuffer], sampleRate: Int, target: MasteringTarget,
                              isCancelled: @Sendable () -> Bool = { false }) throws(RenderError) -> MasteredAudio {
        let frames = stems.first?.frames ?? 0
        let raw = sum(stems, frames: frames)
        let before = try Loudness.measure(left: raw.left, right: raw.right, sampleRate: sampleRate, truePeak: false)
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
        for _ in 0..<8 {
            if isCancelled() { throw .cancelled }
            let scale = Float(Loudness.linear(gain))
            for index in 0..<frames {
                left[index] = raw.left[index] * scale
                right[index] = raw.right[index] * scale
            }
            curve = Limiter.gainCurve(left: left, right: right, ceiling: Float(Loudness.linear(ceiling)),
                                      lookAhead: lookAhead, release: release)
            for index in 0..<frames {
                left[index] *= curve[index]
                right[index] *= curve[index]
            }
            after = try Loudness.measure(left: left, right: right, sampleRate: sampleRate)
            let overPeak = after.truePeak - target.truePeak
            let offTarget = target.lufs - after.integrated
            if overPeak > -0.05 {
                ceiling -= overPeak + 0.1
            } else if abs(offTarget) > 0.25 {
                gain += offTarget
            } else {
                break
            }
        }
        // The stems get the very gain curve measured above, so their sum is the mix that
        // was measured (to float rounding), and `after` describes it.
        let scale = Float(Loudness.linear(gain))
        let mastered = stems.map { stem in
            var stem = stem
            for index in 0..<frames {
                let factor = scale * curve[index]
                stem.left[index] *= factor
                stem.right[index] *= factor
            }
            return stem
        }
        let mix = sum(mastered, frames: frames)
        let deepest = curve.min() ?? 1
        return MasteredAudio(stems: mastered, mix: mix, before: before, after: after, gain: gain,
                             limiting: Loudness.decibels(Double(deepest)))
    }

    /// The sample-exact sum of stems.
    static func sum(_ stems: [StereoBuffer], frames: Int) -> StereoBuffer {
        var mix = StereoBuffer(frames: frames)
        for stem in stems {
            for index in 0..<frames {
                mix.left[index] += stem.left[index]
                mix.right[index] += stem.right[index]
            }
        }
        return mix
    }
}
