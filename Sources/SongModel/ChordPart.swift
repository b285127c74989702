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

    /// The chord sounding at `tick`: nil before the first change and under "N.C.".
    public func chord(at tick: Ticks) -> Chord? {
        changes.last { $0.start <= tick }?.chord
    }

    /// The chords as played, in order, without the places where no chord sounds.
    public var chords: [Chord] { changes.compactMap(\.chord) }
}

/// A chord and where it starts. "No chord" (N.C. on a chart) is a change too: the
/// chords, the pad and the bass stop there until the next change, while the melody and
/// the drums go on — the break a band takes for a sung pickup or a drum fill.
public struct ChordChange: Sendable, Hashable, Codable {
    public var start: Ticks
    /// The chord, or nil for no chord.
    public var chord: Chord?

    public init(start: Ticks, chord: Chord?) {
        self.start = start
        self.chord = chord
    }

    /// How a chart writes no chord.
    public static let noChord = "N.C."

    /// The symbol as written on a chart: "Cm7", or "N.C.".
    public var symbol: String { chord?.description ?? Self.noChord }

    // The `Codable` form is the session file's: no chord is written "N.C.", never left out.
    enum CodingKeys: String, CodingKey { case start, chord }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decode(Ticks.self, forKey: .start)
        let symbol = try container.decode(String.self, forKey: .chord)
        chord = symbol == Self.noChord ? nil : try container.decode(Chord.self, forKey: .chord)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(symbol, forKey: .chord)
    }
}
