import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

@Suite("Melodies, variations and bass lines")
struct MelodyBassTests {
    func contexts() throws -> [LineContext] {
        try ["rain-on-glass", "night-drive"].flatMap { name -> [LineContext] in
            let song = try exampleSong(name)
            return song.sections.filter { $0.chords != nil }.map { LineContext(song: song, section: $0) }
        }
    }

    /// The range a melody was written in is spelled as its key spells it: in A major
    /// C♯4..G♯5, not D♭4..A♭5 (an outside check read "Db4..E5" in G), and a note outside
    /// the key with the signature's sharps (D♯4, not the ♭5 degree's E♭4).
    @Test func theRangeIsSpelledInTheKey() throws {
        let context = try #require(try contexts().first { $0.key.description == "A" })
        let request = MelodyRequest(mood: .calm, low: 61, high: 80, density: 0.5, count: 1, seed: 3)
        let suggestion = try #require(try MelodyGenerator.suggest(request, context: context).first)
        #expect(suggestion.origin.parameters?["range"] == "C#4..G#5")
        // Notes outside the key take the key signature's sharps, not a borrowed degree's flat.
        let outside = MelodyRequest(mood: .calm, low: 63, high: 82, density: 0.5, count: 1, seed: 3)
        #expect(try MelodyGenerator.suggest(outside, context: context).first?.origin.parameters?["range"] == "D#4..A#5")
    }

