import AudioRender
import Foundation

/// Marks one workspace's autosaves as the work of a writer still at it.
///
/// Each workspace has a writer id (its process id and a random part) that names its
/// autosave (`SLUG-PID-RANDOM.cowrite`), so two Cowrites, or two songs with the same
/// title or the same file name in two folders, never share an autosave. While the
/// workspace lives it holds a `flock` on `.autosave/PID-RANDOM.lock`; the kernel drops it
/// however the process ends. Recovery offers only autosaves whose lock can be taken: a
/// live writer's autosave is never offered, recovered or deleted by another Cowrite.
final class AutosaveClaim: @unchecked Sendable {
    let writer: String
    private var descriptor: Int32 = -1
    private var lockPath: String?

    init() {
        writer = "\(getpid())-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    /// Takes the lock in `folder` once; when it cannot be made there (a read-only folder)
    /// the autosave is still written, only not marked as live.
    ///
    /// Another Cowrite starting up may be clearing dead writers' lock files at this very
    /// moment, between our `open` and our `flock`. It removes a file only while holding
    /// its lock (`removeIfDead`), so once ours is locked and still the file at the path,
    /// it stays; when it is not (cleared in between), a fresh one is made.
    func hold(in folder: String) {
        guard descriptor < 0 else { return }
        let path = folder + "/" + writer + ".lock"
        for _ in 0..<50 {
            let file = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard file >= 0 else {
                guard errno == EEXIST else { return }
                usleep(1000)  // a cleaner holds our half-made file and is removing it
                continue
            }
            if flock(file, LOCK_EX | LOCK_NB) == 0, AutosaveClaim.isFile(file, at: path) {
                descriptor = file
                lockPath = path
                return
            }
            close(file)
            usleep(1000)
        }
    }

    /// True while `path` still names the file open as `file` (not removed or replaced).
    private static func isFile(_ file: Int32, at path: String) -> Bool {
        var open = stat(), named = stat()
        guard fstat(file, &open) == 0, lstat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    /// Removes a writer's lock file when its writer is gone, holding the lock while it
    /// removes it, so a writer taking the same file at that moment never ends up holding
    /// a lock on a file that is no longer there.
    private static func removeIfDead(_ path: String) {
        let file = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              flock(file, LOCK_EX | LOCK_NB) == 0, isFile(file, at: path) else { return }
        unlink(path)
    }

    deinit {
        if let lockPath { unlink(lockPath) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// The writer id that ends an autosave's file name (`…-PID-HEX`), or nil for an older
    /// name without one.
    static func writer(inName name: String) -> String? {
        let parts = name.split(separator: "-")
        guard parts.count >= 2, isWriter(parts.suffix(2).joined(separator: "-")) else { return nil }
        return parts.suffix(2).joined(separator: "-")
    }

    /// True for a writer id: a process id, a dash, lower-case hex.
    static func isWriter(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && Int32(parts[0]).map { $0 > 0 } == true && (1...8).contains(parts[1].count)
            && parts[1].allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The song part of an autosave's name ("rain-on-glass" of "rain-on-glass-4242-9f3a").
    static func slug(inName name: String) -> String {
        guard writer(inName: name) != nil else { return name }
        return name.split(separator: "-").dropLast(2).joined(separator: "-")
    }

    /// True when the writer of an autosave still runs (its lock is held).
    static func isAlive(_ writer: String, in folder: String) -> Bool {
        let file = open(folder + "/" + writer + ".lock", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return false }
        defer { close(file) }
        return flock(file, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }

    /// Removes the lock files of writers that are gone and left no autosave (a killed
    /// Cowrite whose song was saved, or recovered since).
    static func cleanLitter(in folder: String) {
        guard let handle = try? Folder.open(folder, create: false) else { return }
        let names = handle.names()
        let writers = Set(names.filter { $0.hasSuffix(".cowrite") }.compactMap { writer(inName: String($0.dropLast(".cowrite".count))) })
        for name in names where name.hasSuffix(".lock") {
            let id = String(name.dropLast(".lock".count))
            guard isWriter(id), !writers.contains(id), handle.entry(name)?.kind == .file else { continue }
            removeIfDead(folder + "/" + name)
        }
    }

    /// Removes the lock file a writer that is gone left behind.
    static func forget(_ writer: String, in folder: String) {
        removeIfDead(folder + "/" + writer + ".lock")
    }
}
