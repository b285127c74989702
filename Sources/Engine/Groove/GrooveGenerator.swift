import Foundation
import MusicTheory
import SongModel

/// What `groove SECTION …` asked for.
public struct GrooveRequest: Sendable, Hashable {
    public enum SwingChoice: Sendable, Hashable { case auto, off, amount(Double) }

    public var style: DrumStyle
    public var energy: Double
    public var swing: SwingChoice
    public var feel: Feel?
    public var humanize: Double
    public var alpha: Double
    public var count: Int
    public var seed: UInt64

    public init(style: DrumStyle, energy: Double, swing: SwingChoice, feel: Feel?, humanize: Double, alpha: Double = 1,
                count: Int, seed: UInt64) {
        self.style = style
        self.energy = energy
        self.swing = swing
        self.feel = feel
        self.humanize = humanize
        self.alpha = alpha
        self.count = count
        self.seed = seed
    }
}

/// Where the groove goes.
public struct GrooveContext: Sendable {
    public var section: String
    public var meter: Meter
    public var bars: Int
    /// The section's tempo in counted beats per minute.
    public var tempo: Int

    public init(section: String, meter: Meter, bars: Int, tempo: Int) {
        self.section = section
        self.meter = meter
        self.bars = bars
        self.tempo = tempo
    }

    /// Quarter notes per minute (MIDI's and the renderer's clock).
    public var quarterTempo: Double { meter.quarterTempo(beatsPerMinute: tempo) }
}

/// A drum part proposed for a section.
public struct DrumGroove: Sendable, Hashable {
    public var hits: [DrumHit]
    public var style: String
    public var timing: GrooveTiming
}

/// Grooves from the style tables: the bar pattern with energy's ghosts, open hats, kick
/// variations and cymbal choice; a two-bar variation; fills closing each phrase and the
/// section; a crash on the section's downbeat; then swing, feel and the humanizer.
public enum GrooveGenerator {
    public static let version = "1.0"

    public static func suggest(_ request: GrooveRequest, context: GrooveContext) -> [Suggestion] {
        let style = request.style.fitting(context.meter)
        var generator = SeededGenerator(seed: request.seed)
        var grooves: [(hits: [DrumHit], fills: String)] = []
        let wanted = request.count
        var attempts = 0
        while grooves.count < wanted && attempts < wanted * 8 {
            attempts += 1
            let variant = grooves.count
            let hits = build(style: style, energy: request.energy, variant: variant, context: context, generator: &generator)
            if !grooves.contains(where: { $0.hits == hits.hits }) { grooves.append(hits) }
        }
        let timing = timingFor(request, style: style, context: context)
        return grooves.enumerated().map { index, groove in
            var perGroove = timing
            perGroove.seed = request.seed &+ UInt64(index)
            let hits = GrooveTimingApplier.apply(perGroove, to: groove.hits, quarterTempo: context.quarterTempo)
            let swingText = perGroove.swing > 1.001 ? String(format: "swing %.2f:1", perGroove.swing) : "straight"
            let label = "\(style.name), energy \(String(format: "%.1f", request.energy)), \(groove.fills), \(swingText), \(perGroove.feel)"
            var reasons = ["\(style.name): \(style.about)"]
            if style.name != request.style.name { reasons.append("\(request.style.name) is written in \(request.style.meter); this section is in \(context.meter), so it gets the \(style.name) feel") }
            if perGroove.swing > 1.001 {
                reasons.append(String(format: "swing %.2f:1 at %d bpm: the ratio falls as tempo rises and the short note stays near 100 ms (Friberg & Sundström)", perGroove.swing, context.tempo))
            }
            reasons.append("feel \(perGroove.feel): steady offsets per instrument, the kick kept tight and the snare never early (Frühauf et al.; Senn et al.)")
            if perGroove.humanize > 0 {
                reasons.append(String(format: "humanized with 1/f noise (α = %.1f, σ ≈ %.0f ms), not white jitter: listeners prefer correlated deviations (Hennig et al.)", perGroove.alpha, 20 * perGroove.humanize))
            }
            var parameters = ["style": style.name, "energy": String(format: "%.2f", request.energy), "feel": perGroove.feel,
                              "humanize": String(format: "%.2f", request.humanize), "alpha": String(format: "%.1f", request.alpha),
                              "section": context.section, "rank": String(index + 1), "n": String(request.count)]
            switch request.swing {
            case .auto: parameters["swing"] = "auto"
            case .off: parameters["swing"] = "off"
            case .amount(let amount): parameters["swing"] = String(format: "%.2f", amount)
            }
            return Suggestion(label: label, reasons: reasons,
                              origin: .generator("groove", version: version, seed: request.seed, parameters: parameters),
                              content: .drums(DrumGroove(hits: hits, style: style.name, timing: perGroove)))
        }
    }

