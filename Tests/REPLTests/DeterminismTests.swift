import Foundation
import Testing

/// SHA-256 of a file, by the system's `sha256sum`.
func sha256(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}

/// The true peak of an audio file as ffmpeg's EBU R128 filter measures it, in dBTP; nil
/// when ffmpeg is not installed.
func ffmpegTruePeak(_ path: String) throws -> Double? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
    process.arguments = ["-nostats", "-hide_banner", "-i", path, "-filter_complex", "ebur128=peak=true", "-f", "null", "-"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // The summary ends with "True peak:\n    Peak:  -1.3 dBFS".
    let text = String(decoding: data, as: UTF8.self)
    guard let range = text.range(of: "True peak:", options: .backwards) else { return nil }
    let tail = text[range.upperBound...]
    guard let peak = tail.range(of: "Peak:") else { return nil }
    return Double(tail[peak.upperBound...].split(separator: " ").first.map(String.init) ?? "")
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
        if let peak = try ffmpegTruePeak(folder + "/out-0-0/mix.wav") {
            #expect(peak <= -1.0, "ffmpeg measured \(peak) dBTP")
        }
    }
}
