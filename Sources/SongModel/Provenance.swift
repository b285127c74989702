import Foundation

/// Who wrote a part, and everything that happened to it since.
///
/// Every part carries one. Renders turn it into credits a person reads and a record a
/// machine checks, so it must say exactly who (a person by name, or a generator with its
/// version, seed and settings), when the part was accepted into the song, and every later
/// edit with its author.
public struct Provenance: Sendable, Hashable, Codable {
    public var origin: Origin
    /// When the part entered the song. Passed in by the caller: the model reads no clock.
    public var acceptedAt: Date
    /// Later changes, oldest first.
    public var edits: [EditRecord]

    public init(origin: Origin, acceptedAt: Date, edits: [EditRecord] = []) {
        self.origin = origin
        self.acceptedAt = acceptedAt
        self.edits = edits
    }

    /// A part written by hand by `author`.
    public static func written(by author: String, at date: Date) -> Provenance {
        Provenance(origin: .person(author), acceptedAt: date)
    }

    /// Whether the part is as the engine wrote it: a generator's, never edited. Only such a
    /// part is the engine's to write again (`redraw`, a new meter, a new arc).
    public var isEnginesAlone: Bool { origin.kind == .generator && edits.isEmpty }

    /// Everyone credited: the origin's author, then each editor once.
    public var contributors: [String] {
        var names = [origin.credit]
        for edit in edits where !names.contains(edit.author) { names.append(edit.author) }
        return names
    }

    /// The people who changed the part's notes, each once, in order: a copy from another
    /// section (`EditRecord.isCopy`) changes none, so its author is not among them.
    public var editors: [String] {
        edits.filter { !$0.isCopy }.map(\.author).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// "Ana", "Ana, edited by Ben", "harmony 1.0 (seed 42)".
    public var summary: String {
        let editors = edits.map(\.author).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return origin.credit + (editors.isEmpty ? "" : ", edited by " + editors.joined(separator: ", "))
    }
}

/// Where a part came from: a named person, or a generator with its settings.
public struct Origin: Sendable, Hashable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Hashable, Codable { case person, generator }

    public var kind: Kind
    /// The person's name, or the generator's.
    public var name: String
    /// Generator version; nil for a person.
    public var version: String?
    /// The seed that reproduces a generated part.
    public var seed: UInt64?
    /// Every setting the generator was given, as typed.
    public var parameters: [String: String]?

    public static func person(_ name: String) -> Origin {
        Origin(kind: .person, name: name, version: nil, seed: nil, parameters: nil)
    }

    public static func generator(_ name: String, version: String, seed: UInt64, parameters: [String: String]) -> Origin {
        Origin(kind: .generator, name: name, version: version, seed: seed, parameters: parameters)
    }

    /// Where a person's imported material came from: "hook.mid, track 2 “Lead”, sha256
    /// 1a2b3c4d5e6f" (the checksum's first twelve digits; the session keeps all of it).
    public var importedFrom: String? {
        guard kind == .person, let file = parameters?["imported"] else { return nil }
        return file + (parameters?["track"].map { ", track \($0)" } ?? "") + (parameters?["sha256"].map { ", sha256 \($0.prefix(12))" } ?? "")
    }

    /// How the origin is credited in one line.
    public var credit: String {
        switch kind {
        case .person: name
        case .generator: "\(name) \(version ?? "")".trimmingCharacters(in: .whitespaces)
            // A learned style is named with the seed: the same seed and style give it again.
            + (seed.map { " (seed \($0)" + (parameters?["learned"].map { ", your style \($0)" } ?? "") + ")" } ?? "")
        }
    }
}

/// One change to a part after it was accepted.
public struct EditRecord: Sendable, Hashable, Codable {
    /// Who made it: a person's name, or a generator's credit ("melody 3.2 (seed 7)").
    public var author: String
    public var at: Date
    /// What changed, in words: "bar 3 chords", "transposed up 2", "bars 5–6 rewritten".
    public var change: String
    /// The generator that wrote the change, with its seed and settings, so a rewrite of
    /// some bars is credited and reproducible like a whole part; nil for a person's edit.
    /// (A build that does not know it ignores it and still reads the author.)
    public var origin: Origin?

    public init(author: String, at: Date, change: String, origin: Origin? = nil) {
        self.author = author
        self.at = at
        self.change = change
        self.origin = origin
    }

    /// How a part copied from another section (`Song.copyPart`) records the copy.
    public static let copyPrefix = "copied from "

    /// Whether this record is a copy from another section, which moves a part and changes
    /// none of its notes.
    public var isCopy: Bool { origin == nil && change.hasPrefix(Self.copyPrefix) }
}

extension Provenance {
    /// The person `old` renamed `new` wherever they are credited: as the writer, or as an
    /// editor by hand. A generator's credit is left alone. Returns whether anything changed.
    public mutating func renamePerson(_ old: String, to new: String) -> Bool {
        var changed = false
        if origin.kind == .person, origin.name == old { origin.name = new; changed = true }
        for index in edits.indices where edits[index].author == old && edits[index].origin == nil {
            edits[index].author = new
            changed = true
        }
        return changed
    }
}
