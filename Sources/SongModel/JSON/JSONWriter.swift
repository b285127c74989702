/// Writes a `JSON` tree as session files are written: two-space indents, `"key" : value`,
/// keys sorted by their UTF-8 bytes, slashes unescaped.
///
/// The bytes are the ones `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` (a test compares the two on random songs), so files saved
/// by earlier versions diff cleanly against new saves.
public enum JSONWriter {
    public static func write(_ value: JSON) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSON, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            out.append(0x0A)
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(contentsOf: ",\n".utf8) }
                pad(indent + 2, into: &out)
                write(item, indent: indent + 2, into: &out)
            }
            out.append(0x0A)
            pad(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            out.append(0x0A)
            let sorted = isSorted(members) ? members : members.sorted { precedes($0.key, $1.key) }
            for (position, member) in sorted.enumerated() {
                if position > 0 { out.append(contentsOf: ",\n".utf8) }
                pad(indent + 2, into: &out)
                writeString(member.key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(member.value, indent: indent + 2, into: &out)
            }
            out.append(0x0A)
            pad(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func pad(_ count: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// Byte order, as `JSONEncoder`'s `.sortedKeys` does: "Z" before "_" before "a".
    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The mapping code lists members in order already; only dictionaries need sorting.
    private static func isSorted(_ members: [(key: String, value: JSON)]) -> Bool {
        members.indices.dropFirst().allSatisfy { precedes(members[$0 - 1].key, members[$0].key) }
    }

    /// Quotes and backslashes escaped, control characters as \n \t … or \u00XX; the rest,
    /// "/" and non-ASCII included, as it is.
    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
