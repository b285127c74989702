import Foundation
import Testing

/// The `cowrite` executable, built beside this test bundle.
let cowriteBinary: String = {
    if let path = ProcessInfo.processInfo.environment["COWRITE_BIN"] { return path }
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("cowrite").path
}()

struct Result {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs `cowrite` with arguments in `folder`, feeding `input` on standard input.
func cowrite(_ arguments: [String], in folder: String, input: String = "") throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cowriteBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = cowriteEnvironment(folder)
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    // A program that stops reading early (a refused line) closes the pipe: that is an
    // answer, not a reason for the test runner to die of SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try process.run()
    try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
    try? stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                  errors: String(decoding: errors, as: UTF8.self))
}

/// Starts `cowrite` in `folder` with the given standard input, output and error (a
/// Pipe or a FileHandle each), for tests that signal it or feed it as it runs.
func launch(_ arguments: [String] = [], in folder: String, input: Any, output: Any = FileHandle.nullDevice,
            errors: Any = FileHandle.nullDevice) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cowriteBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = cowriteEnvironment(folder)
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    return process
}

func cowriteEnvironment(_ folder: String) -> [String: String] {
    ["COWRITE_AUTHOR": "Ana", "HOME": folder, "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
     "COWRITE_HELP": projectRoot.appendingPathComponent("help").path].merging(sanitizerEnvironment) { $1 }
}

/// Sanitizer settings (`make sanitize`) passed on to the programs the tests start.
let sanitizerEnvironment: [String: String] = ProcessInfo.processInfo.environment.filter {
    ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS", "COWRITE_SANITIZER"].contains($0.key)
}

@Suite("The cowrite command")
struct CommandLineTests {
    func scriptFile(_ name: String, in folder: String) throws -> String {
        let path = folder + "/" + name
        try FileManager.default.copyItem(atPath: projectRoot.appendingPathComponent("Tests/REPLTests/Scripts/\(name)").path, toPath: path)
        return path
    }

