import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel

/// Handlers for songs and sessions: new, open, save, sessions, recover, song, set.
enum SongCommands {
    static func new(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let title = invocation.arguments[0].trimmingSpaces
        guard !title.isEmpty else { throw SongModelError.emptyTitle }
        try Song.checkText(title, field: "title")
        var song = Song(title: title, authors: [workspace.author], id: workspace.songIDs())
        try apply(invocation, to: &song, section: nil)
        // With no tempo given, a meter of another beat keeps the default's pace: 100 quarter
        // notes a minute is 200 in 7/8 and 67 in 6/8 (a composer's `new … meter=7/8` had
        // started at 100 eighths, 50 quarter notes a minute).
        if invocation.option("tempo") == nil, song.meter.ticksPerBeat != MusicalTime.ticksPerQuarter {
            try song.setTempo(song.meter.tempo(forQuarterTempo: Double(song.tempo)))
        }
        let note = try workspace.switchSong(to: song, path: nil, changes: 0)
        let warning = workspace.autosave(after: invocation.name)
        // A tempo counted in eighths (7/8) or dotted quarters (6/8) says its quarter notes, as
        // `song` does: a producer's "7/8 at 90" had played at 45 quarters a minute, unsaid.
        return note + "new song \(quoted(title)) in \(song.key), \(song.tempo) bpm\(song.meter.tempoInQuarters(song.tempo)), \(song.meter)"
            + (song.mood.map { ", \($0)" } ?? "") + " — add sections with `add verse 8`" + warning
    }

    /// The session at `path` read and made the workspace's song (the one left saved first,
    /// as `switchSong` does): `open`, and `drop` going back to the song a sketch left.
    static func reopen(_ workspace: inout Workspace, path: String, readOnly: Bool = false) throws -> (song: Song, note: String) {
        // The song open here, opened again with unsaved changes: saved first, then read (it
        // had been read first and then saved over, so a band leader's reopen showed the old
        // tempo while the file held the new one, and the next save called the file changed
        // by another program). At the prompt the writer is asked first; `n` has set the
        // changes aside, and the file as saved opens.
        var saved = ""
        if workspace.isDirty, workspace.readOnlyReason == nil, !readOnly, !workspace.setAsideOnSwitch, let current = workspace.sessionPath,
           Workspace.canonical(current) == Workspace.canonical(path) {
            saved = try save(&workspace, Invocation(name: "save")) + " first\n"
        }
        let (file, stamp) = try workspace.store.readStamped(path)
        return (file.song, saved + (try workspace.switchSong(to: file.song, path: path, changes: 0, stamp: stamp, readOnly: readOnly)))
    }

    /// The session file a name typed at the prompt means: a saved session's name, the same
    /// in other letter case when only one matches ("Engine" for "engine", as songs are named
    /// in title case and saved in lower), the song's title as typed ("Paper Boats": saved by
    /// its slug), or a path.
    static func sessionPath(_ typed: String, in workspace: Workspace) throws -> String {
        var name = typed
        var path = workspace.store.path(for: name)
        func exists(_ path: String) -> Bool { workspace.store.fileExists(path) || FileManager.default.fileExists(atPath: path) }
        if !name.contains("/"), !exists(path) {
            let matches = workspace.store.list().map(\.name).filter { $0.lowercased() == name.lowercased() }
            if matches.count == 1 {
                name = matches[0]
                path = workspace.store.path(for: name)
            } else if exists(workspace.store.path(for: Song.slug(name))) {
                name = Song.slug(name)
                path = workspace.store.path(for: name)
            } else {
                // A song's title, as `sessions` shows it, after `set title=` renamed the song
                // and not its file: `open "Dust on the Porch"` had found nothing.
                let titled = workspace.store.list().filter { entry in
                    (try? workspace.store.read(entry.path))?.song.title.lowercased() == name.lowercased()
                }
                if titled.count == 1 { path = titled[0].path }
            }
        }
        guard exists(path) else {
            if name.contains("/") { throw REPLError.storage(path: path, reason: "no such file") }
            // Never saved, but kept in an autosave: said, with the way back.
            // By its title or the name a save would give it ("porch-light" for “Porch Light”).
            if let kept = workspace.store.autosaves(excluding: workspace.claim.writer).first(where: {
                $0.file.song.title.lowercased() == name.lowercased() || $0.slug == Song.slug(name) || Song.slug($0.file.song.title) == Song.slug(name)
            }) {
                throw REPLError.refused("no saved session \"\(echoed(name))\" in \(visible(workspace.store.directory))/, but an autosave holds \(quoted(kept.file.song.title)): `recover \(kept.slug)` restores it")
            }
            throw REPLError.noSuchSession(name, suggestion: closest(to: name, in: workspace.store.list().map(\.name)), folder: workspace.store.directory)
        }
        return path
    }

