import Testing
@testable import MusicTheory

@Suite("Pitch and note names")
struct PitchTests {
    @Test("scientific pitch maps to MIDI", arguments: [
        ("C4", 60), ("A4", 69), ("Eb5", 75), ("D#5", 75), ("F#3", 54), ("Cb4", 59), ("B#3", 60),
        ("C-1", 0), ("G9", 127), ("Bb0", 22), ("E♭5", 75), ("F♯2", 42), ("Ebb4", 62),
    ])
    func midi(text: String, midi: Int) throws {
        #expect(try Pitch(parsing: text).midi == midi)
    }

    @Test("bad pitches are refused with the rule", arguments: ["H4", "c4", "C", "C10", "C#", "4", "", "Cx4", "G#9"])
    func badPitch(text: String) {
        #expect(throws: MusicTheoryError.self) { try Pitch(parsing: text) }
    }

    @Test func outOfRangeIsNamed() {
        #expect(throws: MusicTheoryError.pitchOutOfRange("G#9")) { try Pitch(parsing: "G#9") }
        #expect(throws: MusicTheoryError.pitchOutOfRange("C10")) { try Pitch(parsing: "C10") }
        #expect(throws: MusicTheoryError.pitchOutOfRange("Bb-2")) { try Pitch(parsing: "Bb-2") }
    }

    @Test("spelling is kept, not normalised")
    func spellingKept() throws {
        #expect(try Pitch(parsing: "D#5").description == "D#5")
        #expect(try Pitch(parsing: "Eb5").description == "Eb5")
    }

    @Test("transposing spells by letter", arguments: [
        ("C4", Interval.m3, "Eb4"), ("F#4", .M7, "E#5"), ("B3", .m2, "C4"), ("E4", .A4, "A#4"), ("Bb3", .M3, "D4"),
    ])
    func transpose(from: String, by interval: Interval, to: String) throws {
        #expect(try Pitch(parsing: from).transposed(by: interval).description == to)
    }

    @Test("intervals between note names", arguments: [
        ("C", "Eb", Interval.m3), ("C", "D#", .A2), ("F#", "C", .d5), ("B", "F", .d5), ("E", "C", .m6), ("A", "G", .m7),
    ])
    func between(low: String, high: String, interval: Interval) throws {
        let a = try #require(NoteName(parsing: low)), b = try #require(NoteName(parsing: high))
        #expect(Interval.between(a, b) == interval)
    }

    @Test func intervalNames() {
        #expect(Interval.m3.name == "minor third")
        #expect(Interval.P5.name == "perfect fifth")
        #expect(Interval.A4.name == "augmented fourth")
        #expect(Interval.d7.semitones == 9)
    }
}
