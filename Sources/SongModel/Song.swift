import MusicTheory

/// A song: its settings, its sections, and the form in which they play.
///
/// A value type: every change makes a new Song, which is what makes undo a matter of
/// keeping the old value.
public struct Song: Sendable, Hashable, Codable {
    public var title: String
    public var authors: [String]
    public var key: Key
    public var tempo: Int
    public var meter: Meter
    public var mood: Mood?
    public var sections: [Section]
    /// The order in which sections play, repeats allowed. Nil until the writer arranges
    /// the song; until then the sections play once each, in the order they were added.
    public var arrangement: [String]?
    /// Instrument and mix settings per part, keyed by part name ("chords", "drums" …).
    /// Absent until the writer changes one; renders then use the mood's defaults.
    public var mixer: [String: PartSettings]?

    /// Tempi a song or section may have, in quarter notes per minute.
    public static let tempoRange = 20...400

    public init(title: String, authors: [String] = [], key: Key = Key(tonic: NoteName(.C)),
                tempo: Int = 100, meter: Meter = .fourFour, mood: Mood? = nil) {
        self.title = title
        self.authors = authors
        self.key = key
        self.tempo = tempo
        self.meter = meter
        self.mood = mood
        self.sections = []
        self.arrangement = nil
        self.mixer = nil
    }

    /// The order in which sections play.
    public var form: [String] { arrangement ?? sections.map(\.name) }

    /// The section called `name`, if there is one.
    public func section(named name: String) -> Section? {
        sections.first { $0.name == name.lowercased() }
    }

    /// The section called `name`, or an error naming the closest one.
    public func requireSection(_ name: String) throws(SongModelError) -> Section {
        guard let section = section(named: name) else {
            throw .unknownSection(name, suggestion: closest(to: name, in: sections.map(\.name)),
                                  known: sections.map(\.name))
        }
        return section
    }

    /// The key a section plays in: its own, or the song's.
    public func key(of section: Section) -> Key { section.key ?? key }
    public func tempo(of section: Section) -> Int { section.tempo ?? tempo }
    public func meter(of section: Section) -> Meter { section.meter ?? meter }
    public func mood(of section: Section) -> Mood? { section.mood ?? mood }

    /// A section's tempo in quarter notes per minute, the clock MIDI files, the renderer and
    /// micro-timing run on (the written tempo counts the meter's beat: a dotted quarter in
    /// 6/8).
    public func quarterTempo(of section: Section) -> Double {
        meter(of: section).quarterTempo(beatsPerMinute: tempo(of: section))
    }

    /// A file-name-safe form of the title: "Rain on Glass" → "rain-on-glass".
    public var slug: String { Song.slug(title) }

    public static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "untitled" : slug
    }

    /// Total length of the form, in bars.
    public var lengthInBars: Int {
        form.compactMap { section(named: $0)?.bars }.reduce(0, +)
    }
}
