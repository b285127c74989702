import Foundation

/// Who has a session open: written into its lock file so that a second Cowrite can say
/// who to ask.
public struct LockHolder: Sendable, Equatable {
    public var author: String
    public var pid: Int32
    public var host: String
    public var since: Date

    /// This process, typing as `author`.
    static func current(author: String, at date: Date) -> LockHolder {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return LockHolder(author: author, pid: getpid(), host: host, since: date)
    }

    /// One line of `key=value` fields; the author last, as it may hold spaces.
    var line: String {
        "pid=\(pid) host=\(host) since=\(Int(since.timeIntervalSince1970)) author=\(author)\n"
    }

    /// Reads a lock file's line; nil when it is empty or not ours.
    init?(line: String) {
        var fields: [String: String] = [:]
        var rest = line.trimmingCharacters(in: .newlines)[...]
        while let equals = rest.firstIndex(of: "=") {
            let key = String(rest[..<equals])
            let afterEquals = rest[rest.index(after: equals)...]
            if key == "author" {
                fields[key] = String(afterEquals)
                break
            }
            let end = afterEquals.firstIndex(of: " ") ?? afterEquals.endIndex
            fields[key] = String(afterEquals[..<end])
            rest = end == afterEquals.endIndex ? "" : afterEquals[afterEquals.index(after: end)...]
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), let host = fields["host"],
              let since = fields["since"].flatMap({ Double($0) }), let author = fields["author"] else { return nil }
        self.init(author: author, pid: pid, host: host, since: Date(timeIntervalSince1970: since))
    }

    init(author: String, pid: Int32, host: String, since: Date) {
        self.author = author
        self.pid = pid
        self.host = host
        self.since = since
    }

    /// "Ana, pid 4242 on studio, since 14:02".
    var description: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = Calendar.current.isDate(since, inSameDayAs: Date()) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return "\(author), pid \(pid) on \(host), since \(formatter.string(from: since))"
    }
}

/// An advisory lock on one session file, held while a Cowrite has it open.
///
/// The lock is `.NAME.cowrite.lock` beside the session, locked with `flock`. The kernel
/// drops a `flock` when its holder exits, however it exits, so a lock file that can be
/// locked again was left by a Cowrite that is gone: that is how a stale lock is told
/// from a live one, without guessing from process ids (which another host cannot see).
/// The file's line only says who held it, for the message.
public final class SessionLock: @unchecked Sendable {
    /// The session file this lock guards.
    public let sessionPath: String
    let lockPath: String
    private var descriptor: Int32

    public enum Outcome: Sendable {
        /// Ours now; `staleHolder` is who left the lock behind, when someone did.
        case acquired(SessionLock, staleHolder: LockHolder?)
        /// Another Cowrite holds it (nil when its line cannot be read).
        case held(by: LockHolder?)
        /// No lock can be made beside the file (a read-only folder): open it read-only.
        case unavailable(reason: String)
    }

    private init(sessionPath: String, lockPath: String, descriptor: Int32) {
        self.sessionPath = sessionPath
        self.lockPath = lockPath
        self.descriptor = descriptor
    }

    /// The last workspace holding it is gone: the session is no longer open.
    deinit { release() }

    /// `.NAME.cowrite.lock` beside the session: hidden, like an editor's swap file.
    static func lockPath(for sessionPath: String) -> String {
        let folder = (sessionPath as NSString).deletingLastPathComponent
        let name = "." + (sessionPath as NSString).lastPathComponent + ".lock"
        return folder.isEmpty ? name : folder + "/" + name
    }

