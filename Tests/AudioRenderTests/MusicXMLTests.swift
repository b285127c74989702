import AudioRender
import Engine
import Foundation
import MusicTheory
import OutsideTools
import SongModel
import Testing

/// The MusicXML lead sheet, checked from outside: valid against the MusicXML 4.0 schema
/// (xmllint, with the schema from PyPI's `musicxml` package that `make deps` installs) and
/// read back by music21: the notes, the chord symbols as the pitches music21 spells for
/// them, rehearsal marks, key, meters and tempo.
@Suite("MusicXML lead sheets")
struct MusicXMLTests {
    /// A song with what a lead sheet must carry: ties over bar lines, triplets, rests, a
    /// slash chord, altered and added-tone chords, N.C., a chord that changes under a held
    /// note, a section repeated back to back, a key change, a meter change and a tempo change.
    static func song() throws -> Song {
        var song = Song(title: "Lead & Sheet", authors: ["Ana"], key: try Key(parsing: "Eb"), tempo: 84)
        let when = Date(timeIntervalSince1970: 0)
        try song.addSection("verse", bars: 4)
        try song.addSection("chorus", bars: 2)
        try song.addSection("bridge", bars: 2)
        try song.writeChords("verse", bars: ChordChart.parse("| Eb Bb/D | Cm7 . Ab6/9 . | F7b9 | Bb7sus4 N.C. |"), author: "Ana", at: when)
        try song.writeMelody("verse", notes: NoteSyntax.parse("G4/4 Bb4/8 C5/8 D5/2~ | D5/4 Eb5/8t D5/8t C5/8t Bb4/2 | r/4 Ab4/4 G4/4 F4/4~ | F4/2 r/2", meter: .fourFour),
                             author: "Ana", at: when)
        try song.writeLyrics("verse", text: "Rain-y days_ are love-ly, / when you are here with me", author: "Ben", at: when)
        try song.writeChords("chorus", bars: ChordChart.parse("| Abmaj7#11 . Db . | Bbm(add9) |"), author: "Ana", at: when)
        try song.writeMelody("chorus", notes: NoteSyntax.parse("Eb5/2. F5/4 | Db5/1", meter: .fourFour), author: "Ana", at: when)
        try song.setMeter(try Meter(parsing: "3/4"), of: "bridge")
        try song.setSectionKey(try Key(parsing: "Cm"), of: "bridge")
        try song.setSectionTempo(72, of: "bridge")
        try song.writeChords("bridge", bars: ChordChart.parse("| Cm | G7alt |"), author: "Ana", at: when)
        try song.arrange(["verse", "chorus", "chorus", "bridge"])
        return song
    }

    /// The schema, with its two imports pointed at local files: xml.xsd and xlink.xsd
    /// declare only the attributes MusicXML uses from those namespaces.
    func schema(in folder: String) throws -> String {
        let (status, found) = try OutsideTool.run("/usr/bin/env", ["python3", "-c",
            "import importlib.util, os; print(os.path.dirname(importlib.util.find_spec('musicxml').origin))"])
        #expect(status == 0, "the musicxml package from PyPI is needed: run `make deps`")
        let source = found.trimmingCharacters(in: .whitespacesAndNewlines) + "/generate_classes/musicxml_4_0.xsd"
        var text = try String(contentsOfFile: source, encoding: .utf8)
        text = text.replacingOccurrences(of: "http://www.musicxml.org/xsd/xml.xsd", with: "xml.xsd")
            .replacingOccurrences(of: "http://www.musicxml.org/xsd/xlink.xsd", with: "xlink.xsd")
        try text.write(toFile: folder + "/musicxml.xsd", atomically: false, encoding: .utf8)
        try """
        <?xml version="1.0"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
          <xs:attribute name="lang" type="xs:language"/>
          <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
            <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
        </xs:schema>
        """.write(toFile: folder + "/xml.xsd", atomically: false, encoding: .utf8)
        try """
        <?xml version="1.0"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xlink">
          <xs:attribute name="href" type="xs:anyURI"/><xs:attribute name="type" type="xs:token"/>
          <xs:attribute name="role" type="xs:token"/><xs:attribute name="title" type="xs:token"/>
          <xs:attribute name="show" type="xs:token"/><xs:attribute name="actuate" type="xs:token"/>
        </xs:schema>
        """.write(toFile: folder + "/xlink.xsd", atomically: false, encoding: .utf8)
        return folder + "/musicxml.xsd"
    }

