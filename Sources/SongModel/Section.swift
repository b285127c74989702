import MusicTheory

/// A named stretch of the song (intro, verse, chorus …) with its own parts.
///
/// Key, tempo, meter and mood are optional: a section without its own takes the song's.
public struct Section: Sendable, Hashable, Codable {
    public var name: String
    public var bars: Int
    public var key: Key?
    public var tempo: Int?
    public var meter: Meter?
    public var mood: Mood?
    public var chords: ChordPart?
    public var melody: MelodyPart?
    public var drums: DrumPart?
    public var bass: BassPart?
    /// A short figure the melody is built from (`motif SECTION = …`).
    public var motif: [Note]?
    /// Where the section sits on the song's arc: energy and tension, 0…1.
    public var energy: Double?
    public var tension: Double?
    /// How the section hands over to the next: fill, build, drop, ritard, none.
    public var transition: String?

    /// Bars a section may have.
    public static let barRange = 1...Limits.barsPerSection

    public init(name: String, bars: Int) {
        self.name = name
        self.bars = bars
    }

    /// True when any part has content.
    public var hasParts: Bool { chords != nil || melody != nil || drums != nil || bass != nil }

    /// The parts present, by the names writers use, with their provenance.
    public var parts: [(name: String, provenance: Provenance)] {
        var parts: [(String, Provenance)] = []
        if let chords { parts.append(("chords", chords.provenance)) }
        if let melody { parts.append(("melody", melody.provenance)) }
        if let drums { parts.append(("drums", drums.provenance)) }
        if let bass { parts.append(("bass", bass.provenance)) }
        return parts
    }

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