    static func open(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let path = try sessionPath(invocation.arguments[0], in: workspace)
        let (song, note) = try reopen(&workspace, path: path, readOnly: try invocation.switchOn("read-only"))
        let mode = workspace.readOnlyReason.map { " — read-only (\($0)); `save NEW-NAME` keeps changes in a new file" } ?? ""
        // Changes to this very file that a Cowrite kept when it ended without saving (a
        // `quit` in a script, a closed window): said, with how to get them back, as a new
        // songwriter had opened the saved song and not known they were there.
        let kept = workspace.store.autosaves(excluding: workspace.claim.writer).filter { autosave in
            autosave.file.autosave?.sessionPath.map { Workspace.canonical($0) == Workspace.canonical(path) } == true
        }
        // Several are named by the newest and counted, and `recover NAME` lists them all (a
        // newcomer's `open` printed four stale autosaves on one line, and said `recover`
        // would restore "the first", where it lists them).
        let newest = kept.first   // `autosaves` lists them newest first
        // Changes kept before the file was last saved are older than it, not newer.
        let older = newest?.savedSince == true
        let opened = note + "opened \(quoted(song.title)) from \(visible(path)): \(counted(song.sections.count, "section")), \(counted(song.lengthInBars, "bar"))" + mode
            + workspace.keptHistoryNote + creditedAsLogin(workspace, song: song)
        // One autosave of changes made over this very file since it was saved: they are
        // the writer's latest work, and `open` brings them back (unsaved until `save`; `undo`
        // goes back to the file as saved). Two newcomers had reopened a song, found their
        // last session's melody, bass and drums gone and rendered the older song. Several,
        // or changes older than the file, or a read-only open, are only said; `--saved`
        // opens the file as saved and leaves the autosave where it is.
        if kept.count == 1, let only = kept.first, !only.savedSince, workspace.readOnlyReason == nil, try !invocation.switchOn("saved") {
            let recovered = try restore(only, into: &workspace)
            return opened + "\nwith the unsaved changes an earlier Cowrite kept in an autosave: " + recovered
                + " (`undo` goes back to the song as saved; `open \(visible(sessionName(of: path))) --saved` opens it without them)"
        }
        let what = older ? "changes kept before it was last saved" : "newer changes to it"
        let waiting = newest.map { newest in
            kept.count == 1
                ? "\nnote: \(what) wait in an autosave: \(visible(describe(newest))) — `recover \(newest.slug)` restores them" + (older ? " as a new song beside it, `recover \(newest.slug) --discard` lets them go" : "")
                : "\nnote: \(what) wait in \(kept.count) autosaves, the newest \(visible(describe(newest))) — `recover \(newest.slug)` lists them"
        } ?? ""
        return opened + waiting
    }

    static func save(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        // A folder (`save ~/songs`, `save drafts/`) takes the session under the song's name,
        // as `export` does; a name ending in .cowrite is a file's, folder or not (refused
        // below as a folder), and "/" no session's.
        let given = try invocation.arguments.first.map { name throws(REPLError) in
            name.hasSuffix(".cowrite") || name == "/" ? name : try FolderTarget.file(name, named: song.slug + ".cowrite")
        }
        if let name = given {
            // A name that makes a hidden file or no name at all ("", ".", "/").
            let last = Folder.split(name).name
            let base = last.hasSuffix(".cowrite") ? String(last.dropLast(".cowrite".count)) : last
            guard !name.hasSuffix("/"), !base.isEmpty, !base.hasPrefix("."), name != "/" else {
                throw REPLError.badOptionValue(option: "save", value: name, rule: "give the session a name, e.g. `save my-song` or `save songs/my-song.cowrite`")
            }
        }
        let path = given.map { workspace.store.path(for: $0) }
            ?? workspace.sessionPath ?? workspace.uniquePath(for: song)
        // Saved under a new name beside its own file, the song is a copy from here on, with
        // an id of its own: a render knows a song's folder by its id, and a composer's
        // "save as" variant, rendered, had replaced the original's mix and deleted its stems
        // as the same song's. (A song whose file is gone has moved, and keeps its id.)
        var saved = song
        var copied = ""
        if let own = workspace.sessionPath, Workspace.canonical(own) != Workspace.canonical(path), workspace.store.fileExists(own) {
            saved.id = workspace.songIDs()
            copied = "; it is a copy of \(visible(own)) from now on, which stays as it was, and renders to a folder of its own"
                + " (with `-o` while both have one title)"
        }
        let note = try workspace.writeSession(saved, to: path, force: try invocation.switchOn("force"))
        workspace.song = saved
        workspace.history.giveID(saved.id)
        return note + "saved \(quoted(song.title)) to \(visible(path))" + copied
    }

