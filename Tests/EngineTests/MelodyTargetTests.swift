import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

/// The melody targets, measured over many seeds on the generator's own output: syncopation by
/// style, figures that return with their rhythm, notes per bar by energy, chord tones on
/// strong beats, and intervals close to the folk songs the tables were learned from.
@Suite("Melody targets over many seeds")
struct MelodyTargetTests {
    /// Eight-bar sections in four keys over common progressions, and the example songs' sections.
    func contexts() throws -> [LineContext] {
        let charts = [("C", "C G Am F"), ("G", "G Em C D"), ("A minor", "Am F C G"), ("Eb", "Eb Cm Ab Bb")]
        var contexts = try charts.map { key, chords -> LineContext in
            let key = try Key(parsing: key)
            let symbols = try chords.split(separator: " ").map { try Chord(parsing: String($0)) }
            let bar = Meter.fourFour.ticksPerBar
            let changes = (0..<8).map { ChordChange(start: $0 * bar, chord: symbols[$0 % 4]) }
            return LineContext(section: "verse", key: key, meter: .fourFour, bars: 8, chords: changes)
        }
        for name in ["rain-on-glass", "night-drive"] {
            let song = try exampleSong(name)
            contexts += song.sections.filter { $0.chords != nil && song.meter(of: $0) == .fourFour }.map { LineContext(song: song, section: $0) }
        }
        return contexts
    }

    func melodies(styles: [MelodyStyle], energies: [Double], seeds: ClosedRange<UInt64>) throws -> [(notes: [Note], context: LineContext)] {
        let contexts = try contexts()
        var out: [([Note], LineContext)] = []
        for seed in seeds {
            let context = contexts[Int(seed) % contexts.count]
            let style = styles[Int(seed) % styles.count], energy = energies[Int(seed / 3) % energies.count]
            let request = MelodyRequest(mood: [.hopeful, .energetic, .sad, .calm][Int(seed) % 4], low: 60, high: 79,
                                        density: RequestDefaults.melodyDensity(energy: energy), style: style, count: 1, seed: seed)
            for suggestion in try MelodyGenerator.suggest(request, context: context) {
                if let notes = suggestion.notes { out.append((notes, context)) }
            }
        }
        return out
    }

    /// A dance topline is not pop's with another label: of one seed and section, the two
    /// styles write other notes in two seeds of three or more (they had been the same notes
    /// in 6 seeds of 6), edm's pushing more of its strong beats.
    @Test func edmAndPopWriteOtherMelodies() throws {
        let context = try contexts()[0]
        var differ = 0, pushed = (pop: 0.0, edm: 0.0)
        for seed in UInt64(1)...24 {
            func line(_ style: MelodyStyle) throws -> [Note] {
                let request = MelodyRequest(mood: .hopeful, low: 60, high: 79, density: RequestDefaults.melodyDensity(energy: 0.5), style: style, count: 1, seed: seed)
                return try #require(try MelodyGenerator.suggest(request, context: context).first?.notes)
            }
            let pop = try line(.pop), edm = try line(.edm)
            if pop != edm { differ += 1 }
            pushed.pop += MelodyShape(pop, context: context).syncopated
            pushed.edm += MelodyShape(edm, context: context).syncopated
        }
        print("edm against pop: \(differ) of 24 seeds differ; syncopated share summed \(pushed)")
        #expect(differ >= 16, "\(differ) of 24 seeds differ")
        #expect(pushed.edm > pushed.pop, "\(pushed)")
    }

    @Test func popularStylesSyncopateFiveToTwentyPercentOfNotes() throws {
        for style in [MelodyStyle.pop, .soul, .funk, .edm] {
            let all = try melodies(styles: [style], energies: [0.3, 0.6, 0.9], seeds: 1...60)
            let notes = all.reduce(0) { $0 + $1.notes.count }
            let syncopated = all.reduce(0.0) { $0 + MelodyShape($1.notes, context: $1.context).syncopated * Double($1.notes.count) }
            let share = syncopated / Double(notes)
            print(String(format: "melody %@: %.1f%% of %d notes syncopated", style.rawValue, share * 100, notes))
            #expect((0.05...0.20).contains(share), "\(style): \(share)")
        }
        // Folk songs, and ballads (calm songs have "little syncopation", MUSIC.md), stay on
        // the beat, the ballad leaning early now and then (melody 3.29's ballads: 8.2%; 3.30's 2.3%).
        for style in [MelodyStyle.folk, .ballad] {
            let all = try melodies(styles: [style], energies: [0.3, 0.6, 0.9], seeds: 1...60)
            let share = all.reduce(0.0) { $0 + MelodyShape($1.notes, context: $1.context).syncopated * Double($1.notes.count) }
                / Double(all.reduce(0) { $0 + $1.notes.count })
            print(String(format: "melody %@: %.1f%% of notes syncopated", style.rawValue, share * 100))
            #expect(share < 0.05, "\(style) melodies stay mostly on the beat: \(share)")
        }
    }

