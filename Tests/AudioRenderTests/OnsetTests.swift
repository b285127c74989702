import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

@Suite("Rendered timing")
struct OnsetTests {
    /// Kicks on every beat with stored micro-timing offsets, rendered, and their onsets
    /// found in the drum stem: each onset sits where grid + offset says, within 2 ms (a
    /// constant attack latency of the sample aside).
    @Test func renderedOnsetsFollowTheStoredOffsets() throws {
        var song = Song(title: "Onsets", tempo: 100)
        try song.addSection("verse", bars: 8)
        let offsets = [0, 24, -16, 8, 40, -30, 12, -4, 30, 0, -24, 16, 4, -12, 36, -8]  // ticks: up to ±25 ms at 100 bpm
        var hits: [DrumHit] = []
        for beat in 0..<32 {
            hits.append(DrumHit(start: beat * 960, key: 36, velocity: 110, offset: offsets[beat % offsets.count]))
        }
        try song.accept(.drums(hits: hits, style: nil, timing: nil), as: .drums, from: .person("T"), into: "verse", at: Date(timeIntervalSince1970: 0))
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        let performance = try Performance(song: song)
        let mastered = try Renderer.mixdown(performance, settings: settings, isCancelled: { false })
        let stem = mastered.stems[0]
        let rate = Double(settings.sampleRate)
        var latencies: [Double] = []
        for hit in hits {
            let expected = performance.tempos.seconds(at: hit.start + hit.offset)
            let from = max(0, Int((expected - 0.030) * rate)), to = min(stem.frames, Int((expected + 0.060) * rate))
            var peak: Float = 0
            for index in from..<to { peak = max(peak, abs(stem.left[index]), abs(stem.right[index])) }
            guard let onset = (from..<to).first(where: { max(abs(stem.left[$0]), abs(stem.right[$0])) > peak * 0.1 }) else {
                Issue.record("no onset near \(expected) s")
                continue
            }
            latencies.append((Double(onset) / rate - expected) * 1000)
        }
        let median = latencies.sorted()[latencies.count / 2]
        let worst = latencies.map { abs($0 - median) }.max() ?? 0
        print(String(format: "rendered kick onsets vs grid + offset: attack latency %.2f ms, worst deviation from it %.2f ms over %d hits", median, worst, latencies.count))
        #expect(worst <= 2.0)
    }
}
