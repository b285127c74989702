import Foundation
import MusicTheory
import SongModel

/// Chords for a melody the writer brings: each slot's chord chosen so the melody's
/// strong-beat notes are chord tones, the motion between chords is likely under the
/// style, and the section ends on the planned cadence. A Viterbi search finds the best
/// path; later suggestions are pushed away from earlier ones so they differ.
public enum Harmonizer {
    /// 2.0: the first version the pinned table of seeded outputs holds (1.0 was stamped on
    /// several different outputs, so it does not name one).
    /// 2.1: altered degrees spelled plainly where their letter spelling is awkward (A, not B𝄫).
    /// 2.2: in a minor key, ♭III weighted half (harmony 2.11's palette).
    /// 2.3: a section's default cadence gives way to one whose last chord holds the
    /// melody's last note, where the default's clashes with it.
    /// 2.4: that reason names the note of the melody's close that clashes (the G4 held three
    /// beats, not the A4 after it, which the open cadence's D has); the chords are as in 2.3.
    /// 2.5: two chords a bar in a meter of an odd number of beats change on its second group.
    /// 2.6: its numerals read extended and altered secondary dominants, and their ii, as such (A7♭9 before Dm7 in C: V7♭9/ii).
    /// 2.7: a chord's function is read with the chord after it (harmony 2.27).
    /// 2.8: the second group of a long odd bar is a strong beat the fit weighs (melody 3.37).
    /// 2.9: four chords a bar only where the meter lays four (harmony 2.32).
    public static let version = "2.9"

    public static func suggest(_ asked: HarmonyRequest, context: HarmonyContext) throws(EngineError) -> [Suggestion] {
        var request = asked.fitting(context.meter)
        guard !context.melody.isEmpty else { throw .noMelody(context.section) }
        let frame = TonalFrame(key: context.key, section: context.section)
        let mood = MoodProfile.of(request.mood)
        let palette = Palette(frame: frame, mood: mood, style: request.style)
        let slots = ProgressionGenerator.slotCount(bars: context.bars, rate: request.rate)
        let vocabulary = frame.isMinor
            ? ["vi", "vii°", "I", "ii", "iii", "III", "IV", "V", "II"]
            : ["I", "ii", "iii", "IV", "V", "vi", "vii°", "iv", "bVI", "bVII", "II", "III"]
        let chords = vocabulary.compactMap { step in palette.chords[step].map { (step, $0) } }
        // fit[slot][chord]: how well the chord carries the melody notes in that slot.
        let fit = (0..<slots).map { slot in
            chords.map { melodyFit(of: $0.1, notes: context.melody, from: ProgressionGenerator.slotStart(slot, rate: request.rate, meter: context.meter),
                                   to: ProgressionGenerator.slotStart(slot + 1, rate: request.rate, meter: context.meter), meter: context.meter) }
        }
        // A section's default cadence gives way where the melody's last note clashes with its
        // last chord and another cadence's last chord holds it (a verse's melody ending on A4
        // held a bar in A minor had been given E under it, a semitone from its G♯).
        var yielded: (from: Cadence, chord: Chord, note: Note?)?
        if request.cadenceIsDefault, request.style.ending == nil, !context.melody.isEmpty {
            func finalChord(_ cadence: Cadence) -> (fit: Double, chord: Chord)? {
                var asked = request
                asked.cadence = cadence
                guard let step = asked.endingSteps(frame: frame).last, let index = chords.firstIndex(where: { $0.0 == step }) else { return nil }
                return (fit[slots - 1][index], chords[index].1)
            }
            if let planned = finalChord(request.cadence), planned.fit < 0 {
                let better = [Cadence.closed, .plagal, .deceptive, .open].filter { $0 != request.cadence }
                    .compactMap { cadence in finalChord(cadence).map { (cadence, $0.fit) } }
                    .filter { $0.1 > 0 }
                    .max { $0.1 < $1.1 }
                if let (cadence, _) = better {
                    yielded = (request.cadence, planned.chord, Self.clash(with: planned.chord, in: context.melody,
                                                                          from: ProgressionGenerator.slotStart(slots - 1, rate: request.rate, meter: context.meter),
                                                                          to: ProgressionGenerator.slotStart(slots, rate: request.rate, meter: context.meter)))
                    request.cadence = cadence
                }
            }
        }
        var generator = SeededGenerator(seed: request.seed)
        var paths: [[Int]] = []
        var usage = Array(repeating: Array(repeating: 0, count: chords.count), count: slots)
        let wanted = request.count
        var attempts = 0
        while paths.count < wanted && attempts < wanted * 6 {
            attempts += 1
            let noise = (0..<slots).map { _ in chords.map { _ in generator.unit() * 0.25 * Double(paths.count) } }
            let path = viterbi(slots: slots, chords: chords, fit: fit, noise: noise, usage: usage, request: request,
                               palette: palette)
            if !paths.contains(path) {
                paths.append(path)
                for (slot, index) in path.enumerated() { usage[slot][index] += 1 }
            }
        }
        return paths.enumerated().map { rank, path in
            let progression = progression(for: path, chords: chords, rate: request.rate, bars: context.bars, meter: context.meter,
                                     key: context.key, style: request.style)
            let coverage = strongBeatCoverage(progression.changes, melody: context.melody, meter: context.meter)
            let numerals = frame.numerals(of: progression.chords)
            let label = "fits the melody: \(Int((coverage * 100).rounded()))% of strong beats on chord tones"
            var cadence = "\(request.cadence.summary(of: progression.chords, frame: frame)): ends \(numerals.suffix(2).joined(separator: "–"))"
            if let yielded {
                let chord: String = yielded.chord.description
                let close: String = yielded.note.map { note -> String in
                    "the melody's close holds \(note.pitch) for \(Self.beats(note, meter: context.meter)), and \(chord), "
                } ?? "the melody's close does not sit on \(chord), "
                cadence += ", not \(yielded.from.rawValue) as the section would by default: " + close
                    + "the chord that cadence ends on, does not have it (`cadence=\(yielded.from.rawValue)` asks for it)"
            }
            let reasons = [
                "each chord chosen so the melody's notes on strong beats are chord tones (notes between are passing tones)",
                "motion between chords weighted by \(request.style.modelName): \(request.style.fact)",
                cadence,
            ]
            var parameters = ["style": request.style.spelled, "mood": request.mood?.rawValue ?? "none", "n": String(request.count),
                              "cadence": request.cadence.rawValue, "section": context.section, "rank": String(rank + 1)]
            parameters["rate"] = request.rate == request.rate.rounded() ? String(Int(request.rate)) : String(request.rate)
            if request.style.learned { parameters["learned"] = request.style.name }
            return Suggestion(label: label, reasons: reasons,
                              origin: .generator("harmonizer", version: version, seed: request.seed, parameters: parameters),
                              content: .chords(progression))
        }
    }

