import MusicTheory
import SongModel
import Testing
@testable import Engine

/// A funk line keeps the sixteenth grid in every meter: bass 2.13 had stretched its 4/4
/// places to the bar, so a 7/8 line struck 0.656 of a quarter in and printed as triplet
/// sixteenths with rests that added up to no bar.
@Suite("Bass lines in every meter")
struct BassMeterTests {
    @Test func aFunkLineStrikesOnSixteenthsInEveryMeter() throws {
        let sixteenth = MusicalTime.ticksPerQuarter / 4
        for text in ["2/4", "3/4", "4/4", "5/4", "7/4", "6/8", "7/8", "9/8", "12/8"] {
            let meter = try Meter(parsing: text)
            let bar = meter.ticksPerBar
            let chords = try ["Am", "F", "C", "G"].enumerated().map { ChordChange(start: $0.offset * bar, chord: try Chord(parsing: $0.element)) }
            let context = LineContext(section: "verse", key: try Key(parsing: "C"), meter: meter, bars: 4, chords: chords)
            let lines = try BassGenerator.suggest(style: .funk, count: 2, seed: 4, context: context).compactMap(\.notes)
            #expect(!lines.isEmpty)
            for notes in lines {
                #expect(notes.allSatisfy { $0.start % sixteenth == 0 && $0.duration % sixteenth == 0 }, "\(text): \(notes.map(\.start))")
                #expect(notes.allSatisfy { $0.start + $0.duration <= 4 * bar }, "\(text)")
                // Every bar starts with a note: the one is struck.
                #expect((0..<4).allSatisfy { index in notes.contains { $0.start == index * bar } }, "\(text)")
            }
        }
        // In a compound meter, arpeggios and octaves move in its eighths, three to the beat
        // (bass 2.15 had played 6/8 in dotted-eighth duplets).
        for text in ["6/8", "12/8"] {
            let meter = try Meter(parsing: text)
            let bar = meter.ticksPerBar
            let chords = try ["E", "C#m", "A", "B"].enumerated().map { ChordChange(start: $0.offset * bar, chord: try Chord(parsing: $0.element)) }
            let context = LineContext(section: "verse", key: try Key(parsing: "E"), meter: meter, bars: 4, chords: chords)
            for style in [BassStyle.arpeggio, .octaves] {
                for notes in try BassGenerator.suggest(style: style, count: 2, seed: 3, context: context).compactMap(\.notes) {
                    #expect(notes.allSatisfy { $0.start % meter.ticksPerUnit == 0 }, "\(text) \(style): \(notes.map(\.start))")
                    #expect(notes.filter { $0.start < bar }.count == meter.beats, "\(text) \(style): \(notes.map(\.start))")
                }
            }
        }
        // A root line in 3/4 and 5/4 plays on the downbeat and the second group's first beat
        // (bass 2.16 struck 3/4's second root on the "and" of 2).
        for (text, second) in [("3/4", 1920), ("5/4", 2880), ("4/4", 1920)] {
            let meter = try Meter(parsing: text)
            let bar = meter.ticksPerBar
            let chords = try ["C", "Am", "F", "G"].enumerated().map { ChordChange(start: $0.offset * bar, chord: try Chord(parsing: $0.element)) }
            let context = LineContext(section: "verse", key: try Key(parsing: "C"), meter: meter, bars: 4, chords: chords)
            for notes in try BassGenerator.suggest(style: .root, count: 1, seed: 1, context: context).compactMap(\.notes) {
                #expect(Set(notes.map { $0.start % bar }) == [0, second], "\(text): \(notes.map(\.start))")
            }
        }
        // 4/4 keeps its places: the one, the dotted eighth, the "and" of 2, the "e" of 3, beat 4.
        #expect(BassGenerator.funkPlaces(in: .fourFour) == [0, 720, 1440, 2160, 2880])
        #expect(BassGenerator.funkPlaces(in: try Meter(parsing: "7/8")) == [0, 720, 1440, 2160])
        #expect(BassGenerator.funkPlaces(in: .threeFour) == [0, 720, 1440, 2160])
    }
}
