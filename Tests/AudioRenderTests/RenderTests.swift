@testable import AudioRender
import Foundation
import MusicTheory
import OutsideTools
import SongModel
import Testing

@Suite("Rendering the example song")
struct RenderTests {
    var rendered: Rendered { get throws { try sharedRender.get() } }

    func read(_ name: String) throws -> StereoBuffer {
        try AudioFile.read(try rendered.folder + "/" + name).buffer
    }

    @Test func writesEveryFile() throws {
        let folder = try rendered.folder
        for name in ["mix.wav", "stems/rain-on-glass_chords.wav", "stems/rain-on-glass_melody.wav", "stems/rain-on-glass_bass.wav", "stems/rain-on-glass_drums.wav",
                     "song.mid", "song.chordpro", "song.musicxml", "provenance.md", "provenance.json"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name) missing")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + ".partial-\(getpid())"))
    }

    @Test func durationIsTheFormPlusATailOfAtMostThreeSeconds() throws {
        let (mix, rate, _) = try AudioFile.read(try rendered.folder + "/mix.wav")
        let form = 32.0 * 4 * 60 / 84  // 32 bars of 4/4 at 84 bpm
        let seconds = Double(mix.frames) / Double(rate)
        #expect(rate == 44100)
        #expect(seconds >= form)
        #expect(seconds - form <= 3.0)
        #expect(abs(seconds - form - 2.5) < 0.001)
    }

    @Test func noSampleClips() throws {
        for name in ["mix.wav", "stems/rain-on-glass_chords.wav", "stems/rain-on-glass_melody.wav", "stems/rain-on-glass_bass.wav", "stems/rain-on-glass_drums.wav"] {
            let buffer = try read(name)
            let peak = max(buffer.left.map(abs).max() ?? 0, buffer.right.map(abs).max() ?? 0)
            #expect(peak < 1.0, "\(name) peaks at \(peak)")
        }
    }

    @Test func loudnessAndTruePeakMeetTheTarget() throws {
        let mix = try read("mix.wav")
        // libebur128's figures, not the render's own meters.
        let integrated = try Loudness.libraryReport([(mix.left, mix.right)], sampleRate: 44100).integrated
        let truePeak = Loudness.decibels(max(try Loudness.libraryTruePeak(mix.left, sampleRate: 44100),
                                             try Loudness.libraryTruePeak(mix.right, sampleRate: 44100)))
        #expect(abs(integrated - (-14)) <= 0.5, "integrated \(integrated) LUFS")
        #expect(truePeak <= -1.0, "true peak \(truePeak) dBTP")
    }

    @Test func stemsSumToTheMix() throws {
        let mix = try read("mix.wav")
        var sum = StereoBuffer(frames: mix.frames)
        // The four parts, dry, and the reverb's return.
        for name in ["chords", "melody", "bass", "drums", "reverb"] {
            let stem = try read("stems/rain-on-glass_\(name).wav")
            #expect(stem.frames == mix.frames)
            for index in 0..<mix.frames {
                sum.left[index] += stem.left[index]
                sum.right[index] += stem.right[index]
            }
        }
        var worst: Float = 0
        for index in 0..<mix.frames {
            worst = max(worst, abs(sum.left[index] - mix.left[index]), abs(sum.right[index] - mix.right[index]))
        }
        #expect(Loudness.decibels(Double(worst)) < -60, "stems differ from the mix by up to \(worst)")
        // Each file is rounded to the nearest 24-bit step on its own (half a step each, six
        // files): at most two steps apart, and none apart on average (libsndfile's own
        // conversion truncated, and a mix sat 1.5 steps over its four stems' sum on average).
        let steps = worst * 8_388_608
        print(String(format: "stems sum to the mix within %.0f steps of 24-bit", steps))
        #expect(steps <= 2.01, "stems differ from the mix by \(steps) steps")
        var drift = 0.0
        for index in 0..<mix.frames { drift += Double(mix.left[index] - sum.left[index]) + Double(mix.right[index] - sum.right[index]) }
        drift = drift / Double(2 * mix.frames) * 8_388_608
        #expect(abs(drift) < 0.1, "the mix sits \(drift) steps off its stems' sum on average")
    }

