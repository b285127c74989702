import AudioRender
import Engine
import Foundation
import MusicTheory
import OutsideTools
import SongModel
import Testing

/// MIDI files in: written by mido (`tools/learn/write_midi.py`), a writer Cowrite did not
/// write, and read back note for note; and Cowrite's own MIDI files round-tripped.
@Suite("MIDI import")
struct ImportTests {
    struct Fixture: Decodable {
        struct Song: Decodable {
            var path: String
            var tempo: Int
            var key: String
            var sections: [[Value]]
            var melody: [[Int]]
            var chords: [String]
            var bass: [[Int]]
            var drums: [[Int]]
        }
        struct Flat: Decodable {
            var path: String
            var sections: [[Value]]
            var key: String
            var tempo: Int
        }
        enum Value: Decodable, Equatable {
            case text(String), number(Int)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
            }
        }
        var song: Song
        var flat: Flat
        struct Choir: Decodable { var path: String; var chords: [String] }
        var choir: Choir
        var guitar: Choir
        var oompah: Choir
        struct Repeats: Decodable { var path: String; var form: [String] }
        var repeats: Repeats
    }

    func fixtures() throws -> Fixture {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (status, text) = try OutsideTool.python("write_midi.py", [folder])
        #expect(status == 0, "python3 with mido is needed: run `make deps`")
        return try JSONDecoder().decode(Fixture.self, from: Data(text.utf8))
    }

    func plan(_ path: String, track: String? = nil, kind: PartKind? = nil) throws -> MIDIImport {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return try MIDIImport.plan(StandardMIDIFile.parse(bytes),
                                   .init(file: URL(fileURLWithPath: path).lastPathComponent, sha256: "0", track: track, kind: kind,
                                         author: "Ana", date: Date(timeIntervalSince1970: 0)))
    }

    /// Four voices with no chord track (a hymn, a choir, a quartet): the top voice is the
    /// melody, the lowest the bass, and the chords are read from all four together — a
    /// passing note in the alto does not make a chord of its own.
    @Test func voicesInHarmonyAreReadAsChords() throws {
        let fixture = try fixtures().choir
        let read = try plan(fixture.path)
        #expect(read.report.contains("tracks 2–5 together: 4 voices in harmony → chords (recognized per beat from every voice, 99% confident)"))
        #expect(read.report.contains { $0.hasPrefix("track 3 “Alto”: 9 notes, also a melody — left out as a line, heard in the chords") })
        let section = try #require(read.sections.first)
        #expect(section.melody?.notes.count == 8)
        #expect(section.bass?.notes.count == 8)
        let chords = section.chords?.changes.map { $0.chord?.description ?? "N.C." } ?? []
        #expect(chords == fixture.chords, "read \(chords)")
        #expect(section.chords?.provenance.origin.parameters?["track"] == "2–5 (voices together)")
        // Asked for one track, the voices stay lines.
        #expect(try plan(fixture.path, track: "2").sections.first?.chords == nil)
    }

    /// A fingerpicked guitar (one note at a time, each let ring past the next) under a
    /// flute is the song's chords, not a second melody left out; a piano's oom-pah (the
    /// root, then the chord's upper notes, then the fifth, then the upper notes again) is
    /// one chord a bar, not "C7 Edim C7 Edim" (an outside check found both).
    @Test func brokenChordsAndAnOomPahReadAsTheirChords() throws {
        let fixture = try fixtures()
        let guitar = try plan(fixture.guitar.path)
        #expect(guitar.report.contains { $0.hasPrefix("track 3 “Guitar”: 32 notes F2–G4 → chords (broken chords, one note at a time: chords recognized per beat") },
                "\(guitar.report)")
        #expect(guitar.sections.first?.melody?.notes.count == 12)
        #expect(guitar.sections.first?.chords?.changes.map { $0.chord?.description ?? "N.C." } == fixture.guitar.chords)
        let oompah = try plan(fixture.oompah.path)
        #expect(oompah.sections.first?.chords?.changes.map { $0.chord?.description ?? "N.C." } == fixture.oompah.chords)
        // Asked for as a melody, the guitar is one.
        #expect(try plan(fixture.guitar.path, track: "3", kind: .melody).sections.first?.melody?.notes.isEmpty == false)
    }

    /// A marked section played again is the first one again in the form: with other timing
    /// and velocities, or note for note with another drum fill in its last bar; a third
    /// verse with other notes is a section of its own, numbered as the second of its name.
    /// `repeats=apart` keeps every playing as a section (as every import did before).
    @Test func aSectionPlayedAgainIsTheFirstOneAgainInTheForm() throws {
        let fixture = try fixtures().repeats
        let read = try plan(fixture.path)
        #expect(read.form == fixture.form, "\(read.form)")
        #expect(read.sections.map(\.name) == ["verse", "chorus", "verse-2"])
        #expect(read.report.contains("bars 5–6 play verse again (the same written parts, played up to 31 ms and 3 velocity apart; the first playing kept): "
                                     + "the form repeats it (`repeats=apart` imports it as a section of its own)"), "\(read.report)")
        #expect(read.report.contains { $0.hasPrefix("bars 7–8 play chorus again (the same parts, note for note, with another drum fill in the last bar") },
                "\(read.report)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture.path)))
        let apart = try MIDIImport.plan(StandardMIDIFile.parse(bytes), .init(file: "repeats.mid", sha256: "0", author: "Ana",
                                                                             date: Date(timeIntervalSince1970: 0), repeatsApart: true))
        #expect(apart.form == ["verse", "chorus", "verse-2", "chorus-2", "verse-3"])
    }

    /// Every note of a mido file comes back at its written place and value, with how far
    /// it was played off the grid as its offset; the piano's chords are named; markers
    /// become sections; tempo and key come from the file.
    @Test func aFileWrittenByMidoReadsBackNoteForNote() throws {
        let fixture = try fixtures().song
        let imported = try plan(fixture.path)
        #expect(imported.tempo == fixture.tempo)
        #expect(imported.key.description == fixture.key)
        #expect(imported.meter == .fourFour)
        #expect(imported.sections.map { [Fixture.Value.text($0.name), .number($0.bars)] } == fixture.sections)
        let bars = 4 * 3840
        func along<T>(_ kind: PartKind, _ read: (Section) -> [T], start: (T) -> Int, shift: (T, Int) -> T) -> [T] {
            imported.sections.enumerated().flatMap { index, section in read(section).map { shift($0, index * bars) } }
        }
        let melody = along(.melody, { $0.melody?.notes ?? [] }, start: \.start) { note, by in var note = note; note.start += by; return note }
        #expect(melody.map { [$0.start, $0.duration, $0.pitch.midi, $0.velocity, $0.offset] } == fixture.melody)
        let bass = along(.bass, { $0.bass?.notes ?? [] }, start: \.start) { note, by in var note = note; note.start += by; return note }
        #expect(bass.map { [$0.start, $0.duration, $0.pitch.midi, $0.velocity, $0.offset] } == fixture.bass)
        let drums = along(.drums, { $0.drums?.hits ?? [] }, start: \.start) { hit, by in var hit = hit; hit.start += by; return hit }
        #expect(drums.map { [$0.start, $0.key, $0.velocity, $0.offset] } == fixture.drums.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        let chords = imported.sections.flatMap { $0.chords?.changes.map(\.symbol) ?? [] }
        #expect(chords == fixture.chords)
        // Spelled in E minor: F♯, not G♭.
        #expect(imported.sections[1].melody?.notes.contains { $0.pitch.description == "F#4" } == true
                || imported.sections[0].melody?.notes.contains { $0.pitch.description == "F#4" } == true)
        #expect(imported.report.count == 4)
        #expect(imported.report[1].contains("→ chords"))
        // The provenance names the file and the track.
        let origin = try #require(imported.sections[0].melody?.provenance.origin)
        #expect(origin.parameters?["imported"] == "song.mid")
        #expect(origin.parameters?["track"] == "2 “Lead Vocal”")
    }

    /// A format 0 file at 96 ticks a quarter: its channels become parts; with no markers,
    /// a section per 8 bars; with no key signature, the key the notes spell.
    @Test func aFormatZeroFileSplitsByChannel() throws {
        let fixture = try fixtures().flat
        let imported = try plan(fixture.path)
        #expect(imported.sections.map { [Fixture.Value.text($0.name), .number($0.bars)] } == fixture.sections)
        #expect(imported.key.description == fixture.key)
        #expect(imported.tempo == fixture.tempo)
        #expect(imported.sections[0].kinds == [.melody, .bass])
        #expect(imported.sections[0].melody?.notes.first.map { [$0.start, $0.duration, $0.offset] } == [0, 960, 0])
        // One track chosen, read as another part.
        let one = try plan(fixture.path, track: "2", kind: .melody)
        #expect(one.sections[0].kinds == [.melody])
        #expect(throws: SongModelError.badMIDI("no track \"9\" with notes: the tracks are 1 (channel 1), 2 (channel 2)")) {
            try plan(fixture.path, track: "9")
        }
    }

    /// Cowrite's own MIDI file comes back as the song it was made from: every part kind,
    /// the chords by name, the notes at their written places with their offsets.
    @Test func cowritesOwnMIDIFileRoundTrips() throws {
        var song = Song(title: "Round", key: try Key(parsing: "Bb"), tempo: 92)
        try song.addSection("verse", bars: 4)
        try song.addSection("chorus", bars: 2)
        let when = Date(timeIntervalSince1970: 0)
        try song.writeChords("verse", bars: ChordChart.parse("| Bb | Gm7 | Eb/G | F7 |"), author: "Ana", at: when)
        try song.writeChords("chorus", bars: ChordChart.parse("| Cm F | Bb |"), author: "Ana", at: when)
        try song.writeMelody("verse", notes: NoteSyntax.parse("D5/4 F5/8 G5/8 F5/2 | Eb5/4. D5/8 C5/2 | Bb4/4 C5/4 D5/4 Eb5/4 | F5/1", meter: .fourFour),
                             author: "Ana", at: when)
        try song.writeMelody("chorus", notes: NoteSyntax.parse("G5/4 F5/4 Eb5/4 C5/4 | D5/1", meter: .fourFour), author: "Ana", at: when)
        for (kind, suggestion) in [(PartKind.bass, try BassGenerator.suggest(style: .rootFifth, count: 1, seed: 4,
                                                                             context: LineContext(song: song, section: song.requireSection("verse")))[0])] {
            #expect(suggestion.kind == kind)
            try song.accept(suggestion, into: "verse", at: when)
        }
        try song.accept(try PadGenerator.suggest(style: .plain, count: 1, seed: 4, context: LineContext(song: song, section: song.requireSection("verse")))[0],
                        into: "verse", at: when)
        let groove = GrooveRequest(style: DrumStyle.style(.pop), energy: 0.5, swing: .off, feel: nil, humanize: 0.5, count: 1, seed: 4)
        try song.accept(try #require(GrooveGenerator.suggest(groove, context: GrooveContext(section: "verse", meter: .fourFour, bars: 4, tempo: 92)).first),
                        into: "verse", at: when)
        try song.arrange(["verse", "chorus"])
        let data = try MIDIFile.data(for: Performance(song: song), title: song.title)
        let imported = try MIDIImport.plan(StandardMIDIFile.parse([UInt8](data)),
                                           .init(file: "round.mid", sha256: "0", author: "Ana", date: when))
        #expect(imported.key == song.key)
        #expect(imported.tempo == song.tempo)
        #expect(imported.sections.map(\.name) == ["verse", "chorus"])
        for section in song.sections {
            let back = try #require(imported.sections.first { $0.name == section.name })
            #expect(back.kinds == section.kinds, "\(section.name)")
            #expect(back.chords?.changes.map(\.symbol) == section.chords?.changes.map(\.symbol), "\(section.name) chords")
            #expect(back.chords?.changes.map(\.start) == section.chords?.changes.map(\.start), "\(section.name) chord places")
            // A note played early at the very start of the song starts at 0 in the file.
            let first = section.name == song.form.first
            func early(_ start: Int, _ offset: Int) -> Int { first ? max(offset, -start) : offset }
            for kind in [PartKind.melody, .bass, .pad] {
                func written(_ notes: [Note]?) -> [[Int]] {
                    (notes ?? []).map { [$0.start, $0.duration, $0.pitch.midi, $0.velocity, early($0.start, $0.offset)] }.sorted { $0.lexicographicallyPrecedes($1) }
                }
                #expect(written(back.notes(of: kind)) == written(section.notes(of: kind)), "\(section.name) \(kind)")
            }
            func hits(_ part: DrumPart?) -> [[Int]] {
                (part?.hits ?? []).sorted { ($0.start, $0.key) < ($1.start, $1.key) }.map { [$0.start, $0.key, $0.velocity, early($0.start, $0.offset)] }
            }
            #expect(hits(back.drums) == hits(section.drums), "\(section.name) drums")
        }
    }
    /// A stop written in a chart ("A7 N.C.") comes back as one, at the half bar it starts
    /// (it had come back as A7 held through the bar), while every comping pattern comes
    /// back with its chords held and no N.C.
    @Test func aStopComesBackAsNCAndAPatternsRestsDoNot() throws {
        let when = Date(timeIntervalSince1970: 0)
        func roundTrip(_ chart: String, pattern: CompingPattern?) throws -> [String] {
            var song = Song(title: "Stops", key: try Key(parsing: "C"), tempo: 100)
            try song.addSection("verse", bars: 4)
            try song.writeChords("verse", bars: ChordChart.parse(chart), author: "Ana", at: when)
            if let pattern {
                try song.edit(.chords, in: "verse", by: "Ana", at: when, change: "comping \(pattern)") { content in
                    if case .chords(let changes, _) = content { content = .chords(changes: changes, comping: pattern) }
                }
            }
            let data = try MIDIFile.data(for: Performance(song: song), title: song.title)
            let imported = try MIDIImport.plan(StandardMIDIFile.parse([UInt8](data)), .init(file: "stops.mid", sha256: "0", author: "Ana", date: when))
            let verse = try #require(imported.sections.first)
            return (verse.chords?.changes ?? []).map { "\($0.start / 960):\($0.chord?.description ?? "N.C.")" }
        }
        let stop = try roundTrip("| A7 N.C. | D7 | G7 | C |", pattern: nil)
        #expect(stop == ["0:A7", "2:N.C.", "4:D7", "8:G7", "12:C"], "\(stop)")
        // Stopped in every bar: the chord held up to each stop says it is one.
        let everyBar = try roundTrip("| A7 N.C. | A7 N.C. | D7 N.C. | D7 N.C. |", pattern: nil)
        #expect(everyBar == ["0:A7", "2:N.C.", "4:A7", "6:N.C.", "8:D7", "10:N.C.", "12:D7", "14:N.C."], "\(everyBar)")
        for pattern in CompingPattern.allCases {
            let held = try roundTrip("| C | F | G7 | C |", pattern: pattern)
            #expect(held == ["0:C", "4:F", "8:G7", "12:C"], "\(pattern): \(held)")
        }
    }

    /// Each part comes in on the instrument its track played (a fiddle tune had come in on
    /// the flute, a guitar's chords on the piano); into a section of a song, the writer's
    /// instruments stay and the preview says how to take the file's.
    @Test func eachPartKeepsItsTracksInstrument() throws {
        var song = Song(title: "Fiddle", key: try Key(parsing: "D"), tempo: 110)
        let when = Date(timeIntervalSince1970: 0)
        try song.addSection("verse", bars: 2)
        try song.writeChords("verse", bars: ChordChart.parse("| D | A |"), author: "Ana", at: when)
        try song.writeMelody("verse", notes: NoteSyntax.parse("D5/4 F#5/4 A5/4 F#5/4 | E5/1", meter: .fourFour), author: "Ana", at: when)
        song.updateSettings(for: .melody) { $0.program = 40 }
        song.updateSettings(for: .chords) { $0.program = 24 }
        let file = try StandardMIDIFile.parse([UInt8](try MIDIFile.data(for: Performance(song: song), title: song.title)))
        let imported = try MIDIImport.plan(file, .init(file: "fiddle.mid", sha256: "0", author: "Ana", date: when))
        #expect(imported.instruments == [.melody: 40, .chords: 24])
        #expect(imported.report.contains { $0.contains("→ melody, on violin (GM 40)") }, "\(imported.report)")
        let into = try MIDIImport.plan(file, .init(file: "fiddle.mid", sha256: "0", into: ("verse", 2, .fourFour), author: "Ana", date: when))
        #expect(into.instruments.isEmpty)
        #expect(into.report.contains { $0.contains("→ melody, played on violin in the file (`instrument melody violin` sets it)") }, "\(into.report)")
    }

    /// A file's tempo is in quarter notes; Cowrite counts 6/8 in dotted quarters and 7/8 in
    /// eighths. A 6/8 song at 60 (90 quarters a minute in song.mid) and a 7/8 song at 106
    /// (53) come back at 60 and 106; a jig written elsewhere at 100 quarters a minute is 67
    /// dotted quarters. It had read 100, and `export midi` had then played it at 150.
    @Test func aCompoundOrEighthNoteMeterKeepsItsTempo() throws {
        let when = Date(timeIntervalSince1970: 0)
        for (meter, tempo, quarters) in [("6/8", 60, 90.0), ("7/8", 106, 53.0), ("12/8", 50, 75.0), ("3/4", 90, 90.0)] {
            var song = Song(title: "Jig", key: try Key(parsing: "D"), tempo: tempo)
            try song.setSongMeter(try Meter(parsing: meter))
            try song.addSection("verse", bars: 2)
            try song.writeChords("verse", bars: ChordChart.parse("| D | A |"), author: "Ana", at: when)
            let data = try MIDIFile.data(for: Performance(song: song), title: song.title)
            let file = try StandardMIDIFile.parse([UInt8](data))
            #expect(abs(60_000_000 / Double(try #require(file.tempos.first).value) - quarters) < 0.01, "\(meter)")
            let imported = try MIDIImport.plan(file, .init(file: "jig.mid", sha256: "0", author: "Ana", date: when))
            let written = try Meter(parsing: meter)
            #expect(imported.tempo == tempo && imported.meter == written, "\(meter)")
        }
        #expect(MIDIImport.bpm(600_000, meter: try Meter(parsing: "6/8")) == 67)
        #expect(MIDIImport.bpm(600_000, meter: .fourFour) == 100)
    }

    /// A song whose chorus changes tempo and key comes back with them set on the chorus
    /// (only the first of each had been read: an outside check's 90 → 120 bpm file came in
    /// at 90 throughout, with nothing said), a change of meter is said in the report, and
    /// a bar where nothing sounds before the first chord is N.C. (it had taken that chord).
    @Test func tempoAndKeyChangesComeInOnTheirSections() throws {
        var song = Song(title: "Turn", key: try Key(parsing: "C"), tempo: 100)
        let when = Date(timeIntervalSince1970: 0)
        try song.addSection("verse", bars: 4)
        try song.addSection("chorus", bars: 2)
        try song.addSection("bridge", bars: 2)
        try song.setSectionTempo(120, of: "chorus")
        try song.setSectionKey(try Key(parsing: "D"), of: "chorus")
        try song.setMeter(try Meter(parsing: "3/4"), of: "bridge")
        try song.writeChords("verse", bars: ChordChart.parse("| N.C. | C | F | G |"), author: "Ana", at: when)
        try song.writeChords("chorus", bars: ChordChart.parse("| D | A |"), author: "Ana", at: when)
        try song.writeChords("bridge", bars: ChordChart.parse("| D | A |"), author: "Ana", at: when)
        try song.arrange(["verse", "chorus", "bridge"])
        let data = try MIDIFile.data(for: Performance(song: song), title: song.title)
        let imported = try MIDIImport.plan(StandardMIDIFile.parse([UInt8](data)), .init(file: "turn.mid", sha256: "0", author: "Ana", date: when))
        #expect(imported.tempo == 100 && imported.key == song.key)
        let verse = try #require(imported.sections.first { $0.name == "verse" }), chorus = try #require(imported.sections.first { $0.name == "chorus" })
        #expect(verse.tempo == nil && verse.key == nil)
        let d = try Key(parsing: "D")
        #expect(chorus.tempo == 120 && chorus.key == d)
        #expect(verse.chords?.changes.map(\.symbol) == ["N.C.", "C", "F", "G"])
        #expect(imported.report.contains("the file's tempo and key changes, set on the sections they start: chorus at 120 bpm, chorus in D"), "\(imported.report)")
        #expect(imported.report.contains { $0.hasPrefix("the file changes meter to 3/4 at bar 7 (counted in 4/4)") }, "\(imported.report)")
        // Into a section in another meter: said, with the way to keep the file's bars.
        let waltz = try MIDIImport.plan(StandardMIDIFile.parse([UInt8](data)), .init(file: "turn.mid", sha256: "0", into: ("waltz", 4, try Meter(parsing: "3/4")),
                                                                                     author: "Ana", date: when))
        #expect(waltz.report.contains("the file is in 4/4 and waltz in 3/4: its notes are read in 3/4 bars (`set waltz meter=4/4` first keeps its bars)"),
                "\(waltz.report)")
    }
}
