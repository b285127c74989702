@testable import AudioRender
import Engine
import OutsideTools
import Foundation
import MusicTheory
import SongModel
import Testing

/// The tune on top: the melody over the chords and pad bar by bar, the comping under the
/// melody, and no stem over the ceiling — measured on rendered audio.
@Suite("Balance of the mix")
struct BalanceTests {
    /// The bass follows the song's energy: a calm verse's bass (14 dB under its tune) is
    /// taken to where a triumphant chorus's sits under its own (18 dB); a chorus is not
    /// held to a bigger chorus it already sits as far under; a section where the melody
    /// does not sing is neither held nor holds; no section is lowered more than 6 dB.
    @Test func theBassFollowsTheSongsEnergy() {
        // verse (0.2), chorus (0.8), outro (0.7, melody resting), climax (1.3).
        let spans = [-40.0, -30.0, -33.0, -25.0], melody = [-26.0, -12.0, -40.0, -7.0]
        let lifts = [0.0, 0.0, 0.0, 0.0]
        let held = Balance.bassFollowingEnergy(lifts, spans: spans, melody: melody, singing: [true, true, false, true],
                                               energies: [0.2, 0.8, 0.7, 1.3])
        // The climax sits 18 under (−7 against −25), the chorus 18 under: neither moves; the
        // verse comes down to 18 under its −26 (4 dB); the outro is left.
        #expect(held == [-4.0, 0.0, 0.0, 0.0])
        // The most any section is lowered.
        let far = Balance.bassFollowingEnergy([0, 0], spans: [-30.0, -30.0], melody: [-26.0, -6.0], singing: [true, true], energies: [0.2, 0.9])
        #expect(far == [-6.0, 0.0])
        // Within a quarter of energy, nothing is held.
        #expect(Balance.bassFollowingEnergy(lifts, spans: spans, melody: melody, singing: [true, true, true, true],
                                            energies: [0.7, 0.8, 0.75, 0.9]) == lifts)
    }

    static let when = Date(timeIntervalSince1970: 0)

    /// A quiet piano melody over loud held strings and a warm pad: the case the listening
    /// study found buried.
    static func buriedTune() throws -> Song {
        var song = Song(title: "Buried", tempo: 90)
        try song.addSection("verse", bars: 4)
        try song.writeChords("verse", bars: try ["Cm", "Ab", "Eb", "Bb"].map { [try Chord(parsing: $0)] }, author: "T", at: when)
        let pitches = ["C5", "Eb5", "G5", "F5", "Eb5", "D5", "C5", "Bb4"]
        let melody = try pitches.enumerated().map { index, name in
            Note(start: index * 1920, duration: 1800, pitch: try Pitch(parsing: name), velocity: 40)
        }
        try song.writeMelody("verse", notes: melody, author: "T", at: when)
        try song.accept(.notes((0..<4).flatMap { bar in ["C4", "Eb4", "G4"].map { Note(start: bar * 3840, duration: 3840, pitch: try! Pitch(parsing: $0), velocity: 110) } }),
                        as: .pad, from: .person("T"), into: "verse", at: when)
        song.updateSettings(for: .chords) { $0.program = 48 }   // strings, held
        return song
    }

    static func render(_ song: Song) throws -> (MasteredAudio, Performance) {
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        let performance = try Performance(song: song)
        return (try Renderer.mixdown(performance, settings: settings, isCancelled: { false }), performance)
    }

    @Test func theMelodyIsLiftedOverTheChordsAndPadBarByBar() throws {
        let song = try Self.buriedTune()   // an instrument chosen, no level set: it balances
        let (balanced, performance) = try Self.render(song)
        let lead = try #require(performance.tracks.firstIndex { $0.part == .melody })
        let bed = performance.tracks.indices.filter { [.chords, .pad].contains(performance.tracks[$0].part) }
        let median = try #require(try Balance.barDifference(balanced.stems, lead: lead, bed: bed, performance: performance,
                                                        sampleRate: 44100, quantile: 0.5))
        let lower = try #require(try Balance.barDifference(balanced.stems, lead: lead, bed: bed, performance: performance,
                                                       sampleRate: 44100, quantile: 0.25))
        print(String(format: "melody over chords + pad: lifted %.1f dB; bar median %+.1f dB, lower quartile %+.1f dB", balanced.melodyLift, median, lower))
        #expect(balanced.melodyLift > 3)
        #expect(lower >= 3.5 && median >= 4)
    }

    /// A sketch of `mood` (verse, chorus; seed 1 unless given) as a song, accepted whole.
    static func sketch(_ mood: Mood, title: String, seed: UInt64 = 1) throws -> Song {
        let draft = try Sketcher.draft(SketchRequest(mood: mood, arc: [], form: ["verse", "chorus"], style: nil, key: nil,
                                                     tempo: nil, seed: seed, line: "test"))
        var song = Song(title: title, key: draft.key, tempo: draft.tempo, mood: draft.mood)
        for section in draft.sections { try song.place(section, acceptedAt: Self.when) }
        try song.arrange(draft.form)
        return song
    }

    /// `song` rendered with its stems (a second of ring-out) into a fresh folder.
    static func renderFiles(_ song: Song) throws -> (folder: String, result: RenderResult) {
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        let folder = temporaryFolder() + "/out"
        return (folder, try Renderer.render(song: song, to: folder, settings: settings, version: "cowrite test"))
    }

    /// A dreamy sketch rendered with its stems, once for the suite.
    static let dreamy: Result<(song: Song, folder: String, result: RenderResult), any Error> = Result {
        let song = try sketch(.dreamy, title: "Dreamy")
        let (folder, result) = try renderFiles(song)
        return (song, folder, result)
    }

    /// A dreamy sketch's pad sat 20 dB under its chords (FluidR3's pads are quiet at the
    /// pad's velocities); set by measure, it sits about 8 LU under them, read by ffmpeg's
    /// loudness meter on the two stems.
    @Test func thePadSitsUnderTheChordsWhereItCanBeHeard() throws {
        let (_, folder, result) = try Self.dreamy.get()
        let pad = try #require(try OutsideTool.ebur128(folder + "/stems/dreamy_pad.wav").integrated, "ffmpeg is needed: run `make deps`")
        let chords = try #require(try OutsideTool.ebur128(folder + "/stems/dreamy_chords.wav").integrated)
        print(String(format: "pad %.1f LUFS, chords %.1f LUFS, pad moved %+.1f dB", pad, chords, result.padChange))
        #expect(result.padChange > 3, "the pad was brought up")
        #expect((5.5...10.5).contains(chords - pad), "pad \(chords - pad) LU under the chords")
    }

    /// By loudness too: bar by bar, as ffmpeg's EBU R128 meter reads the melody stem and
    /// the chords and pad stems played together, the melody sits at least 3 LU over them in
    /// three bars of four where it plays. With the rule by RMS alone this test fails: a
    /// dreamy sketch's melody (its whole form, seed 1) cleared it by RMS (4.8 dB, bar median)
    /// and sat 2.5 LU over its bed by loudness (pyloudnorm).
    @Test func theMelodyIsOverTheBedByLoudnessBarByBar() throws {
        let (song, folder, _) = try Self.dreamy.get()
        let performance = try Performance(song: song)
        let notes = try #require(performance.tracks.first { $0.part == .melody }).notes
        var differences: [Double] = []
        for bar in Balance.barFrames(performance, sampleRate: 44100, frames: .max)
        where notes.contains(where: { $0.start < bar.ticks.upperBound && $0.end > bar.ticks.lowerBound }) {
            let start = Double(bar.start) / 44100, seconds = Double(bar.end - bar.start) / 44100
            let melody = try #require(try OutsideTool.ebur128(folder + "/stems/dreamy_melody.wav", from: start, seconds: seconds).integrated,
                                      "ffmpeg is needed: run `make deps`")
            let bed = try #require(try OutsideTool.ebur128(folder + "/stems/dreamy_chords.wav", with: [folder + "/stems/dreamy_pad.wav"],
                                                           from: start, seconds: seconds).integrated)
            if melody > -70 && bed > -70 { differences.append(melody - bed) }
        }
        let sorted = differences.sorted()
        try #require(sorted.count >= 8)
        let lower = sorted[sorted.count / 4], median = sorted[sorted.count / 2]
        print(String(format: "melody over chords + pad by loudness (ffmpeg), %d bars: median %+.1f LU, lower quartile %+.1f LU", sorted.count, median, lower))
        #expect(lower >= 3, "the melody \(lower) LU over its bed in the lower quartile of bars")
    }

    /// The drums come up to the lead as each section's energy asks: on an energetic sketch
    /// (verse, chorus), ffmpeg's loudness meter reads the drum stem within the allowed
    /// distance under the melody's (`drumsUnderMelody`, a decibel and a half to spare for a
    /// whole-stem reading); without the drums rule they read 8.7 LU under it. A drum level
    /// the writer set stands.
    @Test func theDrumsSitNearTheMelodyAsTheEnergyAsks() throws {
        var song = try Self.sketch(.energetic, title: "Drive")
        let (folder, result) = try Self.renderFiles(song)
        let energies = try Performance(song: song).energies
        let allowed = Balance.drumsUnderMelody(energy: energies.reduce(0, +) / Double(energies.count))
        let melody = try #require(try OutsideTool.ebur128(folder + "/stems/drive_melody.wav").integrated, "ffmpeg is needed: run `make deps`")
        let drums = try #require(try OutsideTool.ebur128(folder + "/stems/drive_drums.wav").integrated)
        let bandLook = result.melodyBandLook.map(\.decibels).max() ?? 0
        print(String(format: "energetic: melody %.1f LUFS, drums %.1f LUFS (%.1f LU under, allowed %.1f), drums moved %+.1f dB, melody's third look %.1f dB",
                     melody, drums, melody - drums, allowed, result.drumsChange, bandLook))
        #expect(result.drumsChange > 0, "the drums were brought up")
        #expect(melody - drums <= allowed + 1.5 + bandLook, "the drums \(melody - drums) LU under the melody")
        #expect(melody - drums >= 0, "the drums not over the melody")
        song.updateSettings(for: .drums) { $0.gain = -2 }
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        #expect(try Renderer.mixdown(try Performance(song: song), settings: settings, isCancelled: { false }).drumsChange == 0)
    }

    /// A render measures each part for the balance as it is synthesized (`StemMeasure`);
    /// playing reads the stems back. On an energetic sketch, where the bass and drums are
    /// brought up section by section by their sections' loudness, both set the very same
    /// balance (the mix's loudness within 1e-5 LU: the tapes hold the stems to 24-bit
    /// steps of each chunk's peak, `StemTape`).
    @Test func aRenderBalancesAsTheStemsReadBackDo() throws {
        let song = try Self.sketch(.energetic, title: "Measured")
        let (_, files) = try Self.renderFiles(song)
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        let memory = try Renderer.mixdown(try Performance(song: song), settings: settings, isCancelled: { false })
        #expect(!files.drumLifts.isEmpty && files.drumsChange > 0, "the drums ridden by section")
        #expect(files.melodyLift == memory.melodyLift)
        #expect(files.bassChange == memory.bassChange && files.drumsChange == memory.drumsChange)
        #expect(abs(files.loudness.integrated - memory.after.integrated) < 1e-5)
    }

    /// The melody over everything else the listener hears: on an energetic sketch (verse,
    /// chorus), bar by bar where the melody plays, the melody stem's RMS over the RMS of
    /// every other stem summed — the chords, bass and drums as the balance set them and the
    /// reverb's return — has its median at least 3 dB, its lower quartile at least 2.5, and
    /// ffmpeg's loudness meter reads the melody stem at least 3 LU over the others played
    /// together. Without the melody's third look (over the drums as set) this test's sketch
    /// put its melody 0.9 dB over the rest (bar median) and ffmpeg 1.2 LU.
    @Test func theMelodyIsOverTheWholeBand() throws {
        let song = try Self.sketch(.energetic, title: "Over")
        let (folder, _) = try Self.renderFiles(song)
        let over = try Self.melodyOverTheRest(song, folder: folder)
        let whole = try #require(try OutsideTool.ebur128(over.melody).integrated, "ffmpeg is needed: run `make deps`")
        let band = try #require(try OutsideTool.ebur128(over.others[0], with: Array(over.others.dropFirst())).integrated)
        print(String(format: "melody over every other stem, %d bars: median %+.1f dB, lower quartile %+.1f dB; ffmpeg, whole song: %+.1f LU",
                     over.bars, over.median, over.lower, whole - band))
        #expect(over.median >= 3 && over.lower >= 2.5, "the melody \(over.median) dB over the rest (bar median), \(over.lower) (lower quartile)")
        #expect(whole - band >= 3, "the melody \(whole - band) LU over the rest")
    }

    /// Every mood's sketch (verse and chorus, its own seed), rendered with its stems: bar by
    /// bar where the melody plays, the melody stem's RMS over every other stem summed (the
    /// reverb's return too) has its median at least 3 dB; no stem's sample peaks over
    /// -1 dBFS; the mix's true peak (libebur128's) is at most -1 dBTP. The listening study
    /// had found calm songs' melodies 15.8 dB under their chords and drum stems at 0 dBFS.
    @Test(arguments: Mood.allCases)
    func everyMoodsMelodyIsOverItsBandAndNoStemPassesTheCeiling(_ mood: Mood) throws {
        let seed = UInt64(Mood.allCases.firstIndex(of: mood)! + 2)
        let song = try Self.sketch(mood, title: "Over", seed: seed)
        let (folder, _) = try Self.renderFiles(song)
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let over = try Self.melodyOverTheRest(song, folder: folder)
        var peaks: [String: Double] = [:]
        for path in [over.melody] + over.others + [folder + "/mix.wav"] {
            let buffer = try AudioFile.read(path).buffer
            peaks[(path as NSString).lastPathComponent] = Loudness.decibels(Double(max(buffer.left.map(abs).max() ?? 0, buffer.right.map(abs).max() ?? 0)))
        }
        let mix = try AudioFile.read(folder + "/mix.wav").buffer
        let truePeak = Loudness.decibels(max(try Loudness.libraryTruePeak(mix.left, sampleRate: 44100),
                                             try Loudness.libraryTruePeak(mix.right, sampleRate: 44100)))
        print(String(format: "%@ seed %llu: melody over every other stem, %d bars: median %+.1f dB, lower quartile %+.1f dB; loudest stem %.2f dBFS; mix %.2f dBTP",
                     mood.rawValue, seed, over.bars, over.median, over.lower, peaks.values.max() ?? 0, truePeak))
        #expect(over.median >= 3, "\(mood): the melody \(over.median) dB over the rest (bar median)")
        for (name, peak) in peaks { #expect(peak <= -1, "\(mood): \(name) peaks at \(peak) dBFS") }
        #expect(truePeak <= -1, "\(mood): the mix's true peak \(truePeak) dBTP")
    }

    /// A whole arc sketch (intro to outro, its own form) rendered with its stems: in every
    /// section where the melody plays, bar by bar, the melody stem's RMS over every other
    /// stem summed has its median at least 3 dB. A triumphant chorus's comp, struck hard,
    /// dwarfs a single line, and with the melody's lift stopped at 24 dB the choruses of
    /// calm->tense->triumphant (seed 2) sat 1.1–1.4 dB over their band.
    @Test(arguments: [[Mood.calm, .tense, .triumphant], [.sad, .hopeful], [.dark, .triumphant], [.energetic, .calm]])
    func everyArcsMelodyIsOverItsBandInEverySection(_ arc: [Mood]) throws {
        let draft = try Sketcher.draft(SketchRequest(mood: nil, arc: arc, form: nil, style: nil, key: nil, tempo: nil, seed: 2, line: "test"))
        var song = Song(title: "Over", key: draft.key, tempo: draft.tempo, mood: draft.mood)
        for section in draft.sections { try song.place(section, acceptedAt: Self.when) }
        try song.arrange(draft.form)
        let (folder, _) = try Self.renderFiles(song)
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let performance = try Performance(song: song)
        let bySection = try Self.melodyOverTheRest(song, folder: folder, bySection: true).sections
        let name = arc.map(\.rawValue).joined(separator: "->")
        print("\(name) seed 2, melody over every other stem (bar median by section): "
              + bySection.map { String(format: "%@ %+.1f dB", performance.markers[$0.section].name, $0.median) }.joined(separator: ", "))
        #expect(bySection.count >= 3, "\(name): the melody plays in \(bySection.count) sections")
        for section in bySection {
            #expect(section.median >= 3, "\(name): \(performance.markers[section.section].name)'s melody \(section.median) dB over the rest (bar median)")
        }
        // And the chords are not lost under it: ffmpeg reads each section's chords stem
        // within `chordsMostUnderMelody` of its melody stem, and three decibels for what
        // mastering moves and for where the bed stops rising to keep the melody's quietest
        // bars over it (calm->tense->triumphant's were 12.9–15.8 LU under; its bridge 9.6
        // with melody 3.20, and its choruses 10.3 and 10.6 with melody 3.27, whose pushes
        // held across the bar line leave its quietest bars sparser: the melody then sat
        // 6.4–6.9 dB over the whole band there, the bed stopped where the rule stops it).
        let stems = try FileManager.default.contentsOfDirectory(atPath: folder + "/stems")
        let melody = folder + "/stems/" + (try #require(stems.first { $0.hasSuffix("_melody.wav") }))
        let chords = folder + "/stems/" + (try #require(stems.first { $0.hasSuffix("_chords.wav") }))
        var gaps: [String] = []
        for section in bySection {
            let start = performance.tempos.seconds(at: performance.markers[section.section].tick)
            let end = performance.tempos.seconds(at: section.section + 1 < performance.markers.count ? performance.markers[section.section + 1].tick : performance.endTick)
            guard let tune = try OutsideTool.ebur128(melody, from: start, seconds: end - start).integrated,
                  let comp = try OutsideTool.ebur128(chords, from: start, seconds: end - start).integrated, comp > -70 else { continue }
            gaps.append(String(format: "%@ %.1f", performance.markers[section.section].name, tune - comp))
            #expect(tune - comp <= Balance.chordsMostUnderMelody + 3,
                    "\(name): \(performance.markers[section.section].name)'s chords \(tune - comp) LU under the melody")
        }
        print("\(name) seed 2, chords under the melody (LU, ffmpeg): " + gaps.joined(separator: ", "))
    }

    /// The melody stem's level over every other stem of a render summed, bar by bar where
    /// the melody plays (RMS, both channels): the median and lower quartile, and the paths.
    static func melodyOverTheRest(_ song: Song, folder: String, bySection: Bool = false) throws
    -> (median: Double, lower: Double, bars: Int, melody: String, others: [String], sections: [(section: Int, median: Double)]) {
        let performance = try Performance(song: song)
        let stems = try FileManager.default.contentsOfDirectory(atPath: folder + "/stems").sorted()
        let melodyName = try #require(stems.first { $0.hasSuffix("_melody.wav") })
        let others = stems.filter { $0 != melodyName }
        #expect(others.count >= 4, "chords, bass, drums and the reverb's return: \(others)")
        let melody = try AudioFile.read(folder + "/stems/" + melodyName).buffer
        var rest = StereoBuffer(frames: melody.frames)
        for name in others {
            let stem = try AudioFile.read(folder + "/stems/" + name).buffer
            for index in 0..<min(stem.frames, rest.frames) {
                rest.left[index] += stem.left[index]
                rest.right[index] += stem.right[index]
            }
        }
        func rms(_ buffer: StereoBuffer, _ range: Range<Int>) -> Double {
            var sum = 0.0
            for index in range { sum += Double(buffer.left[index] * buffer.left[index] + buffer.right[index] * buffer.right[index]) }
            return 10 * log10(sum / Double(2 * range.count) + 1e-20)
        }
        let notes = try #require(performance.tracks.first { $0.part == .melody }).notes
        var differences: [Double] = []
        var sectionBars: [Int: [Double]] = [:]
        for bar in Balance.barFrames(performance, sampleRate: 44100, frames: melody.frames) where bar.end > bar.start
        && notes.contains(where: { $0.start < bar.ticks.upperBound && $0.end > bar.ticks.lowerBound }) {
            let difference = rms(melody, bar.start..<bar.end) - rms(rest, bar.start..<bar.end)
            differences.append(difference)
            if bySection, let section = performance.markers.lastIndex(where: { $0.tick <= bar.ticks.lowerBound }) {
                sectionBars[section, default: []].append(difference)
            }
        }
        let sorted = differences.sorted()
        try #require(sorted.count >= 8)
        let sections = sectionBars.keys.sorted().map { key in (section: key, median: sectionBars[key]!.sorted()[sectionBars[key]!.count / 2]) }
        return (sorted[sorted.count / 2], sorted[sorted.count / 4], sorted.count,
                folder + "/stems/" + melodyName, others.map { folder + "/stems/" + $0 }, sections)
    }

    /// A sketch that starts calm and ends triumphant, its bass played softer (velocities
    /// four fifths, as a writer’s soft bass line might be): where the arrangement put it, the
    /// bass sits far under the melody in the triumphant chorus. (The sketch's own bass sat
    /// 10.8 LU under while its pulsing chorus chords were played under the pedal, and needed
    /// no lift once they were not.) It comes up as the chorus's energy asks: ffmpeg reads the
    /// bass stem over the chorus within `bassMostUnderMelody` of the melody (a decibel and a
    /// half to spare for a whole-section reading), and further only by what the melody's
    /// second look added after the bass was set (the melody over the chords, pad and bass
    /// comes first), and still at least 3 LU under it. A bass level the writer set stands.
    @Test func theBassComesUpAsTheEnergyAsks() throws {
        var draft = try Sketcher.draft(SketchRequest(mood: nil, arc: [.calm, .triumphant], form: ["verse", "chorus"], style: nil,
                                                     key: nil, tempo: nil, seed: 1, line: "test"))
        draft.sections = draft.sections.map { section in
            var section = section
            section.bass = section.bass.map { bass in
                var bass = bass
                bass.notes = bass.notes.map { var note = $0; note.velocity = note.velocity * 4 / 5; return note }
                return bass
            }
            return section
        }
        var song = Song(title: "Rise", key: draft.key, tempo: draft.tempo, mood: draft.mood)
        for section in draft.sections { try song.place(section, acceptedAt: Self.when) }
        try song.arrange(draft.form)
        let (folder, result) = try Self.renderFiles(song)
        let performance = try Performance(song: song)
        let chorus = try #require(performance.markers.last)
        let start = performance.tempos.seconds(at: chorus.tick), seconds = performance.tempos.seconds(at: performance.endTick) - start
        let melody = try #require(try OutsideTool.ebur128(folder + "/stems/rise_melody.wav", from: start, seconds: seconds).integrated,
                                  "ffmpeg is needed: run `make deps`")
        let bass = try #require(try OutsideTool.ebur128(folder + "/stems/rise_bass.wav", from: start, seconds: seconds).integrated)
        let allowed = Balance.bassMostUnderMelody(energy: try #require(performance.energies.last))
        let lift = result.bassLifts.map(\.decibels).max() ?? 0
        let secondLook = (result.melodySecondLook.last?.decibels ?? 0) + (result.melodyBandLook.last?.decibels ?? 0)
        print(String(format: "rising chorus: melody %.1f LUFS, bass %.1f LUFS (%.1f LU under, allowed %.1f), bass brought up %.1f dB, melody's second look %.1f dB",
                     melody, bass, melody - bass, allowed, lift, secondLook))
        #expect(lift >= 2, "the bass was brought up")
        #expect(melody - bass <= allowed + 1.5 + secondLook, "the bass \(melody - bass) LU under the melody")
        #expect(melody - bass >= Balance.bassUnderMelody - 1, "the bass does not crowd the tune")
        // What the render says it left short is what ffmpeg reads, within the limiter's pull.
        let said = result.shortOfEnergy["bass"]?.last(where: { $0.section == chorus.name })?.decibels ?? 0
        #expect(abs(max(0, melody - bass - allowed) - said) <= 1.5, "said \(said) dB short; ffmpeg reads \(melody - bass - allowed)")
        song.updateSettings(for: .bass) { $0.gain = -2 }
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        #expect(try Renderer.mixdown(try Performance(song: song), settings: settings, isCancelled: { false }).bassLift == 0)
    }

    @Test func aWriterWhoMixesKeepsTheirBalance() throws {
        var song = try Self.buriedTune()
        song.updateSettings(for: .melody) { $0.gain = -6 }
        let (mastered, _) = try Self.render(song)
        #expect(mastered.melodyLift == 0)
        var booming = try Self.boomingBass()
        booming.updateSettings(for: .bass) { $0.gain = 3 }
        #expect(try Self.render(booming).0.bassChange == 0, "a bass level the writer set stands")
    }

    /// A soft flute melody over a bass struck hard and held: the case a sad sketch showed,
    /// its bass as loud as its tune.
    static func boomingBass() throws -> Song {
        var song = Song(title: "Booming", tempo: 80)
        try song.addSection("verse", bars: 8)
        let roots = ["C2", "A1", "F1", "G1", "C2", "A1", "F1", "G1"]
        try song.writeChords("verse", bars: try ["C", "Am", "F", "G", "C", "Am", "F", "G"].map { [try Chord(parsing: $0)] },
                             author: "T", at: when)
        let tune = ["E5", "G5", "C6", "A5", "F5", "A5", "G5", "D5"]
        let melody = try tune.enumerated().flatMap { bar, name in
            [0, 960, 1920, 2880].map { beat in Note(start: bar * 3840 + beat, duration: 900, pitch: try! Pitch(parsing: name), velocity: 45) }
        }
        try song.writeMelody("verse", notes: melody, author: "T", at: when)
        let bass = try roots.enumerated().map { bar, name in Note(start: bar * 3840, duration: 3800, pitch: try Pitch(parsing: name), velocity: 125) }
        try song.accept(.notes(bass), as: .bass, from: .person("T"), into: "verse", at: when)
        song.updateSettings(for: .melody) { $0.program = 73 }   // flute
        return song
    }

    /// The bass turned down until, in three bars of four, it sits 4 dB under the melody —
    /// read by ffmpeg's loudness meter on the two stems (both play through every bar) — and
    /// then the melody over the chords and the bass together (the second look): ffmpeg
    /// reads it at least 3 LU over the two stems played together, and the bass no further
    /// under it than the two rules make (4 + 3 dB, with a decibel and a half for the meter).
    @Test func theBassSitsUnderTheMelody() throws {
        let song = try Self.boomingBass()
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        settings.stems = true
        let folder = temporaryFolder() + "/out"
        let result = try Renderer.render(song: song, to: folder, settings: settings, version: "cowrite test")
        let melody = try #require(try OutsideTool.ebur128(folder + "/stems/booming_melody.wav").integrated, "ffmpeg is needed: run `make deps`")
        let bass = try #require(try OutsideTool.ebur128(folder + "/stems/booming_bass.wav").integrated)
        print(String(format: "melody %.1f LUFS, bass %.1f LUFS, bass moved %+.1f dB", melody, bass, result.bassChange))
        #expect(result.bassChange < -3, "the bass was turned down")
        #expect(melody - bass >= 3.5, "the bass \(melody - bass) LU under the melody")
        #expect(melody - bass <= Balance.bassUnderMelody + Balance.overAccompaniment + 1.5, "the bass turned down no further than it needed")
        let band = try #require(try OutsideTool.ebur128(folder + "/stems/booming_chords.wav", with: [folder + "/stems/booming_bass.wav"]).integrated)
        print(String(format: "melody over the chords and bass together: %.1f LU", melody - band))
        #expect(melody - band >= 3, "the melody \(melody - band) LU over its accompaniment")
    }

    @Test func noStemPassesTheCeilingEvenWhereStemsCancel() throws {
        // Two stems that cancel in the mix: the mix is quiet, so mastering turns it up,
        // and only a limiter that watches the stems keeps them from clipping.
        let frames = 44100 * 4
        var a = StereoBuffer(frames: frames), b = StereoBuffer(frames: frames)
        for index in 0..<frames {
            let tone = 0.5 * sin(Float(index) * 2 * .pi * 220 / 44100)
            let other = 0.05 * sin(Float(index) * 2 * .pi * 330 / 44100)
            a.left[index] = tone; a.right[index] = tone
            b.left[index] = -tone + other; b.right[index] = -tone + other
        }
        let mastered = try Mastering.master(stems: [a, b], sampleRate: 44100, target: MasteringTarget())
        let ceiling = Float(pow(10, -1.0 / 20))
        for stem in mastered.stems {
            #expect((stem.left.map(abs).max() ?? 0) <= ceiling)
            #expect((stem.right.map(abs).max() ?? 0) <= ceiling)
        }
        // The stems still sum to the mix.
        let worst = (0..<frames).map { abs(mastered.stems[0].left[$0] + mastered.stems[1].left[$0] - mastered.mix.left[$0]) }.max() ?? 0
        #expect(worst < 1e-5)
    }

    @Test func theCompingSitsUnderTheMelody() throws {
        let song = try Self.buriedTune()
        let performance = try Performance(song: song)
        let melody = try #require(performance.tracks.first { $0.part == .melody }).notes
        let chords = try #require(performance.tracks.first { $0.part == .chords }).notes
        for note in chords {
            let over = melody.filter { $0.start < note.end && $0.end > note.start }.map(\.key)
            guard let lowest = over.min() else { continue }
            #expect(note.key < lowest, "comping \(note.key) under melody \(lowest)")
        }
    }

    /// A part plays in the section its notes start in, and a note played a little early
    /// for a section's downbeat is that section's: a verse with no drums before a chorus
    /// whose first kick is humanized 20 ticks early does not count as drummed (it took a
    /// 13.9 dB drum lift measured on that one kick).
    @Test func aNotePlayedEarlyForTheDownbeatBelongsToTheSectionItLeadsInto() throws {
        func song(fill: Bool) throws -> Performance {
            var song = Song(title: "Early", tempo: 100)
            try song.addSection("verse", bars: 2)
            try song.addSection("chorus", bars: 2)
            let hits = [DrumHit(start: 0, key: 36, velocity: 100, offset: -20), DrumHit(start: 960, key: 38, velocity: 90)]
            try song.accept(.drums(hits: hits, style: nil, timing: nil), as: .drums, from: .person("T"), into: "chorus", at: Self.when)
            if fill {
                // The verse's fill ends on its last sixteenth, played 3 ticks late.
                let last = [DrumHit(start: 2 * 3840 - 240, key: 45, velocity: 100, offset: 3)]
                try song.accept(.drums(hits: last, style: nil, timing: nil), as: .drums, from: .person("T"), into: "verse", at: Self.when)
            }
            try song.arrange(["verse", "chorus"])
            return try Performance(song: song)
        }
        let performance = try song(fill: false)
        let drums = try #require(performance.tracks.firstIndex { $0.part == .drums })
        #expect(performance.tracks[drums].notes.contains { $0.start < 2 * 3840 }, "the first kick sounds in the verse's last bar")
        #expect(!Balance.plays(drums, in: 0, of: performance))
        #expect(Balance.plays(drums, in: 1, of: performance))
        // A fill's last sixteenth, a hair late, is still the verse's: the verse plays drums.
        let filled = try song(fill: true)
        #expect(Balance.plays(drums, in: 0, of: filled), "the fill's last note is the verse's")
    }
}
