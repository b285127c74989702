import CSndfile
import Foundation
import Testing
@testable import AudioRender

/// The file under a render's audio files: what libsndfile writes, in the order it writes
/// it, is what the file holds, whether the bytes went past the page cache or through it.
@Suite("Buffered output")
struct BufferedOutputTests {
    /// The flags the kernel holds for an open descriptor (`/proc/self/fdinfo`), octal.
    func flags(_ descriptor: Int32) -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/fdinfo/\(descriptor)", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("flags:") } ?? ""
        return Int(line.split(separator: "\t").last.map(String.init) ?? "", radix: 8) ?? 0
    }

    @Test func writesLandWhereTheyWereAskedAndStreamPastThePageCache() throws {
        let path = temporaryFolder() + "/out.bin"
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL, 0o644)
        #expect(descriptor >= 0)
        var expected: [UInt8] = []
        func put(_ bytes: [UInt8], at offset: Int, into output: BufferedOutput) {
            _ = output.seek(offset, whence: SEEK_SET)
            #expect(bytes.withUnsafeBytes { output.write($0) } == bytes.count)
            if expected.count < offset + bytes.count { expected += [UInt8](repeating: 0, count: offset + bytes.count - expected.count) }
            expected.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        }
        do {
            let output = BufferedOutput(descriptor: descriptor)
            // A header, rewritten while it is still pending, as libsndfile does on opening.
            put(Array(repeating: 1, count: 44), at: 0, into: output)
            put(Array(repeating: 2, count: 900), at: 0, into: output)
            // Then audio in odd-sized writes, well past the buffer: 3.3 MB.
            var offset = 900
            for index in 0..<1_000 {
                let bytes = (0..<(3_000 + index % 700)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
                put(bytes, at: offset, into: output)
                offset += bytes.count
            }
            // Where the file system takes direct writes, the stream went past the cache.
            let probe = open(temporaryFolder() + "/probe", O_RDWR | O_CREAT, 0o644)
            let directAllowed = fcntl(probe, F_SETFL, fcntl(probe, F_GETFL) | cowrite_o_direct) == 0
            close(probe)
            if directAllowed { #expect(flags(descriptor) & Int(cowrite_o_direct) != 0, "the descriptor writes past the page cache") }
            // The header finished last, as libsndfile closes a file: back to ordinary writes.
            put(Array(repeating: 3, count: 36), at: 4, into: output)
            #expect(output.flush())
            #expect(flags(descriptor) & Int(cowrite_o_direct) == 0)
            #expect(output.fileLength == expected.count)
        }
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written.count == expected.count)
        #expect(written == expected)
    }

    /// A megabyte goes to the file on a thread of its own while the next fills: a write
    /// that fails there (a full disk: `/dev/full`) still stops the file, at the next full
    /// megabyte or the flush, with the disk's reason.
    @Test func aWriteThatFailsOnItsThreadStopsTheFile() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        let output = BufferedOutput(descriptor: descriptor)
        let megabyte = [UInt8](repeating: 7, count: BufferedOutput.capacity)
        // The first megabyte is accepted and sent; the second waits for it and learns.
        #expect(megabyte.withUnsafeBytes { output.write($0) } == megabyte.count)
        var refused = false
        for _ in 0..<3 where !refused { refused = megabyte.withUnsafeBytes { output.write($0) } == 0 }
        #expect(refused)
        #expect(output.failure == ENOSPC)
        #expect(!output.flush())
        // Nothing more is taken.
        #expect([UInt8](repeating: 1, count: 10).withUnsafeBytes { output.write($0) } == 0)
    }
}
