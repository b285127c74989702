import Foundation
import MusicTheory
import SongModel

/// Chord progressions for a section: candidates drawn from the style's loops and its
/// transition model, leaned by the mood, ended on the planned cadence, scored, and the
/// best that differ from each other (rotations included) offered with labels and reasons.
public enum ProgressionGenerator {
    /// 2.0: the first version the pinned table of seeded outputs holds (1.0 was stamped on
    /// several different outputs, so it does not name one).
    /// 2.1: a loop is named only when the chart plays it whole; otherwise the label names
    /// the chart's own numerals.
    /// 2.2: blues forms that fit the section (12-bar with its turnaround, 8-bar, 4-bar).
    /// 2.3: each blues labelled for the form it is; no borrowed or substitute reasons for
    /// the blues' own dominant 7ths.
    /// 2.4: the mood's moves on the drawn chart (`MoodColour`): borrowed iv and ♭VI for sad
    /// songs in major keys, ♭VI–♭VII–I and IV–V–I for triumph, passing diminished 7ths and a
    /// suspended dominant for tension, the tonic every other bar for calm and dreamy songs.
    /// 2.5: triumphant charts borrow at most a quarter of their chords, so the major home
    /// is heard.
    /// 2.6: a section in a minor key starts on i, so it is not heard in its relative major.
    /// 2.7: a minor key's dominant pedal labelled in its own numerals (Vsus4–V, not the
    /// table's IIIsus4–III).
    /// 2.8: a major-key section that never plays I (other than a pre-chorus or bridge)
    /// starts on it, so a melancholy verse is not heard in the relative minor.
    /// 2.9: reasons true of the chart they stand under: the chart's likeliest move by the
    /// style's table, not the style's one fact; a loop named with the numerals it plays
    /// here; a tonic 7th read I7 unless it leads into IV (a blues read V7/IV in every bar of I);
    /// "sensitive loop" (vi–IV–V–I, not the vi–IV–I–V of that name) is the rising loop.
    /// 2.10: an altered degree whose letter spelling no chart uses is spelled plainly
    /// (♭VI in D♭ is A, not B𝄫; ♯V°7 in F♯ is D°7, not C𝄪°7).
    /// 2.11: a minor key weights ♭III, its relative major's tonic, half (`Palette.relativeMajorTonic`).
    /// 2.12: a minor verse or chorus of eight bars or more comes back to i at its middle.
    /// 2.13: the closing ♭VI–♭VII–I lift only where a quarter of the chart holds its two
    /// borrowed chords (8 slots or more; IV–V–I builds shorter charts), so triumphant
    /// charts keep to a quarter borrowed; the blues keeps its form bar by bar at two
    /// chords a bar, and is named by its bars.
    /// 2.14: the blues at two chords a bar moves in its bars' second halves (♯iv°7 from IV
    /// back to I, V of V into V, the I–IV | I–V turnaround) and a bar that holds its chord
    /// shows it once.
    /// 2.15: a quoted move is named by the model's plain chords, with the chart's coloured
    /// ones beside it ("after ii, V follows 85% … — here ii9–V7sus4").
    /// 2.16: under a melody already written, the charts that leave it unclashed are offered
    /// first, and each says whether it fits it.
    /// 2.17: a chart that closes home never ends on a sus4: its last chord takes the added
    /// ninth instead.
    /// 2.18: a dorian, phrygian, lydian or mixolydian key is harmonised in its mode: its
    /// own chords (others all but never), its colour chord leaned on, and cadences that turn
    /// on it (dorian IV–i, mixolydian ♭VII–I …) where a dominant would leave the mode.
    /// 2.19: under a melody, a minor chord with the melody a half step under its root or
    /// fifth (its major 7th, a ♯11) counts as a clash, and charts are ordered by it.
    /// 2.20: a clash with the chord's other third is said as the half step it is ("the
    /// major third, a half step from the chord's F"); the charts are unchanged.
    /// 2.21: the mood's reason in words ("more minor and borrowed chords, fewer major ones,
    /// than the jazz model writes; 5 of these 8 chords are minor"), not weights and a share.
    /// 2.22: two chords a bar in a meter of an odd number of beats change on its second group
    /// (5/4 as 3+2, 3/4 as 2+1), not half way through a beat.
    /// 2.24: the blues's dominants are sevenths and ninths, no 7sus4; a blues chart's close
    /// is said as its turnaround ("ends on the turnaround's V7, back to the top").
    /// 2.25: "pushes with a secondary dominant" only where the chart reads one in place, and named ("…: V7/V").
    /// 2.26: a style coloured by another's chords ("jazzy soul", `style=jazzy-soul`): as many
    /// coloured chords as the more coloured of the two, with its sevenths.
    /// 2.27: a secondary dominant, a passing diminished 7th and a tritone substitute are
    /// named so only where the next chord is where they lead, and a tritone substitute is a
    /// dominant a half step above it (a Gm7 had been called one, "above A♭").
    /// 2.28: a chart as long as its cadence is that cadence (a two-chord tag asked for a
    /// deceptive close is V–vi), and a cadence the chart does not bear out (a one-chord tag)
    /// is not claimed: neither "as asked" nor named in the label (`Cadence.isBorneOut`).
    /// 2.29: a one-chord chart claims no closed cadence ("closes home from the chord
    /// before" had stood over a lone I), nor the style's fact about a move it does not make;
    /// one bar of the blues is said as its turnaround's V alone.
    /// 2.30: a chart in a mode never holds a chord from outside it (redrawn).
    /// 2.31: a major key's loop played in a minor key or mode (from ♭III) is labelled by
    /// its numerals and its shape credited, not named.
    /// 2.32: four chords a bar only where the meter lays four (else two, on its groups);
    /// a plagal close named by its chords (iv–i); a blues says no mood lean; its turnaround
    /// bar by bar with both chords of a bar that has two.
    public static let version = "2.32"

