import Foundation
import MusicTheory
import SongModel

/// How a pad plays its chords.
public enum PadStyle: String, CaseIterable, Sendable, Hashable {
    /// Each chord held for its whole length, common tones tied across the change.
    case plain
    /// The voices enter one after another, lowest first, rising in level.
    case swell
    /// The held chord with a soft layer of its upper tones an octave above the comping.
    case shimmer

    public static func named(_ text: String) -> PadStyle? { PadStyle(rawValue: text.lowercased()) }

    var about: String {
        switch self {
        case .plain: "each chord held for its whole length; tones the next chord shares are tied, not struck again"
        case .swell: "the voices enter one after another, lowest first, spread over the first half of each chord (at most a beat apart), rising in level, as a string section swells in"
        case .shimmer: "the held chord with a soft layer of its upper tones an octave or two above the comping, a halo over the song"
        }
    }
}

/// Pads from the section's chords: sustained, voice-led chord tones in E2–C4, below the
/// middle of the comping's voicings and below the melody, so the pad warms the harmony
/// without covering the tune.
public enum PadGenerator {
    /// 1.1: a shimmer's label names its halo apart from the held register.
    /// 1.2: the label's register spelled as the key spells it (C♯3 in D major, not D♭3).
    /// 1.3: voiced from the chord's own notes where no close voicing fits the pad's octave
    /// (9th chords once sounded a third off); notes from outside the key spelled as the key reads them (the leading tone C♯ in D minor, not D♭).
    /// 1.4: the lowest held note is the chord's root, third or fifth (an intro's E♭add9
    /// once had its 9th, F2, at the bottom, a second above the comping's E♭2).
    /// 1.5: options of one style that voice the same notes are not offered twice (a
    /// register that gives the same voicing gives way to the next).
    /// 1.6: notes spelled under chords whose altered roots are now spelled plainly (harmony 2.10).
    /// 1.10: a note from outside the key spelled as its chord spells it (B under the chord B
    /// in E♭, not C♭), as the chart names it.
    /// 1.7: the fifth and the colour tones (sevenths, sixths, ninths) held 12 velocity steps
    /// softer than the chord's root and third (`colourSoftening`).
    /// 1.8: a shimmer's halo clears the melody sounding with each chord (`haloClearance`
    /// over its highest note), and is left out under a chord where it cannot; its reason
    /// says "an octave or two above the comping" (it said one octave).
    /// 1.9: a halo tone the next chord keeps is tied over, as the held voices are (it was
    /// struck again on every chord).
    /// 1.11: no sharp ninth voiced under the major third, and a chord of six tones voiced
    /// without its root (`VoiceLeading.clashes`, `VoiceLeading.classes`).
    public static let version = "1.11"
    /// Where the pad's held voices sit (MIDI keys): below the comping and the melody.
    public static let range = 40...60
    /// Where the shimmer layer sits: above the comping, and above the melody where one
    /// sounds with it (up to A6 then; with no melody it takes the first octave from C5).
    public static let shimmerRange = 72...93
    /// How far over the highest melody note sounding with a chord its halo starts, in
    /// semitones. Why: the halo doubled the upper chord tones at C5-E6, the very octave a
    /// chorus melody sings in (a calm or dreamy chorus sits about E4-G5), so the pad's
    /// highest, brightest voices sat on the tune; a minor third above its peak keeps even
    /// the tune's top note clear of a second against the halo.
    static let haloClearance = 3

    public static func suggest(style: PadStyle?, count: Int, seed: UInt64, context: LineContext) throws(EngineError) -> [Suggestion] {
        guard !context.chords.isEmpty else { throw .noChords(context.section) }
        var generator = SeededGenerator(seed: seed)
        // Without a style asked for: one of each, in order. With one: that style in
        // registers a third apart, so the options differ audibly.
        // Options are told apart by their notes (not by the velocities' random nudges): a
        // register that voices the same chords as one already offered gives way to the next.
        let lifts = [0, 4, -3, 7, 2, -5, 9, -1]
        let plans: [(PadStyle, Int)] = style.map { style in lifts.map { (style, $0) } }
            ?? (0..<count).map { (PadStyle.allCases[$0 % PadStyle.allCases.count], $0 < PadStyle.allCases.count ? 0 : 4) }
        var pads: [(style: PadStyle, lift: Int, notes: [Note])] = []
        func heard(_ notes: [Note]) -> [[Int]] { notes.map { [$0.start, $0.duration, $0.pitch.midi] } }
        for (style, lift) in plans where pads.count < count {
            let notes = write(style: style, lift: lift, context: context, generator: &generator)
            if !notes.isEmpty && !pads.contains(where: { heard($0.notes) == heard(notes) }) { pads.append((style, lift, notes)) }
        }
        return pads.enumerated().map { index, pad in
            let held = pad.notes.map(\.pitch.midi).filter { $0 < shimmerRange.lowerBound }
            let halo = pad.notes.map(\.pitch.midi).filter { $0 >= shimmerRange.lowerBound }
            func name(_ midi: Int) -> String { (try? Pitch(midi: midi)).map { Pitch.spelled($0, in: context.key).description } ?? String(midi) }
            func span(_ keys: [Int]) -> String { "\(name(keys.min() ?? 0))–\(name(keys.max() ?? 0))" }
            let register = span(held)
            let label = "\(pad.style.rawValue) pad, \(register)" + (halo.isEmpty ? "" : " with a halo in \(span(halo))")
                + ", \(context.chords.count) \(context.chords.count == 1 ? "chord" : "chords")"
            let reasons = [
                pad.style.about,
                "voice-led: each chord takes the voicing nearest the one before, so the pad moves by the smallest steps, with the root, third or fifth at the bottom",
                "kept low (\(register)), under the comping and the melody"
                    + (halo.isEmpty ? "" : "; the halo soft in \(span(halo)), above the comping"
                       + (context.melody.isEmpty ? "" : " and the melody")),
            ]
            return Suggestion(label: label, reasons: reasons,
                              origin: .generator("pad", version: version, seed: seed,
                                                 parameters: ["style": pad.style.rawValue, "section": context.section, "n": String(count),
                                                              "rank": String(index + 1)]),
                              content: .pad(pad.notes))
        }
    }

