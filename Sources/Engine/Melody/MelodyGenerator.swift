import Foundation
import MusicTheory
import SongModel

/// Melodies over a section's chords that sound sung and stay in the ear.
///
/// The rhythm comes first (`MelodyPlan`): bar rhythms drawn from folk songs (`FolkTables`,
/// learned by `tools/learn/learn.py`), bars and phrases that repeat in the schemes those
/// songs and song forms use, and the style's anticipations, pickups and sixteenths. Pitches
/// follow: the folk songs' intervals, weighted apart for strong and weak beats; chord tones
/// on strong beats (an anticipation takes the chord of the beat it anticipates); leaps
/// turned back by step; phrase ends on the chord, on a stable degree where the chord holds
/// one, the last on the tonic where its chord holds it (the reasons say which); an arch the
/// mood leans. A phrase that returns sings its figure again, re-fitted where its chords
/// change, often with a new close.
public enum MelodyGenerator {
    /// 3.0: rhythms, intervals and phrase schemes from the folk tables, song forms, style
    /// syncopation and density from energy (2.0: hand-made cells, no repetition of rhythm).
    /// 3.1: nearer the folk songs a classifier compares them with — bar rhythms drawn at the
    /// corpus's own frequencies, accented passing tones on strong beats, repeated notes
    /// damped, a third of returning phrases varied before their close, no anticipations in
    /// the folk style.
    /// 3.2: a one-phrase melody is labelled "one phrase", not "A phrases".
    /// 3.3: notes from outside the key spelled as the key reads them (the leading tone C♯ in D minor, not D♭).
    /// 3.4: under a chord from outside the key, no note on a strong beat or held a beat is
    /// the key's note a half step from the chord's altered tone (A♭, not A, under Fm in C);
    /// at most three of one pitch in a row, a third damped; a sequence's step between scale
    /// notes moves rather than repeats.
    /// 3.5: repeated notes damped less and leaps past a major third more, so the share of
    /// each is near the folk songs' (measured over 240 folk-style melodies: repeats 23.0%
    /// against 22.4%, leaps 10.8% against 9.8%; they were 16.8% and 13.8%).
    /// 3.6: the label gives the range as lowest–highest and then where the line starts and
    /// ends (it read "F#4 to E4, range 14 semitones", which looked like a range); notes unchanged.
    /// 3.7: in a line of eighths, the eighth before beat 1 or 3 can be the anticipation,
    /// tied over the beat (a busy rock line had no syncopated note).
    /// 3.8: a chorus's phrases return far more often (AA 90% of two-phrase choruses).
    /// 3.9: no note on a strong beat or held a beat sings the third a suspended chord leaves
    /// out (a chorus sang D on beat 3 over B♭7sus4, and G held over E♭sus4); a chord tone
    /// from outside the key spelled as the chord spells it.
    /// 3.10: words (`fit=lyrics`) in parallel lines (the same metre) are sung to one rhythm
    /// and tune, their phrases given one length; the motif is claimed only where it is sung.
    /// 3.11: notes spelled under chords whose altered roots are now spelled plainly (harmony 2.10).
    /// 3.12: the last note reached by a fifth at most.
    /// 3.13: no leap of a seventh.
    /// 3.14: the reason says whether its 4-note figures come back note for note, in words
    /// ("a few … (20%)"), not as a bare percentage; the notes are unchanged.
    /// 3.15: a passing tone on a strong beat held a beat or more is never a half step over
    /// a chord tone, nor is a note held from off the beat across a strong beat over one of
    /// the tones of the chord there.
    /// 3.16: a bar that repeats an earlier bar's rhythm, or returns in a phrase sung again
    /// over other chords, moves its figure as a whole by the nearest step that fits every
    /// note (`sequenceStep`), so its intervals return with its rhythm.
    /// 3.17: a phrase sung once in its section (a 4-bar pre-chorus, each phrase of an AB
    /// verse) repeats a bar's rhythm before its cadence, over the chords it was first sung
    /// over where a scheme allows (`MelodyPlan.loneSchemes`; not in the folk style, which
    /// keeps the folk songs' schemes): it has no return. A bar repeating an earlier bar's
    /// rhythm anticipates where that bar did; a figure moved as a sequence is sung as it
    /// was. The melodies offered have their median note in the middle third of their range
    /// (`sitsInRange`) where enough of the draws do, unless they state the section's motif.
    /// 3.18: over a chord from outside the key an eighth no longer passes through the key's
    /// note the chord alters (only a sixteenth does).
    /// 3.19: a `_` in the words fitted (`fit=lyrics`) gets a note of its own after its syllable.
    /// 3.20: a freely chosen note leans to the degrees folk songs of its mode dwell on
    /// (`homePull`), so a tune read alone is heard in its key far more often (minor 74 of 160
    /// against 42, major 62 of 80 against 42); the tables are relearned with ABC's accidentals
    /// held through the bar.
    /// 3.21: a note from outside the key is never spelled with a double flat or sharp (A
    /// under Cdim7 in F♯, not B𝄫).
    /// 3.22: words fitted in a compound meter start on its eighths, the beat divided in
    /// three (6/8's syllables had sat on dotted eighths), and breathe an eighth at a line's end.
    /// 3.23: a word's stress is fitted to the strongest place beside its even spread, not
    /// drawn by weight, and its weak syllables to the bar's weak beats where there are
    /// enough (a hymn's stresses had fallen off the beat and tied over bar lines); three
    /// syllables a beat fit a compound meter.
    /// 3.24: words fitted with the lyric reader's counts as sung: "fire", "our", "hour" one
    /// syllable each (`StressTable`).
    /// 3.25: figures said to come back "in their rhythm and intervals", not "note for note".
    /// 3.26: the edm style anticipates more strong beats than pop and takes fewer pickups.
    /// 3.27: the first bar echoing a kept opening (the motif) takes the style's pushes and
    /// sixteenths, later echoes following it (undone in 3.28); a busy phrase of a pushing
    /// style pushes once at least.
    /// 3.28: a motif's rhythm sung on other notes is said, with both lines.
    /// 3.29: a motif stated on other pitches says how far; the push a busy phrase is sure of
    /// goes, where no bar is free, into a bar others echo and into its echoes alike (the
    /// first echo of the motif no longer draws its own pushes: choruses had lost their
    /// hook's return).
    /// 3.30: the ballad leans early now and then (0.05 a strong beat, no push a busy phrase
    /// is sure of), and edm a little less (0.42): 1.5% and 19.9% of their notes held across
    /// a beat over the classifier's test's melodies, where they had been 6.4% and 24.1%.
    /// 3.31: under a borrowed chord written with naturals in a flat key (♭VII in D♭ as
    /// Bmaj7, ♭VI as A), the key's note a half step over a lowered tone is left out (C5
    /// had been sung against Bmaj7 on beats 2 and 4).
    /// 3.32: a note held from a strong beat into the next chord is never a half step over
    /// one of that chord's tones (D♭5 had been held into A°7, over its C).
    /// 3.33: an AA line's reason says what its second phrase changes, from its notes ("note
    /// for note", "with a new close" where the last bar alone differs, or "but for bars 7
    /// and 8"): "with a new close" had been said of every one.
    /// 3.34: "of notes struck on strong beats are chord tones", as it is measured (a note
    /// held into a strong beat is not counted there).
    /// 3.35: a pickup's note is not listed as a phrase's end.
    /// 3.36: the anticipations' count says how many notes are held across a beat in all.
    /// 3.37: in a bar of five beats or more, an odd number, the second group's start is a
    /// strong beat (`Harmonizer.strongPlaces`): where a chart's second chord comes in, the
    /// note struck is its tone (5/4, 7/4, 7/8 over charts of two chords a bar: 45% before,
    /// 89% now, `OddMeterMelodyTests`).
    /// 3.38: a copied bar (the motif, a contrasting phrase's opening, their echoes) keeps
    /// its anticipations as such: sung to the chord of the beat they push, and counted.
    /// 3.39: a last note over a chord without the tonic rests in that chord's triad, not
    /// on its seventh.
    /// 3.40: an anticipation takes a tone of the chord it anticipates, not a passing tone.
    public static let version = "3.40"

