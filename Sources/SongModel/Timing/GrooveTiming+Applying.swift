import MusicTheory

/// Turns a groove's timing ingredients into the hits' offsets. The grid positions are
/// never touched, so the feel can be changed or removed later.
public enum GrooveTimingApplier {
    /// How far swing moves a hit, in ticks: a straight off-beat (half the unit) goes late
    /// to the ratio's place, a note a quarter or three quarters into the unit with it (in
    /// proportion, inside its half); a triplet off-beat (two thirds of the unit, where a shuffle
    /// or jazz grid writes it at 2:1) goes to the ratio's place from there — later for
    /// a slow lope, earlier as the tempo rises and the swing evens out.
    public static func swingDelay(at start: Ticks, _ timing: GrooveTiming) -> Double {
        // A ratio of 1 plays the grid as written (straight eighths straight, triplets as
        // triplets): what `quantize` and a hand-written part mean.
        guard timing.swing > 1.001, timing.swingUnit > 0 else { return 0 }
        let unit = Double(timing.swingUnit)
        let place = start % timing.swingUnit
        if place == timing.swingUnit / 2 { return unit * Swing.delay(ratio: timing.swing) }
        if timing.swingUnit % 3 == 0 && place == timing.swingUnit * 2 / 3 {
            return unit * (Swing.delay(ratio: timing.swing) + 0.5 - 2.0 / 3.0)
        }
        // A note halfway into either swung half (a sixteenth under swung eighths: a build's
        // roll, a ghost note) keeps its place between them, the halves stretched and
        // squeezed alike: moved only the off-beat, 3:1 had put a roll's third sixteenth on
        // its fourth (a composer's 5/4 jazz build, doubled hits 0–10 ms apart).
        if timing.swingUnit % 4 == 0 && (place == timing.swingUnit / 4 || place == timing.swingUnit * 3 / 4) {
            let swung = unit * (0.5 + Swing.delay(ratio: timing.swing))
            let at = Double(place)
            let moved = place < timing.swingUnit / 2 ? at * swung / (unit / 2) : swung + (at - unit / 2) * (unit - swung) / (unit / 2)
            return moved - at
        }
        return 0
    }

    /// The steady part of a hit's offset, in ticks: a learned template's place for it, or
    /// swing and feel; the humanizer's noise comes on top.
    static func steady(_ hit: DrumHit, _ timing: GrooveTiming, ticksPerMs: Double) -> Double {
        if let template = timing.template { return template.offset(for: hit.key, at: hit.start) }
        return swingDelay(at: hit.start, timing) + timing.feel.offset(for: hit.key) * ticksPerMs
    }

    /// Humanizer σ in ms for an amount: 20 ms × amount (10 ms at 0.5, as Hennig's default).
    public static func sigma(for amount: Double) -> Double { 20 * amount }

    public static func apply(_ timing: GrooveTiming, to hits: [DrumHit], quarterTempo: Double) -> [DrumHit] {
        let ticksPerMs = quarterTempo * Double(MusicalTime.ticksPerQuarter) / 60_000
        let ordered = hits.indices.sorted { (hits[$0].start, hits[$0].key) < (hits[$1].start, hits[$1].key) }
        let deviations = Humanizer.deviations(count: hits.count, sigma: sigma(for: timing.humanize), alpha: timing.alpha, seed: timing.seed)
        let rolled = rollStrokes(hits)
        var result = hits
        for (rank, index) in ordered.enumerated() {
            let hit = hits[index]
            let role = DrumKit.role(of: hit.key)
            let noise = deviations[rank] * (role == .kick ? kickNoise : rolled.contains(index) ? rollNoise : 1)
            if let template = timing.template {
                // A played template is the drummer's own: its snare may sit early.
                result[index].offset = Int((template.offset(for: hit.key, at: hit.start) + noise * ticksPerMs).rounded())
                continue
            }
            let swingTicks = swingDelay(at: hit.start, timing)
            var milliseconds = timing.feel.offset(for: hit.key) + noise
            if role == .snare { milliseconds = max(0, milliseconds) }  // the snare is never early
            result[index].offset = Int((swingTicks + milliseconds * ticksPerMs).rounded())
        }
        return result
    }

    /// Applies a section's drum timing to its hits and couples the parts that follow the
    /// drums (the bass line) to them.
    ///
    /// `Song.accept` and `Song.edit` call it after any change to a part that follows the
    /// drums: this one place keeps the grid, the drums' offsets and the bass's shared timing
    /// in step.
    public static func retime(_ section: inout Section, quarterTempo: Double) {
        guard var drums = section.drums, let timing = drums.timing else { return }
        drums.hits = apply(timing, to: drums.hits, quarterTempo: quarterTempo)
        section.drums = drums
        for kind in PartKind.allCases where kind.row.followsDrums {
            guard var part = section.parts[kind], case .notes(let notes) = part.content else { continue }
            part.content = .notes(coupleBass(notes, to: drums.hits, timing: timing, quarterTempo: quarterTempo))
            section.parts[kind] = part
        }
    }

