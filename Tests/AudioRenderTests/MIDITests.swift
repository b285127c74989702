import AudioRender
import Engine
import Foundation
import MusicTheory
import OutsideTools
import SongModel
import Testing

@Suite("MIDI files")
struct MIDITests {
    @Test func readsBackTheSameNotesTempoMeterAndMarkers() throws {
        let song = try fourPartSong()
        let performance = try Performance(song: song)
        let contents = try MIDIFile.read(MIDIFile.data(for: performance, title: song.title))
        #expect(contents.format == 1)
        #expect(contents.division == 960)
        #expect(contents.trackNames == ["Rain on Glass", "chords", "melody", "bass", "drums"])
        #expect(contents.tempos == [[0, 714_286]])
        #expect(contents.meters == [[0, 4, 4]])
        #expect(contents.keys == [[0, -3, 1]])
        #expect(contents.markers == ["verse", "chorus", "verse", "chorus"])
        #expect(contents.markerTicks == [0, 30720, 61440, 92160])
        for (index, track) in performance.tracks.enumerated() {
            let read = contents.notes.filter { $0.track == index + 1 }
            #expect(read.count == track.notes.count)
            #expect(read.map(\.key) == track.notes.map(\.key))
            #expect(read.map(\.velocity) == track.notes.map(\.velocity))
            #expect(read.map(\.start) == track.notes.map(\.start))
            #expect(read.map(\.duration) == track.notes.map(\.duration))
            #expect(read.allSatisfy { $0.channel == track.channel })
        }
        // Micro-timing survives to the tick: the off-beat hats sit 12 ticks late, the bass 8 early.
        let drums = contents.notes.filter { $0.track == 4 && $0.key == 42 }
        #expect(drums.contains { $0.start == 480 + 12 })
        #expect(contents.notes.filter { $0.track == 3 }.first?.start == 30720 - 8)
        #expect(contents.programs.contains([4, 9, 0]))
    }

    @Test func tempoAndMeterChangesFollowTheSections() throws {
        var song = Song(title: "Changes", tempo: 120)
        try song.addSection("a", bars: 2)
        try song.addSection("b", bars: 2)
        try song.setMeter(try Meter(parsing: "6/8"), of: "b")
        try song.setSectionTempo(60, of: "b")
        let when = Date(timeIntervalSince1970: 0)
        try song.writeChords("a", bars: [[try Chord(parsing: "C")], [try Chord(parsing: "G")]], author: "T", at: when)
        try song.writeChords("b", bars: [[try Chord(parsing: "Am")], [try Chord(parsing: "F")]], author: "T", at: when)
        let performance = try Performance(song: song)
        let contents = try MIDIFile.read(MIDIFile.data(for: performance, title: song.title))
        // 6/8 at 60 dotted quarters a minute is 90 quarters a minute.
        #expect(contents.tempos == [[0, 500_000], [7680, 666_667]])
        #expect(contents.meters == [[0, 4, 4], [7680, 6, 8]])
        #expect(performance.tempos.seconds(at: 7680) == 4.0)
        #expect(abs(performance.tempos.seconds(at: 7680 + 5760) - 8.0) < 1e-9)
    }

    /// Under N.C. the comping, the pad and the bass stop until the next chord; the melody
    /// and the drums play on.
    @Test func noChordStopsTheBandUntilTheNextChord() throws {
        var song = Song(title: "Break", tempo: 100)
        try song.addSection("a", bars: 4)
        let when = Date(timeIntervalSince1970: 0)
        try song.writeChords("a", bars: ChordChart.parse("| C | N.C. | G . N.C. . | C |"), author: "T", at: when)
        let context = LineContext(song: song, section: try song.requireSection("a"))
        for suggestion in [try BassGenerator.suggest(style: .rootFifth, count: 1, seed: 3, context: context)[0],
                           try PadGenerator.suggest(style: .plain, count: 1, seed: 3, context: context)[0]] {
            try song.accept(suggestion, into: "a", at: when)
        }
        try song.writeMelody("a", notes: NoteSyntax.parse("E5/1 | D5/1 | D5/1 | C5/1", meter: .fourFour), author: "T", at: when)
        let performance = try Performance(song: song)
        let silent = [3840..<7680, 9600..<11520]
        for track in performance.tracks {
            let inBreaks = track.notes.filter { note in silent.contains { $0.contains(note.start) } }
            if [.chords, .pad, .bass].contains(track.part) {
                #expect(inBreaks.isEmpty, "\(track.part) plays in N.C.: \(inBreaks.map(\.start))")
                // Nothing held over into the break past the player's release either.
                #expect(track.notes.allSatisfy { note in !silent.contains { $0.contains(note.start + note.duration - 120) } },
                        "\(track.part) rings into N.C.")
                #expect(track.notes.contains { $0.start >= 7680 && $0.start < 9600 }, "\(track.part) comes back for G")
            } else if track.part == .melody {
                #expect(inBreaks.map(\.start) == [3840])
            }
        }
    }

    @Test func anIndependentReaderAgrees() throws {
        // Python's mido, installed by `make deps`; skipped with a note where Python is absent.
        guard FileManager.default.fileExists(atPath: "/usr/bin/python3") || FileManager.default.fileExists(atPath: "/usr/local/bin/python3") else { return }
        let song = try fourPartSong()
        let performance = try Performance(song: song)
        let path = temporaryFolder() + "/song.mid"
        try MIDIFile.data(for: performance, title: song.title).write(to: URL(fileURLWithPath: path))
        let script = """
        import mido, sys
        m = mido.MidiFile(sys.argv[1])
        counts = [sum(1 for x in t if x.type == 'note_on' and x.velocity > 0) for t in m.tracks]
        markers = [x.text for x in m.tracks[0] if x.type == 'marker']
        tempo = [x.tempo for x in m.tracks[0] if x.type == 'set_tempo']
        print(m.type, m.ticks_per_beat, counts, markers, tempo, round(m.length, 3))
        """
        let (status, text) = try OutsideTool.run("/usr/bin/env", ["python3", "-c", script, path])
        #expect(status == 0, "mido could not read the file (is it installed? `make deps` installs it)")
        let counts = performance.tracks.map(\.notes.count).map(String.init).joined(separator: ", ")
        #expect(text == "1 960 [0, \(counts)] ['verse', 'chorus', 'verse', 'chorus'] [714286] 91.429\n")
    }
}