    public static func suggest(_ request: MelodyRequest, context: LineContext) throws(EngineError) -> [Suggestion] {
        guard !context.chords.isEmpty else { throw .noChords(context.section) }
        var generator = SeededGenerator(seed: request.seed)
        var melodies: [(notes: [Note], plan: MelodyPlan)] = []
        var offCentre: [(notes: [Note], plan: MelodyPlan)] = []   // kept in case too few sit in the range
        var attempts = 0
        while melodies.count < request.count && attempts < request.count * 6 {
            attempts += 1
            let (notes, plan) = write(request, context: context, generator: &generator)
            guard !notes.isEmpty, !melodies.contains(where: { $0.notes == notes }) else { continue }
            // (A melody stating the section's motif sits where the motif puts it.)
            if sitsInRange(notes, low: request.low, high: request.high) || statesMotif(notes, motif: context.motif) {
                melodies.append((notes, plan))
            } else if !offCentre.contains(where: { $0.notes == notes }) {
                offCentre.append((notes, plan))
            }
        }
        melodies += offCentre.prefix(request.count - melodies.count)
        let model = FolkModel(meter: context.meter, learned: request.learned)
        return melodies.enumerated().map { index, melody in
            let notes = melody.notes, plan = melody.plan
            let shape = MelodyShape(notes, context: context)
            let lowest = notes.min { $0.pitch.midi < $1.pitch.midi }, highest = notes.max { $0.pitch.midi < $1.pitch.midi }
            let low = lowest?.pitch.midi ?? 0, high = highest?.pitch.midi ?? 0
            // The range as a musician writes it (lowest–highest), then where the line starts
            // and ends: "F#4 to E4" alone read as a range it was not.
            let label = (plan.form.count == 1 ? "one phrase" : "\(plan.form) phrases") + ", \(notes.count) notes in "
                + (lowest.map { "\($0.pitch)" } ?? "") + "–" + (highest.map { "\($0.pitch)" } ?? "") + " (\(high - low) semitones)"
                + (notes.first.map { ", starts \($0.pitch)" } ?? "") + (notes.last.map { ", ends \($0.pitch)" } ?? "")
            let echoed = plan.echoes.values.reduce(0) { $0 + $1.count }
            let anticipated = plan.onsets.filter(\.anticipated).count, pickups = plan.onsets.filter(\.pickup).count
            var source = model.map { "bar rhythms and intervals from \($0.summary)" } ?? "bar rhythms by beats (\(context.meter) has no folk table)"
            if let words = request.lyrics {
                let laid = LaidLyrics.lay(words, on: notes, meter: context.meter)
                let held = laid.holds.count
                source = "the rhythm of the words: a note a syllable" + (held == 0 ? "" : " and \(held) more held over (`_`)")
                    + ", \(laid.stressedOnStrong) of \(laid.stressed) words' stresses on their strongest place"
                    + (laid.extra.isEmpty ? "" : ", \(laid.extra.count) syllables more than the bars hold")
            }
            if let learned = request.learned, model?.learned == nil {
                source += "; your style “\(learned.name)” has no melodies in \(context.meter), so the folk tables wrote it"
            }
            if echoed > 0 { source += "; \(echoed) \(echoed == 1 ? "bar repeats" : "bars repeat") an earlier bar's rhythm" }
            var leaning: [String] = []
            // With every note held across a beat counted, where the bar rhythms themselves
            // hold some (an outside audit counted 10 such notes under "6 anticipations").
            let held = Int((shape.syncopated * Double(notes.count)).rounded())
            if anticipated > 0 {
                leaning.append("\(anticipated) anticipation\(anticipated == 1 ? "" : "s") of the beat"
                               + (held > anticipated ? " (\(held) notes held across a beat in all)" : ""))
            }
            if pickups > 0 { leaning.append("\(pickups) pickup note\(pickups == 1 ? "" : "s") into phrases") }
            if !leaning.isEmpty { source += "; \(request.style) style: " + leaning.joined(separator: ", ") }
            // Said as a musician hears it (a newcomer read "0% of its 4-note figures return
            // with their rhythm" as a statistic): whether its figures come back, in their
            // rhythm and intervals, on any pitch ("note for note" had read as an exact
            // repeat to a producer, where half of them came back a step higher or lower).
            let share = Int((shape.figureRecurrence * 100).rounded())
            let recurrence = share == 0 ? "no 4-note figure comes back in its rhythm and intervals"
                : share < 30 ? "a few of its 4-note figures come back in their rhythm and intervals (\(share)%)"
                : "\(share)% of its 4-note figures come back in their rhythm and intervals, as a hook's do"
            let opening = motifOpening(notes, motif: context.motif)
            let reasons = [
                opening + formReason(plan.form, notes: notes, phraseBars: plan.phraseBars, bar: context.meter.ticksPerBar) + "; " + recurrence,
                source,
                String(format: "%.0f%% of notes struck on strong beats are chord tones; %.0f%% of moves are steps or repeats; %.1f notes a bar",
                       shape.strongBeatChordTones * 100, shape.stepsOrRepeats * 100, shape.notesPerBar),
                shape.leapsInWords + "; " + phraseEnds(notes, plan: plan, context: context),
            ]
            var parameters = ["section": context.section, "mood": request.mood?.rawValue ?? "none", "n": String(request.count),
                              "range": "\(Pitch.name(request.low, in: context.key))..\(Pitch.name(request.high, in: context.key))", "rank": String(index + 1),
                              "style": request.style.rawValue, "form": plan.form]
            parameters["density"] = String(format: "%.2f", request.density)
            parameters["model"] = model == nil ? "beats" : model?.learned.map { "your style \($0.name)" } ?? "Essen folk rhythms and intervals"
            if let learned = request.learned { parameters["learned"] = learned.name }
            if request.lyrics != nil { parameters["fit"] = "lyrics" }
            return Suggestion(label: label, reasons: reasons,
                              origin: .generator("melody", version: version, seed: request.seed, parameters: parameters),
                              content: .melody(notes))
        }
    }

