import AudioRender
import Engine
import Foundation
import MusicTheory
import OutsideTools
import SongModel
import Testing

/// The key a sketch is heard in, by music21's key finder on its MIDI file
/// (`tools/learn/keys.py`), against the key it declares: a song the listener hears in the
/// parallel minor or the dominant has lost its home.
@Suite("Sketches heard in their key")
struct KeyHeardTests {
    @Test func sketchesInEveryMoodAreHeardInTheirKey() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var arguments: [String] = []
        var moodOf: [String: Mood] = [:]
        for mood in Mood.allCases {
            for seed: UInt64 in [11, 23, 37, 41, 59] {
                let draft = try Sketcher.draft(SketchRequest(mood: mood, arc: [], form: nil, style: nil, key: nil, tempo: nil, seed: seed, line: "test"))
                var song = Song(title: "Key", key: draft.key, tempo: draft.tempo, mood: draft.mood)
                for section in draft.sections { try song.place(section, acceptedAt: Date(timeIntervalSince1970: 0)) }
                try song.arrange(draft.form)
                let path = folder + "/\(mood.rawValue)-\(seed).mid"
                try MIDIFile.data(for: try Performance(song: song), title: "Key").write(to: URL(fileURLWithPath: path))
                arguments.append(path + "=" + draft.key.description)
                moodOf[path] = mood
            }
        }
        let (status, text) = try OutsideTool.python("keys.py", arguments)
        #expect(status == 0, "python3 with music21 is needed: run `make deps`")
        var heard: [Mood: [Bool]] = [:]
        for line in text.split(separator: "\n") where line.contains(" declared ") {
            let path = String(line.split(separator: " ")[0])
            guard let mood = moodOf[path] else { continue }
            heard[mood, default: []].append(line.hasSuffix(": same"))
        }
        print(Mood.allCases.map { "\($0.rawValue) \(heard[$0]?.filter { $0 }.count ?? 0)/\(heard[$0]?.count ?? 0)" }.joined(separator: ", "))
        print(text.split(separator: "\n").filter { !$0.hasSuffix(": same") }.joined(separator: "\n"))
        let all = heard.values.flatMap { $0 }
        #expect(all.count == Mood.allCases.count * 5)
        #expect(Double(all.filter { $0 }.count) / Double(all.count) >= 0.8)
        for mood in Mood.allCases { #expect((heard[mood]?.filter { $0 }.count ?? 0) >= 4, "\(mood)") }
    }
}
