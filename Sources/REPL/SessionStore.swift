import Foundation
import SongModel
import AudioRender

/// Where sessions live on disk, and the only code that writes them.
///
/// Every write is atomic: the bytes go to a temporary file in the same folder, are
/// flushed to disk (fsync), the old file is kept as `NAME.bak`, and the temporary file is
/// renamed over the old one. A crash or a full disk at any moment leaves either the old
/// file or the new one, never half of either.
public struct SessionStore: Sendable {
    /// The default folder for sessions: `COWRITE_SESSIONS`, or `./sessions`.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Autosaves live in a hidden folder inside the sessions folder.
    public var autosaveDirectory: String { directory + "/.autosave" }

    /// The path a session name or path refers to: a bare name means
    /// `SESSIONS/NAME.cowrite`; anything with a slash or an extension is a path.
    public func path(for nameOrPath: String) -> String {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".cowrite") {
            return nameOrPath.hasSuffix(".cowrite") || nameOrPath.hasSuffix(".json") || fileExists(nameOrPath)
                ? nameOrPath : nameOrPath + ".cowrite"
        }
        return directory + "/" + nameOrPath + ".cowrite"
    }

    public func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Saved sessions in the sessions folder, newest first.
    public func list() -> [(name: String, path: String, modified: Date)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".cowrite") }.map { file in
            let path = directory + "/" + file
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            return (String(file.dropLast(".cowrite".count)), path, attributes?[.modificationDate] as? Date ?? .distantPast)
        }.sorted { ($0.modified, $1.name) > ($1.modified, $0.name) }
    }

    /// Reads and validates a session file.
    public func read(_ path: String) throws(REPLError) -> SessionFile {
        try readStamped(path).file
    }

    /// Reads and validates a session file, with the stamp a later save compares against.
    public func readStamped(_ path: String) throws(REPLError) -> (file: SessionFile, stamp: FileStamp?) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .storage(path: path, reason: "no such file") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .storage(path: path, reason: "is a folder, not a session file")
        default: throw .storage(path: path, reason: "is not a regular file (a device or a pipe), not a session file")
        }
        // Checked before reading: a session is at most `Limits.sessionBytes`.
        guard Int(info.st_size) <= Limits.sessionBytes else {
            throw .storage(path: path, reason: "is \(SessionStore.megabytes(Int(info.st_size))); a session file is at most \(SessionStore.megabytes(Limits.sessionBytes)) (`help limits`)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .storage(path: path, reason: "cannot be read (permission denied?)")
        }
        do {
            return (try SessionCodec.decode(data, name: path), FileStamp.of(path, data: data))
        } catch {
            throw .model(error)
        }
    }

    /// Writes a session atomically, keeping the previous copy as `.bak` when asked.
    public func write(_ file: SessionFile, to path: String, keepBackup: Bool = true) throws(REPLError) {
        try AtomicFile.write(try encode(file, for: path), to: path, keepBackup: keepBackup)
    }

    /// Writes a session file the writer saves, with the stamp a later save compares
    /// against. Autosaves use `write`: nothing compares against them, so they are not
    /// hashed after every command.
    public func writeStamped(_ file: SessionFile, to path: String) throws(REPLError) -> FileStamp? {
        let data = try encode(file, for: path)
        try AtomicFile.write(data, to: path, keepBackup: true)
        return FileStamp.of(path, data: data)
    }

    /// The file's bytes; a song too large for `read` to take back is refused here, so
    /// that every file Cowrite writes is one it opens.
    private func encode(_ file: SessionFile, for path: String) throws(REPLError) -> Data {
        let data: Data
        do { data = try SessionCodec.encode(file) } catch {
            throw .storage(path: path, reason: "could not be encoded: \(error)")
        }
        guard data.count <= Limits.sessionBytes else {
            throw .storage(path: path, reason: "was not written: the song takes \(SessionStore.megabytes(data.count)) as a session file and the most Cowrite opens is \(SessionStore.megabytes(Limits.sessionBytes)) — remove sections or parts you no longer need (`help limits`)")
        }
        return data
    }

    /// "64.0 MB".
    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }

    /// An autosave another Cowrite left: its file, and whether its writer still runs.
    public struct Autosave: Sendable {
        /// The file name without `.cowrite`.
        public var name: String
        public var path: String
        public var file: SessionFile

        /// Whether the session file these changes were made over has been saved since
        /// (its bytes are not the ones the autosave's writer knew): recovering them over it
        /// would take back what was saved after them. False when the autosave names no
        /// file, the file is gone, or the autosave is too old to say what it knew.
        public var savedSince: Bool {
            guard let info = file.autosave, let path = info.sessionPath, let known = info.sessionChecksum,
                  let data = FileManager.default.contents(atPath: path) else { return false }
            return String(FileStamp.checksum(data), radix: 16) != known
        }
        /// The song part of the name, what `recover NAME` matches.
        public var slug: String { AutosaveClaim.slug(inName: name) }
        public var writer: String? { AutosaveClaim.writer(inName: name) }
    }

    /// Moves an autosave the writer chose not to recover into `.autosave/discarded/`,
    /// by name inside folders opened without following links. Returns where it went, or
    /// nil when it could not be moved (it then stays where it was).
    public func setAside(_ autosave: Autosave) -> String? {
        guard let moved = moveToDiscarded(autosave.name) else { return nil }
        if let writer = autosave.writer { AutosaveClaim.forget(writer, in: autosaveDirectory) }
        return moved
    }

    /// Moves the autosave called `name` (without `.cowrite`) into `.autosave/discarded/`,
    /// its writer's claim kept (this Cowrite's own autosave, set aside by `undo`). Returns
    /// where it went, or nil when it could not be moved (it then stays where it was).
    public func moveToDiscarded(_ name: String) -> String? {
        guard let folder = try? Folder.open(autosaveDirectory, create: false) else { return nil }
        let discarded: Folder
        switch folder.entry("discarded")?.kind {
        case nil: guard let made = try? folder.makeFolder("discarded") else { return nil }; discarded = made
        case .folder?: guard let existing = try? folder.folder("discarded") else { return nil }; discarded = existing
        default: return nil
        }
        let file = name + ".cowrite"
        if let kind = discarded.entry(file)?.kind, kind != .file { return nil }
        guard (try? folder.move(file, to: discarded, as: file)) != nil else { return nil }
        return discarded.pathOf(file)
    }

    /// The saved session that holds everything `autosave` does (`Song.isSameWriting`):
    /// the file its changes were made over, or the session of its song's name; nil when
    /// neither does. Such an autosave holds nothing unsaved, and recovering it would only
    /// make a copy (a composer's two failed script runs had left two autosaves of a song a
    /// third run then saved, and both were offered at the next start).
    public func savedCopy(of autosave: Autosave) -> String? {
        let named = path(for: autosave.file.song.slug)
        let candidates = (autosave.file.autosave?.sessionPath).map { $0 == named ? [$0] : [$0, named] } ?? [named]
        return candidates.first { candidate in
            guard let data = FileManager.default.contents(atPath: candidate), data.count <= Limits.sessionBytes,
                  let saved = try? SessionCodec.decode(data, name: candidate) else { return false }
            return saved.song.isSameWriting(as: autosave.file.song)
        }
    }

    /// Autosaves in the autosave folder whose writer is gone, newest first. A live
    /// writer's autosave (its lock held) is left out: it is not for recovering.
    public func autosaves(excluding own: String? = nil) -> [Autosave] {
        let folder = autosaveDirectory
        guard let handle = try? Folder.open(folder, create: false) else { return [] }
        return handle.names().filter { $0.hasSuffix(".cowrite") && !$0.hasPrefix(".") }.compactMap { name -> Autosave? in
            let base = String(name.dropLast(".cowrite".count))
            if let writer = AutosaveClaim.writer(inName: base), writer == own || AutosaveClaim.isAlive(writer, in: folder) {
                return nil
            }
            guard let data = handle.read(name, limit: Limits.sessionBytes),
                  let file = try? SessionCodec.decode(data, name: folder + "/" + name) else { return nil }
            return Autosave(name: base, path: folder + "/" + name, file: file)
        }.sorted { ($0.file.autosave?.at ?? .distantPast, $0.name) > ($1.file.autosave?.at ?? .distantPast, $1.name) }
    }
}
