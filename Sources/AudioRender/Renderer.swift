import Foundation
import MusicTheory
import SongModel
import CFluidSynth

/// Settings for one render.
public struct RenderSettings: Sendable, Hashable {
    public var soundFont: String
    public var sampleRate: Int = 44100
    public var format: AudioFormat = .wav
    public var target = MasteringTarget()
    public var stems = true
    /// How stems are named: after the song and the part (`rain-on-glass_drums.wav`, so a
    /// DAW's tracks say what they are), or plain (`drums.wav`).
    public var stemNames: StemNames = .song
    /// Seconds of ring-out after the last bar, at least.
    public var tail: Double = 2.5
    /// Seconds the ring-out may go on past `tail` while a part still sounds: each part is
    /// synthesized until it falls under `StemRenderer.silence` (a crash on the last
    /// downbeat rings about four seconds), and the render ends with the last to fall
    /// silent, or at `tail + ringOut`. Playing a section at the prompt takes none, as
    /// waiting for it to ring costs the listening time.
    public var ringOut: Double = 6

    public enum StemNames: String, CaseIterable, Sendable, Hashable { case song, plain }

    public init(soundFont: String) { self.soundFont = soundFont }
}

/// What a render wrote.
public struct RenderResult: Sendable {
    public var folder: String
    public var files: [String]
    /// Files an earlier render wrote into the folder that this one does not make, removed
    /// (the stems of a `--stems` render, rendered again without them).
    public var removed: [String] = []
    /// Files that were here and not Cowrite's (or changed since it wrote them), replaced as
    /// `force` allowed.
    public var replaced: [String] = []
    /// Files an earlier render made here that this one does not, kept because they changed
    /// since Cowrite wrote them (an edited stem beside a new mix).
    public var keptChanged: [String] = []
    /// What an earlier render here was of, when this one replaced it and was of something
    /// else ("the whole song" under a section's render).
    public var replacedRender: String?
    public var seconds: Double
    public var loudness: LoudnessReport
    public var report: ProvenanceReport
    /// How far the melody was lifted to sit over the chords and pad, dB (`Balance`).
    public var melodyLift = 0.0
    /// How far the melody was lifted in each section of the form, by name ("verse 2" for a
    /// second playing), dB (`Balance`).
    public var melodyLifts: [(section: String, decibels: Double)] = []
    /// What the melody was lifted over: the parts of its accompaniment that play ("the
    /// chords, pad and bass", "the chords and bass"; `Balance.accompanimentName`).
    public var melodyBed = "the chords, pad and bass"
    /// How much of each section's melody lift came from its second look, over the chords,
    /// pad and bass together, after the bass was set (`Balance`), dB; empty where it added
    /// nothing.
    public var melodySecondLook: [(section: String, decibels: Double)] = []
    /// How much of each section's melody lift came from its third look, over the whole
    /// band with the drums as set (`Balance`), dB; empty where it added nothing.
    public var melodyBandLook: [(section: String, decibels: Double)] = []
    /// How far the pad was moved to sit under the chords, dB (`Balance`).
    public var padChange = 0.0
    /// How far the bass was turned down to sit under the melody, dB, 0 or negative (`Balance`).
    public var bassChange = 0.0
    /// How far the bass was brought up in each section of the form where it plays, dB
    /// (`Balance`; none in a song without energies).
    public var bassLifts: [(section: String, decibels: Double)] = []
    /// The most the drums were brought up to sit near the melody, dB, 0 or more, and how far
    /// in each section of the form (`Balance`).
    public var drumsChange = 0.0
    public var drumLifts: [(section: String, decibels: Double)] = []
    /// How far the chords and pad were brought up to sit nearer the melody, dB, in each
    /// section of the form where the chords play (`Balance.bedLifts`; none in a song without energies).
    public var chordLifts: [(section: String, decibels: Double)] = []
    /// Whether the bass and drums, where the melody rests, were kept against the chords as
    /// in the section beside (`Balance.restingLifts`), not given its lift as it was.
    public var restingByChords = false
    /// The sections brought up and by how much, dB, in form order (`FaderRide`), past what
    /// built them on an earlier playing (`built`).
    public var ridden: [(section: String, decibels: Double)] = []
    /// The playings brought up to sit over what they build on (the playing before with less
    /// energy, their section's last at no more), dB, in form order (`FaderRide.built`).
    public var built: [(section: String, over: String, decibels: Double)] = []
    /// The playing the drums opened up as the song's climax ("chorus 3"; `Performance.climax`).
    public var climax: String? = nil
    /// Whether the climax's tambourine kept to the backbeat (`Performance.climaxOnBackbeat`).
    public var climaxOnBackbeat = false
    /// The climax brought down to `FaderRide.climaxCeiling` over the rest, and by how much
    /// (dB, before mastering); nil when the ride left it (`FaderRide.overClimax`).
    public var climaxCut: (section: String, decibels: Double)? = nil
    /// The parts whose level the writer set (`mix PART gain=…`), which the balance left,
    /// with their gains, dB, in part order.
    public var held: [(part: String, decibels: Double)] = []
    /// Where a melody whose level the writer set sits against the rest of the band
    /// (`Balance.Levels.heldMelody`); nil when the balance set it.
    public var heldMelody: (median: Double, under: Int, bars: Int)?
    /// Where the bass and drums still sit further under the melody than the section's
    /// energy asks, dB, by part and playing (`Balance.Levels.shortOfEnergy`).
    public var shortOfEnergy: [String: [(section: String, decibels: Double)]] = [:]
    /// How loud each playing of the form came out in the mix, LUFS, in form order ("chorus 2"
    /// for a second playing); empty for a render of one playing (`MasteringPlan.sectionLoudness`).
    public var played: [(section: String, lufs: Double)] = []
    /// What the render's report says of the playings' levels (`Renderer.playedNotes`).
    public var playedNotes: [String] = []
}

