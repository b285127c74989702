import PropertyBased
import Testing
@testable import MusicTheory

@Suite("Chord symbols")
struct ChordTests {
    @Test("symbols parse to the right tones", arguments: [
        ("C", "C E G"), ("Cm", "C Eb G"), ("C7", "C E G Bb"), ("Cmaj7", "C E G B"), ("Cm7", "C Eb G Bb"),
        ("Cm7b5", "C Eb Gb Bb"), ("Cdim", "C Eb Gb"), ("Cdim7", "C Eb Gb Bbb"), ("Caug", "C E G#"),
        ("Csus2", "C D G"), ("Csus4", "C F G"), ("C6", "C E G A"), ("Cm6", "C Eb G A"), ("C9", "C E G Bb D"),
        ("Cadd9", "C E G D"), ("C7sus4", "C F G Bb"), ("F#m7", "F# A C# E"), ("Bbmaj7", "Bb D F A"),
        ("Ebm", "Eb Gb Bb"), ("G#dim7", "G# B D F"), ("Cmaj9#11", "C E G B D F#"), ("C9#11", "C E G Bb D F#"), ("Cadd9#11", "C E G D F#"), ("Gadd#11", "G B D C#"), ("Cø7", "C Eb Gb Bb"), ("C°", "C Eb Gb"), ("B♭7", "Bb D F Ab"),
        ("A7b9", "A C# E G Bb"), ("A7#9", "A C# E G B#"), ("C7#11", "C E G Bb F#"), ("C7b13", "C E G Bb Ab"),
        ("G7alt", "G B F Ab A# Eb"), ("Dm11", "D F A C E G"), ("Bb13", "Bb D F Ab C G"), ("Ebm13", "Eb Gb Bb Db F C"),
        ("Fmaj13", "F A C E G D"), ("Bb6/9", "Bb D F G C"), ("Cm6/9", "C Eb G A D"), ("Bbmaj7#11", "Bb D F A E"),
        ("Cadd11", "C E G F"), ("Cmadd11", "C Eb G F"), ("C11", "C G Bb D F"), ("D9sus4", "D G A C E"),
        ("C7b5", "C E Gb Bb"), ("C7#5", "C E G# Bb"), ("F#7#9", "F# A# C# E G##"),
    ])
    func tones(symbol: String, tones: String) throws {
        #expect(try Chord(parsing: symbol).tones.map(\.description).joined(separator: " ") == tones)
    }

