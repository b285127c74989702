import Foundation
import MusicTheory
import PropertyBased
import Testing
@testable import SongModel

/// The hand-written session reader and writer against Foundation's `Codable` form of the
/// same types: the same bytes out, the same song in. A field added to a model type and
/// forgotten in `SessionWriter` or `SessionReader` fails here.
@Suite("Session format")
struct SessionFormatTests {
    /// What `SessionCodec` wrote before it wrote by hand, and what it must still write.
    static func foundationBytes(_ file: SessionFile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(file) + Data([0x0A])
    }

    static func foundationSong(_ data: Data) throws -> SessionFile {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SessionFile.self, from: data)
    }

    static func reread(_ data: Data) throws -> SessionFile {
        let json = try JSONParser.parse(data)
        guard case .number(let text)? = json["version"], let version = Int(text) else { throw SessionReadError(problem: .missing("version")) }
        return try SessionReader().sessionFile(json, version: version)
    }

    @Test("random sessions: the same bytes as JSONEncoder, the same song as JSONDecoder, property")
    func sameAsFoundation() async {
        await propertyCheck(count: 150, input: Gen<Int>.int(in: 0...Int.max)) { seed in
            let random = Dice(seed: UInt64(seed))
            let file = RandomSession.file(random)
            guard let ours = try? SessionCodec.encode(file), let theirs = try? Self.foundationBytes(file) else {
                Issue.record("could not encode seed \(seed)")
                return
            }
            #expect(ours == theirs, "seed \(seed): \(firstDifference(ours, theirs))")
            let read = try? Self.reread(ours)
            #expect(read != nil && read == (try? Self.foundationSong(ours)), "seed \(seed)")
            #expect(read == RandomSession.truncatingDates(file), "seed \(seed)")
        }
    }

    @Test func exampleSessionsWriteBackByteForByte() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sessions").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cowrite") }
        #expect(names.count >= 2)
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let file = try SessionCodec.decode(data, name: name)
            #expect(try SessionCodec.encode(file) == data, "\(name)")
        }
    }

    func firstDifference(_ a: Data, _ b: Data) -> String {
        let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let context = { (data: Data) in String(decoding: Array(data)[max(0, index - 60)..<min(data.count, index + 60)], as: UTF8.self) }
        return "at byte \(index):\n\(context(a))\n---- JSONEncoder:\n\(context(b))"
    }

    // MARK: Dates

    @Test("dates print as JSONEncoder prints them and read back, property")
    func datesMatchFoundation() async {
        let formatter = ISO8601DateFormatter()
        await propertyCheck(count: 500, input: Gen<Int>.int(in: -2_000_000_000...8_000_000_000)) { seconds in
            let date = Date(timeIntervalSince1970: Double(seconds))
            let text = InternetDate.format(date)
            #expect(text == formatter.string(from: date))
            #expect(InternetDate.parse(text) == date)
        }
    }

    @Test func datesAcceptOffsetsAndFractionsAndRefuseTheRest() {
        #expect(InternetDate.parse("2026-11-22T22:33:00+01:00") == InternetDate.parse("2026-11-22T21:33:00Z"))
        #expect(InternetDate.parse("2026-11-22T21:33:00.5Z")?.timeIntervalSince1970 == InternetDate.parse("2026-11-22T21:33:00Z")!.timeIntervalSince1970 + 0.5)
        #expect(InternetDate.format(Date(timeIntervalSince1970: 1_790_000_000.75)) == "2026-09-21T14:13:20Z")
        for bad in ["", "2026-11-22", "2026-11-22T21:33:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                    "2026-11-22T24:00:00Z", "2026-11-22 21:33:00Z", "2026-11-22T21:33:00Zjunk", "yesterday"] {
            #expect(InternetDate.parse(bad) == nil, "\(bad)")
        }
    }
}

