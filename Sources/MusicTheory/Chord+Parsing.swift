extension Chord {
    /// Parses a chord symbol in three steps: the root (a letter and accidentals), the
    /// quality suffix (looked up in the catalogue, longest spelling first), and an
    /// optional "/bass".
    ///
    /// Accepts ASCII and typeset signs: "Bbmaj7", "B♭maj7", "C#m7b5", "Cø7", "C°7",
    /// "C/E".
    ///
    /// - Throws: `MusicTheoryError.badChord` quoting the symbol, with the nearest known
    ///   suffix when the root was fine.
    public init(parsing text: String) throws(MusicTheoryError) {
        let symbol = text.trimmed
        guard !symbol.isEmpty else { throw .badChord(text, hint: nil) }
        var body = Substring(symbol)
        var bass: NoteName?
        // "6/9" is a quality, not a chord over a bass note 9: a slash ends the symbol
        // only when a note name follows it.
        if let slash = body.lastIndex(of: "/"), NoteName(parsing: String(body[body.index(after: slash)...])) != nil
            || !(body.hasSuffix("6/9")) {
            let bassText = body[body.index(after: slash)...]
            guard let name = NoteName(parsing: String(bassText)) else {
                throw .badChordBass(symbol, bass: String(bassText))
            }
            bass = name
            body = body[..<slash]
        }
        guard let (root, used) = NoteName.prefix(of: body) else {
            if let first = body.first, Letter(character: first) != nil {
                // The slash bass kept in the fix (a band leader's d/F# had been offered D).
                throw .badChord(symbol, hint: first.uppercased() + body.dropFirst() + (bass.map { "/\($0)" } ?? ""))
            }
            // H is B in German and Scandinavian charts (Hm, H7): the chord may well be right
            // with the letter English charts use.
            if let english = body.readingHAsB, (try? Chord(parsing: english)) != nil {
                throw .badChord(symbol, hint: english + (bass.map { "/\($0)" } ?? "") + " (H is B in German notation)")
            }
            throw .badChord(symbol, hint: nil)
        }
        let suffix = String(body.dropFirst(used))
        guard let quality = ChordQuality.named(suffix) else {
            // A control character or other invisible one (a slip of Ctrl) is no part of a
            // quality: without it the symbol may be right as it is ("G" and Ctrl-A had been
            // offered "Gm").
            let visible = String(suffix.unicodeScalars.filter { ![.control, .format].contains($0.properties.generalCategory) })
            if visible != suffix, ChordQuality.named(visible) != nil {
                throw .badChord(symbol, hint: root.description + visible + (bass.map { "/\($0)" } ?? "") + " (without the control character)")
            }
            // A seventh (or ninth, eleventh, thirteenth) written after "sus" is the
            // suspended dominant players mean: Dsus7 is D7sus4 (it had been offered Dsus2).
            if let misordered = ChordQuality.suspendedDominant(misordered: suffix) {
                throw .badChord(symbol, hint: root.description + misordered + (bass.map { "/\($0)" } ?? ""))
            }
            // Only a quality of the same kind is offered: a minor chord's typo is no dominant
            // (a producer's Cm7#11 had been offered C7#11, Cø9 C9).
            let known = ChordQuality.all.filter { !$0.symbol.isEmpty && ChordQuality.isMinorSpelling($0.symbol) == ChordQuality.isMinorSpelling(suffix) }.map(\.symbol)
            guard let guess = closest(to: suffix, in: known).map({ root.description + $0 + (bass.map { "/\($0)" } ?? "") }) else {
                throw .badChordQuality(symbol, root: root.description, quality: suffix)
            }
            throw .badChord(symbol, hint: guess)
        }
        self.init(root: root, quality: quality, bass: bass)
    }
}

extension ChordQuality {
    /// The catalogue's spelling of a suspended dominant written with its extension after
    /// "sus" ("sus7", "sus47", "sus9", "sus2 7"): "7sus4", "9sus4", "7sus2"; nil for any
    /// other suffix, or one the catalogue does not hold.
    static func suspendedDominant(misordered suffix: String) -> String? {
        let text = suffix.lowercased().filter { $0 != " " }
        guard text.hasPrefix("sus") else { return nil }
        var rest = Substring(text.dropFirst(3))
        var suspended = "4"
        if let first = rest.first, first == "2" || first == "4", rest.count > 1 {
            suspended = String(first)
            rest = rest.dropFirst()
        }
        guard ["7", "9", "11", "13"].contains(String(rest)) else { return nil }
        let spelled = "\(rest)sus\(suspended)"
        return ChordQuality.named(spelled) != nil ? spelled : nil
    }
}