    static func sessions(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let sessions = workspace.store.list()
        guard !sessions.isEmpty else { return "no saved sessions in \(workspace.store.directory)" }
        let width = sessions.map(\.name.count).max() ?? 0
        let lines = sessions.map { entry -> String in
            let name = entry.name.rightPadded(to: width)
            guard let file = try? workspace.store.read(entry.path) else { return "  \(name)  (cannot be read: `cowrite check \(entry.path)` says why)" }
            return "  \(name)  \(quoted(file.song.title)), \(counted(file.song.sections.count, "section")), \(file.song.key), \(file.song.tempo) bpm"
        }
        return "sessions in \(workspace.store.directory):\n" + lines.joined(separator: "\n")
    }

    static func recover(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let autosaves = workspace.store.autosaves(excluding: workspace.claim.writer)
        let chosen: SessionStore.Autosave
        if let name = invocation.arguments.first {
            let matches = Int(name).flatMap { $0 >= 1 && $0 <= autosaves.count ? [autosaves[$0 - 1]] : nil }
                ?? autosaves.filter { [name.lowercased(), Song.slug(name)].contains($0.name) || $0.slug == Song.slug(name) }
            guard let match = matches.first else {
                let saved = workspace.store.list().map(\.name).first { $0 == Song.slug(name) || $0 == name }
                throw REPLError.noAutosaveOf(name, suggestion: closest(to: name, in: autosaves.map(\.slug)), saved: saved)
            }
            // Numbered as `recover N` counts them, among all the autosaves, so the number
            // said is the one that recovers it (the list had counted from 1 among these
            // alone, and `recover 1` took the first of all).
            guard matches.count == 1 else {
                let numbers = matches.compactMap { match in autosaves.firstIndex { $0.path == match.path }.map { $0 + 1 } }
                return list(matches, numbers: numbers, heading: "several autosaves of \"\(echoed(name))\":")
            }
            chosen = match
        } else {
            guard let first = autosaves.first else {
                if workspace.autosavePath != nil, let song = workspace.song {
                    return "\(quoted(song.title)) is open with all its changes; there is nothing else to recover"
                }
                throw REPLError.noAutosave
            }
            guard autosaves.count == 1 else { return list(autosaves, heading: "autosaves left by Cowrites that ended without saving:") }
            // One autosave, of another song than the one open here: named, not switched to
            // (a band leader's bare `recover` over their open song brought back a stale
            // autosave of a test song in its place).
            if let song = workspace.song, !isOf(first, song: song, at: workspace.sessionPath) {
                return list(autosaves, heading: "one autosave, of another song than \(quoted(song.title)), which is open here — `recover 1` brings it back:", askingWhich: false)
            }
            chosen = first
        }
        // `recover NAME --discard`: the writer lets an autosave go, by name or number (never
        // all at once), into `.autosave/discarded/`: kept changes a writer no longer wants
        // had been offered again at every `open` of their song.
        if try invocation.switchOn("discard") {
            guard invocation.arguments.first != nil else {
                throw REPLError.refused("recover --discard lets one autosave go: name it, e.g. `recover \(chosen.slug) --discard` (`recover` lists them)")
            }
            // Set aside, as a declined recovery at start-up is: out of every offer, not destroyed.
            guard let target = workspace.store.setAside(chosen) else {
                throw REPLError.refused("the autosave \(visible(chosen.path)) could not be set aside; it stays where it is")
            }
            return "let go of the autosave \(visible(describe(chosen))): set aside in \(visible(target)), out of every offer (the saved session, if any, is as it was)"
        }
        return try restore(chosen, into: &workspace)
    }

