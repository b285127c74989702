import Engine
import MusicTheory
import SongModel

/// A REPL command: what it is called, what it takes, and the function that does it.
///
/// Each row of the command table (`Command+Catalog.swift`) declares its plain arguments
/// and its `name=value` options with their types, ranges, defaults and allowed words. From
/// that one row come the usage line (in errors and at the top of its help page), the
/// checks made before the handler runs, the shell flags, and tab completion — as
/// swift-argument-parser derives them from a command's declared properties. The longer
/// text of each command lives in `help/NAME.md`.
public struct Command: Sendable {
    public typealias Handler = @Sendable (inout Workspace, Invocation) throws -> String

    public var name: String
    public var aliases: [String] = []
    /// One line for the `help` list.
    public var summary: String
    /// The plain arguments, in order.
    public var arguments: [ArgumentSpec] = []
    /// The `name=value` options.
    public var options: [OptionSpec] = []
    /// What a `SECTION=value` option takes, for a command that names sections in its
    /// options (`arc verse=calm`); nil for every other command.
    public var sectionValues: ValueKind?
    /// Whether it takes a `= …` body, and what one looks like.
    public var body: Body = .none
    /// Other forms of the command, shown after the main one ("groove stats SECTION").
    public var alternatives: [String] = []
    /// Whether it can change the song (and so needs undo, autosave).
    public var changesSong = false
    /// Whether it needs an open song.
    public var needsSong = true
    /// The heading it is listed under in `help`.
    public var group = ""
    public var handler: Handler

    public enum Body: Sendable {
        case none
        /// A body must follow `=`; the text shows what one looks like.
        case required(String)
        /// A body may follow `=` (the command writes); without one it asks.
        case optional(String)
    }

    /// Whether it takes a `= …` body at all.
    var writesBody: Bool {
        if case .none = body { return false }
        return true
    }

    /// How many plain arguments it needs, and how many it allows.
    public var argumentCount: ClosedRange<Int> {
        let needed = arguments.filter { !$0.optional }.count
        return needed...(arguments.contains { $0.repeats } ? Limits.formEntries : arguments.count)
    }

    /// The usage line: "chords SECTION [= | C | Am | F G | % |] [mood=…] [n=4] …".
    public var usage: String {
        var words = [name]
        words += arguments.filter { !$0.hidden }.map(\.usage)
        switch body {
        case .none: break
        case .required(let shape): words.append("= " + shape)
        case .optional(let shape): words.append("[= " + shape + "]")
        }
        words += options.map(\.usage)
        return ([words.joined(separator: " ")] + alternatives).joined(separator: "  or  ")
    }

    /// "a section, a part and a number of steps": what the required arguments are.
    var needs: String {
        let parts = arguments.filter { !$0.optional }.map(\.about)
        guard let last = parts.last else { return "nothing" }
        return parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The shell flags, each bound to its option; `true` when it takes the next word.
    public var flags: [String: (option: String, takesValue: Bool)] {
        var flags: [String: (option: String, takesValue: Bool)] = [:]
        for option in options {
            for flag in option.flags { flags[flag] = (option.name, !option.kind.isSwitch) }
        }
        return flags
    }

    public func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// Words typed after the place a command writes that are not what it writes but what
    /// one of its options takes (`groove bridge rock`, `bass verse walking`: `style=rock`,
    /// `style=walking`), or words the request reads as a prompt (`chords bridge jazzy`):
    /// the line meant, refused with it; nil otherwise. (The fix had been `chords bridge =
    /// jazzy`, which then said "jazzy" is not a chord symbol.)
    func optionMeant(by words: [String], place: [String]) -> REPLError? {
        // Chords or notes typed without "=" (`chords verse Am F`) are what the command writes.
        guard !words.isEmpty, !Commands.isWritten(words.joined(separator: " ")) else { return nil }
        let typed = words.map(echoed).joined(separator: " ")
        let line = { (option: String) in "`" + ([name] + place.map(echoed) + [option]).joined(separator: " ") + "`" }
        if words.count == 1 {
            let word = words[0]
            for option in options where option.name != "prompt" {
                let takes: Bool
                if let reads = option.reads { takes = reads(word) != nil }
                else if case .words(let list) = option.kind { takes = list.contains(word.lowercased()) } else { takes = false }
                if takes { return .refused("\(name) does not take \"\(typed)\" there: it is a value of \(option.name)= — \(line("\(option.name)=\(echoed(word))"))") }
            }
        }
        if option("prompt") != nil {
            let reading = PromptReader.read(words.joined(separator: " "))
            if !reading.isEmpty && reading.unknown.isEmpty {
                return .refused("\(name) does not take \"\(typed)\" there: words for the engine go in prompt=\"…\" — \(line("prompt=\"\(typed)\""))")
            }
        }
        return nil
    }

