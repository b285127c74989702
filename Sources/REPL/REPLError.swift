import AudioRender
import Engine
import MusicTheory
import SongModel

/// Everything that can go wrong at the prompt. One line each: the input quoted, the
/// rule, a fix.
public enum REPLError: Error, Sendable, CustomStringConvertible {
    case model(SongModelError)
    case render(RenderError)
    case engine(EngineError)
    case nothingPending
    /// A value an option's parser refused, with the parser's own message.
    case refused(String)
    case noSuchSuggestion(String, count: Int)
    case theory(MusicTheoryError)
    case unknownCommand(String, suggestion: String?)
    case missingArgument(command: String, what: String, usage: String)
    case extraArgument(command: String, argument: String, usage: String)
    /// What a command writes typed without its "=" (`lyrics chorus "the rain"`): the words
    /// that name its place, and what it would write there.
    case writtenWithoutEquals(command: String, place: [String], written: [String])
    case unknownOption(command: String, option: String, suggestion: String?, known: [String])
    case unknownFlag(command: String, flag: String, suggestion: String?, known: [String])
    case badOptionValue(option: String, value: String, rule: String)
    /// A value typed without a name (`shift verse melody +1/8`, `humanize verse 2`), quoted
    /// as typed with what it stands for, not as an option the writer did not write.
    case badValue(what: String, value: String, rule: String)
    case unclosedQuote(String)
    case bodyNotAllowed(command: String, usage: String)
    case bodyRequired(command: String, usage: String)
    case noSong
    case nothingToUndo
    case nothingToRedo
    case noSuchSession(String, suggestion: String?, folder: String)
    case noHelp(String, suggestion: String?)
    case helpMissing(String)
    case storage(path: String, reason: String)
    case noAutosave
    /// `recover NAME` found no autosave of that song: `suggestion` is a close autosave's
    /// name, `saved` a saved session of that name (it opens; there is nothing to recover).
    case noAutosaveOf(String, suggestion: String?, saved: String?)
    case sessionLocked(path: String, holder: LockHolder?)
    case readOnly(path: String, reason: String)
    case changedOnDisk(path: String)
    /// A file could not be written (errno `code`); the old one is untouched.
    case writeFailed(path: String, code: Int32)
    /// A save would replace another song's file.
    case wouldReplace(path: String, title: String)
    /// An export would replace the open session's own file.
    case ownSessionFile(path: String)
    case lineTooLong(bytes: Int)
    /// `set key=…` over written music, without saying whether the music moves too.
    case keyMove(to: String, from: String, semitones: Int, section: String?)
    /// A key of another mode asked for over written music: no transposition makes a major
    /// song minor, so the writer says whether only the name changes.
    case keyMode(to: String, from: String, sameTonic: String, section: String?)

