import MusicTheory
import SongModel
import Testing
@testable import Engine

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
