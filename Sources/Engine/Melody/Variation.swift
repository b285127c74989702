import Foundation
import MusicTheory
import SongModel

/// A named way of varying a melody or motif, as writers know them.
public enum Technique: String, CaseIterable, Sendable, Hashable {
    case transpose = "transpose"            // diatonic: up the scale
    case realTranspose = "real-transpose"   // by exact semitones
    case invert, retrograde, augment, diminish, displace, fragment, ornament
    case rerhythm = "re-rhythm"
    case refit

    public static func named(_ text: String) -> Technique? {
        Technique(rawValue: text.lowercased()) ?? ["inversion": .invert, "augmentation": .augment, "diminution": .diminish,
                                                   "sequence": .fragment, "displacement": .displace, "real": .realTranspose,
                                                   "diatonic": .transpose, "rhythm": .rerhythm][text.lowercased()]
    }
}

/// One variation: the notes as the technique made them (`raw`), the same refitted so
/// strong-beat notes are chord tones (`notes`), and how close it stays to its source.
public struct Variation: Sendable, Hashable {
    public var technique: Technique
    public var raw: [Note]
    public var notes: [Note]
    /// Share of melodic directions (up, down, same) kept from the source.
    public var contourSimilarity: Double
    /// Share of onsets (relative to the line's start, scaled to its length) kept.
    public var rhythmSimilarity: Double
}

public enum Variations {
    /// 2.0: the first version the pinned table of seeded outputs holds (1.0 was stamped on
    /// several different outputs, so it does not name one).
    public static let version = "2.0"

    public static func suggest(source: [Note], sourceName: String, technique: Technique?, count: Int, seed: UInt64,
                               context: LineContext) -> [Suggestion] {
        var generator = SeededGenerator(seed: seed)
        let techniques = technique.map { Array(repeating: $0, count: count) }
            ?? Array(Technique.allCases.shuffled(using: &generator).prefix(count))
        return techniques.enumerated().map { index, technique in
            let variation = vary(source, technique: technique, amount: index + 1, context: context, generator: &generator)
            let label = "\(technique.rawValue): contour \(Int((variation.contourSimilarity * 100).rounded()))%, rhythm \(Int((variation.rhythmSimilarity * 100).rounded()))% like the source"
            let reasons = [describe(technique), "refitted so the notes on strong beats are tones of the chords under them",
                           "derived from \(sourceName)"]
            return Suggestion(label: label, reasons: reasons,
                              origin: .generator("variation", version: version, seed: seed,
                                                 parameters: ["technique": technique.rawValue, "source": sourceName, "rank": String(index + 1)]),
                              content: .melody(variation.notes))
        }
    }

    static func describe(_ technique: Technique) -> String {
        switch technique {
        case .transpose: "moved up the scale, each interval kept diatonic"
        case .realTranspose: "moved by exact semitones, every interval kept"
        case .invert: "inverted: each interval mirrored around the first note"
        case .retrograde: "retrograde: the line played backwards"
        case .augment: "augmented: every duration doubled"
        case .diminish: "diminished: every duration halved"
        case .displace: "displaced by a beat: the same line, leaning another way"
        case .fragment: "fragment and sequence: its opening, then the opening a step higher"
        case .ornament: "ornamented: upper neighbours decorate the long notes"
        case .rerhythm: "re-rhythmed: the same pitches to a new rhythm"
        case .refit: "refitted to the chords: strong-beat notes moved to the nearest chord tone"
        }
    }