    /// An option typed with a space for its "=" among `words` (`new "Song" key D`, `set tempo
    /// 120`, `chords verse style jazz`), refused with it written as one word; nil when
    /// there is none.
    func spacedOption(in words: [String]) -> REPLError? {
        guard let at = words.indices.dropLast().first(where: { option(words[$0].lowercased()) != nil }) else { return nil }
        let joined = "\(words[at].lowercased())=\(words[at + 1])"
        return .refused("\(name) does not take \"\(echoed(words[at])) \(echoed(words[at + 1]))\": an option is one word, its name and value joined by \"=\" — `\(echoed(joined))`")
    }

    /// Turns shell-style flags among the arguments into options: `-o out --stems` becomes
    /// `out=out stems=yes`.
    func bindFlags(_ invocation: Invocation) throws(REPLError) -> Invocation {
        let flags = self.flags
        // An option written as a shell flag (`--energy 0.8`) where the command has no such
        // flag: the option as it is written. (It had said `groove does not take "0.8"`.)
        let typed = invocation.arguments
        if let at = typed.firstIndex(where: { $0.hasPrefix("--") && flags[$0] == nil && option(String($0.dropFirst(2)).lowercased()) != nil }) {
            let name = String(typed[at].dropFirst(2)).lowercased()
            let value = at + 1 < typed.count ? typed[at + 1] : "…"
            throw .refused("\(self.name) has no flag \"\(echoed(typed[at]))\": an option is written as its name and value joined by \"=\" — `\(name)=\(echoed(value))`")
        }
        guard !flags.isEmpty else { return invocation }
        var bound = invocation
        // `--lufs=-3` is the flag `--lufs -3` written the other shell way.
        bound.options = invocation.options.map { option in
            flags[option.key].map { ($0.option, option.value) } ?? option
        }
        bound.arguments = []
        var words = invocation.arguments[...]
        while let word = words.popFirst() {
            // A number is not a flag, nor is an arc's arrow (`arc calm -> tense --redraw`).
            // But `-0` is no number a writer means: it is `-o` with a zero for the letter.
            guard word.hasPrefix("-"), Double(word) == nil || word == "-0", !word.hasPrefix("->") else {
                bound.arguments.append(word)
                continue
            }
            guard let flag = flags[word] else {
                let known = flags.keys.sorted()
                throw .unknownFlag(command: name, flag: word, suggestion: closest(to: word, in: known), known: known)
            }
            if flag.takesValue {
                guard let value = words.popFirst() else {
                    throw .missingArgument(command: name, what: "a value after \(word)", usage: usage)
                }
                bound.options.append((flag.option, value))
            } else {
                bound.options.append((flag.option, "yes"))
            }
        }
        return bound
    }

    /// `~` and `~/…` at the start of a path typed at the prompt are the writer's home folder,
    /// as a shell reads them. Why: the prompt is no shell, and a newcomer's `export musicxml
    /// ~/songs/x.musicxml` had made a folder named "~" in the working folder (one `rm -r ~`
    /// from their home), and `import ~/Desktop/take.mid` found no file. Only the values
    /// that name files or folders (an argument shown as PATH, FILE or DIR, a path option);
    /// quoted too, as a path with spaces is quoted here. `./~` still names a folder "~".
    func expandingHome(_ invocation: Invocation, home: String?) -> Invocation {
        guard let home, !home.isEmpty else { return invocation }
        func expanded(_ value: String) -> String {
            if value == "~" { return home }
            guard value.hasPrefix("~/") else { return value }
            return (home.hasSuffix("/") ? String(home.dropLast()) : home) + value.dropFirst()
        }
        func namesPath(_ shape: String) -> Bool { ["PATH", "FILE", "DIR", "SESSION"].contains { shape.contains($0) } }
        var result = invocation
        for index in result.arguments.indices {
            guard let spec = index < arguments.count ? arguments[index] : arguments.last.flatMap({ $0.repeats ? $0 : nil }),
                  namesPath(spec.name) else { continue }
            result.arguments[index] = expanded(result.arguments[index])
        }
        for index in result.options.indices {
            guard let spec = option(result.options[index].key), namesPath(spec.shape ?? "") else { continue }
            result.options[index].value = expanded(result.options[index].value)
        }
        return result
    }

