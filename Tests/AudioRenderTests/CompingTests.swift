@testable import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel
import Testing

/// A chord part played with its left-hand bass (no bass line in the section) never strikes
/// one key twice at once: a Bm chart once sounded B2 from the bass and B2 from the voicing
/// together, and a synth or a DAW cuts one of them off.
@Suite("Comping")
struct CompingTests {
    /// The comping's strikes are played, not quantized: each a few ticks early or late, the
    /// same every render, never before the chord's first beat, every note ending where it
    /// was written to; a guitar strums its voices lowest first.
    @Test func theCompingsStrikesArePlayedAroundTheGrid() {
        let span = Comping.Span(start: 3840, end: 7680, voicing: [52, 55, 60, 64], bass: nil)
        let written = Comping.notes(for: span, pattern: .pulse)
        let played = Comping.touched(written, guitar: false, from: span.start)
        #expect(played == Comping.touched(written, guitar: false, from: span.start))
        #expect(played.count == written.count)
        let byStrike = Dictionary(grouping: written.indices, by: { written[$0].start })
        var shifts: [Ticks] = []
        for note in played {
            let source = written.first { $0.key == note.key && $0.start + $0.duration == note.start + note.duration }
            #expect(source != nil, "note \(note.key) at \(note.start) ends where one was written to")
            if let source { shifts.append(note.start - source.start) }
        }
        #expect(played.allSatisfy { $0.start >= span.start })
        #expect(shifts.allSatisfy { abs($0) <= Comping.timingLimit + 2 })
        #expect(Set(shifts).count > 4, "the strikes move by different amounts: \(shifts)")
        #expect(byStrike.count == 8)
        // Strummed: each string 10 ticks after the one under it.
        let strummed = Comping.touched(Comping.notes(for: span, pattern: .block), guitar: true, from: span.start).sorted { $0.key < $1.key }
        #expect(zip(strummed, strummed.dropFirst()).allSatisfy { $1.start - $0.start == Comping.strum || $0.start == span.start })
    }

    @Test("no key sounds twice at once on a channel", arguments: ["Bm", "C", "Eb", "F#m", "G", "Ab"])
    func noKeyTwiceAtOnce(key: String) throws {
        let when = Date(timeIntervalSince1970: 0)
        let chart = ["Bm": "| Bm | G | D | A |", "C": "| C | Am | F | G |", "Eb": "| Eb | Cm | Ab | Bb |",
                     "F#m": "| F#m | D | A | E |", "G": "| G | Em | C | D |", "Ab": "| Ab | Fm | Db | Eb |"][key] ?? ""
        for pattern in CompingPattern.allCases {
            var song = Song(title: "Clean", authors: ["T"], key: try Key(parsing: key), tempo: 90, meter: .fourFour, mood: nil)
            try song.addSection("verse", bars: 4)
            let changes = try ChordChart.changes(for: ChordChart.parse(chart), meter: .fourFour)
            try song.accept(.chords(changes: changes, comping: pattern), as: .chords, from: .person("T"), into: "verse", at: when)
            // A low tune on each chord's root: the comping goes down an octave under it, to
            // where the left hand's bass already is.
            let tune = try changes.map { change in
                Note(start: change.start, duration: 3840, pitch: try Pitch(midi: 48 + (change.chord?.root.pitchClass ?? 0)), velocity: 80)
            }
            try song.writeMelody("verse", notes: tune, author: "T", at: when)
            let performance = try Performance(song: song)
            for track in performance.tracks {
                var sounding: [Int: Ticks] = [:]   // key → when it stops
                for note in track.notes.sorted(by: { ($0.start, $0.key) < ($1.start, $1.key) }) {
                    if let end = sounding[note.key] {
                        #expect(end <= note.start, "\(key) \(pattern): key \(note.key) struck at \(note.start) while sounding until \(end)")
                    }
                    sounding[note.key] = max(sounding[note.key] ?? 0, note.start + note.duration)
                }
            }
        }
    }
}