    /// The tone that stands for the third, and whether a chord is suspended, for every
    /// quality in the catalog: the third when there is one, else a sus chord's fourth or second.
    @Test func aChordsThirdOrWhatStandsForIt() throws {
        func third(_ symbol: String) throws -> Int? { try Chord(parsing: symbol).quality.third }
        #expect(try third("C") == 4 && third("Cm7") == 3 && third("Cdim7") == 3 && third("Cmaj9") == 4)
        #expect(try third("Csus4") == 5 && third("C7sus4") == 5 && third("Csus2") == 2)
        #expect(try third("C9sus4") == 5, "the ninth does not stand for the third where the fourth does")
        for quality in ChordQuality.all {
            let classes = Set(quality.intervals.map { $0.semitones % 12 })
            #expect(quality.isSuspended == (!classes.contains(3) && !classes.contains(4)), "\(quality.symbol)")
            if let third = quality.third { #expect(classes.contains(third)) }
        }
    }

    @Test("aliases print canonically", arguments: [
        ("Cmin7", "Cm7"), ("C-7", "Cm7"), ("CM7", "Cmaj7"), ("CΔ7", "Cmaj7"), ("Cø", "Cm7b5"), ("C+", "Caug"),
        ("Csus", "Csus4"), ("B♭m", "Bbm"), ("F♯7", "F#7"), ("C/C", "C"), ("Am/G", "Am/G"), ("D/F#", "D/F#"),
        ("C7(b9)", "C7b9"), ("C7♯9", "C7#9"), ("C69", "C6/9"), ("C6/9/E", "C6/9/E"), ("CΔ7#11", "Cmaj7#11"), ("C-11", "Cm11"),
        ("Calt", "C7alt"), ("Caug7", "C7#5"), ("Cadd4", "Cadd11"),
        // A caret for the major seventh, as jazz charts write it (C^7 had been "corrected" to C7).
        ("C^7", "Cmaj7"), ("C^", "Cmaj7"), ("C^9", "Cmaj9"), ("C-Δ7", "CmMaj7"), ("C-^7", "CmMaj7"), ("CmΔ7", "CmMaj7"),
        // As charts write them (refused, or "corrected" to another chord, before).
        ("C2", "Csus2"), ("Cm7(#5)", "Cm7#5"), ("C7(b9,#11)", "C7b9#11"), ("C13(#11)", "C13#11"), ("Csus2sus4", "Csus24"),
        // As a pianist and a producer typed them (refused, or "corrected" to another chord, before).
        ("C7#9b13", "C7#9b13"), ("C7b9b13", "C7b9b13"), ("C13b9", "C13b9"), ("C7#5#9", "C7#5#9"), ("C7#9#5", "C7#5#9"),
        ("Cm(maj9)", "CmMaj9"), ("Cmaj7#5", "Cmaj7#5"), ("Cø9", "Cm9b5"), ("Cmaj11", "Cmaj11"), ("Bbm7add11", "Bbm7add11"),
        ("C7sus2", "C7sus2"), ("Bb13sus", "Bb13sus4"), ("Dbmaj7(9)", "Dbmaj9"), ("Bbm7(11)", "Bbm11"), ("C7(9)", "C9"),
        ("C9(13)", "C13"), ("C(add9)", "Cadd9"), ("G7susb9", "G7sus4b9"),
    ])
    func canonical(input: String, printed: String) throws {
        #expect(try Chord(parsing: input).description == printed)
    }

    @Test("print then parse is the identity for every root, quality and slash bass")
    func roundTripExhaustive() throws {
        var count = 0
        for root in NoteName.all {
            for quality in ChordQuality.all {
                for bass in [nil] + NoteName.all {
                    let chord = Chord(root: root, quality: quality, bass: bass)
                    #expect((try? Chord(parsing: chord.description)) == chord)
                    count += 1
                }
            }
        }
        #expect(count == 35 * ChordQuality.all.count * 36)
    }

    @Test("pitch classes counted in semitones are the spelled tones' classes, every root, quality and bass")
    func pitchClassesAgreeWithSpelledTones() {
        for root in NoteName.all {
            for quality in ChordQuality.all {
                for bass in [nil] + NoteName.all {
                    let chord = Chord(root: root, quality: quality, bass: bass)
                    #expect(chord.pitchClasses == Set(chord.tones.map(\.pitchClass) + [chord.bassNote.pitchClass]))
                }
            }
        }
        #expect(Interval.allCases.map(\.number) == [1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6,
                                                     7, 7, 7, 8, 9, 9, 9, 10, 10, 11, 11, 12, 13, 13])
    }

    @Test("any text either fails cleanly or round-trips, property")
    func arbitraryText() async {
        let characters = Gen<Character?>.element(of: Array("ABCDEFGabcdm#♭♯/-+°ø0123456789susmajdimaugadd ") as [Character])
            .compactMap { $0 }
        await propertyCheck(count: 500, input: characters.array(of: 0...8)) { chars in
            let text = String(chars)
            if let chord = try? Chord(parsing: text) {
                #expect((try? Chord(parsing: chord.description)) == chord)
            }
        }
    }

    @Test("bad symbols give a hint when they can", arguments: [
        ("Cmj7", "\"Cmj7\" is not a chord symbol — did you mean Cmaj7? (see `help chord-symbols`)"),
        ("cm", "\"cm\" is not a chord symbol — did you mean Cm? (see `help chord-symbols`)"),
        ("H7", "\"H7\" is not a chord symbol — did you mean B7 (H is B in German notation)? (see `help chord-symbols`)"),
        ("Hm/F#", "\"Hm/F#\" is not a chord symbol — did you mean Bm/F# (H is B in German notation)? (see `help chord-symbols`)"),
        ("Hx7", "\"Hx7\" is not a chord symbol: write a root A–G, optional # or b, then a quality such as m, 7, maj7, m7b5, sus4 (see `help chord-symbols`)"),
        // Quoted as every error quotes: at most 64 characters (a 100-character symbol was quoted whole).
        (String(repeating: "x", count: 100), "\"" + String(repeating: "x", count: 64) + "… (100 characters)\" is not a chord symbol: write a root A–G, optional # or b, then a quality such as m, 7, maj7, m7b5, sus4 (see `help chord-symbols`)"),
        ("Q\u{1B}[2J", "\"Q\\e[2J\" is not a chord symbol: write a root A–G, optional # or b, then a quality such as m, 7, maj7, m7b5, sus4 (see `help chord-symbols`)"),
        ("C/X", "\"C/X\": the bass after / must be a note name such as E or Bb, not \"X\""),
        // A minor chord's typo is offered no dominant (Cm7#11 had been offered C7#11).
        ("Cm7#11", "\"Cm7#11\" is not a chord symbol: C is a root, but Cowrite knows no quality \"m7#11\" — write one such as m7, m9, m11, m6, m7b5 (`help chord-symbols` lists them all)"),
        ("Fmin9b6", "\"Fmin9b6\" is not a chord symbol: F is a root, but Cowrite knows no quality \"min9b6\" — write one such as m7, m9, m11, m6, m7b5 (`help chord-symbols` lists them all)"),
        ("Cmj9/E", "\"Cmj9/E\" is not a chord symbol — did you mean Cmaj9/E? (see `help chord-symbols`)"),
    ])
    func messages(input: String, message: String) {
        #expect(throws: MusicTheoryError.self) { try Chord(parsing: input) }
        do { _ = try Chord(parsing: input) } catch { #expect(error.description == message) }
    }
}
