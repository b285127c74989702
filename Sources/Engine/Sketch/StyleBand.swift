import SongModel

/// The band a style's sketch plays with, where the words name no instrument for a part: a
/// rock song's chords on a distorted guitar, a folk song's on a steel-string acoustic, a
/// jazz tune's melody on a saxophone. A part a style leaves out, and the pad, keep the
/// mood's instrument (`Mood.instruments`); pop keeps the mood's whole band. Why: a
/// newcomer's "angry punk rock" sketch played its chords on a grand piano and its tune on
/// a flute, and "a nostalgic folk song" its chords on an electric piano.
public enum StyleBand {
    /// Harmony style name → part → General MIDI program (0-based, MUSIC.md's table); for the
    /// drums, the drum kit's program (`DrumKit.kits`).
    public static let table: [String: [PartKind: Int]] = [
        "rock": [.chords: 30, .melody: 29, .bass: 34],       // distortion guitar, overdriven guitar lead, picked bass
        "folk": [.chords: 25, .melody: 40, .bass: 32],       // steel-string guitar, fiddle (violin), acoustic bass
        "ballad": [.chords: 0],                              // piano
        "soul": [.chords: 4, .bass: 33],                     // electric piano, finger bass
        "jazz": [.chords: 0, .melody: 65, .bass: 32, .drums: 32],   // piano, alto sax, upright bass, the jazz kit
        "blues": [.chords: 27, .melody: 22, .bass: 33],      // clean electric guitar, harmonica, finger bass
        // Saw chords, not a polysynth pad: a pad's long release under a pulse kept dozens of
        // voices ringing (an edm sketch rendered in 4.4 s on it, 1.1 s on saw chords).
        "edm": [.chords: 81, .melody: 80, .bass: 38],        // saw chords, square lead, synth bass
        "cinematic": [.chords: 48, .bass: 43],               // strings, contrabass
        "lofi": [.chords: 4, .bass: 33],                     // electric piano, finger bass
    ]

    /// The tonics a style whose band plays its chords on a guitar (rock, folk, blues) draws
    /// its key from (E, A, D, G, C major; E, A, B, D, F♯ minor), or nil for a style that
    /// takes any key. Why: a newcomer's folk sketch came out in A♭ with an E♭7 and a D♭m,
    /// awkward on a guitar and rare in folk songs.
    public static func guitarKeys(style: String, minor: Bool) -> [String]? {
        guard let chords = table[style]?[.chords], Instrument(program: chords).isGuitar else { return nil }
        return openKeys(minor: minor)
    }

    /// The keys a guitar's open strings ring in: E, A, B, D, F♯ minor; C, D, E, G, A major.
    public static func openKeys(minor: Bool) -> [String] { minor ? ["E", "A", "B", "D", "F#"] : ["C", "D", "E", "G", "A"] }

    /// The style's band for the parts `named` (part → program) does not already give an
    /// instrument. The chords never take the melody's sound: where the band's chords would
    /// play the patch the words gave the tune, they go to the electric piano (a synthwave
    /// sketch had played its tune and its chords both on the saw lead, the tune lost in them).
    public static func instruments(style: String?, besides named: [PartKind: Int] = [:]) -> [PartKind: Int] {
        guard let style, var band = table[HarmonyStyle.named(style)?.name ?? style] else { return [:] }
        band = band.filter { named[$0.key] == nil }
        let melody = named[.melody] ?? band[.melody]
        if let chords = band[.chords], chords == melody { band[.chords] = chords == 4 ? 5 : 4 }
        if let tune = band[.melody], tune == named[.chords] { band[.melody] = nil }
        return band
    }

    /// "distortion guitar chords, overdriven guitar melody, pick bass", in the parts' order.
    public static func describe(_ instruments: [PartKind: Int]) -> String {
        PartKind.allCases.compactMap { part in
            instruments[part].map { program in
                if part == .drums { return "\(DrumKit.kitName(program)) kit" }
                // "electric piano", not "electric piano 1": the bank's number says nothing here.
                var name = Instrument(program: program).name.replacingOccurrences(of: "-", with: " ")
                if name.hasSuffix(" 1") || name.hasSuffix(" 2") { name.removeLast(2) }
                return name.hasSuffix(part.rawValue) ? name : "\(name) \(part.rawValue)"
            }
        }.joined(separator: ", ")
    }
}
