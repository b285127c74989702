import Foundation
import SongModel

/// `lyrics SECTION = "words …"`: the section's words, credited to the writer as its
/// lyricist; `lyrics SECTION` shows them laid on the melody with what does not fit.
enum LyricsCommands {
    static func lyrics(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        guard var text = invocation.body else {
            guard section.lyrics != nil else {
                return "\(section.name) has no lyrics yet: `lyrics \(section.name) = \"When the rain comes down …\"` (a / starts a new line)"
            }
            return SectionView.lyricsLines(section, in: song).joined(separator: "\n")
        }
        text = text.trimmingCharacters(in: .whitespaces)
        // Words opened with a quote and not closed are refused, not stored with the quote
        // (`lyrics chorus = "oops` had replaced the chorus's words with `"oops`).
        if text.hasPrefix("\""), text.count < 2 || !text.hasSuffix("\"") { throw REPLError.unclosedQuote("lyrics \(invocation.arguments[0]) = \(text)") }
        // Typographic quotes, as a phone or a word processor types them, quote as straight
        // ones do (a band leader's “…” had become part of the words).
        if text.count >= 2, [("\"", "\""), ("“", "”")].contains(where: { text.hasPrefix($0.0) && text.hasSuffix($0.1) }) {
            text = String(text.dropFirst().dropLast())
        }
        let change = try song.writeLyrics(section.name, text: text, author: workspace.author, at: workspace.clock())
        guard change.hasSuffix("lyrics") else { return change }
        workspace.song = song
        let updated = try song.requireSection(section.name)
        let shown = SectionView.lyricsLines(updated, in: song)
        return "\(section.name): \(change)" + (shown.isEmpty ? "" : "\n" + shown.joined(separator: "\n"))
    }
}