/// Renders a song to a folder: mix, stems, MIDI, ChordPro and provenance notes.
///
/// Everything is written into a staging folder inside the target and renamed into place
/// at the end (`RenderFolder`), so a cancelled or failed render leaves no partial files,
/// an earlier render stays whole until the new one is complete, and nothing Cowrite did
/// not write is ever replaced or deleted.
public enum Renderer {
    /// Sets the C allocator up for a long session with renders in it: blocks of 1 MB and
    /// more (a stem buffer, a SoundFont's samples) always get their own mapping, which
    /// goes back to the system the moment it is freed. glibc otherwise raises that
    /// threshold after the first large free, and later stem buffers come from the heap,
    /// where freed space stays resident: a REPL left open all afternoon would keep the
    /// high-water mark of every render.
    public static func configureAllocator() {
        mallopt(M_MMAP_THRESHOLD, 1 << 20)
        mallopt(M_TRIM_THRESHOLD, 4 << 20)
    }

    /// The file names a render writes, in the order it lists them.
    public static func fileNames(for performance: Performance, settings: RenderSettings, title: String) -> [String] {
        let ext = settings.format.rawValue
        let prefix = settings.stemNames == .song ? stemPrefix(title) + "_" : ""
        let parts = performance.tracks.map { "stems/\(prefix)\($0.name).\(ext)" }
        let reverb = ReverbBus.isUsed(performance) ? ["stems/\(prefix)\(ReverbBus.stemName).\(ext)"] : []
        return ["mix.\(ext)"] + (settings.stems ? parts + reverb : [])
            + ["song.mid", "song.chordpro", "song.musicxml", "provenance.md", "provenance.json"]
    }