    /// How the undo step a recovery records begins: `undo` of it sets the recovered
    /// changes aside rather than dropping them (`SessionCommands.undo`).
    static let recoveryStep = "recover"

    /// Whether an autosave holds changes to `song`: made over its session file, or, for a
    /// song never saved, under its title.
    static func isOf(_ autosave: SessionStore.Autosave, song: Song, at path: String?) -> Bool {
        if let origin = autosave.file.autosave?.sessionPath, let path {
            return Workspace.canonical(origin) == Workspace.canonical(path)
        }
        return autosave.file.song.title == song.title
    }

    /// Makes an autosave's song the workspace's: over its file when that is still the one
    /// the changes were made on (`undo` back to the saved song), as a new song beside it
    /// when the file was saved since, read-only when another Cowrite holds it. `recover`
    /// and `open` (its one autosave of newer changes) both come here.
    static func restore(_ chosen: SessionStore.Autosave, into workspace: inout Workspace) throws -> String {
        let info = chosen.file.autosave
        var note = ""
        var recovered = chosen.file.song
        // The file the autosave came from is trusted only if it still is a session (or is
        // gone): an autosave naming any other file is recovered as a new song.
        var origin = info?.sessionPath
        if let path = origin {
            let exists = FileManager.default.fileExists(atPath: path)
            if !path.hasSuffix(".cowrite") || exists && (try? workspace.store.read(path)) == nil {
                note += "note: the autosave names \(visible(path)), which is not a Cowrite session; the song is recovered as a new one — `save NAME` keeps it\n"
                origin = nil
            }
        }
        // Its file may be the one open here (`open tide`, then `recover`): this Cowrite's
        // own lock is no other Cowrite's, and the recovered song keeps the file and lock.
        // (Compared by where the paths lead: one may be relative, the autosave's is whole.)
        // Saved since these changes were kept: recovered over it, they would take back what
        // was saved after them (a newcomer's check lost a tempo saved later that way). They
        // come back as a song of their own beside it, and the saved one stays as it is.
        if let path = origin, chosen.savedSince {
            recovered.title += " (recovered)"
            // A song of its own, renders and all: its renders never stand in for the saved
            // one's.
            recovered.id = workspace.songIDs()
            let name = sessionName(of: path)
            note += "note: \(visible(path)) was saved after these changes were kept, so they come back as a new song, \(quoted(recovered.title)), and the saved one stays as it is — `open \(visible(name))` shows it; take across what you want to keep\n"
            origin = nil
        }
        let openHere = origin.flatMap { path in workspace.sessionPath.map { Workspace.canonical($0) == Workspace.canonical(path) } } ?? false
        if openHere { origin = workspace.sessionPath }
        // When its file is open in another Cowrite, the changes are recovered read-only:
        // they are never saved over that file.
        let holder = openHere ? nil : origin.flatMap { SessionLock.holder(of: $0) }
        let heldElsewhere = holder.map { $0.pid != getpid() } ?? false
        if let holder, let path = origin, heldElsewhere {
            note += "note: \(visible(path)) is open in another Cowrite (\(holder.description)), so the changes are recovered read-only — `save NEW-NAME` keeps them\n"
        }
        // The saved song, for `undo` to go back to: recovering is one step like any change.
        let saved = heldElsewhere ? nil : origin.flatMap { try? workspace.store.read($0).song }
        // A save compares the file on disk with the one the autosave's writer knew.
        let stamp = origin.map { _ in FileStamp.known(checksum: info?.sessionChecksum) }
        note = try workspace.switchSong(to: recovered, path: origin, changes: 0, stamp: stamp, readOnly: heldElsewhere) + note
        if let saved, saved != recovered, let path = origin {
            workspace.history.record("\(recoveryStep) (the unsaved changes over \(visible(path)); `undo` goes back to the saved song)", before: saved)
        }
        // Write the autosave again under this workspace, then drop the old file.
        workspace.changesSinceSave = max(0, (info?.changes ?? 1) - 1)
        let warning = workspace.autosave(after: info?.lastCommand ?? "recover")
        if workspace.autosavePath != chosen.path {
            AtomicFile.remove(chosen.path)
            if let writer = chosen.writer { AutosaveClaim.forget(writer, in: workspace.store.autosaveDirectory) }
        }
        let changes = info?.changes ?? 0
        return note + "recovered \(quoted(recovered.title)) with \(changes) unsaved \(changes == 1 ? "change" : "changes")"
            + (info.map { " (last: \(visible($0.lastCommand)))" } ?? "") + " — `save` to keep them" + warning
    }

