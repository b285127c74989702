import Foundation

/// Why bytes are not JSON, with where: "unexpected end of file at line 812".
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. "expected , or } after a member".
    public var problem: String
    public var line: Int
    public var column: Int
    /// True when the bytes were not UTF-8 text at all.
    public var notText: Bool

    public var description: String { "\(problem) at line \(line), column \(column)" }
}

/// Reads JSON text (RFC 8259) into a `JSON` tree.
///
/// Strict: one value, no comments, no trailing commas, strings in valid UTF-8 with only
/// the escapes JSON allows. Nesting is capped (`maxDepth`) so that a hostile file of ten
/// thousand `[` cannot exhaust the stack.
public struct JSONParser {
    /// Deeper than any session file; far shallower than the stack allows.
    public static let maxDepth = 256

    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSON {
        let result: Result<JSON, JSONSyntaxError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
            return Result { () throws(JSONSyntaxError) in try parser.document() }
        }
        return try result.get()
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func document() throws(JSONSyntaxError) -> JSON {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }   // a byte-order mark some editors add
        let value = try self.value()
        skipSpace()
        if index < bytes.count { throw error("unexpected text after the end of the JSON value") }
        return value
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSON {
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end of file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw unexpected("a value")
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSON {
        var members: [(key: String, value: JSON)] = []
        if try open(closer: UInt8(ascii: "}")) { return .object(members) }
        repeat {
            skipSpace()
            try expect(UInt8(ascii: "\""), "a member name in quotes")
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"), ": after a member name")
            index += 1
            members.append((key, try value()))
        } while try !closes(UInt8(ascii: "}"), after: "a member")
        return .object(members)
    }

    private mutating func array() throws(JSONSyntaxError) -> JSON {
        var items: [JSON] = []
        if try open(closer: UInt8(ascii: "]")) { return .array(items) }
        repeat {
            items.append(try value())
        } while try !closes(UInt8(ascii: "]"), after: "an item")
        return .array(items)
    }

    /// Steps into a `{` or `[`; true (and out again) when it is empty.
    private mutating func open(closer: UInt8) throws(JSONSyntaxError) -> Bool {
        try enter()
        index += 1
        skipSpace()
        guard index < bytes.count, bytes[index] == closer else { return false }
        index += 1
        depth -= 1
        return true
    }

    /// After a member or an item: false at a comma (another follows), true at the
    /// closer (stepped out of the container).
    private mutating func closes(_ closer: UInt8, after what: String) throws(JSONSyntaxError) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ",") || bytes[index] == closer else {
            throw unexpected(", or \(Character(Unicode.Scalar(closer))) after \(what)")
        }
        let closing = bytes[index] == closer
        index += 1
        if closing { depth -= 1 }
        return closing
    }

    /// The byte here must be `byte`; `unexpected` names what came instead (or the end).
    private func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard index < bytes.count, bytes[index] == byte else { throw unexpected(what) }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nested more than \(JSONParser.maxDepth) deep") }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        let matches = index + count <= bytes.count
            && (0..<count).allSatisfy { bytes[index + $0] == word.utf8Start[$0] }
        guard matches else { throw unexpected("a value") }
        index += count
    }

    /// The text of a number, checked against JSON's grammar: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index - first
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let whole = index
        guard digits() > 0 else { throw unexpected("a digit") }
        if bytes[whole] == UInt8(ascii: "0") && index - whole > 1 {
            index = whole + 1
            throw error("a number cannot start with 0 (write 7, not 07)")
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw unexpected("a digit after the decimal point") }
        }
        if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard digits() > 0 else { throw unexpected("a digit in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// A string; the fast path copies it straight out when it has no escapes.
    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        var high: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                // ASCII, as nearly every string in a session is, needs no validating.
                let string = high < 0x80 ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
                guard let string else { throw notUTF8() }
                index += 1
                return string
            }
            high |= byte
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw error("a control character inside a string (write \\n or \\t)") }
            index += 1
        }
        throw error("unexpected end of file inside a string")
    }

    private mutating func escapedString(from start: Int) throws(JSONSyntaxError) -> String {
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: utf8, as: UTF8.self) else { throw notUTF8() }
                return string
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: String(Character(try unicodeEscape())).utf8)
                default:
                    index -= 1
                    throw error("\\\(Character(Unicode.Scalar(escape))) is not an escape JSON knows (use \\\" \\\\ \\n \\t \\uXXXX)")
                }
            case 0..<0x20:
                index -= 1
                throw error("a control character inside a string (write \\n or \\t)")
            default:
                utf8.append(byte)
            }
        }
        throw error("unexpected end of file inside a string")
    }

    /// \uXXXX, joining a surrogate pair into one scalar.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high) {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("a lone surrogate \\u\(String(high, radix: 16)) (its pair is missing)")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("a surrogate pair that does not match") }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("a lone surrogate \\u\(String(high, radix: 16))") }
        return scalar
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unexpected end of file inside a string") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = hexValue(bytes[index]) else { throw error("\\u needs four hex digits") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: Errors

    private func unexpected(_ expected: String) -> JSONSyntaxError {
        guard index < bytes.count else { return error("unexpected end of file") }
        let byte = bytes[index]
        let shown = (0x21..<0x7F).contains(byte) ? "\"\(Character(Unicode.Scalar(byte)))\"" : String(format: "byte 0x%02X", byte)
        return error("expected \(expected), found \(shown)")
    }

    private func notUTF8() -> JSONSyntaxError {
        var failure = error("a string that is not UTF-8 text")
        failure.notText = true
        return failure
    }

    /// The error at the current position, with its line and column counted now: only
    /// failing reads pay for it.
    private func error(_ problem: String) -> JSONSyntaxError {
        let end = min(index, bytes.count)
        var line = 1, lineStart = 0
        for offset in 0..<end where bytes[offset] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        return JSONSyntaxError(problem: problem, line: line, column: end - lineStart + 1, notText: false)
    }
}
