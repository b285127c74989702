@testable import AudioRender
import Foundation
import Testing

@Suite struct SynthPoolTests {
    /// One track synthesized through `pool`, each second's left then right channel.
    func synthesize(_ track: Performance.Track, of performance: Performance, pool: SynthPool, sampleRate: Int = 44100) throws -> [Float] {
        var samples: [Float] = []
        try StemRenderer.render(track, of: performance, soundFont: SoundFontInfo.resolve(nil), sampleRate: sampleRate, tail: 2.5,
                                pool: pool, isCancelled: { false }) { (left, right, count) throws(RenderError) in
            samples += UnsafeBufferPointer(start: left, count: count)
            samples += UnsafeBufferPointer(start: right, count: count)
        }
        return samples
    }

    /// Synths made ahead sound as synths made on the spot, to the sample, whatever the
    /// pool played before: a synth that has played is never handed out again (one reset
    /// and played again differs on nearly every sample, by up to 0.008).
    @Test func synthsMadeAheadSoundAsNewOnesAndNeverPlayTwice() throws {
        let performance = try Performance(song: try fourPartSong())
        let chords = try #require(performance.tracks.first { $0.channel != 9 && !$0.notes.isEmpty })
        let drums = try #require(performance.tracks.first { $0.channel == 9 && !$0.notes.isEmpty })
        let onTheSpot = try synthesize(chords, of: performance, pool: SynthPool())

        let pool = SynthPool()
        pool.keepReady(2, soundFont: SoundFontInfo.resolve(nil), sampleRate: 44100)
        pool.waitUntilReady()
        #expect(pool.readyCount == 2)
        for track in [drums, chords, drums] {
            let samples = try synthesize(track, of: performance, pool: pool)
            if track == chords {
                #expect(samples.count == onTheSpot.count)
                let differing = zip(samples, onTheSpot).filter { $0 != $1 }.count
                #expect(differing == 0, "\(differing) of \(samples.count) samples differ")
            }
            pool.waitUntilReady()
            #expect(pool.readyCount == 2)
        }
        pool.keepReady(0, soundFont: SoundFontInfo.resolve(nil), sampleRate: 44100)
        #expect(pool.readyCount == 0)
    }

    /// A pool not asked to keep synths ready (a one-shot render) makes only what is taken.
    @Test func aPoolNotAskedMakesNothingAhead() throws {
        let pool = SynthPool()
        _ = try pool.take(soundFont: SoundFontInfo.resolve(nil), sampleRate: 44100)
        pool.waitUntilReady()
        #expect(pool.readyCount == 0)
        #expect(throws: RenderError.missingSoundFont("/nonexistent/font.sf2")) {
            try pool.take(soundFont: "/nonexistent/font.sf2", sampleRate: 44100)
        }
    }

    /// Taking for another sample rate (or SoundFont) lets the kept synths go and keeps
    /// synths for the new one ready instead.
    @Test func anotherSampleRateIsKeptReadyInstead() throws {
        let pool = SynthPool()
        pool.keepReady(1, soundFont: SoundFontInfo.resolve(nil), sampleRate: 44100)
        pool.waitUntilReady()
        let taken = try pool.take(soundFont: SoundFontInfo.resolve(nil), sampleRate: 48000)
        #expect(taken.sampleRate == 48000)
        pool.waitUntilReady()
        #expect(pool.readyCount == 1)
        let ready = try pool.take(soundFont: SoundFontInfo.resolve(nil), sampleRate: 48000)
        #expect(ready.sampleRate == 48000)
    }

    /// A SoundFont file changed on disk, another file or another sample rate is another
    /// key: kept synths of the old one are let go, not played with stale samples.
    @Test func aChangedFileIsAnotherKey() throws {
        let path = temporaryFolder() + "/font.sf2"
        try Data("RIFF".utf8).write(to: URL(fileURLWithPath: path))
        let first = try SynthPool.key(soundFont: path, sampleRate: 44100)
        #expect(try SynthPool.key(soundFont: path, sampleRate: 44100) == first)
        #expect(try SynthPool.key(soundFont: path, sampleRate: 48000) != first)
        usleep(10_000)
        try Data("RIFF and more".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try SynthPool.key(soundFont: path, sampleRate: 44100) != first)
        #expect(throws: RenderError.missingSoundFont(path + ".gone")) {
            try SynthPool.key(soundFont: path + ".gone", sampleRate: 44100)
        }
    }
}
