import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

/// The ChordPro lead sheet, exactly: grids of beats for the chords (never chords written
/// as lyric text), directives where key, meter or tempo change, a repeated section
/// recalled by name.
@Suite("ChordPro lead sheets")
struct ChordProTests {
    /// Each chord sits on the syllable sung where it changes: a chord changing in a rest
    /// with nothing sung after goes after the last word, one changing while a syllable is
    /// held goes after it (inside a word, between its syllables), and a `%` bar's chord is
    /// not written again. (An outside check found `[C]one two [C]three four [G]five [Am][F]six`:
    /// the last bar's F, where nothing is sung, on "six".)
    /// A song of one verse in C, its chords, melody and words written by Ana.
    static func sung(_ title: String, bars: Int, chords: String, melody: String, words: String) throws -> Song {
        let when = Date(timeIntervalSince1970: 0)
        var song = Song(title: title, authors: ["Ana"], key: try Key(parsing: "C"), tempo: 100)
        try song.addSection("verse", bars: bars)
        try song.writeChords("verse", bars: ChordChart.parse(chords), author: "Ana", at: when)
        try song.writeMelody("verse", notes: NoteSyntax.parse(melody, meter: .fourFour), author: "Ana", at: when)
        try song.writeLyrics("verse", text: words, author: "Ana", at: when)
        return song
    }

    @Test func chordsSitWhereTheyChangeInTheWords() throws {
        let when = Date(timeIntervalSince1970: 0)
        var song = try Self.sung("Words", bars: 4, chords: "| C | % | G . Am . | F |", melody: "E4/2 G4/2 E4/2 D4/2 D4/2 C4/2 r/1",
                                 words: "one two three four five six")
        try song.addSection("chorus", bars: 1)
        try song.writeChords("chorus", bars: ChordChart.parse("| C . F . |"), author: "Ana", at: when)
        try song.writeMelody("chorus", notes: NoteSyntax.parse("C4/2. D4/4", meter: .fourFour), author: "Ana", at: when)
        try song.writeLyrics("chorus", text: "rain-y", author: "Ana", at: when)
        try song.addSection("bridge", bars: 1)
        try song.writeChords("bridge", bars: ChordChart.parse("| C . G . |"), author: "Ana", at: when)
        try song.writeMelody("bridge", notes: NoteSyntax.parse("C4/2. E4/4", meter: .fourFour), author: "Ana", at: when)
        try song.writeLyrics("bridge", text: "hold on", author: "Ana", at: when)
        try song.arrange(["verse", "chorus", "bridge"])
        let lines = ChordPro.text(for: song).split(separator: "\n").map(String.init)
        // (The last bar, after the words, on a line of its own: `barsAfterTheWordsGetTheirOwnLines`.)
        let six = try #require(lines.firstIndex(of: "[C]one two three four [G]five [Am]six"), "\(lines)")
        #expect(lines[six + 1] == "| [F] |")
        #expect(lines.contains("[C]rain[F]y"), "\(lines)")
        #expect(lines.contains("[C]hold [G] on"), "\(lines)")
    }

    /// Words that end before the section does: the bars after the last sung bar go on
    /// lines of their own, a bar between bar lines, `%` where a chord holds, four bars a
    /// line. (A newcomer's ChordPro had `…glow [Gsus4][G][F][Bbmaj7#11][G/B][E]`.)
    @Test func barsAfterTheWordsGetTheirOwnLines() throws {
        let song = try Self.sung("Short", bars: 8, chords: "| C | G . Gsus4 . | F | % | Am . G . | F | C | G |", melody: "E4/2 G4/2 | D4/1",
                                 words: "watch the glow")
        let lines = ChordPro.text(for: song).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("{start_of_verse") })
        #expect(Array(lines[(start + 1)...(start + 4)]) == ["[C]watch the [G]glow [Gsus4]", "| [F] | % | [Am] [G] | [F] |", "| [C] | [G] |", "{end_of_verse}"],
                "\(lines)")
    }

    /// A section sung with words is a verse, chorus or bridge block by its role, as the
    /// rest of Cowrite reads names: "lastchorus", "final-chorus" and "refrain" are choruses
    /// (a band leader's had been written as verses: only "chorus…" had been read).
    @Test func aSectionsBlockFollowsItsRole() throws {
        for (name, kind) in [("lastchorus", "chorus"), ("final-chorus", "chorus"), ("refrain", "chorus"), ("chorus2", "chorus"),
                             ("middle-eight", "bridge"), ("verse_2", "verse"), ("tag", "verse")] {
            var song = try Self.sung("Roles", bars: 1, chords: "| C |", melody: "C4/1", words: "la")
            try song.renameSection("verse", to: name)
            let lines = ChordPro.text(for: song).split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("{start_of_\(kind): ") } && lines.contains("{end_of_\(kind)}"), "\(name): \(lines)")
        }
    }

    @Test func chordsAreGridsAndChangesAreDirectives() throws {
        var song = Song(title: "Grid", authors: ["Ana", "Ben"], key: try Key(parsing: "Eb"), tempo: 84)
        let when = Date(timeIntervalSince1970: 0)
        try song.addSection("verse", bars: 5)
        try song.addSection("bridge", bars: 2)
        try song.writeChords("verse", bars: ChordChart.parse("| Eb Bb/D | Cm7 . Ab6/9 . | Cm7 . Ab6/9 . | F7b9 | Bb7sus4 . N.C. . |"), author: "Ana", at: when)
        try song.setMeter(try Meter(parsing: "3/4"), of: "bridge")
        try song.setSectionKey(try Key(parsing: "Cm"), of: "bridge")
        try song.setSectionTempo(72, of: "bridge")
        try song.writeChords("bridge", bars: ChordChart.parse("| Cm . G7 | Cm |"), author: "Ana", at: when)
        try song.arrange(["verse", "bridge", "verse"])
        #expect(ChordPro.text(for: song) == """
            {title: Grid}
            {artist: Ana, Ben}
            {composer: Ana, Ben}
            {key: Eb}
            {time: 4/4}
            {tempo: 84}
            {comment: form — verse, bridge, verse}

            {start_of_grid shape="4x4" label="Verse"}
            | Eb . Bb/D . | Cm7 . Ab6/9 . | % | F7b9 . . . |
            | Bb7sus4 . N.C. . |
            {end_of_grid}

            {key: Cm}
            {time: 3/4}
            {tempo: 72}
            {start_of_grid shape="4x3" label="Bridge"}
            | Cm . G7 | Cm . . |
            {end_of_grid}

            {key: Eb}
            {time: 4/4}
            {tempo: 84}
            {comment: Verse again}

            """)
    }
}