    /// Where the phrases come to rest, as the notes bear it out: each phrase's last note,
    /// how many of them sit on the key's tonic, third or fifth, and what the last is. A
    /// phrase ends on a stable degree when its chord holds one, and the song's last note on
    /// the tonic when its chord does; over a chord with none (G in A minor, a close on E) it
    /// ends on a chord tone, and the reason says so rather than claiming a rest it does not
    /// make (a newcomer's check found "phrases end on stable degrees of Am, the last on the
    /// tonic" over a line that ended on G4 and D4).
    static func phraseEnds(_ notes: [Note], plan: MelodyPlan, context: LineContext) -> String {
        let key = context.key
        let ends = phraseEndNotes(notes, plan: plan)
        guard let last = ends.last else { return "no phrase end" }
        let tonic = key.tonic.pitchClass
        func degree(_ note: Note) -> Int { (note.pitch.midi - tonic + 120) % 12 }
        let third = key.isMinor ? 3 : 4
        let unstable = ends.filter { ![0, third, 7].contains(degree($0.note)) }
        let stable = ends.count - unstable.count
        let names = [0: "tonic", 1: "flat second", 2: "second", 3: key.isMinor ? "third" : "flat third", 4: key.isMinor ? "raised third" : "third",
                     5: "fourth", 6: "raised fourth", 7: "fifth", 8: key.isMinor ? "sixth" : "flat sixth", 9: key.isMinor ? "raised sixth" : "sixth",
                     10: key.isMinor ? "seventh" : "flat seventh", 11: key.isMinor ? "leading note" : "seventh"]
        let listed = ends.map { "\($0.note.pitch)" }.joined(separator: ", ")
        let others = unstable.allSatisfy { end in context.chord(at: end.harmonic)?.pitchClasses.contains(end.note.pitch.midi % 12) ?? false }
            ? "the others on their chord's tones" : "the others off them"
        let share = ends.count == 1 ? (stable == 1 ? "on" : "not on") + " a stable degree of \(key) (its tonic, third or fifth)"
            : stable == ends.count ? "each on a stable degree of \(key) (its tonic, third or fifth)"
            : "\(stable) of \(ends.count) on a stable degree of \(key) (its tonic, third or fifth), " + others
        let why = context.chord(at: last.harmonic).map {
            $0.pitchClasses.contains(tonic) ? "the tonic out of the line's reach" : "as its chord (\($0)) holds no \(key.tonic)"
        }
        let close = degree(last.note) == 0 ? "the last on the tonic"
            : "the last on the \(names[degree(last.note)] ?? "") (\(last.note.pitch))" + (why.map { ", " + $0 } ?? "")
        return (ends.count == 1 ? "the phrase ends on \(listed), " : "phrases end on \(listed): ") + share + "; " + close
    }

