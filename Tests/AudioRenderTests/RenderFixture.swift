import AudioRender
import Foundation
import MusicTheory
import OutsideTools
import SongModel

let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example song with drums added in the verses only and a bass line in the
/// choruses only, so every stem has stretches where its part does not play.
func fourPartSong() throws -> Song {
    let data = try Data(contentsOf: projectRoot.appendingPathComponent("sessions/rain-on-glass.cowrite"))
    var song = try SessionCodec.decode(data, name: "rain-on-glass.cowrite").song
    let written = Provenance.written(by: "Test", at: Date(timeIntervalSince1970: 1_790_000_000))
    var hits: [DrumHit] = []
    for bar in 0..<8 {
        for beat in 0..<4 {
            let start = bar * 3840 + beat * 960
            hits.append(DrumHit(start: start, key: beat % 2 == 0 ? 36 : 38, velocity: beat % 2 == 0 ? 100 : 90))
            hits.append(DrumHit(start: start, key: 42, velocity: 70, offset: 0))
            hits.append(DrumHit(start: start + 480, key: 42, velocity: 55, offset: 12))
        }
    }
    let roots = ["C2", "Eb2", "Bb1", "C2", "Ab1", "Eb2", "Bb1", "Bb1"]
    let bass = try roots.enumerated().map { bar, name in
        Note(start: bar * 3840, duration: 3600, pitch: try Pitch(parsing: name), velocity: 96, offset: -8)
    }
    try song.accept(.drums(hits: hits, style: .rock, timing: nil), as: .drums, from: written.origin, into: "verse", at: written.acceptedAt)
    try song.accept(.notes(bass), as: .bass, from: written.origin, into: "chorus", at: written.acceptedAt)
    return song
}

/// One render shared by the suite: rendering is the slow part, measuring is cheap.
struct Rendered: Sendable {
    var folder: String
    var song: Song
    var performance: Performance
    var result: RenderResult
    var settings: RenderSettings
}

/// The folder this run of the tests works in, removed when the run ends, so the suite
/// leaves nothing behind in the temporary folder (a run renders hundreds of megabytes).
let testRunFolder: String = {
    let path = NSTemporaryDirectory() + "cowrite-\(getpid())/"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "cowrite-\(getpid())") }
    return path
}()

func temporaryFolder() -> String {
    let path = testRunFolder + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func renderFourPartSong() throws -> Rendered {
    let song = try fourPartSong()
    var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
    settings.stems = true
    let folder = temporaryFolder() + "/out"
    let result = try Renderer.render(song: song, to: folder, settings: settings, version: "cowrite test")
    return Rendered(folder: folder, song: song, performance: try Performance(song: song), result: result, settings: settings)
}

let sharedRender: Result<Rendered, any Error> = Result { try renderFourPartSong() }
let secondRender: Result<Rendered, any Error> = Result { try renderFourPartSong() }

/// What ffprobe (an independent reader) finds in an audio file: its chapters and its tags.
struct Probe: Decodable {
    struct Chapter: Decodable { var start_time: String; var tags: [String: String]? }
    struct Format: Decodable { var tags: [String: String]? }
    struct Stream: Decodable { var tags: [String: String]?; var duration: String? }
    var chapters: [Chapter]
    var format: Format
    var streams: [Stream]?

    /// The file's tags wherever the container keeps them (FLAC: the format's; Ogg: the stream's).
    var tags: [String: String] { (format.tags ?? [:]).merging(streams?.first?.tags ?? [:]) { first, _ in first } }

    static func of(_ path: String) throws -> Probe {
        let text = try OutsideTool.run("/usr/bin/ffprobe", ["-v", "error", "-show_chapters", "-show_format", "-show_streams", "-of", "json", path]).text
        return try JSONDecoder().decode(Probe.self, from: Data(text.utf8))
    }
}
