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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardInput = pipe
        // Quitting the pager early closes the pipe: the rest is dropped (EPIPE), never a SIGPIPE.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        do { try process.run() } catch { return false }
        let bytes = Array((text + "\n").utf8)
        let descriptor = pipe.fileHandleForWriting.fileDescriptor
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus == 0 || process.terminationStatus == 1
    }
}
