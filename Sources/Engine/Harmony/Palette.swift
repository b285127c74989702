import MusicTheory

/// The chords a request can use, worked out once: each step's chord in the key and its
/// mood weight. Everything the generators look up per candidate comes from here, so a
/// request costs table lookups rather than repeated theory.
struct Palette: Sendable {
    let frame: TonalFrame
    let mood: MoodProfile
    let chords: [String: Chord]
    let weights: [String: Double]
    let diatonic: Set<Int>

    init(frame: TonalFrame, mood: MoodProfile, style: HarmonyStyle) {
        self.frame = frame
        self.mood = mood
        diatonic = frame.key.diatonicPitchClasses
        var steps = Set(style.transitions.keys).union(style.transitions.values.flatMap(\.keys))
        steps.formUnion(HarmonyStyle.pop.transitions.keys)
        steps.formUnion(ProgressionFamily.all.flatMap(\.steps))
        steps.formUnion(["I", "ii", "iii", "IV", "V", "vi", "vii°", "II", "III"])
        steps.formUnion(MoodColour.steps)
        var chords: [String: Chord] = [:]
        var weights: [String: Double] = [:]
        for step in steps {
            guard let chord = frame.chord(step) else { continue }
            chords[step] = chord
            weights[step] = Palette.weight(step, chord: chord, frame: frame, mood: mood)
        }
        self.chords = chords
        self.weights = weights
    }

    /// The mood's weight for a step as heard in the key (0 for a step the key does not use).
    func weight(_ step: String) -> Double { weights[step] ?? 0 }

    static func weight(_ step: String, chord: Chord, frame: TonalFrame, mood: MoodProfile) -> Double {
        var weight = chord.quality.isMinor || chord.quality.symbol == "dim" ? mood.minorChords : mood.majorChords
        if !frame.key.isDiatonic(chord) {
            weight *= frame.key.secondaryDominant(chord) != nil ? mood.dominant : mood.borrowed
        }
        if step == "V" || step == "III" && frame.isMinor { weight *= mood.dominant }
        if chord.quality.symbol == "dim" { weight *= mood.tension }
        return weight
    }
}