/// The sustain pedal goes down only under comping that rings (block, ballad, arpeggio),
/// changed with each chord, and stays up through a pulse or stabs: a synthesizer sounds
/// every repeat of a held key as a voice of its own, so a pulse under the pedal stacked
/// 24 voices a bar (a calm->energetic sketch's chorus, 14 LU over its melody).
@Suite("The sustain pedal")
struct SustainPedalTests {
    @Test func thePedalIsUpThroughAPulseAfterABalladVerse() throws {
        let when = Date(timeIntervalSince1970: 0)
        var song = Song(title: "Pedal", authors: ["T"], key: try Key(parsing: "C"), tempo: 90, meter: .fourFour, mood: nil)
        for (name, pattern, chart) in [("verse", CompingPattern.ballad, "| C | Am |"), ("chorus", .pulse, "| F | G |"), ("bridge", .block, "| Am | N.C. |")] {
            try song.addSection(name, bars: 2)
            let changes = try ChordChart.changes(for: ChordChart.parse(chart), meter: .fourFour)
            try song.accept(.chords(changes: changes, comping: pattern), as: .chords, from: .person("T"), into: name, at: when)
        }
        let chords = try #require(try Performance(song: song).tracks.first { $0.part == .chords })
        let pedal = chords.pedal.map { "\($0.0) \($0.1 ? "down" : "up")" }
        // Verse: changed with each chord; chorus (bars 3–4): up at its first chord and held
        // up; bridge (bars 5–6): down under Am, up at the N.C. and at the end.
        #expect(pedal == ["0 up", "30 down", "3840 up", "3870 down", "7680 up", "15360 up", "15390 down", "19200 up", "23040 up"])
    }

    @Test func aSongAllPulseHasNoPedal() throws {
        let when = Date(timeIntervalSince1970: 0)
        var song = Song(title: "Pulse", authors: ["T"], key: try Key(parsing: "C"), tempo: 90, meter: .fourFour, mood: nil)
        try song.addSection("verse", bars: 2)
        let changes = try ChordChart.changes(for: ChordChart.parse("| C | G |"), meter: .fourFour)
        try song.accept(.chords(changes: changes, comping: .pulse), as: .chords, from: .person("T"), into: "verse", at: when)
        let chords = try #require(try Performance(song: song).tracks.first { $0.part == .chords })
        #expect(chords.pedal.isEmpty)
    }
}

/// The climax's tambourine: on every note of the time-keeping cymbals in a song that moves,
/// on the backbeat alone in a slow one (a newcomer heard it on every eighth of a sad
/// ballad's last chorus).
@Suite("The climax's tambourine")
struct ClimaxTambourineTests {
    func hits(eighthsOver bars: Int) -> [DrumHit] {
        (0..<(bars * 8)).map { DrumHit(start: $0 * 480, key: DrumKit.hat, velocity: 80) }
            + (0..<bars).flatMap { bar in [DrumHit(start: bar * 3840, key: DrumKit.kick, velocity: 100), DrumHit(start: bar * 3840 + 960, key: DrumKit.snare, velocity: 100)] }
    }

    /// A slow sketch of `mood` in `style`, accepted as a song.
    func slowSketch(_ mood: Mood, style: String, seed: UInt64) throws -> Song {
        var request = SketchRequest(mood: mood, arc: [], form: nil, style: style, key: nil, tempo: nil, seed: seed, line: "test")
        request.pace = .slow
        let draft = try Sketcher.draft(request)
        var song = Song(title: "Sketch", key: draft.key, tempo: draft.tempo, mood: draft.mood)
        for section in draft.sections { try song.place(section, acceptedAt: Date(timeIntervalSince1970: 0)) }
        try song.arrange(draft.form)
        return song
    }

    @Test func aSlowSongShakesItOnTwoAndFour() {
        #expect(Performance.opensOnTheBackbeat(quarterTempo: 72, meter: .fourFour))
        #expect(!Performance.opensOnTheBackbeat(quarterTempo: 120, meter: .fourFour))
        #expect(!Performance.opensOnTheBackbeat(quarterTempo: 72, meter: try! Meter(parsing: "6/8")))
        let slow = Performance.opened(hits(eighthsOver: 2), backbeatOf: .fourFour).filter { $0.key == DrumKit.tambourine }
        #expect(slow.map(\.start) == [960, 2880, 4800, 6720])
        #expect(slow.allSatisfy { $0.velocity == 56 })
        let moving = Performance.opened(hits(eighthsOver: 2)).filter { $0.key == DrumKit.tambourine }
        #expect(moving.map(\.start) == Array(stride(from: 0, to: 7680, by: 480)))
    }