    /// The song's name as a stem's prefix: its slug with accents folded and other letters
    /// left out, as file names a render writes are plain ASCII ("Café ☕ / 夜" → "cafe").
    static func stemPrefix(_ title: String) -> String {
        let folded = Song.slug(title).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var prefix = String(folded.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }.map(Character.init))
        while prefix.contains("--") { prefix = prefix.replacingOccurrences(of: "--", with: "-") }
        while prefix.hasPrefix("-") { prefix.removeFirst() }
        while prefix.hasSuffix("-") { prefix.removeLast() }
        return prefix.isEmpty ? "song" : String(prefix.prefix(64))
    }

    /// Refuses a song longer than `Limits.songMinutes` before anything is allocated for it.
    public static func checkLength(of song: Song, section: String?) throws(RenderError) {
        let minutes = song.playingSeconds(section: section) / 60
        guard minutes <= Double(Limits.songMinutes) else { throw .tooLong(minutes: minutes, limit: Limits.songMinutes) }
    }

    public static func render(song: Song, section: String? = nil, to folder: String, settings: RenderSettings,
                              version: String, force: Bool = false, isCancelled: @escaping @Sendable () -> Bool = { false },
                              progress: @escaping @Sendable (Double) -> Void = { _ in }) throws(RenderError) -> RenderResult {
        // A render allocates hundreds of MB (the SoundFont, a buffer per stem) on worker
        // threads, whose malloc arenas keep freed memory; hand it back afterwards, or a
        // long REPL session holds on to the high-water mark of every render. On a thread of
        // its own: walking the arenas took 10 ms, which the writer, or a one-shot render
        // about to exit, need not wait for.
        defer { DispatchQueue.global(qos: .utility).async { malloc_trim(0) } }
        try checkLength(of: song, section: section)
        let performance = try Performance(song: song, section: section)
        let soundFont = try SoundFontInfo.read(settings.soundFont)
        let names = fileNames(for: performance, settings: settings, title: song.title)
        let extent = section.map { "section \($0)" } ?? "the whole song"
        var target = try RenderFolder.prepare(folder, writing: names, wholeFolder: true, force: force, song: song.title, songID: song.id, extent: extent)
        let staging = try target.stage()
        do {
            StemTape.awaitClosing()
            let needed = diskNeeded(performance, settings: settings)
            if let free = staging.freeBytes, free < needed { throw RenderError.notEnoughSpace(path: folder, needed: needed, free: free) }
            let result = try renderFiles(song: song, performance: performance, names: names, into: staging, final: folder,
                                         settings: settings, soundFont: soundFont, version: version,
                                         isCancelled: isCancelled, progress: progress)
            if isCancelled() { throw RenderError.cancelled }
            var committed = result
            let overwrites = result.files.contains { target.owned[$0] != nil }
            committed.removed = try target.commit(staging, names: result.files, replacesAll: true)
            committed.replaced = target.replaced
            committed.keptChanged = target.keptChanged
            // A render of another extent replaced here (a section's over the whole song's
            // mix) is named: the files are Cowrite's, but the writer may not have meant to.
            if let earlier = target.earlierExtent, earlier != extent, overwrites {
                committed.replacedRender = earlier
            }
            return committed
        } catch let error as RenderError {
            target.abandon(staging)
            throw error.naming(staging.path, as: folder)
        } catch {
            target.abandon(staging)
            throw .write(path: folder, reason: "\(error)")
        }
    }

    /// The one-line credit every audio file carries in its comment: each writer and each
    /// generator once, without seeds (those are in provenance.md). It had run to 600
    /// characters of "harmony 2.21 (seed 1000006)", one a part.
    static func creditLine(_ credits: ProvenanceReport) -> String {
        "Cowrite render; written by " + ProvenanceReport.grouped(credits.contributors).map(\.name).joined(separator: ", ")
    }

    /// The disk a render takes at its fullest: a tape per part and one for the reverb's
    /// return (whole chunks at the most a chunk takes, `StemTape.chunkCapacity`: what noise
    /// takes; music takes less) and the mix and stems (24-bit stereo; FLAC counted as if it
    /// did not compress, Ogg at a sixth).
    /// Checked before any synthesis, so a render that cannot fit says so at once rather
    /// than after minutes of work.
    static func diskNeeded(_ performance: Performance, settings: RenderSettings) -> Int {
        let frames = StemRenderer.totalFrames(performance, sampleRate: settings.sampleRate, tail: settings.tail + settings.ringOut)
        let tapes = performance.tracks.count + (ReverbBus.isUsed(performance) ? 1 : 0)
        let files = 1 + (settings.stems ? tapes : 0)
        let bytesPerFrame = settings.format == .ogg ? 1 : 6
        let chunks = frames / StemTape.chunkFrames + 1
        return tapes * chunks * StemTape.chunkCapacity + files * frames * bytesPerFrame
    }

    /// Writes the files `names` (as `fileNames` lists them) into the staging folder.
    ///
    /// In a constant amount of memory, however long the song: each track is synthesized
    /// onto a tape (a scratch file with no name, `StemTape`) and measured for the balance
    /// as it goes (`StemMeasure`: its bar levels and, for the parts ridden by energy, its
    /// section loudness; only sums the balance makes are read off the tapes), and mastering passes over
    /// them a block at a time (its first look sending the parts, as balanced, to the reverb
    /// and recording the return on a tape of its own, `ReverbBus`) until its gain and
    /// ceiling meet the target, each limiting pass
    /// writing the mix and the stems block by block as it goes, one encoder per file, all
    /// five at once; the pass that meets the target leaves the files, and the mix's `bext`
    /// chunk gets the loudness it measured.
    static func renderFiles(song: Song, performance: Performance, names files: [String], into folder: Folder, final: String, settings: RenderSettings,
                            soundFont: SoundFontInfo, version: String, isCancelled: @escaping @Sendable () -> Bool,
                            progress: @escaping @Sendable (Double) -> Void) throws -> RenderResult {
        let rate = settings.sampleRate
        let tracks = performance.tracks
        // The song's MIDI file, chord chart and score need no audio: written on a thread of
        // their own while the parts are synthesized (each file's fsync had kept the render's
        // end waiting 30 ms).
        let sheets = Handover(depth: 1)
        defer { sheets.drain() }
        try sheets.hand { () throws(RenderError) in
            try folder.writeNewFile("song.mid", MIDIFile.data(for: performance, title: song.title))
            try folder.writeNewFile("song.chordpro", Data(ChordPro.text(for: song).utf8))
            try folder.writeNewFile("song.musicxml", Data(MusicXML.text(for: song).utf8))
        }
        var tapes: [StemTape] = []
        let tapeMemory = TapeMemory(bytes: TapeMemory.renderBytes)
        for _ in tracks { tapes.append(try StemTape(in: folder, for: final, memory: tapeMemory)) }
        // Each part measured for the balance as it goes to tape, so the balance reads no tape.
        let measures = Balance.measuring(tapes, of: performance, sampleRate: rate,
                                         frames: StemRenderer.totalFrames(performance, sampleRate: rate, tail: settings.tail))
        try record(performance, into: measures, settings: settings, isCancelled: isCancelled, progress: progress)
        if isCancelled() { throw RenderError.cancelled }
        let frames = tapes.map(\.frames).max() ?? 0
        let lifts = try Balance.lifts(tapes, of: performance, sampleRate: rate, measured: measures.map { $0.finish(frames: frames) },
                                      isCancelled: isCancelled)
        if isCancelled() { throw RenderError.cancelled }
        let sections = FaderRide.sections(of: performance, sampleRate: rate, frames: frames)
        // The band's reverb, its return made by mastering's first look onto a tape of its own.
        let bus = ReverbBus.isUsed(performance)
            ? ReverbBus(sends: ReverbBus.sends(performance), sampleRate: rate, tape: try StemTape(in: folder, for: final, memory: tapeMemory)) : nil
        let stems: [any StemReader] = tapes + (bus.map { [$0.tape] } ?? [])
        let credits = ProvenanceReport(song: song, performance: performance, render: nil)
        let comment = creditLine(credits)
        let artist = song.authors.joined(separator: ", ")
        // The mix, then a stem per track, named in the order `fileNames` lists them.
        let titles = [song.title] + (settings.stems ? stems.indices.map { "\(song.title) — \($0 < tracks.count ? tracks[$0].name : ReverbBus.stemName)" } : [])
        let daw = sessionFacts(song: song, performance: performance, sampleRate: rate)
        var writers: [AudioFile.Writer] = []
        // New files for a pass that writes them: a pass that does not meet the target leaves
        // files the next pass writes again from the start.
        func startFiles() throws(RenderError) {
            let restarting = !writers.isEmpty
            writers = []
            for (name, title) in zip(files, titles) {
                var session = daw
                session.description = title
                guard let (place, last) = folder.place(of: name) else { throw RenderError.io(path: name, code: ENOENT) }
                if restarting { place.remove(last) }
                writers.append(try AudioFile.Writer(into: place, as: last, format: settings.format, sampleRate: rate,
                                                    metadata: AudioMetadata(title: title, artist: artist, software: version, comment: comment, session: session)))
            }
        }
        var reported = 0.7
        func write(_ block: MasteredBlock) throws(RenderError) {
            // Each file's encoder on its own: the block's five encodings share the cores.
            let buffers = [block.mix] + (settings.stems ? block.stems : [])
            let written = ConcurrentResults<Void>(count: buffers.count)
            let work = writers
            DispatchQueue.concurrentPerform(iterations: buffers.count) { index in
                do {
                    try work[index].write(buffers[index])
                    written.set(index, .success(()))
                } catch let error as RenderError {
                    written.set(index, .failure(error))
                } catch {
                    written.set(index, .failure(.write(path: files[index], reason: "\(error)")))
                }
            }
            _ = try written.values()
            reported = max(reported, 0.7 + 0.25 * Double(block.frames.upperBound) / Double(max(frames, 1)))
            progress(reported)
        }
        // Each measuring pass writes the files as it goes, so the pass that meets the target
        // has written them: no pass is made only to write (on a sketch, a third of the
        // mastering's time).
        let plan = try Mastering.plan(stems: tapes, lifts: lifts.gains, sections: sections, climax: performance.climax, buildsOn: performance.buildsOn,
                                      heldTo: performance.heldTo,
                                      playings: FaderRide.markerSections(of: performance, sampleRate: rate, frames: frames), sampleRate: rate,
                                      target: settings.target, reverb: bus,
                                      isCancelled: isCancelled, restart: startFiles, keep: write)
        if plan.ceiling == nil {
            // Silence: no measuring pass was made; the stems as they are.
            try startFiles()
            try Mastering.apply(plan, stems: stems, lifts: lifts.gains, sampleRate: rate, isCancelled: isCancelled, deliver: write)
        }
        try writers.first?.record(loudness: plan.after)
        for writer in writers { try writer.close() }
        tapes = []
        try sheets.finish()
        let seconds = Double(frames) / Double(rate)
        let ridden = Self.ridden(plan.ride, performance), built = Self.built(plan.ride, performance)
        let melodyLifts = Self.named(lifts.melodyBySection, performance, playing: .melody)
        let drumLifts = Self.named(lifts.drumsBySection, performance, playing: .drums)
        let chordLifts = Self.named(lifts.bedBySection, performance, playing: .chords)
        let climax = performance.climax.map { Self.named(performance.energies, performance)[$0].section }
        let climaxCut = Self.climaxCut(plan.ride, performance)
        let held = PartKind.allCases.filter { part in performance.tracks.contains { $0.part == part && $0.levelSetByWriter && !$0.notes.isEmpty } }
            .map { (part: $0.rawValue, decibels: song.settings(for: $0).gain) }
        let bassLifts = Self.named(lifts.bassBySection, performance, playing: .bass)
        var short: [String: [(section: String, decibels: Double)]] = [:]
        for (part, figures) in lifts.shortOfEnergy where figures.contains(where: { $0 > 0 }) {
            short[part.rawValue] = Self.named(figures, performance, playing: part)
        }
        let facts = ProvenanceReport.RenderFacts(
            software: version, synthesizer: "FluidSynth \(FluidSynth.libraryVersion)"
                + (ReverbBus.isUsed(performance) ? ", the parts dry into one reverb (Freeverb) on a send bus" : "")
                + (performance.tracks.contains { $0.part == .melody && !$0.notes.isEmpty }
                    ? ", the melody through a fast compressor on its attacks (held within 6 dB of its settled level, at most 9 dB cut)" : ""),
            soundFont: soundFont, sampleRate: rate,
            format: settings.format == .ogg ? "Ogg Vorbis" : "\(settings.format.rawValue.uppercased()) 24-bit", durationSeconds: seconds,
            targetLUFS: settings.target.lufs, truePeakCeiling: settings.target.truePeak,
            integratedLUFS: plan.after.integrated, truePeakDBTP: plan.after.truePeak,
            loudnessRangeLU: plan.after.range, gainDB: plan.gain, limitingDB: plan.limiting, files: files,
            balance: balanceNotes(melody: melodyLifts, over: Balance.accompanimentName(performance), pad: lifts.pad, bass: lifts.bass, bassLifts: bassLifts,
                                  drums: drumLifts, chords: chordLifts, restingByChords: lifts.restingByChords, ridden: ridden, built: built,
                                  climax: climax, climaxOnBackbeat: performance.climaxOnBackbeat,
                                  climaxDoubles: performance.climaxDoubles, climaxCut: climaxCut?.decibels, held: held, heldMelody: lifts.heldMelody,
                                  short: short))
        let report = ProvenanceReport(song: song, performance: performance, render: facts)
        try folder.writeNewFile("provenance.json", try report.json())
        try folder.writeNewFile("provenance.md", Data(report.markdown().utf8))
        progress(1)
        var result = RenderResult(folder: final, files: files, seconds: seconds, loudness: plan.after, report: report,
                            melodyLift: lifts.melody, melodyLifts: melodyLifts,
                            melodyBed: Balance.accompanimentName(performance),
                            melodySecondLook: Self.named(lifts.secondLookBySection, performance, playing: .melody),
                            melodyBandLook: Self.named(lifts.bandLookBySection, performance, playing: .melody), padChange: lifts.pad, bassChange: lifts.bass, bassLifts: bassLifts, drumsChange: lifts.drums, drumLifts: drumLifts, chordLifts: chordLifts, restingByChords: lifts.restingByChords, ridden: ridden, built: built,
                            // Named as opened up only where its tambourine added notes.
                            climax: performance.climaxDoubles == nil ? nil : climax, held: held)
        result.climaxOnBackbeat = performance.climaxOnBackbeat
        result.climaxCut = climaxCut
        result.heldMelody = lifts.heldMelody
        result.shortOfEnergy = short
        result.played = plan.sectionLoudness.count == performance.markers.count
            ? zip(performance.playingNames, plan.sectionLoudness).map { ($0, $1) } : []
        result.playedNotes = Self.playedNotes(result.played, song: song, form: performance.markers.map(\.name),
                                              shaped: !performance.energies.isEmpty)
        return result
    }
}

