import MusicTheory
import SongModel

/// Reads the style tables' major-mode numerals in a section's key. A minor (or dorian,
/// phrygian, locrian) key is read through its relative major, with vi as home, so that
/// one table serves both modes (vi→IV in the table is i→♭VI in the minor key).
struct TonalFrame: Sendable {
    let key: Key
    let sectionName: String
    let isMinor: Bool
    /// The major key the numerals are read in.
    let reference: Key
    /// A church mode other than major and minor (dorian, phrygian, lydian, mixolydian), whose
    /// chords stay in the mode and whose cadences turn on its own colour chord; nil otherwise.
    let modal: ScaleType?

    /// The modes harmonised as modes, each with its colour chord, the one its major or minor
    /// parent lacks, as a table step read in the reference key: dorian's major IV (in D
    /// dorian, G is "II" of F), phrygian's ♭II, lydian's major II, mixolydian's ♭VII.
    static let modeColours: [ScaleType: String] = [.dorian: "II", .phrygian: "bVII", .lydian: "II", .mixolydian: "bVII"]

    init(key: Key, section: String = "section") {
        self.key = key
        sectionName = section
        isMinor = key.isMinor
        reference = isMinor ? Key(tonic: key.tonic.transposed(by: .m3), mode: .major) : Key(tonic: key.tonic, mode: .major)
        modal = TonalFrame.modeColours[key.mode] != nil ? key.mode : nil
    }

    /// The mode's colour chord as a table step (`modeColours`); nil for major and minor.
    var characteristic: String? { modal.flatMap { TonalFrame.modeColours[$0] } }

    /// The chord a mode's cadences may dodge to: ♭III in the minor modes (the reference's I),
    /// vi in the major ones.
    var modalDodge: String { isMinor ? "I" : "vi" }

    /// The home chord's numeral.
    var home: String { isMinor ? "vi" : "I" }

    /// Steps a minor key uses through its relative major: the natural-minor chords, the
    /// major V ("III") and the dorian IV ("II"). The tables' major-key borrowings (iv,
    /// ♭VI, ♭VII, ♭III) would land on chords foreign to a minor key, so they are left out.
    /// A mood's tension adds the major V's suspension and the diminished 7th leading into it.
    static let minorSteps: Set<String> = ["I", "ii", "iii", "IV", "V", "vi", "vii°", "II", "III", "IIIsus4", "#ii°7"]

    /// The chord a step names (nil for a step this key does not use).
    func chord(_ step: String) -> Chord? {
        let chord = (try? RomanNumeral(parsing: step))?.chord(in: reference)
        // A mode takes every step whose chord is its own (phrygian's ♭II is the reference's ♭VII).
        if modal != nil, let chord, key.isDiatonic(chord) { return chord }
        if isMinor && !TonalFrame.minorSteps.contains(step) { return nil }
        return chord
    }

    /// The table step of a chord: its numeral in the reference key, reduced to a triad.
    func step(of chord: Chord) -> String? {
        let triad = TonalFrame.triad(chord)
        guard let numeral = RomanNumeral(chord: triad, in: reference) else { return nil }
        return numeral.description.replacingOccurrences(of: "♭", with: "b").replacingOccurrences(of: "♯", with: "#")
    }

    /// The chord's triad: its root with `triad(of:)` its quality (Am for Am7, G for G7sus4).
    static func triad(_ chord: Chord) -> Chord { Chord(root: chord.root, quality: triad(of: chord.quality)) }

    /// The triad under a quality: minor for m7/m6/m9, diminished for m7♭5, major otherwise.
    static func triad(of quality: ChordQuality) -> ChordQuality {
        // By its third and fifth, so every quality in the catalogue has a triad.
        let intervals = Set(quality.intervals)
        let symbol: String
        if quality.isDiminished {
            symbol = "dim"
        } else if intervals.contains(.m3) && !intervals.contains(.M3) {
            symbol = "m"
        } else if quality.symbol == "aug" {
            symbol = "aug"
        } else {
            symbol = ""
        }
        return ChordQuality.named(symbol) ?? quality
    }

    /// The numeral of a chord as the writer reads it in the section's key ("♭VI" in Cm).
    func numeral(of chord: Chord) -> String { key.analysis(of: chord) }
    /// A progression's numerals, each chord read in its place (a tonic 7th is I7 unless it leads into IV).
    func numerals(of chords: [Chord]) -> [String] { key.analysis(of: chords) }
}

/// How a section ends.
public enum Cadence: String, CaseIterable, Sendable, Hashable {
    /// On the dominant: a half cadence, leaving the door open.
    case open
    /// Dominant to tonic: an authentic cadence, home.
    case closed
    /// Dominant to vi (♭VI in minor): the surprise.
    case deceptive
    /// IV to I (iv to i): the "amen", central to rock.
    case plagal

    /// The steps the section ends with in `frame`'s key: in a mode, turning on its colour
    /// chord (`TonalFrame.characteristic`) as modal music cadences — dorian IV–i, phrygian
    /// ♭II–i, lydian II–I, mixolydian ♭VII–I — where a dominant would take the song out of
    /// the mode (A major in D dorian had been offered as its half cadence).
    func steps(frame: TonalFrame) -> [String] {
        guard let colour = frame.characteristic else { return steps(minor: frame.isMinor) }
        switch self {
        case .open: return [colour]
        case .closed, .plagal: return [colour, frame.home]
        case .deceptive: return [colour, frame.modalDodge]
        }
    }

