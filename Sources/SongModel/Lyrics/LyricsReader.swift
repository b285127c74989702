import MusicTheory

/// One sung syllable: its text as shown, the word it belongs to, and its stress.
public struct Syllable: Sendable, Hashable {
    /// As printed under the note: "rain", "y", "to", "day".
    public var text: String
    /// The word it is part of, as typed ("rainy," keeps its comma), and its place there.
    public var word: String
    public var index: Int
    public var count: Int
    /// 1 primary stress, 2 secondary, 0 unstressed.
    public var stress: Int
    /// The first syllable of a line of the lyrics.
    public var startsLine = false

    /// "to-DAY": the word with its stressed syllable in capitals, for messages.
    public static func shown(_ syllables: [Syllable]) -> String {
        syllables.map { $0.stress == 1 && syllables.count > 1 ? $0.text.uppercased() : $0.text }.joined(separator: "-")
    }
}

/// Reads lyrics into syllables.
///
/// Stress and the number of syllables come from the CMU Pronouncing Dictionary (the
/// 20,000 most frequent words, `StressTable`, made by `tools/learn/stress.py`); a word it
/// does not hold is counted by its vowel groups and stressed on its first syllable, and a
/// one-syllable word is stressed unless it is a function word (a, the, to, and …). The
/// letters are split by the maximal-onset rule (a consonant goes with the vowel after it
/// when the pair can start an English word: "ba-by", "hap-py", "re-mem-ber"). The
/// writer's own hyphens win ("rain-y"), `_` holds the syllable before over one more
/// note (a melisma), and ` / ` starts a new line.
public enum LyricsReader {
    /// A syllable or the `_` that extends the one before it.
    public enum Token: Sendable, Hashable {
        case syllable(Syllable)
        case hold
    }

