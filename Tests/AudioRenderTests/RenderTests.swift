import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

@Suite("Rendering the example song")
struct RenderTests {
    var rendered: Rendered { get throws { try sharedRender.get() } }

    func read(_ name: String) throws -> StereoBuffer {
        try AudioFile.read(try rendered.folder + "/" + name).buffer
    }

    @Test func writesEveryFile() throws {
        let folder = try rendered.folder
        for name in ["mix.wav", "stems/chords.wav", "stems/melody.wav", "stems/bass.wav", "stems/drums.wav",
                     "song.mid", "song.chordpro", "song.musicxml", "provenance.md", "provenance.json"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name) missing")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + ".partial-\(getpid())"))
    }

    @Test func durationIsTheFormPlusATailOfAtMostThreeSeconds() throws {
        let (mix, rate, _) = try AudioFile.read(try rendered.folder + "/mix.wav")
        let form = 32.0 * 4 * 60 / 84  // 32 bars of 4/4 at 84 bpm
        let seconds = Double(mix.frames) / Double(rate)
        #expect(rate == 44100)
        #expect(seconds >= form)
        #expect(seconds - form <= 3.0)
        #expect(abs(seconds - form - 2.5) < 0.001)
    }

    @Test func noSampleClips() throws {
        for name in ["mix.wav", "stems/chords.wav", "stems/melody.wav", "stems/bass.wav", "stems/drums.wav"] {
            let buffer = try read(name)
            let peak = max(buffer.left.map(abs).max() ?? 0, buffer.right.map(abs).max() ?? 0)
            #expect(peak < 1.0, "\(name) peaks at \(peak)")
        }
    }

    @Test func loudnessAndTruePeakMeetTheTarget() throws {
        let mix = try read("mix.wav")
        let report = try Loudness.measure(left: mix.left, right: mix.right, sampleRate: 44100)
        #expect(abs(report.integrated - (-14)) <= 0.5, "integrated \(report.integrated) LUFS")
        #expect(report.truePeak <= -1.0, "true peak \(report.truePeak) dBTP")
    }

    @Test func stemsSumToTheMix() throws {
        let mix = try read("mix.wav")
        var sum = StereoBuffer(frames: mix.frames)
        for name in ["chords", "melody", "bass", "drums"] {
            let stem = try read("stems/\(name).wav")
            #expect(stem.frames == mix.frames)
            for index in 0..<mix.frames {
                sum.left[index] += stem.left[index]
                sum.right[index] += stem.right[index]
            }
        }
        var worst: Float = 0
        for index in 0..<mix.frames {
            worst = max(worst, abs(sum.left[index] - mix.left[index]), abs(sum.right[index] - mix.right[index]))
        }
        #expect(Loudness.decibels(Double(worst)) < -60, "stems differ from the mix by up to \(worst)")
    }

    /// Seconds where a part is heard: from each note's start to its end plus the
    /// instrument's release and the reverb's ring (`ring` seconds).
    func sounding(_ part: PartKind, ring: Double) throws -> [ClosedRange<Double>] {
        let performance = try rendered.performance
        guard let track = performance.tracks.first(where: { $0.part == part }) else { return [] }
        return track.notes.map { performance.tempos.seconds(at: $0.start)...(performance.tempos.seconds(at: $0.end) + ring) }
    }

    @Test("a stem is silent where its part has no notes, and sounds where it has", arguments: [PartKind.melody, .bass, .drums])
    func silenceFollowsTheNotes(part: PartKind) throws {
        let stem = try read("stems/\(part.rawValue).wav")
        let rate = 44100.0
        let heard = try sounding(part, ring: 2.0)
        let notes = try sounding(part, ring: 0)
        // Every 50 ms window: outside the heard ranges the stem is below −90 dBFS.
        let window = Int(rate * 0.05)
        var loudestSilence: Float = 0
        var quietestNote: Float = 1
        for start in stride(from: 0, to: stem.frames - window, by: window) {
            let time = Double(start) / rate, end = Double(start + window) / rate
            var peak: Float = 0
            for index in start..<start + window { peak = max(peak, abs(stem.left[index]), abs(stem.right[index])) }
            if !heard.contains(where: { $0.overlaps(time...end) }) { loudestSilence = max(loudestSilence, peak) }
            if notes.contains(where: { $0.lowerBound <= time && end <= $0.upperBound }) { quietestNote = min(quietestNote, peak) }
        }
        #expect(Loudness.decibels(Double(loudestSilence)) < -90, "\(part) leaks \(Loudness.decibels(Double(loudestSilence))) dBFS")
        #expect(Loudness.decibels(Double(quietestNote)) > -50, "\(part) drops to \(Loudness.decibels(Double(quietestNote))) dBFS during a note")
    }

    @Test func twoRendersAreBitIdentical() throws {
        let first = try rendered.folder, second = try secondRender.get().folder
        for name in ["mix.wav", "stems/chords.wav", "stems/melody.wav", "stems/bass.wav", "stems/drums.wav",
                     "song.mid", "song.chordpro", "song.musicxml", "provenance.json"] {
            let a = FileManager.default.contents(atPath: first + "/" + name)
            let b = FileManager.default.contents(atPath: second + "/" + name)
            #expect(a != nil && a == b, "\(name) differs between two renders")
        }
    }

    @Test func filesCarryTheSongInTheirMetadata() throws {
        let (_, _, metadata) = try AudioFile.read(try rendered.folder + "/stems/bass.wav")
        #expect(metadata.title == "Rain on Glass — bass")
        #expect(metadata.artist == "Cowrite examples")
        #expect(metadata.software.hasPrefix("cowrite test"))
        #expect(metadata.comment == "Cowrite render; written by Cowrite examples, Test")
    }

    @Test func provenanceNamesEverySectionAndPart() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try rendered.folder + "/provenance.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? String == "cowrite-provenance")
        let parts = try #require(object["parts"] as? [[String: Any]])
        let named = Set(parts.map { "\($0["section"] ?? "") \($0["part"] ?? "")" })
        #expect(named == ["verse chords", "verse melody", "verse drums", "chorus chords", "chorus bass"])
        for part in parts {
            let origin = try #require(part["origin"] as? [String: Any])
            #expect(origin["kind"] as? String == "person")
            #expect(!(origin["name"] as? String ?? "").isEmpty)
        }
        let render = try #require(object["render"] as? [String: Any])
        let soundFont = try #require(render["soundFont"] as? [String: Any])
        #expect(soundFont["name"] as? String == "Fluid R3 GM")
        let markdown = try String(contentsOfFile: try rendered.folder + "/provenance.md", encoding: .utf8)
        #expect(markdown.contains("| chorus | bass | Test (by hand) | — |"))
        #expect(markdown.contains("licence: Licensed under the MIT License"))
    }
}
