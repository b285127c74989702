extension StringProtocol {
    /// The text with its leading H read as B, as German and Scandinavian charts write B (Hm,
    /// H7, H4); nil when it does not start with H. Chord symbols, keys and notes all offer it.
    public var readingHAsB: String? {
        guard let first, first == "H" || first == "h" else { return nil }
        return "B" + dropFirst()
    }

    /// The text without leading and trailing spaces and tabs.
    var trimmed: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

/// Edit distance between two strings, for "did you mean" suggestions: insertions,
/// deletions, substitutions and swaps of neighbours ("shwo" is one step from "show").
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = Swift.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = Swift.min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}

/// "1st", "2nd", "3rd", "4th", "11th", "22nd": a count as an ordinal, in figures.
public func ordinal(_ number: Int) -> String {
    let tens = number % 100 / 10, ones = number % 10
    return "\(number)" + (tens == 1 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th")
}

/// "1 section", "4 sections": a count with its noun, for messages.
public func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
public func closest(to word: String, in candidates: [String]) -> String? {
    // No name Cowrite knows is longer: a pasted paragraph is not a typo, and comparing
    // it would cost time in proportion to its length times every candidate's.
    guard word.count <= 64 else { return nil }
    let limit = Swift.max(1, word.count / 3)
    let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= limit }
    if let best = scored.min(by: { $0.1 < $1.1 }) { return best.0 }
    // A prefix is a likely intent too ("cho" → "chords").
    return candidates.first { $0.hasPrefix(word.lowercased()) && word.count >= 2 }
}

/// The text with every character that could steer a terminal made visible: control
/// characters (`\e`, `\n`, `\u{7}` …), C1 controls, and the marks that reorder or hide
/// text (`\u{202E}`, `\u{200B}` …). Used on every text that came from a file or a person
/// before it is printed, so a title from a session someone sent cannot set the terminal's
/// title, clear the screen or print a line that looks like Cowrite's own.
///
/// ```
/// visible("a\u{1B}[2Jb")   // "a\\e[2Jb"
/// ```
///
/// - Parameter keepingLines: keeps `\n` and `\t` as they are (for whole output blocks,
///   whose line breaks are Cowrite's own).
public func visible(_ text: String, keepingLines: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: { isSteering($0, keepingLines: keepingLines) }) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
        guard isSteering(scalar, keepingLines: keepingLines) else {
            result.unicodeScalars.append(scalar)
            continue
        }
        switch scalar {
        case "\u{1B}": result += "\\e"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
    return result
}

/// Control characters (C0, DEL, C1), bidirectional overrides and isolates, zero-width
/// and line/paragraph separators.
public func isSteering(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Bool {
    let value = scalar.value
    if keepingLines && (value == 0x0A || value == 0x09) { return false }
    return value < 0x20 || (0x7F...0x9F).contains(value) || (0x200B...0x200F).contains(value)
        || (0x2028...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x061C || value == 0xFEFF
}

/// The most characters of a writer's input an error message quotes back (`help limits`).
public let echoedCharacterLimit = 64

/// The word as an error message quotes it: at most `echoedCharacterLimit` characters,
/// control characters made visible. Here, beside `visible`, so the music parsers' own
/// errors quote as every other error does (a 100-character chord symbol was quoted whole).
public func echoed(_ word: String) -> String {
    let shown = word.count > echoedCharacterLimit ? String(word.prefix(echoedCharacterLimit)) + "… (\(word.count) characters)" : word
    return visible(shown)
}
