import Foundation

/// A folder opened once, whose files are made, renamed and removed by name relative to
/// it (`openat`, `renameat`, `unlinkat`), never by path again.
///
/// Every file is created with `O_CREAT | O_EXCL | O_NOFOLLOW`: a name that already exists
/// (a symbolic link planted there included) makes the call fail instead of writing
/// through it, and a folder swapped for a link after it was opened is not followed. This
/// is the one place Cowrite's outputs (renders, exports, sessions, autosaves) touch the
/// file system.
public final class Folder: @unchecked Sendable {
    public let path: String
    let descriptor: Int32

    /// What a name in the folder is, without following a link.
    public enum Kind: Sendable, Equatable { case file, folder, link, other }

    /// A name's kind and identity: inode, size and modification time stay with a file
    /// through a rename, so they tell a file Cowrite wrote from one put there since.
    public struct Entry: Sendable, Equatable {
        public var kind: Kind
        public var inode: UInt64
        public var size: Int64
        public var modified: timespec

        public static func == (a: Entry, b: Entry) -> Bool {
            a.kind == b.kind && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Opens the folder at `path`, creating it (and its parents) when `create` is set.
    /// The last component must be a real folder: a link there is refused, not followed.
    public static func open(_ given: String, create: Bool) throws(RenderError) -> Folder {
        let path = normalized(given)
        if create {
            var info = stat()
            if lstat(path, &info) != 0 {
                let parent = split(path).folder
                if parent != path, lstat(parent, &info) != 0 {
                    _ = try open(parent, create: true)
                }
                if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .io(path: path, code: errno) }
            }
        }
        let descriptor = Foundation.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            var info = stat()
            if lstat(path, &info) == 0 {
                switch info.st_mode & S_IFMT {
                case S_IFLNK: throw .linkedFolder(path: path)
                case S_IFDIR: break
                default: throw .notAFolder(path: path)
                }
            }
            throw .io(path: path, code: code)
        }
        return Folder(path: path, descriptor: descriptor)
    }

    /// A folder's path without trailing `/` or `/.`: after them the kernel would follow a
    /// link named just before, which `O_NOFOLLOW` only refuses as the last component.
    public static func normalized(_ path: String) -> String {
        var path = path
        while path.count > 1 && (path.hasSuffix("/") || path.hasSuffix("/.")) {
            path.removeLast(path.hasSuffix("/") ? 1 : 2)
        }
        return path.isEmpty ? "." : path
    }

    /// The folder and the last name of a path ("a/b.mid" → "a", "b.mid"; "b.mid" → ".",
    /// "b.mid"), by the slashes alone: Foundation's path functions trap on some inputs.
    public static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// Where a name with one sub-folder (`stems/drums.wav`) lives: that sub-folder, opened
    /// without following a link, and the last name; a plain name lives here. Nil when the
    /// sub-folder is missing or not a real folder.
    public func place(of name: String) -> (folder: Folder, name: String)? {
        guard let slash = name.firstIndex(of: "/") else { return (self, name) }
        guard let sub = try? folder(String(name[..<slash])) else { return nil }
        return (sub, String(name[name.index(after: slash)...]))
    }

    /// The path of a name inside this folder, for messages.
    public func pathOf(_ name: String) -> String { path == "." ? name : path + "/" + name }