    /// Each phrase's last note, as the generator closes phrases (the note before the next
    /// phrase or its pickup, and the melody's last), with the beat whose chord it sounds.
    static func phraseEndNotes(_ notes: [Note], plan: MelodyPlan) -> [(note: Note, harmonic: Ticks)] {
        var ends: [(note: Note, harmonic: Ticks)] = []
        // A pickup leads into the next phrase and ends none (its last note had been listed
        // as a phrase's end: "phrases end on C5, C5, A4" of a line of two phrases).
        for (position, onset) in plan.onsets.enumerated() where plan.endsPhrase(at: position) && !onset.pickup {
            if let note = notes.last(where: { $0.start <= onset.start }), ends.last?.note != note { ends.append((note, onset.harmonic)) }
        }
        if let last = notes.last, ends.last?.note != last {
            ends.append((last, plan.onsets.last(where: { $0.start <= last.start })?.harmonic ?? last.start))
        }
        return ends
    }

    /// Whether the line opens with the motif's intervals (on any pitch).
    static func statesMotif(_ notes: [Note], motif: [Note]) -> Bool {
        guard motif.count >= 2, notes.count >= motif.count else { return false }
        return steps(Array(notes.prefix(motif.count))) == steps(motif)
    }

    /// The half steps from each note to the next.
    static func steps(_ line: [Note]) -> [Int] { zip(line, line.dropFirst()).map { $1.pitch.midi - $0.pitch.midi } }

    /// "opens with the section's motif and its rhythm; " only as far as the notes bear it
    /// out: its intervals and lengths, or its intervals alone (a rhythm for words keeps the
    /// words' lengths), each with how far from the motif's pitch it starts; its rhythm alone
    /// on other notes, with both lines; or nothing where the opening is another figure.
    static func motifOpening(_ notes: [Note], motif: [Note]) -> String {
        guard motif.count >= 2, notes.count >= motif.count else { return "" }
        let opening = Array(notes.prefix(motif.count))
        let sameRhythm = opening.map(\.duration) == motif.map(\.duration)
        guard statesMotif(notes, motif: motif) else {
            // Its rhythm sung, its notes moved: said with both lines, as a writer who typed
            // the motif hears it (a producer's E5 E5 G5 E5 D5 C5 had come back as C5 C5 D5
            // B4 A4 G4 with no word of it).
            guard sameRhythm, opening.map(\.start) == motif.map(\.start) else { return "" }
            let sung = opening.map { "\($0.pitch)" }.joined(separator: " "), written = motif.map { "\($0.pitch)" }.joined(separator: " ")
            return "opens with the section's motif's rhythm, its notes moved to the chords and the range (\(sung), the motif \(written)); "
        }
        // Stated on other pitches, how far is said, the interval named as spelled (a
        // producer's motif on E5 had been sung on A4, "opens with the section's motif" and
        // no more).
        let from = motif[0].pitch, to = opening[0].pitch, moved = to.midi - from.midi
        let (low, high) = moved > 0 ? (from, to) : (to, from)
        let name = abs(moved) < 12 ? Interval.between(low.name, high.name).map { "a " + $0.name } : nil
        let place = moved == 0 ? "" : " " + (name ?? "\(abs(moved)) half steps") + (moved > 0 ? " higher" : " lower")
        return sameRhythm ? "opens with the section's motif\(place) and its rhythm; " : "opens with the section's motif\(place) in a rhythm of its own; "
    }

    /// What a phrase form means, in a musician's words; for AA, what the second phrase
    /// changes, read from the notes (`phraseBars` a phrase, `bar` ticks a bar). Why: "with a
    /// new close" had been said of every AA line, and a newcomer found the close of two such
    /// lines sung note for note (the chart's last chord holds no tonic, so both phrases
    /// close on its tone).
    static func formReason(_ form: String, notes: [Note] = [], phraseBars: Int = 4, bar: Ticks = 3840) -> String {
        switch form {
        case "A": "one phrase"
        case "AA":
            "AA: the second phrase sings the first again" + changed(from: notes, phraseBars: phraseBars, bar: bar)
        case "AB": "AB: a second phrase in contrast, opening with the first one's rhythm"
        case "AABA": "AABA: the first phrase returns twice around a contrasting third"
        default: "\(form): each returning phrase sings its figure again, each new one opens with the first one's rhythm"
        }
    }

    /// How an AA line's second phrase differs from its first, bar by bar: ", note for note",
    /// ", with a new close", or ", but for bars 6 and 8".
    static func changed(from notes: [Note], phraseBars: Int, bar: Ticks) -> String {
        let span = phraseBars * bar
        func bars(of phrase: Int) -> [[String]] {
            (0..<phraseBars).map { index in
                let start = phrase * span + index * bar
                return notes.filter { $0.start >= start && $0.start < start + bar }.map { "\($0.start - start)/\($0.duration)/\($0.pitch.midi)" }
            }
        }
        let first = bars(of: 0), second = bars(of: 1)
        let differ = (0..<phraseBars).filter { first[$0] != second[$0] }
        if differ.isEmpty { return ", note for note" }
        if differ == [phraseBars - 1] { return ", with a new close" }
        let numbers = differ.map { String(phraseBars + $0 + 1) }
        return ", but for bar" + (numbers.count == 1 ? " " + numbers[0] : "s " + numbers.dropLast().joined(separator: ", ") + " and " + numbers.last!)
    }

