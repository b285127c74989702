import Foundation
import MusicTheory
import SongModel

/// Rewriting only the bars a writer chooses (`bars=5-6` on any request): every generator
/// writes whole sections, so an infill draws a pool of whole versions, splices each one's
/// chosen bars into the part as it stands, and ranks the results by how well they join
/// what is kept on both sides — the same rules whole generation follows:
///
/// - melody: the step-wise motion the folk tables show (a step or a repeat costs nothing,
///   a third or fourth a little, a fifth more, past an octave never), a leap over a
///   fifth at a seam turned back by the next note, and the register of the kept bars;
/// - bass: any leap within an octave, as bass lines move between roots;
/// - chords: the style's own transition weights into the first new chord and out of the
///   last, and the voice leading across each seam;
/// - drums: the kept groove's style, so the pattern carries on (a fill, a variation).
///
/// The kept bars are spliced byte for byte (`PartContent.splicing`); a version that
/// changes nothing in the chosen bars, or repeats another, is not offered.
public enum Infill {
    /// 1.1: the voice leading across a seam measured on voicings that keep a sharp ninth
    /// over the major third and leave a six-tone chord's root to the bass.
    /// 1.2: each option says which of its seed's whole-section suggestions it came from.
    public static let version = "1.2"

    /// How many whole versions each ranking draws from: seeds in the request's chain.
    public static let seedsPerPool = 4
    /// How far the chain goes when those give fewer distinct options than a request may show.
    public static let maximumSeeds = 16

    /// The best `count` splices of `pool` into the section's part of the pool's kind.
    public static func choose(_ pool: [Suggestion], bars: BarSelection, song: Song, section name: String,
                              count: Int) throws(EngineError) -> [Suggestion] {
        guard let section = song.section(named: name), let kind = pool.first?.kind else { return [] }
        guard let kept = section.parts[kind]?.content else { throw .nothingToKeep(section: section.name, part: kind.rawValue) }
        let meter = song.meter(of: section), length = section.bars * meter.ticksPerBar
        let runs = bars.ticks(in: meter)
        let before = written(kept.within(runs))
        var ranked: [(cost: Double, order: Int, suggestion: Suggestion)] = []
        var seen: Set<[String]> = []
        for (order, candidate) in pool.enumerated() {
            guard let fresh = candidate.part else { continue }
            let spliced = kept.splicing(fresh, over: runs, length: length)
            // Different as written, not only in velocity or micro-timing: alternatives a
            // listener tells apart, none the same as what is there.
            let new = written(spliced.within(runs))
            guard new != before, seen.insert(new).inserted else { continue }
            let seams = Seams(kept: kept, spliced: spliced, runs: runs, length: length, song: song, section: section,
                              style: candidate.origin.parameters?["style"])
            let cost = seams.cost(kind: kind)
            let label = "\(bars.phrase): " + seams.summary(kind: kind)
            var parameters = candidate.origin.parameters ?? [:]
            parameters["bars"] = bars.description
            parameters["infill"] = version
            let reasons = seams.reasons(kind: kind)
                + ["the other bars (\(bars.kept(of: section.bars).description)) kept exactly as they were",
                   "\(bars.phrase) taken from " + Self.source(of: candidate) + " (“\(candidate.label)”)"]
            let origin = Origin.generator(candidate.origin.name, version: candidate.origin.version ?? "", seed: candidate.origin.seed ?? 0,
                                          parameters: parameters)
            let functions = kind == .chords ? functionsOf(spliced, candidate: candidate, runs: runs) : []
            ranked.append((cost, order, Suggestion(label: label, reasons: reasons, origin: origin,
                                                   content: .part(kind, spliced, functions: functions))))
        }
        return ranked.sorted { ($0.cost, $0.order) < ($1.cost, $1.order) }.prefix(count).map(\.suggestion)
    }