extension Renderer {
    /// A melody the writer set this far over the rest of the band, LU at the bar median, or
    /// less, is said to sit under or barely over it (a lead needs about 3 to be heard).
    public static let heldMelodyWarning = 3.0

    /// The balance a render set, one line each, as the render's report and its provenance
    /// say it ("the melody lifted 6.2 dB …"); with `hints`, each level the writer can set
    /// says how (at the prompt, not in the provenance file).
    public static func balanceNotes(melody: [(section: String, decibels: Double)], over bed: String, pad: Double, bass: Double = 0,
                                    bassLifts: [(section: String, decibels: Double)] = [],
                                    drums: [(section: String, decibels: Double)] = [], chords: [(section: String, decibels: Double)] = [],
                                    restingByChords: Bool = false, ridden: [(section: String, decibels: Double)],
                                    built: [(section: String, over: String, decibels: Double)] = [],
                                    climax: String? = nil, climaxOnBackbeat: Bool = false, climaxDoubles: String? = "the hi-hat's and ride's notes",
                                    climaxCut: Double? = nil,
                                    held: [(part: String, decibels: Double)] = [],
                                    heldMelody: (median: Double, under: Int, bars: Int)? = nil,
                                    short: [String: [(section: String, decibels: Double)]] = [:], hints: Bool = false) -> [String] {
        var notes: [String] = []
        // What the writer set comes first, and is said back: a level held is a level the
        // balance did not move, which the figures below would otherwise leave unsaid.
        if !held.isEmpty {
            let list = held.map { String(format: "the %@ at %+.1f dB", $0.part, $0.decibels) }
            notes.append("held where you set " + (held.count == 1 ? "it: " : "them: ") + list.joined(separator: ", ")
                         + (hints ? " (`mix \(held[0].part) gain=auto` hands \(held.count == 1 ? "it" : "one") back to the balance)" : ""))
            // A melody held under the band, or barely over it, is said to be (it was lifted
            // 18–21 dB before a newcomer's `gain=-3`, and then sat under the band in every bar).
            if let place = heldMelody, place.median < heldMelodyWarning {
                let how = place.median < 0 ? String(format: "%.1f LU under", -place.median) : String(format: "only %.1f LU over", place.median)
                notes.append("the melody, at the level you set, sits \(how) the other parts at the bar median before mastering (under them in "
                             + "\(place.under) of the \(place.bars) bars where it plays), where the balance keeps it about 4 over"
                             + (hints ? " — `mix melody gain=auto` lets the render lift it" : ""))
            }
        }
        let hint = { (part: String) in hints ? " (`mix \(part) gain=…` sets it yourself)" : "" }
        // One figure when every section took the same, else each section's.
        func raised(_ figures: [(section: String, decibels: Double)], _ what: String, _ why: String) -> String? {
            let raised = figures.filter { $0.decibels > 0.05 }
            if Set(figures.map(\.decibels)).count == 1, let gain = raised.first?.decibels {
                return String(format: "the %@ %.1f dB %@", what, gain, why)
            }
            guard !raised.isEmpty else { return nil }
            // At the prompt a long form's list is a range, the sections in provenance.md.
            if hints && raised.count > 4, let low = raised.map(\.decibels).min(), let high = raised.map(\.decibels).max() {
                let some = raised.count < figures.count ? " in \(raised.count) of \(figures.count) sections" : " section by section"
                return String(format: "the %@ %.1f–%.1f dB%@ %@ (each in provenance.md)", what, low, high, some, why)
            }
            return "the \(what) \(why) (\(list(raised)))"
        }
        func list(_ figures: [(section: String, decibels: Double)]) -> String {
            figures.map { String(format: "%@ +%.1f dB", $0.section, $0.decibels) }.joined(separator: ", ")
        }
        // A part brought nearer the melody: where the melody plays, by the section's own
        // measure; where it rests (an intro, an outro) the balance has no melody to measure
        // against, and the part keeps the lift of the section beside it (`Balance.filled`),
        // which the note says rather than "to sit nearer the melody".
        let sung = Set(melody.map(\.section))
        func nearer(_ figures: [(section: String, decibels: Double)], _ part: String,
                    _ why: String = "to sit nearer the melody, as each section's energy asks", hintFor: String? = nil,
                    beside: String = "as the section beside it", then: String = "") -> String? {
            // A song with no melody at all has nothing to say it rests against.
            let measured = figures.filter { sung.contains($0.section) }
            let resting = measured.isEmpty ? [] : figures.filter { !sung.contains($0.section) && $0.decibels > 0.05 }
            guard let line = raised(measured.isEmpty ? figures : measured, part + " brought up", why) else { return nil }
            let kept = hints && resting.count > 2 ? "\(resting.count) sections" : list(resting)
            return line + (resting.isEmpty ? "" : "; where the melody rests, \(beside) (\(kept))") + shortfall(part) + then + hint(hintFor ?? part)
        }
        // The bass taken down where it would sit nearer its tune than a bigger section's
        // does (`Balance.bassFollowingEnergy`).
        let followed = bassLifts.filter { $0.decibels < -0.05 }
        // Where the part still sits further under than the energy asks, by 2 dB or more:
        // said, so "as each section's energy asks" is not read as reached.
        func shortfall(_ part: String) -> String {
            let far = (short[part] ?? []).filter { $0.decibels >= Balance.shortfallSaid }
            guard let low = far.map(\.decibels).min(), let high = far.map(\.decibels).max() else { return "" }
            let amount = abs(high - low) < 0.05 ? String(format: "%.1f dB", low) : String(format: "%.1f–%.1f dB", low, high)
            let places = hints && far.count > 3 ? "\(far.count) sections" : far.map(\.section).joined(separator: ", ")
            // A bass taken down to follow the song's energy is short of its own by design.
            let kept = part == "bass" && far.contains { place in followed.contains { $0.section == place.section } }
            return "; still \(amount) further under the melody than the energy asks before mastering (\(places)): the balance stops where the melody would lose its place over the band"
                + (kept ? ", at its limit, or where a bigger section's bass sits further under its own" : ", or at its limit")
        }
        if let line = raised(melody, "melody lifted", "to sit over \(bed)") { notes.append(line + hint("melody")) }
        if pad != 0 {
            // At the most it moves, the pad has not reached its place: the note says it came nearer.
            let capped = abs(pad) >= Balance.padMaximumChange - 0.05
            notes.append(String(format: "the pad %@ %.1f dB %@ %.0f dB under the chords", pad > 0 ? "brought up" : "turned down", abs(pad),
                                capped ? "(as far as the balance moves it) to come nearer" : "to sit", Balance.padUnderChords) + hint("pad"))
        }
        if bass < 0 {
            notes.append(String(format: "the bass turned down %.1f dB to sit at least %.0f dB under the melody", -bass, Balance.bassUnderMelody) + hint("bass"))
        }
        // Where the melody rests, the bass and drums kept where they sat against the chords
        // in the section beside (`Balance.restingLifts`): its lift at most.
        let against = restingByChords ? "as far under or over the chords as in the section beside it" : "as the section beside it"
        // Taken down to follow the song's energy: said in the same line as brought up, so
        // "up" and "down" do not read as two moves of one section.
        let takenDown = followed.isEmpty ? "" : "taken down where it would sit nearer the melody than in a bigger section ("
            + followed.map { String(format: "%@ %.1f dB", $0.section, $0.decibels) }.joined(separator: ", ") + "), so it follows the song's energy"
        if let line = nearer(bassLifts, "bass", beside: against, then: takenDown.isEmpty ? "" : "; " + takenDown) {
            notes.append(line)
        } else if !takenDown.isEmpty {
            notes.append("the bass " + takenDown + hint("bass"))
        }
        let drumsAgainst = restingByChords ? against + String(format: ", %.1f LU further back", Balance.restingDrumsBack) : against
        if let line = nearer(drums, "drums", beside: drumsAgainst) { notes.append(line) }
        // Toward the mark, not at it: the step stops at its limit, and where the melody would
        // lose its place over them (a check measured a chorus's chords 11.8 LU under the
        // melody, brought up the whole 9 dB, where the report had said "to sit within 10 LU").
        // The pad moves with the chords, where there is one (`over` names the parts that
        // play: a punk sketch's report had named a pad it does not have).
        if let line = nearer(chords, bed.contains("pad") ? "chords and pad" : "chords",
                             String(format: "toward %.0f LU under the melody (at most %.0f dB, as far as keeps the melody over them)",
                                    Balance.chordsMostUnderMelody, Balance.bedMaximumLift), hintFor: "chords") {
            notes.append(line)
        }
        let lowered = ridden.filter { $0.decibels < 0 }, raisedUp = ridden.filter { $0.decibels > 0 }
        if !lowered.isEmpty {
            let sections = lowered.map { String(format: "%@ %.1f dB", $0.section, $0.decibels) }.joined(separator: ", ")
            notes.append("brought down under the climax" + (climax.map { ", \($0)" } ?? "")
                         + String(format: " (%.1f LU under it before mastering), where the balance had left them near it or over it (%@)", FaderRide.climaxMargin, sections))
        }
        if let climax, let climaxCut {
            notes.append(String(format: "the climax, %@, brought down %.1f dB to sit %.1f LU over the loudest other section (before mastering): every way a section grows with its energy stacks up there",
                                climax, -climaxCut, FaderRide.climaxCeiling))
        }
        if !raisedUp.isEmpty {
            notes.append(String(format: "quieter sections ridden up (%@), to within about %.0f LU of the loudest", list(raisedUp), FaderRide.floor))
        }
        if !built.isEmpty {
            // Named with the playing each builds on: "chorus 2 +2.2 dB, over chorus".
            let over = built.map { String(format: "%@ +%.1f dB, over %@", $0.section, $0.decibels, $0.over) }
            notes.append(String(format: "sections built up to sit at least %.0f LU over what they build on (before mastering): %@",
                                FaderRide.buildRise, over.joined(separator: "; ")))
        }
        if let climax, let climaxDoubles {
            notes.append("the climax, \(climax), opened up: a tambourine " + (climaxOnBackbeat ? "on the backbeat (2 and 4)" : "on \(climaxDoubles)"))
        }
        return notes
    }

