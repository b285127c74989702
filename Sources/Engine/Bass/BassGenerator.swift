import Foundation
import MusicTheory
import SongModel

/// Bass line styles.
public enum BassStyle: String, CaseIterable, Sendable, Hashable {
    case root, rootFifth = "root-fifth", octaves, walking, funk, pedal, arpeggio

    public static func named(_ text: String) -> BassStyle? {
        BassStyle(rawValue: text.lowercased()) ?? ["root-and-fifth": .rootFifth, "walk": .walking, "octave": .octaves,
                                                   "syncopated": .funk, "arpeggiated": .arpeggio][text.lowercased()]
    }

    /// The style a groove implies: walking for swing, octaves for dance, funk for funk.
    public static func implied(by grooveStyle: DrumStyleName?) -> BassStyle {
        switch grooveStyle {
        case .jazz, .shuffle: .walking
        case .house, .disco: .octaves
        case .funk, .neoSoul, .afrobeat: .funk
        case .ballad, .sixEight, .waltz: .root
        default: .rootFifth
        }
    }

    /// A bass style from the word a writer gives `style=`: a bass style's own name, or a
    /// groove or harmony style's name, read as the line that style's drums imply (jazz
    /// walks, funk and soul are funk, house pumps octaves, a ballad holds roots).
    public static func reading(_ word: String) -> BassStyle? {
        if let own = named(word) { return own }
        if let drums = DrumStyleName.named(word) { return implied(by: drums) }
        guard let harmony = HarmonyStyle.named(word) else { return nil }
        return implied(by: RequestDefaults.grooveStyle(mood: nil, harmonyStyle: harmony.name, energy: 0.5).id)
    }

    /// Styles that put a note under every kick.
    public var locksToKick: Bool { self == .root || self == .rootFifth || self == .funk || self == .octaves }
}

/// Bass lines in E1–G3: roots under the chords, locked to the kick where the style says,
/// approach notes into each chord change, timing coupled to the drums.
public enum BassGenerator {
    /// 2.0: the first version the pinned table of seeded outputs holds (1.0 was stamped on
    /// several different outputs, so it does not name one).
    /// 2.1: approach notes are short and on weak beats (the last eighth before the change, or
    /// the walking bass's last beat), a half or whole step from the next root and never
    /// pushed out of range onto another pitch.
    /// 2.2: notes written at their full value (a half note is C2/2); the player's lift
    /// before the next note is the render's, not the chart's.
    /// 2.3: notes from outside the key spelled as the key reads them (the leading tone C♯ in D minor, not D♭).
    /// 2.4: the fifth is the chord's own (E♭ under Adim7, not E); a chord tone from outside
    /// the key spelled as the chord spells it (B under Bdim7 in E♭, not C♭).
    /// 2.5: an approach note from outside the key spelled as it leads (B into C in E♭,
    /// not C♭; F♯ into G, not G♭).
    /// 2.6: notes spelled under chords whose altered roots are now spelled plainly (harmony 2.10).
    /// 2.7: root-fifth plays the fifth on every fourth note under the home chord, not every other.
    /// 2.8: a new chord's root is drawn back toward the home register (around D2) rather
    /// than always the nearest to the note before, so a line of rising roots does not climb
    /// out of the bass's register.
    /// 2.9: a walking line sounds a chord tone on the bar's other strong beat and steps
    /// through the scale the chord makes of the key between (no A under B♭7 in F), and its
    /// last beat leads back to the section's first chord.
    /// 2.10: a note from outside the key is never spelled with a double flat or sharp.
    /// 2.11: a pedal's reason says it is struck at each bar line (it had said it "follows
    /// the harmonic rhythm", under every chord the same note), a walking line's that it walks every beat.
    /// 2.12: a walking line's notes between the beats read the key's scale under a borrowed
    /// chord as melody 3.31 does (no C between the beats under Bmaj7 in D♭).
    /// 2.13: a lead-in is counted "a step away" only where it is a step from the note the
    /// change is played on (an octave style's G2 into F♯1 had been counted).
    /// 2.14: a funk line without a kick to lock to keeps the sixteenth grid in every meter
    /// (`funkPlaces`).
    /// 2.15: lead-ins land off the second group of a long odd bar, a strong beat now
    /// (melody 3.37).
    /// 2.16: arpeggios and octaves in 6/8, 9/8 and 12/8 move in eighths, three to the beat.
    /// 2.17: a root line in a bar of an odd number of beats plays its second root where the
    /// bar's second group starts (3/4's beat 3), not half a bar in.
    public static let version = "2.17"
    public static let range = 28...55   // E1 … G3

