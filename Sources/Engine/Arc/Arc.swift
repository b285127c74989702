import SongModel

/// An emotional arc across the form: "calm -> tense -> triumphant", or per section
/// ("verse=calm chorus=triumphant"). Each section gets a mood and its point on the
/// energy and tension curves, which every generator and the render read.
public enum Arc {
    /// Energy (how much is going on) and tension (how unresolved it feels) per mood, 0…1.
    public static func energy(of mood: Mood) -> Double {
        switch mood {
        case .calm: 0.2
        case .sad: 0.25
        case .melancholy, .dreamy: 0.3
        case .romantic: 0.35
        case .nostalgic: 0.4
        case .dark, .hopeful: 0.55
        case .playful: 0.6
        case .tense: 0.7
        case .energetic: 0.85
        case .triumphant: 0.9
        }
    }

    public static func tension(of mood: Mood) -> Double {
        switch mood {
        case .calm, .hopeful: 0.15
        case .dreamy, .romantic, .nostalgic: 0.3
        case .sad, .melancholy, .playful: 0.35
        case .triumphant: 0.4
        case .energetic: 0.5
        case .dark: 0.75
        case .tense: 0.9
        }
    }

    /// Parses "calm -> tense -> triumphant" (also "calm, tense, triumphant").
    public static func moods(_ text: String) throws(SongModelError) -> [Mood] {
        let words = text.replacingOccurrences(of: "->", with: ",").replacingOccurrences(of: "→", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var moods: [Mood] = []
        for word in words { moods.append(try Mood(parsing: word)) }
        return moods
    }

    /// The point on the arc of each distinct section of `form` (listed by first
    /// appearance): the moods spread over the song's time, bar by bar, energy and tension
    /// interpolated between them.
    ///
    /// One section holds one mood for all its repeats, so each takes the arc where it
    /// counts. A chorus is the song's lift: it takes the strongest point the arc reaches
    /// at any of its repeats (the last one on a rising arc), so "start calm, build
    /// tension, end triumphant" ends on a triumphant chorus; before, sections took the
    /// arc in the order first heard, and every chorus sang the middle mood. Every other
    /// section takes the arc where it is first heard: verses start calm, the bridge is
    /// where tension builds, the outro ends. The repeats still rise or fall over time in
    /// the render (`SectionLevels`).
    ///
    /// A chorus's energy is at least the highest verse's or pre-chorus's (on a falling
    /// arc its render measured 2 LU under the verse without it), and an outro stays under
    /// the loudest chorus: the climax is the last chorus, not the ending after it.
    public static func points(moods: [Mood], form: [String], bars: (String) -> Int = { _ in 8 })
        -> [(section: String, mood: Mood, energy: Double, tension: Double)] {
        let spread = spread(moods: moods, form: form, bars: bars)
        let role = { (name: String) in SectionRole(name: name) }
        let leading = spread.filter { [.verse, .preChorus].contains(role($0.section)) }.map(\.energy).max()
        var points = spread.map { point in
            guard role(point.section) == .chorus, let leading else { return point }
            return (point.section, point.mood, max(point.energy, leading), point.tension)
        }
        if let climax = points.filter({ role($0.section) == .chorus }).map(\.energy).max() {
            points = points.map { point in
                guard role(point.section) == .outro else { return point }
                return (point.section, point.mood, min(point.energy, max(0.1, climax - 0.1)), point.tension)
            }
        }
        return points
    }

    static func spread(moods: [Mood], form: [String], bars: (String) -> Int = { _ in 8 })
        -> [(section: String, mood: Mood, energy: Double, tension: Double)] {
        var order: [String] = []
        for name in form where !order.contains(name) { order.append(name) }
        guard !moods.isEmpty, !order.isEmpty else { return [] }
        // Where each repeat sits on the arc, 0…moods.count-1: its middle bar, the first
        // section's at the first mood and the last section's at the last.
        var middles: [Double] = []
        var elapsed = 0.0
        for name in form {
            let length = Double(max(1, bars(name)))
            middles.append(elapsed + length / 2)
            elapsed += length
        }
        let first = middles.first ?? 0, span = (middles.last ?? 0) - first
        let scale = Double(moods.count - 1)
        let positions = middles.map { span > 0 ? ($0 - first) / span * scale : 0 }
        func point(at position: Double) -> (mood: Mood, energy: Double, tension: Double) {
            let lower = Int(position.rounded(.down)), upper = min(moods.count - 1, lower + 1)
            let blend = position - Double(lower)
            let energy = Arc.energy(of: moods[lower]) * (1 - blend) + Arc.energy(of: moods[upper]) * blend
            let tension = Arc.tension(of: moods[lower]) * (1 - blend) + Arc.tension(of: moods[upper]) * blend
            return (moods[Int(position.rounded())], energy, tension)
        }
        var points = order.map { name in
            let repeats = form.indices.filter { form[$0] == name }.map { point(at: positions[$0]) }
            // The strongest repeat for a chorus (the later one of equals), the first for the rest.
            let chosen = SectionRole(name: name) == .chorus
                ? repeats.reversed().max { $0.energy < $1.energy }!
                : repeats[0]
            return (section: name, mood: chosen.mood, energy: chosen.energy, tension: chosen.tension)
        }
        // A mood in the middle of the arc that no section took (each takes one repeat's)
        // goes to the section other than a chorus, and of a mood another section shares,
        // heard nearest it on the arc (on the way to the next mood or from the last), at its
        // own place's energy: melancholy -> dark -> heroic over intro verse chorus verse
        // chorus outro had no dark section at all (the verse took its first playing's
        // melancholy, the chorus its last's triumph), nor calm -> tense -> triumphant over
        // verse chorus verse chorus bridge chorus a tense one (the verse is the song's only
        // calm; the bridge, heard two thirds of the way from the tension to the triumph, took
        // the triumph), and a newcomer who asked to build tension heard none.
        for (index, mood) in moods.enumerated().dropFirst().dropLast() where !points.contains(where: { $0.mood == mood }) {
            let shared = points.indices.filter { slot in
                SectionRole(name: points[slot].section) != .chorus && points.filter { $0.mood == points[slot].mood }.count > 1
            }
            var near: (slot: Int, at: Int, distance: Double)?
            for slot in shared {
                for at in form.indices where form[at] == points[slot].section {
                    let distance = abs(positions[at] - Double(index))
                    if distance < 1 && distance < (near?.distance ?? .infinity) { near = (slot, at, distance) }
                }
            }
            if let near {
                let chosen = point(at: positions[near.at])
                points[near.slot] = (points[near.slot].section, mood, chosen.energy, chosen.tension)
            }
        }
        return points
    }

    /// The hand-over between two sections, from their energies: a build into a big rise,
    /// a drop-out before a big fall, a ritardando at the very end. At one energy a drummer
    /// fills into a new part of the song — a chorus, the bridge, a solo, the outro — and
    /// plays straight on into a verse or pre-chorus (a fill into every section is a fill
    /// every few bars); with no name given, a fill. A quiet section (energy under
    /// `quietestFill`: brushes, a soft kit) hands over without one, the next section
    /// arriving on its downbeat: dreamy songs had filled into a part every ten bars.
    public static func transition(from energy: Double, to next: Double?, into name: String? = nil) -> Transition {
        guard let next else { return .ritard }
        if next - energy > 0.2 { return .build }
        if energy - next > 0.25 { return .drop }
        guard let name else { return .fill }
        return fillsInto(name) && energy >= quietestFill - 1e-9 ? .fill : .none
    }

    /// The least energy at which a section fills into the next at one energy.
    public static let quietestFill = 0.4

    /// Sections a drummer fills into.
    static func fillsInto(_ name: String) -> Bool {
        [.chorus, .bridge, .solo, .outro].contains(SectionRole(name: name))
    }

    /// A section's hand-overs from the energies: into each section that follows it
    /// somewhere in `form` (into itself, played again, a fill at one energy), and its
    /// ending when it closes the form.
    public static func handovers(of name: String, energy: Double, form: [String],
                                 energyOf: (String) -> Double?) -> (handovers: [String: Transition]?, ending: Transition?) {
        var handovers: [String: Transition] = [:]
        for (index, section) in form.enumerated() where section == name && index + 1 < form.count {
            let next = form[index + 1]
            var handover = transition(from: energy, to: energyOf(next) ?? energy, into: next)
            // A section played again straight after itself is a new phrase: a drummer marks
            // it with a fill, unless quiet (a composer's anthem played six times running had
            // gone 48 bars without one).
            if handover == .none && next == name && energy >= quietestFill - 1e-9 { handover = .fill }
            handovers[next] = handover
        }
        return (handovers.isEmpty ? nil : handovers, form.last == name ? transition(from: energy, to: nil) : nil)
    }
}
