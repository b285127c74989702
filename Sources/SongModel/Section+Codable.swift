import MusicTheory

/// The `Codable` form of a section, the reference `SessionWriter` and `SessionReader`
/// are held to: each part is a member named after its kind, in its shape's typed view.
extension Section: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ text: String) { stringValue = text }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(name: try container.decode(String.self, forKey: Key("name")), bars: try container.decode(Int.self, forKey: Key("bars")))
        key = try container.decodeIfPresent(MusicTheory.Key.self, forKey: Key("key"))
        tempo = try container.decodeIfPresent(Int.self, forKey: Key("tempo"))
        meter = try container.decodeIfPresent(Meter.self, forKey: Key("meter"))
        mood = try container.decodeIfPresent(Mood.self, forKey: Key("mood"))
        for kind in PartKind.allCases {
            let member = Key(kind.rawValue)
            switch kind.row.shape {
            case .chords: parts[kind] = try container.decodeIfPresent(ChordPart.self, forKey: member)?.part
            case .notes: parts[kind] = try container.decodeIfPresent(LinePart.self, forKey: member)?.part
            case .drums: parts[kind] = try container.decodeIfPresent(DrumPart.self, forKey: member)?.part
            }
        }
        motif = try container.decodeIfPresent([Note].self, forKey: Key("motif"))
        lyrics = try container.decodeIfPresent(Lyrics.self, forKey: Key("lyrics"))
        energy = try container.decodeIfPresent(Double.self, forKey: Key("energy"))
        tension = try container.decodeIfPresent(Double.self, forKey: Key("tension"))
        transition = try container.decodeIfPresent(Transition.self, forKey: Key("transition"))
        handovers = try container.decodeIfPresent([String: Transition].self, forKey: Key("handovers"))
        ending = try container.decodeIfPresent(Transition.self, forKey: Key("ending"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name, forKey: Key("name"))
        try container.encode(bars, forKey: Key("bars"))
        try container.encodeIfPresent(key, forKey: Key("key"))
        try container.encodeIfPresent(tempo, forKey: Key("tempo"))
        try container.encodeIfPresent(meter, forKey: Key("meter"))
        try container.encodeIfPresent(mood, forKey: Key("mood"))
        for (kind, part) in parts {
            let member = Key(kind.rawValue)
            switch part.content {
            case .chords: try container.encodeIfPresent(ChordPart(part), forKey: member)
            case .notes: try container.encodeIfPresent(LinePart(part), forKey: member)
            case .drums: try container.encodeIfPresent(DrumPart(part), forKey: member)
            }
        }
        try container.encodeIfPresent(motif, forKey: Key("motif"))
        try container.encodeIfPresent(lyrics, forKey: Key("lyrics"))
        try container.encodeIfPresent(energy, forKey: Key("energy"))
        try container.encodeIfPresent(tension, forKey: Key("tension"))
        try container.encodeIfPresent(transition, forKey: Key("transition"))
        try container.encodeIfPresent(handovers, forKey: Key("handovers"))
        try container.encodeIfPresent(ending, forKey: Key("ending"))
    }
}
