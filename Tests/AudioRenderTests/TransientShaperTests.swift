@testable import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel
import Testing

/// The lead's peaks held near its own level (`TransientShaper`), so the limiter need not
/// cut them, and the lead the balance set is the lead that is heard.
@Suite("Transient shaper")
struct TransientShaperTests {
    /// Eight bars of nylon guitar, a note a beat, as one part of a performance.
    static func pluckedLine(as part: PartKind) throws -> (Performance.Track, Performance) {
        var song = Song(title: "Pluck", tempo: 100)
        try song.addSection("verse", bars: 8)
        let pitches = ["E4", "G4", "A4", "B4", "D5", "B4", "A4", "G4"]
        let notes = try (0..<32).map { beat in
            Note(start: beat * 960, duration: 900, pitch: try Pitch(parsing: pitches[beat % pitches.count]), velocity: 100)
        }
        try song.accept(.notes(notes), as: .melody, from: .person("T"), into: "verse", at: Date(timeIntervalSince1970: 0))
        song.updateSettings(for: .melody) { $0.program = 24 }
        let performance = try Performance(song: song)
        var track = try #require(performance.tracks.first { $0.part == .melody })
        track.part = part
        return (track, performance)
    }

    static func synthesize(_ track: Performance.Track, of performance: Performance) throws -> StereoBuffer {
        let stem = StemMemory()
        try StemRenderer.render(track, of: performance, soundFont: SoundFontInfo.resolve(nil), sampleRate: 44100, tail: 1,
                                isCancelled: { false }) { (left, right, count) throws(RenderError) in
            stem.append(left: left, right: right, count: count)
        }
        return stem.buffer
    }

    /// The same plucked line synthesized as the melody (shaped) and as the chords (not):
    /// the melody's peak sits at least 1.5 dB less over its loudness (libebur128's true
    /// peak and integrated loudness: 11.1 dB against 13.2); the attacks are where it is cut
    /// (the first 30 ms of each note at least 3 dB lower), and the rest of each note is the
    /// plain one's sound (within a thousandth of a decibel).
    @Test func aPluckedLeadPeaksLessOverItsLoudness() throws {
        let (lead, performance) = try Self.pluckedLine(as: .melody)
        var plain = lead
        plain.part = .chords
        let shaped = try Self.synthesize(lead, of: performance), unshaped = try Self.synthesize(plain, of: performance)
        func crest(_ stem: StereoBuffer) throws -> Double {
            let integrated = try Loudness.libraryReport([(stem.left, stem.right)], sampleRate: 44100).integrated
            let truePeak = Loudness.decibels(max(try Loudness.libraryTruePeak(stem.left, sampleRate: 44100),
                                                 try Loudness.libraryTruePeak(stem.right, sampleRate: 44100)))
            return truePeak - integrated
        }
        let before = try crest(unshaped), after = try crest(shaped)
        print(String(format: "nylon guitar line: true peak over loudness %.1f dB as chords, %.1f dB as the melody", before, after))
        #expect(before - after >= 1.5)
        let beat = 44100 * 60 / 100
        func peak(_ stem: StereoBuffer, _ range: Range<Int>) -> Float { range.reduce(0) { max($0, abs(stem.left[$1]), abs(stem.right[$1])) } }
        var attacks: [Double] = [], bodies: [Double] = []
        for index in 0..<32 {
            let start = index * beat, attack = start..<start + 44100 * 3 / 100, body = start + beat - 44100 / 5..<start + beat
            attacks.append(Loudness.decibels(Double(peak(shaped, attack) / peak(unshaped, attack))))
            bodies.append(Loudness.decibels(Double(peak(shaped, body) / peak(unshaped, body))))
        }
        print(String(format: "cut at the notes' attacks: median %.1f dB; in their last 200 ms: at most %.2f dB",
                     -attacks.sorted()[16], -(bodies.min() ?? 0)))
        #expect(attacks.sorted()[16] <= -3)
        #expect(bodies.allSatisfy { abs($0) <= 0.001 })
    }

