import Foundation

/// Long output on a terminal goes through a pager (`$PAGER`, else `less -FRX`, which
/// quits at once when the text fits), so a help page or two suggestions do not scroll off
/// an 80×24 screen. Never in scripts or pipes: there the text is printed as it is.
enum Pager {
    /// The terminal's rows, or nil when standard output is not a terminal.
    static func rows() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return 24 }
        return Int(size.ws_row)
    }

    /// Shows `text` through the pager when it is taller than the terminal; returns false
    /// when it did not (not a terminal, short enough, or no pager), so the caller prints it.
    static func show(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let rows = rows(), text.split(separator: "\n", omittingEmptySubsequences: false).count > rows - 2 else { return false }
        let command = (environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 }) ?? "less -FRX"
        // Spawned by hand, not with Foundation's Process: Process puts the child in a
        // process group of its own, and a pager outside the terminal's foreground group is
        // stopped (SIGTTIN) the moment it reads a key — the REPL would hang behind it.
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return false }
        let (reading, writing) = (descriptors[0], descriptors[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, reading, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, reading)
        posix_spawn_file_actions_addclose(&actions, writing)
        let arguments: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (word: String) in strdup(word) }
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments + [nil], environ)
        close(reading)
        guard spawned == 0 else { close(writing); return false }
        // Quitting the pager early closes the pipe: the rest is dropped (EPIPE), never a SIGPIPE.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(writing, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
        close(writing)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Exited normally with 0 or 1 (less's "quit"): shown.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        return exited && (code == 0 || code == 1)
    }
}
