import MusicTheory

/// A section's drums: hits on a grid with their micro-timing kept apart.
public struct DrumPart: Sendable, Hashable, Codable {
    public var hits: [DrumHit]
    /// The style the groove was written in ("rock", "bossa nova"), if any.
    public var style: String?
    public var provenance: Provenance

    public init(hits: [DrumHit], style: String? = nil, provenance: Provenance) {
        self.hits = hits
        self.style = style
        self.provenance = provenance
    }
}

/// One drum hit: a General MIDI drum key (36 kick, 38 snare, 42 closed hat …).
public struct DrumHit: Sendable, Hashable, Codable {
    public var start: Ticks
    public var key: Int
    public var velocity: Int
    /// Micro-timing in ticks, early (negative) or late (positive).
    public var offset: Ticks

    public init(start: Ticks, key: Int, velocity: Int, offset: Ticks = 0) {
        self.start = start
        self.key = key
        self.velocity = velocity
        self.offset = offset
    }
}
