import Foundation
import MusicTheory
import SongModel

/// How `Balance` measures one part against another: bar by bar (RMS, or K-weighted loudness
/// by libebur128) over the bars where a part plays, and the bars' frames from the tempo map.
extension Balance {
    /// One part's loudness over another's, dB, over the bars where `notesOf`'s track plays
    /// and both sound, from each part's bar loudness (K-weighted, `BarLoudness`: a pad or a
    /// bass sits low, and plain RMS would count its low notes louder than they sound); nil
    /// when there are no such bars.
    ///
    /// With no `quantile`, the levels are averaged as power over those bars — chords struck
    /// every other bar and left to ring make a median of bar-by-bar differences swing by
    /// 10 dB on one bar more or less. With one (0.75: three bars in four are under it), the
    /// bar-by-bar differences' quantile — for two parts that both play through the bar.
    static func partOver(_ stems: [any StemReader], part: Int, reference: Int, where notesOf: Int, quantile: Double? = nil,
                         performance: Performance, sampleRate: Int) throws(RenderError) -> Double? {
        try levelOver(stems[part], stems[reference], where: notesOf, quantile: quantile, performance: performance, sampleRate: sampleRate)
    }

    /// `partOver` for any two readers (a part, or several summed).
    static func levelOver(_ part: any StemReader, _ reference: any StemReader, where notesOf: Int, quantile: Double? = nil,
                          performance: Performance, sampleRate: Int) throws(RenderError) -> Double? {
        let bars = try levelDifferences(part, reference, where: notesOf, performance: performance, sampleRate: sampleRate)
        guard !bars.isEmpty else { return nil }
        if let quantile { return Self.quantile(bars.map(\.difference), quantile) }
        let partPower = bars.reduce(0) { $0 + pow(10, $1.part / 10) }, referencePower = bars.reduce(0) { $0 + pow(10, $1.reference / 10) }
        return 10 * log10(partPower / referencePower)
    }

    /// Each bar's K-weighted loudness of `part` and of `reference` and the difference, with
    /// the bar's first frame, over the bars where `notesOf`'s track plays and both sound.
    static func levelDifferences(_ part: any StemReader, _ reference: any StemReader, where notesOf: Int, performance: Performance,
                                 sampleRate: Int) throws(RenderError) -> [(frame: Int, difference: Double, part: Double, reference: Double)] {
        let bars = barFrames(performance, sampleRate: sampleRate, frames: part.frames).filter { $0.end > $0.start }
        let notes = performance.tracks[notesOf].notes
        let spans = bars.map { (start: $0.start, end: $0.end) }
        let partLevels = try BarLoudness.of(part, bars: spans, sampleRate: sampleRate)
        let referenceLevels = try BarLoudness.of(reference, bars: spans, sampleRate: sampleRate)
        var found: [(frame: Int, difference: Double, part: Double, reference: Double)] = []
        for (index, bar) in bars.enumerated() where notes.contains(where: { $0.start < bar.ticks.upperBound && $0.end > bar.ticks.lowerBound }) {
            guard partLevels[index] > -70, referenceLevels[index] > -70 else { continue }
            found.append((bar.start, partLevels[index] - referenceLevels[index], partLevels[index], referenceLevels[index]))
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
        guard let bars = try barDifferences(stems, lead: lead, bed: bed, factors: factors, performance: performance, sampleRate: sampleRate,
                                            isCancelled: isCancelled) else { return nil }
        return Self.quantile(bars.map(\.difference), quantile)
    }

    /// The lead's RMS over the bed's in each bar where a lead note sounds and neither is
    /// silent, with the bar's first frame. Reads the stems a bar at a time and asks
    /// `isCancelled` each bar (a Ctrl-C during a long song's balance stops it within a
    /// bar's work), returning nil when told to stop.
    static func barDifferences(_ stems: [any StemReader], lead: Int, bed: [Int], factors: [Float] = [], performance: Performance,
                               sampleRate: Int, isCancelled: () -> Bool = { false }) throws(RenderError) -> [(frame: Int, difference: Double)]? {
        var differences: [(frame: Int, difference: Double)] = []
        let frames = stems[lead].frames
        let notes = performance.tracks[lead].notes
        var leadBar = StereoBuffer(frames: 0), part = StereoBuffer(frames: 0)
        var left: [Float] = [], right: [Float] = []
        for (bar, start, end) in barFrames(performance, sampleRate: sampleRate, frames: frames) where end > start {
            if isCancelled() { return nil }
            guard notes.contains(where: { $0.start < bar.upperBound && $0.end > bar.lowerBound }) else { continue }
            try stems[lead].read(start..<end, into: &leadBar)
            var leadEnergy = 0.0, bedEnergy = 0.0
            for index in leadBar.left.indices {
                leadEnergy += Double(leadBar.left[index] * leadBar.left[index] + leadBar.right[index] * leadBar.right[index])
            }
            // The bed summed over the bar, track by track.
            left = [Float](repeating: 0, count: end - start)
            right = left
            for track in bed {
                try stems[track].read(start..<end, into: &part)
                if track < factors.count && factors[track] != 1 {
                    Samples.scale(inPlace: &part.left, by: factors[track])
                    Samples.scale(inPlace: &part.right, by: factors[track])
                }
                Samples.add(part.left, to: &left)
                Samples.add(part.right, to: &right)
            }
            for index in left.indices { bedEnergy += Double(left[index] * left[index] + right[index] * right[index]) }
            let count = Double(end - start)
            let leadLevel = 10 * log10(leadEnergy / count + 1e-20), bedLevel = 10 * log10(bedEnergy / count + 1e-20)
            // Bars where either is silent (under −70 dBFS) say nothing about the balance.
            guard leadLevel > -70, bedLevel > -70 else { continue }
            differences.append((start, leadLevel - bedLevel))
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