    /// What `name` is, or nil when there is nothing by that name.
    public func entry(_ name: String) -> Entry? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        let kind: Kind = switch info.st_mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .folder
        case S_IFLNK: .link
        default: .other
        }
        return Entry(kind: kind, inode: UInt64(info.st_ino), size: Int64(info.st_size), modified: info.st_mtim)
    }

    /// A new file, open for writing (and reading); fails if anything is already called `name`.
    public func makeFile(_ name: String, mode: mode_t = 0o644) throws(RenderError) -> Int32 {
        // Readable too: an audio file's writer reads back what it wrote (FLAC's metadata).
        let file = openat(descriptor, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard file >= 0 else { throw .io(path: pathOf(name), code: errno) }
        return file
    }

    /// A scratch file, open for reading and writing, whose name is removed at once: it
    /// lives as long as the descriptor, and nothing is left behind whatever happens after.
    public func makeScratchFile(_ name: String) throws(RenderError) -> Int32 {
        let file = openat(descriptor, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw .io(path: pathOf(name), code: errno) }
        unlinkat(descriptor, name, 0)
        return file
    }

    /// A new file holding `data`, flushed to disk; nothing is left behind on failure.
    public func writeNewFile(_ name: String, _ data: Data) throws(RenderError) {
        let file = try makeFile(name)
        let code = Folder.writeAll(file, data)
        close(file)
        if code != 0 {
            unlinkat(descriptor, name, 0)
            throw .io(path: pathOf(name), code: code)
        }
    }

    /// A new sub-folder, opened; fails if anything is already called `name`.
    public func makeFolder(_ name: String, mode: mode_t = 0o755) throws(RenderError) -> Folder {
        guard mkdirat(descriptor, name, mode) == 0 else { throw .io(path: pathOf(name), code: errno) }
        return try folder(name)
    }

    /// An existing sub-folder, opened without following a link.
    public func folder(_ name: String) throws(RenderError) -> Folder {
        let sub = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard sub >= 0 else { throw .io(path: pathOf(name), code: errno) }
        return Folder(path: pathOf(name), descriptor: sub)
    }

    /// Moves `name` to `newName` in `target` (atomically replacing what is there, a link
    /// itself rather than what it points to).
    public func move(_ name: String, to target: Folder, as newName: String) throws(RenderError) {
        guard renameat(descriptor, name, target.descriptor, newName) == 0 else {
            throw .io(path: target.pathOf(newName), code: errno)
        }
    }

    /// A hard link to `name` called `newName` (for a `.bak` that costs no copy).
    public func link(_ name: String, as newName: String) -> Bool {
        linkat(descriptor, name, descriptor, newName, 0) == 0
    }

    /// Removes a file (or a link itself), ignoring a name that is already gone.
    public func remove(_ name: String) {
        unlinkat(descriptor, name, 0)
    }

    /// Removes a folder and everything in it, without following any link inside.
    public func removeTree(_ name: String) {
        guard entry(name)?.kind == .folder, let sub = try? folder(name) else {
            unlinkat(descriptor, name, 0)
            return
        }
        for child in sub.names() { sub.removeTree(child) }
        unlinkat(descriptor, name, AT_REMOVEDIR)
    }

    /// The names in the folder, "." and ".." left out.
    public func names() -> [String] {
        let copy = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard copy >= 0, let stream = fdopendir(copy) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let item = readdir(stream) {
            let name = withUnsafePointer(to: item.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Flushes the folder's entries (new names, renames) to disk.
    public func sync() { fsync(descriptor) }

    /// Bytes free to this process on the folder's file system (nil when it cannot say).
    public var freeBytes: Int? {
        var info = statvfs()
        guard fstatvfs(descriptor, &info) == 0 else { return nil }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Reads a regular file of at most `limit` bytes without following a link; nil if
    /// it is missing, not a regular file or too large.
    public func read(_ name: String, limit: Int) -> Data? {
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return nil }
        var data = Data(count: Int(info.st_size))
        let count = data.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress, $0.count) }
        guard count == data.count else { return nil }
        return data
    }

    /// Writes all of `bytes` at `offset` of an open file (no flush); 0, or the errno that
    /// stopped it (ENOSPC for a full disk).
    public static func writeAll(_ file: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        return whole(bytes.count) { done in pwrite(file, base + done, bytes.count - done, off_t(offset + done)) }
    }

    /// Reads all of `bytes` from `offset` of an open file; 0, or the errno that stopped it
    /// (EIO for a file shorter than asked).
    public static func readAll(_ file: Int32, _ bytes: UnsafeMutableRawBufferPointer, at offset: Int) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        return whole(bytes.count) { done in pread(file, base + done, bytes.count - done, off_t(offset + done)) }
    }

    /// Repeats a transfer (`step(done)` moves bytes from `done` on) until `count` bytes
    /// have moved, through interruptions; 0, or the errno that stopped it (EIO when
    /// nothing more could move).
    private static func whole(_ count: Int, _ step: (Int) -> Int) -> Int32 {
        var done = 0
        while done < count {
            let moved = step(done)
            if moved < 0 { if errno == EINTR { continue }; return errno }
            if moved == 0 { return EIO }
            done += moved
        }
        return 0
    }

    /// Writes all of `data` to an open file and flushes it; 0, or the errno that stopped it.
    public static func writeAll(_ file: Int32, _ data: Data) -> Int32 {
        var written = 0
        let result: Int32 = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            while written < buffer.count {
                let count = Foundation.write(file, base + written, buffer.count - written)
                if count < 0 { if errno == EINTR { continue }; return errno }
                written += count
            }
            return 0
        }
        if result != 0 { return result }
        return fsync(file) == 0 ? 0 : errno
    }

    /// A name for a temporary file or folder no other process or call will pick: the
    /// process id (so that litter can be traced to a process that is gone) and a random
    /// part.
    public static func temporaryName(_ prefix: String) -> String {
        "\(prefix)-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// The process id in a name made by `temporaryName(prefix)` — exactly
    /// `PREFIX-PID-HEX`, HEX one to eight lower-case hex digits — or nil.
    public static func owner(ofTemporary name: String, prefix: String) -> pid_t? {
        guard name.hasPrefix(prefix + "-") else { return nil }
        let parts = name.dropFirst(prefix.count + 1).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, (1...8).contains(parts[1].count),
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return pid
    }

    /// True when no process `pid` exists (so what it left behind can go).
    public static func isGone(_ pid: pid_t) -> Bool {
        pid > 0 && kill(pid, 0) != 0 && errno == ESRCH
    }

    /// One line for an errno: what a writer can do something about.
    public static func reason(for code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: "the disk is full"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the folder is read-only"
        case ENOENT: "the folder does not exist"
        case EISDIR: "it is a folder"
        case ENOTDIR: "a part of the path is not a folder"
        case ELOOP: "it is a symbolic link, which Cowrite does not write through"
        case EEXIST: "something else already has that name"
        default: String(cString: strerror(code))
        }
    }
}
