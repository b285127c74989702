@testable import AudioRender
import Foundation
import MusicTheory
import Testing

/// A stem's bar levels and its section loudness, measured as its frames come (read back,
/// or as it is synthesized): each bar's the figures, to the bit, of a meter started afresh
/// on the bar's own frames; each section's within 0.002 LU of a meter started on the
/// section (one filter serves both, started afresh at each bar: `StemMeasure`); and the
/// same figures to the bit however the frames come in blocks.
@Suite("Bar levels")
struct BarLevelsTests {
    /// Twenty seconds of a tone that swells and rests, with a burst of noise: loud bars,
    /// quiet bars and silent ones.
    static func stem(frames: Int, sampleRate: Int) -> StemMemory {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var left = [Float](repeating: 0, count: frames), right = left
        for frame in 0..<frames {
            let second = Double(frame) / Double(sampleRate)
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Float(Int64(bitPattern: state >> 11) % 1000) / 4000
            let swell = Float(max(0, sin(second * 1.3)))
            let tone = Float(sin(2 * Double.pi * 220 * second)) * swell
            let resting = (6.0..<8.5).contains(second)
            left[frame] = resting ? 0 : tone * 0.5 + ((9.0..<9.6).contains(second) ? noise : 0)
            right[frame] = resting ? 0 : tone * 0.3
        }
        let memory = StemMemory()
        left.withUnsafeBufferPointer { l in right.withUnsafeBufferPointer { r in memory.append(left: l.baseAddress!, right: r.baseAddress!, count: frames) } }
        return memory
    }

    /// Each bar's and each section's figures with a meter of its own, fed that stretch's
    /// frames in one call (silence past the stem's end): what the balance means by them.
    static func reference(_ stem: StemMemory, bars: [(ticks: Range<Ticks>, start: Int, end: Int)], spans: [Range<Int>],
                          sampleRate: Int) -> (loudness: [Double], rms: [Double], spans: [Double]) {
        func stretch(_ range: Range<Int>) -> StereoBuffer {
            var buffer = StereoBuffer(frames: 0)
            stem.read(range, into: &buffer)
            return buffer
        }
        func loudness(_ buffer: StereoBuffer) -> Double {
            var meter = GatedLoudness(sampleRate: sampleRate)
            buffer.left.withUnsafeBufferPointer { l in
                buffer.right.withUnsafeBufferPointer { r in meter.add(left: l.baseAddress!, right: r.baseAddress!, count: buffer.frames) }
            }
            return meter.integrated
        }
        let barFrames = bars.map { stretch($0.start..<$0.end) }
        let rms = barFrames.map { buffer in
            var energy = 0.0
            for index in 0..<buffer.frames { energy += Double(buffer.left[index] * buffer.left[index] + buffer.right[index] * buffer.right[index]) }
            return 10 * log10(energy / Double(buffer.frames) + 1e-20)
        }
        return (barFrames.map(loudness), rms, spans.map { loudness(stretch($0)) })
    }

    @Test func barsAndSectionsFromOneReadAreTheFiguresOfTwo() throws {
        let rate = 44100, frames = 20 * rate
        let stem = Self.stem(frames: frames, sampleRate: rate)
        // Bars of uneven length (a tempo change) up to 17 s, the ring-out after them;
        // sections that do not start on a bar's frame, and a last one to the tape's end.
        let (bars, spans) = Self.layout(rate: rate, end: frames)
        let both = try #require(try BarLevels.of(stem, bars: bars, spans: spans, sampleRate: rate))
        let levels = try #require(try BarLevels.of(stem, bars: bars, sampleRate: rate))
        let reference = Self.reference(stem, bars: bars, spans: spans, sampleRate: rate)
        let sections = reference.spans
        #expect(both.levels.loudness == reference.loudness && levels.loudness == reference.loudness)
        #expect(both.levels.rms == reference.rms && levels.rms == reference.rms)
        #expect(zip(both.spans, sections).allSatisfy { $0 == $1 || abs($0 - $1) < 0.002 }, "\(both.spans) against \(sections)")
        // Figures that mean something: loud and silent bars, an empty section.
        #expect(levels.loudness.contains { $0 > -30 } && levels.loudness.contains { $0 == -.infinity })
        #expect(sections[2] == -.infinity && sections[3].isFinite)
    }

    /// The bars and sections of the test stem: bars of uneven length up to 17 s, sections
    /// that do not start on a bar's frame, one of them empty, the last to `end`.
    static func layout(rate: Int, end: Int) -> (bars: [(ticks: Range<Ticks>, start: Int, end: Int)], spans: [Range<Int>]) {
        var bars: [(ticks: Range<Ticks>, start: Int, end: Int)] = []
        var start = 0, tick: Ticks = 0
        for index in 0..<9 {
            let stop = min(17 * rate, start + (index < 5 ? 2 * rate : 7 * rate / 4))
            bars.append((tick..<(tick + 1920), start, stop))
            start = stop
            tick += 1920
        }
        return (bars, [0..<(5 * rate + 17), (5 * rate + 17)..<(11 * rate), (11 * rate)..<(11 * rate), (11 * rate)..<end])
    }

    /// Measured as the part is synthesized, in blocks of any size, the last section heard
    /// to the end of a longer part (silence past this one's end): each bar's and section's
    /// own meter's figures over the finished stem, to the bit.
    @Test func aPartMeasuredAsItIsMadeHasTheFiguresReadBackOffItsTape() throws {
        let rate = 44100, frames = 20 * rate, longest = frames + 2 * rate + 5
        let stem = Self.stem(frames: frames, sampleRate: rate)
        let (bars, spans) = Self.layout(rate: rate, end: longest)
        let tape = StemMemory()
        let measure = StemMeasure(recording: tape, bars: bars, sampleRate: rate,
                                  sections: spans.dropLast() + [spans.last!.lowerBound..<(spans.last!.lowerBound + 1)])
        var done = 0, size = 1
        while done < frames {
            let count = min(frames - done, size)
            try stem.buffer.left.withUnsafeBufferPointer { l in
                try stem.buffer.right.withUnsafeBufferPointer { r in
                    try measure.append(left: l.baseAddress! + done, right: r.baseAddress! + done, count: count)
                }
            }
            done += count
            size = (size * 7 + 4_409) % 50_000 + 1
        }
        #expect(tape.buffer.left == stem.buffer.left && tape.buffer.right == stem.buffer.right, "every block passed on")
        let measured = try #require(measure.finish(frames: longest))
        let read = Self.reference(stem, bars: bars, spans: spans, sampleRate: rate)
        #expect(measured.levels.loudness == read.loudness)
        #expect(measured.levels.rms == read.rms)
        #expect(zip(measured.spans, read.spans).allSatisfy { $0 == $1 || abs($0 - $1) < 0.002 }, "\(measured.spans) against \(read.spans)")
        // Read back off its tape in blocks of another size: the same figures to the bit.
        let readBack = try #require(try BarLevels.of(tape, bars: bars, spans: spans, sampleRate: rate))
        #expect(readBack.levels.loudness == measured.levels.loudness && readBack.levels.rms == measured.levels.rms)
        #expect(readBack.spans == measured.spans)
        #expect(measured.spans.last!.isFinite && measured.spans[2] == -.infinity)
    }
}