    /// Seconds where a part is heard: from each note's start to its end plus the
    /// instrument's release and the reverb's ring (`ring` seconds).
    func sounding(_ part: PartKind, ring: Double) throws -> [ClosedRange<Double>] {
        let performance = try rendered.performance
        guard let track = performance.tracks.first(where: { $0.part == part }) else { return [] }
        return track.notes.map { performance.tempos.seconds(at: $0.start)...(performance.tempos.seconds(at: $0.end) + ring) }
    }

    @Test("a stem is silent where its part has no notes, and sounds where it has", arguments: [PartKind.melody, .bass, .drums])
    func silenceFollowsTheNotes(part: PartKind) throws {
        let stem = try read("stems/rain-on-glass_\(part.rawValue).wav")
        let rate = 44100.0
        let heard = try sounding(part, ring: 2.0)
        let notes = try sounding(part, ring: 0)
        // Every 50 ms window: outside the heard ranges the stem is below −90 dBFS.
        let window = Int(rate * 0.05)
        var loudestSilence: Float = 0
        var quietestNote: Float = 1
        for start in stride(from: 0, to: stem.frames - window, by: window) {
            let time = Double(start) / rate, end = Double(start + window) / rate
            var peak: Float = 0
            for index in start..<start + window { peak = max(peak, abs(stem.left[index]), abs(stem.right[index])) }
            if !heard.contains(where: { $0.overlaps(time...end) }) { loudestSilence = max(loudestSilence, peak) }
            if notes.contains(where: { $0.lowerBound <= time && end <= $0.upperBound }) { quietestNote = min(quietestNote, peak) }
        }
        #expect(Loudness.decibels(Double(loudestSilence)) < -90, "\(part) leaks \(Loudness.decibels(Double(loudestSilence))) dBFS")
        #expect(Loudness.decibels(Double(quietestNote)) > -50, "\(part) drops to \(Loudness.decibels(Double(quietestNote))) dBFS during a note")
    }

    @Test func twoRendersAreBitIdentical() throws {
        let first = try rendered.folder, second = try secondRender.get().folder
        for name in ["mix.wav", "stems/rain-on-glass_chords.wav", "stems/rain-on-glass_melody.wav", "stems/rain-on-glass_bass.wav", "stems/rain-on-glass_drums.wav",
                     "song.mid", "song.chordpro", "song.musicxml", "provenance.json"] {
            let a = FileManager.default.contents(atPath: first + "/" + name)
            let b = FileManager.default.contents(atPath: second + "/" + name)
            #expect(a != nil && a == b, "\(name) differs between two renders")
        }
    }

    /// The tool `help mixing`'s balance figures come from (`make balance-check`) reads a
    /// render: on the shared render it counts the bars where the melody sounds and finds
    /// the melody over the rest of the band at the bar median, by RMS and by loudness.
    @Test func theMelodyOverBandToolReadsARender() throws {
        let (status, text) = try OutsideTool.measure("melody_over_band.py", [try rendered.folder])
        #expect(status == 0, "\(text)")
        let figures = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        // bars, RMS median, RMS lower quartile, loudness median
        #expect(figures.count == 4, "\(text)")
        guard figures.count == 4 else { return }
        print("melody over the band, shared render: \(text)")
        #expect(figures[0] >= 4 && figures[1] >= 3 && figures[2] <= figures[1] && figures[3] >= 3, "\(text)")
    }

