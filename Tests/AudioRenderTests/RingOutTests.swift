@testable import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

/// The end of a render: a part still sounding after the tail rings out; a part that has
/// fallen silent ends with the tail.
@Suite("Ring-out")
struct RingOutTests {
    /// Two bars of drums and one short melody note, as the song's whole form: the engine's
    /// drums end as a drummer ends a song, a kick and a crash on the downbeat after the last
    /// bar; drums a person wrote end as written.
    static func ending(drumsBy origin: Origin = .generator("groove", version: "2.12", seed: 1, parameters: [:])) throws -> Performance {
        var song = Song(title: "Ending", tempo: 120)
        try song.addSection("verse", bars: 2)
        var hits: [DrumHit] = []
        for beat in 0..<8 {
            hits.append(DrumHit(start: beat * 960, key: beat % 2 == 0 ? DrumKit.kick : DrumKit.snare, velocity: 100))
            hits.append(DrumHit(start: beat * 960, key: DrumKit.hat, velocity: 80))
        }
        try song.accept(.drums(hits: hits, style: nil, timing: nil), as: .drums, from: origin, into: "verse", at: Date(timeIntervalSince1970: 0))
        let note = Note(start: 0, duration: 480, pitch: try Pitch(parsing: "E4"), velocity: 90)
        try song.accept(.notes([note]), as: .melody, from: .person("T"), into: "verse", at: Date(timeIntervalSince1970: 0))
        return try Performance(song: song)
    }

    /// Drums a person wrote (or imported) are played to the end as written: no final hit a
    /// bar past the song, and the last bar's snare kept (an imported part's last snare had
    /// gone and a kick and crash came after its last bar in song.mid).
    @Test func drumsYouWroteEndAsWritten() throws {
        let performance = try Self.ending(drumsBy: .person("T"))
        let drums = try #require(performance.tracks.first { $0.part == .drums }).notes
        #expect(!drums.contains { $0.start >= performance.endTick })
        #expect(drums.contains { $0.start == 7 * 960 && $0.key == DrumKit.snare })
        #expect(drums.count == 16)
    }

    /// The engine's drums end the song without a fill into the final hit; a fill the writer
    /// put there (`fill`, recorded in the part's edits) plays into it. (An outside check
    /// found a written fill gone from song.mid: the last bar's second half silent.)
    @Test func aFillYouPutInTheLastBarPlaysIntoTheFinalHit() throws {
        var song = Song(title: "Ending", tempo: 120)
        try song.addSection("verse", bars: 2)
        let hits = (0..<8).map { DrumHit(start: $0 * 960, key: DrumKit.hat, velocity: 80) }
        let when = Date(timeIntervalSince1970: 0)
        try song.accept(.drums(hits: hits, style: .rock, timing: nil), as: .drums, from: .generator("groove", version: "2.14", seed: 1, parameters: [:]),
                        into: "verse", at: when)
        try song.accept(.notes([Note(start: 0, duration: 480, pitch: try Pitch(parsing: "E4"), velocity: 90)]), as: .melody, from: .person("T"),
                        into: "verse", at: when)
        let meter = Meter.fourFour
        func lastHalf(_ song: Song) throws -> [Int] {
            let drums = try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
            return drums.filter { $0.start >= 3840 + 1920 && $0.start < 7680 }.map(\.key)
        }
        // The same fill, written by the engine and by the writer.
        var engines = song
        _ = try engines.edit(.drums, in: "verse", by: "groove 2.14 (seed 2)", at: when, change: FillKind.toms.change(inBar: 2),
                         origin: .generator("groove", version: "2.14", seed: 2, parameters: [:])) { content in
            guard case .drums(let hits, let style, let timing) = content else { return }
            content = .drums(hits: FillKind.toms.placed(into: hits, barStart: 3840, meter: meter, stepTicks: 240, energy: 0.7), style: style, timing: timing)
        }
        // The engine's fill gives way to the groove: the bar before's second half, played
        // again (an outside check found that half bar silent before the final hit).
        let plain = try lastHalf(engines)
        #expect(plain == [DrumKit.hat, DrumKit.hat], "\(plain)")
        var writers = song
        _ = try writers.edit(.drums, in: "verse", by: "T", at: when, change: FillKind.toms.change(inBar: 2)) { content in
            guard case .drums(let hits, let style, let timing) = content else { return }
            content = .drums(hits: FillKind.toms.placed(into: hits, barStart: 3840, meter: meter, stepTicks: 240, energy: 0.7), style: style, timing: timing)
        }
        let kept = try lastHalf(writers)
        #expect(kept.count == 8 && kept.contains(DrumKit.lowTom) && kept.contains(DrumKit.snare), "\(kept)")
        let drums = try #require(try Performance(song: writers).tracks.first { $0.part == .drums }).notes
        #expect(drums.contains { $0.start == 7680 && $0.key == DrumKit.crash })
    }