    static func viterbi(slots: Int, chords: [(String, Chord)], fit: [[Double]], noise: [[Double]], usage: [[Int]],
                        request: HarmonyRequest, palette: Palette) -> [Int] {
        let frame = palette.frame
        let count = chords.count
        let diatonic = chords.map { $0.1.pitchClasses.isSubset(of: palette.diatonic) }
        // Transition scores between vocabulary chords, worked out once.
        let transitions: [[Double]] = chords.map { from in
            let row = request.style.row(from.0)
            let total = row.reduce(0.0) { $0 + $1.value }
            return chords.map { to in 0.5 * log(max((row[to.0] ?? 0.3) * palette.weight(to.0), 0.01) / max(total, 0.01)) }
        }
        let ending = request.endingSteps(frame: frame)
        func local(_ slot: Int, _ index: Int) -> Double {
            var value = 2.0 * fit[slot][index] - noise[slot][index] - 0.6 * Double(usage[slot][index])
            let step = chords[index].0
            if slot == 0 && step == frame.home { value += 0.8 }
            // The planned cadence is kept: the last chord is the cadence's, the one before
            // it strongly preferred.
            let fromEnd = slots - 1 - slot
            if fromEnd == 0 { value += ending.last == step ? 0 : -1000 }
            if fromEnd == 1 && ending.count == 2 && ending[0] == step { value += 3 }
            if !diatonic[index] { value -= 0.4 }
            return value
        }
        func transition(_ from: Int, _ to: Int) -> Double { transitions[from][to] }
        var best = (0..<count).map { local(0, $0) }
        var back = [[Int]]()
        for slot in 1..<max(slots, 1) {
            var next = [Double](repeating: -.infinity, count: count)
            var from = [Int](repeating: 0, count: count)
            for to in 0..<count {
                for previous in 0..<count {
                    let value = best[previous] + transition(previous, to)
                    if value > next[to] { next[to] = value; from[to] = previous }
                }
                next[to] += local(slot, to)
            }
            back.append(from)
            best = next
        }
        var index = best.indices.max { best[$0] < best[$1] } ?? 0
        var path = [index]
        for from in back.reversed() {
            index = from[index]
            path.append(index)
        }
        return Array(path.reversed().prefix(slots))
    }

