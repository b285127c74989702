import MusicTheory

/// How a section or song should feel. Mood is an input to every generator; the table of
/// what each mood means musically (tempo, mode, chord colours, density, instruments)
/// belongs to the engine. The model stores only the name.
public enum Mood: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic

    public var description: String { rawValue }

    /// Parses a mood name or one of its synonyms (case-insensitive): `happy` is hopeful,
    /// `bittersweet` nostalgic. Whoever shows the result says which mood a synonym became.
    public init(parsing text: String) throws(SongModelError) {
        let word = text.lowercased()
        guard let mood = Mood(rawValue: word) ?? Mood.synonyms[word] else {
            // A synonym is suggested with the mood it reads as, since the list that follows
            // names only the moods ("did you mean happy (hopeful)?").
            let near = closest(to: word, in: Mood.allCases.map(\.rawValue) + Mood.synonyms.keys.sorted())
            throw .unknownMood(text, suggestion: near.map { word in Mood.synonyms[word].map { "\(word) (\($0.rawValue))" } ?? word })
        }
        self = mood
    }

    /// Words writers use for a mood, each read as one of the twelve. One table: `mood=`
    /// everywhere and the prompt reader both use it.
    public static let synonyms: [String: Mood] = [
        "happy": .hopeful, "uplifting": .hopeful, "optimistic": .hopeful, "bright": .hopeful, "brighter": .hopeful, "upbeat": .hopeful,
        "cheerful": .playful, "sunny": .playful, "fun": .playful, "quirky": .playful,
        "bouncy": .playful, "silly": .playful, "whimsical": .playful,
        "bittersweet": .nostalgic, "wistful": .nostalgic, "longing": .nostalgic, "yearning": .nostalgic, "sentimental": .nostalgic,
        "retro": .nostalgic, "vintage": .nostalgic, "homesick": .nostalgic, "dusty": .nostalgic,
        "sorrowful": .sad, "heartbroken": .sad, "grieving": .sad, "mournful": .sad, "tragic": .sad,
        "lonely": .melancholy, "blue": .melancholy, "gloomy": .melancholy, "somber": .melancholy, "sombre": .melancholy,
        "pensive": .melancholy, "moody": .melancholy, "rainy": .melancholy,
        "peaceful": .calm, "serene": .calm, "relaxed": .calm, "relaxing": .calm, "chill": .calm, "mellow": .calm, "soothing": .calm,
        "gentle": .calm, "soft": .calm, "quiet": .calm,
        "ethereal": .dreamy, "floating": .dreamy, "hazy": .dreamy, "spacey": .dreamy, "magical": .dreamy, "nocturnal": .dreamy,
        "exciting": .energetic, "driving": .energetic, "powerful": .energetic, "intense": .energetic, "aggressive": .energetic,
        "danceable": .energetic,
        "anthemic": .triumphant, "epic": .triumphant, "heroic": .triumphant, "victorious": .triumphant, "majestic": .triumphant,
        "celebratory": .triumphant, "inspiring": .triumphant, "inspirational": .triumphant,
        // Joy as a hymn or a worship song's last chorus sings it: big and glad, not bouncy
        // (a band leader's "end joyful" had been read as playful).
        "joyful": .triumphant, "joyous": .triumphant, "jubilant": .triumphant, "exultant": .triumphant, "glorious": .triumphant,
        "prayerful": .calm, "reverent": .calm, "devotional": .calm, "contemplative": .calm, "reflective": .calm,
        "suspenseful": .tense, "anxious": .tense, "nervous": .tense, "urgent": .tense, "edgy": .tense, "restless": .tense,
        "eerie": .dark, "spooky": .dark, "haunted": .dark, "foreboding": .dark, "scary": .dark, "threatening": .dark,
        "dread": .dark, "noir": .dark,
        "bleak": .melancholy, "desolate": .melancholy, "wintry": .melancholy, "forlorn": .melancholy, "lonesome": .melancholy,
        "melancholic": .melancholy, "hopeless": .sad, "despairing": .sad, "thrilling": .tense, "dramatic": .tense,
        "darker": .dark, "ominous": .dark, "menacing": .dark, "brooding": .dark, "sinister": .dark, "haunting": .dark, "creepy": .dark, "gothic": .dark,
        "loving": .romantic, "tender": .romantic, "intimate": .romantic, "sensual": .romantic, "sweet": .romantic, "warm": .romantic,
    ]
}
