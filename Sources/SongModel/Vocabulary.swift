import MusicTheory

/// A fixed list of words a session stores and a writer types: feels, transitions, fills and
/// drum styles. (Comping patterns and drum pieces keep their own parsers and messages.)
///
/// Each is an enum: a session with a value outside the list is refused when it loads, with
/// the allowed words named, and completion and error messages list `allCases`. Nothing
/// falls back silently to a default.
public protocol Vocabulary: RawRepresentable, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible
where RawValue == String {
    /// What the words name, for messages: "feel", "transition".
    static var what: String { get }
    /// Other words writers use for a value.
    static var aliases: [String: Self] { get }
}

extension Vocabulary {
    public static var aliases: [String: Self] { [:] }
    public var description: String { rawValue }

    /// The allowed words, in order.
    public static var words: [String] { allCases.map(\.rawValue) }

    /// A value by its word or an alias, ignoring case; spaces and underscores count as "-".
    public static func named(_ text: String) -> Self? {
        let word = text.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
        return Self(rawValue: word) ?? aliases[word]
    }

    /// A value by its word, or an error naming the allowed ones and the closest.
    public init(parsing text: String) throws(SongModelError) {
        guard let value = Self.named(text) else {
            throw .unknownWord(what: Self.what, text: text, allowed: Self.words,
                               suggestion: closest(to: text, in: Self.words))
        }
        self = value
    }
}

/// How one section hands over to the next.
public enum Transition: String, Vocabulary {
    /// A drum fill in the last bar.
    case fill
    /// A snare roll rising through the last bar into a bigger section.
    case build
    /// The kit stops for the second half of the last bar: the next section lands in the gap.
    case drop
    /// The tempo slows over the last bars (a ritardando).
    case ritard
    /// Straight on, nothing added.
    case none

    public static let what = "transition"

    /// "a ritardando", for sentences.
    public var phrase: String {
        switch self {
        case .fill: "a fill"
        case .build: "a build"
        case .drop: "a drop"
        case .ritard: "a ritardando"
        case .none: "no transition"
        }
    }
    public static let aliases: [String: Transition] = ["rit": .ritard, "ritardando": .ritard, "rall": .ritard, "stop": .drop]

    /// Played by the drums (a fill, a build, a drop): nothing is heard of it in a section
    /// without them.
    public var isDrummers: Bool { self == .fill || self == .build || self == .drop }
}

/// The fills a drummer plays into the next section.
public enum FillKind: String, Vocabulary {
    /// Sixteenths (or triplets) on the snare.
    case roll
    /// Down the toms, high to low.
    case toms
    /// Kick and snare alternating.
    case kickSnare = "kick-snare"

    public static let what = "fill"
}

/// The drum styles of the groove catalogue (`DrumStyle.all` in the engine).
public enum DrumStyleName: String, Vocabulary {
    case rock, pop, funk, disco, house
    case boomBap = "boom-bap"
    case trap
    case halfTime = "half-time"
    case neoSoul = "neo-soul"
    case oneDrop = "one-drop"
    case bossaNova = "bossa-nova"
    case shuffle, jazz, ballad, folk, afrobeat
    case drumAndBass = "drum-and-bass"
    case waltz
    case sixEight = "six-eight"

    public static let what = "groove style"
    public static let aliases: [String: DrumStyleName] = [
        "straight": .rock, "four-on-the-floor": .house, "techno": .house, "hip-hop": .boomBap, "hiphop": .boomBap,
        "boombap": .boomBap, "halftime": .halfTime, "neosoul": .neoSoul, "dilla": .neoSoul,
        "reggae": .oneDrop, "bossa": .bossaNova, "bossanova": .bossaNova, "blues": .shuffle, "blues-shuffle": .shuffle,
        "swing": .jazz, "jazz-swing": .jazz, "slow": .ballad, "afro": .afrobeat, "dnb": .drumAndBass, "jungle": .drumAndBass,
        "drumandbass": .drumAndBass, "three-four": .waltz, "3/4": .waltz, "6/8": .sixEight, "twelve-eight": .sixEight,
        "12/8": .sixEight,
        // The harmony styles' and genres' names, read as the groove that plays them.
        "country": .pop, "indie": .pop, "americana": .folk, "stomp": .folk, "cinematic": .ballad, "soul": .neoSoul, "gospel": .neoSoul,
        "r&b": .neoSoul, "rnb": .neoSoul, "edm": .house, "electronic": .house, "dance": .house, "lofi": .boomBap,
        "lo-fi": .boomBap, "latin": .bossaNova, "punk": .rock, "metal": .rock, "motown": .funk,
    ]
}
