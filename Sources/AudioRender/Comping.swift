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

    /// How far a strike moves off its place, ticks: the standard deviation, and the most.
    static let timingSpread = 10.0
    static let timingLimit: Ticks = 28
    /// Ticks between a strummed guitar's strings.
    static let strum: Ticks = 10

    /// `notes` (one chord's span, as a pattern wrote them) as a player times them: each
    /// strike (the notes that start together) a little early or late (σ `timingSpread`
    /// ticks, at most `timingLimit`), and its voices a few ticks apart — strummed `strum`
    /// ticks a string, lowest first, on a guitar; 0–2 ticks on keys. Drawn from the strike's
    /// own tick, so a render is the same every time and two playings of a section differ. A
    /// strike never comes before `first` (the chord's first beat: nothing sounds in the
    /// N.C. bar before it, and a chord is not anticipated), every note ends where it was
    /// written to, and a key struck again cuts the one before it off where it starts.
    ///
    /// Why: a newcomer measured a funk sketch's clavinet and a lo-fi sketch's electric
    /// piano 0.0 ms off the grid, every eighth the same four notes at the same two
    /// velocities, "stiff next to Logic's Drummer plus a humanized keys track", where the
    /// drums and bass carry a human micro-timing. Each strike is also a little harder or
    /// softer, at most 3 velocity steps either way, so a repeated section's comping is not
    /// replayed as before. (At ±4 an earlier version moved the balance's measures enough to
    /// leave a triumphant chorus's bass 0.1 LU over its calm verses', where the arc asks 2;
    /// the render tests pass at ±3.)
    static func touched(_ notes: [PerformedNote], guitar: Bool, from first: Ticks) -> [PerformedNote] {
        var strikes: [Ticks: [Int]] = [:]
        for (index, note) in notes.enumerated() { strikes[note.start, default: []].append(index) }
        var out = notes
        for (start, members) in strikes {
            var generator = SeededGenerator(seed: SeededGenerator.derived(from: UInt64(max(0, start)), 0xC0B1))
            let shift = max(-timingLimit, min(timingLimit, Ticks((Humanizer.gaussian(&generator) * timingSpread).rounded())))
            for (order, index) in members.sorted(by: { notes[$0].key < notes[$1].key }).enumerated() {
                let spread = guitar ? strum * Ticks(order) : Ticks(generator.next() % 3)
                let end = start + out[index].duration
                let moved = min(end - 1, max(first, start + shift + spread))
                (out[index].start, out[index].duration) = (moved, end - moved)
                // Struck a little harder or softer each time, as a hand does: a repeated
                // section's comping had replayed every velocity as before.
                out[index].velocity = min(127, max(1, out[index].velocity + Int(generator.next() % 7) - 3))
            }
        }
        // (No key sounds twice at once: `Performance.separated` ends a note where its key
        // starts again, in this part as in every other.)
        return out.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
    }

    /// Patterns whose notes should ring into each other under the sustain pedal.
    static func usesPedal(_ pattern: CompingPattern) -> Bool { pattern == .block || pattern == .ballad || pattern == .arpeggio }
}
