@preconcurrency import CEbur128
import Foundation

/// EBU R128 measurements: integrated loudness, loudness range, true peak, as libebur128
/// measures them (`GatedLoudness` and `TruePeak`, held to libebur128 by the tests).
public struct LoudnessReport: Sendable, Hashable {
    /// Integrated loudness, LUFS.
    public var integrated: Double
    /// Loudness range, LU.
    public var range: Double
    /// True peak over both channels, dBTP (−∞ when not measured).
    public var truePeak: Double
    /// Sample peak over both channels, dBFS.
    public var samplePeak: Double
    /// The loudest momentary (400 ms) and short-term (3 s) loudness, LUFS; −∞ when not
    /// measured.
    public var maxMomentary = -Double.infinity
    public var maxShortTerm = -Double.infinity
}

public enum Loudness {
    /// Measures stereo buffers: loudness (`GatedLoudness`) and each channel's true peak
    /// (`TruePeak`), both agreeing with libebur128's, a block at a time as a streaming render
    /// measures them. `isCancelled` is asked every block of 65,536 frames: Ctrl-C stops a long
    /// song's measurement within moments rather than after it.
    public static func measure(left: [Float], right: [Float], sampleRate: Int, truePeak: Bool = true,
                               isCancelled: @Sendable () -> Bool = { false }) throws(RenderError) -> LoudnessReport {
        let meter = LoudnessMeter(sampleRate: sampleRate, truePeak: truePeak)
        var frame = 0
        while frame < left.count {
            if isCancelled() { throw .cancelled }
            let end = min(left.count, frame + LoudnessMeter.block)
            left.withUnsafeBufferPointer { l in
                right.withUnsafeBufferPointer { r in
                    meter.add(left: UnsafeBufferPointer(rebasing: l[frame..<end]), right: UnsafeBufferPointer(rebasing: r[frame..<end]))
                }
            }
            frame = end
        }
        return meter.report()
    }

    /// One channel's true peak, linear, measured by libebur128: the reference `TruePeak`
    /// is held to in the tests.
    static func libraryTruePeak(_ samples: [Float], sampleRate: Int) throws(RenderError) -> Double {
        var state = ebur128_init(1, UInt(sampleRate), Int32(EBUR128_MODE_TRUE_PEAK.rawValue))
        guard state != nil else { throw .loudness("could not start a measurement") }
        defer { ebur128_destroy(&state) }
        let status = samples.withUnsafeBufferPointer { ebur128_add_frames_float(state, $0.baseAddress, $0.count) }
        guard status == Int32(EBUR128_SUCCESS.rawValue) else { throw .loudness("could not add frames (code \(status))") }
        var peak = 0.0
        ebur128_true_peak(state, 0, &peak)
        return peak
    }

    /// The integrated loudness of stereo stretches taken together, measured by libebur128
    /// (a state each, pooled by `ebur128_loudness_global_multiple`): the reference
    /// `GatedLoudness` is held to in the tests.
    static func libraryIntegrated(_ stretches: [(left: [Float], right: [Float])], sampleRate: Int) throws(RenderError) -> Double {
        var states: [UnsafeMutablePointer<ebur128_state>?] = []
        defer { for index in states.indices { ebur128_destroy(&states[index]) } }
        for stretch in stretches {
            guard let state = ebur128_init(2, UInt(sampleRate), Int32(EBUR128_MODE_I.rawValue)) else { throw .loudness("could not start a measurement") }
            states.append(state)
            var interleaved = [Float](repeating: 0, count: 2 * stretch.left.count)
            Samples.interleave(left: stretch.left, right: stretch.right, count: stretch.left.count, into: &interleaved)
            _ = interleaved.withUnsafeBufferPointer { ebur128_add_frames_float(state, $0.baseAddress, stretch.left.count) }
        }
        var value = -Double.infinity
        _ = states.withUnsafeMutableBufferPointer { ebur128_loudness_global_multiple($0.baseAddress, $0.count, &value) }
        return value
    }

    /// Integrated loudness, loudness range and sample peak (linear) of stereo stretches
    /// taken together by libebur128 (a state each, pooled): the reference `LoudnessMeter`'s
    /// report is held to in the tests.
    static func libraryReport(_ stretches: [(left: [Float], right: [Float])], sampleRate: Int) throws(RenderError) -> (integrated: Double, range: Double, samplePeak: Double) {
        var states: [UnsafeMutablePointer<ebur128_state>?] = []
        defer { for index in states.indices { ebur128_destroy(&states[index]) } }
        let mode = Int32(EBUR128_MODE_I.rawValue | EBUR128_MODE_LRA.rawValue | EBUR128_MODE_SAMPLE_PEAK.rawValue)
        var peak = 0.0
        for stretch in stretches {
            guard let state = ebur128_init(2, UInt(sampleRate), mode) else { throw .loudness("could not start a measurement") }
            states.append(state)
            var interleaved = [Float](repeating: 0, count: 2 * stretch.left.count)
            Samples.interleave(left: stretch.left, right: stretch.right, count: stretch.left.count, into: &interleaved)
            _ = interleaved.withUnsafeBufferPointer { ebur128_add_frames_float(state, $0.baseAddress, stretch.left.count) }
            for channel in 0..<2 {
                var value = 0.0
                ebur128_sample_peak(state, UInt32(channel), &value)
                peak = max(peak, value)
            }
        }
        var integrated = -Double.infinity, range = 0.0
        _ = states.withUnsafeMutableBufferPointer { ebur128_loudness_global_multiple($0.baseAddress, $0.count, &integrated) }
        _ = states.withUnsafeMutableBufferPointer { ebur128_loudness_range_multiple($0.baseAddress, $0.count, &range) }
        return (integrated, range, peak)
    }