    /// The engine's last bar: a fill with kicks in it gives way to the bar before's second
    /// half, kick, hats and backbeat; a last bar with no fill keeps its backbeat on 4. (A
    /// producer measured a boom-bap song's last half bar as four kicks, no snare, no hats,
    /// and another song's last bar without its snare on 4.)
    @Test func theLastBarKeepsTheGrooveAndItsBackbeat() {
        let meter = Meter.fourFour, bar = meter.ticksPerBar, length = 2 * bar
        // Two bars of a groove: kick on 1 and 3, snare on 2 and 4, hats on the eighths.
        var groove: [DrumHit] = []
        for start in [0, bar] {
            for eighth in 0..<8 { groove.append(DrumHit(start: start + eighth * 480, key: DrumKit.hat, velocity: 80)) }
            groove += [DrumHit(start: start, key: DrumKit.kick, velocity: 100), DrumHit(start: start + 1920, key: DrumKit.kick, velocity: 100),
                       DrumHit(start: start + 960, key: DrumKit.snare, velocity: 100), DrumHit(start: start + 2880, key: DrumKit.snare, velocity: 100)]
        }
        func secondHalf(_ hits: [DrumHit]) -> [String] {
            hits.filter { $0.start >= bar + 1920 && $0.start < length }.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
                .map { "\($0.start - bar - 1920):\($0.key)" }
        }
        let expected = secondHalf(groove)
        #expect(expected.contains("960:\(DrumKit.snare)") && expected.filter { $0.hasSuffix(":\(DrumKit.hat)") }.count == 4)
        // No fill: the last bar as written, then the final hit.
        let plain = Performance.ending(groove, length: length, meter: meter)
        #expect(secondHalf(plain) == expected)
        #expect(plain.filter { $0.start == length }.map(\.key).sorted() == [DrumKit.kick, DrumKit.crash].sorted())
        // A fill of kicks and snares over the last bar's second half, its hats stopped.
        var filled = groove.filter { !($0.start >= bar + 1920) }
        for step in [0, 2, 4, 6] { filled.append(DrumHit(start: bar + 1920 + step * 240, key: DrumKit.kick, velocity: 90)) }
        for step in [1, 3, 5, 7] { filled.append(DrumHit(start: bar + 1920 + step * 240, key: DrumKit.snare, velocity: 90)) }
        #expect(secondHalf(Performance.ending(filled, length: length, meter: meter)) == expected)
        // A fill of kicks and one snare stroke (as many as the groove's backbeat) that stops
        // the hats is a fill too.
        var kicksAndSnare = groove.filter { !($0.start >= bar + 1920) }
        for step in [0, 2, 6] { kicksAndSnare.append(DrumHit(start: bar + 1920 + step * 240, key: DrumKit.kick, velocity: 90)) }
        kicksAndSnare.append(DrumHit(start: bar + 1920 + 3 * 240, key: DrumKit.snare, velocity: 90))
        #expect(secondHalf(Performance.ending(kicksAndSnare, length: length, meter: meter)) == expected)
        // A fill the writer put there plays into the final hit.
        #expect(secondHalf(Performance.ending(filled, length: length, meter: meter, keepingFill: true)) == secondHalf(filled))
        // Played with the groove's timing, the half comes back with a humanizer draw of its
        // own, not the bar before's micro-timing copied.
        let timing = GrooveTiming(swing: 1, swingUnit: 960, feel: .on, humanize: 0.5, alpha: 1, seed: 3)
        let replayed = Performance.ending(filled, length: length, meter: meter, playing: Performance.FillPlaying(timing: timing, quarterTempo: 90))
        let half = replayed.filter { $0.start >= bar + 1920 && $0.start < length }
        #expect(secondHalf(replayed) == expected)
        #expect(half.filter { $0.offset != 0 }.count >= half.count / 2, "\(half.map(\.offset))")
        // A section of one bar as the song's last: its backbeat is not a fill; its fill's
        // strokes go, its kicks and hats stay.
        let oneBar = groove.filter { $0.start < bar }
        let lastHalf = { (hits: [DrumHit]) in hits.filter { $0.start >= 1920 && $0.start < bar }.map(\.key).sorted() }
        #expect(lastHalf(Performance.ending(oneBar, length: bar, meter: meter)) == lastHalf(oneBar))
        let oneBarFilled = oneBar.filter { $0.start < 1920 } + [DrumHit(start: 1920, key: DrumKit.highTom, velocity: 90), DrumHit(start: 2400, key: DrumKit.snare, velocity: 90)]
        #expect(lastHalf(Performance.ending(oneBarFilled, length: bar, meter: meter)).isEmpty)
    }

