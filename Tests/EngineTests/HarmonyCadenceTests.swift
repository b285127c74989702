import MusicTheory
import SongModel
import Testing
@testable import Engine

/// A cadence is claimed only where the chart bears it out: an outside audit found a two-chord
/// tag asked to close deceptively offered as iii–vi, I–vi and IV–vi under "dodges home:
/// dominant to vi (deceptive cadence): as asked", and a plagal one as vi–Imaj7.
@Suite("Cadences as the chart bears them out")
struct HarmonyCadenceTests {
    @Test func aChartAsLongAsItsCadenceIsThatCadence() throws {
        var charts = 0, short = 0
        for style in HarmonyStyle.all where style.name != "blues" {
            for key in ["C", "Am", "Eb", "F#m"] {
                for cadence in Cadence.allCases {
                    for bars in [1, 2, 4] {
                        let context = HarmonyContext(section: "tag", key: try Key(parsing: key), meter: .fourFour, bars: bars)
                        for mood in [nil, Mood.sad, .triumphant, .tense] {
                            let request = HarmonyRequest(mood: mood, style: style, count: 3, seed: UInt64(bars * 7 + key.count), cadence: cadence, rate: 1)
                            for suggestion in ProgressionGenerator.suggest(request, context: context) {
                                let chords = try #require(suggestion.progression).chords
                                let frame = TonalFrame(key: try Key(parsing: key))
                                let borne = cadence.isBorneOut(by: chords, frame: frame)
                                let text = ([suggestion.label] + suggestion.reasons).joined(separator: " | ")
                                if bars >= 2 || cadence == .open {
                                    charts += 1
                                    // Closed charts may end ♭VI–♭VII–I (the triumphant lift) and say so.
                                    if cadence != .closed { #expect(borne, "\(style.name) \(key) \(cadence) \(bars): \(chords) — \(text)") }
                                } else {
                                    short += 1
                                    #expect(!borne)
                                    #expect(!text.contains("as asked") && !text.contains("(\(cadence.rawValue) cadence") && !text.contains("a \(cadence.rawValue) close,"),
                                            "\(style.name) \(key) \(cadence): \(text)")
                                    #expect(text.contains("too short for a \(cadence.rawValue)"), "\(text)")
                                }
                                if text.contains("as asked") { #expect(borne || cadence == .closed, "\(text)") }
                            }
                        }
                    }
                }
            }
        }
        print("cadences: \(charts) charts bear out the cadence asked; \(short) one-chord charts say they are too short")
        #expect(charts > 500 && short > 100)
    }

    /// A major key's loop played in a minor key or mode starts on ♭III, not home: it is not
    /// named by its major-key name (E phrygian's ♭III–♭II–♭VI had been labelled "Mixolydian
    /// loop, rock's borrowed ♭VII").
    @Test func aMajorLoopInAMinorKeyIsNotNamedSo() throws {
        let majorLoops = ProgressionFamily.all.filter { $0.steps.first == "I" }.map(\.name)
        var charts = 0, shapes = 0
        for key in ["Am", "F#m", "E phrygian", "D dorian", "C"] {
            for style in HarmonyStyle.all where style.name != "blues" {
                for seed in UInt64(1)...8 {
                    let request = HarmonyRequest(mood: [Mood.nostalgic, .triumphant, .energetic, .hopeful][Int(seed) % 4], style: style, count: 4, seed: seed, cadence: .closed, rate: 1)
                    for suggestion in ProgressionGenerator.suggest(request, context: HarmonyContext(section: "chorus", key: try Key(parsing: key), meter: .fourFour, bars: 8)) {
                        charts += 1
                        let named = majorLoops.contains { suggestion.label.hasPrefix($0 + ",") || suggestion.label == $0 }
                        if key == "C" { continue }
                        #expect(!named, "\(key) \(style.name) seed \(seed): \(suggestion.label)")
                        if suggestion.reasons.contains(where: { $0.hasPrefix("the shape of the ") }) { shapes += 1 }
                    }
                }
            }
        }
        // The audit's chart: 12 bars of E phrygian, a chord every two bars.
        let phrygian = ProgressionGenerator.suggest(HarmonyRequest(mood: .nostalgic, style: try #require(HarmonyStyle.named("folk")), count: 2, seed: 17, cadence: .closed, rate: 0.5),
                                                    context: HarmonyContext(section: "chorus", key: try Key(parsing: "E phrygian"), meter: .fourFour, bars: 12))
        let first = try #require(phrygian.first)
        #expect(!first.label.hasPrefix("Mixolydian loop"), "\(first.label)")
        #expect(first.reasons.contains { $0.hasPrefix("the shape of the Mixolydian loop (I–♭VII–IV–I in a major key), here from ♭III") }, "\(first.reasons)")
        print("loops: \(charts) charts, \(shapes) major loops in minor keys and modes credited by shape")
    }

    /// Four chords a bar only where the bar takes four places; elsewhere two, on its groups
    /// (a 7/8 chart at rate=4 had changed chords 1¾ eighths in).
    @Test func fourChordsABarOnlyWhereTheMeterLaysFour() throws {
        for text in ["3/4", "5/4", "7/8", "7/4", "4/4", "12/8"] {
            let meter = try Meter(parsing: text)
            let bar = meter.ticksPerBar
            let request = HarmonyRequest(mood: .tense, style: try #require(HarmonyStyle.named("pop")), count: 2, seed: 1, cadence: .open, rate: 4)
            let context = HarmonyContext(section: "verse", key: try Key(parsing: "C"), meter: meter, bars: 4)
            let allowed: Set<Ticks> = ChordChart.places(in: meter).contains(4) ? Set((0..<4).map { $0 * bar / 4 })
                : Set([0] + [ChordChart.secondGroup(of: meter)].compactMap { $0 })
            for suggestion in ProgressionGenerator.suggest(request, context: context) {
                let starts = try #require(suggestion.progression).changes.map { $0.start % bar }
                #expect(starts.allSatisfy { allowed.contains($0) }, "\(text): \(starts)")
                #expect(suggestion.origin.parameters?["rate"] == (ChordChart.places(in: meter).contains(4) ? "4" : "2"), "\(text)")
            }
        }
    }

    @Test func aDeceptiveCloseIsNamedByItsChords() throws {
        let frame = TonalFrame(key: try Key(parsing: "Am"))
        let chords = try ["E", "F"].map { try Chord(parsing: $0) }
        #expect(Cadence.deceptive.isBorneOut(by: chords, frame: frame))
        #expect(Cadence.deceptive.summary(of: chords, frame: frame) == "dodges home: V–♭VI (deceptive cadence)")
        let c = TonalFrame(key: try Key(parsing: "C"))
        let iiiVi = try ["Em", "Am"].map { try Chord(parsing: $0) }
        #expect(!Cadence.deceptive.isBorneOut(by: iiiVi, frame: c))
        #expect(Cadence.deceptive.summary(of: iiiVi, frame: c) == "ends iii–vi, not the deceptive cadence asked for (V–vi)")
        #expect(Cadence.plagal.isBorneOut(by: try ["Fm", "C"].map { try Chord(parsing: $0) }, frame: c))
        #expect(!Cadence.plagal.isBorneOut(by: try ["Am", "Cmaj7"].map { try Chord(parsing: $0) }, frame: c))
    }
}
