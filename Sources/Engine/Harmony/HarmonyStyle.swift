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

    /// Looks a style up by name or alias ("r&b" is soul, "lo-fi" is lofi), or by a genre
    /// a prompt reads as one (`PromptWords`: "synthwave" and "techno" are edm, "punk" is
    /// rock), so `style=` takes every genre the prompt help lists: `style=synthwave` had
    /// been refused while a prompt of the word was read.
    public static func named(_ text: String) -> HarmonyStyle? {
        let word = folded(text)
        return listed(word) ?? genres[word].flatMap(listed)
    }

    /// Whether `text` names a style only as a genre of the prompt's ("synthwave"), not by
    /// its name or alias: a writer's learned style of that name comes first.
    public static func isGenre(_ text: String) -> Bool {
        let word = folded(text)
        return listed(word) == nil && genres[word] != nil
    }

    /// A style by its own name or an alias, `word` folded.
    private static func listed(_ word: String) -> HarmonyStyle? { all.first { $0.name == word || $0.aliases.contains(word) } }

    /// A style word as names and aliases are kept: lower case, no hyphens or spaces.
    private static func folded(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
    }

    /// The prompt's genre words (folded), each with the one style it reads as.
    static let genres: [String: String] = {
        var genres: [String: String] = [:]
        for row in PromptWords.table {
            let styles = row.meanings.compactMap { if case .style(let name, _) = $0 { name } else { nil } }
            if styles.count == 1 { genres[folded(row.phrase)] = styles[0] }
        }
        return genres
    }()

    /// The weights of what follows `step`, falling back to pop's row.
    func row(_ step: String) -> [String: Double] {
        transitions[step] ?? HarmonyStyle.pop.transitions[step] ?? ["I": 1]
    }
}
