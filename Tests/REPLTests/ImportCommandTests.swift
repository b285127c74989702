import Foundation
import OutsideTools
import SongModel
import Testing
@testable import REPL

/// `import` at the prompt: a preview of what the file holds, `accept` to put it in (a new
/// song, or one section's parts), credited to the writer with the file, track and
/// checksum; `undo` takes it back.
@Suite("Import at the prompt")
struct ImportCommandTests {
    func fixture(_ folder: String) throws -> String {
        let (status, _) = try OutsideTool.python("write_midi.py", [folder])
        #expect(status == 0, "python3 with mido is needed: run `make deps`")
        return folder + "/song.mid"
    }

    @Test func importPreviewsThenAcceptMakesTheSong() throws {
        let folder = try temporaryFolder()
        let path = try fixture(folder)
        var workspace = makeWorkspace(in: folder)
        let preview = try workspace.perform("import \(path)")
        #expect(preview.contains("import of song.mid: format 1, 5 tracks, 480 ticks a quarter — sha256 "))
        #expect(preview.contains("  Em · 96 bpm · 4/4"))
        #expect(preview.contains("track 2 “Lead Vocal”: 20 notes D4–D5 → melody"))
        #expect(preview.contains("track 3 “Piano”: 31 notes A2–G4 → chords (chords recognized per beat, 100% confident)"))
        #expect(preview.contains("track 5 “Kit”: 96 hits → drums"))
        #expect(preview.contains("  chorus (4 bars): chords, melody, bass, drums\n      | Em | Am7 | B7 | Em |"))
        #expect(preview.contains("  verse (4 bars): chords, melody, bass, drums\n      | Em | C | G/B | D |"))
        #expect(workspace.song?.sections.isEmpty == true)
        let accepted = try workspace.perform("accept")
        #expect(accepted.hasPrefix("imported 2 sections: verse chorus — in Em at 96 bpm"))
        let song = try #require(workspace.song)
        #expect(song.title == "song")
        #expect(song.form == ["verse", "chorus"])
        // The checksum is the one sha256sum prints.
        let sum = try OutsideTool.run("/usr/bin/sha256sum", [path]).text.split(separator: " ").first.map(String.init)
        #expect(song.sections[0].melody?.provenance.origin.parameters?["sha256"] == sum)
        #expect(try workspace.perform("blame verse melody").contains("Ana (imported from song.mid, track 2 “Lead Vocal”, sha256 \(sum?.prefix(12) ?? ""))"))
        _ = try workspace.perform("undo")
        #expect(workspace.song?.sections.isEmpty == true)
    }

    @Test func importIntoOneSectionAsOnePart() throws {
        let folder = try temporaryFolder()
        let path = try fixture(folder)
        var workspace = makeWorkspace(in: folder)
        for line in ["new \"Mine\" key=Em tempo=96", "add verse 4", "chords verse = | Em | C | G | D |"] { _ = try workspace.perform(line) }
        let preview = try workspace.perform("import \(path) into verse as melody track=2")
        #expect(preview.contains("— into verse"))
        #expect(preview.contains("`accept` puts these parts into verse"))
        #expect(try workspace.perform("accept all").hasPrefix("imported into verse: melody"))
        let verse = try #require(workspace.song?.section(named: "verse"))
        #expect(verse.melody?.notes.count == 12)
        #expect(verse.chords?.provenance.origin.parameters == nil)
        #expect(workspace.song?.title == "Mine")
    }
}