    static func write(_ request: MelodyRequest, context: LineContext, generator: inout SeededGenerator) -> ([Note], MelodyPlan) {
        let meter = context.meter
        let lyrical = request.lyrics.flatMap { MelodyPlan.lyrical(LyricsReader.tokens($0), bars: context.bars, meter: meter) }
        let plan = lyrical ?? MelodyPlan.make(bars: context.bars, meter: meter, style: request.style, density: request.density, learned: request.learned,
                                              motif: context.motif, chorus: SectionRole(name: context.section) == .chorus,
                                              barChords: context.strongBeatChords, generator: &generator)
        let scale = context.key.scale.pitchClasses
        let mood = MoodProfile.of(request.mood)
        let low = request.low, high = request.high
        let candidates = (low...high).filter { scale.contains($0 % 12) }
        guard !candidates.isEmpty else { return ([], plan) }
        let intervals = FolkModel(meter: meter, learned: request.learned)?.intervals ?? FolkTables.meters["4/4"]
        let tilt = (mood.majorChords - mood.minorChords) * 2.0
        let middle = Double(low + high) / 2
        let tonic = context.key.tonic.pitchClass
        let pull = homePull(context.key, learned: request.learned != nil)
        let phraseTicks = plan.phraseBars * meter.ticksPerBar
        var pitches: [Int] = []
        var firstPitches: [Character: [String: Int]] = [:]   // a phrase's pitches by "bar.index", to sing again
        var shifts: [String: Int] = [:]                          // a returning bar's sequence step, by "phrase.bar"
        var sequenceSteps: [String: Int] = [:]                   // an echoing bar's real sequence step, by "phrase.bar"
        var previous = candidates.min { abs(Double($0) - middle) < abs(Double($1) - middle) } ?? candidates[0]
        var lastInterval = 0
        let motifSteps = zip(context.motif, context.motif.dropFirst()).map { $1.pitch.midi - $0.pitch.midi }
        // A third of the returning phrases sing the bar before their close afresh (A′): a
        // return, not a copy.
        let varied = Set((0..<plan.form.count).filter { _ in generator.unit() < 0.35 })
        // Each phrase's letter, and where each letter is first sung.
        let letters = Array(plan.form)
        var firstPhrase: [Character: Int] = [:]
        for (index, letter) in letters.enumerated() where firstPhrase[letter] == nil { firstPhrase[letter] = index }
        for (position, onset) in plan.onsets.enumerated() {
            let letter = letters[onset.phrase]
            let first = firstPhrase[letter] ?? onset.phrase
            let chord = context.chord(at: onset.harmonic)
            let strong = Harmonizer.isStrong(onset.harmonic, meter: meter)
            let phrasePosition = Double(onset.start % phraseTicks) / Double(phraseTicks)
            let target = middle + sin(phrasePosition * .pi) * Double(high - low) * 0.22 + tilt * (phrasePosition - 0.5) * 2
            let endsPhrase = plan.endsPhrase(at: position)
            let isFinal = position + 1 == plan.onsets.count
            let key = "\(onset.bar).\(onset.index)"
            let isCadenceBar = onset.bar == plan.phraseBars - 1 || onset.pickup
            // The pitch this place asks for, if any: the phrase's first singing, or a bar it echoes.
            var wanted: Int?
            var returning = false
            let fresh = varied.contains(onset.phrase) && onset.bar == plan.phraseBars - 2
            if !isCadenceBar && !fresh && onset.phrase != first, let sung = firstPitches[letter]?[key] {
                // Where the chords under the returning bar differ, the bar's figure moves as a
                // sequence: shifted so its first note lands on the nearest tone of the new chord.
                let barKey = "\(onset.phrase).\(onset.bar)"
                if shifts[barKey] == nil {
                    let then = context.chord(at: first * phraseTicks + onset.bar * meter.ticksPerBar)
                    let now = context.chord(at: onset.phrase * phraseTicks + onset.bar * meter.ticksPerBar)
                    var shift = 0
                    if let now, then != now, let opening = firstPitches[letter]?["\(onset.bar).0"] {
                        // The whole bar moved by one step where one fits every note (a real
                        // sequence, `sequenceStep`); else its first note to the new chord's nearest tone.
                        let figure = (0..<plan.onsets.count).map { firstPitches[letter]?["\(onset.bar).\($0)"] }.prefix { $0 != nil }.compactMap { $0 }
                        let bar = plan.onsets[position...].prefix { $0.phrase == onset.phrase && $0.bar == onset.bar }
                        if onset.index == 0, let step = MelodyGenerator.sequenceStep(of: bar, from: figure, after: previous, range: low...high,
                                                                                      context: context, scale: scale, meter: meter) {
                            shift = step
                        } else {
                            let tones = (opening - 6...opening + 6).filter { now.pitchClasses.contains(($0 % 12 + 12) % 12) }
                            shift = (tones.min { abs($0 - opening) < abs($1 - opening) } ?? opening) - opening
                        }
                    }
                    shifts[barKey] = shift
                }
                wanted = sung + (shifts[barKey] ?? 0)
                returning = true
            } else if onset.phrase == 0, onset.bar == 0, onset.index > 0, onset.index - 1 < motifSteps.count {
                wanted = previous + motifSteps[onset.index - 1]
            } else if let earlier = plan.echoes[letter]?[onset.bar] {
                // A bar that repeats an earlier bar's rhythm sings its figure again, moved as a
                // whole to the nearest step at which every note lands where the line allows it
                // (a real sequence: the figure's intervals and rhythm both return); where no
                // step fits, each note follows the earlier bar's interval from the note before.
                let barKey = "\(onset.phrase).\(onset.bar)"
                if onset.index == 0 {
                    sequenceSteps[barKey] = MelodyGenerator.sequenceStep(
                        of: plan.onsets[position...].prefix { $0.phrase == onset.phrase && $0.bar == onset.bar },
                        from: (0..<plan.onsets.count).compactMap { firstPitches[letter]?["\(earlier).\($0)"] },
                        after: previous, range: low...high, context: context, scale: scale, meter: meter)
                }
                if let step = sequenceSteps[barKey], let sung = firstPitches[letter]?["\(earlier).\(onset.index)"] {
                    // Sung as the figure was, as a returning phrase is (the rule against a
                    // fourth note on one pitch had bent C5 C5 E5 D5 into C5 B4 E5 D5).
                    wanted = sung + step
                    returning = true
                } else if onset.index > 0, let a = firstPitches[letter]?["\(earlier).\(onset.index - 1)"],
                          let b = firstPitches[letter]?["\(earlier).\(onset.index)"] {
                    wanted = previous + (b - a)   // the earlier bar's intervals from here
                }
            }
            // Never a leap past an octave, nor a seventh (the pool below); a returning figure keeps its pitches where the chord
            // allows, whatever led into it (no turn-back after a leap forced on it). Under a
            // chord from outside the key, a note of an eighth or more never rubs a half step
            // against its own chord: the key's note that a chord tone alters is left out (no A
            // held against Fm's A♭ in C, no C against A7's C♯, no G eighth after G♯ over E7 in
            // A minor) and the altered tone is sung where chord tones are (strong beats,
            // phrase ends). A sixteenth off the beat may still pass through the key's note,
            // as a quick chromatic passing tone does. (Eighths had passed through it too: a
            // jazz ballad's chorus sang E4 E4 G♯4 G4 over E7.)
            let local = chord.map { MelodyGenerator.scale(context.key, under: $0) } ?? scale
            let passingThrough = !strong && !endsPhrase && MelodyGenerator.passes(onset.length, meter: meter)
            var allowed = strong || endsPhrase ? local : passingThrough ? scale : local.intersection(scale)
            // Nor does a note on a strong beat or held a beat sing the third a suspended chord
            // leaves out (no D held over B♭7sus4's E♭): only a quick note passes through it.
            if !passingThrough, let chord { allowed.subtract(MelodyGenerator.leftOut(by: chord)) }
            // Never a seventh (10 or 11 semitones): the hardest leap to sing in tune, and one
            // folk songs hardly take (a sad chorus had dropped C5 to D♭4 on an eighth at 62 bpm).
            var pool = (low...high).filter { allowed.contains($0 % 12) && (abs($0 - previous) <= 9 || abs($0 - previous) == 12) }
            // Chord tones on strong beats — except that a strong beat may take a passing tone
            // a step from the note before (an accented passing tone or appoggiatura, more
            // often on the bar's second strong beat than on its first), as sung lines do;
            // phrase ends always sound the chord.
            let midBar = onset.harmonic % meter.ticksPerBar != 0
            var passing: Set<Int> = []
            if strong || endsPhrase, let chord {
                let tones = pool.filter { chord.pitchClasses.contains($0 % 12) }
                // An anticipation sings a tone of the chord it anticipates, never a passing
                // tone: pushed across beat 3, a funk line's D5 had sounded over F there.
                if !endsPhrase && !onset.anticipated {
                    // Held a beat or more, it is never a half step over a chord tone (a ♭9 over
                    // the root, a fourth over a major third): unresolved, that grinds rather than
                    // leans (a tense bridge held B4 a beat and a half over A♯m, twice).
                    let held = onset.length >= meter.ticksPerBeat
                    passing = Set(pool.filter { pitch in
                        !chord.pitchClasses.contains(pitch % 12) && abs(pitch - previous) <= 2 && pitch != previous
                            && !(held && MelodyGenerator.grinds(pitch, against: chord))
                    })
                    // A figure sung again keeps its passing tone; a sequence or motif does not add one.
                    if let wanted { passing = returning && passing.contains(wanted) ? [wanted] : [] }
                }
                if !tones.isEmpty { pool = tones + passing.sorted() }
            }
            if endsPhrase {
                let stable = isFinal ? Set([tonic]) : Set([0, 4, 7, 3].map { (tonic + $0) % 12 })
                var resting = pool.filter { stable.contains($0 % 12) }
                // A last chord without the tonic (an open close on V7) is rested on in its
                // triad, not on its seventh: a D minor verse had ended on G4 over A7 with A4
                // to hand.
                if resting.isEmpty, isFinal, let chord {
                    let triad = TonalFrame.triad(chord).pitchClasses
                    resting = pool.filter { triad.contains($0 % 12) }
                }
                if !resting.isEmpty { pool = resting }
                // The last note is reached by a fifth at most: nothing follows a leap into it to
                // turn back, and a tonic lies within a tritone of any note (11 of 400 melodies
                // had leapt a sixth to an octave into their close).
                let near = pool.filter { abs($0 - previous) <= 7 }
                if isFinal && !near.isEmpty { pool = near }
            }
            if abs(lastInterval) > 7 && !returning {
                let back = pool.filter { ($0 - previous).signum() == -lastInterval.signum() && abs($0 - previous) <= 4 }
                if !back.isEmpty { pool = back }
            }
            // At most three of one pitch in a row: a fourth is a drone, not a line (a returning
            // figure is still sung as it was, wherever the phrase before it ended).
            if !returning, pitches.count >= 3, pitches.suffix(3).allSatisfy({ $0 == previous }), pool.contains(where: { $0 != previous }) {
                pool.removeAll { $0 == previous }
            }
            // A note held across a strong beat sounds on that beat, against its chord: never a
            // half step over one of its tones there (D5 held from the "and" of 2 over A's C♯ on
            // 3; and from a strong beat into the next chord: a tense bridge held D♭5 from beat
            // 1 of a D♭ bar into its A°7 on beat 3, over its C, and went on up to E♭5).
            if let later = MelodyGenerator.chordCrossed(by: onset, context: context, meter: meter) {
                let clear = pool.filter { !MelodyGenerator.grinds($0, against: later) }
                if !clear.isEmpty { pool = clear }
            }
            if pool.isEmpty { pool = [previous] }
            let chosen: Int
            if let wanted, !endsPhrase {
                // Between two notes as near the figure, the one that moves (a sequence's step
                // that falls between scale notes is not sung as a repeat).
                chosen = pool.min { (abs($0 - wanted), $0 == previous ? 1 : 0, abs($0 - previous))
                    < (abs($1 - wanted), $1 == previous ? 1 : 0, abs($1 - previous)) } ?? previous
            } else {
                let noteStrong = Harmonizer.isStrong(onset.start, meter: meter)
                let weights = pool.map { pitch -> Double in
                    let share = (intervals?.share(of: pitch - previous, strong: noteStrong) ?? 0.1) + 0.003
                    // Strong beats keep mostly chord tones, which strips steps more than repeats
                    // and adds leaps; repeats are damped and leaps past a major third damped
                    // more, so the line keeps the folk songs' share of each; a third in a row
                    // is damped further.
                    let thrice = pitches.count >= 2 && pitches.suffix(2).allSatisfy { $0 == previous }
                    let damp = pitch == previous ? (thrice ? 0.08 : 0.6) : 1.0
                    let accent = passing.contains(pitch) ? (midBar ? 0.2 : 0.06) : 1.0
                    // A borrowed chord's own altered tone is sung, but less than its tones the
                    // key shares, so the line keeps saying where home is.
                    let degree = pull[(pitch - tonic + 120) % 12]
                    let home = scale.contains(pitch % 12) ? (strong ? degree : degree.squareRoot()) : 0.1
                    // A leap toward the phrase's arch is not damped, so a chorus still climbs.
                    let leap = abs(pitch - previous) > 4 && abs(Double(pitch) - target) > abs(Double(previous) - target) ? 0.5 : 1.0
                    return share * damp * accent * home * leap * (0.6 + exp(-abs(Double(pitch) - target) / 4))
                }
                chosen = pool[generator.pick(weights: weights)]
            }
            if onset.phrase == first { firstPitches[letter, default: [:]][key] = chosen }
            lastInterval = chosen - previous
            previous = chosen
            pitches.append(chosen)
        }
        var notes: [Note] = []
        for (onset, number) in zip(plan.onsets, pitches) {
            guard let pitch = try? Pitch(midi: number) else { continue }
            let accent = (Harmonizer.isStrong(onset.start, meter: meter) ? 8 : 0) + (onset.anticipated ? 6 : 0)
            notes.append(Note(start: onset.start, duration: onset.length, pitch: Pitch.spelled(pitch, in: context.key, under: context.chord(at: onset.harmonic)),
                              velocity: min(127, mood.velocity + accent)))
        }
        return (notes, plan)
    }
}

