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
        if let colour = frame.characteristic { steps.insert(colour) }
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

    /// How much a minor key weights ♭III, its relative major's tonic (I in the relative
    /// major's numerals the tables are written in), against the mood's weight for a major
    /// chord. Why: the style tables were learned in major and walk home to I, so a minor
    /// song whose mood likes major chords settled on ♭III: nostalgic songs in A minor
    /// spent 18% of their bars on C and 27% on Am (sad ones 1% and 36%), and essentia's key
    /// finder heard two of five nostalgic sketches in minor keys in their relative major.
    static let relativeMajorTonic = 0.5
    /// A mode's weights: a chord from outside the mode, and the mode's colour chord (dorian's
    /// IV, mixolydian's ♭VII …), against the mood's weight for its quality.
    static let modalOutside = 0.02, modalColour = 1.8

    static func weight(_ step: String, chord: Chord, frame: TonalFrame, mood: MoodProfile) -> Double {
        var weight = chord.quality.isMinor || chord.quality.symbol == "dim" ? mood.minorChords : mood.majorChords
        if !frame.key.isDiatonic(chord) {
            weight *= frame.key.secondaryDominant(chord) != nil ? mood.dominant : mood.borrowed
        }
        if step == "V" || step == "III" && frame.isMinor { weight *= mood.dominant }
        if chord.quality.symbol == "dim" { weight *= mood.tension }
        if frame.isMinor && step == "I" && frame.modal == nil { weight *= relativeMajorTonic }
        // A mode keeps to its own chords and leans on its colour chord: a chord from outside
        // it is all but never drawn (D dorian had been offered B♭ and A7, D minor's).
        if frame.modal != nil {
            if !frame.key.isDiatonic(chord) { weight *= modalOutside }
            if step == frame.characteristic { weight *= modalColour }
        }
        return weight
    }
}