    static func timingFor(_ request: GrooveRequest, style: DrumStyle, context: GrooveContext) -> GrooveTiming {
        var ratio = 1.0
        var unit = style.swing?.unit ?? 960
        switch request.swing {
        case .off: ratio = 1
        case .amount(let amount): ratio = Swing.ratio(amount: amount)
        case .auto:
            if let swing = style.swing {
                let pairMs = Double(swing.unit) / Double(MusicalTime.ticksPerQuarter) * 60_000 / context.quarterTempo
                ratio = Swing.ratio(pairMilliseconds: pairMs, depth: swing.depth)
                unit = swing.unit
            }
        }
        // Triplet grids already swing in the writing; swing there would swing twice.
        if style.stepsPerBeat == 3 { ratio = 1 }
        return GrooveTiming(swing: ratio, swingUnit: unit, feel: (request.feel ?? style.feel).rawValue, humanize: request.humanize,
                            alpha: request.alpha, seed: request.seed)
    }

    /// The hits of one variant, on the grid (no offsets yet), and a word on its fills.
    static func build(style: DrumStyle, energy: Double, variant: Int, context: GrooveContext,
                      generator: inout SeededGenerator) -> (hits: [DrumHit], fills: String) {
        let meter = context.meter
        let stepTicks = meter.ticksPerBeat / style.stepsPerBeat
        let steps = meter.ticksPerBar / stepTicks
        // The bar pattern: the grid, optional hits by energy and chance, cymbal choice.
        var bar: [(key: Int, step: Int, velocity: Int)] = []
        for (key, row) in style.grid.sorted(by: { $0.key < $1.key }) {
            for (step, glyph) in row.enumerated() where step < steps {
                guard let velocity = DrumStyle.velocity(glyph) else { continue }
                if energy < 0.3 && DrumKit.role(of: key) == .cymbal && step % style.stepsPerBeat != 0 { continue }
                bar.append((key, step, velocity))
            }
        }
        for extra in style.extras where energy >= extra.minEnergy && extra.step < steps {
            if generator.unit() < min(1, extra.probability * (0.6 + energy) * (variant == 0 ? 1 : 1.2)),
               let velocity = DrumStyle.velocity(extra.glyph) {
                bar.append((extra.key, extra.step, velocity))
            }
        }
        // At high energy the timekeeper doubles up to sixteenths (soft in between), and at
        // the very top it moves to the ride.
        if energy > 0.8 && style.stepsPerBeat == 4 {
            let keeper = bar.filter { $0.key == DrumStyle.hat || $0.key == DrumStyle.ride }.map(\.key).first ?? DrumStyle.hat
            let played = Set(bar.filter { $0.key == keeper }.map(\.step))
            if !played.isEmpty {
                for step in stride(from: 1, to: steps, by: 2) where !played.contains(step) { bar.append((keeper, step, 48)) }
            }
        }
        if energy > 0.85 { bar = bar.map { $0.key == DrumStyle.hat ? (DrumStyle.ride, $0.step, $0.velocity) : $0 } }
        let scale = 0.75 + 0.35 * energy
        // The second bar of each pair varies: a kick moved or added, as players do.
        var answer = bar
        if variant > 0 || energy > 0.4 {
            let kicks = (0..<steps).filter { step in !bar.contains { $0.key == DrumStyle.kick && $0.step == step } && step % 2 == 0 && step > steps / 2 }
            if let step = kicks.isEmpty ? nil : kicks[Int(generator.next() % UInt64(kicks.count))] {
                answer.append((DrumStyle.kick, step, 80))
            }
        }
        let phrase = context.bars >= 16 ? 8 : min(4, context.bars)
        let fillKind = (variant + Int(generator.next() % 3)) % 3
        var hits: [DrumHit] = []
        for index in 0..<context.bars {
            let closesPhrase = (index + 1) % phrase == 0 || index == context.bars - 1
            let fillFrom = closesPhrase ? (index == context.bars - 1 && energy > 0.6 ? steps / 4 : steps / 2) : steps
            let source = index % 2 == 1 ? answer : bar
            for hit in source where hit.step < fillFrom {
                var velocity = Int(Double(hit.velocity) * scale)
                velocity += Int((Humanizer.gaussian(&generator) * 5).rounded())
                hits.append(DrumHit(start: index * meter.ticksPerBar + hit.step * stepTicks, key: hit.key, velocity: min(max(velocity, 1), 127)))
            }
            if closesPhrase {
                hits += fill(kind: fillKind, from: fillFrom, steps: steps, bar: index, stepTicks: stepTicks, meter: meter, energy: energy)
            }
            let afterFill = index > 0 && (index % phrase == 0) && energy > 0.55
            if index == 0 || afterFill {
                hits.append(DrumHit(start: index * meter.ticksPerBar, key: 49, velocity: min(127, Int(100 * scale) + 10)))
                if !source.contains(where: { $0.key == DrumStyle.kick && $0.step == 0 }) {
                    hits.append(DrumHit(start: index * meter.ticksPerBar, key: DrumStyle.kick, velocity: 100))
                }
            }
        }
        hits.sort { ($0.start, $0.key) < ($1.start, $1.key) }
        return (hits, ["snare-roll fills", "tom fills", "kick-and-snare fills"][fillKind])
    }