    /// Tries to lock `sessionPath` for `holder`, without waiting.
    public static func acquire(_ sessionPath: String, holder: LockHolder) -> Outcome {
        let lockPath = lockPath(for: sessionPath)
        let folder = (sessionPath as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        // A holder that releases unlinks the file; someone who opened it just before the
        // unlink would lock a file no longer in the folder. Lock, then check the path
        // still names the file we locked; if not, start again.
        for _ in 0..<8 {
            // Never through a link, and only a regular file: a lock file swapped for a link
            // would otherwise have its target truncated and written over.
            let descriptor = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                let code = errno
                return .unavailable(reason: code == ELOOP ? "\((lockPath as NSString).lastPathComponent) is a symbolic link, which Cowrite does not write through"
                                                         : AtomicFile.reason(for: code))
            }
            var kind = stat()
            // A second name for the file (a hard link to someone's file) would have its
            // bytes written over too.
            guard fstat(descriptor, &kind) == 0, kind.st_mode & S_IFMT == S_IFREG, kind.st_nlink == 1 else {
                close(descriptor)
                return .unavailable(reason: "\((lockPath as NSString).lastPathComponent) is not a plain file of its own (a link or a device)")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let previous = readLine(descriptor)
                close(descriptor)
                if code == EWOULDBLOCK { return .held(by: previous) }
                return .unavailable(reason: AtomicFile.reason(for: code))
            }
            var opened = stat(), named = stat()
            guard fstat(descriptor, &opened) == 0, lstat(lockPath, &named) == 0,
                  opened.st_ino == named.st_ino, opened.st_dev == named.st_dev else {
                close(descriptor)
                continue
            }
            let stale = readLine(descriptor)
            ftruncate(descriptor, 0)
            let line = Array(holder.line.utf8)
            _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            fsync(descriptor)
            let lock = SessionLock(sessionPath: sessionPath, lockPath: lockPath, descriptor: descriptor)
            return .acquired(lock, staleHolder: stale)
        }
        return .unavailable(reason: "the lock file keeps changing under us")
    }

    /// Who holds the lock on `sessionPath` right now, or nil when nobody does.
    public static func holder(of sessionPath: String) -> LockHolder? {
        let descriptor = open(lockPath(for: sessionPath), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 { return nil }
        return readLine(descriptor)
    }

    /// Gives the session up: the lock file goes, then the lock.
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(lockPath)
        close(descriptor)
        descriptor = -1
    }

    private static func readLine(_ descriptor: Int32) -> LockHolder? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return LockHolder(line: String(decoding: buffer.prefix(count), as: UTF8.self))
    }
}

/// What a session file looked like when this Cowrite last read or wrote it, so that a
/// save can tell whether another program changed or deleted it since.
public struct FileStamp: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: timespec
    /// A hash of the bytes: a touched but unchanged file is not a conflict.
    var checksum: UInt64

    public static func == (a: FileStamp, b: FileStamp) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.checksum == b.checksum
    }

    /// The stamp of the file at `path` whose bytes are `data`.
    static func of(_ path: String, data: Data) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modified: info.st_mtim, checksum: checksum(data))
    }

    /// A stamp known only by the checksum a recovered autosave carries: any file on disk
    /// with other bytes (or any file at all, when the autosave is too old to carry one)
    /// is a change.
    static func known(checksum text: String?) -> FileStamp {
        FileStamp(device: 0, inode: 0, size: -1, modified: timespec(),
                  checksum: text.flatMap { UInt64($0, radix: 16) } ?? 0x5eed_0f_c0ff_ee00)
    }

    /// What happened to the file since this stamp was taken.
    enum Change: Equatable { case none, deleted, changed }

    func change(at path: String) -> Change {
        var info = stat()
        guard stat(path, &info) == 0 else { return .deleted }
        if UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode, Int64(info.st_size) == size,
           info.st_mtim.tv_sec == modified.tv_sec, info.st_mtim.tv_nsec == modified.tv_nsec {
            return .none
        }
        // Something touched it: only different bytes are a conflict.
        guard let data = FileManager.default.contents(atPath: path) else { return .changed }
        return FileStamp.checksum(data) == checksum ? .none : .changed
    }

    /// FNV-1a's constants over 8-byte words, then the last bytes one by one: a word at a
    /// time reads a 2 MB session in under a millisecond, where byte-wise FNV took 3 ms.
    static func checksum(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { buffer in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            let words = buffer.count / 8
            for index in 0..<words {
                hash = (hash ^ buffer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) &* 0x100_0000_01b3
                hash ^= hash >> 29
            }
            for byte in buffer[(words * 8)...] {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            return hash
        }
    }
}
