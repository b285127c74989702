import MusicTheory

/// How a section or song should feel. Mood is an input to every generator; the table of
/// what each mood means musically (tempo, mode, chord colours, density, instruments)
/// belongs to the engine. The model stores only the name.
public enum Mood: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic

    public var description: String { rawValue }

    /// Parses a mood name (case-insensitive).
    public init(parsing text: String) throws(SongModelError) {
        guard let mood = Mood(rawValue: text.lowercased()) else {
            throw .unknownMood(text, suggestion: closest(to: text, in: Mood.allCases.map(\.rawValue)))
        }
        self = mood
    }
}
