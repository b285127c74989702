import PropertyBased
import Testing
@testable import MusicTheory

@Suite("Roman numerals")
struct RomanNumeralTests {
    /// The 24 major and minor keys, spelled as key signatures spell them.
    static let keys: [Key] = {
        let major = ["C", "G", "D", "A", "E", "B", "F#", "Db", "Ab", "Eb", "Bb", "F"]
        let minor = ["A", "E", "B", "F#", "C#", "G#", "Eb", "Bb", "F", "C", "G", "D"]
        return major.map { (try? Key(parsing: $0))! } + minor.map { (try? Key(parsing: $0 + "m"))! }
    }()

    @Test("numerals name chords in a key", arguments: [
        ("C", "I", "C"), ("C", "ii", "Dm"), ("C", "V7", "G7"), ("C", "vii°", "Bdim"), ("C", "♭VII", "Bb"),
        ("C", "bVII", "Bb"), ("C", "iv", "Fm"), ("C", "V/V", "D"), ("C", "V7/vi", "E7"), ("C", "IVmaj7", "Fmaj7"),
        ("Cm", "i", "Cm"), ("Cm", "♭VI", "Ab"), ("Cm", "♭III", "Eb"), ("Cm", "V7", "G7"), ("Cm", "iiø7", "Dm7b5"),
        ("F#", "IV", "B"), ("F#", "vii°", "E#dim"), ("Db", "♭VI", "A"), ("Ab", "♭VI", "E"), ("Gb", "♭VII", "E"), ("F#", "♯v°7", "Ddim7"), ("B", "♯iv°7", "Fdim7"),
        ("C#", "vii°", "B#dim"), ("Eb", "♭VI", "B"), ("Eb", "V/ii", "C"), ("A", "♭II", "Bb"),
    ])
    func numeralToChord(key: String, numeral: String, chord: String) throws {
        let key = try Key(parsing: key)
        #expect(try RomanNumeral(parsing: numeral).chord(in: key).description == chord)
    }

    @Test("chords read as numerals", arguments: [
        ("Cm", "Ab", "♭VI"), ("Cm", "Bb", "♭VII"), ("Cm", "G7", "V7"), ("C", "G#", "♯V"), ("C", "Ab", "♭VI"),
        ("C", "Bdim", "vii°"), ("C", "Fm6", "ivadd6"), ("Bb", "C6", "IIadd6"), ("G", "Cmaj7", "IVmaj7"), ("Am", "E7", "V7"), ("C", "Dm7b5", "iiø7"),
        ("Db", "A", "♭VI"), ("Ab", "E", "♭VI"), ("F#", "Ddim7", "♯v°7"), ("F#", "Cdim7", "♯iv°7"), ("F#", "D", "♭VI"),
        ("Gb", "E", "♭VII"), ("Db", "Bbb", "♭VI"), ("F#", "Fdim7", "vii°7"), ("F#", "E#dim", "vii°"), ("C#", "Cm", "vii"),
    ])
    func chordToNumeral(key: String, chord: String, numeral: String) throws {
        let key = try Key(parsing: key)
        #expect(RomanNumeral(chord: try Chord(parsing: chord), in: key)?.description == numeral)
    }