    @Test func runSavesCheckAcceptsAndReopenShowsTheSameSong() throws {
        let folder = try temporaryFolder()
        let first = try cowrite(["run", try scriptFile("rain-on-glass.txt", in: folder)], in: folder)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.errors == "")
        let check = try cowrite(["check", "sessions/rain-on-glass.cowrite"], in: folder)
        #expect(check.status == 0)
        #expect(check.output == "ok: sessions/rain-on-glass.cowrite — “Rain on Glass”, format 1, 2 sections, 32 bars\n")
        let second = try cowrite(["run", try scriptFile("reopen.txt", in: folder)], in: folder)
        #expect(second.status == 0)
        // The same output the REPL printed in the golden transcript, without the prompts.
        let golden = try String(contentsOf: projectRoot.appendingPathComponent("Tests/REPLTests/Golden/reopen.out"), encoding: .utf8)
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("> ") }
            .joined(separator: "\n")
        #expect(second.output == expected)
    }

    @Test func checkRefusesDamagedFilesWithExitTwo() throws {
        let folder = try temporaryFolder()
        let cases: [(String, String)] = [
            ("", "error: empty.cowrite: the file is empty (0 bytes); it is not a Cowrite session\n"),
            ("{\"format\": \"cowrite-session\", \"version\": 9}", "error: empty.cowrite was written by a newer Cowrite (format 9; this one reads up to 4): upgrade Cowrite to open it; the file was not changed\n"),
        ]
        for (content, message) in cases {
            try Data(content.utf8).write(to: URL(fileURLWithPath: folder + "/empty.cowrite"))
            let result = try cowrite(["check", "empty.cowrite"], in: folder)
            #expect(result.status == 2)
            #expect(result.errors == message)
        }
        let missing = try cowrite(["check", "nowhere.cowrite"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.errors == "error: nowhere.cowrite: no such file\n")
    }

    @Test func aFailingLineStopsTheScriptWithItsNumber() throws {
        let folder = try temporaryFolder()
        let script = folder + "/bad.txt"
        try "# a comment\nnew \"S\"\nadd verse 8\nadd verse 4\nadd chorus 8\n".write(toFile: script, atomically: true, encoding: .utf8)
        let stopped = try cowrite(["run", script], in: folder)
        #expect(stopped.status == 1)
        #expect(stopped.errors.hasPrefix("\(script):4: there is already a section \"verse\": pick another name, e.g. verse2, or `copy verse NEW`\n"))
        #expect(!stopped.output.contains("added chorus"))
        #expect(stopped.errors.contains("\(script): stopped at line 4, the first that failed; any lines after it were not run (`cowrite run \(script) --keep-going` runs every line)\n"))
        let kept = try cowrite(["run", script, "--keep-going"], in: folder)
        #expect(kept.status == 1)
        #expect(kept.output.contains("added chorus (8 bars)"))
        #expect(!kept.errors.contains("stopped at line"))
        // Standard input too: it says what it left unrun, and `--keep-going` runs it.
        let input = try String(contentsOfFile: script, encoding: .utf8)
        let piped = try cowrite([], in: folder, input: input)
        #expect(piped.status == 1)
        #expect(piped.errors.contains("stdin: stopped at line 4, the first that failed; any lines after it were not run (`cowrite --keep-going < FILE` runs every line)\n"))
        let pipedOn = try cowrite(["--keep-going"], in: folder, input: input)
        #expect(pipedOn.status == 1)
        #expect(pipedOn.output.contains("added chorus (8 bars)"))
    }

    @Test func standardInputIsAScriptWhenItIsNotATerminal() throws {
        let folder = try temporaryFolder()
        let result = try cowrite([], in: folder, input: "new \"Piped\"\nadd verse 4\nsong\n")
        #expect(result.status == 0)
        #expect(result.output.contains("“Piped” — by Ana"))
        #expect(result.errors.hasPrefix("note: “Piped” has 2 unsaved changes, kept in sessions/.autosave/piped-"))
        let failed = try cowrite([], in: folder, input: "nonsense\n")
        #expect(failed.status == 1)
        #expect(failed.errors == "stdin:1: unknown command \"nonsense\"; type `help` for the list of commands\n"
                + "stdin: stopped at line 1, the first that failed; any lines after it were not run (`cowrite --keep-going < FILE` runs every line)\n")
    }

    /// A sketch's draft left waiting when the input ends is said to be gone, with the line
    /// that draws it again, typed as the writer typed it (a newcomer's `recover` had given
    /// back an empty song).
    @Test func leavingWithASketchWaitingSaysHowToDrawItAgain() throws {
        let folder = try temporaryFolder()
        let result = try cowrite([], in: folder, input: "sketch \"Rain on Glass\" arc=\"calm->sad\" seed=5\n")
        #expect(result.status == 0)
        #expect(result.errors.hasPrefix("note: the sketch's draft (seed 5) was never accepted, so it is not in the song or its autosave — "
                                        + "`accept all` takes it now; `sketch \"Rain on Glass\" arc=\"calm->sad\" seed=5` draws it again\n"))
        // The empty song that held the draft is nothing of the writer's: no autosave of it
        // is left for `recover` to bring back with no sections.
        #expect(!result.errors.contains("unsaved change"))
        let autosaves = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/sessions/.autosave")) ?? []
        #expect(!autosaves.contains { $0.hasSuffix(".cowrite") }, "\(autosaves)")
        let again = try cowrite([], in: folder, input: "sketch \"Rain on Glass\" arc=\"calm->sad\" seed=5\nagain\n")
        #expect(!again.errors.contains("(seed 5)"))
        #expect(again.errors.contains("`sketch \"Rain on Glass\" arc=\"calm->sad\" seed="))
        // Nor is it saved as a session when another song is started; a title the writer
        // gave it is.
        let moved = try temporaryFolder()
        let started = try cowrite([], in: moved, input: "sketch seed=3\nnew \"Walk\"\n")
        #expect(started.output.contains("note: dropped the sketch draft waiting in “Sketch 3”; `sketch seed=3` draws it again\n"))
        #expect(!started.output.contains("saved “Sketch 3”"))
        let sessions = (try? FileManager.default.contentsOfDirectory(atPath: moved + "/sessions")) ?? []
        #expect(!sessions.contains { $0.hasSuffix(".cowrite") }, "\(sessions)")
        let named = try cowrite([], in: moved, input: "sketch seed=3\nset title=\"Mine\"\nnew \"Walk\"\n")
        #expect(named.output.contains("saved “Mine” to sessions/mine.cowrite first\n"))
        let accepted = try cowrite([], in: folder, input: "sketch \"Rain on Glass\" seed=5\naccept all\n")
        #expect(!accepted.errors.contains("never accepted"))
    }

    @Test func versionAndBadArguments() throws {
        let folder = try temporaryFolder()
        let version = try cowrite(["--version"], in: folder)
        #expect(version.status == 0)
        #expect(version.output == "0.1.0\n")
        // Help on a command, asked for either way round, is that command's.
        for asked in [["--help", "run"], ["-h", "run"], ["run", "--help"], ["help", "run"]] {
            let help = try cowrite(asked, in: folder)
            #expect(help.status == 0, "\(asked)")
            #expect(help.output.hasPrefix("OVERVIEW: Run REPL commands from a file"), "\(asked): \(help.output.prefix(80))")
        }
        let bad = try cowrite(["run"], in: folder)
        #expect(bad.status == 2)
        let unreadable = try cowrite(["run", "missing.txt"], in: folder)
        #expect(unreadable.status == 2)
        #expect(unreadable.errors == "error: missing.txt: cannot read the script (no such file, or not a file or a pipe)\n")
    }

    @Test func aKilledSessionIsRecoveredWithEveryChange() throws {
        let folder = try temporaryFolder()
        let stdin = Pipe()
        let process = try launch(in: folder, input: stdin)
        let lines = try script("rain-on-glass.txt").dropLast()  // every change, no save
        for line in lines { stdin.fileHandleForWriting.write(Data((line + "\n").utf8)) }
        // Wait until the running program has autosaved the last change, then kill it hard.
        let seen = autosaveOf(process.processIdentifier, in: folder + "/sessions/.autosave",
                              showing: "arrange verse chorus verse chorus") != nil
        #expect(seen, "the autosave never caught up")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let next = try cowrite([], in: folder, input: "recover\nshow verse\nsong\n")
        #expect(next.status == 0, "\(next.errors)")
        #expect(next.output.hasPrefix("recovered “Rain on Glass” with 7 unsaved changes (last: arrange verse chorus verse chorus)"))
        #expect(next.output.contains("  | Cm   | Ab   | Eb Bb     | G7   |"))
        #expect(next.output.contains("  1  C5/4 Eb5/8 F5/8 G5/2"))
        #expect(next.output.contains("form: verse chorus verse chorus (32 bars, 1:31)"))
    }
}
