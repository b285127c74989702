import Foundation
import OutsideTools
import Testing
@testable import Engine

/// The folk tables the melody generator reads are the learning script's output: the Swift
/// literals equal the checked-in JSON, and the script, run here on a small sample of the
/// corpus, reproduces its checked-in sample output exactly and statistics close to the full
/// tables.
@Suite("Tables learned from folk songs")
struct LearnedTablesTests {
    static let folder = OutsideTool.root.appendingPathComponent("tools/learn")

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func theSwiftTablesAreTheScriptsOutput() throws {
        let table = try Self.json(Self.folder.appendingPathComponent("folk-tables.json"))
        let meters = try #require(table["meters"] as? [String: [String: Any]])
        #expect(Set(meters.keys) == Set(FolkTables.meters.keys))
        for (name, entry) in meters {
            let swift = try #require(FolkTables.meters[name])
            #expect(entry["songs"] as? Int == swift.songs)
            #expect(entry["bars"] as? Int == swift.bars)
            #expect(entry["notesPerBar"] as? Double == swift.notesPerBar)
            let rhythms = try #require(entry["rhythms"] as? [[String: Any]])
            #expect(rhythms.map { $0["count"] as? Int } == swift.rhythms.map(\.count))
            #expect(rhythms.map { ($0["notes"] as? [[Int]]) ?? [] } == swift.rhythms.map { $0.notes.map { [$0.0, $0.1] } })
            let intervals = try #require(entry["intervals"] as? [String: [Double]])
            #expect(intervals["strong"] == swift.strongIntervals)
            #expect(intervals["weak"] == swift.weakIntervals)
            let schemes = try #require(entry["schemes"] as? [[String: Any]])
            #expect(schemes.map { $0["scheme"] as? String ?? "" } == swift.schemes.map(\.0))
            #expect(swift.songs >= 100, "\(name): the full corpus, not a sample")
        }
        // The degrees' shares by mode, and the modes as folk songs have them: the tonic the
        // most sung degree of each, the major third rare in minor and the minor third in major.
        let degrees = try #require(table["degrees"] as? [String: [String: Any]])
        for mode in ["major", "minor"] {
            let shares = try #require(degrees[mode]?["shares"] as? [Double])
            #expect(shares == FolkTables.degrees[mode])
            #expect(shares.firstIndex(of: shares.max() ?? 0) == 0, "\(mode): \(shares)")
            #expect((degrees[mode]?["songs"] as? Int ?? 0) >= 1000)
        }
        #expect(FolkTables.degrees["minor"]![4] < 0.01 && FolkTables.degrees["major"]![3] < 0.01)
    }

    /// ABC's accidentals hold to the end of the bar, for the same note in the same octave
    /// only; the script writes them out before music21 reads the tune (whose reader would
    /// take the second `c` of `=c2c2` as the signature's C sharp).
    @Test func theScriptWritesOutAccidentalsHeldThroughTheBar() throws {
        let code = "import sys; sys.path.insert(0, '\(Self.folder.path)'); import learn; "
            + "print(learn.held_accidentals('K: E\\n=c2c2c2 | c2 ^f f c\\'2 | _B,B, B \"C\" c'))"
        let (status, text) = try OutsideTool.run("/usr/bin/env", ["python3", "-c", code])
        #expect(status == 0, "python3 with music21 is needed: run `make deps`")
        #expect(text.split(separator: "\n").map(String.init) == ["K: E", "=c2=c2=c2 | c2 ^f ^f c'2 | _B,_B, B \"C\" c"])
    }

    @Test func theScriptReproducesItsSampleAndAgreesWithTheFullTables() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cowrite-learn-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let (status, _) = try OutsideTool.python("learn.py", ["--sample", "40", "--out", output.path])
        #expect(status == 0, "python3 with music21 is needed: run `make deps`")
        guard status == 0 else { return }
        var sample = try Self.json(output), expected = try Self.json(Self.folder.appendingPathComponent("sample-40.json"))
        sample["music21"] = nil
        expected["music21"] = nil
        #expect(NSDictionary(dictionary: sample).isEqual(to: expected), "the script's sample output changed: re-run `make learn`")
        // Learned statistics are stable: the sample's 4/4 intervals lie close to the full table's.
        let meters = try #require(sample["meters"] as? [String: [String: Any]])
        let intervals = try #require((meters["4/4"]?["intervals"] as? [String: [Double]])?["weak"])
        let full = try #require(FolkTables.meters["4/4"]).weakIntervals
        let divergence = zip(intervals, full).reduce(0.0) { sum, pair in
            pair.0 > 0 ? sum + pair.0 * log2(pair.0 / max(pair.1, 1e-4)) : sum
        }
        #expect(divergence < 0.25, "sample against full table: \(divergence) bits")
    }
}
