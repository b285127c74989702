import SongModel

/// Default General MIDI programs per part, by mood (MUSIC.md: sad songs lean on piano and
/// strings, calm ones on pads and soft piano, energetic ones on guitars and synth leads,
/// triumphant ones on brass and strings).
enum DefaultInstruments {
    /// chords, melody, bass programs for each mood.
    static let table: [Mood: (chords: Int, melody: Int, bass: Int)] = [
        .sad: (0, 48, 32),          // acoustic grand, strings, acoustic bass
        .melancholy: (0, 42, 32),   // piano, cello, acoustic bass
        .calm: (89, 0, 33),         // warm pad, piano, finger bass
        .dreamy: (4, 89, 33),       // electric piano, warm pad, finger bass
        .hopeful: (0, 73, 33),      // piano, flute, finger bass
        .playful: (12, 45, 33),     // marimba, pizzicato, finger bass
        .energetic: (27, 80, 38),   // clean guitar, square lead, synth bass
        .tense: (48, 40, 38),       // strings, violin, synth bass
        .dark: (48, 42, 38),        // strings, cello, synth bass
        .triumphant: (61, 56, 32),  // brass section, trumpet, acoustic bass
        .romantic: (0, 40, 32),     // piano, violin, acoustic bass
        .nostalgic: (4, 24, 33),    // electric piano, nylon guitar, finger bass
    ]

    /// With no mood: piano, flute, finger bass.
    static let neutral = (chords: 0, melody: 73, bass: 33)

    static func program(for part: PartKind, mood: Mood?) -> Int {
        let row = mood.flatMap { table[$0] } ?? neutral
        switch part {
        case .chords: return row.chords
        case .melody: return row.melody
        case .bass: return row.bass
        case .drums: return 0
        }
    }

    /// Programs that sustain like a piano when the pedal is down.
    static func isKeyboard(_ program: Int) -> Bool { (0...7).contains(program) }
}
