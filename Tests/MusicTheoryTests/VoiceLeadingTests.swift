import Testing
@testable import MusicTheory

@Suite("Voice leading")
struct VoiceLeadingTests {
    func chords(_ symbols: String) throws -> [Chord] {
        try symbols.split(separator: " ").map { try Chord(parsing: String($0)) }
    }

    @Test func voicingsKeepTheirTonesInRange() throws {
        let progression = try chords("C Am F G7 Cmaj7 Dm7 G7sus4 G7 Bbmaj9 F#m7b5 Ebdim7 Caug")
        let voiced = VoiceLeading.voice(progression)
        for (chord, keys) in zip(progression, voiced) {
            #expect(keys.allSatisfy { VoiceLeading.defaultRange.contains($0) }, "\(chord): \(keys)")
            #expect(Set(keys.map { $0 % 12 }).isSubset(of: chord.pitchClasses))
            #expect(keys.count == min(4, chord.quality.intervals.count))
            #expect(keys == keys.sorted())
        }
    }

    @Test func commonTonesStayAndOtherVoicesStep() throws {
        let voiced = VoiceLeading.voice(try chords("C Am F G"))
        #expect(voiced == [[55, 60, 64], [57, 60, 64], [57, 60, 65], [55, 59, 62]])
        // C→Am moves one voice by 2, Am→F one by 1, F→G three by 2, 1, 3: 9 semitones over 9 voice moves.
        #expect(VoiceLeading.averageMovement(voiced) == 1.0)
    }

    @Test("average movement stays small on common progressions", arguments: [
        "C G Am F", "Cm Ab Eb Bb", "Dm7 G7 Cmaj7 Cmaj7", "C Am Dm G7", "Am G F E", "Fmaj7 G7 Em7 Am",
    ])
    func smooth(progression: String) throws {
        let voiced = VoiceLeading.voice(try chords(progression + " " + progression))
        #expect(VoiceLeading.averageMovement(voiced) <= 2.0, "\(progression): \(VoiceLeading.averageMovement(voiced))")
    }

    /// Every chord of the catalogue on every root, voiced in ranges as narrow as a pad's
    /// (an octave) and as wide as the comping's, is its own notes: no voice outside the
    /// chord, even where no close voicing fits (Dbadd9 in F2–F3 once sounded F G A C).
    @Test func everyVoicingIsTheChordsOwnNotes() throws {
        for quality in ChordQuality.all {
            for root in 0..<12 {
                let name = try #require(try NoteName(parsing: ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"][root]))
                let chord = Chord(root: name, quality: quality)
                for range in [41...53, 40...60, 48...72] {
                    for keys in VoiceLeading.voice([chord], range: range) {
                        #expect(Set(keys.map { $0 % 12 }).isSubset(of: chord.pitchClasses), "\(chord) in \(range): \(keys)")
                        #expect(keys.allSatisfy { $0 >= range.lowerBound && $0 < range.lowerBound + 12 + (range.upperBound - range.lowerBound) })
                    }
                }
            }
        }
    }

    /// A sharp ninth sits over the major third, never under it: a pianist's D7♯9 had been
    /// voiced with its E♯ a minor ninth under F♯. Every dominant with a ♯9, on every
    /// root, in the comping's range and after each chord of a ii–V.
    @Test func theSharpNinthSitsOverTheThird() throws {
        let names = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
        var voiced = 0
        for symbol in ["7#9", "7#9b13", "7#5#9", "7#9#11", "7alt"] {
            for root in names {
                let chord = try Chord(parsing: root + symbol)
                let third = (chord.root.pitchClass + 4) % 12, sharpNine = (chord.root.pitchClass + 3) % 12
                for before in [nil, try Chord(parsing: root + "m7"), try Chord(parsing: names[(names.firstIndex(of: root)! + 5) % 12] + "m7")] {
                    let keys = try #require(VoiceLeading.voice((before.map { [$0] } ?? []) + [chord]).last)
                    voiced += 1
                    for low in keys where low % 12 == sharpNine {
                        #expect(!keys.contains { $0 > low && $0 % 12 == third }, "\(chord): \(keys)")
                    }
                }
            }
        }
        #expect(voiced == 5 * 12 * 3)
    }
}
