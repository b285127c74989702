import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

/// Hand-overs between sections are played: a ritard as tempo events in the MIDI file and
/// slower beats in the audio, a build, drop or fill in the drums.
@Suite("Transitions you can hear")
struct TransitionTests {
    /// The engine's groove, as a song's drums are when the render ends them as a drummer
    /// would (drums a person wrote end as written).
    static let drummer = Origin.generator("groove", version: "2.12", seed: 1, parameters: [:])

    static let when = Date(timeIntervalSince1970: 0)

    /// Two sections of four bars with a kick on every beat; `verse` hands over to `chorus`.
    static func song(_ transition: Transition, atEnd: Bool = false, tempo: Int = 120) throws -> Song {
        var song = Song(title: "Hand-over", tempo: tempo)
        for name in ["verse", "chorus"] {
            try song.addSection(name, bars: 4)
            let hits = (0..<16).map { DrumHit(start: $0 * 960, key: DrumKit.kick, velocity: 110) }
                + (0..<32).map { DrumHit(start: $0 * 480, key: DrumKit.hat, velocity: 70) }
            try song.accept(.drums(hits: hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }, style: nil, timing: nil),
                            as: .drums, from: TransitionTests.drummer, into: name, at: when)
        }
        if atEnd {
            try song.setTransition(transition, from: "chorus", atEnd: true)
        } else {
            try song.setTransition(transition, from: "verse", to: "chorus")
        }
        return song
    }

    /// Sections `a` and `b` of two bars, the engine's drums: a kick on every beat, with
    /// `hats` a hat on every sixteenth too, every hit played as `timing` places it (swing,
    /// feel, humanizer); without, the kicks on the grid.
    static func twoSections(_ title: String, tempo: Int, hats: Bool = false, timing: GrooveTiming) throws -> Song {
        var song = Song(title: title, tempo: tempo)
        for name in ["a", "b"] {
            try song.addSection(name, bars: 2)
            var hits = (0..<8).map { DrumHit(start: $0 * 960, key: DrumKit.kick, velocity: 100) }
            if hats {
                hits += (0..<32).map { DrumHit(start: $0 * 240, key: DrumKit.hat, velocity: 70) }
                hits = GrooveTimingApplier.apply(timing, to: hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }, quarterTempo: Double(tempo))
            }
            try song.accept(.drums(hits: hits, style: nil, timing: timing), as: .drums, from: TransitionTests.drummer, into: name, at: Self.when)
        }
        return song
    }

    @Test func aFinalRitardIsTempoEventsInTheMIDIFile() throws {
        let song = try Self.song(.ritard, atEnd: true)
        let contents = try MIDIFile.read(MIDIFile.data(for: try Performance(song: song), title: song.title))
        // 120 bpm is 500,000 µs a quarter; the ramp starts two bars from the end.
        #expect(contents.tempos.first == [0, 500_000])
        let ramp = contents.tempos.dropFirst()
        #expect(ramp.count == 16)
        #expect(ramp.first?[0] == 8 * 3840 - 2 * 3840)
        #expect(zip(ramp, ramp.dropFirst()).allSatisfy { $0[1] < $1[1] })   // each slower than the one before
        let last = try #require(ramp.last)
        #expect(abs(Double(last[1]) - 500_000 / 0.7) < 1_000)
    }

    @Test func aRitardIntoTheNextSectionOnlyWhereItFollows() throws {
        var song = try Self.song(.ritard)
        try song.arrange(["verse", "verse", "chorus"])
        let tempos = try Performance(song: song).tempos.changes
        // Verse into verse plays straight; verse into chorus slows, then chorus is back in tempo.
        let slowed = tempos.filter { $0.quarterBPM < 120 }.map(\.tick)
        #expect(slowed.min() == 2 * 4 * 3840 - 2 * 3840)
        #expect(slowed.max()! < 2 * 4 * 3840)
        #expect(tempos.last?.quarterBPM == 120 && tempos.last?.tick == 2 * 4 * 3840)
    }

    @Test func aSectionPlayedAloneHasNoHandOver() throws {
        let song = try Self.song(.ritard, atEnd: true)
        #expect(try Performance(song: song, section: "chorus").tempos.changes.count == 1)
        let drums = try #require(try Performance(song: try Self.song(.build), section: "verse").tracks.first { $0.part == .drums }).notes
        #expect(drums.filter { $0.key == DrumKit.snare }.isEmpty)
    }

    @Test func aFillInSevenEightMovesInSixteenths() throws {
        var song = Song(title: "Seven", tempo: 120, meter: try Meter(parsing: "7/8"))
        try song.addSection("a", bars: 2)
        try song.addSection("b", bars: 2)
        for name in ["a", "b"] {
            try song.accept(.drums(hits: (0..<14).map { DrumHit(start: $0 * 480, key: DrumKit.hat, velocity: 80) }, style: nil, timing: nil),
                            as: .drums, from: TransitionTests.drummer, into: name, at: Self.when)
        }
        try song.setTransition(.fill, from: "a", to: "b")
        let drums = try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
        let fill = drums.filter { [DrumKit.snare, DrumKit.highTom, DrumKit.midTom, DrumKit.lowTom].contains($0.key) }
        #expect(!fill.isEmpty && fill.allSatisfy { $0.start % 240 == 0 } && fill.contains { $0.start % 480 == 240 })
    }

    /// A drop in 7/8 keeps the time: a kit of kick and snare alone leaves a soft closed hat
    /// on each eighth of the gap (the kit had stopped dead, leaving four of the bar's seven
    /// eighths with no hit at all).
    @Test func aDropInSevenEightKeepsEveryEighth() throws {
        var song = Song(title: "Seven", tempo: 120, meter: try Meter(parsing: "7/8"))
        try song.addSection("a", bars: 2)
        try song.addSection("b", bars: 2)
        let hits = [0, 960, 1920, 2880].map { DrumHit(start: $0, key: DrumKit.kick, velocity: 100) } + [480, 1440, 2400].map { DrumHit(start: $0, key: DrumKit.snare, velocity: 90) }
        let bars = (0..<2).flatMap { bar in hits.map { DrumHit(start: $0.start + bar * 3360, key: $0.key, velocity: $0.velocity) } }
        for name in ["a", "b"] {
            try song.accept(.drums(hits: bars.sorted { ($0.start, $0.key) < ($1.start, $1.key) }, style: nil, timing: nil),
                            as: .drums, from: TransitionTests.drummer, into: name, at: Self.when)
        }
        try song.setTransition(.drop, from: "a", to: "b")
        let drums = try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
        let gap = drums.filter { $0.start >= 3360 + 3 * 480 && $0.start < 2 * 3360 }
        #expect(gap.map(\.start) == [3, 4, 5, 6].map { 3360 + $0 * 480 })
        #expect(gap.allSatisfy { $0.key == DrumKit.hat && $0.velocity < 50 })
        // Every eighth of the section has a hit.
        #expect((0..<14).allSatisfy { eighth in drums.contains { $0.start >= eighth * 480 && $0.start < (eighth + 1) * 480 } })
    }

    /// Three fills in one song are three fills: toms, then kick and snare, then a snare
    /// roll, each rising, and a played groove's fills are off the grid by its humanizer
    /// (every fill of a song had been one tom crescendo exactly on the grid).
    @Test func aSongsFillsDifferAndBreathe() throws {
        var song = try Self.twoSections("Fills", tempo: 100,
                                        timing: GrooveTiming(swing: 1, swingUnit: 960, feel: .on, humanize: 0.5, alpha: 1, seed: 7))
        try song.arrange(["a", "b", "a", "b", "a", "b"])
        try song.setTransition(.fill, from: "a", to: "b")
        let pieces: Set<Int> = [DrumKit.snare, DrumKit.highTom, DrumKit.midTom, DrumKit.lowTom]
        let drums = try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
        // The second bar of each `a` (bars 2, 6, 10): its second half is the fill.
        let fills = [1, 5, 9].map { bar in drums.filter { $0.start >= bar * 3840 + 1900 && $0.start < (bar + 1) * 3840 - 20 && (pieces.contains($0.key) || $0.key == DrumKit.kick) } }
        let kinds = fills.map { fill in Set(fill.map(\.key)) }
        #expect(kinds[0].contains(DrumKit.highTom) && kinds[1] == [DrumKit.kick, DrumKit.snare] && kinds[2] == [DrumKit.snare], "\(kinds)")
        // Each a figure of its own: at least five strokes over the two beats (a rest or two
        // in the first, the last beat leading in), the lead-in beat never bare.
        #expect(fills.allSatisfy { $0.count >= 5 }, "\(fills.map(\.count))")
        #expect(fills.enumerated().allSatisfy { bar, fill in fill.filter { $0.start >= [1, 5, 9][bar] * 3840 + 2880 - 20 }.count >= 3 })
        let offGrid = fills.joined().filter { $0.start % 240 != 0 }.count
        #expect(offGrid > fills.joined().count / 2, "\(offGrid) of \(fills.joined().count) off the grid")
        #expect(try Performance(song: song).tracks.first { $0.part == .drums }?.notes == drums)
    }

    /// In a swung groove a build's roll and a fill swing as the groove does, and each
    /// playing of a build is played afresh: its own micro-timing and its own rise. (A
    /// producer measured a build's sixteenths straight, +0.0 ms, inside a groove whose late
    /// sixteenths sat 65 ms late, and every build of a song the same to the tick.)
    @Test func buildsAndFillsSwingWithTheGrooveAndDifferEachTime() throws {
        // Sixteenths swung 2:1 (the unit an eighth), humanized.
        var song = try Self.twoSections("Swung hand-overs", tempo: 90, hats: true,
                                        timing: GrooveTiming(swing: 2, swingUnit: 480, feel: .on, humanize: 0.5, alpha: 1, seed: 5))
        try song.arrange(["a", "b", "a", "b", "a"])
        try song.setTransition(.build, from: "a", to: "b")
        try song.setTransition(.fill, from: "b", to: "a")
        let drums = try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
        let bar = 3840, sixteenth = 240
        // Where a stroke written on the grid was played, against its nearest sixteenth.
        func lateness(_ notes: [PerformedNote], offBeats: Bool) -> Double {
            let picked = notes.filter { (($0.start + sixteenth / 2) / sixteenth % 2 == 1) == offBeats }
            let late = picked.map { Double($0.start - ($0.start + sixteenth / 2) / sixteenth * sixteenth) }
            return late.reduce(0, +) / Double(max(late.count, 1))
        }
        // The builds: the second bar of each `a` that `b` follows (bars 2 and 6).
        let builds = [1, 5].map { number in drums.filter { $0.key == DrumKit.snare && $0.start >= number * bar - 120 && $0.start < (number + 1) * bar - 120 } }
        #expect(builds.allSatisfy { $0.count == 16 }, "\(builds.map(\.count))")
        // 2:1 puts the late sixteenth a third of an eighth late: 80 ticks, the on-beats on time.
        for build in builds {
            #expect(abs(lateness(build, offBeats: true) - 80) < 25, "build off-beats \(lateness(build, offBeats: true)) ticks late")
            #expect(abs(lateness(build, offBeats: false)) < 25, "build on-beats \(lateness(build, offBeats: false)) ticks late")
        }
        #expect(builds[0].map { $0.start - bar } != builds[1].map { $0.start - 5 * bar }, "two builds with the same micro-timing")
        #expect(builds[0].map(\.velocity) != builds[1].map(\.velocity), "two builds with the same rise")
        #expect(builds.allSatisfy { build in zip(build, build.dropFirst()).allSatisfy { $0.velocity <= $1.velocity } })
        // The fills: the second half of each `b`'s second bar (bars 4 and 8), kick, snare
        // or toms, their late sixteenths late as the groove's.
        let pieces: Set<Int> = [DrumKit.snare, DrumKit.highTom, DrumKit.midTom, DrumKit.lowTom]
        let fills = [3, 7].map { number in drums.filter { pieces.contains($0.key) && $0.start >= number * bar + 1800 && $0.start < (number + 1) * bar - 120 } }
        let offBeats = fills.joined().filter { ($0.start + sixteenth / 2) / sixteenth % 2 == 1 }
        #expect(!offBeats.isEmpty)
        #expect(abs(lateness(Array(fills.joined()), offBeats: true) - 80) < 30, "fill off-beats \(lateness(Array(fills.joined()), offBeats: true)) ticks late")
    }

    /// Under swung eighths (the unit a quarter), a build's sixteenths keep their order: the
    /// swung "and" goes late and the sixteenths either side of it move with their halves
    /// (3:1 had put the third sixteenth of every beat on the fourth, a composer's 5/4 jazz
    /// build: hits 0–10 ms apart in pairs, none on the "and").
    @Test(arguments: [2.0, 3.0])
    func aBuildUnderSwungEighthsKeepsItsSixteenthsApart(_ ratio: Double) throws {
        #expect((0..<4).map { GrooveTimingApplier.swingDelay(at: $0 * 240, GrooveTiming(swing: 3, swingUnit: 960, feel: .on, humanize: 0, alpha: 1, seed: 1)) }
                == [0, 120, 240, 120])
        var song = try Self.twoSections("Swung eighths", tempo: 100, hats: true,
                                        timing: GrooveTiming(swing: ratio, swingUnit: 960, feel: .on, humanize: 0, alpha: 1, seed: 5))
        try song.setTransition(.build, from: "a", to: "b")
        let drums = try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
        let bar = 3840
        let build = drums.filter { $0.key == DrumKit.snare && $0.start >= bar && $0.start < 2 * bar - 60 }.map(\.start)
        #expect(build.count == 16)
        let swung = Int((960 * (0.5 + Swing.delay(ratio: ratio))).rounded())
        for beat in 0..<4 {
            let at = build.filter { $0 >= bar + beat * 960 && $0 < bar + (beat + 1) * 960 }.map { $0 - bar - beat * 960 }
            #expect(at == [0, swung / 2, swung, swung + (960 - swung) / 2], "ratio \(ratio) beat \(beat + 1): \(at)")
        }
    }

    @Test func buildDropAndFillShapeTheDrumsLastBar() throws {
        func drums(_ song: Song) throws -> [PerformedNote] {
            try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
        }
        let lastBar = 3 * 3840, nextSection = 4 * 3840
        let build = try drums(Self.song(.build)).filter { $0.start >= lastBar && $0.start < nextSection }
        let snares = build.filter { $0.key == DrumKit.snare }
        #expect(snares.count == 16)
        #expect(zip(snares, snares.dropFirst()).allSatisfy { $0.velocity <= $1.velocity })
        // A drop: the kick stops for the second half, the hats play on at 3/5 of their level.
        let drop = try drums(Self.song(.drop)).filter { $0.start >= lastBar + 1920 && $0.start < nextSection }
        #expect(drop.map(\.start) == [1920, 2400, 2880, 3360].map { lastBar + $0 })
        #expect(drop.allSatisfy { $0.key == DrumKit.hat && $0.velocity == 42 })
        let fill = try drums(Self.song(.fill)).filter { $0.start >= lastBar + 1920 && $0.start < nextSection }
        #expect(fill.contains { [DrumKit.highTom, DrumKit.midTom, DrumKit.lowTom].contains($0.key) })
        #expect(!fill.contains { $0.key == DrumKit.hat })
        let none = try drums(Self.song(.none)).filter { $0.start >= lastBar && $0.start < nextSection }
        #expect(none.count == 12)
        // The song's end: no fill into silence, and a final kick and crash after the last bar.
        let end = 8 * 3840
        let last = try drums(Self.song(.none))
        #expect(last.filter { $0.start >= end }.map(\.key).sorted() == [DrumKit.kick, DrumKit.crash].sorted())
    }

    /// The ritard measured in the audio: kick onsets found in the rendered drum stem by
    /// their attack, not from the tempo map, are further apart in the last two bars.
    @Test func theLastBarsOfARitardAreSlowerInTheAudio() throws {
        var song = Song(title: "Slowing", tempo: 120)
        try song.addSection("outro", bars: 4)
        try song.accept(.drums(hits: (0..<16).map { DrumHit(start: $0 * 960, key: DrumKit.kick, velocity: 110) }, style: nil, timing: nil),
                        as: .drums, from: TransitionTests.drummer, into: "outro", at: Self.when)
        try song.setTransition(.ritard, from: "outro", atEnd: true)
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        let mastered = try Renderer.mixdown(try Performance(song: song), settings: settings, isCancelled: { false })
        let stem = mastered.stems[0]
        let rate = Double(settings.sampleRate)
        // Onsets by spectral-flux style detection on the level: the rise of the RMS from one
        // 5 ms window to the next; an onset is the largest rise within 150 ms that passes
        // a third of the largest rise of all.
        let window = Int(rate * 0.005)
        let levels = stride(from: 0, to: stem.frames - window, by: window).map { start in
            ((start..<start + window).reduce(Float(0)) { $0 + stem.left[$1] * stem.left[$1] } / Float(window)).squareRoot()
        }
        let rises = zip(levels.dropFirst(), levels).map { max(0, $0 - $1) }
        let threshold = (rises.max() ?? 0) / 3
        var onsets: [Double] = []
        var last = -1_000
        for index in rises.indices where rises[index] > threshold {
            let neighbourhood = rises[max(0, index - 30)...min(rises.count - 1, index + 30)]
            guard rises[index] == neighbourhood.max(), index - last > 30 else { continue }
            onsets.append(Double((index + 1) * window) / rate)
            last = index
        }
        // Sixteen kicks, then the final hit on the downbeat after the last bar.
        #expect(onsets.count == 17)
        let gaps = Array(zip(onsets, onsets.dropFirst()).map { $1 - $0 }.prefix(15))
        let steady = gaps.prefix(7).reduce(0, +) / 7, slowing = gaps.suffix(4).reduce(0, +) / 4
        print(String(format: "kick onsets: %.3f s apart in the first bars, %.3f s in the last beats of the ritard", steady, slowing))
        #expect(abs(steady - 0.5) < 0.01)
        #expect(slowing > steady * 1.2)
        #expect((gaps.last ?? 0) > steady * 1.3)
    }

    /// Every repeat of a section gets fresh micro-timing: the written groove is the same,
    /// the played offsets are drawn again, so repeats do not correlate.
    @Test func repeatsOfASectionAreNotPlayedIdentically() throws {
        var song = Song(title: "Again", tempo: 100)
        try song.addSection("verse", bars: 8)
        let hits = (0..<64).map { DrumHit(start: $0 * 480, key: $0 % 2 == 0 ? DrumKit.hat : DrumKit.kick, velocity: 90) }
        let timing = GrooveTiming(swing: 1, swingUnit: 960, feel: .on, humanize: 0.6, alpha: 1, seed: 11)
        try song.accept(.drums(hits: hits, style: nil, timing: timing), as: .drums, from: TransitionTests.drummer, into: "verse", at: Self.when)
        try song.arrange(["verse", "verse", "verse"])
        let played = try #require(try Performance(song: song).tracks.first { $0.part == .drums }).notes
        let length = 8 * 3840
        func offsets(_ repeatNumber: Int) -> [Double] {
            let written = try! #require(song.section(named: "verse")?.drums).hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
            let inRepeat = played.filter { $0.start >= repeatNumber * length - 200 && $0.start < (repeatNumber + 1) * length - 200 }
                .sorted { ($0.start, $0.key) < ($1.start, $1.key) }
            return zip(written, inRepeat).map { Double($1.start - repeatNumber * length - $0.start) }
        }
        let first = offsets(0), second = offsets(1), third = offsets(2)
        #expect(first.count == 64 && second.count == 64)
        let r12 = TimingStatistics.correlation(first, second), r23 = TimingStatistics.correlation(second, third)
        print(String(format: "micro-timing correlation between repeats: %.2f, %.2f", r12, r23))
        #expect(abs(r12) <= 0.5 && abs(r23) <= 0.5)
        // The first time through plays the stored offsets exactly.
        let stored = try #require(song.section(named: "verse")?.drums).hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }.map { Double($0.offset) }
        #expect(first == stored)
    }
}