    /// The autosaves, numbered, for `recover N`.
    /// `numbers`: where these are some of all the autosaves, the number `recover N` takes
    /// for each, and the question asks for those.
    static func list(_ autosaves: [SessionStore.Autosave], numbers: [Int]? = nil, heading: String, askingWhich: Bool = true) -> String {
        let numbered = zip(numbers ?? Array(1...max(1, autosaves.count)), autosaves)
        let ask = numbers.map { "say which: " + $0.map { "`recover \($0)`" }.joined(separator: " or ") }
            ?? "say which: `recover 1`, or `recover NAME` with the song's name"
        // What each holds and which is newest, so the writer can tell them apart (a
        // newcomer shown "1 unsaved change, last: redo" and "5 unsaved changes, last: accept
        // 1" had to guess which kept their melody, bass and drums).
        let newest = autosaves.first?.path   // listed newest first, a subset in the same order
        return ([heading] + numbered.map { number, autosave in
            "  \(number). " + describe(autosave) + "; holds " + contents(of: autosave.file.song)
                + (autosaves.count > 1 && autosave.path == newest ? " (the newest)" : "")
                + (autosave.savedSince ? " (kept before its file was last saved)" : "")
        } + (askingWhich ? [ask] : [])).joined(separator: "\n")
    }

    /// What a song holds, in a few words: "2 sections (verse, chorus): chords, melody,
    /// bass, drums", or "no sections".
    static func contents(of song: Song) -> String {
        guard !song.sections.isEmpty else { return "no sections" }
        let names = song.sections.map(\.name)
        let shown = names.count <= 4 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + ", …"
        let kinds = PartKind.allCases.filter { kind in song.sections.contains { $0.parts[kind] != nil } }.map(\.rawValue)
        return "\(counted(song.sections.count, "section")) (\(shown))" + (kinds.isEmpty ? ", no parts" : ": " + kinds.joined(separator: ", "))
    }