    @Test func theLeadSheetIsValidMusicXMLFourAndMusic21ReadsItBack() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let song = try Self.song()
        let path = folder + "/song.musicxml"
        try MusicXML.text(for: song).write(toFile: path, atomically: false, encoding: .utf8)
        let xsd = try schema(in: folder)
        let lint = try OutsideTool.run("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", xsd, path], reading: .errors)
        #expect(lint.status == 0, "xmllint (libxml2-utils, `make deps`): \(lint.text)")
        // A double bar where the verse ends (the chorus ends on its repeat, the bridge on
        // the final bar); N.C. with its root's text empty; degrees not printed again over
        // the symbol's own text; the chorus's Db over a tied note of its own, at beat 3.
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file.components(separatedBy: "<bar-style>light-light</bar-style>").count == 2)
        #expect(file.contains("<root-step text=\"\">C</root-step>"))
        #expect(file.contains("<degree print-object=\"no\">") && !file.contains("<degree>"))
        let chorus = try #require(file.components(separatedBy: "<measure number=\"5\">").last?.components(separatedBy: "</measure>").first)
        #expect(chorus.components(separatedBy: "<tie type=\"start\"/>").count == 2 && !chorus.contains("<offset>"), "\(chorus)")

        let (status, text) = try OutsideTool.python("read_musicxml.py", [path])
        #expect(status == 0, "python3 with music21 is needed: run `make deps`")
        struct Read: Decodable {
            struct Symbol: Decodable { var offset: Double; var figure: String; var classes: [Int] }
            var keys: [Int]; var meters: [String]; var rehearsals: [String]; var tempos: [Int]
            var chords: [Symbol]; var notes: [[Double]]; var measures: Int; var lyrics: [String]
        }
        let read = try JSONDecoder().decode(Read.self, from: Data(text.utf8))
        #expect(read.keys == [-3, -3])
        #expect(read.meters == ["4/4", "3/4"])
        #expect(read.rehearsals == ["Verse", "Chorus", "Bridge"])
        #expect(read.tempos == [84, 72])
        // The chorus is written once between repeat signs: 4 + 2 + 2 measures.
        #expect(read.measures == 8)
        // Every chord: the pitch classes music21 spells from root, kind, degrees and bass
        // are the chord's own; N.C. is no chord.
        var written: [(offset: Double, chord: Chord?)] = []
        for (name, start) in [("verse", 0), ("chorus", 4 * 3840), ("bridge", 6 * 3840)] {
            for change in song.section(named: name)?.chords?.changes ?? [] {
                written.append((Double(start + change.start) / 960, change.chord))
            }
        }
        #expect(read.chords.count == written.count)
        for (symbol, (offset, chord)) in zip(read.chords, written) {
            #expect(symbol.offset == offset, "\(symbol.figure) at \(symbol.offset), expected \(offset)")
            if let chord {
                #expect(Set(symbol.classes) == chord.pitchClasses, "\(chord): music21 read \(symbol.figure) as \(symbol.classes)")
            } else {
                #expect(symbol.figure == "N.C.")
            }
        }
        // The words under their notes, one syllable each, their punctuation kept as ChordPro
        // and song.mid keep it (a band leader's "me," had read "me"); the held note (`_`) has none.
        #expect(read.lyrics == ["Rain", "y", "days", "are", "love", "ly,", "when", "you", "are", "here"])
        // The notes, ties joined: MIDI number, start and length in quarter notes.
        var notes: [[Double]] = []
        for (name, start) in [("verse", 0), ("chorus", 4 * 3840)] {
            for note in song.section(named: name)?.melody?.notes ?? [] {
                notes.append([Double(note.pitch.midi), Double(start + note.start) / 960, Double(note.duration) / 960])
            }
        }
        #expect(read.notes.count == notes.count)
        for (got, want) in zip(read.notes, notes) {
            #expect(got[0] == want[0] && abs(got[1] - want[1]) < 1e-6 && abs(got[2] - want[2]) < 1e-6, "\(got) vs \(want)")
        }
    }

    /// Every chord quality Cowrite reads, on roots round the circle of fifths, written to a
    /// lead sheet and read back by music21: the pitch classes it spells from each kind and
    /// its degrees are the chord's own. A 7sus4 had gone out as a sus4 with a diminished
    /// seventh in the old reading of an added degree, and eight qualities as "other".
    @Test func everyChordQualityIsReadBackAsItsOwnTones() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let roots = ["C", "F", "Bb", "Eb", "Ab", "Db", "G", "D", "A", "E", "B", "F#"]
        let chords = try ChordQuality.all.enumerated().map { index, quality in
            try Chord(parsing: roots[index % roots.count] + quality.symbol)
        }
        var song = Song(title: "Every chord", authors: ["Ana"], key: try Key(parsing: "C"), tempo: 100)
        try song.addSection("chart", bars: chords.count)
        let chart = "| " + chords.map(\.description).joined(separator: " | ") + " |"
        try song.writeChords("chart", bars: ChordChart.parse(chart), author: "Ana", at: Date(timeIntervalSince1970: 0))
        let path = folder + "/chords.musicxml"
        try MusicXML.text(for: song).write(toFile: path, atomically: false, encoding: .utf8)
        let lint = try OutsideTool.run("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", try schema(in: folder), path], reading: .errors)
        #expect(lint.status == 0, "xmllint: \(lint.text)")
        let (status, text) = try OutsideTool.python("read_musicxml.py", [path])
        #expect(status == 0, "python3 with music21 is needed: run `make deps`")
        struct Read: Decodable {
            struct Symbol: Decodable { var figure: String; var classes: [Int] }
            var chords: [Symbol]
        }
        let read = try JSONDecoder().decode(Read.self, from: Data(text.utf8))
        #expect(read.chords.count == chords.count)
        for (symbol, chord) in zip(read.chords, chords) {
            #expect(Set(symbol.classes) == chord.pitchClasses, "\(chord) (\(chord.quality.name)): music21 read \(symbol.figure) as \(symbol.classes)")
        }
    }

    /// A swung section is marked "Swing" over its first bar, with MusicXML 4.0's <swing>
    /// (its ratio, so notation programs play it back swung), and a straight one after it
    /// "Straight"; the ChordPro chart says the same in comments. The file still validates.
    @Test func theLeadSheetMarksTheFeelWhereTheBandSwings() throws {
        var song = try BandSwingTests.song(.jazz, tempo: 100)
        try song.addSection("bridge", bars: 4)
        let groove = try #require(GrooveGenerator.suggest(GrooveRequest(style: DrumStyle.style(.rock), energy: 0.5, swing: .off, feel: .on, humanize: 0, count: 1, seed: 3),
                                                          context: GrooveContext(section: "bridge", meter: .fourFour, bars: 4, tempo: 100)).first?.part)
        try song.accept(groove, as: .drums, from: .person("T"), into: "bridge", at: BandSwingTests.when)
        try song.accept(.chords(changes: [ChordChange(start: 0, chord: try Chord(parsing: "F"))], comping: .pulse), as: .chords, from: .person("T"), into: "bridge", at: BandSwingTests.when)
        try song.arrange(["verse", "bridge", "verse"])
        let ratio = try #require(song.section(named: "verse")?.drums?.timing?.swing)
        let text = MusicXML.text(for: song)
        #expect(text.components(separatedBy: "<words>Swing</words>").count == 3, "swung at the first verse and again after the bridge")
        #expect(text.components(separatedBy: "<words>Straight</words>").count == 2)
        let first = Int((ratio * 100).rounded())
        #expect(text.contains("<swing-type>eighth</swing-type>") && text.contains("<straight/>"))
        let pair = try #require(text.range(of: #"<first>(\d+)</first>\s*<second>(\d+)</second>"#, options: .regularExpression))
        let numbers = text[pair].split { !$0.isNumber }.compactMap { Int($0) }
        #expect(numbers.count == 2 && abs(Double(numbers[0]) / Double(numbers[1]) - Double(first) / 100) < 1e-9, "\(numbers) for \(ratio)")
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/feel.musicxml", atomically: false, encoding: .utf8)
        let lint = try OutsideTool.run("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", try schema(in: folder), folder + "/feel.musicxml"], reading: .errors)
        #expect(lint.status == 0, "\(lint.text)")
        let chart = ChordPro.text(for: song)
        let said = String(format: "%.2f", Double(first) / 100).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
        #expect(chart.contains("{comment: Swing (\(said):1)}") && chart.contains("{comment: Straight}"), "\(chart)")
        // A song that never swings is marked nothing.
        let straight = try Self.song()
        #expect(!MusicXML.text(for: straight).contains("<swing>") && !ChordPro.text(for: straight).contains("{comment: Straight}"))
    }

    /// MuseScore 3 (`mscore3`, which `make deps` installs), headless, imports the lead sheet
    /// without an error line and converts it to its own format and to a PDF: the key, the
    /// chord symbols (MuseScore's root as a tonal pitch class and its chord name), the
    /// words and the rehearsal marks come through.
    @Test func museScoreImportsTheLeadSheetWithItsKeyChordsWordsAndSections() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let song = try Self.song()
        let path = folder + "/song.musicxml"
        try MusicXML.text(for: song).write(toFile: path, atomically: false, encoding: .utf8)
        let museScore = "/usr/bin/mscore3"
        try #require(FileManager.default.isExecutableFile(atPath: museScore), "MuseScore 3 (Debian's musescore3) is needed: run `make deps`")
        func convert(to output: String) throws -> (status: Int32, text: String) {
            try OutsideTool.run("/usr/bin/env", ["QT_QPA_PLATFORM=offscreen", "HOME=\(folder)", "XDG_RUNTIME_DIR=\(folder)",
                                                 museScore, "-o", output, path], reading: .errors)
        }
        let score = try convert(to: folder + "/song.mscx")
        #expect(score.status == 0, "\(score.text)")
        #expect(!score.text.contains("Error"), "MuseScore reported: \(score.text)")
        let mscx = try String(contentsOfFile: folder + "/song.mscx", encoding: .utf8)
        /// The text of every `<name>…</name>` inside each `<outer>` element, in order.
        func values(of name: String, in outer: String) -> [String] {
            mscx.components(separatedBy: "<\(outer)>").dropFirst().map { block in
                let body = block.components(separatedBy: "</\(outer)>").first ?? ""
                guard let open = body.range(of: "<\(name)>"), let close = body.range(of: "</\(name)>", range: open.upperBound..<body.endIndex) else { return "" }
                return String(body[open.upperBound..<close.lowerBound])
            }
        }
        // E♭ major: three flats (the bridge's C minor has the same signature).
        #expect(Set(values(of: "accidental", in: "KeySig")) == ["-3"])
        // The chords as MuseScore holds them: root as a tonal pitch class (C 14, each fifth
        // up one more), then the name after the root. N.C. is written on a C root (the
        // schema needs one) with its text, which MuseScore keeps as the chord's name.
        let fifths = ["F": 13, "C": 14, "G": 15, "D": 16, "A": 17, "E": 18, "B": 19]
        func tonalPitchClass(_ root: NoteName) -> String { String(fifths[String(describing: root.letter).uppercased()]! + 7 * root.accidental.semitones) }
        var expected: [String] = []
        let played = song.form.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        for name in played {
            for change in song.section(named: name)?.chords?.changes ?? [] {
                expected.append(change.chord.map { tonalPitchClass($0.root) } ?? "14")
            }
        }
        #expect(values(of: "root", in: "Harmony") == expected)
        #expect(values(of: "name", in: "Harmony").contains("m7"))
        #expect(values(of: "name", in: "Harmony").contains("N.C."))
        let words = values(of: "text", in: "Lyrics")
        #expect(words == ["Rain", "y", "days", "are", "love", "ly,", "when", "you", "are", "here"])
        let marks = values(of: "text", in: "RehearsalMark").map { $0.replacingOccurrences(of: "<b></b>", with: "") }
        #expect(marks == ["Verse", "Chorus", "Bridge"])
        let pdf = try convert(to: folder + "/song.pdf")
        #expect(pdf.status == 0, "\(pdf.text)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/song.pdf"))
        #expect(bytes.starts(with: Data("%PDF".utf8)) && bytes.count > 5_000, "a PDF of \(bytes.count) bytes")
    }

    @Test func theSameSongWritesTheSameBytes() throws {
        #expect(MusicXML.text(for: try Self.song()) == MusicXML.text(for: try Self.song()))
    }
}
