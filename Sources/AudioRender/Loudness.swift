@preconcurrency import CEbur128
import Foundation

/// EBU R128 measurements with libebur128: integrated loudness, loudness range, true peak.
public struct LoudnessReport: Sendable, Hashable {
    /// Integrated loudness, LUFS.
    public var integrated: Double
    /// Loudness range, LU.
    public var range: Double
    /// True peak over both channels, dBTP (−∞ when not measured).
    public var truePeak: Double
    /// Sample peak over both channels, dBFS.
    public var samplePeak: Double
}

public enum Loudness {
    /// Measures stereo buffers: loudness with libebur128, and alongside it, each channel on
    /// its own thread, the true peak (`TruePeak`, which agrees with libebur128's).
    ///
    /// A long buffer is measured in two halves on two threads, split on a 100 ms block
    /// boundary, and the halves' blocks are pooled by libebur128 (`…_multiple`): gating and
    /// the loudness range see every block except the three 400 ms blocks and the 3 s
    /// windows that straddle the split, which moves a 3-minute song's figure by under
    /// 0.01 LU and halves the wait.
    ///
    /// `isCancelled` is asked every 65,536 frames: Ctrl-C stops a long song's measurement
    /// within moments rather than after it.
    public static func measure(left: [Float], right: [Float], sampleRate: Int, truePeak: Bool = true,
                               isCancelled: @Sendable () -> Bool = { false }) throws(RenderError) -> LoudnessReport {
        let frames = left.count
        let hop = sampleRate / 10
        let split = frames >= 20 * sampleRate ? frames / 2 / hop * hop : frames
        let segments = split < frames ? [0..<split, split..<frames] : [0..<frames]
        let results = MeasureResults(segments: segments.count)
        let mode = Int32(EBUR128_MODE_I.rawValue | EBUR128_MODE_LRA.rawValue | EBUR128_MODE_SAMPLE_PEAK.rawValue)
        DispatchQueue.concurrentPerform(iterations: segments.count + (truePeak ? 2 : 0)) { job in
            do {
                if job < segments.count {
                    results.keep(try state(of: [left, right], frames: segments[job], sampleRate: sampleRate, mode: mode,
                                             isCancelled: isCancelled), at: job)
                } else {
                    results.addTruePeak(Double(TruePeak.peak(job == segments.count ? left : right, isCancelled: isCancelled)))
                }
            } catch {
                results.fail(error)
            }
        }
        if isCancelled() { throw .cancelled }
        return try results.report(truePeak: truePeak)
    }

    /// One channel's true peak, linear, measured by libebur128: the reference `TruePeak`
    /// is held to in the tests.
    static func libraryTruePeak(_ samples: [Float], sampleRate: Int) throws(RenderError) -> Double {
        var state: UnsafeMutablePointer<ebur128_state>? = try self.state(of: [samples], frames: 0..<samples.count, sampleRate: sampleRate,
                                                                         mode: Int32(EBUR128_MODE_TRUE_PEAK.rawValue))
        defer { ebur128_destroy(&state) }
        var peak = 0.0
        ebur128_true_peak(state, 0, &peak)
        return peak
    }

    /// A libebur128 state fed `frames` of the channels; the caller destroys it.
    private static func state(of channels: [[Float]], frames range: Range<Int>, sampleRate: Int,
                              mode: Int32, isCancelled: () -> Bool = { false }) throws(RenderError) -> UnsafeMutablePointer<ebur128_state> {
        guard let live = ebur128_init(UInt32(channels.count), UInt(sampleRate), mode) else {
            throw .loudness("could not start a measurement")
        }
        let block = 65536
        let width = channels.count
        var interleaved = [Float](repeating: 0, count: block * width)
        var frame = range.lowerBound
        while frame < range.upperBound {
            if isCancelled() {
                var dead: UnsafeMutablePointer<ebur128_state>? = live
                ebur128_destroy(&dead)
                throw .cancelled
            }
            let count = min(block, range.upperBound - frame)
            interleaved.withUnsafeMutableBufferPointer { target in
                for (channel, samples) in channels.enumerated() {
                    samples.withUnsafeBufferPointer { source in
                        for index in 0..<count { target[index * width + channel] = source[frame + index] }
                    }
                }
            }
            let status = interleaved.withUnsafeBufferPointer { ebur128_add_frames_float(live, $0.baseAddress, count) }
            guard status == Int32(EBUR128_SUCCESS.rawValue) else {
                var dead: UnsafeMutablePointer<ebur128_state>? = live
                ebur128_destroy(&dead)
                throw .loudness("could not add frames (code \(status))")
            }
            frame += count
        }
        return live
    }

    public static func decibels(_ linear: Double) -> Double { linear > 0 ? 20 * log10(linear) : -.infinity }
    public static func linear(_ decibels: Double) -> Double { pow(10, decibels / 20) }
}

/// Results gathered from the concurrent measurements: the loudness states of the
/// segments (pooled, then destroyed, when the report is made) and the true peak.
private final class MeasureResults: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [UnsafeMutablePointer<ebur128_state>?]
    private var truePeak = 0.0
    private var error: RenderError?

    init(segments: Int) { states = Array(repeating: nil, count: segments) }

    deinit {
        // A segment that failed or was cancelled kept no state; libebur128's destroy
        // dereferences what it is given, so only kept states go to it.
        for index in states.indices where states[index] != nil { ebur128_destroy(&states[index]) }
    }

    func keep(_ state: UnsafeMutablePointer<ebur128_state>, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        states[index] = state
    }

    func addTruePeak(_ value: Double) {
        lock.lock(); defer { lock.unlock() }
        truePeak = max(truePeak, value)
    }

    func fail(_ error: any Error) {
        lock.lock(); defer { lock.unlock() }
        self.error = error as? RenderError ?? .loudness("\(error)")
    }

    func report(truePeak measured: Bool) throws(RenderError) -> LoudnessReport {
        lock.lock(); defer { lock.unlock() }
        if let error { throw error }
        var integrated = -Double.infinity, range = 0.0, samplePeak = 0.0
        states.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            ebur128_loudness_global_multiple(base, all.count, &integrated)
            ebur128_loudness_range_multiple(base, all.count, &range)
            var value = 0.0
            for state in all {
                for channel in 0..<2 {
                    ebur128_sample_peak(state, UInt32(channel), &value)
                    samplePeak = max(samplePeak, value)
                }
            }
        }
        return LoudnessReport(integrated: integrated, range: range,
                              truePeak: measured ? Loudness.decibels(truePeak) : -.infinity,
                              samplePeak: Loudness.decibels(samplePeak))
    }
}
