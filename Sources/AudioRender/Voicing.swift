import MusicTheory

/// Chord voicings for comping.
///
/// Until the harmony engine brings voice-led comping, chords are played in close
/// position between C3 and C5: the bass (the slash note, or the root) in the octave
/// from C3, the other tones stacked right above it, and anything above C5 folded down
/// an octave, so that every chord sits in the same register and the bass line stays
/// clear below it.
public enum Voicing {
    public static let lowest = 48   // C3
    public static let highest = 72  // C5

    /// MIDI keys for `chord`, low to high, each distinct.
    ///
    /// ```swift
    /// Voicing.close(try Chord(parsing: "Cm"))     // [48, 51, 55]  C3 Eb3 G3
    /// Voicing.close(try Chord(parsing: "C/E"))    // [52, 55, 60]  E3 G3 C4
    /// ```
    public static func close(_ chord: Chord) -> [Int] {
        let bass = lowest + chord.bassNote.pitchClass
        var keys = [bass]
        for tone in chord.tones where tone.pitchClass != chord.bassNote.pitchClass {
            var key = (keys.last ?? bass)
            key += ((tone.pitchClass - key % 12) + 12) % 12
            if key == keys.last { key += 12 }
            while key > highest { key -= 12 }
            if !keys.contains(key) { keys.append(key) }
        }
        return keys.sorted()
    }
}
