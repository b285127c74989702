import SongModel

/// How a melody's rhythm leans off the beat, by style: the part folk songs lack.
///
/// The folk tables give bar rhythms that start on the beat; popular styles sing across it.
/// These rows are written from the literature, not learned: Temperley, "Syncopation in rock:
/// a perceptual perspective", *Popular Music* 18/1 (1999) — rock and pop melodies anticipate
/// strong beats by an eighth or a sixteenth, the note heard as belonging to the beat it
/// anticipates; Huron & Ommen, "An empirical study of syncopation in American popular
/// music, 1890–1939", *Music Theory Spectrum* 28/2 (2006) — syncopation grows from a few
/// per cent of notes to a steady share, most of it the anticipation of beats 1 and 3;
/// de Clercq & Temperley, "A corpus analysis of rock harmony" and its melody transcriptions
/// (2011–2013) — pickups into phrases and sixteenth-note lines in soul and funk vocals.
/// The numbers are this project's reading of those findings, tuned so a style's melodies
/// land in the 5–20 % of notes syncopated that those studies report for popular songs
/// (lowered for pop, rock and edm with melody 3.7, when a line of eighths could first
/// anticipate: pop had risen from 9.6 % to 16.8 %).
public enum MelodyStyle: String, Vocabulary {
    case folk, ballad, pop, rock, soul, funk, edm, jazz, latin

    public static let what = "melody style"
    public static let aliases: [String: MelodyStyle] = [
        "country": .folk, "acoustic": .folk, "r&b": .soul, "rnb": .soul, "gospel": .soul, "neo-soul": .soul,
        "dance": .edm, "house": .edm, "electronic": .edm, "swing": .jazz, "bossa": .latin, "bossa-nova": .latin,
    ]

    /// One style's leanings: chances per place, and where the chances come from.
    public struct Row: Sendable {
        /// The chance that a note due on beat 1 or the bar's middle comes early, held across it.
        public let anticipation: Double
        /// Early by a sixteenth (funk, soul) rather than an eighth.
        public let sixteenthAnticipation: Bool
        /// The chance that a phrase after the first starts with a pickup in the bar before.
        public let pickup: Double
        /// The chance, at full energy, that an eighth splits into two sixteenths.
        public let sixteenths: Double

        /// Whether a busy phrase pushes at least once however the draws fall: the styles
        /// that sing across the beat as a habit, not the ballad, which leans only now and
        /// then (MUSIC.md: calm songs have "little syncopation", sad ones are "sparse").
        public var pushesAsAHabit: Bool { anticipation >= 0.2 }
    }

    public var row: Row {
        switch self {
        case .folk: Row(anticipation: 0, sixteenthAnticipation: false, pickup: 0.35, sixteenths: 0.05)
        // A ballad sits on the beat and leans early now and then. With 0.14 and the push
        // every busy phrase took, 21 of 28 ballad melodies had a note held across a beat
        // (6.4% of their notes) and a sad sketch's 11%, more than the pop style's share of
        // the sketches' calm, sad, melancholy and romantic songs, which take the ballad.
        case .ballad: Row(anticipation: 0.05, sixteenthAnticipation: false, pickup: 0.45, sixteenths: 0.10)
        case .pop: Row(anticipation: 0.30, sixteenthAnticipation: false, pickup: 0.55, sixteenths: 0.20)
        case .rock: Row(anticipation: 0.28, sixteenthAnticipation: false, pickup: 0.45, sixteenths: 0.15)
        case .soul: Row(anticipation: 0.32, sixteenthAnticipation: true, pickup: 0.55, sixteenths: 0.35)
        case .funk: Row(anticipation: 0.36, sixteenthAnticipation: true, pickup: 0.50, sixteenths: 0.45)
        // Dance toplines push more of their strong beats than pop's and start fewer phrases
        // with a pickup (a hook lands on or just before the downbeat): with pop's chances,
        // give or take a pickup, a producer's edm and pop melodies of one seed had been the
        // same notes in 6 seeds of 6. At 0.50 they had syncopated 24% of their notes over
        // the sections, moods and energies the classifier's test draws (the band is 5–20%).
        case .edm: Row(anticipation: 0.42, sixteenthAnticipation: false, pickup: 0.15, sixteenths: 0.30)
        case .jazz: Row(anticipation: 0.30, sixteenthAnticipation: false, pickup: 0.60, sixteenths: 0.05)
        case .latin: Row(anticipation: 0.34, sixteenthAnticipation: false, pickup: 0.45, sixteenths: 0.10)
        }
    }

    /// The style a section's drums imply: a melody sings with the groove under it.
    public static func implied(by drums: DrumStyleName) -> MelodyStyle {
        switch drums {
        case .rock, .shuffle, .halfTime: .rock
        case .pop, .disco, .oneDrop: .pop
        case .funk, .afrobeat: .funk
        case .house, .trap, .drumAndBass: .edm
        case .boomBap, .neoSoul: .soul
        case .bossaNova: .latin
        case .jazz: .jazz
        case .ballad: .ballad
        case .folk, .waltz, .sixEight: .folk
        }
    }

    /// The style a harmony style implies, for sections without drums.
    public static func implied(byHarmony name: String) -> MelodyStyle {
        switch name {
        case "pop": .pop
        case "rock": .rock
        case "soul", "blues", "lofi": .soul
        case "jazz": .jazz
        case "edm": .edm
        case "ballad", "cinematic": .ballad
        default: .folk
        }
    }
}