extension MelodyGenerator {
    /// How strongly each degree of the key draws a freely chosen note, semitones above the
    /// tonic: the folk songs' own time on each degree of their mode (`FolkTables.degrees`),
    /// against an even spread over the seven, to the power `homeStrength`; a note on a strong
    /// beat takes it whole, a note between them its square root (a weak-beat note is mostly
    /// a step, and a full pull there turned steps into skips and repeats a classifier told
    /// from the folk songs). Intervals alone had chosen every degree alike, so a minor tune
    /// read by itself was heard in its relative major or its subdominant three times in four
    /// (its tonic and third too rare, its seventh too common); the folk songs' minor tunes
    /// dwell on the tonic and third. A style learned from the writer's own songs keeps its
    /// own leanings, and a modal key its own (all 1).
    static func homePull(_ key: Key, learned: Bool) -> [Double] {
        // Learned from major and minor songs, it holds for those keys alone: in D dorian its
        // table would weigh the mode's own B under a note from outside the key.
        guard !learned, key.mode == .major || key.mode == .naturalMinor,
              let shares = FolkTables.degrees[key.isMinor ? "minor" : "major"] else { return Array(repeating: 1, count: 12) }
        return shares.map { pow(max($0, 0.005) * 7, homeStrength) }
    }

    /// The power the degrees' pull is taken to: 0 is no pull, 1 the folk songs' own shares.
    static let homeStrength = 1.0