    /// A melody the writer turned down is left where they put it, and the render says where
    /// that is against the other parts before mastering: the example song's tune at -10 dB
    /// sits under them in every bar it plays, and the outside tool reads it under them in
    /// the mastered stems too. (Less far: the tool read -2.7 LU where the render said -4.5,
    /// as the limiter, 6.9 dB deep on a mix the drums lead, takes more from the drums' hits
    /// than from held notes: ffmpeg-style bar loudness put the drums 3 dB further down
    /// after mastering than the chords and melody.)
    @Test func aMelodyHeldUnderTheBandIsSaid() throws {
        var song = try fourPartSong()
        song.updateSettings(for: .melody) { $0.gain = -10; $0.held = true }
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.stems = true
        let folder = temporaryFolder() + "/out"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let result = try Renderer.render(song: song, to: folder, settings: settings, version: "cowrite test")
        let place = try #require(result.heldMelody)
        #expect(place.median < 0 && place.under == place.bars && place.bars > 0, "\(place)")
        let (status, text) = try OutsideTool.measure("melody_over_band.py", [folder])
        #expect(status == 0, "\(text)")
        let outside = try #require(text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.last)
        #expect(outside < 0 && outside - place.median < 2.5, "the render: \(place.median) LU, the tool: \(outside)")
        let notes = Renderer.balanceNotes(melody: result.melodyLifts, over: result.melodyBed, pad: result.padChange, ridden: result.ridden,
                                          held: result.held, heldMelody: result.heldMelody)
        #expect(notes.contains { $0.hasPrefix("the melody, at the level you set, sits ") && $0.contains(" LU under the other parts at the bar median before mastering") }, "\(notes)")
        // Balanced, the melody is measured by the balance, not here.
        #expect(try rendered.result.heldMelody == nil)
    }