    /// No note held a beat or more on a strong beat sits a half step over a tone of the chord
    /// under it (a ♭9 over the root, a fourth over a major third), where it grinds: melody
    /// 3.14 held B4 a beat and a half over A♯m in a tense bridge. Anticipations take the
    /// chord of the beat they anticipate.
    @Test func noHeldStrongBeatNoteGrindsAHalfStepOverTheChord() throws {
        let all = try melodies(styles: MelodyStyle.allCases, energies: [0.2, 0.5, 0.8], seeds: 1...400)
        var grinding: [String] = [], counted = 0
        for (notes, context) in all {
            for note in notes where note.duration >= context.meter.ticksPerBeat {
                // The beat the note belongs to: itself, or the strong beat an anticipation leans into.
                let beat = [note.start, (note.start / 1920 + 1) * 1920].first { Harmonizer.isStrong($0, meter: context.meter) && $0 < note.end }
                guard let beat, let chord = context.chord(at: beat) else { continue }
                counted += 1
                let pitchClass = note.pitch.midi % 12
                if !chord.pitchClasses.contains(pitchClass) && chord.pitchClasses.contains((pitchClass + 11) % 12) {
                    grinding.append("\(note.pitch) over \(chord) at \(note.start)")
                }
            }
        }
        #expect(counted > 2000)
        #expect(grinding.isEmpty, "\(grinding.count) of \(counted): \(grinding.prefix(8))")
    }

