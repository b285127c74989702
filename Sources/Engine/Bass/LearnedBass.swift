import Foundation
import MusicTheory
import SongModel

/// Bass lines in the writer's own style (`bass SECTION style=NAME`): each bar takes one of
/// the bar rhythms their bass lines play, as often as they play it; a chord change always
/// gets a note; a note on a change plays the root, the others the chord tones in the shares
/// the writer's lines land on them (root, fifth, third, another chord tone, or a passing
/// note a step from the next note's root), each placed near the note before.
extension BassGenerator {
    public static func suggest(learned: LearnedStyle, count: Int, seed: UInt64, context: LineContext) throws(EngineError) -> [Suggestion] {
        guard !context.chords.isEmpty else { throw .noChords(context.section) }
        guard let counts = learned.bass[context.meter.description], counts.bars > 0,
              case let table = counts.table(songs: learned.sources.count, meter: context.meter), !table.rhythms.isEmpty else {
            throw .learnedStyleLacks(learned.name, what: "bass lines in \(context.meter)")
        }
        var generator = SeededGenerator(seed: seed)
        var lines: [[Note]] = []
        var attempts = 0
        while lines.count < count && attempts < count * 6 {
            attempts += 1
            let line = writeLearned(rhythms: table.rhythms, tones: counts.tones, context: context, generator: &generator)
            if !line.isEmpty && !lines.contains(line) { lines.append(line) }
        }
        let toneTotal = max(1, counts.tones.values.reduce(0, +))
        let shares = BassTone.allCases.compactMap { tone -> String? in
            guard let count = counts.tones[tone.rawValue], count > 0 else { return nil }
            return "\(tone.rawValue) \(Int((Double(count) / Double(toneTotal) * 100).rounded()))%"
        }.joined(separator: ", ")
        return lines.enumerated().map { index, notes in
            let reasons = [
                "bar rhythms from \(learned.credit): \(table.rhythms.count) \(table.rhythms.count == 1 ? "rhythm" : "rhythms") over \(counts.bars) bars in \(context.meter)",
                "roots on the chord changes; the other notes as your lines land: " + (shares.isEmpty ? "roots" : shares),
                "kept in E1–G3, below the comping",
            ]
            return Suggestion(label: "your style \(learned.name), \(notes.count) notes", reasons: reasons,
                              origin: .generator("bass", version: version, seed: seed,
                                                 parameters: ["style": learned.name, "learned": learned.name, "section": context.section,
                                                              "n": String(count), "rank": String(index + 1)]),
                              content: .bass(notes))
        }
    }

    static func writeLearned(rhythms: [FolkRhythm], tones: [String: Int], context: LineContext, generator: inout SeededGenerator) -> [Note] {
        let meter = context.meter, bar = meter.ticksPerBar, sixteenth = StyleLearner.sixteenth
        let length = context.bars * bar
        var onsets: [(start: Ticks, length: Ticks)] = []
        for index in 0..<context.bars {
            let rhythm = rhythms[generator.pick(weights: rhythms.map { Double($0.count) })]
            onsets += rhythm.notes.map { (index * bar + $0.0 * sixteenth, $0.1 * sixteenth) }
        }
        // Every chord change gets a note: one starting there, cutting the note before short.
        for change in context.chords where change.start < length && !onsets.contains(where: { $0.start == change.start }) {
            onsets.append((change.start, min(bar - change.start % bar, MusicalTime.ticksPerQuarter)))
        }
        onsets.sort { $0.start < $1.start }
        for index in onsets.indices.dropLast() where onsets[index].start + onsets[index].length > onsets[index + 1].start {
            onsets[index].length = onsets[index + 1].start - onsets[index].start
        }
        let kinds = BassTone.allCases.filter { (tones[$0.rawValue] ?? 0) > 0 }
        let weights = kinds.map { Double(tones[$0.rawValue] ?? 0) }
        let changes = Set(context.chords.map(\.start))
        var previous = place(context.chords.lazy.compactMap(\.chord).first?.bassNote.pitchClass ?? context.key.tonic.pitchClass, near: 40)
        var notes: [Note] = []
        for (index, onset) in onsets.enumerated() where onset.length > 0 {
            guard let chord = context.chord(at: onset.start) else { continue }
            let root = chord.bassNote.pitchClass
            var midi: Int
            var leadingInto: NoteName?
            let kind: BassTone = changes.contains(onset.start) || kinds.isEmpty ? .root : kinds[generator.pick(weights: weights)]
            switch kind {
            case .root: midi = place(root, near: previous)
            case .fifth: midi = place(BassGenerator.fifth(of: chord), near: previous)
            case .third: midi = place(chord.tones.count > 1 ? chord.tones[1].pitchClass : root, near: previous)
            case .chordTone:
                let others = chord.tones.map(\.pitchClass).filter { $0 != root }
                midi = place(others.isEmpty ? root : others[Int(generator.next() % UInt64(others.count))], near: previous)
            case .passing:
                // A step toward the next note's root, as a passing note moves.
                let next = index + 1 < onsets.count ? context.chord(at: onsets[index + 1].start) : nil
                midi = next.map { approach(to: $0.bassNote.pitchClass, near: previous, above: 2, generator: &generator) } ?? place(root, near: previous)
                leadingInto = next?.bassNote
            }
            midi = min(max(midi, range.lowerBound), range.upperBound)
            previous = midi
            guard let pitch = try? Pitch(midi: midi) else { continue }
            let written = Pitch.spelled(pitch, leadingInto: leadingInto, in: context.key, under: chord)
            notes.append(Note(start: onset.start, duration: onset.length, pitch: written,
                              velocity: changes.contains(onset.start) ? 100 : 88))
        }
        return notes
    }
}
