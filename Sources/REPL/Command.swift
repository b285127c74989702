import MusicTheory

/// A REPL command: what it is called, how it is used, and the function that does it.
///
/// The command table (`Command+Catalog.swift`) feeds the parser, tab completion and
/// `help`; the longer text of each command lives in `help/NAME.md`.
public struct Command: Sendable {
    public typealias Handler = @Sendable (inout Workspace, Invocation) throws -> String

    public var name: String
    public var aliases: [String] = []
    /// "add SECTION BARS".
    public var usage: String
    /// One line for the `help` list.
    public var summary: String
    /// Plain arguments: how many are needed, and how many allowed (nil: any number).
    public var arguments: ClosedRange<Int> = 0...0
    public var argumentNames: String = ""
    /// `name=value` options it takes.
    public var options: [String] = []
    /// Shell-style flags it also takes ("-o DIR", "--stems"), each mapped to an option
    /// name; `true` when the flag takes the next word as its value.
    public var flags: [String: (option: String, takesValue: Bool)] = [:]
    /// Whether it takes a `= …` body: no, optional, or required.
    public var body: BodyRule = .none
    /// Whether completion should offer section names for its arguments.
    public var completesSections = false
    /// Whether it can change the song (and so needs undo, autosave).
    public var changesSong = false
    /// Whether it needs an open song.
    public var needsSong = true
    /// The heading it is listed under in `help`.
    public var group = ""
    public var handler: Handler

    public enum BodyRule: Sendable { case none, required, optional }

    /// Turns shell-style flags among the arguments into options: `-o out --stems` becomes
    /// `out=out stems=yes`.
    func bindFlags(_ invocation: Invocation) throws(REPLError) -> Invocation {
        guard !flags.isEmpty else { return invocation }
        var bound = invocation
        bound.arguments = []
        var words = invocation.arguments[...]
        while let word = words.popFirst() {
            guard word.hasPrefix("-"), Double(word) == nil else {
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

    /// Checks an invocation's shape against this command, before running it.
    func validate(_ invocation: Invocation) throws(REPLError) {
        // "*" takes any name: `arc verse=calm chorus=triumphant` names sections.
        for option in invocation.options where !options.contains(option.key) && !options.contains("*") {
            throw .unknownOption(command: name, option: option.key,
                                 suggestion: closest(to: option.key, in: options), known: options)
        }
        if invocation.arguments.count < arguments.lowerBound {
            throw .missingArgument(command: name, what: argumentNames, usage: usage)
        }
        if invocation.arguments.count > arguments.upperBound {
            throw .extraArgument(command: name, argument: invocation.arguments[arguments.upperBound], usage: usage)
        }
        switch body {
        case .none: if invocation.body != nil { throw .bodyNotAllowed(command: name, usage: usage) }
        case .required: if invocation.body == nil { throw .bodyRequired(command: name, usage: usage) }
        case .optional: break
        }
    }
}
