import ArgumentParser
import Foundation
import AudioRender
import REPL
import SongModel
import MusicTheory

/// `cowrite`: the REPL on a terminal, scripts otherwise, and tools for session files.
/// This file only wires the pieces together.
struct Cowrite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cowrite",
        abstract: "A songwriting REPL: sketch sections, chords and melodies with an engine as co-writer.",
        version: Version.number,
        subcommands: [Start.self, Run.self, Render.self, Check.self],
        defaultSubcommand: Start.self
    )
}

struct Common: ParsableArguments {
    @Option(help: "Name credited on what you write (default: $COWRITE_AUTHOR, then your account's full name, then your login name).")
    var author: String?

    @Option(help: "SoundFont for rendering (default: $COWRITE_SOUNDFONT, then Debian's FluidR3_GM.sf2).",
            completion: .file(extensions: ["sf2", "sf3"]))
    var soundfont: String?
}

/// The REPL (or, when standard input is not a terminal, a script read from it).
struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Open the REPL, optionally on a session (the default command).")

    @OptionGroup var common: Common
    @Argument(help: "A session to open: a name in the sessions folder, or a path.", completion: .file(extensions: ["cowrite"]))
    var session: String?
    @Flag(help: "Compact listings for small terminals: each suggestion in one line, no reasons (`view full` shows all).")
    var compact = false
    @Flag(help: "With standard input not a terminal: go on after a failing line (exit code 1 at the end).")
    var keepGoing = false

    func run() throws {
        var workspace = Settings.workspace(author: common.author, soundFont: common.soundfont)
        workspace.compact = compact
        Settings.cleanLitter(workspace)
        if isatty(STDIN_FILENO) == 1 {
            // A writer at a terminal on a machine that can play will listen: the synths
            // for the first `play` are made while they type.
            if Playback.hasAudioDevice() { Playback.keepSynthsReady(RenderSettings(soundFont: workspace.soundFont)) }
            let store = workspace.store
            let help = workspace.help
            let box = SongBox()
            let reader = ReadlineLineReader(historyPath: Settings.historyPath()) { before, word in
                Completion.candidates(before: before, word: word, song: box.song, help: help,
                                      sessions: { store.list().map(\.name) }, styles: { StyleLibrary(sessions: store.directory).names() })
            }
            var shell = Shell(workspace: workspace, reader: reader, style: .detect(), page: Shell<ReadlineLineReader>.terminalPager,
                              columns: Shell<ReadlineLineReader>.terminalColumns, publish: { box.song = $0 })
            let code = shell.run(opening: session)
            throw ExitCode(code)
        }
        if let session {
            do { _ = try workspace.perform(Invocation(name: "open", arguments: [session])) } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
        var reader = StreamLineReader()
        var runner = ScriptRunner(workspace: workspace, name: "stdin", keepGoing: keepGoing)
        throw ExitCode(runner.run(&reader))
    }
}

/// Runs a script of REPL commands.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run REPL commands from a file, one per line (# starts a comment).")

    @OptionGroup var common: Common
    @Argument(help: "The script file, or - for standard input.", completion: .file()) var script: String
    @Flag(help: "Go on after a failing command (exit code 1 at the end).") var keepGoing = false

    func run() throws {
        // Read as a stream of lines like standard input: CRLF line ends, a line past the
        // limit and a FIFO or device all behave the same way.
        let descriptor = script == "-" ? dup(STDIN_FILENO) : open(script, O_RDONLY | O_CLOEXEC)
        var status = stat()
        guard descriptor >= 0, fstat(descriptor, &status) == 0, [S_IFREG, S_IFIFO].contains(status.st_mode & S_IFMT) else {
            if descriptor >= 0 { close(descriptor) }
            printError("\(visible(script)): cannot read the script (no such file, or not a file or a pipe)")
            throw ExitCode(2)
        }
        let workspace = Settings.workspace(author: common.author, soundFont: common.soundfont)
        Settings.cleanLitter(workspace)
        var reader = StreamLineReader(descriptor: descriptor)
        var runner = ScriptRunner(workspace: workspace, name: script == "-" ? "stdin" : script, keepGoing: keepGoing)
        throw ExitCode(runner.run(&reader))
    }
}