    /// The provenance names the note its tempo counts and gives it in quarter notes, as
    /// song.mid's tempo event does (a composer read 135 in provenance.json against 202.5 in
    /// the MIDI file of a 12/8 song).
    @Test func theProvenancesTempoSaysWhichBeatItCounts() throws {
        for (meter, tempo, beat, quarters, line) in [
            ("12/8", 135, "dotted quarter", 202.5, "Key C, 135 bpm (the dotted quarter; 202.5 quarter notes a minute), 12/8."),
            ("7/8", 240, "eighth", 120, "Key C, 240 bpm (the eighth; 120 quarter notes a minute), 7/8."),
            ("4/4", 96, "quarter", 96, "Key C, 96 bpm, 4/4.")] {
            var song = Song(title: "Beat", key: try Key(parsing: "C"), tempo: tempo)
            song.meter = try Meter(parsing: meter)
            try song.addSection("verse", bars: 2)
            try song.writeChords("verse", bars: ChordChart.parse("| C | G |"), author: "Ana", at: Date(timeIntervalSince1970: 0))
            let performance = try Performance(song: song)
            let report = ProvenanceReport(song: song, performance: performance, render: nil)
            #expect(report.song.tempoBeat == beat && report.song.quarterNotesPerMinute == quarters, "\(meter)")
            #expect(report.markdown().contains(line), "\(meter)")
            // song.mid's first tempo event, in microseconds a quarter note.
            let file = try StandardMIDIFile.parse([UInt8](MIDIFile.data(for: performance, title: song.title)))
            let microseconds = try #require(file.tempos.first?.value)
            #expect(abs(60_000_000 / Double(microseconds) - quarters) < 0.01, "\(meter)")
            #expect(report.song.ownTime == nil)
        }
        // Sections in a meter or at a tempo of their own are named, in the song's order.
        var song = Song(title: "Cue", key: try Key(parsing: "E"), tempo: 132)
        song.meter = try Meter(parsing: "5/4")
        for name in ["walk", "chase", "finale"] { try song.addSection(name, bars: 2) }
        try song.setMeter(try Meter(parsing: "7/8"), of: "chase")
        try song.setSectionTempo(260, of: "chase")
        try song.setMeter(try Meter(parsing: "12/8"), of: "finale")
        try song.setSectionTempo(70, of: "finale")
        let report = ProvenanceReport(song: song, performance: nil, render: nil)
        #expect(report.song.ownTime?.map { [$0.section, $0.meter, "\($0.tempo)", $0.tempoBeat, "\($0.quarterNotesPerMinute)"] }
                == [["chase", "7/8", "260", "eighth", "130.0"], ["finale", "12/8", "70", "dotted quarter", "105.0"]])
        #expect(report.markdown().contains("In their own time: chase 7/8 at 260 bpm (the eighth; 130 quarter notes a minute); "
                                           + "finale 12/8 at 70 bpm (the dotted quarter; 105 quarter notes a minute)."))
    }

    @Test func filesCarryTheSongInTheirMetadata() throws {
        let (_, _, metadata) = try AudioFile.read(try rendered.folder + "/stems/rain-on-glass_bass.wav")
        #expect(metadata.title == "Rain on Glass — bass")
        #expect(metadata.artist == "Cowrite examples")
        #expect(metadata.software.hasPrefix("cowrite test"))
        #expect(metadata.comment == "Cowrite render; written by Cowrite examples, Test")
        // A generator that wrote several parts with several seeds is named once.
        var song = try fourPartSong()
        for (section, seed) in [("verse", UInt64(11)), ("chorus", 12)] {
            try song.accept(.chords(changes: [ChordChange(start: 0, chord: try ChordChart.symbol("C"))], comping: nil), as: .chords,
                            from: .generator("harmony", version: "9.9", seed: seed, parameters: [:]), into: section, at: Date(timeIntervalSince1970: 0))
        }
        let line = Renderer.creditLine(ProvenanceReport(song: song, performance: try Performance(song: song), render: nil))
        #expect(line.components(separatedBy: "harmony 9.9").count == 2 && !line.contains("seed"), "\(line)")
    }

    /// What a DAW reads, read back by libsndfile's own `sndfile-info` and by ffprobe (two
    /// readers Cowrite did not write): a Broadcast Wave bext chunk, an acid chunk with the
    /// tempo and meter, an iXML chunk, and a cue marker named for each section at the
    /// sample the section starts on.
    @Test func wavFilesCarryBroadcastInfoTempoAndSectionMarkers() throws {
        let rendered = try rendered
        let mix = rendered.folder + "/mix.wav"
        let info = try OutsideTool.run("/usr/bin/sndfile-info", [mix]).text
        #expect(info.contains("bext : "), "sndfile-info (sndfile-programs, `make deps`): \(info.prefix(400))")
        #expect(info.contains("  Tempo     : \(String(format: "%.6f", Double(rendered.song.tempo)))"))
        #expect(info.contains("  Meter     : 4/4"))
        #expect(info.contains("iXML : "))
        let markers = rendered.performance.markers
        let frames = markers.map { Int((rendered.performance.tempos.seconds(at: $0.tick) * 44100).rounded()) }
        #expect(info.contains("  Count : \(markers.count)"))
        for (index, frame) in frames.enumerated() {
            #expect(info.contains("Cue ID : \(String(format: "%2d", index + 1))  Pos : \(String(format: "%5d", frame))"), "cue \(index + 1) at \(frame)")
        }
        // ffprobe: the bext fields and the cues as chapters named for the sections.
        let read = try Probe.of(mix)
        #expect(read.chapters.map { $0.tags?["title"] ?? "" } == rendered.performance.playingNames)
        // A section heard again is marked with its playing, as the render's reply names it.
        #expect(rendered.performance.playingNames == ["verse", "chorus", "verse 2", "chorus 2"])
        // A section of the writer's own named like a playing is not taken for it.
        // Counted in words, every playing alike, where a number would be confused with a
        // section's name: "chorus" beside "Chorus 3", and "chorus2" heard again.
        #expect(Performance.playingNames(of: ["verse", "chorus", "verse2", "chorus", "bridge", "Chorus 3", "chorus", "chorus", "chorus2", "chorus2"])
                == ["verse", "chorus", "verse2", "chorus, 2nd time", "bridge", "Chorus 3", "chorus, 3rd time", "chorus, 4th time", "chorus2", "chorus2, 2nd time"])
        #expect(Performance.playingNames(of: ["a", "a2"] + Array(repeating: "a", count: 11)).last == "a, 12th time")
        #expect(Performance.playingNames(of: ["a", "b", "a", "b"]) == ["a", "b", "a 2", "b 2"])
        #expect(ordinal(11) == "11th" && ordinal(22) == "22nd" && ordinal(103) == "103rd" && ordinal(1) == "1st")
        for (chapter, frame) in zip(read.chapters, frames) {
            #expect(abs((Double(chapter.start_time) ?? -1) - Double(frame) / 44100) < 0.001)
        }
        let tags = read.format.tags ?? [:]
        #expect(tags["encoded_by"] == "Cowrite")
        #expect(tags["time_reference"] == "0")
        #expect(tags["comment"] == "Rain on Glass")
        #expect(tags["coding_history"]?.hasPrefix("A=PCM,F=44100,W=24,M=stereo,T=Cowrite render") == true)
        // The bext chunk's loudness fields (EBU Tech 3285 v2: hundredths, little-endian, at
        // 412 to 420 of the chunk: integrated, range, true peak, loudest momentary and
        // short-term) are the mix as written: set once mastering has
        // measured the pass that wrote it, read here from the file's bytes.
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: mix)).prefix(65536))
        let bext = try #require((0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual("bext".utf8) }) + 8
        func field(_ offset: Int) -> Double { Double(Int16(bitPattern: UInt16(bytes[bext + offset]) | UInt16(bytes[bext + offset + 1]) << 8)) / 100 }
        let loudness = rendered.result.loudness
        #expect(abs(field(412) - loudness.integrated) <= 0.005, "bext loudness \(field(412)), measured \(loudness.integrated)")
        #expect(abs(field(414) - loudness.range) <= 0.005)
        #expect(abs(field(416) - loudness.truePeak) <= 0.005)
        #expect(abs(field(418) - loudness.maxMomentary) <= 0.005, "bext max momentary \(field(418)), measured \(loudness.maxMomentary)")
        #expect(abs(field(420) - loudness.maxShortTerm) <= 0.005)
        #expect(field(418) > field(420) && field(420) > field(412), "momentary over short-term over integrated")
        #expect(abs(field(412) + 14) < 0.3)
        // A stem is named after the song and its part, and says so inside too.
        let stem = try OutsideTool.run("/usr/bin/ffprobe", ["-v", "error", "-show_format", "-of", "json", rendered.folder + "/stems/rain-on-glass_drums.wav"]).text
        // A stem's loudness fields say "not measured" (0x7FFF), not 0 LUFS.
        let stemBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: rendered.folder + "/stems/rain-on-glass_drums.wav")).prefix(65536))
        let stemBext = try #require((0..<(stemBytes.count - 4)).first { stemBytes[$0..<($0 + 4)].elementsEqual("bext".utf8) }) + 8
        #expect((412...420).filter { $0 % 2 == 0 }.allSatisfy { stemBytes[stemBext + $0] == 0xFF && stemBytes[stemBext + $0 + 1] == 0x7F })
        // In ASCII, as EBU Tech 3285 keeps the bext chunk's text (it had been UTF-8 bytes).
        #expect(stem.contains("\"comment\": \"Rain on Glass - drums\""), "\(stem)")
        #expect(SessionChunks.ascii("1M03 Café — “Noir” … ☕ 夜 Søren Straße") == "1M03 Cafe - \"Noir\" ...   Soren Strasse")
    }

    /// The acid and iXML tempo is quarter notes a minute, as song.mid's tempo events and a
    /// DAW's tempo count them: a 6/8 song at a dotted quarter of 60 is 90, and its length in
    /// quarter notes (a newcomer's 6/8 song had 60 in the acid chunk and 90 in song.mid).
    @Test func compoundMeterTempoIsInQuarterNotes() throws {
        var song = Song(title: "Tidewater", key: try Key(parsing: "D"), tempo: 60, meter: try Meter(parsing: "6/8"))
        try song.addSection("verse", bars: 2)
        let chords = try ["D", "G"].enumerated().map { bar, symbol in ChordChange(start: bar * 2880, chord: try Chord(parsing: symbol)) }
        try song.accept(.chords(changes: chords, comping: .block), as: .chords, from: .person("T"), into: "verse", at: Date(timeIntervalSince1970: 0))
        let folder = temporaryFolder() + "/out"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        _ = try Renderer.render(song: song, to: folder, settings: RenderSettings(soundFont: SoundFontInfo.resolve(nil)), version: "cowrite test")
        let info = try OutsideTool.run("/usr/bin/sndfile-info", [folder + "/mix.wav"]).text
        #expect(info.contains("  Tempo     : 90.000000"), "\(info)")
        #expect(info.contains("  Meter     : 6/8"))
        #expect(info.contains("  Beats     : 6"), "2 bars of 6/8 are 6 quarter notes: \(info)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/mix.wav")).prefix(65536)
        #expect(String(decoding: bytes, as: UTF8.self).contains("<tempo>90</tempo><timeSig>6/8</timeSig>"))
    }

    /// Every form's markers leave a file libsndfile opens: names of every length mod 4, one
    /// to five of them (a one-section render named "verse" had been a file libsndfile's
    /// reader, and so Audacity or Ardour, could not open), each read back by `sndfile-info`
    /// and ffprobe at its frame with its name.
    @Test(arguments: [["verse"], ["intro", "verse", "chorus"], ["a", "bb", "ccc", "dddd", "eeeee"], ["pre-chorus"], ["bridge", "outro"],
                      ["verse", "chorus", "verse", "chorus", "outro"], ["café ☕"]])
    func everyFormsMarkersLeaveAFileLibsndfileOpens(_ names: [String]) throws {
        let path = temporaryFolder()
        let folder = try Folder.open(path, create: false)
        let markers: [SessionFacts.Marker] = names.indices.map { index in SessionFacts.Marker(name: names[index], frame: index * 4410) }
        let facts = SessionFacts(description: "Markers", origination: Date(timeIntervalSince1970: 0), tempo: 120, meterBeats: 4,
                                 meterUnit: 4, beats: 8, markers: markers, loudness: nil)
        let samples: [Float] = (0..<44100).map { index in 0.1 * sin(Float(index) * 0.05) }
        let tone = StereoBuffer(left: samples, right: samples)
        try AudioFile.write(tone, into: folder, as: "mix.wav", format: .wav, sampleRate: 44100,
                            metadata: AudioMetadata(title: "Markers", artist: "T", software: "cowrite test", comment: "", session: facts))
        let info = try OutsideTool.run("/usr/bin/sndfile-info", [path + "/mix.wav"]).text
        #expect(!info.contains("Error"), "sndfile-info: \(info.suffix(300))")
        #expect(info.contains("Frames      : 44100"))
        for (index, name) in names.enumerated() {
            #expect(info.contains("labl : \(index + 1) : \(name)"), "label \(name)")
        }
        let read = try Probe.of(path + "/mix.wav")
        #expect(read.chapters.map { $0.tags?["title"] ?? "" } == names)
        let starts: [Double] = read.chapters.map { chapter in Double(chapter.start_time) ?? -1 }
        let frames: [Double] = markers.map { marker in Double(marker.frame) / 44100 }
        #expect(starts == frames)
    }

    /// `--stem-names plain` keeps the old names; the song's name is folded to plain letters.
    @Test func stemNamesFollowTheSongOrArePlain() throws {
        var settings = RenderSettings(soundFont: "unused.sf2")
        settings.stems = true
        let performance = try rendered.performance
        #expect(Renderer.fileNames(for: performance, settings: settings, title: "Rain on Glass").contains("stems/rain-on-glass_drums.wav"))
        #expect(Renderer.fileNames(for: performance, settings: settings, title: "Café ☕ / 夜").contains("stems/cafe_drums.wav"))
        #expect(Renderer.fileNames(for: performance, settings: settings, title: "夜").contains("stems/song_drums.wav"))
        settings.stemNames = .plain
        #expect(Renderer.fileNames(for: performance, settings: settings, title: "Rain on Glass").contains("stems/drums.wav"))
    }

    @Test func provenanceNamesEverySectionAndPart() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try rendered.folder + "/provenance.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? String == "cowrite-provenance")
        let parts = try #require(object["parts"] as? [[String: Any]])
        let named = Set(parts.map { "\($0["section"] ?? "") \($0["part"] ?? "")" })
        #expect(named == ["verse chords", "verse melody", "verse drums", "chorus chords", "chorus bass"])
        for part in parts {
            let origin = try #require(part["origin"] as? [String: Any])
            #expect(origin["kind"] as? String == "person")
            #expect(!(origin["name"] as? String ?? "").isEmpty)
        }
        let render = try #require(object["render"] as? [String: Any])
        let soundFont = try #require(render["soundFont"] as? [String: Any])
        #expect(soundFont["name"] as? String == "Fluid R3 GM")
        let markdown = try String(contentsOfFile: try rendered.folder + "/provenance.md", encoding: .utf8)
        #expect(markdown.contains("| chorus | bass | Test (by hand) | — |"))
        #expect(markdown.contains("licence: Licensed under the MIT License"))
    }
}