    /// The session name a file's path gives (`open NAME` opens it): "harbour-lights".
    static func sessionName(of path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// "“Rain on Glass” (rain-on-glass): 3 unsaved changes, 2026-12-01 14:02, last: add verse 8, from sessions/rain-on-glass.cowrite".
    static func describe(_ autosave: SessionStore.Autosave) -> String {
        let info = autosave.file.autosave
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var text = "\(quoted(autosave.file.song.title)) (\(autosave.slug)): \(counted(info?.changes ?? 0, "unsaved change"))"
        if let info {
            text += ", \(formatter.string(from: info.at)), last: \(visible(info.lastCommand))"
            if let path = info.sessionPath { text += ", from \(visible(path))" }
        }
        return text
    }

    static func overview(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        SongView.overview(try workspace.requireSong(), path: workspace.sessionPath, unsaved: workspace.changesSinceSave)
    }

    static func set(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        guard !invocation.options.isEmpty else {
            throw REPLError.missingArgument(command: "set", what: "at least one setting such as key=Cm or tempo=90",
                                            usage: Commands.find("set")?.usage ?? "")
        }
        let section = try invocation.arguments.first.map { try song.requireSection($0).name }
        let before = song
        var moved: String?
        var relative = ""
        if let text = invocation.option("key") {
            let wanted = try Commands.writtenKey(text)
            let current = try section.map { song.key(of: try song.requireSection($0)) } ?? song.key
            // Another mode over written music: the relative key (the same notes) is only a
            // name; any other asks, as moving cannot change a mode (`set key=Bbm` over a song
            // in G had renamed the key in silence, every chord then read as ♭v, V/V, III).
            if wanted.mode != current.mode, song.hasPitchedMusic(only: section) {
                let move: Bool? = invocation.option("move") == nil ? nil : try invocation.switchOn("move")
                if move == true || (move == nil && wanted.scale.pitchClasses != current.scale.pitchClasses) {
                    throw REPLError.keyMode(to: wanted.description, from: current.description,
                                            sameTonic: Key(tonic: wanted.tonic, mode: current.mode).description, section: section)
                }
                if move == nil { relative = "; \(wanted) has \(current)'s notes, so the music stays as written, read in \(wanted)" }
            }
            if wanted != current, song.hasPitchedMusic(only: section), let semitones = Song.semitones(from: current, to: wanted), semitones != 0 {
                guard invocation.option("move") != nil else {
                    throw REPLError.keyMove(to: wanted.description, from: current.description, semitones: semitones, section: section)
                }
                if try invocation.switchOn("move") {
                    moved = try song.transposeMusic(by: semitones, only: section, to: wanted, author: workspace.author, at: workspace.clock())
                }
            }
        }
        // `redraw=yes` with a section's new meter: the engine's parts go, and are written
        // again in the new meter with their own seeds (a composer had been sent from `set`
        // to `copy` and back, the copy keeping the parts that blocked the meter).
        var redrawn: [(kind: PartKind, seed: UInt64)] = []
        if let section, let text = invocation.option("meter"), invocation.option("redraw") != nil, try invocation.switchOn("redraw") {
            let current = try song.requireSection(section)
            if try Meter(parsing: text) != song.meter(of: current) && current.hasParts {
                let yours = current.kinds.filter { current.parts[$0].map { !$0.provenance.isEnginesAlone } ?? false }
                guard yours.isEmpty else {
                    throw REPLError.badOptionValue(option: "redraw", value: "yes",
                                                   rule: "\(section) has parts you wrote or edited in its meter (its \(listed(yours.map(\.rawValue)))), and redraw writes only the engine's parts — `add NEW 8` then `set NEW meter=\(text)` starts a section in it")
                }
                redrawn = current.kinds.map { ($0, current.parts[$0]?.provenance.origin.seed ?? 1) }
                try song.clearParts(of: section)
            }
        }
        try apply(invocation, to: &song, section: section)
        var said = ""
        if let section, invocation.option("meter") != nil, invocation.option("tempo") == nil,
           let was = before.section(named: section), let now = song.section(named: section), song.tempo(of: now) != before.tempo(of: was) {
            said += "; tempo \(song.tempo(of: now))\(song.meter(of: now).tempoInQuarters(song.tempo(of: now))), the pace it had"
        }
        if let section, !redrawn.isEmpty {
            for (kind, seed) in redrawn {
                let now = try song.requireSection(section)
                guard let suggestion = try Redraw.first(kind, for: now, in: song, seed: seed) else { continue }
                try song.accept(suggestion, into: section, at: workspace.clock())
            }
            let meter = song.meter(of: try song.requireSection(section))
            said += "; its \(listed(redrawn.map(\.kind.rawValue))) written again in \(meter) (each part's own seed; `undo` takes it all back)"
        }
        let swung = invocation.option("tempo") != nil ? try GrooveCommands.swingFollowsTempo(&song) : ""
        let renamed = renameWriter(&workspace, from: before, to: &song)
        let target = section.map { "section \($0)" } ?? "song"
        // A tempo counts the meter's beat: said where that is not a quarter (a composer's
        // `set chase tempo=132` in 7/8 had played at half the speed they meant, unsaid).
        let scope = section.flatMap { song.section(named: $0) }
        let counted = (scope.map { song.meter(of: $0) } ?? song.meter).tempoInQuarters(scope.map { song.tempo(of: $0) } ?? song.tempo)
        let settings = invocation.options.filter { $0.key != "move" && $0.key != "redraw" }
            .map { "\($0.key)=\($0.value)" + ($0.key == "tempo" ? counted : "") }.joined(separator: " ")
        if song == before {
            // In the words the song holds: `set mood=wistful` on a nostalgic song had replied
            // "already has mood=wistful" under its own "read as nostalgic".
            let specs = Commands.find("set")?.options ?? []
            let held = invocation.options.filter { $0.key != "move" && $0.key != "redraw" }.map { option in
                "\(option.key)=\(specs.first { $0.name == option.key }?.reads?(option.value) ?? option.value)"
            }.joined(separator: " ")
            return "nothing changed: the \(target) already has \(held)"
        }
        workspace.song = song
        return "set \(target): " + settings + (moved.map { "; the music " + $0 } ?? "") + relative + renamed + (section.map { dropped(from: before, to: song, in: $0) } ?? "")
            + (section.map { lengthened(from: before, to: song, in: $0) } ?? "")
            + said + swung + farFromMood(song, section: section, asked: invocation.option("tempo") != nil)
    }

    /// A note when what the writer types is credited to their login name and the song's
    /// authors do not include it: a songwriter who had named herself in one window found
    /// the next window crediting "root" again, unsaid.
    static func creditedAsLogin(_ workspace: Workspace, song: Song) -> String {
        guard let login = workspace.loginName, workspace.author == login, !song.authors.contains(login), !song.authors.isEmpty else { return "" }
        return "\nnote: what you write here is credited to \(login), your login name, and the song to \(song.authors.joined(separator: ", "))"
            + " — start Cowrite with `--author \"\(song.authors[0])\"` (or set COWRITE_AUTHOR) to be credited by name"
    }

    /// One author set in place of the login name a song was credited to alone: the writer
    /// naming themselves. Why: a songwriter who typed `set authors="Mara Quill"` found every
    /// part she wrote still credited to "root" (in `credits`, the lead sheets' lyricist and
    /// the WAV files), and no way to change it. What the song credits to the login is
    /// credited to the new name, and so is what is written from now on in this window; the
    /// reply says so, and how to make it last. Only from the login name (not an account's
    /// full name, nor one given), and only to one name: a list of co-writers names no one.
    /// `undo` takes the song's credits back; the window goes on crediting the new name.
    static func renameWriter(_ workspace: inout Workspace, from before: Song, to song: inout Song) -> String {
        guard let login = workspace.loginName, song.authors != before.authors, before.authors == [login],
              song.authors.count == 1, let new = song.authors.first, new != login else { return "" }
        let parts = song.renamePerson(login, to: new)
        workspace.author = new
        return "; what you write is credited to \(new) from now on"
            + (parts == 0 ? "" : ", and so \(parts == 1 ? "is the part" : "are the \(parts) parts") credited to \(login) (your login name)")
            + " — start Cowrite with `--author \"\(new)\"` (or set COWRITE_AUTHOR) to be credited so next time"
    }

    /// "; note: 300 bpm is far from a calm song's usual 60–80 bpm …" when a tempo set by
    /// hand is half as fast again as the mood's range, or slower than two thirds of it: it
    /// plays as set (the writer may mean it), and the writer hears that it is unusual.
    static func farFromMood(_ song: Song, section: String?, asked: Bool) -> String {
        guard asked else { return "" }
        let part = section.flatMap { song.section(named: $0) }
        guard let mood = part.map({ song.mood(of: $0) }) ?? song.mood else { return "" }
        let tempo = part.map { song.tempo(of: $0) } ?? song.tempo
        let meter = part.map { song.meter(of: $0) } ?? song.meter
        let range = MoodProfile.of(mood).tempo
        // A mood's range is in quarter notes: 180 in 7/8 is 90 of them, no dark song's
        // outlier (a producer's `set tempo=180` had been told it was).
        let quarters = meter.quarterTempo(beatsPerMinute: tempo)
        guard quarters > Double(range.upperBound) * 1.5 || quarters < Double(range.lowerBound) / 1.5 else { return "" }
        let inQuarters = meter.ticksPerBeat == MusicalTime.ticksPerQuarter
        let counted = inQuarters ? "\(tempo) bpm" : "\(Int(quarters.rounded())) quarter notes a minute"
        let unit = inQuarters ? "bpm" : "quarter notes a minute"
        return "; note: \(counted) is far from a \(mood.rawValue) song's usual \(range.lowerBound)–\(range.upperBound) \(unit) — it plays as set "
            + "(`set mood=…` if the song has changed character)"
    }

    /// What shortening a section cut from its parts, in words ("; bars 5–8 of its chords,
    /// melody and drums dropped (`undo` brings them back)"), or "" when nothing was cut:
    /// a shorter section loses its last bars, and the writer is told which.
    static func dropped(from before: Song, to after: Song, in name: String) -> String {
        guard let old = before.section(named: name), let new = after.section(named: name), new.bars < old.bars else { return "" }
        let cut = old.kinds.filter { old.parts[$0]?.content != new.parts[$0]?.content }.map(\.rawValue)
        guard !cut.isEmpty else { return "" }
        let bars = new.bars + 1 == old.bars ? "bar \(old.bars)" : "bars \(new.bars + 1)–\(old.bars)"
        return "; \(bars) of its \(listed(cut)) dropped (`undo` brings them back)"
    }

    /// What lengthening a section gave its parts' new bars, in words ("; bars 9–10 are
    /// new: the chords hold G over them, the melody and drums rest — `chords verse bar 9 =
    /// …` writes them"), or "" when it has no parts: a newcomer had found the chart's last
    /// chord held over the new bars only in `show`.
    static func lengthened(from before: Song, to after: Song, in name: String) -> String {
        guard let old = before.section(named: name), let new = after.section(named: name), new.bars > old.bars, !old.kinds.isEmpty else { return "" }
        let bars = new.bars == old.bars + 1 ? "bar \(new.bars) is" : "bars \(old.bars + 1)–\(new.bars) are"
        var said: [String] = []
        if let last = new.chords?.changes.last?.chord { said.append("the chords hold \(last) over " + (new.bars == old.bars + 1 ? "it" : "them")) }
        let resting = old.kinds.filter { $0 != .chords }.map(\.rawValue)
        if !resting.isEmpty {
            said.append("the " + listed(resting) + (resting.count == 1 ? " rests" : " rest") + " there")
        }
        let what = old.kinds.contains(.chords) ? "chords" : old.kinds.contains(.melody) ? "melody" : nil
        return "; \(bars) new: " + said.joined(separator: ", ") + (what.map { " — `\($0) \(name) bar \(old.bars + 1) = …` writes them" } ?? "")
    }

    /// Applies `name=value` settings to the song, or to one section of it.
    static func apply(_ invocation: Invocation, to song: inout Song, section: String?) throws {
        for (key, value) in invocation.options {
            switch key {
            case "key":
                let parsed = try Commands.writtenKey(value)
                if let section { try song.setSectionKey(parsed, of: section) } else { song.key = parsed }
            case "tempo":
                let tempo = Int(value) ?? song.tempo   // checked against the row's range
                if let section { try song.setSectionTempo(tempo, of: section) } else { try song.setTempo(tempo) }
            case "meter":
                let meter = try Meter(parsing: value)
                if let section {
                    // A section's new meter keeps its pace: its tempo counts the new beat so
                    // that quarter notes go as fast as before, unless `tempo=` says (a 7/8
                    // outro at 270 eighths set to 12/8 had played 270 dotted quarters).
                    let old = try song.requireSection(section)
                    let pace = song.meter(of: old).quarterTempo(beatsPerMinute: song.tempo(of: old))
                    try song.setMeter(meter, of: section)
                    if invocation.option("tempo") == nil, meter.ticksPerBeat != song.meter(of: old).ticksPerBeat {
                        let kept = meter.tempo(forQuarterTempo: pace)
                        if kept != song.tempo(of: try song.requireSection(section)) { try song.setSectionTempo(kept, of: section) }
                    }
                } else {
                    try song.setSongMeter(meter)
                }
            case "mood":
                let mood = try Mood(parsing: value)
                if let section { try song.setSectionMood(mood, of: section) } else { song.mood = mood }
            case "bars":
                guard let section else {
                    throw REPLError.badOptionValue(option: key, value: value, rule: "bars belongs to a section: `set verse bars=8`")
                }
                try song.setBars(section, bars: Int(value) ?? 0)
            case "title":
                guard section == nil else {
                    throw REPLError.badOptionValue(option: key, value: value, rule: "title belongs to the song: `set title=\"…\"` without a section")
                }
                let title = value.trimmingSpaces
                guard !title.isEmpty else { throw SongModelError.emptyTitle }
                try Song.checkText(title, field: "title")
                song.title = title
            case "energy", "tension":
                guard let section else {
                    throw REPLError.badOptionValue(option: key, value: value, rule: "\(key) belongs to a section: `set chorus \(key)=0.8`")
                }
                let number = Double(value) ?? 0   // checked against the row's range
                let point = try song.requireSection(section)
                try song.setArcPoint(of: section, mood: point.mood, energy: key == "energy" ? number : point.energy,
                                     tension: key == "tension" ? number : point.tension)
            case "move":
                break   // read with `key` above
            case "authors":
                guard section == nil else {
                    throw REPLError.badOptionValue(option: key, value: value, rule: "authors belong to the song: `set authors=\"Ana, Ben\"`")
                }
                let names = value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
                guard !names.isEmpty else {
                    throw REPLError.badOptionValue(option: key, value: value, rule: "give one or more names separated by commas")
                }
                for name in names { try Song.checkText(name, field: "author") }
                song.authors = names
            default:
                break
            }
        }
    }
}
