import MusicTheory
import SongModel

/// One alternative for a chord.
public struct Substitute: Sendable, Hashable {
    public var chord: Chord
    /// relative, modal interchange, secondary dominant, tritone substitution, colour.
    public var kind: String
    public var reason: String
    /// What happens to the melody over it: "keeps the melody consonant", or the note
    /// that becomes colour or clashes.
    public var melody: String
    public var consonant: Bool
}

/// Alternatives for one chord (`alt SECTION BAR`), by the moves writers know by name.
public enum Substitutions {
    public static func alternatives(for chord: Chord, next: Chord?, key: Key, melody: [Note]) -> [Substitute] {
        let frame = TonalFrame(key: key)
        var found: [(Chord, String, String)] = []
        func add(_ symbol: String, _ kind: String, _ reason: String) {
            guard let chord = try? Chord(parsing: symbol) else { return }
            found.append((chord, kind, reason))
        }
        func numeral(_ step: String) -> Chord? { frame.chord(step) }
        let step = frame.step(of: chord) ?? ""
        // Relatives share two of three notes: I↔vi, IV↔ii, V↔iii.
        let relatives = ["I": "vi", "vi": "I", "IV": "ii", "ii": "IV", "V": "iii", "iii": "V"]
        if let relative = relatives[step], let other = numeral(relative) {
            add(other.description, "relative", "\(frame.numeral(of: other)) shares two notes with \(frame.numeral(of: chord)): same function, other colour")
        }
        // Modal interchange: the same degree from the parallel mode.
        let parallel = key.parallel
        if let numeralHere = RomanNumeral(chord: Chord(root: chord.root, quality: TonalFrame.triad(of: chord.quality)), in: key) {
            let borrowedRoot = RomanNumeral.root(degree: numeralHere.degree, accidental: .natural, from: parallel.tonic)
            let scale = parallel.scale.notes
            let degree = numeralHere.degree - 1
            let third = (scale[(degree + 2) % 7].pitchClass - scale[degree].pitchClass + 12) % 12
            let fifth = (scale[(degree + 4) % 7].pitchClass - scale[degree].pitchClass + 12) % 12
            let symbol = fifth == 6 ? "dim" : (third == 3 ? "m" : "")
            if let quality = ChordQuality.named(symbol) {
                let borrowed = Chord(root: NoteName.spelling(scale[degree].letter, as: scale[degree].pitchClass) ?? borrowedRoot, quality: quality)
                if borrowed.pitchClasses != Chord(root: chord.root, quality: TonalFrame.triad(of: chord.quality)).pitchClasses {
                    add(borrowed.description, "modal interchange", "\(key.analysis(of: borrowed)) borrowed from \(parallel): \(key.isMinor ? "brighter" : "darker"), same degree")
                }
            }
        }
        // Secondary dominant of the next chord.
        if let next, next.root != chord.root {
            let root = next.root.transposed(by: .P5)
            add(root.description + "7", "secondary dominant", "V7 of \(next): pulls into it a fifth below")
        }
        // Tritone substitution of a dominant: the 7th chord a tritone away shares its 3rd and 7th.
        if chord.quality.symbol == "7" || chord.quality.symbol == "9" || (step == "V" || step == "III") {
            // A diminished fifth above, as the sub is named (G♭7 for C7, so the bass slides
            // G♭–F into F); an augmented fourth where that would need a double flat.
            let diminished = chord.root.transposed(by: .d5)
            let root = abs(diminished.accidental.rawValue) < 2 ? diminished : chord.root.transposed(by: .A4)
            add(root.description + "7", "tritone substitution", "shares the tritone (3rd and 7th) of \(chord.root)7 and slides down a half step")
        }
        // Colour: sus, add9, sevenths.
        let triad = Chord(root: chord.root, quality: TonalFrame.triad(of: chord.quality))
        let colours = triad.quality.symbol == "m" ? ["m7", "madd9", "m6"] : (triad.quality.symbol == "" ? ["sus4", "sus2", "add9", key.isDiatonic(Chord(root: chord.root, quality: ChordQuality.named("maj7")!)) ? "maj7" : "7"] : ["m7b5"])
        for suffix in colours where suffix != chord.quality.symbol {
            add(chord.root.description + suffix, "colour", "the same chord with \(ChordQuality.named(suffix)?.name ?? suffix) colour")
        }
        var seen = Set<Chord>([chord])
        return found.compactMap { substitute, kind, reason in
            guard seen.insert(substitute).inserted else { return nil }
            let (text, consonant) = melodyCheck(substitute, melody: melody)
            return Substitute(chord: substitute, kind: kind, reason: reason, melody: text, consonant: consonant)
        }
    }

    /// Whether the melody notes over the chord stay chord tones, become colour (9th, 11th,
    /// 13th), or clash.
    static func melodyCheck(_ chord: Chord, melody: [Note]) -> (String, Bool) {
        guard !melody.isEmpty else { return ("no melody here", true) }
        var colour: [String] = [], clash: [String] = []
        for note in melody where !chord.pitchClasses.contains(note.pitch.midi % 12) {
            let interval = (note.pitch.midi - chord.root.pitchClass + 120) % 12
            let name = note.pitch.description
            if [2, 5, 9].contains(interval) { if !colour.contains(name) { colour.append(name) } } else if !clash.contains(name) { clash.append(name) }
        }
        if !clash.isEmpty { return ("clashes with the melody's \(clash.joined(separator: ", "))", false) }
        if !colour.isEmpty { return ("keeps the melody consonant; \(colour.joined(separator: ", ")) becomes colour (9th/11th/13th)", true) }
        return ("keeps the melody consonant: every note is a chord tone", true)
    }
}