    /// A melody's reasons say of its leaps what they do: an outside check found "each leap
    /// wider than a fifth turns back by step" over leaps that went on, and "no leaps wider
    /// than a fifth" over a leap into the last note.
    @Test func theReasonsSayWhatTheLeapsDo() throws {
        let context = try #require(try contexts().first)
        func shape(_ pitches: [Int]) throws -> MelodyShape {
            MelodyShape(try pitches.enumerated().map { Note(start: $0 * 480, duration: 480, pitch: try Pitch(midi: $1)) }, context: context)
        }
        // +9 turned back by step, +12 going on, then −9 into the last note.
        #expect(try shape([60, 69, 67, 79, 81, 72]).leapsInWords
                == "2 leaps wider than a fifth, 1 turned back (1 by step); a leap wider than a fifth into the last note")
        #expect(try shape([60, 69, 67, 65]).leapsInWords == "1 leap wider than a fifth, turned back by step")
        #expect(try shape([60, 69, 64, 79, 76]).leapsInWords == "2 leaps wider than a fifth, each turned back (0 by step)")
        #expect(try shape([60, 69, 71]).leapsInWords == "1 leap wider than a fifth, not turned back")
        #expect(try shape([60, 62, 64]).leapsInWords == "no leaps wider than a fifth")
        #expect(try shape([60, 62, 72]).leapsInWords == "a leap wider than a fifth into the last note")
    }

    @Test func melodiesFollowTheRulesOverAHundredSeeds() throws {
        var strong = 0.0, steps = 0.0, recovery = 0.0, recoveries = 0, count = 0, largest = 0, outOfRange = 0
        let contexts = try contexts()
        for seed in UInt64(1)...100 {
            let context = contexts[Int(seed) % contexts.count]
            let mood: Mood = [.sad, .hopeful, .energetic, .calm][Int(seed) % 4]
            let request = MelodyRequest(mood: mood, low: 60, high: 79, density: Double(seed % 5) / 5 + 0.1, count: 1, seed: seed)
            for suggestion in try MelodyGenerator.suggest(request, context: context) {
                guard suggestion.kind == .melody, let notes = suggestion.notes else { continue }
                let shape = MelodyShape(notes, context: context)
                strong += shape.strongBeatChordTones
                steps += shape.stepsOrRepeats
                largest = max(largest, shape.largestLeap)
                if shape.leapsOverFifth > 0 { recovery += shape.leapRecovery; recoveries += 1 }
                outOfRange += notes.filter { !(60...79).contains($0.pitch.midi) }.count
                count += 1
            }
        }
        let strongRate = strong / Double(count), stepRate = steps / Double(count)
        let recoveryRate = recoveries == 0 ? 1 : recovery / Double(recoveries)
        print(String(format: "melody over 100 seeds: strong-beat chord tones %.0f%%, steps or repeats %.0f%%, largest leap %d semitones, leaps over a fifth recovered %.0f%% (%d melodies with such leaps), notes out of range %d",
                     strongRate * 100, stepRate * 100, largest, recoveryRate * 100, recoveries, outOfRange))
        #expect(count == 100)
        #expect(strongRate >= 0.85)
        #expect(stepRate >= 0.60)
        #expect(largest <= 12)
        #expect(recoveryRate >= 0.70)
        #expect(outOfRange == 0)
    }

    /// Over borrowed and secondary chords (Fm and A7 in C) a note on a strong beat or of an
    /// eighth or more is never the key's note a half step from the chord's altered tone (A
    /// against Fm's A♭); only a sixteenth off the beat may pass through it (melody 3.18:
    /// eighths had, and a jazz ballad's chorus sang E4 E4 G♯4 G4 over E7 in A minor).
    @Test func noNoteRubsAHalfStepAgainstABorrowedChordTone() throws {
        let chords = try ["C", "Fm", "A7", "Dm", "Ab", "G7", "Fm", "C"].enumerated().map { index, symbol in
            ChordChange(start: index * 3840, chord: try Chord(parsing: symbol))
        }
        let context = LineContext(section: "verse", key: try Key(parsing: "C"), meter: .fourFour, bars: 8, chords: chords)
        var clashes: [String] = [], notes = 0
        for seed in UInt64(1)...40 {
            let request = MelodyRequest(mood: [.sad, .hopeful, .calm][Int(seed) % 3], low: 57, high: 76, density: 0.7, count: 1, seed: seed)
            for note in try MelodyGenerator.suggest(request, context: context).first?.notes ?? [] {
                notes += 1
                guard let chord = context.chord(at: note.start) else { continue }
                // The key's note that a chord tone from outside the key alters: A for A♭, C for C♯.
                let altered = chord.tones.filter { !context.key.scale.pitchClasses.contains($0.pitchClass) }
                    .compactMap { tone in context.key.scale.notes.first { $0.letter == tone.letter }?.pitchClass }
                let passing = !Harmonizer.isStrong(note.start, meter: .fourFour) && note.duration < 480
                if altered.contains(note.pitch.midi % 12) && !passing { clashes.append("seed \(seed): \(note.pitch) over \(chord)") }
            }
        }
        #expect(notes > 600)
        #expect(clashes.isEmpty, "\(clashes.prefix(10))")
    }

    @Test func sameSeedSameMelody() throws {
        let context = try #require(try contexts().first)
        let request = MelodyRequest(mood: .sad, low: 60, high: 76, density: 0.5, count: 3, seed: 8)
        #expect(try MelodyGenerator.suggest(request, context: context) == MelodyGenerator.suggest(request, context: context))
    }

    @Test func aMotifIsStatedAndItsIntervalsKept() throws {
        var context = try #require(try contexts().first)
        context.motif = try NoteSyntax.parse("C5/4 D5/4 Eb5/4 G5/4", meter: .fourFour)
        let request = MelodyRequest(mood: .hopeful, low: 55, high: 84, density: 0.9, count: 1, seed: 2)
        let suggestion = try #require(try MelodyGenerator.suggest(request, context: context).first)
        #expect(suggestion.reasons.first?.hasPrefix("opens with the section's motif and its rhythm; ") == true)
        let notes = try #require(suggestion.notes)
        #expect(notes.prefix(4).map(\.start) == [0, 960, 1920, 2880])   // the motif's rhythm opens the melody
        // The reason claims only what the notes show, with words too (a rhythm for words
        // had been said to open with the motif's rhythm when it opened with another figure).
        let motif = context.motif
        for seed in UInt64(1)...8 {
            for lyrics in [nil, "hold the line when the water's rising, hold the light"] {
                var asked = MelodyRequest(mood: .hopeful, low: 55, high: 84, density: 0.7, count: 1, seed: seed)
                asked.lyrics = lyrics
                let made = try #require(try MelodyGenerator.suggest(asked, context: context).first)
                let line = try #require(made.notes)
                let steps = { (notes: [Note]) in zip(notes, notes.dropFirst()).map { $1.pitch.midi - $0.pitch.midi } }
                let opening = Array(line.prefix(motif.count))
                let reason = made.reasons.first ?? ""
                if reason.hasPrefix("opens with the section's motif and") || reason.hasPrefix("opens with the section's motif in") {
                    #expect(steps(opening) == steps(motif), "seed \(seed)")
                }
                // Its rhythm on other notes is said with both lines, and is so.
                if reason.hasPrefix("opens with the section's motif's rhythm, its notes moved") {
                    #expect(opening.map(\.duration) == motif.map(\.duration) && steps(opening) != steps(motif), "seed \(seed)")
                    #expect(reason.contains("(" + opening.map { "\($0.pitch)" }.joined(separator: " ") + ", the motif C5 D5 Eb5 G5)"), "seed \(seed): \(reason)")
                }
                if reason.hasPrefix("opens with the section's motif and its rhythm") { #expect(opening.map(\.duration) == motif.map(\.duration), "seed \(seed)") }
            }
        }
    }

    /// "rhythm N% like the source" is the share of onsets the two lines share in the
    /// section on the sixteenth grid: a line displaced keeps only the onsets that land where
    /// the source's did, however far it moved (three displacements of a beat or so had read
    /// 97%, 100% and 28%).
    @Test func rhythmLikenessCountsTheOnsetsBothShare() throws {
        let pitch = try Pitch(parsing: "C5")
        let source = [0, 480, 1440, 2880].map { Note(start: $0, duration: 240, pitch: pitch) }
        func moved(_ by: Int) -> [Note] { source.map { Note(start: $0.start + by, duration: 240, pitch: pitch) } }
        #expect(Variations.rhythm(source: source, variation: source) == 1)
        #expect(Variations.rhythm(source: source, variation: moved(240)) == 0)
        #expect(abs(Variations.rhythm(source: source, variation: moved(480)) - 1.0 / 7) < 1e-9)
        #expect(abs(Variations.rhythm(source: source, variation: moved(960)) - 1.0 / 7) < 1e-9)
    }

    /// A motif stated on other pitches is said to be, and how far (a producer's motif on
    /// E5 had been sung on A4 under "opens with the section's motif and its rhythm").
    @Test func aMotifStatedOnOtherPitchesSaysHowFar() throws {
        let motif = try NoteSyntax.parse("r/8 E5/16 E5/16 G5/8 E5/8 r/8 D5/8 C5/4", meter: .fourFour)
        func line(_ text: String) throws -> [Note] { try NoteSyntax.parse(text + " | C5/1", meter: .fourFour) }
        #expect(MelodyGenerator.motifOpening(try line("r/8 E5/16 E5/16 G5/8 E5/8 r/8 D5/8 C5/4"), motif: motif) == "opens with the section's motif and its rhythm; ")
        #expect(MelodyGenerator.motifOpening(try line("r/8 A4/16 A4/16 C5/8 A4/8 r/8 G4/8 F4/4"), motif: motif) == "opens with the section's motif a perfect fifth lower and its rhythm; ")
        #expect(MelodyGenerator.motifOpening(try line("r/8 F5/16 F5/16 Ab5/8 F5/8 r/8 Eb5/8 Db5/4"), motif: motif) == "opens with the section's motif a minor second higher and its rhythm; ")
        #expect(MelodyGenerator.motifOpening(try line("r/8 G4/16 G4/16 A4/8 G4/8 r/8 F4/8 E4/4"), motif: motif)
                == "opens with the section's motif's rhythm, its notes moved to the chords and the range (G4 G4 A4 G4 F4 E4, the motif E5 E5 G5 E5 D5 C5); ")
    }

    /// A line displaced later that fills its section to the end keeps its close: the last
    /// note's pitch, where it was, the notes before it cut to meet it (a displaced chorus
    /// had lost its closing note, an outside check).
    @Test func aDisplacedLineLandsOnItsLastNote() throws {
        let context = try #require(try contexts().first { $0.bars == 8 })
        var source: [Note] = []
        for bar in 0..<8 { source += try NoteSyntax.parse("E5/4 D5/4 C5/4 D5/4", meter: .fourFour).map { var n = $0; n.start += bar * 3840; return n } }
        source[source.count - 1].pitch = try Pitch(parsing: "G5")
        var forms: Set<String> = []
        for seed in UInt64(1)...3 {
            var generator = SeededGenerator(seed: seed)
            let variation = Variations.vary(source, technique: .displace, amount: Int(seed), context: context, generator: &generator)
            let last = try #require(variation.raw.last)
            // A beat later lands where the close was; an eighth either way still ends on it.
            #expect(last.pitch.midi == 79 && (seed != 1 || last.start == source[source.count - 1].start), "form \(seed): ends \(last)")
            #expect(zip(variation.raw, variation.raw.dropFirst()).allSatisfy { $0.end <= $1.start }, "seed \(seed): notes overlap")
            #expect(variation.raw.first?.pitch == source[0].pitch, "seed \(seed): opens \(variation.raw.first.map { "\($0)" } ?? "")")
            forms.insert(variation.how ?? "")
        }
        // Each form (amount 1, 2, 3): a beat later lands, and says so; an eighth earlier keeps its opening.
        #expect(forms.count == 3 && forms.filter { $0.hasSuffix(", landing on its last note where it was") }.count == 1, "\(forms)")
        #expect(forms.contains("displaced by an eighth earlier: the same line, syncopated"), "\(forms)")
        // In 7/8, whose beat is an eighth, half a beat is a sixteenth, and is named so.
        let seven = LineContext(section: "verse", key: context.key, meter: try Meter(parsing: "7/8"), bars: 2,
                                chords: [ChordChange(start: 0, chord: try Chord(parsing: "C"))])
        let line = try NoteSyntax.parse("C5/8 D5/8 E5/8 F5/8 G5/4.", meter: try Meter(parsing: "7/8"))
        var generator = SeededGenerator(seed: 2)
        let moved = Variations.vary(line, technique: .displace, amount: 2, context: seven, generator: &generator)
        #expect(moved.how == "displaced by a sixteenth later: the same line, syncopated" && moved.raw.first?.start == 240, "\(moved.how ?? "") \(moved.raw)")
    }

    @Test("each variation technique does what its name says", arguments: Technique.allCases)
    func techniques(technique: Technique) throws {
        let context = try #require(try contexts().first)
        let source = try NoteSyntax.parse("C5/4 Eb5/8 F5/8 G5/2 | Ab5/4 G5/4 F5/2", meter: .fourFour)
        var generator = SeededGenerator(seed: 1)
        let variation = Variations.vary(source, technique: technique, amount: 1, context: context, generator: &generator)
        let raw = variation.raw
        let pitches = source.map(\.pitch.midi)
        switch technique {
        case .invert:
            #expect(raw.map(\.pitch.midi) == pitches.map { 2 * pitches[0] - $0 })
        case .retrograde:
            #expect(raw.map(\.pitch.midi) == pitches.reversed())
            #expect(raw.map(\.duration) == source.map(\.duration).reversed())
        case .augment:
            #expect(raw.map(\.duration) == source.map { $0.duration * 2 })
            #expect(raw.map(\.pitch.midi) == pitches)
        case .diminish:
            #expect(raw.map(\.duration) == source.map { $0.duration / 2 })
        case .realTranspose:
            let shift = raw[0].pitch.midi - pitches[0]
            #expect(raw.map(\.pitch.midi) == pitches.map { $0 + shift })
        case .transpose:
            let scale = context.key.scale.pitchClasses
            #expect(raw.allSatisfy { scale.contains($0.pitch.midi % 12) })
            #expect(raw.map(\.pitch.midi) != pitches)
            #expect(zip(raw, source).allSatisfy { ($0.pitch.midi - $1.pitch.midi) > 0 && ($0.pitch.midi - $1.pitch.midi) <= 4 })
        case .displace:
            #expect(raw.map(\.start) == source.map { $0.start + 960 })
        case .fragment:
            let half = source.count / 2
            #expect(raw.prefix(half).map(\.pitch.midi) == Array(pitches.prefix(half)))
            #expect(raw.count == 2 * half)
        case .ornament:
            #expect(raw.count > source.count)
        case .rerhythm:
            #expect(raw.map(\.pitch.midi) == pitches)
            #expect(raw.map(\.duration) != source.map(\.duration))
        case .refit:
            #expect(raw == source)
        }
        // Refitted: strong beats on chord tones.
        #expect(MelodyShape(variation.notes, context: context).strongBeatChordTones == 1)
        #expect((0...1).contains(variation.contourSimilarity) && (0...1).contains(variation.rhythmSimilarity))
    }

    @Test func lockedBassDoublesTheKick() throws {
        let song = try exampleSong("rain-on-glass")
        let chorus = try #require(song.section(named: "chorus"))
        for styleName in ["rock", "pop", "funk", "boom-bap"] {
            let groove = GrooveGenerator.suggest(GrooveRequest(style: DrumStyle.named(styleName)!, energy: 0.7, swing: .off, feel: nil,
                                                               humanize: 0.3, count: 1, seed: 3),
                                                 context: GrooveContext(section: "chorus", meter: .fourFour, bars: 8, tempo: 84))
            guard let drums = groove.first?.groove else { Issue.record("no groove"); continue }
            var context = LineContext(song: song, section: chorus)
            context.drums = DrumPart(hits: drums.hits, style: drums.style, timing: drums.timing, provenance: .written(by: "T", at: Date(timeIntervalSince1970: 0)))
            for style in [BassStyle.rootFifth, .root, .funk] {
                for suggestion in try BassGenerator.suggest(style: style, count: 2, seed: 5, context: context) {
                    guard suggestion.kind == .bass, let notes = suggestion.notes else { continue }
                    let kicks = drums.hits.filter { $0.key == 36 }.map(\.start)
                    let locked = Double(kicks.filter { kick in notes.contains { $0.start == kick } }.count) / Double(kicks.count)
                    #expect(locked >= 0.7, "\(styleName) \(style): \(locked)")
                    #expect(notes.allSatisfy { BassGenerator.range.contains($0.pitch.midi) })
                }
            }
        }
    }

    /// A bass line's first reason counts the changes it really leads into. A walk over two
    /// chords a bar leads into all six (a chord written twice is no change); over a chord on every beat, moving by fourths, it
    /// plays each root on its beat and leads into none (the reason had said "each new chord
    /// approached" of every walk); the first take of root-fifth leads into none, the second
    /// into every change but those onto a strong place.
    @Test func bassReasonsCountTheApproachesWritten() throws {
        func context(_ names: [String], every: Ticks) throws -> LineContext {
            let chords = try names.enumerated().map { ChordChange(start: $0 * every, chord: try Chord(parsing: $1)) }
            return LineContext(section: "verse", key: try Key(parsing: "C"), meter: .fourFour, bars: names.count * every / 3840, chords: chords)
        }
        func reasons(_ style: BassStyle, _ context: LineContext) throws -> [String] {
            try BassGenerator.suggest(style: style, count: 2, seed: 3, context: context).map { $0.reasons[0] }
        }
        let twoABar = try context(["C", "F", "G", "C", "Dm", "G7", "C", "C"], every: 1920)
        #expect(try reasons(.walking, twoABar) == Array(repeating: "walks a note on every beat; each of the 6 chord changes approached on the beat before by a step", count: 2))
        let fourths = try context(["C", "F", "Bb", "Eb", "Ab", "Db", "Gb", "B"], every: 960)
        #expect(try reasons(.walking, fourths) == ["walks a note on every beat; no chord change approached by a step (the chords move too fast to lead into)"])
        let oneABar = try context(["C", "Am", "F", "G"], every: 3840)
        let rootFifth = try BassGenerator.suggest(style: .rootFifth, count: 2, seed: 3, context: oneABar)
        #expect(rootFifth.map { $0.reasons[0] } == ["roots on the chord changes", "roots on the chord changes; each of the 3 chord changes led into by a short note a step away, on a weak place"])
        // The second take's eighth before each bar line is a step from the next root.
        let leads = try #require(rootFifth[1].notes).filter { $0.start % 960 == 480 }
        #expect(leads.map(\.start) == [3360, 7200, 11040])
        #expect(zip(leads, [9, 5, 7]).allSatisfy { lead, root in [1, 2, 10, 11].contains(((lead.pitch.midi - root) % 12 + 12) % 12) })
    }

    /// A chart of suspended, diminished and augmented chords in E♭, two a bar: the chorus a
    /// listener found with E under Adim7 from the bass and D sung over B♭7sus4.
    func colouredContext() throws -> LineContext {
        let names = ["Ebsus4", "Eb", "Adim7", "Bb7", "Cm", "Bdim7", "Ab", "Bb7sus4", "Ebsus2", "Gaug", "Cm7", "Bb7sus4"]
        let chords = try names.enumerated().map { ChordChange(start: $0 * 1920, chord: try Chord(parsing: $1)) }
        return LineContext(section: "chorus", key: try Key(parsing: "Eb"), meter: .fourFour, bars: names.count / 2, chords: chords)
    }

    /// Roots rising by fourths round the whole circle (C F B♭ E♭ A♭ D♭ G♭ B), and by thirds
    /// (B D F♯ B), stay in the bass's home register: every chord's first note from E1 to A2
    /// (D3 walking), within an octave and a third (and a half walking) (taken always nearest the note before, they had climbed
    /// a note a bar to E♭3 and B2).
    @Test func risingRootsStayInTheBassRegister() throws {
        let charts = [["C", "F", "Bb", "Eb", "Ab", "Db", "Gb", "B"], ["Bm", "Bm", "D", "D", "F#m", "F#m", "Bm", "Bm"]]
        var checked = 0
        for (names, keyName) in zip(charts, ["C", "Bm"]) {
            let chords = try names.enumerated().map { ChordChange(start: $0 * 3840, chord: try Chord(parsing: $1)) }
            let context = LineContext(section: "chorus", key: try Key(parsing: keyName), meter: .fourFour, bars: names.count, chords: chords)
            for style in [BassStyle.root, .rootFifth, .walking] {
                for seed in UInt64(1)...10 {
                    for suggestion in try BassGenerator.suggest(style: style, count: 2, seed: seed, context: context) {
                        let roots = try #require(suggestion.notes).filter { $0.start % 3840 == 0 }.map(\.pitch.midi)
                        checked += roots.count
                        // A walking line roams between its roots, and may reach D♭3 as it walks.
                        let (top, span) = style == .walking ? (50, 18) : (45, 16)
                        #expect(roots.allSatisfy { (28...top).contains($0) } && (roots.max() ?? 0) - (roots.min() ?? 0) <= span,
                                "\(style) seed \(seed) over \(names): \(roots)")
                    }
                }
            }
        }
        #expect(checked >= 900)
    }

    /// Every bass note on a chord's own place is a tone of the chord (the fifth is the chord's
    /// fifth: E♭ under Adim7, D♯ under Gaug), and a tone from outside the key is spelled as
    /// the chord spells it (B under Bdim7, not C♭).
    @Test func theBassPlaysEachChordsOwnFifthAndSpelling() throws {
        let context = try colouredContext()
        var checked = 0
        for style in BassStyle.allCases where style != .pedal && style != .walking {
            for seed in UInt64(1)...6 {
                for suggestion in try BassGenerator.suggest(style: style, count: 2, seed: seed, context: context) {
                    for (index, note) in try #require(suggestion.notes).enumerated() {
                        guard let chord = context.chord(at: note.start) else { continue }
                        let next = try #require(suggestion.notes).dropFirst(index + 1).first
                        let approach = note.duration <= 480 && next.map { context.chord(at: $0.start) != chord } == true
                        if !approach {
                            checked += 1
                            #expect(chord.pitchClasses.contains(note.pitch.midi % 12), "\(style) seed \(seed): \(note.pitch) under \(chord)")
                        }
                        if let tone = chord.tones.first(where: { $0.pitchClass == note.pitch.midi % 12 }),
                           !context.key.scale.notes.contains(where: { $0.pitchClass == tone.pitchClass }) {
                            #expect(note.pitch.name == tone, "\(style): \(note.pitch) under \(chord) at \(note.start) vel \(note.velocity)")
                        }
                    }
                }
            }
        }
        #expect(checked > 200)
    }

    /// A chromatic approach note is spelled as it leads into the next root: B into C and
    /// F♯ into G in E♭ (not C♭ and G♭), A into B♭, D♭ into C from above.
    @Test func anApproachNoteIsSpelledAsItLeads() throws {
        let names = ["Eb", "Cm", "Ab", "G7", "Cm", "F7", "Bb7", "Eb", "Gm", "C7", "Fm", "Bb7"]
        let chords = try names.enumerated().map { ChordChange(start: $0 * 3840, chord: try Chord(parsing: $1)) }
        let key = try Key(parsing: "Eb")
        let context = LineContext(section: "verse", key: key, meter: .fourFour, bars: names.count, chords: chords)
        var approaches = 0
        // Each line's reasons say how it moves: a pedal struck at each bar line, a walking
        // line every beat (a pedal had been said to follow the harmonic rhythm).
        let pedal = try #require(try BassGenerator.suggest(style: .pedal, count: 1, seed: 1, context: context).first)
        #expect(pedal.reasons.contains("struck again at each bar line, whatever the chords do"), "\(pedal.reasons)")
        let walking = try #require(try BassGenerator.suggest(style: .walking, count: 1, seed: 1, context: context).first)
        #expect(walking.reasons.contains("a note every beat, the chords' changes on the beat"), "\(walking.reasons)")
        for style in BassStyle.allCases where style != .pedal {
            for seed in UInt64(1)...8 {
                for suggestion in try BassGenerator.suggest(style: style, count: 2, seed: seed, context: context) {
                    let notes = try #require(suggestion.notes)
                    for (note, next) in zip(notes, notes.dropFirst()) {
                        let pitchClass = note.pitch.midi % 12
                        guard let chord = context.chord(at: note.start), let target = context.chord(at: next.start), target != chord,
                              !key.scale.notes.contains(where: { $0.pitchClass == pitchClass }),
                              !chord.pitchClasses.contains(pitchClass) else { continue }
                        let distance = (pitchClass - target.bassNote.pitchClass + 12) % 12
                        guard [1, 2, 11].contains(distance) else { continue }
                        approaches += 1
                        // A into A♭ from above stays A: B𝄫 would need a double flat.
                        let letter = target.bassNote.letter.advanced(by: distance == 11 ? -1 : 1)
                        guard let name = NoteName.spelling(letter, as: pitchClass), abs(name.accidental.rawValue) < 2 else { continue }
                        #expect(note.pitch.name == name, "\(style) seed \(seed): \(note.pitch) into \(target)")
                    }
                }
            }
        }
        #expect(approaches > 20)
    }

    /// No melody note on a strong beat or held a beat sings the third a suspended chord
    /// leaves out: over 40 seeds of the coloured chart, no D or D♭ under B♭7sus4 and no G or
    /// G♭ under E♭sus4 there, and no G♭ under E♭sus2.
    @Test func theMelodyLeavesASuspendedChordsThirdOut() throws {
        let context = try colouredContext()
        var checked = 0
        for seed in UInt64(1)...40 {
            let request = MelodyRequest(mood: [.hopeful, .tense, .energetic, .sad][Int(seed) % 4], low: 60, high: 79, density: 0.7, count: 1, seed: seed)
            for suggestion in try MelodyGenerator.suggest(request, context: context) {
                for note in try #require(suggestion.notes) {
                    guard let chord = context.chord(at: note.start), chord.quality.symbol.contains("sus") else { continue }
                    guard Harmonizer.isStrong(note.start, meter: context.meter) || note.duration >= 960 else { continue }
                    checked += 1
                    let third = (note.pitch.midi - chord.root.pitchClass + 120) % 12
                    let leftOut = chord.quality.symbol.contains("sus4") ? [3, 4] : [3]
                    #expect(!leftOut.contains(third), "seed \(seed): \(note.pitch) at \(note.start) under \(chord)")
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func walkingBassMovesEveryBeatAndApproachesEachChange() throws {
        for context in try contexts() {
            for suggestion in try BassGenerator.suggest(style: .walking, count: 2, seed: 9, context: context) {
                guard suggestion.kind == .bass, let notes = suggestion.notes else { continue }
                let beats = context.bars * context.meter.beatsPerBar
                #expect(notes.count >= beats, "\(context.section): \(notes.count) notes for \(beats) beats")
                for change in context.chords.dropFirst() {
                    guard let chord = change.chord, let arrival = notes.first(where: { $0.start == change.start }),
                          let before = notes.last(where: { $0.start < change.start }) else { continue }
                    #expect(arrival.pitch.midi % 12 == chord.bassNote.pitchClass)
                    #expect(abs(arrival.pitch.midi - before.pitch.midi) <= 2 || before.pitch.midi % 12 == arrival.pitch.midi % 12,
                            "\(context.section) into \(chord): \(before.pitch) → \(arrival.pitch)")
                }
                #expect(notes.allSatisfy { BassGenerator.range.contains($0.pitch.midi) })
            }
        }
    }

    /// A walking line over a 12-bar blues in F: beat 3 of every bar a tone of its chord
    /// (A under B♭7 had sounded there), every note between a step of the scale the chord
    /// makes of the key, and the last beat a step from F, the top of the form it goes back to
    /// (bar 12 had walked C2 A1 C2 A1 and jumped to F2).
    @Test func aWalkingBluesSoundsItsChordsOnBeatThreeAndLeadsBackToTheTop() throws {
        let symbols = ["F7", "Bb7", "F7", "F7", "Bb7", "Bb7", "F7", "D7", "Gm7", "C7", "F7", "C7"]
        let chords = try symbols.enumerated().map { ChordChange(start: $0.offset * 3840, chord: try Chord(parsing: $0.element)) }
        let context = LineContext(section: "head", key: try Key(parsing: "F"), meter: .fourFour, bars: 12, chords: chords)
        var lines = 0
        for seed in UInt64(1)...20 {
            for suggestion in try BassGenerator.suggest(style: .walking, count: 2, seed: seed, context: context) {
                let notes = try #require(suggestion.notes)
                for note in notes where note.start % 3840 == 1920 {
                    let chord = try #require(context.chord(at: note.start))
                    #expect(chord.pitchClasses.contains(note.pitch.midi % 12), "seed \(seed): \(note.pitch) on beat 3 of bar \(note.start / 3840 + 1) under \(chord)")
                }
                for note in notes where note.start % 960 == 0 && note.start % 1920 != 0 {
                    let chord = try #require(context.chord(at: note.start))
                    let local = MelodyGenerator.scale(context.key, under: chord)
                    let next = notes.first { $0.start > note.start }?.pitch.midi ?? 41
                    let approach = abs(next % 12 - note.pitch.midi % 12) <= 2 || abs(next % 12 - note.pitch.midi % 12) >= 10
                    #expect(local.contains(note.pitch.midi % 12) || approach, "seed \(seed): \(note.pitch) under \(chord)")
                }
                let last = try #require(notes.last)
                #expect(last.start == 11 * 3840 + 2880 && [4, 7].contains(last.pitch.midi % 12), "seed \(seed): the last beat \(last.pitch)")
                lines += 1
            }
        }
        #expect(lines == 40)
    }

    /// Notes outside the chord under them are approach notes: at most a beat long, on a weak
    /// place, a half or whole step from the root that follows (the tritone E1 held two
    /// beats under B♭ that 2.0 could write is what this rules out).
    @Test func approachNotesAreShortWeakAndAStepFromTheNextRoot() throws {
        var approaches = 0
        for context in try contexts() {
            for style in BassStyle.allCases where style != .pedal {
                for seed in UInt64(1)...4 {
                    for suggestion in try BassGenerator.suggest(style: style, count: 2, seed: seed, context: context) {
                        let notes = try #require(suggestion.notes)
                        for (index, note) in notes.enumerated() {
                            guard let chord = context.chord(at: note.start), !chord.pitchClasses.contains(note.pitch.midi % 12),
                                  index + 1 < notes.count else { continue }
                            approaches += 1
                            let next = notes[index + 1]
                            #expect(note.duration <= context.meter.ticksPerBeat, "\(style) \(context.section): \(note.pitch) held \(note.duration)")
                            #expect(!Harmonizer.isStrong(note.start, meter: context.meter) || style == .walking || style == .arpeggio,
                                    "\(style) \(context.section): \(note.pitch) on a strong beat at \(note.start)")
                            if context.chord(at: next.start) != chord {
                                #expect([1, 2].contains(abs(next.pitch.midi - note.pitch.midi)), "\(style): \(note.pitch) → \(next.pitch)")
                            }
                        }
                    }
                }
            }
        }
        #expect(approaches > 0)
    }

    /// A range's bounds are read as a compass is: the key's notes as the key spells them,
    /// a white key outside it natural, a black key by the signature's accidental.
    @Test func aRangeIsSpelledAsTheKeySignatureReadsIt() throws {
        let d = try Key(parsing: "D"), g = try Key(parsing: "G"), f = try Key(parsing: "F"), c = try Key(parsing: "C")
        #expect(Pitch.name(77, in: d) == "F5")    // not E#5
        #expect(Pitch.name(78, in: d) == "F#5")
        #expect(Pitch.name(61, in: g) == "C#4")   // not Db4
        #expect(Pitch.name(75, in: g) == "D#5")
        #expect(Pitch.name(71, in: f) == "B4")
        #expect(Pitch.name(66, in: f) == "Gb4")
        #expect(Pitch.name(63, in: c) == "Eb4")
    }
}
