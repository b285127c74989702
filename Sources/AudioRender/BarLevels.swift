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

/// A part's bar levels and section loudness, measured as its frames come in order: each
/// bar's loudness and RMS as a fresh `GatedLoudness` and sum would measure the bar alone
/// (to the bit), and each section's loudness gated over the same K-weighted frames. A
/// render wraps each part's tape in one, so every block is measured on the synth's thread
/// as it goes to tape: the balance then need not read the tapes back (261 MB from disk for
/// a 3-minute song of four parts) and waits for nothing but the sums it makes itself.
/// `BarLevels.of` feeds one from a finished stem. `finish` gives the last section the
/// silence a tape reads as past its end, up to the longest part's end.
///
/// One K-weighting filter serves the bar and the section: started afresh at each bar (as
/// the bar's own meter would be), running on between bars. A section's figure is thus
/// its frames as weighted bar by bar, which differs from a meter started on the section
/// only in the few milliseconds the filter takes to settle at each bar (the test stem's
/// sections within 0.0014 LU). Why: with a meter each, the bass, melody and drums of a song
/// with energies went through the filter twice, and the filter, a chain of dependent
/// operations, was a tenth of the synthesis's CPU (`perf`, the benchmark song). The
/// frames' RMS sum rides in the same loop, in the time the filter's chain leaves free.
final class StemMeasure: StemRecorder, @unchecked Sendable {
    private let recorder: (any StemRecorder)?
    let bars: [(ticks: Range<Ticks>, start: Int, end: Int)]
    /// Each section's first frame; the last section runs to the end, wherever that is.
    private let spanStarts: [Int]
    private let sampleRate: Int
    private var position = 0
    private var bar = 0, span = 0
    private var filter: KWeighting
    /// Whether the bar under way has begun (its filter started afresh).
    private var inBarStarted = false
    private var barGate: LoudnessGate
    private var barEnergy = 0.0
    private var spanGates: [LoudnessGate]
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
        filter = KWeighting(sampleRate: sampleRate)
        barGate = LoudnessGate(sampleRate: sampleRate)
        spanGates = sections.map { _ in LoudnessGate(sampleRate: sampleRate) }
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
            if inBar && !inBarStarted {
                filter = KWeighting(sampleRate: sampleRate)
                inBarStarted = true
            }
            // Up to the next place a meter starts or stops, or a hop of either ends.
            var stop = end
            if bar < bars.count { stop = min(stop, inBar ? bars[bar].end : bars[bar].start) }
            if span + 1 < spanStarts.count { stop = min(stop, spanStarts[span + 1]) }
            if !inSpan, let first = spanStarts.first { stop = min(stop, first) }
            if inBar { stop = min(stop, position + barGate.room) }
            if inSpan { stop = min(stop, position + spanGates[span].room) }
            let offset = position - (end - count), taken = stop - position
            let l = left + offset, r = right + offset
            // Every frame through the filter, so it runs on between bars; the sums kept
            // where a bar or a section is under way.
            var filter = self.filter
            var barSum = inBar ? barGate.current : SIMD2(), spanSum = inSpan ? spanGates[span].current : SIMD2()
            var energy = barEnergy
            for index in 0..<taken {
                let y = filter(SIMD2(Double(l[index]), Double(r[index])))
                let squares = y * y
                barSum += squares
                spanSum += squares
                energy += Double(l[index] * l[index] + r[index] * r[index])
            }
            self.filter = filter
            var flush = false
            if inBar {
                barEnergy = energy
                // Flushed where the bar's own meter flushes: at each of its hops.
                flush = barGate.add(barSum, frames: taken)
            }
            if inSpan {
                let hopDone = spanGates[span].add(spanSum, frames: taken)
                if !inBar { flush = hopDone }
            }
            if flush { self.filter.flushSubnormals() }
            position = stop
        }
        while bar < bars.count && bars[bar].end <= position { finishBar() }
    }

    private func finishBar() {
        let count = bars[bar].end - bars[bar].start
        loudness.append(barGate.integrated)
        rms.append(10 * log10(barEnergy / Double(count) + 1e-20))
        barGate = LoudnessGate(sampleRate: sampleRate)
        inBarStarted = false
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
        return (BarLevels(bars: bars, loudness: loudness, rms: rms), spanGates.map(\.integrated))
    }
}