    /// How strongly the bass follows the drummer's timing (Hennig's "group humanize").
    public static let bassCoupling = 0.5

    /// Bass offsets that move with the drums: each note takes `bassCoupling` of the
    /// humanizer deviation of the nearest drum hit and the rest from its own 1/f noise,
    /// with the same σ and α. A note written with a kick plays with that kick: the kick's
    /// own offset (less the swing the band adds itself, `Performance.swung`) and a little
    /// noise of its own, as tight as the kick's. Why: coupled by half and spread to the
    /// humanizer's σ, a funk bass "locked to the kick" was heard flamming against it (the
    /// gap between them 8.3 ms σ, up to 25.7 ms in an outside check). Quantized drums leave
    /// the bass on the grid too.
    public static func coupleBass(_ notes: [Note], to drums: [DrumHit], timing: GrooveTiming, quarterTempo: Double) -> [Note] {
        guard !notes.isEmpty else { return notes }
        let ticksPerMs = quarterTempo * Double(MusicalTime.ticksPerQuarter) / 60_000
        let sigma = sigma(for: timing.humanize)
        guard sigma > 0, !drums.isEmpty else { return notes.map { var note = $0; note.offset = 0; return note } }
        let drumDeviations = deviations(drums, timing: timing, quarterTempo: quarterTempo)
        let drumStarts = drums.sorted { ($0.start, $0.key) < ($1.start, $1.key) }.map(\.start)
        let leader = notes.map { note -> Double in
            var best = 0
            for (index, start) in drumStarts.enumerated() where abs(start - note.start) < abs(drumStarts[best] - note.start) { best = index }
            return drumDeviations[best].ms
        }
        // The nearest hit is often the kick, humanized at a third of the others; scale the
        // leader to the humanizer's σ so that the coupling means what it says.
        let spread = TimingStatistics.standardDeviation(leader)
        let scaled = spread > 0 ? leader.map { $0 / spread * sigma } : leader
        let coupled = Humanizer.coupled(to: scaled, coupling: bassCoupling, sigma: sigma, alpha: timing.alpha, seed: timing.seed &+ 7_919)
        var kicks: [Ticks: Int] = [:]
        for hit in drums where DrumKit.role(of: hit.key) == .kick { kicks[hit.start] = hit.offset }
        let tight = Humanizer.deviations(count: notes.count, sigma: sigma * kickNoise, alpha: timing.alpha, seed: timing.seed &+ 7_927)
        return notes.indices.map { index in
            var note = notes[index]
            if let kick = kicks[note.start] {
                let bandSwing = timing.template == nil ? swingDelay(at: note.start, timing) : 0
                note.offset = Int((Double(kick) - bandSwing + tight[index] * ticksPerMs).rounded())
            } else {
                note.offset = Int((coupled[index] * ticksPerMs).rounded())
            }
            return note
        }
    }

    /// How much of the humanizer's σ a kick takes (and a bass note played with it): the
    /// kick stays tight (MUSIC.md).
    static let kickNoise = 0.35

    /// How much of the humanizer's σ a roll's stroke takes: a roll (32nds, sextuplets) is one
    /// hand's or one machine's even run. Why: at the full σ a trap groove's 32nd hat rolls at
    /// 140 bpm (54 ms apart) came 41–69 ms apart, heard as flams (a producer's measure).
    static let rollNoise = 0.25

    /// The indices of `hits` that are strokes of a roll: another hit of the same drum less
    /// than a sixteenth away.
    public static func rollStrokes(_ hits: [DrumHit]) -> Set<Int> {
        let sixteenth = MusicalTime.ticksPerQuarter / 4
        var rolled = Set<Int>()
        for indices in Dictionary(grouping: hits.indices, by: { hits[$0].key }).values {
            let sorted = indices.sorted { hits[$0].start < hits[$1].start }
            for (a, b) in zip(sorted, sorted.dropFirst()) where hits[b].start - hits[a].start < sixteenth {
                rolled.insert(a)
                rolled.insert(b)
            }
        }
        return rolled
    }

    /// The humanizer's part of each hit's offset, in ms (the offset less swing and feel),
    /// in time order: what `groove stats` measures.
    public static func deviations(_ hits: [DrumHit], timing: GrooveTiming?, quarterTempo: Double) -> [(key: Int, ms: Double)] {
        let ticksPerMs = quarterTempo * Double(MusicalTime.ticksPerQuarter) / 60_000
        return hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }.map { hit in
            let steadyTicks = timing.map { steady(hit, $0, ticksPerMs: ticksPerMs) } ?? 0
            return (hit.key, (Double(hit.offset) - steadyTicks) / ticksPerMs)
        }
    }
}
