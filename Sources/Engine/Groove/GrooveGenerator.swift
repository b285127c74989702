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
    /// The section's end is the hand-over's to play (in a drafted song), so the groove
    /// keeps time through its last bar: fills come only at phrase ends inside it.
    public var endPlayedByHandover: Bool
    /// The section hands over to another with a fill or a build somewhere in the form, so
    /// its last bar has one there. (A groove with no fill of its own said "the hand-over
    /// plays one" for a section nothing follows, and for one handing over straight.)
    public var handsOver: Bool

    public init(section: String, meter: Meter, bars: Int, tempo: Int, endPlayedByHandover: Bool = false, handsOver: Bool = true) {
        self.section = section
        self.meter = meter
        self.bars = bars
        self.tempo = tempo
        self.endPlayedByHandover = endPlayedByHandover
        self.handsOver = handsOver
    }

    /// Quarter notes per minute (MIDI's and the renderer's clock).
    public var quarterTempo: Double { meter.quarterTempo(beatsPerMinute: tempo) }
}

/// A drum part proposed for a section.
public struct DrumGroove: Sendable, Hashable {
    public var hits: [DrumHit]
    public var style: DrumStyleName
    public var timing: GrooveTiming

    public init(hits: [DrumHit], style: DrumStyleName, timing: GrooveTiming) {
        self.hits = hits
        self.style = style
        self.timing = timing
    }
}

/// Grooves from the style tables: the bar pattern with energy's ghosts, open hats, kick
/// variations and cymbal choice; a two-bar variation; fills closing each phrase and the
/// section; a crash on the section's downbeat; then swing, feel and the humanizer.
public enum GrooveGenerator {
    /// 2.1: every beat of odd meters played, timekeepers accented on the beat, fills at
    /// 8-bar phrase ends and the ends of long sections only (in eighths below 80 bpm),
    /// swing that follows the tempo on triplet grids too.
    /// 2.2: swing reaches 1.4:1 by 220 bpm (the short note at about 115 ms, the line to 1:1
    /// at 260); a section whose end the hand-over plays keeps time through its last bar.
    /// 2.3: an open hat takes the closed hat's place (the hi-hat is open or closed, not
    /// both); a learned style's grooves (`style=NAME`) with its drummer's timing.
    /// 2.4: the label says "on the beat" where it said "on", and the feel's reason gives
    /// its offsets in milliseconds; the drums are unchanged.
    /// 2.5: a request's second option pushes the kick onto off-beats and its third moves
    /// the time to the other cymbal, each said in its label.
    /// 2.6: so do the swung triplet styles' options (jazz, shuffle): the kick on a swung
    /// "and", jazz time on the closed hats; before, their three options differed only in
    /// a ghost note or two.
    /// 2.7: the answering bar's added kick in a swung style falls on the beat or its swung
    /// "and", never on the middle triplet; an option that moves the time says "instead".
    /// 2.8: the swing reason gives the short note as played (it said "about 115 ms" at any
    /// tempo: 222 ms at 60 bpm), and a swing set by number says it holds at any tempo.
    /// 2.9: the folk groove (kick on 1 and 3, cross-stick and tambourine on 2 and 4, shaker
    /// eighths), which `style=folk` asked of the ballad before; its third option keeps time
    /// on the closed hats.
    /// 2.10: the looseness reason in a drummer's words, without the model's name and α (in
    /// `groove stats`); the drums are unchanged.
    /// 2.11: the time doubles up to sixteenths only up to 120 quarter notes a minute (a
    /// newcomer counted 15 ride strokes a bar, ten a second for one hand, in a punk chorus
    /// at 153 bpm); a quiet section's time thinned to quarter notes is said so (a ballad's
    /// reason had said "soft eighths" over hats on the beat).
    /// 2.12: the label gives the energy as the request and the sketch do, to two places
    /// ("energy 0.25"; it said 0.2 where the credits said energy=0.25).
    /// 2.13: a bar counted in eighths (5/8, 7/8) is played in its groups (2+2+3): jazz and
    /// the shuffle in straight eighths (`DrumStyle.inEighths`; their triplet grid slid
    /// against a 7/8 bar and left eighths empty), the cymbals leading on each group's first,
    /// kept on every eighth when the energy thins them; and no swing where its pair does not
    /// divide the bar (a 7/8 jazz groove's every other downbeat had been played an eighth's
    /// swing late).
    /// 2.14: the jazz waltz (and a shuffle in three) in 3/4, swung as in 4/4, where the
    /// straight waltz had played; the crash takes the timekeeping hand on its downbeat; a
    /// struck snare takes the cross-stick's; a quiet compound meter keeps its eighths; the
    /// 7/8 jazz kick's "bomb" moved off the group's first, where it doubled the feathered kick.
    /// 2.15: a half-time style of its own (snare on 3, eighth-note hats); "half-time" had
    /// asked for trap's rolling sixteenths.
    /// 2.16: a straight style asked in 3/8 plays the waltz (`DrumStyle.fitting`), as a sketch's does.
    /// 2.17: trap's hi-hat rolls (`hatRolls`).
    /// 2.18: swing by amount swings a sixteenth style's sixteenths (`sixteenthTime`).
    /// 2.19: fills drawn as figures (`FillKind.hits(figure:)`), not one run; boom-bap's
    /// swung sixteenth hats and ghost snares; neo-soul's rim over its hats.
    /// 2.20: a cut-time fill takes a figure for each quarter of its half-note beats.
    /// 2.21: `swing=auto`'s reason gives a style's share of jazz's swing and the pairs it
    /// swings ("boom-bap swings its sixteenths 45% as far from straight as jazz …").
    /// 2.22: a roll's strokes (trap's 32nd and triplet hats) humanized at a quarter of the
    /// groove's spread (`GrooveTimingApplier.rollNoise`).
    /// 2.23: a swinging style that swing=auto plays straight at a fast tempo says so.
    /// 2.24: "at this energy the time is played on the ride" only where the energy moved it
    /// (above 0.85), not where an option put the time there.
    public static let version = "2.24"