    /// The sections a ride moved (up, or down under the climax), by name in form order,
    /// with their gains (dB).
    static func ridden(_ ride: FaderRide?, _ performance: Performance) -> [(section: String, decibels: Double)] {
        guard let ride else { return [] }
        let rest = ride.builds.isEmpty ? ride.decibels : zip(ride.decibels, ride.builds).map { $0 - $1 }
        // The climax's own cut is no section brought down under it (`climaxCut`).
        return named(rest, performance).enumerated().filter { abs($0.element.decibels) > 0.05 && !($0.offset == performance.climax && $0.element.decibels < 0) }
            .map(\.element)
    }

    /// The climax's cut to `FaderRide.climaxCeiling` over the rest, by name (dB), or nil.
    static func climaxCut(_ ride: FaderRide?, _ performance: Performance) -> (section: String, decibels: Double)? {
        guard let ride, let climax = performance.climax, climax < ride.decibels.count else { return nil }
        let cut = ride.decibels[climax] - (ride.builds.isEmpty ? 0 : ride.builds[climax])
        return cut < -0.05 ? (Self.named(performance.energies, performance)[climax].section, cut) : nil
    }

    /// The playings a ride brought up to build on what came before (`FaderRide.built`), by
    /// name in form order, with what they build on and those gains (dB).
    static func built(_ ride: FaderRide?, _ performance: Performance) -> [(section: String, over: String, decibels: Double)] {
        guard let ride, !ride.builds.isEmpty else { return [] }
        let names = named(ride.builds, performance), earlier = performance.buildsOn
        return names.indices.compactMap { index in
            guard names[index].decibels > 0.05, index < earlier.count, !earlier[index].isEmpty else { return nil }
            return (names[index].section, earlier[index].map { names[$0].section }.joined(separator: " and "), names[index].decibels)
        }
    }

