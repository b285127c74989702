import MusicTheory

/// One part of a section: what it plays, and who wrote it.
///
/// Sections keep their parts by kind (`Section.parts`); the content's shape is the one
/// the kind's catalogue row names. `ChordPart`, `LinePart` and `DrumPart` are typed views
/// of a part for code that works with one shape.
public struct Part: Sendable, Hashable {
    public var content: PartContent
    public var provenance: Provenance

    public init(content: PartContent, provenance: Provenance) {
        self.content = content
        self.provenance = provenance
    }

    /// How many notes, hits or chord changes it holds (what `Limits.events` counts).
    public var eventCount: Int { content.eventCount }
}

/// What a part plays, in one of the three shapes.
public enum PartContent: Sendable, Hashable {
    case chords(changes: [ChordChange], comping: CompingPattern?)
    case notes([Note])
    case drums(hits: [DrumHit], style: DrumStyleName?, timing: GrooveTiming?)

    public var shape: PartShape {
        switch self {
        case .chords: .chords
        case .notes: .notes
        case .drums: .drums
        }
    }

    public var eventCount: Int {
        switch self {
        case .chords(let changes, _): changes.count
        case .notes(let notes): notes.count
        case .drums(let hits, _, _): hits.count
        }
    }

    /// True when nothing is left to play (a part with no events is removed).
    public var isEmpty: Bool { eventCount == 0 }

    /// The notes of a note-shaped part.
    public var notes: [Note]? {
        if case .notes(let notes) = self { return notes }
        return nil
    }
}
