import SongModel

/// What a mood means musically: one row of the mood table that every generator reads.
///
/// The figures follow MUSIC.md's associations (tempo, mode, harmony, rhythm, timbre).
/// Chord weights multiply the style model's transition weights, so a mood leans the
/// harmony without replacing the style.
public struct MoodProfile: Sendable, Hashable {
    public var mood: Mood
    /// Tempo range in beats per minute.
    public var tempo: ClosedRange<Int>
    /// Preference for minor keys, 0 (major) … 1 (minor), for sketches that choose a key.
    public var minorPreference: Double
    /// Weight for chords of minor quality (m, m7, dim) in the key.
    public var minorChords: Double
    /// Weight for chords of major quality.
    public var majorChords: Double
    /// Weight for chords borrowed from outside the key (iv, ♭VI, ♭VII in major).
    public var borrowed: Double
    /// Weight for dominant-function chords (V, secondary dominants).
    public var dominant: Double
    /// Weight for diminished and suspended colour (tension).
    public var tension: Double
    /// Probability of adding 7ths, 9ths, add9 or sus colour to a chord.
    public var colour: Double
    /// Chords per bar (0.5: one every two bars).
    public var harmonicRhythm: Double
    /// 0 (sparse) … 1 (dense): how busy rhythm parts are.
    public var density: Double
    /// Register: semitones above or below the default.
    public var register: Int
    /// Typical MIDI velocity.
    public var velocity: Int
    /// Styles that suit the mood, best first.
    public var styles: [String]
    /// Drum styles that suit the mood, best first.
    public var grooves: [DrumStyleName] {
        switch mood {
        case .sad, .melancholy, .romantic: [.ballad, .sixEight]
        case .calm: [.ballad, .bossaNova]
        case .dreamy: [.neoSoul, .ballad]
        case .hopeful: [.pop, .rock]
        case .playful: [.funk, .bossaNova]
        case .energetic: [.rock, .drumAndBass, .house]
        case .tense: [.trap, .drumAndBass]
        case .dark: [.trap, .boomBap]
        case .triumphant: [.rock, .pop]
        // Nostalgic songs are written as folk first (`styles`), and so drummed: with the
        // shuffle first, a newcomer's folk-pop song in D took a shuffle and a walking bass,
        // and their typed straight eighths played swung.
        case .nostalgic: [.folk, .shuffle, .boomBap]
        }
    }
    /// Comping that suits the mood.
    public var comping: CompingPattern

    public static func == (a: MoodProfile, b: MoodProfile) -> Bool { a.mood == b.mood }
    public func hash(into hasher: inout Hasher) { hasher.combine(mood) }

    /// The profile of a mood, or the neutral one.
    public static func of(_ mood: Mood?) -> MoodProfile {
        mood.flatMap { all[$0] } ?? neutral
    }
}
