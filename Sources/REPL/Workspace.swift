import Foundation
import MusicTheory
import SongModel
import AudioRender

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
    /// Who is typing: credited on everything written by hand.
    public var author: String
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
    /// Where seeds come from when a request gives none: random at the prompt, fixed in tests.
    public var seeds: @Sendable () -> UInt64 = { UInt64.random(in: 1...999_999) }
    /// Asked during long commands whether the writer pressed Ctrl-C.
    public var isCancelled: @Sendable () -> Bool = { false }

    public init(author: String, store: SessionStore, help: HelpLibrary,
                clock: @escaping @Sendable () -> Date = { Date() }) {
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
        guard let parsed = try Invocation.parse(line) else { return "" }
        guard let command = Commands.find(parsed.name) else {
            throw .unknownCommand(parsed.name, suggestion: closest(to: parsed.name, in: Commands.names))
        }
        let invocation = try command.bindFlags(parsed)
        try command.validate(invocation)
        if command.needsSong && song == nil { throw .noSong }
        let before = song
        let output: String
        do {
            output = try command.handler(&self, invocation)
        } catch {
            throw REPLError.wrap(error)
        }
        guard command.changesSong, song != before else { return output }
        history.record(line.trimmingSpaces, before: before)
        return output + autosave(after: line.trimmingSpaces)
    }

    /// Counts a change and writes the autosave. Returns a warning line when the autosave
    /// could not be written (the command itself still succeeded).
    mutating func autosave(after command: String) -> String {
        changesSinceSave += 1
        guard let song else { return "" }
        let path = store.autosaveDirectory + "/" + autosaveName(for: song) + ".cowrite"
        if let old = autosavePath, old != path { AtomicFile.remove(old) }
        autosavePath = path
        let info = AutosaveInfo(sessionPath: sessionPath, changes: changesSinceSave, lastCommand: command, at: clock())
        do {
            try store.write(SessionFile(song: song, savedWith: Version.tag, autosave: info), to: path, keepBackup: false)
            return ""
        } catch {
            return "\nwarning: autosave failed: \(error)"
        }
    }

    /// The autosave's file name: the session file's name, or the title's slug.
    func autosaveName(for song: Song) -> String {
        if let sessionPath {
            return Song.slug(((sessionPath as NSString).lastPathComponent as NSString).deletingPathExtension)
        }
        return song.slug
    }

    /// Forgets the autosave once its changes are safely saved or deliberately dropped.
    mutating func clearAutosave() {
        if let autosavePath { AtomicFile.remove(autosavePath) }
        autosavePath = nil
    }

    /// Replaces the song (for `new`, `open`, `recover`), first saving unsaved changes of
    /// the current one so that switching never loses work. Returns a note on what was
    /// saved, or "".
    mutating func switchSong(to newSong: Song, path: String?, changes: Int) throws(REPLError) -> String {
        var note = ""
        if let song, isDirty {
            let target = sessionPath ?? uniquePath(for: song)
            try writeSession(song, to: target)
            note = "saved \(quoted(song.title)) to \(target) first\n"
        }
        clearAutosave()
        song = newSong
        sessionPath = path
        changesSinceSave = changes
        history = UndoHistory()
        return note
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

    /// Saves the song to `path` (atomic, `.bak` kept), then drops the autosave. A file at
    /// `path` that is not a readable Cowrite session is never replaced: it may be the
    /// writer's other work, or a damaged session they still want to rescue.
    mutating func writeSession(_ song: Song, to path: String) throws(REPLError) {
        if store.fileExists(path), path != sessionPath {
            do {
                _ = try store.read(path)
            } catch {
                throw .storage(path: path, reason: "exists and is not a readable Cowrite session, so it was not overwritten — save under another name")
            }
        }
        try store.write(SessionFile(song: song, savedWith: Version.tag), to: path)
        clearAutosave()
        sessionPath = path
        changesSinceSave = 0
    }
}

/// "“Rain on Glass”".
func quoted(_ text: String) -> String { "“" + text + "”" }

/// The program's version.
public enum Version {
    public static let number = "0.1.0"
    public static let tag = "cowrite " + number
}
