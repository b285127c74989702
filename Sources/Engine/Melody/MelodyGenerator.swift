import Foundation
import MusicTheory
import SongModel

/// Melodies over a section's chords that sound sung: 2- and 4-bar phrases in question
/// and answer, a motif stated and sequenced, chord tones on strong beats and steps
/// between, leaps recovered by a step the other way, phrase ends on stable degrees, an
/// arch contour that the mood leans (sad falls, triumphant rises), within a range.
public enum MelodyGenerator {
    /// 2.0: the first version the pinned table of seeded outputs holds (1.0 was stamped on
    /// several different outputs, so it does not name one).
    public static let version = "2.0"

    public static func suggest(_ request: MelodyRequest, context: LineContext) throws(EngineError) -> [Suggestion] {
        guard !context.chords.isEmpty else { throw .noChords(context.section) }
        var generator = SeededGenerator(seed: request.seed)
        var melodies: [[Note]] = []
        let wanted = request.count
        var attempts = 0
        while melodies.count < wanted && attempts < wanted * 6 {
            attempts += 1
            let notes = write(request, context: context, generator: &generator)
            if !notes.isEmpty && !melodies.contains(notes) { melodies.append(notes) }
        }
        return melodies.enumerated().map { index, notes in
            let shape = MelodyShape(notes, context: context)
            let low = notes.map(\.pitch.midi).min() ?? 0, high = notes.map(\.pitch.midi).max() ?? 0
            let label = "\(notes.count) notes, " + (notes.first.map { "\($0.pitch)" } ?? "") + " to " + (notes.last.map { "\($0.pitch)" } ?? "")
                + ", range \(high - low) semitones"
            let reasons = [
                String(format: "%.0f%% of strong-beat notes are chord tones; %.0f%% of moves are steps or repeats", shape.strongBeatChordTones * 100, shape.stepsOrRepeats * 100),
                shape.leapsOverFifth == 0 ? "no leaps wider than a fifth" : "each leap wider than a fifth turns back by step (\(shape.leapsOverFifth))",
                "phrases of two bars answer each other; each ends on a stable degree of \(context.key)",
                context.motif.isEmpty ? "the opening figure returns as a sequence in the answer" : "states the section's motif, then sequences it",
            ]
            var parameters = ["section": context.section, "mood": request.mood?.rawValue ?? "none", "n": String(request.count),
                              "range": "\(Pitch.name(request.low))..\(Pitch.name(request.high))", "rank": String(index + 1)]
            parameters["density"] = String(format: "%.2f", request.density)
            return Suggestion(label: label, reasons: reasons,
                              origin: .generator("melody", version: version, seed: request.seed, parameters: parameters),
                              content: .melody(notes))
        }
    }

    /// Rhythm cells per bar of 4/4 (in eighths), by density.
    static let cells: [[Int]] = [[8], [4, 4], [6, 2], [2, 2, 4], [4, 2, 2], [2, 2, 2, 2], [3, 1, 4], [2, 1, 1, 4], [1, 1, 2, 2, 2], [2, 2, 1, 1, 2]]

    /// A bar's rhythm: durations in ticks filling the bar, busier with density.
    static func rhythm(meter: Meter, density: Double, generator: inout SeededGenerator) -> [Ticks] {
        let eighth = 480
        let bar = meter.ticksPerBar
        if bar == 8 * eighth {
            let weights = cells.map { cell -> Double in
                let busy = Double(cell.count) / 5
                return max(0.05, 1 - abs(busy - density) * 2)
            }
            return cells[generator.pick(weights: weights)].map { $0 * eighth }
        }
        // Other meters: beats and half-beats.
        var durations: [Ticks] = []
        var left = bar
        while left > 0 {
            let options = [meter.ticksPerBeat * 2, meter.ticksPerBeat, meter.ticksPerBeat / 2].filter { $0 <= left && $0 > 0 }
            let weights = options.map { option in option < meter.ticksPerBeat ? density : (option > meter.ticksPerBeat ? 1 - density : 1) }
            let choice = options[generator.pick(weights: weights)]
            durations.append(choice)
            left -= choice
        }
        return durations
    }

