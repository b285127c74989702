import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

/// Rewriting only some bars: over many seeds the kept bars are exactly as they were, and
/// the seams obey the rules whole generation does (melody: no leap past an octave, leaps
/// over a fifth turned back; chords: voice leading no rougher than within generated
/// progressions; drums: the kept groove's style).
@Suite("Rewriting only the bars you choose")
struct InfillTests {
    static let selections: [[Int]] = [[5, 6], [1, 2], [7, 8], [3], [2, 6]]

    /// The song with a bass line and drums accepted into its verse, so every kind has bars to keep.
    func song() throws -> Song {
        var song = try exampleSong("rain-on-glass")
        let verse = try #require(song.section(named: "verse"))
        let bass = try #require(try BassGenerator.suggest(style: .rootFifth, count: 1, seed: 3, context: LineContext(song: song, section: verse)).first)
        try song.accept(bass, into: "verse", at: Date(timeIntervalSince1970: 0))
        let groove = GrooveRequest(style: DrumStyle.style(.pop), energy: 0.6, swing: .auto, feel: nil, humanize: 0.5, count: 1, seed: 3)
        let context = GrooveContext(section: "verse", meter: song.meter(of: verse), bars: verse.bars, tempo: song.tempo(of: verse))
        try song.accept(try #require(GrooveGenerator.suggest(groove, context: context).first), into: "verse", at: Date(timeIntervalSince1970: 0))
        return song
    }

    /// A pool as the prompt draws it: whole versions from three seeds of a chain.
    func pool(_ kind: PartKind, song: Song, seed: UInt64) throws -> [Suggestion] {
        let verse = try #require(song.section(named: "verse"))
        let line = LineContext(song: song, section: verse)
        return try (0..<UInt64(Infill.seedsPerPool)).flatMap { step -> [Suggestion] in
            let seed = seed * 10 + step
            switch kind {
            case .melody:
                let notes = verse.melody?.notes.map(\.pitch.midi) ?? []
                let request = MelodyRequest(mood: .hopeful, low: notes.min() ?? 60, high: max(notes.max() ?? 76, (notes.min() ?? 60) + 16),
                                            density: 0.5, count: 8, seed: seed)
                return try MelodyGenerator.suggest(request, context: line)
            case .chords:
                let request = RequestDefaults.harmony(for: verse, mood: .hopeful, count: 8, seed: seed)
                return ProgressionGenerator.suggest(request, context: HarmonyContext(song: song, section: verse))
            case .bass:
                return try BassGenerator.suggest(style: .rootFifth, count: 8, seed: seed, context: line)
            default:
                let groove = GrooveRequest(style: DrumStyle.style(.pop), energy: 0.6, swing: .auto, feel: nil, humanize: 0.5, count: 8, seed: seed)
                return GrooveGenerator.suggest(groove, context: GrooveContext(section: "verse", meter: song.meter(of: verse), bars: verse.bars,
                                                                             tempo: song.tempo(of: verse)))
            }
        }
    }

    /// What sounds in each kept bar: notes cut to the bar, the chord on every beat, hits as they are.
    func heard(_ content: PartContent, bars: [Int], meter: Meter) -> [String] {
        let bar = meter.ticksPerBar
        return bars.flatMap { number -> [String] in
            let range = (number - 1) * bar..<number * bar
            switch content {
            case .notes(let notes):
                return notes.filter { $0.start < range.upperBound && $0.end > range.lowerBound }.map { note in
                    "\(max(note.start, range.lowerBound))-\(min(note.end, range.upperBound)):\(note.pitch.midi):\(note.velocity):\(note.offset)"
                }
            case .chords(let changes, _):
                return stride(from: range.lowerBound, to: range.upperBound, by: meter.ticksPerBeat).map { tick in
                    "\(tick):\(changes.last { $0.start <= tick }?.chord?.description ?? "-")"
                }
            case .drums(let hits, _, _):
                return hits.filter { range.contains($0.start) }.map { "\($0.start):\($0.key):\($0.velocity):\($0.offset)" }
            }
        }
    }

    @Test("kept bars are exactly as they were", arguments: [PartKind.melody, .chords, .bass, .drums])
    func keptBarsStay(kind: PartKind) throws {
        let song = try song()
        let verse = try #require(song.section(named: "verse"))
        let meter = song.meter(of: verse)
        let kept = try #require(verse.parts[kind]?.content)
        var offered = 0
        for seed in UInt64(1)...20 {
            let selection = BarSelection(bars: Self.selections[Int(seed) % Self.selections.count])
            let keptBars = selection.kept(of: verse.bars).bars
            let found = try Infill.choose(try pool(kind, song: song, seed: seed), bars: selection, song: song, section: "verse", count: 3)
            offered += found.count
            for suggestion in found {
                let spliced = try #require(suggestion.part)
                #expect(heard(spliced, bars: keptBars, meter: meter) == heard(kept, bars: keptBars, meter: meter), "\(kind) seed \(seed)")
                #expect(heard(spliced, bars: selection.bars, meter: meter) != heard(kept, bars: selection.bars, meter: meter))
                #expect(suggestion.origin.parameters?["bars"] == selection.description)
                #expect(suggestion.label.hasPrefix(selection.phrase + ": "))
                // The spliced part is a part the section accepts.
                var copy = song
                try copy.accept(suggestion, into: "verse", at: Date(timeIntervalSince1970: 0))
            }
            // Different as written, one from another, and each saying which whole version
            // it came from: seed and place in that seed's list (two from one seed had read
            // alike, "a whole-section suggestion by melody 3.24 (seed 638813)").
            #expect(Set(found.map { Infill.written($0.part!.within(selection.ticks(in: meter))) }).count == found.count)
            let sources = found.compactMap { $0.reasons.first { $0.contains(" taken from the ") } }
            #expect(sources.count == found.count && Set(sources.map { $0.components(separatedBy: " (“").first ?? "" }).count == found.count, "\(sources)")
        }
        #expect(offered >= 40, "\(kind): \(offered) offered over 20 requests")
    }

    @Test func melodySeamsFollowTheMelodyRules() throws {
        let song = try song()
        let verse = try #require(song.section(named: "verse"))
        let context = LineContext(song: song, section: verse)
        var seams = 0, steps = 0, leaps = 0, recovered = 0, largest = 0
        var strong = 0.0
        for seed in UInt64(1)...30 {
            let selection = BarSelection(bars: Self.selections[Int(seed) % Self.selections.count])
            let first = try #require(try Infill.choose(try pool(.melody, song: song, seed: seed), bars: selection, song: song,
                                                       section: "verse", count: 1).first?.notes)
            let runs = selection.ticks(in: context.meter)
            func new(_ note: Note) -> Bool { runs.contains { $0.contains(note.start) } }
            for index in first.indices.dropFirst() where new(first[index - 1]) != new(first[index]) {
                let interval = first[index].pitch.midi - first[index - 1].pitch.midi
                seams += 1
                largest = max(largest, abs(interval))
                if abs(interval) <= 2 { steps += 1 }
                if abs(interval) > 7, index + 1 < first.count {
                    leaps += 1
                    if (first[index + 1].pitch.midi - first[index].pitch.midi).signum() == -interval.signum() { recovered += 1 }
                }
            }
            strong += MelodyShape(first.filter(new), context: context).strongBeatChordTones
        }
        print("melody infill seams over 30 requests: \(seams) seams, \(steps) steps or repeats, largest \(largest) semitones, \(recovered)/\(leaps) leaps over a fifth turned back; strong-beat chord tones \(Int(strong / 30 * 100))%")
        #expect(seams >= 30)
        #expect(largest <= 12)
        #expect(Double(steps) / Double(seams) >= 0.4)
        #expect(leaps == 0 || Double(recovered) / Double(leaps) >= 0.7)
        #expect(strong / 30 >= 0.85)
    }

    @Test func chordSeamsLeadNoRougherThanWholeProgressions() throws {
        let song = try song()
        let verse = try #require(song.section(named: "verse"))
        func movements(_ chords: [Chord]) -> [Int] {
            let voices = VoiceLeading.voice(chords)
            return zip(voices, voices.dropFirst()).map { VoiceLeading.movement($0, $1) }
        }
        var seam: [Int] = [], whole: [Int] = []
        for seed in UInt64(1)...30 {
            let selection = BarSelection(bars: Self.selections[Int(seed) % Self.selections.count])
            let pool = try pool(.chords, song: song, seed: seed)
            whole += pool.prefix(3).flatMap { movements($0.progression?.chords ?? []) }
            let first = try #require(try Infill.choose(pool, bars: selection, song: song, section: "verse", count: 1).first?.progression)
            let runs = selection.ticks(in: song.meter(of: verse))
            let sounding = first.changes.filter { $0.chord != nil }
            for (a, b) in zip(sounding, sounding.dropFirst()) where runs.contains(where: { $0.contains(a.start) }) != runs.contains(where: { $0.contains(b.start) }) {
                seam += movements([a.chord!, b.chord!])
            }
        }
        let seamMean = Double(seam.reduce(0, +)) / Double(max(seam.count, 1)), wholeMean = Double(whole.reduce(0, +)) / Double(whole.count)
        print(String(format: "chord infill: %d seams, mean voice movement %.2f semitones; whole progressions %.2f", seam.count, seamMean, wholeMean))
        #expect(seam.count >= 30)
        #expect(seamMean <= wholeMean * 1.1)
    }

    @Test func barSelectionsReadAsWritten() throws {
        #expect(try BarSelection(bars: "5-6", keep: nil, of: 8).bars == [5, 6])
        #expect(try BarSelection(bars: "2,5–6", keep: nil, of: 8).description == "2, 5–6")
        #expect(try BarSelection(bars: nil, keep: "1-4,7-8", of: 8).bars == [5, 6])
        #expect(BarSelection(bars: [8]).phrase == "bar 8")
        #expect(BarSelection(bars: [5, 6, 8]).ticks(in: .fourFour) == [15360..<23040, 26880..<30720])
        for (bars, keep, message) in [("9", nil, "bars=9: give bar numbers from 1 to 8 and ranges, e.g. bars=5-6"),
                                      ("1-8", nil, "bars=1-8: that is every bar of the section; leave out bars= to rewrite it all"),
                                      ("6-5", nil, "bars=6-5: give bar numbers from 1 to 8 and ranges, e.g. bars=5-6"),
                                      (nil, "1-8", "keep=1-8: that keeps every bar, so there is nothing to rewrite; leave out keep="),
                                      ("3", "4", "bars=3: give bars= (the bars to rewrite) or keep= (the bars to keep), not both"),
                                      ("", nil, "bars=: give bar numbers from 1 to 8 and ranges, e.g. bars=5-6")] as [(String?, String?, String)] {
            #expect(throws: EngineError.badBars(message.components(separatedBy: ": ")[0], rule: message.components(separatedBy: ": ").dropFirst().joined(separator: ": "))) {
                try BarSelection(bars: bars, keep: keep, of: 8)
            }
        }
    }
}
