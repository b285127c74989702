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

    /// Into one section, the file is read from its marker of the section's name, or from
    /// the bar or marker `from=` gives (a songwriter's chorus had come in as the file's
    /// first bars, its "Chorus" marker unread, with no way to say which bars).
    @Test func intoASectionFromItsMarkerOrFromABar() throws {
        let folder = try temporaryFolder()
        let path = try fixture(folder)
        var workspace = makeWorkspace(in: folder)
        try workspace.performAll("new \"Mine\" key=Em", "add verse 4", "add chorus 4")
        let marked = try workspace.perform("import \(path) into chorus")
        #expect(marked.contains("from the file's marker “Chorus”, bar 5 (`from=1` takes the file from its start)"), "\(marked)")
        #expect(marked.contains("bars 1–4 of the file are left out: chorus begins at bar 5"))
        _ = try workspace.perform("accept")
        #expect(workspace.song?.section(named: "chorus")?.chords?.changes.map { $0.chord?.description ?? "N.C." } == ["Em", "Am7", "B7", "Em"])
        _ = try workspace.perform("import \(path) into verse from=1")
        _ = try workspace.perform("accept")
        #expect(workspace.song?.section(named: "verse")?.chords?.changes.map { $0.chord?.description ?? "N.C." } == ["Em", "C", "G/B", "D"])
        _ = try workspace.perform("import \(path) into verse from=chorus")
        _ = try workspace.perform("accept")
        #expect(workspace.song?.section(named: "verse")?.chords?.changes.map { $0.chord?.description ?? "N.C." } == ["Em", "Am7", "B7", "Em"])
        #expect(message { try workspace.perform("import \(path) into verse from=bridge") }
                == "cannot import: from=bridge: the file has no marker of that name; its markers are “Verse” (bar 1), “Chorus” (bar 5), or give a bar number")
        #expect(message { try workspace.perform("import \(path) into verse from=12") } == "cannot import: from=12: the file's music runs bars 1–8")
        #expect(message { try workspace.perform("import \(path) from=5") }
                == "from= says where `into SECTION` begins in the file: `import \(path) into SECTION from=5`")
    }

    /// A preview left for another song is let go, not saved: a newcomer's previewed file
    /// had left an empty session of its name when they opened another song.
    @Test func aPreviewLeftUnacceptedSavesNothing() throws {
        let folder = try temporaryFolder()
        let path = try fixture(folder)
        var workspace = makeWorkspace(in: folder)
        try workspace.performAll("new \"Other\" key=C", "add verse 2", "save other")
        _ = try workspace.perform("import \(path)")
        let opened = try workspace.perform("open other")
        #expect(!opened.contains("saved"), "\(opened)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sessions").filter { $0.hasSuffix(".cowrite") } == ["other.cowrite"])
        #expect(workspace.store.autosaves(excluding: "").isEmpty)
        // Previewed twice from a song, then dropped: back in that song, nothing saved.
        _ = try workspace.perform("import \(path)")
        let again = try workspace.perform("import \(path)")
        #expect(again.contains("import of song.mid"))
        let dropped = try workspace.perform("drop")
        #expect(dropped.contains("back in “Other”"), "\(dropped)")
        #expect(workspace.song?.title == "Other" && workspace.song?.sections.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sessions").filter { $0.hasSuffix(".cowrite") } == ["other.cowrite"])
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

    /// `feel SECTION from=imported`: the imported drummer's timing becomes a template —
    /// each role's offset at each sixteenth, as the second writer (mido) played it — and
    /// lays it on another section's drums; a named feel takes it away; it is saved.
    @Test func anImportedDrummersFeelBecomesATemplate() throws {
        let folder = try temporaryFolder()
        let path = try fixture(folder)
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("import \(path)")
        _ = try workspace.perform("accept")
        _ = try workspace.perform("add outro 2")
        #expect(throws: (any Error).self) { try workspace.perform("feel outro from=imported") }   // no drums yet
        for line in ["groove outro style=rock n=1 seed=2", "accept 1", "humanize outro 0"] { _ = try workspace.perform(line) }
        let said = try workspace.perform("feel outro from=imported")
        #expect(said.hasPrefix("outro drums now play the feel of the verse drums (imported from song.mid): "), "\(said)")
        let outro = try #require(workspace.song?.section(named: "outro")?.drums)
        let template = try #require(outro.timing?.template)
        // The file's hats, eighth by eighth, at 480 a quarter: 0, 7, −3, 9, 2, 6, −5, 8; the
        // snare 4 late; the kick on time. Cowrite counts 960 a quarter.
        #expect(template.slot == 240 && template.slotsPerBar == 16)
        #expect(stride(from: 0, to: 16, by: 2).map { template.offsets["cymbal"]?[$0] } == [0, 14, -6, 18, 4, 12, -10, 16])
        #expect(template.offsets["snare"]?[4] == 8 && template.offsets["snare"]?[12] == 8)
        #expect(template.offsets["kick"]?[0] == 0)
        // With the humanizer off, every hit sits where the template puts it.
        for hit in outro.hits { #expect(Double(hit.offset) == template.offset(for: hit.key, at: hit.start), "\(hit)") }
        #expect(outro.provenance.edits.last?.change == "feel from verse drums (imported from song.mid)")
        // `groove stats` says the feel that plays, not the swing and feel it took the place of.
        let stats = try workspace.perform("groove stats outro")
        #expect(stats.contains("\n  the feel of the verse drums (imported from song.mid): ") && !stats.contains("\n  swing "), "\(stats)")
        // Saved and read back; then a named feel takes it away.
        let file = SessionFile(song: try #require(workspace.song), savedWith: "cowrite test")
        #expect(file.version == 4)
        #expect(try SessionCodec.decode(try SessionCodec.encode(file), name: "t").song.section(named: "outro")?.drums?.timing?.template == template)
        _ = try workspace.perform("feel outro on")
        #expect(workspace.song?.section(named: "outro")?.drums?.timing?.template == nil)
        #expect(workspace.song?.section(named: "outro")?.drums?.hits.allSatisfy { $0.offset == 0 } == true)
        do { _ = try workspace.perform("feel outro laid-back from=verse") } catch {
            #expect("\(error)" == "from=verse: give a feel (`feel verse laid-back`) or where to learn one (`feel verse from=imported`), not both")
        }
    }
}
