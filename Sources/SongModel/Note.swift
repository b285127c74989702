import MusicTheory

/// A pitched note in a melody or bass line.
///
/// `start` is the written grid position; `offset` is micro-timing kept apart, so the
/// written line stays editable and the feel can be changed or removed.
public struct Note: Sendable, Hashable, Codable {
    public var start: Ticks
    public var duration: Ticks
    public var pitch: Pitch
    /// MIDI velocity, 1…127.
    public var velocity: Int
    /// Micro-timing in ticks, early (negative) or late (positive).
    public var offset: Ticks

    public static let defaultVelocity = 90

    public init(start: Ticks, duration: Ticks, pitch: Pitch, velocity: Int = Note.defaultVelocity, offset: Ticks = 0) {
        self.start = start
        self.duration = duration
        self.pitch = pitch
        self.velocity = velocity
        self.offset = offset
    }

    /// Where the written note ends.
    public var end: Ticks { start + duration }
}