    /// Checks an invocation against this row before running it: the options it knows,
    /// each value by its type, range or words, the number of arguments, the body.
    func validate(_ invocation: Invocation) throws(REPLError) {
        let known = options.map(\.name)
        // An option given twice would silently take its last value (`bars=5-6 bars=7`
        // rewriting only bar 7): say so instead.
        var seen: [String: String] = [:]
        for given in invocation.options {
            if let first = seen[given.key], option(given.key) != nil {
                throw .refused("\(echoed(given.key))= is given twice (\(echoed(given.key))=\(echoed(first)) and \(echoed(given.key))=\(echoed(given.value))): give it once"
                               + (given.key == "bars" || given.key == "keep" ? ", with every bar in it, e.g. \(given.key)=\(echoed(first)),\(echoed(given.value))" : ""))
            }
            seen[given.key] = given.value
        }
        for given in invocation.options {
            guard let option = option(given.key) else {
                if sectionValues != nil { continue }
                // An argument written as an option (`add verse bars=8`): the line with it as a word.
                if let place = arguments.firstIndex(where: { $0.name.lowercased() == given.key.lowercased() }),
                   place <= invocation.arguments.count {
                    var words = invocation.arguments
                    words.insert(given.value, at: place)
                    throw .refused("\(name) takes \(arguments[place].name) as a word of its own, not \"\(echoed(given.key))=\": `\(([name] + words).map { $0.contains(" ") ? "\"\(echoed($0))\"" : echoed($0) }.joined(separator: " "))`")
                }
                throw .unknownOption(command: name, option: given.key, suggestion: closest(to: given.key, in: known), known: known)
            }
            try option.check(given.value)
        }
        if invocation.arguments.count < argumentCount.lowerBound {
            throw .missingArgument(command: name, what: needs, usage: usage)
        }
        if invocation.arguments.count > argumentCount.upperBound {
            // A bar and beat typed apart ("4 3" for 4.3) are one argument too many: said as such.
            let words = invocation.arguments
            if usage.contains("BAR.BEAT"), let at = words.indices.dropLast().first(where: { Int(words[$0]) != nil && Int(words[$0 + 1]) != nil }) {
                let fixed = words[..<at] + ["\(words[at]).\(words[at + 1])"] + words[(at + 2)...]
                throw .refused("\(name) does not take \"\(echoed(words[argumentCount.upperBound]))\": a place is one word, its bar and beat joined by a dot — `\(name) \(fixed.map(echoed).joined(separator: " "))`")
            }
            if let spaced = spacedOption(in: words) { throw spaced }
            // What the command writes typed without its "=" (`lyrics chorus "the rain …"`):
            // the line as it would be taken.
            // (Not where what it needs looks like notes or chords itself: `motif C5/4 D5/4`
            // left out the section.)
            var kept = argumentCount.lowerBound
            if kept + 1 < words.count, ["bar", "bars"].contains(words[kept].lowercased()) { kept += 2 }
            if invocation.body == nil, let meant = optionMeant(by: Array(words[kept...]), place: Array(words.prefix(kept))) { throw meant }
            if invocation.body == nil, writesBody, !words.prefix(kept).contains(where: { $0.contains("/") || $0.contains("|") }) {
                // The place it writes: the arguments it needs, and a bar (`bar 3`) after them.
                throw .writtenWithoutEquals(command: name, place: Array(words.prefix(kept)), written: Array(words[kept...]))
            }
            throw .extraArgument(command: name, argument: invocation.arguments[argumentCount.upperBound], usage: usage)
        }
        switch body {
        case .none: if invocation.body != nil { throw .bodyNotAllowed(command: name, usage: usage) }
        case .required: if invocation.body == nil { throw .bodyRequired(command: name, usage: usage) }
        case .optional: break
        }
    }
}

/// What a value may be: the type behind an argument or an option.
public enum ValueKind: Sendable {
    /// One of the song's sections (completion offers them; the handler names the closest).
    case section
    /// A part: chords, melody, bass, drums, pad.
    case part
    /// A whole number in a range.
    case whole(ClosedRange<Int>)
    /// A number in a range.
    case number(ClosedRange<Double>)
    /// One of a fixed list of words (a vocabulary's `allCases`).
    case words([String])
    /// A seed: a whole number ≥ 0.
    case seed
    /// yes or no (a flag such as `--force` sets yes).
    case yesNo
    /// Text the handler reads (a title, a range of pitches).
    case text
    /// A key (`key=Em`, `to=Bb`): completion offers the 24 major and minor keys.
    case key

    var isSwitch: Bool { if case .yesNo = self { true } else { false } }

    /// The words completion offers for a value of this kind.
    func candidates(song: Song?) -> [String] {
        switch self {
        case .section: song?.sections.map(\.name) ?? []
        case .part: PartKind.allCases.map(\.rawValue)
        case .words(let words): words
        case .yesNo: ["yes", "no"]
        case .key: ["C", "G", "D", "A", "E", "B", "F#", "Db", "Ab", "Eb", "Bb", "F",
                    "Am", "Em", "Bm", "F#m", "C#m", "G#m", "Ebm", "Bbm", "Fm", "Cm", "Gm", "Dm"]
        default: []
        }
    }
}

/// A plain argument: how usage names it and what it may be.
public struct ArgumentSpec: Sendable {
    /// As usage shows it: "SECTION", "BAR.BEAT[.STEP]".
    public var name: String
    public var kind: ValueKind
    /// For "needs …" messages: "a section", "a number of bars".
    public var about: String
    public var optional = false
    /// May be given again and again (`arrange SECTION…`).
    public var repeats = false
    /// Left out of the usage line: a command's other form shows it (`groove stats SECTION`).
    public var hidden = false
    /// Words it also takes besides its kind's (`stats`, `end`, `all`), for completion.
    public var keywords: [String] = []

    public init(_ name: String, _ kind: ValueKind, about: String, optional: Bool = false, repeats: Bool = false, hidden: Bool = false,
                keywords: [String] = []) {
        self.name = name
        self.kind = kind
        self.about = about
        self.optional = optional
        self.repeats = repeats
        self.hidden = hidden
        self.keywords = keywords
    }

    /// The words completion offers for it.
    func candidates(song: Song?) -> [String] { kind.candidates(song: song) + keywords }

    public static let section = ArgumentSpec("SECTION", .section, about: "a section")

    var usage: String {
        let shown = name + (repeats && !name.hasSuffix("…") ? "…" : "")
        return optional ? "[" + shown + "]" : shown
    }
}

/// A `name=value` option: its type, range or words, its default, and the rule an error
/// states.
public struct OptionSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    /// The value when it is absent, as usage shows it ("[n=3]"); nil when the song
    /// decides (a section's mood, a style from the mood): usage shows "[mood=…]".
    public var defaultValue: String?
    /// What usage shows for the value when not the default: "LOW..HIGH", "DIR".
    public var shape: String?
    /// The shell flags that set it ("-o", "--out"); usage shows the first.
    public var flags: [String]
    /// The rule an error states after "name=value: "; made from the kind when nil.
    public var rule: String?
    /// An example value for generated rules.
    public var example: String?
    /// Reads the value as the handler will, so that a bad one is refused before the handler
    /// runs, with the parser's own message (a key, a mood, a harmony style).
    public var parse: (@Sendable (String) throws -> Void)?
    /// The word a value is read as, for options that take synonyms (`mood=happy` is
    /// hopeful, `style=country` folk for chords and pop for a groove): said back after the
    /// command, so nothing is substituted silently; nil for options without synonyms.
    public var reads: (@Sendable (String) -> String?)?

    public init(_ name: String, _ kind: ValueKind, default defaultValue: String? = nil, shape: String? = nil, flags: [String] = [],
                rule: String? = nil, example: String? = nil, parse: (@Sendable (String) throws -> Void)? = nil) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.shape = shape
        self.flags = flags
        self.rule = rule
        self.example = example
        self.parse = parse
    }

    /// The same option, reading synonyms with `reads`.
    func reading(_ reads: @escaping @Sendable (String) -> String?) -> OptionSpec {
        var option = self
        option.reads = reads
        return option
    }

    /// The same option with a default.
    func defaulting(_ value: String) -> OptionSpec {
        var option = self
        option.defaultValue = value
        return option
    }

    var usage: String {
        if let flag = flags.first {
            if kind.isSwitch { return "[\(flag)]" }
            return "[\(flag) \(shape ?? defaultValue ?? words ?? name.uppercased())]"
        }
        return "[\(name)=\(defaultValue ?? shape ?? words ?? range ?? "…")]"
    }

    /// "open|closed|deceptive|plagal" for a short list of words.
    private var words: String? {
        guard case .words(let words) = kind, words.count <= 5 else { return nil }
        return words.joined(separator: "|")
    }

    private var range: String? {
        switch kind {
        case .number(let range): "\(OptionSpec.format(range.lowerBound))..\(OptionSpec.format(range.upperBound))"
        case .whole(let range): "\(range.lowerBound)..\(range.upperBound)"
        default: nil
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Refuses a value outside the option's type, range or words.
    func check(_ value: String) throws(REPLError) {
        let example = self.example ?? defaultValue
        let eg = example.map { ", e.g. \(name)=\($0)" } ?? ""
        switch kind {
        case .whole(let range):
            guard let number = Int(value), range.contains(number) else {
                throw .badOptionValue(option: name, value: value,
                                      rule: rule ?? "\(name) is a whole number from \(range.lowerBound) to \(range.upperBound)\(eg)")
            }
        case .number(let range):
            guard let number = Double(value), number.isFinite, range.contains(number) else {
                throw .badOptionValue(option: name, value: value,
                                      rule: rule ?? "\(name) is a number from \(OptionSpec.format(range.lowerBound)) to \(OptionSpec.format(range.upperBound))\(eg)")
            }
        case .words(let words):
            guard words.contains(value.lowercased()) || parse != nil else {
                // A near miss is a guess: the choices follow it, so a writer who meant
                // another word sees what there is.
                let choices = rule ?? "\(name) is one of " + words.joined(separator: ", ")
                let near = closest(to: value, in: words).map { "did you mean \(name)=\($0)? (\(choices))" }
                throw .badOptionValue(option: name, value: value, rule: near ?? choices)
            }
        case .seed:
            guard UInt64(value) != nil else {
                throw .badOptionValue(option: name, value: value, rule: rule ?? "a seed is a whole number ≥ 0, e.g. seed=42")
            }
        case .yesNo:
            guard ["yes", "true", "on", "1", "no", "false", "off", "0"].contains(value.lowercased()) else {
                throw .badOptionValue(option: name, value: value, rule: "\(name) is yes or no, e.g. \(name)=yes" + (flags.first.map { " (or \($0))" } ?? ""))
            }
        case .section, .part, .text, .key:
            break
        }
        if let parse {
            do { try parse(value) } catch let error as REPLError { throw error } catch { throw .refused(String(describing: error)) }
        }
    }
}

extension Commands {
    /// A key the writer names (`key=`, `to=`): as `Key(parsing:)` reads it, but a tonic
    /// with a double sharp or flat is refused with its enharmonic, since no song is
    /// written in C𝄫 (`new key=Cbb` had made a song "in Cbb", its key signature nine
    /// flats). Sessions still read any key `Key(parsing:)` takes.
    static func writtenKey(_ text: String) throws -> Key {
        let key = try Key(parsing: text)
        guard abs(key.tonic.accidental.semitones) > 1 else { return key }
        var plain = key
        plain.tonic = NoteName.plainest(pitchClass: key.tonic.pitchClass, leaning: key.tonic.accidental.semitones)
        throw REPLError.refused("\"\(echoed(text))\" has a double \(key.tonic.accidental.semitones > 0 ? "sharp" : "flat"): a key's tonic takes one sharp or flat at most, so write its enharmonic, \(plain)")
    }
}
