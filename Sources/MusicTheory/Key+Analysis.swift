extension Key {
    /// How a chord reads in this key on a chart: its Roman numeral, a secondary
    /// dominant named as one ("V/V", "V7/vi"), and its bass shown as figured bass for
    /// inversions ("I6", "V65") or as a scale degree otherwise ("i/♭7").
    ///
    /// ```swift
    /// let key = try Key(parsing: "F")
    /// key.analysis(of: try Chord(parsing: "G"))      // "V/V"
    /// key.analysis(of: try Chord(parsing: "C/E"))    // "V6"
    /// try Key(parsing: "Am").analysis(of: try Chord(parsing: "Am/G"))   // "i/♭7"
    /// ```
    public func analysis(of chord: Chord) -> String {
        let root = Chord(root: chord.root, quality: chord.quality)
        let numeral = secondaryDominant(root) ?? RomanNumeral(chord: root, in: self)
        guard let numeral else { return "?" }
        guard let bass = chord.bass else { return numeral.description }
        return figured(numeral, bass: bass, chord: root)
    }

    /// `analysis(of:)` read in its place in a progression: a dominant 7th (or a major triad
    /// or 9th) on the tonic is I7, the home chord of the blues and of rock, unless it comes
    /// after another chord and leads into IV (iv in minor: any chord on the fourth degree),
    /// where it is the V7/IV it leads into. Without this a 12-bar blues read C7 as V7/IV in
    /// every bar of C; with it, only bar 4's C7 before F7 is.
    ///
    /// ```swift
    /// let c = try Key(parsing: "C"), c7 = try Chord(parsing: "C7")
    /// c.analysis(of: c7, after: try Chord(parsing: "G7"), before: try Chord(parsing: "F7"))   // "V7/IV"
    /// c.analysis(of: c7, after: nil, before: try Chord(parsing: "F7"))                         // "I7"
    /// ```
    ///
    /// So is a major chord, 7th or 9th on the fourth degree that does not go on to the chord
    /// a fourth above it (or ends the chart): IV7, the blues' and funk's (B♭7 back to Fm7 in
    /// F minor), not a V7/♭VII that never arrives.
    public func analysis(of chord: Chord, after previous: Chord?, before next: Chord?) -> String {
        let root = Chord(root: chord.root, quality: chord.quality)
        let leadsToFour = previous != nil && next.map { ($0.root.pitchClass - tonic.pitchClass + 12) % 12 == 5 } == true
        let degree = (chord.root.pitchClass - tonic.pitchClass + 12) % 12
        let fourSeven = degree == 5 && next.map { ($0.root.pitchClass - chord.root.pitchClass + 12) % 12 != 5 } ?? true
        guard chord.root.pitchClass == tonic.pitchClass && !leadsToFour || fourSeven, secondaryDominant(root) != nil,
              let numeral = RomanNumeral(chord: root, in: self) else { return analysis(of: chord) }
        guard let bass = chord.bass else { return numeral.description }
        return figured(numeral, bass: bass, chord: root)
    }

    /// Each chord of a progression read in its place (`analysis(of:after:before:)`), and a
    /// minor seventh or half-diminished chord from outside the key that leads into a
    /// secondary dominant a fourth above it as that dominant's ii (`relativeTwo`).
    public func analysis(of chords: [Chord]) -> [String] {
        let readings = chords.indices.map { index in
            analysis(of: chords[index], after: index > 0 ? chords[index - 1] : nil, before: index + 1 < chords.count ? chords[index + 1] : nil)
        }
        return readings.indices.map { index in
            guard index + 1 < chords.count, let two = relativeTwo(chords[index], before: chords[index + 1]),
                  readings[index + 1].hasSuffix("/" + two.target) else { return readings[index] }
            return two.reading
        }
    }

    /// The ii of a ii–V that tonicizes another chord than the tonic, as its reading and the
    /// chord it tonicizes: Gm7 C7 in F is ii7/IV V7/IV, Em7♭5 A7♭9 in C iiø7/ii V7♭9/ii
    /// (they had read v7 and iiiø7, the pair not shown as one). Only a chord from outside the
    /// key: a diatonic one keeps its own name (Am7 before D7 in C is vi7). Nil where the
    /// chord is no such ii; `analysis(of:)` takes it only where the next chord reads, in its
    /// place, as that dominant (Gm7 C7 as a vamp on I7 in C keeps v7).
    ///
    /// ```swift
    /// try Key(parsing: "C").relativeTwo(try Chord(parsing: "Em7b5"), before: try Chord(parsing: "A7b9"))
    /// // ("iiø7/ii", "ii")
    /// ```
    public func relativeTwo(_ chord: Chord, before next: Chord) -> (reading: String, target: String)? {
        let symbol = chord.quality.symbol
        guard ["m7", "m7b5"].contains(symbol), chord.bass == nil, !chord.pitchClasses.isSubset(of: diatonicPitchClasses),
              (next.root.pitchClass - chord.root.pitchClass + 12) % 12 == 5,
              let dominant = secondaryDominant(Chord(root: next.root, quality: next.quality)), let target = dominant.target else { return nil }
        return ((symbol == "m7" ? "ii7/" : "iiø7/") + target.description, target.description)
    }

    /// Whether every note of the chord (its bass too) belongs to the key.
    public func isDiatonic(_ chord: Chord) -> Bool { chord.pitchClasses.isSubset(of: diatonicPitchClasses) }

    /// The parallel key: C minor for C major, C major for any minor mode.
    public var parallel: Key { Key(tonic: tonic, mode: isMinor ? .major : .naturalMinor) }

    /// The pitch classes that count as "in the key": the mode's scale, plus the raised
    /// seventh in minor (V and vii° of harmonic minor are everyday minor harmony).
    public var diatonicPitchClasses: Set<Int> {
        var classes = scale.pitchClasses
        if mode == .naturalMinor { classes.insert((tonic.pitchClass + 11) % 12) }
        return classes
    }

    /// Names a major or dominant chord from outside the key as the dominant of the
    /// diatonic chord a fifth below ("D7" in C is V7/V). The tonic is left out: V/I is V.
    /// Any dominant counts, its extensions and alterations too (A7♭9 before Dm7 in C is
    /// V7♭9/ii, D13 is V13/V: they had read VI7♭9 and II13 beside A7's V7/ii).
    public func secondaryDominant(_ chord: Chord) -> RomanNumeral? {
        let semitones = Set(chord.quality.intervals.map { $0.semitones % 12 })
        guard chord.quality.symbol == "" || semitones.isSuperset(of: [4, 10]),
              !chord.pitchClasses.isSubset(of: diatonicPitchClasses) else { return nil }
        let notes = scale.notes
        let targetClass = (chord.root.pitchClass + 5) % 12
        guard let degree = notes.firstIndex(where: { $0.pitchClass == targetClass }), degree > 0 else { return nil }
        // The triad on the target, from the key's own scale.
        let third = (notes[(degree + 2) % 7].pitchClass - notes[degree].pitchClass + 12) % 12
        let fifth = (notes[(degree + 4) % 7].pitchClass - notes[degree].pitchClass + 12) % 12
        guard fifth == 7 else { return nil }
        let natural = RomanNumeral.root(degree: degree + 1, accidental: .natural, from: tonic)
        var difference = (notes[degree].pitchClass - natural.pitchClass + 12) % 12
        if difference > 6 { difference -= 12 }
        guard let accidental = Accidental(semitones: difference) else { return nil }
        // In minor the dominant a secondary dominant leads to is the major V of harmonic
        // minor (D7 before G7 in C minor is V7/V, not V7/v).
        let target = RomanTarget(degree: degree + 1, accidental: accidental, isLowerCase: third == 3 && !(isMinor && degree == 4))
        // Only a root spelled a fifth over the target is its dominant: C♭ in C sounds as B,
        // V of iii, but as written it had read "𝄫VI/iii"; it reads ♭I, as spelled.
        guard let numeral = RomanNumeral(chord: chord, in: self, tonicizing: target), numeral.degree == 5, numeral.accidental == .natural else { return nil }
        return numeral
    }

    /// Adds the bass to a numeral: figured bass when the bass is a chord tone of a triad
    /// or seventh chord, otherwise "/degree" of the bass in the key.
    func figured(_ numeral: RomanNumeral, bass: NoteName, chord: Chord) -> String {
        let tones = chord.tones.map(\.pitchClass)
        if let position = tones.firstIndex(of: bass.pitchClass), position > 0 {
            let triadFigures = [1: "6", 2: "64"]
            let seventhFigures = [1: "65", 2: "43", 3: "42"]
            var text = numeral.description
            let target = numeral.target.map { "/" + $0.description } ?? ""
            if !target.isEmpty { text.removeLast(target.count) }
            if tones.count == 3, let figure = triadFigures[position] {
                return text + figure + target
            }
            if tones.count == 4, chord.quality.numeralSuffix.hasSuffix("7"), let figure = seventhFigures[position] {
                return String(text.dropLast()) + figure + target
            }
        }
        return numeral.description + "/" + degreeName(of: bass)
    }

    /// A note as a degree of the tonic's major scale: "3", "♭7", "♯4".
    func degreeName(of note: NoteName) -> String {
        let degree = (note.letter.rawValue - tonic.letter.rawValue + 7) % 7 + 1
        let natural = RomanNumeral.root(degree: degree, accidental: .natural, from: tonic)
        var difference = (note.pitchClass - natural.pitchClass + 12) % 12
        if difference > 6 { difference -= 12 }
        return (Accidental(semitones: difference)?.symbol ?? "") + String(degree)
    }
}
