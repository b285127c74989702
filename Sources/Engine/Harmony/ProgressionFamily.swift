/// A progression family a writer knows by name (MUSIC.md, "Harmony"), as numerals in
/// major-mode terms, with the styles that use it.
struct ProgressionFamily: Sendable {
    var name: String
    var steps: [String]
    /// What the loop is, for reasons.
    var about: String
    /// style name → how much that style favours the loop.
    var styles: [String: Double]

    /// True when `steps` (a chart's, slot by slot) play the loop whole, in order.
    func isPlayed(in steps: [String]) -> Bool { wherePlayed(in: steps) != nil }

    /// Where the chart first plays the loop whole, in order.
    func wherePlayed(in steps: [String]) -> Int? {
        guard steps.count >= self.steps.count else { return nil }
        return (0...(steps.count - self.steps.count)).first { start in Array(steps[start..<(start + self.steps.count)]) == self.steps }
    }

    static let all: [ProgressionFamily] = [
        ProgressionFamily(name: "axis loop", steps: ["I", "V", "vi", "IV"],
                          about: "the axis progression I–V–vi–IV, the most used loop in pop",
                          styles: ["pop": 3, "edm": 3, "rock": 1.5, "ballad": 1.2, "folk": 1]),
        ProgressionFamily(name: "axis loop from vi", steps: ["vi", "IV", "I", "V"],
                          about: "the axis rotated to start on vi (i–♭VI–♭III–♭VII in minor)",
                          styles: ["pop": 2.5, "edm": 3.5, "cinematic": 2.5, "ballad": 1.5, "rock": 1.5]),
        ProgressionFamily(name: "50s progression", steps: ["I", "vi", "IV", "V"],
                          about: "the 50s doo-wop progression I–vi–IV–V",
                          styles: ["pop": 2, "ballad": 2.2, "soul": 1.5, "folk": 1.5]),
        ProgressionFamily(name: "Mixolydian loop", steps: ["I", "bVII", "IV", "I"],
                          about: "the Mixolydian I–♭VII–IV, rock's borrowed ♭VII",
                          styles: ["rock": 3, "folk": 1.5, "pop": 0.8]),
        ProgressionFamily(name: "Andalusian descent", steps: ["vi", "V", "IV", "III"],
                          about: "the Andalusian cadence i–♭VII–♭VI–V, stepping down to the dominant",
                          styles: ["cinematic": 2.5, "rock": 1.5, "pop": 0.8, "ballad": 0.8]),
        ProgressionFamily(name: "minor plagal loop", steps: ["vi", "ii", "IV", "iii"],
                          about: "the minor loop i–iv–♭VI–v",
                          styles: ["cinematic": 1.5, "ballad": 1.2, "pop": 0.8, "lofi": 1]),
        ProgressionFamily(name: "royal road", steps: ["IV", "V", "iii", "vi"],
                          about: "the royal road IVmaj7–V7–iii7–vi, a J-pop and lo-fi staple",
                          styles: ["lofi": 3, "soul": 2, "ballad": 1.5, "pop": 1.2]),
        ProgressionFamily(name: "ii–V–I", steps: ["ii", "V", "I", "I"],
                          about: "the jazz ii–V–I, the strongest way home",
                          styles: ["jazz": 3, "lofi": 2, "soul": 1.5]),
        ProgressionFamily(name: "turnaround", steps: ["I", "vi", "ii", "V"],
                          about: "the I–vi–ii–V turnaround",
                          styles: ["jazz": 2.5, "soul": 2, "lofi": 1.5, "pop": 1]),
        ProgressionFamily(name: "circle turnaround", steps: ["iii", "vi", "ii", "V"],
                          about: "iii–vi–ii–V, falling fifths back to the tonic",
                          styles: ["jazz": 2.5, "soul": 1.5, "lofi": 1.5]),
        ProgressionFamily(name: "epic lift", steps: ["I", "bVI", "bVII", "I"],
                          about: "the ♭VI–♭VII–I lift borrowed from minor",
                          styles: ["cinematic": 3, "rock": 2, "pop": 1]),
        ProgressionFamily(name: "plagal shimmer", steps: ["I", "IV", "iv", "I"],
                          about: "IV turning minor (iv) before home: modal interchange in one step",
                          styles: ["ballad": 2.5, "pop": 1.2, "cinematic": 1.5, "soul": 1]),
        ProgressionFamily(name: "chromatic mediant loop", steps: ["I", "III", "IV", "iv"],
                          about: "I–III–IV–iv, a bright major III then a darkening iv",
                          styles: ["ballad": 1.5, "rock": 1.2, "cinematic": 1]),
        ProgressionFamily(name: "three-chord rock", steps: ["I", "IV", "V", "IV"],
                          about: "I–IV–V–IV, three chords and the truth",
                          styles: ["rock": 2, "folk": 2, "blues": 1]),
        ProgressionFamily(name: "rising loop", steps: ["vi", "IV", "V", "I"],
                          about: "vi–IV–V–I, starting in shadow and rising home",
                          styles: ["pop": 1.5, "ballad": 1.5, "edm": 1.5, "cinematic": 1]),
    ]
}
