import SongModel
import Engine

/// A seeded random session of commands, the way a restless writer types them: engine
/// requests and accepts, hand edits, undo and redo, saves, a render of one section now
/// and then — and about one line in five wrong (typos, bad chords, bad notes, numbers
/// out of range) — to prove that nothing a writer types can break a long session.
struct SoakScript {
    var random: SeededGenerator
    let renderFolder: String
    /// Render one section every this many commands, the first halfway through the first
    /// period, so that the first 1,000 commands include one (0: never).
    let renderEvery: Int
    private(set) var count = 0

    init(seed: UInt64, renderFolder: String, renderEvery: Int) {
        random = SeededGenerator(seed: seed)
        self.renderFolder = renderFolder
        self.renderEvery = renderEvery
    }

    static let opening = [
        "new \"Soak\" key=Am tempo=96 mood=sad",
        "add verse 8", "add chorus 8", "add bridge 4",
        "arrange verse chorus verse chorus bridge chorus",
        "chords verse = | Am | F | C | G | Am | F | C G | E7 |",
        "melody verse = A4/4 C5/8 D5/8 E5/2 | F5/4 E5/4 D5/2 | C5/4 B4/4 A4/2 | r/1",
        "save soak",
    ]

    let sections = ["verse", "chorus", "bridge"]
    let moods = ["sad", "calm", "tense", "triumphant", "dreamy", "hopeful", "dark"]
    let grooveStyles = ["rock", "pop", "funk", "ballad", "boom-bap", "house", "shuffle"]
    let pitches = ["C4", "D4", "E4", "G4", "A4", "C5", "E5", "F#4", "Bb4"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// The next command line.
    mutating func next() -> String {
        count += 1
        if renderEvery > 0, count % renderEvery == renderEvery / 2 {
            return "render \(pick(sections)) -o \(renderFolder)"
        }
        let section = pick(sections)
        let roll = number(0...99)
        switch roll {
        case 0..<8: return "chords \(section) mood=\(pick(moods)) seed=\(number(1...9999))"
        case 8..<12: return "harmonize verse n=2 seed=\(number(1...9999))"
        case 12..<18: return "groove \(section) style=\(pick(grooveStyles)) seed=\(number(1...9999))"
        case 18..<22: return "melody \(section) seed=\(number(1...9999))"
        case 22..<25: return "vary verse seed=\(number(1...9999))"
        case 25..<29: return "bass \(section) seed=\(number(1...9999))"
        case 29..<31: return "next \(section)"
        case 31..<33: return "alt \(section) \(number(1...4))"
        case 33..<45: return "accept \(number(1...3))"
        case 45..<47: return pick(["more", "again", "drop"])
        case 47..<51: return "note \(section) \(number(1...4)).\(number(1...4)) \(pick(pitches))/8"
        case 51..<53: return "unnote \(section) \(number(1...4)).\(number(1...4))"
        case 53..<56: return "transpose \(section) \(pick(["melody", "bass", "chords"])) \(number(-3...3))"
        case 56..<58: return "humanize \(section) 0.\(number(1...9))"
        case 58..<60: return "hit \(section) \(pick(["kick", "snare", "hat"])) \(number(1...4)).\(number(1...4))"
        case 60..<62: return "set tempo=\(number(70...140))"
        case 62..<64: return "set \(section) mood=\(pick(moods))"
        case 64..<70: return "undo"
        case 70..<74: return "redo"
        case 74..<76: return "save"
        case 76..<78: return pick(["show \(section)", "song", "history", "why \(section)", "credits", "blame \(section)"])
        case 78..<80: return "chords \(section) = | \(pick(["Am", "F", "C", "G", "Dm7", "E7"])) | \(pick(["F", "G", "Am"])) |"
        default: return invalid(section)
        }
    }

    /// A line that must be refused with a message, never crash.
    mutating func invalid(_ section: String) -> String {
        switch number(0...11) {
        case 0: return "chrods \(section)"
        case 1: return "chords \(section) = | H7 | Cm |"
        case 2: return "melody \(section) = C9/4 X/8"
        case 3: return "accept \(number(50...500))"
        case 4: return "set tempo=\(number(400...900))"
        case 5: return "chords nowhere"
        case 6: return "groove \(section) style=polka"
        case 7: return "note \(section) 99.1 C4"
        case 8: return "transpose \(section) melody lots"
        case 9: return "open \"unclosed"
        case 10: return String((0..<number(1...24)).map { _ in pick(Array("abc =|/.\"'#~-0123456789é♭")) })
        default: return "render \(section) --format mp3"
        }
    }
}
