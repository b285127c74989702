/// A time signature: 4/4, 3/4, 6/8, 7/8 …
///
/// A bar's length in ticks follows the signature. The counted beat follows how players
/// count: the written note value in simple meters, and the dotted value in compound ones
/// (6/8, 9/8 and 12/8 count 2, 3 and 4 dotted quarters).
public struct Meter: Sendable, Hashable, CustomStringConvertible {
    public var beats: Int
    public var unit: Int

    public static let fourFour = Meter(uncheckedBeats: 4, unit: 4)
    public static let threeFour = Meter(uncheckedBeats: 3, unit: 4)
    public static let sixEight = Meter(uncheckedBeats: 6, unit: 8)

    /// Note values a signature may count in.
    public static let units = [1, 2, 4, 8, 16, 32]

    public init(beats: Int, unit: Int) throws(MusicTheoryError) {
        guard (1...32).contains(beats), Meter.units.contains(unit) else {
            throw .badMeter("\(beats)/\(unit)")
        }
        self.beats = beats
        self.unit = unit
    }

    init(uncheckedBeats beats: Int, unit: Int) {
        self.beats = beats
        self.unit = unit
    }

    /// "6/8".
    public var description: String { "\(beats)/\(unit)" }

    /// The note a tempo in this meter counts: "quarter" in 4/4, "eighth" in 7/8, "dotted
    /// quarter" in 12/8 (as the replies, the provenance and the lead sheets name it).
    public var beatName: String { isCompound ? "dotted " + Meter.noteName(unit / 2) : Meter.noteName(unit) }

    /// A written unit's name: 2 "half", 4 "quarter", 8 "eighth", 16 "sixteenth".
    public static func noteName(_ unit: Int) -> String {
        [1: "whole", 2: "half", 4: "quarter", 8: "eighth", 16: "sixteenth", 32: "thirty-second"][unit] ?? "1/\(unit)"
    }

    /// Ticks in one written unit (an eighth in 6/8 is 480).
    public var ticksPerUnit: Ticks { MusicalTime.ticksPerQuarter * 4 / unit }

    /// Ticks in one bar.
    public var ticksPerBar: Ticks { beats * ticksPerUnit }

    /// True for compound meters, whose beat is a dotted note (6/8, 9/8, 12/8).
    public var isCompound: Bool { unit >= 8 && beats > 3 && beats % 3 == 0 }

    /// Counted beats per bar: 4 in 4/4, 2 in 6/8, 7 in 7/8.
    public var beatsPerBar: Int { isCompound ? beats / 3 : beats }

    /// Ticks in one counted beat.
    public var ticksPerBeat: Ticks { isCompound ? ticksPerUnit * 3 : ticksPerUnit }

    /// Quarter notes per minute for `tempo` counted beats per minute (a dotted quarter is
    /// the beat in 6/8, so 60 there is 90 quarters): the clock MIDI and the renderer use.
    public func quarterTempo(beatsPerMinute tempo: Int) -> Double {
        Double(tempo) * Double(ticksPerBeat) / Double(MusicalTime.ticksPerQuarter)
    }

    /// The tempo, in this meter's beats, that goes at `quarters` quarter notes a minute
    /// (rounded): 100 is 200 in 7/8 and 67 in 6/8. A meter of another beat keeps its pace.
    public func tempo(forQuarterTempo quarters: Double) -> Int {
        Int((quarters * Double(MusicalTime.ticksPerQuarter) / Double(ticksPerBeat)).rounded())
    }

    /// How a tempo in this meter reads where its beat is not a quarter note: "" in 4/4 and
    /// 3/4, " (the eighth; 124 quarter notes a minute)" for 248 in 7/8, " (the dotted
    /// quarter; 186 quarter notes a minute)" for 124 in 12/8. Why: a newcomer read a 7/8
    /// sketch's "248 bpm" as a very fast song, where a DAW shows 124.
    public func tempoInQuarters(_ tempo: Int) -> String {
        guard ticksPerBeat != MusicalTime.ticksPerQuarter else { return "" }
        let tenths = Int((quarterTempo(beatsPerMinute: tempo) * 10).rounded())
        let shown = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        return " (the \(beatName); \(shown) quarter notes a minute)"
    }

    /// Parses "4/4", "6/8", "7/8".
    public init(parsing text: String) throws(MusicTheoryError) {
        let parts = text.trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let beats = Int(parts[0]), let unit = Int(parts[1]) else {
            throw .badMeter(text)
        }
        do {
            try self.init(beats: beats, unit: unit)
        } catch {
            throw .badMeter(text)
        }
    }
}

