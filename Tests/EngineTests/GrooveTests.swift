import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

@Suite("Grooves and the humanizer")
struct GrooveTests {
    func context(bars: Int = 8, meter: Meter = .fourFour, tempo: Int = 100) -> GrooveContext {
        GrooveContext(section: "verse", meter: meter, bars: bars, tempo: tempo)
    }

    func grooves(_ style: String, energy: Double = 0.5, humanize: Double = 0.5, swing: GrooveRequest.SwingChoice = .auto,
                 feel: Feel? = nil, bars: Int = 8, meter: Meter = .fourFour, tempo: Int = 100, seed: UInt64 = 1, n: Int = 3) throws -> [DrumGroove] {
        let style = try #require(DrumStyle.named(style))
        let request = GrooveRequest(style: style, energy: energy, swing: swing, feel: feel, humanize: humanize, count: n, seed: seed)
        return GrooveGenerator.suggest(request, context: context(bars: bars, meter: meter, tempo: tempo)).compactMap {
            $0.groove
        }
    }

    /// A fill drawn with a figure is one of many: twenty draws of a tom fill over the second
    /// half of a 4/4 bar give at least ten different patterns of pieces and places, each
    /// leads in with two strokes or more in its last beat, its last stroke over its first,
    /// and no velocity run is the plain fill's straight line (70, 77, 84 … a producer heard
    /// in every fill of two songs). Figure 0 is the plain run, every step.
    @Test func fillsAreDrawnAsFigures() {
        let meter = Meter.fourFour, step = MusicalTime.ticksPerQuarter / 4
        let plain = FillKind.toms.hits(from: 8, steps: 16, bar: 0, stepTicks: step, meter: meter, energy: 0.7)
        #expect(plain.count == 8 && plain.map(\.start) == (8..<16).map { $0 * step })
        var patterns = Set<[Int]>()
        for kind in FillKind.allCases {
            for figure in UInt64(1)...20 {
                let fill = kind.hits(from: 8, steps: 16, bar: 0, stepTicks: step, meter: meter, energy: 0.7, figure: figure)
                if kind == .toms { patterns.insert(fill.flatMap { [$0.start / step, $0.key] }) }
                #expect(fill.filter { $0.start >= 12 * step }.count >= 2, "\(kind) \(figure): \(fill)")
                #expect(fill.last!.velocity > fill.first!.velocity, "\(kind) \(figure)")
                #expect(fill.map(\.velocity) != plain.prefix(fill.count).map(\.velocity))
            }
        }
        #expect(patterns.count >= 10, "\(patterns.count) tom fills of 20")
    }

    /// In cut time a beat is a half note, eight sixteenths, which no figure is written for:
    /// each of its quarters takes one, as in 4/4. Before, every step of a 2/2 fill played
    /// (the same run whatever the draw).
    @Test func cutTimeFillsAreFiguresByTheQuarter() throws {
        let meter = try Meter(beats: 2, unit: 2), step = MusicalTime.ticksPerQuarter / 4
        var patterns = Set<[Int]>(), gapped = 0
        for figure in UInt64(1)...20 {
            let fill = FillKind.roll.hits(from: 8, steps: 16, bar: 0, stepTicks: step, meter: meter, energy: 0.7, figure: figure)
            patterns.insert(fill.map { $0.start / step })
            if fill.count < 8 { gapped += 1 }
            #expect(fill.filter { $0.start >= 12 * step }.count >= 2, "\(figure): \(fill)")
        }
        #expect(patterns.count >= 8 && gapped >= 10, "\(patterns.count) patterns, \(gapped) of 20 with a rest")
    }

    /// Boom-bap's swing is heard: soft hats and ghost snares on the sixteenths between the
    /// eighths, which the swing delays (every hat of a producer's boom-bap song had been on
    /// an eighth, no snare under 70); neo-soul's rim on 2 and 4 over the hats there.
    @Test func boomBapSwingsItsSixteenthsAndNeoSoulsRimLeads() throws {
        var between = 0, ghosts = 0
        for seed in UInt64(1)...5 {
            for groove in try grooves("boom-bap", energy: 0.6, seed: seed) {
                between += groove.hits.filter { $0.key == DrumKit.hat && ($0.start / (MusicalTime.ticksPerQuarter / 4)) % 2 == 1 }.count
                ghosts += groove.hits.filter { $0.key == DrumKit.snare && $0.velocity < 60 }.count
                #expect(groove.timing.swing > 1.2 && groove.timing.swingUnit == MusicalTime.ticksPerQuarter / 2)
            }
        }
        #expect(between >= 40 && ghosts >= 20, "\(between) hats between the eighths, \(ghosts) ghost snares")
        for groove in try grooves("neo-soul", energy: 0.6, humanize: 0) {
            for backbeat in groove.hits where backbeat.key == DrumKit.rim {
                for hat in groove.hits where hat.key == DrumKit.hat && hat.start == backbeat.start {
                    #expect(backbeat.velocity > hat.velocity, "rim \(backbeat.velocity), hat \(hat.velocity) at \(hat.start)")
                }
            }
        }
    }

    /// Pearson's correlation as the repeat-timing tests use it: a worked example, a series
    /// with itself and its negation, and a constant series.
    @Test func correlationIsPearsons() {
        let a = [1.0, 2, 3, 4], b = [2.0, 4, 5, 9]
        #expect(abs(TimingStatistics.correlation(a, b) - 11 / 130.0.squareRoot()) < 1e-12)
        #expect(abs(TimingStatistics.correlation(b, b) - 1) < 1e-12)
        #expect(abs(TimingStatistics.correlation(a, a.map { -$0 }) + 1) < 1e-12)
        #expect(TimingStatistics.correlation(a, [3, 3, 3, 3]) == 0)
    }

    /// A mood's groove, asked with no style, is the one its own harmony style plays: a
    /// nostalgic song (written as folk first) takes the folk groove and a root-and-fifth
    /// bass, not a shuffle and a walking bass that swung the writer's straight eighths.
    @Test func aMoodsGrooveFollowsItsFirstStyle() {
        let nostalgic = RequestDefaults.grooveStyle(mood: .nostalgic, energy: 0.5)
        #expect(nostalgic.id == .folk)
        #expect(BassStyle.implied(by: nostalgic.id) == .rootFifth)
        #expect(RequestDefaults.harmonyStyle(for: .nostalgic).name == "folk")
    }