    /// How `mood` moves `style`'s chords, in the words a suggestion's reason uses ("sad
    /// leans to minor chords: more minor and borrowed chords, fewer major ones, than the
    /// jazz model writes …"), for `why` to say of chords already written.
    public static func moodReason(_ mood: Mood, style: HarmonyStyle) -> String {
        HarmonyReasons.moodLean(mood.rawValue, MoodProfile.of(mood), style: style)
    }

    public static func suggest(_ asked: HarmonyRequest, context: HarmonyContext) -> [Suggestion] {
        let request = asked.fitting(context.meter)
        let frame = TonalFrame(key: context.key, section: context.section)
        let mood = MoodProfile.of(request.mood)
        let palette = Palette(frame: frame, mood: mood, style: request.style)
        let slots = slotCount(bars: context.bars, rate: request.rate)
        var generator = SeededGenerator(seed: request.seed)
        let wanted = request.count
        var candidates: [Candidate] = []
        // The neighbours' opening numerals, worked out once for every candidate's score.
        let neighbours = context.neighbours.filter { !$0.value.isEmpty }.map { name, chords in
            (name: name, steps: chords.prefix(4).compactMap { frame.step(of: $0) })
        }.sorted { $0.name < $1.name }
        // The pool does not depend on the count, so asking for more gives the same first
        // ones in the same order, then the next: that is how `more` works.
        for _ in 0..<poolSize {
            guard var candidate = draw(request, palette: palette, slots: slots, generator: &generator) else { continue }
            candidate.score = score(candidate, request: request, section: context.section, neighbours: neighbours, palette: palette,
                                    generator: &generator)
            candidates.append(candidate)
        }
        candidates.sort { $0.score > $1.score }
        if !context.melody.isEmpty {
            // Under a melody already written, the charts that leave it unclashed come first,
            // each group in its score's order (a chart offered first under a tune had put A7
            // under its opening D5).
            let clashing = candidates.map { melodyClashes(changes(of: $0, request: request, context: context), melody: context.melody, meter: context.meter, words: false).count }
            candidates = candidates.indices.sorted { (clashing[$0], $0) < (clashing[$1], $1) }.map { candidates[$0] }
        }
        var chosen: [Candidate] = []
        let colour = MoodColour.of(request.mood)
        let borrowing = !frame.isMinor && (colour.minorFour > 0 || colour.flatSix > 0 || colour.flatSeven > 0)
        var plainAt: Int?
        while chosen.count < wanted {
            let fresh = candidates.indices.filter { index in !chosen.contains { $0.sameAs(candidates[index]) } }
            guard var pick = fresh.first else { break }
            // A mood that borrows from the parallel minor had offered a nostalgic chorus four
            // charts that all borrowed: when the first two borrow, the third is the best
            // that does not, so the writer hears the plain chart beside them. Chosen in
            // turn, so `more` still continues the same list.
            if borrowing && chosen.count == 2 && chosen.allSatisfy(\.borrows),
               let plain = fresh.first(where: { !candidates[$0].borrows }) {
                pick = plain
                plainAt = chosen.count
            }
            chosen.append(candidates[pick])
        }
        return chosen.enumerated().map { index, candidate in
            var offered = suggestion(candidate, rank: index + 1, request: request, context: context, frame: frame, mood: mood)
            if index == plainAt { offered.reasons.insert("no borrowed chord: the plain chart beside 1 and 2, which borrow from the parallel minor", at: 0) }
            return offered
        }
    }

