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
        try of(stem, bars: bars, spans: [], sampleRate: sampleRate, isCancelled: isCancelled)?.levels
    }

    /// The levels of `stem` over `bars` and its integrated loudness over each of `spans`
    /// (a section each, `SpanLoudness`), from one read of the stem: each bar's frames go
    /// to its own meter and to the meters of the spans they fall in, and what the bars do
    /// not reach (the ring-out after the form) is read after them. Why: the balance wants
    /// both of the bass, the melody and the drums, and reading each of their tapes twice
    /// cost a 3-minute render 195 MB more from disk. Each span meter gets its frames once,
    /// in order, so the figures are `SpanLoudness.of`'s to the bit.
    static func of(_ stem: any StemReader, bars: [(ticks: Range<Ticks>, start: Int, end: Int)], spans: [Range<Int>], sampleRate: Int,
                   isCancelled: () -> Bool = { false }) throws(RenderError) -> (levels: BarLevels, spans: [Double])? {
        var read = StereoBuffer(frames: 0)
        var levels = BarLevels(bars: bars, loudness: [], rms: [])
        levels.loudness.reserveCapacity(bars.count)
        levels.rms.reserveCapacity(bars.count)
        var spanMeters = spans.map { _ in GatedLoudness(sampleRate: sampleRate) }
        // The first frame the span meters have not had.
        var fed = spans.first?.lowerBound ?? 0
        func feed(_ frames: Range<Int>) {
            for (index, span) in spans.enumerated() {
                let lower = max(frames.lowerBound, span.lowerBound, fed), upper = min(frames.upperBound, span.upperBound)
                guard lower < upper else { continue }
                read.left.withUnsafeBufferPointer { l in
                    read.right.withUnsafeBufferPointer { r in
                        spanMeters[index].add(left: l.baseAddress! + (lower - frames.lowerBound),
                                              right: r.baseAddress! + (lower - frames.lowerBound), count: upper - lower)
                    }
                }
            }
            fed = max(fed, frames.upperBound)
        }
        // Frames the span meters want before `end` that no bar read: a block at a time.
        func fill(to end: Int) throws(RenderError) {
            while fed < end {
                let upper = min(end, fed + LoudnessMeter.block)
                try stem.read(fed..<upper, into: &read)
                feed(fed..<upper)
            }
        }
        let spanEnd = spans.last?.upperBound ?? 0
        for bar in bars {
            if isCancelled() { return nil }
            let count = bar.end - bar.start
            if !spans.isEmpty { try fill(to: min(bar.start, spanEnd)) }
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
            if !spans.isEmpty && bar.end > fed { feed(bar.start..<bar.end) }
        }
        if isCancelled() { return nil }
        try fill(to: spanEnd)
        return (levels, spanMeters.map(\.integrated))
    }
}
