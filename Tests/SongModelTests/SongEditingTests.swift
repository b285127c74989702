import MusicTheory
import Testing
@testable import SongModel

@Suite("Editing a song")
struct SongEditingTests {
    @Test func formFollowsSectionsUntilArranged() throws {
        var song = Song(title: "T")
        try song.addSection("verse", bars: 8)
        try song.addSection("Chorus", bars: 8)
        #expect(song.form == ["verse", "chorus"])
        try song.arrange(["verse", "chorus", "verse", "CHORUS"])
        try song.addSection("bridge", bars: 4)
        #expect(song.form == ["verse", "chorus", "verse", "chorus"])
        #expect(song.lengthInBars == 32)
    }

    @Test func renameAndRemoveFollowTheForm() throws {
        var song = try rainOnGlass()
        try song.renameSection("verse", to: "verse1")
        #expect(song.form == ["verse1", "chorus", "verse1", "chorus"])
        try song.removeSection("chorus")
        #expect(song.form == ["verse1", "verse1"])
    }

    @Test func copyKeepsPartsAndProvenance() throws {
        var song = try rainOnGlass()
        try song.copySection("verse", as: "verse2")
        #expect(song.sections.map(\.name) == ["verse", "verse2", "chorus"])
        #expect(song.section(named: "verse2")?.chords == song.section(named: "verse")?.chords)
    }

    @Test("edits refuse bad input", arguments: [
        ("add", "1verse", 8, SongModelError.badSectionName("1verse")),
        ("add", "verse", 8, .duplicateSection("verse")),
        ("add", "coda", 0, .barsOutOfRange("0")),
        ("add", "coda", 257, .barsOutOfRange("257")),
        ("remove", "bridge", 0, .unknownSection("bridge", suggestion: nil, known: ["verse", "chorus"])),
        ("remove", "vers", 0, .unknownSection("vers", suggestion: "verse", known: ["verse", "chorus"])),
    ])
    func refusals(action: String, name: String, bars: Int, error: SongModelError) throws {
        var song = try rainOnGlass()
        let before = song
        #expect(throws: error) {
            if action == "add" { try song.addSection(name, bars: bars) } else { try song.removeSection(name) }
        }
        #expect(song == before)
    }

    /// Chords fill the section: bar by bar, or as a loop that fits it a whole number of
    /// times, played over; any other count is refused.
    @Test func chordsMustFillTheSection() throws {
        var song = try rainOnGlass()
        let bars = try ChordChart.parse("| C | G | Am |")
        #expect(throws: SongModelError.chordBarCount(section: "verse", given: 3, expected: 8)) {
            try song.writeChords("verse", bars: bars, author: "Ana", at: fixedDate)
        }
        try song.writeChords("verse", bars: ChordChart.parse("| C | G |"), author: "Ana", at: fixedDate)
        #expect(song.section(named: "verse")?.chords?.bars(8, meter: .fourFour).map { $0.map(\.symbol) }
                == Array(repeating: [["C"], ["G"]], count: 4).flatMap { $0 })
    }

    @Test func melodyMayNotOverrunTheSection() throws {
        var song = Song(title: "T")
        try song.addSection("tag", bars: 1)
        let notes = try NoteSyntax.parse("C5/1 D5/4", meter: .fourFour)
        #expect(throws: SongModelError.tooLong(part: "melody", section: "tag", bars: 1, runs: 2)) {
            try song.writeMelody("tag", notes: notes, author: "Ana", at: fixedDate)
        }
    }

    @Test func shorteningCutsPartsAtTheNewEnd() throws {
        var song = try rainOnGlass()
        try song.setBars("verse", bars: 2)
        let verse = try #require(song.section(named: "verse"))
        #expect(verse.chords?.changes.map(\.symbol) == ["Cm", "Ab"])
        #expect(verse.melody?.notes.count == 7)
    }

    @Test func meterCannotChangeUnderWrittenParts() throws {
        var song = try rainOnGlass()
        #expect(throws: SongModelError.meterChangeWithParts(section: "verse")) {
            try song.setMeter(try Meter(parsing: "3/4"), of: "verse")
        }
        try song.addSection("waltz", bars: 4)
        try song.setMeter(try Meter(parsing: "3/4"), of: "waltz")
        #expect(song.section(named: "waltz")?.meter?.description == "3/4")
    }

    @Test func undoAndRedoRoundTripExactly() throws {
        var history = UndoHistory()
        var song = Song(title: "T")
        var states = [song]
        for name in ["a", "b", "c"] {
            history.record("add \(name) 4", before: song)
            try song.addSection(name, bars: 4)
            states.append(song)
        }
        for expected in states.reversed().dropFirst() {
            let undone = history.undo(current: song)
            let step = try #require(undone)
            song = try #require(step.song)
            #expect(song == expected)
        }
        let noMoreUndo = history.undo(current: song)
        #expect(noMoreUndo == nil)
        for expected in states.dropFirst() {
            let redone = history.redo(current: song)
            let step = try #require(redone)
            song = try #require(step.song)
            #expect(song == expected)
        }
        let noMoreRedo = history.redo(current: song)
        #expect(noMoreRedo == nil)
    }

    @Test func provenanceCredits() {
        var provenance = Provenance.written(by: "Ana", at: fixedDate)
        provenance.edits.append(EditRecord(author: "Ben", at: fixedDate, change: "bar 3"))
        provenance.edits.append(EditRecord(author: "Ben", at: fixedDate, change: "bar 4"))
        #expect(provenance.summary == "Ana, edited by Ben")
        let generated = Provenance(origin: .generator("harmony", version: "1.0", seed: 42, parameters: ["mood": "sad"]), acceptedAt: fixedDate)
        #expect(generated.summary == "harmony 1.0 (seed 42)")
    }

    @Test func moodsParseWithSuggestions() throws {
        #expect(try Mood(parsing: "SAD") == .sad)
        #expect(throws: SongModelError.unknownMood("triumphnt", suggestion: "triumphant")) { try Mood(parsing: "triumphnt") }
    }

    @Test func slugs() {
        #expect(Song.slug("Rain on Glass") == "rain-on-glass")
        #expect(Song.slug("  Ça va?! ") == "ça-va")
        #expect(Song.slug("Café ☕ / 夜") == "café-夜")
        #expect(Song.slug("夜") == "夜")
        #expect(Song.slug("Cafe\u{301}") == "café")   // decomposed é, composed in the name
        #expect(Song.slug("!!!") == "untitled")
    }
}
