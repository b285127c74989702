/// Musical time in integer ticks: 960 to the quarter note.
///
/// 960 divides evenly by 2, 3, 4, 5, 6, 8, 12, 16, 32 and 64, so straight notes down to
/// 64ths, triplets and quintuplets all land on whole ticks, and arithmetic stays exact.
/// Micro-timing offsets are also ticks (one tick is about 0.5 ms at 120 bpm).
public typealias Ticks = Int

public enum MusicalTime {
    /// Ticks per quarter note.
    public static let ticksPerQuarter: Ticks = 960
}

/// A place in a section: bar, beat (both from 1) and ticks past the beat.
public struct BarBeat: Sendable, Hashable, CustomStringConvertible {
    public var bar: Int
    public var beat: Int
    public var tick: Ticks

    public init(bar: Int, beat: Int, tick: Ticks = 0) {
        self.bar = bar
        self.beat = beat
        self.tick = tick
    }

    /// "3.2" on a beat, "3.2+240" between beats.
    public var description: String {
        "\(bar).\(beat)" + (tick == 0 ? "" : "+\(tick)")
    }
}

extension Meter {
    /// The tick offset of a bar and beat from the start of a section in this meter.
    ///
    /// ```swift
    /// Meter.fourFour.ticks(at: BarBeat(bar: 2, beat: 3))   // 5760
    /// ```
    public func ticks(at position: BarBeat) -> Ticks {
        (position.bar - 1) * ticksPerBar + (position.beat - 1) * ticksPerBeat + position.tick
    }

    /// The bar and beat of a tick offset from the start of a section in this meter.
    public func position(of ticks: Ticks) -> BarBeat {
        let bar = ticks / ticksPerBar
        let inBar = ticks - bar * ticksPerBar
        return BarBeat(bar: bar + 1, beat: inBar / ticksPerBeat + 1, tick: inBar % ticksPerBeat)
    }
}

extension BarBeat {
    /// Reads "2.3" (bar 2, beat 3) or "2.3.2" (its second step: sixteenths, or eighths in a
    /// compound meter), as writers place hits and notes; checked against a section of `bars`
    /// bars in `meter`.
    public init(parsing text: String, meter: Meter, bars: Int) throws(MusicTheoryError) {
        let steps = meter.stepsPerBeat
        let error = MusicTheoryError.badPosition(text, bars: bars, beats: meter.beatsPerBar, steps: steps)
        let fields = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(fields.count), fields.allSatisfy({ $0 != nil }) else { throw error }
        let bar = fields[0] ?? 0, beat = fields[1] ?? 0, step = fields.count == 3 ? (fields[2] ?? 0) : 1
        guard (1...max(bars, 1)).contains(bar), (1...meter.beatsPerBar).contains(beat), (1...steps).contains(step) else { throw error }
        self.init(bar: bar, beat: beat, tick: (step - 1) * (meter.ticksPerBeat / steps))
    }
}

extension Meter {
    /// Grid steps in a counted beat: four sixteenths, or three eighths in a compound meter.
    public var stepsPerBeat: Int { isCompound ? 3 : 4 }
}
