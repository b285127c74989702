import Foundation
import MusicTheory
import SongModel

/// A named way of varying a melody or motif, as writers know them.
public enum Technique: String, CaseIterable, Sendable, Hashable {
    case transpose = "transpose"            // diatonic: up the scale
    case realTranspose = "real-transpose"   // by exact semitones
    case invert, retrograde, augment, diminish, displace, fragment, ornament
    case rerhythm = "re-rhythm"
    case refit

    public static func named(_ text: String) -> Technique? {
        Technique(rawValue: text.lowercased()) ?? ["inversion": .invert, "augmentation": .augment, "diminution": .diminish,
                                                   "sequence": .fragment, "displacement": .displace, "real": .realTranspose,
                                                   "diatonic": .transpose, "rhythm": .rerhythm][text.lowercased()]
    }
}

/// One variation: the notes as the technique made them (`raw`), the same refitted so
/// strong-beat notes are chord tones (`notes`), and how close it stays to its source.
public struct Variation: Sendable, Hashable {
    public var technique: Technique
    public var raw: [Note]
    public var notes: [Note]
    /// Share of melodic directions (up, down, same) kept from the source.
    public var contourSimilarity: Double
    /// Share of onsets (relative to the line's start, scaled to its length) kept.
    public var rhythmSimilarity: Double
    /// What this form of the technique did, when it says more than the technique's name.
    public var how: String? = nil
    /// Notes from outside the key that clashed with their chords, and where they went
    /// ("E5→E♭5"), said in the reasons.
    public var broughtIn: [String] = []
}

public enum Variations {
    /// 2.0: the first version the pinned table of seeded outputs holds (1.0 was stamped on
    /// several different outputs, so it does not name one).
    /// 2.1: each technique has several forms and a request never offers the same notes
    /// twice; re-rhythm keeps every note in its bar. (A request with energy, mood or style
    /// is new in 2.1's lifetime and leaves the output of one without them as it was.)
    /// 2.2: notes from outside the key spelled as the key reads them (the leading tone C♯ in D minor, not D♭).
    /// 2.3: the source itself is never offered (a refit of a line already on its chords).
    /// 2.4: notes between the strong beats that leave the key and clash with their chord
    /// (E over E♭ after a real transposition up a whole step) are brought into the key;
    /// notes are spelled under their chord and as they lead (B into C, not C♭).
    /// 2.5: an ornament's neighbours decorate the refitted note, a step from it.
    /// 2.6: the other size of step where the scale's one clashes with the chord.
    /// 2.7: notes spelled under chords whose altered roots are now spelled plainly (harmony 2.10).
    /// 2.8: a note held through a strong beat is refitted to the chord there too (a
    /// displaced note to the chord it is held into; one begun on a strong beat to a tone
    /// both chords share, or stopped at the change).
    /// 2.9: a note held through two chord changes fits every chord it is heard over (2.8
    /// fitted the second and its start's chord, undoing the first).
    /// 2.10: a displaced line whose close the shift would push out of the section lands on
    /// it where it was.
    /// 2.11: a note a half step under a minor chord's root or fifth is refitted as a clash.
    /// 2.13: no note spelled with a double flat or sharp (melody 3.21's spelling under a chord);
    /// a displacement named by the value it moves (a sixteenth in 7/8).
    /// 2.14: "rhythm N% like the source" counts onsets on the sixteenth-note grid.
    /// 2.15: … in the section, not from each line's first note (a displaced line reads what
    /// it kept of the source's onsets).
    /// 2.16: a re-rhythm gives a bar whose rhythm the source sang before the new rhythm
    /// that bar took (the source's returns return).
    /// 2.17: a real transposition's reason counts the notes the refit moved onto the chords
    /// and those brought into the key (it had said every interval was kept but where a note
    /// was brought into the key).
    /// 2.18: a diatonic transposition counts the notes moved after it as a real one does;
    /// an augmentation that outruns the section says how many notes it kept.
    /// 2.19: a re-rhythm keeps the sixteenth grid in meters longer than 4/4 (5/4 had fallen
    /// on sixteenths of the bar, 300 ticks apart).
    /// 2.20: refit and the held-note checks take the second group of a long odd bar as a
    /// strong beat (melody 3.37).
    /// 2.21: an ornament's neighbour comes back to its note, and the line's last note is
    /// left as it is.
    public static let version = "2.21"

