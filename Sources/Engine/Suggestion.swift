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
    case badCount(String)
    case badRate(String)
    case unknownCadence(String)
    case noMelody(String)
    case noChords(String)
    case badBar(String, bars: Int)

    public var description: String {
        switch self {
        case .unknownStyle(let text, let suggestion):
            let names = HarmonyStyle.all.map(\.name).joined(separator: ", ")
            return "unknown style \"\(text)\"" + (suggestion.map { " — did you mean \($0)?" } ?? ": choose one of \(names)")
        case .badCount(let text):
            return "n=\(text): ask for 1 to 12 suggestions, e.g. n=4"
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
        }
    }
}