    /// The loudest momentary and short-term loudness of a stereo stretch by libebur128, its
    /// windows read after every 100 ms of frames: the reference `GatedLoudness`'s maxima are
    /// held to in the tests.
    static func libraryLoudestWindows(left: [Float], right: [Float], sampleRate: Int) throws(RenderError) -> (momentary: Double, shortTerm: Double) {
        var state = ebur128_init(2, UInt(sampleRate), Int32(EBUR128_MODE_M.rawValue | EBUR128_MODE_S.rawValue))
        guard state != nil else { throw .loudness("could not start a measurement") }
        defer { ebur128_destroy(&state) }
        let hop = (sampleRate + 5) / 10
        var momentary = -Double.infinity, shortTerm = -Double.infinity
        var start = 0
        while start + hop <= left.count {
            var interleaved = [Float](repeating: 0, count: 2 * hop)
            Samples.interleave(left: Array(left[start..<(start + hop)]), right: Array(right[start..<(start + hop)]), count: hop, into: &interleaved)
            _ = interleaved.withUnsafeBufferPointer { ebur128_add_frames_float(state, $0.baseAddress, hop) }
            var value = -Double.infinity
            if ebur128_loudness_momentary(state, &value) == Int32(EBUR128_SUCCESS.rawValue) { momentary = max(momentary, value) }
            if ebur128_loudness_shortterm(state, &value) == Int32(EBUR128_SUCCESS.rawValue) { shortTerm = max(shortTerm, value) }
            start += hop
        }
        return (momentary, shortTerm)
    }

    public static func decibels(_ linear: Double) -> Double { linear > 0 ? 20 * log10(linear) : -.infinity }
    public static func linear(_ decibels: Double) -> Double { pow(10, decibels / 20) }
}

/// Loudness measured block by block as the blocks come: `GatedLoudness` takes the frames
/// in order (integrated loudness, loudness range, sample peak, the loudest windows, as
/// libebur128 measures them: the tests hold each to it), and each channel's true peak runs
/// alongside (`TruePeak.Meter`). The loudness and the two true peaks of a block are
/// measured on three threads at once.
final class LoudnessMeter: @unchecked Sendable {
    /// Frames a caller hands over at a time, at most.
    static let block = 65536
    private let truePeak: Bool
    /// The mastered mix's true peak, as the render states and checks it: the longer
    /// interpolator's (`TruePeak.Fine`), which outside meters agree with.
    private var leftPeak = TruePeak.Meter(fine: true), rightPeak = TruePeak.Meter(fine: true)
    private(set) var gated: GatedLoudness

    /// Without `truePeak` (mastering's first look at the raw mix), the loudness alone: its
    /// range and sample peak come with it at no cost worth saving.
    init(sampleRate: Int, truePeak: Bool) {
        self.truePeak = truePeak
        gated = GatedLoudness(sampleRate: sampleRate)
    }

    /// Adds up to `block` frames of the two channels.
    func add(left: UnsafeBufferPointer<Float>, right: UnsafeBufferPointer<Float>) {
        let count = min(left.count, right.count, LoudnessMeter.block)
        guard count > 0 else { return }
        guard truePeak else {
            gated.add(left: left.baseAddress!, right: right.baseAddress!, count: count)
            return
        }
        // The caller's buffers outlive the jobs, which only read them.
        nonisolated(unsafe) let left = UnsafeBufferPointer(rebasing: left[0..<count])
        nonisolated(unsafe) let right = UnsafeBufferPointer(rebasing: right[0..<count])
        // The three jobs touch separate properties: `gated`, and one true-peak meter each.
        DispatchQueue.concurrentPerform(iterations: 3) { job in
            switch job {
            case 0: gated.add(left: left.baseAddress!, right: right.baseAddress!, count: count)
            case 1: leftPeak.add(left)
            default: rightPeak.add(right)
            }
        }
    }

    /// The integrated loudness of several meters' frames taken together, as if one meter
    /// had measured them all (their gating blocks pooled, as libebur128's
    /// `ebur128_loudness_global_multiple` pools them): a song measured section by section
    /// gives its whole loudness without a second pass.
    static func integrated(over meters: [LoudnessMeter]) -> Double {
        GatedLoudness.integrated(over: meters.map(\.gated))
    }

    /// The integrated loudness of a stretch of the frames so far, LUFS (a section of the
    /// song: `LoudnessGate.integrated(frames:)`).
    func integrated(frames: Range<Int>) -> Double { gated.integrated(frames: frames) }

    /// What the frames so far measure.
    func report() -> LoudnessReport {
        var left = leftPeak, right = rightPeak   // finishing reads past the end; the meters may go on
        let measured = truePeak ? Double(max(left.finish(), right.finish())) : 0
        return LoudnessReport(integrated: gated.integrated, range: gated.range,
                              truePeak: truePeak ? Loudness.decibels(measured) : -.infinity,
                              samplePeak: Loudness.decibels(gated.samplePeak),
                              maxMomentary: gated.maxMomentary, maxShortTerm: gated.maxShortTerm)
    }
}
