extension RomanNumeral {
    /// Parses "I", "ii", "V7", "vii°", "viio7", "iiø7", "bVII", "♭VI", "#iv°", "IVmaj7",
    /// "V/V", "V7/vi".
    public init(parsing text: String) throws(MusicTheoryError) {
        let symbol = text.trimmed
        // "I6/9" is a six-nine chord, not a chord of 9: that slash belongs to the quality.
        let characters = Array(symbol)
        var parts: [Substring] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            let sixNine = index > 0 && characters[index - 1] == "6" && index + 1 < characters.count && characters[index + 1] == "9"
            if character == "/" && !sixNine {
                parts.append(Substring(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(Substring(current))
        guard parts.count == 1 || parts.count == 2 else { throw .badRomanNumeral(text) }
        guard let (accidental, degree, upper, suffix) = RomanNumeral.scan(parts[0]),
              let quality = ChordQuality.numeral(upperCase: upper, suffix: suffix)
        else { throw .badRomanNumeral(text) }
        var target: RomanTarget?
        if parts.count == 2 {
            guard let (targetAccidental, targetDegree, targetUpper, rest) = RomanNumeral.scan(parts[1]),
                  rest.isEmpty || rest == "°" || rest == "o"
            else { throw .badRomanNumeral(text) }
            target = RomanTarget(degree: targetDegree, accidental: targetAccidental, isLowerCase: !targetUpper)
        }
        self.init(degree: degree, accidental: accidental, quality: quality, target: target)
    }

    /// Splits a numeral into accidental, degree, case and quality suffix.
    static func scan(_ text: Substring) -> (Accidental, Int, Bool, String)? {
        var rest = text
        var semitones = 0
        while let first = rest.first, let step = Accidental.semitones(of: first) {
            semitones += step
            rest = rest.dropFirst()
        }
        guard let accidental = Accidental(semitones: semitones) else { return nil }
        let letters = rest.prefix { "IViv".contains($0) }
        guard !letters.isEmpty else { return nil }
        let upper = letters.allSatisfy(\.isUppercase)
        guard upper || letters.allSatisfy(\.isLowercase),
              let index = numerals.firstIndex(of: letters.uppercased())
        else { return nil }
        return (accidental, index + 1, upper, String(rest.dropFirst(letters.count)))
    }
}
