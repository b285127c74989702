import Testing
@testable import MusicTheory

@Suite("Meters and musical time")
struct TimeTests {
    @Test("bars and beats", arguments: [
        ("4/4", 3840, 4, 960), ("3/4", 2880, 3, 960), ("2/4", 1920, 2, 960), ("6/8", 2880, 2, 1440),
        ("12/8", 5760, 4, 1440), ("5/4", 4800, 5, 960), ("7/8", 3360, 7, 480), ("2/2", 3840, 2, 1920),
    ])
    func meters(text: String, bar: Int, beats: Int, beat: Int) throws {
        let meter = try Meter(parsing: text)
        #expect(meter.ticksPerBar == bar)
        #expect(meter.beatsPerBar == beats)
        #expect(meter.ticksPerBeat == beat)
        #expect(meter.description == text)
    }

    @Test("bad meters", arguments: ["4", "4/3", "0/4", "33/4", "a/b", "4/4/4", ""])
    func badMeters(text: String) {
        #expect(throws: MusicTheoryError.badMeter(text)) { try Meter(parsing: text) }
    }

    @Test("tick ↔ bar.beat conversion round-trips in every meter")
    func conversion() throws {
        for text in ["4/4", "3/4", "2/4", "6/8", "12/8", "5/4", "7/8"] {
            let meter = try Meter(parsing: text)
            for tick in stride(from: 0, to: meter.ticksPerBar * 5, by: 120) {
                #expect(meter.ticks(at: meter.position(of: tick)) == tick)
            }
        }
        #expect(Meter.fourFour.position(of: 5760 + 240).description == "2.3+240")
        #expect(Meter.fourFour.ticks(at: BarBeat(bar: 3, beat: 1)) == 7680)
    }

    @Test("note values", arguments: [
        ("1", 3840), ("2", 1920), ("4", 960), ("8", 480), ("16", 240), ("32", 120), ("4.", 1440), ("8.", 720),
        ("8t", 320), ("4t", 640), ("2.", 2880), ("16t", 160),
    ])
    func noteValues(text: String, ticks: Int) throws {
        #expect(try NoteValue(parsing: text).ticks == ticks)
    }

    @Test("durations are spelled back as written values", arguments: [
        (960, "4"), (1440, "4."), (3840, "1"), (1200, "4 16"), (320, "8t"), (2880, "2."), (4800, "1 4"), (1280, "2t"), (1600, "4 4t"),
    ])
    func spell(ticks: Int, written: String) {
        let values = NoteValue.spell(ticks)
        #expect(values.map(\.description).joined(separator: " ") == written)
        #expect(values.map(\.ticks).reduce(0, +) == ticks)
    }
}

@Suite("Places in a section")
struct BarBeatParsingTests {
    @Test("BAR.BEAT[.STEP] reads in simple and compound meters", arguments: [
        ("2.3", "4/4", 3840 + 1920), ("2.3.3", "4/4", 3840 + 1920 + 480), ("1.2.2", "6/8", 1440 + 480), ("3.1", "3/4", 5760),
    ])
    func reads(text: String, meter: String, ticks: Int) throws {
        let meter = try Meter(parsing: meter)
        #expect(meter.ticks(at: try BarBeat(parsing: text, meter: meter, bars: 4)) == ticks)
    }

    @Test("places outside the section are refused with the rule", arguments: ["5.1", "1.5", "1.1.5", "0.1", "x.2", "1", "1.2.3.4", "1..2"])
    func refuses(text: String) {
        #expect(throws: MusicTheoryError.badPosition(text, bars: 4, beats: 4, steps: 4)) {
            try BarBeat(parsing: text, meter: .fourFour, bars: 4)
        }
    }
}
