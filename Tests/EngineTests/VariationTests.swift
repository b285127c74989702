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

    /// Energy, mood and style mean what they mean on every request: how busy (notes a beat
    /// against the source), which way the line leans, which ways of varying come first.
    @Test func energyMoodAndStyleLeanTheVariations() throws {
        let (source, context) = try verse()
        let sourceRate = Variations.notesPerBeat(source, meter: context.meter)
        let sourceMean = Double(source.map(\.pitch.midi).reduce(0, +)) / Double(source.count)
        func lines(_ leaning: VariationLeaning, seed: UInt64, technique: Technique? = nil) -> [Suggestion] {
            Variations.suggest(source: source, sourceName: "verse", technique: technique, leaning: leaning, count: 3, seed: seed, context: context)
        }
        for seed in UInt64(1)...6 {
            let busy = lines(VariationLeaning(energy: 0.95), seed: seed).compactMap(\.notes)
            let calm = lines(VariationLeaning(energy: 0.05), seed: seed).compactMap(\.notes)
            #expect(busy.count == 3 && calm.count == 3)
            #expect(busy.allSatisfy { Variations.notesPerBeat($0, meter: context.meter) > sourceRate * 1.1 }, "seed \(seed)")
            #expect(calm.allSatisfy { Variations.notesPerBeat($0, meter: context.meter) <= sourceRate }, "seed \(seed)")
            for (mood, sign) in [(Mood.sad, -1.0), (.triumphant, 1.0)] {
                let first = try #require(lines(VariationLeaning(mood: mood), seed: seed).first?.notes)
                let shift = Double(first.map(\.pitch.midi).reduce(0, +)) / Double(first.count) - sourceMean
                #expect(shift * sign >= 0, "\(mood) seed \(seed): shift \(shift)")
            }
            for style in MelodyStyle.allCases {
                let found = lines(VariationLeaning(style: style), seed: seed)
                let techniques = found.compactMap { $0.origin.parameters?["technique"].flatMap(Technique.named) }
                #expect(techniques.allSatisfy(VariationLeaning.techniques(of: style).contains), "\(style): \(techniques)")
                #expect(found.allSatisfy { $0.origin.parameters?["style"] == style.rawValue })
            }
        }
        // No leaning: the output a request without these options always gave.
        #expect(lines(VariationLeaning(), seed: 4).map(\.label)
                == Variations.suggest(source: source, sourceName: "verse", technique: nil, count: 3, seed: 4, context: context).map(\.label))
        // One technique and an energy: its busiest forms first at high energy.
        let ornaments = lines(VariationLeaning(energy: 1), seed: 2, technique: .ornament)
        #expect(ornaments.count == 3 && ornaments.allSatisfy { $0.origin.parameters?["technique"] == "ornament" })
    }
}
