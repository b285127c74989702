import Foundation
import MusicTheory
import SongModel
import AudioRender
import Engine

/// Everything the REPL holds between commands: the song, where it is saved, the undo
/// history, and the settings that come from outside (author, sessions folder, clock).
///
/// `perform` runs one command line. Changes are recorded for undo and autosaved before
/// `perform` returns, so a crash after any completed command loses nothing.
public struct Workspace: Sendable {
    public var song: Song?
    /// The session file the song was opened from or last saved to.
    public var sessionPath: String?
    /// Changes made since the song was last saved (0: nothing unsaved).
    public var changesSinceSave = 0
    public var history = UndoHistory()
    /// The undo histories of songs left for another in this window, by session file, with
    /// the song as it was left (saved to that file first): `open` of that file again, as it
    /// was left, takes its history back, so `undo` still goes back through what was done
    /// to it before (a newcomer's check found undo empty after going to another song and
    /// back). The last `shelfSize` songs; nothing of it is written to disk.
    var shelvedHistories: [(path: String, song: Song, history: UndoHistory)] = []
    static let shelfSize = 8

    /// After a song is opened: what `undo` can go back through, when the song came back
    /// with the history it was left with ("" when it has none).
    var keptHistoryNote: String {
        let steps = history.past.count
        return steps == 0 ? "" : "\n(`undo` goes back through the \(steps) \(steps == 1 ? "change" : "changes") made to it earlier in this window)"
    }
    /// What `history` calls the change a handler just made, when the typed line does not
    /// say it (`accept 1` names the part, the section and the suggestion); nil: the line.
    var changeLabel: String?
    /// Who is typing: credited on everything written by hand.
    public var author: String
    /// The account's login name when that is whom Cowrite credits (no `--author`, no
    /// `COWRITE_AUTHOR`, no full name kept for the account): a song credited to it alone
    /// whose authors are set to one name renames the writer (`SongCommands.renameWriter`).
    public var loginName: String?
    public var store: SessionStore
    public var help: HelpLibrary
    /// The clock, injected so that tests can fix it; the model never reads one.
    public var clock: @Sendable () -> Date
    /// Set by `quit`; the loop decides what to do about unsaved changes.
    public var quitRequested = false
    /// Where this song's autosave is written.
    public private(set) var autosavePath: String?
    /// The SoundFont renders use.
    public var soundFont: String = SoundFontInfo.defaultPath
    /// Where renders go unless `-o` says otherwise.
    public var renderFolder = "renders"
    /// Told how far a long command (a render) has got, 0…1; the loop draws it.
    public var progress: @Sendable (Double) -> Void = { _ in }
    /// The suggestions waiting for `accept`.
    public var pending: Pending?
    /// Compact listings for small terminals (`view compact`, `cowrite --compact`): one line
    /// of content per suggestion and no reasons, so four fit an 80×24 screen.
    public var compact = false
    /// The terminal's width when the writer is at one: help pages fill their paragraphs
    /// to it (`HelpLibrary.page`); nil in scripts and pipes.
    public var columns: Int?
    /// A question the prompt asks after the command that set it, and what a yes adds to
    /// the command's line: the command is taken back and run again with it, so the two stay
    /// one step to undo. Scripts never ask; the command's own output says what to type.
    public var followUp: FollowUp?

    public struct FollowUp: Sendable, Hashable {
        public var question: String
        public var addition: String
    }
    /// Where seeds come from when a request gives none: random at the prompt, fixed in tests.
    public var seeds: @Sendable () -> UInt64 = { UInt64.random(in: 1...999_999) }
    /// Where a new song's id comes from (`Song.id`): 16 random hex digits.
    public var songIDs: @Sendable () -> String = {
        String(format: "%016llx", UInt64.random(in: 0...UInt64.max))
    }
    /// Asked during long commands whether the writer pressed Ctrl-C.
    public var isCancelled: @Sendable () -> Bool = { false }
    /// The lock on `sessionPath` while this Cowrite has it open (nil: not saved yet, or
    /// open read-only).
    public private(set) var lock: SessionLock?
    /// Why the song is open without its lock (another Cowrite holds it, or its folder is
    /// read-only). Saving over its file is refused; saving under a new name is not.
    public private(set) var readOnlyReason: String?
    /// The session file as last read or written here, to notice another program's changes.
    var diskStamp: FileStamp?
    /// The song as its session file holds it, once read there or written: an `undo` asks
    /// whether the song is back to it, and reading and parsing the file for every undo was
    /// work for nothing. Forgotten when the song changes file.
    private var fileSong: Song?
    /// The last command that changed the song, named in the autosave.
    var lastChange = ""
    /// True while the last autosave could not be written (a full disk): the unsaved
    /// changes are then in memory only, and the notes at exit say so.
    public private(set) var autosaveFailed = false
    /// This workspace's writer id and the lock that tells other Cowrites it is alive.
    let claim = AutosaveClaim()

