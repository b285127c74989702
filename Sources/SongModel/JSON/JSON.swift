/// A JSON document as a tree, the form session files are read into and written from.
///
/// Session files are read and written by hand rather than through `JSONEncoder` and
/// `JSONDecoder`: a 200-section song of 10,000 notes took over 130 ms each way through
/// Codable, most of it in keyed-container bookkeeping and Unicode-aware key sorting.
/// Numbers keep their text, so a 64-bit seed or a tick count is read exactly, never
/// through a Double. Objects keep their members in order as a list: a session's
/// objects have a handful of keys, where a list beats a hash table.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number as written, e.g. "-12", "0.25", "1e+16".
    case number(String)
    case string(String)
    case array([JSON])
    case object([(key: String, value: JSON)])

    /// A whole number, written as JSON writes it.
    public static func int<I: BinaryInteger>(_ value: I) -> JSON { .number(String(value)) }

    /// A Double in its shortest round-trip form, "0.25", "1e-07"; a whole value loses
    /// its ".0", as `JSONEncoder` writes it.
    public static func double(_ value: Double) -> JSON {
        let text = value.description
        return .number(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
    }

    /// The member `key` of an object; nil when absent or when this is not an object.
    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}
