/// A chord named by its function in a key: "I", "ii", "V7", "vii°", "♭VII", "iv",
/// and secondary chords such as "V/V" or "V7/vi".
///
/// The degree and its accidental are measured against the tonic's major scale, the way
/// Hooktheory and most pop analysis count, so the same numeral means the same move in
/// any key: in C minor, A♭ is ♭VI and B♭ is ♭VII. Case shows the third (upper for major,
/// lower for minor and diminished); the suffix shows the rest of the quality.
///
/// ```swift
/// let key = try Key(parsing: "C")
/// try RomanNumeral(parsing: "V/V").chord(in: key).description   // "D"
/// RomanNumeral(chord: try Chord(parsing: "Bb"), in: key)?.description   // "♭VII"
/// ```
public struct RomanNumeral: Sendable, Hashable, CustomStringConvertible {
    /// Scale degree, 1…7.
    public var degree: Int
    /// Alteration of the degree against the major scale (♭VI is −1).
    public var accidental: Accidental
    public var quality: ChordQuality
    /// The chord this one is a secondary function of ("/V" in "V/V").
    public var target: RomanTarget?

    public init(degree: Int, accidental: Accidental = .natural, quality: ChordQuality, target: RomanTarget? = nil) {
        self.degree = degree
        self.accidental = accidental
        self.quality = quality
        self.target = target
    }

    static let numerals = ["I", "II", "III", "IV", "V", "VI", "VII"]

    /// Typeset: "♭VII", "vii°", "V7/vi".
    public var description: String {
        let numeral = RomanNumeral.numerals[degree - 1]
        let cased = quality.isUpperCaseNumeral ? numeral : numeral.lowercased()
        return accidental.symbol + cased + quality.numeralSuffix + (target.map { "/" + $0.description } ?? "")
    }

    /// The chord this numeral names in `key`.
    public func chord(in key: Key) -> Chord {
        let home = target.map { $0.root(in: key) } ?? key.tonic
        let root = RomanNumeral.root(degree: degree, accidental: accidental, from: home)
        return Chord(root: root, quality: quality)
    }

    /// The root `degree` steps up the major scale of `tonic`, altered, spelled by letter —
    /// except an altered degree whose letter spelling no chart uses (a double flat or
    /// sharp, or E♯, B♯, C♭, F♭ off the scale), which is spelled plainly: ♭VI in D♭ is A,
    /// not B𝄫; ♯V°7 in F♯ is D°7, not C𝄪°7; ♭VI in A♭ is E, not F♭. The scale's own notes
    /// keep their letters (vii° in F♯ is E♯°).
    public static func root(degree: Int, accidental: Accidental, from tonic: NoteName) -> NoteName {
        let byLetter = letterRoot(degree: degree, accidental: accidental, from: tonic)
        guard accidental != .natural, byLetter.isAwkward else { return byLetter }
        return NoteName.plainest(pitchClass: byLetter.pitchClass, leaning: accidental.semitones)
    }

    /// The root spelled by letter alone (B𝄫 for ♭VI in D♭).
    static func letterRoot(degree: Int, accidental: Accidental, from tonic: NoteName) -> NoteName {
        let major = Scale(tonic: tonic, type: .major).notes[degree - 1]
        return NoteName.spelling(major.letter, as: major.pitchClass + accidental.semitones)
            ?? NoteName.preferred(pitchClass: major.pitchClass + accidental.semitones)
    }

    /// Names `chord` by function in `key`, from the letter distance of its root to the
    /// tonic (so a G♯ in C reads ♯V and an A♭ reads ♭VI). Returns nil when the root is
    /// more than a double alteration away. Slash basses are not part of the numeral.
    ///
    /// A root that an altered degree is spelled as plainly (`root(degree:accidental:from:)`)
    /// may read either way: A in D♭ is ♯V by its letter and ♭VI spelled plainly. A
    /// diatonic reading wins (F°7 typed in F♯ is the scale's E♯: vii°7); otherwise a
    /// diminished chord reads as raised (a leading-tone
    /// chord, ♯V°7 into vi) and any other as lowered (borrowed, ♭VI), as charts use them.
    public init?(chord: Chord, in key: Key) {
        let degree = (chord.root.letter.rawValue - key.tonic.letter.rawValue + 7) % 7 + 1
        let natural = RomanNumeral.root(degree: degree, accidental: .natural, from: key.tonic)
        var difference = (chord.root.pitchClass - natural.pitchClass + 12) % 12
        if difference > 6 { difference -= 12 }
        let byLetter = Accidental(semitones: difference).map { RomanNumeral(degree: degree, accidental: $0, quality: chord.quality) }
        if let byLetter, byLetter.accidental == .natural {
            self = byLetter
            return
        }
        var readings = byLetter.map { [$0] } ?? []
        for other in 1...7 where other != degree {
            // A scale note written plainly by the writer (F for E♯ in F♯) is still that degree.
            let diatonic = RomanNumeral.letterRoot(degree: other, accidental: .natural, from: key.tonic)
            if diatonic.isAwkward && NoteName.plainest(pitchClass: diatonic.pitchClass, leaning: diatonic.accidental.semitones) == chord.root {
                readings.append(RomanNumeral(degree: other, accidental: .natural, quality: chord.quality))
            }
            for accidental in [Accidental.flat, .sharp, .doubleFlat, .doubleSharp]
            where RomanNumeral.root(degree: other, accidental: accidental, from: key.tonic) == chord.root {
                readings.append(RomanNumeral(degree: other, accidental: accidental, quality: chord.quality))
            }
        }
        // Fewer alterations first; between a raise and a lowering, the one charts use.
        func rank(_ numeral: RomanNumeral) -> Int {
            let sign = numeral.accidental.semitones
            return abs(sign) * 2 + ((sign > 0) == chord.quality.isDiminished ? 0 : 1)
        }
        guard let preferred = readings.min(by: { rank($0) < rank($1) }) else { return nil }
        self = preferred
    }

    /// Names `chord` as a secondary function of `target` in `key` ("V7/vi").
    public init?(chord: Chord, in key: Key, tonicizing target: RomanTarget) {
        let local = Key(tonic: target.root(in: key), mode: .major)
        guard var numeral = RomanNumeral(chord: chord, in: local) else { return nil }
        numeral.target = target
        self = numeral
    }
}

/// The chord a secondary numeral points at: the "vi" in "V/vi".
public struct RomanTarget: Sendable, Hashable, CustomStringConvertible {
    public var degree: Int
    public var accidental: Accidental
    /// Minor-case targets print lower case ("V/vi"); the case does not change the root.
    public var isLowerCase: Bool

    public init(degree: Int, accidental: Accidental = .natural, isLowerCase: Bool = false) {
        self.degree = degree
        self.accidental = accidental
        self.isLowerCase = isLowerCase
    }

    public func root(in key: Key) -> NoteName {
        RomanNumeral.root(degree: degree, accidental: accidental, from: key.tonic)
    }

    public var description: String {
        let numeral = RomanNumeral.numerals[degree - 1]
        return accidental.symbol + (isLowerCase ? numeral.lowercased() : numeral)
    }
}
