@testable import AudioRender
import Foundation
import OutsideTools
import SongModel
import Testing

/// The render streams: stems go to tapes on disk and mastering reads them a block at a
/// time. What it writes must be what mastering the whole song in memory makes, and the
/// pieces that run block by block must not depend on where the blocks are cut.
@Suite("Streaming render")
struct StreamingTests {
    /// A signal with peaks over the ceiling near block boundaries, and silence.
    func signal(_ count: Int) -> (left: [Float], right: [Float]) {
        var left = [Float](repeating: 0, count: count), right = left
        for index in 0..<count {
            left[index] = 0.4 * sin(Float(index) * 0.031) + 0.2 * sin(Float(index) * 0.17)
            right[index] = 0.4 * sin(Float(index) * 0.029)
        }
        for peak in [65530, 65536, 65541, 131_000, 131_072, 200_000] where peak < count {
            left[peak] = 1.7
            right[peak + 3] = -1.4
        }
        return (left, right)
    }

    @Test func theLimiterCurveDoesNotDependOnWhereTheBlocksAreCut() {
        let (left, right) = signal(250_000)
        let envelope = zip(left, right).map { max(abs($0), abs($1)) }
        let whole = Limiter.gainCurve(left: left, right: right, ceiling: 0.8, lookAhead: 220, release: 3500)
        #expect(whole.count == left.count)
        for index in whole.indices { #expect(envelope[index] * whole[index] <= 0.8 + 1e-6) }
        // Blocks of odd sizes, some shorter than the look-ahead.
        for sizes in [[1000, 7, 64_529, 100], [65536], [300, 301, 9999]] {
            var limiter = Limiter(ceiling: 0.8, lookAhead: 220, release: 3500, frames: left.count)
            var curve: [Float] = []
            var start = 0, turn = 0
            envelope.withUnsafeBufferPointer { all in
                while start < all.count {
                    let end = min(all.count, start + sizes[turn % sizes.count]), ahead = min(all.count, end + limiter.reach)
                    curve += limiter.curve(for: start..<end, envelope: UnsafeBufferPointer(rebasing: all[start..<ahead]))
                    start = end
                    turn += 1
                }
            }
            #expect(curve == whole, "blocks \(sizes)")
        }
    }

    @Test func theTruePeakDoesNotDependOnWhereTheBlocksAreCut() throws {
        let (left, _) = signal(140_000)
        let whole = TruePeak.peak(left)
        for size in [1, 5, 12, 13, 4096, 65536] {
            var meter = TruePeak.Meter()
            left.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: all.count, by: size) {
                    meter.add(UnsafeBufferPointer(rebasing: all[start..<min(all.count, start + size)]))
                }
            }
            #expect(meter.finish() == whole, "blocks of \(size)")
        }
        // And it is libebur128's figure.
        let library = try Loudness.libraryTruePeak(left, sampleRate: 44100)
        #expect(abs(20 * log10(Double(whole)) - 20 * log10(library)) < 0.01)
    }

    /// The render from tapes writes, to a few 24-bit steps, what mastering the stems in
    /// memory makes: the same gain, the same limiter, the same samples. (A tape holds each
    /// stem to 24-bit steps of its chunk's loudest sample, `StemTape`, and the file rounds
    /// again: the sketch's mix from tapes measured at most 3 steps from the in-memory one.)
    /// Its balance is set from what each part measured as it was synthesized
    /// (`StemMeasure`), the in-memory one's from the stems read back: the same lifts.
    @Test func theStreamedRenderIsTheInMemoryMaster() throws {
        let rendered = try sharedRender.get()
        let inMemory = try Renderer.mixdown(rendered.performance, settings: rendered.settings, isCancelled: { false })
        let mix = try AudioFile.read(rendered.folder + "/mix.wav").buffer
        #expect(mix.frames == inMemory.mix.frames)
        var worst: Float = 0
        for index in 0..<min(mix.frames, inMemory.mix.frames) {
            worst = max(worst, abs(mix.left[index] - inMemory.mix.left[index]), abs(mix.right[index] - inMemory.mix.right[index]))
        }
        // A 24-bit step is 1.2e-7: the tapes' steps, turned up by mastering and summed over
        // five stems, and the file's rounding.
        #expect(worst <= 6 / 8_388_608, "largest difference \(worst)")
        #expect(abs(rendered.result.loudness.integrated - inMemory.after.integrated) < 1e-5)
        #expect(abs(rendered.result.melodyLift - inMemory.melodyLift) < 1e-9)
        #expect(rendered.result.bassChange == inMemory.bassChange && rendered.result.drumsChange == inMemory.drumsChange)
    }

    /// A mix whose loudest peaks fall between its samples (a quarter-rate tone sampled off
    /// its crests, 3 dB over its samples) comes out of one limiting pass under the ceiling
    /// by its true peak: the limiter holds the points between samples, not only the samples
    /// (one that watched samples let them through 3 dB over, and mastering took a pass more
    /// with a lower ceiling). And the blocks a measuring pass hands over are the ones
    /// `apply` makes with the plan, so a render writes its files during the pass that meets
    /// the target.
    @Test func peaksBetweenSamplesAreHeldInOnePassWhoseBlocksAreTheMaster() throws {
        let frames = 44100 * 4
        var tone = StereoBuffer(frames: frames)
        for index in 0..<frames {
            // A soft 440 Hz tone, and every half second 300 frames of the quarter-rate tone,
            // loud: peaks a limiter must catch.
            var value = 0.1 * sin(2 * Double.pi * 440 * Double(index) / 44100)
            if index % 22050 < 300 { value += 0.8 * sin(Double.pi / 2 * Double(index) + Double.pi / 4) }
            tone.left[index] = Float(value)
            tone.right[index] = Float(value)
        }
        for ceiling in [-1.35, -3.0, -6.0] {
            let meter = LoudnessMeter(sampleRate: 44100, truePeak: true)
            let deepest = try Mastering.pass([tone], lifts: [], sampleRate: 44100, gain: 6, ceiling: ceiling, meter: meter, isCancelled: { false })
            let peak = meter.report().truePeak
            #expect(peak <= ceiling + 0.05, "ceiling \(ceiling): \(peak) dBTP after one pass")
            #expect(Loudness.decibels(Double(deepest)) < -3, "the limiter worked")
        }
        var kept: [Float] = []
        let plan = try Mastering.plan(stems: [tone], sampleRate: 44100, target: MasteringTarget(), restart: { kept = [] },
                                      keep: { kept += $0.mix.left })
        #expect(plan.after.truePeak <= MasteringTarget().truePeak - Mastering.truePeakMargin)
        var applied: [Float] = []
        try Mastering.apply(plan, stems: [tone], sampleRate: 44100) { applied += $0.mix.left }
        #expect(applied == kept)
    }

    /// The ring-out fades to silence over the render's last fifth of a second: a tone that
    /// never decays (the worst case: reverb cut off mid-ring) plays at its level until the
    /// fade, is 40 dB down in its last 10 ms and 75 dB down in its last millisecond, in the
    /// mix and the stem alike.
    @Test func theRingOutFadesToSilence() throws {
        let frames = 44100 * 3
        var tone = StereoBuffer(frames: frames)
        for index in 0..<frames {
            let sample = 0.3 * sin(Float(index) * 2 * .pi * 440 / 44100)
            tone.left[index] = sample; tone.right[index] = sample
        }
        let mastered = try Mastering.master(stems: [tone], sampleRate: 44100, target: MasteringTarget())
        for audio in [mastered.mix, mastered.stems[0]] {
            let peak = { (range: Range<Int>) in range.map { max(abs(audio.left[$0]), abs(audio.right[$0])) }.max() ?? 0 }
            let level = peak(44100..<88200), beforeFade = peak((frames - 8820 - 4410)..<(frames - 8820))
            let last10 = peak((frames - 441)..<frames), last1 = peak((frames - 44)..<frames)
            #expect(abs(Loudness.decibels(Double(beforeFade / level))) < 0.1, "full level until the fade")
            #expect(Loudness.decibels(Double(last10 / level)) < -40, "the last 10 ms \(Loudness.decibels(Double(last10 / level))) dB")
            #expect(Loudness.decibels(Double(last1 / level)) < -75, "the last 1 ms \(Loudness.decibels(Double(last1 / level))) dB")
        }
    }

    @Test func aRenderLeavesNoScratchTapeBehind() throws {
        let rendered = try sharedRender.get()
        let parent = (rendered.folder as NSString).deletingLastPathComponent
        let names = try FileManager.default.subpathsOfDirectory(atPath: parent)
        #expect(!names.contains { $0.contains(".tape") || $0.contains("scratch") }, "\(names)")
    }

    /// A FLAC render carries the tempo, meter and section markers in its Vorbis comments
    /// (read back by ffprobe as tags and chapters), still decodes cleanly (ffmpeg), and
    /// holds the samples of the WAV render.
    @Test func flacFilesCarryTempoMeterAndSectionMarkers() throws {
        let wav = try sharedRender.get()
        var settings = wav.settings
        settings.format = .flac
        let folder = temporaryFolder() + "/flac"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        _ = try Renderer.render(song: wav.song, to: folder, settings: settings, version: "cowrite test")
        let mix = folder + "/mix.flac"
        let read = try Probe.of(mix)
        let markers = wav.performance.markers
        #expect(read.chapters.map { $0.tags?["title"] ?? "" } == wav.performance.playingNames)
        for (chapter, marker) in zip(read.chapters, markers) {
            #expect(abs((Double(chapter.start_time) ?? -1) - wav.performance.tempos.seconds(at: marker.tick)) < 0.001)
        }
        let tags = read.format.tags ?? [:]
        #expect(tags["BPM"] == "84")
        #expect(tags["METER"] == "4/4")
        #expect(tags["CUESHEET"]?.contains("TRACK \(String(format: "%02d", markers.count)) AUDIO") == true)
        #expect(tags["title"] == "Rain on Glass")
        let decoded = try OutsideTool.run("/usr/bin/ffmpeg", ["-v", "error", "-i", mix, "-f", "null", "-"], reading: .errors)
        #expect(decoded.status == 0 && decoded.text.isEmpty, "ffmpeg: \(decoded.text)")
        let fromFlac = try AudioFile.read(mix).buffer, fromWav = try AudioFile.read(wav.folder + "/mix.wav").buffer
        #expect(fromFlac.frames == fromWav.frames)
        var worst: Float = 0
        for index in 0..<min(fromFlac.frames, fromWav.frames) {
            worst = max(worst, abs(fromFlac.left[index] - fromWav.left[index]), abs(fromFlac.right[index] - fromWav.right[index]))
        }
        // Both are rounded to 24 bits by Cowrite, to the nearest step (libsndfile's own
        // conversions had put 47% of the samples one step apart, the FLAC one higher).
        #expect(worst == 0, "largest difference \(worst)")
    }

    /// The 24-bit rounding is `Float.rounded()` (half away from zero) of the scaled sample,
    /// clipped to full scale, NaN as silence: at every tie, beside every tie, at the edges
    /// and on a million random samples.
    @Test func roundingTo24BitsIsHalfAwayFromZero() {
        func expected(_ sample: Float) -> Int32 {
            let clipped = min(max((sample * 8_388_608).rounded(), -8_388_608), 8_388_607)
            return Int32(clipped.isNaN ? 0 : clipped) << 8
        }
        var samples: [Float] = [0, -0.0, 1, -1, 1.5, -1.5, 0.99999994, -0.99999994, .nan, .infinity, -.infinity,
                                .leastNonzeroMagnitude, -.leastNonzeroMagnitude, Float(nan: 0x1FFFFF, signaling: false),
                                -Float(nan: 1, signaling: true), 8_388_607.5 / 8_388_608, -8_388_607.5 / 8_388_608, 0.5 / 8_388_608,
                                -0.5 / 8_388_608, 1.5 / 8_388_608, -1.5 / 8_388_608, 2.5 / 8_388_608, -2.5 / 8_388_608]
        for step in stride(from: -8_388_610, through: 8_388_610, by: 9973) {
            let tie = (Float(step) + 0.5) / 8_388_608
            samples += [tie, tie.nextUp, tie.nextDown, Float(step) / 8_388_608]
        }
        var generator = SystemRandomNumberGenerator()
        samples += (0..<1_000_000).map { _ in Float.random(in: -1.2...1.2, using: &generator) }
        var target = [Int32](repeating: 0, count: 2 * samples.count)
        samples.withUnsafeBufferPointer { s in
            target.withUnsafeMutableBufferPointer {
                Samples.interleaveRoundedTo24Bits(left: s.baseAddress!, right: s.baseAddress!, count: s.count, into: $0.baseAddress!)
            }
        }
        let wrong = samples.indices.filter { target[2 * $0] != expected(samples[$0]) || target[2 * $0 + 1] != expected(samples[$0]) }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, first \(wrong.first.map { samples[$0] } ?? 0)")
        // A WAV file's packed bytes are the same values, three bytes each, little-endian,
        // whatever the count (the packer works eight frames at a time).
        let right = samples.reversed() as [Float]
        for count in [samples.count, 7, 8, 9, 17] {
            var packed = [UInt8](repeating: 0xAA, count: 6 * count + 1)
            samples.withUnsafeBufferPointer { s in
                right.withUnsafeBufferPointer { r in
                    packed.withUnsafeMutableBufferPointer { Samples.packedTo24Bits(left: s.baseAddress!, right: r.baseAddress!, count: count, into: $0.baseAddress!) }
                }
            }
            func value(_ index: Int) -> Int32 {
                Int32(bitPattern: UInt32(packed[3 * index]) << 8 | UInt32(packed[3 * index + 1]) << 16 | UInt32(packed[3 * index + 2]) << 24)
            }
            let misplaced = (0..<count).filter { value(2 * $0) != expected(samples[$0]) || value(2 * $0 + 1) != expected(right[$0]) }
            #expect(misplaced.isEmpty && packed[6 * count] == 0xAA, "\(count) frames: \(misplaced.count) wrong")
        }
    }

    /// Mastering's products of the stems' blocks, made on the cores at once in slices of
    /// frames, are each stem's block copied and multiplied by the curve, the mix their sum
    /// in stem order and the peaks each frame's loudest of them, to the bit, whatever the
    /// number of stems and however the frames fall into slices; a block starts `offset`
    /// frames into what was read.
    @Test(arguments: [(1, 900), (2, 4095), (5, 4096), (3, 65_536), (5, 65_539)])
    func masteringTheStemsBlocksAtOnceIsTheStepsItReplaced(stems: Int, count: Int) {
        var generator = SystemRandomNumberGenerator()
        func noise(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -1.5...1.5, using: &generator) } }
        let reads = (0..<stems).map { _ in StereoBuffer(left: noise(count + 100), right: noise(count + 100)) }
        let curve = noise(count).map { abs($0) }
        var products = reads.map { _ in StereoBuffer(frames: count) }
        var mix = StereoBuffer(frames: count), loudest = [Float](repeating: 0, count: count)
        Samples.master(reads, from: 37, count: count, by: curve, into: &products, mix: &mix, loudest: &loudest)
        var expectedMix = StereoBuffer(frames: count), expectedLoudest = [Float](repeating: 0, count: count)
        for (read, product) in zip(reads, products) {
            var block = StereoBuffer(left: Array(read.left[37..<(37 + count)]), right: Array(read.right[37..<(37 + count)]))
            Samples.multiply(&block.left, by: curve)
            Samples.multiply(&block.right, by: curve)
            #expect(product == block)
            Samples.add(block.left, to: &expectedMix.left)
            Samples.add(block.right, to: &expectedMix.right)
            Samples.raisePeak(&expectedLoudest, with: block)
        }
        Samples.raisePeak(&expectedLoudest, with: expectedMix)
        #expect(mix == expectedMix && loudest == expectedLoudest)
        // Without peaks asked for, the same products and mix.
        var again = reads.map { _ in StereoBuffer(frames: count) }, mixAgain = StereoBuffer(frames: count), none: [Float] = []
        Samples.master(reads, from: 37, count: count, by: curve, into: &again, mix: &mixAgain, loudest: &none)
        #expect(again == products && mixAgain == mix && none.isEmpty)
    }

    /// The shared song rendered again as Ogg Vorbis, the mix alone, into a new temporary folder.
    static func oggMix() throws -> (wav: Rendered, mix: String) {
        let wav = try sharedRender.get()
        var settings = wav.settings
        settings.format = .ogg
        settings.stems = false
        let folder = temporaryFolder() + "/ogg"
        _ = try Renderer.render(song: wav.song, to: folder, settings: settings, version: "cowrite test")
        return (wav, folder + "/mix.ogg")
    }

    /// An Ogg Vorbis render carries the same tempo, meter and markers (read back by ffprobe
    /// as tags and chapters), keeps libsndfile's title, and still decodes cleanly (ffmpeg)
    /// to the WAV render's length.
    @Test func oggFilesCarryTempoMeterAndSectionMarkers() throws {
        let (wav, mix) = try Self.oggMix()
        defer { try? FileManager.default.removeItem(atPath: ((mix as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        let read = try Probe.of(mix)
        let markers = wav.performance.markers
        #expect(read.chapters.map { $0.tags?["title"] ?? "" } == wav.performance.playingNames)
        for (chapter, marker) in zip(read.chapters, markers) {
            #expect(abs((Double(chapter.start_time) ?? -1) - wav.performance.tempos.seconds(at: marker.tick)) < 0.001)
        }
        let tags = read.tags
        #expect(tags["BPM"] == "84")
        #expect(tags["METER"] == "4/4")
        #expect(tags["CUESHEET"]?.contains("TRACK \(String(format: "%02d", markers.count)) AUDIO") == true)
        #expect(tags["title"] == "Rain on Glass" || tags["TITLE"] == "Rain on Glass")
        let decoded = try OutsideTool.run("/usr/bin/ffmpeg", ["-v", "error", "-i", mix, "-f", "null", "-"], reading: .errors)
        #expect(decoded.status == 0 && decoded.text.isEmpty, "ffmpeg: \(decoded.text)")
        let seconds = try AudioFile.read(wav.folder + "/mix.wav").buffer.frames
        let oggFrames = try AudioFile.read(mix).buffer.frames
        #expect(oggFrames == seconds, "ogg \(oggFrames) frames, wav \(seconds)")
    }

    /// The same song rendered to Ogg twice is the same bytes (libsndfile draws the stream's
    /// serial number at random; the tags' rewrite sets one made from the comments), and
    /// every page's checksum holds (ffmpeg's CRC check).
    @Test func anOggRenderIsTheSameBytesEveryTime() throws {
        let (_, first) = try Self.oggMix()
        let (_, second) = try Self.oggMix()
        defer {
            for path in [first, second] { try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        }
        #expect(first != second)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        let decoded = try OutsideTool.run("/usr/bin/ffmpeg", ["-v", "error", "-err_detect", "crccheck", "-i", first, "-f", "null", "-"], reading: .errors)
        #expect(decoded.status == 0 && decoded.text.isEmpty, "ffmpeg: \(decoded.text)")
    }

    /// Comments too many for the header pages the file had: the headers take more pages,
    /// every audio page after them is renumbered with its checksum set again, and ffmpeg,
    /// checking every page's CRC, decodes the file with no message and reads the last tag.
    @Test func oggTagsThatNeedMorePagesRenumberTheAudioPages() throws {
        let (wav, path) = try Self.oggMix()
        defer { try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path)).count
        let many = (1...300).map { "NOTE\($0)=" + String(repeating: "x", count: 250) }   // about 77 kB: past one page's 65,025 bytes
        let file = open(path, O_RDWR), scratch = try Folder.open((path as NSString).deletingLastPathComponent, create: false)
            .makeScratchFile(Folder.temporaryName(".ogg"))
        #expect(file >= 0)
        #expect(OggTags.add(many, to: file, scratch: scratch) == 0)
        close(file)
        close(scratch)
        let after = try Data(contentsOf: URL(fileURLWithPath: path)).count
        #expect(after > before + 75_000)
        let decoded = try OutsideTool.run("/usr/bin/ffmpeg", ["-v", "error", "-err_detect", "crccheck", "-i", path, "-f", "null", "-"], reading: .errors)
        #expect(decoded.status == 0 && decoded.text.isEmpty, "ffmpeg: \(decoded.text)")
        #expect(try Probe.of(path).tags["NOTE300"]?.count == 250)
        #expect(try AudioFile.read(path).buffer.frames == (try AudioFile.read(wav.folder + "/mix.wav").buffer.frames))
    }

    /// A disk without room for the render's tapes and files: refused in one line before
    /// any synthesis, nothing left behind (a 16 MB tmpfs; the song needs about 0.26 GB).
    /// And a tape on a disk that fills as it is written says so, naming the render.
    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func aDiskWithoutRoomIsRefusedAndATapeThatFillsItSaysSo() throws {
        guard let disk = try SmallDisk.mount(size: "16m") else { return }
        defer { SmallDisk.unmount(disk) }
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.stems = true
        let started = Flag()
        do {
            _ = try Renderer.render(song: try fourPartSong(), to: disk + "/out", settings: settings, version: "t",
                                    progress: { if $0 > 0 { started.value = true } })
            Issue.record("rendered onto a full disk")
        } catch {
            #expect("\(error)" == "\(disk)/out: the render needs about 0.3 GB of free disk while it runs (its parts wait there as it masters them, then the files) and 0.0 GB is free — free some space, render one section, or give -o a folder on another disk")
        }
        #expect(!started.value)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk).isEmpty)

        let folder = try Folder.open(disk, create: false)
        let tape = try StemTape(in: folder, for: disk + "/out")
        // Noise, which the tape cannot hold in fewer bytes than its 24-bit steps (a steady
        // tone takes almost none).
        var state: UInt64 = 3
        func noise() -> [Float] {
            (0..<44100).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
            }
        }
        let left = noise(), right = noise()
        do {
            for _ in 0..<100 {   // 100 s of stereo noise: 26 MB on the tape, more than the disk holds
                try tape.append(left: left, right: right, count: left.count)
            }
            Issue.record("a tape wrote 26 MB onto a 16 MB disk")
        } catch {
            #expect("\(error)" == "\(disk)/out (the stems' scratch files): could not be written (the disk is full) — free some space and render again, or give -o a folder on another disk")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk).isEmpty)
    }

    /// Another program fills the disk while a render runs (as the parts go to tape, and as
    /// the files are written: progress 0.3 and 0.85): the render stops with one line that
    /// says the disk is full, leaves nothing of its own, and the render already in the
    /// folder stays byte for byte as it was.
    @Test("a disk filled by another program during a render costs nothing",
          .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"), arguments: [0.3, 0.85])
    func aDiskFilledDuringARenderCostsNothing(at fraction: Double) throws {
        guard let disk = try SmallDisk.mount(size: "512m") else { return }
        defer { SmallDisk.unmount(disk) }
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.stems = true
        let song = try fourPartSong()
        let out = disk + "/out"
        _ = try Renderer.render(song: song, to: out, settings: settings, version: "t")
        let before = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
        let mix = try Data(contentsOf: URL(fileURLWithPath: out + "/mix.wav"))

        // The other program: one file written a megabyte at a time until the disk refuses.
        let filled = Flag()
        let filler = disk + "/other-program.bin"
        @Sendable func fill() {
            guard let handle = fopen(filler, "w") else { return }
            let megabyte = [UInt8](repeating: 7, count: 1 << 20)
            while fwrite(megabyte, 1, megabyte.count, handle) == megabyte.count && fflush(handle) == 0 {}
            fclose(handle)
            filled.value = true
        }
        do {
            _ = try Renderer.render(song: song, to: out, settings: settings, version: "t", force: true,
                                    progress: { if $0 >= fraction && !filled.value { fill() } })
            Issue.record("rendered onto a disk that was filled at \(fraction)")
        } catch {
            // While the parts go to tape, the tapes say so, unless what is left of them is
            // held in memory (`TapeMemory`: this short song's encoded chunks all fit); while
            // the files are written, the first file whose buffer meets the full disk is
            // named, as the writer knows it.
            let files = before.filter { $0.hasSuffix(".wav") }.map { out + "/" + $0 }
            let named = fraction < 0.8 ? [out + " (the stems' scratch files)"] + files : files
            let fix = ": could not be written (the disk is full) — free some space and render again, or give -o a folder on another disk"
            #expect(named.contains { "\(error)" == $0 + fix }, "\(error)")
        }
        #expect(filled.value)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk).sorted() == ["other-program.bin", "out"])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: out).sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/mix.wav")) == mix)
    }

    /// Ctrl-C during a streamed render (while the stems go to tape, once mastering has its
    /// plan, while the files are written: progress 0.3, 0.8, 0.9) leaves nothing behind.
    @Test("a render cancelled midway leaves nothing behind", arguments: [0.3, 0.8, 0.9])
    func aRenderCancelledMidwayLeavesNothingBehind(at fraction: Double) throws {
        let parent = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.stems = true
        let reached = Flag()
        #expect(throws: RenderError.cancelled) {
            try Renderer.render(song: try fourPartSong(), to: parent + "/out", settings: settings, version: "t",
                                isCancelled: { reached.value }, progress: { if $0 >= fraction { reached.value = true } })
        }
        #expect(reached.value)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).isEmpty)
    }
}

/// A tmpfs of a given size at a new temporary folder: a real disk that can be filled.
enum SmallDisk {
    /// The folder, or nil (with the failure recorded) when the mount fails.
    static func mount(size: String) throws -> String? {
        let disk = temporaryFolder()
        guard try OutsideTool.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", disk]).status == 0 else {
            Issue.record("cannot mount a tmpfs at \(disk)")
            return nil
        }
        return disk
    }

    static func unmount(_ disk: String) { _ = try? OutsideTool.run("/bin/umount", ["-l", disk]) }
}

/// A flag set from one thread and read from others.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    var value: Bool {
        get { lock.lock(); defer { lock.unlock() }; return set }
        set { lock.lock(); set = newValue; lock.unlock() }
    }
}
