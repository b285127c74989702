import MusicTheory

/// The General MIDI drum keys Cowrite writes, with the names writers use and the role
/// each plays in a groove (which drives the feel and humanizer guardrails).
public enum DrumKit {
    public enum Role: String, Sendable, CaseIterable { case kick, snare, cymbal, tom, percussion }

    /// (short name, key, role), in the order grids are printed.
    public static let pieces: [(name: String, key: Int, role: Role)] = [
        ("crash", 49, .cymbal), ("ride", 51, .cymbal), ("open-hat", 46, .cymbal), ("hat", 42, .cymbal),
        ("pedal-hat", 44, .cymbal), ("high-tom", 50, .tom), ("mid-tom", 47, .tom), ("low-tom", 45, .tom),
        ("snare", 38, .snare), ("rim", 37, .snare), ("clap", 39, .snare), ("tambourine", 54, .percussion),
        ("cowbell", 56, .percussion), ("shaker", 70, .percussion), ("kick", 36, .kick),
    ]

    // The keys code names directly; each is a row of `pieces` (a test checks).
    public static let kick = 36, snare = 38, rim = 37, clap = 39, hat = 42, pedalHat = 44, openHat = 46
    public static let ride = 51, crash = 49, tambourine = 54, cowbell = 56, shaker = 70
    public static let highTom = 50, midTom = 47, lowTom = 45

    /// The drum kits a General MIDI (GS) SoundFont holds on channel 10, by the program that
    /// selects them, with the names drummers use; FluidR3_GM has each. The standard kit
    /// plays unless the writer picks one (`instrument drums brushes`): brushes for a quiet
    /// jazz tune or a ballad, the TR-808 for a hip-hop beat.
    public static let kits: [(name: String, program: Int, aliases: [String])] = [
        ("standard", 0, ["standard-kit", "default"]), ("room", 8, ["room-kit"]), ("power", 16, ["power-kit", "rock-kit"]),
        ("electronic", 24, ["electronic-kit", "electro"]), ("tr-808", 25, ["808", "tr808", "808-kit"]),
        ("jazz", 32, ["jazz-kit"]), ("brushes", 40, ["brush", "brush-kit", "brushes-kit"]), ("orchestra", 48, ["orchestral", "orchestra-kit"]),
    ]

    /// A kit by name, alias or program number, or an error naming the kits.
    public static func kit(parsing text: String) throws(SongModelError) -> (name: String, program: Int) {
        let word = text.lowercased().replacingOccurrences(of: " ", with: "-")
        if let found = kits.first(where: { $0.name == word || $0.aliases.contains(word) || Int(word) == $0.program }) {
            return (found.name, found.program)
        }
        throw .unknownWord(what: "drum kit", text: text, allowed: kits.map(\.name),
                           suggestion: closest(to: word, in: kits.map(\.name) + kits.flatMap(\.aliases)))
    }

    /// The kit a program selects, by name ("brushes"); the standard kit's for one not listed.
    public static func kitName(_ program: Int) -> String { kits.first { $0.program == program }?.name ?? "kit \(program)" }

    public static func role(of key: Int) -> Role { pieces.first { $0.key == key }?.role ?? .percussion }
    public static func name(of key: Int) -> String { pieces.first { $0.key == key }?.name ?? "key \(key)" }

    /// A piece by name or key number, or an error naming the pieces.
    public static func key(parsing text: String) throws(SongModelError) -> Int {
        guard let key = key(named: text) else {
            throw .unknownWord(what: "drum", text: text, allowed: pieces.map(\.name), suggestion: closest(to: text, in: pieces.map(\.name)))
        }
        return key
    }

    /// A piece by name ("hat", "hh", "bd", "sd" …) or GM key number.
    public static func key(named text: String) -> Int? {
        let aliases = ["bd": "kick", "bass-drum": "kick", "sd": "snare", "hh": "hat", "hihat": "hat", "hi-hat": "hat",
                       "closed-hat": "hat", "oh": "open-hat", "cy": "crash", "rd": "ride", "stick": "rim", "side-stick": "rim",
                       "tom": "mid-tom"]
        let word = aliases[text.lowercased()] ?? text.lowercased()
        if let piece = pieces.first(where: { $0.name == word }) { return piece.key }
        if let number = Int(text), (27...87).contains(number) { return number }
        return nil
    }
}