    /// A lead that swells into its notes is touched only as it starts from silence (the
    /// gain back within 0.01 dB by 0.2 s), and the shaper goes on across
    /// blocks as if the part came whole (a render's blocks fall where its events do).
    @Test func aSwellPassesAndBlocksDoNotMatter() {
        let rate = 44100
        var left = (0..<rate).map { index -> Float in
            let time = Double(index) / Double(rate)
            let swell = min(1, time / 0.2)
            return Float(sin(2 * Double.pi * 440 * time) * swell * 0.5)
        }
        let original = left
        var right = left
        var shaper = TransientShaper(sampleRate: rate)
        shaper.process(left: &left, right: &right, count: rate)
        let cuts = zip(left, original).map { abs($1) > 1e-3 ? Loudness.decibels(Double(abs($0 / $1))) : 0 }
        let deepestAfter = { (seconds: Double) in -(cuts.dropFirst(Int(seconds * Double(rate))).min() ?? 0) }
        print(String(format: "a 200 ms swell from silence: cut at most %.2f dB after 50 ms, %.3f dB after 200 ms", deepestAfter(0.05), deepestAfter(0.2)))
        #expect(deepestAfter(0.2) < 0.01, "a swell is touched only as it starts from silence")

        // A held tone whose waveform is all spikes (a narrow pulse, peaks 13 dB over its
        // average, as a trumpet's are sharp): untouched once it has settled. A first design
        // keyed on the rectified average cut such a tone 9 dB all the time.
        var pulse = (0..<rate).map { index -> Float in (index % 100) < 5 ? 0.5 : -0.025 }
        let plain = pulse
        var pulseRight = pulse
        var steady = TransientShaper(sampleRate: rate)
        steady.process(left: &pulse, right: &pulseRight, count: rate)
        let settled = zip(pulse, plain).dropFirst(rate / 5).map { Loudness.decibels(Double(abs($0 / $1))) }
        #expect(settled.allSatisfy { abs($0) < 0.01 }, "a held spiky tone is not cut")

        var generator = SeededGenerator(seed: 7)
        let plucks = (0..<rate).map { index -> Float in
            let phase = index % (rate / 4)
            let noise = Double(generator.next() % 2001) / 1000 - 1
            return Float(noise * exp(-Double(phase) / 2000))
        }
        var whole = plucks, wholeRight = plucks
        var once = TransientShaper(sampleRate: rate)
        once.process(left: &whole, right: &wholeRight, count: rate)
        var pieces = plucks, piecesRight = plucks
        var inBlocks = TransientShaper(sampleRate: rate)
        var start = 0
        for size in [1, 63, 4410, 517, 30_000] + Array(repeating: 4096, count: 3) where start < rate {
            let count = min(size, rate - start)
            pieces.withUnsafeMutableBufferPointer { l in
                piecesRight.withUnsafeMutableBufferPointer { r in
                    inBlocks.process(left: l.baseAddress! + start, right: r.baseAddress! + start, count: count)
                }
            }
            start += count
        }
        #expect(start == rate && pieces == whole && piecesRight == wholeRight)
        let held = zip(whole, plucks).enumerated().filter { $0.offset % (rate / 4) < 441 }
        let attackCut = held.reduce(0) { $0 + Double($1.element.0 * $1.element.0) } / held.reduce(0) { $0 + Double($1.element.1 * $1.element.1) }
        #expect(Loudness.decibels(attackCut) / 2 < -3, "the plucks' first 10 ms are held down")
    }

    /// A nostalgic sketch's nylon-guitar melody after mastering: in its lower quartile of
    /// bars it sits at least 3.1 dB over the chords, pad and bass by RMS (3.4 measured).
    /// Synthesized without the shaper, the same measure read 2.8 dB: the limiter had cut
    /// the melody's attacks.
    @Test func aPluckedLeadKeepsItsLeadThroughTheLimiter() throws {
        let song = try BalanceTests.sketch(.nostalgic, title: "Nostalgic")
        let performance = try Performance(song: song)
        let lead = try #require(performance.tracks.firstIndex { $0.part == .melody })
        #expect(performance.tracks[lead].program == 24)
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        let mastered = try Renderer.mixdown(performance, settings: settings, isCancelled: { false })
        let bed = performance.tracks.indices.filter { [.chords, .pad, .bass].contains(performance.tracks[$0].part) }
        let lower = try #require(try Balance.barDifference(mastered.stems, lead: lead, bed: bed, performance: performance,
                                                       sampleRate: 44100, quantile: 0.25))
        print(String(format: "nostalgic sketch, mastered: melody over chords + pad + bass, lower quartile of bars %+.1f dB", lower))
        #expect(lower >= 3.1)
    }
}
