import Foundation
import MusicTheory
import SongModel

/// The interactive loop: prompt, read, perform, print. It knows the terminal; the
/// commands do not.
public struct Shell<Reader: LineReader> {
    public var workspace: Workspace
    var reader: Reader
    let style: Style
    let write: (String) -> Void
    /// Told the song after every command, so that Tab completion can read it without
    /// touching the workspace while a command runs.
    let publish: (Song?) -> Void
    /// Shows long output through a pager on a terminal; false when it printed nothing.
    let page: (String) -> Bool
    /// The terminal's width, told to the workspace before each command (help pages fill
    /// their paragraphs to it); nil off a terminal.
    let columns: () -> Int?
    /// Whether the line being run has had its "Save … first?" answered.
    var switchAnswered = false

    public init(workspace: Workspace, reader: Reader, style: Style,
                write: @escaping (String) -> Void = { print($0); fflush(nil) },
                page: @escaping (String) -> Bool = { _ in false },
                columns: @escaping () -> Int? = { nil },
                publish: @escaping (Song?) -> Void = { _ in }) {
        self.workspace = workspace
        self.reader = reader
        self.style = style
        self.write = write
        self.page = page
        self.columns = columns
        self.publish = publish
    }

    /// The pager for a terminal: `less -FRX` (or `$PAGER`) for output taller than the screen.
    public static var terminalPager: (String) -> Bool { { fflush(nil); return Pager.show($0) } }

    /// The terminal's columns (`Pager.columns`).
    public static var terminalColumns: () -> Int? { { Pager.columns() } }

    /// Runs until `quit` or Ctrl-D. Returns the exit code.
    public mutating func run(opening session: String?) -> Int32 {
        workspace.isCancelled = { Interrupts.requested }
        if style.colour || isatty(STDERR_FILENO) == 1 { workspace.progress = ProgressBar.draw }
        write(style.note("Cowrite \(Version.number) — type `help` for commands, Tab to complete, Ctrl-D to leave"))
        offerRecovery(for: session)
        if let session, workspace.song == nil {
            report(line: "open \"\(session)\"")
        }
        while true {
            if let signal = Interrupts.terminationSignal { return leave(on: signal) }
            guard let line = reader.readLine(prompt: style.prompt(for: workspace)) else {
                if let signal = Interrupts.terminationSignal { return leave(on: signal) }
                write("")
                if confirmLeaving() { return finish() }
                continue
            }
            report(line: line)
            if workspace.quitRequested {
                workspace.quitRequested = false
                if confirmLeaving() { return finish() }
            }
        }
    }

    /// Leaves after `quit` or Ctrl-D: the session's lock goes.
    mutating func finish() -> Int32 {
        workspace.close()
        return 0
    }

    /// Leaves on SIGTERM or SIGHUP without asking: the autosave is brought up to date and
    /// the lock released; nothing after the last completed command is lost.
    mutating func leave(on signal: Int32) -> Int32 {
        let kept = workspace.flushAutosave()
        workspace.close()
        let what = kept.map { "\(counted(workspace.changesSinceSave, "unsaved change")) kept in \($0) — `recover` restores them" }
            ?? (workspace.isDirty ? workspace.unsavedNote : "nothing unsaved")
        write("")
        write(style.note(visible("\(Interrupts.name(of: signal)): leaving Cowrite; \(what)")))
        return 128 + signal
    }

    /// Before `new` or `open` of another song replaces one with unsaved changes, asks
    /// whether to save them, as leaving does: yes saves them to the song's file first (what
    /// a script, which nobody answers, does), no sets them aside in `discarded/`, cancel
    /// keeps the song. Why: a band leader's `remove bridge`, tried and then left by `new`,
    /// had been saved over their file unasked. Returns false to run nothing.
    mutating func confirmSwitching(_ line: String) -> Bool {
        // Asked once a line: a refusal that asks again with --force or --read-only (which
        // runs the line again) keeps the first answer.
        guard !switchAnswered, workspace.isDirty, let song = workspace.song, workspace.readOnlyReason == nil,
              let invocation = try? Invocation.parse(line), Self.switchesSong(invocation) else { return true }
        switch askToSave("Save \(quoted(song.title)) first? [Y]es, [n]o, [c]ancel: ") {
        case .save:
            switchAnswered = true
            return true
        case .unanswered:
            // Ctrl-D, or a closed window: nothing is switched (they had counted as yes and
            // saved over the file); the changes stay in the autosave.
            write(style.note("nothing changed: \(quoted(song.title)) is still open, its changes in the autosave"))
            return false
        case .setAside:
            // Set aside by the switch itself, so a command that fails changes nothing.
            workspace.setAsideOnSwitch = true
            switchAnswered = true
            return true
        case .stay:
            write(style.note("nothing changed: \(quoted(song.title)) is still open"))
            return false
        }
    }