    public static func suggest(source: [Note], sourceName: String, technique: Technique?, leaning: VariationLeaning = VariationLeaning(),
                               count: Int, seed: UInt64, context: LineContext) -> [Suggestion] {
        var generator = SeededGenerator(seed: seed)
        let sorted = source.sorted { $0.start < $1.start }
        guard leaning.isEmpty else {
            let found = leaned(source: source, technique: technique, leaning: leaning, count: count, context: context, generator: &generator)
            var parameters: [String: String] = [:]
            if let energy = leaning.energy { parameters["energy"] = String(format: "%.2f", energy) }
            if let mood = leaning.mood { parameters["mood"] = mood.rawValue }
            if let style = leaning.style { parameters["style"] = style.rawValue }
            return found.enumerated().map { index, item in
                suggestion(item.0, item.1, extra: item.2, rank: index + 1, sourceName: sourceName, seed: seed, parameters: parameters)
            }
        }
        // One technique asked for: its distinct forms in turn (inversion about the first
        // note, then in the scale, then about the middle …); none: a different technique each.
        let plan: [(Technique, Int)] = technique.map { technique in (1...(count * 3)).map { (technique, $0) } }
            ?? Technique.allCases.shuffled(using: &generator).prefix(count).map { ($0, 1) }
        var found: [(Technique, Variation)] = []
        for (technique, amount) in plan where found.count < count {
            let variation = vary(source, technique: technique, amount: amount, context: context, generator: &generator)
            // The same notes twice is not a second suggestion, nor the source itself (a refit
            // of a line already on its chords changes nothing).
            guard !variation.notes.isEmpty, variation.notes != sorted, !found.contains(where: { $0.1.notes == variation.notes }) else { continue }
            found.append((technique, variation))
        }
        return found.enumerated().map { index, item in
            suggestion(item.0, item.1, extra: [], rank: index + 1, sourceName: sourceName, seed: seed, parameters: [:])
        }
    }

    static func suggestion(_ technique: Technique, _ variation: Variation, extra: [String], rank: Int, sourceName: String,
                           seed: UInt64, parameters: [String: String]) -> Suggestion {
        let label = "\(technique.rawValue): contour \(Int((variation.contourSimilarity * 100).rounded()))%, rhythm \(Int((variation.rhythmSimilarity * 100).rounded()))% like the source"
        let broughtIn = variation.broughtIn.isEmpty ? [] : ["notes that left the key and clashed with their chords brought into it: " + variation.broughtIn.joined(separator: ", ")]
        let reasons = [variation.how ?? describe(technique)] + extra
            + ["refitted so the notes on strong beats, and those held through them, are tones of the chords there"] + broughtIn
            + ["derived from \(sourceName)"]
        return Suggestion(label: label, reasons: reasons,
                          origin: .generator("variation", version: version, seed: seed,
                                             parameters: parameters.merging(["technique": technique.rawValue, "source": sourceName,
                                                                             "rank": String(rank)]) { $1 }),
                          content: .melody(variation.notes))
    }

    static func describe(_ technique: Technique) -> String {
        switch technique {
        case .transpose: "moved up the scale, each interval kept diatonic"
        case .realTranspose: "moved by exact semitones, every interval kept"
        case .invert: "inverted: each interval mirrored around the first note"
        case .retrograde: "retrograde: the line played backwards"
        case .augment: "augmented: every duration doubled"
        case .diminish: "diminished: every duration halved"
        case .displace: "displaced by a beat: the same line, leaning another way"
        case .fragment: "fragment and sequence: its opening, then the opening a step higher"
        case .ornament: "ornamented: neighbours and turns close the long notes"
        case .rerhythm: "re-rhythmed: the same pitches to a new rhythm"
        case .refit: "refitted to the chords: strong-beat notes, and notes held through them, moved to the nearest chord tone"
        }
    }

