@testable import AudioRender
import Engine
import Foundation
import SongModel
import Testing
@testable import REPL

@Suite("Golden transcripts", .serialized)
struct TranscriptTests {
    /// The examples in help/ run as a writer would type them, in a folder of their own
    /// (an example may write a file and read it back by a relative path).
    @Test("every example in help/ runs without an error", arguments: HelpLibrary(folder: projectRoot.appendingPathComponent("help").path).pages)
    func examplesRun(page: String) throws {
        let help = HelpLibrary(folder: projectRoot.appendingPathComponent("help").path)
        for block in help.examples(page) {
            let folder = try temporaryFolder()
            try inDirectory(folder) {
                var workspace = makeWorkspace(in: folder)
                workspace.renderFolder = "renders"
                for line in block {
                    do {
                        _ = try workspace.perform(line)
                    } catch {
                        Issue.record("help/\(page).md: `\(line)` failed: \(error)")
                    }
                }
            }
        }
    }

    @Test func writeSaveReopenShowsTheSameSong() throws {
        let folder = try temporaryFolder()
        try inDirectory(folder) {
            var first = makeWorkspace(in: folder)
            first.store = SessionStore(directory: "sessions")
            try expectGolden(transcript(try script("rain-on-glass.txt"), workspace: &first), "rain-on-glass.out")
            first.close()   // as when the first Cowrite quits
            var second = makeWorkspace(in: folder)
            second.store = SessionStore(directory: "sessions")
            try expectGolden(transcript(try script("reopen.txt"), workspace: &second), "reopen.out")
            #expect(second.song == first.song)
            // The same chords, melody and form, after the round trip through the file.
            let verse = try #require(second.song?.section(named: "verse"))
            #expect(verse.chords == first.song?.section(named: "verse")?.chords)
            #expect(verse.melody == first.song?.section(named: "verse")?.melody)
            #expect(second.song?.form == ["verse", "chorus", "verse", "chorus"])
        }
    }

    /// Issue by issue, what a writer's session does: alt then accept, a second sketch's
    /// title, edits that change nothing, one bar of chords, moving key, the chord symbols,
    /// the overview table, prompts in words, synonyms said back, arcs that redraw.
    @Test func theSessionFlowTranscript() throws {
        let folder = try temporaryFolder()
        try inDirectory(folder) {
            var workspace = makeWorkspace(in: folder)
            workspace.store = SessionStore(directory: "sessions")
            try expectGolden(transcript(try script("session-flow.txt"), workspace: &workspace), "session-flow.out")
        }
    }

