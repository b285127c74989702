import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

/// Asking for several variations by one technique gives different ones, or says there
/// are fewer; a re-rhythm keeps the line's length.
@Suite("Variations differ")
struct VariationTests {
    func verse() throws -> (notes: [Note], context: LineContext) {
        let song = try exampleSong("rain-on-glass")
        let verse = try #require(song.section(named: "verse"))
        return (try #require(verse.melody?.notes), LineContext(song: song, section: verse))
    }

    @Test("three of one technique are three different lines", arguments: Technique.allCases.filter { $0 != .refit })
    func distinct(technique: Technique) throws {
        let (source, context) = try verse()
        let found = Variations.suggest(source: source, sourceName: "verse", technique: technique, count: 3, seed: 4, context: context)
        let lines = found.compactMap(\.notes)
        #expect(lines.count == 3, "\(technique)")
        #expect(Set(lines.map { $0.map { "\($0.start)/\($0.duration)/\($0.pitch.midi)" }.joined(separator: " ") }).count == lines.count)
    }

    /// An AA line: the verse's first four bars, and the same four again.
    func aaLine() throws -> (line: [Note], firstA: [Note], context: LineContext) {
        let (verse, context) = try verse()
        let bar = context.meter.ticksPerBar
        let firstA = verse.filter { $0.start < 4 * bar }
        let line = firstA + firstA.map { note in
            var again = note
            again.start += 4 * bar
            return again
        }
        return (line, firstA, context)
    }

    @Test func aRefitIsOneLineAndSaysSo() throws {
        let (source, context) = try verse()
        #expect(Variations.suggest(source: source, sourceName: "verse", technique: .refit, count: 3, seed: 4, context: context).count == 1)
    }

    @Test func aReRhythmKeepsEveryNoteInItsBar() throws {
        let (source, context) = try verse()
        let bar = context.meter.ticksPerBar
        for seed in UInt64(1)...20 {
            var generator = SeededGenerator(seed: seed)
            let variation = Variations.vary(source, technique: .rerhythm, amount: 1, context: context, generator: &generator)
            #expect(variation.raw.count == source.count)
            #expect(variation.raw.map { $0.start / bar } == source.sorted { $0.start < $1.start }.map { $0.start / bar })
            #expect(variation.raw.allSatisfy { $0.start / bar == ($0.end - 1) / bar })
        }
    }

    /// A figure the source sings twice comes back twice in its re-rhythm: an AA line (the
    /// verse's first four bars sung again) re-rhythmed keeps its second A's bars in the
    /// rhythms its first A's took (drawn afresh each bar, none had come back).
    @Test func aReRhythmBringsBackWhatTheSourceBroughtBack() throws {
        let (source, firstA, context) = try aaLine()
        let bar = context.meter.ticksPerBar
        #expect(Set(source.map { $0.start / bar }).count == 2 * Set(firstA.map { $0.start / bar }).count)
        for seed in UInt64(1)...10 {
            var generator = SeededGenerator(seed: seed)
            let variation = Variations.vary(source, technique: .rerhythm, amount: 1, context: context, generator: &generator)
            func rhythm(_ index: Int) -> [Ticks] {
                variation.raw.filter { $0.start / bar == index }.flatMap { [$0.start - index * bar, $0.duration] }
            }
            for index in 0..<4 {
                #expect(rhythm(index) == rhythm(index + 4), "seed \(seed), bar \(index + 1)")
            }
            #expect(Set((0..<4).map(rhythm)).count > 1 || firstA.count < 8, "seed \(seed): the bars of one A differ")
        }
    }

    /// A real transposition says how many of its notes moved after the shift (onto the
    /// chords' tones, into the key), as its notes show: it had said "every interval kept
    /// except where a note was brought into the key" of a line whose strong beats the refit
    /// had also moved.
    @Test func aRealTranspositionCountsTheNotesItMoved() throws {
        let (source, context) = try verse()
        let sorted = source.sorted { $0.start < $1.start }
        var moved = 0
        for amount in 1...3 {
            var generator = SeededGenerator(seed: 4)
            let variation = Variations.vary(source, technique: .realTranspose, amount: amount, context: context, generator: &generator)
            let how = try #require(variation.how)
            let semitones = [2, 5, -3][amount - 1]
            let changed = zip(sorted, variation.notes.sorted { $0.start < $1.start }).filter { $1.pitch.midi != $0.pitch.midi + semitones }.count
            #expect(variation.notes.count == sorted.count)
            if changed == 0 {
                #expect(how.hasSuffix("every interval kept"), "\(how)")
            } else {
                #expect(how.contains("then \(changed) of its \(sorted.count) notes moved"), "\(how): \(changed) moved")
                moved += 1
            }
        }
        #expect(moved > 0)
    }

    /// An augmentation longer than the section says how many of the line's notes it kept
    /// ("every duration doubled" had been said of a line that kept 7 of its 13 notes).
    @Test func anAugmentationSaysWhatTheSectionKept() throws {
        let (source, _, context) = try aaLine()
        var generator = SeededGenerator(seed: 4)
        let doubled = Variations.vary(source, technique: .augment, amount: 1, context: context, generator: &generator)
        #expect(doubled.notes.count < source.count)
        #expect(doubled.how?.hasSuffix("; the first \(doubled.notes.count) of its \(source.count) notes, as many as the section holds") == true, "\(doubled.how ?? "")")
    }

    /// Energy, mood and style mean what they mean on every request: how busy (notes a beat
    /// against the source), which way the line leans, which ways of varying come first.
    @Test func energyMoodAndStyleLeanTheVariations() throws {
        let (source, context) = try verse()
        let sourceRate = Variations.notesPerBeat(source, meter: context.meter)
        let sourceMean = Double(source.map(\.pitch.midi).reduce(0, +)) / Double(source.count)
        func lines(_ leaning: VariationLeaning, seed: UInt64, technique: Technique? = nil) -> [Suggestion] {
            Variations.suggest(source: source, sourceName: "verse", technique: technique, leaning: leaning, count: 3, seed: seed, context: context)
        }
        for seed in UInt64(1)...6 {
            let busy = lines(VariationLeaning(energy: 0.95), seed: seed).compactMap(\.notes)
            let calm = lines(VariationLeaning(energy: 0.05), seed: seed).compactMap(\.notes)
            #expect(busy.count == 3 && calm.count == 3)
            #expect(busy.allSatisfy { Variations.notesPerBeat($0, meter: context.meter) > sourceRate * 1.1 }, "seed \(seed)")
            #expect(calm.allSatisfy { Variations.notesPerBeat($0, meter: context.meter) <= sourceRate }, "seed \(seed)")
            for (mood, sign) in [(Mood.sad, -1.0), (.triumphant, 1.0)] {
                let first = try #require(lines(VariationLeaning(mood: mood), seed: seed).first?.notes)
                let shift = Double(first.map(\.pitch.midi).reduce(0, +)) / Double(first.count) - sourceMean
                #expect(shift * sign >= 0, "\(mood) seed \(seed): shift \(shift)")
            }
            for style in MelodyStyle.allCases {
                let found = lines(VariationLeaning(style: style), seed: seed)
                let techniques = found.compactMap { $0.origin.parameters?["technique"].flatMap(Technique.named) }
                #expect(techniques.allSatisfy(VariationLeaning.techniques(of: style).contains), "\(style): \(techniques)")
                #expect(found.allSatisfy { $0.origin.parameters?["style"] == style.rawValue })
            }
        }
        // No leaning: the output a request without these options always gave.
        #expect(lines(VariationLeaning(), seed: 4).map(\.label)
                == Variations.suggest(source: source, sourceName: "verse", technique: nil, count: 3, seed: 4, context: context).map(\.label))
        // One technique and an energy: its busiest forms first at high energy.
        let ornaments = lines(VariationLeaning(energy: 1), seed: 2, technique: .ornament)
        #expect(ornaments.count == 3 && ornaments.allSatisfy { $0.origin.parameters?["technique"] == "ornament" })
    }
}

