import MusicTheory
import PropertyBased
import Testing
@testable import SongModel

@Suite("Note syntax")
struct NoteSyntaxTests {
    @Test func parsesPitchesDurationsRestsAndTies() throws {
        let notes = try NoteSyntax.parse("C5/4 Eb5/8. r/16 G4/2~ G4/8t D5", meter: .fourFour)
        #expect(notes.map(\.pitch.description) == ["C5", "Eb5", "G4", "D5"])
        #expect(notes.map(\.start) == [0, 960, 1920, 1920 + 1920 + 320])
        #expect(notes.map(\.duration) == [960, 720, 1920 + 320, 320])
    }

    /// Whole triplet groups, mixed values and triplet rests among them, are on the beat.
    @Test func wholeTripletGroupsAreTaken() throws {
        for line in ["C5/8t D5/8t E5/8t F5/4 G5/2", "C5/4t D5/8t E5/4 F5/2", "r/8t C5/8t D5/8t E5/4. F5/8 G5/2", "G4/4 C5/2t D5/2t E5/2t"] {
            #expect((try? NoteSyntax.parse(line, meter: .fourFour, wholeTriplets: true)) != nil, "\(line)")
        }
    }

    /// A bar line before the first note opens the first bar, as in a chord chart; after it
    /// the bars are checked as ever.
    @Test func aLeadingBarLineOpensTheFirstBar() throws {
        #expect(try NoteSyntax.parse("| D5/2 B4/2 | A4/1 |", meter: .fourFour) == NoteSyntax.parse("D5/2 B4/2 | A4/1 |", meter: .fourFour))
        #expect(throws: SongModelError.self) { try NoteSyntax.parse("| D5/2 | A4/1 |", meter: .fourFour) }
    }

