/// A spelled pitch class: a letter and an accidental, such as E♭ or F♯.
///
/// Two note names can sound the same and still differ (D♯ and E♭); Cowrite keeps the
/// spelling the key or the writer asked for.
///
/// ```swift
/// NoteName(parsing: "Eb")?.pitchClass   // 3
/// NoteName(.F, .sharp).description       // "F#"
/// ```
public struct NoteName: Sendable, Hashable, Codable, CustomStringConvertible {
    public var letter: Letter
    public var accidental: Accidental

    public init(_ letter: Letter, _ accidental: Accidental = .natural) {
        self.letter = letter
        self.accidental = accidental
    }

    /// The pitch class, 0…11 (C = 0).
    public var pitchClass: Int {
        ((letter.naturalPitchClass + accidental.semitones) % 12 + 12) % 12
    }

    /// ASCII spelling, as typed: "Eb", "F#".
    public var description: String { letter.name + accidental.ascii }

    /// Typeset spelling: "E♭", "F♯".
    public var symbol: String { letter.name + accidental.symbol }

    /// The same letter respelled so that it sounds `pitchClass`, if an accidental within
    /// a double flat or double sharp can do it.
    public static func spelling(_ letter: Letter, as pitchClass: Int) -> NoteName? {
        var diff = ((pitchClass - letter.naturalPitchClass) % 12 + 12) % 12
        if diff > 6 { diff -= 12 }
        guard let accidental = Accidental(semitones: diff) else { return nil }
        return NoteName(letter, accidental)
    }

    /// The note name `interval` above this one, spelled by the interval's letter count.
    ///
    /// ```swift
    /// NoteName(.F, .sharp).transposed(by: .M7)   // E#
    /// ```
    public func transposed(by interval: Interval) -> NoteName {
        let target = letter.advanced(by: interval.letterSteps)
        return NoteName.spelling(target, as: pitchClass + interval.semitones)
            ?? NoteName.preferred(pitchClass: pitchClass + interval.semitones)
    }

    /// A spelling a chart reader stops at: a double flat or sharp, or E♯, B♯, C♭, F♭.
    public var isAwkward: Bool {
        switch accidental {
        case .doubleFlat, .doubleSharp: true
        case .sharp: letter == .E || letter == .B
        case .flat: letter == .C || letter == .F
        case .natural: false
        }
    }

    /// The plainest spelling of `pitchClass`: its natural where it has one, else the sharp
    /// (`leaning` > 0) or the flat.
    public static func plainest(pitchClass: Int, leaning: Int) -> NoteName {
        let all = Letter.allCases.compactMap { spelling($0, as: pitchClass) }
        if let natural = all.first(where: { $0.accidental == .natural }) { return natural }
        let wanted: Accidental = leaning > 0 ? .sharp : .flat
        return all.first { $0.accidental == wanted && !$0.isAwkward } ?? preferred(pitchClass: pitchClass)
    }

    /// A plain spelling of a pitch class, flats for the black keys except F♯.
    public static func preferred(pitchClass: Int) -> NoteName {
        let table: [NoteName] = [
            NoteName(.C), NoteName(.D, .flat), NoteName(.D), NoteName(.E, .flat),
            NoteName(.E), NoteName(.F), NoteName(.F, .sharp), NoteName(.G),
            NoteName(.A, .flat), NoteName(.A), NoteName(.B, .flat), NoteName(.B),
        ]
        return table[((pitchClass % 12) + 12) % 12]
    }

    /// Every spelling a writer types for a root: naturals, and each letter with one or
    /// two flats or sharps (35 in all).
    public static let all: [NoteName] = Letter.allCases.flatMap { letter in
        Accidental.allCases.map { NoteName(letter, $0) }
    }
}

extension NoteName {
    /// Reads a note name at the start of `text`: a letter and any accidental signs.
    /// Returns the name and how many characters it used, or nil if `text` does not
    /// start with a letter A–G.
    static func prefix(of text: Substring) -> (NoteName, Int)? {
        // Roots are upper case, so that a lower-case "b" can only ever mean flat.
        guard let first = text.first, first.isUppercase, let letter = Letter(character: first)
        else { return nil }
        var semitones = 0
        var used = 1
        for character in text.dropFirst() {
            guard let step = Accidental.semitones(of: character) else { break }
            semitones += step
            used += 1
        }
        guard let accidental = Accidental(semitones: semitones) else { return nil }
        return (NoteName(letter, accidental), used)
    }

    /// Parses a whole note name such as "C", "Eb", "F#", "B♭", "Cbb".
    public init?(parsing text: String) {
        guard let (name, used) = NoteName.prefix(of: Substring(text)), used == text.count
        else { return nil }
        self = name
    }
}
