@preconcurrency import CEbur128
import Foundation

/// EBU R128 measurements with libebur128: integrated loudness, loudness range, true peak.
public struct LoudnessReport: Sendable, Hashable {
    /// Integrated loudness, LUFS.
    public var integrated: Double
    /// Loudness range, LU.
    public var range: Double
    /// True peak over both channels, dBTP.
    public var truePeak: Double
    /// Sample peak over both channels, dBFS.
    public var samplePeak: Double
}

public enum Loudness {
    /// Measures interleaved-free stereo buffers.
    public static func measure(left: [Float], right: [Float], sampleRate: Int) throws(RenderError) -> LoudnessReport {
        let mode = Int32(EBUR128_MODE_I.rawValue | EBUR128_MODE_LRA.rawValue | EBUR128_MODE_TRUE_PEAK.rawValue | EBUR128_MODE_SAMPLE_PEAK.rawValue)
        guard var state: UnsafeMutablePointer<ebur128_state>? = ebur128_init(2, UInt(sampleRate), mode) else { throw .loudness("could not start a measurement") }
        defer { ebur128_destroy(&state) }
        let block = 65536
        var frame = 0
        var interleaved = [Float](repeating: 0, count: block * 2)
        while frame < left.count {
            let count = min(block, left.count - frame)
            for index in 0..<count {
                interleaved[2 * index] = left[frame + index]
                interleaved[2 * index + 1] = right[frame + index]
            }
            let status = interleaved.withUnsafeBufferPointer { ebur128_add_frames_float(state, $0.baseAddress, count) }
            guard status == Int32(EBUR128_SUCCESS.rawValue) else { throw .loudness("could not add frames (code \(status))") }
            frame += count
        }
        var integrated = 0.0, range = 0.0
        ebur128_loudness_global(state, &integrated)
        ebur128_loudness_range(state, &range)
        var truePeak = 0.0, samplePeak = 0.0
        for channel in 0..<2 {
            var value = 0.0
            ebur128_true_peak(state, UInt32(channel), &value)
            truePeak = max(truePeak, value)
            ebur128_sample_peak(state, UInt32(channel), &value)
            samplePeak = max(samplePeak, value)
        }
        return LoudnessReport(integrated: integrated, range: range, truePeak: decibels(truePeak), samplePeak: decibels(samplePeak))
    }

    public static func decibels(_ linear: Double) -> Double { linear > 0 ? 20 * log10(linear) : -.infinity }
    public static func linear(_ decibels: Double) -> Double { pow(10, decibels / 20) }
}