    /// Whether a note this long off the beat may pass through the key's note a chord from
    /// outside the key alters, as a quick chromatic passing tone does: a sixteenth, not an
    /// eighth (melody 3.18).
    static func passes(_ length: Ticks, meter: Meter) -> Bool { length < meter.ticksPerBeat / 2 }

    /// The chord at the strong beat a note held past its own sounds across (nil when it
    /// crosses none, or is an anticipation, which takes that chord as its own).
    static func chordCrossed(by onset: Onset, context: LineContext, meter: Meter) -> Chord? {
        let crossed = Harmonizer.nextStrong(after: onset.start, meter: meter)
        guard !onset.anticipated, crossed < onset.start + onset.length else { return nil }
        return context.chord(at: crossed)
    }

    /// Whether a melody sits in its range: its middle note (the median) in the range's
    /// middle third. Why: the range is where the voice is asked to sing (a chorus's is
    /// pitched over its verse), and a line that huddles at one end of it leaves that
    /// unsung: a chorus asked in G4–B♭5 over a verse around C5 came out G4–C5.
    static func sitsInRange(_ notes: [Note], low: Int, high: Int) -> Bool {
        let pitches = notes.map(\.pitch.midi).sorted()
        guard !pitches.isEmpty else { return false }
        let third = (high - low) / 3, middle = pitches[pitches.count / 2]
        return middle >= low + third && middle <= high - third
    }