    public static func suggest(style: BassStyle, count: Int, seed: UInt64, context: LineContext) throws(EngineError) -> [Suggestion] {
        guard !context.chords.isEmpty else { throw .noChords(context.section) }
        var generator = SeededGenerator(seed: seed)
        var lines: [[Note]] = []
        var attempts = 0
        while lines.count < count && attempts < count * 6 {
            attempts += 1
            let line = write(style: style, variant: lines.count, context: context, generator: &generator)
            if !line.isEmpty && !lines.contains(line) { lines.append(line) }
        }
        return lines.enumerated().map { index, notes in
            let kicks = context.drums?.hits.filter { $0.key == DrumKit.kick }.map(\.start) ?? []
            let locked = kicks.isEmpty ? nil : Double(kicks.filter { kick in notes.contains { $0.start == kick } }.count) / Double(kicks.count)
            var label = "\(style.rawValue), \(notes.count) notes"
            if let locked { label += ", \(Int((locked * 100).rounded()))% of kicks doubled" }
            let reasons = [
                approachReason(style: style, notes: notes, context: context),
                style.locksToKick && locked != nil ? "locked to the kick: the bass starts with the kick drum, as a rhythm section does"
                    : style == .pedal ? "struck again at each bar line, whatever the chords do" : style == .walking ? "a note every beat, the chords' changes on the beat"
                    : "follows the harmonic rhythm",
                "kept in E1–G3, below the comping",
            ]
            return Suggestion(label: label, reasons: reasons,
                              origin: .generator("bass", version: version, seed: seed,
                                                 parameters: ["style": style.rawValue, "section": context.section, "n": String(count), "rank": String(index + 1)]),
                              content: .bass(notes))
        }
    }

    /// The changes a line leads into: a change to another chord, after the first, whose note
    /// before it starts at most `within` earlier (off the strong beats, if `weak`), sounds up
    /// to it, and lies a half or whole step from the new chord's bass note. Counted from the notes
    /// written, so the reason is true of this take: a walk plays the root on a beat after a
    /// bar line, and a line that leads in skips a change on a strong place or onto the same
    /// root.
    static func approaches(_ notes: [Note], context: LineContext, within: Ticks, weak: Bool) -> (led: Int, changes: Int) {
        var led = 0, changes = 0
        var sounding: Chord?
        for change in context.chords where change.start < context.bars * context.meter.ticksPerBar {
            defer { sounding = change.chord }
            guard change.start > 0, let chord = change.chord, chord != sounding else { continue }
            changes += 1
            guard let before = notes.last(where: { $0.start < change.start }),
                  change.start - before.start <= within, before.start + before.duration >= change.start - within / 4 else { continue }
            // A step to the note the change is played on, as heard: a lead-in a step from the
            // new root by name but an octave away from where the line plays it (G2 into
            // F♯1) is a leap, and had been counted as "a step away".
            let stepped: Bool
            if let arrival = notes.first(where: { $0.start >= change.start && $0.start < change.start + within }) {
                stepped = [1, 2].contains(abs(arrival.pitch.midi - before.pitch.midi))
            } else {
                stepped = [1, 2, 10, 11].contains(((before.pitch.midi - chord.bassNote.pitchClass) % 12 + 12) % 12)
            }
            if stepped && (weak == false || !Harmonizer.isStrong(before.start, meter: context.meter)) { led += 1 }
        }
        return (led, changes)
    }

