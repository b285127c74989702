import MusicTheory
import SongModel
import Testing
@testable import Engine

/// Every variation keeps the sixteenth grid in every meter: variation 2.18's re-rhythm took
/// a sixteenth of the bar as its grid, so a 5/4 line's notes fell 300 ticks apart and
/// printed as 64th-note triplets in bars that did not add up.
@Suite("Variations in every meter")
struct VariationMeterTests {
    @Test func everyTechniqueStaysOnTheSixteenthGrid() throws {
        let sixteenth = MusicalTime.ticksPerQuarter / 4
        for text in ["3/4", "4/4", "5/4", "7/4", "6/8", "7/8", "12/8"] {
            let meter = try Meter(parsing: text)
            let bar = meter.ticksPerBar
            let chords = try ["C", "G"].enumerated().map { ChordChange(start: $0.offset * bar, chord: try Chord(parsing: $0.element)) }
            let context = LineContext(section: "verse", key: try Key(parsing: "C"), meter: meter, bars: 2, chords: chords)
            // A line of beats, its last bar held.
            let beat = meter.ticksPerBeat
            let pitches = ["E4", "G4", "G4", "A4", "G4", "F4", "E4", "D4", "C4", "D4", "E4", "G4"]
            var source: [Note] = []
            for (index, start) in stride(from: 0, to: bar, by: beat).enumerated() {
                source.append(Note(start: start, duration: beat, pitch: try Pitch(parsing: pitches[index % pitches.count]), velocity: 90))
            }
            source.append(Note(start: bar, duration: bar, pitch: try Pitch(parsing: "D4"), velocity: 90))
            for technique in Technique.allCases {
                for seed in UInt64(1)...4 {
                    for suggestion in Variations.suggest(source: source, sourceName: "verse", technique: technique, count: 2, seed: seed, context: context) {
                        let notes = try #require(suggestion.notes)
                        #expect(notes.allSatisfy { $0.start % sixteenth == 0 && $0.duration % sixteenth == 0 && $0.duration > 0 },
                                "\(text) \(technique): \(notes.map { "\($0.start)/\($0.duration)" })")
                        #expect(notes.allSatisfy { $0.start + $0.duration <= 2 * bar }, "\(text) \(technique)")
                    }
                }
            }
        }
    }
}