    /// The step (semitones, −7…7) that moves an earlier bar's figure `sung` (its pitches in
    /// order) onto the bar `onsets`, so that every note lands where the line allows it: a
    /// tone of its chord on a strong beat, a note of the key (or of the chord's own scale)
    /// between, none a seventh or more from the note before, within `range`; the step
    /// nearest the note before, or nil when none fits every note (or the bar closes a
    /// phrase, or holds more notes than the figure).
    ///
    /// Why: a bar that repeats an earlier bar's rhythm had taken the earlier bar's
    /// intervals note by note, each then pulled to the nearest tone its chord allowed, so
    /// the figure came back with its rhythm but other intervals (a triumphant verse sang
    /// C5 C5 D5 D5 C5 B4 and then A4 A4 C5 C5 B4 A4): an outside check counted 4-note
    /// figures recurring, intervals and rhythm together, in 23% of a triumphant section's
    /// windows, 27% of a sad one's, against 30% in every mood asked.
    static func sequenceStep(of onsets: ArraySlice<Onset>, from sung: [Int], after previous: Int, range: ClosedRange<Int>,
                             context: LineContext, scale: Set<Int>, meter: Meter) -> Int? {
        guard !onsets.isEmpty, onsets.count <= sung.count, !onsets.contains(where: { $0.pickup }) else { return nil }
        func fits(_ step: Int) -> Bool {
            var before = previous
            for (onset, figure) in zip(onsets, sung) {
                let pitch = figure + step, pitchClass = (pitch % 12 + 12) % 12
                guard range.contains(pitch), abs(pitch - before) <= 9 || abs(pitch - before) == 12 else { return false }
                let chord = context.chord(at: onset.harmonic)
                if Harmonizer.isStrong(onset.harmonic, meter: meter) {
                    if let chord, !chord.pitchClasses.contains(pitchClass) { return false }
                } else {
                    let local = chord.map { MelodyGenerator.scale(context.key, under: $0) } ?? scale
                    let passing = passes(onset.length, meter: meter)
                    guard (passing ? scale : local.intersection(scale)).contains(pitchClass) else { return false }
                    if !passing, let chord, leftOut(by: chord).contains(pitchClass) { return false }
                    // As the line is sung: a note held from off the beat across a strong beat
                    // never grinds against the chord there (a weak beat's own held fourth over
                    // a major third, which the line itself sings, had ruled a step out).
                    if let later = chordCrossed(by: onset, context: context, meter: meter), grinds(pitch, against: later) { return false }
                }
                before = pitch
            }
            return true
        }
        return (-7...7).filter(fits).min { (abs($0), abs(sung[0] + $0 - previous)) < (abs($1), abs(sung[0] + $1 - previous)) }
    }

    /// Whether `pitch` is no tone of `chord` and a half step over one (a ♭9 over the root, a
    /// fourth over a major third): held, it grinds rather than leans.
    static func grinds(_ pitch: Int, against chord: Chord) -> Bool {
        let pitchClass = (pitch % 12 + 12) % 12
        return !chord.pitchClasses.contains(pitchClass) && chord.pitchClasses.contains((pitchClass + 11) % 12)
    }

    /// The thirds a suspended chord leaves out, which rub against the tone that replaces
    /// them: both thirds under a sus4 (the major third a half step under the fourth), the
    /// minor third under a sus2 (a half step over the second; the major third over a sus2
    /// is the add9 sound). None for a chord with a third.
    static func leftOut(by chord: Chord) -> Set<Int> {
        let classes = chord.pitchClasses, root = chord.root.pitchClass
        let has = { (interval: Int) in classes.contains((root + interval) % 12) }
        guard !has(3), !has(4) else { return [] }
        if has(5) { return [(root + 3) % 12, (root + 4) % 12] }
        if has(2) { return [(root + 3) % 12] }
        return []
    }

    /// The key's scale under a chord: each chord tone from outside the key takes the place
    /// of the scale note with its letter (the note it alters), unless that note is itself a
    /// tone of the chord; and a tone from outside the key that is not sharpened (a lowered
    /// degree: A♭ in C, and a natural in a flat key) leaves out the key's note a half step
    /// over it, which would rub there. Why: the harmony writes ♭VII in D♭ major as Bmaj7
    /// (B D♯ F♯ A♯) and ♭VI as A, not C♭ or B𝄫; by letters alone, B took the place of
    /// the key's B♭, which is the chord's own A♯, the scale kept C, a half step over the
    /// root, and a triumphant chorus sang C5 against Bmaj7 on beats 2 and 4 (and under A,
    /// B♭ and F stayed, over its root and its fifth). A sharpened tone alters the note
    /// under it, as its letter says (G♯ under E7 in A minor leaves out G, and A, a half step
    /// over it, is still sung there).
    static func scale(_ key: Key, under chord: Chord) -> Set<Int> {
        var notes = key.scale.notes
        let tones = chord.pitchClasses
        var rubbing: Set<Int> = []
        for tone in chord.tones where !notes.contains(where: { $0.pitchClass == tone.pitchClass }) {
            if let index = notes.firstIndex(where: { $0.letter == tone.letter && !tones.contains($0.pitchClass) }) {
                notes[index] = tone
            } else {
                notes.append(tone)
            }
            if tone.accidental.semitones <= 0 { rubbing.insert((tone.pitchClass + 1) % 12) }
        }
        return Set(notes.map(\.pitchClass)).subtracting(rubbing.subtracting(tones))
    }
}

extension Pitch {
    /// "C#4" for a MIDI number, for a range's bounds: a note of the key as the key spells
    /// it, any other with the key signature's accidental (sharps in G and D, flats in F and
    /// B♭), as a compass is read, not by its function (E♭5 in G had read as the borrowed
    /// ♭6; an outside check found "Db4" and "Eb5" as a range in G); a white key outside the
    /// key is natural (F5 in D, not E♯5, as a new songwriter read it).
    static func name(_ midi: Int, in key: Key) -> String {
        guard let pitch = try? Pitch(midi: midi) else { return String(midi) }
        let pitchClass = midi % 12
        let signature = key.scale.notes.map(\.accidental.rawValue)
        let direction: Accidental? = signature.contains { $0 > 0 } ? .sharp : signature.contains { $0 < 0 } ? .flat : nil
        let spellings = Letter.allCases.compactMap { NoteName.spelling($0, as: pitchClass) }
        if !key.scale.notes.contains(where: { $0.pitchClass == pitchClass }), let direction,
           let name = spellings.first(where: { $0.accidental == .natural }) ?? spellings.first(where: { $0.accidental == direction }) {
            return Pitch.spelled(pitch, as: name).description
        }
        return Pitch.spelled(pitch, in: key).description
    }
}
