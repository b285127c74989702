/// A key: a tonic and a seven-note mode (C major, C♯ minor, D dorian).
///
/// Keys print the way chart writers name them, "C", "Cm", "D dorian", and parse the
/// same forms plus "C major", "A minor", "F#m".
public struct Key: Sendable, Hashable, CustomStringConvertible {
    public var tonic: NoteName
    public var mode: ScaleType

    public init(tonic: NoteName, mode: ScaleType = .major) {
        self.tonic = tonic
        self.mode = mode
    }

    /// The key's scale, spelled one letter per degree.
    public var scale: Scale { Scale(tonic: tonic, type: mode) }

    /// True for keys whose third is minor (minor, dorian, phrygian, locrian …).
    public var isMinor: Bool { mode.isMinor }

    /// "C", "Cm", "D dorian".
    public var description: String {
        switch mode {
        case .major: tonic.description
        case .naturalMinor: tonic.description + "m"
        default: tonic.description + " " + mode.name
        }
    }

    /// Sharps (positive) or flats (negative) in the key signature of this key's major
    /// or minor (its relative major's signature for the other modes).
    public var signature: Int {
        // Each mode sits a fixed number of fifths from its parent major scale.
        let modeOffset: [String: Int] = [
            "major": 0, "lydian": 1, "mixolydian": -1, "dorian": -2, "minor": -3,
            "phrygian": -4, "locrian": -5, "harmonic minor": -3, "melodic minor": -3,
        ]
        let letterFifths: [Letter: Int] = [.F: -1, .C: 0, .G: 1, .D: 2, .A: 3, .E: 4, .B: 5]
        return (letterFifths[tonic.letter] ?? 0) + 7 * tonic.accidental.semitones
            + (modeOffset[mode.name] ?? 0)
    }

    /// Parses "C", "Cm", "C#m", "Bb", "C major", "A minor", "D dorian", "Ebmin".
    public init(parsing text: String) throws(MusicTheoryError) {
        let trimmed = text.trimmed
        guard let (tonic, used) = NoteName.prefix(of: Substring(trimmed)) else {
            throw .badKey(text)
        }
        let rest = trimmed.dropFirst(used).trimmed
        if rest.isEmpty {
            self.init(tonic: tonic, mode: .major)
        } else if let mode = ScaleType.named(rest), mode.isHeptatonic {
            self.init(tonic: tonic, mode: mode)
        } else {
            throw .badKey(text)
        }
    }
}


extension Pitch {
    /// The pitch spelled as the key spells it (E♭ in C minor, not D♯).
    public static func spelled(_ pitch: Pitch, in key: Key) -> Pitch {
        let notes = key.scale.notes
        guard let name = notes.first(where: { $0.pitchClass == pitch.midi % 12 }) else { return pitch }
        let octave = (pitch.midi - name.letter.naturalPitchClass - name.accidental.semitones) / 12 - 1
        return (try? Pitch(name, octave: octave)) ?? pitch
    }
}

extension Key {
    /// The key a tonic `semitones` away, in the same mode, its tonic spelled as the
    /// commoner key signature has it: D♭, E♭, F♯, A♭, B♭ major; C♯, E♭, F♯, G♯, B♭ minor.
    public func transposed(semitones: Int) -> Key {
        let pitchClass = ((tonic.pitchClass + semitones) % 12 + 12) % 12
        let minorSharps: [Int: NoteName] = [1: NoteName(.C, .sharp), 8: NoteName(.G, .sharp)]
        let minor = scale.pitchClasses.contains((tonic.pitchClass + 3) % 12) && !scale.pitchClasses.contains((tonic.pitchClass + 4) % 12)
        return Key(tonic: (minor ? minorSharps[pitchClass] : nil) ?? NoteName.preferred(pitchClass: pitchClass), mode: mode)
    }

    /// A pitch class as this key spells it: its scale's note where there is one, else
    /// the common spelling.
    public func spelling(pitchClass: Int) -> NoteName {
        let pitchClass = (pitchClass % 12 + 12) % 12
        return scale.notes.first { $0.pitchClass == pitchClass } ?? NoteName.preferred(pitchClass: pitchClass)
    }
}
