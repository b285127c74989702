import SongModel

/// Facts about General MIDI programs the render needs (the programs per part and mood
/// are in each part kind's catalogue row).
enum DefaultInstruments {
    /// Programs that sustain like a piano when the pedal is down.
    static func isKeyboard(_ program: Int) -> Bool { (0...7).contains(program) }
}
