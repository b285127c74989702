import Foundation
import Testing

/// The fuzz targets' seed corpora (and any crash inputs kept there) replay cleanly
/// through the same target code in a plain build: a parser change that makes one crash,
/// or breaks a round trip, fails here before any fuzzing.
@Suite("Fuzz corpora")
struct FuzzCorpusTests {
    @Test(arguments: ["command", "chord", "note", "session", "midi"])
    func corpusReplaysWithoutACrash(target: String) throws {
        let binary = URL(fileURLWithPath: cowriteBinary).deletingLastPathComponent().appendingPathComponent("cowrite-fuzz").path
        let corpus = projectRoot.appendingPathComponent("Tests/Fuzz/corpus/\(target)").path
        let count = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        #expect(count >= 3)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [target, corpus]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text == "\(target): \(count) inputs replayed\n")
    }
}