    @Test func thereAreAtLeastSixteenStyles() {
        #expect(DrumStyle.all.count >= 16)
        for name in ["rock", "pop", "funk", "disco", "house", "boom-bap", "trap", "neo-soul", "one-drop", "bossa-nova", "shuffle",
                     "jazz", "ballad", "folk", "afrobeat", "drum-and-bass", "waltz", "six-eight"] {
            #expect(DrumStyle.named(name) != nil, "\(name)")
        }
    }

    @Test func humanizerSigmaAlphaAndCorrelation() {
        var sigmas: [Double] = [], alphas: [Double] = [], lags: [Double] = [], whiteLags: [Double] = [], whiteAlphas: [Double] = []
        for seed in UInt64(1)...12 {
            // 64 bars of eighth-note hats: 512 hits.
            let pink = Humanizer.deviations(count: 512, sigma: 10, alpha: 1, seed: seed)
            let white = Humanizer.deviations(count: 512, sigma: 10, alpha: 0, seed: seed, halveJumps: false)
            sigmas.append(TimingStatistics.standardDeviation(pink))
            alphas.append(TimingStatistics.alpha(pink))
            lags.append(TimingStatistics.lagOneAutocorrelation(pink))
            whiteLags.append(TimingStatistics.lagOneAutocorrelation(white))
            whiteAlphas.append(TimingStatistics.alpha(white))
        }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        print(String(format: "humanizer over 12 seeds × 512 hits: σ %.1f ms (asked 10), α %.2f (asked 1), lag-1 %.2f; white control: α %.2f, lag-1 %.2f",
                     mean(sigmas), mean(alphas), mean(lags), mean(whiteAlphas), mean(whiteLags)))
        for sigma in sigmas { #expect(abs(sigma - 10) <= 2, "σ \(sigma)") }
        for alpha in alphas { #expect((0.6...1.4).contains(alpha), "α \(alpha)") }
        #expect(mean(lags) > 0.3)
        #expect(abs(mean(whiteLags)) < 0.1)
    }

    @Test func aHumanizedGrooveMeasuresWhatWasAsked() throws {
        let groove = try #require(try grooves("rock", humanize: 0.5, feel: .on, bars: 64, seed: 7, n: 1).first)
        let quarterTempo = 100.0
        let deviations = GrooveTimingApplier.deviations(groove.hits, timing: groove.timing, quarterTempo: quarterTempo)
        let hats = deviations.filter { DrumKit.role(of: $0.key) == .cymbal }.map(\.ms)
        let sigma = TimingStatistics.standardDeviation(hats)
        print(String(format: "64 bars of rock at humanize=0.5: hats σ %.1f ms (asked 10), α %.2f", sigma, TimingStatistics.alpha(deviations.map(\.ms))))
        #expect(abs(sigma - 10) <= 2)
        let alpha = TimingStatistics.alpha(deviations.map(\.ms))
        #expect((0.6...1.4).contains(alpha))
    }

    @Test("in every feel the snare is never early on average and the kick stays tight", arguments: Feel.allCases)
    func guardrails(feel: Feel) throws {
        for style in ["rock", "funk", "neo-soul", "boom-bap"] {
            let groove = try #require(try grooves(style, humanize: 0.6, feel: feel, bars: 32, seed: 3, n: 1).first)
            let ticksPerMs = 100.0 * 960 / 60_000
            func offsets(_ role: DrumKit.Role) -> [Double] {
                groove.hits.filter { DrumKit.role(of: $0.key) == role }.map { hit in
                    var swing = 0.0
                    if groove.timing.swing > 1.001 && hit.start % groove.timing.swingUnit == groove.timing.swingUnit / 2 {
                        swing = Double(groove.timing.swingUnit) * Swing.delay(ratio: groove.timing.swing)
                    }
                    return (Double(hit.offset) - swing) / ticksPerMs
                }
            }
            let snare = offsets(.snare), kick = offsets(.kick), hats = offsets(.cymbal)
            #expect(snare.allSatisfy { $0 >= -0.6 }, "\(style) \(feel): an early snare")
            #expect(snare.reduce(0, +) / Double(snare.count) >= 0)
            let kickMean = kick.map(abs).reduce(0, +) / Double(kick.count), hatMean = hats.map(abs).reduce(0, +) / Double(hats.count)
            #expect(kickMean < hatMean / 2, "\(style) \(feel): kick \(kickMean) ms vs hats \(hatMean) ms")
        }
    }

    @Test func swingFallsAsTempoRises() {
        let tempi = [60, 90, 120, 160, 200, 220]
        let ratios = tempi.map { Swing.ratio(pairMilliseconds: 60_000 / Double($0)) }
        print("swing=auto, swung eighths: " + zip(tempi, ratios).map { String(format: "%d bpm %.2f:1 (short note %.0f ms)", $0, $1, 60_000 / Double($0) / ($1 + 1)) }.joined(separator: ", "))
        for (a, b) in zip(ratios, ratios.dropFirst()) { #expect(b < a) }
        #expect(ratios.first! <= 3.5 && ratios.last! >= 1)
        #expect(abs(60_000 / 200 / (ratios[4] + 1) - Swing.shortestNote) < 1)   // at 200 bpm the short note is at its shortest
        #expect(Swing.ratio(pairMilliseconds: 1000) >= 2.5 && Swing.ratio(pairMilliseconds: 60_000 / 220) <= 1.4)
        #expect(Swing.ratio(amount: 0.5) == 2)
    }

    /// A roll stays an even run under the humanizer: trap's 32nd and triplet hat rolls at
    /// 140 bpm keep their strokes' spacing within a few milliseconds, while the groove's
    /// other hats drift as loosely as before. (At the full spread a producer measured 32nd
    /// strokes 41–69 ms apart, 54 ms written: flams.)
    @Test func rollsStayEvenUnderTheHumanizer() throws {
        let tempo = 140.0, msPerTick = 60_000 / tempo / Double(MusicalTime.ticksPerQuarter)
        var gaps: [Double] = [], others: [Double] = []
        for seed in UInt64(1)...6 {
            for groove in try grooves("trap", energy: 0.7, humanize: 0.5, tempo: 140, seed: seed) {
                let hats = groove.hits.filter { $0.key == DrumStyle.hat }.sorted { $0.start < $1.start }
                let rolled = GrooveTimingApplier.rollStrokes(hats)
                for (a, b) in zip(hats.indices, hats.indices.dropFirst()) where rolled.contains(a) && rolled.contains(b) && hats[b].start - hats[a].start < 240 {
                    gaps.append(Double((hats[b].start + hats[b].offset) - (hats[a].start + hats[a].offset) - (hats[b].start - hats[a].start)) * msPerTick)
                }
                others += hats.indices.filter { !rolled.contains($0) }.map { Double(hats[$0].offset) * msPerTick }
            }
        }
        let spread = TimingStatistics.standardDeviation(gaps)
        print(String(format: "trap at 140 bpm: %d roll gaps, their spread %.1f ms (worst %.1f); other hats' spread %.1f ms", gaps.count, spread,
                     gaps.map(abs).max() ?? 0, TimingStatistics.standardDeviation(others)))
        #expect(gaps.count > 50)
        // Measured 2.3 ms against 9.9: under a third of the groove's own spread.
        #expect(spread < TimingStatistics.standardDeviation(others) / 3, "roll strokes spread \(spread) ms")
        #expect(TimingStatistics.standardDeviation(others) > 6)
    }

    /// `swing=auto` as each style plays it and as its reason and `help groove` say it: a
    /// share of jazz's swing for a pair as long, sixteenth pairs for the styles that swing
    /// sixteenths. (Every reason had given jazz's rule alone, "from 3.5:1 at slow tempi",
    /// where boom-bap played 1.79:1 at 60 bpm.)
    @Test func autoSwingSaysEachStylesShare() throws {
        let boomBap = try #require(DrumStyle.named("boom-bap"))
        let played = [60.0, 90, 120].map { GrooveGenerator.autoSwing(boomBap, quarterTempo: $0, meter: .fourFour) ?? 1 }
        #expect(played.map { String(format: "%.2f", $0) } == ["1.79", "1.40", "1.08"])
        // Sixteenth pairs at 90 bpm swing as jazz's eighth pairs at 180, 45% as far.
        #expect(abs(played[1] - (1 + 0.45 * (Swing.ratio(pairMilliseconds: 60_000 / 180) - 1))) < 1e-9)
        let reason = try #require(GrooveGenerator.suggest(GrooveRequest(style: boomBap, energy: 0.6, swing: .auto, feel: nil, humanize: 0.5, count: 1, seed: 3),
                                                          context: context(tempo: 90)).first?.reasons.first { $0.hasPrefix("swing ") })
        #expect(reason == "swing 1.40:1 at 90 bpm, the short note 139 ms: boom-bap swings its sixteenths 45% as far from straight as jazz swings a pair as long, "
                    + "and jazz's ratio falls as tempo rises, from 3.5:1 at slow tempi until the short note is about 115 ms (Friberg & Sundström), "
                    + "and follows a later `set tempo=`", "\(reason)")
        // At 150 bpm the sixteenths play straight, and the reasons say why beside the
        // style's "lazily swung sixteenths" (a producer read the two as a contradiction).
        let fast = try #require(GrooveGenerator.suggest(GrooveRequest(style: boomBap, energy: 0.6, swing: .auto, feel: nil, humanize: 0.5, count: 1, seed: 3),
                                                        context: context(tempo: 150)).first)
        #expect(fast.label.contains(", straight, "))
        #expect(fast.reasons.contains("sixteenths played straight at 150 bpm: a pair lasts 200 ms, and swing=auto swings none whose short note would fall under about 115 ms, as drummers play even at a fast pace (Friberg & Sundström); `swing=0.3` swings them anyway"), "\(fast.reasons)")
        let slow = try #require(GrooveGenerator.suggest(GrooveRequest(style: boomBap, energy: 0.6, swing: .auto, feel: nil, humanize: 0.5, count: 1, seed: 3),
                                                        context: context(tempo: 90)).first)
        #expect(!slow.reasons.contains { $0.contains("played straight") })
        let jazzStyle = try #require(DrumStyle.named("jazz"))
        let jazz = try #require(GrooveGenerator.suggest(GrooveRequest(style: jazzStyle, energy: 0.6, swing: .auto, feel: nil, humanize: 0.5, count: 1, seed: 3),
                                                        context: context(tempo: 120)).first?.reasons.first { $0.hasPrefix("swing ") })
        #expect(jazz.hasSuffix(": the ratio falls as tempo rises, from 3.5:1 at slow tempi until the short note is about 115 ms (Friberg & Sundström), "
                               + "its eighths swung, and follows a later `set tempo=`"), "\(jazz)")
        // The help names every swinging style with its share.
        let help = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../help/groove.md").path,
                              encoding: .utf8).replacingOccurrences(of: "\n  ", with: " ")
        for style in DrumStyle.all where style.swing != nil {
            let depth = style.swing!.depth
            let said = depth >= 0.999 ? "\(style.name) all of it" : String(format: "%@ %.0f%%", style.name, depth * 100)
            #expect(help.contains(said), "help groove: \(said)")
        }
    }

    @Test func stylesKeepTheirDefiningHits() throws {
        func steps(_ groove: DrumGroove, key: Int, bar: Int = 1, stepTicks: Int = 240) -> Set<Int> {
            Set(groove.hits.filter { $0.key == key && $0.start / 3840 == bar }.map { ($0.start % 3840) / stepTicks })
        }
        for name in ["rock", "pop", "funk", "boom-bap", "drum-and-bass"] {
            for groove in try grooves(name, humanize: 0) {
                #expect(steps(groove, key: 38).isSuperset(of: [4, 12]), "\(name): backbeat on 2 and 4")
            }
        }
        for groove in try grooves("trap", humanize: 0) { #expect(steps(groove, key: 38).contains(8)) }
        for name in ["house", "disco"] {
            for groove in try grooves(name, humanize: 0) { #expect(steps(groove, key: 36).isSuperset(of: [0, 4, 8, 12]), "\(name): four on the floor") }
        }
        for groove in try grooves("one-drop", humanize: 0) {
            #expect(!steps(groove, key: 36).contains(0), "one drop: beat 1 is empty")
            #expect(steps(groove, key: 36).contains(8))
        }
        // Jazz keeps time on every beat: on the ride, or in the option that says so on the
        // closed hats.
        for groove in try grooves("jazz", humanize: 0) {
            #expect(steps(groove, key: 51, stepTicks: 320).union(steps(groove, key: 42, stepTicks: 320)).isSuperset(of: [0, 3, 6, 9]))
        }
    }

    /// A folk band's kit: kick on 1 and 3, cross-stick and tambourine on 2 and 4, the
    /// shaker on every eighth; played hard, claps join the backbeat. (A folk song's sketch
    /// had played pop's groove, its claps and pushed kick at every energy.)
    @Test func theFolkGroovePlaysKickOnOneAndThreeAndTheBackbeatOnTheRim() throws {
        for seed in UInt64(1)...6 {
            let quiet = try #require(try grooves("folk", energy: 0.4, humanize: 0, seed: seed, n: 1).first)
            // Bars 1–7: bar 8 may end in a fill.
            for bar in 0..<7 {
                let hits = quiet.hits.filter { $0.start >= bar * 3840 && $0.start < (bar + 1) * 3840 }
                func at(_ key: Int) -> Set<Int> { Set(hits.filter { $0.key == key }.map { $0.start - bar * 3840 }) }
                #expect(at(DrumKit.kick).isSuperset(of: [0, 1920]), "seed \(seed) bar \(bar + 1): kick \(at(DrumKit.kick).sorted())")
                #expect(at(DrumKit.rim) == [960, 2880] && at(DrumKit.tambourine) == [960, 2880], "seed \(seed) bar \(bar + 1)")
                #expect(at(DrumKit.shaker) == Set(stride(from: 0, to: 3840, by: 480)), "seed \(seed) bar \(bar + 1): shaker \(at(DrumKit.shaker).sorted())")
                #expect(at(DrumKit.clap).isEmpty && at(DrumKit.snare).isEmpty && at(DrumKit.hat).isEmpty, "seed \(seed) bar \(bar + 1)")
            }
            let loud = try #require(try grooves("folk", energy: 0.9, humanize: 0, seed: seed, n: 1).first)
            #expect(loud.hits.contains { $0.key == DrumKit.clap }, "seed \(seed): no clap at energy 0.9")
        }
    }

    /// Three options of one request differ in what a listener hears first: the second has
    /// an extra kick off the beat, the third keeps time on the other cymbal, and each label
    /// says which (they had differed in their fills and a kick, three of the same groove;
    /// the swung styles' options, jazz and shuffle, until 2.6).
    @Test func theOptionsDifferInTheKickOrTheCymbalAndSaySo() throws {
        for (name, energy) in [("rock", 0.9), ("pop", 0.6), ("funk", 0.5), ("rock", 0.4), ("jazz", 0.5), ("shuffle", 0.5), ("folk", 0.5)] {
            let style = try #require(DrumStyle.named(name))
            let request = GrooveRequest(style: style, energy: energy, swing: .auto, feel: nil, humanize: 0, count: 3, seed: 3)
            let options = GrooveGenerator.suggest(request, context: context(bars: 8, meter: .fourFour, tempo: 100))
            #expect(options.count == 3)
            let grooves = options.compactMap(\.groove)
            // The first bar: the style's own bar, before any answering bar or fill.
            let kicks = grooves.map { Set($0.hits.filter { $0.key == 36 && $0.start < 3840 }.map(\.start)) }
            #expect(options[1].label.contains("extra kick on "), "\(name): \(options[1].label)")
            // On the "and": the middle of a straight beat, the last triplet of a swung one
            // (where swing puts it).
            #expect(!kicks[1].subtracting(kicks[0]).filter { $0 % 960 >= 480 }.isEmpty, "\(name): the extra kick is off the beat: \(kicks[1].subtracting(kicks[0]).sorted())")
            let cymbals = grooves.map { Set($0.hits.map(\.key)).intersection([42, 51]) }
            #expect(options[2].label.contains("time on the "), "\(name): \(options[2].label)")
            #expect(cymbals[2] != cymbals[0], "\(name): \(cymbals)")
            #expect(options[2].reasons.first?.contains("; this option: time on the ") == true, "\(name): \(options[2].reasons.first ?? "")")
            #expect(options[2].reasons.first?.contains(" instead of the ") == true, "\(name): \(options[2].reasons.first ?? "")")
            if style.swingsTriplets {
                // A kick on the beat or its swung "and", never on the middle triplet (but in
                // the last bar's fill, where triplet fills use every partial).
                for groove in grooves {
                    #expect(!groove.hits.contains { $0.key == 36 && $0.start < 7 * 3840 && abs($0.start % 960 - 320) < 40 }, "\(name): a kick on a middle triplet")
                }
            }
        }
    }

    /// A groove with no fill of its own says the hand-over plays one only where a section
    /// follows in the form; for the last or only section it says "no fills" (the label had
    /// promised a hand-over into nothing).
    @Test func theHandOverIsPromisedOnlyWhereASectionFollows() throws {
        let request = GrooveRequest(style: try #require(DrumStyle.named("rock")), energy: 0.5, swing: .auto, feel: nil, humanize: 0.5, count: 1, seed: 4)
        var followed = context(bars: 4)
        let first = try #require(GrooveGenerator.suggest(request, context: followed).first)
        #expect(first.label.contains("no fills (the hand-over plays one)"), "\(first.label)")
        followed.handsOver = false
        let last = try #require(GrooveGenerator.suggest(request, context: followed).first)
        #expect(last.label.contains("no fills,") && !last.label.contains("hand-over"), "\(last.label)")
    }

    @Test func theMeterIsHonoured() throws {
        let waltz = try #require(try grooves("rock", meter: Meter(parsing: "3/4"), seed: 2, n: 1).first)
        #expect(waltz.style == .waltz)
        #expect(waltz.hits.allSatisfy { $0.start < 8 * 2880 })
        #expect(waltz.hits.contains { $0.key == 36 && $0.start == 2880 })
        let six = try #require(try grooves("pop", meter: Meter(parsing: "6/8"), seed: 2, n: 1).first)
        #expect(six.style == .sixEight)
        #expect(six.hits.contains { $0.key == 38 && $0.start % 2880 == 1440 })
    }

    /// Whether the second half of a bar holds a fill (the hats give way to snare or toms).
    func isFill(_ groove: DrumGroove, bar: Int, barTicks: Int = 3840) -> Bool {
        let late = groove.hits.filter { $0.start >= bar * barTicks + barTicks / 2 && $0.start < (bar + 1) * barTicks }
        return late.contains { [38, 45, 47, 50].contains($0.key) } && !late.contains { $0.key == 42 || $0.key == 51 }
    }

    @Test func fillsCloseLongSectionsAndPhrasesNotEveryFourthBar() throws {
        for groove in try grooves("rock", energy: 0.5, humanize: 0, bars: 8) {
            #expect(groove.hits.contains { $0.key == 49 && $0.start == 0 })
            #expect((0..<8).filter { isFill(groove, bar: $0) } == [7])
        }
        for groove in try grooves("rock", energy: 0.7, humanize: 0, bars: 16) {
            #expect((0..<16).filter { isFill(groove, bar: $0) } == [7, 15])
        }
        // A short section or a quiet one leaves its end to the hand-over.
        for groove in try grooves("rock", energy: 0.7, humanize: 0, bars: 4) { #expect((0..<4).allSatisfy { !isFill(groove, bar: $0) }) }
        for groove in try grooves("ballad", energy: 0.3, humanize: 0, bars: 8) { #expect((0..<8).allSatisfy { !isFill(groove, bar: $0) }) }
        // Across the styles at a middling energy, fills take at most one bar in eight.
        var fills = 0, bars = 0
        for style in DrumStyle.all.filter({ $0.meter == "4/4" }) {
            for groove in try grooves(style.name, energy: 0.6, humanize: 0, bars: 8, n: 1) {
                fills += (0..<8).filter { isFill(groove, bar: $0) }.count
                bars += 8
            }
        }
        print("fill bars: \(fills) of \(bars)")
        #expect(Double(fills) / Double(bars) <= 0.125)
    }

    @Test func slowFillsMoveInEighths() throws {
        let slow = try #require(try grooves("rock", energy: 0.6, humanize: 0, bars: 8, tempo: 70, n: 1).first)
        let fill = slow.hits.filter { $0.start >= 7 * 3840 + 1920 && [38, 45, 47, 50].contains($0.key) }
        #expect(!fill.isEmpty && fill.allSatisfy { $0.start % 480 == 0 })
    }

    @Test func timekeepersAreAccentedOnTheBeat() throws {
        for style in ["rock", "pop", "funk", "disco"] {
            let groove = try #require(try grooves(style, energy: 0.6, humanize: 0, bars: 8, n: 1).first)
            let hats = groove.hits.filter { [42, 51].contains($0.key) }
            let on = hats.filter { $0.start % 960 == 0 }.map(\.velocity), off = hats.filter { $0.start % 960 != 0 }.map(\.velocity)
            let mean = { (values: [Int]) in Double(values.reduce(0, +)) / Double(max(values.count, 1)) }
            #expect(mean(on) >= mean(off) + 8, "\(style): on \(mean(on)), off \(mean(off))")
        }
    }

    @Test("every beat of every meter is played", arguments: ["3/4", "5/4", "7/4", "6/8", "7/8", "9/8", "12/8"])
    func everyBeatIsPlayed(meter text: String) throws {
        let meter = try Meter(parsing: text)
        // Every unit of the meter (quarter in x/4, eighth in x/8) has a hit in every bar; and
        // quiet, where the cymbals thin to the counted beat, every beat: each eighth of 7/8,
        // and each eighth of 6/8, the pulse it is felt in.
        for style in ["rock", "pop", "funk", "jazz", "shuffle"] {
            for energy in [0.2, 0.5] {
                let groove = try #require(try grooves(style, energy: energy, humanize: 0, bars: 4, meter: meter, n: 1).first)
                let span = energy < 0.3 && !meter.isCompound ? meter.ticksPerBeat : meter.ticksPerUnit
                for bar in 0..<4 {
                    for unit in 0..<(meter.ticksPerBar / span) {
                        let start = bar * meter.ticksPerBar + unit * span
                        #expect(groove.hits.contains { $0.start >= start && $0.start < start + span },
                                "\(style) at \(energy) in \(text): bar \(bar + 1), unit \(unit + 1) is empty")
                    }
                }
            }
        }
    }

    /// A swung style in a bar of eighths: its triplet grid slid against a 7/8 bar (ten and
    /// a half triplets) and its swing, counted in quarters from the section's start, played
    /// every other downbeat late. Now straight eighths in 2+2+3 (or 2+3), led on each
    /// group's first, every hit where it is written, and the reason says why.
    @Test("a swung style in 5/8 and 7/8 plays even eighths in the bar's groups", arguments: ["5/8", "7/8"])
    func swungStylesInABarOfEighths(meter text: String) throws {
        let meter = try Meter(parsing: text)
        let leads = text == "7/8" ? [0, 2, 4] : [0, 2]
        for style in ["jazz", "shuffle", "one-drop"] {
            for swing in [GrooveRequest.SwingChoice.auto, .amount(0.6)] {
                let request = GrooveRequest(style: try #require(DrumStyle.named(style)), energy: 0.6, swing: swing, feel: .on,
                                            humanize: 0, count: 1, seed: 3)
                let suggestion = try #require(GrooveGenerator.suggest(request, context: context(bars: 4, meter: meter, tempo: 150)).first)
                let groove = try #require(suggestion.groove)
                #expect(groove.timing.swing == 1, "\(style) \(swing) in \(text)")
                #expect(groove.hits.allSatisfy { $0.offset == 0 }, "\(style) \(swing) in \(text): a hit played off its place")
                #expect(suggestion.label.contains("straight"), "\(suggestion.label)")
                #expect(suggestion.reasons.contains { $0.hasPrefix("eighths played even: a swung pair would cross the groups of a bar of \(text)") },
                        "\(suggestion.reasons)")
                // Every bar starts on its downbeat, and every eighth is played.
                for bar in 0..<4 {
                    for eighth in 0..<meter.beats {
                        let start = bar * meter.ticksPerBar + eighth * 480
                        #expect(groove.hits.contains { $0.start == start }, "\(style) in \(text): bar \(bar + 1), eighth \(eighth + 1) is empty")
                    }
                }
                guard style == "jazz" else { continue }
                // The ride leads on each group's first eighth and lets the last one lie.
                // (The second bar: the first's downbeat is the crash's.)
                let ride = groove.hits.filter { $0.key == DrumKit.ride && $0.start >= meter.ticksPerBar && $0.start < 2 * meter.ticksPerBar }
                let velocity = { (eighth: Int) in ride.first { $0.start == meter.ticksPerBar + eighth * 480 }?.velocity ?? 0 }
                for lead in leads { #expect(velocity(lead) > velocity(meter.beats - 1) + 10, "\(text): eighth \(lead + 1) \(velocity(lead)), last \(velocity(meter.beats - 1))") }
                #expect(suggestion.reasons[0].contains(text == "7/8" ? "in 2+2+3" : "in 2+3"), "\(suggestion.reasons[0])")
            }
        }
    }

    /// A jazz waltz swings: jazz and the shuffle in 3/4 play their own bar in three (the
    /// straight waltz had played a "jazz waltz" at 1.00:1), at the ratio 4/4 plays at the
    /// same tempo, every beat played, the ride's "ding, ding-da ding".
    @Test func aJazzWaltzSwings() throws {
        let three = try Meter(parsing: "3/4")
        for style in ["jazz", "shuffle"] {
            let waltz = try #require(try grooves(style, energy: 0.6, humanize: 0, feel: .on, bars: 4, meter: three, tempo: 120, n: 1).first)
            let four = try #require(try grooves(style, energy: 0.6, humanize: 0, feel: .on, bars: 4, tempo: 120, n: 1).first)
            #expect(waltz.timing.swing > 2 && waltz.timing.swing == four.timing.swing, "\(style) in 3/4: \(waltz.timing.swing)")
            #expect(waltz.style == (style == "jazz" ? .jazz : .shuffle))
            for beat in 0..<12 { #expect(waltz.hits.contains { $0.start == beat * 960 }, "\(style): beat \(beat % 3 + 1) of bar \(beat / 3 + 1)") }
            // The swung "and" (the beat's last triplet) is played late at this tempo.
            let and = waltz.hits.filter { $0.start % 960 == 640 }
            #expect(!and.isEmpty && and.allSatisfy { $0.offset > 0 }, "\(style): \(and.map(\.offset))")
        }
        let ride = try #require(try grooves("jazz", energy: 0.6, humanize: 0, bars: 2, meter: three, n: 1).first).hits
            .filter { $0.key == DrumKit.ride && $0.start >= 2880 }.map { ($0.start - 2880) / 320 }
        #expect(ride == [0, 3, 5, 6])
        var request = SketchRequest(mood: .romantic, arc: [], form: nil, style: "jazz", key: nil, tempo: nil, seed: 2, line: "test")
        request.meter = three
        let sketch = try Sketcher.draft(request)
        let drummed = sketch.sections.compactMap(\.drums)
        #expect(!drummed.isEmpty && drummed.allSatisfy { $0.style == .jazz && ($0.timing?.swing ?? 1) > 1.2 })
    }

    /// Trap rolls its hats: every other bar one beat in thirty-seconds or sixteenth-note
    /// triplets, rising; the other bars and every other style keep the sixteenth grid.
    @Test func trapRollsItsHats() throws {
        for seed in UInt64(1)...6 {
            for energy in [0.5, 0.95] {
                let groove = try #require(try grooves("trap", energy: energy, humanize: 0, bars: 8, tempo: 140, seed: seed, n: 1).first)
                let hats = groove.hits.filter { $0.key == DrumKit.hat }
                let rolled = Set(hats.filter { $0.start % 240 != 0 }.map { $0.start / 3840 })
                #expect(!rolled.isEmpty && rolled.allSatisfy { $0 % 2 == 1 }, "seed \(seed): rolls in bars \(rolled.sorted())")
                #expect(!groove.hits.contains { $0.key == DrumKit.ride }, "seed \(seed): trap kept its hats")
                for bar in rolled {
                    let beat = try #require(hats.first { $0.start / 3840 == bar && $0.start % 240 != 0 }).start / 960
                    let roll = hats.filter { $0.start / 960 == beat }.sorted { $0.start < $1.start }
                    #expect([6, 8].contains(roll.count) && zip(roll, roll.dropFirst()).allSatisfy { $0.velocity <= $1.velocity }, "seed \(seed) bar \(bar)")
                }
            }
        }
        for style in ["rock", "pop", "house", "boom-bap", "half-time"] {
            let groove = try #require(try grooves(style, energy: 0.6, humanize: 0, bars: 8, tempo: 100, n: 1).first)
            #expect(!groove.hits.contains { $0.key == DrumKit.hat && $0.start % 240 != 0 }, "\(style)")
        }
    }

    /// A straight style in 3/8 plays the waltz, as in 3/4 and as a sketch in 3/8 does: the
    /// `groove` command had played pop's backbeat squeezed into three eighths.
    @Test func aStraightStyleIn3_8PlaysTheWaltz() throws {
        let three8 = try Meter(parsing: "3/8")
        for style in ["pop", "rock", "ballad"] {
            let groove = try #require(try grooves(style, humanize: 0, bars: 4, meter: three8, n: 1).first)
            #expect(groove.style == .waltz, "\(style) in 3/8: \(String(describing: groove.style))")
        }
        #expect(RequestDefaults.grooveStyle(meter: three8, mood: .hopeful, energy: 0.5).id == .waltz)
        #expect(try #require(try grooves("jazz", humanize: 0, bars: 4, meter: three8, n: 1).first).style != .waltz)
    }

    /// Two hands: the crash is struck with the hand that keeps time (no hat or ride with it
    /// on its downbeat), a struck snare with the one that plays the cross-stick, and no two
    /// kicks a hair apart.
    @Test func aDrummerHasTwoHands() throws {
        let seven = try Meter(parsing: "7/8")
        for style in ["rock", "pop", "ballad", "neo-soul", "bossa-nova", "jazz", "folk", "shuffle"] {
            for meter in [Meter.fourFour, seven] {
                for seed in UInt64(1)...4 {
                    for groove in try grooves(style, energy: 0.9, humanize: 0, bars: 8, meter: meter, seed: seed, n: 3) {
                        let crashes = Set(groove.hits.filter { $0.key == DrumKit.crash }.map(\.start))
                        #expect(!groove.hits.contains { crashes.contains($0.start) && [DrumKit.hat, DrumKit.ride, DrumKit.openHat].contains($0.key) },
                                "\(style) in \(meter) seed \(seed): a cymbal with the crash")
                        let snares = Set(groove.hits.filter { $0.key == DrumKit.snare && $0.velocity > 50 }.map(\.start))
                        let together = groove.hits.filter { $0.key == DrumKit.rim && snares.contains($0.start) }.map(\.start)
                        #expect(together.isEmpty, "\(style) in \(meter) seed \(seed): cross-stick and snare together at \(together)")
                        let kicks = groove.hits.filter { $0.key == DrumKit.kick }.map(\.start).sorted()
                        let doubled = zip(kicks, kicks.dropFirst()).filter { $1 - $0 < 120 }.map { "\($0.0)–\($0.1)" }
                        #expect(doubled.isEmpty, "\(style) in \(meter) seed \(seed): two kicks a hair apart at \(doubled)")
                    }
                }
            }
        }
    }

    @Test func swingFollowsTheTempoOnTripletGridsAndStatsSayIt() throws {
        func ratio(_ style: String, _ tempo: Int) throws -> Double {
            try #require(try grooves(style, humanize: 0, tempo: tempo, n: 1).first).timing.swing
        }
        for style in ["jazz", "shuffle"] {
            let slow = try ratio(style, 60), medium = try ratio(style, 120), fast = try ratio(style, 220)
            print(String(format: "%@ swing: %.2f at 60 bpm, %.2f at 120, %.2f at 220", style, slow, medium, fast))
            #expect(slow > medium && medium > fast)
            #expect(slow >= 2.5 && fast <= 1.4)
        }
        // The shuffle's last triplet moves with the ratio: later at 60 bpm, earlier at 220.
        let slow = try #require(try grooves("shuffle", humanize: 0, feel: .on, tempo: 60, n: 1).first)
        let fast = try #require(try grooves("shuffle", humanize: 0, feel: .on, tempo: 220, n: 1).first)
        let lateSlow = slow.hits.filter { $0.start % 960 == 640 }.map(\.offset), lateFast = fast.hits.filter { $0.start % 960 == 640 }.map(\.offset)
        #expect(!lateSlow.isEmpty && lateSlow.allSatisfy { $0 > 0 })
        #expect(!lateFast.isEmpty && lateFast.allSatisfy { $0 < 0 })
    }

    @Test func energyAddsHits() throws {
        let quiet = try grooves("funk", energy: 0.1, humanize: 0, seed: 9, n: 1)[0].hits.count
        let loud = try grooves("funk", energy: 0.95, humanize: 0, seed: 9, n: 1)[0].hits.count
        #expect(loud > quiet)
    }

    @Test func sameSeedSameGrooveAndSuggestionsDiffer() throws {
        let a = try grooves("rock", seed: 5), b = try grooves("rock", seed: 5)
        #expect(a == b)
        #expect(a.count == 3)
        #expect(Set(a.map(\.hits)).count == 3)
    }

    @Test func theBassBreathesWithTheDrums() throws {
        let groove = try #require(try grooves("rock", humanize: 0.5, feel: .on, bars: 64, seed: 11, n: 1).first)
        let bass = try (0..<256).map { Note(start: $0 * 960, duration: 900, pitch: try Pitch(parsing: "E2")) }
        let coupled = GrooveTimingApplier.coupleBass(bass, to: groove.hits, timing: groove.timing, quarterTempo: 100)
        let drumDeviations = GrooveTimingApplier.deviations(groove.hits, timing: groove.timing, quarterTempo: 100)
        let starts = groove.hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }.map(\.start)
        let kicks = Dictionary(grouping: groove.hits.filter { $0.key == DrumKit.kick }, by: \.start)
        let off = bass.indices.filter { kicks[bass[$0].start] == nil }
        let leader = off.map { index in drumDeviations[starts.firstIndex { $0 >= bass[index].start } ?? 0].ms }
        let ticksPerMs = 100.0 * 960 / 60_000
        let follower = off.map { Double(coupled[$0].offset) / ticksPerMs }
        let correlation = TimingStatistics.correlation(leader, follower)
        print(String(format: "bass–drum timing correlation with coupling 0.5, notes off the kick: %.2f", correlation))
        #expect((0.3...0.75).contains(correlation))
        // A note written with a kick plays with it: the gap a few milliseconds (σ 3.5 ms at
        // this humanize, 0.35 of the humanizer's 10 ms), where it had been 8.3 ms σ and up
        // to 25.7 ms in a funk groove.
        let gaps = bass.indices.compactMap { index in kicks[bass[index].start].map { Double(coupled[index].offset - $0[0].offset) / ticksPerMs } }
        #expect(gaps.count >= 100)
        let spread = TimingStatistics.standardDeviation(gaps)
        print(String(format: "bass–kick gap on %d kicks: σ %.1f ms, widest %.1f ms", gaps.count, spread, gaps.map(abs).max() ?? 0))
        #expect(spread <= 4 && (gaps.map(abs).max() ?? 0) <= 12)
        let quantized = GrooveTimingApplier.coupleBass(bass, to: groove.hits, timing: GrooveTiming(swing: 1, swingUnit: 960, feel: .on, humanize: 0, alpha: 1, seed: 1), quarterTempo: 100)
        #expect(quantized.allSatisfy { $0.offset == 0 })
    }
}

/// A groove's reasons say what the energy did to its style's pattern, read from the hits.
@Suite("Groove reasons as played")
struct GrooveReasonTests {
    /// A sixteenth-hat style moved to the ride says so: a loud funk groove on the ride had
    /// read "sixteenth hats" alone. Its sixteenths are its own, never called doubled.
    /// A 4/4 style laid over 7/8 or 5/4 says where its snare lands there: rock in 7/8 had
    /// said only "backbeat on 2 and 4".
    @Test func aStyleLaidOverAnotherMeterSaysWhereItsSnareFalls() throws {
        let rock = try #require(DrumStyle.named("rock"))
        #expect(GrooveGenerator.laidOver(rock, meter: try Meter(parsing: "7/8")) == "; in 7/8 the snare falls on eighths 3 and 7")
        #expect(GrooveGenerator.laidOver(rock, meter: try Meter(parsing: "5/4")) == "; in 5/4 the snare falls on beats 2 and 4")
        #expect(GrooveGenerator.laidOver(rock, meter: .fourFour) == "")
        let grooves = GrooveGenerator.suggest(GrooveRequest(style: rock, energy: 0.7, swing: .off, feel: nil, humanize: 0.5, count: 2, seed: 1),
                                              context: GrooveContext(section: "verse", meter: try Meter(parsing: "7/8"), bars: 4, tempo: 100))
        for groove in grooves {
            #expect(groove.reasons[0].contains("in 7/8 the snare falls on eighths 3 and 7"), "\(groove.reasons[0])")
            // And it does: the snare's loud hits sit on those eighths.
            let snares = try #require(groove.groove).hits.filter { $0.key == DrumKit.snare && $0.velocity >= 90 }
            #expect(!snares.isEmpty)
        }
    }

    @Test func aFunkGrooveOnTheRideSaysSo() throws {
        let funk = try #require(DrumStyle.named("funk"))
        let beat = MusicalTime.ticksPerQuarter
        let ride = (0..<16).map { DrumHit(start: $0 * beat / 4, key: DrumStyle.ride, velocity: 80) }
        let hats = ride.map { DrumHit(start: $0.start, key: DrumStyle.hat, velocity: 80) }
        #expect(GrooveGenerator.energyChanges(funk, hits: ride, energy: 0.9) == "; at this energy the time is played on the ride")
        #expect(GrooveGenerator.energyChanges(funk, hits: hats, energy: 0.9) == "")
        // At 0.5 the energy moves nothing to the ride: an option that plays its time there
        // says so itself ("this option: time on the ride"), not "at this energy".
        #expect(GrooveGenerator.energyChanges(funk, hits: ride, energy: 0.5) == "")
        let rock = GrooveGenerator.suggest(GrooveRequest(style: try #require(DrumStyle.named("rock")), energy: 0.5, swing: .off, feel: nil, humanize: 0.5, count: 3, seed: 1),
                                           context: GrooveContext(section: "verse", meter: .fourFour, bars: 8, tempo: 100))
        #expect(rock.count == 3 && rock.allSatisfy { !$0.reasons.joined().contains("at this energy the time is played on the ride") }, "\(rock.map(\.reasons))")
        // A ballad, whose words say "soft eighths", writes its time on the hats too.
        let ballad = try #require(DrumStyle.named("ballad"))
        #expect(GrooveGenerator.energyChanges(ballad, hits: ride.filter { $0.start % (beat / 2) == 0 }, energy: 0.9).hasSuffix("played on the ride"))
        let loud = GrooveGenerator.suggest(GrooveRequest(style: funk, energy: 0.9, swing: .off, feel: nil, humanize: 0.5, count: 3, seed: 2),
                                           context: GrooveContext(section: "verse", meter: .fourFour, bars: 4, tempo: 100))
        for suggestion in loud {
            let groove = try #require(suggestion.groove)
            let onRide = !groove.hits.contains { $0.key == DrumStyle.hat } && groove.hits.contains { $0.key == DrumStyle.ride }
            #expect(suggestion.reasons[0].contains("played on the ride") == onRide, "\(suggestion.reasons[0])")
        }
    }

    /// Swing by amount on a sixteenth groove swings the sixteenths, as a drum machine's
    /// 58% does: the "e" and "a" late, the "&" on its place. (It had swung the eighths: the
    /// "&" 48 ms late, the "e" and "a" on the grid, gaps of 150, 198, 102 and 150 ms.)
    @Test func swingByAmountSwingsASixteenthGroovesSixteenths() throws {
        let funk = try #require(DrumStyle.named("funk"))
        let amount = (58.0 / 42.0 - 1) / 2   // 58%: 1.38:1
        let request = GrooveRequest(style: funk, energy: 0.5, swing: .amount(amount), feel: .on, humanize: 0, count: 1, seed: 3)
        let groove = try #require(GrooveGenerator.suggest(request, context: GrooveContext(section: "verse", meter: .fourFour, bars: 2, tempo: 100)).first)
        let timing = try #require(groove.groove?.timing)
        #expect(timing.swingUnit == 480)
        let hats = try #require(groove.groove).hits.filter { $0.key == DrumStyle.hat }
        let late = hats.filter { $0.start % 480 == 240 }, even = hats.filter { $0.start % 480 == 0 }
        #expect(!late.isEmpty && late.allSatisfy { $0.offset > 0 } && even.allSatisfy { $0.offset == 0 })
        #expect(groove.reasons.contains { $0.hasPrefix("swing 1.38:1 as asked, at any tempo (the sixteenths swung, the short note 126 ms at 100 bpm)") })
        // An eighth groove swings its eighths.
        let rockStyle = try #require(DrumStyle.named("rock"))
        let rock = try #require(GrooveGenerator.suggest(GrooveRequest(style: rockStyle, energy: 0.5, swing: .amount(amount), feel: .on, humanize: 0, count: 1, seed: 3),
                                                        context: GrooveContext(section: "verse", meter: .fourFour, bars: 2, tempo: 100)).first)
        #expect(rock.groove?.timing.swingUnit == 960)
    }

    @Test func theReasonSaysWhenTheHatsDoubledAndMovedToTheRide() throws {
        let style = try #require(DrumStyle.named("rock"))
        let beat = MusicalTime.ticksPerQuarter
        let eighths = (0..<8).map { DrumHit(start: $0 * beat / 2, key: DrumStyle.hat, velocity: 80) }
        let ride = (0..<16).map { DrumHit(start: $0 * beat / 4, key: DrumStyle.ride, velocity: 80) }
        #expect(GrooveGenerator.energyChanges(style, hits: eighths, energy: 0.5) == "")
        #expect(GrooveGenerator.energyChanges(style, hits: ride, energy: 0.9) == "; at this energy the time is doubled up to sixteenths, soft between the eighths, played on the ride")
        let quarters = (0..<4).map { DrumHit(start: $0 * beat, key: DrumStyle.hat, velocity: 60) }
        #expect(GrooveGenerator.energyChanges(style, hits: quarters, energy: 0.2) == "; at this energy the time is thinned to the beat, a quarter note at a time")
    }

    /// A quiet ballad's hats on the beat say so ("soft eighths" had stood over them), and
    /// a loud groove doubles its time to sixteenths only where one hand can play them: at
    /// 100 bpm, not at 153 (15 ride strokes a bar, ten a second, in a punk chorus).
    @Test func theTimeIsWhatAHandCanPlayAndTheReasonSaysWhatItIs() throws {
        let tests = GrooveTests()
        let sixteenth = MusicalTime.ticksPerQuarter / 4
        func keeper(_ groove: DrumGroove) -> [DrumHit] { groove.hits.filter { $0.key == DrumStyle.hat || $0.key == DrumStyle.ride } }
        let quiet = try #require(try tests.grooves("ballad", energy: 0.2, tempo: 70, n: 1).first)
        #expect(!keeper(quiet).isEmpty && keeper(quiet).allSatisfy { ($0.start / sixteenth) % 4 == 0 })
        let style = try #require(DrumStyle.named("ballad"))
        let request = GrooveRequest(style: style, energy: 0.2, swing: .auto, feel: nil, humanize: 0.5, count: 1, seed: 1)
        let reasons = try #require(GrooveGenerator.suggest(request, context: tests.context(tempo: 70)).first?.reasons)
        #expect(reasons.first == "ballad: sparse kick, cross-stick backbeat, soft eighths; at this energy the time is thinned to the beat, a quarter note at a time", "\(reasons)")
        for (tempo, doubled) in [(100, true), (120, true), (153, false)] {
            let loud = try #require(try tests.grooves("rock", energy: 0.9, tempo: tempo, n: 1).first)
            #expect(keeper(loud).contains { ($0.start / sixteenth) % 2 == 1 } == doubled, "rock at \(tempo) bpm")
        }
    }
}