    /// The first reason: how the line moves, with the approaches it really makes.
    static func approachReason(style: BassStyle, notes: [Note], context: LineContext) -> String {
        let walks = style == .walking
        let (led, changes) = approaches(notes, context: context, within: walks ? context.meter.ticksPerBeat : MusicalTime.ticksPerQuarter / 2, weak: !walks)
        let share = led == changes ? (changes == 1 ? "the chord change" : "each of the \(changes) chord changes")
            : "\(led) of the \(changes) chord changes"
        switch style {
        case .walking:
            guard changes > 0 else { return "walks a note on every beat over one chord" }
            guard led > 0 else { return "walks a note on every beat; no chord change approached by a step (the chords move too fast to lead into)" }
            return "walks a note on every beat; \(share) approached on the beat before by a step"
        case .pedal:
            return "holds the home note under every chord"
        case .arpeggio:
            return "each chord's own notes in turn, " + (context.meter.isCompound ? "an eighth apiece, three to the beat" : "half a beat apiece")
        default:
            guard led > 0 else { return "roots on the chord changes" }
            return "roots on the chord changes; \(share) led into by a short note a step away, on a weak place"
        }
    }

    static func place(_ pitchClass: Int, near target: Int) -> Int {
        let candidates = range.filter { $0 % 12 == pitchClass }
        return candidates.min { abs($0 - target) < abs($1 - target) } ?? range.lowerBound + pitchClass
    }

    /// The middle of the bass's home register (D2): roots within a fourth or so of it cost
    /// nothing to reach.
    static let home = 38, homeBand = 5

    /// Where a new chord's root goes: near the note before, as a line moves, but drawn back
    /// toward the home register (a step of distance from it costs 0.7 of a step of motion
    /// past `homeBand`). Why: taken always the nearest, roots rising by fourths climbed and
    /// stayed up (a calm chorus B1 D2 F♯2 B2, a sad one to G3 in eight bars, a new
    /// songwriter heard the bass thin out bar by bar).
    static func placeRoot(_ pitchClass: Int, near previous: Int) -> Int {
        let candidates = range.filter { $0 % 12 == pitchClass }
        func cost(_ pitch: Int) -> Double { Double(abs(pitch - previous)) + 0.7 * Double(max(0, abs(pitch - home) - homeBand)) }
        return candidates.min { (cost($0), $0) < (cost($1), $1) } ?? range.lowerBound + pitchClass
    }

    /// A note leading into the next root: a half step below, or `above` semitones over it,
    /// whichever the range holds (the root is placed so that one of them fits).
    /// The chord's own fifth: diminished under a diminished chord (E♭ under Adim7, not E),
    /// augmented under an augmented one, perfect otherwise (and for a chord without one).
    static func fifth(of chord: Chord) -> Int {
        let root = chord.root.pitchClass, classes = chord.pitchClasses
        for interval in [7, 6, 8] where classes.contains((root + interval) % 12) { return (root + interval) % 12 }
        return (root + 7) % 12
    }

    static func approach(to pitchClass: Int, near previous: Int, above: Int, generator: inout SeededGenerator) -> Int {
        // Toward the root where the line will play it (`placeRoot`), not merely the nearest.
        var target = placeRoot(pitchClass, near: previous)
        if target - 1 < range.lowerBound && target + above > range.upperBound { target += 12 }
        let below = target - 1, over = target + above
        if range.contains(below) && (generator.unit() < 0.6 || !range.contains(over)) { return below }
        return range.contains(over) ? over : below
    }

    /// Where a funk line strikes in a bar without a kick to lock to: every third sixteenth,
    /// the last group taking what is left (3+3+3+3+4 in 4/4: the one, the dotted eighth, the
    /// "and" of 2, the "e" of 3, beat 4). A bar of another length keeps the grid: 3+3+3+3 in
    /// 3/4, 3+3+3+5 in 7/8. (Bass 2.13 had stretched the 4/4 places to the bar, so a 7/8 line
    /// struck 0.656 of a quarter in, printed as triplet sixteenths and rests that added up to
    /// no bar.)
    static func funkPlaces(in meter: Meter) -> [Ticks] {
        let sixteenth = MusicalTime.ticksPerQuarter / 4
        let count = meter.ticksPerBar / sixteenth
        return Array(stride(from: 0, through: max(0, count - 3), by: 3)).map { $0 * sixteenth }
    }

