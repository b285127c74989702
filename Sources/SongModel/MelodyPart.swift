import MusicTheory

/// A section's melody (or a bass line): notes in order, rests implied by gaps.
public struct MelodyPart: Sendable, Hashable, Codable {
    public var notes: [Note]
    public var provenance: Provenance

    public init(notes: [Note], provenance: Provenance) {
        self.notes = notes
        self.provenance = provenance
    }

    /// Where the last note ends.
    public var end: Ticks { notes.map(\.end).max() ?? 0 }
}

/// A bass line has the shape of a melody; it is a separate type so that each part can
/// grow its own settings (style, lock to the kick) without touching the other.
public struct BassPart: Sendable, Hashable, Codable {
    public var notes: [Note]
    public var provenance: Provenance

    public init(notes: [Note], provenance: Provenance) {
        self.notes = notes
        self.provenance = provenance
    }
}
