import AudioRender
import Foundation
import MusicTheory
import Testing
@testable import REPL
import SongModel

/// The attacks an independent look found after the first round of `SafetyTests`.
@Suite("Touch nothing that is not ours: the edges", .serialized)
struct SafetyEdgeTests {
    /// A `stems` that is a link or a file is refused by its own name before anything moves,
    /// forced or not: a forced render over a stems link had replaced the mix, then failed.
    @Test func aStemsLinkOrFileIsRefusedBeforeAnythingMoves() throws {
        for (make, what) in [("link", "is a symbolic link"), ("file", "is a file")] {
            let path = try temporaryFolder() + "/out"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try write("MINE", to: path + "/mix.wav")
            if make == "link" {
                try FileManager.default.createDirectory(atPath: path + "-elsewhere", withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: path + "/stems", withDestinationPath: path + "-elsewhere")
            } else {
                try write("mine too", to: path + "/stems")
            }
            for force in [false, true] {
                #expect(throws: RenderError.notOurs(path: path + "/stems", reason: "\(what), not a folder: Cowrite writes the stems into a real folder of that name, "
                                                    + "and --force does not put one in its place — move it away, or write somewhere else")) {
                    _ = try RenderFolder.prepare(path, writing: ["mix.wav", "stems/cue_chords.wav"], wholeFolder: true, force: force)
                }
            }
            #expect(read(path + "/mix.wav") == "MINE")
        }
    }

    /// A song saved under a new name beside its own file is a copy with an id of its own,
    /// through `undo` too: a composer's "save as" variant, rendered, had replaced the
    /// original's mix and deleted its stems as the same song's. A first save, or a song
    /// whose file is gone, keeps its id.
    @Test func aSaveAsCopyIsAnotherSongToRenders() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        try workspace.performAll("new \"Cue\" key=C", "add verse 2", "chords verse = | C | G |")
        _ = try workspace.perform("save cue")
        let original = try #require(workspace.song?.id)
        let reply = try workspace.perform("save cue-alt")
        #expect(reply.contains("it is a copy of \(folder)/sessions/cue.cowrite from now on"), "\(reply)")
        #expect(workspace.song?.id != original && workspace.song?.id != nil)
        #expect(try workspace.store.read(folder + "/sessions/cue.cowrite").song.id == original)
        let copy = workspace.song?.id
        _ = try workspace.perform("undo")
        #expect(workspace.song?.id == copy)
        _ = try workspace.perform("save")
        #expect(try workspace.store.read(folder + "/sessions/cue-alt.cowrite").song.id == copy)
        // Moved away from its file: the song keeps its id.
        try FileManager.default.removeItem(atPath: folder + "/sessions/cue-alt.cowrite")
        _ = try workspace.perform("save cue-moved")
        #expect(workspace.song?.id == copy)
    }

    /// `~` in a path typed at the prompt is the home folder, as a shell reads it: a
    /// newcomer's `export musicxml ~/nope/dir/x.musicxml` had made a folder named "~" in
    /// the working folder. Only paths: a tie in notes, a lyric or a section name keep it.
    @Test func aTildeInATypedPathIsTheHomeFolder() throws {
        func prepared(_ line: String) throws -> Invocation { try Commands.prepare(Invocation.parse(line)!, home: "/home/mara").1 }
        #expect(try prepared("export musicxml ~/songs/x.musicxml").arguments == ["musicxml", "/home/mara/songs/x.musicxml"])
        #expect(try prepared("export midi -o ~/x.mid").option("out") == "/home/mara/x.mid")
        #expect(try prepared("render -o ~").option("out") == "/home/mara")
        #expect(try prepared("render -o \"~/My Songs/rain\"").option("out") == "/home/mara/My Songs/rain")
        #expect(try prepared("import ~/Desktop/take.mid").arguments == ["/home/mara/Desktop/take.mid"])
        #expect(try prepared("learn mine ~/a.mid ~/b.mid").arguments == ["mine", "/home/mara/a.mid", "/home/mara/b.mid"])
        #expect(try prepared("open ~/sessions/rain.cowrite").arguments == ["/home/mara/sessions/rain.cowrite"])
        #expect(try prepared("export musicxml ./~/x.musicxml").arguments == ["musicxml", "./~/x.musicxml"])
        #expect(try prepared("export musicxml ~mara/x.musicxml").arguments == ["musicxml", "~mara/x.musicxml"])
        #expect(try prepared("melody verse = E4/2~ E4/2").body == "E4/2~ E4/2")
        #expect(try prepared("lyrics verse = \"~/home\"").body == "\"~/home\"")
        #expect(try Commands.prepare(Invocation.parse("export musicxml ~/x.musicxml")!, home: nil).1.arguments == ["musicxml", "~/x.musicxml"])
    }

    /// A file put in place while a render runs is checked again before Cowrite's file
    /// moves there, and kept.
    @Test func aFileWrittenDuringARenderIsNotReplaced() throws {
        let path = try temporaryFolder() + "/out"
        var target = try RenderFolder.prepare(path, writing: ["mix.wav"], wholeFolder: true, force: false)
        let staging = try target.stage()
        try staging.writeNewFile("mix.wav", Data("Cowrite's".utf8))
        try write("MINE", to: path + "/mix.wav")
        #expect(throws: RenderError.notOurs(path: path + "/mix.wav", reason: "was not written by Cowrite, so it was not replaced — add --force to replace it, or write somewhere else")) {
            try target.commit(staging, names: ["mix.wav"], replacesAll: true)
        }
        #expect(read(path + "/mix.wav") == "MINE")
    }

    /// A render folder from before songs had ids (or a song from an older session) goes
    /// by the title: the same title is the same song, another title another song; once a
    /// folder records an id, another id is another song whatever the title.
    @Test func aFolderWithoutAnIdGoesByTheTitle() throws {
        let path = try temporaryFolder() + "/out"
        func render(_ title: String, id: String?) throws(RenderError) {
            var target = try RenderFolder.prepare(path, writing: ["mix.wav"], wholeFolder: true, force: false, song: title, songID: id)
            let staging = try target.stage()
            try staging.writeNewFile("mix.wav", Data(title.utf8))
            _ = try target.commit(staging, names: ["mix.wav"], replacesAll: true)
        }
        try render("Old", id: nil)
        #expect(!(read(path + "/.cowrite-render") ?? "").contains("# song id:"))
        #expect(throws: RenderError.self) { try render("Other", id: "b2") }
        try render("Old", id: "a1")
        #expect((read(path + "/.cowrite-render") ?? "").contains("# song: Old\n# song id: a1\n"))
        #expect(throws: RenderError.self) { try render("Old", id: "b2") }
        try render("Renamed", id: "a1")
        #expect(read(path + "/mix.wav") == "Renamed")
        // Written by the same title without an id (an export, a song from an older
        // session), the folder keeps its id: a copy with another id is still another song.
        var export = try RenderFolder.prepare(path, writing: ["song.mid"], wholeFolder: false, force: false, song: "Renamed", songID: nil)
        let staging = try export.stage()
        try staging.writeNewFile("song.mid", Data("MThd".utf8))
        _ = try export.commit(staging, names: ["song.mid"], replacesAll: false)
        #expect((read(path + "/.cowrite-render") ?? "").contains("# song id: a1\n"))
        #expect(throws: RenderError.self) { try render("Renamed", id: "c3") }
    }

    /// `export … -o FOLDER` writes the file under the song's name, so two songs exported to
    /// one folder keep both; a link to a folder is refused, never written through.
    @Test func songsExportedToOneFolderKeepTheirOwnFiles() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/cues", withIntermediateDirectories: true)
        try workspace.performAll("new \"One\" key=C", "add verse 2", "chords verse = | C | G |")
        #expect(try workspace.perform("export midi -o \(folder)/cues").hasPrefix("wrote \(folder)/cues/one.mid"))
        try workspace.performAll("new \"Two\" key=D", "add verse 2", "chords verse = | D | A |")
        #expect(try workspace.perform("export midi -o \(folder)/cues/").hasPrefix("wrote \(folder)/cues/two.mid"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/cues").filter { !$0.hasPrefix(".") }.sorted() == ["one.mid", "two.mid"])
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: folder + "/cues")
        #expect(message(of: { try workspace.perform("export midi -o \(folder)/linked --force") })
                == "\(folder)/linked is a symbolic link to a folder; Cowrite writes only into real folders — give the folder's own path")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/linked") == folder + "/cues")
    }

    /// An export into the writer's folder does not make it a render folder, and a
    /// folder holding only the writer's own `stems/` is theirs too.
    @Test func exportsAndStemsFoldersDoNotOpenAFolderToRenders() throws {
        let folder = try folderWithAlpha()
        for sub in ["u1", "u2/stems"] { try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true) }
        try write("x", to: folder + "/u1/f")
        try write("vocals", to: folder + "/u2/stems/vocals.wav")
        let export = try cowrite(["run", "/dev/stdin"], in: folder, input: "open alpha\nexport chordpro u1/c.cho\nexport chordpro u1/c.cho\n")
        #expect(export.status == 0, "\(export.errors)")
        for (out, listed) in [("u1", "f"), ("u2", "stems")] {
            let render = try cowrite(["render", "alpha", "-o", out], in: folder)
            #expect(render.status == 1)
            #expect(render.errors.hasPrefix("error: \(out) holds files Cowrite did not write (") && render.errors.contains(listed))
        }
        #expect(read(folder + "/u1/f") == "x")
        #expect(FileManager.default.fileExists(atPath: folder + "/u1/c.cho"))
        #expect(read(folder + "/u2/stems/vocals.wav") == "vocals")
    }

    /// A lock file that is a second name of someone's file is not written through.
    @Test func aHardLinkedLockFileIsLeftAlone() throws {
        let folder = try folderWithAlpha()
        try write("precious", to: folder + "/victim.txt")
        #expect(link(folder + "/victim.txt", folder + "/sessions/.alpha.cowrite.lock") == 0)
        let result = try cowrite(["run", "/dev/stdin"], in: folder, input: "open alpha\n")
        #expect(result.output.hasPrefix("note: opened read-only, as no lock can be made beside sessions/alpha.cowrite (.alpha.cowrite.lock is not a plain file of its own (a link or a device))"))
        #expect(read(folder + "/victim.txt") == "precious")
    }

    /// Declining a recovery sets the autosave aside inside real folders only.
    @Test func declinedRecoveryNeverMovesThroughALink() throws {
        let folder = try folderWithAlpha()
        try FileManager.default.createDirectory(atPath: folder + "/victim", withIntermediateDirectories: true)
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("new \"Left\"")
        let song = try #require(workspace.song)
        try workspace.store.write(SessionFile(song: song, savedWith: "cowrite 0.1.0",
                                              autosave: AutosaveInfo(sessionPath: nil, changes: 1, lastCommand: "new", at: Date(timeIntervalSince1970: 1_790_000_000))),
                                  to: folder + "/sessions/.autosave/left.cowrite", keepBackup: false)
        workspace.clearAutosave()
        try FileManager.default.createSymbolicLink(atPath: folder + "/sessions/.autosave/discarded", withDestinationPath: folder + "/victim")
        var printed: [String] = []
        var shell = Shell(workspace: makeWorkspace(in: folder), reader: ArrayLineReader(lines: ["n"]), style: Style(colour: false),
                          write: { printed.append($0) })
        shell.offerRecovery(for: nil)
        #expect(printed.last == "not recovered; it stays in \(folder)/sessions/.autosave/left.cowrite (it could not be set aside)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/victim").isEmpty)
    }

    /// An autosave whose writing a saved session holds all of (a script run twice: the
    /// second saved what the first left unsaved, at other times and under another id) is
    /// not offered, and is set aside where it can be found; one with more in it is offered.
    @Test func anAutosaveTheSavedFileHoldsIsNotOffered() throws {
        let folder = try temporaryFolder()
        func written(at seconds: TimeInterval, bars: Int) throws -> Song {
            var song = Song(title: "Chase", key: try Key(parsing: "Dm"), tempo: 140)
            song.id = UUID().uuidString
            try song.addSection("verse", bars: bars)
            try song.writeChords("verse", bars: ChordChart.parse("| Dm | Bb | C | A7 |"), author: "Ana", at: Date(timeIntervalSince1970: seconds))
            return song
        }
        var saving = makeWorkspace(in: folder)
        try saving.store.write(SessionFile(song: try written(at: 2_000_000, bars: 4), savedWith: "cowrite 0.1.0"),
                               to: folder + "/sessions/chase.cowrite", keepBackup: false)
        for (name, bars) in [("chase-1", 4), ("chase-2", 8)] {
            try saving.store.write(SessionFile(song: try written(at: 1_000_000, bars: bars), savedWith: "cowrite 0.1.0",
                                               autosave: AutosaveInfo(sessionPath: nil, changes: 3, lastCommand: "chords", at: Date(timeIntervalSince1970: 1_000_000))),
                                   to: folder + "/sessions/.autosave/\(name).cowrite", keepBackup: false)
        }
        saving.clearAutosave()
        var printed: [String] = []
        var shell = Shell(workspace: makeWorkspace(in: folder), reader: ArrayLineReader(lines: ["n"]), style: Style(colour: false),
                          write: { printed.append($0) })
        shell.offerRecovery(for: nil)
        #expect(printed.first == "an autosave of “Chase” holds nothing \(folder)/sessions/chase.cowrite does not, so it is not offered; "
                + "it is kept in \(folder)/sessions/.autosave/discarded/chase-1.cowrite", "\(printed)")
        // The one with 8 bars was asked about (and, answered no, set aside too).
        #expect(printed.contains { $0.hasPrefix("not recovered; a copy is kept in ") && $0.hasSuffix("chase-2.cowrite") }, "\(printed)")
        #expect(FileManager.default.fileExists(atPath: folder + "/sessions/.autosave/discarded/chase-1.cowrite"))
    }

    /// The argument parser's errors quote what it was given, made visible.
    @Test func commandLineErrorsShowControlCharacters() throws {
        let folder = try temporaryFolder()
        let result = try cowrite(["a", "X\u{1B}[2JY\u{7}"], in: folder)
        #expect(result.status == 2)
        #expect(!result.errors.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x7 })
        #expect(result.errors.contains("X\\e[2JY\\u{7}"))
    }

    /// Every song a command leaves can be saved and opened again: past the limits, the
    /// command is refused and the song stays as it was.
    @Test func aCommandThatWouldPassTheLimitsChangesNothing() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("new \"Dense\"")
        var song = try #require(workspace.song)
        try song.addSection("verse", bars: 256)
        let pitch = try Pitch(parsing: "C5")
        let notes = (0..<100_000).map { Note(start: $0 * 9, duration: 9, pitch: pitch) }
        try song.writeMelody("verse", notes: notes, author: "Ana", at: Date(timeIntervalSince1970: 1_790_000_000))
        workspace.song = song
        _ = try workspace.perform("copy verse verse2")
        let before = workspace.song
        #expect(message { try workspace.perform("copy verse verse3") }
            == "300000 notes, hits and chord changes: a song has at most 200000 — copy fewer sections, or reuse them in the form with `arrange` (`help limits`)")
        #expect(workspace.song == before)
        #expect(Settings.author(flag: String(repeating: "A", count: 10_000)).count == Limits.titleLength)
        #expect(Settings.author(flag: "Eve\u{1B}[31m") == "Eve[31m")
        // Without a flag or COWRITE_AUTHOR, the account's full name, when it has one.
        #expect(Settings.fullName(gecos: "Ana Lima,,,", login: "alima") == "Ana Lima")
        #expect(Settings.fullName(gecos: "root", login: "root") == nil)
        #expect(Settings.fullName(gecos: ",,,", login: "ben") == nil)
        #expect(Settings.fullName(gecos: nil, login: "ben") == nil)
    }

    /// Ctrl-C at any moment of a render (synthesis, loudness, true peak, limiter,
    /// encoding) stops it at once, with no crash and nothing left behind.
    @Test func ctrlCStopsARenderAtAnyMoment() throws {
        let folder = try temporaryFolder()
        let chords = Array(repeating: "C | G | Am | F", count: 8).joined(separator: " | ")
        let melody = Array(repeating: "C5/4 D5/4 E5/2", count: 32).joined(separator: " | ")
        let made = try cowrite(["run", "/dev/stdin"], in: folder,
                               input: "new \"Long Take\" tempo=60\nadd a 32\nchords a = | \(chords) |\nmelody a = \(melody)\nsave long\n")
        #expect(made.status == 0, "\(made.errors)")
        for delay in [0.3, 1.0, 2.0, 3.5, 5.0] {
            let process = try launch(["render", "long", "--stems", "-o", "out"], in: folder, input: FileHandle.nullDevice)
            usleep(useconds_t(delay * 1_000_000))
            let sent = Date()
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            // A liveness bound (a hang or a wait for the whole render fails it), not a speed target.
            #expect(Date().timeIntervalSince(sent) < 2, "Ctrl-C after \(delay) s took \(Date().timeIntervalSince(sent)) s")
            #expect(process.terminationStatus == 130 || process.terminationStatus == 0, "after \(delay) s: exit \(process.terminationStatus)")
            if process.terminationStatus == 130 {
                #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "after \(delay) s")
            } else {
                try FileManager.default.removeItem(atPath: folder + "/out")
            }
        }
    }

    /// What a second outside look found: crashes on odd paths and numbers, `force=no`
    /// read as yes, a trailing slash after a link, two songs with one file name, the
    /// writer's empty stems folder.
    @Test func theSecondLooksAttacks() throws {
        let folder = try folderWithAlpha()
        // Odd export paths and a huge recover number: one line each, no trap.
        let odd = try cowrite(["run", "/dev/stdin", "--keep-going"], in: folder,
                              input: "open alpha\nexport midi .\nexport midi ~\nexport chordpro x/./\nrecover -9223372036854775808\nexport midi ~/tilde.mid\n")
        #expect(odd.status == 1)
        // A folder takes the file under the song's name: `.` and `~` (here the test's folder).
        #expect(!odd.errors.contains("/dev/stdin:2:") && !odd.errors.contains("/dev/stdin:3:"), "\(odd.errors)")
        #expect(FileManager.default.fileExists(atPath: folder + "/alpha.mid"))
        // A folder not made yet, named with a slash (`x/./` is x): made, the file under the song's name.
        #expect(!odd.errors.contains("/dev/stdin:4:") && FileManager.default.fileExists(atPath: folder + "/x/alpha.chordpro"), "\(odd.errors)")
        #expect(odd.errors.contains("/dev/stdin:5: no autosave of \"-9223372036854775808\" to recover"))
        // `~` is the home folder, as in a shell: no folder named "~".
        #expect(!FileManager.default.fileExists(atPath: folder + "/~") && FileManager.default.fileExists(atPath: folder + "/tilde.mid"))
        // force=no is no; a value that is neither is refused.
        try write("precious", to: folder + "/victim.mid")
        let no = try cowrite(["run", "/dev/stdin", "--keep-going"], in: folder,
                             input: "open alpha\nexport midi victim.mid force=no\nexport midi victim.mid force=maybe\n")
        #expect(no.errors.contains("/dev/stdin:2: victim.mid was not written by Cowrite, so it was not replaced"))
        #expect(no.errors.contains("/dev/stdin:3: force=maybe: force is yes or no, e.g. force=yes (or --force)"))
        #expect(read(folder + "/victim.mid") == "precious")
        // A trailing slash or /. after a link still names the link.
        try FileManager.default.createDirectory(atPath: folder + "/target", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/target")
        for out in ["link/", "link/."] {
            let result = try cowrite(["render", "alpha", "-o", out], in: folder)
            #expect(result.status == 1)
            #expect(result.errors.hasPrefix("error: link is a symbolic link; Cowrite writes only into real folders"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/target").isEmpty)
        // Two titles, one file name: the second render does not replace the first's.
        let songs = try cowrite(["run", "/dev/stdin"], in: folder, input: """
            new "Rain!"
            add a 1
            chords a = | C |
            render
            new "rain?"
            add a 1
            chords a = | G |
            render

            """)
        #expect(songs.status == 1)
        #expect(songs.errors.hasPrefix("/dev/stdin:8: renders/rain holds what Cowrite wrote for another song (“Rain!”), so it was left as it is"))
        #expect(read(folder + "/renders/rain/song.chordpro")?.contains("Rain!") == true)
        // Two songs, one title (two sketches drawn with one seed are both “Sketch 4”): the
        // second's render does not replace the first's; the first, retitled, still renders
        // over its own, which its id names.
        let twins = try cowrite(["run", "/dev/stdin", "--keep-going"], in: folder, input: """
            new "Twin"
            add a 1
            chords a = | C |
            render
            save twin-one
            new "Twin"
            add a 1
            chords a = | G |
            render
            open twin-one
            set title="Twin One"
            render -o renders/twin

            """)
        #expect(twins.status == 1)
        #expect(twins.errors.hasPrefix("/dev/stdin:9: renders/twin holds what Cowrite wrote for another song also called “Twin”, so it was left as it is — give this one its own folder with -o, or add --force to replace it\n"), "\(twins.errors)")
        #expect(twins.output.contains("rendered “Twin One” to renders/twin/"), "\(twins.output)")
        let marker = read(folder + "/renders/twin/.cowrite-render") ?? ""
        let id = try #require(try SessionStore(directory: folder + "/sessions").read(folder + "/sessions/twin-one.cowrite").song.id)
        #expect(marker.contains("# song: Twin One\n# song id: \(id)\n"), "\(marker)")
        #expect(read(folder + "/renders/twin/song.chordpro")?.contains("Twin One") == true)
        // The writer's empty stems folder outlives renders with and without stems.
        try FileManager.default.createDirectory(atPath: folder + "/own/stems", withIntermediateDirectories: true)
        for flags in [[], ["--stems"], []] {
            let result = try cowrite(["render", "alpha", "-o", "own"] + flags, in: folder)
            #expect(result.status == 0, "\(result.errors)")
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/own/stems"))
        // A question about a path shows its control characters.
        #expect(REPLError.changedOnDisk(path: "e\u{1B}[7m.cowrite").forceQuestion == "Replace e\\e[7m.cowrite, changed by another program, with this song? [y/N] ")
    }

    /// Exports of two songs share a folder without a question; each replaces its own file.
    @Test func exportsOfTwoSongsShareAFolder() throws {
        let folder = try folderWithAlpha()
        let result = try cowrite(["run", "/dev/stdin"], in: folder, input: """
            open alpha
            export midi exports/alpha.mid
            new "Beta"
            add verse 1
            chords verse = | D |
            export midi exports/beta.mid
            export midi exports/beta.mid
            open alpha
            export midi exports/alpha.mid

            """)
        #expect(result.status == 0, "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/exports").sorted() == [".cowrite-render", "alpha.mid", "beta.mid"])
    }

    /// A killed writer's autosave survives the next writer opening the same song and
    /// changing it: each has its own file, and both are offered afterwards.
    @Test func aSecondWriterOnTheSameSongKeepsTheFirstsAutosave() throws {
        let folder = try folderWithAlpha()
        let first = try LiveCowrite(in: folder, lines: "open alpha\nadd chorus 4\n")
        let kept = try #require(first.autosave(in: folder + "/sessions/.autosave", showing: "add chorus 4"))
        first.kill(SIGKILL)
        let second = try LiveCowrite(in: folder, lines: "open alpha --saved\nadd bridge 2\n")
        #expect(second.autosave(in: folder + "/sessions/.autosave", showing: "add bridge 2") != nil)
        #expect(read(kept)?.contains("\"lastCommand\" : \"add chorus 4\"") == true)
        second.kill(SIGKILL)
        var next = makeWorkspace(in: folder)
        // Opening the song names the newest and counts them, and says `recover` lists them.
        let opened = try next.perform("open alpha")
        #expect(opened.contains("\nnote: newer changes to it wait in 2 autosaves, the newest “Alpha” (alpha): 1 unsaved change, "), "\(opened)")
        #expect(opened.hasSuffix(" — `recover alpha` lists them"), "\(opened)")
        let listed = try next.perform("recover alpha")
        #expect(listed.hasPrefix("several autosaves of \"alpha\":\n  1. “Alpha” (alpha): 1 unsaved change"))
        #expect(listed.contains("last: add chorus 4") && listed.contains("last: add bridge 2"))
        // Each says what it holds, and the newest is marked.
        #expect(listed.contains("; holds 2 sections (verse, chorus): ") && listed.contains("; holds 2 sections (verse, bridge): "), "\(listed)")
        #expect(listed.split(separator: "\n")[1].hasSuffix(" (the newest)") && !listed.split(separator: "\n")[2].contains("(the newest)"), "\(listed)")
        // Numbered as `recover N` takes them, and the number said recovers that one.
        #expect(listed.hasSuffix("\nsay which: `recover 1` or `recover 2`"), "\(listed)")
        let secondListed = listed.split(separator: "\n")[2]
        let recovered = try next.perform("recover 2")
        #expect(recovered.contains("recovered"), "\(recovered)")
        #expect(next.song?.sections.map(\.name).contains(secondListed.contains("add chorus 4") ? "chorus" : "bridge") == true)
    }
}
