import AudioRender
import Engine
import Foundation
import MusicTheory
import OutsideTools
import SongModel
import Testing

/// The band swings with the drums: the melody, bass and comping, written on the grid, play
/// their off-beats where the groove's swing puts the hi-hat's. (They had played straight
/// under a shuffle: a newcomer measured the hat's off-beats at 0.70–0.72 of the beat and
/// the melody's eighths at 0.50, 130–145 ms apart.)
@Suite("The band swings with the drums")
struct BandSwingTests {
    static let when = Date(timeIntervalSince1970: 0)

    /// A 4-bar verse in C at `tempo`: straight eighths in the melody, a chord a bar, and a
    /// groove of `style` with no humanizing.
    static func song(_ name: DrumStyleName, tempo: Int) throws -> Song {
        var song = Song(title: "Swing", key: try Key(parsing: "C"), tempo: tempo)
        try song.addSection("verse", bars: 4)
        let style = DrumStyle.style(name)
        let request = GrooveRequest(style: style, energy: 0.5, swing: .auto, feel: .on, humanize: 0, count: 1, seed: 3)
        let context = GrooveContext(section: "verse", meter: .fourFour, bars: 4, tempo: tempo)
        let groove = try #require(GrooveGenerator.suggest(request, context: context).first?.part)
        try song.accept(groove, as: .drums, from: .person("T"), into: "verse", at: when)
        let pitches = ["C5", "D5", "E5", "G5", "E5", "D5", "C5", "D5"]
        let melody = try (0..<32).map { index in
            Note(start: index * 480, duration: 480, pitch: try Pitch(parsing: pitches[index % 8]), velocity: 90)
        }
        try song.accept(.notes(melody), as: .melody, from: .person("T"), into: "verse", at: when)
        let chords = try ["C", "Am", "F", "G"].enumerated().map { bar, symbol in ChordChange(start: bar * 3840, chord: try Chord(parsing: symbol)) }
        try song.accept(.chords(changes: chords, comping: .pulse), as: .chords, from: .person("T"), into: "verse", at: when)
        return song
    }