    public static func vary(_ source: [Note], technique: Technique, amount: Int, context: LineContext,
                            generator: inout SeededGenerator) -> Variation {
        let notes = source.sorted { $0.start < $1.start }
        guard let first = notes.first else { return Variation(technique: technique, raw: [], notes: [], contourSimilarity: 1, rhythmSimilarity: 1) }
        let scale = context.key.scale.notes.map(\.pitchClass)
        let length = context.bars * context.meter.ticksPerBar
        func diatonic(_ midi: Int, by steps: Int) -> Int {
            var pitch = midi
            let direction = steps.signum()
            for _ in 0..<abs(steps) {
                repeat { pitch += direction } while !scale.contains(((pitch % 12) + 12) % 12)
            }
            return pitch
        }
        func with(_ note: Note, midi: Int) -> Note {
            var note = note
            if let pitch = try? Pitch(midi: min(max(midi, 0), 127)) { note.pitch = Pitch.spelled(pitch, in: context.key) }
            return note
        }
        var raw: [Note]
        var how: String?
        let form = (amount - 1) % 3   // each technique's forms, in turn
        switch technique {
        case .transpose:
            let steps = [1, 2, -1][form]
            raw = notes.map { with($0, midi: diatonic($0.pitch.midi, by: steps)) }
            how = "moved \(steps > 0 ? "up" : "down") \(abs(steps)) scale \(abs(steps) == 1 ? "step" : "steps"), each interval kept diatonic"
        case .realTranspose:
            let semitones = [2, 5, -3][form]
            raw = notes.map { with($0, midi: $0.pitch.midi + semitones) }
            how = "moved \(semitones > 0 ? "up" : "down") \(abs(semitones)) semitones"   // what it kept is said below
        case .invert:
            switch form {
            case 0:
                raw = notes.map { with($0, midi: 2 * first.pitch.midi - $0.pitch.midi) }
                how = "inverted: each interval mirrored around the first note"
            case 1:
                // In the scale: a step up becomes a step down, a third a third.
                let degrees = notes.map { degree(of: $0.pitch.midi, scale: scale) }
                raw = zip(notes, degrees).map { note, steps in with(note, midi: diatonic(first.pitch.midi, by: degrees[0] - steps)) }
                how = "inverted in the scale: each step mirrored around the first note, the intervals kept diatonic"
            default:
                let pitches = notes.map(\.pitch.midi).sorted()
                let axis = (pitches[0] + pitches[pitches.count - 1])
                raw = notes.map { with($0, midi: axis - $0.pitch.midi) }
                how = "inverted around the middle of its range, so it stays in the same register"
            }
        case .retrograde:
            let end = notes.map(\.end).max() ?? 0
            raw = notes.reversed().map { note in var note = note; note.start = first.start + end - note.end; return note }
            if form == 1 {
                let head = raw.first?.pitch.midi ?? first.pitch.midi
                raw = raw.map { with($0, midi: 2 * head - $0.pitch.midi) }
                how = "retrograde inversion: backwards and upside down"
            } else if form == 2 {
                // The rhythm backwards under the pitches in their order.
                let pitches = notes.map(\.pitch)
                raw = zip(raw, pitches).map { note, pitch in var note = note; note.pitch = pitch; return note }
                how = "rhythm retrograde: the pitches in order, the rhythm played backwards"
            }
        case .augment:
            let factor = form == 1 ? 3 : 4   // ×1.5 or ×2, in quarter steps
            // The third form: only the opening half, in augmentation.
            raw = (form == 2 ? Array(notes.prefix(max(2, notes.count / 2))) : notes).map { note in
                var note = note
                note.start = first.start + (note.start - first.start) * factor / 2
                note.duration = note.duration * factor / 2
                return note
            }
            if form == 1 { how = "augmented by half: every duration one and a half times as long" }
            if form == 2 { how = "its opening in augmentation: the first half, every duration doubled" }
        case .diminish:
            raw = notes.map { note in var note = note; note.start = first.start + (note.start - first.start) / 2; note.duration = max(60, note.duration / 2); return note }
            if form > 0 {
                // Twice, so the phrase still fills its bars; the third form a step higher the second time.
                let span = (raw.map(\.end).max() ?? first.start) - first.start
                let step = form == 2 ? 1 : 0
                raw += raw.map { note in var note = with(note, midi: diatonic(note.pitch.midi, by: step)); note.start += span; return note }
                how = form == 1 ? "diminished and said twice: every duration halved, the figure repeated to fill the bars"
                    : "diminished and sequenced: every duration halved, then the figure again a step higher"
            }
        case .displace:
            let shift = [context.meter.ticksPerBeat, context.meter.ticksPerBeat / 2, -context.meter.ticksPerBeat / 2][form]
            raw = notes.map { note in var note = note; note.start += shift; return note }
            // The line leans, then lands: a close the shift would push out of the section
            // stays where it was, the notes before it cut to meet it (a displaced chorus had
            // lost its closing G5 and ended on D5 over C, an outside check).
            let lands = shift > 0 && (notes.last.map { $0.start + shift >= length } ?? false)
            if lands, let close = notes.last {
                raw.removeLast()
                while let before = raw.last, before.start >= close.start { raw.removeLast() }
                if let index = raw.indices.last { raw[index].duration = min(raw[index].duration, close.start - raw[index].start) }
                raw.append(close)
            }
            // Likewise an opening an eighth earlier would push before the section: it stays on
            // its beat, cut to meet the next note.
            if shift < 0, let opening = notes.first, opening.start + shift < 0 {
                raw.removeFirst()
                var kept = opening
                if let next = raw.first { kept.duration = min(kept.duration, next.start - kept.start) }
                if kept.duration > 0 { raw.insert(kept, at: 0) }
            }
            // Named by the value it moves, half the meter's beat: an eighth in 4/4, a sixteenth
            // in 7/8 (whose label had said an eighth over a line moved a sixteenth).
            let value = [960: "a quarter", 480: "an eighth", 240: "a sixteenth"][abs(shift)] ?? "half a beat"
            if form > 0 { how = "displaced by \(value) \(form == 1 ? "later" : "earlier"): the same line, syncopated" }
            if lands { how = (how ?? describe(technique)) + ", landing on its last note where it was" }
        case .fragment:
            let half = Array(notes.prefix(max(2, notes.count / 2)))
            let span = (half.last?.end ?? 0) - first.start
            let step = [1, -1, 2][form]
            raw = half + half.map { note in var moved = with(note, midi: diatonic(note.pitch.midi, by: step)); moved.start += span; return moved }
            how = "fragment and sequence: its opening, then the opening \(["a step higher", "a step lower", "a third higher"][form])"
        case .ornament:
            // A neighbour in the last sixteenth of each long note, off the beat: upper,
            // lower, or a turn (upper then lower).
            // The long notes refitted first, so a neighbour decorates the note that is
            // heard: refitting after moved a D♯ on the beat to C♯ and left its upper
            // neighbour E♯ a third above it.
            // Each figure comes back to the note it decorates (the note, the step above, the
            // note), as a neighbour does, and the line's last note is left as it is: 2.20's
            // neighbours had led on to the next note instead, and a line had ended on a
            // sixteenth a step above its close (an outside audit).
            raw = []
            let fitted = refit(notes, context: context)
            let pieces = form == 2 ? [1, 0, -1, 0] : [form == 0 ? 1 : -1, 0]
            for (position, note) in fitted.enumerated() {
                guard note.duration >= 240 * (pieces.count + 2), position + 1 < fitted.count else { raw.append(note); continue }
                var main = note
                main.duration -= 240 * pieces.count
                raw.append(main)
                for (index, step) in pieces.enumerated() {
                    let at = note.end - 240 * (pieces.count - index)
                    // The scale's step, unless it is the third the chord does not have (G
                    // under G♯ over E7 in A minor): then the other size of step the same way
                    // (F♯). A sixteenth off the beat passes; only the wrong third is heard.
                    var midi = diatonic(note.pitch.midi, by: step)
                    if let chord = context.chord(at: at), Substitutions.isWrongThird(midi % 12, over: chord) {
                        let other = note.pitch.midi + step * (abs(midi - note.pitch.midi) == 1 ? 2 : 1)
                        if !Substitutions.isWrongThird(other % 12, over: chord) { midi = other }
                    }
                    var neighbour = with(note, midi: midi)
                    neighbour.start = at
                    neighbour.duration = 240
                    raw.append(neighbour)
                }
            }
            how = ["ornamented: an upper neighbour closes each long note (the note, the step above, the note again)",
                   "ornamented: a lower neighbour closes each long note (the note, the step below, the note again)",
                   "ornamented: a turn closes each long note (the step above, the note, the step below, the note)"][form]
                + "; the last note as it was"
        case .rerhythm:
            // The same pitches, each bar's notes in a new rhythm across the same bar, so
            // an 8-bar line stays 8 bars. A bar whose rhythm the source had already sung
            // takes the new rhythm that bar took, so a figure that came back in the source
            // (the second A of an AA line, the hook's return) comes back in the variation:
            // drawn afresh each bar, a re-rhythmed AA melody had kept no bar's rhythm twice.
            let bar = context.meter.ticksPerBar
            // On the sixteenth grid in every meter: a 16th of a 5/4 bar (300 ticks) had put
            // notes 5/16 of a quarter apart, printed as 64th-note triplets in bars that did
            // not add up.
            let grid = MusicalTime.ticksPerQuarter / 4
            raw = []
            var drawn: [[Ticks]: [Int]] = [:]   // a source bar's rhythm → its new places
            for index in 0..<context.bars {
                let inBar = notes.filter { $0.start / bar == index }
                guard !inBar.isEmpty else { continue }
                let slots = bar / grid
                let sourceRhythm = inBar.flatMap { [$0.start - index * bar, $0.duration] }
                let places: [Int]
                if let again = drawn[sourceRhythm] {
                    places = again
                } else {
                    // Onsets: the first on the downbeat, the rest on distinct grid places, eighths preferred.
                    var chosen: Set<Int> = [0]
                    var tries = 0
                    while chosen.count < min(inBar.count, slots) && tries < 200 {
                        tries += 1
                        let place = Int(generator.next() % UInt64(slots))
                        if place % 2 == 0 || generator.next() % 3 == 0 { chosen.insert(place) }
                    }
                    for place in 0..<slots where chosen.count < min(inBar.count, slots) { chosen.insert(place) }
                    places = chosen.sorted()
                    drawn[sourceRhythm] = places
                }
                let onsets = places.map { index * bar + $0 * grid }
                for (position, note) in inBar.prefix(onsets.count).enumerated() {
                    var moved = note
                    moved.start = onsets[position]
                    moved.duration = (position + 1 < onsets.count ? onsets[position + 1] : (index + 1) * bar) - moved.start
                    raw.append(moved)
                }
            }
        case .refit:
            raw = notes
        }
        let lineNotes = raw.count
        raw = raw.filter { $0.start >= 0 && $0.start < length }.map { note in
            var note = note
            note.duration = min(note.duration, length - note.start)
            return note
        }
        let fitted = refit(raw, context: context)
        let (inKey, broughtIn) = intoKey(fitted, context: context)
        let refitted = spelled(inKey, context: context)
        // An augmentation longer than the section keeps what the section holds, and says so
        // (an outside audit found "every duration doubled" of a line that kept 7 of 13 notes).
        if technique == .augment, raw.count < lineNotes {
            how = (how ?? describe(technique)) + "; the first \(raw.count) of its \(lineNotes) notes, as many as the section holds"
        }
        if [.realTranspose, .transpose].contains(technique), let said = how {
            // Said as the notes show: the refit to the chords moves notes too (a line said to
            // keep every interval "except where a note was brought into the key" had had six
            // of its notes moved onto the chords' tones as well; a diatonic transposition
            // said to keep "each interval diatonic" had kept 3 of 12).
            let changed = zip(raw, inKey).filter { $0.pitch.midi != $1.pitch.midi }.count
            let toChords = zip(raw, fitted).filter { $0.pitch.midi != $1.pitch.midi }.count
            let intoTheKey = zip(fitted, inKey).filter { $0.pitch.midi != $1.pitch.midi }.count
            let moves = [toChords > 0 ? "\(toChords) onto tones of their chords" : nil,
                         intoTheKey > 0 ? "\(intoTheKey) into the key" : nil].compactMap { $0 }
            how = said + (changed == 0 ? (technique == .transpose ? "" : ", every interval kept")
                : "; then \(changed) of its \(raw.count) notes moved: " + moves.joined(separator: ", "))
        }
        return Variation(technique: technique, raw: raw, notes: refitted,
                         contourSimilarity: contour(source: notes, variation: refitted),
                         rhythmSimilarity: rhythm(source: notes, variation: refitted), how: how, broughtIn: broughtIn)
    }