    /// Sets the song's unsaved changes aside in discarded/ and says where: not deleted, as
    /// every other "no" to changes keeps them (a band leader's `n` at quit had deleted them
    /// unsaid).
    mutating func setAsideUnsavedChanges(saying what: String) {
        write(style.note(visible(what + "; " + workspace.setAsideUnsavedChanges())))
    }

    /// Whether a command replaces the open song with another: `new`, `open`, a `sketch`
    /// (its draft is a new song) and an `import` of a whole file (not `import FILE into
    /// SECTION`).
    static func switchesSong(_ invocation: Invocation) -> Bool {
        switch invocation.name {
        case "new", "open", "sketch": true
        case "import": invocation.option("into") == nil && invocation.arguments.count <= 1
        default: false
        }
    }

    /// A yes or no to a `[y/N]` question: anything else asks again, saying what the
    /// answers are (a typed `song` or `quit` had been taken for no, unsaid); Enter, Ctrl-C
    /// and the end of input are no.
    mutating func askYesNo(_ question: String) -> Bool {
        while true {
            guard let answer = reader.ask(question)?.trimmingSpaces.lowercased() else { return false }
            switch answer {
            case "y", "yes": return true
            case "", "n", "no", interruptedAnswer: return false
            default: write("please answer y (yes) or n (no)")
            }
        }
    }

    /// An answer to "Save … first?" or "… before leaving?".
    enum SaveAnswer { case save, setAside, stay, unanswered }

    /// Asks `question` until the answer is yes (or Enter), no or cancel (Ctrl-C cancels);
    /// `unanswered` where nobody can answer (no terminal, end of input).
    mutating func askToSave(_ question: String) -> SaveAnswer {
        while true {
            guard let answer = reader.ask(question) else { return .unanswered }
            switch answer.trimmingSpaces.lowercased() {
            case "", "y", "yes": return .save
            case "n", "no": return .setAside
            case "c", "cancel", interruptedAnswer: return .stay
            default: write("please answer y (save it), n (set the changes aside) or c (stay)")
            }
        }
    }

    /// Runs a line (or, when given, the same command as typed values) and prints what it
    /// says.
    mutating func report(line: String, invocation: Invocation? = nil) {
        Interrupts.clear()
        workspace.columns = columns()
        let outermost = !switchAnswered
        if invocation == nil, !confirmSwitching(line) { return }
        defer {
            if outermost {
                workspace.setAsideOnSwitch = false
                switchAnswered = false
            }
        }
        do {
            let output: String
            if let invocation { output = try workspace.perform(invocation) } else { output = try workspace.perform(line) }
            ProgressBar.finish()   // clear the bar's line before the result takes it
            // Line breaks are Cowrite's own; any other control character in the text
            // (from a file or a person) is shown, not obeyed.
            if !output.isEmpty {
                let text = visible(output, keepingLines: true)
                if !page(text) { write(text) }
            }
            if let followUp = workspace.followUp, invocation == nil {
                workspace.followUp = nil
                if askYesNo(followUp.question) {
                    _ = try? workspace.perform("undo")
                    report(line: line + " " + followUp.addition)
                    return
                }
            }
        } catch {
            ProgressBar.finish()
            if case .keyMove(let to, let from, let semitones, _) = error, !line.contains("move=") {
                // Asked at the terminal, as a question rather than an error; a script must
                // say move=yes or move=no, and a cancelled question says why nothing changed.
                let question = "The music is written in \(from). Move it to \(to) too (\(semitones > 0 ? "up" : "down") \(abs(semitones)) semitones)? [y]es, [n]o (rename the key only), [c]ancel: "
                switch reader.ask(question)?.trimmingSpaces.lowercased() {
                case "y", "yes": report(line: line + " move=yes"); return
                case "n", "no": report(line: line + " move=no"); return
                default: write(style.error(visible("\(error)")))
                }
                publish(workspace.song)
                return
            }
            if let question = error.forceQuestion, !line.contains("--force") {
                write(visible(error.forcePrelude))
                if askYesNo(question) {
                    report(line: line + " --force")
                    return
                }
                write("left as it is")
            } else {
                write(style.error(visible("\(error)")))
                if case .sessionLocked(let path, _) = error, (try? Invocation.parse(line))??.name == "open" {
                    offerReadOnly(path)
                }
            }
        }
        publish(workspace.song)
    }

