import Foundation
import Testing
@testable import REPL
import SongModel

/// A folder with `sessions/alpha.cowrite` (a two-bar song with chords), saved by a real
/// `cowrite run`.
func folderWithAlpha() throws -> String {
    let folder = try temporaryFolder()
    let script = folder + "/alpha.txt"
    try "new \"Alpha\" key=C tempo=120\nadd verse 2\nchords verse = | C | G |\nsave alpha\n".write(toFile: script, atomically: false, encoding: .utf8)
    let made = try cowrite(["run", script], in: folder)
    #expect(made.status == 0, "\(made.errors)")
    return folder
}

func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

/// Waits (up to 10 s) until the autosave of process `pid` in `folder` names `command`
/// as its last; its path.
func autosaveOf(_ pid: Int32, in folder: String, showing command: String) -> String? {
    for _ in 0..<400 {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.contains("-\(pid)-") && name.hasSuffix(".cowrite") {
            if read(folder + "/" + name)?.contains("\"lastCommand\" : \"\(command)\"") == true { return folder + "/" + name }
        }
        usleep(25_000)
    }
    return nil
}

/// A `cowrite` reading commands from a pipe that stays open: a writer still at work.
final class LiveCowrite {
    let process: Process
    let input = Pipe()

    init(in folder: String, lines: String) throws {
        process = try launch(in: folder, input: input)
        input.fileHandleForWriting.write(Data(lines.utf8))
    }

    /// Waits until this writer's autosave in `folder` names `command` as its last; its path.
    func autosave(in folder: String, showing command: String) -> String? {
        autosaveOf(process.processIdentifier, in: folder, showing: command)
    }

    func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}

@Suite("Touch nothing that is not ours", .serialized)
struct SafetyTests {
    // MARK: Output paths