    /// How much softer a pad holds the tones that do not name its chord (the fifth, and a
    /// seventh, sixth, ninth or eleventh) than the root and third, in velocity steps. Why: a
    /// pad holds its notes longest of the band, and a dreamy song's pad swelled up to its
    /// top voice, most often the major seventh or the fifth (under the home chord, the
    /// key's dominant); essentia's key finder heard three of thirteen dreamy sketches in
    /// their dominant key, and with the pad's stem left out of the mix it heard them in
    /// their own. The fifth is the tone a voicing can most spare: every note's overtones
    /// already sound it.
    static let colourSoftening = 12

    /// The pitch classes of `chord` a pad holds softer: all but its root and its third (or
    /// the suspended tone that stands for it).
    static func softerTones(of chord: Chord) -> Set<Int> {
        let root = chord.root.pitchClass
        return chord.pitchClasses.subtracting([root, (root + (chord.quality.third ?? 0)) % 12])
    }

    /// The pad's notes for one style, `lift` semitones above the home register.
    static func write(style: PadStyle, lift: Int, context: LineContext, generator: inout SeededGenerator) -> [Note] {
        let end = context.bars * context.meter.ticksPerBar
        let range = (range.lowerBound + lift)...(range.upperBound + lift)
        // Voiced chord to chord over the places where no chord (N.C.) sounds: the pad
        // rests there and comes back where the voicing would have gone.
        let sounding = context.chords.filter { $0.chord != nil }
        let voicings = Dictionary(zip(sounding.map(\.start), VoiceLeading.voice(sounding.compactMap(\.chord), range: range, triadBelow: true)),
                                  uniquingKeysWith: { first, _ in first })
        var notes: [Note] = []
        // Voices still sounding from the chord before, by key: a shared tone is held on.
        var held: [Int: Int] = [:]
        var haloHeld: [Int: Int] = [:]   // the same for a shimmer's halo
        for (index, change) in context.chords.enumerated() {
            let stop = index + 1 < context.chords.count ? context.chords[index + 1].start : end
            let span = stop - change.start
            guard let voicing = voicings[change.start] else { held = [:]; haloHeld = [:]; continue }
            guard span > 0 else { continue }
            var next: [Int: Int] = [:]
            let softer = change.chord.map(Self.softerTones) ?? []
            for (voice, key) in voicing.enumerated() {
                let nudge = Int(generator.next() % 7) - 3   // players never hit every voice the same
                var velocity = 58 + nudge
                var start = change.start
                if style == .swell {
                    // Lowest voice first, spread over the first half of the chord, at most a beat apart.
                    let step = min(context.meter.ticksPerBeat, span / 2 / max(voicing.count, 1))
                    start += voice * step
                    velocity = 40 + voice * 10 + nudge
                }
                if softer.contains(key % 12) { velocity -= colourSoftening }
                if style != .swell, let previous = held[key], notes[previous].end == change.start {
                    notes[previous].duration += span   // a common tone: tied over the change
                    next[key] = previous
                    continue
                }
                guard let pitch = try? Pitch(midi: key) else { continue }
                notes.append(Note(start: start, duration: stop - start, pitch: Pitch.spelled(pitch, in: context.key, under: change.chord),
                                  velocity: min(127, max(1, velocity))))
                next[key] = notes.count - 1
            }
            held = next
            if style == .shimmer {
                // The chord's upper tones again, an octave or two up, soft, and over the
                // melody sounding with the chord.
                let floor = context.melody.filter { $0.start < stop && $0.end > change.start }.map(\.pitch.midi).max()
                    .map { max(shimmerRange.lowerBound, $0 + haloClearance) } ?? shimmerRange.lowerBound
                var nextHalo: [Int: Int] = [:]
                for key in voicing.suffix(2) {
                    var high = key + 12
                    while high < floor { high += 12 }
                    guard shimmerRange.contains(high), let pitch = try? Pitch(midi: high) else { continue }
                    if let previous = haloHeld[high], notes[previous].end == change.start {
                        notes[previous].duration += span   // a halo tone the next chord keeps: tied over
                        nextHalo[high] = previous
                        continue
                    }
                    notes.append(Note(start: change.start, duration: span, pitch: Pitch.spelled(pitch, in: context.key, under: change.chord),
                                      velocity: 38 + Int(generator.next() % 5)))
                    nextHalo[high] = notes.count - 1
                }
                haloHeld = nextHalo
            }
        }
        return notes.sorted { ($0.start, $0.pitch.midi) < ($1.start, $1.pitch.midi) }
    }
}
