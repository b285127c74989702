import Foundation
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
    public var sections: [Section] { didSet { reindex() } }
    /// Where each section sits in `sections`, by name: lookups by name are O(1), so a
    /// long form is checked, unrolled and rendered in linear time. Rebuilt whenever
    /// `sections` changes (at most `Limits.sections` names).
    private var sectionIndex: [String: Int] = [:]
    /// The order in which sections play, repeats allowed. Nil until the writer arranges
    /// the song; until then the sections play once each, in the order they were added.
    public var arrangement: [String]?
    /// Instrument and mix settings per part, keyed by part name ("chords", "drums" …).
    /// Absent until the writer changes one; renders then use the mood's defaults.
    public var mixer: [String: PartSettings]?
    /// Which song this is, whatever it is called: made once when the song is made (`new`,
    /// a sketch, an import) and kept through every edit, save and rename. A render folder
    /// records it, so a render of another song that happens to share the title (every
    /// sketch drawn with seed 4 is “Sketch 4”) is refused there rather than written over
    /// it. Nil in sessions from before it and in songs made outside the REPL.
    public var id: String?

    /// What an id is: 1–64 letters, digits, "-" or "_".
    public static func isValidID(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    enum CodingKeys: String, CodingKey {
        case title, authors, key, tempo, meter, mood, sections, arrangement, mixer, id
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        authors = try container.decode([String].self, forKey: .authors)
        key = try container.decode(Key.self, forKey: .key)
        tempo = try container.decode(Int.self, forKey: .tempo)
        meter = try container.decode(Meter.self, forKey: .meter)
        mood = try container.decodeIfPresent(Mood.self, forKey: .mood)
        sections = try container.decode([Section].self, forKey: .sections)
        arrangement = try container.decodeIfPresent([String].self, forKey: .arrangement)
        mixer = try container.decodeIfPresent([String: PartSettings].self, forKey: .mixer)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        reindex()
    }

    private mutating func reindex() {
        var index: [String: Int] = [:]
        index.reserveCapacity(sections.count)
        for (position, section) in sections.enumerated() where index[section.name] == nil { index[section.name] = position }
        sectionIndex = index
    }

    /// Where the section called `name` sits in `sections`.
    public func sectionPosition(_ name: String) -> Int? {
        sectionIndex[name] ?? sectionIndex[name.lowercased()]
    }

    /// Tempi a song or section may have, in quarter notes per minute.
    public static let tempoRange = 20...400

    public init(title: String, authors: [String] = [], key: Key = Key(tonic: NoteName(.C)),
                tempo: Int = 100, meter: Meter = .fourFour, mood: Mood? = nil, id: String? = nil) {
        self.id = id
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

    /// The sections that play right after `name` somewhere in the form: the ones its
    /// hand-overs reach.
    public func sections(following name: String) -> Set<String> {
        let form = self.form
        return Set(zip(form, form.dropFirst()).filter { $0.0 == name }.map(\.1))
    }

    /// The section called `name`, if there is one.
    public func section(named name: String) -> Section? {
        sectionPosition(name).map { sections[$0] }
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

    /// How a section's chords are played: their own pattern, else the pattern of the
    /// nearest section in the song's order whose chords have one (before it first, then
    /// after), else `block`. Why: a chart typed by hand has no pattern of its own, and a
    /// chorus typed between engine verses that pulse had played held chords, two LU under
    /// its verse (an outside check: 15 chord notes a chorus against 104 a verse).
    public func comping(of section: Section) -> (pattern: CompingPattern, from: String?) {
        if let own = section.chords?.comping { return (own, nil) }
        guard let index = sections.firstIndex(where: { $0.name == section.name }) else { return (.block, nil) }
        let before = sections[..<index].reversed(), after = sections[(index + 1)...]
        for other in Array(before) + Array(after) {
            if let pattern = other.chords?.comping { return (pattern, other.name) }
        }
        return (.block, nil)
    }

    /// A section's tempo in quarter notes per minute, the clock MIDI files, the renderer and
    /// micro-timing run on (the written tempo counts the meter's beat: a dotted quarter in
    /// 6/8).
    public func quarterTempo(of section: Section) -> Double {
        meter(of: section).quarterTempo(beatsPerMinute: tempo(of: section))
    }

    /// A file-name-safe form of the title: "Rain on Glass" → "rain-on-glass", "Café ☕ / 夜"
    /// → "café-夜". Letters and digits of any script stay (composed, so "é" is one
    /// character on every system); anything else becomes one "-"; at most 64 characters.
    public var slug: String { Song.slug(title) }

    public static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.precomposedStringWithCanonicalMapping.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
            if slug.count >= 64 { break }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "untitled" : slug
    }

    /// Total length of the form, in bars.
    public var lengthInBars: Int {
        form.compactMap { section(named: $0)?.bars }.reduce(0, +)
    }

    /// How long the form (or one section) plays at its written tempi, in seconds: what a
    /// render is measured against before it allocates anything.
    public func playingSeconds(section only: String? = nil) -> Double {
        (only.map { [$0] } ?? form).reduce(0.0) { total, name in
            guard let section = section(named: name) else { return total }
            let quarters = Double(section.bars) * Double(meter(of: section).ticksPerBar) / 960
            return total + quarters * 60 / quarterTempo(of: section)
        }
    }
}

extension Song {
    /// Whether `other` holds the same writing: every section, part, note, setting and
    /// credit alike, whenever its parts were accepted or edited and whatever its id. Two
    /// runs of one script write the same song at other times and under other ids: an
    /// autosave left by the first is nothing the file saved by the second lacks.
    public func isSameWriting(as other: Song) -> Bool { timeless == other.timeless }

    private var timeless: Song {
        var copy = self
        copy.id = nil
        copy.sections = sections.map { section in
            var section = section
            for (kind, part) in section.parts {
                var part = part
                part.provenance.acceptedAt = .distantPast
                part.provenance.edits = part.provenance.edits.map { edit in
                    var edit = edit
                    edit.at = .distantPast
                    return edit
                }
                section.parts[kind] = part
            }
            return section
        }
        return copy
    }
}