    public var description: String {
        switch self {
        case .model(let error): return error.description
        case .render(let error): return error.description
        case .engine(let error): return error.description
        case .nothingPending:
            return "no suggestions waiting: ask first, e.g. `chords verse`, `harmonize verse`"
        case .noSuchSuggestion(let text, let count):
            if count == 0 { return "the last request offered nothing to accept: ask again with another seed or style (`again`)" }
            if text.isEmpty { return "accept which? give a number from 1 to \(count), e.g. `accept 1`" }
            return "there is no suggestion \"\(echoed(text))\": give a number from 1 to \(count), e.g. `accept 1`"
        case .theory(let error): return error.description
        case .unknownCommand(let word, let suggestion):
            return "unknown command \"\(echoed(word))\"" + (suggestion.map { " — did you mean \($0)?" } ?? "; type `help` for the list of commands")
        case .missingArgument(let command, let what, let usage):
            return "\(command) needs \(what): usage: \(usage)"
        case .extraArgument(let command, let argument, let usage):
            return "\(command) does not take \"\(echoed(argument))\": usage: \(usage)"
        case .writtenWithoutEquals(let command, let place, let written):
            // One typed word holding spaces was quoted: it is quoted again.
            let body = written.count == 1 && written[0].contains(" ") ? "\"\(written[0])\"" : written.joined(separator: " ")
            let line = ([command] + place + ["=", body]).map(echoed).joined(separator: " ")
            return "\(command) does not take \"\(echoed(written.first ?? ""))\" there: what it writes goes after \"=\" — `\(line)`"
        case .unknownOption(let command, let option, let suggestion, let known):
            let takes = known.map { $0 + "=" }.joined(separator: ", ")
            if let suggestion { return "\(command) has no option \"\(echoed(option))\" — did you mean \(suggestion)=?" + (known.count > 1 ? " (it takes \(takes))" : "") }
            if known.isEmpty { return "\(command) takes no options, but got \"\(echoed(option))=\"" }
            return "\(command) has no option \"\(echoed(option))\": it takes \(takes)"
        case .unknownFlag(let command, let flag, let suggestion, let known):
            if let suggestion {
                return "\(command) has no flag \"\(echoed(flag))\" — did you mean \(suggestion)?" + (known.count > 1 ? " (it takes \(known.joined(separator: ", ")))" : "")
            }
            return "\(command) has no flag \"\(echoed(flag))\": it takes \(known.joined(separator: ", "))"
        case .badOptionValue(let option, let value, let rule):
            return "\(echoed(option))=\(echoed(value)): \(rule)"
        case .badValue(let what, let value, let rule):
            return "\(what) \"\(echoed(value))\": \(rule)"
        case .unclosedQuote(let line):
            return "unclosed quote in \(echoed(line)): close it with a matching \" or '"
        case .bodyNotAllowed(let command, let usage):
            return "\(command) takes no \"= …\" part: usage: \(usage)"
        case .bodyRequired(let command, let usage):
            return "\(command) needs \"= …\" with the content: usage: \(usage)"
        case .noSong:
            return "no song open: start one with `new \"Title\"` or open one with `open NAME` (`sessions` lists them)"
        case .nothingToUndo: return "nothing to undo"
        case .nothingToRedo: return "nothing to redo"
        case .noSuchSession(let name, let suggestion, let folder):
            // The folder it looked in: sessions are found from the folder Cowrite started in
            // (a newcomer in another folder was told only "no session", and took it for lost).
            return "no session \"\(echoed(name))\" in \(visible(folder))/" + (suggestion.map { " — did you mean \($0)?" } ?? "; `sessions` lists the saved ones there (COWRITE_SESSIONS names another folder)")
        case .noHelp(let topic, let suggestion):
            return "no help for \"\(echoed(topic))\"" + (suggestion.map { " — did you mean \($0)?" } ?? "; `help` lists commands and topics")
        case .helpMissing(let folder):
            return "the help pages are missing (looked in \(folder)); set COWRITE_HELP to the help/ folder of Cowrite"
        case .storage(let path, let reason):
            return "\(path): \(reason)"
        case .noAutosave:
            return "there is no autosave to recover"
        case .noAutosaveOf(let name, let suggestion, let saved):
            let hint = suggestion.map { " — did you mean `recover \($0)`?" }
                ?? saved.map { "; its saved session opens with `open \($0)`" }
                ?? "; `recover` with no name lists the autosaves there are"
            return "no autosave of \"\(echoed(name))\" to recover" + hint
        case .sessionLocked(let path, let holder):
            return "\(path) is open in another Cowrite (\(holder?.description ?? "holder unknown")): close it there first, or `open \(path) --read-only` to look without saving over it"
        case .readOnly(let path, let reason):
            return "\(path) is open read-only (\(reason)): `save NEW-NAME` keeps your changes in a new file"
        case .changedOnDisk(let path):
            return "\(path) was changed by another program since Cowrite read it; your song is still open here: `save --force` replaces that file with it, `save NEW-NAME` keeps both"
        case .writeFailed(let path, let code):
            return "\(path): could not be written: \(AtomicFile.reason(for: code)); the song is still open here and the old file is unchanged — try `save` with another path"
        case .wouldReplace(let path, let title):
            return "\(path) holds another song (“\(echoed(title))”), so it was not replaced: `save \(path) --force` replaces it, or save under another name"
        case .ownSessionFile(let path):
            return "\(path) is the open song's session file; export to another name, e.g. `export midi song.mid`"
        case .refused(let message):
            return message
        case .keyMove(let to, let from, let semitones, let section):
            let place = section.map { "set \($0) key=\(to)" } ?? "set key=\(to)"
            return "\(place): the music is written in \(from) — add move=yes to transpose it \(semitones > 0 ? "up" : "down") \(abs(semitones)) to \(to), or move=no to change only the key's name"
        case .keyMode(let to, let from, let sameTonic, let section):
            let place = section.map { "set \($0) key=\(to)" } ?? "set key=\(to)"
            let moving = section.map { "set \($0) key=\(sameTonic) move=yes" } ?? "set key=\(sameTonic) move=yes"
            return "\(place): the music is written in \(from), and moving it changes its pitch, not its mode — `\(moving)` moves it to \(sameTonic), "
                + "`\(place) move=no` changes only the key's name (the notes stay as written, read in \(to); `chords`, `melody` and `bass` then write new parts in it)"
        case .lineTooLong(let bytes):
            return "a line of \(bytes) bytes or more: a command line is at most \(Limits.lineBytes) bytes — split the part over several commands"
        }
    }
}