    /// Brings into the key each note that is outside it and not a tone of its chord, and
    /// that the ear hears against the chord (`Substitutions.role`: a half step over a
    /// chord tone, or the third the chord does not have): to the nearest note of the key
    /// that is no such clash, toward the next note on a tie. A chromatic note the chord
    /// takes as colour (a ♯11, a 6th) stays. A real transposition or an inversion leaves the
    /// key where the section's chords do not; the strong beats are refitted, and before
    /// 2.4 the notes between them were left as they fell (E over E♭, A over A♭).
    static func intoKey(_ notes: [Note], context: LineContext) -> ([Note], [String]) {
        let key = context.key.diatonicPitchClasses
        var said: [String] = []
        let moved = notes.enumerated().map { index, note -> Note in
            let pitchClass = note.pitch.midi % 12
            guard !key.contains(pitchClass), let chord = context.chord(at: note.start),
                  Substitutions.clashes(pitchClass, with: chord) else { return note }
            // A note held into a chord it was fitted to (an anticipation) is that chord's.
            if let into = heldInto(note, context: context), into.pitchClasses.contains(pitchClass) { return note }
            let next = index + 1 < notes.count ? notes[index + 1].pitch.midi : note.pitch.midi
            let fits = (note.pitch.midi - 2...note.pitch.midi + 2).filter { key.contains($0 % 12) && !Substitutions.clashes($0 % 12, with: chord) }
            guard let target = fits.min(by: { (abs($0 - note.pitch.midi), abs($0 - next)) < (abs($1 - note.pitch.midi), abs($1 - next)) }),
                  let pitch = try? Pitch(midi: target) else { return note }
            var moved = note
            moved.pitch = Pitch.spelled(pitch, in: context.key, under: chord)
            said.append("\(note.pitch)→\(moved.pitch)")
            return moved
        }
        return (moved, said)
    }

