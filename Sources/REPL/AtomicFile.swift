import AudioRender
import Foundation

/// Atomic file replacement, never through a symbolic link, each failure turned into a
/// one-line reason.
enum AtomicFile {
    /// Writes `data` to `path` so that the file is always whole: a new temporary file
    /// (`O_EXCL | O_NOFOLLOW`, a name no other process picks), fsync, a `.bak` hard link of
    /// the old file, rename, fsync of the folder. A link, a folder or a device at `path`
    /// is refused, not followed.
    static func write(_ data: Data, to path: String, keepBackup: Bool) throws(REPLError) {
        let (directory, name) = Folder.split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw .storage(path: path, reason: "is not a file name; give one such as \(Folder.normalized(path))/song.cowrite")
        }
        let folder: Folder
        do { folder = try Folder.open(directory, create: true) } catch {
            switch error {
            case .io(_, let code): throw failure(path, code)
            case .notAFolder: throw failure(path, ENOTDIR)
            case .linkedFolder: throw failure(path, ELOOP)
            default: throw .storage(path: path, reason: "the folder \(directory) cannot be used (\(error))")
            }
        }
        let existing = folder.entry(name)
        switch existing?.kind {
        case .folder?: throw .storage(path: path, reason: "is a folder; give a file name such as \(path)/song.cowrite")
        case .link?: throw linkRefused(path)
        case .other?: throw .storage(path: path, reason: "is not a regular file (a device or a pipe); save under another name")
        default: break
        }
        let temporary = Folder.temporaryName("." + name + ".tmp")
        do { try folder.writeNewFile(temporary, data) } catch {
            if case .io(_, let code) = error { throw failure(path, code) }
            throw .storage(path: path, reason: "\(error)")
        }
        if keepBackup, existing?.kind == .file {
            // The backup is a hard link renamed over the old `.bak`; a `.bak` that is not
            // a regular file (a link someone planted) is left alone, and no backup is made.
            let backup = name + ".bak"
            let kind = folder.entry(backup)?.kind
            if kind == nil || kind == .file {
                let staged = Folder.temporaryName("." + backup + ".tmp")
                if folder.link(name, as: staged) {
                    do { try folder.move(staged, to: folder, as: backup) } catch { folder.remove(staged) }
                }
            }
        }
        do { try folder.move(temporary, to: folder, as: name) } catch {
            folder.remove(temporary)
            if case .io(_, let code) = error { throw failure(path, code) }
            throw .storage(path: path, reason: "\(error)")
        }
        folder.sync()
    }

    static func failure(_ path: String, _ code: Int32) -> REPLError { .writeFailed(path: path, code: code) }

    /// The refusal of a path that is a symbolic link, for a save as for any write.
    static func linkRefused(_ path: String) -> REPLError {
        .storage(path: path, reason: "is a symbolic link; Cowrite does not write through links — save to the file it points to, or to a new name")
    }

    static func reason(for code: Int32) -> String { Folder.reason(for: code) }

    /// Removes a file if it is there (a link itself, never what it points to).
    static func remove(_ path: String) {
        unlink(path)
    }

    /// Removes the temporary files that saves of processes now gone left in `path`
    /// (`.NAME.tmp-PID…`, a save killed between writing and renaming). Returns how many.
    @discardableResult
    static func cleanLitter(in path: String) -> Int {
        guard let folder = try? Folder.open(path, create: false) else { return 0 }
        var removed = 0
        for name in folder.names() where name.hasPrefix(".") {
            // Exactly the names `write` makes: `.NAME.cowrite.tmp-PID-HEX` (or
            // `.NAME.cowrite.bak.tmp-…`; an older Cowrite wrote `.NAME.cowrite.tmp-PID`).
            guard let range = name.range(of: ".tmp-", options: .backwards) else { continue }
            let stem = name[..<range.lowerBound]
            guard stem.hasSuffix(".cowrite") || stem.hasSuffix(".cowrite.bak") else { continue }
            let tail = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            guard let first = tail.first, let pid = pid_t(first), pid > 0, tail.count <= 2,
                  tail.count == 1 || (1...8).contains(tail[1].count) && tail[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
                  Folder.isGone(pid), folder.entry(name)?.kind == .file else { continue }
            folder.remove(name)
            removed += 1
        }
        return removed
    }
}
