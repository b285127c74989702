import Foundation
import MusicTheory
import Testing
@testable import SongModel

/// The part catalogue and the one edit path: every edit goes through `Song.edit`, is
/// recorded in provenance, and re-times whatever follows the drums.
@Suite("Parts and the edit path")
struct PartModelTests {
    static let later = Date(timeIntervalSince1970: 1_790_000_600)

    @Test func everyKindHasItsOwnRowChannelAndStem() throws {
        let rows = PartKind.allCases.map(\.row)
        #expect(Set(rows.map(\.channel)).count == rows.count)
        #expect(Set(rows.map(\.stem)).count == rows.count)
        #expect(PartKind.drums.row.channel == 9 && !PartKind.drums.row.pitched)
        #expect(PartKind.pad.row.shape == .notes && PartKind.pad.row.program(nil) == 89)
        #expect(try PartKind(parsing: "harmony") == .chords)
        #expect(try PartKind(parsing: "pads") == .pad)
    }

    /// A drum groove with swing and humanizing, and a bass line coupled to it.
    static func groovedSong() throws -> Song {
        var song = Song(title: "Groove", tempo: 100)
        try song.addSection("verse", bars: 2)
        let hits = (0..<16).map { DrumHit(start: $0 * 480, key: $0 % 2 == 0 ? DrumKit.kick : DrumKit.hat, velocity: 90) }
        let timing = GrooveTiming(swing: 2, swingUnit: 960, feel: .laidBack, humanize: 0.5, alpha: 1, seed: 7)
        try song.accept(.drums(hits: hits, style: .rock, timing: timing), as: .drums, from: .person("Ana"), into: "verse", at: fixedDate)
        let bass = (0..<4).map { Note(start: $0 * 1920, duration: 1800, pitch: try! Pitch(parsing: "C2")) }
        try song.accept(.notes(bass), as: .bass, from: .person("Ana"), into: "verse", at: fixedDate)
        return song
    }

    /// The offsets the timing rules give these hits, computed apart from the song.
    static func expectedOffsets(_ song: Song) throws -> [Int] {
        let drums = try #require(song.section(named: "verse")?.drums)
        let timing = try #require(drums.timing)
        return GrooveTimingApplier.apply(timing, to: drums.hits, quarterTempo: 100).map(\.offset)
    }

    @Test func acceptingDrumsAndBassTimesThemTogether() throws {
        let song = try Self.groovedSong()
        let verse = try #require(song.section(named: "verse"))
        #expect(verse.drums?.hits.map(\.offset) == (try Self.expectedOffsets(song)))
        #expect(verse.drums?.hits.contains { $0.offset != 0 } == true)
        #expect(verse.bass?.notes.contains { $0.offset != 0 } == true)
        #expect(verse.drums?.provenance.acceptedAt == fixedDate)
    }

    @Test func shiftMovesTheHitsAndRetimesThem() throws {
        var song = try Self.groovedSong()
        let bassBefore = try #require(song.section(named: "verse")?.bass?.notes.map(\.offset))
        let change = try song.shift(.drums, in: "verse", beats: 0.5, author: "Ben", at: Self.later)
        #expect(change == "shifted later by 0.5 beats")
        let verse = try #require(song.section(named: "verse"))
        let drums = try #require(verse.drums)
        #expect(drums.hits.first?.start == 480)
        // Swing now falls on the hits that moved onto the off-beats: the offsets are the
        // timing rules applied at the new places, not the old offsets carried along.
        #expect(drums.hits.map(\.offset) == (try Self.expectedOffsets(song)))
        #expect(verse.bass?.notes.map(\.offset) != bassBefore)
        #expect(drums.provenance.edits == [EditRecord(author: "Ben", at: Self.later, change: "shifted later by 0.5 beats")])
    }

