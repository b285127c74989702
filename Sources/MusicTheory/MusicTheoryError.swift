/// Everything that can be wrong with music typed by a writer or read from a file.
///
/// Each case carries the bad input; its description is one line that quotes it, states
/// the rule, and suggests a fix.
public enum MusicTheoryError: Error, Sendable, Hashable, CustomStringConvertible {
    case badPitch(String)
    case pitchOutOfRange(String)
    case badChord(String, hint: String?)
    case badChordBass(String, bass: String)
    /// A root Cowrite reads, followed by no quality it knows, and none near enough to offer.
    case badChordQuality(String, root: String, quality: String)
    case badRomanNumeral(String)
    case badKey(String)
    case badMeter(String)
    case badDuration(String)
    case badPosition(String, bars: Int, beats: Int, steps: Int)

    public var description: String {
        // What the writer typed, quoted as every error quotes it (at most 64 characters,
        // control characters made visible).
        switch self.echoingInput {
        case .badPitch(let text):
            return "\"\(text)\" is not a pitch: write a letter A–G, optional # or b, and an octave, e.g. C5, Eb4, F#3"
        case .pitchOutOfRange(let text):
            // The same letter where tunes sit, as the fix: a typed A9 was most likely A4 or A5.
            let letter = String(text.prefix { !$0.isNumber && $0 != "-" })
            return "\"\(text)\" is outside the MIDI range C-1…G9: octave 4 holds middle C (C4), so try \(letter)4 or \(letter)5"
        case .badChord(let text, let hint):
            let base = "\"\(text)\" is not a chord symbol: write a root A–G, optional # or b, then a quality such as m, 7, maj7, m7b5, sus4 (see `help chord-symbols`)"
            return hint.map { "\"\(text)\" is not a chord symbol — did you mean \($0)? (see `help chord-symbols`)" } ?? base
        case .badChordBass(let text, let bass):
            return "\"\(text)\": the bass after / must be a note name such as E or Bb, not \"\(bass)\""
        case .badChordQuality(let text, let root, let quality):
            // The root was right: the message says so, and offers qualities of the same kind.
            let like = ChordQuality.isMinorSpelling(quality) ? "m7, m9, m11, m6, m7b5" : "7, maj7, 9, 13, 7#11, 7b9"
            return "\"\(text)\" is not a chord symbol: \(root) is a root, but Cowrite knows no quality \"\(quality)\" — write one such as \(like) (`help chord-symbols` lists them all)"
        case .badRomanNumeral(let text):
            return "\"\(text)\" is not a Roman numeral: write I–VII (lower case for minor), optional b or # before it, a suffix such as 7 or °, e.g. V7, vii°, bVII, V/V"
        case .badPosition(let text, let bars, let beats, let steps):
            return "\"\(text)\" is not a place in the section: write BAR.BEAT or BAR.BEAT.STEP with bar 1–\(bars), beat 1–\(beats), step 1–\(steps) (\(steps == 3 ? "eighths" : "sixteenths")), e.g. 2.3 or 2.3.\(steps == 3 ? 2 : 3)"
        case .badKey(let text):
            // H is B in German and Scandinavian charts (Hm, H dur), as for chords.
            if let english = text.readingHAsB, (try? Key(parsing: english)) != nil {
                return "\"\(text)\" is not a key — did you mean \(english)? (H is B in German notation)"
            }
            return "\"\(text)\" is not a key: write a tonic and an optional mode, e.g. C, Cm, F#m, Bb major, D dorian"
        case .badMeter(let text):
            return "\"\(text)\" is not a meter: write beats/unit with 1–32 beats and a unit of 1, 2, 4, 8, 16 or 32, e.g. 4/4, 3/4, 6/8, 7/8"
        case .badDuration(let text):
            return "\"/\(text)\" is not a duration: use /1 /2 /4 /8 /16 /32 (/64t the smallest), with . for dotted (not /32.) and t for triplet, e.g. /4 /8. /8t"
        }
    }

    /// The same error with its input as an error message quotes it (`echoed`).
    var echoingInput: MusicTheoryError {
        switch self {
        case .badPitch(let text): .badPitch(echoed(text))
        case .pitchOutOfRange(let text): .pitchOutOfRange(echoed(text))
        case .badChord(let text, let hint): .badChord(echoed(text), hint: hint)
        case .badChordBass(let text, let bass): .badChordBass(echoed(text), bass: echoed(bass))
        case .badChordQuality(let text, let root, let quality): .badChordQuality(echoed(text), root: root, quality: echoed(quality))
        case .badRomanNumeral(let text): .badRomanNumeral(echoed(text))
        case .badKey(let text): .badKey(echoed(text))
        case .badMeter(let text): .badMeter(echoed(text))
        case .badDuration(let text): .badDuration(echoed(text))
        case .badPosition(let text, let bars, let beats, let steps): .badPosition(echoed(text), bars: bars, beats: beats, steps: steps)
        }
    }
}
