import Foundation
import MusicTheory
import SongModel

/// How `Balance` measures one part against another: bar by bar (RMS, or K-weighted loudness
/// by `GatedLoudness`, both in `BarLevels`) over the bars where a part plays, and the bars'
/// frames from the tempo map.
extension Balance {
    /// One part's loudness over another's, dB, over the bars where `notesOf`'s track plays
    /// and both sound, from each part's bar loudness (K-weighted, `BarLevels`: a pad or a
    /// bass sits low, and plain RMS would count its low notes louder than they sound); nil
    /// when there are no such bars. The levels are averaged as power over those bars — chords
    /// struck every other bar and left to ring make a median of bar-by-bar differences swing
    /// by 10 dB on one bar more or less.
    static func levelOver(_ part: BarLevels, _ reference: BarLevels, where notesOf: Int, performance: Performance) -> Double? {
        let bars = levelDifferences(part, reference, where: notesOf, performance: performance)
        guard !bars.isEmpty else { return nil }
        let partPower = bars.reduce(0) { $0 + pow(10, $1.part / 10) }, referencePower = bars.reduce(0) { $0 + pow(10, $1.reference / 10) }
        return 10 * log10(partPower / referencePower)
    }

    /// Each bar's K-weighted loudness of `part` and of `reference` and the difference, with
    /// the bar's first frame, over the bars where `notesOf`'s track plays and both sound.
    static func levelDifferences(_ part: BarLevels, _ reference: BarLevels, where notesOf: Int,
                                 performance: Performance) -> [(frame: Int, difference: Double, part: Double, reference: Double)] {
        let notes = performance.tracks[notesOf].notes
        var found: [(frame: Int, difference: Double, part: Double, reference: Double)] = []
        for (index, bar) in part.bars.enumerated() where notes.contains(where: { $0.start < bar.ticks.upperBound && $0.end > bar.ticks.lowerBound }) {
            guard part.loudness[index] > -70, reference.loudness[index] > -70 else { continue }
            found.append((bar.start, part.loudness[index] - reference.loudness[index], part.loudness[index], reference.loudness[index]))
        }
        return found
    }

    /// The `quantile` (0.25: the lower quartile) of `values`; nil when there are none.
    static func quantile(_ values: [Double], _ quantile: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * quantile))]
    }

    /// A quantile (0.5: the median) over bars of the lead's RMS over the bed's (the bed's
    /// stems summed), in dB, counting the bars where a lead note sounds and the bed is not
    /// silent; nil when there are none, or when told to stop.
    /// `factors` scales each stem first (the pad as `lifts` set it); none means as they are.
    public static func barDifference(_ stems: [any StemReader], lead: Int, bed: [Int], factors: [Float] = [], performance: Performance,
                                     sampleRate: Int, quantile: Double, isCancelled: () -> Bool = { false }) throws(RenderError) -> Double? {
        let bars = barFrames(performance, sampleRate: sampleRate, frames: stems[lead].frames).filter { $0.end > $0.start }
        let bedSum = SummedStems(stems: bed.map { stems[$0] }, factors: bed.map { $0 < factors.count ? factors[$0] : 1 })
        guard let leadLevels = try BarLevels.of(stems[lead], bars: bars, sampleRate: sampleRate, isCancelled: isCancelled),
              let bedLevels = try BarLevels.of(bedSum, bars: bars, sampleRate: sampleRate, isCancelled: isCancelled) else { return nil }
        return Self.quantile(barDifferences(leadLevels, bedLevels, lead: lead, performance: performance).map(\.difference), quantile)
    }

    /// The lead's RMS over the bed's in each bar where a lead note sounds and neither is
    /// silent (under −70 dBFS says nothing about the balance), with the bar's first frame.
    static func barDifferences(_ lead: BarLevels, _ bed: BarLevels, lead track: Int, performance: Performance) -> [(frame: Int, difference: Double)] {
        let notes = performance.tracks[track].notes
        var differences: [(frame: Int, difference: Double)] = []
        for (index, bar) in lead.bars.enumerated() where notes.contains(where: { $0.start < bar.ticks.upperBound && $0.end > bar.ticks.lowerBound }) {
            guard lead.rms[index] > -70, bed.rms[index] > -70 else { continue }
            differences.append((bar.start, lead.rms[index] - bed.rms[index]))
        }
        return differences
    }

    /// Each bar's ticks and its first and last frame, from the performance's meters and
    /// tempo map.
    public static func barFrames(_ performance: Performance, sampleRate: Int, frames: Int) -> [(ticks: Range<Ticks>, start: Int, end: Int)] {
        var bars: [(ticks: Range<Ticks>, start: Int, end: Int)] = []
        var tick: Ticks = 0
        while tick < performance.endTick {
            let meter = performance.meters.last { $0.tick <= tick }?.meter ?? .fourFour
            let next = min(performance.endTick, tick + meter.ticksPerBar)
            let start = min(frames, Int(performance.tempos.seconds(at: tick) * Double(sampleRate)))
            let end = min(frames, Int(performance.tempos.seconds(at: next) * Double(sampleRate)))
            bars.append((tick..<next, start, end))
            tick = next
        }
        return bars
    }
}

/// Several stems read as one, each scaled by its factor: the bed as the ear hears it, all
/// its parts together.
struct SummedStems: StemReader {
    var stems: [any StemReader]
    var factors: [Float]
    var frames: Int { stems.map(\.frames).max() ?? 0 }

    func read(_ range: Range<Int>, into buffer: inout StereoBuffer) throws(RenderError) {
        buffer = StereoBuffer(frames: range.count)
        var part = StereoBuffer(frames: 0)
        for (stem, factor) in zip(stems, factors) {
            try stem.read(range, into: &part)
            if factor != 1 {
                Samples.scale(inPlace: &part.left, by: factor)
                Samples.scale(inPlace: &part.right, by: factor)
            }
            Samples.add(part.left, to: &buffer.left)
            Samples.add(part.right, to: &buffer.right)
        }
    }
}