    static func peak(_ stem: StereoBuffer, _ range: Range<Int>) -> Float {
        range.reduce(Float(0)) { max($0, abs(stem.left[$1]), abs(stem.right[$1])) }
    }

    /// The crash still sounds where the 2.5 s tail ends (a fixed tail faded it there); the
    /// drums go on until their last tenth of a second is under −80 dBFS, and no further;
    /// the melody, long silent, ends with the tail.
    @Test func aCrashOnTheLastDownbeatRingsOut() throws {
        let performance = try Self.ending()
        let drumTrack = try #require(performance.tracks.firstIndex { $0.part == .drums })
        let melodyTrack = try #require(performance.tracks.firstIndex { $0.part == .melody })
        #expect(performance.tracks[drumTrack].notes.contains { $0.start == performance.endTick && $0.key == DrumKit.crash })
        let settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        let stems = try Renderer.stems(performance, settings: settings, isCancelled: { false })
        let rate = settings.sampleRate, stretch = StemRenderer.stretch(sampleRate: rate)
        let formEnd = StemRenderer.frame(of: performance.endTick, in: performance, sampleRate: rate)
        let tailEnd = formEnd + Int(settings.tail * Double(rate))
        let drums = stems[drumTrack]
        let atTail = Loudness.decibels(Double(Self.peak(drums, tailEnd - stretch..<tailEnd)))
        let ringing = Double(drums.frames - formEnd) / Double(rate)
        print(String(format: "crash peak where the 2.5 s tail ends %.1f dBFS; the drums rang %.2f s past the last bar", atTail, ringing))
        #expect(atTail > -60)
        #expect(drums.frames > tailEnd && drums.frames <= formEnd + Int((settings.tail + settings.ringOut) * Double(rate)))
        #expect(Self.peak(drums, drums.frames - stretch..<drums.frames) < StemRenderer.silence)
        #expect(Self.peak(drums, drums.frames - 2 * stretch..<drums.frames - stretch) >= StemRenderer.silence)
        #expect(stems[melodyTrack].frames == tailEnd)
    }

    /// With no ring-out (a section played at the prompt) every part ends with the tail.
    @Test func withNoRingOutEveryPartEndsWithTheTail() throws {
        let performance = try Self.ending()
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.ringOut = 0
        let stems = try Renderer.stems(performance, settings: settings, isCancelled: { false })
        let tailEnd = StemRenderer.totalFrames(performance, sampleRate: settings.sampleRate, tail: settings.tail)
        #expect(stems.map(\.frames) == stems.map { _ in tailEnd })
    }
}
