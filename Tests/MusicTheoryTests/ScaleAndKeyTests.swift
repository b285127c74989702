import PropertyBased
import Testing
@testable import MusicTheory

@Suite("Scales and keys")
struct ScaleAndKeyTests {
    static let tonics = NoteName.all.filter { abs($0.accidental.semitones) <= 1 }

    @Test("scales spell as theory books do", arguments: [
        ("F#", "major", "F# G# A# B C# D# E#"),
        ("Db", "major", "Db Eb F Gb Ab Bb C"),
        ("C", "minor", "C D Eb F G Ab Bb"),
        ("A", "harmonic minor", "A B C D E F G#"),
        ("A", "melodic minor", "A B C D E F# G#"),
        ("D", "dorian", "D E F G A B C"),
        ("E", "phrygian", "E F G A B C D"),
        ("F", "lydian", "F G A B C D E"),
        ("G", "mixolydian", "G A B C D E F"),
        ("B", "locrian", "B C D E F G A"),
        ("C", "major pentatonic", "C D E G A"),
        ("A", "minor pentatonic", "A C D E G"),
        ("A", "blues", "A C D Eb E G"),
        ("G#", "harmonic minor", "G# A# B C# D# E F##"),
        ("Eb", "minor", "Eb F Gb Ab Bb Cb Db"),
    ])
    func spelling(tonic: String, scale: String, notes: String) throws {
        let type = try #require(ScaleType.named(scale))
        let root = try #require(NoteName(parsing: tonic))
        #expect(Scale(tonic: root, type: type).notes.map(\.description).joined(separator: " ") == notes)
    }

    @Test("every seven-note scale in every key uses each letter once")
    func eachLetterOnce() {
        for type in ScaleType.all where type.isHeptatonic {
            for tonic in Self.tonics {
                let letters = Scale(tonic: tonic, type: type).notes.map(\.letter)
                #expect(Set(letters).count == 7, "\(tonic) \(type.name): \(letters)")
            }
        }
    }

    @Test("scale pitch classes follow the intervals, property")
    func pitchClasses() async {
        await propertyCheck(input: Gen<NoteName?>.element(of: NoteName.all), Gen<ScaleType?>.element(of: ScaleType.all)) { tonic, type in
            guard let tonic, let type else { return }
            let expected = type.semitones.map { (tonic.pitchClass + $0) % 12 }
            #expect(Scale(tonic: tonic, type: type).notes.map(\.pitchClass) == expected)
        }
    }

    @Test("keys parse and print", arguments: [
        ("C", "C"), ("Cm", "Cm"), ("F#m", "F#m"), ("Bb major", "Bb"), ("A minor", "Am"), ("D dorian", "D dorian"),
        ("Ebmin", "Ebm"), ("G Mixolydian", "G mixolydian"), ("C# aeolian", "C#m"),
    ])
    func keys(text: String, printed: String) throws {
        #expect(try Key(parsing: text).description == printed)
    }

    @Test("bad keys are refused", arguments: ["H", "cm", "C blues", "C foo", ""])
    func badKeys(text: String) {
        #expect(throws: MusicTheoryError.badKey(text)) { try Key(parsing: text) }
    }

    @Test("key signatures", arguments: [("C", 0), ("G", 1), ("F#", 6), ("Db", -5), ("Cm", -3), ("F#m", 3), ("D dorian", 0), ("Cb", -7)])
    func signatures(key: String, signature: Int) throws {
        #expect(try Key(parsing: key).signature == signature)
    }
}
