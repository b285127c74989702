import MusicTheory
import SongModel

/// A candidate for the next chord, with its probability under the model.
public struct NextCandidate: Sendable, Hashable {
    public var chord: Chord
    public var numeral: String
    public var probability: Double
}

/// What tends to come next, as Hookpad shows it: the style's transition row from the
/// current chord, leaned by the mood, normalised to probabilities that sum to 1.
public enum NextChord {
    public static func candidates(after chord: Chord?, key: Key, style: HarmonyStyle, mood: Mood?) -> [NextCandidate] {
        let frame = TonalFrame(key: key)
        let palette = Palette(frame: frame, mood: MoodProfile.of(mood), style: style)
        let from = chord.flatMap { frame.step(of: $0) } ?? frame.home
        var row = style.row(from)
        // A chord no style's model has a row for (F♯ in C, after a chromatic move) goes
        // where such chords go: down a fifth as the dominant it may be, a half step up or
        // down as a chromatic neighbour, or home. (The model's fallback had been home alone,
        // "C I 100%", which a new songwriter read as the engine being certain.)
        if let chord, !isModelled(chord, key: key, style: style) {
            row = [:]
            for (step, candidate) in palette.chords {
                let up = (candidate.root.pitchClass - chord.root.pitchClass + 12) % 12
                // A dominant resolves to a major or minor chord, not a diminished one.
                let fifthDown = up == 5 && !candidate.quality.isDiminished
                let weight = (fifthDown ? 0.4 : up == 1 ? 0.25 : up == 11 ? 0.15 : 0) + (step == frame.home ? 0.2 : 0)
                if weight > 0 { row[step] = weight }
            }
        }
        if chord == nil { row[frame.home, default: 0] += row.values.reduce(0, +) }  // a section usually starts at home
        var weighted: [(String, Double)] = row.map { ($0.key, $0.value * palette.weight($0.key)) }
        weighted.removeAll { palette.chords[$0.0] == nil || $0.1 <= 0 }
        let total = weighted.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return [] }
        return weighted.compactMap { step, weight in
            palette.chords[step].map { NextCandidate(chord: $0, numeral: frame.numeral(of: $0), probability: weight / total) }
        }.sorted { ($0.probability, $1.numeral) > ($1.probability, $0.numeral) }
    }

    /// Whether the model knows where `chord` goes in `key`: its triad is a step the style's
    /// transition table (or pop's, which stands in for it) starts from.
    public static func isModelled(_ chord: Chord, key: Key, style: HarmonyStyle) -> Bool {
        guard let step = TonalFrame(key: key).step(of: chord) else { return false }
        return style.transitions[step] != nil || HarmonyStyle.pop.transitions[step] != nil
    }
}
