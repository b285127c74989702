/// The catalogue of part kinds: one row per kind.
extension PartKind {
    static let catalogue: [PartKind: PartKindRow] = [
        .chords: PartKindRow(
            aliases: ["harmony", "comping", "keys"], shape: .chords, channel: 0, pitched: true, followsDrums: false,
            stem: "chords", helpTopic: "chords", summary: "the harmony, comped on keys or guitar", noun: "chords",
            howToGet: "write them with `chords SECTION = | … |` or ask with `chords SECTION`",
            program: { ($0?.instruments ?? Mood.neutralInstruments).chords }, scaledByEnergy: false),
        .melody: PartKindRow(
            aliases: ["lead", "tune", "vocal"], shape: .notes, channel: 1, pitched: true, followsDrums: false,
            stem: "melody", helpTopic: "melody", summary: "the tune", noun: "melody",
            howToGet: "write one with `melody SECTION = …` or ask with `melody SECTION`",
            program: { ($0?.instruments ?? Mood.neutralInstruments).melody }, scaledByEnergy: true),
        .bass: PartKindRow(
            aliases: ["bassline"], shape: .notes, channel: 2, pitched: true, followsDrums: true,
            stem: "bass", helpTopic: "bass", summary: "the bass line, its timing coupled to the drums", noun: "bass line",
            howToGet: "ask with `bass SECTION`",
            program: { ($0?.instruments ?? Mood.neutralInstruments).bass }, scaledByEnergy: true),
        .drums: PartKindRow(
            aliases: ["kit", "beat", "groove"], shape: .drums, channel: 9, pitched: false, followsDrums: true,
            stem: "drums", helpTopic: "grooves", summary: "the drum kit, with human micro-timing", noun: "drums",
            howToGet: "ask with `groove SECTION` or write hits with `hit SECTION kick 1.1`",
            program: { _ in 0 }, scaledByEnergy: false),
        .pad: PartKindRow(
            aliases: ["pads", "strings-pad"], shape: .notes, channel: 3, pitched: true, followsDrums: false,
            stem: "pad", helpTopic: "pad", summary: "sustained chord tones under the song", noun: "pad",
            howToGet: "ask with `pad SECTION` (it follows the chords)",
            program: { ($0?.instruments ?? Mood.neutralInstruments).pad }, scaledByEnergy: true,
            // A sustained pad sounds far louder than its velocity says next to struck
            // parts: it starts 8 dB down, wetter, so it sits under the tune.
            mix: PartSettings(gain: -8, reverb: 0.4)),
    ]

    /// Never used: every case has a row, which a test checks.
    static let fallback = PartKindRow(aliases: [], shape: .notes, channel: 0, pitched: true, followsDrums: false, stem: "part",
                                      helpTopic: "parts", summary: "", noun: "part", howToGet: "", program: { _ in 0 }, scaledByEnergy: false)
}
