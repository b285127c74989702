import Foundation
import SongModel

/// Where command lines come from: readline on a terminal, a stream otherwise.
public protocol LineReader {
    /// The next line without its newline; nil at end of input.
    mutating func readLine(prompt: String) -> String?
    /// An answer to a question; Ctrl-C at a question answers `LineReader.interrupted`
    /// (cancel), where at the prompt it only clears the line.
    mutating func ask(_ question: String) -> String?
}

extension LineReader {
    public mutating func ask(_ question: String) -> String? { readLine(prompt: question) }
}

/// The answer Ctrl-C gives to a question.
public let interruptedAnswer = "\u{3}"

/// Lines from standard input when it is not a terminal (a pipe, a file).
///
/// Reads with read(2) rather than the C library's buffered streams, which retry a read
/// that a signal interrupted: here a SIGTERM or SIGHUP while waiting for input ends the
/// input, so that the runner can leave cleanly.
public struct StreamLineReader: LineReader {
    var buffer: [UInt8] = []
    var ended = false
    /// Dropping the rest of a line that was too long.
    var discarding = false
    let descriptor: Int32

    public init(descriptor: Int32 = STDIN_FILENO) { self.descriptor = descriptor }

    public mutating func readLine(prompt: String) -> String? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                defer { buffer.removeSubrange(...newline) }
                return String(decoding: line, as: UTF8.self)
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            // A line longer than any command may be is cut here and returned at once (it
            // is refused with one error when run); its rest is read and dropped up to the
            // next newline before the next line: memory stays bounded whatever comes in
            // (`< /dev/zero`).
            if buffer.count > Limits.lineBytes {
                let cut = String(decoding: buffer.prefix(Limits.lineBytes + 1), as: UTF8.self)
                buffer.removeAll()
                discarding = true
                return cut
            }
            if Interrupts.requested { return nil }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 && discarding {
                guard let newline = chunk[..<count].firstIndex(of: UInt8(ascii: "\n")) else { continue }
                discarding = false
                buffer += chunk[(newline + 1)..<count]
            } else if count > 0 {
                buffer += chunk[..<count]
            } else if count < 0, errno == EINTR {
                if Interrupts.requested { return nil }
            } else {
                ended = true
            }
        }
    }
}

/// Lines from an array (scripts read whole, and tests).
public struct ArrayLineReader: LineReader {
    var lines: [String]
    var index = 0

    public init(lines: [String]) { self.lines = lines }

    public mutating func readLine(prompt: String) -> String? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        return lines[index]
    }
}