    public static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var first = true
            for raw in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                // A slash between words starts a new line, as lyrics are typed on one line.
                if raw == "/" { first = true; continue }
                var word = String(raw)
                var holds = 0
                while word.hasSuffix("_") { word.removeLast(); holds += 1 }
                // Punctuation standing alone (a dash, an ellipsis) is not sung: "hold — on"
                // had sung "—" on a note of its own.
                if !word.isEmpty, !word.contains(where: { $0.isLetter || $0.isNumber }) { word = "" }
                if !word.isEmpty {
                    for var syllable in syllables(of: word) {
                        syllable.startsLine = first
                        first = false
                        tokens.append(.syllable(syllable))
                    }
                }
                tokens += Array(repeating: .hold, count: holds)
            }
        }
        return tokens
    }

    /// The syllables of one typed word.
    public static func syllables(of typed: String) -> [Syllable] {
        let letters = typed.lowercased().filter { $0.isLetter || $0 == "'" || $0 == "-" }
        let pieces: [String]
        var stresses: [Int]
        if typed.contains("-") {
            pieces = typed.split(separator: "-").map(String.init).filter { !$0.isEmpty }
            let joined = letters.replacingOccurrences(of: "-", with: "")
            stresses = pattern(of: joined).flatMap { $0.count == pieces.count ? $0 : nil } ?? guessed(pieces.count, word: joined)
        } else {
            let known = pattern(of: letters)
            let count = known?.count ?? vowelGroups(letters)
            if let stem = stem(of: letters), let cut = typedIndex(after: stem.count, in: typed) {
                // A word and its ending part where the word ends: deep-er, high-est, lift-ed.
                pieces = split(String(typed[..<cut]), into: count - 1, short: shortVowels(of: stem), spelledO: aaVowels(of: stem))
                    + [String(typed[cut...])]
            } else if known == nil, let (first, second) = compound(letters), let cut = typedIndex(after: first.count, in: typed) {
                // Two words the table holds, written as one: home-ward, sun-rise; each
                // part counted and parted as itself.
                let head = pattern(of: first)?.count ?? 1, tail = pattern(of: second)?.count ?? 1
                pieces = split(String(typed[..<cut]), into: head, short: shortVowels(of: first), spelledO: aaVowels(of: first))
                    + split(String(typed[cut...]), into: tail, short: shortVowels(of: second), spelledO: aaVowels(of: second))
            } else {
                pieces = split(typed, into: max(1, count), short: shortVowels(of: letters), spelledO: aaVowels(of: letters))
            }
            stresses = known.flatMap { $0.count == pieces.count ? $0 : nil } ?? guessed(pieces.count, word: letters)
        }
        if pieces.count == 1 && functionWords.contains(letters.filter { $0 != "'" }) { stresses = [0] }
        return pieces.enumerated().map { index, piece in
            Syllable(text: piece, word: typed, index: index, count: pieces.count, stress: stresses[index])
        }
    }

    /// Each syllable's stress from the table, or nil for a word it does not hold.
    static func pattern(of word: String) -> [Int]? {
        table[word].map { $0.compactMap { $0.wholeNumberValue } }
    }

    /// The syllables (0-based) whose stressed vowel is short ("s" in the table).
    static func shortVowels(of word: String) -> Set<Int> { marked(word, "s") }

    /// The syllables (0-based) whose stressed vowel is CMUdict's AA ("a" in the table):
    /// short where it is spelled o ("bod-y", "prom-ise"), long where it is spelled a
    /// ("fa-ther").
    static func aaVowels(of word: String) -> Set<Int> { marked(word, "a") }

    static func marked(_ word: String, _ sign: Character) -> Set<Int> {
        guard let marks = table[word] else { return [] }
        var result: Set<Int> = [], syllable = -1
        for mark in marks { if mark.isNumber { syllable += 1 } else if mark == sign { result.insert(syllable) } }
        return result
    }

    /// Each syllable's marks in the table: "1s", "0".
    static func syllableMarks(_ marks: String) -> [String] {
        var result: [String] = []
        for mark in marks { if mark.isNumber { result.append(String(mark)) } else if !result.isEmpty { result[result.count - 1].append(mark) } }
        return result
    }

    /// Endings a word parts before when the rest is a word of its own, sounded as it is
    /// alone: deep-er, teach-er, high-est, might-y, lift-ed, morn-ing. "-er" and "-y" only
    /// after a word of four letters or more ending in one consonant or a digraph (num-ber,
    /// not numb-er; wa-ter, not wat-er; la-dy stays, since lad sounds another vowel), "-y"
    /// only after a word of one syllable (u-ni-ty, not u-nit-y), "-ed" only where it is
    /// sung (after t or d), "-est" unstressed.
    static let endings: [(suffix: String, closedStem: Bool)] = [("ing", false), ("ed", false), ("est", false), ("er", true), ("y", true)]

    /// A word the table does not hold as two it does (the first of three letters or more,
    /// the second of four or more): the
    /// split with the longest first word ("homeward": home and ward). Why: counted by its
    /// vowel groups, a choir director's "homeward" had been sung "ho-me-ward".
    static func compound(_ word: String) -> (String, String)? {
        guard word.count >= 6, !word.contains("'") else { return nil }
        // The second word of four letters or more: "kindled" is no "kind" and "led".
        for length in stride(from: word.count - 4, through: 3, by: -1) {
            let first = String(word.prefix(length)), second = String(word.dropFirst(length))
            if table[first] != nil && table[second] != nil && !functionWords.contains(first) && !functionWords.contains(second) {
                return (first, second)
            }
        }
        return nil
    }

    /// The word an ending is added to, when `word` is one of those and the dictionary holds both.
    static func stem(of word: String) -> String? {
        guard let marks = table[word] else { return nil }
        let sounds = syllableMarks(marks)
        for (suffix, closed) in endings where word.hasSuffix(suffix) && word.count >= suffix.count + 3 {
            let stem = String(word.dropLast(suffix.count))
            guard let stemMarks = table[stem] else { continue }
            let stemSounds = syllableMarks(stemMarks)
            // The stem sounds as it does alone: its stresses, and before -er and -y its
            // vowels (ready is not read-y; tin's vowel is not tiny's).
            let same = closed ? Array(sounds.prefix(stemSounds.count)) == stemSounds
                : sounds.prefix(stemSounds.count).map(\.first) == stemSounds.map(\.first)
            guard stemSounds.count == sounds.count - 1, same, sounds.last == "0" else { continue }
            let letters = Array(stem)
            // A doubled consonant parts between its letters (run-ning, big-ger).
            if letters.count >= 2 && letters[letters.count - 1] == letters[letters.count - 2] && !vowels.contains(letters[letters.count - 1]) { continue }
            if suffix == "ed" && !["t", "d"].contains(letters.last) { continue }
            if closed {
                // Three letters are too few to tell a word from a syllable (wat-er).
                guard stem.count >= 4 else { continue }
                let digraph = ["tch", "ght", "gh", "ch", "sh", "th", "ck"].first { stem.hasSuffix($0) }
                let before = letters.count - (digraph?.count ?? 1) - 1
                guard before >= 0, vowels.contains(letters[before]), digraph != nil || !vowels.contains(letters[letters.count - 1]) else { continue }
                if suffix == "y" && stemSounds.count != 1 { continue }
            }
            return stem
        }
        return nil
    }

    /// Where in the typed word the letter after the first `count` letters stands.
    static func typedIndex(after count: Int, in typed: String) -> String.Index? {
        var seen = 0
        for index in typed.indices {
            if seen == count { return index }
            if typed[index].isLetter || typed[index] == "'" { seen += 1 }
        }
        return nil
    }

    static let table: [String: String] = {
        var table: [String: String] = [:]
        for line in StressTable.text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { table[String(parts[0])] = String(parts[1]) }
        }
        return table
    }()

    /// The stress of a word the table does not hold: the first syllable.
    static func guessed(_ count: Int, word: String) -> [Int] {
        (0..<count).map { $0 == 0 ? 1 : 0 }
    }

    static let functionWords: Set<String> = [
        "a", "an", "the", "to", "of", "and", "in", "on", "at", "for", "with", "but", "or", "nor", "as", "is", "it", "its",
        "be", "by", "from", "that", "than", "this", "my", "your", "his", "her", "our", "their", "me", "us", "him", "them",
        "we", "he", "she", "they", "am", "are", "was", "were", "if", "so", "do", "does", "can", "will", "would", "could",
        "should", "has", "have", "had", "not", "no", "up", "oh", "i'm", "it's", "you're", "we're", "they're", "i'll", "you'll",
    ]

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    /// Syllables by vowel groups, for words the table does not hold: a final silent e (or
    /// -es, -ed after most consonants) does not count.
    static func vowelGroups(_ word: String) -> Int {
        let letters = Array(word.filter(\.isLetter))
        var groups = 0
        var previous = false
        for (index, letter) in letters.enumerated() {
            // A u after q is a w ("quiet" is qui-et).
            let vowel = vowels.contains(letter) && !(letter == "y" && index == 0) && !(letter == "u" && index > 0 && letters[index - 1] == "q")
            if vowel && !previous { groups += 1 }
            previous = vowel
        }
        if letters.count > 2, letters.last == "e", !vowels.contains(letters[letters.count - 2]),
           !(letters[letters.count - 2] == "l" && letters.count > 3 && !vowels.contains(letters[letters.count - 3])) {
            groups -= 1
        } else if letters.count > 3, letters[letters.count - 2] == "e", let last = letters.last, !vowels.contains(letters[letters.count - 3]) {
            // -es is sung only after a hiss (roses, faces, wishes), -ed only after t or d
            // (wanted): "restores" is two syllables, "loved" one.
            let before = letters[letters.count - 3], pair = String(letters[(letters.count - 4)...(letters.count - 3)])
            // After a consonant and l the ending is the l's own syllable: kin-dled, can-dles.
            let syllabicL = before == "l" && letters.count > 4 && !vowels.contains(letters[letters.count - 4])
            if last == "s" && !"sxzcg".contains(before) && !["ch", "sh"].contains(pair) && !syllabicL { groups -= 1 }
            if last == "d" && !"td".contains(before) && !syllabicL { groups -= 1 }
        }
        return max(1, groups)
    }

    /// Consonant pairs that can begin an English syllable: the maximal-onset rule keeps
    /// them together after the split.
    static let onsets: Set<String> = [
        "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gl", "gr", "kn", "ph", "pl", "pr", "qu", "sc", "sh", "sk", "sl",
        "sm", "sn", "sp", "st", "sw", "th", "tr", "tw", "wh", "wr",
    ]

    /// `word` split into `count` pieces at the most likely syllable boundaries: between
    /// vowel groups, a single consonant joins the vowel after it, two consonants part
    /// unless they can start a syllable, a double consonant always parts. Punctuation stays
    /// with the letters it touches.
    static func split(_ word: String, into count: Int, short: Set<Int> = [], spelledO: Set<Int> = []) -> [String] {
        let characters = Array(word)
        guard count > 1 else { return [word] }
        let lower = characters.map { Character($0.lowercased()) }
        func isVowel(_ index: Int) -> Bool {
            guard lower[index].isLetter else { return false }
            if lower[index] == "y" { return index > 0 && !vowels.contains(lower[index - 1]) }
            if lower[index] == "u" && index > 0 && lower[index - 1] == "q" { return false }
            return vowels.contains(lower[index])
        }
        // Vowel groups: start and end of each.
        var groups: [(start: Int, end: Int)] = []
        var index = 0
        while index < characters.count {
            if isVowel(index) {
                let start = index
                while index + 1 < characters.count && isVowel(index + 1) { index += 1 }
                groups.append((start, index))
            }
            index += 1
        }
        // A final silent e is no syllable of its own.
        if groups.count > count, let last = groups.last, last.start == last.end, lower[last.start] == "e",
           last.end >= characters.count - 2 {
            groups.removeLast()
        }
        // Too many groups: join the closest ones (an "ia", "eo" read as one); too few: keep.
        while groups.count > count {
            var best = 0, gap = Int.max
            for index in 0..<(groups.count - 1) where groups[index + 1].start - groups[index].end < gap {
                gap = groups[index + 1].start - groups[index].end
                best = index
            }
            groups[best] = (groups[best].start, groups[best + 1].end)
            groups.remove(at: best + 1)
        }
        // Too few groups for the dictionary's count: vowels side by side that are sung apart
        // ("go-ing", "a-ri-a"); a word of capitals or no vowels is spelled out ("D-N-C").
        while groups.count < count, let long = groups.indices.filter({ groups[$0].end > groups[$0].start }).first {
            let group = groups[long]
            groups[long] = (group.start, group.start)
            groups.insert((group.start + 1, group.end), at: long + 1)
        }
        if groups.count < count && characters.count == count { return characters.map(String.init) }
        guard groups.count > 1 else { return [word] }
        // The word's letters without the punctuation after them ("darkness," had parted
        // "dar-kness,", "little," "litt-le,"): its endings are read on these.
        let trailing = lower.reversed().prefix { !$0.isLetter }.count
        let letters = lower.count - trailing
        var cuts: [Int] = []
        for index in 0..<(groups.count - 1) {
            let from = groups[index].end + 1, to = groups[index + 1].start   // consonants in from..<to
            let consonants = to - from
            let rest = String(lower[from..<letters])   // from the first consonant to the word's end
            var cut: Int
            // A stressed short vowel, marked so in the table (heav-en's ea and blood-y's oo
            // too, not eu or eo: neu-ral), or CMUdict's AA spelled o (bod-y, prob-lem).
            let vowel = String(lower[groups[index].start...groups[index].end])
            let marked = short.contains(index) && (vowel.count == 1 || ["ea", "oo"].contains(vowel))
            let spelledShort = spelledO.contains(index) && vowel == "o"
            let isShort = marked || spelledShort
            switch consonants {
            case 0: cut = to
            // One consonant after a stressed short vowel closes its syllable ("riv-er",
            // "lem-on", "heav-en"); otherwise it opens the next ("ba-by", "o-ver"), and
            // always as the s or t of -sure and -ture ("mea-sure", "pic-ture").
            case 1: cut = isShort && !(["s", "t"].contains(lower[from]) && rest.dropFirst().hasPrefix("ur")) ? to : from
            default:
                let pair = String(lower[(to - 2)..<to])
                cut = lower[to - 2] == lower[to - 1] ? to - 1 : onsets.contains(pair) ? to - 2 : to - 1
                if isShort && cut == to - 2 {
                    if ["th", "sh", "ch"].contains(pair) && (consonants == 2 || (consonants == 3 && lower[to - 3] == "t" && pair == "ch")) {
                        // Two letters of one sound stay whole with the short vowel: moth-er, kitch-en.
                        cut = to
                    } else if ["th", "sh", "ch", "wh", "qu"].contains(pair) || (pair == "ph" && consonants > 2) {
                        // Otherwise they begin the next syllable whole: al-pha, sun-shine.
                    } else if consonants == 2 {
                        // The first consonant stays with the short vowel: yes-ter, sis-ter,
                        // shep-herd, prob-lem. Of three or more, the last two begin the next
                        // syllable where they can (chil-dren, pil-grims, hun-dred).
                        cut = to - 1
                    }
                }
            }
            // Letters of one sound never part: ck and gh after a vowel end a syllable (pock-et,
            // nick-name, high-er), qu begins one (con-quer).
            if cut > 0 && cut < lower.count {
                let across = String([lower[cut - 1], lower[cut]])
                if across == "ck" || (across == "gh" && cut - 1 == from) { cut += 1 } else if across == "qu" { cut -= 1 }
            }
            // An ending that begins with a consonant begins its syllable: help-less, kind-ness.
            if index == groups.count - 2, consonants >= 2,
               let ending = ["less", "ness", "ment", "ful"].first(where: { rest.hasSuffix($0) && rest.count - $0.count < consonants && rest.count - $0.count > 0 }) {
                cut = letters - ending.count
            }
            // A consonant before a final -le (-led, -les) goes with it ("lit-tle", "gen-tle",
            // "sim-ple", "kin-dled");
            // -ing is a syllable of its own ("morn-ing", "sing-ing").
            if index == groups.count - 2 && consonants >= 1 && ["e", "ed", "es"].contains(rest.dropFirst(consonants)) && lower[to - 1] == "l" {
                cut = to - 2
            } else if index == groups.count - 2 && rest.dropFirst(consonants) == "ing" && letters - to == 3 {
                cut = to
            }
            cuts.append(max(from, min(to, cut)))
        }
        var pieces: [String] = []
        var start = 0
        for cut in cuts where cut > start && cut < characters.count {
            pieces.append(String(characters[start..<cut]))
            start = cut
        }
        pieces.append(String(characters[start...]))
        return pieces
    }
}
