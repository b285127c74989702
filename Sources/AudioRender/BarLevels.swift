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
    /// which is asked a block at a time, so a Ctrl-C during a long song's balance stops
    /// within a block's work.
    static func of(_ stem: any StemReader, bars: [(ticks: Range<Ticks>, start: Int, end: Int)], sampleRate: Int,
                   isCancelled: () -> Bool = { false }) throws(RenderError) -> BarLevels? {
        try of(stem, bars: bars, spans: [], sampleRate: sampleRate, isCancelled: isCancelled)?.levels
    }

    /// The levels of `stem` over `bars` and its integrated loudness over each of `spans`
    /// (a section each, contiguous from frame 0), from one read of the stem a block at a
    /// time into a `StemMeasure`: the measure a render makes as the part is synthesized,
    /// so the two cannot differ. Why one read: the balance wants both of the bass, the
    /// melody and the drums, and reading each of their stems twice cost a 3-minute render
    /// 195 MB more from disk.
    static func of(_ stem: any StemReader, bars: [(ticks: Range<Ticks>, start: Int, end: Int)], spans: [Range<Int>], sampleRate: Int,
                   isCancelled: () -> Bool = { false }) throws(RenderError) -> (levels: BarLevels, spans: [Double])? {
        let measure = StemMeasure(recording: nil, bars: bars, sampleRate: sampleRate, sections: spans)
        let end = max(bars.last?.end ?? 0, spans.last?.upperBound ?? 0)
        var read = StereoBuffer(frames: 0)
        var start = 0
        while start < end {
            if isCancelled() { return nil }
            let upper = min(end, start + LoudnessMeter.block)
            try stem.read(start..<upper, into: &read)
            read.left.withUnsafeBufferPointer { l in
                read.right.withUnsafeBufferPointer { r in measure.measure(left: l.baseAddress!, right: r.baseAddress!, count: upper - start) }
            }
            start = upper
        }
        return measure.finish(frames: end)
    }
}

/// A part's bar levels and section loudness, measured as its frames come in order: a
/// fresh `GatedLoudness` and RMS sum for each bar, and a fresh `GatedLoudness` for each
/// section. A render wraps each part's tape in one, so every block is measured on the
/// synth's thread as it goes to tape: the balance then need not read the tapes back
/// (261 MB from disk for a 3-minute song of four parts) and waits for nothing but the
/// sums it makes itself. `BarLevels.of` feeds one from a finished stem. `finish` gives
/// the last section the silence a tape reads as past its end, up to the longest part's
/// end. (Two meters run side by side in four SIMD lanes
/// were tried for the frames that are both a bar's and a section's: on this project's
/// machines, x86-64 without AVX, that loop took as long as the two meters one after the
/// other, so each meter has its own pass.)
final class StemMeasure: StemRecorder, @unchecked Sendable {
    private let recorder: (any StemRecorder)?
    let bars: [(ticks: Range<Ticks>, start: Int, end: Int)]
    /// Each section's first frame; the last section runs to the end, wherever that is.
    private let spanStarts: [Int]
    private let sampleRate: Int
    private var position = 0
    private var bar = 0, span = 0
    private var barMeter: GatedLoudness
    private var barEnergy = 0.0
    private var spanMeters: [GatedLoudness]
    private var loudness: [Double] = [], rms: [Double] = []

    /// Passing every block on to `recorder`, if any. `bars` as `Balance.barFrames` gives
    /// them (every one with `end > start`, in order, none overlapping); `sections` as
    /// `FaderRide.markerSections` (contiguous from frame 0; the last one's end is ignored),
    /// or none when the balance wants no section loudness of this part.
    init(recording recorder: (any StemRecorder)?, bars: [(ticks: Range<Ticks>, start: Int, end: Int)], sampleRate: Int, sections: [Range<Int>]) {
        self.recorder = recorder
        self.bars = bars
        spanStarts = sections.map(\.lowerBound)
        self.sampleRate = sampleRate
        barMeter = GatedLoudness(sampleRate: sampleRate)
        spanMeters = sections.map { _ in GatedLoudness(sampleRate: sampleRate) }
    }

    func append(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int) throws(RenderError) {
        try recorder?.append(left: left, right: right, count: count)
        measure(left: left, right: right, count: count)
    }

    /// Measures the next `count` frames.
    func measure(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int) {
        let end = position + count
        while position < end {
            // Bars already behind: finish them.
            while bar < bars.count && bars[bar].end <= position { finishBar() }
            while span + 1 < spanStarts.count && spanStarts[span + 1] <= position { span += 1 }
            let inBar = bar < bars.count && bars[bar].start <= position
            let inSpan = !spanStarts.isEmpty && spanStarts[span] <= position
            // Up to the next place a meter starts or stops.
            var stop = end
            if bar < bars.count { stop = min(stop, inBar ? bars[bar].end : bars[bar].start) }
            if span + 1 < spanStarts.count { stop = min(stop, spanStarts[span + 1]) }
            if !inSpan, let first = spanStarts.first { stop = min(stop, first) }
            let offset = position - (end - count), taken = stop - position
            let l = left + offset, r = right + offset
            if inBar { barMeter.add(left: l, right: r, count: taken) }
            if inSpan { spanMeters[span].add(left: l, right: r, count: taken) }
            if inBar {
                var energy = barEnergy
                for index in 0..<taken { energy += Double(l[index] * l[index] + r[index] * r[index]) }
                barEnergy = energy
            }
            position = stop
        }
        while bar < bars.count && bars[bar].end <= position { finishBar() }
    }

    private func finishBar() {
        let count = bars[bar].end - bars[bar].start
        loudness.append(barMeter.integrated)
        rms.append(10 * log10(barEnergy / Double(count) + 1e-20))
        barMeter = GatedLoudness(sampleRate: sampleRate)
        barEnergy = 0
        bar += 1
    }

    /// The figures, once the part is synthesized and every part's length is known: the
    /// last section heard to `frames` (silence past this part's end); nil if the part
    /// ended before its last bar (the balance then reads the tape).
    func finish(frames: Int) -> (levels: BarLevels, spans: [Double])? {
        guard bar == bars.count else { return nil }
        if !spanStarts.isEmpty && position < frames {
            let silence = [Float](repeating: 0, count: min(frames - position, LoudnessMeter.block))
            silence.withUnsafeBufferPointer { zeros in
                while position < frames {
                    let taken = min(frames - position, zeros.count)
                    measure(left: zeros.baseAddress!, right: zeros.baseAddress!, count: taken)
                }
            }
        }
        return (BarLevels(bars: bars, loudness: loudness, rms: rms), spanMeters.map(\.integrated))
    }
}