    public static func vary(_ source: [Note], technique: Technique, amount: Int, context: LineContext,
                            generator: inout SeededGenerator) -> Variation {
        let notes = source.sorted { $0.start < $1.start }
        guard let first = notes.first else { return Variation(technique: technique, raw: [], notes: [], contourSimilarity: 1, rhythmSimilarity: 1) }
        let scale = context.key.scale.notes.map(\.pitchClass)
        let length = context.bars * context.meter.ticksPerBar
        func diatonic(_ midi: Int, by steps: Int) -> Int {
            var pitch = midi
            let direction = steps.signum()
            for _ in 0..<abs(steps) {
                repeat { pitch += direction } while !scale.contains(((pitch % 12) + 12) % 12)
            }
            return pitch
        }
        func with(_ note: Note, midi: Int) -> Note {
            var note = note
            if let pitch = try? Pitch(midi: min(max(midi, 0), 127)) { note.pitch = Pitch.spelled(pitch, in: context.key) }
            return note
        }
        var raw: [Note]
        switch technique {
        case .transpose:
            raw = notes.map { with($0, midi: diatonic($0.pitch.midi, by: 1 + amount % 2)) }
        case .realTranspose:
            raw = notes.map { with($0, midi: $0.pitch.midi + (amount % 2 == 0 ? 5 : 2)) }
        case .invert:
            raw = notes.map { with($0, midi: 2 * first.pitch.midi - $0.pitch.midi) }
        case .retrograde:
            let end = notes.map(\.end).max() ?? 0
            raw = notes.reversed().map { note in var note = note; note.start = first.start + end - note.end; return note }
        case .augment:
            raw = notes.map { note in var note = note; note.start = first.start + (note.start - first.start) * 2; note.duration *= 2; return note }
        case .diminish:
            raw = notes.map { note in var note = note; note.start = first.start + (note.start - first.start) / 2; note.duration = max(60, note.duration / 2); return note }
        case .displace:
            raw = notes.map { note in var note = note; note.start += context.meter.ticksPerBeat; return note }
        case .fragment:
            let half = Array(notes.prefix(max(2, notes.count / 2)))
            let span = (half.last?.end ?? 0) - first.start
            raw = half + half.map { note in var moved = with(note, midi: diatonic(note.pitch.midi, by: 1)); moved.start += span; return moved }
        case .ornament:
            // An upper neighbour in the last sixteenth of each long note, off the beat.
            raw = []
            for note in notes {
                if note.duration >= 960 {
                    var main = note
                    main.duration -= 240
                    var neighbour = with(note, midi: diatonic(note.pitch.midi, by: 1))
                    neighbour.start = note.end - 240
                    neighbour.duration = 240
                    raw += [main, neighbour]
                } else {
                    raw.append(note)
                }
            }
        case .rerhythm:
            var cursor = first.start
            raw = notes.map { note in
                let duration = [480, 960, 720, 240][Int(generator.next() % 4)]
                var moved = note
                moved.start = cursor
                moved.duration = duration
                cursor += duration
                return moved
            }
        case .refit:
            raw = notes
        }
        raw = raw.filter { $0.start >= 0 && $0.start < length }.map { note in
            var note = note
            note.duration = min(note.duration, length - note.start)
            return note
        }
        let refitted = refit(raw, context: context)
        return Variation(technique: technique, raw: raw, notes: refitted,
                         contourSimilarity: contour(source: notes, variation: refitted),
                         rhythmSimilarity: rhythm(source: notes, variation: refitted))
    }

    /// Moves each strong-beat note that is not a chord tone to the nearest one.
    public static func refit(_ notes: [Note], context: LineContext) -> [Note] {
        notes.map { note in
            guard Harmonizer.isStrong(note.start, meter: context.meter), let chord = context.chord(at: note.start),
                  !chord.pitchClasses.contains(note.pitch.midi % 12) else { return note }
            let nearest = (note.pitch.midi - 6...note.pitch.midi + 6).filter { chord.pitchClasses.contains($0 % 12) }
                .min { abs($0 - note.pitch.midi) < abs($1 - note.pitch.midi) } ?? note.pitch.midi
            var moved = note
            if let pitch = try? Pitch(midi: nearest) { moved.pitch = Pitch.spelled(pitch, in: context.key) }
            return moved
        }
    }

    static func contour(source: [Note], variation: [Note]) -> Double {
        let a = zip(source, source.dropFirst()).map { ($1.pitch.midi - $0.pitch.midi).signum() }
        let b = zip(variation, variation.dropFirst()).map { ($1.pitch.midi - $0.pitch.midi).signum() }
        let count = min(a.count, b.count)
        guard count > 0 else { return 1 }
        return Double((0..<count).filter { a[$0] == b[$0] }.count) / Double(max(a.count, b.count))
    }

    static func rhythm(source: [Note], variation: [Note]) -> Double {
        guard let a0 = source.first?.start, let b0 = variation.first?.start else { return 1 }
        let spanA = Double(max((source.map(\.end).max() ?? 1) - a0, 1)), spanB = Double(max((variation.map(\.end).max() ?? 1) - b0, 1))
        let a = Set(source.map { Int((Double($0.start - a0) / spanA * 32).rounded()) })
        let b = Set(variation.map { Int((Double($0.start - b0) / spanB * 32).rounded()) })
        return Double(a.intersection(b).count) / Double(max(a.union(b).count, 1))
    }
}
