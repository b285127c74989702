import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

/// Asking for several variations by one technique gives different ones, or says there
/// are fewer; a re-rhythm keeps the line's length.
@Suite("Variations differ")
struct VariationTests {
    func verse() throws -> (notes: [Note], context: LineContext) {
        let song = try exampleSong("rain-on-glass")
        let verse = try #require(song.section(named: "verse"))
        return (try #require(verse.melody?.notes), LineContext(song: song, section: verse))
    }

    @Test("three of one technique are three different lines", arguments: Technique.allCases.filter { $0 != .refit })
    func distinct(technique: Technique) throws {
        let (source, context) = try verse()
        let found = Variations.suggest(source: source, sourceName: "verse", technique: technique, count: 3, seed: 4, context: context)
        let lines = found.compactMap(\.notes)
        #expect(lines.count == 3, "\(technique)")
        #expect(Set(lines.map { $0.map { "\($0.start)/\($0.duration)/\($0.pitch.midi)" }.joined(separator: " ") }).count == lines.count)
    }

    @Test func aRefitIsOneLineAndSaysSo() throws {
        let (source, context) = try verse()
        #expect(Variations.suggest(source: source, sourceName: "verse", technique: .refit, count: 3, seed: 4, context: context).count == 1)
    }

    @Test func aReRhythmKeepsEveryNoteInItsBar() throws {
        let (source, context) = try verse()
        let bar = context.meter.ticksPerBar
        for seed in UInt64(1)...20 {
            var generator = SeededGenerator(seed: seed)
            let variation = Variations.vary(source, technique: .rerhythm, amount: 1, context: context, generator: &generator)
            #expect(variation.raw.count == source.count)
            #expect(variation.raw.map { $0.start / bar } == source.sorted { $0.start < $1.start }.map { $0.start / bar })
            #expect(variation.raw.allSatisfy { $0.start / bar == ($0.end - 1) / bar })
        }
    }
}
