import MusicTheory

/// How one part sounds in the render: its instrument and its place in the mix.
public struct PartSettings: Sendable, Hashable, Codable {
    /// General MIDI program (0-based); nil: chosen from the mood.
    public var program: Int?
    /// Level in dB, −60…+12.
    public var gain: Double
    /// −1 (left) … +1 (right).
    public var pan: Double
    /// Reverb send, 0…1.
    public var reverb: Double
    /// The writer set the level (`mix PART gain=…`), so the render's balance leaves it,
    /// even at the part's default gain: `mix melody gain=0` holds the melody where it is
    /// synthesized, which a writer asking for 0 dB means. `gain=auto` hands it back.
    /// (Sessions from before it held a level only when the gain differed from the default,
    /// and still do.)
    public var held: Bool

    public init(program: Int? = nil, gain: Double = 0, pan: Double = 0, reverb: Double = 0.25, held: Bool = false) {
        self.program = program
        self.gain = gain
        self.pan = pan
        self.reverb = reverb
        self.held = held
    }

    private enum CodingKeys: String, CodingKey { case program, gain, pan, reverb, held }

    /// `held` is written only when true, so a session whose levels the render balances
    /// keeps the bytes it had before levels could be held, and one from before reads as
    /// not held.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        program = try container.decodeIfPresent(Int.self, forKey: .program)
        gain = try container.decode(Double.self, forKey: .gain)
        pan = try container.decode(Double.self, forKey: .pan)
        reverb = try container.decode(Double.self, forKey: .reverb)
        held = try container.decodeIfPresent(Bool.self, forKey: .held) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(program, forKey: .program)
        try container.encode(gain, forKey: .gain)
        try container.encode(pan, forKey: .pan)
        try container.encode(reverb, forKey: .reverb)
        if held { try container.encode(true, forKey: .held) }
    }

    public static let gainRange = -60.0...12.0
    public static let panRange = -1.0...1.0
    public static let reverbRange = 0.0...1.0
}

extension Song {
    /// The settings of a part: what the writer set, or its kind's defaults.
    public func settings(for part: PartKind) -> PartSettings {
        mixer?[part.rawValue] ?? part.row.mix
    }

    /// The General MIDI program `part` plays: the writer's, else the song's mood's choice.
    public func program(of part: PartKind) -> Int { settings(for: part).program ?? part.row.program(mood) }

    /// Whether the writer set a part's level, so the render's balance leaves it: held by a
    /// typed gain, or (in sessions from before `held`) a gain other than the part's default.
    public func levelSetByWriter(_ part: PartKind) -> Bool {
        mixer?[part.rawValue].map { $0.held || $0.gain != part.row.mix.gain } ?? false
    }

    /// Changes the settings of a part.
    public mutating func updateSettings(for part: PartKind, _ change: (inout PartSettings) -> Void) {
        var settings = self.settings(for: part)
        change(&settings)
        var mixer = self.mixer ?? [:]
        mixer[part.rawValue] = settings
        self.mixer = mixer
    }
}
