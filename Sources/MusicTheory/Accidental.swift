/// A chromatic alteration of a letter, from double flat to double sharp.
public enum Accidental: Int, CaseIterable, Sendable, Hashable, Codable {
    case doubleFlat = -2, flat = -1, natural = 0, sharp = 1, doubleSharp = 2

    /// Semitones added to the natural note.
    public var semitones: Int { rawValue }

    /// The ASCII spelling writers type: "bb", "b", "", "#", "##".
    public var ascii: String {
        switch self {
        case .doubleFlat: "bb"
        case .flat: "b"
        case .natural: ""
        case .sharp: "#"
        case .doubleSharp: "##"
        }
    }

    /// The typeset spelling: "𝄫", "♭", "", "♯", "𝄪".
    public var symbol: String {
        switch self {
        case .doubleFlat: "𝄫"
        case .flat: "♭"
        case .natural: ""
        case .sharp: "♯"
        case .doubleSharp: "𝄪"
        }
    }

    /// The accidental worth `semitones`, or nil outside −2…2.
    public init?(semitones: Int) {
        self.init(rawValue: semitones)
    }

    /// Reads one accidental sign: `b ♭ # ♯ 𝄫 𝄪` (a lone `b` is a flat here; callers
    /// decide where a letter ends and a flat begins).
    static func semitones(of character: Character) -> Int? {
        switch character {
        case "b", "♭": -1
        case "#", "♯": 1
        case "𝄫": -2
        case "𝄪": 2
        default: nil
        }
    }
}
