import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel
import Testing

/// Fills as a song plays them: the grooves' own and the hand-overs', in sketched songs.
@Suite("Fills across sketched songs")
struct SketchFillTests {
    @Test func fillsTakeAtMostOneDrumBarInEight() throws {
        var fills = 0, bars = 0
        for (index, mood) in [Mood.energetic, .hopeful, .triumphant, .playful, .tense, .sad].enumerated() {
            for seed in UInt64(1)...3 {
                let draft = try Sketcher.draft(SketchRequest(mood: mood, arc: [], form: nil, style: nil, key: nil, tempo: nil,
                                                             seed: seed + UInt64(index * 10), line: "test"))
                var song = Song(title: "Fills", key: draft.key, tempo: draft.tempo, mood: draft.mood)
                for section in draft.sections { try song.place(section, acceptedAt: Date(timeIntervalSince1970: 0)) }
                try song.arrange(draft.form)
                let performance = try Performance(song: song)
                guard let drums = performance.tracks.first(where: { $0.part == .drums }) else { continue }
                var cursor = 0
                for name in song.form {
                    guard let section = song.section(named: name) else { continue }
                    let bar = song.meter(of: section).ticksPerBar
                    defer { cursor += section.bars * bar }
                    guard section.drums != nil else { continue }
                    for index in 0..<section.bars {
                        let start = cursor + index * bar + bar / 2, end = cursor + (index + 1) * bar
                        let late = drums.notes.filter { $0.start >= start - 60 && $0.start < end - 60 }
                        if late.contains(where: { [38, 40, 45, 47, 48, 50].contains($0.key) }) && !late.contains(where: { [42, 44, 46, 51, 53].contains($0.key) }) {
                            fills += 1
                        }
                        bars += 1
                    }
                }
            }
        }
        print("sketched songs: \(fills) fill bars of \(bars) drum bars (\(fills * 100 / max(bars, 1))%)")
        #expect(bars > 500)
        #expect(Double(fills) / Double(bars) <= 0.12)
    }
}
