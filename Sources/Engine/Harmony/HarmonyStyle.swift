import SongModel

/// A style's harmonic habits: which chord tends to follow which, how often it loops, how
/// it colours chords, and how it is comped.
///
/// Numerals are written in major-mode terms (I … vii°, ♭VII, ♭VI, iv …), as Hooktheory's
/// counts are: a minor key is generated in its relative major with vi as home, so
/// vi→IV is the same move as i→♭VI. The tables are in `HarmonyStyle+Catalog.swift`.
public struct HarmonyStyle: Sendable, Hashable {
    public var name: String
    public var aliases: [String]
    /// from → to → weight.
    public var transitions: [String: [String: Double]]
    /// Chance that a suggestion is a repeated loop rather than a walk through the model.
    public var loopChance: Double
    /// Chance of a 7th/9th/sus/add9 colour on a chord, before the mood's own.
    public var colour: Double
    /// Colour that the style uses: the suffix per chord quality class.
    public var seventh: Bool
    public var comping: CompingPattern
    /// A fact behind the style's model, quoted in reasons.
    public var fact: String
    /// The writer's own style (`LearnedStyle.harmonyStyle`), named so in labels.
    public var learned = false
    /// How the writer's sections end, as steps ("iv", "I"), used instead of the cadence's
    /// when the request names none.
    public var ending: [String]? = nil

    public static func == (a: HarmonyStyle, b: HarmonyStyle) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Looks a style up by name or alias ("r&b" is soul, "lo-fi" is lofi).
    public static func named(_ text: String) -> HarmonyStyle? {
        let word = text.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
        return all.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// The weights of what follows `step`, falling back to pop's row.
    func row(_ step: String) -> [String: Double] {
        transitions[step] ?? HarmonyStyle.pop.transitions[step] ?? ["I": 1]
    }
}
