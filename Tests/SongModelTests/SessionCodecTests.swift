import Foundation
import MusicTheory
import Testing
@testable import SongModel

@Suite("Session files")
struct SessionCodecTests {
    func encoded(_ song: Song) throws -> Data {
        try SessionCodec.encode(SessionFile(song: song, savedWith: "cowrite test"))
    }

    @Test func roundTripsExactly() throws {
        let song = try rainOnGlass()
        let decoded = try SessionCodec.decode(try encoded(song), name: "x.cowrite")
        #expect(decoded.song == song)
        // A song without pads or named hand-overs is written as version 1, which older
        // Cowrites read in full.
        #expect(decoded.version == 1)
    }

    @Test func aSongWithAPadIsWrittenAsVersionTwo() throws {
        var song = try rainOnGlass()
        #expect(SessionFile.version(for: song) == 1)
        try song.accept(.notes([Note(start: 0, duration: 3840, pitch: try Pitch(parsing: "C4"))]), as: .pad, from: .person("Ana"),
                        into: "verse", at: fixedDate)
        #expect(SessionFile.version(for: song) == 2)
        let decoded = try SessionCodec.decode(try encoded(song), name: "x.cowrite")
        #expect(decoded.version == 2 && decoded.song == song)
        var handedOver = try rainOnGlass()
        try handedOver.setTransition(.ritard, from: "chorus", atEnd: true)
        #expect(SessionFile.version(for: handedOver) == 2)
    }

    /// One test per vocabulary: a word outside it is refused when the session loads,
    /// naming the allowed words; nothing falls back to a default.
    @Test func wordsOutsideEachVocabularyAreRefused() throws {
        try check({ Self.setSection(&$0, 0) { $0["transition"] = "crash" } },
                  "s.cowrite: at song.sections[0].transition: expected one of fill, build, drop, ritard, none, found \"crash\"")
        try check({ Self.setSection(&$0, 0) { $0["ending"] = "fade" } },
                  "s.cowrite: at song.sections[0].ending: expected one of fill, build, drop, ritard, none, found \"fade\"")
        try check({ Self.setSection(&$0, 0) { $0["handovers"] = ["chorus": "boom"] } },
                  "s.cowrite: at song.sections[0].handovers.chorus: expected one of fill, build, drop, ritard, none, found \"boom\"")
        // A hand-over to a section the song does not have is dropped, not a refusal: earlier
        // builds wrote such files (a section removed), which then would not open.
        try check({ Self.setSection(&$0, 0) { $0["handovers"] = ["bridge": "fill"] } }, "accepted")
        try check({ Self.setSection(&$0, 0) { section in
            section["drums"] = ["hits": [], "provenance": Self.provenanceJSON, "timing": Self.timingJSON(feel: "swung")]
        } }, "s.cowrite: at song.sections[0].drums.timing.feel: expected one of on, laid-back, pushed, dragged, found \"swung\"")
        try check({ Self.setSection(&$0, 0) { section in
            section["drums"] = ["hits": [], "provenance": Self.provenanceJSON, "style": "polka"]
        } }, "s.cowrite: at song.sections[0].drums.style: expected one of " + DrumStyleName.words.joined(separator: ", ") + ", found \"polka\"")
        try check({ Self.setSection(&$0, 0) { section in
            var chords = section["chords"] as? [String: Any] ?? [:]
            chords["comping"] = "strum"
            section["chords"] = chords
        } }, "s.cowrite: at song.sections[0].chords.comping: expected one of block, pulse, arpeggio, stabs, ballad, found \"strum\"")
    }

    static var provenanceJSON: [String: Any] {
        ["acceptedAt": "2026-01-31T12:00:00Z", "edits": [] as [Any], "origin": ["kind": "person", "name": "Ana"]]
    }

    static func timingJSON(feel: String) -> [String: Any] {
        ["alpha": 1, "feel": feel, "humanize": 0.5, "seed": 1, "swing": 1, "swingUnit": 960]
    }

