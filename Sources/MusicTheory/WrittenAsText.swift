/// A value stored in session files as the text a writer types: "Cm7", "Eb5", "4/4",
/// "D dorian". Files stay readable and diff well, and reading one back goes through the
/// same parser as the prompt, so both accept exactly the same things.
public protocol WrittenAsText: Codable {
    /// Parses the typed form.
    init(text: String) throws
    /// The typed form.
    var text: String { get }
    /// What a file should hold here, for error messages: "a chord symbol such as \"Cm7\"".
    static var expectation: String { get }
}

extension WrittenAsText {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected \(Self.expectation), found \"\(text)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension Chord: WrittenAsText {
    public init(text: String) throws { try self.init(parsing: text) }
    public var text: String { description }
    public static let expectation = "a chord symbol such as \"Cm7\""
}

extension Pitch: WrittenAsText {
    public init(text: String) throws { try self.init(parsing: text) }
    public var text: String { description }
    public static let expectation = "a pitch such as \"Eb5\""
}

extension Key: WrittenAsText {
    public init(text: String) throws { try self.init(parsing: text) }
    public var text: String { description }
    public static let expectation = "a key such as \"Cm\" or \"D dorian\""
}

extension Meter: WrittenAsText {
    public init(text: String) throws { try self.init(parsing: text) }
    public var text: String { description }
    public static let expectation = "a meter such as \"4/4\" or \"6/8\""
}
