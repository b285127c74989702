import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

/// A melody's reason says where its phrases come to rest as the notes do: the notes it
/// names are the phrases' last notes, its count of stable degrees (the key's tonic, third
/// and fifth) is theirs, and it says the last is the tonic only when it is, and why not
/// when not. (A newcomer's check found every melody in A minor over a chart ending on E
/// "ending on stable degrees of Am, the last on the tonic", over lines ending on G4, D4
/// and B3.)
@Suite("Melody reasons: where the phrases end")
struct PhraseEndReasonTests {
    static let charts: [(key: String, chords: [String])] = [
        ("Am", ["Am", "F", "C", "G", "Am", "F", "E", "E"]),
        ("Am", ["Am", "F", "C", "G", "Am", "F", "E", "Am"]),
        ("C", ["C", "Am", "F", "G", "C", "Am", "Dm", "G"]),
        ("C", ["C", "Am", "F", "G", "C", "F", "G", "C"]),
        ("Eb", ["Eb", "Cm", "Ab", "Bb", "Gm", "Ab", "Bb", "Eb"]),
    ]

    /// Each chart as an 8-bar section of 4/4, a chord a bar.
    static func contexts(section: String) throws -> [LineContext] {
        try charts.map { keyName, names in
            let chords = try names.enumerated().map { ChordChange(start: $0.offset * Meter.fourFour.ticksPerBar, chord: try Chord(parsing: $0.element)) }
            return LineContext(section: section, key: try Key(parsing: keyName), meter: .fourFour, bars: 8, chords: chords)
        }
    }

    @Test func theReasonNamesTheNotesThePhrasesEndOn() throws {
        var claimsTonic = 0, claimsOther = 0, notAllStable = 0
        for context in try Self.contexts(section: "verse") {
            let key = context.key
            for seed in UInt64(1)...12 {
                let request = MelodyRequest(mood: nil, low: 57, high: 76, density: 0.55, count: 1, seed: seed)
                var generator = SeededGenerator(seed: seed)
                let (notes, plan) = MelodyGenerator.write(request, context: context, generator: &generator)
                let ends = MelodyGenerator.phraseEndNotes(notes, plan: plan)
                let reason = MelodyGenerator.phraseEnds(notes, plan: plan, context: context)
                #expect(ends.last?.note == notes.last)
                // One end a phrase, a pickup into the next ending none (a pickup's note had
                // been listed as a third end of a line of two phrases).
                #expect(ends.count == plan.form.count, "\(plan.form): \(reason)")
                #expect(reason.contains(ends.map { "\($0.note.pitch)" }.joined(separator: ", ")), "\(reason)")
                let tonic = key.tonic.pitchClass, third = key.isMinor ? 3 : 4
                let stable = ends.filter { [0, third, 7].contains(($0.note.pitch.midi - tonic + 120) % 12) }.count
                if ends.count > 1 {
                    let expected = stable == ends.count ? "each on a stable degree" : "\(stable) of \(ends.count) on a stable degree"
                    #expect(reason.contains(expected), "\(reason)")
                    if stable < ends.count { notAllStable += 1 }
                }
                let last = try #require(notes.last)
                if last.pitch.midi % 12 == tonic {
                    #expect(reason.hasSuffix("the last on the tonic"))
                    claimsTonic += 1
                } else {
                    #expect(!reason.contains("the last on the tonic") && reason.contains("the last on the"), "\(reason)")
                    // Why not: its chord has no tonic, or the tonic was out of reach.
                    let chord = try #require(context.chord(at: ends.last!.harmonic))
                    #expect(reason.contains(chord.pitchClasses.contains(tonic) ? "out of the line's reach" : "holds no \(key.tonic)"), "\(reason)")
                    claimsOther += 1
                }
                // "the others on their chord's tones" only where each is.
                if reason.contains("the others on their chord's tones") {
                    for end in ends where ![0, third, 7].contains((end.note.pitch.midi - tonic + 120) % 12) {
                        #expect(context.chord(at: end.harmonic)?.pitchClasses.contains(end.note.pitch.midi % 12) == true)
                    }
                }
            }
        }
        // The charts give both kinds of close and lines that do not rest on stable degrees
        // everywhere.
        #expect(claimsTonic > 0 && claimsOther > 0 && notAllStable > 0, "\(claimsTonic) \(claimsOther) \(notAllStable)")
    }
}

/// A melody's reason says in words whether its 4-note figures come back in their rhythm and intervals,
/// matching the figures the notes have: none, a few (with the share), or most, as a hook's.
@Suite("Melody reasons: figures that come back")
struct FigureReasonTests {
    @Test func theReasonSaysHowTheFiguresComeBack() throws {
        var seen = Set<String>()
        for context in try PhraseEndReasonTests.contexts(section: "chorus") {
            for seed in UInt64(1)...12 {
                let request = MelodyRequest(mood: nil, low: 60, high: 76, density: 0.6, count: 1, seed: seed)
                let suggestion = try #require(try MelodyGenerator.suggest(request, context: context).first)
                let notes = try #require(suggestion.notes)
                let share = Int((MelodyShape(notes, context: context).figureRecurrence * 100).rounded())
                let expected = share == 0 ? "no 4-note figure comes back in its rhythm and intervals"
                    : share < 30 ? "a few of its 4-note figures come back in their rhythm and intervals (\(share)%)"
                    : "\(share)% of its 4-note figures come back in their rhythm and intervals, as a hook's do"
                #expect(suggestion.reasons.first?.hasSuffix("; " + expected) == true, "\(suggestion.reasons.first ?? "")")
                seen.insert(share == 0 ? "none" : share < 30 ? "few" : "most")
            }
        }
        #expect(seen.contains("most"), "\(seen)")
    }
}
