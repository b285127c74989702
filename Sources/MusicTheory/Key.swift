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
    /// The pitch spelled as the key spells it: E♭ in C minor, not D♯; and a note from
    /// outside the key as a musician reads it there (`Key.chromatic`): the leading tone C♯
    /// in D minor, not D♭.
    public static func spelled(_ pitch: Pitch, in key: Key) -> Pitch {
        let pitchClass = pitch.midi % 12
        let name = key.scale.notes.first(where: { $0.pitchClass == pitchClass }) ?? key.chromatic(pitchClass, asChordRoot: false)
        return spelled(pitch, as: name)
    }

    /// `pitch` written with `name`, in the octave of its letter: B♯3 sounds as C4, C♭5 as B4.
    public static func spelled(_ pitch: Pitch, as name: NoteName) -> Pitch {
        let octave = (pitch.midi - name.letter.naturalPitchClass - name.accidental.semitones) / 12 - 1
        return (try? Pitch(name, octave: octave)) ?? pitch
    }

    /// `spelled(_:in:)`, but a note from outside the key that is a tone of `chord` is
    /// spelled as the chord spells it: B under Bdim7 in E♭, not C♭. Never with a double
    /// flat or sharp, which a player trips on: A under Cdim7 in F♯, not B𝄫.
    public static func spelled(_ pitch: Pitch, in key: Key, under chord: Chord?) -> Pitch {
        let pitchClass = pitch.midi % 12
        guard let chord, !key.scale.notes.contains(where: { $0.pitchClass == pitchClass }),
              let name = chord.tones.first(where: { $0.pitchClass == pitchClass }),
              abs(name.accidental.semitones) < 2 else { return spelled(pitch, in: key) }
        return spelled(pitch, as: name)
    }
}

extension Pitch {
    /// A note leading by step into `target`, spelled as it leads when neither the key nor
    /// `chord` has it: a half step below on the letter below (B into C, F♯ into G, A into
    /// B♭), a step above on the letter above (D♭ into C). A bass walking into C in E♭ reads
    /// B, not C♭; the key's and the chord's own notes keep their spelling, and so does a
    /// note that leads nowhere (`target` nil).
    public static func spelled(_ pitch: Pitch, leadingInto target: NoteName?, in key: Key, under chord: Chord?) -> Pitch {
        let pitchClass = pitch.midi % 12
        guard let target else { return spelled(pitch, in: key, under: chord) }
        let distance = (pitchClass - target.pitchClass + 12) % 12
        guard !key.scale.notes.contains(where: { $0.pitchClass == pitchClass }),
              !(chord?.tones.contains { $0.pitchClass == pitchClass } ?? false),
              distance == 11 || distance == 1 || distance == 2,
              let name = NoteName.spelling(target.letter.advanced(by: distance == 11 ? -1 : 1), as: pitchClass),
              abs(name.accidental.rawValue) < 2 else { return spelled(pitch, in: key, under: chord) }
        return spelled(pitch, as: name)
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

    /// A pitch class as this key spells it: its scale's note where there is one, else as
    /// a chord root from outside the key is read there (`chromatic`).
    public func spelling(pitchClass: Int) -> NoteName {
        let pitchClass = (pitchClass % 12 + 12) % 12
        return scale.notes.first { $0.pitchClass == pitchClass } ?? chromatic(pitchClass, asChordRoot: true)
    }

    /// A note outside the key, as a degree of the key raised or lowered, the way common
    /// practice reads it: in a minor key the raised sixth and seventh (the leading tones
    /// of melodic and harmonic minor), the raised third (a major tonic) and fourth, and the
    /// lowered second (the Neapolitan); in a major key the raised fourth (V of V's third),
    /// the lowered third, sixth and seventh (borrowed from the minor), and for the note a
    /// half step above the tonic the raised tonic in a line (C♯ in A7 → Dm) but the lowered
    /// second as a chord's root (D♭, the Neapolitan) — each of these by a single accidental
    /// where its own spelling would need a double one (D, not E𝄫, in G♭). Elsewhere the
    /// spelling with fewer accidentals, then the key signature's direction.
    public func chromatic(_ pitchClass: Int, asChordRoot: Bool) -> NoteName {
        let pitchClass = (pitchClass % 12 + 12) % 12
        let notes = scale.notes
        // The scale note a half step below, raised, or the one a half step above, lowered.
        func altered(by step: Int) -> NoteName? {
            guard let note = notes.first(where: { $0.pitchClass == (pitchClass - step + 12) % 12 }),
                  let accidental = Accidental(rawValue: note.accidental.rawValue + step) else { return nil }
            return NoteName(note.letter, accidental)
        }
        let raised = altered(by: 1), lowered = altered(by: -1)
        let interval = (pitchClass - tonic.pitchClass + 12) % 12
        var prefersRaised: Bool? = isMinor
            ? [1: false, 4: true, 6: true, 9: true, 11: true][interval]
            : [1: !asChordRoot, 3: false, 6: true, 8: false, 10: false][interval]
        // A double flat or sharp is written only where no single accidental will do: in G♭
        // the lowered sixth is D, not E𝄫 (a bass's approach into D♭ read "Ebb2").
        if let choice = prefersRaised, let raised, let lowered,
           abs((choice ? raised : lowered).accidental.rawValue) == 2, abs((choice ? lowered : raised).accidental.rawValue) < 2 {
            prefersRaised = !choice
        }
        switch (raised, lowered, prefersRaised) {
        case (let raised?, _, true?): return raised
        case (_, let lowered?, false?): return lowered
        case (let raised?, let lowered?, _):
            let (a, b) = (abs(raised.accidental.rawValue), abs(lowered.accidental.rawValue))
            return a != b ? (a < b ? raised : lowered) : (signature >= 0 ? raised : lowered)
        case (let raised?, nil, _): return raised
        case (nil, let lowered?, _): return lowered
        default: return NoteName.preferred(pitchClass: pitchClass)
        }
    }
}
