import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

@Suite("Songs a hostile file can hold")
struct HostileSongTests {
    /// 200 notes of one pitch on top of each other (a session file can say so; no command
    /// writes it): the render finishes and its provenance.json is valid JSON.
    @Test func twoHundredOverlappingNotesOfOnePitchRender() throws {
        var song = Song(title: "Pile-up", authors: ["Test"], tempo: 120)
        try song.addSection("verse", bars: 2)
        let written = Provenance.written(by: "Test", at: Date(timeIntervalSince1970: 1_790_000_000))
        let pitch = try Pitch(parsing: "C4")
        let notes = (0..<200).map { Note(start: $0 * 10, duration: 7680 - $0 * 10, pitch: pitch, velocity: 100) }
        try song.accept(.notes(notes), as: .melody, from: written.origin, into: "verse", at: written.acceptedAt)
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.stems = false
        let folder = temporaryFolder() + "/out"
        let result = try Renderer.render(song: song, to: folder, settings: settings, version: "cowrite test")
        #expect(result.files.contains("provenance.json"))
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/provenance.json"))
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
    }

    /// A song past the render limit is refused before anything is allocated or written.
    @Test func aSongPastSixtyMinutesIsRefusedBeforeItStarts() throws {
        var song = Song(title: "Endless", tempo: 20)
        try song.addSection("a", bars: 256)
        try song.arrange(Array(repeating: "a", count: 10))
        let folder = temporaryFolder() + "/never"
        #expect(throws: RenderError.tooLong(minutes: 512, limit: 120)) {
            try Renderer.render(song: song, to: folder, settings: RenderSettings(soundFont: SoundFontInfo.resolve(nil)), version: "test")
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