    @Test func everyEditIsRecordedAndAnUnchangedOneIsNot() throws {
        var song = try Self.groovedSong()
        let changed = try song.edit(.bass, in: "verse", by: "Ben", at: Self.later, change: "bar 1") { content in
            content = content.placing(Note(start: 0, duration: 960, pitch: try! Pitch(parsing: "G1")))
        }
        #expect(changed)
        let unchanged = try song.edit(.bass, in: "verse", by: "Cy", at: Self.later, change: "nothing") { _ in }
        #expect(!unchanged)
        let bass = try #require(song.section(named: "verse")?.bass)
        #expect(bass.provenance.edits.map(\.author) == ["Ben"])
        #expect(bass.provenance.origin == .person("Ana"))
        // The bass was re-coupled to the drums after the edit.
        #expect(bass.notes.first?.offset != 0 || bass.notes.contains { $0.offset != 0 })
    }

    @Test func anEditThatDoesNotFitChangesNothing() throws {
        var song = try Self.groovedSong()
        let before = song
        #expect(throws: SongModelError.tooLong(part: "bass", section: "verse", bars: 2, runs: 3)) {
            try song.edit(.bass, in: "verse", by: "Ben", at: Self.later, change: "x") { content in
                content = .notes([Note(start: 7000, duration: 1920, pitch: try! Pitch(parsing: "C2"))])
            }
        }
        #expect(throws: SongModelError.noPart(.melody, section: "verse")) {
            try song.edit(.melody, in: "verse", by: "Ben", at: Self.later, change: "x") { _ in }
        }
        #expect(song == before)
    }

    @Test func aNewPartIsWrittenByItsAuthorAndAnEmptiedOneGoes() throws {
        var song = try Self.groovedSong()
        try song.edit(.melody, in: "verse", by: "Ben", at: Self.later, change: "note", starting: .notes([])) { content in
            content = content.placing(Note(start: 0, duration: 960, pitch: try! Pitch(parsing: "E5")))
        }
        let melody = try #require(song.section(named: "verse")?.melody)
        #expect(melody.provenance == Provenance.written(by: "Ben", at: Self.later))
        try song.edit(.melody, in: "verse", by: "Ben", at: Self.later, change: "unnote") { $0 = .notes([]) }
        #expect(song.section(named: "verse")?.melody == nil)
    }

    @Test func copyingAPartKeepsItsCreditsAndRecordsTheCopy() throws {
        var song = try Self.groovedSong()
        try song.addSection("chorus", bars: 3)
        try song.copyPart(.drums, from: "verse", to: "chorus", by: "Ben", at: Self.later)
        let chorus = try #require(song.section(named: "chorus")?.drums)
        #expect(chorus.provenance.origin == .person("Ana"))
        #expect(chorus.provenance.edits.last == EditRecord(author: "Ben", at: Self.later, change: "copied from verse"))
        #expect(chorus.hits.count == 24 && chorus.hits.last?.start == 2 * 3840 + 7 * 480)
    }

    @Test func transposeChromaticAndDiatonicAndRefusals() throws {
        var song = Song(title: "T", key: try Key(parsing: "C"))
        try song.addSection("verse", bars: 1)
        try song.writeChords("verse", bars: [[try Chord(parsing: "C")]], author: "Ana", at: fixedDate)
        try song.writeMelody("verse", notes: [Note(start: 0, duration: 960, pitch: try Pitch(parsing: "E4"))], author: "Ana", at: fixedDate)
        try song.transpose(.melody, in: "verse", by: 2, diatonic: true, author: "Ana", at: Self.later)
        #expect(song.section(named: "verse")?.melody?.notes.first?.pitch == (try Pitch(parsing: "G4")))
        try song.transpose(.chords, in: "verse", by: 2, author: "Ana", at: Self.later)
        #expect(song.section(named: "verse")?.chords?.changes.first?.chord == (try Chord(parsing: "D")))
        #expect(throws: SongModelError.notForPart("drums have no pitch to transpose; `shift` moves them in time")) {
            try song.transpose(.drums, in: "verse", by: 2, author: "Ana", at: Self.later)
        }
        #expect(song.section(named: "verse")?.melody?.provenance.edits.map(\.change) == ["transposed up 2 scale steps"])
    }

    @Test func chromaticTransposeSpellsAsTheMovedKeyDoes() throws {
        let key = try Key(parsing: "C")
        let notes = try ["B4", "F4", "E4"].map { Note(start: 0, duration: 960, pitch: try Pitch(parsing: $0)) }
        let up = try PartContent.notes(notes).transposed(semitones: 2, key: key).notes?.map(\.pitch.description)
        #expect(up == ["C#5", "G4", "F#4"])
        let down = try PartContent.notes(notes).transposed(semitones: -2, key: key).notes?.map(\.pitch.description)
        #expect(down == ["A4", "Eb4", "D4"])
        let chords = try PartContent.chords(changes: [ChordChange(start: 0, chord: try Chord(parsing: "E7/G#"))], comping: nil)
            .transposed(semitones: 1, key: try Key(parsing: "Am"))
        guard case .chords(let changes, _) = chords else { Issue.record("chords"); return }
        #expect(changes.first?.chord == (try Chord(parsing: "F7/A")))
        #expect(try Key(parsing: "Am").transposed(semitones: 4) == (try Key(parsing: "C#m")))
        #expect(try Key(parsing: "F").transposed(semitones: 1) == (try Key(parsing: "F#")))
    }

    @Test func tilingRepeatsAndCuts() {
        let hits = [DrumHit(start: 0, key: 36, velocity: 90), DrumHit(start: 3840, key: 38, velocity: 90)]
        let tiled = PartContent.drums(hits: hits, style: nil, timing: nil).tiled(from: 7680, to: 5 * 3840)
        guard case .drums(let out, _, _) = tiled else { Issue.record("not drums"); return }
        #expect(out.map(\.start) == [0, 3840, 7680, 11520, 15360])
    }

    @Test func aDraftSectionIsStampedWhenItIsPlaced() throws {
        var song = Song(title: "Draft")
        var section = Section(name: "verse", bars: 1)
        section.parts[.chords] = ChordPart(changes: [ChordChange(start: 0, chord: try Chord(parsing: "C"))],
                                           provenance: Provenance(origin: .person("x"), acceptedAt: Date(timeIntervalSince1970: 0))).part
        try song.place(section, acceptedAt: Self.later)
        #expect(song.section(named: "verse")?.chords?.provenance.acceptedAt == Self.later)
    }

    @Test("every vocabulary reads its words and aliases, and names them when it cannot", arguments: [
        ("laidback", "laid-back"), ("behind", "laid-back"), ("Pushed", "pushed"),
    ])
    func feelsParse(text: String, word: String) throws {
        #expect(try Feel(parsing: text).rawValue == word)
    }

    @Test func vocabularyErrorsNameTheWords() {
        #expect(throws: SongModelError.unknownWord(what: "transition", text: "crash", allowed: Transition.words, suggestion: nil)) {
            try Transition(parsing: "crash")
        }
        #expect(try! Transition(parsing: "rit") == .ritard)
        #expect(try! DrumStyleName(parsing: "bossa nova") == .bossaNova)
        #expect(try! FillKind(parsing: "kick-snare") == .kickSnare)
        #expect(DrumStyleName.named("polka") == nil)
    }

    @Test func handOversPreferTheNamedSectionThenTheDefaultThenTheEnding() throws {
        var song = Song(title: "H")
        try song.addSection("verse", bars: 1)
        try song.addSection("chorus", bars: 1)
        try song.setTransition(.fill, from: "verse")
        try song.setTransition(.build, from: "verse", to: "chorus")
        try song.setTransition(.ritard, from: "verse", atEnd: true)
        let verse = try #require(song.section(named: "verse"))
        #expect(verse.handover(to: "chorus") == .build)
        #expect(verse.handover(to: "verse") == .fill)
        #expect(verse.handover(to: nil) == .ritard)
    }
}

@Suite("The drum kit")
struct DrumKitTests {
    @Test func namedKeysAreRowsOfTheKit() {
        let named = [DrumKit.kick, DrumKit.snare, DrumKit.rim, DrumKit.clap, DrumKit.hat, DrumKit.pedalHat, DrumKit.openHat,
                     DrumKit.ride, DrumKit.crash, DrumKit.tambourine, DrumKit.cowbell, DrumKit.shaker, DrumKit.highTom, DrumKit.midTom, DrumKit.lowTom]
        #expect(Set(named) == Set(DrumKit.pieces.map(\.key)))
    }
}