    /// Ticks a chord slot spans: a bar over the rate, or two bars at half a chord a bar.
    static func slotTicks(rate: Double, meter: Meter) -> Ticks {
        rate >= 1 ? meter.ticksPerBar / Int(rate) : meter.ticksPerBar * 2
    }

    /// Where slot `index` starts: slots of `slotTicks`, except two chords a bar in a meter
    /// of an odd number of beats, which change on the beat that starts the bar's second
    /// group (`ChordChart.secondGroup`: 5/4 as 3+2, 7/4 as 4+3, 3/4 as 2+1), as a player
    /// and the chart the writer types have them. Why: a 5/4 chorus's second chord had come
    /// on beat 2½, which the writer's own `| C♯m A |` is refused for, and the ChordPro grid
    /// drew it on beat 3.
    static func slotStart(_ index: Int, rate: Double, meter: Meter) -> Ticks {
        guard rate == 2, let split = ChordChart.secondGroup(of: meter) else { return index * slotTicks(rate: rate, meter: meter) }
        return index / 2 * meter.ticksPerBar + (index % 2 == 1 ? split : 0)
    }

    /// A candidate's chords where the chart puts them: one a slot.
    static func changes(of candidate: Candidate, request: HarmonyRequest, context: HarmonyContext) -> [ChordChange] {
        return candidate.chords.enumerated().map { ChordChange(start: slotStart($0.offset, rate: request.rate, meter: context.meter), chord: $0.element) }
            .filter { $0.start < context.bars * context.meter.ticksPerBar }
    }

    /// How a chart sits under a melody: the chords whose stretch of the melody clashes with
    /// them by the rule `alt` shows (`Substitutions.melodyCheck`: a note a half step over a
    /// chord tone, or the third the chord lacks, held or on the beat), and with `words`
    /// the first such in words with its bar. (`Harmonizer.melodyFit` scores a chord's fit
    /// for `harmonize`; this counts what a listener hears as wrong.)
    static func melodyClashes(_ changes: [ChordChange], melody: [Note], meter: Meter, words: Bool) -> (count: Int, first: String?) {
        var count = 0, first: String?
        for (index, change) in changes.enumerated() {
            guard let chord = change.chord else { continue }
            let end = index + 1 < changes.count ? changes[index + 1].start : Int.max
            let over = melody.filter { $0.start >= change.start && $0.start < end }
            guard !over.isEmpty, Substitutions.clashes(chord, melody: over) else { continue }
            count += 1
            if words && first == nil {
                // A chord held over several bars names them all: "Am in bar 1" had pointed at
                // the bar before the note it clashed with (a newcomer's check).
                let from = change.start / meter.ticksPerBar + 1
                let last = min(end, (over.map { $0.start + $0.duration }.max() ?? change.start + 1)) - 1
                let to = max(from, last / meter.ticksPerBar + 1)
                first = "\(chord) in \(to > from ? "bars \(from)–\(to)" : "bar \(from)") " + Substitutions.melodyCheck(chord, melody: over).0
            }
        }
        return (count, first)
    }

    /// Candidates drawn per request.
    static let poolSize = 96

    /// Chord slots in the section: bars × rate (a slot per two bars at rate 0.5).
    static func slotCount(bars: Int, rate: Double) -> Int {
        max(1, Int((Double(bars) * rate).rounded(.up)))
    }

