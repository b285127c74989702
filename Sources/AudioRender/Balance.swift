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
    /// Where the pad sits: this many dB under the chords, over the bars where both sound
    /// (`padOverChords`) — felt under the comping, not lost. A General MIDI SoundFont's pads
    /// differ by 10 dB and more at one velocity (measured on FluidR3's: a dreamy sketch's
    /// pad sat 20 dB under its chords, a calm one's 9.5), so the pad's level is measured
    /// and set, as the melody's is, rather than assumed.
    public static let padUnderChords = 8.0
    /// The most the pad is moved either way, dB.
    public static let padMaximumChange = 12.0

    /// How much to scale each stem (as linear factors, one per track), the melody's lift
    /// in dB (0 when none was needed or the writer mixed the parts) and the pad's change in
    /// dB (0 likewise). The pad is set under the chords first, then the melody lifted over
    /// the chords and the pad as set. Mastering applies the factors as it reads the stems.
    public static func lifts(_ stems: [any StemReader], of performance: Performance, sampleRate: Int,
                             isCancelled: () -> Bool = { false }) throws(RenderError) -> (factors: [Float], decibels: Double, pad: Double) {
        var factors = [Float](repeating: 1, count: stems.count)
        let tracks = performance.tracks
        var padChange = 0.0
        if let pad = tracks.firstIndex(where: { $0.part == .pad }), let chords = tracks.firstIndex(where: { $0.part == .chords }),
           !tracks[pad].levelSetByWriter, !tracks[chords].levelSetByWriter,
           let over = try padOverChords(stems, pad: pad, chords: chords, performance: performance, sampleRate: sampleRate) {
            padChange = min(padMaximumChange, max(-padMaximumChange, -padUnderChords - over))
            if abs(padChange) >= 0.5 { factors[pad] = Float(Loudness.linear(padChange)) } else { padChange = 0 }
        }
        guard let lead = tracks.firstIndex(where: { $0.part == .melody }) else { return (factors, 0, padChange) }
        let bedTracks = tracks.indices.filter { bed.contains(tracks[$0].part) }
        guard !bedTracks.isEmpty, !tracks[lead].levelSetByWriter,
              !bedTracks.contains(where: { tracks[$0].levelSetByWriter }) else { return (factors, 0, padChange) }
        guard let difference = try barDifference(stems, lead: lead, bed: bedTracks, factors: factors, performance: performance,
                                                 sampleRate: sampleRate, quantile: 0.25, isCancelled: isCancelled),
              difference < target else { return (factors, 0, padChange) }
        let lift = min(maximumLift, target - difference)
        factors[lead] = Float(Loudness.linear(lift))
        return (factors, lift, padChange)
    }

    /// The pad's loudness over the chords', dB, over the bars where the pad plays and both
    /// sound: each part's bar loudness (K-weighted, `BarLoudness`: a pad sits low, and plain
    /// RMS would count its low notes louder than they sound) averaged as power over those
    /// bars — chords struck every other bar and left to ring make a median of bar-by-bar
    /// differences swing by 10 dB on one bar more or less; nil when there are none.
    static func padOverChords(_ stems: [any StemReader], pad: Int, chords: Int, performance: Performance,
                               sampleRate: Int) throws(RenderError) -> Double? {
        let frames = stems[pad].frames
        let bars = barFrames(performance, sampleRate: sampleRate, frames: frames).filter { $0.end > $0.start }
        let notes = performance.tracks[pad].notes
        let spans = bars.map { (start: $0.start, end: $0.end) }
        let padLevels = try BarLoudness.of(stems[pad], bars: spans, sampleRate: sampleRate)
        let chordLevels = try BarLoudness.of(stems[chords], bars: spans, sampleRate: sampleRate)
        var padPower = 0.0, chordPower = 0.0, counted = 0
        for (index, bar) in bars.enumerated() where notes.contains(where: { $0.start < bar.ticks.upperBound && $0.end > bar.ticks.lowerBound }) {
            guard padLevels[index] > -70, chordLevels[index] > -70 else { continue }
            padPower += pow(10, padLevels[index] / 10)
            chordPower += pow(10, chordLevels[index] / 10)
            counted += 1
        }
        guard counted > 0 else { return nil }
        return 10 * log10(padPower / chordPower)
    }

    /// A quantile (0.5: the median) over bars of the lead's RMS over the bed's (the bed's
    /// stems summed), in dB, counting the bars where a lead note sounds and the bed is not
    /// silent; nil when there are none. Reads the stems a bar at a time.
    /// Asks `isCancelled` each bar (a Ctrl-C during a long song's balance stops it within
    /// a bar's work) and returns nil when told to stop.
    /// `factors` scales each stem first (the pad as `lifts` set it); none means as they are.
    public static func barDifference(_ stems: [any StemReader], lead: Int, bed: [Int], factors: [Float] = [], performance: Performance,
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
