import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel
import Testing

/// The integrated loudness of a stretch of an audio file, as ffmpeg's EBU R128 filter
/// measures it (an independent meter), in LUFS.
func ffmpegLoudness(_ path: String, from start: Double, seconds: Double) throws -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
    process.arguments = ["-nostats", "-hide_banner", "-ss", String(format: "%.3f", start), "-t", String(format: "%.3f", seconds),
                         "-i", path, "-filter_complex", "ebur128", "-f", "null", "-"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // The summary ends with "Integrated loudness:\n    I:  -14.2 LUFS".
    let text = String(decoding: data, as: UTF8.self)
    guard let range = text.range(of: "Integrated loudness:", options: .backwards) else { return nil }
    let tail = text[range.upperBound...]
    guard let value = tail.range(of: "I:") else { return nil }
    return Double(tail[value.upperBound...].split(separator: " ").first.map(String.init) ?? "")
}

/// Energy over the song's time, heard in the render: choruses over verses, the last chorus
/// the biggest, a falling arc that falls.
@Suite("Arcs over time", .serialized)
struct ArcLevelTests {
    static func sketched(_ mood: Mood?, arc: [Mood] = [], form: [String], seed: UInt64) throws -> Song {
        let draft = try Sketcher.draft(SketchRequest(mood: mood, arc: arc, form: form, style: nil, key: nil, tempo: 132, seed: seed, line: "test"))
        var song = Song(title: "Arc", key: draft.key, tempo: draft.tempo, mood: draft.mood)
        for section in draft.sections { try song.place(section, acceptedAt: Date(timeIntervalSince1970: 0)) }
        try song.arrange(draft.form)
        return song
    }

    /// Each playing's loudness, by ffmpeg on the rendered mix, between its markers.
    static func sectionLoudness(_ song: Song) throws -> [(name: String, lufs: Double)] {
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.stems = false
        settings.tail = 1
        let folder = temporaryFolder() + "/out"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        _ = try Renderer.render(song: song, to: folder, settings: settings, version: "cowrite test")
        let performance = try Performance(song: song)
        let times = performance.markers.map { performance.tempos.seconds(at: $0.tick) } + [performance.tempos.seconds(at: performance.endTick)]
        return try performance.markers.enumerated().map { index, marker in
            let lufs = try #require(try ffmpegLoudness(folder + "/mix.wav", from: times[index], seconds: times[index + 1] - times[index]),
                                    "ffmpeg is needed: run `make deps`")
            return (marker.name, lufs)
        }
    }

    @Test("choruses lift over verses by 2 dB or more, the last chorus the loudest", arguments: [Mood.energetic, .triumphant])
    func chorusesLift(_ mood: Mood) throws {
        let song = try Self.sketched(mood, form: ["verse", "chorus", "verse", "chorus"], seed: 3)
        let levels = try Self.sectionLoudness(song)
        print("\(mood): " + levels.map { String(format: "%@ %.1f", $0.name, $0.lufs) }.joined(separator: ", ") + " LUFS")
        let verses = levels.filter { $0.name == "verse" }.map(\.lufs), choruses = levels.filter { $0.name == "chorus" }.map(\.lufs)
        let lift = choruses.reduce(0, +) / Double(choruses.count) - verses.reduce(0, +) / Double(verses.count)
        #expect(lift >= 2, "\(mood): chorus over verse \(lift) dB")
        #expect(choruses.last! > choruses.first!)
        #expect(levels.last!.lufs == levels.map(\.lufs).max())
    }

    @Test func aFallingArcFallsAcrossRepeats() throws {
        let song = try Self.sketched(nil, arc: [.energetic, .calm], form: ["verse", "chorus", "verse", "chorus", "bridge", "chorus"], seed: 5)
        let energies = try #require(SectionLevels.energies(song: song, form: song.form))
        // The third chorus plays after the calm bridge: below the first.
        #expect(energies[5] < energies[1], "\(energies)")
        let levels = try #require(SectionLevels.levels(song: song, form: song.form))
        #expect(levels.max() == 0 && levels.allSatisfy { $0 >= -SectionLevels.range })
    }

    @Test func aQuieterOutroDoesNotShrinkTheLastChorus() throws {
        var song = Song(title: "Frame", tempo: 120)
        for (name, energy) in [("intro", 0.5), ("verse", 0.85), ("chorus", 0.85), ("bridge", 0.85), ("outro", 0.5)] {
            try song.addSection(name, bars: 4)
            try song.setArcPoint(of: name, mood: .energetic, energy: energy, tension: 0.5)
        }
        let form = ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro"]
        let energies = try #require(SectionLevels.energies(song: song, form: form))
        #expect(energies[6] == energies.max(), "\(energies)")
        #expect(energies[6] > energies[4] && energies[4] > energies[2])
        #expect(energies[2] > energies[1] && energies[7] < energies[1])
    }

    @Test func handWrittenSongsKeepOneLevel() throws {
        var song = Song(title: "Flat", tempo: 100)
        try song.addSection("verse", bars: 2)
        try song.addSection("chorus", bars: 2)
        #expect(SectionLevels.energies(song: song, form: ["verse", "chorus", "verse", "chorus"]) == nil)
    }
}