    /// A fill from `from` to the bar's end: a snare roll, toms down the kit, or kick and
    /// snare figures — rising in velocity into the next downbeat.
    public static func fill(kind: Int, from: Int, steps: Int, bar: Int, stepTicks: Int, meter: Meter, energy: Double) -> [DrumHit] {
        let length = steps - from
        guard length > 0 else { return [] }
        var hits: [DrumHit] = []
        let toms = [50, 50, 47, 47, 45, 45]
        for offset in 0..<length {
            let step = from + offset
            let start = bar * meter.ticksPerBar + step * stepTicks
            let velocity = min(127, Int(70 + Double(offset) / Double(length) * 45 * (0.6 + energy)))
            switch kind {
            case 0:
                hits.append(DrumHit(start: start, key: 38, velocity: velocity))
            case 1:
                hits.append(DrumHit(start: start, key: offset < length / 4 ? 38 : toms[min(toms.count - 1, offset * toms.count / length)], velocity: velocity))
            default:
                hits.append(DrumHit(start: start, key: offset % 2 == 0 ? 36 : 38, velocity: velocity))
            }
        }
        return hits
    }
}

/// Turns a groove's timing ingredients into the hits' offsets. The grid positions are
/// never touched, so the feel can be changed or removed later.
public enum GrooveTimingApplier {
    /// Humanizer σ in ms for an amount: 20 ms × amount (10 ms at 0.5, as Hennig's default).
    public static func sigma(for amount: Double) -> Double { 20 * amount }

    public static func apply(_ timing: GrooveTiming, to hits: [DrumHit], quarterTempo: Double) -> [DrumHit] {
        let ticksPerMs = quarterTempo * Double(MusicalTime.ticksPerQuarter) / 60_000
        let feel = Feel.named(timing.feel) ?? .on
        let ordered = hits.indices.sorted { (hits[$0].start, hits[$0].key) < (hits[$1].start, hits[$1].key) }
        let deviations = Humanizer.deviations(count: hits.count, sigma: sigma(for: timing.humanize), alpha: timing.alpha, seed: timing.seed)
        var result = hits
        for (rank, index) in ordered.enumerated() {
            let hit = hits[index]
            var swingTicks = 0.0
            if timing.swing > 1.001 && timing.swingUnit > 0 && hit.start % timing.swingUnit == timing.swingUnit / 2 {
                swingTicks = Double(timing.swingUnit) * Swing.delay(ratio: timing.swing)
            }
            let role = DrumKit.role(of: hit.key)
            var milliseconds = feel.offset(for: hit.key) + deviations[rank] * (role == .kick ? 0.35 : 1)
            if role == .snare { milliseconds = max(0, milliseconds) }  // the snare is never early
            result[index].offset = Int((swingTicks + milliseconds * ticksPerMs).rounded())
        }
        return result
    }

    /// Applies a section's drum timing to its hits and couples its bass line to them.
    ///
    /// Call after any change to a section's drums, bass or groove timing: this one place keeps
    /// the grid, the drums' offsets and the bass's shared timing in step, so no command has to
    /// remember the bass.
    public static func retime(_ section: inout Section, quarterTempo: Double) {
        guard var drums = section.drums, let timing = drums.timing else { return }
        drums.hits = apply(timing, to: drums.hits, quarterTempo: quarterTempo)
        section.drums = drums
        if var bass = section.bass {
            bass.notes = coupleBass(bass.notes, to: drums.hits, timing: timing, quarterTempo: quarterTempo)
            section.bass = bass
        }
    }

    /// How strongly the bass follows the drummer's timing (Hennig's "group humanize").
    public static let bassCoupling = 0.5

    /// Bass offsets that move with the drums: each note takes `bassCoupling` of the
    /// humanizer deviation of the nearest drum hit and the rest from its own 1/f noise,
    /// with the same σ and α. Quantized drums leave the bass on the grid too.
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
        return zip(notes, coupled).map { note, milliseconds in
            var note = note
            note.offset = Int((milliseconds * ticksPerMs).rounded())
            return note
        }
    }

    /// The humanizer's part of each hit's offset, in ms (the offset less swing and feel),
    /// in time order: what `groove stats` measures.
    public static func deviations(_ hits: [DrumHit], timing: GrooveTiming?, quarterTempo: Double) -> [(key: Int, ms: Double)] {
        let ticksPerMs = quarterTempo * Double(MusicalTime.ticksPerQuarter) / 60_000
        let feel = Feel.named(timing?.feel ?? "on") ?? .on
        return hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }.map { hit in
            var swingTicks = 0.0
            if let timing, timing.swing > 1.001, timing.swingUnit > 0, hit.start % timing.swingUnit == timing.swingUnit / 2 {
                swingTicks = Double(timing.swingUnit) * Swing.delay(ratio: timing.swing)
            }
            return (hit.key, (Double(hit.offset) - swingTicks) / ticksPerMs - feel.offset(for: hit.key))
        }
    }
}
