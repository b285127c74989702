/// What a chord is built of above its root: "m7", "sus4", "add9".
///
/// Qualities are data (see `ChordQuality+Catalog.swift`): each row holds the symbol
/// Cowrite prints, the other spellings it accepts, the intervals, and how the quality
/// reads in a Roman numeral.
public struct ChordQuality: Sendable, Hashable {
    /// The canonical suffix, printed after the root: "", "m", "7", "maj7", "m7b5".
    public var symbol: String
    /// Other suffixes accepted when parsing ("min", "-", "M7", "Δ7", "ø").
    public var aliases: [String]
    /// Intervals above the root, from P1.
    public var intervals: [Interval]
    /// Whether the numeral is written in upper case (major, dominant, augmented, sus).
    public var isUpperCaseNumeral: Bool
    /// What follows the numeral: "" for a triad, "7", "°", "ø7", "+", "maj7", "sus4".
    public var numeralSuffix: String
    /// A name for people: "minor seventh".
    public var name: String

    /// Whether the chord has a minor third and a perfect fifth (for analysis).
    public var isMinor: Bool { intervals.contains(.m3) && intervals.contains(.P5) }

    /// Whether the chord has a minor third and a diminished fifth (°, ø7, °7).
    public var isDiminished: Bool { intervals.contains(.m3) && intervals.contains(.d5) && !intervals.contains(.M3) }

    /// Semitones over the root (0–11) of the tone that gives the chord its colour of major
    /// or minor: its third, or in a suspended chord the fourth or second that stands for it;
    /// nil for root and fifth alone.
    public var third: Int? {
        let classes = Set(intervals.map { $0.semitones % 12 })
        return [4, 3, 5, 2].first(where: classes.contains)
    }

    /// Whether the chord has no third (sus2, sus4, 7sus4, a power chord).
    public var isSuspended: Bool { third.map { $0 == 5 || $0 == 2 } ?? true }

    /// Looks a quality up by its symbol or an alias.
    public static func named(_ suffix: String) -> ChordQuality? { bySpelling[suffix] }

    /// Looks a quality up by how it reads in a numeral: its case and its suffix.
    public static func numeral(upperCase: Bool, suffix: String) -> ChordQuality? { byNumeral[NumeralSpelling(upperCase: upperCase, suffix: suffix)] }

    /// Every symbol and alias, the first quality in the catalogue that writes it. Why a
    /// table: a chord suggestion parses and names chords many times over, and the
    /// catalogue holds seventy qualities and their aliases to scan each time.
    static let bySpelling = Dictionary(all.flatMap { quality in ([quality.symbol] + quality.aliases).map { ($0, quality) } },
                                       uniquingKeysWith: { first, _ in first })

    struct NumeralSpelling: Hashable { let upperCase: Bool, suffix: String }

    /// Every numeral suffix and its aliases by case, the first quality that reads so.
    static let byNumeral = Dictionary(all.flatMap { quality in
        ([quality.numeralSuffix] + quality.numeralAliases).map { (NumeralSpelling(upperCase: quality.isUpperCaseNumeral, suffix: $0), quality) }
    }, uniquingKeysWith: { first, _ in first })

    /// Whether a typed suffix spells a minor or diminished chord ("m7", "-7", "min9",
    /// "ø", "dim"), as a did-you-mean keeps it.
    static func isMinorSpelling(_ suffix: String) -> Bool {
        (suffix.hasPrefix("m") && !suffix.hasPrefix("ma") && !suffix.hasPrefix("mj")) || suffix.hasPrefix("-") || suffix.hasPrefix("ø")
            || suffix.hasPrefix("dim") || suffix.hasPrefix("°") || suffix.hasPrefix("o")
    }

    /// Numeral suffixes accepted besides the printed one ("o" for "°", "7b5" for "ø7").
    var numeralAliases: [String] {
        switch numeralSuffix {
        case "°": ["o", "dim"]
        case "°7": ["o7", "dim7"]
        case "ø7": ["m7b5", "m7♭5", "ø"]
        case "+": ["aug"]
        // An added sixth reads "Iadd6" (C6), since "I6" is C/E in figured bass; typed, "I6"
        // is still the sixth chord, as chord-scale charts write it.
        case "add6": ["6"]
        default: []
        }
    }
}
