import Foundation

/// Atomic file replacement with POSIX calls, each failure turned into a one-line reason.
enum AtomicFile {
    /// Writes `data` to `path` so that the file is always whole: temporary file, fsync,
    /// `.bak` hard link of the old file, rename, fsync of the folder.
    static func write(_ data: Data, to path: String, keepBackup: Bool) throws(REPLError) {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .storage(path: path, reason: "is a folder; give a file name such as \(path)/song.cowrite")
        }
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .storage(path: path, reason: "the folder \(directory) cannot be created (\(reason(for: errno)))")
            }
        }
        let temporary = directory + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, errno) }
        var written = 0
        let result: Int32 = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            while written < buffer.count {
                let count = Foundation.write(descriptor, base + written, buffer.count - written)
                if count < 0 { if errno == EINTR { continue }; return errno }
                written += count
            }
            return fsync(descriptor) == 0 ? 0 : errno
        }
        close(descriptor)
        if result != 0 {
            unlink(temporary)
            throw failure(path, result)
        }
        if keepBackup && FileManager.default.fileExists(atPath: path) {
            let backup = path + ".bak"
            unlink(backup)
            if link(path, backup) != 0 {
                try? FileManager.default.copyItem(atPath: path, toPath: backup)
            }
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(path, code)
        }
        let folderDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    static func failure(_ path: String, _ code: Int32) -> REPLError {
        .storage(path: path, reason: "could not be written: \(reason(for: code)); the song is still open here and the old file is unchanged — try `save` with another path")
    }

    static func reason(for code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: "the disk is full"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the folder is read-only"
        case ENOENT: "the folder does not exist"
        case EISDIR: "it is a folder"
        case ENOTDIR: "a part of the path is not a folder"
        default: String(cString: strerror(code))
        }
    }

    /// Writes any bytes atomically, creating the folder; no backup.
    static func writeData(_ data: Data, to path: String) throws(REPLError) {
        try write(data, to: path, keepBackup: false)
    }

    /// Removes a file if it is there.
    static func remove(_ path: String) {
        unlink(path)
    }
}
