import Foundation
import SongModel
import Testing
@testable import REPL

/// The example songs in sessions/ are what a new writer opens first: they must load,
/// and say what they are meant to.
@Suite("Example sessions")
struct ExampleSessionTests {
    let store = SessionStore(directory: projectRoot.appendingPathComponent("sessions").path)

    @Test func everyExampleLoads() throws {
        let names = store.list().map(\.name).sorted()
        #expect(names.contains("rain-on-glass"))
        #expect(names.contains("night-drive"))
        for entry in store.list() {
            #expect(throws: Never.self) { try store.read(entry.path) }
        }
    }

    @Test func rainOnGlassIsTheFoundationSong() throws {
        let song = try store.read(store.path(for: "rain-on-glass")).song
        #expect(song.title == "Rain on Glass")
        #expect(song.key.description == "Cm")
        #expect(song.form == ["verse", "chorus", "verse", "chorus"])
        let verse = try #require(song.section(named: "verse"))
        #expect(verse.chords?.changes.map(\.symbol) == ["Cm", "Ab", "Eb", "Bb", "Cm", "Ab", "Eb", "Bb", "G7"])
        #expect(verse.melody?.notes.count == 10)
    }

    @Test func nightDriveShowsItsBridgeInThreeFour() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("open \(store.path(for: "night-drive")) --read-only")
        let bridge = try workspace.perform("show bridge")
        #expect(bridge.hasPrefix("bridge: 8 bars, F, 96 bpm, 3/4, dreamy\n"))
        #expect(bridge.contains("    IVmaj7   iii7   IIsus4   V/V"))
        #expect(try workspace.perform("song").contains("form: intro verse chorus verse chorus bridge chorus chorus (60 bars, 2:25)"))
    }

    @Test func theExampleScriptsRebuildTheExamples() throws {
        for name in ["rain-on-glass", "night-drive"] {
            let folder = try temporaryFolder()
            var workspace = makeWorkspace(in: folder)
            let scriptPath = projectRoot.appendingPathComponent("sessions/scripts/\(name).txt").path
            var lines = try String(contentsOfFile: scriptPath, encoding: .utf8).components(separatedBy: "\n")
            lines.removeAll { $0.hasPrefix("save") }
            for line in lines { _ = try workspace.perform(line) }
            let stored = try store.read(store.path(for: name)).song
            // The same music; provenance differs only in who typed it and when.
            #expect(workspace.song?.sections.map(\.chords?.changes) == stored.sections.map(\.chords?.changes))
            #expect(workspace.song?.sections.map(\.melody?.notes) == stored.sections.map(\.melody?.notes))
            #expect(workspace.song?.form == stored.form)
        }
    }
}
