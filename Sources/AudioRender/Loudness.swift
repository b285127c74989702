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
    /// Measures stereo buffers. True peak (4× oversampling, the slow part) is measured
    /// per channel on its own thread, alongside the loudness measurement.
    public static func measure(left: [Float], right: [Float], sampleRate: Int, truePeak: Bool = true) throws(RenderError) -> LoudnessReport {
        let jobs = truePeak ? 3 : 1
        let results = MeasureResults()
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            do {
                switch job {
                case 0:
                    let mode = EBUR128_MODE_I.rawValue | EBUR128_MODE_LRA.rawValue | EBUR128_MODE_SAMPLE_PEAK.rawValue
                    try run(channels: [left, right], sampleRate: sampleRate, mode: Int32(mode)) { state in
                        var integrated = 0.0, range = 0.0, peak = 0.0, value = 0.0
                        ebur128_loudness_global(state, &integrated)
                        ebur128_loudness_range(state, &range)
                        for channel in 0..<2 {
                            ebur128_sample_peak(state, UInt32(channel), &value)
                            peak = max(peak, value)
                        }
                        results.set(integrated: integrated, range: range, samplePeak: peak)
                    }
                default:
                    results.addTruePeak(try channelTruePeak(job == 1 ? left : right, sampleRate: sampleRate))
                }
            } catch {
                results.fail(error)
            }
        }
        return try results.report(truePeak: truePeak)
    }

    /// The true peak alone, dBTP: each channel 4× oversampled on its own thread.
    public static func truePeak(left: [Float], right: [Float], sampleRate: Int) throws(RenderError) -> Double {
        let results = MeasureResults()
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            do {
                results.addTruePeak(try channelTruePeak(job == 0 ? left : right, sampleRate: sampleRate))
            } catch {
                results.fail(error)
            }
        }
        return try results.report(truePeak: true).truePeak
    }

    /// One channel's true peak, linear.
    private static func channelTruePeak(_ samples: [Float], sampleRate: Int) throws(RenderError) -> Double {
        var peak = 0.0
        try run(channels: [samples], sampleRate: sampleRate, mode: Int32(EBUR128_MODE_TRUE_PEAK.rawValue)) { state in
            ebur128_true_peak(state, 0, &peak)
        }
        return peak
    }

    /// Feeds channels to a fresh libebur128 state and hands it to `read`.
    private static func run(channels: [[Float]], sampleRate: Int, mode: Int32,
                            read: (UnsafeMutablePointer<ebur128_state>) -> Void) throws(RenderError) {
        guard let live = ebur128_init(UInt32(channels.count), UInt(sampleRate), mode) else {
            throw .loudness("could not start a measurement")
        }
        var state: UnsafeMutablePointer<ebur128_state>? = live
        defer { ebur128_destroy(&state) }
        let frames = channels.first?.count ?? 0
        let block = 65536
        let width = channels.count
        var interleaved = [Float](repeating: 0, count: block * width)
        var frame = 0
        while frame < frames {
            let count = min(block, frames - frame)
            interleaved.withUnsafeMutableBufferPointer { target in
                for (channel, samples) in channels.enumerated() {
                    samples.withUnsafeBufferPointer { source in
                        for index in 0..<count { target[index * width + channel] = source[frame + index] }
                    }
                }
            }
            let status = interleaved.withUnsafeBufferPointer { ebur128_add_frames_float(live, $0.baseAddress, count) }
            guard status == Int32(EBUR128_SUCCESS.rawValue) else { throw .loudness("could not add frames (code \(status))") }
            frame += count
        }
        read(live)
    }

    public static func decibels(_ linear: Double) -> Double { linear > 0 ? 20 * log10(linear) : -.infinity }
    public static func linear(_ decibels: Double) -> Double { pow(10, decibels / 20) }
}

/// Results gathered from the concurrent measurements.
private final class MeasureResults: @unchecked Sendable {
    private let lock = NSLock()
    private var integrated = -Double.infinity, range = 0.0, samplePeak = 0.0, truePeak = 0.0
    private var error: RenderError?

    func set(integrated: Double, range: Double, samplePeak: Double) {
        lock.lock(); defer { lock.unlock() }
        self.integrated = integrated
        self.range = range
        self.samplePeak = samplePeak
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
        return LoudnessReport(integrated: integrated, range: range,
                              truePeak: measured ? Loudness.decibels(truePeak) : -.infinity,
                              samplePeak: Loudness.decibels(samplePeak))
    }
}
