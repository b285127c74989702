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
        if chord == nil { row[frame.home, default: 0] += row.values.reduce(0, +) }  // a section usually starts at home
        var weighted: [(String, Double)] = row.map { ($0.key, $0.value * palette.weight($0.key)) }
        weighted.removeAll { palette.chords[$0.0] == nil || $0.1 <= 0 }
        let total = weighted.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return [] }
        return weighted.compactMap { step, weight in
            palette.chords[step].map { NextCandidate(chord: $0, numeral: frame.numeral(of: $0), probability: weight / total) }
        }.sorted { ($0.probability, $1.numeral) > ($1.probability, $0.numeral) }
    }
}
