import MusicTheory

/// A named stretch of the song (intro, verse, chorus …) with its own parts.
///
/// Key, tempo, meter and mood are optional: a section without its own takes the song's.
public struct Section: Sendable, Hashable {
    public var name: String
    public var bars: Int
    public var key: Key?
    public var tempo: Int?
    public var meter: Meter?
    public var mood: Mood?
    /// The parts, by kind. Changed through `Song.accept` and `Song.edit`, which keep the
    /// provenance and the drums' timing right; read freely.
    public var parts: [PartKind: Part] = [:]
    /// A short figure the melody is built from (`motif SECTION = …`).
    public var motif: [Note]?
    /// The section's words, with their lyricist.
    public var lyrics: Lyrics?
    /// Where the section sits on the song's arc: energy and tension, 0…1.
    public var energy: Double?
    public var tension: Double?
    /// How the section hands over to whatever follows it, unless `handovers` names the
    /// section that follows.
    public var transition: Transition?
    /// How the section hands over to a particular section (`transition verse chorus build`).
    public var handovers: [String: Transition]?
    /// How the section ends the song when it is last in the form (`transition outro end ritard`).
    public var ending: Transition?

    /// Bars a section may have.
    public static let barRange = 1...Limits.barsPerSection

    public init(name: String, bars: Int) {
        self.name = name
        self.bars = bars
    }

    /// True when any part has content.
    public var hasParts: Bool { !parts.isEmpty }

    /// The parts present, in catalogue order.
    public var kinds: [PartKind] { PartKind.allCases.filter { parts[$0] != nil } }

    /// The parts present with their provenance, in catalogue order: what credits list.
    public var credits: [(kind: PartKind, provenance: Provenance)] {
        kinds.compactMap { kind in parts[kind].map { (kind, $0.provenance) } }
    }

    /// The hand-over into `next` (nil: the song ends here).
    public func handover(to next: String?) -> Transition? {
        guard let next else { return ending ?? transition }
        return handovers?[next] ?? transition
    }

    // MARK: Typed views

    public var chords: ChordPart? {
        get { parts[.chords].flatMap(ChordPart.init) }
        set { parts[.chords] = newValue?.part }
    }

    public var melody: LinePart? {
        get { parts[.melody].flatMap(LinePart.init) }
        set { parts[.melody] = newValue?.part }
    }

    public var bass: LinePart? {
        get { parts[.bass].flatMap(LinePart.init) }
        set { parts[.bass] = newValue?.part }
    }

    public var drums: DrumPart? {
        get { parts[.drums].flatMap(DrumPart.init) }
        set { parts[.drums] = newValue?.part }
    }

    /// The notes of a note-shaped part (melody, bass, pad), if the section has it.
    public func notes(of kind: PartKind) -> [Note]? { parts[kind]?.content.notes }

    /// Section names: a letter, then letters, digits, "-" or "_"; 1–32 characters.
    /// Names are stored in lower case and compared that way.
    public static func validName(_ text: String) throws(SongModelError) -> String {
        let name = text.lowercased()
        guard let first = name.first, first.isLetter, first.isASCII, name.count <= 32,
              name.allSatisfy({ ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") && $0.isASCII })
        else { throw .badSectionName(text) }
        return name
    }
}
