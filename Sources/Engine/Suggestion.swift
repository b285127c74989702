import MusicTheory
import SongModel

/// A proposal from the engine: the content, a short label, the reasons behind it, and the
/// origin that provenance will carry if the writer accepts it.
public struct Suggestion: Sendable, Hashable {
    public var label: String
    public var reasons: [String]
    public var origin: Origin
    public var content: Content

    public enum Content: Sendable, Hashable {
        case chords(ChordProgression)
        case drums(DrumGroove)
        case melody([Note])
        case bass([Note])
        case sketch(SketchDraft)
    }

    public init(label: String, reasons: [String], origin: Origin, content: Content) {
        self.label = label
        self.reasons = reasons
        self.origin = origin
        self.content = content
    }
}

/// A chord part proposed for a section: changes at ticks, the comping, and for each
/// chord why it is there.
public struct ChordProgression: Sendable, Hashable {
    public var changes: [ChordChange]
    public var comping: CompingPattern
    /// One per change: "diatonic", or the named reason a chord leaves the key.
    public var functions: [String]

    public var chords: [Chord] { changes.map(\.chord) }
}

/// Everything that can be wrong with a request to the engine.
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownStyle(String, suggestion: String?)
    case badCount(String, limit: Int)
    case badRate(String)
    case unknownCadence(String)
    case noMelody(String)
    case noChords(String)
    case badBar(String, bars: Int)
    case unknownDrumStyle(String, suggestion: String?)
    case unknownFeel(String)
    case noDrums(String)
    case unknownDrum(String)
    case badPosition(String, bars: Int, beats: Int)
    case meterMismatch(String, String)
    case noChordsForMelody(String)
    case nothingToVary(String)
    case unknownTechnique(String)
    case unknownBassStyle(String)
    case noBass(String)
    case lastNote(String)
    case diatonicChords
    case drumsDoNotTranspose
    case chordsDoNotShift
    case unknownTransition(String)
    /// The writer stopped a long request (Ctrl-C).
    case cancelled

    public var description: String {
        switch self {
        case .cancelled:
            return "stopped; nothing was changed"
        case .unknownStyle(let text, let suggestion):
            let names = HarmonyStyle.all.map(\.name).joined(separator: ", ")
            return "unknown style \"\(text)\"" + (suggestion.map { " — did you mean \($0)?" } ?? ": choose one of \(names)")
        case .badCount(let text, let limit):
            return "n=\(text): ask for 1 to \(limit) suggestions, e.g. n=3"
        case .badRate(let text):
            return "rate=\(text): the harmonic rhythm is chords per bar: 0.5 (one every two bars), 1, 2 or 4"
        case .unknownCadence(let text):
            return "cadence=\(text): the cadences are open, closed, deceptive and plagal"
        case .noMelody(let section):
            return "\(section) has no melody to harmonize: write one with `melody \(section) = …` first"
        case .noChords(let section):
            return "\(section) has no chords yet: write them with `chords \(section) = | … |` or ask with `chords \(section)`"
        case .badBar(let text, let bars):
            return "bar \(text): give a bar number from 1 to \(bars)"
        case .unknownDrumStyle(let text, let suggestion):
            let names = DrumStyle.all.map(\.name).joined(separator: ", ")
            return "unknown groove style \"\(text)\"" + (suggestion.map { " — did you mean \($0)?" } ?? ": choose one of \(names)")
        case .unknownFeel(let text):
            return "unknown feel \"\(text)\": the feels are on, laid-back, pushed and dragged"
        case .noDrums(let section):
            return "\(section) has no drums yet: ask with `groove \(section)` or write hits with `hit \(section) kick 1.1`"
        case .unknownDrum(let text):
            return "no drum \"\(text)\": use kick, snare, rim, clap, hat, pedal-hat, open-hat, ride, crash, high-tom, mid-tom, low-tom, cowbell, shaker"
        case .badPosition(let text, let bars, let beats):
            return "\"\(text)\" is not a place in the section: write BAR.BEAT or BAR.BEAT.STEP with bar 1–\(bars), beat 1–\(beats), step 1–4 (sixteenths), e.g. 2.3 or 2.3.3"
        case .noChordsForMelody(let section):
            return "\(section) has no chords for a melody to follow: write them (`chords \(section) = …`), ask (`chords \(section)`), or add with-chords: `melody \(section) with-chords`"
        case .nothingToVary(let section):
            return "\(section) has no melody or motif yet: write one with `melody \(section) = …` or `motif \(section) = …`"
        case .unknownTechnique(let text):
            return "unknown technique \"\(text)\": choose one of " + Technique.allCases.map(\.rawValue).joined(separator: ", ")
        case .unknownBassStyle(let text):
            return "unknown bass style \"\(text)\": choose one of " + BassStyle.allCases.map(\.rawValue).joined(separator: ", ")
        case .noBass(let section):
            return "\(section) has no bass line yet: ask with `bass \(section)`"
        case .lastNote(let section):
            return "that is the last note of the \(section) melody; a melody needs at least one note"
        case .diatonicChords:
            return "chords move by semitones: drop `diatonic`, e.g. `transpose verse chords 2`"
        case .drumsDoNotTranspose:
            return "drums have no pitch to transpose; `shift` moves them in time"
        case .chordsDoNotShift:
            return "chords follow the bars; rewrite them with `chords SECTION = …` to move them"
        case .unknownTransition(let text):
            return "unknown transition \"\(text)\": the transitions are fill, build, drop, ritard and none"
        case .meterMismatch(let from, let to):
            return "\(from) and \(to) are in different meters, so the groove cannot be copied bar for bar"
        }
    }
}