    /// Each note spelled under its chord and, from outside the key and chord, as it leads
    /// by step into the next (B into C in E♭, not C♭).
    static func spelled(_ notes: [Note], context: LineContext) -> [Note] {
        notes.enumerated().map { index, note in
            var note = note
            let next = index + 1 < notes.count ? notes[index + 1].pitch : nil
            let target = next.map { Pitch.spelled($0, in: context.key, under: context.chord(at: notes[index + 1].start)).name }
            note.pitch = Pitch.spelled(note.pitch, leadingInto: target, in: context.key, under: context.chord(at: note.start))
            return note
        }
    }

    /// Scale steps from C-ish zero: the number of scale notes between MIDI 0 and `midi`.
    static func degree(of midi: Int, scale: [Int]) -> Int {
        let octave = Int((Double(midi) / 12).rounded(.down))
        let pitchClass = ((midi % 12) + 12) % 12
        let below = scale.filter { $0 <= pitchClass }.count
        return octave * scale.count + below
    }

    /// The chord at the first strong beat a note is held through (after its start), if any.
    static func heldInto(_ note: Note, context: LineContext) -> Chord? {
        let beat = Harmonizer.nextStrong(after: note.start, meter: context.meter)
        return beat < note.end ? context.chord(at: beat) : nil
    }