/// Renders a session without the REPL.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a session to a mastered mix, stems, MIDI, a ChordPro lead sheet and provenance notes.")

    @OptionGroup var common: Common
    @Argument(help: "The session: a name in the sessions folder, or a path.", completion: .file(extensions: ["cowrite"])) var session: String
    @Option(name: [.short, .customLong("output")], help: "Output folder (default: renders/SONG).", completion: .directory) var o: String?
    @Flag(help: "Also write one file per part under stems/.") var stems = false
    @Flag(help: "Write song.mid (always written; kept for scripts that pass it).") var midi = false
    @Option(help: "wav, flac or ogg.", completion: .list(["wav", "flac", "ogg"])) var format: String?
    @Option(help: "44100 or 48000.", completion: .list(["44100", "48000"])) var rate: String?
    @Option(name: .customLong("stem-names"), help: "song (rain-on-glass_drums.wav, the default) or plain (drums.wav).",
            completion: .list(["song", "plain"])) var stemNames: String?
    // A target is negative: `--lufs -16` takes the next word whatever it starts with.
    @Option(parsing: .unconditional, help: "Loudness target in LUFS (default -14).") var lufs: String?
    @Option(help: "Render one section only.") var section: String?
    @Flag(help: "Write into a folder that holds files Cowrite did not write, replacing same-named ones (nothing else is deleted).") var force = false

    func run() throws {
        var workspace = Settings.workspace(author: common.author, soundFont: common.soundfont)
        Settings.cleanLitter(workspace)
        // Rendering only reads the session: it never takes the lock from a REPL editing it.
        // Typed values go to the commands as they are, never through a rebuilt line.
        do { _ = try workspace.perform(Invocation(name: "open", arguments: [session], options: [("read-only", "yes")])) } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        var options: [(key: String, value: String)] = []
        if let o { options.append(("out", o)) }
        if stems { options.append(("stems", "yes")) }
        if let format { options.append(("format", format)) }
        if let rate { options.append(("rate", rate)) }
        if let stemNames { options.append(("stem-names", stemNames)) }
        if let lufs { options.append(("lufs", lufs)) }
        if force { options.append(("force", "yes")) }
        do {
            print(visible(try workspace.perform(Invocation(name: "render", arguments: section.map { [$0] } ?? [], options: options)),
                          keepingLines: true))
        } catch {
            printError("\(error)")
            // A bad argument is a usage error (2), as for every command; a failed render is 1.
            if error.isUsage { throw ExitCode(2) }
            throw ExitCode(Interrupts.terminationSignal.map { 128 + $0 } ?? (Interrupts.requested ? 130 : 1))
        }
    }
}

/// Validates a session file.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a session file: exit 0 when it is valid, 2 with the reason otherwise.")

    @Argument(help: "The session file.", completion: .file(extensions: ["cowrite"])) var session: String

    func run() throws {
        let store = SessionStore(directory: Settings.sessionsDirectory())
        do {
            let file = try store.read(store.path(for: session))
            let song = file.song
            print("ok: \(visible(session)) — “\(visible(song.title))”, format \(file.version), \(counted(song.sections.count, "section")), \(counted(song.lengthInBars, "bar"))")
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }
}

/// The song as of the last command, for Tab completion. Only the main thread uses it:
/// readline calls completion from inside `readLine`, between commands.
final class SongBox: @unchecked Sendable {
    var song: Song?
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data(("error: " + visible(text) + "\n").utf8))
}

Renderer.configureAllocator()

/// `cowrite --help run` asks for `run`'s help, as `git --help commit` does; the parser
/// alone would show the default command's (`start`) and take `run` for a session's name.
func arguments(_ given: [String]) -> [String] {
    let names = Cowrite.configuration.subcommands.map { $0._commandName }
    guard given.count == 2, ["--help", "-h"].contains(given[0]), names.contains(given[1]) else { return given }
    return [given[1], "--help"]
}

// Bad arguments exit with 2 (the contract), not ArgumentParser's 64.
do {
    var command = try Cowrite.parseAsRoot(arguments(Array(CommandLine.arguments.dropFirst())))
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = Cowrite.exitCode(for: error)
    // The parser quotes what it was given: shown, never obeyed, by the terminal.
    let message = visible(Cowrite.fullMessage(for: error), keepingLines: true)
    if code == .success {
        print(message)
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    Foundation.exit(2)
}