extension REPLError {
    /// A command typed wrongly (its words, options or values), not one that failed while
    /// doing its work: scripts and the command line exit 2 for these.
    public var isUsage: Bool {
        switch self {
        case .unknownCommand, .missingArgument, .extraArgument, .unknownOption, .unknownFlag, .badOptionValue, .badValue, .unclosedQuote,
             .bodyNotAllowed, .bodyRequired, .lineTooLong:
            return true
        default:
            return false
        }
    }

    /// The question the REPL asks before doing it anyway with `--force`, for the refusals
    /// a writer may overrule (replacing another song, a file or a folder Cowrite did not
    /// write); nil for the rest. A script gets the error, which names `--force`.
    var forceQuestion: String? {
        switch self {
        case .wouldReplace(let path, let title): "Replace \(visible(path)) (“\(echoed(title))”) with this song? [y/N] "
        case .changedOnDisk(let path): "Replace \(visible(path)), changed by another program, with this song? [y/N] "
        // The files a yes replaces, named in the question itself (it had said "nothing of
        // yours is deleted" and then replaced a producer's edited mix.wav).
        case .render(.foreignFolder(let path, _, let replacing)):
            replacing.isEmpty
                ? "Write Cowrite's files into \(visible(path)) beside the files there (nothing of yours is deleted)? [y/N] "
                : "Write Cowrite's files into \(visible(path)), replacing your \(visible(replacing)) (no copy is kept)? [y/N] "
        case .render(.notOurs(let path, _)): "Replace \(visible(path))? [y/N] "
        default: nil
        }
    }

    /// What a refusal with a `forceQuestion` found, without what it did and how to
    /// overrule it, which the question asks instead: at the terminal "error: … was not
    /// replaced — add --force …" and then "Replace …? [y/N]" had read as a no and a maybe
    /// at once.
    var forcePrelude: String {
        let text = "\(self)"
        let cuts = [", so it was", ", and it was left", "; it was left", " — add --force", ": `save"]
        let end = cuts.compactMap { text.range(of: $0)?.lowerBound }.min() ?? text.endIndex
        return String(text[..<end])
    }

    /// Brings any error from the modules below into this one.
    static func wrap(_ error: any Error) -> REPLError {
        switch error {
        case let error as REPLError: error
        case let error as SongModelError: .model(error)
        case let error as MusicTheoryError: .theory(error)
        case let error as RenderError: .render(error)
        case let error as EngineError: .engine(error)
        default: .storage(path: "?", reason: String(describing: error))
        }
    }
}
