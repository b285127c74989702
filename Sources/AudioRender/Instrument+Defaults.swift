import SongModel

/// Default General MIDI programs per part, from the mood.
enum DefaultInstruments {
    /// The mood's program for a part (the table is `Mood.instruments`, in SongModel).
    static func program(for part: PartKind, mood: Mood?) -> Int {
        let row = mood?.instruments ?? Mood.neutralInstruments
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
