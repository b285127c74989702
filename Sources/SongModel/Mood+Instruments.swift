extension Mood {
    /// General MIDI programs a mood suggests for chords, melody, bass and pad (MUSIC.md: sad
    /// songs lean on piano and strings, calm ones on a warm pad under soft keys, energetic ones on
    /// guitars and synth leads, triumphant ones on brass). The engine's mood table and the
    /// render's defaults both read this one column. A melody's instrument holds a note: the
    /// playful mood's had been pizzicato strings, whose held phrase ends died under the band
    /// (a producer measured a chorus's top note, held three beats, 0.6 dB under the clav).
    public var instruments: (chords: Int, melody: Int, bass: Int, pad: Int) {
        switch self {
        case .sad: (0, 48, 32, 89)          // acoustic grand, strings, acoustic bass, warm pad
        case .melancholy: (0, 42, 32, 89)   // piano, cello, acoustic bass, warm pad
        case .calm: (4, 0, 33, 89)          // electric piano, piano, finger bass, warm pad
        case .dreamy: (4, 89, 33, 88)       // electric piano, warm pad, finger bass, new-age pad
        case .hopeful: (0, 73, 33, 89)      // piano, flute, finger bass, warm pad
        case .playful: (12, 71, 33, 89)     // marimba, clarinet, finger bass, warm pad
        case .energetic: (27, 80, 38, 90)   // clean guitar, square lead, synth bass, polysynth pad
        case .tense: (48, 40, 38, 50)       // strings, violin, synth bass, synth strings
        case .dark: (48, 42, 38, 50)        // strings, cello, synth bass, synth strings
        case .triumphant: (61, 56, 32, 48)  // brass section, trumpet, acoustic bass, strings
        case .romantic: (0, 40, 32, 89)     // piano, violin, acoustic bass, warm pad
        case .nostalgic: (4, 24, 33, 89)    // electric piano, nylon guitar, finger bass, warm pad
        }
    }

    /// With no mood: piano, flute, finger bass, warm pad.
    public static let neutralInstruments = (chords: 0, melody: 73, bass: 33, pad: 89)
}