    static func write(_ request: MelodyRequest, context: LineContext, generator: inout SeededGenerator) -> [Note] {
        let meter = context.meter
        let scale = context.key.scale.pitchClasses
        let mood = MoodProfile.of(request.mood)
        let low = request.low, high = request.high
        let candidates = (low...high).filter { scale.contains($0 % 12) }
        guard !candidates.isEmpty else { return [] }
        // The phrase rhythm: bar A, bar B; the answer repeats A then a closing long note.
        let barA = rhythm(meter: meter, density: request.density, generator: &generator)
        let barB = rhythm(meter: meter, density: request.density * 0.8, generator: &generator)
        var onsets: [(start: Ticks, duration: Ticks)] = []
        for bar in 0..<context.bars {
            let inPhrase = bar % 4
            let cell: [Ticks]
            if inPhrase == 3 || bar == context.bars - 1 {
                cell = [meter.ticksPerBar / 2, meter.ticksPerBar / 2]   // the phrase ends on a long note and a breath
            } else {
                cell = inPhrase % 2 == 0 ? barA : barB
            }
            var cursor = bar * meter.ticksPerBar
            for (index, duration) in cell.enumerated() {
                let isBreath = (inPhrase == 3 || bar == context.bars - 1) && index == 1
                if !isBreath { onsets.append((cursor, duration)) }
                cursor += duration
            }
        }
        // Contour: an arch per 4-bar phrase, tilted down for sad moods and up for bright ones.
        let tilt = (mood.majorChords - mood.minorChords) * 2.0
        let middle = Double(low + high) / 2
        var notes: [Note] = []
        var previous = candidates.min { abs(Double($0) - middle) < abs(Double($1) - middle) } ?? candidates[0]
        var lastInterval = 0
        let motif = context.motif
        for (index, onset) in onsets.enumerated() {
            let chord = context.chord(at: onset.start)
            let strong = Harmonizer.isStrong(onset.start, meter: meter)
            let phrasePosition = Double(onset.start % (4 * meter.ticksPerBar)) / Double(4 * meter.ticksPerBar)
            let arch = sin(phrasePosition * .pi) * Double(high - low) * 0.3 + tilt * (phrasePosition - 0.5) * 2
            let target = middle + arch
            let endsPhrase = index + 1 == onsets.count || onsets[index + 1].start - onset.start > onset.duration
            var pool = candidates
            if strong || endsPhrase, let chord {
                let tones = pool.filter { chord.pitchClasses.contains($0 % 12) }
                if !tones.isEmpty { pool = tones }
            }
            if endsPhrase {
                let stable = Set([0, 4, 7, 3].map { (context.key.tonic.pitchClass + $0) % 12 })
                let resting = pool.filter { stable.contains($0 % 12) && context.key.scale.pitchClasses.contains($0 % 12) }
                if !resting.isEmpty { pool = resting }
            }
            // After a leap wider than a fifth, turn back by step.
            if abs(lastInterval) > 7 {
                let back = pool.filter { ($0 - previous).signum() == -lastInterval.signum() && abs($0 - previous) <= 4 }
                if !back.isEmpty { pool = back }
            }
            pool = pool.filter { abs($0 - previous) <= 12 }
            if pool.isEmpty { pool = [previous] }
            // The motif: its intervals, placed from the current note, where it fits.
            var chosen: Int?
            if !motif.isEmpty && index > 0 && index < motif.count && (onset.start / meter.ticksPerBar) % 4 < 2 {
                let step = motif[index].pitch.midi - motif[index - 1].pitch.midi
                let wantedPitch = previous + step
                chosen = pool.min { abs($0 - wantedPitch) < abs($1 - wantedPitch) }
            }
            if chosen == nil {
                let weights = pool.map { pitch -> Double in
                    let interval = abs(pitch - previous)
                    let stepScore = interval <= 2 ? 3.0 : (interval <= 4 ? 1.0 : (interval <= 7 ? 0.35 : 0.1))
                    let contour = exp(-abs(Double(pitch) - target) / 4)
                    return stepScore * (0.3 + contour)
                }
                chosen = pool[generator.pick(weights: weights)]
            }
            let pitchNumber = chosen ?? previous
            lastInterval = pitchNumber - previous
            previous = pitchNumber
            guard let pitch = try? Pitch(midi: pitchNumber) else { continue }
            let spelled = Pitch.spelled(pitch, in: context.key)
            let velocity = mood.velocity + (strong ? 8 : 0)
            notes.append(Note(start: onset.start, duration: onset.duration, pitch: spelled, velocity: min(127, velocity)))
        }
        return notes
    }
}

extension Pitch {
    /// "C4" for a MIDI number, for parameters.
    static func name(_ midi: Int) -> String { (try? Pitch(midi: midi))?.description ?? String(midi) }
}
