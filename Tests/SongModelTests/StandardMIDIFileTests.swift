import Foundation
import MusicTheory
import Testing
@testable import SongModel

/// The MIDI reader on bytes made here: the shapes sequencers write (running status,
/// note-on with velocity 0 as note-off, meta events) and every way a file can be broken,
/// each refused with one line.
@Suite("Standard MIDI files")
struct StandardMIDIFileTests {
    static func header(format: Int = 1, tracks: Int, division: Int = 480) -> [UInt8] {
        Array("MThd".utf8) + [0, 0, 0, 6, 0, UInt8(format), UInt8(tracks >> 8), UInt8(tracks & 0xFF), UInt8(division >> 8), UInt8(division & 0xFF)]
    }

    static func track(_ events: [UInt8]) -> [UInt8] {
        let body = events + [0x00, 0xFF, 0x2F, 0x00]
        let count = body.count
        return Array("MTrk".utf8) + [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)] + body
    }

    @Test func runningStatusAndVelocityZeroNoteOffs() throws {
        // Name "Lead", tempo 100 bpm, then C4 and E4 with running status, released by
        // note-on velocity 0 (also under running status), and a note-off proper.
        let events: [UInt8] = [0x00, 0xFF, 0x03, 0x04] + Array("Lead".utf8)
            + [0x00, 0xFF, 0x51, 0x03, 0x09, 0x27, 0xC0]
            + [0x00, 0x90, 60, 90, 0x00, 64, 80,
               0x83, 0x60, 60, 0, 0x00, 64, 0,
               0x00, 67, 70, 0x81, 0x70, 0x80, 67, 64]
        let file = try StandardMIDIFile.parse(Self.header(tracks: 1) + Self.track(events))
        #expect(file.tracks.count == 1)
        #expect(file.tracks[0].name == "Lead")
        #expect(file.tempos.map(\.value) == [600_000])
        #expect(file.tracks[0].notes.map { [$0.key, $0.velocity, $0.start, $0.duration] } == [[60, 90, 0, 480], [64, 80, 0, 480], [67, 70, 480, 240]])
    }

    @Test func aNoteLeftSoundingEndsWithItsTrackAndOtherChunksAreSkipped() throws {
        let alien = Array("XFIH".utf8) + [0, 0, 0, 3, 1, 2, 3]
        let file = try StandardMIDIFile.parse(Self.header(tracks: 1) + alien + Self.track([0x00, 0x91, 62, 100, 0x83, 0x60, 0xFF, 0x01, 0x00]))
        #expect(file.tracks[0].notes.map { [$0.channel, $0.key, $0.duration] } == [[1, 62, 480]])
    }

    /// Music that runs past the longest song is refused before any section is made, and
    /// so is a file of more markers than a song has sections.
    @Test func importRefusesMusicLongerThanASong() throws {
        // One note 2,000 bars in (at 480 ticks a quarter: 3,840,000 ticks, a 4-byte delta).
        let ticks = 2_000 * 4 * 480
        let delta: [UInt8] = [UInt8(0x80 | (ticks >> 21 & 0x7F)), UInt8(0x80 | (ticks >> 14 & 0x7F)), UInt8(0x80 | (ticks >> 7 & 0x7F)), UInt8(ticks & 0x7F)]
        let file = try StandardMIDIFile.parse(Self.header(tracks: 1) + Self.track(delta + [0x90, 60, 90, 0x60, 60, 0]))
        let request = MIDIImport.Request(file: "long.mid", sha256: "0", author: "Ana", date: Date(timeIntervalSince1970: 0))
        #expect(throws: SongModelError.badMIDI("the music runs 2001 bars; Cowrite imports at most 1000 (import one track, or a part of the file `into` a section)")) {
            try MIDIImport.plan(file, request)
        }
    }

    /// A track named for the singer is the melody though a guitar's single line before it
    /// reads as one too, and `as melody` takes the track named Lead over a piano's chords
    /// (an outside check lost its vocal to a fingerpicked guitar, and its lead to the
    /// piano's top notes).
    @Test func theSingersTrackIsTheMelody() throws {
        // A line of quarter notes on channel `channel`, each a quarter long, at 480 a quarter.
        func line(_ name: String, channel: UInt8, keys: [UInt8], chord: Bool = false) -> [UInt8] {
            var events: [UInt8] = [0x00, 0xFF, 0x03, UInt8(name.utf8.count)] + Array(name.utf8)
            for key in keys {
                let notes: [UInt8] = chord ? [key, key + 4, key + 7] : [key]
                for note in notes { events += [0x00, 0x90 | channel, note, 90] }
                events += [0x83, 0x60, 0x80 | channel, notes[0], 0]
                for note in notes.dropFirst() { events += [0x00, 0x80 | channel, note, 0] }
            }
            return Self.track(events)
        }
        let guitar = line("Guitar", channel: 0, keys: [67, 71, 74, 71, 67, 71, 74, 71])
        let voice = line("Voice", channel: 1, keys: [76, 74, 72, 74, 76, 76, 76, 74])
        let piano = line("Piano", channel: 2, keys: [60, 60, 65, 65, 67, 67, 60, 60], chord: true)
        let lead = line("Lead", channel: 3, keys: [79, 77, 76, 74, 72, 74, 76, 79])
        let request = MIDIImport.Request(file: "song.mid", sha256: "0", author: "Ana", date: Date(timeIntervalSince1970: 0))
        let sung = try MIDIImport.plan(StandardMIDIFile.parse(Self.header(tracks: 2) + guitar + voice), request)
        #expect(sung.sections.first?.melody?.notes.map(\.pitch.midi) == [76, 74, 72, 74, 76, 76, 76, 74], "\(sung.report)")
        var into = request
        into.kind = .melody
        into.into = ("verse", 2, .fourFour)
        let led = try MIDIImport.plan(StandardMIDIFile.parse(Self.header(tracks: 2) + piano + lead), into)
        #expect(led.sections.first?.melody?.notes.map(\.pitch.midi) == [79, 77, 76, 74, 72, 74, 76, 79], "\(led.report)")
        // The preview's range is spelled in the key: A minor's leading tone is G#4, not Ab4.
        let minor = Self.track([0x00, 0xFF, 0x59, 0x02, 0x00, 0x01]) + line("Tune", channel: 0, keys: [69, 71, 72, 68, 69])
        let aMinor = try MIDIImport.plan(StandardMIDIFile.parse(Self.header(tracks: 2) + minor), request)
        #expect(aMinor.report.contains { $0.contains("5 notes G#4–C5 → melody") }, "\(aMinor.report)")
    }

    static let broken: [([UInt8], String)] = [
        ([], "cannot import: this is not a Standard MIDI File (it does not start with MThd): export the song as a .mid file"),
        (Array("RIFF\u{0}\u{0}\u{0}\u{4}WAVEfmt ".utf8), "cannot import: this is not a Standard MIDI File (it does not start with MThd): export the song as a .mid file"),
        (header(tracks: 1), "cannot import: the file ends after 0 of its 1 tracks (cut short at byte 14)"),
        (header(tracks: 1) + Array(track([0x00, 0x90, 60, 90]).prefix(12)), "cannot import: track 1 says it has 8 bytes but the file ends 4 bytes later (cut short)"),
        (header(tracks: 1, division: 0xE728), "cannot import: the file counts time in SMPTE frames, not beats: export it with ticks per quarter note (the usual setting)"),
        (header(tracks: 0), "cannot import: the file has no tracks"),
        (header(tracks: 10_000), "cannot import: the file says it has 10000 tracks; Cowrite reads at most 256"),
        (header(format: 2, tracks: 1), "cannot import: format 2 (independent patterns) is not read: export as format 1 (tracks played together) or 0"),
        (header(tracks: 1, division: 0), "cannot import: the file says 0 ticks per quarter note"),
        (header(tracks: 1) + track([0x00, 60, 90]), "cannot import: data with no status byte before it in track 1 at byte 23"),
        (header(tracks: 1) + track([0x00, 0xFF, 0x03, 0x40, 65]), "cannot import: a meta event runs past its track in track 1 at byte 26"),
        (header(tracks: 1) + track([0x81, 0x81, 0x81, 0x81, 0x01]), "cannot import: a length or time runs past four bytes in track 1 at byte 22"),
        (header(tracks: 1) + track([0x00, 0xF3, 0x01]), "cannot import: a system message (0xF3) inside a track in track 1 at byte 24"),
    ]

    @Test("broken files are refused with one line", arguments: Self.broken)
    func refused(bytes: [UInt8], message: String) {
        #expect(throws: SongModelError.self) { try StandardMIDIFile.parse(bytes) }
        do { _ = try StandardMIDIFile.parse(bytes) } catch { #expect("\(error)" == message) }
    }
}

