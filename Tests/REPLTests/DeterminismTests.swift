import Foundation
import OutsideTools
import Testing

/// SHA-256 of a file, by the system's `sha256sum`.
func sha256(_ path: String) throws -> String {
    String(try OutsideTool.run("/usr/bin/sha256sum", [path]).text.prefix(64))
}

@Suite("Renders repeat", .serialized)
struct DeterminismTests {
    /// Six renders of one sketched session, three processes at a time (both cores busy),
    /// give one mix and one set of stems, byte for byte. FluidSynth's first synth in a
    /// process used to race with the others made at the same moment and play without its
    /// velocity or pan modulators.
    @Test func concurrentRendersAreByteIdentical() throws {
        let folder = try temporaryFolder()
        let made = try cowrite(["run", "/dev/stdin"], in: folder, input: """
            sketch "Same Every Time" seed=11 form=verse,chorus --accept
            set verse bars=4
            set chorus bars=4
            save same

            """)
        #expect(made.status == 0, "\(made.errors)")
        var digests: [[String]] = []
        for round in 0..<2 {
            let processes = try (0..<3).map { index -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: cowriteBinary)
                process.arguments = ["render", "same", "--stems", "-o", "out-\(round)-\(index)"]
                process.currentDirectoryURL = URL(fileURLWithPath: folder)
                process.environment = cowriteEnvironment(folder)
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for (index, process) in processes.enumerated() {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
                let out = folder + "/out-\(round)-\(index)"
                let stems = try FileManager.default.contentsOfDirectory(atPath: out + "/stems").sorted()
                #expect(stems.count >= 2)
                digests.append(try ([out + "/mix.wav"] + stems.map { out + "/stems/" + $0 }).map(sha256))
            }
        }
        #expect(digests.count == 6)
        #expect(Set(digests).count == 1, "\(digests)")
        // The ceiling holds as an independent meter reads it.
        let peak = try #require(try OutsideTool.ebur128(folder + "/out-0-0/mix.wav").truePeak, "ffmpeg is needed: run `make deps`")
        #expect(peak <= -1.0, "ffmpeg measured \(peak) dBTP")
    }
}