    /// One candidate: its steps, chords, and where it came from.
    struct Candidate {
        var steps: [String]
        var chords: [Chord]
        var family: ProgressionFamily?
        var score = 0.0
        /// The steps as drawn, before the mood's moves: the transition model judges these
        /// (a borrowed iv is the mood's choice, not an unlikely step of the model).
        var drawn: [String] = []

        /// Whether a chord of the chart is borrowed from the parallel minor (iv, ♭III, ♭VI,
        /// ♭VII), as a mood's colour writes them.
        var borrows: Bool { steps.contains { ["iv", "bIII", "bVI", "bVII"].contains($0) } }

        /// The same progression, rotated or not, or the same four-chord core — compared by
        /// the colour-free numerals, so re-spellings and added 7ths, sus or add9 of one
        /// progression count as the same one.
        func sameAs(_ other: Candidate) -> Bool {
            let a = steps, b = other.steps
            if ProgressionGenerator.isRotation(a, of: b) { return true }
            let coreA = Array(a.prefix(4)), coreB = Array(b.prefix(4))
            return coreA.count == 4 && coreB.count == 4 && ProgressionGenerator.isRotation(coreA, of: coreB)
        }
    }

    static func isRotation<T: Equatable>(_ a: [T], of b: [T]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return (0..<a.count).contains { shift in (0..<a.count).allSatisfy { a[$0] == b[($0 + shift) % b.count] } }
    }

    /// Draws one candidate: a loop family repeated, a blues form, or a walk through the model.
    static func draw(_ request: HarmonyRequest, palette: Palette, slots: Int,
                     generator: inout SeededGenerator) -> Candidate? {
        let style = request.style
        let frame = palette.frame, mood = palette.mood
        var steps: [String]
        var family: ProgressionFamily?
        if style.name == "blues" {
            // The form bar by bar, the bar's chord in each of its slots: at two chords a bar a
            // 12-bar section had played the form twice in half bars (V in bar 5, IV in bar 9).
            let perBar = bluesSlotsPerBar(rate: request.rate, slots: slots)
            let form = bluesForm(slots: slots / perBar, minor: frame.isMinor, generator: &generator)
            steps = form.flatMap { Array(repeating: $0, count: perBar) }
            if perBar == 2 { bluesMoves(&steps, form: form, palette: palette, generator: &generator) }
        } else if generator.unit() < style.loopChance, let picked = pickFamily(style: style, palette: palette, generator: &generator) {
            family = picked
            steps = (0..<slots).map { picked.steps[$0 % picked.steps.count] }
        } else {
            steps = walk(style: style, palette: palette, slots: slots, generator: &generator)
        }
        if style.name != "blues" {
            let ending = request.endingSteps(frame: frame)
            // A chart as long as its cadence is that cadence (a two-chord tag asked to close
            // deceptively had kept its drawn first chord: iii–vi, I–vi, IV–vi).
            if slots >= ending.count {
                steps.replaceSubrange((slots - ending.count)..<slots, with: ending)
            } else {
                steps[slots - 1] = ending[ending.count - 1]
            }
        }
        let drawn = steps
        // A mode keeps to its own chords: a chart that drew one from outside it (all but
        // never, `Palette.modalOutside`, yet a sad soul chorus in D dorian had played Gm,
        // D minor's iv, under "none borrowed") is drawn again.
        if frame.modal != nil && style.name != "blues",
           steps.contains(where: { palette.chords[$0].map { !frame.key.isDiatonic($0) } ?? true }) { return nil }
        // A mode is its own colour: the mood's borrowed chords and chromatic passing chords
        // would take the chart out of it.
        if style.name != "blues" && frame.modal == nil {
            MoodColour.of(request.mood).apply(to: &steps, cadence: min(slots, request.endingSteps(frame: frame).count),
                                              frame: frame, generator: &generator)
        }
        var chords: [Chord] = []
        for (index, step) in steps.enumerated() {
            guard let chord = palette.chords[step] else { return nil }
            let last = index == steps.count - 1
            var coloured = colour(chord, step: step, last: last, style: style, mood: mood, frame: frame, diatonic: palette.diatonic,
                                  generator: &generator)
            // A chart that closes home ends resolved: a last chord suspended a fourth is played
            // with its added ninth instead (a sad outro had ended on A♭sus4 under "cadence closed").
            if last, [.closed, .plagal].contains(request.cadence), coloured.quality.symbol == "sus4",
               let resolved = ChordQuality.named("add9") {
                coloured = Chord(root: coloured.root, quality: resolved)
            }
            chords.append(coloured)
        }
        return Candidate(steps: steps, chords: chords, family: family, drawn: drawn)
    }

