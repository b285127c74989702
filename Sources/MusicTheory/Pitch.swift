/// A spelled pitch: a note name in an octave, in scientific pitch notation (C4 = middle C
/// = MIDI 60).
///
/// The MIDI number is derived, so E♭5 and D♯5 are different pitches that sound the same
/// (`midi` 75). Octave numbers follow the letter: B♯3 sounds as C4 (MIDI 60).
///
/// ```swift
/// try Pitch(parsing: "Eb5").midi   // 75
/// ```
public struct Pitch: Sendable, Hashable, CustomStringConvertible {
    public var name: NoteName
    public var octave: Int

    /// The MIDI range, 0…127 (C−1 … G9).
    public static let midiRange = 0...127

    /// Makes a pitch, refusing one outside the MIDI range.
    public init(_ name: NoteName, octave: Int) throws(MusicTheoryError) {
        self.name = name
        self.octave = octave
        guard Pitch.midiRange.contains(midi) else {
            throw .pitchOutOfRange(name.description + String(octave))
        }
    }

    /// The plainest spelling of a MIDI note number.
    public init(midi: Int) throws(MusicTheoryError) {
        guard Pitch.midiRange.contains(midi) else { throw .pitchOutOfRange("MIDI \(midi)") }
        self.name = NoteName.preferred(pitchClass: midi % 12)
        self.octave = midi / 12 - 1
    }

    /// The MIDI note number.
    public var midi: Int {
        (octave + 1) * 12 + name.letter.naturalPitchClass + name.accidental.semitones
    }

    /// As typed: "Eb5".
    public var description: String { name.description + String(octave) }

    /// This pitch moved by a named interval, spelled by letter.
    public func transposed(by interval: Interval) throws(MusicTheoryError) -> Pitch {
        let target = name.transposed(by: interval)
        let targetMidi = midi + interval.semitones
        let octave = (targetMidi - target.letter.naturalPitchClass - target.accidental.semitones) / 12 - 1
        return try Pitch(target, octave: octave)
    }
}


extension Pitch {
    /// Parses scientific pitch notation: a letter (upper case), accidentals, an octave:
    /// "C5", "Eb4", "F#3", "Bb-1".
    public init(parsing text: String) throws(MusicTheoryError) {
        guard let (name, used) = NoteName.prefix(of: Substring(text)) else {
            throw .badPitch(text)
        }
        guard let octave = Int(text.dropFirst(used)) else { throw .badPitch(text) }
        // A written pitch in an octave MIDI has no room for (C10, C-2) is a pitch, out of
        // range, as G#9 is: said so, not "not a note".
        guard (-1...9).contains(octave) else { throw .pitchOutOfRange(text) }
        try self.init(name, octave: octave)
    }
}