    /// Moves each strong-beat note that is not a chord tone to the nearest one, and each
    /// note held through a strong beat to a tone of every chord it is heard over there.
    public static func refit(_ notes: [Note], context: LineContext) -> [Note] {
        notes.map { note in
            var moved = note
            func nearest(_ fits: (Int) -> Bool) -> Int? {
                (note.pitch.midi - 6...note.pitch.midi + 6).filter(fits).min { abs($0 - note.pitch.midi) < abs($1 - note.pitch.midi) }
            }
            func set(_ midi: Int) { if let pitch = try? Pitch(midi: midi) { moved.pitch = Pitch.spelled(pitch, in: context.key) } }
            // The chords the note is heard over on strong beats, so far: its own if it starts
            // on one, then each it is held into.
            var heard: [Chord] = []
            if Harmonizer.isStrong(note.start, meter: context.meter), let chord = context.chord(at: note.start) {
                if !chord.pitchClasses.contains(note.pitch.midi % 12) { set(nearest { chord.pitchClasses.contains($0 % 12) } ?? note.pitch.midi) }
                heard.append(chord)
            }
            // Held through a strong beat, a note is heard over the chord there too: a note
            // begun off the beat (displaced, anticipated) belongs to the first chord it is
            // held into, and takes its nearest tone; after that, it takes a tone every chord
            // it is heard over shares, near it, or stops at the change. (A displaced line had
            // tied an E5 through a C minor downbeat, under the reason that its strong beats
            // were chord tones; a check found it. Variation 2.8 fitted a note held through
            // two changes to the second and its start's chord, undoing the first: 2.9.)
            var beat = Harmonizer.nextStrong(after: note.start, meter: context.meter)
            while beat < moved.end {
                defer { beat = Harmonizer.nextStrong(after: beat, meter: context.meter) }
                guard let chord = context.chord(at: beat) else { continue }
                if chord.pitchClasses.contains(moved.pitch.midi % 12) { heard.append(chord); continue }
                let all = heard + [chord]
                if let midi = nearest({ midi in all.allSatisfy { $0.pitchClasses.contains(midi % 12) } }) {
                    set(midi)
                    heard = all
                } else {
                    moved.duration = beat - moved.start
                    break
                }
            }
            return moved
        }
    }

