import Foundation
import MusicTheory
import SongModel

/// What `sketch …` asked for.
public struct SketchRequest: Sendable, Hashable {
    public var mood: Mood?
    public var arc: [Mood]
    public var form: [String]?
    public var style: String?
    public var key: Key?
    public var tempo: Int?
    public var seed: UInt64
    /// The command as typed, for provenance.
    public var line: String

    public init(mood: Mood?, arc: [Mood], form: [String]?, style: String?, key: Key?, tempo: Int?, seed: UInt64, line: String) {
        self.mood = mood
        self.arc = arc
        self.form = form
        self.style = style
        self.key = key
        self.tempo = tempo
        self.seed = seed
        self.line = line
    }
}

/// A whole first draft: the song's settings and form, and each section with its parts.
public struct SketchDraft: Sendable, Hashable {
    public var key: Key
    public var tempo: Int
    public var mood: Mood?
    public var form: [String]
    public var sections: [Section]
}

/// Drafts a song from a mood, an arc and a form, with the generators the writer can also
/// call one by one.
public enum Sketcher {
    public static let version = "1.0"

    static let lengths = ["intro": 4, "verse": 8, "pre-chorus": 4, "chorus": 8, "bridge": 8, "outro": 4]

    /// The form a style suggests.
    public static func defaultForm(style: String) -> [String] {
        switch style {
        case "blues", "jazz": ["intro", "verse", "verse", "chorus", "verse", "outro"]
        case "ballad", "folk", "cinematic": ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro"]
        default: ["intro", "verse", "pre-chorus", "chorus", "verse", "pre-chorus", "chorus", "bridge", "chorus", "outro"]
        }
    }

    /// The groove style that goes with a harmony style.
    static func grooveStyle(for style: String, energy: Double) -> String {
        switch style {
        case "rock": "rock"
        case "ballad": energy > 0.6 ? "pop" : "ballad"
        case "folk": "pop"
        case "soul": "neo-soul"
        case "jazz": "jazz"
        case "blues": "shuffle"
        case "edm": "house"
        case "cinematic": energy > 0.6 ? "rock" : "ballad"
        case "lofi": "boom-bap"
        default: "pop"
        }
    }

