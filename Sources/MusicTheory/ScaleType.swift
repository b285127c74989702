/// A scale or mode as a pattern of intervals above its tonic.
///
/// The catalogue lives in `ScaleType+Catalog.swift`. Seven-note scales are spelled one
/// letter per degree; the pentatonic and blues scales are spelled by their intervals.
public struct ScaleType: Sendable, Hashable {
    /// The name a writer types: "major", "dorian", "minor-pentatonic".
    public var name: String
    /// Other names accepted when parsing ("ionian", "aeolian", "minor").
    public var aliases: [String]
    /// Intervals above the tonic, starting with P1.
    public var intervals: [Interval]

    public init(name: String, aliases: [String] = [], intervals: [Interval]) {
        self.name = name
        self.aliases = aliases
        self.intervals = intervals
    }

    /// Semitones above the tonic for each degree.
    public var semitones: [Int] { intervals.map(\.semitones) }

    /// Whether the scale has a minor third above its tonic (for naming keys "Cm").
    public var isMinor: Bool { intervals.contains(.m3) && !intervals.contains(.M3) }

    /// True for the seven-note scales a key can be built on.
    public var isHeptatonic: Bool { intervals.count == 7 }

    /// Looks a scale up by name or alias (case-insensitive; spaces, hyphens and
    /// underscores are the same).
    public static func named(_ text: String) -> ScaleType? {
        let wanted = normalised(text)
        return all.first { type in
            normalised(type.name) == wanted || type.aliases.contains { normalised($0) == wanted }
        }
    }

    static func normalised(_ text: String) -> String {
        String(text.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
    }
}