    @Test("note errors have exact messages", arguments: [
        ("C5/4 D5/4 E5/4 | F5/4", "bar 1 \"C5/4 D5/4 E5/4\" adds up to 3 quarter notes, but a bar holds 4: fix the durations or move the | mark"),
        ("C5/3", "\"/3\" is not a duration: use /1 /2 /4 /8 /16 /32 (/64t the smallest), with . for dotted (not /32.) and t for triplet, e.g. /4 /8. /8t"),
        ("C5/32.", "\"/32.\" is not a duration: use /1 /2 /4 /8 /16 /32 (/64t the smallest), with . for dotted (not /32.) and t for triplet, e.g. /4 /8. /8t"),
        ("C5/64", "\"/64\" is not a duration: use /1 /2 /4 /8 /16 /32 (/64t the smallest), with . for dotted (not /32.) and t for triplet, e.g. /4 /8. /8t"),
        ("X5/4", "\"X5/4\" is not a note: write PITCH/DURATION such as C5/4, Eb5/8., r/2 for a rest, ~ to tie (see `help notes`)"),
        ("C5/4~ D5/4", "\"C5/4~\": a tie ~ joins two notes of the same pitch, but the next note differs; drop the ~ to play a new note"),
        ("C5/4~", "\"C5/4~\": the tie ~ has no note of the same pitch after it"),
        ("| |", "no notes given: write notes after =, e.g. `melody verse = C5/4 D5/4 E5/2`"),
        // An octave MIDI has no room for is out of range, as G#9 is (it had been "not a note").
        ("C10/4", "\"C10\" is outside the MIDI range C-1…G9: octave 4 holds middle C (C4), so try C4 or C5"),
        ("C-2/4", "\"C-2\" is outside the MIDI range C-1…G9: octave 4 holds middle C (C4), so try C4 or C5"),
        // Triplets that do not fill their group leave the line off the beat (it had been taken
        // and run a third of a beat over every bar line after); a count says its fraction.
        ("C4/4t D4/4t E4/4 F4/2", "\"E4/4\" would start off the beat: the triplets before it (\"C4/4t D4/4t\") do not fill their group — triplets come three in the time of two; add one more /4t, or write them without t"),
        ("G4/4 C5/8t D5/8t", "the line would end off the beat: the triplets before it (\"C5/8t D5/8t\") do not fill their group — triplets come three in the time of two; add one more /8t, or write them without t"),
        ("C5/2t D5/4 E5/4", "\"D5/4\" would start off the beat: the triplets before it (\"C5/2t\") do not fill their group — triplets come three in the time of two; add 2 more /2t, or write them without t"),
        ("C5/4 D5/4 E5/4 F5/8. | G5/1", "bar 1 \"C5/4 D5/4 E5/4 F5/8.\" adds up to 3 3/4 quarter notes, but a bar holds 4: fix the durations or move the | mark"),
        ("C5/4 D5/4t E5/4t F5/4t G5/4t | A5/1", "bar 1 \"C5/4 D5/4t E5/4t F5/4t G5/4t\" adds up to 3 2/3 quarter notes, but a bar holds 4: fix the durations or move the | mark"),
    ])
    func errors(text: String, message: String) {
        do {
            _ = try NoteSyntax.parse(text, meter: .fourFour, wholeTriplets: true)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func formatsBarsWithRestsAndTiesAcrossBarLines() throws {
        let notes = try NoteSyntax.parse("r/2 C5/1 D5/2", meter: .fourFour)
        #expect(NoteSyntax.format(notes, bars: 3, meter: .fourFour) == ["r/2 C5/2~", "C5/2 D5/2", "r/1"])
    }

    /// Found by the note fuzzer: a whole-note triplet and thirty-seconds put a note 20
    /// ticks before a bar line, a piece no value could write; the values are now all on
    /// a 40-tick grid, with the sixty-fourth triplet for the smallest piece.
    @Test func aMelodyOffTheBeatGridWritesBackExactly() throws {
        let text = "C5/1 C5/2 C5/1 C4/1t R F3/32 G4/8 F4  r F4 F4 C1 R F4/32 G4/4 F4  r F4 F4"
        let notes = try NoteSyntax.parse(text, meter: .fourFour)
        let written = NoteSyntax.format(notes, bars: 7, meter: .fourFour)
        #expect(try NoteSyntax.parse(written.joined(separator: " | "), meter: .fourFour) == notes)
        #expect(written.joined(separator: " | ").contains("64t"))
    }

    @Test("format then parse gives the same notes, property")
    func roundTrip() async {
        let pitches = Gen<Int>.int(in: 48...84)
        // Lengths on the 32nd-note grid, as typed melodies fall; triplets are checked
        // in whole groups by `tripletGroupsRoundTrip`.
        let lengths = Gen<Int?>.element(of: [120, 240, 360, 480, 720, 960, 1440, 1920, 2880, 3840])
        let rests = Gen<Int?>.element(of: [0, 0, 0, 120, 240, 480, 960])
        let notes = zip(pitches, lengths, rests).array(of: 1...24)
        await propertyCheck(count: 200, input: notes) { spec in
            var cursor = 0
            var written: [Note] = []
            for (midi, length, rest) in spec {
                guard let length, let rest, let pitch = try? Pitch(midi: midi) else { continue }
                cursor += rest
                written.append(Note(start: cursor, duration: length, pitch: pitch))
                cursor += length
            }
            let bars = max(1, (cursor + 3839) / 3840)
            let text = NoteSyntax.format(written, bars: bars, meter: .fourFour).joined(separator: " | ")
            let parsed = try? NoteSyntax.parse(text, meter: .fourFour)
            // Adjacent notes of one pitch stay apart: only ~ joins, and format writes ~
            // only inside one note.
            #expect(parsed == written, "\(text)")
        }
    }

    @Test func tripletGroupsRoundTrip() throws {
        let text = "C5/8t D5/8t E5/8t F5/4t G5/4t A5/4t B5/4 | B5/2t C6/2t D6/2t"
        let notes = try NoteSyntax.parse(text, meter: .fourFour)
        let written = NoteSyntax.format(notes, bars: 2, meter: .fourFour)
        #expect(written == ["C5/8t D5/8t E5/8t F5/4t G5/4t A5/4t B5/4", "B5/2t C6/2t D6/2t"])
        #expect(try NoteSyntax.parse(written.joined(separator: " | "), meter: .fourFour) == notes)
    }
}
