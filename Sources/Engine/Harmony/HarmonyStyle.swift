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
    /// The style whose chord colour this one takes ("jazzy soul": soul's moves, with
    /// jazz's sevenths and ninths on its chords; "bluesy rock": dominant sevenths).
    public var colouredBy: String? = nil

    public static func == (a: HarmonyStyle, b: HarmonyStyle) -> Bool { a.name == b.name && a.colouredBy == b.colouredBy }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(colouredBy)
    }

    /// The words that colour a style with another's chords, and the style each lends: the
    /// prompt's own (`PromptWords`, "jazzy" and "bluesy"), so the two never disagree.
    public static let colourWords: [String: String] = {
        var words: [String: String] = [:]
        for row in PromptWords.table {
            for case .colour(let style) in row.meanings { words[folded(row.phrase)] = style }
        }
        return words
    }()

    /// This style's moves with `other`'s chord colour: as many coloured chords as the more
    /// coloured of the two writes, sevenths where `other` has them, and the blues's
    /// dominant sevenths on every major chord for "bluesy". Why: a producer's "jazzy boom
    /// bap" and "jazzy neo-soul" had drafted the very chords of plain lo-fi and soul, the
    /// word read and dropped.
    public func coloured(by other: HarmonyStyle) -> HarmonyStyle {
        guard other.name != name else { return self }
        var style = self
        style.colour = max(colour, other.colour)
        style.seventh = seventh || other.seventh
        style.colouredBy = other.name
        return style
    }

    /// Whether its major chords take dominant sevenths (the blues, and a style coloured by it).
    var dominantColour: Bool { name == "blues" || colouredBy == "blues" }

    /// The style as `style=` takes it back: "soul", or "jazzy-soul" when coloured.
    public var spelled: String {
        guard let colouredBy, let word = Self.colourWords.first(where: { $0.value == colouredBy })?.key else { return name }
        return "\(word)-\(name)"
    }

    /// "the soul model", "the soul model coloured by jazz", "your “mine” moves".
    var modelName: String {
        learned ? "your “\(name)” moves" : "the \(name) model" + (colouredBy.map { " coloured by \($0)" } ?? "")
    }

    /// Looks a style up by name or alias ("r&b" is soul, "lo-fi" is lofi), or by a genre
    /// a prompt reads as one (`PromptWords`: "synthwave" and "techno" are edm, "punk" is
    /// rock), so `style=` takes every genre the prompt help lists: `style=synthwave` had
    /// been refused while a prompt of the word was read.
    public static func named(_ text: String) -> HarmonyStyle? {
        let word = folded(text)
        if let style = listed(word) ?? genres[word].flatMap(listed) { return style }
        // "jazzy soul", "jazzy-soul", "bluesy rock": the style, coloured.
        for (colourWord, lender) in colourWords where word.hasPrefix(colourWord) && word.count > colourWord.count {
            let rest = String(word.dropFirst(colourWord.count))
            if let style = listed(rest) ?? genres[rest].flatMap(listed), let other = listed(lender) { return style.coloured(by: other) }
        }
        return nil
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
