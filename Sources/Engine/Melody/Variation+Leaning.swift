import Foundation
import MusicTheory
import SongModel

/// What a writer asks of variations besides a technique: the same `energy`, `mood` and
/// `style` every request takes, with the same meanings. Energy is how busy the part is (a
/// variation with more notes a beat than its source when high, fewer when low); a mood
/// leans the line the way its register does (sad, melancholy and dark fall, hopeful,
/// dreamy and triumphant rise); a style prefers the ways its players vary a tune.
public struct VariationLeaning: Sendable, Hashable {
    public var energy: Double?
    public var mood: Mood?
    public var style: MelodyStyle?

    public init(energy: Double? = nil, mood: Mood? = nil, style: MelodyStyle? = nil) {
        self.energy = energy
        self.mood = mood
        self.style = style
    }

    public var isEmpty: Bool { energy == nil && mood == nil && style == nil }

    /// How many times as busy as the source energy asks: half at 0, the same at 0.5, twice at 1.
    var busyness: Double? { energy.map { pow(2, ($0 - 0.5) * 2) } }

    /// The way the mood moves a line: −1 down, +1 up, 0 either (from its register).
    var direction: Int { mood.map { MoodProfile.of($0).register.signum() } ?? 0 }

    /// The techniques a style's players reach for, as arrangers describe them: folk tunes
    /// are ornamented and sequenced, jazz lines displaced, ornamented and turned around,
    /// funk and latin lines re-accented, rock and dance riffs cut down and repeated.
    static func techniques(of style: MelodyStyle) -> Set<Technique> {
        switch style {
        case .folk: [.ornament, .fragment, .transpose]
        case .ballad: [.augment, .ornament, .transpose]
        case .pop: [.fragment, .displace, .transpose, .rerhythm]
        case .rock: [.fragment, .realTranspose, .diminish]
        case .soul: [.ornament, .displace, .rerhythm]
        case .funk: [.displace, .diminish, .rerhythm]
        case .edm: [.fragment, .diminish, .realTranspose]
        case .jazz: [.ornament, .displace, .invert, .retrograde]
        case .latin: [.displace, .rerhythm, .ornament]
        }
    }
}

extension Variations {
    /// Notes a beat while the line plays (from its first onset to its last end), so a
    /// diminished line that fills half the bars counts as twice as busy.
    static func notesPerBeat(_ notes: [Note], meter: Meter) -> Double {
        guard let start = notes.map(\.start).min(), let end = notes.map(\.end).max(), end > start else { return 0 }
        return Double(notes.count) / (Double(end - start) / Double(meter.ticksPerBeat))
    }

    /// Every form of the techniques asked for (all of them when none is), each scored by how
    /// far it is from what the leaning asks; the closest first, one per technique before any
    /// technique's second form, never the same notes twice.
    static func leaned(source: [Note], technique: Technique?, leaning: VariationLeaning, count: Int,
                       context: LineContext, generator: inout SeededGenerator) -> [(Technique, Variation, [String])] {
        let techniques = technique.map { [$0] } ?? Technique.allCases
        let sorted = source.sorted { $0.start < $1.start }
        let sourceRate = notesPerBeat(source, meter: context.meter)
        let sourceMean = Double(source.map(\.pitch.midi).reduce(0, +)) / Double(max(source.count, 1))
        var scored: [(score: Double, technique: Technique, variation: Variation, reasons: [String])] = []
        for technique in techniques {
            for form in 1...3 {
                let variation = vary(source, technique: technique, amount: form, context: context, generator: &generator)
                guard !variation.notes.isEmpty, variation.notes != sorted else { continue }
                var score = Double(generator.next() % 1000) / 10_000   // the seed breaks near-ties
                var reasons: [String] = []
                let rate = notesPerBeat(variation.notes, meter: context.meter)
                if let busyness = leaning.busyness, let energy = leaning.energy, sourceRate > 0, rate > 0 {
                    score += abs(log2(rate / sourceRate) - log2(busyness))
                    let compared = rate > sourceRate * 1.1 ? "busier than" : rate < sourceRate * 0.9 ? "calmer than" : "as busy as"
                    reasons.append(String(format: "%@ the source: %.1f notes a beat against %.1f (energy %.2f)", compared, rate, sourceRate, energy))
                }
                if leaning.direction != 0, let mood = leaning.mood {
                    let mean = Double(variation.notes.map(\.pitch.midi).reduce(0, +)) / Double(variation.notes.count)
                    let shift = mean - sourceMean
                    // The wrong way costs more than any seed's tie-break; the right way
                    // helps, up to a fourth's worth.
                    let lean = shift * Double(leaning.direction)
                    if lean < -0.05 { score += 0.5 + 0.1 * -lean } else { score -= 0.1 * min(lean, 5) }
                    if shift * Double(leaning.direction) > 1 {
                        reasons.append("\(leaning.direction > 0 ? "rises" : "falls") \(Int(abs(shift).rounded())) semitones on average, as \(mood.rawValue) leans")
                    }
                }
                if let style = leaning.style {
                    if VariationLeaning.techniques(of: style).contains(technique) {
                        reasons.append("a way \(style.rawValue) players vary a line")
                    } else {
                        score += 0.6
                    }
                }
                scored.append((score, technique, variation, reasons))
            }
        }
        scored.sort { $0.score < $1.score }
        var found: [(Technique, Variation, [String])] = []
        for pass in 0..<2 where found.count < count {
            for item in scored where found.count < count {
                guard !found.contains(where: { $0.1.notes == item.variation.notes }) else { continue }
                guard pass == 1 || !found.contains(where: { $0.0 == item.technique }) else { continue }
                found.append((item.technique, item.variation, item.reasons))
            }
        }
        return found
    }
}
