import MusicTheory
import SongModel

/// One alternative for a chord.
public struct Substitute: Sendable, Hashable {
    public var chord: Chord
    /// How it reads in the key: its Roman numeral, or for a tritone substitute the name
    /// musicians give it (♭II7 for the key's V7, subV7/ii for V7/ii's).
    public var numeral: String
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
        var found: [(Chord, String, String, String?)] = []
        func add(_ symbol: String, _ kind: String, _ reason: String, numeral: String? = nil) {
            guard let chord = try? Chord(parsing: symbol) else { return }
            found.append((chord, kind, reason, numeral))
        }
        func numeral(_ step: String) -> Chord? { frame.chord(step) }
        let step = frame.step(of: chord) ?? ""
        // Relatives share two of a triad's three notes: I↔vi, IV↔ii, V↔iii.
        let relatives = ["I": "vi", "vi": "I", "IV": "ii", "ii": "IV", "V": "iii", "iii": "V"]
        if let relative = relatives[step], let other = numeral(relative) {
            // Counted, not assumed: IV and a ii7 share three (D and Bm7: D, F♯, A).
            let shared = other.pitchClasses.intersection(chord.pitchClasses).count
            let count = [1: "one note", 2: "two notes", 3: "three notes", 4: "four notes"][shared] ?? "\(shared) notes"
            add(other.description, "relative", "\(frame.numeral(of: other)) shares \(count) with \(frame.numeral(of: chord)): same function, other colour")
        }
        // Modal interchange: the same degree from the parallel mode.
        let parallel = key.parallel
        if let numeralHere = RomanNumeral(chord: TonalFrame.triad(chord), in: key) {
            let borrowedRoot = RomanNumeral.root(degree: numeralHere.degree, accidental: .natural, from: parallel.tonic)
            let scale = parallel.scale.notes
            let degree = numeralHere.degree - 1
            let third = (scale[(degree + 2) % 7].pitchClass - scale[degree].pitchClass + 12) % 12
            let fifth = (scale[(degree + 4) % 7].pitchClass - scale[degree].pitchClass + 12) % 12
            let symbol = fifth == 6 ? "dim" : (third == 3 ? "m" : "")
            if let quality = ChordQuality.named(symbol) {
                let borrowed = Chord(root: NoteName.spelling(scale[degree].letter, as: scale[degree].pitchClass) ?? borrowedRoot, quality: quality)
                if borrowed.pitchClasses != TonalFrame.triad(chord).pitchClasses {
                    // Named by its degree (IV in D minor, borrowed from D major), not as the
                    // secondary dominant its notes could also be (V/♭VII).
                    let degreeName = RomanNumeral(chord: borrowed, in: key)?.description ?? key.analysis(of: borrowed)
                    add(borrowed.description, "modal interchange", "\(degreeName) borrowed from \(parallel): \(key.isMinor ? "brighter" : "darker"), same degree",
                        numeral: degreeName)
                }
            }
        }
        // The dominant of the next chord: a secondary dominant, unless the next chord is the
        // tonic, whose V7 is the key's own dominant and no secondary one.
        if let next, next.root != chord.root {
            let root = next.root.transposed(by: .P5)
            if next.root.pitchClass == key.tonic.pitchClass {
                add(root.description + "7", "dominant", "V7 of the key: pulls home to \(next) a fifth below")
            } else {
                add(root.description + "7", "secondary dominant", "V7 of \(next): pulls into it a fifth below")
            }
        }
        // Tritone substitution of a dominant: the 7th chord a tritone away shares its 3rd and 7th.
        if chord.quality.symbol == "7" || chord.quality.symbol == "9" || (step == "V" || step == "III") {
            // A diminished fifth above, as the sub is named (G♭7 for C7, so the bass slides
            // G♭–F into F); an augmented fourth where that is the plainer name (E7 for B♭7,
            // not F♭7; A7 for E♭7, not B𝄫7).
            let diminished = chord.root.transposed(by: .d5), augmented = chord.root.transposed(by: .A4)
            let root = abs(augmented.accidental.rawValue) < abs(diminished.accidental.rawValue) ? augmented : diminished
            add(root.description + "7", "tritone substitution", "shares the tritone (3rd and 7th) of \(chord.root)7 and slides down a half step",
                numeral: tritoneNumeral(of: chord, diminished: diminished, in: key))
        }
        // Colour: sus, add9, sevenths.
        let triad = TonalFrame.triad(chord)
        let colours = triad.quality.symbol == "m" ? ["m7", "madd9", "m6"] : (triad.quality.symbol == "" ? ["sus4", "sus2", "add9", key.isDiatonic(Chord(root: chord.root, quality: ChordQuality.named("maj7")!)) ? "maj7" : "7"] : ["m7b5"])
        for suffix in colours where suffix != chord.quality.symbol {
            add(chord.root.description + suffix, "colour", "the same chord with \(ChordQuality.named(suffix)?.name ?? suffix) colour")
        }
        var seen = Set<Chord>([chord])
        return found.compactMap { substitute, kind, reason, numeral in
            guard seen.insert(substitute).inserted else { return nil }
            let (text, consonant) = melodyCheck(substitute, melody: melody)
            return Substitute(chord: substitute, numeral: numeral ?? key.analysis(of: substitute), kind: kind, reason: reason,
                              melody: text, consonant: consonant)
        }
    }

    /// A tritone substitute's numeral, read from its diminished-fifth spelling whatever
    /// name the chart gives it: the key's V7 becomes ♭II7 (E7 for B♭7 in E♭ reads ♭II7, not
    /// ♯I7 as its letters would), a secondary dominant's sub is subV7 of the same target
    /// (E♭7 for A7 in C: subV7/ii).
    static func tritoneNumeral(of dominant: Chord, diminished root: NoteName, in key: Key) -> String {
        let analysis = key.analysis(of: Chord(root: dominant.root, quality: ChordQuality.named("7")!))
        if analysis.hasPrefix("V"), let slash = analysis.firstIndex(of: "/") {
            return "subV7" + analysis[slash...]
        }
        return key.analysis(of: Chord(root: root, quality: ChordQuality.named("7")!))
    }

    /// Two of the key's chords that keep the melody consonant where no one chord does: the
    /// first from `start` to `middle` and the second from there to `end` (a note held
    /// across the middle under both), the chord there now kept in either part where it can
    /// be. Nil when no pair does. Why: a songwriter's `alt` offered eight chords, every one
    /// marked ✗, and nothing more.
    public static func split(melody: [Note], from start: Ticks, at middle: Ticks, to end: Ticks, key: Key, keeping chord: Chord) -> (Chord, Chord)? {
        let first = melody.filter { $0.start < middle && $0.end > start }, second = melody.filter { $0.start < end && $0.end > middle }
        let triads = key.scale.notes.flatMap { root in ["", "m", "dim"].compactMap { try? Chord(parsing: root.description + $0) } }.filter(key.isDiatonic)
        let candidates = [chord] + triads.filter { $0 != chord }
        let fitsFirst = candidates.filter { melodyCheck($0, melody: first).consonant }, fitsSecond = candidates.filter { melodyCheck($0, melody: second).consonant }
        for a in fitsFirst { for b in fitsSecond where a != b { return (a, b) } }
        return nil
    }

    /// Whether the melody notes over the chord stay chord tones, become colour, or clash.
    /// A note that is not a chord tone is colour unless it sits a half step over one (a ♭9
    /// against it, the rub a listener hears as wrong: F over Am's E, C over G7's B) or is
    /// the third the chord does not have (E over Cm, E♭ over C, either third over a sus
    /// chord). So D over Em is its 7th, A over Cm its 6th, D over C its 9th. Short notes
    /// off the beat pass between chord tones and are not judged: the ear does not hear
    /// them as the harmony.
    public static func melodyCheck(_ chord: Chord, melody: [Note]) -> (text: String, consonant: Bool) {
        guard !melody.isEmpty else { return ("no melody here", true) }
        let heard = heardAsHarmony(melody)
        var colour: [(String, String)] = [], clash: [(String, String)] = []
        for note in heard where !chord.pitchClasses.contains(note.pitch.midi % 12) {
            let name = note.pitch.description
            guard !colour.contains(where: { $0.0 == name }) && !clash.contains(where: { $0.0 == name }) else { continue }
            switch role(of: note.pitch.midi % 12, over: chord) {
            case .colour(let what): colour.append((name, what))
            case .clash(let why): clash.append((name, why))
            }
        }
        let passing = heard.count < melody.count ? " (passing notes aside)" : ""
        if !clash.isEmpty {
            return ("clashes with the melody's " + clash.map { "\($0.0) (\($0.1))" }.joined(separator: ", "), false)
        }
        if !colour.isEmpty {
            let named = colour.enumerated().map { $0.offset == 0 ? "\($0.element.0) becomes the \($0.element.1)" : "\($0.element.0) the \($0.element.1)" }
            return ("keeps the melody consonant; " + named.joined(separator: ", ") + passing, true)
        }
        return ("keeps the melody consonant: every note is a chord tone" + passing, true)
    }

    /// The notes the ear hears against the harmony: held a beat or more, or begun on a beat.
    static func heardAsHarmony(_ melody: [Note]) -> [Note] {
        let quarter = MusicalTime.ticksPerQuarter
        return melody.filter { $0.duration >= quarter || $0.start % quarter == 0 }
    }

    /// Whether any note `melodyCheck` hears clashes with `chord`, without its words: what
    /// ranking many charts under a melody asks of each chord.
    static func clashes(_ chord: Chord, melody: [Note]) -> Bool {
        heardAsHarmony(melody).contains { note in
            let pitchClass = note.pitch.midi % 12
            guard !chord.pitchClasses.contains(pitchClass), case .clash = role(of: pitchClass, over: chord) else { return false }
            return true
        }
    }

    enum Role: Equatable { case colour(String), clash(String) }

    /// The third a chord does not have: a minor third over a major chord, a major third
    /// over a minor one (the clash `role` names first).
    static func isWrongThird(_ pitchClass: Int, over chord: Chord) -> Bool {
        let thirds = Set(chord.quality.intervals.map { $0.semitones % 12 }).intersection([3, 4])
        let interval = (pitchClass - chord.root.pitchClass + 12) % 12
        return thirds.count == 1 && [3, 4].contains(interval) && !thirds.contains(interval)
    }

    /// Whether a pitch class is no tone of the chord and heard against it (`role`'s clash).
    static func clashes(_ pitchClass: Int, with chord: Chord) -> Bool {
        guard !chord.pitchClasses.contains(pitchClass) else { return false }
        if case .clash = role(of: pitchClass, over: chord) { return true }
        return false
    }

    /// What a pitch class that is not one of the chord's tones does over it. (Tensions as
    /// jazz and pop theory list them: Levine, *The Jazz Theory Book*, ch. 3.)
    static func role(of pitchClass: Int, over chord: Chord) -> Role {
        let semitones = chord.quality.intervals.map { $0.semitones % 12 }, intervals = Set(semitones)
        let interval = (pitchClass - chord.root.pitchClass + 12) % 12
        let hasMajorThird = intervals.contains(4), hasMinorThird = intervals.contains(3)
        if isWrongThird(pitchClass, over: chord) {
            // Said as the rub it is, a half step from the chord's own third: "a major third
            // against its F" read as a third apart to a newcomer.
            return .clash("\(interval == 3 ? "the minor" : "the major") third, a half step from the chord's \(chord.root.transposed(by: hasMajorThird ? .M3 : .m3))")
        }
        if (interval == 3 || interval == 4) && !hasMajorThird && !hasMinorThird {
            return .clash("the third the chord leaves out")
        }
        for (tone, size) in zip(chord.tones, semitones) where (interval - size + 12) % 12 == 1 {
            return .clash("a half step over its \(tone)")
        }
        // A minor chord takes the 9th, 11th and 13th as colour, not the major 7th (unless
        // written as a minor-major 7th) nor the ♯11 beside its fifth: C and G over C♯m sit
        // a half step under its root and fifth, and a newcomer's check heard them as wrong
        // notes where `alt` had called them colour.
        // Nor does a sus chord take the ♯11: with no third to lean on, B over Fsus2 is a
        // tritone from its root and a half step under its fifth (a songwriter's B on beat 2
        // over Fsus2 had been called colour). A major chord's ♯11 is the Lydian colour.
        if hasMinorThird && !hasMajorThird {
            if interval == 11 { return .clash("a half step under its \(chord.root), a major 7th a minor chord does not take") }
        }
        if !hasMajorThird && interval == 6 && intervals.contains(7) {
            return .clash("a half step under its \(chord.root.transposed(by: .P5)), a ♯11 a \(hasMinorThird ? "minor" : "sus") chord does not take")
        }
        let hasSeventh = intervals.contains(10) || intervals.contains(11)
        let names = [2: "9th", 5: "11th", 6: "♯11", 8: "♭13", 9: hasSeventh ? "13th" : "6th", 10: "7th", 11: "major 7th"]
        return .colour(names[interval] ?? "colour")
    }
}
