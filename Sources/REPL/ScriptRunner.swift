import Foundation
import MusicTheory

/// Runs command lines without a person at the prompt: `cowrite run SCRIPT`, or standard
/// input that is not a terminal.
///
/// The first failing command stops the run with exit code 1 and `SCRIPT:LINE: message`
/// on standard error (and a line saying the run stopped there), unless
/// `keepGoing` is set. Ctrl-C, SIGTERM and SIGHUP stop it after
/// the command in progress (a render is cancelled), with exit code 128 + the signal.
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
                if !text.isEmpty { output(visible(text, keepingLines: true)) }
            } catch {
                errors(visible("\(name):\(number): \(error)"))
                failed = true
                if !keepGoing {
                    // Say so: a piped session that stopped quietly looked as if its last
                    // lines had run. (Not by reading on to see whether any are left: the
                    // input may never end.)
                    let how = name == "stdin" ? "`cowrite --keep-going < FILE`" : "`cowrite run \(name) --keep-going`"
                    errors(visible("\(name): stopped at line \(number), the first that failed; any lines after it were not run (\(how) runs every line)"))
                    break
                }
            }
            if workspace.quitRequested || Interrupts.requested { break }
        }
        // Ctrl-C, SIGTERM or SIGHUP stop a script after the command in progress.
        let signal = Interrupts.requested ? Interrupts.terminationSignal ?? SIGINT : nil
        if signal != nil { _ = workspace.flushAutosave() }
        if let signal { errors(visible("\(name): \(Interrupts.name(of: signal)): stopped after line \(number)")) }
        if let waiting = workspace.waitingDraftNote { errors(visible("note: " + waiting)) }
        if signal == nil { workspace.letGoOfHoldingSong() }
        if workspace.isDirty, workspace.song != nil {
            errors(visible("note: " + workspace.unsavedNote))
        }
        workspace.close()
        if let signal { return 128 + signal }
        return failed ? 1 : 0
    }
}
