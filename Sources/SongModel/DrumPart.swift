import MusicTheory

/// A section's drums (a typed view of its drums part): hits on a grid with their micro-timing kept apart.
public struct DrumPart: Sendable, Hashable, Codable {
    public var hits: [DrumHit]
    /// The style the groove was written in (rock, bossa-nova), if any.
    public var style: DrumStyleName?
    /// How the hits' offsets were made, so that `feel`, `humanize` and `quantize` can
    /// change one ingredient and keep the others. Nil: offsets as written by hand.
    public var timing: GrooveTiming?
    public var provenance: Provenance

    public init(hits: [DrumHit], style: DrumStyleName? = nil, timing: GrooveTiming? = nil, provenance: Provenance) {
        self.hits = hits
        self.style = style
        self.timing = timing
        self.provenance = provenance
    }

    public init?(_ part: Part) {
        guard case .drums(let hits, let style, let timing) = part.content else { return nil }
        self.init(hits: hits, style: style, timing: timing, provenance: part.provenance)
    }

    public var part: Part { Part(content: .drums(hits: hits, style: style, timing: timing), provenance: provenance) }
}

/// The ingredients of a groove's micro-timing: swing, feel and humanizing.
public struct GrooveTiming: Sendable, Hashable, Codable {
    /// Swing ratio (long : short) applied to the off-beats; 1 is straight.
    public var swing: Double
    /// The unit that swings, in ticks: 960 for swung eighths, 480 for swung sixteenths.
    public var swingUnit: Int
    /// Steady per-instrument offsets: on, laid-back, pushed, dragged.
    public var feel: Feel
    /// Humanizing amount 0…1 (σ ≈ 20 ms × amount).
    public var humanize: Double
    /// The exponent of the humanizer's 1/f^α noise.
    public var alpha: Double
    /// The seed of the humanizer's noise.
    public var seed: UInt64
    /// A played feel laid on the hits (`feel SECTION from=…`): where set, it places each
    /// hit instead of swing and feel; the humanizer still adds its noise.
    public var template: GrooveTemplate?

    public init(swing: Double, swingUnit: Int, feel: Feel, humanize: Double, alpha: Double, seed: UInt64,
                template: GrooveTemplate? = nil) {
        self.swing = swing
        self.swingUnit = swingUnit
        self.feel = feel
        self.humanize = humanize
        self.alpha = alpha
        self.seed = seed
        self.template = template
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