    @Test(arguments: [DrumStyleName.jazz, .shuffle])
    func offBeatsLandWithTheHat(_ name: DrumStyleName) throws {
        let song = try Self.song(name, tempo: 100)
        let timing = try #require(song.section(named: "verse")?.drums?.timing)
        #expect(timing.swing > 1.4 && timing.swingUnit == 960, "\(name): \(timing.swing) on \(timing.swingUnit)")
        let performance = try Performance(song: song)
        let melody = try #require(performance.tracks.first { $0.part == .melody }).notes
        let delay = Int(GrooveTimingApplier.swingDelay(at: 480, timing).rounded())
        #expect(delay > 100, "\(name): the off-beat moves \(delay) ticks")
        // Every off-beat eighth later by the swing, every on-beat one longer by it, the
        // last note (the song's end) aside.
        for (index, note) in melody.enumerated() where index < 31 {
            if index % 2 == 1 {
                #expect(note.start == index * 480 + delay && note.duration == 480 - delay, "\(name) note \(index): \(note.start), \(note.duration)")
            } else {
                #expect(note.start == index * 480 && note.duration == 480 + delay, "\(name) note \(index): \(note.start), \(note.duration)")
            }
        }
        // The pulse comping's off-beat eighths too: none left on the straight off-beat.
        let comping = try #require(performance.tracks.first { $0.part == .chords }).notes
        #expect(comping.contains { $0.start % 960 == 480 + delay } && !comping.contains { $0.start % 960 == 480 }, "\(name)")
        // The hat's (or ride's) off-beats, where the groove plays them, land with the melody's.
        let cymbals = try #require(performance.tracks.first { $0.part == .drums }).notes.filter { [42, 44, 46, 51, 59].contains($0.key) }
        let offBeats = cymbals.filter { ($0.start % 960) > 480 && ($0.start % 960) < 960 - 60 }
        #expect(!offBeats.isEmpty)
        for hit in offBeats { #expect(abs(hit.start % 960 - (480 + delay)) <= 2, "\(name): a cymbal at \(hit.start % 960) of the beat, the melody at \(480 + delay)") }
    }

    /// Swing is a long–short pair: a beat of triplets, or of sixteenths, is played as
    /// written, and a beat of two eighths beside them still swings. (The third note of a
    /// triplet had been moved to the swing's place, and a sixteenth run F G A C sounded
    /// F G C A: its "&" moved past the sixteenth after it.)
    @Test func tripletsAndSixteenthsArePlayedAsWritten() throws {
        var song = try Self.song(.jazz, tempo: 80)
        let timing = try #require(song.section(named: "verse")?.drums?.timing)
        let third = 320, sixteenth = 240
        // Bar 1: a triplet on beat 1, a sixteenth run on beat 2, two eighths on beat 3, a
        // half note on beat 4 held into bar 2.
        let written: [(Int, Int, String)] = [(0, third, "F4"), (third, third, "G4"), (2 * third, third, "A4"),
                                             (960, sixteenth, "F4"), (1200, sixteenth, "G4"), (1440, sixteenth, "A4"), (1680, sixteenth, "C5"),
                                             (1920, 480, "D5"), (2400, 480, "C5"), (2880, 1920, "A4")]
        let melody = try written.map { Note(start: $0.0, duration: $0.1, pitch: try Pitch(parsing: $0.2), velocity: 90) }
        try song.accept(.notes(melody), as: .melody, from: .person("T"), into: "verse", at: Self.when)
        let played = try #require(try Performance(song: song).tracks.first { $0.part == .melody }).notes
        let delay = Int(GrooveTimingApplier.swingDelay(at: 480, timing).rounded())
        #expect(delay > 100)
        #expect(played.map(\.start) == [0, 320, 640, 960, 1200, 1440, 1680, 1920, 2400 + delay, 2880])
        #expect(played.map(\.key) == melody.map(\.pitch.midi), "the run in its written order")
        #expect(played[0...6].map(\.duration) == [320, 320, 320, 240, 240, 240, 240])
        #expect(played[7].duration == 480 + delay && played[8].duration == 480 - delay)
    }

    /// Under sixteenth swing (funk swung by amount, the unit an eighth) an eighth-note
    /// triplet is played as written too, and so is a quarter-note triplet under eighth swing:
    /// a note two thirds of the way through a unit is a triplet's, never a swung off-beat.
    @Test func tripletsStayEvenUnderSixteenthSwingAndQuarterTripletsUnderEighthSwing() throws {
        var song = try Self.song(.jazz, tempo: 100)
        let funk = GrooveRequest(style: DrumStyle.style(.funk), energy: 0.5, swing: .amount(0.5), feel: .on, humanize: 0, count: 1, seed: 3)
        let groove = try #require(GrooveGenerator.suggest(funk, context: GrooveContext(section: "verse", meter: .fourFour, bars: 4, tempo: 100)).first?.part)
        try song.accept(groove, as: .drums, from: .person("T"), into: "verse", at: Self.when)
        let timing = try #require(song.section(named: "verse")?.drums?.timing)
        #expect(timing.swingUnit == 480 && timing.swing > 1.4, "\(timing.swingUnit) \(timing.swing)")
        // An eighth-note triplet on beat 1, two sixteenths on beat 2 (a swung pair), then a quarter.
        let written: [(Int, Int)] = [(0, 320), (320, 320), (640, 320), (960, 240), (1200, 240), (1440, 480)]
        let melody = try written.map { Note(start: $0.0, duration: $0.1, pitch: try Pitch(parsing: "C5"), velocity: 90) }
        try song.accept(.notes(melody), as: .melody, from: .person("T"), into: "verse", at: Self.when)
        let played = try #require(try Performance(song: song).tracks.first { $0.part == .melody }).notes
        let delay = Int(GrooveTimingApplier.swingDelay(at: 240, timing).rounded())
        #expect(delay > 30)
        #expect(played.map(\.start) == [0, 320, 640, 960, 1200 + delay, 1440])

        var jazz = try Self.song(.jazz, tempo: 100)
        let triplet = try [0, 640, 1280].map { Note(start: $0, duration: 640, pitch: try Pitch(parsing: "E5"), velocity: 90) }
        try jazz.accept(.notes(triplet), as: .melody, from: .person("T"), into: "verse", at: Self.when)
        let even = try #require(try Performance(song: jazz).tracks.first { $0.part == .melody }).notes
        #expect(even.map(\.start) == [0, 640, 1280] && even.map(\.duration) == [640, 640, 640])
    }

    /// A section without drums swings as its nearest drummed neighbour does, in the same
    /// meter and tempo: a jazz sketch's drumless verses had played straight between swung
    /// choruses. A neighbour at another tempo, or straight, leaves it on the grid.
    @Test func aSectionWithoutDrumsSwingsWithItsNeighbour() throws {
        var song = try Self.song(.jazz, tempo: 100)
        try song.addSection("intro", bars: 4)
        let melody = try #require(song.section(named: "verse")?.melody?.notes)
        try song.accept(.notes(melody), as: .melody, from: .person("T"), into: "intro", at: Self.when)
        try song.arrange(["intro", "verse"])
        let timing = try #require(song.section(named: "verse")?.drums?.timing)
        let delay = Int(GrooveTimingApplier.swingDelay(at: 480, timing).rounded())
        let intro = try #require(try Performance(song: song).tracks.first { $0.part == .melody }).notes.filter { $0.start < 4 * 3840 }
        #expect(intro.count == 32 && intro.enumerated().allSatisfy { $1.start == $0 * 480 + ($0 % 2 == 1 ? delay : 0) }, "\(intro.prefix(4).map(\.start))")
        try song.setSectionTempo(140, of: "verse")
        let apart = try #require(try Performance(song: song).tracks.first { $0.part == .melody }).notes.filter { $0.start < 4 * 3840 }
        #expect(apart.allSatisfy { $0.start % 480 == 0 })
    }

    /// Straight drums leave the band on the grid, and the session's notes stay as written.
    @Test func straightDrumsLeaveTheGrid() throws {
        let song = try Self.song(.rock, tempo: 100)
        let melody = try #require(try Performance(song: song).tracks.first { $0.part == .melody }).notes
        #expect(melody.prefix(31).enumerated().allSatisfy { $0.element.start == $0.offset * 480 })
        let swung = try Self.song(.shuffle, tempo: 100)
        #expect(swung.section(named: "verse")?.melody?.notes.allSatisfy { $0.start % 480 == 0 && $0.duration == 480 } == true)
    }

    /// Read back from song.mid by mido (an outside reader): under a shuffle the melody's
    /// off-beat eighths start within 10 ms of the hat's off-beats (they were 130–145 ms apart).
    @Test func songMidPlaysThemTogether() throws {
        let song = try Self.song(.shuffle, tempo: 92)
        let path = temporaryFolder() + "/swing.mid"
        try MIDIFile.data(for: try Performance(song: song), title: "Swing").write(to: URL(fileURLWithPath: path))
        let script = """
        import mido, sys
        mid = mido.MidiFile(sys.argv[1]); onsets = {}
        for track in mid.tracks:
            t = 0; tempo = 500000; secs = 0.0; last = 0
            for m in track:
                t += m.time
                if m.type == 'note_on' and m.velocity > 0:
                    onsets.setdefault(track.name, []).append((t, m.note))
        tpq = mid.ticks_per_beat
        mel = [t for t, n in onsets['melody'] if (t % tpq) > tpq // 4]
        hat = [t for t, n in onsets['drums'] if n in (42, 44, 46, 51) and (t % tpq) > tpq // 4]
        gaps = [min(abs(m - h) for h in hat) * 60.0 / 92 / tpq * 1000 for m in mel]
        print(len(mel), len(hat), max(gaps))
        """
        let (status, text) = try OutsideTool.run("/usr/bin/env", ["python3", "-c", script, path])
        #expect(status == 0, "\(text)")
        let figures = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(figures.count == 3 && figures[0] >= 12 && figures[1] >= 4 && figures[2] < 10, "\(text)")
    }
}
