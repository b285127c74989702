import MusicTheory
import SongModel

/// Turns a voiced chord into the notes a player would play for one chord's span, by
/// comping pattern. Rhythms are on the eighth-note grid of the meter.
enum Comping {
    /// One chord's span and voicing, at absolute ticks.
    struct Span {
        var start: Ticks
        var end: Ticks
        var voicing: [Int]
        /// A left-hand bass note to add (the chord's bass in octave 2), when the section
        /// has no bass line of its own.
        var bass: Int?
    }

    static let eighth: Ticks = 480

    static func notes(for span: Span, pattern: CompingPattern) -> [PerformedNote] {
        var span = span
        // The left hand's bass is not struck again by the right: one key never sounds twice
        // at once on a channel (a DAW or a synth would cut one of them off).
        if let bass = span.bass, span.voicing.count > 1 { span.voicing.removeAll { $0 == bass } }
        let length = span.end - span.start
        guard length > 0 else { return [] }
        var notes: [PerformedNote] = []
        func add(_ key: Int, at offset: Ticks, for duration: Ticks, velocity: Int) {
            let start = span.start + offset
            guard start < span.end else { return }
            notes.append(PerformedNote(start: start, duration: max(1, min(duration, span.end - start)), key: key, velocity: velocity))
        }
        if let bass = span.bass { add(bass, at: 0, for: length, velocity: 70) }
        switch pattern {
        case .block:
            for key in span.voicing { add(key, at: 0, for: length, velocity: 72) }
        case .pulse:
            for offset in stride(from: 0, to: length, by: eighth) {
                let onBeat = offset % (2 * eighth) == 0
                for key in span.voicing { add(key, at: offset, for: eighth - 60, velocity: onBeat ? 78 : 60) }
            }
        case .arpeggio:
            let cycle = span.voicing + span.voicing.dropFirst().dropLast().reversed()
            for (index, offset) in stride(from: 0, to: length, by: eighth).enumerated() {
                // Each note rings until the next but one, never into its own return.
                add(cycle[index % cycle.count], at: offset, for: min(2, cycle.count) * eighth, velocity: index % 2 == 0 ? 70 : 60)
            }
        case .stabs:
            for key in span.voicing { add(key, at: 0, for: 200, velocity: 80) }
            for offset in stride(from: eighth, to: length, by: 2 * eighth) {
                for key in span.voicing { add(key, at: offset, for: 200, velocity: 74) }
            }
        case .ballad:
            // Rolled: each voice a little after the one below, as a pianist spreads a chord.
            for (index, key) in span.voicing.enumerated() { add(key, at: 30 * (index + 1), for: length, velocity: 64) }
        }
        return notes
    }

    /// Patterns whose notes should ring into each other under the sustain pedal.
    static func usesPedal(_ pattern: CompingPattern) -> Bool { pattern == .block || pattern == .ballad || pattern == .arpeggio }
}
