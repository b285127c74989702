import MusicTheory
import SongModel

/// A song as a performer plays it: every part's notes at absolute ticks (micro-timing
/// applied), with the tempo, meter, key and section changes along the way.
///
/// This is the one place the form is unrolled; the MIDI file, the audio render and the
/// lead sheet all read it, so they agree on every note.
public struct Performance: Sendable, Hashable {
    public var tracks: [Track]
    public var tempos: TempoMap
    public var meters: [(tick: Ticks, meter: Meter)]
    public var keys: [(tick: Ticks, key: Key)]
    /// Section names at their starts, in playing order.
    public var markers: [(tick: Ticks, name: String)]

    /// Each playing's name as the render's reply and a DAW's markers give it: a section
    /// heard again is named with its playing, "chorus 2", "chorus 3". (The MIDI file keeps
    /// the section's own name, which an import reads back as the section.)
    public var playingNames: [String] { Self.playingNames(of: markers.map(\.name)) }

    /// "verse, chorus, verse 2, chorus 2" for a form of verse, chorus, verse, chorus. A
    /// section whose playings a number would confuse with a section of the song ("chorus"
    /// beside a "chorus2") or with its own name ("chorus2" heard again) is counted in words,
    /// every playing alike: "chorus, 2nd time", "chorus, 3rd time". A band leader's markers
    /// had read "chorus 2" at 1:05 and their own "chorus2" at 1:39.
    public static func playingNames(of form: [String]) -> [String] {
        func folded(_ name: String) -> String { name.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" } }
        let taken = Set(form.map(folded))
        var total: [String: Int] = [:]
        for name in form { total[name, default: 0] += 1 }
        let inWords = Set(total.filter { name, count in
            name.last?.isNumber == true || (2...max(2, count)).contains { taken.contains(folded("\(name)\($0)")) }
        }.keys)
        var seen: [String: Int] = [:]
        return form.map { name in
            seen[name, default: 0] += 1
            let count = seen[name] ?? 1
            guard count > 1 else { return name }
            return inWords.contains(name) ? "\(name), \(ordinal(count)) time" : "\(name) \(count)"
        }
    }

    /// Where the last bar ends.
    public var endTick: Ticks
    /// Each section's level as an expression controller value (CC 11) at its start, on every
    /// channel (`SectionLevels`); empty when the song's sections carry no energy.
    public var levels: [(tick: Ticks, expression: Int)] = []
    /// Each playing's energy after shaping (0…1.4), one per marker (`SectionLevels`); empty
    /// when the song's sections carry no energy.
    public var energies: [Double] = []
    /// The playing the song builds to (its form position), which the drums open up with a
    /// tambourine on the time-keeping notes where the groove has none there already
    /// (`Performance.climax`, `climaxDoubles`); nil when the song's energy does not rise to one.
    public var climax: Int? = nil
    /// What the climax's tambourine doubles ("the hi-hat's and ride's notes"); nil when it
    /// added nothing (the groove shakes one already, or there is no climax).
    public var climaxDoubles: String? = nil
    /// Whether the climax's tambourine keeps to the backbeat (a slow song,
    /// `Performance.opensOnTheBackbeat`), from the climax's tempo and meter.
    public var climaxOnBackbeat: Bool {
        guard let climax, climax < markers.count else { return false }
        let tick = markers[climax].tick
        return Performance.opensOnTheBackbeat(quarterTempo: tempos.quarterBPM(at: tick), meter: meters.last { $0.tick <= tick }?.meter ?? .fourFour)
    }
    /// For each playing, the earlier playings it builds on (`Performance.buildsOn`): the ride
    /// keeps it over them.
    public var buildsOn: [[Int]] { Performance.buildsOn(energies, form: markers.map(\.name)) }
    /// The lyrics' syllables where the melody sings them ("rain-" inside a word, "day "
    /// at its end), for the MIDI file's lyric events.
    public var lyrics: [(tick: Ticks, text: String)] = []

    public static func == (a: Performance, b: Performance) -> Bool {
        a.tracks == b.tracks && a.tempos == b.tempos && a.endTick == b.endTick
            && a.meters.map(\.tick) == b.meters.map(\.tick) && a.meters.map(\.meter) == b.meters.map(\.meter)
            && a.markers.map(\.tick) == b.markers.map(\.tick) && a.markers.map(\.name) == b.markers.map(\.name)
            && a.levels.map(\.tick) == b.levels.map(\.tick) && a.levels.map(\.expression) == b.levels.map(\.expression)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tracks)
        hasher.combine(endTick)
    }

    /// One part's performance, for one stem and one MIDI track.
    public struct Track: Sendable, Hashable {
        public var part: PartKind
        public var channel: Int
        public var program: Int
        public var settings: PartSettings
        public var notes: [PerformedNote]
        /// Sustain-pedal changes (on at true) for keyboard parts.
        public var pedal: [(tick: Ticks, down: Bool)]
        /// True when the writer set this part's level (`mix PART gain=…`): the render then
        /// leaves the balance alone.
        public var levelSetByWriter = false

        public static func == (a: Track, b: Track) -> Bool {
            a.part == b.part && a.channel == b.channel && a.program == b.program && a.settings == b.settings
                && a.notes == b.notes && a.pedal.map(\.tick) == b.pedal.map(\.tick) && a.pedal.map(\.down) == b.pedal.map(\.down)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(part)
            hasher.combine(notes)
        }

        /// The name used for the stem file and MIDI track.
        public var name: String { part.row.stem }
    }
}

/// A note as played: absolute start (with its micro-timing), length, key, velocity.
public struct PerformedNote: Sendable, Hashable {
    public var start: Ticks
    public var duration: Ticks
    public var key: Int
    public var velocity: Int

    public init(start: Ticks, duration: Ticks, key: Int, velocity: Int) {
        self.start = start
        self.duration = duration
        self.key = key
        self.velocity = velocity
    }

    public var end: Ticks { start + duration }
}

/// Tempo changes along the song, in quarter notes per minute, and the clock they make.
public struct TempoMap: Sendable, Hashable {
    public private(set) var changes: [Change]

    public struct Change: Sendable, Hashable {
        public var tick: Ticks
        public var quarterBPM: Double
        /// Seconds from the song's start to this change.
        public var seconds: Double
    }

    public init() { changes = [] }

    /// Adds a tempo from `tick` on (ticks must not go backwards).
    public mutating func set(_ quarterBPM: Double, at tick: Ticks) {
        if let last = changes.last {
            if last.quarterBPM == quarterBPM { return }
            if last.tick == tick { changes.removeLast() }
        }
        let seconds = changes.last.map { $0.seconds + Double(tick - $0.tick) * 60 / ($0.quarterBPM * 960) } ?? 0
        changes.append(Change(tick: tick, quarterBPM: quarterBPM, seconds: seconds))
    }

    /// The tempo in quarter notes a minute at `tick` (120 in a map with no tempo).
    public func quarterBPM(at tick: Ticks) -> Double {
        (changes.last { $0.tick <= tick } ?? changes.first)?.quarterBPM ?? 120
    }

    /// Seconds from the start at `tick`.
    public func seconds(at tick: Ticks) -> Double {
        guard let change = changes.last(where: { $0.tick <= tick }) ?? changes.first else { return 0 }
        return change.seconds + Double(tick - change.tick) * 60 / (change.quarterBPM * Double(MusicalTime.ticksPerQuarter))
    }
}
