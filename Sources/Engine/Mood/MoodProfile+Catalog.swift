import SongModel

extension MoodProfile {
    /// The mood table (MUSIC.md, "Mood"): one row per mood.
    static let table: [MoodProfile] = [
        MoodProfile(mood: .sad, tempo: 60...80, minorPreference: 0.85, minorChords: 2.4, majorChords: 0.7, borrowed: 1.6,
                    dominant: 0.8, tension: 0.9, colour: 0.25, harmonicRhythm: 1, density: 0.25, register: -3, velocity: 62,
                    styles: ["ballad", "cinematic", "folk"], comping: .ballad),
        MoodProfile(mood: .melancholy, tempo: 66...90, minorPreference: 0.75, minorChords: 2.0, majorChords: 0.8, borrowed: 1.4,
                    dominant: 0.85, tension: 1.0, colour: 0.35, harmonicRhythm: 1, density: 0.3, register: -2, velocity: 64,
                    styles: ["ballad", "lofi", "folk"], comping: .arpeggio),
        MoodProfile(mood: .calm, tempo: 66...96, minorPreference: 0.2, minorChords: 1.0, majorChords: 1.2, borrowed: 0.8,
                    dominant: 0.7, tension: 0.5, colour: 0.5, harmonicRhythm: 0.5, density: 0.2, register: 0, velocity: 58,
                    styles: ["ballad", "lofi", "folk"], comping: .block),
        MoodProfile(mood: .dreamy, tempo: 70...100, minorPreference: 0.3, minorChords: 1.1, majorChords: 1.1, borrowed: 1.2,
                    dominant: 0.5, tension: 0.8, colour: 0.7, harmonicRhythm: 0.5, density: 0.3, register: 3, velocity: 60,
                    styles: ["lofi", "cinematic", "ballad"], comping: .arpeggio),
        MoodProfile(mood: .hopeful, tempo: 90...120, minorPreference: 0.15, minorChords: 0.9, majorChords: 1.4, borrowed: 1.0,
                    dominant: 1.1, tension: 0.6, colour: 0.35, harmonicRhythm: 1, density: 0.5, register: 2, velocity: 76,
                    styles: ["pop", "folk", "rock"], comping: .pulse),
        MoodProfile(mood: .playful, tempo: 100...140, minorPreference: 0.1, minorChords: 0.8, majorChords: 1.4, borrowed: 0.7,
                    dominant: 1.5, tension: 0.7, colour: 0.3, harmonicRhythm: 2, density: 0.7, register: 4, velocity: 80,
                    styles: ["pop", "soul", "jazz"], comping: .stabs),
        MoodProfile(mood: .energetic, tempo: 118...150, minorPreference: 0.35, minorChords: 0.9, majorChords: 1.3, borrowed: 1.3,
                    dominant: 1.2, tension: 0.8, colour: 0.15, harmonicRhythm: 1, density: 0.9, register: 2, velocity: 96,
                    styles: ["rock", "edm", "pop"], comping: .pulse),
        MoodProfile(mood: .tense, tempo: 96...140, minorPreference: 0.7, minorChords: 1.4, majorChords: 0.8, borrowed: 1.3,
                    dominant: 1.6, tension: 2.2, colour: 0.3, harmonicRhythm: 2, density: 0.75, register: 0, velocity: 84,
                    styles: ["cinematic", "rock", "edm"], comping: .pulse),
        MoodProfile(mood: .dark, tempo: 60...110, minorPreference: 0.95, minorChords: 1.9, majorChords: 0.7, borrowed: 1.7,
                    dominant: 0.9, tension: 1.5, colour: 0.2, harmonicRhythm: 1, density: 0.4, register: -5, velocity: 74,
                    styles: ["cinematic", "rock", "edm"], comping: .block),
        MoodProfile(mood: .triumphant, tempo: 96...126, minorPreference: 0.1, minorChords: 0.45, majorChords: 1.6, borrowed: 1.4,
                    dominant: 1.3, tension: 0.5, colour: 0.2, harmonicRhythm: 1, density: 0.7, register: 3, velocity: 100,
                    styles: ["cinematic", "rock", "pop"], comping: .pulse),
        MoodProfile(mood: .romantic, tempo: 64...96, minorPreference: 0.3, minorChords: 1.2, majorChords: 1.1, borrowed: 1.1,
                    dominant: 1.0, tension: 0.7, colour: 0.6, harmonicRhythm: 1, density: 0.35, register: 0, velocity: 66,
                    styles: ["ballad", "soul", "jazz"], comping: .ballad),
        MoodProfile(mood: .nostalgic, tempo: 72...104, minorPreference: 0.4, minorChords: 1.4, majorChords: 1.0, borrowed: 1.5,
                    dominant: 0.9, tension: 0.7, colour: 0.5, harmonicRhythm: 1, density: 0.4, register: 0, velocity: 68,
                    styles: ["folk", "lofi", "ballad"], comping: .arpeggio),
    ]

    static let all: [Mood: MoodProfile] = Dictionary(uniqueKeysWithValues: table.map { ($0.mood, $0) })

    /// No mood given: the style decides alone.
    static let neutral = MoodProfile(mood: .hopeful, tempo: 80...130, minorPreference: 0.3, minorChords: 1, majorChords: 1,
                                     borrowed: 1, dominant: 1, tension: 1, colour: 0.3, harmonicRhythm: 1, density: 0.5,
                                     register: 0, velocity: 80, styles: ["pop"], comping: .block)
}