    /// +1 per beat for a chord tone, a little less for a 9th, 11th or 13th (colour), and a
    /// penalty for anything else; strong beats count more than weak ones.
    static func melodyFit(of chord: Chord, notes: [Note], from start: Ticks, to end: Ticks, meter: Meter) -> Double {
        var score = 0.0
        for note in notes where note.start < end && note.end > start {
            let overlap = Double(min(note.end, end) - max(note.start, start)) / Double(MusicalTime.ticksPerQuarter)
            let weight = (isStrong(note.start, meter: meter) && note.start >= start ? 2.5 : 1.0) * overlap
            let interval = (note.pitch.midi - chord.root.pitchClass + 120) % 12
            if chord.pitchClasses.contains(note.pitch.midi % 12) {
                score += weight
            } else if [2, 5, 9].contains(interval) {
                score -= 0.2 * weight
            } else {
                score -= 1.5 * weight
            }
        }
        return score
    }

    /// The note of `notes` between `start` and `end` that clashes most with `chord`, as
    /// `melodyFit` weighs it (longest, a strong beat counted more): what a cadence that ends
    /// on `chord` would sound against. Why: a reason had named the melody's last note, A4,
    /// as the clash with D, which has it; the G4 held three beats before it was the clash.
    static func clash(with chord: Chord, in notes: [Note], from start: Ticks, to end: Ticks) -> Note? {
        notes.filter { $0.start < end && $0.end > start && !chord.pitchClasses.contains($0.pitch.midi % 12) }
            .max { min($0.end, end) - max($0.start, start) < min($1.end, end) - max($1.start, start) }
    }

    /// A note's length in the meter's beats, in words: "3 beats", "a beat", "half a beat".
    static func beats(_ note: Note, meter: Meter) -> String {
        let beats = Double(note.duration) / Double(meter.ticksPerBeat)
        if beats == 1 { return "a beat" }
        if beats == 0.5 { return "half a beat" }
        return beats == beats.rounded() ? "\(Int(beats)) beats" : String(format: "%g beats", beats)
    }

    /// Where a bar's strong beats fall, in ticks from its downbeat: the downbeat; the middle
    /// of a bar of an even number of beats; in a bar of five beats or more, an odd number,
    /// the start of its second group too (5/4's beat 4, 7/4's beat 5, 7/8's fifth eighth),
    /// where a chart's second chord of the bar comes in (`ChordChart.secondGroup`). Why:
    /// with the downbeat alone strong in 5/4, a melody struck B3 over F at a beat-4 change
    /// under "100% of notes struck on strong beats are chord tones" (an outside audit).
    static func strongPlaces(in meter: Meter) -> [Ticks] {
        if meter.beatsPerBar % 2 == 0 { return [0, meter.ticksPerBar / 2] }
        if meter.beatsPerBar >= 5, let split = ChordChart.secondGroup(of: meter) { return [0, split] }
        return [0]
    }

    /// The downbeat, the middle of bars with an even number of beats, and the second
    /// group's start in longer odd bars (`strongPlaces`).
    public static func isStrong(_ tick: Ticks, meter: Meter) -> Bool {
        let bar = meter.ticksPerBar
        return strongPlaces(in: meter).contains((tick % bar + bar) % bar)
    }

    /// The first strong beat after `tick`.
    static func nextStrong(after tick: Ticks, meter: Meter) -> Ticks {
        let bar = meter.ticksPerBar
        let downbeat = tick - (tick % bar + bar) % bar
        return strongPlaces(in: meter).map { downbeat + $0 }.first { $0 > tick } ?? downbeat + bar
    }

    /// Share of the melody's strong-beat notes that are tones of the chord under them.
    public static func strongBeatCoverage(_ changes: [ChordChange], melody: [Note], meter: Meter) -> Double {
        let strong = melody.filter { isStrong($0.start, meter: meter) }
        guard !strong.isEmpty else { return 1 }
        let covered = strong.filter { note in
            let chord = changes.last { $0.start <= note.start }?.chord
            return chord?.pitchClasses.contains(note.pitch.midi % 12) == true
        }
        return Double(covered.count) / Double(strong.count)
    }

    static func progression(for path: [Int], chords: [(String, Chord)], rate: Double, bars: Int, meter: Meter, key: Key,
                       style: HarmonyStyle) -> ChordProgression {
        var changes: [ChordChange] = []
        for (slot, index) in path.enumerated() {
            let start = ProgressionGenerator.slotStart(slot, rate: rate, meter: meter)
            guard start < bars * meter.ticksPerBar else { break }
            var chord = chords[index].1
            // Dominants get their 7th in styles that colour, where it cannot clash.
            if style.seventh, chords[index].0 == "V" || chords[index].0 == "III", let seventh = ChordQuality.named("7") {
                chord = Chord(root: chord.root, quality: seventh)
            }
            if changes.last?.chord == chord { continue }
            changes.append(ChordChange(start: start, chord: chord))
        }
        return ChordProgression(changes: changes, comping: style.comping,
                                functions: HarmonyReasons.functions(of: changes.compactMap(\.chord), in: key))
    }
}