    static func contour(source: [Note], variation: [Note]) -> Double {
        let a = zip(source, source.dropFirst()).map { ($1.pitch.midi - $0.pitch.midi).signum() }
        let b = zip(variation, variation.dropFirst()).map { ($1.pitch.midi - $0.pitch.midi).signum() }
        let count = min(a.count, b.count)
        guard count > 0 else { return 1 }
        return Double((0..<count).filter { a[$0] == b[$0] }.count) / Double(max(a.count, b.count))
    }

    /// How much of the rhythm is the source's: the onsets both share, in the section, on
    /// the sixteenth-note grid, over the onsets either has. Why the grid in the section:
    /// counted in 32 slots of each line's length, an 8-bar re-rhythm that kept no bar's
    /// rhythm, and 55–58% of the source's onsets, had read "rhythm 77% like the source";
    /// counted from each line's first note, three displacements of one line by about a beat
    /// had read 97%, 100% and 28% (a producer's counts: 26–29% of onsets kept, each).
    static func rhythm(source: [Note], variation: [Note]) -> Double {
        guard !source.isEmpty, !variation.isEmpty else { return 1 }
        let sixteenth = Double(MusicalTime.ticksPerQuarter / 4)
        let a = Set(source.map { Int((Double($0.start) / sixteenth).rounded()) })
        let b = Set(variation.map { Int((Double($0.start) / sixteenth).rounded()) })
        return Double(a.intersection(b).count) / Double(max(a.union(b).count, 1))
    }
}