    public static func suggest(_ request: GrooveRequest, context: GrooveContext) -> [Suggestion] {
        let style = request.style.fitting(context.meter)
        var generator = SeededGenerator(seed: request.seed)
        var grooves: [(hits: [DrumHit], fills: String, varied: (label: String, reason: String)?)] = []
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
            let label = "\(style.name), energy \(String(format: "%.2f", request.energy)), \(groove.fills), \(swingText), \(perGroove.feel == .on ? "on the beat" : perGroove.feel.rawValue)"
            var reasons = ["\(style.name): \(style.about)" + energyChanges(style, hits: groove.hits, energy: request.energy)
                           + laidOver(style, meter: context.meter) + (groove.varied.map { "; this option: \($0.reason)" } ?? "")]
            if style.name != request.style.name { reasons.append("\(request.style.name) is written in \(request.style.meter); this section is in \(context.meter), so it gets the \(style.name) feel") }
            if perGroove.swing > 1.001 {
                // The swung pair's short note, as played at this tempo.
                let pairMs = Double(perGroove.swingUnit) / Double(MusicalTime.ticksPerQuarter) * 60_000 / context.quarterTempo
                let short = pairMs / (perGroove.swing + 1)
                if case .amount = request.swing {
                    let pairs = perGroove.swingUnit * 2 <= MusicalTime.ticksPerQuarter ? "the sixteenths swung, " : ""
                    reasons.append(String(format: "swing %.2f:1 as asked, at any tempo (%@the short note %.0f ms at %d bpm)", perGroove.swing, pairs, short, context.tempo))
                } else {
                    reasons.append(String(format: "swing %.2f:1 at %d bpm, the short note %.0f ms: ", perGroove.swing, context.tempo, short)
                                   + Self.autoSwingRule(style, unit: perGroove.swingUnit) + ", and follows a later `set tempo=`")
                }
            }
            let askedSwing: Bool = if case .amount(let amount) = request.swing { amount > 0 } else { request.swing == .auto && request.style.swing != nil }
            if askedSwing && perGroove.swing <= 1.001 && !swingFits(unit: perGroove.swingUnit, meter: context.meter) {
                reasons.append("eighths played even: a swung pair would cross the groups of a bar of \(context.meter) (every other bar would begin on a pair's second half, its downbeat late), so drummers play it straight")
            } else if request.swing == .auto, let swing = request.style.swing, perGroove.swing <= 1.001 {
                // A swinging style at a tempo that leaves its pairs no room: said, or the
                // style's own words ("lazily swung sixteenths") stood beside "straight" (a
                // producer's boom-bap at 150 bpm).
                let pairMs = Double(swing.unit) / Double(MusicalTime.ticksPerQuarter) * 60_000 / context.quarterTempo
                let pairs = swing.unit * 2 <= MusicalTime.ticksPerQuarter ? "sixteenths" : "eighths"
                reasons.append(String(format: "%@ played straight at %d bpm: a pair lasts %.0f ms, and swing=auto swings none whose short note would fall under about %.0f ms, as drummers play even at a fast pace (Friberg & Sundström); `swing=0.3` swings them anyway",
                                      pairs, context.tempo, pairMs, Swing.shortestNote))
            }
            if style.timing != nil {
                reasons.append("timing: your drummer's, place by place — " + style.placementSummary(quarterTempo: context.quarterTempo))
            } else {
                reasons.append(perGroove.feel == .on
                    ? "feel on the beat: no instrument set ahead of or behind it"
                    : "feel \(perGroove.feel.described) — a steady lean per instrument, the kick on or near the beat and the snare never ahead of it (Frühauf et al.; Senn et al.); the grid's < and > are the humanizing around that")
            }
            if perGroove.humanize > 0 {
                // In a drummer's words; the model (1/f noise, its α, the study behind it)
                // is in `groove stats` and `help groove`, not in every list.
                reasons.append(String(format: "played loosely, as a drummer does: hits about %.0f ms off the grid, drifting early and late as a player's time does rather than at random", 20 * perGroove.humanize))
            }
            var parameters = ["style": style.name, "energy": String(format: "%.2f", request.energy), "feel": perGroove.feel.rawValue,
                              "humanize": String(format: "%.2f", request.humanize), "alpha": String(format: "%.1f", request.alpha),
                              "section": context.section, "rank": String(index + 1), "n": String(request.count)]
            if let learned = style.learned { parameters["learned"] = learned }
            switch request.swing {
            case .auto: parameters["swing"] = "auto"
            case .off: parameters["swing"] = "off"
            case .amount(let amount): parameters["swing"] = String(format: "%.2f", amount)
            }
            return Suggestion(label: label, reasons: reasons,
                              origin: .generator("groove", version: version, seed: request.seed, parameters: parameters),
                              content: .drums(DrumGroove(hits: hits, style: style.id, timing: perGroove)))
        }
    }

    /// How `swing=auto` sets a style's ratio, in words: jazz's rule (Friberg & Sundström)
    /// for its own pairs, or the share of it a style that swings less takes, and which
    /// pairs it swings. (Every groove's reason had given jazz's rule alone, "from 3.5:1 at
    /// slow tempi", while boom-bap played 1.79:1 at 60 bpm: a producer measured it.)
    static func autoSwingRule(_ style: DrumStyle, unit: Int) -> String {
        let rule = String(format: "falls as tempo rises, from 3.5:1 at slow tempi until the short note is about %.0f ms (Friberg & Sundström)",
                          Swing.shortestNote)
        let pairs = unit * 2 <= MusicalTime.ticksPerQuarter ? "sixteenths" : "eighths"
        guard let depth = style.swing?.depth, depth < 0.999 else { return "the ratio " + rule + ", its \(pairs) swung" }
        return String(format: "%@ swings its %@ %.0f%% as far from straight as jazz swings a pair as long, and jazz's ratio ",
                      style.name, pairs, depth * 100) + rule
    }

    /// The ratio `swing=auto` plays for `style` at a quarter-note tempo (`Swing`); nil for a
    /// straight style. A groove asked for with auto swing takes it again when the tempo changes.
    /// Nil too where the swung unit does not divide the bar (`swingFits`).
    public static func autoSwing(_ style: DrumStyle, quarterTempo: Double, meter: Meter) -> Double? {
        guard let swing = style.swing, swingFits(unit: swing.unit, meter: meter) else { return nil }
        let pairMs = Double(swing.unit) / Double(MusicalTime.ticksPerQuarter) * 60_000 / quarterTempo
        return Swing.ratio(pairMilliseconds: pairMs, depth: swing.depth)
    }

    /// Whether the style keeps time in sixteenths: a quarter-note beat of four steps whose
    /// hat, ride or shaker plays between the eighths (funk's "xoxo…"; rock's eighth hats
    /// do not).
    static func sixteenthTime(_ style: DrumStyle) -> Bool {
        guard style.stepsPerBeat == 4, style.beatTicks == MusicalTime.ticksPerQuarter else { return false }
        return [DrumStyle.hat, DrumStyle.ride, DrumKit.shaker].contains { key in
            style.grid[key].map { row in row.enumerated().contains { $0.offset % 2 == 1 && $0.element != "." } } ?? false
        }
    }

    /// Whether swinging `unit` keeps every bar's downbeat on the grid: the unit divides the bar.
    public static func swingFits(unit: Int, meter: Meter) -> Bool { unit > 0 && meter.ticksPerBar % unit == 0 }

    static func timingFor(_ request: GrooveRequest, style: DrumStyle, context: GrooveContext) -> GrooveTiming {
        var ratio = 1.0
        // A straight style swung by amount swings its smallest pairs, as a drum machine's
        // swing does: a sixteenth groove its sixteenths (a funk groove at swing=58% had
        // swung its eighths, the "e" and "a" left on the grid); an eighth groove its eighths.
        var unit = style.swing?.unit ?? (sixteenthTime(style) ? MusicalTime.ticksPerQuarter / 2 : MusicalTime.ticksPerQuarter)
        switch request.swing {
        case .off: ratio = 1
        case .amount(let amount): ratio = Swing.ratio(amount: amount)
        case .auto:
            if let swing = style.swing {
                ratio = autoSwing(style, quarterTempo: context.quarterTempo, meter: context.meter) ?? 1
                unit = swing.unit
            }
        }
        // Swing moves the second of each pair of the unit, counted from the section's
        // start: where the unit does not divide the bar (a quarter's pair of eighths in
        // 7/8) every other bar would start on a pair's second half and its downbeat would
        // be played late. Such a bar plays its eighths even.
        if !swingFits(unit: unit, meter: context.meter) { ratio = 1 }
        // Triplet grids are written at 2:1; the applier moves their last triplet to the
        // ratio for the tempo, so a slow shuffle lopes and a fast one evens out.
        // A learned style plays with its drummer's timing, under the humanizer's breathing.
        return GrooveTiming(swing: ratio, swingUnit: unit, feel: request.feel ?? style.feel, humanize: request.humanize,
                            alpha: request.alpha, seed: request.seed, template: style.timing)
    }

    /// The hits of one variant, on the grid (no offsets yet), and a word on its fills.
    static func build(style: DrumStyle, energy: Double, variant: Int, context: GrooveContext,
                      generator: inout SeededGenerator) -> (hits: [DrumHit], fills: String, varied: (label: String, reason: String)?) {
        let meter = context.meter
        // The grid's step is the style's own (a sixteenth of its quarter beat, a third of its
        // dotted quarter), whatever the section's meter counts in; the style's bar is then
        // laid over the section's bar and repeated to its end, so a 5/4 or 7/8 bar has every
        // beat played.
        let stepTicks = style.beatTicks / style.stepsPerBeat
        let steps = meter.ticksPerBar / stepTicks
        // The bar pattern: the grid, optional hits by energy and chance, cymbal choice.
        var bar: [(key: Int, step: Int, velocity: Int)] = []
        for (key, row) in style.grid.sorted(by: { $0.key < $1.key }) {
            let glyphs = Array(row)
            for step in 0..<steps {
                guard let velocity = DrumStyle.velocity(glyphs[step % glyphs.count]) else { continue }
                // Thinned to the counted beat: the quarter in 4/4, every eighth of 7/8, and in
                // 6/8 or 12/8 its eighths, the pulse a compound meter is felt in (thinned to
                // its dotted quarters, 60% of a quiet 6/8's eighths had no hit).
                let pulse = meter.isCompound ? meter.ticksPerUnit : meter.ticksPerBeat
                if energy < 0.3 && DrumKit.role(of: key) == .cymbal && (step * stepTicks) % pulse != 0 { continue }
                bar.append((key, step, velocity))
            }
        }
        // A learned style's occasional hits are played bar by bar below, each with the share
        // of bars the writer played it in; a built-in style's once for the groove.
        for extra in style.extras where style.learned == nil && energy >= extra.minEnergy && extra.step < steps {
            if generator.unit() < min(1, extra.probability * (0.6 + energy) * (variant == 0 ? 1 : 1.2)),
               let velocity = DrumStyle.velocity(extra.glyph) {
                bar.append((extra.key, extra.step, velocity))
            }
        }
        openHatsTakeTheirPlace(&bar)
        snareTakesTheRimsPlace(&bar)
        // At high energy the timekeeper doubles up to sixteenths (soft in between), and at
        // the very top it moves to the ride (`energyChanges` says so in the reasons). Not
        // past `sixteenthsTempo`: one hand's sixteenths there would be over eight strokes a
        // second, where a drummer keeps eighths and lets the kick and snare drive.
        if energy > 0.8 && style.stepsPerBeat == 4 && context.quarterTempo <= sixteenthsTempo {
            let keeper = bar.filter { $0.key == DrumStyle.hat || $0.key == DrumStyle.ride }.map(\.key).first ?? DrumStyle.hat
            let played = Set(bar.filter { $0.key == keeper }.map(\.step))
            if !played.isEmpty {
                for step in stride(from: 1, to: steps, by: 2) where !played.contains(step) { bar.append((keeper, step, 48)) }
            }
        }
        // (Not trap's: its hats are the style, and roll.)
        if energy > 0.85 && style.id != .trap { bar = bar.map { $0.key == DrumStyle.hat ? (DrumStyle.ride, $0.step, $0.velocity) : $0 } }
        // The second and third options change what a listener hears first, not only the
        // fills: the kick pushed onto off-beats, or the time moved to the other cymbal.
        let varied = style.learned == nil ? vary(&bar, variant: variant, style: style, steps: steps, generator: &generator) : nil
        let leads = leadingSteps(style: style, meter: meter, steps: steps)
        bar = bar.map { ($0.key, $0.step, accented($0.velocity, key: $0.key, step: $0.step, stepsPerBeat: style.stepsPerBeat, leads: leads)) }
        let scale = 0.75 + 0.35 * energy
        // The second bar of each pair varies: a kick moved or added, as players do.
        var answer = bar
        if style.learned == nil && (variant > 0 || energy > 0.4) {
            // On an eighth-note place: every other sixteenth, or a swung beat's first or last
            // triplet (its middle one is no place for a kick in swing).
            let eighth = { (step: Int) in style.swingsTriplets ? step % 3 != 1 : step % 2 == 0 }
            let kicks = (0..<steps).filter { step in !bar.contains { $0.key == DrumStyle.kick && $0.step == step } && eighth(step) && step > steps / 2 }
            if let step = kicks.isEmpty ? nil : kicks[Int(generator.next() % UInt64(kicks.count))] {
                answer.append((DrumStyle.kick, step, 80))
            }
        }
        // Fills where a drummer plays them: at the end of an 8-bar phrase inside a long
        // section, and at the end of a section of eight bars or more with some energy —
        // not every fourth bar. Shorter and quieter sections leave their end to the
        // hand-over (`transition`), which the render plays.
        let fillBars = Set((0..<context.bars).filter { index in
            let phraseEnd = (index + 1) % 8 == 0 && index < context.bars - 1 && energy >= 0.6
            let sectionEnd = index == context.bars - 1 && context.bars >= 8 && energy >= 0.45 && !context.endPlayedByHandover
            return phraseEnd || sectionEnd
        })
        let fillKind = FillKind.allCases[(variant + Int(generator.next() % 3)) % 3]
        // Below 80 quarter notes a minute a fill moves in eighths: a sixteenth roll in a
        // slow ballad is a drummer showing off.
        let fillStep = context.quarterTempo < 80 && style.stepsPerBeat == 4 ? stepTicks * 2 : stepTicks
        // A fill takes the bar from where `FillKind.start` says (counted in grid steps apart
        // from the fill's own, a slow 7/8 fill in eighths had begun on a step the pattern
        // still played).
        let fillStart = FillKind.start(in: meter)
        var hits: [DrumHit] = []
        for index in 0..<context.bars {
            let fillFrom = fillBars.contains(index) ? fillStart : meter.ticksPerBar
            var source = index % 2 == 1 ? answer : bar
            if style.learned != nil {
                for extra in style.extras where extra.step < steps && generator.unit() < extra.probability {
                    guard let velocity = DrumStyle.velocity(extra.glyph) else { continue }
                    source.append((extra.key, extra.step, accented(velocity, key: extra.key, step: extra.step, stepsPerBeat: style.stepsPerBeat, leads: leads)))
                }
                openHatsTakeTheirPlace(&source)
                snareTakesTheRimsPlace(&source)
            }
            for hit in source where hit.step * stepTicks < fillFrom {
                var velocity = Int(Double(hit.velocity) * scale)
                velocity += Int((Humanizer.gaussian(&generator) * 5).rounded())
                hits.append(DrumHit(start: index * meter.ticksPerBar + hit.step * stepTicks, key: hit.key, velocity: min(max(velocity, 1), 127)))
            }
            if fillBars.contains(index) {
                let fillSteps = meter.ticksPerBar / fillStep
                hits += fillKind.hits(from: fillStart / fillStep, steps: fillSteps, bar: index, stepTicks: fillStep, meter: meter, energy: energy,
                                      figure: generator.next() | 1)
            }
            let afterFill = index > 0 && fillBars.contains(index - 1) && energy > 0.55
            if index == 0 || afterFill {
                // The crash is struck with the hand that keeps time: the hat or ride gives
                // way on that downbeat (crash, hat and cross-stick together were three hands).
                let downbeat = index * meter.ticksPerBar
                hits.removeAll { $0.start == downbeat && [DrumStyle.hat, DrumStyle.ride, DrumStyle.open].contains($0.key) }
                hits.append(DrumHit(start: downbeat, key: DrumKit.crash, velocity: min(127, Int(100 * scale) + 10)))
                if !source.contains(where: { $0.key == DrumStyle.kick && $0.step == 0 }) {
                    hits.append(DrumHit(start: downbeat, key: DrumStyle.kick, velocity: 100))
                }
            }
        }
        if style.id == .trap && energy >= 0.4 {
            hits = hatRolls(hits, bars: context.bars, skipping: fillBars, meter: meter, scale: scale, generator: &generator)
        }
        hits.sort { ($0.start, $0.key) < ($1.start, $1.key) }
        // (A varied option's label keeps to 80 columns: its "no fills" goes without the why.)
        let fills = fillBars.isEmpty ? (varied == nil && context.handsOver ? "no fills (the hand-over plays one)" : "no fills") : fillKind.plural
        return (hits, varied.map { "\($0.label), \(fills)" } ?? fills, varied)
    }

    /// Trap's hi-hat rolls: in every other bar (not a fill's), one beat of the hats — the
    /// last, or the one two before it — rolled in thirty-seconds or sixteenth-note triplets,
    /// rising from soft to loud into the next beat. The help had promised "rolling hats"
    /// and a producer heard straight sixteenths.
    static func hatRolls(_ hits: [DrumHit], bars: Int, skipping fills: Set<Int>, meter: Meter, scale: Double,
                         generator: inout SeededGenerator) -> [DrumHit] {
        let beat = meter.ticksPerBeat, beats = meter.ticksPerBar / beat
        guard beats >= 2 else { return hits }
        var hits = hits
        for index in stride(from: 1, to: bars, by: 2) where !fills.contains(index) {
            let which = generator.next() % 3 == 0 ? max(0, beats - 3) : beats - 1
            let strokes = generator.next() % 3 == 0 ? 6 : 8   // sixteenth-note triplets or thirty-seconds
            let from = index * meter.ticksPerBar + which * beat
            hits.removeAll { $0.key == DrumStyle.hat && $0.start >= from && $0.start < from + beat }
            for stroke in 0..<strokes {
                let velocity = Int((Double(48 + 50 * stroke / max(1, strokes - 1)) * scale).rounded())
                hits.append(DrumHit(start: from + stroke * beat / strokes, key: DrumStyle.hat, velocity: min(127, max(1, velocity))))
            }
        }
        return hits
    }

    /// What the second and third options of a request change in the bar, in words for
    /// their labels: an extra kick on one or two off-beats ("extra kick on 2& 4&", counted
    /// as drummers count: the middle of a straight beat, the last triplet of a swung one —
    /// a jazz drummer's "bombs"), or the time moved between the closed hats and the ride
    /// (a jazz ride pattern played on the closed hi-hat, its foot's 2 and 4 given up, as
    /// drummers keep time under a quiet chorus). The first option is the style's own bar.
    /// (Before 2.5 the options differed in their fills and a kick or two, and a writer
    /// heard three of the same groove; before 2.6 the triplet styles still did.)
    /// Returns the label's words and the reason's (which may say more).
    static func vary(_ bar: inout [(key: Int, step: Int, velocity: Int)], variant: Int, style: DrumStyle, steps: Int,
                     generator: inout SeededGenerator) -> (label: String, reason: String)? {
        let perBeat = style.stepsPerBeat
        switch variant % 3 {
        case 1 where perBeat % 2 == 0 || style.swingsTriplets:
            let offset = perBeat % 2 == 0 ? perBeat / 2 : perBeat - 1
            // Not next to a kick that is heard: a feathered kick on the beat after is no
            // reason to leave the "and" before it empty.
            let ghost = DrumStyle.velocity("g") ?? 0
            let kicked = Set(bar.filter { $0.key == DrumStyle.kick }.map(\.step))
            let heard = Set(bar.filter { $0.key == DrumStyle.kick && $0.velocity > ghost }.map(\.step))
            let offBeats = stride(from: offset, to: steps, by: perBeat).filter { !kicked.contains($0) && !heard.contains($0 + perBeat - offset) }
            guard !offBeats.isEmpty else { return nil }
            var chosen = Set<Int>()
            for _ in 0..<min(2, offBeats.count) { chosen.insert(offBeats[Int(generator.next() % UInt64(offBeats.count))]) }
            // In order: a set's order differs from one set to the next, and the hits' order
            // decides which of them each humanizing draw goes to.
            let kicks = chosen.sorted()
            for step in kicks { bar.append((DrumStyle.kick, step, 88)) }
            let label = "extra kick on " + kicks.map { "\($0 / perBeat + 1)&" }.joined(separator: " ")
            return (label, label)
        case 2:
            let hats = bar.contains { $0.key == DrumStyle.hat }, ride = bar.contains { $0.key == DrumStyle.ride }
            // A style that keeps time on the shaker (folk) takes it to the closed hats, as
            // a band's drummer does with sticks where the song wants more drive.
            if !hats && !ride && style.grid[DrumStyle.shaker] != nil {
                bar = bar.map { $0.key == DrumStyle.shaker ? (DrumStyle.hat, $0.step, $0.velocity) : $0 }
                return ("time on the closed hats", "time on the closed hats instead of the shaker")
            }
            guard hats != ride else { return nil }
            let (from, to) = hats ? (DrumStyle.hat, DrumStyle.ride) : (DrumStyle.ride, DrumStyle.hat)
            bar = bar.map { $0.key == from ? (to, $0.step, $0.velocity) : $0 }
            if hats { return ("time on the ride", "time on the ride instead of the closed hats") }
            // Sticks on the closed hats keep the foot down: no pedal chick under them.
            let pedalled = bar.contains { $0.key == DrumStyle.pedal }
            bar.removeAll { $0.key == DrumStyle.pedal }
            return ("time on the closed hats",
                    "time on the closed hats instead of the ride" + (pedalled ? " (its pattern played on the closed hi-hat, so no pedal hat under it)" : ""))
        default:
            return nil
        }
    }

    /// A snare struck (louder than a ghost) takes the hand that plays the cross-stick: the
    /// rim at its place gives way. (A ballad's loud fourth beat had the ride, the
    /// cross-stick and the snare together: three hands.)
    static func snareTakesTheRimsPlace(_ bar: inout [(key: Int, step: Int, velocity: Int)]) {
        let ghost = DrumStyle.velocity("g") ?? 0
        let struck = Set(bar.filter { $0.key == DrumStyle.snare && $0.velocity > ghost }.map(\.step))
        bar.removeAll { $0.key == DrumStyle.rim && struck.contains($0.step) }
    }

    /// An open hat is the hi-hat itself opened: the closed hat at its place gives way.
    static func openHatsTakeTheirPlace(_ bar: inout [(key: Int, step: Int, velocity: Int)]) {
        let opened = Set(bar.filter { $0.key == DrumStyle.open }.map(\.step))
        bar.removeAll { $0.key == DrumStyle.hat && opened.contains($0.step) }
    }

    /// The fastest quarter-note tempo at which the time doubles up to sixteenths: 8
    /// strokes a second for one hand.
    static let sixteenthsTempo = 120.0

    /// What the energy did to the style's pattern, read from the hits and said after the
    /// style's own words: eighth-note hats doubled to sixteenths, moved to the ride, or
    /// thinned to the beat (the reason had said "eighth-note hats" over a grid of
    /// sixteenths on the ride, and "soft eighths" over hats on the beat).
    static func energyChanges(_ style: DrumStyle, hits: [DrumHit], energy: Double) -> String {
        // Doubled or thinned only in styles whose own words give the time in eighths (a
        // sixteenth-hat style was not doubled); moved to the ride in any style that writes
        // its time on the hats (funk's "sixteenth hats" had been said of a groove on the ride).
        let eighths = style.stepsPerBeat == 4 && style.about.contains("eighth")
        let sixteenth = MusicalTime.ticksPerQuarter / 4
        let keeper = hits.filter { $0.key == DrumStyle.hat || $0.key == DrumStyle.ride }
        let doubled = eighths && keeper.contains { ($0.start / sixteenth) % 2 == 1 }
        // Only above 0.85, where the energy moves it: an option's "time on the ride" at 0.5
        // had also been put down to the energy.
        let ride = energy > 0.85 && style.grid[DrumStyle.hat] != nil && style.grid[DrumStyle.ride] == nil
            && keeper.contains { $0.key == DrumStyle.ride } && !keeper.contains { $0.key == DrumStyle.hat }
        let thinned = eighths && !keeper.isEmpty && !keeper.contains { ($0.start / sixteenth) % 4 != 0 }
        let changes = [thinned ? "thinned to the beat, a quarter note at a time" : nil,
                       doubled ? "doubled up to sixteenths, soft between the eighths" : nil,
                       ride ? "played on the ride" : nil].compactMap { $0 }
        return changes.isEmpty ? "" : "; at this energy the time is " + changes.joined(separator: ", ")
    }

    /// Where the style's backbeat lands when its bar is laid over a section's bar of another
    /// length (`build`): "; in 7/8 the snare falls on eighths 3 and 7". Why: a rock groove in
    /// 7/8 had said only its own words, "backbeat on 2 and 4", of a bar counted 2+2+3.
    static func laidOver(_ style: DrumStyle, meter: Meter) -> String {
        guard style.meter != meter.description, style.learned == nil, let row = style.grid[DrumStyle.snare] else { return "" }
        let glyphs = Array(row)
        let stepTicks = style.beatTicks / style.stepsPerBeat
        let unit = meter.ticksPerUnit
        let places = (0..<(meter.ticksPerBar / stepTicks)).filter { step in
            ["X", "x"].contains(glyphs[step % glyphs.count]) && (step * stepTicks) % unit == 0
        }.map { $0 * stepTicks / unit + 1 }
        guard !places.isEmpty else { return "" }
        let counted = meter.unit == 8 ? "eighth" : "beat"
        let list = places.count > 1 ? places.dropLast().map(String.init).joined(separator: ", ") + " and \(places.last!)" : "\(places[0])"
        return "; in \(meter) the snare falls on \(counted)\(places.count > 1 ? "s" : "") \(list)"
    }

    /// The grid steps a timekeeper leads on: the style's beats, or in a bar counted in
    /// eighths the first of each group (7/8's 1, 3 and 5; its 7 had been accented as a
    /// fourth quarter).
    static func leadingSteps(style: DrumStyle, meter: Meter, steps: Int) -> Set<Int> {
        let stepTicks = style.beatTicks / style.stepsPerBeat
        guard meter.eighthGroups != nil else { return Set(stride(from: 0, to: steps, by: style.stepsPerBeat)) }
        return Set(meter.eighthGroupStarts.map { $0 * meter.ticksPerUnit / stepTicks })
    }

    /// A timekeeper's velocity by where it falls: the beat accented, the off-beat a little
    /// under, the steps between softer still, as a drummer's hand leads on the beat.
    static func accented(_ velocity: Int, key: Int, step: Int, stepsPerBeat: Int, leads: Set<Int>) -> Int {
        guard [DrumKit.hat, DrumKit.ride, DrumKit.pedalHat, DrumKit.shaker].contains(key) else { return velocity }
        let place = step % stepsPerBeat
        let change = leads.contains(step) ? 10 : (stepsPerBeat == 4 && place % 2 == 0 ? -4 : -12)
        return min(127, max(1, velocity + change))
    }
}

extension GrooveGenerator {
    /// The drums with a fill of `kind` over the second half of their last bar, on the grid
    /// of their style (sixteenths, or triplets for swung styles and compound meters).
    public static func fill(_ kind: FillKind, into hits: [DrumHit], style: DrumStyleName?, bars: Int, meter: Meter,
                            energy: Double = 0.7) -> [DrumHit] {
        let grid = DrumStyle.style(style ?? .rock).fitting(meter)
        return kind.placed(into: hits, barStart: (bars - 1) * meter.ticksPerBar, meter: meter,
                           stepTicks: grid.beatTicks / grid.stepsPerBeat, energy: energy)
    }
}
