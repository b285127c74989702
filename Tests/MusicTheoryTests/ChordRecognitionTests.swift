import Testing
@testable import MusicTheory

/// Chord recognition on a table of voicings typed here as semitones above the lowest note
/// (not taken from the chord catalogue): root position, inversions, open and spread
/// voicings, doubled tones, added ninths and sixths, in all twelve keys.
@Suite("Chord recognition")
struct ChordRecognitionTests {
    /// (voicing above its lowest note, the chord as a root offset from that note, its
    /// suffix, and the bass as an offset from the root, nil in root position).
    static let shapes: [(voicing: [Int], root: Int, suffix: String, bass: Int?)] = [
        ([0, 4, 7], 0, "", nil), ([0, 7, 12, 16], 0, "", nil), ([0, 12, 16, 19], 0, "", nil),   // close, open, spread
        ([0, 3, 8], 8, "", 4), ([0, 5, 9], 5, "", 7),                                           // first and second inversion
        ([0, 3, 7], 0, "m", nil), ([0, 7, 15], 0, "m", nil), ([0, 4, 9], 9, "m", 3), ([0, 5, 8], 5, "m", 7),
        ([0, 4, 7, 10], 0, "7", nil), ([0, 10, 16, 19], 0, "7", nil), ([0, 4, 10], 0, "7", nil), ([0, 3, 6, 8], 8, "7", 4),
        ([0, 4, 7, 11], 0, "maj7", nil), ([0, 7, 11, 16], 0, "maj7", nil), ([0, 11, 16, 19], 0, "maj7", nil),
        ([0, 3, 7, 10], 0, "m7", nil), ([0, 10, 15, 19], 0, "m7", nil), ([0, 7, 10, 15], 0, "m7", nil),
        ([0, 3, 6, 10], 0, "m7b5", nil), ([0, 3, 6], 0, "dim", nil), ([0, 3, 6, 9], 0, "dim7", nil),
        ([0, 5, 7], 0, "sus4", nil), ([0, 2, 7], 0, "sus2", nil), ([0, 4, 8], 0, "aug", nil),
        ([0, 4, 7, 14], 0, "add9", nil), ([0, 7, 14, 16], 0, "add9", nil), ([0, 3, 7, 14], 0, "madd9", nil),
        ([0, 4, 7, 9], 0, "6", nil), ([0, 4, 7, 10, 14], 0, "9", nil), ([0, 10, 14, 16], 0, "9", nil),
        ([0, 3, 7, 10, 14], 0, "m9", nil), ([0, 4, 7, 11, 14], 0, "maj9", nil),
    ]

    @Test func atLeastNinetyFivePercentOfTwoHundredVoicingsAreNamed() throws {
        var total = 0, right = 0
        var wrong: [String] = []
        for shape in Self.shapes {
            for low in 40..<52 {
                total += 1
                let keys = shape.voicing.map { low + $0 }
                guard let heard = ChordRecognition.name(keys: keys) else { wrong.append("\(keys): nothing"); continue }
                let root = (low + shape.root) % 12
                let bass = shape.bass.map { (root + $0) % 12 }
                let chord = heard.chord
                if chord.root.pitchClass == root && chord.quality.symbol == shape.suffix && chord.bass?.pitchClass == bass {
                    right += 1
                } else {
                    wrong.append("\(keys) → \(chord), expected root \(root) \(shape.suffix)\(bass.map { "/\($0)" } ?? "")")
                }
            }
        }
        #expect(total >= 200)
        #expect(Double(right) / Double(total) >= 0.95, "\(right) of \(total); wrong: \(wrong.prefix(20).joined(separator: "; "))")
    }

    @Test func spellsInTheKeyAndWeighsHeldNotesOverPassingOnes() throws {
        let key = try Key(parsing: "Eb")
        #expect(ChordRecognition.name(keys: [44, 48, 51], key: key)?.chord.description == "Ab")
        #expect(ChordRecognition.name(keys: [43, 46, 50, 53], key: key)?.chord.description == "Gm7")
        #expect(ChordRecognition.name(keys: [50, 55, 58, 62], key: key)?.chord.description == "Gm/D")
        // A passing D for a sixteenth over a held C major triad leaves it C.
        let heard = try #require(ChordRecognition.name(keys: [48, 52, 55, 62], weights: [4, 4, 4, 0.1]))
        #expect(heard.chord.description == "C")
        #expect(heard.confidence > 0.95)
        #expect(ChordRecognition.name(keys: [60]) == nil)
        #expect(ChordRecognition.name(keys: [60, 72]) == nil)
    }

    @Test func keyFinderReadsScalesAndTriads() throws {
        func key(_ keys: [Int]) -> String? { Key.estimated(keys: keys, weights: keys.map { _ in 1 })?.description }
        #expect(key([60, 62, 64, 65, 67, 69, 71, 72, 60, 64, 67]) == "C")
        #expect(key([57, 59, 60, 62, 64, 65, 68, 69, 57, 60, 64, 57]) == "Am")
        #expect(key([62, 64, 66, 67, 69, 71, 73, 74, 62, 66, 69]) == "D")
        #expect(key([60, 64]) == nil)
    }
}