    /// The steps the section ends with.
    func steps(minor: Bool) -> [String] {
        switch (self, minor) {
        case (.open, false): ["V"]
        case (.closed, false): ["V", "I"]
        case (.deceptive, false): ["V", "vi"]
        case (.plagal, false): ["IV", "I"]
        case (.open, true): ["III"]
        case (.closed, true): ["III", "vi"]
        case (.deceptive, true): ["III", "IV"]
        case (.plagal, true): ["ii", "vi"]
        }
    }

    /// What writers expect of a section by its name: verses, pre-choruses, bridges and
    /// intros end open; choruses and outros close.
    public static func expected(for section: String) -> Cadence {
        switch SectionRole(name: section) {
        case .preChorus, .verse, .bridge, .intro: .open
        default: .closed
        }
    }

    /// The summary as the chart's last two chords bear it out: a close onto a suspended
    /// tonic (no third) is said to land without its third, and one reached from IV (or
    /// anything but the dominant) is not called an authentic cadence.
    func summary(of chords: [Chord], frame: TonalFrame) -> String {
        if !isClaimed(by: chords, frame: frame) {
            // Said as the chart has it: a two-chord tag had read "dodges home: dominant to vi
            // (deceptive cadence): as asked" over iii–vi, I–vi and IV–vi.
            let wanted = steps(frame: frame).compactMap { frame.chord($0).map(frame.numeral(of:)) }.joined(separator: "–")
            let shown = frame.numerals(of: chords).suffix(2).joined(separator: "–")
            let kind = self == .open ? "half close" : "\(rawValue) cadence"
            return chords.count < steps(frame: frame).count
                ? "ends on \(shown): a chart of one chord is too short for a \(kind) (\(wanted))"
                : "ends \(shown), not the \(kind) asked for (\(wanted))"
        }
        if let mode = frame.modal, let last = chords.last {
            let numerals = frame.numerals(of: chords).suffix(2)
            switch self {
            case .open: return "ends open on \(numerals.last ?? frame.numeral(of: last)), the \(mode.name) colour chord (a modal half close)"
            case .closed, .plagal: return "closes \(numerals.joined(separator: "–")), the \(mode.name) cadence, on its colour chord"
            case .deceptive: return "dodges home: \(numerals.joined(separator: "–")), from the \(mode.name) colour chord"
            }
        }
        // The plagal close named by its chords: iv–i in a minor key, or from the borrowed iv.
        if self == .plagal { return "closes \(frame.numerals(of: chords).suffix(2).joined(separator: "–")) (plagal cadence, the \"amen\")" }
        // The deceptive close named by its chords: V–♭VI in a minor key, or from the borrowed ♭VI.
        if self == .deceptive { return "dodges home: \(frame.numerals(of: chords).suffix(2).joined(separator: "–")) (deceptive cadence)" }
        guard self == .closed, let last = chords.last else { return summary }
        let before = chords.count > 1 ? chords[chords.count - 2] : nil
        let approach = before.flatMap { frame.step(of: $0) } ?? ""
        // Steps are read in the relative major for a minor key: its V is III, its iv ii.
        let fromDominant = frame.isMinor ? approach == "III" : (approach == "V" || approach == "vii°")
        let suspended = last.quality.isSuspended
        let landing = suspended ? " onto a suspended tonic (\(frame.numeral(of: last))), home with its third held back" : ""
        if fromDominant { return (suspended ? "closes dominant–tonic" : summary) + landing }
        if (frame.isMinor ? ["ii"] : ["IV", "iv"]).contains(approach) && !suspended { return "closes \(frame.numeral(of: before!))–\(frame.numeral(of: last)) (plagal cadence, the \"amen\")" }
        return "closes home from \(before.map(frame.numeral(of:)) ?? "the chord before")" + landing
    }

    /// Whether the chart's last chords make this cadence: a half close on the dominant, a
    /// deceptive one from the dominant to vi (or the borrowed ♭VI), a plagal one from IV (or
    /// the borrowed iv) home; in a mode, its own cadence on the colour chord. A chart of one
    /// chord makes no cadence of two.
    func isBorneOut(by chords: [Chord], frame: TonalFrame) -> Bool {
        let wanted = steps(frame: frame)
        guard chords.count >= wanted.count else { return false }
        let shown = chords.suffix(wanted.count).map { frame.step(of: $0) ?? "" }
        let major = frame.modal == nil && !frame.isMinor
        return zip(shown, wanted).enumerated().allSatisfy { index, pair in
            let (step, want) = pair
            if step == want { return true }
            switch (self, major, index) {
            case (.deceptive, true, 1): return step == "bVI"
            case (.plagal, true, 0): return step == "iv"
            case (.open, true, _), (.closed, true, 0), (.deceptive, true, 0): return step == "vii°"
            default: return false
            }
        }
    }

    /// Whether the chart may be said to make this cadence: borne out, or for a closed one
    /// any chart long enough for it, whose summary names the chord it closes from itself
    /// ("closes home from ♭VII").
    func isClaimed(by chords: [Chord], frame: TonalFrame) -> Bool {
        self == .closed ? chords.count >= steps(frame: frame).count : isBorneOut(by: chords, frame: frame)
    }

    public var summary: String {
        switch self {
        case .open: "ends open on the dominant (half cadence)"
        case .closed: "closes dominant–tonic (authentic cadence)"
        case .deceptive: "dodges home: dominant to vi (deceptive cadence)"
        case .plagal: "closes IV–I (plagal cadence, the \"amen\")"
        }
    }
}