    /// A figure for each section of the form, by name in form order; a section that plays
    /// again is named with its playing: "verse 2". One figure for a song of one section.
    /// With `playing`, only the sections where that part has notes (a section where it rests
    /// carries its neighbour's gain, which changes nothing heard).
    static func named(_ decibels: [Double], _ performance: Performance, playing part: PartKind? = nil) -> [(section: String, decibels: Double)] {
        if decibels.count == 1 { return [(performance.markers.first?.name ?? "song", decibels[0])] }
        let track = part.flatMap { part in performance.tracks.firstIndex { $0.part == part } }
        let names = performance.playingNames
        return zip(performance.markers.indices, decibels).compactMap { index, gain in
            let name = names[index]
            // Only where the part plays, as the balance counts it (`Balance.plays`).
            if part != nil {
                guard let track, Balance.plays(track, in: index, of: performance) else { return nil }
            }
            return (name, gain)
        }
    }

    /// What a DAW reads from each file: the song's tempo and meter where it starts, its
    /// length in counted beats, a marker at each section's first sample, and as the
    /// origination time the song's last change (so the same song renders the same bytes).
    static func sessionFacts(song: Song, performance: Performance, sampleRate: Int) -> SessionFacts {
        let firstName = performance.markers.first?.name
        let first = firstName.flatMap { song.section(named: $0) }
        let meter = first.map { song.meter(of: $0) } ?? song.meter
        // Quarter notes a minute and the length in quarter notes, as a DAW's tempo and
        // song.mid's tempo events count them: a 6/8 song at a dotted quarter of 60 is 90.
        // (Counted beats had put 60 in the acid chunk of a file whose MIDI said 90.)
        let tempo = first.map { song.quarterTempo(of: $0) } ?? song.meter.quarterTempo(beatsPerMinute: song.tempo)
        let beats = performance.endTick / MusicalTime.ticksPerQuarter
        var dates: [Date] = []
        for section in song.sections {
            for (_, part) in section.parts {
                dates.append(part.provenance.acceptedAt)
                dates += part.provenance.edits.map(\.at)
            }
        }
        // Named by playing ("chorus 2"), as the render's reply names them: a DAW's marker
        // list that read "chorus, verse, chorus" left the writer counting.
        let markers = zip(performance.markers, performance.playingNames).map { marker, name in
            SessionFacts.Marker(name: name, frame: StemRenderer.frame(of: marker.tick, in: performance, sampleRate: sampleRate))
        }
        return SessionFacts(description: song.title, origination: dates.max() ?? Date(timeIntervalSince1970: 0), tempo: tempo,
                            meterBeats: meter.beats, meterUnit: meter.unit, beats: beats, markers: markers, loudness: nil)
    }

