/// One command line, split into its parts: the command word, plain arguments,
/// `name=value` options, and the `= …` body that some commands take verbatim.
///
/// ```
/// new "Rain on Glass" key=Cm tempo=84
///   name: new, arguments: ["Rain on Glass"], options: [key: Cm, tempo: 84]
/// chords verse = | Cm | Ab |
///   name: chords, arguments: ["verse"], body: "| Cm | Ab |"
/// ```
public struct Invocation: Sendable, Equatable {
    public var name: String
    public var arguments: [String]
    public var options: [(key: String, value: String)]
    public var body: String?
    /// Which arguments were written in quotes (by index): a request's quoted words are its
    /// prompt (`chords verse "sad jazzy"`).
    public var quoted: Set<Int> = []
    /// `style=NAME` of the writer's learned style, taken out of `options` (whose check
    /// knows only the built-in styles) by `Workspace.bindLearnedStyle`.
    public var learned: String?

    public static func == (a: Invocation, b: Invocation) -> Bool {
        a.name == b.name && a.arguments == b.arguments && a.body == b.body
            && a.options.map(\.key) == b.options.map(\.key) && a.options.map(\.value) == b.options.map(\.value) && a.learned == b.learned
    }

    public init(name: String, arguments: [String] = [], options: [(key: String, value: String)] = [], body: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.options = options
        self.body = body
    }

    /// A yes/no option (`--force` binds to `force=yes`): yes, true, on, 1 or no, false,
    /// off, 0; absent is no. Anything else is refused rather than read as yes.
    public func switchOn(_ key: String) throws(REPLError) -> Bool {
        guard let value = option(key) else { return false }
        switch value.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: throw .badOptionValue(option: key, value: value, rule: "\(key) is yes or no, e.g. \(key)=yes (or --\(key))")
        }
    }

    public func option(_ key: String) -> String? { options.last { $0.key == key }?.value }

    /// Splits a line; nil for a blank line or a comment.
    public static func parse(_ line: String) throws(REPLError) -> Invocation? {
        var words: [(text: String, quoted: Bool)] = []
        var current = ""
        var quoted = false
        var inWord = false
        var quote: Character?
        var body: String?
        var sawBody = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                // Within double quotes a backslash takes the next quote or backslash as it
                // is, as a shell does (`new "Say \"hi\""`; the title had come out Say \hi\).
                let next = line.index(after: index)
                if open == "\"", character == "\\", next < line.endIndex, line[next] == "\"" || line[next] == "\\" {
                    current.append(line[next])
                    index = line.index(after: next)
                    continue
                }
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" || character == "“" {
                // A quote at the start of a word makes the whole word plain text; one
                // after "name=" only quotes the option's value. Typographic double quotes
                // (“Grace”, as a phone types them) open and close as straight ones do.
                if !inWord { quoted = true }
                quote = character == "“" ? "”" : character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append((current, quoted)); current = ""; quoted = false; inWord = false }
            } else if character == "#" && !inWord && words.isEmpty {
                return nil
            } else if character == "=" && !inWord {
                // A lone "=" starts the body: everything after it, as typed.
                let next = line.index(after: index)
                if next == line.endIndex || line[next] == " " || line[next] == "\t" {
                    let rest = String(line[next...]).trimmingSpaces
                    body = rest.isEmpty ? nil : rest
                    sawBody = true
                    break
                }
                current.append(character)
                inWord = true
            } else {
                current.append(character)
                inWord = true
            }
            index = line.index(after: index)
        }
        if quote != nil { throw .unclosedQuote(line.trimmingSpaces) }
        if inWord { words.append((current, quoted)) }
        guard let first = words.first else {
            if sawBody { throw .unknownCommand("=", suggestion: nil) }
            return nil
        }
        var invocation = Invocation(name: first.text.lowercased(), arguments: [], options: [], body: body)
        var lastWasKey = false
        for word in words.dropFirst() {
            // "key=D minor": a mode name right after a key option belongs to it, as
            // musicians write keys with a space.
            if lastWasKey, !word.quoted, Invocation.modeWords.contains(word.text.lowercased()), let last = invocation.options.popLast() {
                invocation.options.append((last.key, last.value + " " + word.text))
                lastWasKey = false
                continue
            }
            lastWasKey = false
            if !word.quoted, let equals = word.text.firstIndex(of: "="), equals != word.text.startIndex {
                let key = String(word.text[..<equals]).lowercased()
                // A key is a word as a section's name is (letters first, then letters,
                // digits, - and _): `arc chorus2=nostalgic` had left "chorus2=nostalgic"
                // among the words, and the arc had set its other points without it.
                // (A flag's dashes may lead: `--lufs=-3`.)
                if key.drop(while: { $0 == "-" }).first?.isLetter == true,
                   key.allSatisfy({ ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") && $0.isASCII }) {
                    invocation.options.append((key, String(word.text[word.text.index(after: equals)...])))
                    lastWasKey = key == "key" || key == "to"
                    continue
                }
            }
            if word.quoted { invocation.quoted.insert(invocation.arguments.count) }
            invocation.arguments.append(word.text)
        }
        return invocation
    }

    /// Words that name a mode after a key's tonic (`key=D minor`).
    static let modeWords: Set<String> = ["major", "minor", "maj", "min", "dorian", "phrygian", "lydian", "mixolydian", "aeolian",
                                         "locrian", "ionian"]
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" || last == "\n" { slice = slice.dropLast() }
        return String(slice)
    }
}