    /// A family, weighted by the style's liking for it, the mood's for its chords, and
    /// whether it starts at home.
    static func pickFamily(style: HarmonyStyle, palette: Palette, generator: inout SeededGenerator) -> ProgressionFamily? {
        let frame = palette.frame
        let families = ProgressionFamily.all.filter { ($0.styles[style.name] ?? 0) > 0 }
        guard !families.isEmpty else { return nil }
        let weights = families.map { family -> Double in
            var fit = 1.0
            for step in family.steps { fit *= palette.weight(step) }
            guard fit > 0 else { return 0 }
            fit = pow(fit, 1 / Double(family.steps.count))
            let home = family.steps.first == frame.home ? 1.6 : 1.0
            let modeFit = frame.isMinor && family.steps.first == "I" ? 0.5 : 1.0
            // The mood's fit counts cubed: a sad request should reach for
            // the minor-coloured loops, a triumphant one for the bright ones.
            return (family.styles[style.name] ?? 0) * pow(fit, 3) * home * modeFit
        }
        return families[generator.pick(weights: weights)]
    }

    /// A walk through the style's transition table, each step weighted by the mood.
    static func walk(style: HarmonyStyle, palette: Palette, slots: Int, generator: inout SeededGenerator) -> [String] {
        let frame = palette.frame
        var steps = [frame.home]
        if generator.unit() < 0.3 {
            // Sometimes start away from home: on what most often follows it.
            let row = style.row(frame.home)
            let options = Array(row.keys).sorted()
            steps = [options[generator.pick(weights: options.map { (row[$0] ?? 0) * palette.weight($0) })]]
        }
        while steps.count < slots {
            let row = style.row(steps[steps.count - 1])
            let options = Array(row.keys).sorted()
            let weights = options.map { (row[$0] ?? 0) * palette.weight($0) }
            steps.append(options[generator.pick(weights: weights)])
        }
        return steps
    }

    /// Chord slots a bar for the blues, which keeps its form bar by bar: the harmonic
    /// rhythm when it is a whole number of chords a bar, else 1 (slot by slot).
    static func bluesSlotsPerBar(rate: Double, slots: Int) -> Int {
        let perBar = rate >= 1 && rate == rate.rounded() ? Int(rate) : 1
        return slots % perBar == 0 ? perBar : 1
    }

    /// At two chords a bar, the blues' second halves move as players move them: from IV
    /// back to I through the diminished 7th a half step over IV (F7 F♯°7 | C7), more often
    /// the tenser the mood; from I into V through V of V (C7 D7 | G7, in a major key); and
    /// the form's last two bars turned around I–IV | I–V. A bar none of these fits holds its
    /// chord (the chart shows it once: a tense blues had read "C7 C7" bar after bar).
    static func bluesMoves(_ steps: inout [String], form: [String], palette: Palette, generator: inout SeededGenerator) {
        let minor = palette.frame.isMinor
        let (one, four, five) = bluesDegrees(minor: minor)
        let passing = minor ? "#ii°7" : "#iv°7"
        let passingChance = min(0.9, 0.35 * palette.mood.tension)
        for bar in form.indices.dropLast() {
            let here = form[bar], next = form[bar + 1]
            if here == four && next == one && palette.chords[passing] != nil {
                if generator.unit() < passingChance { steps[2 * bar + 1] = passing }
            } else if !minor && here == one && next == five && palette.chords["II"] != nil {
                if generator.unit() < 0.5 { steps[2 * bar + 1] = "II" }
            }
        }
        for end in stride(from: 11, to: form.count, by: 12) where form[end - 1] == one && form[end] == five {
            if generator.unit() < 0.6 { (steps[2 * end - 1], steps[2 * end]) = (four, one) }
        }
    }

    /// The blues' I, IV and V as the style tables write them (a minor key's in its relative
    /// major's numerals: vi, ii, iii).
    static func bluesDegrees(minor: Bool) -> (one: String, four: String, five: String) {
        minor ? ("vi", "ii", "iii") : ("I", "IV", "V")
    }