    /// The clock, injected so that tests can fix it; the model never reads one. Whole
    /// seconds, as session files store them: a reloaded song equals the one in memory.
    public init(author: String, store: SessionStore, help: HelpLibrary,
                clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }) {
        self.author = author
        self.store = store
        self.help = help
        self.clock = clock
    }

    /// True when the song has changes not yet saved.
    public var isDirty: Bool { changesSinceSave > 0 }

    /// The song, or the error that says to open one.
    public func requireSong() throws(REPLError) -> Song {
        guard let song else { throw .noSong }
        return song
    }

    /// Runs one command line and returns what it prints. Blank lines and comments
    /// return "".
    public mutating func perform(_ line: String) throws(REPLError) -> String {
        guard line.utf8.count <= Limits.lineBytes else { throw .lineTooLong(bytes: line.utf8.count) }
        guard var parsed = try Invocation.parse(line) else { return "" }
        try bindLearnedStyle(&parsed)
        let (command, invocation) = try Commands.prepare(parsed)
        return try perform(command, invocation, line: line)
    }

    /// Runs a command given as typed values, never as a line rebuilt from them (a `"` in
    /// a path stays part of the path).
    public mutating func perform(_ invocation: Invocation) throws(REPLError) -> String {
        var invocation = invocation
        try bindLearnedStyle(&invocation)
        let (command, checked) = try Commands.prepare(invocation)
        let line = ([checked.name] + checked.arguments.map { "\"\($0)\"" }).joined(separator: " ")
        return try perform(command, checked, line: line)
    }

    private mutating func perform(_ command: Command, _ typed: Invocation, line: String) throws(REPLError) -> String {
        if command.needsSong && song == nil { throw .noSong }
        // A prompt in words becomes the request's own options, said back in one line.
        let (invocation, understood) = Prompted.expand(typed, for: command)
        let before = song
        let handled: String
        changeLabel = nil
        followUp = nil
        do {
            handled = try command.handler(&self, invocation)
        } catch {
            throw waitingDraft(error) ?? toAdd(error, writing: command.name) ?? REPLError.wrap(error)
        }
        let readings = (understood.map { $0 + "\n" } ?? "") + Workspace.readings(of: invocation, for: command)
        let output = readings.isEmpty ? handled : (handled.isEmpty ? String(readings.dropLast()) : readings + handled)
        // A command that changed nothing records nothing, so `undo` takes back the change
        // before it; the handlers that edit say "nothing changed" (or "unchanged") then.
        guard command.changesSong, song != before else { return output }
        // One place for every command: a song past the limits is never kept, so every
        // song Cowrite saves is one it can open again.
        do { try song?.checkLimits() } catch {
            song = before
            throw REPLError.model(error)
        }
        history.record(changeLabel ?? line.trimmingSpaces, before: before)
        return output + autosave(after: line.trimmingSpaces)
    }

    /// What a command that found no section, or a song with none, says while a sketch's
    /// draft waits to be accepted: the section is in the draft, and `accept` takes it. (A
    /// new songwriter's `show verse` after `sketch` had been told "the song has no sections
    /// yet — add one with `add verse 8`", which would have made an empty verse.)
    func waitingDraft(_ error: any Error) -> REPLError? {
        guard let pending, case .sketch(let draft)? = pending.suggestions.first?.content else { return nil }
        if case SongModelError.unknownSection(let name, _, _)? = error as? SongModelError,
           draft.sections.contains(where: { $0.name == name.lowercased() }) {
            return .refused("no section \"\(echoed(name))\" in the song yet: it is in the sketch's draft, waiting — `accept all` takes the draft, `accept \(name.lowercased())` that section alone (`why \(name.lowercased())` explains it first)")
        }
        if case RenderError.nothingToRender? = error as? RenderError, song?.sections.isEmpty != false {
            return .refused("the song has no sections yet: the sketch's draft is waiting — `accept all` takes it, then `render`")
        }
        return nil
    }

    /// What a command that writes a part says of a section not there yet, with no likely
    /// typo of one that is: how to add it. (A songwriter typing the bridge's chords before
    /// adding it had been told only which sections there were.)
    func toAdd(_ error: any Error, writing command: String) -> REPLError? {
        guard ["chords", "melody", "bass", "lyrics", "groove", "pad", "motif"].contains(command),
              case SongModelError.unknownSection(let name, nil, let known)? = error as? SongModelError, !known.isEmpty,
              let valid = try? Section.validName(name) else { return nil }
        return .refused("\(SongModelError.unknownSection(name, suggestion: nil, known: known)) — `add \(valid) 8` adds it, then `\(command) \(valid) …`")
    }

    /// A line for each word an option read as another ("mood “happy” read as hopeful"),
    /// from the option's own `reads`; empty when every word was exact.
    static func readings(of invocation: Invocation, for command: Command) -> String {
        let lines = invocation.options.compactMap { key, value -> String? in
            guard let read = command.option(key)?.reads?(value), read != value.lowercased() else { return nil }
            return "(\(key) “\(echoed(value))” read as \(read))"
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Counts a change and writes the autosave. Returns a warning line when the autosave
    /// could not be written (the command itself still succeeded).
    mutating func autosave(after command: String) -> String {
        changesSinceSave += 1
        lastChange = command
        return writeAutosave()
    }

    /// Brings the autosave up to date when there is anything unsaved (on SIGTERM and
    /// SIGHUP). Returns its path, or nil when nothing needed keeping or it failed.
    public mutating func flushAutosave() -> String? {
        guard isDirty, song != nil else { return nil }
        return writeAutosave().isEmpty ? autosavePath : nil
    }

    /// What a writer leaving with a sketch's draft still waiting is told: the draft is not
    /// in the song, nor in its autosave, and how to draw it again. Why: a new songwriter
    /// sketched, quit, and `recover` gave back an empty song ("1 unsaved change (last:
    /// sketch)") with nothing to say where the draft had gone.
    public var waitingDraftNote: String? {
        guard let pending, pending.isSketch, !pending.accepted, let line = pending.redrawLine else { return nil }
        return "the sketch's draft (seed \(pending.seed)) was never accepted, so it is not in the song or its autosave — `accept all` takes it now; `\(line)` draws it again"
    }

    /// Whether the song is only the empty one a sketch (or an import's preview) made to hold
    /// its draft, the draft not accepted and nothing changed since: nothing in it is the writer's, so leaving it
    /// (quitting, `new`, `open`) keeps no autosave or session of it (a newcomer's `recover`
    /// had brought back "1 unsaved change (last: sketch)": a song with no sections, and
    /// `new` after a sketch had saved it as a session), and `waitingDraftNote` or the
    /// dropped draft's note says how to draw the draft again.
    var holdsOnlyADraft: Bool {
        guard let pending, pending.madeSong, !pending.accepted, let song, changesSinceSave <= 1 else { return false }
        return song.sections.isEmpty && (song.arrangement ?? []).isEmpty
    }

    /// Leaves the open song (saved first where it has changes: `switchSong`) for `holding`,
    /// an empty song made to hold a sketch's draft or an import's preview. Returns the note
    /// and the file of the song left, for `drop` to go back to.
    mutating func hold(in holding: Song, after command: String) throws(REPLError) -> (note: String, cameFrom: String?) {
        // Where the song being left is (or is about to be saved).
        let leaving = song.flatMap { song in sessionPath ?? (isDirty ? uniquePath(for: song) : nil) }
        let leavingTitle = song?.title ?? ""
        var note = try switchSong(to: holding, path: nil, changes: 0) + autosave(after: command)
        let cameFrom = leaving.flatMap { store.fileExists($0) ? $0 : nil }
        if cameFrom != nil { note += "(`drop` takes you back to \(quoted(leavingTitle)))\n" }
        return (note, cameFrom)
    }

    /// Leaving a sketch's holding song: its autosave goes, and nothing is unsaved.
    mutating func letGoOfHoldingSong() {
        guard holdsOnlyADraft else { return }
        clearAutosave()
        changesSinceSave = 0
    }

    /// Where the unsaved changes are, for the notes at exit: the autosave, or a plain
    /// statement that they could not be kept.
    public var unsavedNote: String {
        guard let song, isDirty else { return "nothing unsaved" }
        if autosaveFailed || autosavePath == nil {
            return "\(quoted(song.title)) has \(counted(changesSinceSave, "unsaved change")); the autosave could not be written (the disk is full or read-only), so leaving now loses \(changesSinceSave == 1 ? "it" : "them") — `save PATH` on another disk keeps \(changesSinceSave == 1 ? "it" : "them")"
        }
        return "\(quoted(song.title)) has \(counted(changesSinceSave, "unsaved change")), kept in \(autosavePath ?? "") — `recover` restores it, `save` keeps it"
    }

    private mutating func writeAutosave() -> String {
        let command = lastChange
        guard let song else { return "" }
        let path = store.autosaveDirectory + "/" + autosaveName(for: song) + "-" + claim.writer + ".cowrite"
        if let old = autosavePath, old != path { AtomicFile.remove(old) }
        autosavePath = path
        // A read-only copy never points its autosave at the file another Cowrite holds.
        // The path is stored whole (a recovery may start in another folder), with the
        // checksum of the file as this workspace knew it.
        let origin = readOnlyReason == nil ? sessionPath.map(Workspace.canonical) : nil
        let info = AutosaveInfo(sessionPath: origin, changes: changesSinceSave, lastCommand: command, at: clock(),
                                sessionChecksum: origin == nil ? nil : diskStamp.map { String($0.checksum, radix: 16) })
        // The lock goes first: an autosave must never be seen without its writer's lock,
        // or another Cowrite would offer it as left behind. (Taken again after the write
        // when the folder did not exist yet.)
        claim.hold(in: store.autosaveDirectory)
        do {
            try store.write(SessionFile(song: song, savedWith: Version.tag, autosave: info), to: path, keepBackup: false)
            claim.hold(in: store.autosaveDirectory)
            autosaveFailed = false
            return ""
        } catch {
            autosaveFailed = true
            // The save's advice (try another path) is not the autosave's: say what failed.
            let reason = if case .writeFailed(let path, let code) = error {
                "\(path): could not be written: \(AtomicFile.reason(for: code))"
            } else {
                "\(error)"
            }
            return "\nwarning: autosave failed: \(reason) — this change is in memory only until a save succeeds"
        }
    }

    /// The absolute path with links resolved, when the file exists; the path as given otherwise.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The autosave's name before the writer id: the session file's name, or the title's slug.
    func autosaveName(for song: Song) -> String {
        if let sessionPath {
            let name = Song.slug(((sessionPath as NSString).lastPathComponent as NSString).deletingPathExtension)
            return readOnlyReason == nil ? name : name + "-read-only"
        }
        return song.slug
    }

    /// Whether the open song is the one its session file holds, unchanged on disk since
    /// this workspace read or wrote it.
    mutating func matchesItsFile() -> Bool {
        guard let sessionPath, readOnlyReason == nil, let song, let stamp = diskStamp, stamp.change(at: sessionPath) == .none else { return false }
        if fileSong == nil { fileSong = try? store.read(sessionPath).song }
        return fileSong == song
    }

    /// Lets go of the autosave without deleting it: moved into `.autosave/discarded/`
    /// (`undo` of a recovery). Returns where it went, or nil when it could not be moved:
    /// then it stays where it was, and is offered again. Either way this workspace no
    /// longer writes to it.
    mutating func setAsideAutosave() -> String? {
        guard let path = autosavePath else { return nil }
        autosavePath = nil
        return store.moveToDiscarded(((path as NSString).lastPathComponent as NSString).deletingPathExtension)
    }

    /// Set by the prompt when the writer answered no to "Save … first?": the next switch
    /// to another song sets the changes aside instead of saving them (only a switch: a
    /// command that fails leaves the song and its changes as they were).
    var setAsideOnSwitch = false

    /// Lets the song's unsaved changes go without writing its file, at the writer's word
    /// (`n` to "Save … first?" on `new`, `open` or `quit`): the autosave brought up to date
    /// and moved into `.autosave/discarded/`, so the changes are set aside, not deleted.
    /// Returns what became of them, as a clause: "the changes are kept in PATH", or where
    /// they stay when they could not be moved (the autosave, which `recover` offers once
    /// this Cowrite has ended).
    mutating func setAsideUnsavedChanges() -> String {
        _ = flushAutosave()
        let path = autosavePath
        let kept = setAsideAutosave()
        changesSinceSave = 0
        return kept.map { "the changes are kept in \($0)" }
            ?? path.map { "the changes stay in \($0), which `recover` offers once this Cowrite has ended" } ?? "nothing was kept"
    }

    /// Forgets the autosave once its changes are safely saved or deliberately dropped.
    mutating func clearAutosave() {
        if let autosavePath { AtomicFile.remove(autosavePath) }
        autosavePath = nil
    }

    /// Replaces the song (for `new`, `open`, `recover`), first saving unsaved changes of
    /// the current one so that switching never loses work. Returns a note on what was
    /// saved, or "".
    ///
    /// `path` is the session file the new song belongs to; its lock is taken first, so a
    /// song held by another Cowrite fails before anything here changes. With `readOnly`,
    /// or when no lock can be made beside the file, the song opens read-only.
    mutating func switchSong(to newSong: Song, path: String?, changes: Int, stamp: FileStamp? = nil,
                             readOnly: Bool = false) throws(REPLError) -> String {
        var note = ""
        var newLock: SessionLock?
        var newReadOnlyReason: String?
        if let path, let current = sessionPath, path == current || Workspace.canonical(path) == Workspace.canonical(current), lock != nil {
            newLock = lock
        } else if let path, readOnly {
            newReadOnlyReason = SessionLock.holder(of: path).map { "open in another Cowrite: \($0.description)" } ?? "as asked"
        } else if let path {
            switch SessionLock.acquire(path, holder: .current(author: author, at: clock())) {
            case .acquired(let lock, let stale):
                newLock = lock
                if let stale, stale.pid != getpid() {
                    note += "note: took over the lock left by a Cowrite that is gone (\(stale.description))\n"
                }
            case .held(let holder):
                throw .sessionLocked(path: path, holder: holder)
            case .unavailable(let reason):
                newReadOnlyReason = "no lock can be made beside it: \(reason)"
                note += "note: opened read-only, as no lock can be made beside \(path) (\(reason)); `save NEW-PATH` keeps changes elsewhere\n"
            }
        }
        letGoOfHoldingSong()
        if let song, isDirty, setAsideOnSwitch {
            // The writer said no to saving them: set aside, not written over the file.
            note = "\(quoted(song.title)) not saved; " + setAsideUnsavedChanges() + "\n" + note
        } else if let song, isDirty {
            if readOnlyReason != nil, let autosavePath {
                // Its own file is not ours to write: the changes stay in the autosave.
                note = "note: the changes to the read-only copy of \(quoted(song.title)) are kept in \(autosavePath) — `recover` restores them\n" + note
                self.autosavePath = nil
            } else {
                let target = sessionPath ?? uniquePath(for: song)
                do {
                    note = try writeSession(song, to: target) + "saved \(quoted(song.title)) to \(target) first\n" + note
                } catch {
                    if newLock !== lock { newLock?.release() }
                    throw error
                }
            }
        }
        // The song left keeps its history on the shelf while its file holds it as it is.
        if let song, let left = sessionPath, readOnlyReason == nil, !history.past.isEmpty || !history.future.isEmpty {
            let key = Workspace.canonical(left)
            shelvedHistories.removeAll { $0.path == key }
            shelvedHistories.append((key, song, history))
            if shelvedHistories.count > Workspace.shelfSize { shelvedHistories.removeFirst() }
        }
        // Suggestions were drawn for the song they were asked in: accepted into the next
        // one they would write a verse, or a whole sketch's form, into a song they were
        // never meant for. They go, and the writer is told.
        if let pending, let song {
            if let dropped = pending.droppedNote(from: song) { note += "note: " + dropped + "\n" }
            self.pending = nil
        }
        clearAutosave()
        if let lock, lock !== newLock { lock.release() }
        lock = newLock
        readOnlyReason = newReadOnlyReason
        song = newSong
        sessionPath = path
        diskStamp = stamp
        fileSong = nil
        changesSinceSave = changes
        history = UndoHistory()
        if let path, let shelf = shelvedHistories.firstIndex(where: { $0.path == Workspace.canonical(path) }) {
            // Only onto the very song it was left as: a file changed since gets none.
            if shelvedHistories[shelf].song == newSong, changes == 0 {
                history = shelvedHistories[shelf].history
            }
            shelvedHistories.remove(at: shelf)
        }
        return note
    }

    /// Lets go of the session: the lock is released (at quit, and on SIGTERM or SIGHUP).
    public mutating func close() {
        lock?.release()
        lock = nil
    }

    /// A path in the sessions folder for a song never saved, not taking another file's.
    func uniquePath(for song: Song) -> String {
        var path = store.path(for: song.slug)
        var number = 2
        while store.fileExists(path) {
            path = store.path(for: "\(song.slug)-\(number)")
            number += 1
        }
        return path
    }

    /// Saves the song to `path` (atomic, `.bak` kept), then drops the autosave. Returns a
    /// note when the file had been deleted meanwhile, or "".
    ///
    /// Refused, with the song still open here and the file on disk untouched:
    /// - a file at `path` that is not a readable Cowrite session (the writer's other
    ///   work, or a damaged session they still want to rescue);
    /// - the song's own file while it is open read-only;
    /// - a file another Cowrite holds the lock of;
    /// - the song's own file when another program changed it since it was read or
    ///   written here, unless `force`.
    @discardableResult
    mutating func writeSession(_ song: Song, to given: String, force: Bool = false) throws(REPLError) -> String {
        var note = ""
        var newLock: SessionLock?
        // The same file spelt another way ("./x.cowrite", an absolute path) is still the song's own.
        let path = sessionPath.map { Workspace.canonical($0) == Workspace.canonical(given) ? $0 : given } ?? given
        var kind = stat()
        if lstat(path, &kind) == 0, kind.st_mode & S_IFMT == S_IFLNK {
            throw AtomicFile.linkRefused(path)
        }
        if path == sessionPath {
            if let readOnlyReason { throw .readOnly(path: path, reason: readOnlyReason) }
            switch diskStamp?.change(at: path) {
            case .deleted?:
                note = "note: \(path) had been deleted by another program; it is written again\n"
            case .changed? where !force:
                throw .changedOnDisk(path: path)
            default:
                break
            }
        } else {
            var other: SessionFile?
            if store.fileExists(path) {
                do {
                    other = try store.read(path)
                } catch {
                    throw .storage(path: path, reason: "exists and is not a readable Cowrite session, so it was not overwritten — save under another name")
                }
            }
            switch SessionLock.acquire(path, holder: .current(author: author, at: clock())) {
            case .acquired(let lock, _): newLock = lock
            case .held(let holder): throw .sessionLocked(path: path, holder: holder)
            case .unavailable: break  // the write below says what is wrong with the folder
            }
            // Another song's file is replaced only when the writer says so.
            if let other, !force {
                newLock?.release()
                throw .wouldReplace(path: path, title: other.song.title)
            }
        }
        let stamp: FileStamp?
        do {
            stamp = try store.writeStamped(SessionFile(song: song, savedWith: Version.tag), to: path)
        } catch {
            newLock?.release()
            throw error
        }
        if path != sessionPath {
            lock?.release()
            lock = newLock
            readOnlyReason = nil
        }
        diskStamp = stamp
        fileSong = song
        clearAutosave()
        sessionPath = path
        changesSinceSave = 0
        return note
    }
}

/// "“Rain on Glass”".
func quoted(_ text: String) -> String { "“" + visible(text) + "”" }

/// The program's version.
public enum Version {
    public static let number = "0.1.0"
    public static let tag = "cowrite " + number
}
