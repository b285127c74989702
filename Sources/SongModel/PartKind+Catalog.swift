/// The catalogue of part kinds: one row per kind. A switch, so that a new case without a
/// row does not compile.
extension PartKind {
    /// This kind's row in the catalogue.
    public var row: PartKindRow {
        switch self {
        case .chords: PartKind.chordsRow
        case .melody: PartKind.melodyRow
        case .bass: PartKind.bassRow
        case .drums: PartKind.drumsRow
        case .pad: PartKind.padRow
        }
    }

    static let chordsRow = PartKindRow(
        aliases: ["harmony", "comping", "keys"], shape: .chords, channel: 0, pitched: true, followsDrums: false,
        stem: "chords", helpTopic: "chords", noun: "chords",
        howToGet: "write them with `chords SECTION = | … |` or ask with `chords SECTION`",
        program: { ($0?.instruments ?? Mood.neutralInstruments).chords }, scaledByEnergy: false)
    static let melodyRow = PartKindRow(
        aliases: ["lead", "tune", "vocal"], shape: .notes, channel: 1, pitched: true, followsDrums: false,
        stem: "melody", helpTopic: "melody", noun: "melody",
        howToGet: "write one with `melody SECTION = …` or ask with `melody SECTION`",
        program: { ($0?.instruments ?? Mood.neutralInstruments).melody }, scaledByEnergy: true)
    static let bassRow = PartKindRow(
        aliases: ["bassline"], shape: .notes, channel: 2, pitched: true, followsDrums: true,
        stem: "bass", helpTopic: "bass", noun: "bass line",
        howToGet: "ask with `bass SECTION`",
        program: { ($0?.instruments ?? Mood.neutralInstruments).bass }, scaledByEnergy: true)
    static let drumsRow = PartKindRow(
        aliases: ["kit", "beat", "groove"], shape: .drums, channel: 9, pitched: false, followsDrums: true,
        stem: "drums", helpTopic: "groove", noun: "drums",
        howToGet: "ask with `groove SECTION` or write hits with `hit SECTION kick 1.1`",
        program: { _ in 0 }, scaledByEnergy: false)
    static let padRow = PartKindRow(
        aliases: ["pads", "strings-pad"], shape: .notes, channel: 3, pitched: true, followsDrums: false,
        stem: "pad", helpTopic: "pad", noun: "pad",
        howToGet: "ask with `pad SECTION` (it follows the chords)",
        program: { ($0?.instruments ?? Mood.neutralInstruments).pad }, scaledByEnergy: true,
        // A sustained pad sounds far louder than its velocity says next to struck parts:
        // it starts 8 dB down, wetter, so it sits under the tune.
        mix: PartSettings(gain: -8, reverb: 0.4))
}
