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

    public init(program: Int? = nil, gain: Double = 0, pan: Double = 0, reverb: Double = 0.25) {
        self.program = program
        self.gain = gain
        self.pan = pan
        self.reverb = reverb
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

    /// Changes the settings of a part.
    public mutating func updateSettings(for part: PartKind, _ change: (inout PartSettings) -> Void) {
        var settings = self.settings(for: part)
        change(&settings)
        var mixer = self.mixer ?? [:]
        mixer[part.rawValue] = settings
        self.mixer = mixer
    }
}
