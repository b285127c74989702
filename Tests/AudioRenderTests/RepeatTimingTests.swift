import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel
import Testing

/// A section played four times running, with a groove from the style tables: each play
/// keeps the written groove, its swing and its feel, and draws the humanizer afresh.
@Suite("Repeats keep the swing and play new micro-timing")
struct RepeatTimingTests {
    static let when = Date(timeIntervalSince1970: 0)
    static let bars = 8

    /// Every 4/4 style, swung or straight, at the middle of its tempo range.
    static let styles = DrumStyle.all.filter { $0.meter == "4/4" }.map(\.id)

    /// Micro-timing is measured from where the groove's swing puts each hit (the swung
    /// grid): that is what a drummer varies from one time through to the next. Measured
    /// from the straight grid, swing is a pattern every repeat shares by design (a jazz
    /// ride at 2.5:1 lays every off-beat late each time), and the repeats correlate
    /// through it, as a real drummer's do; the test prints that figure too.
    @Test(arguments: styles)
    func everyRepeatDrawsNewTimingAndKeepsTheSwing(_ name: DrumStyleName) throws {
        let style = DrumStyle.style(name)
        let tempo = (style.tempo.lowerBound + style.tempo.upperBound) / 2
        var song = Song(title: "Again", tempo: tempo)
        try song.addSection("verse", bars: Self.bars)
        let request = GrooveRequest(style: style, energy: 0.5, swing: .auto, feel: nil, humanize: 0.4, count: 1, seed: 5)
        let context = GrooveContext(section: "verse", meter: .fourFour, bars: Self.bars, tempo: tempo)
        let suggestion = try #require(GrooveGenerator.suggest(request, context: context).first)
        try song.accept(try #require(suggestion.part), as: .drums, from: .person("T"), into: "verse", at: Self.when)
        try song.arrange(["verse", "verse", "verse", "verse"])
        let played = try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
        let drums = try #require(song.section(named: "verse")?.drums)
        let timing = try #require(drums.timing)
        let written = drums.hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
        let length = Self.bars * 3840
        // The last bar is left out: the song's ending plays it another way.
        let measured = written.filter { $0.start < length - 3840 }
        // (from the straight grid, from the swung grid) per hit, for one time through.
        func deviations(_ play: Int) -> (straight: [Double], swung: [Double]) {
            let inPlay = played.filter { $0.start >= play * length - 120 && $0.start < (play + 1) * length - 120 }
                .sorted { ($0.start, $0.key) < ($1.start, $1.key) }
            // `written` is in time order, so the measured hits are its first ones.
            let straight = zip(measured, inPlay).map { Double($1.start - play * length - $0.start) }
            let swung = zip(measured, straight).map { $1 - GrooveTimingApplier.swingDelay(at: $0.start, timing) }
            return (straight, swung)
        }
        let plays = (0..<4).map(deviations)
        #expect(plays.allSatisfy { $0.swung.count == measured.count })
        let fromSwung = (0..<3).map { TimingStatistics.correlation(plays[$0].swung, plays[$0 + 1].swung) }
        let fromStraight = (0..<3).map { TimingStatistics.correlation(plays[$0].straight, plays[$0 + 1].straight) }
        // The swing held: the off-beats' mean delay (from the straight grid) within 2 ms in every play.
        let ticksPerMs = Double(tempo) * Double(MusicalTime.ticksPerQuarter) / 60_000
        let offBeats = measured.indices.filter { GrooveTimingApplier.swingDelay(at: measured[$0].start, timing) != 0 }
        let swingMs = plays.map { play in offBeats.map { play.straight[$0] }.reduce(0, +) / Double(max(1, offBeats.count)) / ticksPerMs }
        print(String(format: "%@ at %d bpm, swing %.2f:1, %@: micro-timing r between repeats %.2f %.2f %.2f from the swung grid, %.2f %.2f %.2f from the straight grid; off-beats late by %@ ms",
                     name.rawValue, tempo, timing.swing, timing.feel.rawValue, fromSwung[0], fromSwung[1], fromSwung[2],
                     fromStraight[0], fromStraight[1], fromStraight[2], swingMs.map { String(format: "%.1f", $0) }.joined(separator: "/")))
        #expect(fromSwung.allSatisfy { abs($0) <= 0.5 })
        // Not only one play against the next: every play against every other (the third
        // play had been the stored one's draws moved on two places, r 0.67 in a sketch's
        // choruses, a songwriter's check measured).
        let apart = [(0, 2), (0, 3), (1, 3)].map { TimingStatistics.correlation(plays[$0.0].swung, plays[$0.1].swung) }
        print(String(format: "%@: r between plays 1 and 3, 1 and 4, 2 and 4: %.2f %.2f %.2f", name.rawValue, apart[0], apart[1], apart[2]))
        // What is shared by design is the feel (each drum's own push or lag) and the snare
        // never early: measured after the fix, −0.06 to 0.50 play to play, at most 0.59
        // between any two plays (0.64–0.86 between plays 1 and 3 before).
        #expect(apart.allSatisfy { abs($0) <= 0.6 }, "\(apart)")
        // Within 3.5 ms: each play's own slow drift (the humanizer's 1/f noise) moves all of
        // its hits a little; the swing itself (17 ms in the shuffle, 102 in the one-drop) holds.
        if !offBeats.isEmpty { #expect((swingMs.max() ?? 0) - (swingMs.min() ?? 0) <= 3.5) }
    }
}
