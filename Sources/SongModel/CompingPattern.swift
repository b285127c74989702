import MusicTheory

/// How the chord part is played: the rhythm a keyboard or guitar player would use.
public enum CompingPattern: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// One chord held for its whole length.
    case block
    /// Repeated chords on the eighth notes, accents on the beats.
    case pulse
    /// The chord broken into eighth notes, up and back down.
    case arpeggio
    /// Short chords on the off-beats: syncopated, as in funk, reggae and jazz comping.
    case stabs
    /// The bass note on the downbeat, then the chord rolled and held: a ballad pianist.
    case ballad

    public var description: String { rawValue }

    public init(parsing text: String) throws(SongModelError) {
        guard let pattern = CompingPattern(rawValue: text.lowercased()) else {
            throw .unknownPattern(text, suggestion: closest(to: text, in: CompingPattern.allCases.map(\.rawValue)))
        }
        self = pattern
    }
}