    /// The blues form that fits the section: the whole 12-bar form with its turnaround
    /// (V in the last bar) when twelve bars fit, the 8-bar blues (I–V–IV–IV–I–V–I–V) for
    /// eight, I–IV–I–V for four; otherwise the 12-bar form with the turnaround on the last
    /// slot — so every section reaches V.
    static func bluesForm(slots: Int, minor: Bool, generator: inout SeededGenerator) -> [String] {
        let (one, four, five) = bluesDegrees(minor: minor)
        var twelve = [one, one, one, one, four, four, one, one, five, four, one, five]
        if generator.unit() < 0.5 { twelve[1] = four }            // quick change
        if generator.unit() < 0.4 { twelve[9] = five }            // V–V–I–V: the older turnaround
        let form: [String]
        if slots % 12 == 0 {
            form = twelve
        } else if slots % 8 == 0 {
            form = [one, five, four, four, one, five, one, five]
        } else if slots % 4 == 0 {
            form = [one, four, one, five]
        } else {
            var cut = (0..<slots).map { twelve[$0 % 12] }
            cut[slots - 1] = five
            return cut
        }
        return (0..<slots).map { form[$0 % form.count] }
    }


    /// Adds a 7th, 9th, sus or add9 colour as the style and mood like.
    static func colour(_ chord: Chord, step: String, last: Bool, style: HarmonyStyle, mood: MoodProfile, frame: TonalFrame,
                       diatonic: Set<Int>, generator: inout SeededGenerator) -> Chord {
        let chance = style.seventh ? style.colour : max(style.colour, mood.colour * 0.6)
        guard generator.unit() < chance else { return chord }
        let isDominant = step == "V" || step == "II" || step == "III" || step == "bII" || style.dominantColour
        let symbol: String
        switch (chord.quality.symbol, isDominant, style.seventh) {
        // The blues's dominants are sevenths and ninths, never suspended: a 7sus4 on bar 4
        // takes away the I7's pull into IV (a jazz player found five in twelve bars).
        case ("", true, _) where style.dominantColour: symbol = generator.unit() < 0.3 ? "9" : "7"
        case ("", true, _): symbol = generator.unit() < 0.25 && !last ? "7sus4" : (style.name == "soul" && generator.unit() < 0.4 ? "9" : "7")
        case ("", false, true): symbol = style.dominantColour ? "7" : (generator.unit() < 0.7 ? "maj7" : "6")
        case ("", false, false): symbol = ["add9", "sus2", "maj7", "sus4"][generator.pick(weights: [3, 1.5 * mood.tension, 1.5, 1 * mood.tension])]
        case ("m", _, true): symbol = generator.unit() < 0.75 ? "m7" : "m9"
        case ("m", _, false): symbol = generator.unit() < 0.6 ? "m7" : "madd9"
        case ("dim", _, _): symbol = frame.isMinor ? "m7b5" : (style.seventh ? "m7b5" : "dim")
        default: return chord
        }
        guard let quality = ChordQuality.named(symbol) else { return chord }
        let coloured = Chord(root: chord.root, quality: quality)
        // Keep a colour only if it does not add a note outside the key the plain chord
        // did not already use (a sus or add9 should not sneak in a wrong note).
        let extra = coloured.pitchClasses.subtracting(chord.pitchClasses)
        let idiomatic = style.dominantColour || !chord.pitchClasses.isSubset(of: diatonic) && isDominant
        return extra.isSubset(of: diatonic) || idiomatic ? coloured : chord
    }

