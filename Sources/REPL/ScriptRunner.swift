import Foundation

/// Runs command lines without a person at the prompt: `cowrite run SCRIPT`, or standard
/// input that is not a terminal.
///
/// The first failing command stops the run with exit code 1 and `SCRIPT:LINE: message`
/// on standard error, unless `keepGoing` is set.
public struct ScriptRunner {
    public var workspace: Workspace
    public var name: String
    public var keepGoing: Bool

    public init(workspace: Workspace, name: String, keepGoing: Bool) {
        self.workspace = workspace
        self.name = name
        self.keepGoing = keepGoing
    }

    /// Runs lines from `reader` until it ends, `quit`, or a failure. Returns the exit code.
    public mutating func run(_ reader: inout some LineReader,
                             output: (String) -> Void = { print($0); fflush(nil) },
                             errors: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) -> Int32 {
        var number = 0
        var failed = false
        while let line = reader.readLine(prompt: "") {
            number += 1
            do {
                let text = try workspace.perform(line)
                if !text.isEmpty { output(text) }
            } catch {
                errors("\(name):\(number): \(error)")
                failed = true
                if !keepGoing { break }
            }
            if workspace.quitRequested { break }
        }
        if workspace.isDirty, let song = workspace.song, let path = workspace.autosavePath {
            errors("note: \(quoted(song.title)) has \(workspace.changesSinceSave) unsaved \(workspace.changesSinceSave == 1 ? "change" : "changes"), kept in \(path) — `recover` restores it, `save` keeps it")
        }
        return failed ? 1 : 0
    }
}