    /// - Parameter shouldStop: asked before each section; a true answer ends the draft
    ///   with `EngineError.cancelled` (Ctrl-C at the prompt).
    public static func draft(_ request: SketchRequest, shouldStop: () -> Bool = { false }) throws(EngineError) -> SketchDraft {
        var generator = SeededGenerator(seed: request.seed)
        let baseMood = request.mood ?? request.arc.first
        let profile = MoodProfile.of(baseMood)
        let styleName = request.style ?? profile.styles.first ?? "pop"
        guard let style = HarmonyStyle.named(styleName) else { throw .unknownStyle(styleName, suggestion: nil) }
        let form = request.form ?? defaultForm(style: style.name)
        // Key: given, or by the mood's leaning to minor.
        let minor = generator.unit() < profile.minorPreference
        let tonics = minor ? ["A", "E", "D", "C", "G", "B"] : ["C", "G", "D", "A", "E", "F", "Bb"]
        let key = request.key ?? (try? Key(parsing: tonics[Int(generator.next() % UInt64(tonics.count))] + (minor ? "m" : ""))) ?? Key(tonic: NoteName(.C))
        let tempo = request.tempo ?? profile.tempo.lowerBound + Int(generator.next() % UInt64(profile.tempo.count))
        // Points on the arc: the given arc, or the mood with a song-shaped energy curve.
        let points: [(section: String, mood: Mood, energy: Double, tension: Double)]
        if !request.arc.isEmpty {
            points = Arc.points(moods: request.arc, form: form)
        } else {
            let mood = baseMood ?? .hopeful
            let lift = ["intro": -0.15, "verse": 0, "pre-chorus": 0.1, "chorus": 0.2, "bridge": 0.05, "outro": -0.1]
            var order: [String] = []
            for name in form where !order.contains(name) { order.append(name) }
            points = order.map { name in
                let energy = min(1, max(0, Arc.energy(of: mood) + (lift[name] ?? 0)))
                let tension = min(1, max(0, Arc.tension(of: mood) + (name == "pre-chorus" ? 0.2 : 0)))
                return (name, mood, energy, tension)
            }
        }
        var sections: [Section] = []
        var motif: [Note] = []
        let meter = Meter.fourFour
        for (index, point) in points.enumerated() {
            if shouldStop() { throw .cancelled }
            var section = Section(name: point.section, bars: lengths[point.section] ?? 8)
            section.mood = point.mood
            section.energy = point.energy
            section.tension = point.tension
            let nextName = form.firstIndex(of: point.section).flatMap { i in i + 1 < form.count ? form[i + 1] : nil }
            let nextEnergy = nextName.flatMap { name in points.first { $0.section == name }?.energy }
            section.transition = Arc.transition(from: point.energy, to: index == points.count - 1 && nextName == nil ? nil : nextEnergy)
            let seed = request.seed &+ UInt64(index + 1) &* 1_000_003
            let sectionProfile = MoodProfile.of(point.mood)
            let parameters = ["sketch": request.line, "section": point.section]
            func stamp(_ origin: Origin) -> Origin {
                var origin = origin
                origin.parameters = (origin.parameters ?? [:]).merging(parameters) { _, new in new }
                return origin
            }
            let accepted = Date(timeIntervalSince1970: 0)
            // Chords: tension quickens the harmonic rhythm; neighbours so choruses contrast.
            let rate = point.tension > 0.7 ? 2.0 : (sectionProfile.harmonicRhythm < 1 && section.bars % 2 == 0 ? 0.5 : 1)
            var neighbours: [String: [Chord]] = [:]
            for other in sections { neighbours[other.name] = other.chords?.changes.map(\.chord) }
            let cadence: Cadence = point.tension > 0.6 ? .open : Cadence.expected(for: point.section)
            let harmony = HarmonyRequest(mood: point.mood, style: style, count: 1, seed: seed, cadence: cadence, rate: rate)
            let context = HarmonyContext(section: point.section, key: key, meter: meter, bars: section.bars, neighbours: neighbours)
            guard let chordSuggestion = ProgressionGenerator.suggest(harmony, context: context).first,
                  case .chords(let progression) = chordSuggestion.content else { continue }
            section.chords = ChordPart(changes: progression.changes, comping: point.energy > 0.6 ? .pulse : sectionProfile.comping,
                                       provenance: Provenance(origin: stamp(chordSuggestion.origin), acceptedAt: accepted))
            // Drums and bass come in as the energy rises.
            let grooveName = grooveStyle(for: style.name, energy: point.energy)
            if point.energy >= 0.35, let drumStyle = DrumStyle.named(grooveName) {
                let request = GrooveRequest(style: drumStyle, energy: point.energy, swing: .auto, feel: nil, humanize: 0.4, count: 1, seed: seed)
                let grooveContext = GrooveContext(section: point.section, meter: meter, bars: section.bars, tempo: tempo)
                if let suggestion = GrooveGenerator.suggest(request, context: grooveContext).first, case .drums(var groove) = suggestion.content {
                    groove.hits = handOver(groove.hits, transition: section.transition, bars: section.bars, meter: meter)
                    section.drums = DrumPart(hits: groove.hits, style: groove.style, timing: groove.timing,
                                             provenance: Provenance(origin: stamp(suggestion.origin), acceptedAt: accepted))
                }
            }
            let lineContext = LineContext(section: point.section, key: key, meter: meter, bars: section.bars,
                                          chords: progression.changes, motif: motif, drums: section.drums)
            if point.energy >= 0.25,
               let bass = try? BassGenerator.suggest(style: BassStyle.implied(by: section.drums?.style ?? grooveName), count: 1, seed: seed,
                                                     context: lineContext).first, case .bass(let notes) = bass.content {
                section.bass = BassPart(notes: notes, provenance: Provenance(origin: stamp(bass.origin), acceptedAt: accepted))
            }
            // The drums' hand-over hits take the groove's timing, and the bass its share of it.
            GrooveTimingApplier.retime(&section, quarterTempo: Double(tempo))
            // Melody: sung sections only; the chorus sits higher; one motif for the song.
            if !["intro", "outro"].contains(point.section) {
                let lift = point.section.contains("chorus") && !point.section.hasPrefix("pre") ? 5 : (point.section == "bridge" ? 2 : 0)
                let low = 57 + sectionProfile.register + lift
                let request = MelodyRequest(mood: point.mood, low: low, high: low + 15, density: 0.3 + 0.6 * point.energy, count: 1, seed: seed)
                if let melody = try? MelodyGenerator.suggest(request, context: lineContext).first, case .melody(var notes) = melody.content {
                    let velocity = Int(50 + 60 * point.energy)
                    notes = notes.map { var note = $0; note.velocity = min(127, velocity + ($0.velocity - sectionProfile.velocity)); return note }
                    section.melody = MelodyPart(notes: notes, provenance: Provenance(origin: stamp(melody.origin), acceptedAt: accepted))
                    if motif.isEmpty {
                        motif = notes.filter { $0.start < meter.ticksPerBar }
                        section.motif = motif
                    } else {
                        section.motif = motif
                    }
                }
            }
            sections.append(section)
        }
        return SketchDraft(key: key, tempo: tempo, mood: baseMood, form: form, sections: sections)
    }

    /// Shapes the drums' last bar for the hand-over: a build rolls the snare through the
    /// whole bar, a drop-out stops the kit for the last two beats.
    static func handOver(_ hits: [DrumHit], transition: String?, bars: Int, meter: Meter) -> [DrumHit] {
        let lastBar = (bars - 1) * meter.ticksPerBar
        switch transition {
        case "build":
            let stepTicks = meter.ticksPerBeat / 4
            let roll = (0..<(meter.ticksPerBar / stepTicks)).map { step in
                DrumHit(start: lastBar + step * stepTicks, key: 38, velocity: min(127, 60 + step * 4))
            }
            return hits.filter { $0.start < lastBar } + roll
        case "drop":
            return hits.filter { $0.start < lastBar + meter.ticksPerBar / 2 }
        default:
            return hits
        }
    }
}
