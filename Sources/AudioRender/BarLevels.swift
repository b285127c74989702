import Foundation
import MusicTheory
import SongModel

/// One part's level in each bar, every bar read once for both measures: its loudness
/// (BS.1770's K-weighting, gated within the bar, `GatedLoudness` started afresh for each
/// bar as a libebur128 state would be: how loud a part sounds to the ear, where plain RMS
/// would count the low notes of a pad the ear hardly weighs) and its RMS level.
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
        var levels = BarLevels(bars: bars, loudness: [], rms: [])
        levels.loudness.reserveCapacity(bars.count)
        levels.rms.reserveCapacity(bars.count)
        for bar in bars {
            if isCancelled() { return nil }
            let count = bar.end - bar.start
            try stem.read(bar.start..<bar.end, into: &read)
            var meter = GatedLoudness(sampleRate: sampleRate)
            read.left.withUnsafeBufferPointer { l in
                read.right.withUnsafeBufferPointer { r in meter.add(left: l.baseAddress!, right: r.baseAddress!, count: count) }
            }
            let level = meter.integrated
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