    /// Renders every track to a stem in memory (one synth each, concurrently), sends them to
    /// the reverb and masters them with its return (the last of the stems): for a section
    /// played at the prompt, where the whole mix is wanted in hand.
    /// With `keepingStems` false (playing), only the mix is kept: the mastered stems'
    /// samples are made, as the mix is their sum, but not gathered.
    public static func mixdown(_ performance: Performance, settings: RenderSettings, keepingStems: Bool = true,
                               isCancelled: @escaping @Sendable () -> Bool,
                               progress: @escaping @Sendable (Double) -> Void = { _ in }) throws(RenderError) -> MasteredAudio {
        let stems = try stems(performance, settings: settings, isCancelled: isCancelled, progress: progress)
        if isCancelled() { throw .cancelled }
        let lifts = try Balance.lifts(stems, of: performance, sampleRate: settings.sampleRate, isCancelled: isCancelled)
        if isCancelled() { throw .cancelled }
        let sections = FaderRide.sections(of: performance, sampleRate: settings.sampleRate, frames: stems.map(\.frames).max() ?? 0)
        var mastered = try Mastering.master(stems: stems, lifts: lifts.gains, sections: sections, climax: performance.climax,
                                            buildsOn: performance.buildsOn, heldTo: performance.heldTo, sampleRate: settings.sampleRate,
                                            target: settings.target, sends: ReverbBus.sends(performance), keepingStems: keepingStems,
                                            isCancelled: isCancelled)
        mastered.melodyLift = lifts.melody
        mastered.bassChange = lifts.bass
        mastered.bassLift = lifts.bassLift
        mastered.drumsChange = lifts.drums
        return mastered
    }