/// Where a chord part's silences are stops (N.C.) and where they are the rests of its rhythm.
@Suite("Stops in an imported chord part")
struct ImportedStopsTests {
    static func triad(_ root: Int, at start: Int, for duration: Int) -> [StandardMIDIFile.Note] {
        [0, 4, 7].map { StandardMIDIFile.Note(channel: 0, key: root + $0, velocity: 80, start: start, duration: duration) }
    }

    static func read(_ notes: [StandardMIDIFile.Note]) throws -> [String] {
        MIDIImport.chordChanges(notes, length: 4 * 3840, meter: .fourFour, key: try Key(parsing: "C")).0
            .map { "\($0.start / 960):\($0.chord?.description ?? "N.C.")" }
    }

    /// Short stabs on beat 1 of every bar rest through each second half: the chord holds.
    @Test func stabsThatRestEveryBarHoldTheirChord() throws {
        let stabs = (0..<4).flatMap { Self.triad(60, at: $0 * 3840, for: 240) }
        #expect(try Self.read(stabs) == ["0:C", "4:C", "8:C", "12:C"])
    }

    /// A chord held up to the half bar and then silence is a stop, among stabs or not; a
    /// short stab followed by silence in one bar of four is one too (a rest that rare is
    /// written, not the rhythm's).
    @Test func aChordHeldToASilenceOrARareSilenceIsAStop() throws {
        let held = Self.triad(60, at: 0, for: 1920) + (1..<4).flatMap { Self.triad(65, at: $0 * 3840, for: 240) }
        #expect(try Self.read(held) == ["0:C", "2:N.C.", "4:F", "8:F", "12:F"])
        let rare = Self.triad(60, at: 0, for: 480) + (1..<4).flatMap { Self.triad(65, at: $0 * 3840, for: 3840) }
        #expect(try Self.read(rare) == ["0:C", "2:N.C.", "4:F", "8:F", "12:F"])
    }
}
