import Foundation
import MusicTheory
import SongModel

/// Keeps the tune on top: as mastering reads the stems, the melody's is lifted until, in three
/// bars of four where it plays, it sits at least `target` dB over the harmonic bed — the
/// parts that share its register, the chords and the pad — unless the writer has set the
/// level of the melody or of any bed part with `mix … gain=`, in which case the writer's
/// balance stands (choosing an instrument does not count).
///
/// Why a lift of the melody rather than a cut of the bed: mastering then brings the whole
/// mix back to its loudness target, so lifting the melody by X is the bed, the bass and
/// the drums all going down X together — their balance among themselves is left as it was.
public enum Balance {
    /// Melody RMS − bed RMS that the lower quartile of the melody's bars must reach: the
    /// 3 dB a lead needs over its accompaniment, with a decibel to spare for meters that
    /// cut the bars differently.
    public static let target = 4.0
    /// The most the melody is lifted.
    public static let maximumLift = 24.0
    /// The parts a melody must be heard over.
    public static let bed: Set<PartKind> = [.chords, .pad]

    /// How much to lift each stem (as linear factors, one per track: the melody's above 1
    /// or none) and the melody's lift in dB (0 when none was needed or the writer mixed the
    /// parts). Mastering applies the factors as it reads the stems.
    public static func lifts(_ stems: [any StemReader], of performance: Performance, sampleRate: Int,
                             isCancelled: () -> Bool = { false }) throws(RenderError) -> (factors: [Float], decibels: Double) {
        let none = [Float](repeating: 1, count: stems.count)
        guard let lead = performance.tracks.firstIndex(where: { $0.part == .melody }) else { return (none, 0) }
        let bedTracks = performance.tracks.indices.filter { bed.contains(performance.tracks[$0].part) }
        guard !bedTracks.isEmpty, !performance.tracks[lead].levelSetByWriter,
              !bedTracks.contains(where: { performance.tracks[$0].levelSetByWriter }) else { return (none, 0) }
        guard let difference = try barDifference(stems, lead: lead, bed: bedTracks, performance: performance, sampleRate: sampleRate,
                                                 quantile: 0.25, isCancelled: isCancelled),
              difference < target else { return (none, 0) }
        let lift = min(maximumLift, target - difference)
        var factors = none
        factors[lead] = Float(Loudness.linear(lift))
        return (factors, lift)
    }

    /// A quantile (0.5: the median) over bars of the lead's RMS over the bed's (the bed's
    /// stems summed), in dB, counting the bars where a lead note sounds and the bed is not
    /// silent; nil when there are none. Reads the stems a bar at a time.
    /// Asks `isCancelled` each bar (a Ctrl-C during a long song's balance stops it within
    /// a bar's work) and returns nil when told to stop.
    public static func barDifference(_ stems: [any StemReader], lead: Int, bed: [Int], performance: Performance,
                                     sampleRate: Int, quantile: Double, isCancelled: () -> Bool = { false }) throws(RenderError) -> Double? {
        var differences: [Double] = []
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
                Samples.add(part.left, to: &left)
                Samples.add(part.right, to: &right)
            }
            for index in left.indices { bedEnergy += Double(left[index] * left[index] + right[index] * right[index]) }
            let count = Double(end - start)
            let leadLevel = 10 * log10(leadEnergy / count + 1e-20), bedLevel = 10 * log10(bedEnergy / count + 1e-20)
            // Bars where either is silent (under −70 dBFS) say nothing about the balance.
            guard leadLevel > -70, bedLevel > -70 else { continue }
            differences.append(leadLevel - bedLevel)
        }
        guard !differences.isEmpty else { return nil }
        let sorted = differences.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * quantile))]
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
