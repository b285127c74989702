import Foundation
import Testing
@testable import REPL

/// The project's root folder, found from this file's path.
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The folder this run of the tests works in, removed when the run ends, so the suite
/// leaves nothing behind in the temporary folder.
let testRunFolder: String = {
    let path = NSTemporaryDirectory() + "cowrite-\(getpid())/"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "cowrite-\(getpid())") }
    return path
}()

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> String {
    let path = testRunFolder + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A workspace with a fixed author and clock, saving into `folder`.
func makeWorkspace(in folder: String) -> Workspace {
    var workspace = Workspace(author: "Ana", store: SessionStore(directory: folder + "/sessions"),
                              help: HelpLibrary(folder: projectRoot.appendingPathComponent("help").path),
                              clock: { Date(timeIntervalSince1970: 1_790_000_000) })
    workspace.renderFolder = folder + "/renders"
    return workspace
}

/// Runs lines and returns the transcript: each line after "> ", then what it printed
/// (errors as "error: …").
func transcript(_ lines: [String], workspace: inout Workspace) -> String {
    var text = ""
    for line in lines {
        text += "> \(line)\n"
        do {
            let output = try workspace.perform(line)
            if !output.isEmpty { text += output + "\n" }
        } catch {
            text += "error: \(error)\n"
        }
    }
    return text
}

/// Runs `body` with the current directory set to `folder` (paths in scripts are
/// relative). Tests that use it are serialized.
func inDirectory<T>(_ folder: String, _ body: () throws -> T) rethrows -> T {
    let previous = FileManager.default.currentDirectoryPath
    _ = FileManager.default.changeCurrentDirectoryPath(folder)
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    return try body()
}

/// The script lines of a file in Tests/REPLTests/Scripts.
func script(_ name: String) throws -> [String] {
    let url = projectRoot.appendingPathComponent("Tests/REPLTests/Scripts/\(name)")
    var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// Compares with a golden file; `COWRITE_UPDATE_GOLDEN=1` rewrites it instead.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = projectRoot.appendingPathComponent("Tests/REPLTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["COWRITE_UPDATE_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: false, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, sourceLocation: sourceLocation)
}

extension Workspace {
    /// Performs each line in turn, as typed at the prompt, for a test's setting up: the
    /// replies are not what it checks.
    mutating func performAll(_ lines: String...) throws { for line in lines { _ = try perform(line) } }
}
