import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

/// The pinned table: for each generator, fixed requests with fixed seeds and the exact
/// output they give (`Pinned/seeded-outputs.txt`, one line each: generator, version,
/// request, a short sight of the output and a 64-bit FNV-1a fingerprint of all of it).
///
/// A stored "harmony 2.0, seed 42" must keep meaning one output. So when a generator's
/// output changes and its version does not, this test fails; after a deliberate change,
/// bump the generator's version and rewrite the table with `COWRITE_UPDATE_GOLDEN=1 swift
/// test --filter SeededOutput`. A table out of step with the versions fails too.
@Suite("Pinned seeded outputs")
struct SeededOutputTests {
    static let tablePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Pinned/seeded-outputs.txt")

    struct Row: Equatable {
        var generator: String
        var version: String
        var request: String
        var sight: String
        var fingerprint: String

        var line: String { [generator, version, request, sight, fingerprint].joined(separator: " | ") }
    }

    /// Every pinned request, computed now.
    static func rows() throws -> [Row] {
        let song = try exampleSong("rain-on-glass")
        let verse = try #require(song.section(named: "verse"))
        let harmonyContext = HarmonyContext(song: song, section: verse)
        let lineContext = LineContext(song: song, section: verse)
        var rows: [Row] = []
        func add(_ generator: String, _ version: String, _ request: String, _ suggestions: [Suggestion]) {
            let text = suggestions.map(Self.text).joined(separator: "\n")
            rows.append(Row(generator: generator, version: version, request: request,
                            sight: suggestions.first.map { String(Self.text($0).prefix(60)) } ?? "none",
                            fingerprint: Self.fingerprint(text)))
        }
        for (style, mood, seed) in [("pop", Mood.sad, UInt64(7)), ("jazz", .hopeful, 11), ("edm", .energetic, 3)] {
            let request = HarmonyRequest(mood: mood, style: try #require(HarmonyStyle.named(style)), count: 4, seed: seed, cadence: .closed, rate: 1)
            add("harmony", ProgressionGenerator.version, "\(style) \(mood) n=4 seed=\(seed) rain-on-glass verse",
                ProgressionGenerator.suggest(request, context: harmonyContext))
        }
        for bars in [8, 12] {
            let blues = HarmonyRequest(mood: nil, style: try #require(HarmonyStyle.named("blues")), count: 3, seed: 3, cadence: .open, rate: 1)
            add("harmony", ProgressionGenerator.version, "blues n=3 seed=3 \(bars) bars in E",
                ProgressionGenerator.suggest(blues, context: HarmonyContext(section: "verse", key: try Key(parsing: "E"), meter: .fourFour, bars: bars)))
        }
        // Two chords a bar: the 12-bar form kept bar by bar (2.13).
        let doubled = HarmonyRequest(mood: .tense, style: try #require(HarmonyStyle.named("blues")), count: 2, seed: 3, cadence: .open, rate: 2)
        add("harmony", ProgressionGenerator.version, "blues tense n=2 seed=3 rate=2 12 bars in C",
            ProgressionGenerator.suggest(doubled, context: HarmonyContext(section: "verse", key: try Key(parsing: "C"), meter: .fourFour, bars: 12)))
        // A triumphant 4-bar chorus: a quarter borrowed at most, so no ♭VI–♭VII–I lift (2.13).
        let short = HarmonyRequest(mood: .triumphant, style: RequestDefaults.harmonyStyle(for: .triumphant), count: 4, seed: 2, cadence: .closed, rate: 1)
        add("harmony", ProgressionGenerator.version, "triumphant n=4 seed=2 4-bar chorus in D",
            ProgressionGenerator.suggest(short, context: HarmonyContext(section: "chorus", key: try Key(parsing: "D"), meter: .fourFour, bars: 4)))
        // A nostalgic chorus in C: the first two charts borrow, the third is plain (2.23).
        let nostalgic = HarmonyRequest(mood: .nostalgic, style: RequestDefaults.harmonyStyle(for: .nostalgic), count: 4, seed: 1, cadence: .closed, rate: 1)
        add("harmony", ProgressionGenerator.version, "nostalgic n=4 seed=1 8-bar chorus in C",
            ProgressionGenerator.suggest(nostalgic, context: HarmonyContext(section: "chorus", key: try Key(parsing: "C"), meter: .fourFour, bars: 8)))
        let modal = HarmonyRequest(mood: .hopeful, style: HarmonyStyle.pop, count: 3, seed: 1, cadence: .closed, rate: 1)
        add("harmony", ProgressionGenerator.version, "pop hopeful n=3 seed=1 8-bar chorus in D dorian",
            ProgressionGenerator.suggest(modal, context: HarmonyContext(section: "chorus", key: try Key(parsing: "D dorian"), meter: .fourFour, bars: 8)))
        let harmonize = HarmonyRequest(mood: .sad, style: HarmonyStyle.pop, count: 3, seed: 5, cadence: .closed, rate: 1)
        add("harmonizer", Harmonizer.version, "pop sad n=3 seed=5 rain-on-glass verse", try Harmonizer.suggest(harmonize, context: harmonyContext))
        for (style, energy, seed) in [(DrumStyleName.rock, 0.6, UInt64(3)), (.jazz, 0.5, 9), (.waltz, 0.8, 4)] {
            let request = GrooveRequest(style: DrumStyle.style(style), energy: energy, swing: .auto, feel: nil, humanize: 0.5, count: 2, seed: seed)
            let meter = style == .waltz ? try Meter(parsing: "3/4") : Meter.fourFour
            add("groove", GrooveGenerator.version, "\(style) energy=\(energy) n=2 seed=\(seed) 4 bars \(meter) 100 bpm",
                GrooveGenerator.suggest(request, context: GrooveContext(section: "verse", meter: meter, bars: 4, tempo: 100)))
        }
        for (mood, seed) in [(Mood.sad, UInt64(2)), (.playful, 8)] {
            let request = MelodyRequest(mood: mood, low: 60, high: 76, density: 0.6, count: 3, seed: seed)
            add("melody", MelodyGenerator.version, "\(mood) C4..E5 density=0.6 n=3 seed=\(seed) rain-on-glass verse",
                try MelodyGenerator.suggest(request, context: lineContext))
        }
        let source = try #require(verse.melody?.notes)
        for technique in [Technique.invert, .ornament, .displace] {
            add("variation", Variations.version, "\(technique.rawValue) n=3 seed=4 rain-on-glass verse melody",
                Variations.suggest(source: source, sourceName: "verse", technique: technique, count: 3, seed: 4, context: lineContext))
        }
        for style in [BassStyle.rootFifth, .walking] {
            add("bass", BassGenerator.version, "\(style.rawValue) n=2 seed=6 rain-on-glass verse",
                try BassGenerator.suggest(style: style, count: 2, seed: 6, context: lineContext))
        }
        add("pad", PadGenerator.version, "n=3 seed=2 rain-on-glass verse", try PadGenerator.suggest(style: nil, count: 3, seed: 2, context: lineContext))
        // Two moods and an arc, whose moods the sections take by where they fall in time.
        for (moods, seed) in [([Mood.calm], UInt64(5)), ([.energetic], 12), ([.calm, .tense, .triumphant], 3)] {
            let mood = moods.map(\.rawValue).joined(separator: "->")
            let draft = try Sketcher.draft(SketchRequest(mood: moods.count == 1 ? moods[0] : nil, arc: moods.count == 1 ? [] : moods,
                                                         form: nil, style: nil, key: nil, tempo: nil, seed: seed,
                                                         line: "sketch mood=\(mood) seed=\(seed)"))
            let text = draft.sections.map { section in
                section.name + ": " + section.kinds.map { kind in "\(kind) " + Self.text(section.parts[kind]!.content) }.joined(separator: "; ")
            }.joined(separator: "\n")
            rows.append(Row(generator: "sketch", version: Sketcher.version, request: "mood=\(mood) seed=\(seed)",
                            sight: "\(draft.key) \(draft.tempo) bpm " + draft.form.joined(separator: " "), fingerprint: Self.fingerprint(text)))
        }
        return rows
    }

    static func text(_ suggestion: Suggestion) -> String {
        suggestion.label + " " + (suggestion.part.map(text) ?? "")
    }

    /// Every value that reaches the song, in order.
    static func text(_ content: PartContent) -> String {
        switch content {
        case .chords(let changes, let comping):
            return (comping?.rawValue ?? "-") + " " + changes.map { "\($0.symbol)@\($0.start)" }.joined(separator: " ")
        case .notes(let notes):
            return notes.map { "\($0.pitch.text)@\($0.start)/\($0.duration)/\($0.velocity)/\($0.offset)" }.joined(separator: " ")
        case .drums(let hits, let style, let timing):
            return (style?.rawValue ?? "-") + " " + (timing.map { "\($0.swing)/\($0.swingUnit)/\($0.feel)/\($0.humanize)/\($0.alpha)/\($0.seed)" } ?? "-")
                + " " + hits.map { "\($0.key)@\($0.start)/\($0.velocity)/\($0.offset)" }.joined(separator: " ")
        }
    }

    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(format: "%016llx", hash)
    }

    static func read() -> [Row] {
        guard let text = try? String(contentsOf: tablePath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.components(separatedBy: " | ")
            guard fields.count == 5 else { return nil }
            return Row(generator: fields[0], version: fields[1], request: fields[2], sight: fields[3], fingerprint: fields[4])
        }
    }

    @Test func outputsChangeOnlyWithTheirGeneratorsVersion() throws {
        let now = try Self.rows()
        let pinned = Self.read()
        var unbumped: [String] = []
        for row in now {
            guard let old = pinned.first(where: { $0.generator == row.generator && $0.request == row.request }) else { continue }
            if old.version == row.version && old.fingerprint != row.fingerprint {
                unbumped.append("\(row.generator) \(row.version) \(row.request): output changed but the version did not — bump \(row.generator)'s version")
            }
        }
        #expect(unbumped.isEmpty, "\(unbumped.joined(separator: "\n"))")
        if ProcessInfo.processInfo.environment["COWRITE_UPDATE_GOLDEN"] == "1" && unbumped.isEmpty {
            let header = "# generator | version | request | first suggestion (start) | FNV-1a 64 of every suggestion's content\n"
            try (header + now.map(\.line).joined(separator: "\n") + "\n").write(to: Self.tablePath, atomically: false, encoding: .utf8)
            return
        }
        #expect(pinned == now, "the pinned table is out of step: rewrite it with COWRITE_UPDATE_GOLDEN=1 after bumping versions")
    }

    @Test func theSameSeedGivesTheSameRows() throws {
        #expect(try Self.rows() == Self.rows())
    }
}