    /// The stems as synthesized, before mastering, in memory.
    public static func stems(_ performance: Performance, settings: RenderSettings,
                             isCancelled: @escaping @Sendable () -> Bool,
                             progress: @escaping @Sendable (Double) -> Void = { _ in }) throws(RenderError) -> [StereoBuffer] {
        let memories = performance.tracks.map { _ in StemMemory() }
        try record(performance, into: memories, settings: settings, isCancelled: isCancelled, progress: progress)
        return memories.map(\.buffer)
    }

    /// Synthesizes each track into its recorder, one synth each, concurrently.
    static func record(_ performance: Performance, into recorders: [any StemRecorder], settings: RenderSettings,
                       isCancelled: @escaping @Sendable () -> Bool,
                       progress: @escaping @Sendable (Double) -> Void) throws(RenderError) {
        let tracks = performance.tracks
        let results = ConcurrentResults<Void>(count: tracks.count)
        // Longest first: with four stems on two cores, starting the piano and the drums
        // together and the short parts after them finishes ~0.25 s sooner on a 3-minute
        // song than starting in track order.
        let order = tracks.indices.sorted { StemRenderer.cost(of: tracks[$0]) > StemRenderer.cost(of: tracks[$1]) }
        DispatchQueue.concurrentPerform(iterations: order.count) { position in
            let index = order[position]
            do {
                let recorder = recorders[index]
                try StemRenderer.render(tracks[index], of: performance, soundFont: settings.soundFont,
                                        sampleRate: settings.sampleRate, tail: settings.tail, ringOut: settings.ringOut, isCancelled: isCancelled) { (left, right, count) throws(RenderError) in
                    try recorder.append(left: left, right: right, count: count)
                }
                results.set(index, .success(()))
            } catch let error as RenderError {
                results.set(index, .failure(error))
            } catch {
                results.set(index, .failure(.synth("\(error)")))
            }
            progress(results.finishedFraction * 0.6)
        }
        _ = try results.values()
    }
}

/// Collects the results of concurrent jobs (stems, file encodings) in job order.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Value, RenderError>?]
    private var finished = 0

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, RenderError>) {
        lock.lock()
        results[index] = result
        finished += 1
        lock.unlock()
    }

    var finishedFraction: Double {
        lock.lock()
        defer { lock.unlock() }
        return results.isEmpty ? 1 : Double(finished) / Double(results.count)
    }

    func values() throws(RenderError) -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        var values: [Value] = []
        // A cancellation wins over other errors: it explains them.
        if results.contains(where: { if case .failure(.cancelled) = $0 { true } else { false } }) { throw .cancelled }
        for result in results {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let error): throw error
            case nil: throw .synth("a job did not finish")
            }
        }
        return values
    }
}


