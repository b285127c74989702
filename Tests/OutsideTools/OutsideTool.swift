import Foundation

/// The outside tools the tests measure Cowrite with — ffmpeg's EBU R128 meter, Python with
/// music21 — run as processes, in one place for every test target. `make deps` installs them.
public enum OutsideTool {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Which of a process's streams to read; the other goes to /dev/null.
    public enum Stream: Sendable { case output, errors }

    /// Runs `executable` with `arguments`: its exit status and the text of one stream.
    public static func run(_ executable: String, _ arguments: [String], reading stream: Stream = .output) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = stream == .output ? pipe : FileHandle.nullDevice
        process.standardError = stream == .errors ? pipe : FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A script of `tools/test` run by python3 (the tests' own drivers, such as a person
    /// typing at a terminal of some size): its exit status and standard output.
    public static func testTool(_ script: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        try run("/usr/bin/env", ["python3", root.appendingPathComponent("tools/test/\(script)").path] + arguments)
    }

    /// A script of `tools/measure` run by python3: its exit status and standard output.
    public static func measure(_ script: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        try run("/usr/bin/env", ["python3", root.appendingPathComponent("tools/measure/\(script)").path] + arguments)
    }

    /// A script of `tools/learn` run by python3: its exit status and standard output.
    public static func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        try run("/usr/bin/env", ["python3", root.appendingPathComponent("tools/learn/\(script)").path] + arguments)
    }

    /// ffmpeg's EBU R128 summary of an audio file, or of `seconds` of it from `start`:
    /// integrated loudness in LUFS and true peak in dBTP (nil where it printed none).
    /// With `others`, of all the files played together (ffmpeg's `amix`, unscaled).
    public static func ebur128(_ path: String, with others: [String] = [], from start: Double? = nil,
                               seconds: Double? = nil) throws -> (integrated: Double?, truePeak: Double?) {
        var arguments = ["-nostats", "-hide_banner"]
        for file in [path] + others {
            if let start { arguments += ["-ss", String(format: "%.3f", start)] }
            if let seconds { arguments += ["-t", String(format: "%.3f", seconds)] }
            arguments += ["-i", file]
        }
        let inputs = (0...others.count).map { "[\($0):a]" }.joined()
        let filter = others.isEmpty ? "ebur128=peak=true" : "\(inputs)amix=inputs=\(others.count + 1):normalize=0,ebur128=peak=true"
        arguments += ["-filter_complex", filter, "-f", "null", "-"]
        let text = try run("/usr/bin/ffmpeg", arguments, reading: .errors).text
        // The summary ends with "Integrated loudness:\n    I:  -14.2 LUFS" … "True peak:\n    Peak:  -1.3 dBFS".
        func value(after heading: String, label: String) -> Double? {
            guard let range = text.range(of: heading, options: .backwards), let mark = text[range.upperBound...].range(of: label) else { return nil }
            return Double(text[mark.upperBound...].split(separator: " ").first.map(String.init) ?? "")
        }
        return (value(after: "Integrated loudness:", label: "I:"), value(after: "True peak:", label: "Peak:"))
    }
}