    @Test("numeral → chord → numeral is the identity in all 24 major and minor keys, but where two numerals share a root")
    func roundTripAllKeys() throws {
        #expect(Self.keys.count == 24)
        var checked = 0
        defer { #expect(checked > 24 * 7 * 2 * ChordQuality.all.count) }
        for key in Self.keys {
            for degree in 1...7 {
                for accidental in [Accidental.flat, .natural, .sharp] {
                    for quality in ChordQuality.all {
                        let numeral = RomanNumeral(degree: degree, accidental: accidental, quality: quality)
                        // A root that would need a triple sharp or flat (♯VII in G♯ minor)
                        // is respelled, as a musician would; the identity holds for the rest,
                        // but where a plain spelling gives two numerals one root (below).
                        let major = Scale(tonic: key.tonic, type: .major).notes[degree - 1]
                        guard abs(major.accidental.semitones + accidental.semitones) <= 2 else { continue }
                        let chord = numeral.chord(in: key)
                        let read = RomanNumeral(chord: chord, in: key)
                        #expect(!chord.root.isAwkward || accidental == .natural, "\(numeral) in \(key) → \(chord)")
                        if read != numeral {
                            // Two numerals, one root: A in D♭ is ♯V by its letter and ♭VI
                            // spelled plainly (B𝄫 is not written). The chart's chord comes
                            // back, read as charts use it: raised if diminished, else lowered.
                            let other = try #require(read, "\(numeral) in \(key) → \(chord) → nil")
                            if other.accidental == .natural {
                                // A scale note written plainly (F for E♯ in F♯) reads as that
                                // degree: the same sound, the scale's letter.
                                #expect(other.chord(in: key).root.pitchClass == chord.root.pitchClass && other.quality == quality,
                                        "\(numeral) in \(key) → \(chord) → \(other)")
                            } else {
                                #expect(other.chord(in: key) == chord, "\(numeral) in \(key) → \(chord) → \(other)")
                            }
                            #expect(RomanNumeral.letterRoot(degree: degree, accidental: accidental, from: key.tonic) != chord.root
                                    || RomanNumeral.letterRoot(degree: other.degree, accidental: other.accidental, from: key.tonic) != chord.root,
                                    "\(numeral) in \(key) → \(chord) → \(other): neither is a plain respelling")
                            // A diatonic reading wins (♯VII in E is spelled E: i).
                            #expect(other.accidental == .natural || (other.accidental.semitones > 0) == quality.isDiminished,
                                    "\(numeral) in \(key) → \(chord) → \(other)")
                        }
                        checked += 1
                    }
                }
            }
        }
    }

    @Test("secondary numerals round-trip through their target, in all 24 keys")
    func secondaryRoundTrip() throws {
        for key in Self.keys {
            for text in ["V/V", "V7/ii", "V7/vi", "vii°/V", "V/IV", "V7/iii"] {
                let numeral = try RomanNumeral(parsing: text)
                let chord = numeral.chord(in: key)
                let target = try #require(numeral.target)
                #expect(RomanNumeral(chord: chord, in: key, tonicizing: target) == numeral, "\(text) in \(key)")
            }
        }
    }

    @Test("parse then print is stable, property")
    func printParse() async {
        let numerals = Gen<RomanNumeral?>.element(of: Self.allNumerals)
        await propertyCheck(input: numerals) { numeral in
            guard let numeral else { return }
            #expect((try? RomanNumeral(parsing: numeral.description)) == numeral)
        }
    }

    static let allNumerals: [RomanNumeral] = (1...7).flatMap { degree in
        [Accidental.flat, .natural, .sharp].flatMap { accidental in
            ChordQuality.all.map { RomanNumeral(degree: degree, accidental: accidental, quality: $0) }
        }
    }

    @Test("bad numerals are refused", arguments: ["IIX", "v°x", "", "H", "Vi", "V/", "V/X7"])
    func bad(text: String) {
        #expect(throws: MusicTheoryError.badRomanNumeral(text)) { try RomanNumeral(parsing: text) }
    }
}

@Suite("Chart analysis")
struct ChartAnalysisTests {
    @Test("chords read on a chart", arguments: [
        ("F", "G", "V/V"), ("F", "G7", "V7/V"), ("C", "E7", "V7/vi"), ("C", "A7", "V7/ii"), ("C", "D", "V/V"),
        ("C", "C7", "V7/IV"), ("C", "Bb", "♭VII"), ("Cm", "G7", "V7"), ("Cm", "Ab", "♭VI"), ("Am", "E7", "V7"),
        ("C", "C/E", "I6"), ("C", "C/G", "I64"), ("C", "G7/B", "V65"), ("C", "G7/D", "V43"), ("C", "G7/F", "V42"),
        ("Am", "Am/G", "i/♭7"), ("C", "D/F#", "V6/V"), ("C", "Dm7/G", "ii7/5"), ("C", "F/C", "IV64"),
        ("C", "Em", "iii"), ("C", "G", "V"), ("C", "B7", "V7/iii"), ("C", "F#7", "♯IV7"),
        // A secondary dominant is spelled as one: C♭ sounds as B (V of iii) but reads as written.
        ("C", "Cb", "♭I"), ("C", "B", "V/iii"), ("Db", "C#7", "♯VII7"), ("Db", "Db7", "V7/IV"), ("Eb", "F", "V/V"),
    ])
    func analysis(key: String, chord: String, reading: String) throws {
        #expect(try Key(parsing: key).analysis(of: try Chord(parsing: chord)) == reading)
    }