/// Every variation is checked against the chords under it: no note between the strong
/// beats leaves the key to clash with its chord, and a note from outside the key is
/// spelled as it leads.
@Suite("Variations sit on their chords")
struct VariationChordTests {
    @Test func noVariationLeavesTheKeyToClashAndChromaticNotesAreSpelledAsTheyLead() throws {
        var song = Song(title: "Sit", authors: ["t"], key: try Key(parsing: "Eb"), tempo: 100, meter: .fourFour)
        try song.addSection("verse", bars: 4)
        let chart = try ["Eb", "Cm", "Ab", "Bb"].map { [try Chord(parsing: $0) as Chord?] }
        _ = try song.writeChords("verse", bars: chart, author: "t", at: Date(timeIntervalSince1970: 0))
        let source = try NoteSyntax.parse("G4/4 Bb4/4 Eb5/4 D5/4 | C5/4 Bb4/4 G4/4 Eb4/4 | Ab4/4 C5/4 Eb5/4 C5/4 | Bb4/2 D5/2", meter: .fourFour)
        _ = try song.writeLine(.melody, "verse", notes: source, author: "t", at: Date(timeIntervalSince1970: 0))
        let context = LineContext(song: song, section: try #require(song.section(named: "verse")))
        let key = context.key.diatonicPitchClasses
        var clashes: [String] = [], misspelled: [String] = [], broughtIn = 0
        for technique in Technique.allCases {
            for form in 1...3 {
                for seed in UInt64(1)...4 {
                    var generator = SeededGenerator(seed: seed)
                    let variation = Variations.vary(source, technique: technique, amount: form, context: context, generator: &generator)
                    broughtIn += variation.broughtIn.count
                    for (index, note) in variation.notes.enumerated() {
                        let pitchClass = note.pitch.midi % 12
                        guard !key.contains(pitchClass), let chord = context.chord(at: note.start),
                              !chord.pitchClasses.contains(pitchClass) else { continue }
                        if Substitutions.clashes(pitchClass, with: chord) { clashes.append("\(technique) \(form): \(note.pitch) over \(chord)") }
                        if index + 1 < variation.notes.count {
                            let next = variation.notes[index + 1].pitch
                            let step = abs(next.midi - note.pitch.midi)
                            let letters = abs(next.name.letter.rawValue - note.pitch.name.letter.rawValue)
                            if step == 1 && !(letters == 1 || letters == 6) { misspelled.append("\(technique) \(form): \(note.pitch) into \(next)") }
                        }
                    }
                }
            }
        }
        #expect(clashes.isEmpty, "\(clashes.prefix(6))")
        #expect(misspelled.isEmpty, "\(misspelled.prefix(6))")
        // The real transpositions and inversions of this line leave the key: some notes were brought in.
        #expect(broughtIn > 0)
    }
}

extension VariationChordTests {
    /// Every note a variation sounds on a strong beat — begun there or held through it —
    /// is a tone of the chord there. A displaced line had tied E5 through a C minor
    /// downbeat (and A4 over Em7, A4 over Csus4) under the reason "refitted so the notes on
    /// strong beats are tones of the chords under them"; a songwriter's check found it.
    /// (A second verse, in C with the chords changing at beat 3 and notes held across the
    /// bar lines: a check found displace and augment still holding a note through a change
    /// into F and G7 with variation 2.8.)
    @Test(arguments: [("G", [["Em7"], ["Cm"], ["G/B", "D"], ["Csus4"]], "B4/4. A4/8 G4/4 E5/4 | Eb5/2 G4/4 C5/4 | B4/4 D5/4 A4/2 | G4/2. C5/4"),
                      ("C", [["C", "G"], ["F"], ["Am", "G7"], ["C", "F"], ["Dm", "G7"], ["Em", "Am"], ["F", "G7"], ["C"]],
                       "E5/2 D5/4 G4/4~ | G4/2 A4/4 C5/4~ | C5/2 B4/2 | C5/4 E5/4 A4/2~ | A4/4 F4/4 G4/2 | E4/2. A4/4 | F4/4 A4/4 C5/4 B4/4~ | B4/4 C5/2.")])
    func everyNoteHeardOnAStrongBeatIsAToneOfItsChord(_ key: String, _ bars: [[String]], _ line: String) throws {
        var song = Song(title: "Held", authors: ["t"], key: try Key(parsing: key), tempo: 96, meter: .fourFour)
        try song.addSection("verse", bars: bars.count)
        let chart = try bars.map { try $0.map { try Chord(parsing: $0) as Chord? } }
        _ = try song.writeChords("verse", bars: chart, author: "t", at: Date(timeIntervalSince1970: 0))
        let source = try NoteSyntax.parse(line, meter: .fourFour)
        _ = try song.writeLine(.melody, "verse", notes: source, author: "t", at: Date(timeIntervalSince1970: 0))
        let context = LineContext(song: song, section: try #require(song.section(named: "verse")))
        var heard = 0, wrong: [String] = []
        for technique in Technique.allCases {
            for form in 1...3 {
                for seed in UInt64(1)...4 {
                    var generator = SeededGenerator(seed: seed)
                    let notes = Variations.vary(source, technique: technique, amount: form, context: context, generator: &generator).notes
                    for beat in stride(from: 0, to: bars.count * 3840, by: 1920) {
                        guard let note = notes.first(where: { $0.start <= beat && $0.end > beat }), let chord = context.chord(at: beat) else { continue }
                        heard += 1
                        if !chord.pitchClasses.contains(note.pitch.midi % 12) { wrong.append("\(technique) \(form) seed \(seed): \(note.pitch) over \(chord) at \(beat) [\(notes.map { "\($0.pitch)@\($0.start)+\($0.duration)" })]") }
                    }
                }
            }
        }
        #expect(heard > 300)
        #expect(wrong.isEmpty, "\(wrong.count): \(wrong.prefix(6))")
    }

    /// An ornament's neighbour is a step from the note it decorates, also where that note
    /// was refitted onto the chord (a D♯ on the beat over F♯ moved to C♯ once kept its
    /// upper neighbour E♯, a third away).
    @Test func anOrnamentsNeighbourIsAStepFromTheNoteItDecorates() throws {
        var song = Song(title: "Turn", authors: ["t"], key: try Key(parsing: "F#"), tempo: 82, meter: .fourFour)
        try song.addSection("verse", bars: 2)
        _ = try song.writeChords("verse", bars: [[try Chord(parsing: "F#")], [try Chord(parsing: "B")]], author: "t", at: Date(timeIntervalSince1970: 0))
        let source = try NoteSyntax.parse("D#4/2 C#4/4 A#3/4 | A#3/4 D#4/4 C#4/4 C#4/4", meter: .fourFour)
        _ = try song.writeLine(.melody, "verse", notes: source, author: "t", at: Date(timeIntervalSince1970: 0))
        let context = LineContext(song: song, section: try #require(song.section(named: "verse")))
        for form in 1...3 {
            var generator = SeededGenerator(seed: 1)
            let notes = Variations.vary(source, technique: .ornament, amount: form, context: context, generator: &generator).notes
            // Each sixteenth is a neighbour of the longer note sounding before it.
            for (index, note) in notes.enumerated() where note.duration == 240 && index > 0 {
                let main = notes[..<index].last { $0.duration > 240 }!
                #expect(abs(note.pitch.midi - main.pitch.midi) <= 2, "form \(form): \(note.pitch) after \(main.pitch)")
            }
        }
        // Over E7 in A minor the scale's step below G♯ is G, the third E7 does not have: F♯ instead.
        var minor = Song(title: "Minor", authors: ["t"], key: try Key(parsing: "Am"), tempo: 90, meter: .fourFour)
        try minor.addSection("verse", bars: 1)
        _ = try minor.writeChords("verse", bars: [[try Chord(parsing: "E7")]], author: "t", at: Date(timeIntervalSince1970: 0))
        let line = try NoteSyntax.parse("G#4/2 B4/2", meter: .fourFour)
        _ = try minor.writeLine(.melody, "verse", notes: line, author: "t", at: Date(timeIntervalSince1970: 0))
        let minorContext = LineContext(song: minor, section: try #require(minor.section(named: "verse")))
        var generator = SeededGenerator(seed: 1)
        let lower = Variations.vary(line, technique: .ornament, amount: 2, context: minorContext, generator: &generator).notes
        // The neighbour comes back to G♯4, and the close, B4, is left as it is (2.20 had
        // ended the line on a sixteenth A4).
        #expect(lower.map(\.pitch.description) == ["G#4", "F#4", "G#4", "B4"])
        #expect(lower.last?.duration == 1920)
    }
}
