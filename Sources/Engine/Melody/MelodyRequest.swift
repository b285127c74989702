import MusicTheory
import SongModel

/// What `melody SECTION …` asked for.
public struct MelodyRequest: Sendable, Hashable {
    public var mood: Mood?
    public var low: Int
    public var high: Int
    public var density: Double
    /// How the rhythm leans off the beat: anticipations, pickups, sixteenths.
    public var style: MelodyStyle
    public var count: Int
    public var seed: UInt64
    /// `fit=lyrics`: the words the rhythm is written for (a note per syllable, stresses
    /// on the beats); nil for a melody of the style's own rhythm.
    public var lyrics: String?
    /// `style=NAME` of the writer's own style: its bar rhythms, intervals and phrase
    /// schemes instead of the folk songs' (the rhythm leans no further: `style` is folk).
    public var learned: LearnedStyle?

    public init(mood: Mood?, low: Int, high: Int, density: Double, style: MelodyStyle = .folk, count: Int, seed: UInt64) {
        self.mood = mood
        self.style = style
        self.low = low
        self.high = high
        self.density = density
        self.count = count
        self.seed = seed
    }
}

/// The section a melody or bass line is written for.
public struct LineContext: Sendable {
    public var section: String
    public var key: Key
    public var meter: Meter
    public var bars: Int
    public var chords: [ChordChange]
    public var motif: [Note]
    public var drums: DrumPart?
    /// The section's melody, where it has one: what a pad's high voices keep clear of.
    public var melody: [Note]

    public init(section: String, key: Key, meter: Meter, bars: Int, chords: [ChordChange], motif: [Note] = [], drums: DrumPart? = nil,
                melody: [Note] = []) {
        self.section = section
        self.key = key
        self.meter = meter
        self.bars = bars
        self.chords = chords
        self.motif = motif
        self.drums = drums
        self.melody = melody
    }

    public init(song: Song, section: Section) {
        self.init(section: section.name, key: song.key(of: section), meter: song.meter(of: section), bars: section.bars,
                  chords: section.chords?.changes ?? [], motif: section.motif ?? [], drums: section.drums,
                  melody: section.melody?.notes ?? [])
    }

    /// The chord sounding at a tick.
    public func chord(at tick: Ticks) -> Chord? { chords.last { $0.start <= tick }?.chord }

    /// Each bar's chords at its strong beats: bars with equal lists are sung over the same
    /// harmony.
    var strongBeatChords: [[Chord?]] {
        let places = Harmonizer.strongPlaces(in: meter)
        return (0..<bars).map { bar in places.map { chord(at: bar * meter.ticksPerBar + $0) } }
    }
}

/// Measures of a melody, as the checks and `melody` reasons state them.
public struct MelodyShape: Sendable, Hashable {
    public var strongBeatChordTones: Double
    public var stepsOrRepeats: Double
    public var largestLeap: Int
    /// Leaps wider than a fifth with a note after them, and how many of those the next
    /// move turns back from (post-skip reversal), and of those how many by a step.
    public var leapsOverFifth: Int
    public var leapsTurnedBack: Int
    public var leapsTurnedBackByStep: Int
    /// Whether the last note is reached by a leap wider than a fifth (nothing follows it
    /// to turn back).
    public var finalLeap: Bool
    /// The share of those leaps turned back (1 with none).
    public var leapRecovery: Double { leapsOverFifth == 0 ? 1 : Double(leapsTurnedBack) / Double(leapsOverFifth) }
    /// Notes per bar of the section.
    public var notesPerBar: Double
    /// The share of notes that start off the beat and are held across the next beat.
    public var syncopated: Double
    /// The share of 4-note figures (three intervals and four lengths) heard more than once.
    public var figureRecurrence: Double

    /// The leaps wider than a fifth in words, as they are: how many, how many the next
    /// move turns back from and how many of those by step, and a leap into the last note.
    /// (The reason had said "each leap wider than a fifth turns back by step" of every
    /// melody with such a leap, and "no leaps wider than a fifth" of melodies that leap into
    /// their last note: an outside check found 26 of 37 leaps not turned back by step.)
    public var leapsInWords: String {
        let final = finalLeap ? "a leap wider than a fifth into the last note" : ""
        guard leapsOverFifth > 0 else { return finalLeap ? final : "no leaps wider than a fifth" }
        let leaps = leapsOverFifth == 1 ? "1 leap wider than a fifth" : "\(leapsOverFifth) leaps wider than a fifth"
        let turned: String
        if leapsTurnedBackByStep == leapsOverFifth {
            turned = leapsOverFifth == 1 ? ", turned back by step" : ", each turned back by step"
        } else if leapsTurnedBack == 0 {
            turned = leapsOverFifth == 1 ? ", not turned back" : ", none turned back"
        } else {
            let all = leapsTurnedBack == leapsOverFifth ? (leapsOverFifth == 1 ? "turned back" : "each turned back") : "\(leapsTurnedBack) turned back"
            turned = ", \(all) (\(leapsTurnedBackByStep) by step)"
        }
        return leaps + turned + (finalLeap ? "; " + final : "")
    }

    public init(_ notes: [Note], context: LineContext) {
        let strong = notes.filter { Harmonizer.isStrong($0.start, meter: context.meter) }
        let covered = strong.filter { note in context.chord(at: note.start)?.pitchClasses.contains(note.pitch.midi % 12) ?? true }
        strongBeatChordTones = strong.isEmpty ? 1 : Double(covered.count) / Double(strong.count)
        let intervals = zip(notes, notes.dropFirst()).map { $1.pitch.midi - $0.pitch.midi }
        stepsOrRepeats = intervals.isEmpty ? 1 : Double(intervals.filter { abs($0) <= 2 }.count) / Double(intervals.count)
        largestLeap = intervals.map(abs).max() ?? 0
        var leaps = 0, recovered = 0, byStep = 0
        for (index, interval) in intervals.enumerated() where abs(interval) > 7 && index + 1 < intervals.count {
            leaps += 1
            if intervals[index + 1].signum() == -interval.signum() {
                recovered += 1
                if abs(intervals[index + 1]) <= 2 { byStep += 1 }
            }
        }
        leapsOverFifth = leaps
        leapsTurnedBack = recovered
        leapsTurnedBackByStep = byStep
        finalLeap = intervals.last.map { abs($0) > 7 } ?? false
        notesPerBar = Double(notes.count) / Double(max(1, context.bars))
        let beat = context.meter.ticksPerBeat
        let across = notes.filter { $0.start % beat != 0 && $0.end > ($0.start / beat + 1) * beat }
        syncopated = notes.isEmpty ? 0 : Double(across.count) / Double(notes.count)
        figureRecurrence = MelodyShape.recurrence(of: notes)
    }

    /// The share of 4-note figures, intervals and lengths together, that occur more than once.
    public static func recurrence(of notes: [Note]) -> Double {
        guard notes.count >= 4 else { return 0 }
        let figures = (0...(notes.count - 4)).map { start -> [Int] in
            let four = notes[start..<(start + 4)]
            return zip(four, four.dropFirst()).map { $1.pitch.midi - $0.pitch.midi } + four.map(\.duration)
        }
        var counts: [[Int]: Int] = [:]
        for figure in figures { counts[figure, default: 0] += 1 }
        return Double(figures.filter { counts[$0, default: 0] > 1 }.count) / Double(figures.count)
    }
}
