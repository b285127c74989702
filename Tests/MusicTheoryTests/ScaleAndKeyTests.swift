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

    /// Notes outside the key read as the key's degrees raised or lowered: the leading
    /// tones in minor, the raised fourth and the borrowed flats in major, the raised tonic
    /// in a line but the Neapolitan as a chord's root.
    @Test("chromatic notes spelled as the key reads them", arguments: [
        ("Dm", 61, "C#"), ("Dm", 59, "B"), ("Dm", 63, "Eb"), ("Dm", 66, "F#"), ("Dm", 68, "G#"),
        ("Bm", 70, "A#"), ("Em", 63, "D#"), ("F#m", 65, "E#"), ("Cm", 71, "B"), ("Cm", 69, "A"),
        ("C", 66, "F#"), ("C", 70, "Bb"), ("C", 63, "Eb"), ("C", 68, "Ab"), ("C", 61, "C#"),
        ("Eb", 64, "E"), ("A", 65, "F"), ("D dorian", 68, "G#"),
        // Where the reading would need a double flat or sharp, a single accidental: the
        // lowered sixth of G♭ is D, of C♭ G; the raised fourth of C♯ is G, the raised
        // seventh of D♯ minor D.
        ("Gb", 62, "D"), ("Cb", 67, "G"), ("C#", 67, "G"), ("D#m", 62, "D"), ("Gb", 64, "Fb"),
    ])
    func chromaticSpelling(key: String, midi: Int, name: String) throws {
        let spelled = Pitch.spelled(try Pitch(midi: midi), in: try Key(parsing: key))
        #expect(spelled.name.description.replacingOccurrences(of: "♯", with: "#").replacingOccurrences(of: "♭", with: "b") == name, "\(key) \(midi)")
        #expect(spelled.midi == midi)
    }

    /// Under a chord, a note from outside the key is spelled as the chord spells it, but
    /// never with a double flat or sharp: A under Cdim7 in F♯ (not B𝄫), B under Bdim7 in E♭.
    @Test func aChordsSpellingButNoDoubleAccidental() throws {
        func under(_ key: String, _ chord: String, _ midi: Int) throws -> String {
            Pitch.spelled(try Pitch(midi: midi), in: try Key(parsing: key), under: try Chord(parsing: chord)).description
        }
        #expect(try under("F#", "Cdim7", 69) == "A4")
        #expect(try under("Eb", "Bdim7", 59) == "B3")
        #expect(try under("Eb", "B", 59) == "B3")
        #expect(try under("C", "Ab", 68).hasPrefix("A") && under("C", "Ab", 68) != "A4")
    }

    @Test func aChordRootHalfAStepAboveTheTonicIsTheNeapolitan() throws {
        #expect(try Key(parsing: "C").spelling(pitchClass: 1) == NoteName(.D, .flat))
        #expect(try Key(parsing: "Dm").spelling(pitchClass: 1) == NoteName(.C, .sharp))
        #expect(try Key(parsing: "Am").spelling(pitchClass: 10) == NoteName(.B, .flat))
        // ♭VI in G♭, as a chart writes it: D, not E𝄫.
        #expect(try Key(parsing: "Gb").spelling(pitchClass: 2) == NoteName(.D, .natural))
    }

    /// No chromatic note of any key is spelled with a double accidental where a single one
    /// names it, in a line or as a chord's root (property over every key and pitch class).
    @Test func noDoubleAccidentalWhereASingleOneWillDo() throws {
        for tonic in ["C", "G", "D", "A", "E", "B", "F#", "C#", "F", "Bb", "Eb", "Ab", "Db", "Gb", "Cb"] {
            for mode in ["", "m"] {
                let key = try Key(parsing: tonic + mode)
                for pitchClass in 0..<12 where !key.scale.pitchClasses.contains(pitchClass) {
                    for root in [false, true] {
                        let name = key.chromatic(pitchClass, asChordRoot: root)
                        #expect(name.pitchClass == pitchClass)
                        #expect(abs(name.accidental.rawValue) < 2, "\(tonic + mode): \(pitchClass) spelled \(name)")
                    }
                }
            }
        }
    }
}
