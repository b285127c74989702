import Foundation
import MusicTheory
import Testing
@testable import SongModel

/// A songwriter's one-track piano demo, the tune on top of block chords, comes in as a
/// melody and chords (it had come in as 20 chord symbols for its 8 chords, and no melody).
@Suite("A piano demo's top line")
struct TopLineTests {
    typealias MIDINote = StandardMIDIFile.Note

    /// Eight bars at 480 ticks a quarter: a triad on beats 1 and 3 (C, F, G, C …), the tune a
    /// quarter note a beat over it, struck with the chord on 1 and 3 and alone on 2 and 4.
    static func demo() -> (file: StandardMIDIFile, tune: [Int]) {
        let q = 480
        let chords = [[48, 52, 55], [53, 57, 60], [55, 59, 62], [48, 52, 55], [57, 60, 64], [53, 57, 60], [55, 59, 62], [48, 52, 55]]
        let tune = [72, 74, 76, 77, 79, 77, 76, 74, 72, 71, 72, 74, 76, 74, 72, 71,
                    69, 71, 72, 74, 72, 71, 69, 67, 67, 69, 71, 72, 74, 72, 71, 72]
        var notes: [MIDINote] = []
        for (bar, chord) in chords.enumerated() {
            for half in 0..<2 {
                for key in chord { notes.append(MIDINote(channel: 0, key: key, velocity: 70, start: bar * 4 * q + half * 2 * q, duration: 2 * q - 20)) }
            }
        }
        for (beat, key) in tune.enumerated() { notes.append(MIDINote(channel: 0, key: key, velocity: 90, start: beat * q, duration: q - 20)) }
        var track = StandardMIDIFile.Track()
        track.name = "Piano"
        track.notes = notes
        return (StandardMIDIFile(format: 1, ticksPerQuarter: q, tracks: [track]), tune)
    }

    @Test func theTuneOnTopIsTheMelodyAndTheChordsAreReadUnderIt() throws {
        let (file, tune) = Self.demo()
        let plan = try MIDIImport.plan(file, .init(file: "demo.mid", sha256: "0", author: "Ana", date: Date(timeIntervalSince1970: 0)))
        let section = try #require(plan.sections.first)
        #expect(section.melody?.notes.map(\.pitch.midi) == tune)
        #expect(section.chords?.changes.map(\.symbol) == ["C", "F", "G", "C", "Am", "F", "G", "C"])
        #expect(plan.report.contains { $0.hasPrefix("track 1 “Piano”, its top line: 32 notes") && $0.contains("→ melody") }, "\(plan.report)")
        #expect(plan.report.contains { $0.hasPrefix("track 1 “Piano”, the notes under its top line: 48 notes") && $0.contains("→ chords") }, "\(plan.report)")
    }

    /// Chords alone, or chords under a tune on a track of its own, stay as they were.
    @Test func chordsAloneStayChords() throws {
        let (file, _) = Self.demo()
        var chordsOnly = file
        chordsOnly.tracks[0].notes = file.tracks[0].notes.filter { $0.velocity == 70 }
        #expect(MIDIImport.topLine(chordsOnly.tracks[0].notes) == nil)
        var twoTracks = file
        twoTracks.tracks = [chordsOnly.tracks[0], StandardMIDIFile.Track(name: "Voice", notes: file.tracks[0].notes.filter { $0.velocity == 90 })]
        let plan = try MIDIImport.plan(twoTracks, .init(file: "two.mid", sha256: "0", author: "Ana", date: Date(timeIntervalSince1970: 0)))
        #expect(!plan.report.contains { $0.contains("top line") })
        #expect(plan.sections.first?.melody?.notes.count == 32)
    }
}

/// A tune that starts with a pickup: its first bar, only leading in, is a section of its
/// own, and the eights count from the bar after (a waltz with a one-beat pickup had come
/// in as bars 1–8 and a 1-bar section of its last bar).
@Suite("A pickup bar")
struct PickupTests {
    @Test func aFirstBarThatLeadsInIsASectionOfItsOwn() throws {
        let q = 480
        var notes = [StandardMIDIFile.Note(channel: 0, key: 67, velocity: 90, start: 2 * q, duration: q - 20)]
        for beat in 0..<24 { notes.append(StandardMIDIFile.Note(channel: 0, key: 72 + beat % 5, velocity: 90, start: 3 * q + beat * q, duration: q - 20)) }
        var track = StandardMIDIFile.Track()
        track.notes = notes
        var file = StandardMIDIFile(format: 1, ticksPerQuarter: q, tracks: [track])
        file.meters = [.init(tick: 0, value: [3, 4])]
        let plan = try MIDIImport.plan(file, .init(file: "waltz.mid", sha256: "0", author: "Ana", date: Date(timeIntervalSince1970: 0)))
        #expect(plan.sections.map(\.name) == ["pickup", "section1"] && plan.sections.map(\.bars) == [1, 8])
        #expect(plan.report.contains("bar 1 leads in, its first note on beat 3: a 1-bar section of its own, pickup, before section1"), "\(plan.report)")
        #expect(plan.sections[0].melody?.notes.map(\.start) == [1920])
        // A tune that starts on beat 1 counts its eights from bar 1, as before.
        track.notes = notes.dropFirst().map { var note = $0; note.start -= 3 * q; return note }
        file.tracks = [track]
        let plain = try MIDIImport.plan(file, .init(file: "waltz.mid", sha256: "0", author: "Ana", date: Date(timeIntervalSince1970: 0)))
        #expect(plain.sections.map(\.name) == ["section1"])
    }

    /// A DAW stores a pickup as a short first bar in a meter of its own (1/4, then 3/4): the
    /// file is read in 3/4, the pickup at the end of a bar of its own (it had been read in
    /// 1/4 throughout: 25 one-beat bars).
    @Test func aShortFirstBarInItsOwnMeterIsAPickup() throws {
        let q = 480
        var notes = [StandardMIDIFile.Note(channel: 0, key: 67, velocity: 90, start: 0, duration: q - 20)]
        for beat in 0..<24 { notes.append(StandardMIDIFile.Note(channel: 0, key: 72 + beat % 5, velocity: 90, start: q + beat * q, duration: q - 20)) }
        var track = StandardMIDIFile.Track()
        track.notes = notes
        var file = StandardMIDIFile(format: 1, ticksPerQuarter: q, tracks: [track])
        file.meters = [.init(tick: 0, value: [1, 4]), .init(tick: q, value: [3, 4])]
        let plan = try MIDIImport.plan(file, .init(file: "daw.mid", sha256: "0", author: "Ana", date: Date(timeIntervalSince1970: 0)))
        #expect(plan.meter == (try Meter(parsing: "3/4")))
        #expect(plan.sections.map(\.name) == ["pickup", "section1"] && plan.sections.map(\.bars) == [1, 8])
        #expect(plan.sections[0].melody?.notes.map(\.start) == [1920])
        #expect(plan.report.contains("the file's first bar is a 1/4 pickup before its 3/4: read in 3/4, the pickup at the end of a bar of its own"), "\(plan.report)")
        #expect(!plan.report.contains { $0.hasPrefix("the file changes meter") }, "\(plan.report)")
    }
}
