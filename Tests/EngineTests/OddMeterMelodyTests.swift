import MusicTheory
import SongModel
import Testing
@testable import Engine

/// In a long odd bar the second group is a strong beat: a chart's second chord of the bar
/// comes in there (`ChordChart.secondGroup`: 5/4's beat 4, 7/4's beat 5, 7/8's fifth
/// eighth), and melody 3.36, with the downbeat alone strong, struck B3 over F at a beat-4
/// change in 5/4 under "100% of notes struck on strong beats are chord tones".
@Suite("Melodies over odd bars")
struct OddMeterMelodyTests {
    @Test func theSecondGroupIsAStrongBeat() throws {
        #expect(Harmonizer.strongPlaces(in: try Meter(parsing: "5/4")) == [0, 2880])
        #expect(Harmonizer.strongPlaces(in: try Meter(parsing: "7/8")) == [0, 1920])
        #expect(Harmonizer.strongPlaces(in: try Meter(parsing: "7/4")) == [0, 3840])
        #expect(Harmonizer.strongPlaces(in: .fourFour) == [0, 1920])
        #expect(Harmonizer.strongPlaces(in: .threeFour) == [0])
        #expect(Harmonizer.strongPlaces(in: .sixEight) == [0, 1440])
        let five = try Meter(parsing: "5/4")
        #expect(Harmonizer.nextStrong(after: 0, meter: five) == 2880)
        #expect(Harmonizer.nextStrong(after: 2880, meter: five) == 4800)
        #expect(Harmonizer.nextStrong(after: 4799, meter: five) == 4800)
    }

    @Test func notesStruckWhereTheChordChangesMidBarAreItsTones() throws {
        var struck = 0, tones = 0, claimsChecked = 0
        for text in ["5/4", "7/4", "7/8"] {
            let meter = try Meter(parsing: text)
            let bar = meter.ticksPerBar
            let split = try #require(ChordChart.secondGroup(of: meter))
            let pairs = [("C", "F"), ("Am", "G"), ("F", "G"), ("C", "C")]
            let chords = try (0..<4).flatMap { index -> [ChordChange] in
                let (a, b) = pairs[index]
                return [ChordChange(start: index * bar, chord: try Chord(parsing: a)), ChordChange(start: index * bar + split, chord: try Chord(parsing: b))]
            }
            let context = LineContext(section: "verse", key: try Key(parsing: "C"), meter: meter, bars: 4, chords: chords)
            for seed in UInt64(1)...30 {
                let request = MelodyRequest(mood: [.hopeful, .sad, .playful][Int(seed) % 3], low: 55, high: 76, density: 0.6,
                                            style: MelodyStyle.allCases[Int(seed) % MelodyStyle.allCases.count], count: 1, seed: seed)
                for suggestion in try MelodyGenerator.suggest(request, context: context) {
                    let notes = try #require(suggestion.notes)
                    for note in notes where note.start % bar == split {
                        struck += 1
                        if context.chord(at: note.start)?.pitchClasses.contains(note.pitch.midi % 12) == true { tones += 1 }
                    }
                    // The reason's share is of these beats too.
                    let share = Harmonizer.strongBeatCoverage(chords, melody: notes, meter: meter)
                    if let said = suggestion.reasons.first(where: { $0.contains("notes struck on strong beats are chord tones") }) {
                        claimsChecked += 1
                        #expect(said.contains(String(format: "%.0f%% of notes struck on strong beats", share * 100)), "\(said) — measured \(share)")
                    }
                }
            }
        }
        print("odd bars: \(tones) of \(struck) notes struck at the second group's chord are its tones; \(claimsChecked) claims checked")
        #expect(struck > 100)
        #expect(Double(tones) / Double(struck) >= 0.85)
        #expect(claimsChecked > 50)
    }
}
