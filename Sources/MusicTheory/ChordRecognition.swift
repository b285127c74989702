/// Names the chord that sounding notes spell, for chords played into a MIDI file.
///
/// Template matching over pitch classes, weighted by how long each sounds: every root and
/// every quality in the catalogue is scored by the weight of its tones that sound, less
/// the weight of notes it does not explain and a share for each of its tones that is
/// missing (a missing fifth costs little, a missing root, third or seventh much). The
/// lowest note decides between readings that explain the notes equally well (C–E–G–A
/// over C is C6, over A is Am7), and becomes the slash bass when it is not the root.
/// Simpler qualities win ties, so three notes are a triad before they are a shell of a
/// ninth.
public enum ChordRecognition {
    /// A chord and how sure the reading is: the share of the sounding weight it explains,
    /// less what it leaves out (1 is every note a chord tone and every chord tone there).
    public struct Heard: Sendable, Hashable {
        public var chord: Chord
        public var confidence: Double
    }

    /// Qualities too rare or too ambiguous to name from notes alone (an altered dominant
    /// is a 7 with colour; an eleventh without its third is a sus chord; a chord with
    /// an added ♯11 and no seventh is a colour a writer names, where the same notes are as
    /// often a slash chord such as D/C).
    static let named: [ChordQuality] = ChordQuality.all.filter { !["7alt", "11", "m11", "13", "m13", "maj13", "9sus4", "add11", "madd11", "add#11", "add9#11",
                                                                          "m7#5", "7b9#11", "13#11", "sus24", "7b9b13", "7#9b13", "7#5#9", "7#5b9", "7#9#11",
                                                                          "13b9", "13sus4", "7sus4b9", "mMaj9", "m9b5", "maj7#5", "maj11", "m7add11", "7sus2"].contains($0.symbol) }

    /// The chord that `keys` (MIDI note numbers, each weighted by `weights` or equally)
    /// spell, spelled in `key` where its scale has the root; nil with fewer than two
    /// pitch classes.
    public static func name(keys: [Int], weights: [Double]? = nil, key: Key? = nil) -> Heard? {
        guard let lowest = keys.min() else { return nil }
        var classes = [Double](repeating: 0, count: 12)
        for (index, midi) in keys.enumerated() { classes[(midi % 12 + 12) % 12] += weights?[index] ?? 1 }
        return name(weights: classes, bass: lowest % 12, key: key)
    }

    /// The chord a weighted pitch-class profile spells over `bass`.
    public static func name(weights: [Double], bass: Int, key: Key? = nil) -> Heard? {
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        // Notes under 4% of the weight are passing colour, not chord tones.
        let present = Set((0..<12).filter { weights[$0] > total * 0.04 })
        guard present.count >= 2 else { return nil }
        let average = total / Double(present.count)
        var best: (score: Double, rank: Int, root: Int, quality: ChordQuality, covered: Double, missing: Double)?
        for root in 0..<12 {
            for (rank, quality) in named.enumerated() {
                let tones = quality.intervals.map { (root + $0.semitones) % 12 }
                let toneSet = Set(tones)
                let covered = present.filter(toneSet.contains).reduce(0) { $0 + weights[$1] }
                let extra = present.subtracting(toneSet).reduce(0) { $0 + weights[$1] }
                var missing = 0.0
                for (interval, tone) in zip(quality.intervals, tones) where !present.contains(tone) {
                    missing += average * (interval.semitones == 7 ? 0.3 : 1.1)
                }
                var score = covered - extra - missing
                if root == bass { score += average * 0.35 } else if toneSet.contains(bass) { score += average * 0.1 }
                score -= Double(quality.intervals.count) * average * 0.02
                if best == nil || score > best!.score + 1e-9 || (abs(score - best!.score) <= 1e-9 && rank < best!.rank) {
                    best = (score, rank, root, quality, covered, missing)
                }
            }
        }
        guard let best else { return nil }
        let spell = { (pitchClass: Int) -> NoteName in key?.spelling(pitchClass: pitchClass) ?? NoteName.preferred(pitchClass: pitchClass) }
        let root = spell(best.root)
        let chord = Chord(root: root, quality: best.quality, bass: best.root == bass ? nil : spell(bass))
        let confidence = max(0, min(1, best.covered / (total + best.missing)))
        return Heard(chord: respelled(chord), confidence: confidence)
    }

    /// The bass of a slash chord spelled as the chord's own tone where it is one (C/E, not
    /// C/F♭).
    static func respelled(_ chord: Chord) -> Chord {
        guard let bass = chord.bass, let tone = chord.tones.first(where: { $0.pitchClass == bass.pitchClass }) else { return chord }
        return Chord(root: chord.root, quality: chord.quality, bass: tone)
    }
}
