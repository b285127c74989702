import Foundation
import Testing

/// Ten thousand seeded random commands — engine requests, accepts, edits, undo and
/// redo, saves, section renders, and about a quarter refused as bad input — on one
/// workspace, in the `cowrite-soak` program (its own process, so that its resident
/// memory is its own).
@Suite("Soak")
struct SoakTests {
    @Test func tenThousandCommandsRunWithoutACrashFlatMemoryAndAnEqualReload() throws {
        let binary = URL(fileURLWithPath: cowriteBinary).deletingLastPathComponent().appendingPathComponent("cowrite-soak").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["10000", "7"]
        process.environment = ["COWRITE_HELP": projectRoot.appendingPathComponent("help").path, "PATH": "/usr/bin:/bin"]
            .merging(sanitizerEnvironment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(text, terminator: "")
        #expect(process.terminationReason == .exit, "crashed:\n\(text)")
        #expect(process.terminationStatus == 0, "\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        // Every kind of line ran: some refused with a message, renders done, nothing crashed.
        let first = try #require(lines.first)
        #expect(first.hasPrefix("soak: 10000 commands (seed 7) in "))
        let refused = try #require(first.split(separator: ";")[1].split(separator: " ").first.flatMap { Int($0) })
        #expect(refused > 1000 && refused < 5000)
        #expect(first.hasSuffix(", 10 section renders"))
        // Memory, as the program judged it: the heap in use levels off (its slope over the
        // second half under 200 bytes a command), the resident set grows by under 25% —
        // except under a sanitizer, whose allocator keeps freed memory in quarantine on purpose.
        let slope = try #require(lines[1].split(separator: "grows ").last?.split(separator: " ").first.flatMap { Double($0) })
        let growth = try #require(lines[3].split(separator: "growth ").last?.split(separator: "%").first.flatMap { Double($0) })
        if sanitizerEnvironment["COWRITE_SANITIZER"] == nil {
            #expect(slope < 200)
            #expect(growth < 25)
        }
        #expect(lines[4] == "soak: final session reloads equal to the song in memory: yes")
    }
}
