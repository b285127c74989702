@testable import AudioRender
import Foundation
import Testing

/// A render's scratch tape gives back what went on it, each sample within 2^-23 of its
/// chunk's loudest (24-bit steps of a power of two), read in any ranges, across its chunks
/// of 131,072 frames, the partial last one, frames past its end, and frames added after a
/// read; samples on the steps, and silence, come back exactly.
@Suite struct StemTapeTests {
    /// Past the page cache (where the file system allows it, as this machine's does) and
    /// through it, as on a file system that refuses direct transfers.
    @Test(arguments: [true, false])
    func aTapeReadsBackWhatWasAppended(direct: Bool) throws {
        let folder = try Folder.open(temporaryFolder(), create: true)
        let tape = try StemTape(in: folder, for: "test", direct: direct)
        if !direct { #expect(!tape.isDirect) }
        let memory = StemMemory()
        var state: UInt64 = 7
        func next(_ below: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % below
        }
        func append(_ count: Int) throws {
            let left = (0..<count).map { _ in Float(next(2_000_001) - 1_000_000) / 1_000_000 }
            let right = (0..<count).map { _ in Float(next(2_000_001) - 1_000_000) / 1_000_000 }
            try tape.append(left: left, right: right, count: count)
            memory.append(left: left, right: right, count: count)
        }
        func check(_ range: Range<Int>) throws {
            var fromTape = StereoBuffer(frames: 0), fromMemory = StereoBuffer(frames: 0)
            try tape.read(range, into: &fromTape)
            memory.read(range, into: &fromMemory)
            #expect(StemTapeTests.withinSteps(fromTape, fromMemory, first: range.lowerBound, of: memory.buffer), "frames \(range) of \(tape.frames)")
        }
        // Two and a half chunks, in pieces that do not fit the chunks.
        for size in [1, 44100, 100_000, 131_071, 2, 30_000] { try append(size) }
        #expect(tape.frames == memory.frames)
        for range in [0..<10, 131_000..<131_200, 131_072..<262_144, 250_000..<320_000, 0..<306_174, 306_000..<310_000] { try check(range) }
        var reused = StereoBuffer(frames: 65_536)
        for _ in 0..<20 {
            let start = next(tape.frames + 1000), length = next(70_000) + 1
            try check(start..<(start + length))
            // A caller's block of the same size is filled again, silence past the end.
            let range = start..<(start + 65_536)
            try tape.read(range, into: &reused)
            var expected = StereoBuffer(frames: 0)
            memory.read(range, into: &expected)
            #expect(StemTapeTests.withinSteps(reused, expected, first: range.lowerBound, of: memory.buffer))
        }
        // Frames added after reading go on where the partial chunk left off.
        try append(200_000)
        for range in [300_000..<320_000, 0..<506_174, 506_000..<506_174] { try check(range) }
    }

    /// Chunks held in memory (`TapeMemory`) read back exactly as chunks on the file do, in
    /// any ranges, across the edge between them, a partial last chunk held and then
    /// filled; tapes sharing a budget take it first come, first served, and a tape with
    /// none holds nothing.
    @Test func chunksHeldInMemoryReadAsChunksOnTheFile() throws {
        let folder = try Folder.open(temporaryFolder(), create: true)
        let chunk = StemTape.chunkFrames
        let budget = TapeMemory(bytes: 3 * StemTape.chunkCapacity + 100)
        let held = try StemTape(in: folder, for: "test", memory: budget)
        let onFile = try StemTape(in: folder, for: "test")
        var state: UInt64 = 11
        func noise(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(Int(state >> 33) % 2_000_001 - 1_000_000) / 1_000_000
            }
        }
        func append(_ count: Int) throws {
            let left = noise(count), right = noise(count)
            for tape in [held, onFile] { try tape.append(left: left, right: right, count: count) }
        }
        func same(_ range: Range<Int>) throws -> Bool {
            var a = StereoBuffer(frames: 0), b = StereoBuffer(frames: 0)
            try held.read(range, into: &a)
            try onFile.read(range, into: &b)
            return a == b
        }
        // Half a chunk, read (the partial chunk goes to its place, here memory), then filled.
        try append(chunk / 2)
        #expect(try same(0..<(chunk / 2)) && held.heldChunks == 1)
        try append(chunk / 2 + 17)
        for size in [99_999, 131_072, 200_000, 5] { try append(size) }
        #expect(held.heldChunks == 3 && onFile.heldChunks == 0 && !budget.take(StemTape.chunkCapacity))
        for range in [0..<10, (chunk - 5)..<(chunk + 5), (3 * chunk - 100)..<(3 * chunk + 100), 0..<held.frames, (held.frames - 10)..<(held.frames + 10)] {
            #expect(try same(range), "frames \(range)")
        }
        // Blocks in order, as mastering reads them, twice over.
        for _ in 0..<2 {
            var start = 0
            while start < held.frames {
                #expect(try same(start..<(start + 65_536 + 220)))
                start += 65_536
            }
        }
        // A second tape on the spent budget holds nothing.
        let late = try StemTape(in: folder, for: "test", memory: budget)
        let left = noise(chunk), right = noise(chunk)
        try late.append(left: left, right: right, count: chunk)
        var read = StereoBuffer(frames: 0)
        try late.read(0..<chunk, into: &read)
        #expect(late.heldChunks == 0 && read.frames == chunk)
    }

