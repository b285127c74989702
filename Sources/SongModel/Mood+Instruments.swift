extension Mood {
    /// General MIDI programs a mood suggests for chords, melody and bass (MUSIC.md: sad
    /// songs lean on piano and strings, calm ones on pads and soft piano, energetic ones on
    /// guitars and synth leads, triumphant ones on brass). The engine's mood table and the
    /// render's defaults both read this one column.
    public var instruments: (chords: Int, melody: Int, bass: Int) {
        switch self {
        case .sad: (0, 48, 32)          // acoustic grand, strings, acoustic bass
        case .melancholy: (0, 42, 32)   // piano, cello, acoustic bass
        case .calm: (89, 0, 33)         // warm pad, piano, finger bass
        case .dreamy: (4, 89, 33)       // electric piano, warm pad, finger bass
        case .hopeful: (0, 73, 33)      // piano, flute, finger bass
        case .playful: (12, 45, 33)     // marimba, pizzicato, finger bass
        case .energetic: (27, 80, 38)   // clean guitar, square lead, synth bass
        case .tense: (48, 40, 38)       // strings, violin, synth bass
        case .dark: (48, 42, 38)        // strings, cello, synth bass
        case .triumphant: (61, 56, 32)  // brass section, trumpet, acoustic bass
        case .romantic: (0, 40, 32)     // piano, violin, acoustic bass
        case .nostalgic: (4, 24, 33)    // electric piano, nylon guitar, finger bass
        }
    }

    /// With no mood: piano, flute, finger bass.
    public static let neutralInstruments = (chords: 0, melody: 73, bass: 33)
}
