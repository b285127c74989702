/// A named interval: its quality and number, as musicians say it ("minor third").
///
/// Each case knows its size in semitones and in letters, so transposing by an interval
/// spells the result correctly (C + m3 = E♭, never D♯).
public enum Interval: String, CaseIterable, Sendable, Hashable, Codable {
    case P1, A1, d2, m2, M2, A2, d3, m3, M3, A3, d4, P4, A4, d5, P5, A5, d6, m6, M6, A6
    case d7, m7, M7, P8, m9, M9, A9, m10, M10, P11, A11, P12, m13, M13

    /// Size in semitones.
    public var semitones: Int {
        switch self {
        case .P1, .d2: 0
        case .A1, .m2: 1
        case .M2, .d3: 2
        case .A2, .m3: 3
        case .M3, .d4: 4
        case .A3, .P4: 5
        case .A4, .d5: 6
        case .P5, .d6: 7
        case .A5, .m6: 8
        case .M6, .d7: 9
        case .A6, .m7: 10
        case .M7: 11
        case .P8: 12
        case .m9: 13
        case .M9: 14
        case .A9, .m10: 15
        case .M10: 16
        case .P11: 17
        case .A11: 18
        case .P12: 19
        case .m13: 20
        case .M13: 21
        }
    }

    /// The interval's number (1 for a unison, 3 for a third …).
    /// Every name is one quality letter and its number, so the number is what follows the
    /// letter; read without asking Unicode what a letter is, as chord suggestions ask it
    /// thousands of times.
    public var number: Int {
        rawValue.utf8.dropFirst().reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// Size in letter steps (a third spans two steps: C → E).
    public var letterSteps: Int { number - 1 }

    /// The musician's name: "minor third", "perfect fifth".
    public var name: String {
        let quality: String
        switch rawValue.first {
        case "P": quality = "perfect"
        case "M": quality = "major"
        case "m": quality = "minor"
        case "A": quality = "augmented"
        default: quality = "diminished"
        }
        let ordinals = [1: "unison", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
                        6: "sixth", 7: "seventh", 8: "octave", 9: "ninth", 10: "tenth",
                        11: "eleventh", 12: "twelfth", 13: "thirteenth"]
        return "\(quality) \(ordinals[number] ?? "\(number)th")"
    }

    /// The interval between two spelled notes going up (within an octave), if it has a
    /// name here.
    public static func between(_ lower: NoteName, _ upper: NoteName) -> Interval? {
        let steps = ((upper.letter.rawValue - lower.letter.rawValue) % 7 + 7) % 7
        let semis = ((upper.pitchClass - lower.pitchClass) % 12 + 12) % 12
        return allCases.first { $0.letterSteps == steps && $0.semitones == semis }
    }
}