/// The JSON reader and writer on their own.
@Suite("JSON")
struct JSONTests {
    func problem(_ text: String) -> String {
        do {
            _ = try JSONParser.parse(Data(text.utf8))
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func readsEveryKindOfValue() throws {
        let text = #"{"a": [1, -2.5e3, 0, true, false, null], "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83c\udfb8", "o": {}, "e": []}"#
        let json = try JSONParser.parse(Data(text.utf8))
        #expect(json == .object([("a", .array([.number("1"), .number("-2.5e3"), .number("0"), .bool(true), .bool(false), .null])),
                                 ("s", .string("q\"\\/\u{8}\u{c}\n\r\té🎸")), ("o", .object([])), ("e", .array([]))]))
        #expect(try JSONParser.parse(Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))) == .array([.number("1")]))
    }

    @Test("broken JSON is refused with what and where", arguments: [
        ("", "unexpected end of file at line 1, column 1"),
        ("{\n  \"a\" : 1,\n", "unexpected end of file at line 3, column 1"),
        ("[1, 2,]", "expected a value, found \"]\" at line 1, column 7"),
        ("{\"a\" 1}", "expected : after a member name, found \"1\" at line 1, column 6"),
        ("{\"a\": 1 \"b\": 2}", "expected , or } after a member, found \"\"\" at line 1, column 9"),
        ("[1] [2]", "unexpected text after the end of the JSON value at line 1, column 5"),
        ("[01]", "a number cannot start with 0 (write 7, not 07) at line 1, column 3"),
        ("[1.]", "expected a digit after the decimal point, found \"]\" at line 1, column 4"),
        ("[-]", "expected a digit, found \"]\" at line 1, column 3"),
        ("[tru]", "expected a value, found \"t\" at line 1, column 2"),
        ("[\"a\u{1}\"]", "a control character inside a string (write \\n or \\t) at line 1, column 4"),
        ("[\"\\x\"]", "\\x is not an escape JSON knows (use \\\" \\\\ \\n \\t \\uXXXX) at line 1, column 4"),
        ("[\"\\ud83c\"]", "a lone surrogate \\ud83c (its pair is missing) at line 1, column 9"),
        ("[\"\\u12g4\"]", "\\u needs four hex digits at line 1, column 7"),
        ("[\"open", "unexpected end of file inside a string at line 1, column 7"),
        ("// comment\n{}", "expected a value, found \"/\" at line 1, column 1"),
    ])
    func brokenJSON(text: String, message: String) {
        #expect(problem(text) == message)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(problem(deep) == "nested more than 256 deep at line 1, column 257")
        let fine = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(problem(fine) == "accepted")
    }

    @Test func invalidUTF8IsNotText() throws {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Data([0x5B, 0x22, 0xFF, 0x22, 0x5D])) }
        do { _ = try JSONParser.parse(Data([0x5B, 0x22, 0xC3, 0x22, 0x5D])) } catch { #expect(error.notText) }
    }

    @Test("written JSON reads back as the same tree, property")
    func writeThenRead() async {
        await propertyCheck(count: 300, input: Gen<Int>.int(in: 0...Int.max)) { seed in
            let random = Dice(seed: UInt64(seed))
            let tree = RandomSession.json(random, depth: 0)
            let read = try? JSONParser.parse(Data(JSONWriter.write(tree)))
            // The writer sorts keys; compare with the tree's objects sorted the same way.
            #expect(read == RandomSession.sortedKeys(tree), "seed \(seed)")
        }
    }

    @Test func doublesAreWrittenShortestWithoutATrailingPointZero() {
        let cases: [(Double, String)] = [(0, "0"), (-0.0, "-0"), (0.25, "0.25"), (100, "100"), (1e-7, "1e-07"),
                                         (0.1 + 0.2, "0.30000000000000004"), (1e16, "1e+16"), (2.5e15, "2500000000000000")]
        for (value, text) in cases {
            #expect(JSON.double(value) == .number(text))
        }
    }
}