    /// A groove that shakes a tambourine already gets none where one plays: a folk groove
    /// (tambourine on 2 and 4, shaker eighths, no hi-hat) opens up in a slow song by
    /// nothing, so no climax is claimed; in a song that moves, its tambourine doubles the
    /// shaker's eighths off the backbeat. (A songwriter's render had said "opened up with a
    /// tambourine" of a chorus whose tambourine played as in every other section.)
    @Test func aGrooveThatShakesOneAlreadyIsNotSaidToOpenUp() throws {
        let folk = (0..<16).map { DrumHit(start: $0 * 480, key: DrumKit.shaker, velocity: 70) }
            + (0..<2).flatMap { bar in [960, 2880].map { DrumHit(start: bar * 3840 + $0, key: DrumKit.tambourine, velocity: 64) } }
        #expect(Performance.opened(folk, backbeatOf: .fourFour) == folk.sorted { ($0.start, $0.key) < ($1.start, $1.key) })
        let moving = Performance.opened(folk).filter { $0.key == DrumKit.tambourine }.map(\.start)
        #expect(moving == Array(stride(from: 0, to: 7680, by: 480)))
        #expect(Performance.doubled(folk) == "the shaker's notes" && Performance.doubled(hits(eighthsOver: 1)) == "the hi-hat's and ride's notes")
        let song = try slowSketch(.nostalgic, style: "folk", seed: 3)
        let performance = try Performance(song: song)
        #expect(performance.climax != nil, "the sketch builds to a climax")
        #expect(song.sections.contains { $0.drums?.hits.contains { $0.key == DrumKit.tambourine } == true })
        #expect(performance.climaxDoubles == nil)
    }

    /// A sad ballad's sketch, rendered as a song: its climax's tambourine on 2 and 4 only,
    /// and the performance says so for the render's report.
    @Test func aBalladsClimaxKeepsTheTambourineOnTheBackbeat() throws {
        let performance = try Performance(song: try slowSketch(.sad, style: "ballad", seed: 4))
        let climax = try #require(performance.climax, "the sketch builds to a climax")
        #expect(performance.climaxOnBackbeat)
        #expect(Renderer.balanceNotes(melody: [], over: "the band", pad: 0, ridden: [], climax: "chorus 3", climaxOnBackbeat: true)
                    == ["the climax, chorus 3, opened up: a tambourine on the backbeat (2 and 4)"])
        let start = performance.markers[climax].tick
        let end = climax + 1 < performance.markers.count ? performance.markers[climax + 1].tick : performance.endTick
        let drums = try #require(performance.tracks.first { $0.part == .drums }).notes
        let shaken = drums.filter { $0.key == DrumKit.tambourine && $0.start >= start && $0.start < end }
        // (Played with the groove's micro-timing: within 60 ticks, 40 ms at 72 bpm, of the beat.)
        #expect(!shaken.isEmpty && shaken.allSatisfy { abs(($0.start - start) % 1920 - 960) < 60 }, "\(shaken.map { $0.start - start })")
    }
}