    @Test func isPrettySortedAndReadable() throws {
        let text = String(decoding: try encoded(try rainOnGlass()), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\" : \"cowrite-session\",\n  \"savedWith\" : \"cowrite test\",\n  \"song\" : {"))
        #expect(text.contains("\"chord\" : \"Eb\""))
        #expect(text.contains("\"pitch\" : \"Eb5\""))
        #expect(text.contains("\"key\" : \"Cm\""))
        #expect(text.contains("\"acceptedAt\" : \"2026-09-21T"))
        // Encoding twice gives the same bytes: saves diff cleanly.
        #expect(try encoded(try rainOnGlass()) == encoded(try rainOnGlass()))
    }

    /// Edits the JSON of a good file and returns the error message for the result.
    func message(after edit: (inout [String: Any]) -> Void) throws -> String {
        var object = try #require(JSONSerialization.jsonObject(with: try encoded(try rainOnGlass())) as? [String: Any])
        edit(&object)
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try SessionCodec.decode(data, name: "s.cowrite")
            return "accepted"
        } catch {
            return error.description
        }
    }

    func check(_ edit: (inout [String: Any]) -> Void, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actual = try message(after: edit)
        #expect(actual == expected, sourceLocation: sourceLocation)
    }

    static func setSong(_ object: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var song = object["song"] as? [String: Any] ?? [:]
        change(&song)
        object["song"] = song
    }

    static func setSection(_ object: inout [String: Any], _ index: Int, _ change: (inout [String: Any]) -> Void) {
        setSong(&object) { song in
            var sections = song["sections"] as? [[String: Any]] ?? []
            change(&sections[index])
            song["sections"] = sections
        }
    }

    @Test func newerVersionIsRefused() throws {
        try check({ $0["version"] = 7 }, "s.cowrite was written by a newer Cowrite (format 7; this one reads up to 4): upgrade Cowrite to open it; the file was not changed")
    }

    @Test func damageIsReportedWithTheJSONPath() throws {
        try check({ Self.setSection(&$0, 1) { $0["bars"] = "eight" } }, "s.cowrite: at song.sections[1].bars: expected a whole number, found \"eight\"")
        try check({ Self.setSection(&$0, 0) { $0["bars"] = 999 } }, "s.cowrite: at song.sections[0].bars: expected 1–256 bars, found 999")
        try check({ Self.setSong(&$0) { $0["tempo"] = 1000 } }, "s.cowrite: at song.tempo: expected a tempo from 20 to 400, found 1000")
        try check({ Self.setSong(&$0) { $0["key"] = "H minor" } }, "s.cowrite: at song.key: expected a key such as \"Cm\" or \"D dorian\", found \"H minor\"")
        try check({ Self.setSong(&$0) { $0.removeValue(forKey: "title") } }, "s.cowrite: missing \"title\" in song")
        try check({ Self.setSong(&$0) { $0["arrangement"] = ["verse", "outro"] } }, "s.cowrite: at song.arrangement[1]: expected the name of a section, found \"outro\"")
        try check({ Self.setSection(&$0, 1) { $0["name"] = "verse" } }, "s.cowrite: at song.sections[1].name: the name \"verse\" is used twice")
        try check({ Self.setSong(&$0) { $0["mood"] = "gloomy" } }, "s.cowrite: at song.mood: expected one of sad, melancholy, calm, dreamy, hopeful, playful, energetic, tense, dark, triumphant, romantic, nostalgic, found \"gloomy\"")
        try check({ Self.setSection(&$0, 0) { $0["chords"] = ["changes": [], "provenance": ["acceptedAt": "last tuesday", "edits": [], "origin": ["kind": "person", "name": "Ana"]]] } },
                  "s.cowrite: at song.sections[0].chords.provenance.acceptedAt: expected a date such as \"2026-01-31T12:00:00Z\", found \"last tuesday\"")
        try check({ Self.setSection(&$0, 0) { $0["melody"] = ["notes": ["C5"], "provenance": [:]] } }, "s.cowrite: at song.sections[0].melody.notes[0]: expected an object, found \"C5\"")
        try check({ Self.setSong(&$0) { $0["sections"] = NSNull() } }, "s.cowrite: at song.sections: expected a list, found null")
        try check({ $0["format"] = "something-else" }, "s.cowrite: not a Cowrite session: expected a JSON object with \"format\": \"cowrite-session\"")
    }

    /// Found by the session fuzzer: a section of -1 bars with chords made the validator
    /// build an impossible range. Values that would overflow the validator's or the
    /// renderer's arithmetic are refused, not trapped on.
    @Test func hostileNumbersAreRefusedNotCrashedOn() throws {
        try check({ Self.setSection(&$0, 0) { $0["bars"] = -1 } }, "s.cowrite: at song.sections[0].bars: expected 1–256 bars, found -1")
        try check({ Self.setSection(&$0, 0) { $0["bars"] = Int.max } }, "s.cowrite: at song.sections[0].bars: expected 1–256 bars, found \(Int.max)")
        try check({ Self.setSection(&$0, 0) { section in
            var melody = section["melody"] as? [String: Any] ?? [:]
            melody["notes"] = [["start": Int.max, "duration": Int.max, "pitch": "C5", "velocity": 90, "offset": 0]]
            section["melody"] = melody
        } }, "s.cowrite: at song.sections[0].melody.notes[0]: expected a note inside the section with a positive duration")
        try check({ Self.setSection(&$0, 0) { section in
            var melody = section["melody"] as? [String: Any] ?? [:]
            melody["notes"] = [["start": 0, "duration": 960, "pitch": "C5", "velocity": 90, "offset": Int.min]]
            section["melody"] = melody
        } }, "s.cowrite: at song.sections[0].melody.notes[0].offset: expected micro-timing within ±1920 ticks, found \(Int.min)")
        try check({ Self.setSection(&$0, 0) { $0["energy"] = 1e308 } }, "s.cowrite: at song.sections[0].energy: expected a value from 0 to 1, found 1e+308")
        try check({ Self.setSong(&$0) { $0["mixer"] = ["drums": ["gain": 1e300, "pan": 0, "reverb": 0.2]] } },
                  "s.cowrite: at song.mixer.drums.gain: expected a gain from -60 to 12 dB, found 1e+300")
    }

    @Test("broken bytes are refused with a reason", arguments: [
        ("", "s.cowrite: the file is empty (0 bytes); it is not a Cowrite session"),
        ("\u{0}\u{1}\u{2}binary", "s.cowrite: the file is binary, not a Cowrite session (which is JSON text)"),
        ("[1, 2, 3]", "s.cowrite: not a Cowrite session: expected a JSON object with \"format\": \"cowrite-session\""),
    ])
    func brokenBytes(text: String, message: String) {
        do {
            _ = try SessionCodec.decode(Data(text.utf8), name: "s.cowrite")
            Issue.record("accepted")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func truncatedFileIsNotJSON() throws {
        let data = try encoded(try rainOnGlass())
        do {
            _ = try SessionCodec.decode(data.prefix(data.count / 2), name: "s.cowrite")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("s.cowrite: the file is not valid JSON ("))
            #expect(error.description.hasSuffix("); it may be truncated or damaged"))
        }
    }
}
