/// What a section is in the song, read from the name writers give it ("chorus 2" is a
/// chorus, "pre-chorus" is not).
///
/// One reading for every layer that treats sections by their part in the song — the
/// cadence a section is expected to end on, the melody's register, which hand-overs a
/// drummer fills into, how loud each section plays — so they cannot disagree.
public enum SectionRole: Sendable, Hashable {
    case intro, verse, preChorus, chorus, bridge, solo, outro, other

    public init(name: String) {
        let name = name.lowercased()
        if name.hasPrefix("pre") {
            self = .preChorus
        } else if name.contains("chorus") || name.contains("refrain") || name.contains("hook") {
            self = .chorus
        } else if name.contains("verse") {
            self = .verse
        } else if name.contains("bridge") || name.hasPrefix("middle") || name.hasPrefix("breakdown") {
            self = .bridge
        } else if name.hasPrefix("solo") || name.contains("instrumental") {
            self = .solo
        } else if name.contains("intro") {
            self = .intro
        } else if name.contains("outro") || name.hasPrefix("coda") || name.hasPrefix("ending") {
            self = .outro
        } else {
            self = .other
        }
    }

    /// The names `init(name:)` reads a role from, for telling a slip from a name of the
    /// writer's own (`add chrous 4`).
    public static let names = ["intro", "verse", "pre-chorus", "chorus", "refrain", "hook", "bridge", "middle", "breakdown",
                               "solo", "instrumental", "outro", "coda", "ending"]

    /// The role with its article, as a sentence says it: "a chorus", "an intro", and
    /// `other` "a section".
    public var withArticle: String { (self == .intro || self == .outro ? "an " : "a ") + word }

    /// The role's name as a musician says it ("pre-chorus").
    public var word: String {
        switch self {
        case .intro: "intro"
        case .verse: "verse"
        case .preChorus: "pre-chorus"
        case .chorus: "chorus"
        case .bridge: "bridge"
        case .solo: "solo"
        case .outro: "outro"
        case .other: "section"
        }
    }

    /// Intros and outros frame the song: no tune of their own, quieter by their place.
    public var frames: Bool { self == .intro || self == .outro }
}
