import MusicTheory

/// A note-shaped part (a melody, a bass line, a pad) as a typed view: notes in order,
/// rests implied by gaps.
public struct LinePart: Sendable, Hashable, Codable {
    public var notes: [Note]
    public var provenance: Provenance

    public init(notes: [Note], provenance: Provenance) {
        self.notes = notes
        self.provenance = provenance
    }

    public init?(_ part: Part) {
        guard case .notes(let notes) = part.content else { return nil }
        self.init(notes: notes, provenance: part.provenance)
    }

    public var part: Part { Part(content: .notes(notes), provenance: provenance) }

    /// Where the last note ends.
    public var end: Ticks { notes.map(\.end).max() ?? 0 }
}

/// The melody and the bass line are both lines of notes.
public typealias MelodyPart = LinePart
public typealias BassPart = LinePart
