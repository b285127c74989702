@testable import AudioRender
import Foundation
import Testing

/// A render's scratch tape gives back what went on it, read in any ranges, across its
/// 1 MB chunks, the partial last one, frames past its end, and frames added after a read.
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
            #expect(fromTape == fromMemory, "frames \(range) of \(tape.frames)")
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
            #expect(reused == expected)
        }
        // Frames added after reading go on where the partial chunk left off.
        try append(200_000)
        for range in [300_000..<320_000, 0..<506_174, 506_000..<506_174] { try check(range) }
    }
}
