import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

@Suite("Mastering, voicing and errors")
struct MasteringTests {
    @Test func limiterCurveKeepsEveryFrameUnderTheCeiling() {
        var left = [Float](repeating: 0, count: 20000), right = left
        for index in 0..<20000 { left[index] = 0.3 * sin(Float(index) * 0.05); right[index] = left[index] }
        left[10000] = 2.0
        right[12000] = -1.5
        let curve = Limiter.gainCurve(left: left, right: right, ceiling: 0.8, lookAhead: 220, release: 3500)
        for index in 0..<20000 {
            #expect(max(abs(left[index]), abs(right[index])) * curve[index] <= 0.8 + 1e-6)
        }
        #expect(curve[5000] == 1)
        // Gain falls before the peak (look-ahead) rather than at it.
        #expect(curve[10000 - 100] < 1)
    }

    @Test func missingSoundFontIsOneClearLine() throws {
        var settings = RenderSettings(soundFont: "/nowhere/missing.sf2")
        settings.stems = false
        let folder = temporaryFolder() + "/out"
        do {
            _ = try Renderer.render(song: try fourPartSong(), to: folder, settings: settings, version: "t")
            Issue.record("rendered without a SoundFont")
        } catch {
            #expect("\(error)" == "no SoundFont at /nowhere/missing.sf2: install Debian's fluid-soundfont-gm (`make deps` does), or point --soundfont or COWRITE_SOUNDFONT at a .sf2 file")
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func aCancelledRenderLeavesNothingBehind() throws {
        let parent = temporaryFolder()
        let folder = parent + "/out"
        let settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        #expect(throws: RenderError.cancelled) {
            try Renderer.render(song: try fourPartSong(), to: folder, settings: settings, version: "t", isCancelled: { true })
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).isEmpty)
    }

    @Test func oneSectionRendersToFlacAtFortyEightKilohertz() throws {
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.format = .flac
        settings.sampleRate = 48000
        settings.target.lufs = -16
        let folder = temporaryFolder() + "/chorus"
        let result = try Renderer.render(song: try fourPartSong(), section: "chorus", to: folder, settings: settings, version: "t")
        #expect(result.files.first == "mix.flac")
        let (mix, rate, _) = try AudioFile.read(folder + "/mix.flac")
        #expect(rate == 48000)
        #expect(abs(Double(mix.frames) / 48000 - (8 * 4 * 60 / 84.0 + 2.5)) < 0.001)
        let report = try Loudness.measure(left: mix.left, right: mix.right, sampleRate: 48000)
        #expect(abs(report.integrated - (-16)) <= 0.5)
        #expect(report.truePeak <= -1.0)
    }
}
