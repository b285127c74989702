@preconcurrency import CReadline
import Foundation
import SongModel

// GNU readline keeps its state in C globals, and its callbacks are C function pointers
// that cannot capture Swift context. Every global Cowrite shares with readline lives in
// this file, and only the main thread touches them.

nonisolated(unsafe) private var receivedLine: String?
nonisolated(unsafe) private var lineComplete = false
nonisolated(unsafe) private var reachedEnd = false
nonisolated(unsafe) private var completionMatches: [String] = []
nonisolated(unsafe) private var completionIndex = 0
nonisolated(unsafe) private var answering = false
nonisolated(unsafe) private var completer: (@Sendable (String, String) -> [String])?

/// The interactive line editor: GNU readline with persistent history, Emacs keys, and
/// completion of commands, section names and option names. Ctrl-C clears the line.
public final class ReadlineLineReader: LineReader {
    let historyPath: String?

    /// - Parameters:
    ///   - historyPath: where history persists between runs (nil: not kept).
    ///   - complete: given the line before the word and the word, the candidates.
    public init(historyPath: String?, complete: @escaping @Sendable (String, String) -> [String]) {
        // History is appended to and truncated by readline, which follows links: a path
        // that is a link, a second name of another file, or anything but a regular file
        // keeps no history instead.
        var kind = stat()
        let usable = historyPath.map { lstat($0, &kind) != 0 || kind.st_mode & S_IFMT == S_IFREG && kind.st_nlink == 1 } ?? false
        self.historyPath = usable ? historyPath : nil
        completer = complete
        rl_readline_name = UnsafePointer(strdup("cowrite"))
        rl_catch_signals = 0
        rl_attempted_completion_function = attemptCompletion
        using_history()
        stifle_history(2000)
        if let historyPath = self.historyPath {
            // Made private if it is not there yet: created only if absent and never through a
            // link (Foundation's `createFile` writes a scratch file and renames it over the
            // path, and leaves an empty scratch folder behind in the temporary directory).
            let made = open(historyPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if made >= 0 { close(made) }
            read_history(historyPath)
            history_truncate_file(historyPath, 2000)
        }
        Interrupts.install()
    }

    /// At a question, Ctrl-C answers "cancel" instead of clearing the line. A long question
    /// is printed above a prompt of its answers alone ("[Y/n] "): readline redraws a prompt
    /// as wide as the terminal over itself (a recover question of exactly 80 columns left
    /// "[Y" on one line and "/n] " over the start of it).
    public func ask(_ question: String) -> String? {
        answering = true
        defer { answering = false }
        let (body, prompt) = Self.split(question)
        if let body { print(body); fflush(stdout) }
        return readLine(prompt: prompt)
    }

    /// A question longer than 40 characters as its body (up to its last "? ") and the
    /// prompt after it; a short one, or one with no "? ", whole as the prompt.
    static func split(_ question: String) -> (body: String?, prompt: String) {
        guard question.count > 40, let mark = question.range(of: "? ", options: .backwards),
              mark.upperBound < question.endIndex else { return (nil, question) }
        return (String(question[..<mark.lowerBound]) + "?", String(question[mark.upperBound...]))
    }

    public func readLine(prompt: String) -> String? {
        receivedLine = nil
        lineComplete = false
        reachedEnd = false
        Interrupts.clear()
        rl_callback_handler_install(prompt, lineHandler)
        while !lineComplete {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, -1)
            if ready < 0 {
                guard errno == EINTR else { return nil }
                if Interrupts.terminationSignal != nil {
                    // SIGTERM or SIGHUP: give the terminal back; the shell leaves.
                    rl_free_line_state()
                    rl_callback_sigcleanup()
                    rl_callback_handler_remove()
                    return nil
                }
                if Interrupts.requested && answering {
                    // Ctrl-C at a question: the question is cancelled.
                    Interrupts.clear()
                    rl_free_line_state()
                    rl_callback_sigcleanup()
                    rl_crlf()
                    rl_callback_handler_remove()
                    return interruptedAnswer
                }
                if Interrupts.requested {
                    // Ctrl-C: drop the line being typed and start a fresh prompt.
                    Interrupts.clear()
                    rl_free_line_state()
                    rl_callback_sigcleanup()
                    rl_replace_line("", 0)
                    rl_crlf()
                    rl_callback_handler_remove()
                    rl_callback_handler_install(prompt, lineHandler)
                }
                continue
            }
            rl_callback_read_char()
        }
        if reachedEnd { return nil }
        if let line = receivedLine, !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(line)
            if let historyPath { append_history(1, historyPath) }
        }
        return receivedLine
    }
}

private func lineHandler(_ line: UnsafeMutablePointer<CChar>?) {
    // Uninstall before returning, or readline redraws the prompt for a next line that
    // this reader has not asked for yet.
    rl_callback_handler_remove()
    lineComplete = true
    guard let line else {
        reachedEnd = true
        return
    }
    receivedLine = String(cString: line)
    free(line)
}

private func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
{
    rl_attempted_completion_over = 1
    let word = text.map { String(cString: $0) } ?? ""
    let buffer = rl_line_buffer.map { String(cString: $0) } ?? ""
    let before = String(buffer.utf8.prefix(Int(start))) ?? ""
    completionMatches = (completer?(before, word) ?? []).filter { $0.hasPrefix(word) }
    rl_completion_append_character = completionMatches.allSatisfy { $0.hasSuffix("=") } ? 0 : 32
    return rl_completion_matches(text, generateCompletion)
}

private func generateCompletion(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { completionIndex = 0 }
    guard completionIndex < completionMatches.count else { return nil }
    defer { completionIndex += 1 }
    return strdup(completionMatches[completionIndex])
}