    /// The anticipations a reason counts, and every note held across a beat where the bar
    /// rhythms hold more (an outside audit counted 10 such notes under "6 anticipations").
    @Test func theAnticipationsSaidAreTheNotesHeldAcrossABeat() throws {
        let contexts = try contexts()
        var said = 0, checked = 0
        for seed in UInt64(1)...120 {
            let context = contexts[Int(seed) % contexts.count]
            let request = MelodyRequest(mood: .playful, low: 60, high: 79, density: RequestDefaults.melodyDensity(energy: [0.3, 0.6, 0.9][Int(seed) % 3]),
                                        style: [.pop, .soul, .funk, .edm][Int(seed) % 4], count: 1, seed: seed)
            guard let suggestion = try MelodyGenerator.suggest(request, context: context).first, let notes = suggestion.notes else { continue }
            let beat = context.meter.ticksPerBeat
            let held = notes.filter { $0.start % beat != 0 && $0.end > ($0.start / beat + 1) * beat }.count
            let reason = suggestion.reasons.joined(separator: " / ")
            guard let range = reason.range(of: #"\d+ anticipations? of the beat"#, options: .regularExpression) else { continue }
            let anticipations = Int(reason[range].split(separator: " ")[0])!
            checked += 1
            #expect(anticipations <= held, "\(reason)")
            if held > anticipations {
                #expect(reason.contains("(\(held) notes held across a beat in all)"), "\(reason)")
                said += 1
            } else {
                #expect(!reason.contains("held across a beat in all"), "\(reason)")
            }
        }
        // Since melody 3.38 every push is counted as an anticipation (copies of a pushed
        // bar had not been), so the clause is rarer: these seeds give none, and each count
        // was checked against the notes.
        print("anticipations: \(checked) counts checked, \(said) with more notes held across a beat")
        #expect(checked > 50)
    }

    /// A note held from one chord into the next never grinds against the new one (a half
    /// step over one of its tones): melody 3.31 held D♭5 from beat 1 of a D♭ bar into its
    /// A°7 on beat 3, a half step over its C, in a tense bridge (over these charts, 9 of
    /// 32 notes held into the next chord had ground against it, C5 from F into G six times).
    @Test func noNoteHeldIntoTheNextChordGrindsAgainstIt() throws {
        // Two chords a bar, as a bridge's may be.
        let charts = [("C", "C Am F G"), ("Db", "Db Adim7 Bbm7 Gbmaj7"), ("A minor", "Am E7 F Dm"), ("G", "G D Em Bm"), ("Eb", "Eb Cm7 Ab Bb7")]
        var all: [([Note], LineContext)] = []
        for (name, symbols) in charts {
            let chords = try symbols.split(separator: " ").map { try Chord(parsing: String($0)) }
            let context = LineContext(section: "bridge", key: try Key(parsing: name), meter: .fourFour, bars: 8,
                                      chords: (0..<16).map { ChordChange(start: $0 * 1920, chord: chords[$0 % 4]) })
            for seed in UInt64(1)...60 {
                let request = MelodyRequest(mood: .tense, low: 60, high: 79, density: RequestDefaults.melodyDensity(energy: [0.2, 0.5, 0.8][Int(seed) % 3]),
                                            style: MelodyStyle.allCases[Int(seed) % MelodyStyle.allCases.count], count: 1, seed: seed)
                if let notes = try MelodyGenerator.suggest(request, context: context).first?.notes { all.append((notes, context)) }
            }
        }
        var counted = 0, grinding: [String] = []
        for (notes, context) in all {
            for note in notes where note.start % 960 == 0 {
                let crossed = Harmonizer.nextStrong(after: note.start, meter: context.meter)
                guard crossed < note.end, let before = context.chord(at: note.start), let after = context.chord(at: crossed),
                      before != after else { continue }
                counted += 1
                if MelodyGenerator.grinds(note.pitch.midi, against: after) { grinding.append("\(note.pitch) from \(before) into \(after)") }
            }
        }
        #expect(counted > 20)
        #expect(grinding.isEmpty, "\(grinding.count) of \(counted): \(grinding.prefix(6))")
    }

    /// Under a chord from outside the key written with a natural where the key has a flat
    /// (the harmony writes ♭VII in D♭ as Bmaj7 and ♭VI as A, not C♭ and B𝄫), no note of
    /// an eighth or more sits a half step over a lowered tone of the chord: melody 3.30 sang
    /// C5 against Bmaj7 on beats 2 and 4 of a triumphant chorus in D♭ (B alters C), and
    /// B♭ and F could sound over A (over its root and fifth).
    @Test func noNoteRubsAHalfStepOverABorrowedChordsLoweredTone() throws {
        let charts = [("Db", "Db Gb A Bmaj7"), ("Ab", "Ab E F# Ab"), ("Eb", "Eb B Db Eb"), ("F", "F Db Eb F"), ("Bb", "Bb Gb Ab Bb")]
        var counted = 0, rubbing: [String] = []
        for (name, symbols) in charts {
            let key = try Key(parsing: name)
            let chords = try symbols.split(separator: " ").map { try Chord(parsing: String($0)) }
            let bar = Meter.fourFour.ticksPerBar
            let context = LineContext(section: "chorus", key: key, meter: .fourFour, bars: 8,
                                      chords: (0..<8).map { ChordChange(start: $0 * bar, chord: chords[$0 % 4]) })
            let inKey = Set(key.scale.notes.map(\.pitchClass))
            for seed in UInt64(1)...40 {
                let style = MelodyStyle.allCases[Int(seed) % MelodyStyle.allCases.count]
                let request = MelodyRequest(mood: .triumphant, low: 62, high: 81, density: RequestDefaults.melodyDensity(energy: [0.3, 0.6, 0.9][Int(seed) % 3]),
                                            style: style, count: 1, seed: seed)
                for note in try MelodyGenerator.suggest(request, context: context).first?.notes ?? [] where note.duration >= 480 {
                    // A note pushed from off the beat across a strong one is that beat's (an anticipation).
                    let crossed = (note.start / 1920 + 1) * 1920
                    let beat = note.start % 960 != 0 && crossed < note.end ? crossed : note.start
                    guard let chord = context.chord(at: beat) else { continue }
                    let lowered = chord.tones.filter { !inKey.contains($0.pitchClass) && $0.accidental.semitones <= 0 }.map(\.pitchClass)
                    guard !lowered.isEmpty else { continue }
                    counted += 1
                    let pitchClass = note.pitch.midi % 12
                    if !chord.pitchClasses.contains(pitchClass) && lowered.contains((pitchClass + 11) % 12) {
                        rubbing.append("\(note.pitch)@\(note.start)/\(note.duration) over \(chord) in \(name), seed \(seed) \(style)")
                    }
                }
            }
        }
        #expect(counted > 300)
        #expect(rubbing.isEmpty, "\(rubbing.count) of \(counted): \(rubbing.prefix(6))")
    }

    /// An AA line's reason says what its second phrase changes, as its notes show: "note
    /// for note", "with a new close" only where the last bar alone differs, or the bars
    /// that do ("with a new close" had been said of lines sung twice note for note).
    @Test func anAALinesReasonSaysWhatItsSecondPhraseChanges() throws {
        var seen: [String: Int] = [:]
        for context in try contexts() where context.bars == 8 {
            for seed in UInt64(1)...40 {
                let request = MelodyRequest(mood: [.sad, .hopeful, .calm][Int(seed) % 3], low: 57, high: 76, density: 0.5,
                                            style: [.folk, .ballad, .pop][Int(seed) % 3], count: 3, seed: seed)
                for suggestion in try MelodyGenerator.suggest(request, context: context) where suggestion.label.hasPrefix("AA phrases") {
                    let notes = try #require(suggestion.notes), reason = try #require(suggestion.reasons.first)
                    func bar(_ index: Int) -> [String] {
                        notes.filter { $0.start / 3840 == index }.map { "\($0.start % 3840)/\($0.duration)/\($0.pitch.midi)" }
                    }
                    let differ = (0..<4).filter { bar($0) != bar($0 + 4) }.map { $0 + 5 }
                    let said = reason.contains("note for note") ? "same" : reason.contains("with a new close") ? "close" : "bars"
                    seen[said, default: 0] += 1
                    switch said {
                    case "same": #expect(differ.isEmpty, "\(reason): bars \(differ) differ")
                    case "close": #expect(differ == [8], "\(reason): bars \(differ) differ")
                    default:
                        #expect(differ.count >= 1 && differ != [8], "\(reason): bars \(differ) differ")
                        #expect(differ.allSatisfy { reason.contains(String($0)) }, "\(reason): bars \(differ) differ")
                    }
                }
            }
        }
        print("AA reasons: \(seen)")
        #expect(seen.count == 3, "\(seen)")
    }

    /// A melody closes on the tonic reached by a fifth at most: a leap into the last note has
    /// nothing after it to turn back (melody 3.11 leapt a sixth to an octave into 11 of 400).
    @Test func theLastNoteIsReachedByAFifthAtMost() throws {
        let all = try melodies(styles: MelodyStyle.allCases, energies: [0.2, 0.5, 0.8], seeds: 1...400)
        let leaping = all.filter { MelodyShape($0.notes, context: $0.context).finalLeap }
        #expect(all.count == 400 && leaping.isEmpty, "\(leaping.count) of \(all.count) leap into their last note")
    }

    /// No melody leaps a seventh, the hardest leap to sing (melody 3.12 did: C5 down to
    /// D♭4 in a sad chorus), nor past an octave.
    @Test func noMelodyLeapsASeventh() throws {
        let all = try melodies(styles: MelodyStyle.allCases, energies: [0.2, 0.5, 0.8], seeds: 1...400)
        let leaps = all.flatMap { melody in zip(melody.notes, melody.notes.dropFirst()).map { abs($1.pitch.midi - $0.pitch.midi) } }
        #expect(!leaps.isEmpty && leaps.allSatisfy { $0 <= 9 || $0 == 12 }, "\(leaps.filter { $0 > 9 && $0 != 12 }.count) sevenths or wider")
    }

    @Test func figuresReturnWithTheirRhythm() throws {
        let all = try melodies(styles: MelodyStyle.allCases, energies: [0.2, 0.5, 0.8], seeds: 1...90)
        let mean = all.reduce(0.0) { $0 + MelodyShape.recurrence(of: $1.notes) } / Double(all.count)
        let low = all.filter { MelodyShape.recurrence(of: $0.notes) < 0.1 }.count
        print(String(format: "melody figure recurrence: mean %.0f%% over %d melodies; %d under 10%%", mean * 100, all.count, low))
        // 40% with melody 3.15; 44% with 3.16's real sequences; 50% with 3.17's echoes
        // anticipated as their bars were and sung as sequences.
        #expect(mean >= 0.45)
    }

    /// A bar that repeats an earlier bar's rhythm in its phrase comes back as a real
    /// sequence where one fits: its intervals are the earlier bar's, a step away, and its
    /// strong beats still land on tones of their chords (63 of 109 such bars with melody
    /// 3.17, whose echoes take their bars' anticipations and so reach the comparison far
    /// more often; 41 of 64 with 3.16; 9 of 64 with 3.15, which took the earlier bar's
    /// intervals note by note and pulled each to its chord).
    @Test func repeatedBarsComeBackAsRealSequences() throws {
        let contexts = try contexts()
        var echoed = 0, sequences = 0, strong = 0, strongOnChord = 0
        for seed in UInt64(1)...120 {
            let context = contexts[Int(seed) % contexts.count]
            let request = MelodyRequest(mood: [.hopeful, .energetic, .sad, .calm][Int(seed) % 4], low: 60, high: 79,
                                        density: RequestDefaults.melodyDensity(energy: [0.2, 0.5, 0.8][Int(seed) % 3]),
                                        style: MelodyStyle.allCases[Int(seed) % 9], count: 1, seed: seed)
            var generator = SeededGenerator(seed: seed)
            let (notes, plan) = MelodyGenerator.write(request, context: context, generator: &generator)
            let bar = context.meter.ticksPerBar, phraseTicks = plan.phraseBars * bar
            let letters = Array(plan.form)
            for (letter, echoes) in plan.echoes {
                guard let phrase = letters.firstIndex(of: letter) else { continue }
                for (index, earlier) in echoes {
                    let inBar = { (b: Int) in notes.filter { $0.start >= phrase * phraseTicks + b * bar && $0.start < phrase * phraseTicks + (b + 1) * bar } }
                    let now = inBar(index), then = inBar(earlier)
                    guard now.count == then.count, now.count >= 2 else { continue }
                    echoed += 1
                    let steps = { (line: [Note]) in zip(line, line.dropFirst()).map { $1.pitch.midi - $0.pitch.midi } }
                    guard steps(now) == steps(then) else { continue }
                    sequences += 1
                    for note in now where Harmonizer.isStrong(note.start, meter: context.meter) {
                        strong += 1
                        if context.chord(at: note.start)?.pitchClasses.contains(note.pitch.midi % 12) != false { strongOnChord += 1 }
                    }
                }
            }
        }
        print("repeated bars: \(sequences) of \(echoed) real sequences; their strong beats on chord tones \(strongOnChord) of \(strong)")
        #expect(echoed >= 40)
        #expect(Double(sequences) >= 0.5 * Double(echoed))
        // (A bar that found no step follows the earlier bar's intervals note by note, and may
        // take an accented passing tone on a strong beat: 1 of 68 with melody 3.16.)
        #expect(strong > 40 && Double(strongOnChord) >= 0.95 * Double(strong))
    }

    /// A phrase sung once in its section (a 4-bar pre-chorus) repeats a bar's rhythm before
    /// its cadence, over the chords it was first sung over where its scheme allows: with
    /// nothing to return, it had drawn schemes like ABCD and ABCB about half the time and
    /// sung no figure twice (dreamy pre-choruses measured 0 of their 4-note figures
    /// recurring in four sketches of five). With the bar repeated but its anticipations
    /// drawn apart from the earlier bar's, 24 of these 60 sang a figure twice; 47 now.
    @Test func aPhraseSungOnceRepeatsABar() throws {
        let key = try Key(parsing: "E")
        let chords = try ["Emaj7", "Emaj7", "B7", "B7"].map { try Chord(parsing: $0) }
        let bar = Meter.fourFour.ticksPerBar
        let context = LineContext(section: "pre-chorus", key: key, meter: .fourFour, bars: 4,
                                  chords: chords.enumerated().map { ChordChange(start: $0.offset * bar, chord: $0.element) })
        var sameChords = 0, recurring = 0
        // (The folk style keeps the folk songs' own shares of schemes.)
        let popular = MelodyStyle.allCases.filter { $0 != .folk }
        for seed in UInt64(1)...60 {
            let request = MelodyRequest(mood: [.dreamy, .melancholy, .hopeful][Int(seed) % 3], low: 62, high: 76,
                                        density: RequestDefaults.melodyDensity(energy: 0.4), style: popular[Int(seed) % popular.count],
                                        count: 1, seed: seed)
            var generator = SeededGenerator(seed: seed)
            let (notes, plan) = MelodyGenerator.write(request, context: context, generator: &generator)
            let echoes = try #require(plan.echoes["A"], "seed \(seed): \(plan.form)")
            #expect(!echoes.isEmpty && echoes.keys.allSatisfy { $0 < 3 }, "seed \(seed): \(echoes)")
            if echoes.contains(where: { context.strongBeatChords[$0.key] == context.strongBeatChords[$0.value] }) { sameChords += 1 }
            if MelodyShape.recurrence(of: notes) > 0 { recurring += 1 }
        }
        print("one-phrase sections: \(sameChords) of 60 repeat a bar over its own chords; \(recurring) sing a 4-note figure twice")
        #expect(sameChords >= 55)
        #expect(recurring >= 45)
    }

    /// A chorus is where the hook comes back: its phrases return, so its 4-note figures
    /// recur with their rhythm more than a verse's, and hardly any chorus has none.
    @Test func chorusesBringTheirHookBack() throws {
        let contexts = try contexts().map { context -> LineContext in
            var chorus = context
            chorus.section = "chorus"
            return chorus
        }
        var recurrences: [Double] = []
        for seed in UInt64(1)...90 {
            let request = MelodyRequest(mood: [.hopeful, .energetic, .triumphant, .playful][Int(seed) % 4], low: 64, high: 81,
                                        density: RequestDefaults.melodyDensity(energy: 0.8), style: MelodyStyle.allCases[Int(seed) % 9],
                                        count: 1, seed: seed)
            for suggestion in try MelodyGenerator.suggest(request, context: contexts[Int(seed) % contexts.count]) {
                if let notes = suggestion.notes { recurrences.append(MelodyShape.recurrence(of: notes)) }
            }
        }
        let mean = recurrences.reduce(0, +) / Double(recurrences.count)
        let none = recurrences.filter { $0 < 0.1 }.count
        print(String(format: "chorus figure recurrence: mean %.0f%% over %d choruses; %d under 10%%", mean * 100, recurrences.count, none))
        #expect(mean >= 0.40)
        #expect(Double(none) / Double(recurrences.count) <= 0.2)
    }

    @Test func notesPerBarFollowEnergy() throws {
        let busy = try melodies(styles: MelodyStyle.allCases, energies: [0.5, 0.7, 0.9], seeds: 1...90)
        let quiet = try melodies(styles: MelodyStyle.allCases, energies: [0.1], seeds: 1...40)
        let perBar = { (set: [(notes: [Note], context: LineContext)]) in
            Double(set.reduce(0) { $0 + $1.notes.count }) / Double(set.reduce(0) { $0 + $1.context.bars })
        }
        print(String(format: "melody notes per bar: %.2f at energy ≥ 0.5, %.2f at 0.1", perBar(busy), perBar(quiet)))
        #expect((3.5...6).contains(perBar(busy)))
        #expect(perBar(quiet) < perBar(busy))
    }

    @Test func strongBeatsHoldChordTonesAndIntervalsStayFolkLike() throws {
        let all = try melodies(styles: MelodyStyle.allCases, energies: [0.3, 0.6, 0.9], seeds: 1...120)
        let strong = all.reduce(0.0) { $0 + MelodyShape($1.notes, context: $1.context).strongBeatChordTones } / Double(all.count)
        // Interval distribution, −12…+12 semitones, against the folk table's: into strong and
        // weak notes each, pooled in the proportion these melodies have of each.
        var counts = Array(repeating: 0.0, count: 25), reference = Array(repeating: 0.0, count: 25)
        let table = try #require(FolkTables.meters["4/4"])
        for (notes, context) in all {
            for (a, b) in zip(notes, notes.dropFirst()) {
                let index = max(-12, min(12, b.pitch.midi - a.pitch.midi)) + 12
                counts[index] += 1
                let strong = Harmonizer.isStrong(b.start, meter: context.meter)
                for step in 0..<25 { reference[step] += strong ? table.strongIntervals[step] : table.weakIntervals[step] }
            }
        }
        let total = counts.reduce(0, +), referenceTotal = reference.reduce(0, +)
        let divergence = (0..<25).reduce(0.0) { sum, index in
            let p = counts[index] / total, q = max(reference[index] / referenceTotal, 1e-4)
            return p > 0 ? sum + p * log2(p / q) : sum
        }
        print("melody intervals −12…12: " + (0..<25).map { String(format: "%.3f/%.3f", counts[$0] / total, reference[$0] / referenceTotal) }.joined(separator: " "))
        print(String(format: "melody strong-beat chord tones %.0f%%; interval divergence from the folk table %.3f bits", strong * 100, divergence))
        #expect(strong >= 0.85)
        #expect(divergence <= 0.10)
    }

    /// A melody read by itself, with no chords under it, is heard in its own key (the
    /// Krumhansl–Schmuckler key finder on how long each pitch sounds): a minor tune that
    /// dwells on its relative major's notes is heard there (melody 3.20).
    @Test func aMelodyReadAloneIsHeardInItsKey() throws {
        let charts = [("A minor", "Am F C G"), ("D minor", "Dm Bb F C"), ("E minor", "Em Am Em B7"), ("C minor", "Cm Ab Eb Bb"),
                      ("G minor", "Gm Cm Gm D"), ("F# minor", "F#m D A E"), ("B minor", "Bm G D A"), ("F minor", "Fm Db Ab Eb"),
                      ("C", "C G Am F"), ("G", "G Em C D"), ("Eb", "Eb Cm Ab Bb"), ("A", "A D E A")]
        var heard: [Bool: (same: Int, all: Int)] = [:]
        for (name, chords) in charts {
            let key = try Key(parsing: name)
            let symbols = try chords.split(separator: " ").map { try Chord(parsing: String($0)) }
            let bar = Meter.fourFour.ticksPerBar
            let changes = (0..<8).map { ChordChange(start: $0 * bar, chord: symbols[$0 % 4]) }
            let context = LineContext(section: "verse", key: key, meter: .fourFour, bars: 8, chords: changes)
            for seed in UInt64(1)...20 {
                let request = MelodyRequest(mood: [.sad, .calm, .hopeful, .energetic][Int(seed) % 4], low: 60, high: 79,
                                            density: RequestDefaults.melodyDensity(energy: 0.5), style: MelodyStyle.allCases[Int(seed) % MelodyStyle.allCases.count], count: 1, seed: seed)
                let notes = try #require(try MelodyGenerator.suggest(request, context: context).first?.notes)
                let found = Key.estimated(keys: notes.map(\.pitch.midi), weights: notes.map { Double($0.duration) })
                let same = found.map { $0.tonic.pitchClass == key.tonic.pitchClass && $0.isMinor == key.isMinor } ?? false
                heard[key.isMinor, default: (0, 0)].same += same ? 1 : 0
                heard[key.isMinor, default: (0, 0)].all += 1
            }
        }
        let minor = try #require(heard[true]), major = try #require(heard[false])
        print("melodies read alone, heard in their own key: minor \(minor.same) of \(minor.all), major \(major.same) of \(major.all)")
        // Before the degrees' pull (melody 3.19): minor 42 of 160, major 42 of 80; with it,
        // 74 and 62. Most of the rest are minor tunes over i–♭VI–♭III–♭VII, whose chords
        // are their relative major's, heard there.
        #expect(Double(minor.same) / Double(minor.all) >= 0.40)
        #expect(Double(major.same) / Double(major.all) >= 0.70)
    }

    @Test func aReturningPhraseSingsItsFigureAgain() throws {
        let context = try #require(try contexts().first)
        for seed in UInt64(1)...30 {
            let request = MelodyRequest(mood: .hopeful, low: 60, high: 79, density: 0.6, style: .pop, count: 1, seed: seed)
            let suggestion = try #require(try MelodyGenerator.suggest(request, context: context).first)
            let notes = try #require(suggestion.notes)
            guard suggestion.origin.parameters?["form"] == "AA" else { continue }
            // Bars 1–2 of the second phrase repeat bars 1–2 of the first (same chords under both);
            // bar 3 may be sung afresh (A′) and the close is new.
            let phrase = 4 * Meter.fourFour.ticksPerBar, cadence = 2 * Meter.fourFour.ticksPerBar
            let first = notes.filter { $0.end <= cadence }.map { [$0.start, $0.duration, $0.pitch.midi] }
            let second = notes.filter { $0.start >= phrase && $0.end <= phrase + cadence }.map { [$0.start - phrase, $0.duration, $0.pitch.midi] }
            #expect(first == second, "seed \(seed)")
        }
    }
}
