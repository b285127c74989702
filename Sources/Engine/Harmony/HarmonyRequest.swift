import MusicTheory
import SongModel

/// What the writer asked for with `chords SECTION …` or `harmonize SECTION …`, every
/// setting resolved.
public struct HarmonyRequest: Sendable, Hashable {
    public var mood: Mood?
    public var style: HarmonyStyle
    public var count: Int
    public var seed: UInt64
    public var cadence: Cadence
    /// Chords per bar: 0.5, 1, 2 or 4.
    public var rate: Double
    /// Whether the cadence is the section's default rather than the writer's: under a
    /// melody (`Harmonizer`), a default cadence whose last chord the melody's last note
    /// clashes with gives way to one whose last chord holds it.
    public var cadenceIsDefault = false

    public init(mood: Mood?, style: HarmonyStyle, count: Int, seed: UInt64, cadence: Cadence, rate: Double) {
        self.mood = mood
        self.style = style
        self.count = count
        self.seed = seed
        self.cadence = cadence
        self.rate = rate
    }

    /// The request at a rate `meter` lays evenly: four chords a bar only where the bar takes
    /// four places (4/4, 2/2, 12/8 …); elsewhere two, changing where the bar's second group
    /// starts (`ProgressionGenerator.slotStart`). Why: at `rate=4` a 7/8 chart had changed
    /// chords 1¾ eighths in, and a 5/4 one printed `| Am F C G |`, which the chart refuses
    /// when typed.
    public func fitting(_ meter: Meter) -> HarmonyRequest {
        guard rate == 4, !ChordChart.places(in: meter).contains(4) else { return self }
        var fitted = self
        fitted.rate = 2
        return fitted
    }

    /// The steps the section ends with: a learned style's own ending, else the cadence's.
    func endingSteps(minor: Bool) -> [String] { style.ending ?? cadence.steps(minor: minor) }

    /// The steps the chart ends with in `frame`'s key: a mode's own cadence (`Cadence.steps(frame:)`)
    /// before a learned style's ending, which was learned in major and minor.
    func endingSteps(frame: TonalFrame) -> [String] {
        frame.modal != nil && style.name != "blues" ? cadence.steps(frame: frame) : endingSteps(minor: frame.isMinor)
    }

    /// The parameters as provenance records them.
    var parameters: [String: String] {
        var parameters = ["mood": mood?.rawValue ?? "none", "style": style.spelled, "n": String(count), "cadence": cadence.rawValue,
                          "rate": rate == rate.rounded() ? String(Int(rate)) : String(rate)]
        if style.learned { parameters["learned"] = style.name }
        return parameters
    }
}

/// What the engine knows about the section it writes for.
public struct HarmonyContext: Sendable {
    public var section: String
    public var key: Key
    public var meter: Meter
    public var bars: Int
    /// Other sections' chords, by name (a chorus contrasts with its verse).
    public var neighbours: [String: [Chord]]
    public var melody: [Note]

    public init(section: String, key: Key, meter: Meter, bars: Int, neighbours: [String: [Chord]] = [:], melody: [Note] = []) {
        self.section = section
        self.key = key
        self.meter = meter
        self.bars = bars
        self.neighbours = neighbours
        self.melody = melody
    }

    /// The context of a section in a song.
    public init(song: Song, section: Section) {
        var neighbours: [String: [Chord]] = [:]
        for other in song.sections where other.name != section.name {
            if let chords = other.chords { neighbours[other.name] = chords.chords }
        }
        self.init(section: section.name, key: song.key(of: section), meter: song.meter(of: section), bars: section.bars,
                  neighbours: neighbours, melody: section.melody?.notes ?? [])
    }
}
