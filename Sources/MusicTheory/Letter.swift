/// One of the seven note letters.
///
/// Spelling in Western notation is letter-first: a seven-note scale uses each letter
/// once, and an interval's number is counted in letters. Keeping the letter apart from
/// the pitch is what lets Cowrite print F♯ major with an E♯ rather than an F.
public enum Letter: Int, CaseIterable, Sendable, Hashable, Codable {
    case C, D, E, F, G, A, B

    /// The pitch class of the natural note (C = 0 … B = 11).
    public var naturalPitchClass: Int {
        switch self {
        case .C: 0
        case .D: 2
        case .E: 4
        case .F: 5
        case .G: 7
        case .A: 9
        case .B: 11
        }
    }

    /// The letter `steps` letters above this one (negative steps go down), wrapping.
    public func advanced(by steps: Int) -> Letter {
        let count = Letter.allCases.count
        return Letter(rawValue: ((rawValue + steps) % count + count) % count) ?? .C
    }

    /// The letter as written: "C" … "B". A table, not `String(describing:)`: reflection
    /// cost a fifth of a 10,000-note session save.
    public var name: String { Letter.names[rawValue] }

    private static let names = ["C", "D", "E", "F", "G", "A", "B"]

    /// Parses an upper- or lower-case letter.
    public init?(character: Character) {
        switch character {
        case "C", "c": self = .C
        case "D", "d": self = .D
        case "E", "e": self = .E
        case "F", "f": self = .F
        case "G", "g": self = .G
        case "A", "a": self = .A
        case "B", "b": self = .B
        default: return nil
        }
    }
}
