import MusicTheory

/// The parts a section can have, by the names writers use.
///
/// Every layer reads what it needs to know about a kind of part from its row in
/// the catalogue (`PartKind+Catalog.swift`): the shape of its content, its MIDI
/// channel and stem, its instrument per mood, whether it follows the drums' timing. A new
/// kind of part is a new case and a new row; the session format, the render, the MIDI
/// file, credits, completion and `accept` follow the row.
public enum PartKind: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    // The order is the order of MIDI tracks, stems and credits; new kinds go last so that
    // files written before them keep their track numbers.
    case chords, melody, bass, drums, pad

    public var description: String { rawValue }

    /// Parses a part name or one of its aliases ("harmony" for chords, "lead" for melody).
    public init(parsing text: String) throws(SongModelError) {
        let word = text.lowercased()
        guard let kind = PartKind(rawValue: word) ?? PartKind.allCases.first(where: { $0.row.aliases.contains(word) }) else {
            throw .unknownPart(text, suggestion: closest(to: text, in: PartKind.allCases.map(\.rawValue)))
        }
        self = kind
    }
}

/// The shape of a part's content: what kind of data it holds.
public enum PartShape: Sendable, Hashable {
    /// Chord changes at ticks, played in a comping pattern.
    case chords
    /// Notes with pitches (a melody, a bass line, a pad's voicings).
    case notes
    /// Drum hits on a grid with their micro-timing.
    case drums
}

/// What every layer needs to know about one kind of part.
public struct PartKindRow: Sendable {
    /// Other words writers use for it ("harmony", "lead").
    public var aliases: [String]
    public var shape: PartShape
    /// MIDI channel, 0-based (drums on 9, channel 10 in General MIDI).
    public var channel: Int
    /// False for drums: no pitch to transpose.
    public var pitched: Bool
    /// True when its micro-timing is coupled to the drums' (re-timed with them).
    public var followsDrums: Bool
    /// The stem file's name, without extension.
    public var stem: String
    /// The help page that explains it (`help PART` shows it, aliases too).
    public var helpTopic: String
    /// What a writer calls one: "bass line", "drums".
    public var noun: String
    /// How to get one, for the message when it is missing (SECTION stands for the section).
    public var howToGet: String
    /// General MIDI program (0-based) for a song's mood (nil: a song with no mood).
    public var program: @Sendable (Mood?) -> Int
    /// Velocities follow the section's energy in the render (chords and drums have their
    /// own dynamics; lines are scaled here).
    public var scaledByEnergy: Bool
    /// Level, pan and reverb until the writer mixes it.
    public var mix = PartSettings()
}