    /// Higher is better: likely under the model, fits the mood, contrasts with neighbours.
    static func score(_ candidate: Candidate, request: HarmonyRequest, section: String, neighbours: [(name: String, steps: [String])],
                      palette: Palette, generator: inout SeededGenerator) -> Double {
        var logLikelihood = 0.0
        for (from, to) in zip(candidate.drawn, candidate.drawn.dropFirst()) {
            let row = request.style.row(from)
            let total = row.reduce(0.0) { $0 + $1.value * palette.weight($1.key) }
            let weight = (row[to] ?? 0.5) * palette.weight(to)
            logLikelihood += log(max(weight, 0.01) / max(total, 0.01))
        }
        var score = logLikelihood / Double(max(candidate.steps.count - 1, 1))
        // How well the chords suit the mood, beyond the transitions: the mean log weight.
        let fit = candidate.steps.reduce(0.0) { $0 + log(max(palette.weight($1), 0.01)) } / Double(max(candidate.steps.count, 1))
        score += 1.1 * fit
        if candidate.family != nil { score += 0.4 }
        // A walk that ping-pongs (V–I–V–I) sounds stuck: each back-and-forth costs a little.
        if candidate.family == nil && candidate.steps.count >= 4 {
            let steps: [String] = candidate.steps
            var pingPongs = 0
            for index in 0..<(steps.count - 3) where steps[index] == steps[index + 2] && steps[index + 1] == steps[index + 3] {
                pingPongs += 1
            }
            score -= 0.25 * Double(pingPongs)
        }
        // A section should not repeat its neighbours' core (a chorus that sounds like its
        // verse); colour-free numerals are compared, so a sus2 does not hide a match.
        // Pop choruses often reuse the verse's chords in another order, so only the same
        // order weighs heavily.
        let ours = Array(candidate.steps.prefix(4))
        for (name, theirs) in neighbours {
            let related = section.hasPrefix(name) || name.hasPrefix(section)
            guard !related else { continue }
            if theirs == ours {
                score -= 1.2
            } else if isRotation(theirs, of: ours) {
                score -= 0.6
            } else if Set(theirs) == Set(ours) {
                score -= 0.3
            }
            if theirs.first != ours.first { score += 0.25 }
        }
        return score + generator.unit() * 0.35
    }

    /// Turns a candidate into a suggestion with its chart, label and reasons.
    static func suggestion(_ candidate: Candidate, rank: Int, request: HarmonyRequest, context: HarmonyContext,
                           frame: TonalFrame, mood: MoodProfile) -> Suggestion {
        let barTicks = context.meter.ticksPerBar
        let slotTicks = slotTicks(rate: request.rate, meter: context.meter)
        var changes: [ChordChange] = []
        for (index, chord) in candidate.chords.enumerated() {
            let start = slotStart(index, rate: request.rate, meter: context.meter)
            guard start < context.bars * barTicks else { break }
            // A blues bar that holds its chord shows it once (`bluesMoves`).
            let held = request.style.name == "blues" && start % barTicks != 0
            if changes.last?.chord == chord && (request.rate < 1 || held) { continue }
            changes.append(ChordChange(start: start, chord: chord))
        }
        let functions = HarmonyReasons.functions(of: changes.compactMap(\.chord), in: frame.key)
        var parameters = request.parameters
        parameters["section"] = context.section
        parameters["rank"] = String(rank)
        let progression = ChordProgression(changes: changes, comping: request.mood == nil ? request.style.comping : mood.comping,
                                           functions: functions)
        // The label is made from the chart as it stands, after the cadence was written in
        // and the section's end cut it: the steps in the chart, slot by slot.
        let shown = Array(candidate.steps.prefix((context.bars * barTicks + slotTicks - 1) / slotTicks))
        let (label, listed) = HarmonyReasons.describe(candidate, shown: shown, progression: progression, request: request, frame: frame, mood: mood)
        // A borrowed chord played twice is one reason, said once.
        var reasons = listed.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !context.melody.isEmpty {
            let fit = melodyClashes(changes, melody: context.melody, meter: context.meter, words: true)
            reasons.insert(fit.first.map { "✗ under the melody already here: \($0)" + (fit.count > 1 ? " (\(fit.count) chords clash)" : "") }
                           ?? "✓ fits the melody already here: no held or on-beat note clashes with its chord", at: 0)
        }
        return Suggestion(label: label, reasons: reasons,
                          origin: .generator("harmony", version: version, seed: request.seed, parameters: parameters),
                          content: .chords(progression))
    }
}

extension TonalFrame {
    /// 0 major, 1 minor, 2 diminished, 3 other (sus, aug, power): the triad shape.
    static func shapeClass(_ quality: ChordQuality) -> Int {
        switch triad(of: quality).symbol {
        case "": quality.intervals.contains(.M3) ? 0 : 3
        case "m": 1
        case "dim": 2
        default: 3
        }
    }
}