    /// Where a spliced version came from, so that two options drawn from one seed are told
    /// apart (the option's settings are in its provenance): "the 2nd of seed 638813's
    /// whole-section suggestions by melody 3.24" (two options had both read "a
    /// whole-section suggestion by melody 3.24 (seed 638813)", a band leader found).
    static func source(of candidate: Suggestion) -> String {
        guard let rank = candidate.origin.parameters?["rank"].flatMap(Int.init), let seed = candidate.origin.seed else {
            return "a whole-section suggestion by \(candidate.origin.credit)"
        }
        let version = [candidate.origin.name, candidate.origin.version ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        return "the \(ordinal(rank)) of seed \(seed)'s whole-section suggestions by \(version)"
    }


    /// The content as written: where, what and how long, not how loud or how late.
    static func written(_ content: PartContent) -> [String] {
        switch content {
        case .notes(let notes): notes.map { "\($0.start)+\($0.duration):\($0.pitch.midi)" }
        case .chords(let changes, _): changes.map { "\($0.start):\($0.chord?.description ?? "N.C.")" }
        case .drums(let hits, _, _): hits.map { "\($0.start):\($0.key)" }
        }
    }

    /// One reason per chord: the generator's for a new chord, "kept" for the rest.
    static func functionsOf(_ spliced: PartContent, candidate: Suggestion, runs: [Range<Ticks>]) -> [String] {
        guard case .chords(let changes, _) = spliced, let progression = candidate.progression else { return [] }
        return changes.map { change in
            guard runs.contains(where: { $0.contains(change.start) }) else { return "kept" }
            let index = progression.changes.firstIndex { $0.start == change.start && $0.chord == change.chord }
            return index.flatMap { $0 < progression.functions.count ? progression.functions[$0] : nil } ?? "diatonic"
        }
    }
}

/// The joins between kept and new bars, measured.
struct Seams {
    /// (from, to) across each seam: into a run, then out of it (nil where a section edge is).
    var noteJoins: [(from: Note, to: Note, next: Note?)] = []
    var chordJoins: [(from: Chord, to: Chord)] = []
    var registerShift: Double = 0
    var newNotes: [Note] = []
    var newChords: [Chord] = []
    var hits = 0
    /// The drums the new bars play, in kit order.
    var drums: [String] = []
    var styleKept = true
    var styleName: String?
    let key: Key

    init(kept: PartContent, spliced: PartContent, runs: [Range<Ticks>], length: Ticks, song: Song, section: Section, style: String?) {
        key = song.key(of: section)
        styleName = style
        func inRun(_ tick: Ticks) -> Bool { runs.contains { $0.contains(tick) } }
        switch spliced {
        case .notes(let notes):
            let sorted = notes.sorted { $0.start < $1.start }
            newNotes = sorted.filter { inRun($0.start) }
            for (index, note) in sorted.enumerated() where index > 0 {
                let previous = sorted[index - 1]
                // A seam: one side kept, the other new.
                guard inRun(previous.start) != inRun(note.start) else { continue }
                noteJoins.append((previous, note, index + 1 < sorted.count ? sorted[index + 1] : nil))
            }
            let keptNotes = sorted.filter { !inRun($0.start) }
            if !keptNotes.isEmpty && !newNotes.isEmpty {
                func mean(_ notes: [Note]) -> Double { Double(notes.map(\.pitch.midi).reduce(0, +)) / Double(notes.count) }
                registerShift = mean(newNotes) - mean(keptNotes)
            }
        case .chords(let changes, _):
            let sounding = changes.filter { $0.chord != nil }
            newChords = sounding.filter { inRun($0.start) }.compactMap(\.chord)
            for (index, change) in sounding.enumerated() where index > 0 {
                let previous = sounding[index - 1]
                guard inRun(previous.start) != inRun(change.start), let from = previous.chord, let to = change.chord else { continue }
                chordJoins.append((from, to))
            }
        case .drums(let all, let style, _):
            let new = all.filter { inRun($0.start) }
            hits = new.count
            let keys = Set(new.map(\.key))
            drums = DrumKit.pieces.filter { keys.contains($0.key) }.map(\.name)
            if case .drums(_, let keptStyle, _) = kept { styleKept = keptStyle == nil || keptStyle == style }
            styleName = style?.rawValue
        }
    }