    /// A tonic 7th leads into IV when it comes after another chord and IV follows, and is
    /// the home I7 otherwise: a quick-change 12-bar blues reads I7 IV7 I7 V7/IV | IV7 IV7
    /// I7 I7 | V7 IV7 I7 V7.
    @Test("a tonic seventh read in its place", arguments: [
        ("C", ["C7", "G7"], ["I7", "V7"]), ("C", ["G", "C7", "F"], ["V", "V7/IV", "IV"]), ("C", ["C7", "F"], ["I7", "IV"]),
        ("C", ["G7", "C7"], ["V7", "I7"]), ("C", ["Am", "C7/E", "F"], ["vi", "V65/IV", "IV"]), ("C", ["Am", "C7/E", "Am"], ["vi", "I65", "vi"]),
        ("Am", ["E7", "A7", "Dm"], ["V7", "V7/iv", "iv"]), ("Am", ["A7", "E7"], ["I7", "V7"]), ("C", ["D7", "Em"], ["V7/V", "iii"]),
        ("C", ["C", "G"], ["I", "V"]),
        // A fourth-degree 7th that does not go on to the chord a fourth above is IV7 (a
        // producer's B♭7 back to Fm7 had read V7/♭VII); one that does is its dominant.
        ("Fm", ["Fm7", "Bb7", "Fm7"], ["i7", "IV7", "i7"]), ("Fm", ["Fm7", "Bb7", "Eb"], ["i7", "V7/♭VII", "♭VII"]),
        ("Fm", ["Fm7", "Bb7", "Fm7", "Bb7"], ["i7", "IV7", "i7", "IV7"]),
        ("C", ["C7", "F7", "C7", "C7", "F7", "F7", "C7", "C7", "G7", "F7", "C7", "G7"],
         ["I7", "IV7", "I7", "V7/IV", "IV7", "IV7", "I7", "I7", "V7", "IV7", "I7", "V7"]),
        // Any dominant is a secondary dominant, extended or altered, and the ii before one
        // from outside the key is its ii.
        ("C", ["A7", "Dm7", "A7b9", "Dm7", "A7#9", "Dm7", "A7alt", "Dm7"], ["V7/ii", "ii7", "V7♭9/ii", "ii7", "V7♯9/ii", "ii7", "V7alt/ii", "ii7"]),
        ("C", ["D13", "G7", "D7", "G7"], ["V13/V", "V7", "V7/V", "V7"]),
        ("C", ["Em7b5", "A7b9", "Dm7"], ["iiø7/ii", "V7♭9/ii", "ii7"]),
        ("F", ["Gm7", "C7", "F", "Cm7", "F7", "Bb"], ["ii7", "V7", "I", "ii7/IV", "V7/IV", "IV"]),
        ("C", ["Am7", "D7", "G7"], ["vi7", "V7/V", "V7"]), ("C", ["Gm7", "C7", "Gm7", "C7"], ["v7", "I7", "v7", "I7"]),
        ("C", ["Dm7", "G7sus4", "C"], ["ii7", "V7sus4", "I"]),
    ])
    func tonicSeventh(key: String, chords: [String], readings: [String]) throws {
        #expect(try Key(parsing: key).analysis(of: chords.map { try Chord(parsing: $0) }) == readings)
    }
}

/// In minor a secondary dominant leads to the major V of harmonic minor, and is named for it.
@Suite("Secondary dominants in minor")
struct MinorSecondaryDominantTests {
    @Test func theDominantsDominantInMinorIsVOfV() throws {
        #expect(try Key(parsing: "Cm").analysis(of: try Chord(parsing: "D7")) == "V7/V")
        #expect(try Key(parsing: "Dm").analysis(of: try Chord(parsing: "E7")) == "V7/V")
        #expect(try Key(parsing: "C").analysis(of: try Chord(parsing: "D7")) == "V7/V")
        #expect(try Key(parsing: "Cm").analysis(of: try Chord(parsing: "C7")) == "V7/iv")
    }
}