    static func write(style: BassStyle, variant: Int, context: LineContext, generator: inout SeededGenerator) -> [Note] {
        let meter = context.meter
        let length = context.bars * meter.ticksPerBar
        let beat = meter.ticksPerBeat
        let kicks = (context.drums?.hits.filter { $0.key == DrumKit.kick }.map(\.start) ?? []).sorted()
        // The beat's division: eighths, two to a quarter, three to 6/8's dotted quarter (half
        // a dotted quarter had played 6/8 in dotted-eighth duplets).
        let half = meter.isCompound ? meter.ticksPerUnit : beat / 2
        var onsets: [Ticks]
        switch style {
        case .walking:
            onsets = Array(stride(from: 0, to: length, by: beat))
        case .pedal:
            onsets = Array(stride(from: 0, to: length, by: meter.ticksPerBar))
        case .arpeggio, .octaves:
            onsets = Array(stride(from: 0, to: length, by: max(1, half)))
        default:
            if style.locksToKick && !kicks.isEmpty {
                onsets = kicks
            } else if style == .funk {
                onsets = stride(from: 0, to: length, by: meter.ticksPerBar).flatMap { bar in funkPlaces(in: meter).map { bar + $0 } }
            } else if style == .root {
                // The downbeat and the bar's middle, or in a bar of an odd number of beats its
                // second group (3/4's beat 3, 5/4's beat 4): half a 3/4 bar had struck the
                // second root on the "and" of 2, a 6/8 feel.
                let second = ChordChart.secondGroup(of: meter) ?? meter.ticksPerBar / 2
                onsets = stride(from: 0, to: length, by: meter.ticksPerBar).flatMap { [$0, $0 + second] }
            } else {
                onsets = Array(stride(from: 0, to: length, by: beat))
            }
        }
        // Every chord change gets a note.
        let changes = context.chords.map(\.start).filter { $0 < length }
        onsets = Array(Set(onsets + changes)).filter { $0 >= 0 && $0 < length }.sorted()
        let pedalRoot = context.key.tonic.pitchClass
        let top = context.chords.lazy.compactMap(\.chord).first
        var previous = place(context.chords.lazy.compactMap(\.chord).first?.bassNote.pitchClass ?? pedalRoot, near: 40)
        var notes: [Note] = []
        for (index, start) in onsets.enumerated() {
            let end = index + 1 < onsets.count ? onsets[index + 1] : length
            guard let chord = context.chord(at: start) else { continue }
            let nextChange = context.chords.first { $0.start > start }
            let root = chord.bassNote.pitchClass
            let fifth = Self.fifth(of: chord)
            let isChange = changes.contains(start)
            var pitchClass = root
            var midi: Int
            let approaching = nextChange.map { end == $0.start } ?? false
            var leadingInto: NoteName?
            switch style {
            case .pedal:
                midi = place(pedalRoot, near: previous)
            case .walking:
                if isChange || start % meter.ticksPerBar == 0 {
                    midi = placeRoot(root, near: previous)
                } else if let next = approaching ? nextChange?.chord : end == length ? top : nil, end - start <= beat {
                    // Approach the next root by a half step from below or a whole step from above;
                    // the section's last beat leads back to its first chord, where a repeat of
                    // it comes in (a 12-bar head played twice: the turnaround had walked C2 A1
                    // C2 A1 and jumped to F2). Into N.C., no approach.
                    midi = approach(to: next.bassNote.pitchClass, near: previous, above: 2, generator: &generator)
                    leadingInto = next.bassNote
                } else {
                    // A chord tone on the bar's other strong beat; between, a step of the scale
                    // the chord makes of the key (B♭ mixolydian under B♭7 in F: A♭, not A, whose
                    // major seventh had sounded on beat 3).
                    let strongBeat = Harmonizer.isStrong(start, meter: meter)
                    let tones = strongBeat ? Set(chord.tones.map(\.pitchClass)) : MelodyGenerator.scale(context.key, under: chord)
                    let options = range.filter { tones.contains($0 % 12) && abs($0 - previous) <= 4 && $0 != previous }
                    let near = options.isEmpty && strongBeat ? range.filter { tones.contains($0 % 12) && abs($0 - previous) <= 7 && $0 != previous } : options
                    if strongBeat && !near.isEmpty {
                        // Fewer tones to choose from: drawn toward the home register, as roots
                        // are, so the line does not climb a chord tone a bar.
                        midi = near[generator.pick(weights: near.map { 1 / (1 + Double(max(0, abs($0 - home) - homeBand))) })]
                    } else {
                        midi = near.isEmpty ? previous : near[Int(generator.next() % UInt64(near.count))]
                    }
                }
            case .octaves:
                let low = place(root, near: 36)
                midi = (start / (beat / 2)) % 2 == 0 ? low : min(low + 12, range.upperBound)
            case .arpeggio:
                let tones = chord.tones.map(\.pitchClass)
                pitchClass = tones[(start / max(beat / 2, 1)) % tones.count]
                midi = place(pitchClass, near: previous)
            default:
                // Under the home chord, root-fifth plays the fifth on every fourth note (root,
                // root, root, fifth), elsewhere on every other. Why: there the fifth is the
                // key's dominant, and sounding as long as the root it joined the V chord's own
                // root to outweigh the tonic under the whole song (38% of an E major bass
                // line's time was B, 27% E); essentia's key finder heard two dreamy sketches
                // of thirteen in their dominant key, and with the bass's stem left out, in
                // their own. (Fewer fifths under every chord took the dominant's weight from
                // the other chords too, and music21 heard two energetic sketches of five in
                // their subdominant.)
                let home = chord.root.pitchClass == context.key.tonic.pitchClass
                let turn = style == .rootFifth && home ? (index + variant) % 4 == 3 : (index + variant) % 2 == 1
                pitchClass = (!isChange && style != .root && turn) ? fifth : root
                midi = isChange ? placeRoot(pitchClass, near: previous) : place(pitchClass, near: previous)
            }
            midi = min(max(midi, range.lowerBound), range.upperBound)
            var noteEnd = end
            // Lines that do not walk lead into a change on alternate takes: the last eighth
            // before it, on a weak place, a step from the new root; the held note gives way.
            var lead: Int?, leadTarget: NoteName?
            if style != .walking && style != .pedal && style != .arpeggio && approaching && variant % 2 == 1,
               let next = nextChange?.chord, next.bassNote.pitchClass != root {
                let eighth = MusicalTime.ticksPerQuarter / 2
                let leadStart = end - eighth
                if leadStart > start && !Harmonizer.isStrong(leadStart, meter: meter) {
                    noteEnd = leadStart
                    lead = approach(to: next.bassNote.pitchClass, near: midi, above: 1, generator: &generator)
                    leadTarget = next.bassNote
                }
            }
            previous = midi
            guard let pitch = try? Pitch(midi: midi) else { continue }
            let duration = style == .funk || style == .octaves ? min(noteEnd - start, beat / 2) : max(1, noteEnd - start)
            let written = Pitch.spelled(pitch, leadingInto: leadingInto, in: context.key, under: chord)
            notes.append(Note(start: start, duration: max(1, duration), pitch: written, velocity: isChange ? 100 : 88))
            if let lead, let leadTarget, let leading = try? Pitch(midi: lead) {
                notes.append(Note(start: noteEnd, duration: end - noteEnd, pitch: Pitch.spelled(leading, leadingInto: leadTarget, in: context.key, under: chord), velocity: 84))
                previous = lead
            }
        }
        return notes
    }
}