    /// What a join costs, lower better: as whole generation prefers steps and turns leaps back.
    func cost(kind: PartKind) -> Double {
        switch kind {
        case .chords:
            let harmony = HarmonyStyle.named(styleName ?? "pop") ?? .pop
            let frame = TonalFrame(key: key)
            return chordJoins.reduce(0) { total, join in
                let row = harmony.row(frame.step(of: join.from) ?? "I")
                let sum = row.values.reduce(0, +)
                let weight = frame.step(of: join.to).flatMap { row[$0] } ?? 0.3
                let voices = VoiceLeading.voice([join.from, join.to])
                let movement = voices.count == 2 ? Double(VoiceLeading.movement(voices[0], voices[1])) : 6
                return total - log(max(weight, 0.01) / max(sum, 0.01)) + movement / 6
            }
        case .drums:
            return styleKept ? 0 : 4
        default:
            let bass = kind == .bass
            var total = 0.0
            for join in noteJoins {
                let leap = abs(join.to.pitch.midi - join.from.pitch.midi)
                if leap > 12 { total += 10 }
                if !bass {
                    total += leap <= 2 ? 0 : leap <= 5 ? 0.5 : leap <= 7 ? 1.2 : 3
                    // A leap over a fifth is turned back by the next note.
                    if leap > 7, let next = join.next, (next.pitch.midi - join.to.pitch.midi).signum() != -(join.to.pitch.midi - join.from.pitch.midi).signum() {
                        total += 2
                    }
                }
            }
            return total + (kind == .melody ? abs(registerShift) / 4 : 0) + (newNotes.isEmpty ? 3 : 0)
        }
    }

    static func interval(_ semitones: Int) -> String {
        switch abs(semitones) {
        case 0: "the same note"
        case 1, 2: "a step"
        case 3, 4: "a third"
        case 5: "a fourth"
        case 6: "a tritone"
        case 7: "a fifth"
        case 8, 9: "a sixth"
        case 10, 11: "a seventh"
        case 12: "an octave"
        default: "more than an octave"
        }
    }

    /// The label's text after the bars: what is new and how it joins.
    func summary(kind: PartKind) -> String {
        switch kind {
        case .chords:
            let joins = chordJoins.map { "\($0.from)→\($0.to)" }
            return newChords.map(\.description).joined(separator: " ") + (joins.isEmpty ? "" : "; joins " + joins.joined(separator: ", "))
        case .drums:
            return "\(hits) hits of the \(styleName ?? "kept") groove (\(drums.joined(separator: ", ")))"
        default:
            let pitches = newNotes.map(\.pitch.midi)
            guard let low = newNotes.min(by: { $0.pitch.midi < $1.pitch.midi }), let high = newNotes.max(by: { $0.pitch.midi < $1.pitch.midi }),
                  !pitches.isEmpty else { return "rests" }
            let joins = noteJoins.map { "\(Seams.interval($0.to.pitch.midi - $0.from.pitch.midi)) (\($0.from.pitch)→\($0.to.pitch))" }
            return "\(newNotes.count) new \(kind.rawValue) \(newNotes.count == 1 ? "note" : "notes"), \(low.pitch) to \(high.pitch)"
                + (joins.isEmpty ? "" : "; joins by " + joins.joined(separator: ", "))
        }
    }

    func reasons(kind: PartKind) -> [String] {
        switch kind {
        case .chords:
            return chordJoins.isEmpty ? [] : ["the joins follow the \(styleName ?? "pop") style's chord transitions, with the smoothest voice leading ranked first"]
        case .drums:
            return [styleKept ? "the kept groove's style carries on, so the pattern does" : "a different style from the kept groove's"]
        case .bass:
            return noteJoins.isEmpty ? [] : ["joins within an octave, as a bass line moves between roots"]
        default:
            var reasons: [String] = []
            if !noteJoins.isEmpty { reasons.append("joins ranked as whole melodies are written: steps first, a leap over a fifth turned back") }
            if abs(registerShift) >= 1.5 {
                reasons.append(String(format: "the new bars sit about %.0f semitones %@ the kept ones on average", abs(registerShift), registerShift > 0 ? "above" : "below"))
            }
            return reasons
        }
    }
}
