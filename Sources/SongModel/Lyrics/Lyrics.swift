import Foundation
import MusicTheory

/// A section's words as the lyricist typed them, credited like a part: a lyricist is a
/// writer, and the split sheet names them.
///
/// The text is kept as typed (lines, the writer's hyphens `rain-y`, `_` for a syllable
/// held over one more note); its syllables are read from it when needed
/// (`LyricsReader`), so a better syllable table never rewrites anyone's words.
public struct Lyrics: Sendable, Hashable, Codable {
    public var text: String
    public var provenance: Provenance

    public init(text: String, provenance: Provenance) {
        self.text = text
        self.provenance = provenance
    }

    /// Characters in one section's lyrics: a long verse is a few hundred.
    public static let characterLimit = 10_000
}

extension Song {
    /// Writes a section's lyrics (nil or blank removes them). Words over someone else's
    /// keep the first lyricist credited and record the rewrite; returns what changed.
    @discardableResult
    public mutating func writeLyrics(_ name: String, text: String?, author: String, at date: Date) throws(SongModelError) -> String {
        let section = try requireSection(name)
        let words = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard words.count <= Lyrics.characterLimit else {
            throw .overLimit(what: "characters of lyrics in \(section.name)", count: words.count, limit: Lyrics.characterLimit,
                             fix: "split the words over more sections")
        }
        if let bad = words.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            throw .badText(field: "lyrics", text: String(bad), rule: "lyrics are words and line breaks, no control characters")
        }
        // A hold carries the syllable before it over one more note: before the first
        // syllable there is none (an outside check's "_ hold on" had been taken silently).
        if case .hold? = LyricsReader.tokens(words).first {
            throw .badText(field: "lyrics", text: String(words.prefix(20)),
                           rule: "a _ holds the syllable before it over one more note, and nothing comes before the first: start with a word (`\"hold_ on\"` holds \"hold\")")
        }
        var lyrics = section.lyrics
        let change: String
        if words.isEmpty {
            guard lyrics != nil else { return "\(section.name) has no lyrics; nothing changed" }
            lyrics = nil
            change = "removed the lyrics"
        } else if var existing = lyrics {
            guard existing.text != words else { return "nothing changed: \(section.name) already has these lyrics" }
            existing.text = words
            if existing.provenance.origin.name != author || existing.provenance.origin.kind != .person || !existing.provenance.edits.isEmpty {
                existing.provenance.edits.append(EditRecord(author: author, at: date, change: "rewrote the lyrics"))
            }
            lyrics = existing
            change = "rewrote the lyrics"
        } else {
            lyrics = Lyrics(text: words, provenance: Provenance(origin: .person(author), acceptedAt: date))
            change = "wrote the lyrics"
        }
        update(section.name) { $0.lyrics = lyrics }
        return change
    }
}
