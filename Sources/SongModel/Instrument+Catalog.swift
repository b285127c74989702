extension Instrument {
    /// The 128 General MIDI Level 1 melodic programs, in program order (0-based).
    public static let generalMIDI: [String] = [
        "acoustic-grand-piano", "bright-acoustic-piano", "electric-grand-piano", "honky-tonk-piano",
        "electric-piano-1", "electric-piano-2", "harpsichord", "clavinet",
        "celesta", "glockenspiel", "music-box", "vibraphone", "marimba", "xylophone", "tubular-bells", "dulcimer",
        "drawbar-organ", "percussive-organ", "rock-organ", "church-organ", "reed-organ", "accordion", "harmonica",
        "tango-accordion",
        "nylon-guitar", "steel-guitar", "jazz-guitar", "clean-guitar", "muted-guitar", "overdriven-guitar",
        "distortion-guitar", "guitar-harmonics",
        "acoustic-bass", "finger-bass", "pick-bass", "fretless-bass", "slap-bass-1", "slap-bass-2",
        "synth-bass-1", "synth-bass-2",
        "violin", "viola", "cello", "contrabass", "tremolo-strings", "pizzicato-strings", "orchestral-harp", "timpani",
        "string-ensemble-1", "string-ensemble-2", "synth-strings-1", "synth-strings-2", "choir-aahs", "voice-oohs",
        "synth-voice", "orchestra-hit",
        "trumpet", "trombone", "tuba", "muted-trumpet", "french-horn", "brass-section", "synth-brass-1", "synth-brass-2",
        "soprano-sax", "alto-sax", "tenor-sax", "baritone-sax", "oboe", "english-horn", "bassoon", "clarinet",
        "piccolo", "flute", "recorder", "pan-flute", "blown-bottle", "shakuhachi", "whistle", "ocarina",
        "square-lead", "sawtooth-lead", "calliope-lead", "chiff-lead", "charang-lead", "voice-lead", "fifths-lead",
        "bass-and-lead",
        "new-age-pad", "warm-pad", "polysynth-pad", "choir-pad", "bowed-pad", "metallic-pad", "halo-pad", "sweep-pad",
        "rain", "soundtrack", "crystal", "atmosphere", "brightness", "goblins", "echoes", "sci-fi",
        "sitar", "banjo", "shamisen", "koto", "kalimba", "bagpipe", "fiddle", "shanai",
        "tinkle-bell", "agogo", "steel-drums", "woodblock", "taiko-drum", "melodic-tom", "synth-drum", "reverse-cymbal",
        "guitar-fret-noise", "breath-noise", "seashore", "bird-tweet", "telephone-ring", "helicopter", "applause",
        "gunshot",
    ]

    /// Short names writers reach for first.
    public static let shortNames: [String: Int] = [
        "piano": 0, "grand": 0, "epiano": 4, "electric-piano": 4, "rhodes": 4, "vibes": 11, "marimba": 12,
        "organ": 16, "nylon": 24, "guitar": 25, "acoustic-guitar": 25, "jazz-guitar": 26, "electric-guitar": 27,
        "bass": 33, "upright-bass": 32, "synth-bass": 38, "violin": 40, "cello": 42, "pizzicato": 45, "harp": 46,
        "strings": 48, "choir": 52, "trumpet": 56, "horn": 60, "brass": 61, "sax": 65, "flute": 73,
        "lead": 80, "synth-lead": 81, "pad": 89,
        // The 808's sub bass, as producers call it (a prompt's "808" is this bass already).
        "808": 38, "808-bass": 38, "sub-bass": 38,
    ]
}