    @Test func undoAllThenRedoAllIsExact() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        var lines = try script("rain-on-glass.txt")
        lines.removeLast()  // no save
        _ = try workspace.perform(lines[0])
        var states: [Song?] = [workspace.song]
        for line in lines.dropFirst() {
            _ = try workspace.perform(line)
            states.append(workspace.song)
        }
        for expected in states.reversed().dropFirst() {
            _ = try workspace.perform("undo")
            #expect(workspace.song == expected)
        }
        #expect(throws: REPLError.self) { try workspace.perform("undo") }
        for expected in states.dropFirst() {
            _ = try workspace.perform("redo")
            #expect(workspace.song == expected)
        }
        #expect(try workspace.perform("history").hasSuffix("  6. arrange verse chorus verse chorus\n  ── now"))
    }

    @Test func everyChangeAutosavesAndRecoverRestoresIt() throws {
        let folder = try temporaryFolder()
        let song: Song?
        do {
            var workspace = makeWorkspace(in: folder)
            for line in try script("rain-on-glass.txt").dropLast() { _ = try workspace.perform(line) }
            let autosave = try #require(workspace.autosavePath)
            let file = try workspace.store.read(autosave)
            #expect(file.song == workspace.song)
            #expect(file.autosave?.changes == 7)
            #expect(file.autosave?.lastCommand == "arrange verse chorus verse chorus")
            // While its writer is at work, nobody else is offered it.
            var other = makeWorkspace(in: folder)
            #expect(throws: REPLError.self) { try other.perform("recover") }
            song = workspace.song
        }
        // The writer is gone (its workspace, and with it its lock): a new one restores every change.
        var next = makeWorkspace(in: folder)
        let output = try next.perform("recover")
        #expect(output == "recovered “Rain on Glass” with 7 unsaved changes (last: arrange verse chorus verse chorus) — `save` to keep them")
        #expect(next.song == song)
        #expect(next.changesSinceSave == 7)
        _ = try next.perform("save")
        #expect(next.store.autosaves().isEmpty)
    }

    @Test func switchingSongsSavesUnsavedWorkFirst() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("new \"First\"")
        _ = try workspace.perform("add verse 4")
        let output = try workspace.perform("new \"Second\"")
        #expect(output.hasPrefix("saved “First” to \(folder)/sessions/first.cowrite first\n"))
        let saved = try workspace.store.read(folder + "/sessions/first.cowrite")
        #expect(saved.song.sections.map(\.name) == ["verse"])
    }

    /// Suggestions belong to the song they were asked in. Switching songs drops them and
    /// says so: before, `accept 1` after `new` wrote the old song's verse chords into the
    /// new one, and `accept all` after `open` laid a sketch drafted for an empty song over
    /// the opened song's whole form.
    @Test func switchingSongsDropsWaitingSuggestionsAndSaysSo() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        for line in ["new \"Alpha\" key=C", "add verse 4", "chords verse = | C | G | Am | F |", "save alpha", "chords verse seed=2"] {
            _ = try workspace.perform(line)
        }
        let switched = try workspace.perform("new \"Beta\"")
        #expect(switched.contains("note: dropped what was waiting in “Alpha” (chords for verse in C — pop, cadence open, a chord a bar, seed 2): suggestions stay with the song they were asked in\n"))
        #expect(workspace.pending == nil)
        _ = try workspace.perform("sketch mood=calm seed=2")
        let opened = try workspace.perform("open alpha")
        #expect(opened.contains("note: dropped the sketch draft waiting in “Beta”; `sketch mood=calm seed=2` draws it again\n"))
        #expect(message { try workspace.perform("accept all") } == "no suggestions waiting: ask first, e.g. `chords verse`, `harmonize verse`")
        #expect(workspace.song?.form == ["verse"])
        #expect(workspace.song?.sections.first?.chords?.changes.map { $0.chord.map(String.init(describing:)) ?? "N.C." } == ["C", "G", "Am", "F"])
        // Once one went in, the rest go quietly: the work is in the song.
        _ = try workspace.perform("chords verse seed=2")
        _ = try workspace.perform("accept 2")
        let quiet = try workspace.perform("new \"Gamma\"")
        #expect(!quiet.contains("dropped") && workspace.pending == nil)
    }

    /// Undoing every change since a save brings the song back to its file: said, nothing
    /// unsaved, no autosave; one undo short of it is still unsaved work.
    @Test func undoingBackToTheSavedSongSaysSo() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        for line in ["new \"Saved\"", "add verse 4", "save saved", "add chorus 4", "add bridge 4"] { _ = try workspace.perform(line) }
        #expect(try workspace.perform("undo") == "undid: add bridge 4")
        #expect(workspace.changesSinceSave > 0 && workspace.autosavePath != nil)
        #expect(try workspace.perform("undo") == "undid: add chorus 4 — the song is as saved in \(folder)/sessions/saved.cowrite")
        #expect(workspace.changesSinceSave == 0 && workspace.autosavePath == nil)
    }

    /// A tempo far from the mood's range plays as set, and the reply says it is unusual.
    @Test func aTempoFarFromTheMoodIsSaidToBe() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("new \"Slow\" mood=calm")
        let range = MoodProfile.of(.calm).tempo
        #expect(try workspace.perform("set tempo=300") == "set song: tempo=300; note: 300 bpm is far from a calm song's usual \(range.lowerBound)–\(range.upperBound) bpm — it plays as set (`set mood=…` if the song has changed character)")
        #expect(workspace.song?.tempo == 300)
        #expect(try workspace.perform("set tempo=\(range.upperBound)") == "set song: tempo=\(range.upperBound)")
        // In 7/8 a tempo counts eighths: 180 is 90 quarter notes a minute, a dark song's
        // usual pace, and `new` says the quarters it plays at.
        let dark = MoodProfile.of(.dark).tempo
        #expect(try workspace.perform("new \"Seven\" meter=7/8 tempo=90 mood=dark").contains("new song “Seven” in C, 90 bpm (the eighth; 45 quarter notes a minute), 7/8, dark"))
        // With no tempo given, the default's pace: 100 quarter notes a minute.
        var paced = makeWorkspace(in: try temporaryFolder())
        #expect(try paced.perform("new \"Paced\" meter=7/8").contains("new song “Paced” in C, 200 bpm (the eighth; 100 quarter notes a minute), 7/8"))
        #expect(try paced.perform("new \"Jig\" meter=6/8").contains("new song “Jig” in C, 67 bpm (the dotted quarter; 100.5 quarter notes a minute), 6/8"))
        #expect(try paced.perform("new \"Waltz\" meter=3/4").contains("new song “Waltz” in C, 100 bpm, 3/4"))
        #expect(try workspace.perform("set tempo=180") == "set song: tempo=180 (the eighth; 90 quarter notes a minute)")
        #expect(try workspace.perform("set tempo=400") == "set song: tempo=400 (the eighth; 200 quarter notes a minute); note: 200 quarter notes a minute is far from a dark song's usual \(dark.lowerBound)–\(dark.upperBound) quarter notes a minute — it plays as set (`set mood=…` if the song has changed character)")
    }

    @Test func savingKeepsABackupAndNeverDamagesOnFailure() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("new \"Keep\"")
        _ = try workspace.perform("save keep")
        _ = try workspace.perform("add verse 8")
        _ = try workspace.perform("save")
        let path = folder + "/sessions/keep.cowrite"
        #expect(try workspace.store.read(path + ".bak").song.sections.isEmpty)
        #expect(try workspace.store.read(path).song.sections.count == 1)
        // A path under a file cannot be written: one clear line, nothing damaged.
        do {
            _ = try workspace.perform("save \(path)/inside.cowrite")
            Issue.record("saved under a file")
        } catch {
            #expect("\(error)" == "\(path)/inside.cowrite: could not be written: a part of the path is not a folder; the song is still open here and the old file is unchanged — try `save` with another path")
        }
        #expect(try workspace.store.read(path).song.sections.count == 1)
        #expect(workspace.song?.sections.count == 1)
    }

    @Test func aBrokenFileIsRefusedAndLeftAlone() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/sessions", withIntermediateDirectories: true)
        let path = folder + "/sessions/broken.cowrite"
        let bytes = Data("{\"format\": \"cowrite-session\", \"version\": 1, \"song\": {\"title\": 3}".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        var workspace = makeWorkspace(in: folder)
        #expect(throws: REPLError.self) { try workspace.perform("open broken") }
        #expect(workspace.song == nil)
        #expect(FileManager.default.contents(atPath: path) == bytes)
    }

    @Test func savingNeverReplacesAFileThatIsNotASession() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/sessions", withIntermediateDirectories: true)
        let path = folder + "/sessions/lyrics.cowrite"
        try "my only copy of the lyrics".write(toFile: path, atomically: false, encoding: .utf8)
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("new \"Lyrics\"")
        do {
            _ = try workspace.perform("save lyrics")
            Issue.record("overwrote a file that is not a session")
        } catch {
            #expect("\(error)" == "\(path): exists and is not a readable Cowrite session, so it was not overwritten — save under another name")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my only copy of the lyrics")
        #expect(workspace.isDirty)
    }

    /// Moving the song to another key is an edit, kept in the table, but writes nothing: the
    /// split sheet's contributors stay who wrote the notes (a newcomer who transposed a song
    /// up a tone was named a writer of the engine's melody and bass). A move by scale steps
    /// changes the intervals, so its author is one.
    @Test func transposingCreditsNoWriter() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Moved\" key=C", "add verse 4", "chords verse = | C | Am | F | G |", "melody verse seed=3", "accept 1"] {
            _ = try workspace.perform(line)
        }
        workspace.author = "Ben"
        for line in ["transpose song +2", "shift verse melody 1"] { _ = try workspace.perform(line) }
        let credits = try workspace.perform("credits --markdown")
        #expect(credits.contains("| verse | melody | melody "), "\(credits)")
        #expect(credits.contains("Ben (transposed up 2 semitones), Ben (shifted later by 1 beat)"), "\(credits)")
        let contributors = try #require(credits.components(separatedBy: "## Contributors\n\n").last)
        #expect(!contributors.contains("Ben"), "\(contributors)")
        #expect(contributors.hasPrefix("- **Ana** (person): verse chords\n- **melody "), "\(contributors)")
        _ = try workspace.perform("transpose verse melody 1 diatonic")
        #expect(try workspace.perform("credits --markdown").hasSuffix("- **Ben** (person): verse melody"))
        // Copying the engine's groove to another section writes nothing either (the copier
        // had been named its writer).
        workspace.author = "Cy"
        for line in ["add chorus 4", "groove verse n=1 seed=2", "accept 1", "copy-groove verse chorus"] { _ = try workspace.perform(line) }
        let copied = try workspace.perform("credits --markdown")
        #expect(copied.contains("Cy (copied from verse)"), "\(copied)")
        #expect(!(try #require(copied.components(separatedBy: "## Contributors\n\n").last)).contains("Cy"), "\(copied)")
    }

    /// A variation of a writer's own melody is theirs too: its writers stay among the
    /// contributors beside the variation generator (an inversion of a newcomer's verse tune
    /// had been credited to the generator alone); a generator's melody varied credits the
    /// variation, whose settings name its source.
    @Test func aVariationOfYourTuneKeepsYouAsAWriter() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Varied\" key=C", "add verse 4", "chords verse = | C | Am | F | G |",
                     "melody verse = E5/4 G5/4 A5/2 | C6/2 B5/2 | A5/4 F5/4 C5/2 | D5/1"] { _ = try workspace.perform(line) }
        workspace.author = "Ben"
        _ = try workspace.perform("note verse 4.1 G5/1")
        _ = try workspace.perform("vary verse technique=invert seed=2")
        _ = try workspace.perform("accept 1")
        let contributors = try #require(try workspace.perform("credits --markdown").components(separatedBy: "## Contributors\n\n").last)
        #expect(contributors.contains("- **Ana** (person): verse chords; verse melody"), "\(contributors)")
        #expect(contributors.contains("- **Ben** (person): verse melody"), "\(contributors)")
        #expect(contributors.contains("- **variation \(Variations.version)** (generator, seed 2): verse melody"), "\(contributors)")
        #expect(ProvenanceReport.sourceWriters(of: .generator("variation", version: "2.12", seed: 1,
                                                              parameters: ["source": "verse melody (melody 3.15 (seed 7), edited by Ana)"])) == ["Ana"])
    }

    @Test func rewritingAPartIsAnEditAndBlameShowsBoth() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("new \"Blame\" key=C")
        _ = try workspace.perform("add verse 4")
        _ = try workspace.perform("chords verse = | C | G | Am | F |")
        workspace.author = "Ben"
        let edit = try workspace.perform("chords verse = | C | E7 | Am | Dm7 G7 |")
        #expect(edit.hasSuffix("(edited bars 2, 4 of verse chords; `blame verse` shows the history)"))
        #expect(try workspace.perform("blame verse chords") == """
            verse chords:
              2026-09-21T14:13:20Z  written by Ana (by hand)
              2026-09-21T14:13:20Z  edited by Ben: bars 2, 4
            """)
        let credits = try workspace.perform("credits --markdown")
        #expect(credits.contains("| verse | chords | Ana (by hand) | — | Ben (bars 2, 4) | 2026-09-21T14:13:20Z | acoustic-grand-piano (GM 0) |"))
        #expect(credits.contains("- **Ana** (person): verse chords\n- **Ben** (person): verse chords"))
        _ = try workspace.perform("undo")
        #expect(try workspace.perform("blame verse") == "verse chords:\n  2026-09-21T14:13:20Z  written by Ana (by hand)")
        // Every bar rewritten: the table keeps the history, the contributors are who wrote
        // what is heard (the engine was credited for a chart a writer had replaced).
        _ = try workspace.perform("chords verse = | Dm | Bb | F | C |")
        let rewritten = try workspace.perform("credits --markdown")
        #expect(rewritten.contains("| verse | chords | Ana (by hand) | — | Ben (all 4 bars) |"))
        #expect(rewritten.hasSuffix("## Contributors\n\n- **Ben** (person): verse chords"), "\(rewritten)")
        // A section arranged out of the song is written, not heard: in the table, not among
        // the contributors (a bridge left out of the form had credited its generators).
        _ = try workspace.perform("add bridge 4")
        _ = try workspace.perform("chords bridge = | F | G | Am | G |")
        workspace.author = "Cy"
        _ = try workspace.perform("chords bridge = | F | G | Am | C |")
        #expect(try workspace.perform("credits --markdown").contains("- **Cy** (person): bridge chords"))
        _ = try workspace.perform("arrange verse verse")
        let arranged = try workspace.perform("credits --markdown")
        #expect(arranged.contains("| bridge | chords | Ben (by hand) | — | Cy (bar 4) |"), "\(arranged)")
        #expect(arranged.hasSuffix("Not in the form, so not heard and not credited below: bridge.\n\n## Contributors\n\n- **Ben** (person): verse chords"), "\(arranged)")
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        workspace.author = "Ben"
        // Bar by bar comes to the same: once every bar is rewritten, the first writer is history.
        _ = try workspace.perform("undo")
        for (bar, chord) in ["Dm", "Bb", "F", "C"].enumerated() {
            _ = try workspace.perform("chords verse bar \(bar + 1) = \(chord)")
            let sheet = try workspace.perform("credits --markdown")
            #expect(sheet.contains("- **Ana** (person): verse chords") == (bar < 3), "after bar \(bar + 1): \(sheet)")
        }
    }

    /// `credits` at the prompt: a column per fact, a line per part, a generator named once
    /// with its parts (the Markdown table it had printed ran 200–250 characters a row).
    @Test func creditsAtThePromptFitAScreen() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        workspace.author = "Ana"
        for line in ["new \"Split\" key=C mood=calm", "add verse 4", "add chorus 4", "chords verse = | C | G | Am | F |",
                     "chords chorus seed=3 n=1", "accept 1", "melody verse seed=2 n=1", "accept 1"] { _ = try workspace.perform(line) }
        workspace.author = "Ben"
        for line in ["chords verse bar 2 = Em", "add tag 2", "chords tag = | C | C |"] { _ = try workspace.perform(line) }
        let credits = try workspace.perform("credits")
        let chorus = try #require(workspace.song?.section(named: "chorus")?.chords?.provenance.origin)
        let melody = try #require(workspace.song?.section(named: "verse")?.melody?.provenance.origin)
        let chordsBy = "harmony \(chorus.version ?? ""), seed 3", melodyBy = "melody \(melody.version ?? ""), seed 2"
        let width = "Ana (by hand), edited by Ben (bar 2)".count
        func row(_ section: String, _ part: String, _ by: String, _ instrument: String) -> String {
            "  " + section.padding(toLength: 6, withPad: " ", startingAt: 0) + "  " + part.padding(toLength: 6, withPad: " ", startingAt: 0)
                + "  " + by.padding(toLength: max(width, by.count), withPad: " ", startingAt: 0) + "  " + instrument
        }
        #expect(credits == """
            “Split” — credits (`credits --markdown` gives the full split sheet, as `render` writes it)
            Song by Ana (`set authors="Ana, Ben"` names who wrote it).
            Key C, 100 bpm, 4/4, calm.
            Form: verse – chorus – tag.

            who wrote what:
            \(row("verse", "chords", "Ana (by hand), edited by Ben (bar 2)", "electric-piano-1 (GM 4)"))
            \(row("", "melody", melodyBy, "acoustic-grand-piano (GM 0)"))
            \(row("chorus", "chords", chordsBy, "electric-piano-1 (GM 4)"))
            \(row("tag", "chords", "Ben (by hand)", "electric-piano-1 (GM 4)"))

            contributors (of what is heard):
              Ana (person): verse chords
              Ben (person): verse and tag chords
              \(melodyBy.replacingOccurrences(of: ", seed 2", with: "")) (generator, seed 2): verse melody
              \(chordsBy.replacingOccurrences(of: ", seed 3", with: "")) (generator, seed 3): chorus chords
            """, "\(credits)")
        for line in credits.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        // The same edit made again in a row is said once, with its count.
        _ = try workspace.perform("chords verse bar 2 = E")
        _ = try workspace.perform("chords verse bar 2 = Em")
        #expect(try workspace.perform("credits").contains("Ana (by hand), edited by Ben (bar 2) ×3"))
        #expect(try workspace.perform("credits --markdown").contains("| verse | chords | Ana (by hand) | — | Ben (bar 2) ×3 |"))
    }

    /// The split sheet of a sketch: the sketch's command said once above the table, each
    /// row the generator, its seed and only its own settings, each generator one line
    /// among the contributors (the rows had carried the command and the request's counts,
    /// 200–250 characters each).
    @Test func aSketchsSplitSheetSaysItsCommandOnce() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch \"start calm, build tension, end triumphant\" seed=3 --accept")
        let sheet = try workspace.perform("credits --markdown")
        let chords = try #require(workspace.song?.section(named: "verse")?.chords?.provenance.origin)
        #expect(sheet.contains("\nDrafted by `sketch prompt=\"start calm, build tension, end triumphant\" seed=3`.\n"), "\(sheet)")
        #expect(sheet.contains("| verse | chords | harmony \(chords.version ?? ""), seed \(chords.seed ?? 0) | cadence=open mood=calm rate=0.5 style=ballad | — |"), "\(sheet)")
        #expect(!sheet.contains("rank=") && !sheet.contains("section=") && !sheet.contains(" n=1"), "\(sheet)")
        #expect(sheet.components(separatedBy: "prompt=").count == 2, "\(sheet)")
        #expect(sheet.contains("\n- **harmony \(chords.version ?? "")** (generator): intro, verse, chorus, bridge and outro chords\n"), "\(sheet)")
        // What the sheet leaves out is in the file's JSON: every setting as asked for.
        #expect(chords.parameters?["rank"] == "1" && chords.parameters?["section"] == "verse")
    }

    @Test func instrumentAndMixAreUndoableSongSettings() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("new \"Mix\" mood=sad")
        #expect(try workspace.perform("instrument melody cello") == "melody plays cello (General MIDI 42)")
        #expect(try workspace.perform("mix melody gain=-3 pan=0.25") == "melody: gain -3.0 dB, pan +0.25, reverb 0.25")
        #expect(workspace.song?.settings(for: .melody) == PartSettings(program: 42, gain: -3, pan: 0.25, reverb: 0.25, held: true))
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        #expect(workspace.song?.mixer == nil)
    }

    /// A gain the writer types holds the level, even the part's default: `mix melody gain=0`
    /// had left the render's balance to lift the melody as before (the render report's own
    /// hint, "`mix melody gain=…` sets it yourself", did nothing at 0). `gain=auto` hands the
    /// level back; a saved session keeps which levels are held.
    @Test func aGainTheWriterTypesHoldsTheLevel() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("new \"Held\" mood=sad")
        #expect(try workspace.perform("mix melody") == "melody: gain auto (the render balances it), pan +0.00, reverb 0.25")
        // Tab offers `auto` after `gain=`, and usage names both kinds of value.
        #expect(Completion.candidates(before: "mix melody gain=", word: "", song: workspace.song, help: workspace.help, sessions: { [] }).contains("auto"))
        #expect(Commands.find("mix")?.usage.contains("[gain=-60..12|auto]") == true)
        #expect(try workspace.perform("mix melody gain=0") == "melody: gain +0.0 dB, pan +0.00, reverb 0.25")
        #expect(workspace.song?.settings(for: .melody).held == true)
        _ = try workspace.perform("add verse 2")
        _ = try workspace.perform("melody verse = C5/1 | D5/1")
        let held = try Performance(song: try #require(workspace.song))
        #expect(held.tracks.first { $0.part == .melody }?.levelSetByWriter == true)
        // The render says the level back, and no lift.
        let rendered = try workspace.perform("render -o \(folder)/out")
        #expect(rendered.contains("\n  held where you set it: the melody at +0.0 dB (`mix melody gain=auto` hands it back to the balance)"), "\(rendered)")
        #expect(!rendered.contains("the melody lifted"), "\(rendered)")
        _ = try workspace.perform("save")
        _ = try workspace.perform("open held")
        #expect(workspace.song?.settings(for: .melody).held == true, "the session keeps the held level")
        #expect(try workspace.perform("mix melody gain=auto") == "melody: gain auto (the render balances it), pan +0.00, reverb 0.25")
        #expect(try Performance(song: try #require(workspace.song)).tracks.first { $0.part == .melody }?.levelSetByWriter == false)
        do {
            _ = try workspace.perform("mix melody gain=loud")
            Issue.record("accepted gain=loud")
        } catch {
            #expect("\(error)" == "gain=loud: gain is −60 to +12 dB, e.g. gain=-3, or auto to let the render balance it")
        }
    }

    @Test func renderFromTheREPLWritesTheFilesAndReportsLoudness() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        for line in try script("rain-on-glass.txt").dropLast() { _ = try workspace.perform(line) }
        // A folder typed with its trailing slash is said with one ("to out//" before).
        let output = try workspace.perform("render chorus -o \(folder)/out/ --format ogg")
        #expect(output.hasPrefix("rendered “Rain on Glass” (chorus) to \(folder)/out/: mix.ogg, song.mid, song.chordpro, song.musicxml, provenance.md, provenance.json\n  0:25, -14."))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/mix.ogg"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/stems"))
        #expect(try workspace.perform("export midi \(folder)/x.mid").hasPrefix("wrote \(folder)/x.mid ("))
        // `-o PATH` as `render` takes its folder.
        #expect(try workspace.perform("export midi -o \(folder)/o.mid").hasPrefix("wrote \(folder)/o.mid ("))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/o.mid"))
    }
}