/// What the render plays of a written part.
@Suite("Played notes")
struct PlayedNoteTests {
    /// No key sounds twice at once in a played part: a note that runs into the next start
    /// of its key ends there, two starting together become one (the longer, the louder),
    /// other keys are left alone. A bass's late sixteenth F2 had overlapped the early
    /// downbeat F2 after it, and its note-off cut the downbeat short.
    @Test func aPlayedNoteEndsWhereItsKeyStartsAgain() {
        let notes = [PerformedNote(start: 0, duration: 500, key: 41, velocity: 90),
                     PerformedNote(start: 100, duration: 900, key: 48, velocity: 80),
                     PerformedNote(start: 460, duration: 400, key: 41, velocity: 100),
                     PerformedNote(start: 960, duration: 200, key: 41, velocity: 70),
                     PerformedNote(start: 960, duration: 300, key: 41, velocity: 60)]
        #expect(Performance.separated(notes) == [PerformedNote(start: 0, duration: 460, key: 41, velocity: 90),
                                                 PerformedNote(start: 100, duration: 900, key: 48, velocity: 80),
                                                 PerformedNote(start: 460, duration: 400, key: 41, velocity: 100),
                                                 PerformedNote(start: 960, duration: 300, key: 41, velocity: 70)])
    }

    /// A rendered funk song's bass track, off the grid, never strikes a key still sounding
    /// (eight seeds of grooves and lines, humanized fully).
    @Test func aFunkSongsBassNeverOverlapsItself() throws {
        let data = try Data(contentsOf: projectRoot.appendingPathComponent("sessions/rain-on-glass.cowrite"))
        let date = Date(timeIntervalSince1970: 0)
        var overlapsWritten = 0
        for seed in UInt64(1)...8 {
            var song = try SessionCodec.decode(data, name: "rain-on-glass.cowrite").song
            for name in ["verse", "chorus"] {
                let section = try #require(song.section(named: name))
                let request = GrooveRequest(style: try #require(DrumStyle.named("funk")), energy: 0.8, swing: .off, feel: nil, humanize: 1, count: 1, seed: seed)
                let context = GrooveContext(section: name, meter: song.meter(of: section), bars: section.bars, tempo: song.tempo(of: section))
                try song.accept(try #require(GrooveGenerator.suggest(request, context: context).first), into: name, at: date)
                let drummed = try #require(song.section(named: name))
                let bass = try #require(try BassGenerator.suggest(style: .funk, count: 2, seed: seed, context: LineContext(song: song, section: drummed)).last)
                try song.accept(bass, into: name, at: date)
                // How often the written offsets alone would overlap a note of the same key.
                let notes = try #require(song.section(named: name)?.bass?.notes).sorted { $0.start < $1.start }
                overlapsWritten += zip(notes, notes.dropFirst()).filter { a, b in
                    a.pitch == b.pitch && a.start + a.offset + a.duration > b.start + b.offset
                }.count
            }
            let performance = try Performance(song: song)
            let bass = try #require(performance.tracks.first { $0.part == .bass }).notes
            var sounding: [Int: Ticks] = [:]
            for note in bass {
                #expect(sounding[note.key].map { $0 <= note.start } ?? true, "seed \(seed): \(note)")
                sounding[note.key] = note.start + note.duration
            }
        }
        print("bass notes whose written offsets overlap the next of their key:", overlapsWritten)
        #expect(overlapsWritten > 0)
    }

    /// A section played again is played a little differently: its melody's, bass's and
    /// comping's velocities move by a few steps (at most 3 before the section's dynamics),
    /// with drums or without (every repeat had replayed them as before); the same render
    /// twice plays them the same.
    @Test func aRepeatIsStruckAfresh() throws {
        let data = try Data(contentsOf: projectRoot.appendingPathComponent("sessions/rain-on-glass.cowrite"))
        var song = try SessionCodec.decode(data, name: "rain-on-glass.cowrite").song
        try song.arrange(["verse", "verse"])
        let performance = try Performance(song: song)
        #expect(performance == (try Performance(song: song)))
        let half = performance.markers[1].tick
        for part in [PartKind.melody, .chords] {
            let notes = try #require(performance.tracks.first { $0.part == part }).notes
            let first = notes.filter { $0.start < half - 200 }, second = notes.filter { $0.start >= half + 200 }
            let pairs = first.compactMap { a in second.first { $0.key == a.key && abs($0.start - half - a.start) < 120 }.map { (a.velocity, $0.velocity) } }
            #expect(pairs.count >= first.count / 2, "\(part): \(pairs.count) of \(first.count) matched")
            let moved = pairs.filter { $0.0 != $0.1 }.count
            #expect(moved * 2 >= pairs.count && pairs.allSatisfy { abs($0.0 - $0.1) <= 8 }, "\(part): \(moved) of \(pairs.count) moved")
        }
    }
}
