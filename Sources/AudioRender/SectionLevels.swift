import Foundation
import SongModel

/// How big each section of the form plays: energy shaped over the song's time, not only by
/// section name.
///
/// A section's own energy (from the arc or sketch that wrote it) is blended with the arc's
/// trend at the moment it plays, so a chorus that returns after a falling bridge comes back
/// quieter, not at its first level; choruses lift over their verses; a section that returns
/// on a rising or level arc comes back a little bigger each time, and the last chorus is the
/// biggest; in a song of one mood, whose sections differ by role and not by time, every
/// section returns bigger. The result sets each section's velocities and its level: an expression
/// controller (CC 11) on every channel at the section's start, up to 8 dB between the quietest
/// and the loudest, so the climax is the loudest part of the song. A song whose sections
/// carry no energy (written by hand, with no arc) plays every section at one level: the
/// writer mixes it.
public enum SectionLevels {
    /// dB between energy 0 and 1.
    public static let range = 8.0
    /// How many times a section returning on a level or rising arc comes back bigger (a
    /// song's choruses are three or four; a loop's returns past these play level).
    static let growingReturns = 3

    /// Each form position's energy after shaping, 0…1.4, or nil when no section has energy.
    public static func energies(song: Song, form: [String]) -> [Double]? {
        let own = form.map { song.section(named: $0)?.energy }
        let known = own.compactMap { $0 }
        guard !known.isEmpty else { return nil }
        let fallback = known.reduce(0, +) / Double(known.count)
        // The arc's trend: each distinct section's energy at its first appearance, joined by
        // lines — intros and outros frame the song quieter by their role, so they do not pull
        // the trend (an outro does not make the last chorus smaller).
        var anchors: [(index: Int, energy: Double)] = []
        let roles = form.map { SectionRole(name: $0) }
        let moods = Set(form.compactMap { name in song.section(named: name).flatMap { song.mood(of: $0) } })
        let oneMood = moods.count <= 1
        // On an arc a chorus takes the strongest point the arc reaches at any of its playings,
        // not its point where it is first heard, so it marks no moment of the trend: taken as
        // one, it put calm->triumphant's peak at its first chorus and read the bridge after it
        // as a fall (its last chorus played under its first, 0.6 LU, and chorus 2 was the
        // climax in seeds 1–5, as in calm->energetic). Kept where nothing else draws the trend.
        let skipsChorus = !oneMood && roles.contains { $0 != .chorus && !$0.frames }
        for (index, name) in form.enumerated() where form.firstIndex(of: name) == index && !roles[index].frames
            && !(skipsChorus && roles[index] == .chorus) {
            anchors.append((index, own[index] ?? fallback))
        }
        if anchors.isEmpty { anchors = [(0, own[0] ?? fallback)] }
        func trend(at index: Int) -> Double {
            guard let after = anchors.firstIndex(where: { $0.index >= index }) else { return anchors.last?.energy ?? fallback }
            if anchors[after].index == index || after == 0 { return anchors[after].energy }
            let a = anchors[after - 1], b = anchors[after]
            let blend = Double(index - a.index) / Double(b.index - a.index)
            return a.energy + (b.energy - a.energy) * blend
        }
        // The song's last chorus is the last playing of any chorus, whatever its name: a
        // band's key-change "chorus-lift" after three choruses had played 2.4 LU under the
        // third, which took the step as the last playing of the section named chorus.
        let choruses = form.indices.filter { roles[$0] == .chorus }
        let lastChorus = choruses.count > 1 ? choruses.last : nil
        var seen: [String: Int] = [:]
        var firstTrend: [String: Double] = [:]
        // A song of one mood has no arc over its time: its sections' energies differ by their
        // role (a sketch's bridge a little under its chorus), and a chorus after the bridge is
        // no fall. Read as one, single-mood sketches had played their last chorus under their
        // first in 18 of 24 (0.3–2.2 LU, an outside check with its own BS.1770 meter).
        return form.enumerated().map { index, name in
            let take = seen[name, default: 0]
            let time = oneMood && take > 0 ? firstTrend[name] ?? trend(at: index) : trend(at: index)
            seen[name, default: 0] += 1
            if take == 0 { firstTrend[name] = time }
            var energy = ((own[index] ?? fallback) + time) / 2 + lift(of: roles[index])
            // The arc is level or rising if the trend has not fallen by more than a tenth
            // (section energies also differ by role: a bridge a little under its chorus).
            // Bigger for its first `growingReturns` returns, then level: a cue of one verse
            // and bridge looped 19 times had climbed 0.06 a return to a tambourine climax
            // at its 19th bridge (10 LU over its first, a composer's ffmpeg).
            if take > 0 && time >= (firstTrend[name] ?? time) - 0.1 { energy += 0.06 * Double(min(take, growingReturns)) }
            // The last chorus of a rising song is its climax, and plays a step bigger than
            // the choruses before it: with 0.06 of energy for that step the mastered mix of
            // calm->tense->triumphant put it 0.3–0.4 LU over the other choruses (ffmpeg; 0.2
            // gave 1.0–1.2), with 0.3 it is 1.5–1.6 LU over them. A song of one mood, whose
            // choruses already play at the top of its range, takes a smaller step (0.3 had
            // put its last chorus 4–5 LU over its first, a playful pre-chorus 2 LU over the
            // chorus after it).
            if index == lastChorus, let first = choruses.first, time >= trend(at: first) - 0.1 {
                energy += oneMood ? 0.12 : 0.3
            }
            return min(1.4, max(0, energy))
        }
    }

    /// Each form position's level in dB from its shaped energy, 0 for the loudest.
    public static func levels(_ energies: [Double]) -> [Double] {
        let top = energies.max() ?? 0
        return energies.map { max(-range, -range * (top - $0)) }
    }

    /// The expression controller value for a level: General MIDI's 40·log10(value/127) dB.
    public static func expression(_ decibels: Double) -> Int {
        min(127, max(1, Int((127 * pow(10, decibels / 40)).rounded())))
    }

    /// Choruses above their verses, pre-choruses between, intros and outros below.
    static func lift(of role: SectionRole) -> Double {
        switch role {
        case .chorus: 0.15
        case .preChorus: 0.04
        case .verse: -0.1
        case .intro, .outro: -0.08
        case .bridge, .solo, .other: 0
        }
    }
}
