@preconcurrency import CEbur128
import Foundation
import MusicTheory
import SongModel

/// One part's level in each bar, every bar read once for both measures: its loudness
/// (BS.1770's K-weighting, gated within the bar, a libebur128 measurement per bar: how loud
/// a part sounds to the ear, where plain RMS would count the low notes of a pad the ear
/// hardly weighs) and its RMS level. (One libebur128 state with its window set to a bar
/// would do for the loudness, but libebur128 1.2.6 zeroes a buffer a thousand times the
/// window's size when it is set: gigabytes for a 3-second bar.)
struct BarLevels: Sendable {
    /// Each bar's ticks and first and last frame (`Balance.barFrames`).
    var bars: [(ticks: Range<Ticks>, start: Int, end: Int)]
    /// LUFS, −∞ for a silent bar or one shorter than a gating block (0.4 s).
    var loudness: [Double]
    /// dBFS, both channels' power over the bar (−200 for digital silence).
    var rms: [Double]

    /// The levels of `stem` over `bars` (each with `end > start`); nil when told to stop,
    /// which is asked bar by bar, so a Ctrl-C during a long song's balance stops within a
    /// bar's work.
    static func of(_ stem: any StemReader, bars: [(ticks: Range<Ticks>, start: Int, end: Int)], sampleRate: Int,
                   isCancelled: () -> Bool = { false }) throws(RenderError) -> BarLevels? {
        var read = StereoBuffer(frames: 0)
        var interleaved: [Float] = []
        var levels = BarLevels(bars: bars, loudness: [], rms: [])
        levels.loudness.reserveCapacity(bars.count)
        levels.rms.reserveCapacity(bars.count)
        for bar in bars {
            if isCancelled() { return nil }
            var state: UnsafeMutablePointer<ebur128_state>? = ebur128_init(2, UInt(sampleRate), Int32(EBUR128_MODE_I.rawValue))
            guard state != nil else { throw .loudness("could not start a measurement") }
            defer { ebur128_destroy(&state) }
            let count = bar.end - bar.start
            try stem.read(bar.start..<bar.end, into: &read)
            if interleaved.count < 2 * count { interleaved = [Float](repeating: 0, count: 2 * count) }
            var level = -Double.infinity
            interleaved.withUnsafeMutableBufferPointer { target in
                Samples.interleave(left: read.left, right: read.right, count: count, into: target.baseAddress!)
                if ebur128_add_frames_float(state, target.baseAddress, count) == Int32(EBUR128_SUCCESS.rawValue) {
                    ebur128_loudness_global(state, &level)
                }
            }
            levels.loudness.append(level)
            var energy = 0.0
            read.left.withUnsafeBufferPointer { l in
                read.right.withUnsafeBufferPointer { r in
                    for index in 0..<count { energy += Double(l[index] * l[index] + r[index] * r[index]) }
                }
            }
            levels.rms.append(10 * log10(energy / Double(count) + 1e-20))
        }
        return levels
    }
}
