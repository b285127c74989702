import Foundation

/// Where command lines come from: readline on a terminal, a stream otherwise.
public protocol LineReader {
    /// The next line without its newline; nil at end of input.
    mutating func readLine(prompt: String) -> String?
}

/// Lines from a file handle (a script, or standard input that is not a terminal).
public struct StreamLineReader: LineReader {
    public init() {}

    public mutating func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
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
