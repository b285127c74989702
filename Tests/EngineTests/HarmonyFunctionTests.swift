import MusicTheory
import SongModel
import Testing
@testable import Engine

/// A chord's function is named as moving somewhere only where the chart's next chord is
/// where it leads: an outside audit found "secondary dominant (V7/IV): leans into the next
/// chord" of an E7 that went to D7, "leads a half step up to B♭" of an A°7 that went to
/// E♭m, and "tritone substitute: a dominant a half step above A♭" of a Gm7.
@Suite("Chord functions read with the chord after")
struct HarmonyFunctionTests {
    func function(_ symbol: String, next: String?, in key: String) throws -> String {
        HarmonyReasons.function(of: try Chord(parsing: symbol), next: try next.map { try Chord(parsing: $0) }, in: try Key(parsing: key))
    }

    @Test func aMovingChordIsNamedSoOnlyWhereItGoesThere() throws {
        #expect(try function("E7", next: "Am", in: "C") == "secondary dominant (V7/vi): leans into the next chord")
        #expect(try function("E7", next: "F", in: "C") == "a dominant from outside the key (the shape of V7/vi), here moving to F")
        #expect(try function("C#dim7", next: "Dm", in: "C") == "passing diminished 7th: leads a half step up to D")
        #expect(try function("C#dim7", next: "C", in: "C") == "a diminished 7th from outside the key, here moving to C")
        #expect(try function("Db7", next: "C", in: "C") == "tritone substitute: a dominant a half step above C, into it")
        #expect(try !function("Db7", next: "F", in: "C").contains("tritone"))
        #expect(try !function("Gm7", next: "Fadd9", in: "D dorian").contains("tritone"))
        #expect(try function("G", next: "C", in: "C") == "diatonic")
        let chart = try ["E7", "Am", "E7", "F"].map { try Chord(parsing: $0) }
        #expect(try HarmonyReasons.functions(of: chart, in: Key(parsing: "C")).map { $0.hasPrefix("secondary") } == [true, false, false, false])
    }
}

/// A bass lead-in is "a step away" only where it is a step from the note the change is
/// played on: an octave line's G2 into F♯1 (a step from F♯ by name, a leap as heard) had
/// been counted.
@Suite("Bass lead-ins counted as heard")
struct BassLeadInTests {
    @Test func aLeadInAnOctaveAwayIsNoStep() throws {
        let chords = [ChordChange(start: 0, chord: try Chord(parsing: "G")), ChordChange(start: 3840, chord: try Chord(parsing: "F#m"))]
        let context = LineContext(section: "verse", key: try Key(parsing: "D"), meter: .fourFour, bars: 2, chords: chords)
        func line(_ arrival: String) throws -> [Note] {
            [Note(start: 0, duration: 3360, pitch: try Pitch(parsing: "G2"), velocity: 100),
             Note(start: 3360, duration: 480, pitch: try Pitch(parsing: "G2"), velocity: 84),
             Note(start: 3840, duration: 3840, pitch: try Pitch(parsing: arrival), velocity: 100)]
        }
        #expect(BassGenerator.approaches(try line("F#2"), context: context, within: 480, weak: true) == (1, 1))
        #expect(BassGenerator.approaches(try line("F#1"), context: context, within: 480, weak: true) == (0, 1))
    }
}
