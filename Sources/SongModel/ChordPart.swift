import MusicTheory

/// The harmony of a section (a typed view of its chords part): chord changes at tick offsets from the section's start.
///
/// A chord lasts until the next change or the section's end. Each bar that starts with a
/// chord has a change there, so a repeated bar ("%") strikes its chord again, as a
/// player would.
public struct ChordPart: Sendable, Hashable, Codable {
    public var changes: [ChordChange]
    /// How the chords are played; nil plays them as held blocks.
    public var comping: CompingPattern?
    public var provenance: Provenance

    public init(changes: [ChordChange], comping: CompingPattern? = nil, provenance: Provenance) {
        self.changes = changes
        self.comping = comping
        self.provenance = provenance
    }

    public init?(_ part: Part) {
        guard case .chords(let changes, let comping) = part.content else { return nil }
        self.init(changes: changes, comping: comping, provenance: part.provenance)
    }

    public var part: Part { Part(content: .chords(changes: changes, comping: comping), provenance: provenance) }

    /// The chords that start in each bar, for `bars` bars of `meter`.
    public func bars(_ bars: Int, meter: Meter) -> [[ChordChange]] {
        (0..<bars).map { bar in
            let range = (bar * meter.ticksPerBar)..<((bar + 1) * meter.ticksPerBar)
            return changes.filter { range.contains($0.start) }
        }
    }

    /// The chord sounding at `tick`, if any.
    public func chord(at tick: Ticks) -> Chord? {
        changes.last { $0.start <= tick }?.chord
    }
}

/// A chord and where it starts.
public struct ChordChange: Sendable, Hashable, Codable {
    public var start: Ticks
    public var chord: Chord

    public init(start: Ticks, chord: Chord) {
        self.start = start
        self.chord = chord
    }
}
