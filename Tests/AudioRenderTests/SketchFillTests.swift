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

    /// Every sketched song whose last section has drums ends as a drummer ends one: the
    /// groove played to the end, no fill in the second half of the last bar (no tom, and no
    /// more snare strokes than the bar before's second half: the backbeat stays), then kick
    /// and crash together on the downbeat after it, ringing out. Twelve moods and four arcs,
    /// five seeds each (the listening study found every drummed outro ending on a fill into
    /// silence; a producer found a last bar's backbeat on 4 gone).
    @Test func everyDrummedSketchEndsOnAHitNotAFill() throws {
        var endings = 0
        let requests: [(mood: Mood?, arc: [Mood])] = Mood.allCases.map { ($0, []) }
            + [(nil, [.calm, .tense, .triumphant]), (nil, [.energetic, .calm]), (nil, [.sad, .hopeful]), (nil, [.dreamy, .dark, .triumphant])]
        for (mood, arc) in requests {
            for seed in UInt64(1)...5 {
                let draft = try Sketcher.draft(SketchRequest(mood: mood, arc: arc, form: nil, style: nil, key: nil, tempo: nil, seed: seed, line: "test"))
                var song = Song(title: "Ends", key: draft.key, tempo: draft.tempo, mood: draft.mood)
                for section in draft.sections { try song.place(section, acceptedAt: Date(timeIntervalSince1970: 0)) }
                try song.arrange(draft.form)
                guard let last = song.form.last.flatMap({ song.section(named: $0) }), last.drums != nil else { continue }
                let performance = try Performance(song: song)
                let drums = try #require(performance.tracks.first { $0.part == .drums })
                let bar = song.meter(of: last).ticksPerBar, end = performance.endTick
                let name = "\(mood.map(\.rawValue) ?? "\(arc)") seed \(seed)"
                let late = drums.notes.filter { $0.start >= end - bar / 2 && $0.start < end - 60 }
                let before = drums.notes.filter { $0.start >= end - bar - bar / 2 && $0.start < end - bar - 60 }
                let snares = { (notes: [PerformedNote]) in notes.filter { [38, 40].contains($0.key) }.count }
                #expect(!late.contains { [45, 47, 48, 50].contains($0.key) } && snares(late) <= snares(before),
                        "\(name): a fill in the last half bar \(late.map(\.key)) after \(before.map(\.key))")
                #expect(snares(before) == 0 || snares(late) > 0, "\(name): the backbeat gone from the last half bar \(late.map(\.key))")
                let final = Set(drums.notes.filter { $0.start == end }.map(\.key))
                #expect(final.isSuperset(of: [36, 49]), "\(name): ends on \(final.sorted())")
                endings += 1
            }
        }
        print("drummed sketch endings: \(endings)")
        #expect(endings >= 30)
    }
}