    @Test func aRenderNeverDeletesOrReplacesFilesItDidNotWrite() throws {
        let folder = try folderWithAlpha()
        try FileManager.default.createDirectory(atPath: folder + "/mine", withIntermediateDirectories: true)
        try write("my notes", to: folder + "/mine/notes.txt")
        try write("my mix", to: folder + "/mine/mix.wav")
        try write("a text file", to: folder + "/file.txt")
        let cases: [(arguments: [String], message: String)] = [
            (["-o", "mine"], "error: mine holds files Cowrite did not write (mix.wav, notes.txt); it was left as it is — give a new or empty folder with -o, or add --force to write Cowrite's files in beside them — --force replaces your mix.wav, as Cowrite writes files of the same names\n"),
            (["-o", "file.txt"], "error: file.txt is a file, not a folder — give a folder, e.g. renders/my-song\n"),
            (["-o", "sessions"], "error: sessions holds files Cowrite did not write (.alpha.cowrite.lock, .autosave, alpha.cowrite); it was left as it is — give a new or empty folder with -o, or add --force to write Cowrite's files in beside them\n"),
        ]
        for (arguments, message) in cases {
            let before = try FileManager.default.subpathsOfDirectory(atPath: folder).sorted()
            let result = try cowrite(["render", "alpha"] + arguments, in: folder)
            #expect(result.status == 1)
            #expect(result.errors.replacingOccurrences(of: ".alpha.cowrite.lock, ", with: "") == message.replacingOccurrences(of: ".alpha.cowrite.lock, ", with: ""))
            #expect(try FileManager.default.subpathsOfDirectory(atPath: folder).sorted() == before)
        }
        #expect(read(folder + "/mine/notes.txt") == "my notes")
        #expect(read(folder + "/mine/mix.wav") == "my mix")
        #expect(read(folder + "/file.txt") == "a text file")
        #expect(read(folder + "/sessions/alpha.cowrite")?.contains("\"Alpha\"") == true)

        // --force writes Cowrite's files beside the writer's; only same-named ones go.
        let forced = try cowrite(["render", "alpha", "-o", "mine", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.errors)")
        // And says which of the writer's files it replaced.
        #expect(forced.output.contains("replaced, as --force allows, what Cowrite had not written (or was changed since): mix.wav\n"), "\(forced.output)")
        #expect(read(folder + "/mine/notes.txt") == "my notes")
        #expect(read(folder + "/mine/mix.wav") != "my mix")
    }

    @Test func aRenderReplacesOnlyItsOwnUnchangedFiles() throws {
        let folder = try folderWithAlpha()
        #expect(try cowrite(["render", "alpha", "-o", "out", "--stems"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/out/stems/alpha_chords.wav"))
        #expect(read(folder + "/out/.cowrite-render")?.contains(" stems/alpha_chords.wav\n") == true)
        // The writer's own file in a render folder survives every later render.
        try write("session notes", to: folder + "/out/notes.txt")
        let again = try cowrite(["render", "alpha", "-o", "out"], in: folder)
        #expect(again.status == 0, "\(again.errors)")
        #expect(read(folder + "/out/notes.txt") == "session notes")
        // Stems of the earlier render were Cowrite's and unchanged: a render without stems
        // drops them, and says so.
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/stems"))
        #expect(again.output.contains("\n  removed what an earlier render here made and this one does not: stems/alpha_chords.wav"), "\(again.output)")
        #expect(again.output.contains(" (`--stems` writes the stems again)"))
        // A file of Cowrite's changed since (edited in another program) is not replaced.
        let handle = try #require(FileHandle(forWritingAtPath: folder + "/out/mix.wav"))
        handle.seekToEndOfFile()
        handle.write(Data("edit".utf8))
        try handle.close()
        let edited = try cowrite(["render", "alpha", "-o", "out"], in: folder)
        #expect(edited.status == 1)
        #expect(edited.errors == "error: out/mix.wav was changed since Cowrite wrote it, so it was not replaced — add --force to replace it, or write somewhere else\n")
        #expect(read(folder + "/out/mix.wav")?.hasSuffix("edit") == true)
        // A stem the writer edited is kept when a render without stems drops the others,
        // and said so (it had stayed beside the new mix without a word).
        let stems = try cowrite(["render", "alpha", "-o", "stemmed", "--stems"], in: folder)
        #expect(stems.status == 0, "\(stems.errors)")
        let stem = try #require(FileHandle(forWritingAtPath: folder + "/stemmed/stems/alpha_chords.wav"))
        stem.seekToEndOfFile()
        stem.write(Data("edit".utf8))
        try stem.close()
        let plain = try cowrite(["render", "alpha", "-o", "stemmed"], in: folder)
        #expect(plain.status == 0, "\(plain.errors)")
        #expect(plain.output.contains("\n  kept, as they changed since Cowrite wrote them, what an earlier render here made and this one does not: stems/alpha_chords.wav — they are not this render's"), "\(plain.output)")
        #expect(read(folder + "/stemmed/stems/alpha_chords.wav")?.hasSuffix("edit") == true)
    }

    /// A section rendered into the folder of the whole song's render is refused unless
    /// forced (a band leader's `render verse -o` there had replaced the song's mix with the
    /// verse and removed its stems, asking nothing); forced, it says what it replaced and
    /// where a section goes without -o. The folder's list records what was rendered.
    @Test func aRenderOfAnotherExtentIsRefusedUnlessForced() throws {
        let folder = try folderWithAlpha()
        #expect(try cowrite(["render", "alpha", "-o", "out", "--stems"], in: folder).status == 0)
        #expect(read(folder + "/out/.cowrite-render")?.contains("\n# rendered: the whole song\n") == true)
        let mix = read(folder + "/out/mix.wav")
        let refused = try cowrite(["render", "alpha", "--section", "verse", "-o", "out"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.errors == "error: out holds the render of the whole song, so this one of section verse would replace its mix and its stems, "
                + "and it was left as it is — give this one its own folder with -o, or add --force to replace it\n", "\(refused.errors)")
        #expect(read(folder + "/out/mix.wav") == mix && FileManager.default.fileExists(atPath: folder + "/out/stems"))
        let section = try cowrite(["render", "alpha", "--section", "verse", "-o", "out", "--force"], in: folder)
        #expect(section.status == 0, "\(section.errors)")
        #expect(section.output.contains("\n  replaced the render of the whole song that was in out/ with this one of section verse — without -o, a section renders to a folder of its own (renders/alpha-verse)"), "\(section.output)")
        let again = try cowrite(["render", "alpha", "--section", "verse", "-o", "out"], in: folder)
        #expect(again.status == 0 && !again.output.contains("replaced the render"))
        #expect(try cowrite(["render", "alpha", "-o", "out"], in: folder).status == 1)
        let whole = try cowrite(["render", "alpha", "-o", "out", "--force"], in: folder)
        #expect(whole.output.contains("\n  replaced the render of section verse that was in out/ with this one of the whole song"), "\(whole.output)")
    }

    @Test func exportAndSaveReplaceNothingWithoutBeingTold() throws {
        let folder = try folderWithAlpha()
        try write("precious", to: folder + "/victim.txt")
        let result = try cowrite(["run", "/dev/stdin", "--keep-going"], in: folder, input: """
            new "Beta"
            add verse 1
            chords verse = | D |
            save alpha
            export midi victim.txt
            save beta
            open alpha
            export midi sessions/alpha.cowrite
            export midi renders/alpha/song.mid
            export midi renders/alpha/song.mid

            """)
        #expect(result.errors.contains("/dev/stdin:4: sessions/alpha.cowrite holds another song (“Alpha”), so it was not replaced: `save sessions/alpha.cowrite --force` replaces it, or save under another name"))
        #expect(result.errors.contains("/dev/stdin:5: victim.txt was not written by Cowrite, so it was not replaced — add --force to replace it, or write somewhere else"))
        #expect(result.errors.contains("/dev/stdin:8: sessions/alpha.cowrite is the open song's session file; export to another name, e.g. `export midi song.mid`"))
        #expect(!result.errors.contains(":9:") && !result.errors.contains(":10:"))
        #expect(read(folder + "/victim.txt") == "precious")
        #expect(read(folder + "/sessions/alpha.cowrite")?.contains("\"Alpha\"") == true)
        #expect(read(folder + "/sessions/alpha.cowrite")?.contains("\"Beta\"") == false)
        // With --force the writer's word is taken.
        let forced = try cowrite(["run", "/dev/stdin"], in: folder, input: "new \"Gamma\"\nsave beta --force\n")
        #expect(forced.status == 0, "\(forced.errors)")
        #expect(read(folder + "/sessions/beta.cowrite")?.contains("\"Gamma\"") == true)
    }

    // MARK: Symbolic links

    @Test func noWriteFollowsASymbolicLink() throws {
        let folder = try folderWithAlpha()
        let victim = folder + "/victim.txt"
        try write("precious", to: victim)
        let links = ["sessions/.alpha.cowrite.lock", "sessions/alpha.cowrite.bak", "sessions/link.cowrite"]
        for link in links { try FileManager.default.createSymbolicLink(atPath: folder + "/" + link, withDestinationPath: victim) }
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/out/mix.wav", withDestinationPath: victim)
        try FileManager.default.createSymbolicLink(atPath: folder + "/outlink", withDestinationPath: folder + "/out")
        let result = try cowrite(["run", "/dev/stdin", "--keep-going"], in: folder, input: """
            open alpha
            add chorus 1
            save
            save link
            export midi out/mix.wav
            render -o out --force
            render -o outlink

            """)
        #expect(result.errors.contains("/dev/stdin:4: sessions/link.cowrite: is a symbolic link; Cowrite does not write through links"))
        #expect(result.errors.contains("/dev/stdin:5: out/mix.wav is a symbolic link, so it was not replaced"))
        #expect(result.errors.contains("/dev/stdin:7: outlink is a symbolic link; Cowrite writes only into real folders"))
        #expect(read(victim) == "precious")
        for link in links + ["out/mix.wav"] {
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + link)) == victim || link == "out/mix.wav" || link == "sessions/alpha.cowrite.bak")
        }
    }

    // MARK: Autosaves

    @Test func twoWritersNeverShareAnAutosave() throws {
        let folder = try folderWithAlpha()
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/b", withIntermediateDirectories: true)
        let makeSong = "new \"Song\"\nadd verse 1\nsave %@/song.cowrite\nquit\n"
        for sub in ["a", "b"] { #expect(try cowrite([], in: folder, input: String(format: makeSong, sub)).status == 0) }
        // Two unsaved titles that make one file name, and two song.cowrite files in two folders.
        let writers = try [
            LiveCowrite(in: folder, lines: "new \"Ω!\"\nadd verse 2\n"),
            LiveCowrite(in: folder, lines: "new \"ω?\"\nadd verse 3\n"),
            LiveCowrite(in: folder, lines: "open a/song.cowrite\nadd bridge 4\n"),
            LiveCowrite(in: folder, lines: "open b/song.cowrite\nadd outro 5\n"),
        ]
        let commands = ["add verse 2", "add verse 3", "add bridge 4", "add outro 5"]
        for (writer, command) in zip(writers, commands) {
            #expect(writer.autosave(in: folder + "/sessions/.autosave", showing: command) != nil)
        }
        // A second REPL while they work: nothing of theirs is offered or touched.
        var other = makeWorkspace(in: folder)
        #expect(message { try other.perform("recover") } == "there is no autosave to recover")
        for writer in writers { writer.kill(SIGKILL) }
        let listed = try other.perform("recover")
        #expect(listed.hasPrefix("autosaves left by Cowrites that ended without saving:\n  1. "))
        #expect(listed.components(separatedBy: "\n").count == 6)
        for title in ["“Ω!” (ω): 2 unsaved changes", "“ω?” (ω): 2 unsaved changes", "“Song” (song): 1 unsaved change, "] {
            #expect(listed.contains(title))
        }
        #expect(listed.contains("last: add bridge 4, from \(Workspace.canonical(folder + "/a/song.cowrite"))"))
        #expect(listed.contains("last: add outro 5, from \(Workspace.canonical(folder + "/b/song.cowrite"))"))
    }

    /// A Cowrite starting up clears dead writers' lock files while other Cowrites are taking
    /// theirs. Hundreds of writers taking their locks under a cleaner that never stops:
    /// every one of them is still seen as alive afterwards (before the cleaner removed
    /// files only after checking, so a lock taken between its check and its removal was
    /// lost, and that writer's autosave was offered as left behind).
    @Test func aWriterTakingItsLockWhileAnotherCleansUpKeepsIt() throws {
        let folder = try temporaryFolder()
        let done = Flag()
        for _ in 0..<2 {
            Thread { while !done.isSet { AutosaveClaim.cleanLitter(in: folder) } }.start()
        }
        // Rounds of 400, each let go before the next, to stay far under any file limit.
        var lost: [String] = []
        for _ in 0..<5 {
            let claims = (0..<400).map { _ in
                let claim = AutosaveClaim()
                claim.hold(in: folder)
                return claim
            }
            lost += claims.filter { !AutosaveClaim.isAlive($0.writer, in: folder) }.map(\.writer)
        }
        done.set()
        #expect(lost.count == 0, "writers seen as gone while alive, for example \(lost.prefix(3))")
    }

    /// `recover NAME` finds an autosave by the song's title as well as its file name, and
    /// when there is none it says so, pointing at the saved session rather than back at itself.
    @Test func recoverByTitleAndSayWhenThereIsNone() throws {
        let folder = try folderWithAlpha()
        var other = makeWorkspace(in: folder)
        #expect(message { try other.perform("recover Alpha") } == "no autosave of \"Alpha\" to recover; its saved session opens with `open alpha`")
        #expect(message { try other.perform("recover Zulu") } == "no autosave of \"Zulu\" to recover; `recover` with no name lists the autosaves there are")
        // A piped session that ends without saving leaves its autosave behind.
        let left = try cowrite([], in: folder, input: "new \"Rain on Glass\"\nadd verse 2\nquit\n")
        #expect(left.status == 0)
        #expect(message { try other.perform("recover rain-on-gals") } == "no autosave of \"rain-on-gals\" to recover — did you mean `recover rain-on-glass`?")
        // `open` by the title, before it was ever saved, points to the autosave.
        #expect(message { try other.perform("open \"Rain on Glass\"") }
                == "no saved session \"Rain on Glass\" in \(folder)/sessions/, but an autosave holds “Rain on Glass”: `recover rain-on-glass` restores it")
        // And by the name a save would give it (a band leader's `open porch-light` had been told only "no session").
        #expect(message { try other.perform("open rain-on-glass") }
                == "no saved session \"rain-on-glass\" in \(folder)/sessions/, but an autosave holds “Rain on Glass”: `recover rain-on-glass` restores it")
        // With another song open here, a bare `recover` names the one autosave and waits to
        // be asked (it had brought a stale autosave back in place of the open song).
        _ = try other.perform("new \"Porch\"")
        let named = try other.perform("recover")
        #expect(named.hasPrefix("one autosave, of another song than “Porch”, which is open here — `recover 1` brings it back:\n  1. “Rain on Glass”"), "\(named)")
        #expect(other.song?.title == "Porch")
        let recovered = try other.perform("recover \"Rain on Glass\"")
        #expect(recovered.contains("recovered “Rain on Glass” with 2 unsaved changes (last: add verse 2)"), "\(recovered)")
        #expect(other.song?.sections.map(\.name) == ["verse"])
        // A saved song given a new title opens by it (its file keeps the old name).
        _ = try other.perform("save")
        _ = try other.perform("set title=\"Glass Houses\"")
        _ = try other.perform("save")
        var third = makeWorkspace(in: folder)
        #expect(try third.perform("open \"glass houses\" --read-only").hasPrefix("opened “Glass Houses” from "))
    }

    @Test func recoverThenSaveChecksTheFileOnDisk() throws {
        let folder = try folderWithAlpha()
        let writer = try LiveCowrite(in: folder, lines: "open alpha\nadd chorus 4\n")
        #expect(writer.autosave(in: folder + "/sessions/.autosave", showing: "add chorus 4") != nil)
        writer.kill(SIGKILL)
        // Another program rewrites the session meanwhile.
        let path = folder + "/sessions/alpha.cowrite"
        let changed = try #require(read(path)).replacingOccurrences(of: "\"tempo\" : 120", with: "\"tempo\" : 99")
        try write(changed, to: path)
        var next = makeWorkspace(in: folder)
        // Saved since the changes were kept: they come back as a song of their own, and a
        // save writes that, never over the file.
        let recovered = try next.perform("recover alpha")
        #expect(recovered.contains("recovered “Alpha (recovered)” with 1 unsaved change"), "\(recovered)")
        // A song of its own: its id is not the saved one's, so its render never stands in
        // for that song's render.
        let savedID = try #require(try SessionStore(directory: folder + "/sessions").read(path).song.id)
        #expect(next.song?.id != nil && next.song?.id != savedID)
        #expect(try next.perform("save").hasPrefix("saved “Alpha (recovered)” to "))
        #expect(read(path) == changed)
        #expect(next.sessionPath != path && next.song?.form == ["verse", "chorus"])
    }

    /// Changes kept, then the file opened and saved with other changes, then `recover`:
    /// the later save is not taken back (a newcomer's check lost a tempo saved after the
    /// autosave that way, and `open` had called the older changes "newer").
    @Test func recoveringChangesOlderThanTheSavedFileKeepsBoth() throws {
        let folder = try folderWithAlpha()
        let path = folder + "/sessions/alpha.cowrite"
        let writer = try LiveCowrite(in: folder, lines: "open alpha\nadd chorus 4\n")
        #expect(writer.autosave(in: folder + "/sessions/.autosave", showing: "add chorus 4") != nil)
        writer.kill(SIGKILL)
        var next = makeWorkspace(in: folder)
        #expect(try next.perform("open alpha --saved").contains("\nnote: newer changes to it wait in an autosave: "))
        _ = try next.perform("set tempo=130")
        _ = try next.perform("save")
        let opened = try next.perform("open alpha")
        #expect(opened.contains("\nnote: changes kept before it was last saved wait in an autosave: ")
                && opened.hasSuffix("— `recover alpha` restores them as a new song beside it, `recover alpha --discard` lets them go"), "\(opened)")
        let recovered = try next.perform("recover alpha")
        #expect(recovered.hasPrefix("note: \(path) was saved after these changes were kept, so they come back as a new song, “Alpha (recovered)”, and the saved one stays as it is — `open alpha` shows it; take across what you want to keep\n"), "\(recovered)")
        #expect(next.song?.title == "Alpha (recovered)" && next.song?.form == ["verse", "chorus"] && next.sessionPath == nil)
        #expect(try next.store.read(path).song.tempo == 130)
    }

    /// `recover NAME --discard` sets an autosave aside when the writer names it, and `open`
    /// no longer offers it; without a name nothing is let go.
    @Test func anAutosaveTheWriterLetsGoIsGone() throws {
        let folder = try folderWithAlpha()
        let writer = try LiveCowrite(in: folder, lines: "open alpha\nadd chorus 4\n")
        let kept = try #require(writer.autosave(in: folder + "/sessions/.autosave", showing: "add chorus 4"))
        writer.kill(SIGKILL)
        var next = makeWorkspace(in: folder)
        #expect(throws: REPLError.self) { try next.perform("recover --discard") }
        #expect(FileManager.default.fileExists(atPath: kept))
        let reply = try next.perform("recover alpha --discard")
        #expect(reply.hasPrefix("let go of the autosave “Alpha” (alpha): 1 unsaved change, ") && reply.hasSuffix(", out of every offer (the saved session, if any, is as it was)"), "\(reply)")
        #expect(!FileManager.default.fileExists(atPath: kept))
        let aside = folder + "/sessions/.autosave/discarded/" + (kept as NSString).lastPathComponent
        #expect(reply.contains("set aside in \(aside)") && FileManager.default.fileExists(atPath: aside), "\(reply)")
        #expect(try !next.perform("open alpha").contains("autosave"))
        #expect(try next.store.read(folder + "/sessions/alpha.cowrite").song.form == ["verse"])
    }

    /// `open` of a song whose one autosave holds changes made over the file as saved brings
    /// them back (the writer's latest work; two newcomers had reopened an older song),
    /// unsaved, with `undo` back to the file; `--saved` leaves them in the autosave.
    @Test func openingASongBringsBackItsLatestChanges() throws {
        let folder = try folderWithAlpha()
        let writer = try LiveCowrite(in: folder, lines: "open alpha\nadd chorus 4\n")
        let kept = try #require(writer.autosave(in: folder + "/sessions/.autosave", showing: "add chorus 4"))
        writer.kill(SIGKILL)
        var saved = makeWorkspace(in: folder)
        let plain = try saved.perform("open alpha --saved")
        #expect(plain.contains("\nnote: newer changes to it wait in an autosave: ") && saved.song?.form == ["verse"], "\(plain)")
        #expect(FileManager.default.fileExists(atPath: kept))
        saved.close()
        var next = makeWorkspace(in: folder)
        let opened = try next.perform("open alpha")
        #expect(opened.contains("\nwith the unsaved changes an earlier Cowrite kept in an autosave: recovered “Alpha” with 1 unsaved change (last: add chorus 4) — `save` to keep them"), "\(opened)")
        #expect(opened.hasSuffix("(`undo` goes back to the song as saved; `open alpha --saved` opens it without them)"), "\(opened)")
        #expect(next.song?.form == ["verse", "chorus"] && next.readOnlyReason == nil)
        #expect(try next.store.read(folder + "/sessions/alpha.cowrite").song.form == ["verse"])
        _ = try next.perform("undo")
        #expect(next.song?.form == ["verse"])
    }

    /// `open alpha` then `recover`: the file is open here, so the recovered changes are
    /// this Cowrite's to save over it (before, its own lock was taken for another Cowrite's,
    /// the song came back read-only and `save` was refused). Recovering is a step `undo`
    /// takes back to the saved song, in a fresh Cowrite too.
    @Test func recoveringTheSongOpenHereSavesOverItsFileAndUndoes() throws {
        let folder = try folderWithAlpha()
        let path = folder + "/sessions/alpha.cowrite"
        for opensFirst in [true, false] {
            let writer = try LiveCowrite(in: folder, lines: "open alpha\nadd chorus 4\n")
            #expect(writer.autosave(in: folder + "/sessions/.autosave", showing: "add chorus 4") != nil)
            writer.kill(SIGKILL)
            var next = makeWorkspace(in: folder)
            if opensFirst { _ = try next.perform("open alpha --saved") }
            let recovered = try next.perform("recover 1")
            #expect(recovered.contains("recovered “Alpha” with 1 unsaved change (last: add chorus 4)") && !recovered.contains("read-only"), "\(recovered)")
            #expect(next.readOnlyReason == nil)
            #expect(next.history.past.last?.label == "recover (the unsaved changes over \(next.sessionPath ?? ""); `undo` goes back to the saved song)")
            let undone = try next.perform("undo")
            let saved = " — the song is as saved in \(next.sessionPath ?? ""); the recovered changes are set aside in "
            #expect(undone.hasPrefix("undid: recover") && undone.contains(saved), "\(undone)")
            #expect(next.song?.form == ["verse"])
            // As saved: nothing unsaved, no autosave left to offer; the recovered changes
            // are not deleted but set aside, where `open` finds them in a later session.
            #expect(next.changesSinceSave == 0 && next.autosavePath == nil)
            let aside = try #require(undone.components(separatedBy: " set aside in ").last?.components(separatedBy: " — ").first)
            #expect(aside.contains("/.autosave/discarded/"))
            #expect(try next.store.read(aside).song.form == ["verse", "chorus"])
            #expect(next.store.autosaves().isEmpty)
            _ = try next.perform("redo")
            #expect(try next.perform("save").hasPrefix("saved “Alpha” to "))
            #expect(try next.store.read(path).song.form == ["verse", "chorus"])
            // Back to one section for the second round.
            _ = try next.perform("remove chorus")
            _ = try next.perform("save")
            next.close()
        }
    }

    @Test func anAutosaveNamingAnotherFileNeverWritesIt() throws {
        let folder = try folderWithAlpha()
        try write("precious", to: folder + "/victim.txt")
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("new \"Hostile\"")
        let song = try #require(workspace.song)
        let info = AutosaveInfo(sessionPath: folder + "/victim.txt", changes: 3, lastCommand: "add verse 1", at: Date(timeIntervalSince1970: 1_790_000_000))
        try workspace.store.write(SessionFile(song: song, savedWith: "cowrite 0.1.0", autosave: info),
                                  to: folder + "/sessions/.autosave/hostile.cowrite", keepBackup: false)
        workspace.clearAutosave()
        var next = makeWorkspace(in: folder)
        let recovered = try next.perform("recover hostile")
        #expect(recovered.hasPrefix("note: the autosave names \(folder)/victim.txt, which is not a Cowrite session; the song is recovered as a new one"))
        #expect(next.sessionPath == nil)
        _ = try next.perform("save")
        #expect(read(folder + "/victim.txt") == "precious")
    }

    // MARK: Terminal safety

    @Test func textFromAFileNeverSteersTheTerminal() throws {
        let folder = try folderWithAlpha()
        let hostile = "Evil\u{1B}]0;pwned\u{7}\u{1B}[2J\nerror: fake\u{202E}"
        let path = folder + "/sessions/alpha.cowrite"
        let json = try #require(read(path)).replacingOccurrences(of: "\"title\" : \"Alpha\"",
                                                                with: "\"title\" : \"Evil\\u001b]0;pwned\\u0007\\u001b[2J\\nerror: fake\\u202e\"")
        try write(json, to: folder + "/sessions/evil.cowrite")
        #expect(try SessionCodec.decode(Data(json.utf8), name: "evil").song.title == hostile)
        let shown = "“Evil\\e]0;pwned\\u{7}\\e[2J\\nerror: fake\\u{202E}”"
        let check = try cowrite(["check", "sessions/evil.cowrite"], in: folder)
        #expect(check.output == "ok: sessions/evil.cowrite — \(shown), format 1, 1 section, 2 bars\n")
        let session = try cowrite([], in: folder, input: "open evil\nsong\ncredits\nchords \u{1B}[31mverse\n")
        for text in [session.output, session.errors] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x202E || $0.value == 0x7F })
        }
        #expect(session.output.hasPrefix("opened \(shown) from sessions/evil.cowrite"))
        #expect(session.errors.contains("no section \"\\e[31mverse\""))
        // The prompt shows the title the same way.
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("open evil")
        #expect(Style(colour: false).prompt(for: workspace) == "Evil\\e]0;pwned\\u{7}\\e[2J\\nerror: fake\\u{202E}> ")
        #expect(message { try workspace.perform("set title=\"a\u{1B}[2Jb\"") } == "title \"a\\e[2Jb\": control characters and hidden marks are not allowed; type it as plain text")
    }

    // MARK: Limits

    @Test func limitsAreErrorsNotCrashesOrHangs() throws {
        let folder = try folderWithAlpha()
        let alpha = try #require(read(folder + "/sessions/alpha.cowrite"))
        // A valid file with a 100,000-entry form, and one with 10,000 sections.
        func variant(_ change: (inout [String: Any]) -> Void) throws -> String {
            var file = try #require(JSONSerialization.jsonObject(with: Data(alpha.utf8)) as? [String: Any])
            var song = try #require(file["song"] as? [String: Any])
            change(&song)
            file["song"] = song
            return String(decoding: try JSONSerialization.data(withJSONObject: file), as: UTF8.self)
        }
        try write(try variant { $0["arrangement"] = Array(repeating: "verse", count: 100_000) }, to: folder + "/sessions/form.cowrite")
        try write(try variant { song in
            let verse = (song["sections"] as? [[String: Any]])?.first ?? [:]
            song["sections"] = (0..<10_001).map { index -> [String: Any] in
                var copy = verse
                copy["name"] = index == 0 ? "verse" : "s\(index)"
                return copy
            }
        }, to: folder + "/sessions/many.cowrite")
        let started = Date()
        let formCheck = try cowrite(["check", "sessions/form.cowrite"], in: folder)
        #expect(formCheck.status == 2)
        #expect(formCheck.errors.contains("at song.arrangement: expected at most 512 entries, found 100000"))
        let manyCheck = try cowrite(["check", "sessions/many.cowrite"], in: folder)
        #expect(manyCheck.status == 2)
        #expect(manyCheck.errors.contains("at song.sections: expected at most 1000 sections, found 10001"))
        #expect(try cowrite(["render", "form"], in: folder).status == 2)
        // Generous bounds: these used to take 100 s and more.
        #expect(Date().timeIntervalSince(started) < 30)

        let long = try cowrite(["run", "/dev/stdin"], in: folder,
                               input: "new \"Long\" tempo=20\nadd a 256\narrange a a a a a a a a a a\nrender\n")
        #expect(long.status == 1)
        #expect(long.errors.hasPrefix("/dev/stdin:4: the song plays 512 minutes; a render is at most 120 minutes — shorten the form (`arrange`) or render one section\n"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/renders/long"))

        let word = String(repeating: "x", count: 1_000_000)
        let typed = try cowrite([], in: folder, input: word + "\nsketch \"X\" form=" + (0..<1000).map { "s\($0)" }.joined(separator: ",") + "\n")
        #expect(typed.status == 1)
        #expect(typed.errors == "stdin:1: a line of 65537 bytes or more: a command line is at most 65536 bytes — split the part over several commands\nstdin: stopped at line 1, the first that failed; any lines after it were not run (`cowrite --keep-going < FILE` runs every line)\n")
        let sketch = try cowrite([], in: folder, input: "sketch \"X\" form=" + (0..<1000).map { "s\($0)" }.joined(separator: ",") + "\n")
        #expect(sketch.errors == "stdin:1: 1000 sections in a sketch's form: a song has at most 64 — sketch the main sections, then `copy` and `arrange` them (`help limits`)\nstdin: stopped at line 1, the first that failed; any lines after it were not run (`cowrite --keep-going < FILE` runs every line)\n")
        let unknown = try cowrite([], in: folder, input: String(repeating: "y", count: 60_000) + "\n")
        #expect(unknown.errors == "stdin:1: unknown command \"\(String(repeating: "y", count: 64))… (60000 characters)\"; type `help` for the list of commands\nstdin: stopped at line 1, the first that failed; any lines after it were not run (`cowrite --keep-going < FILE` runs every line)\n")

        // A SoundFont that is a folder or a FIFO: one line each, no trap, no wait.
        mkfifo(folder + "/fifo.sf2", 0o644)
        for (soundFont, detail) in [(folder, "it is a folder"), (folder + "/fifo.sf2", "it is not a regular file")] {
            let result = try cowrite(["render", "alpha", "-o", "x", "--soundfont", soundFont], in: folder)
            #expect(result.status == 1)
            #expect(result.errors == "error: \(soundFont) could not be loaded as a SoundFont (\(detail)); give a General MIDI .sf2 file with --soundfont or COWRITE_SOUNDFONT\n")
        }
    }

    @Test func standardInputOfEndlessBytesEndsWithAnError() throws {
        let folder = try temporaryFolder()
        let errors = Pipe()
        let process = try launch(in: folder, input: try #require(FileHandle(forReadingAtPath: "/dev/zero")), errors: errors)
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(String(decoding: text, as: UTF8.self) == "stdin:1: a line of 65537 bytes or more: a command line is at most 65536 bytes — split the part over several commands\nstdin: stopped at line 1, the first that failed; any lines after it were not run (`cowrite --keep-going < FILE` runs every line)\n")
    }

    @Test func sigtermEndsALongCommandWithinASecond() throws {
        let folder = try folderWithAlpha()
        // A 50-minute render: far longer than the test waits.
        let chords = Array(repeating: "C", count: 64).joined(separator: " | ")
        let writer = try LiveCowrite(in: folder, lines: "new \"Long\" tempo=60\nadd a 64\nchords a = | \(chords) |\narrange a a a a a a a a a a a a\nrender\n")
        #expect(writer.autosave(in: folder + "/sessions/.autosave", showing: "arrange a a a a a a a a a a a a") != nil)
        usleep(1_500_000)
        let sent = Date()
        writer.kill(SIGTERM)
        // A liveness bound, not a speed target: the process must not outlive the signal.
        #expect(Date().timeIntervalSince(sent) < 1.5)
        #expect(writer.process.terminationStatus == 143)
        // Nothing half-written is left in the output folder once a new Cowrite starts.
        _ = try cowrite([], in: folder, input: "quit\n")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/renders/long")) ?? []
        #expect(!left.contains { $0.hasPrefix(".cowrite-partial-\(writer.process.processIdentifier)") })
    }

    // MARK: Litter and scripts

    @Test func litterOfDeadProcessesIsCleanedAndOnlyThat() throws {
        let folder = try folderWithAlpha()
        let dead = "999999"
        let live = "\(getpid())"
        try FileManager.default.createDirectory(atPath: folder + "/renders/alpha/.cowrite-partial-\(dead)-ab12/stems", withIntermediateDirectories: true)
        try write("", to: folder + "/renders/alpha/.cowrite-partial-\(dead)-ab12/.cowrite-staging")
        // The writer's own folders with names like Cowrite's stay: no staging sign inside.
        try FileManager.default.createDirectory(atPath: folder + "/renders/alpha/.cowrite-partial-\(dead)-ef", withIntermediateDirectories: true)
        try write("lyrics", to: folder + "/renders/alpha/.cowrite-partial-\(dead)-ef/lyrics.txt")
        try FileManager.default.createDirectory(atPath: folder + "/renders/alpha/.cowrite-partial-\(dead)-drafts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/renders/alpha/.cowrite-partial-\(live)-cd34", withIntermediateDirectories: true)
        try write("half", to: folder + "/sessions/.alpha.cowrite.tmp-\(dead)-ef56")
        try write("half", to: folder + "/sessions/.alpha.cowrite.tmp-\(dead)")
        try write("live", to: folder + "/sessions/.alpha.cowrite.tmp-\(live)-0a0b")
        try write("mine", to: folder + "/sessions/.notes.tmp-keep")
        try write("mine", to: folder + "/sessions/.draft.tmp-\(dead)-final")
        try write("mine", to: folder + "/sessions/.x.tmp-\(dead)")
        try FileManager.default.createDirectory(atPath: folder + "/sessions/.autosave", withIntermediateDirectories: true)
        try write("", to: folder + "/sessions/.autosave/\(dead)-abc.lock")
        _ = try cowrite([], in: folder, input: "quit\n")
        let renders = try FileManager.default.contentsOfDirectory(atPath: folder + "/renders/alpha")
        #expect(Set(renders) == [".cowrite-partial-\(dead)-drafts", ".cowrite-partial-\(dead)-ef", ".cowrite-partial-\(live)-cd34"])
        let sessions = try FileManager.default.contentsOfDirectory(atPath: folder + "/sessions").sorted()
        #expect(sessions.filter { $0.contains(".tmp") }
            == [".alpha.cowrite.tmp-\(live)-0a0b", ".draft.tmp-\(dead)-final", ".notes.tmp-keep", ".x.tmp-\(dead)"])
        #expect(!FileManager.default.fileExists(atPath: folder + "/sessions/.autosave/\(dead)-abc.lock"))
    }

    @Test func scriptsWithCRLFLinesRun() throws {
        let folder = try temporaryFolder()
        try write("# made on Windows\r\nnew \"Crlf\"\r\nadd verse 2\r\nsave\r\n", to: folder + "/song.txt")
        let result = try cowrite(["run", "song.txt"], in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "new song “Crlf” in C, 100 bpm, 4/4 — add sections with `add verse 8`\nadded verse (2 bars); form: verse\nsaved “Crlf” to sessions/crlf.cowrite\n")
    }

    /// A loudness target is negative: at the shell `--lufs -16` is the target, as in the
    /// REPL, not a missing value and an unknown option `-16`.
    @Test func aNegativeLoudnessTargetIsAValueOnTheCommandLine() throws {
        let folder = try folderWithAlpha()
        let result = try cowrite(["render", "alpha", "-o", "quiet", "--lufs", "-30"], in: folder)
        #expect(result.status == 0, "\(result.errors)")
        let provenance = try String(contentsOfFile: folder + "/quiet/provenance.md", encoding: .utf8)
        #expect(provenance.contains("target -30.0 LUFS"), "\(provenance)")
    }

    @Test func renderOnTheCommandLinePassesValuesNotALine() throws {
        let folder = try folderWithAlpha()
        let result = try cowrite(["render", "alpha", "-o", "x\" --format \"ogg"], in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: folder + "/x\" --format \"ogg/mix.wav"))
    }
}

/// A flag one thread sets and another reads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
