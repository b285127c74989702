import Foundation

/// Long output on a terminal goes through a pager (`$PAGER`, else `less -FRX`, which
/// quits at once when the text fits), so a help page or two suggestions do not scroll off
/// an 80×24 screen. Never in scripts or pipes: there the text is printed as it is.
enum Pager {
    /// The terminal's size, or nil when standard output is not a terminal; 24×80 where the
    /// terminal does not say.
    static func size() -> (rows: Int, columns: Int)? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        let known = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0
        return (known && size.ws_row > 0 ? Int(size.ws_row) : 24, known && size.ws_col > 0 ? Int(size.ws_col) : 80)
    }

    /// The terminal's rows, or nil when standard output is not a terminal.
    static func rows() -> Int? { size()?.rows }

    /// The terminal's columns, or nil when standard output is not a terminal.
    static func columns() -> Int? { size()?.columns }

    /// Lines wider than `columns` broken at the last space that fits, each continuation
    /// indented under the line's text (past its indent and a list's "- " or "1. "), so a
    /// help page on an 80-column terminal wraps between words rather than through them
    /// (a terminal, and `less`, cut a line at the edge, mid-word). A paragraph with a line
    /// too wide is first joined and then filled again, so it does not break into long and
    /// short lines by turns (the help's own lines are mostly about 90 wide, some a whole
    /// paragraph). Colour codes take no width. Left as they are: paragraphs that fit, each
    /// line `keeping` marks (a help page's fenced commands and examples, which must stay
    /// whole to be copied), lines indented four spaces or more, headings, tables, and words
    /// wider than the line.
    static func wrap(_ lines: [String], keeping: [Bool], columns: Int) -> [String] {
        guard columns >= 20 else { return lines }
        func isProse(_ index: Int) -> Bool { !keeping[index] && Pager.isProse(lines[index]) }
        var out: [String] = []
        var index = 0
        while index < lines.count {
            let first = lines[index]
            var paragraph = [first]
            index += 1
            let hang = hangingIndent(first)
            let prose = isProse(index - 1)
            if prose {
                // Its continuation lines: indented under its text, none a new item.
                while index < lines.count, isProse(index), !isListItem(lines[index]),
                      lines[index].prefix(while: { $0 == " " }).count == hang {
                    paragraph.append(lines[index])
                    index += 1
                }
            }
            guard paragraph.contains(where: { width($0) > columns }), prose else {
                out += paragraph
                continue
            }
            let joined = ([first] + paragraph.dropFirst().map { String($0.dropFirst(hang)) }).joined(separator: " ")
            out += fill(joined, columns: columns, hang: hang)
        }
        return out
    }

    /// A line that may be filled: not empty, not indented four or more, not a heading,
    /// table row or fence.
    static func isProse(_ line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        let body = line.dropFirst(indent)
        guard !body.isEmpty, indent < 4 else { return false }
        return !body.hasPrefix("#") && !body.hasPrefix("|") && !body.hasPrefix("```")
    }

    static func isListItem(_ line: String) -> Bool {
        hangingIndent(line) > line.prefix { $0 == " " }.count
    }

    /// One logical line broken at spaces into lines of at most `columns`, continuations
    /// indented `hang`.
    static func fill(_ line: String, columns: Int, hang: Int) -> [String] {
        var out: [String] = []
        var rest = line
        let indent = String(repeating: " ", count: hang)
        while width(rest) > columns {
            // A word wider than the line stands on a line of its own.
            guard let cut = lastSpace(in: rest, fitting: columns, after: hang)
                    ?? rest.dropFirst(hang + 1).firstIndex(of: " ") else { break }
            out.append(String(rest[..<cut]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            rest = indent + String(rest[rest.index(after: cut)...]).drop { $0 == " " }
        }
        out.append(rest)
        return out
    }

    /// The characters of `line` a terminal shows, each with its place: colour codes
    /// (ESC [ … letter) take no column.
    static func visible(_ line: String) -> [(index: String.Index, character: Character)] {
        var shown: [(index: String.Index, character: Character)] = []
        var escape = false
        for index in line.indices {
            let character = line[index]
            if escape {
                if character.isLetter { escape = false }
            } else if character == "\u{1B}" {
                escape = true
            } else {
                shown.append((index, character))
            }
        }
        return shown
    }

    /// Columns `line` takes.
    static func width(_ line: String) -> Int { visible(line).count }

    /// Where a wrapped line's continuation starts: past the indent and a list marker.
    static func hangingIndent(_ line: String) -> Int {
        let indent = line.prefix { $0 == " " }.count
        let body = line.dropFirst(indent)
        if body.hasPrefix("- ") || body.hasPrefix("* ") || body.hasPrefix("• ") || body.hasPrefix("· ") { return indent + 2 }
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, body.dropFirst(digits.count).hasPrefix(". ") { return indent + digits.count + 2 }
        return indent
    }

    /// The last space at or before column `columns` (counted as `width` counts), past the
    /// first `after` columns; nil when there is none.
    static func lastSpace(in line: String, fitting columns: Int, after: Int) -> String.Index? {
        visible(line).enumerated().last { column, shown in shown.character == " " && column > after && column <= columns }?.element.index
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
