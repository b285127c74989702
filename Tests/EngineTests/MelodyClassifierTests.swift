import Foundation
import MusicTheory
import OutsideTools
import SongModel
import Testing
@testable import Engine

/// Can a classifier tell Cowrite's 8-bar melodies from folk melodies? `tools/learn/classify.py`
/// measures both (notes per bar, figure, rhythm and interval recurrence, lengths, steps,
/// leaps, range, syncopation) and scores a cross-validated logistic regression by ROC AUC:
/// 0.5 is "cannot tell", 1.0 "always can". The same classifier on two halves of the folk
/// melodies must score near 0.5, or the check itself is broken.
@Suite("Melodies against folk melodies")
struct MelodyClassifierTests {
    /// Melodies over 8-bar sections at the default ranges: every style, energy and mood in
    /// turn; and the folk style alone (hardly an anticipation, as the folk songs have none).
    func melodies(styles: [MelodyStyle]) throws -> [[String: Any]] {
        let contexts = try MelodyTargetTests().contexts().filter { $0.bars == 8 }
        var melodies: [[String: Any]] = []
        for seed in UInt64(1)...240 {
            let context = contexts[Int(seed) % contexts.count]
            let style = styles[Int(seed / 2) % styles.count]
            let energy = [0.2, 0.4, 0.6, 0.8][Int(seed / 5) % 4]
            let mood: Mood = [.hopeful, .sad, .energetic, .calm, .nostalgic, .triumphant][Int(seed / 3) % 6]
            let range = RequestDefaults.melodyRange(for: context.section, mood: mood)
            let request = MelodyRequest(mood: mood, low: range.lowerBound, high: range.upperBound,
                                        density: RequestDefaults.melodyDensity(energy: energy), style: style, count: 1, seed: seed)
            guard let notes = try MelodyGenerator.suggest(request, context: context).first?.notes else { continue }
            melodies.append(["bars": 8, "style": style.rawValue, "energy": energy, "mood": mood.rawValue,
                              "notes": notes.map { [$0.start, $0.duration, $0.pitch.midi] }])
        }
        return melodies
    }

    @Test func aClassifierBarelyTellsOurMelodiesFromFolkMelodies() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cowrite-melodies-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = folder.appendingPathComponent("all.json"), folkStyle = folder.appendingPathComponent("folk-style.json")
        try JSONSerialization.data(withJSONObject: try melodies(styles: MelodyStyle.allCases)).write(to: all)
        try JSONSerialization.data(withJSONObject: try melodies(styles: [.folk])).write(to: folkStyle)
        if let keep = ProcessInfo.processInfo.environment["COWRITE_MELODIES_OUT"] {
            for file in [all, folkStyle] {
                let target = keep + "/" + file.lastPathComponent
                try? FileManager.default.removeItem(atPath: target)
                try FileManager.default.copyItem(atPath: file.path, toPath: target)
            }
        }
        // The measures that popular styles' leaning off the beat moves (anticipations make
        // syncopated notes, notes off the beat and held lengths like 1½ and 2½ beats).
        let leanings = ["syncopated", "notes on the beat", "length entropy (bits)", "distinct lengths"]
        let (status, text) = try OutsideTool.python("classify.py", ["--cowrite", all.path, "--cowrite", folkStyle.path, "--folk", "300"]
                                                     + leanings.flatMap { ["--without", $0] })
        #expect(status == 0, "python3 with music21 and numpy is needed: run `make deps`")
        print(text)
        func value(_ marker: String) -> Double? {
            text.split(separator: "\n").first { $0.contains(marker) }.flatMap { Double($0.split(separator: " ").last ?? "") }
        }
        let folk = try #require(value("AUC folk-vs-folk")), ours = try #require(value("AUC folk-style-vs-folk"))
        let everyStyle = try #require(value("AUC all-vs-folk"))
        #expect(folk < 0.65, "the classifier tells folk from folk: \(folk)")
        // Measured 0.670 with melody 3.5 (0.745 with 3.4, before repeats and leaps took the
        // folk songs' shares), 0.705 with 3.8, whose choruses sing their first phrase
        // again more often than folk songs do, and 0.710 with 3.16, whose repeated bars come
        // back as real sequences (0.690 with 3.15), 0.689 with 3.17, whose melodies sit in
        // the middle of their range; 0.722 with 3.20, whose notes lean to the degrees folk
        // songs dwell on (its repeats 24% against their 22%): a tune heard in its own key
        // (`aMelodyReadAloneIsHeardInItsKey`) is worth that much. Held at 0.73.
        #expect(ours <= 0.73, "folk-style melodies against folk melodies: AUC \(ours)")
        // Every style together is told apart mostly by its syncopation, which folk songs lack
        // and popular styles must have (5–20 % of notes): reported, and held from growing
        // (0.938 with melody 3.29; 0.917 with 3.30, whose ballads sing on the beat).
        #expect(everyStyle <= 0.93, "every style against folk melodies: AUC \(everyStyle)")
        // Blind to those four measures, every style is as near the folk songs as the target
        // asks (measured 0.701 with melody 3.8, 0.695 with 3.15, 0.733 with 3.16, whose
        // figures recur more than the folk songs': 49% of 4-note windows against 29%, and
        // 0.716 with 3.17, 0.739 with 3.20, 0.733 with 3.30): what is left to tell is the leaning itself.
        let blind = try #require(value("AUC all-vs-folk without"))
        #expect(blind <= 0.75, "every style against folk melodies, blind to the leanings: AUC \(blind)")
    }
}