    /// After "open" finds the session held by another Cowrite: offers to open it
    /// read-only, which never writes over the other's file.
    mutating func offerReadOnly(_ path: String) {
        guard askYesNo("Open it read-only? [y/N] ") else { return }
        report(line: "open \"\(path)\" --read-only")
    }

    /// Offers to restore autosaves left by a run that ended without saving: each with its
    /// title, time and number of changes. Autosaves of Cowrites still running are not
    /// offered (their writers hold their locks).
    mutating func offerRecovery(for session: String?) {
        // One that a saved session holds all of is set aside unasked, and said.
        var autosaves: [SessionStore.Autosave] = []
        for autosave in workspace.store.autosaves(excluding: workspace.claim.writer) {
            guard let saved = workspace.store.savedCopy(of: autosave), let target = workspace.store.setAside(autosave) else {
                autosaves.append(autosave)
                continue
            }
            write(style.note("an autosave of \(visible(quoted(autosave.file.song.title))) holds nothing \(visible(saved)) does not, so it is not offered; "
                             + "it is kept in \(visible(target))"))
        }
        if autosaves.count > 1 {
            write(visible(SongCommands.list(autosaves, heading: "Cowrite kept unsaved changes of \(counted(autosaves.count, "song")):",
                                            askingWhich: false), keepingLines: true))
        }
        for (number, autosave) in autosaves.enumerated() {
            let info = autosave.file.autosave
            if let session, let origin = info?.sessionPath,
               Workspace.canonical(origin) != Workspace.canonical(workspace.store.path(for: session)) {
                continue
            }
            // Listed above when there are several: asked by number and title, not all again.
            let which = autosaves.count > 1 ? "\(number + 1), \(quoted(autosave.file.song.title))" : SongCommands.describe(autosave)
            let question = "Recover " + visible(which) + (autosave.savedSince ? " (its file was saved since: it comes back as a new song)" : "") + "? [Y/n] "
            var answer: String?
            repeat {
                // Ctrl-C leaves the autosave where it is, for `recover` later.
                guard let line = reader.ask(question), line != interruptedAnswer else { return }
                answer = ["", "y", "yes", "n", "no"].contains(line.trimmingSpaces.lowercased()) ? line.trimmingSpaces.lowercased() : nil
                if answer == nil { write("please answer y (recover it) or n (set it aside)") }
            } while answer == nil
            if answer == "n" || answer == "no" {
                if let target = workspace.store.setAside(autosave) {
                    write(style.note("not recovered; a copy is kept in \(visible(target))"))
                } else {
                    write(style.note("not recovered; it stays in \(visible(autosave.path)) (it could not be set aside)"))
                }
            } else {
                report(line: "recover", invocation: Invocation(name: "recover", arguments: [autosave.name]))
                return
            }
        }
    }

    /// Asks to save unsaved changes before leaving. Returns false to stay.
    mutating func confirmLeaving() -> Bool {
        if let waiting = workspace.waitingDraftNote { write(style.note(visible(waiting))) }
        workspace.letGoOfHoldingSong()
        guard workspace.isDirty, let song = workspace.song else { return true }
        switch askToSave("Save \(quoted(song.title)) before leaving? [Y]es, [n]o, [c]ancel: ") {
        case .unanswered:
            write("")
            write(style.note(visible(workspace.unsavedNote)))
            return true
        case .save:
            do {
                let output = try workspace.perform("save")
                write(visible(output, keepingLines: true))
                return true
            } catch {
                write(style.error(visible("\(error)")))
                return false
            }
        case .setAside:
            setAsideUnsavedChanges(saying: "not saved")
            return true
        case .stay:
            // Ctrl-C at the question stays, as cancel does.
            return false
        }
    }
}