    /// Whether `read` (frames from `first`) is `expected` to within 2^-23 of the peak of
    /// each sample's chunk and channel in `whole`.
    static func withinSteps(_ read: StereoBuffer, _ expected: StereoBuffer, first: Int, of whole: StereoBuffer) -> Bool {
        guard read.frames == expected.frames else { return false }
        let chunk = StemTape.chunkFrames
        func peak(_ channel: [Float], _ index: Int) -> Float {
            let lower = min(index * chunk, channel.count), upper = min(lower + chunk, channel.count)
            return channel[lower..<upper].map(abs).max() ?? 0
        }
        var peaks: [Int: (Float, Float)] = [:]
        for frame in 0..<read.frames {
            let index = (first + frame) / chunk
            if peaks[index] == nil { peaks[index] = (peak(whole.left, index), peak(whole.right, index)) }
            let (left, right) = peaks[index]!
            if abs(read.left[frame] - expected.left[frame]) > left * 0x1p-23 { return false }
            if abs(read.right[frame] - expected.right[frame]) > right * 0x1p-23 { return false }
        }
        return true
    }

    /// Samples already on a chunk's steps come back to the bit, a quiet chunk keeps its
    /// precision under its own peak (not full scale's), and silence is silence.
    @Test func stepsAreExactAndEachChunkKeepsItsOwnPrecision() throws {
        let folder = try Folder.open(temporaryFolder(), create: true)
        let tape = try StemTape(in: folder, for: "test")
        let chunk = StemTape.chunkFrames
        // Chunk 0: on the 24-bit steps of full scale; chunk 1: a thousandth as loud, off
        // the steps; chunk 2: silence; the partial chunk 3: the left loud, the right quiet.
        let onSteps = (0..<chunk).map { Float(($0 * 7919) % 8_388_607 - 4_194_303) / 8_388_608 }
        let quiet = (0..<chunk).map { Float(sin(Double($0) * 0.01)) * 0.001 }
        let silence = [Float](repeating: 0, count: chunk)
        let loud = (0..<1000).map { Float(sin(Double($0) * 0.3)) * 0.9 }, faint = (0..<1000).map { Float(sin(Double($0) * 0.3)) * 1e-6 }
        try tape.append(left: onSteps, right: onSteps, count: chunk)
        try tape.append(left: quiet, right: quiet, count: chunk)
        try tape.append(left: silence, right: silence, count: chunk)
        try tape.append(left: loud, right: faint, count: 1000)
        var read = StereoBuffer(frames: 0)
        try tape.read(0..<chunk, into: &read)
        #expect(read.left == onSteps && read.right == onSteps)
        try tape.read(chunk..<(2 * chunk), into: &read)
        let quietError = zip(read.left, quiet).map { abs($0 - $1) }.max() ?? 1
        #expect(quietError <= 0.001 * 0x1p-23 && quietError > 0)
        try tape.read((2 * chunk)..<(3 * chunk), into: &read)
        #expect(read.left == silence && read.right == silence)
        try tape.read((3 * chunk)..<(3 * chunk + 1000), into: &read)
        #expect(zip(read.right, faint).allSatisfy { abs($0 - $1) <= 1e-6 * 0x1p-23 })
        #expect(zip(read.left, loud).allSatisfy { abs($0 - $1) <= 0.9 * 0x1p-23 })
        // Steps are powers of two, the loudest sample under full scale.
        #expect(StemTape.steps(peak: 0.9) == (1, 0x1p-23))
        #expect(StemTape.steps(peak: 1.5) == (0.5, 0x1p-22))
        #expect(StemTape.steps(peak: 0) == (0, 0))
    }

    /// A tape takes the bytes its music needs (`cowrite_tape_encode`), on the file and
    /// held in memory alike, and reads back the same: a low note sung in the middle, then
    /// silence, take under a quarter of the chunks' 24-bit steps; noise takes them all.
    @Test func aTapeTakesTheBytesItsMusicNeeds() throws {
        let folder = try Folder.open(temporaryFolder(), create: true)
        let chunk = StemTape.chunkFrames
        let tone = (0..<(2 * chunk)).map { 0.5 * sin(Float($0) * 0.02) * exp(-Float($0) / 100_000) }
        var state: UInt64 = 1
        let noise = (0..<chunk).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
        }
        let silence = [Float](repeating: 0, count: chunk)
        for budget in [nil, TapeMemory(bytes: 64 << 20)] {
            let music = try StemTape(in: folder, for: "test", memory: budget)
            try music.append(left: tone, right: tone, count: tone.count)
            try music.append(left: silence, right: silence, count: chunk)
            #expect(music.encodedBytes < 3 * 6 * chunk / 4, "\(music.encodedBytes) bytes for three chunks")
            #expect(music.heldChunks == (budget == nil ? 0 : 3))
            var read = StereoBuffer(frames: 0)
            try music.read(0..<(3 * chunk), into: &read)
            let whole = StereoBuffer(left: tone + silence, right: tone + silence)
            #expect(Self.withinSteps(read, whole, first: 0, of: whole))
            let loud = try StemTape(in: folder, for: "test", memory: budget)
            try loud.append(left: noise, right: noise.reversed(), count: chunk)
            #expect(loud.encodedBytes > 6 * chunk * 9 / 10 && loud.encodedBytes <= StemTape.chunkCapacity)
        }
    }
}
