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
            pieces = split(typed, into: max(1, count), short: shortVowels(of: letters))
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
    static func shortVowels(of word: String) -> Set<Int> {
        guard let marks = table[word] else { return [] }
        var result: Set<Int> = [], syllable = -1
        for mark in marks { if mark.isNumber { syllable += 1 } else if mark == "s" { result.insert(syllable) } }
        return result
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
            let vowel = vowels.contains(letter) && !(letter == "y" && index == 0)
            if vowel && !previous { groups += 1 }
            previous = vowel
        }
        if letters.count > 2, letters.last == "e", !vowels.contains(letters[letters.count - 2]),
           !(letters[letters.count - 2] == "l" && letters.count > 3 && !vowels.contains(letters[letters.count - 3])) {
            groups -= 1
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
    static func split(_ word: String, into count: Int, short: Set<Int> = []) -> [String] {
        let characters = Array(word)
        guard count > 1 else { return [word] }
        let lower = characters.map { Character($0.lowercased()) }
        func isVowel(_ index: Int) -> Bool {
            guard lower[index].isLetter else { return false }
            if lower[index] == "y" { return index > 0 && !vowels.contains(lower[index - 1]) }
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
        var cuts: [Int] = []
        for index in 0..<(groups.count - 1) {
            let from = groups[index].end + 1, to = groups[index + 1].start   // consonants in from..<to
            let consonants = to - from
            let rest = String(lower[from...])
            var cut: Int
            switch consonants {
            case 0: cut = to
            // One consonant after a stressed short vowel closes its syllable ("riv-er",
            // "lem-on"); otherwise it opens the next ("ba-by", "o-ver").
            case 1: cut = short.contains(index) && groups[index].start == groups[index].end ? to : from
            default:
                let pair = String(lower[(to - 2)..<to])
                cut = lower[to - 2] == lower[to - 1] ? to - 1 : onsets.contains(pair) ? to - 2 : to - 1
                // After a stressed short vowel the first consonant stays ("yes-ter", "sis-ter"),
                // unless the two make one sound ("moth-er" keeps th whole).
                if short.contains(index) && cut == to - 2 && !["th", "sh", "ch", "ph", "wh"].contains(pair) { cut = to - 1 }
            }
            // A consonant before a final -le goes with it ("lit-tle", "gen-tle", "sim-ple");
            // -ing is a syllable of its own ("morn-ing", "sing-ing").
            if index == groups.count - 2 && consonants >= 1 && rest.dropFirst(consonants) == "e" && lower[to - 1] == "l" {
                cut = to - 2
            } else if index == groups.count - 2 && rest.dropFirst(consonants) == "ing" && lower.count - to == 3 {
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
