import Foundation
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
        /// A part for one section; for chords, `functions` says for each change why it is there.
        case part(PartKind, PartContent, functions: [String] = [])
        /// A whole draft of the song.
        case sketch(SketchDraft)

        public static func chords(_ progression: ChordProgression) -> Content {
            .part(.chords, .chords(changes: progression.changes, comping: progression.comping), functions: progression.functions)
        }
        public static func melody(_ notes: [Note]) -> Content { .part(.melody, .notes(notes)) }
        public static func bass(_ notes: [Note]) -> Content { .part(.bass, .notes(notes)) }
        public static func pad(_ notes: [Note]) -> Content { .part(.pad, .notes(notes)) }
        public static func drums(_ groove: DrumGroove) -> Content {
            .part(.drums, .drums(hits: groove.hits, style: groove.style, timing: groove.timing))
        }
    }

    public init(label: String, reasons: [String], origin: Origin, content: Content) {
        self.label = label
        self.reasons = reasons
        self.origin = origin
        self.content = content
    }

    /// The kind of part it proposes (nil for a sketch).
    public var kind: PartKind? {
        if case .part(let kind, _, _) = content { return kind }
        return nil
    }

    /// The part's content (nil for a sketch).
    public var part: PartContent? {
        if case .part(_, let part, _) = content { return part }
        return nil
    }

    /// A proposed chord part, with the reason for each chord.
    public var progression: ChordProgression? {
        guard case .part(_, .chords(let changes, let comping), let functions) = content else { return nil }
        return ChordProgression(changes: changes, comping: comping ?? .block, functions: functions)
    }

    /// The notes of a proposed melody, bass line or pad.
    public var notes: [Note]? { part?.notes }

    /// A proposed drum part.
    public var groove: DrumGroove? {
        guard case .part(_, .drums(let hits, let style, let timing), _) = content, let style, let timing else { return nil }
        return DrumGroove(hits: hits, style: style, timing: timing)
    }
}

extension Song {
    /// Accepts any suggestion for a part into a section: the one path from the engine's
    /// proposal to the song, credited to the generator with its version and seed.
    public mutating func accept(_ suggestion: Suggestion, into section: String, at date: Date) throws(SongModelError) {
        guard case .part(let kind, let content, _) = suggestion.content else {
            throw .notForPart("a sketch is accepted section by section with `accept all` or `accept SECTION`")
        }
        try accept(content, as: kind, from: suggestion.origin, into: section, at: date)
    }
}

/// A chord part proposed for a section: changes at ticks, the comping, and for each
/// chord why it is there.
public struct ChordProgression: Sendable, Hashable {
    public var changes: [ChordChange]
    public var comping: CompingPattern
    /// One per change: "diatonic", or the named reason a chord leaves the key.
    public var functions: [String]

    public var chords: [Chord] { changes.compactMap(\.chord) }

    public init(changes: [ChordChange], comping: CompingPattern, functions: [String]) {
        self.changes = changes
        self.comping = comping
        self.functions = functions
    }
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
    /// The bar starts with no chord (N.C.), so there is no chord to take alternatives for.
    case noChordInBar(section: String, bar: Int)
    case noDrums(String)
    case noChordsForMelody(String)
    case nothingToVary(String)
    /// `vary technique=refit` on a line whose strong beats are already chord tones.
    case alreadyFits(String)
    case unknownTechnique(String)
    case unknownBassStyle(String)
    case lastNote(String)
    /// `fit=lyrics` on a section without words.
    case noLyrics(String)
    /// More syllables than the section sings at two a beat (three in a compound meter).
    case noRoomForLyrics(String, syllables: Int, room: Int, bars: Int, meter: String, perBeat: Int)
    /// The writer stopped a long request (Ctrl-C).
    case cancelled
    /// `bars=` or `keep=` that names no bars, bars outside the section, or every bar.
    case badBars(String, rule: String)
    /// `bars=` on a section without the part to keep the other bars of.
    case nothingToKeep(section: String, part: String)
    /// A learned style asked for a part it learned nothing of.
    case learnedStyleLacks(String, what: String)

    public var description: String {
        switch self {
        case .learnedStyleLacks(let name, let what):
            return "your style “\(name)” has no \(what) to learn from: `learn \(name) FILES…` again with files that have them, or leave out style="
        case .cancelled:
            return "stopped; nothing was changed"
        case .badBars(let text, let rule):
            return "\(text): \(rule)"
        case .nothingToKeep(let section, let part):
            return "\(section) has no \(part) yet, so there are no bars to keep: ask for the whole part first (leave out bars= and keep=)"
        case .unknownStyle(let text, let suggestion):
            let names = HarmonyStyle.all.map(\.name).joined(separator: ", ")
            return "unknown style \"\(echoed(text))\"" + (suggestion.map { " — did you mean \($0)? (the styles are \(names))" } ?? ": choose one of \(names)")
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
        case .noChordInBar(let section, let bar):
            return "bar \(bar) of \(section) has no chord (N.C.): `alt` offers alternatives for a chord; write one with `chords \(section) bar \(bar) = C`"
        case .noDrums(let section):
            return "\(section) has no drums yet: ask with `groove \(section)` or write hits with `hit \(section) kick 1.1`"
        case .noChordsForMelody(let section):
            return "\(section) has no chords for a melody to follow: write them (`chords \(section) = …`), ask (`chords \(section)`), or add with-chords: `melody \(section) with-chords`"
        case .nothingToVary(let section):
            return "\(section) has no melody or motif yet: write one with `melody \(section) = …` or `motif \(section) = …`"
        case .alreadyFits(let section):
            return "\(section)'s line already fits its chords: every note on a strong beat, or held through one, is a tone of the chord there, so a refit would change nothing — `vary \(section)` offers other variations"
        case .unknownTechnique(let text):
            return "unknown technique \"\(echoed(text))\": choose one of " + Technique.allCases.map(\.rawValue).joined(separator: ", ")
        case .unknownBassStyle(let text):
            let words = BassStyle.allCases.map(\.rawValue) + DrumStyleName.allCases.map(\.rawValue) + HarmonyStyle.all.flatMap { [$0.name] + $0.aliases }
            let styles = BassStyle.allCases.map(\.rawValue).joined(separator: ", ")
            if let near = closest(to: text.lowercased(), in: words) {
                return "unknown bass style \"\(echoed(text))\" — did you mean \(near)? (the bass styles are \(styles), or a groove or harmony style)"
            }
            return "unknown bass style \"\(echoed(text))\": choose one of " + styles + ", or a groove or harmony style (jazz walks, funk is funk)"
        case .noRoomForLyrics(let section, let syllables, let room, let bars, let meter, let perBeat):
            return "the lyrics of \(section) have \(syllables) syllables, more than the \(room) that \(bars) \(bars == 1 ? "bar" : "bars") of \(meter) sing at \(perBeat == 3 ? "three" : "two") a beat: lengthen it (`set \(section) bars=\(bars * 2)`) or give it fewer words"
        case .noLyrics(let section):
            return "\(section) has no lyrics to fit: write them with `lyrics \(section) = \"…\"` first"
        case .lastNote(let section):
            return "that is the last note of the \(section) melody; a melody needs at least one note"
        }
    }
}
