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
    /// From a prompt in words: added to every section's energy; when the drums come in;
    /// a pace for the tempo when none is given; the key's mode when the words say it.
    public var energyShift = 0.0
    /// `energy=`: the song's average energy; the arc keeps its shape around it.
    public var energy: Double?
    public var drums = DrumsPlan.auto
    /// A groove named in words ("bossa nova", "half-time"): it plays every drummed section
    /// instead of the style's own, and a tempo not given comes into its range.
    public var groove: DrumStyleName?
    public var pace: PromptMeaning.Pace?
    public var minor: Bool?
    /// The song's meter: 3/4 sketches waltz, 6/8 and 12/8 in their lilt, others in the style.
    public var meter = Meter.fourFour
    /// The words named a pad's sound ("synthwave": a polysynth pad): every section has a
    /// pad, not only those whose mood or style brings one (the understood line had named a
    /// polysynth pad a "synthwave" sketch then did not have).
    public var pad = false
    /// The words named a guitar for the chords ("acoustic worship", "guitar"): the key is
    /// drawn from the keys its open strings ring in, as a guitar band's is.
    public var guitarChords = false
    /// `style=NAME` of the writer's learned style: its chord moves, ending and harmonic
    /// rhythm, grooves, bass and melody tables in every section where it has them.
    public var learned: LearnedStyle?
    /// A style whose chord colour the song's style takes ("jazzy neo-soul": jazz).
    public var colour: String?
    /// Moods and loudness the words aimed at parts of the form ("a big chorus", "quiet
    /// verses", "a sad verse"), over the song's.
    public var sectionAims: [SectionRole: SectionAim] = [:]

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
    public var meter = Meter.fourFour
    public var mood: Mood?
    public var form: [String]
    public var sections: [Section]
}

/// Drafts a song from a mood, an arc and a form, with the generators the writer can also
/// call one by one.
public enum Sketcher {
    /// 2.0: hand-overs per following section and at the end (played by the render, no
    /// longer written into the drums), pads for calm, dreamy and cinematic songs.
    /// 2.1: the drums of groove 2.1.
    /// 2.2: all twelve keys; 12-bar verses and choruses in blues and jazz (harmony 2.2).
    /// 2.3: the draft's bass is coupled to the drums when it enters the song (`Song.place`,
    /// at the song's tempo), not also before; sections without drums get no drum hand-overs.
    /// 2.4: melodies of melody 3.0 in the style of the section's drums (or its harmony
    /// style), bass lines of bass 2.1.
    /// 2.5: harmony 2.4's mood moves.
    /// 2.6: groove 2.2 and melody 3.1; the drums keep time through a section's last bar, the hand-over
    /// playing its end; at one energy a fill hands over only into a chorus, bridge or outro.
    /// 2.7: harmony 2.5.
    /// 2.8: harmony 2.6.
    /// 2.9: harmony 2.7.
    /// 2.10: melody 3.2.
    /// 2.11: harmony 2.8.
    /// 2.12: bass 2.2.
    /// 2.13: melody 3.3, bass 2.3 and pad 1.3: notes from outside the key spelled as the
    /// key reads them (the leading tone C♯ in D minor, not D♭), and pads under 9th chords
    /// voiced from the chord's own notes.
    /// 2.14: melody 3.4.
    /// 2.15: "no drums until the chorus" brings the drums in at the first chorus, however
    /// quiet (an ambient chorus once stayed drumless); variation 2.3.
    /// 2.16: groove 2.3 (an open hat takes the closed hat's place).
    /// 2.17: melody 3.5; a chorus melody that would sit below the first verse's middle is
    /// drawn again from the next seeds (up to four), so the chorus sits higher.
    /// 2.18: melody 3.6 (its label; the notes are unchanged).
    /// 2.19: on an arc, a chorus's energy is at least the verses' (a falling arc's chorus
    /// had played 2 LU under its verse).
    /// 2.20: melody 3.7.
    /// 2.21: melody 3.8.
    /// 2.22: the key's draw turns a fifth per mood, so one seed spreads the moods over keys.
    /// 2.25: harmony 2.10, melody 3.11, bass 2.6, pad 1.6: an altered chord whose letter
    /// spelling no chart uses is spelled plainly (A for ♭VI in D♭, not B𝄫), notes under it too.
    /// 2.26: bass 2.7, pad 1.7 (the tonic heard over the dominant: a root-fifth bass's
    /// fifth on every fourth note under the home chord, a pad's fifth and colour tones held softer).
    /// 2.27: harmony 2.11 (a minor song's ♭III weighted half, so it is not heard in its relative major).
    /// 2.28: pad 1.8, written after the melody: a shimmer's halo over the tune, not on it.
    /// 2.29: harmony 2.12 (a minor verse or chorus back on i at its middle).
    /// 2.30: pad 1.9 (a halo tone the next chord keeps is tied over).
    /// 2.31: harmony 2.15 (the blues' second halves move at two chords a bar; a quoted move
    /// named by its plain chords), melody 3.13 (the last note reached by a fifth at most;
    /// no leap of a seventh).
    /// 2.32: an arc's key leans to minor as the mood it ends on does, not the one it starts on.
    /// 2.33: harmony 2.17 (a chart that closes home never ends on a sus4).
    /// 2.34: bass 2.8 (a new chord's root drawn back toward the bass's home register).
    /// 2.35: a folk song's drums play the folk groove (they played pop's, with its claps
    /// and pushed kick), and its melodies sing in the folk style the groove implies.
    /// 2.36: words that ask for drums ("with drums", "a beat", lo-fi hip hop) bring them,
    /// and the bass with them, into every section; a groove named in words (bossa nova, half-time, reggae, trap)
    /// plays the drums, at a tempo in its range.
    /// (2.36 also: an energy shift that would push sections past the top or bottom squeezes
    /// the song's energies into 0.1–1 instead of cutting them off, so the chorus still
    /// rises over the verse in an "angry punk" sketch, where every section had read 1.00.)
    /// 2.37: the drums of groove 2.11 (no sixteenth time over 120 bpm).
    /// 2.38: the drums of groove 2.12 (its label's energy to two places).
    /// 2.39: "funk" and "funky" in a prompt play the funk groove (funk melody and bass with
    /// it) with the chords on a clavinet; they had played neo-soul drums on an electric piano.
    /// 2.40: melody 3.15's melodies.
    /// 2.41: harmony 2.22's two-chord bars in odd meters.
    /// 2.42: a meter that counts eighths (7/8, 5/8) takes twice the mood's tempo; a mood
    /// named before an arc's "start" goes where a stretch of its loudness says only how
    /// loud it is ("triumphant anthem, start calm and end huge" is calm->triumphant).
    /// 2.43: the band's chords never take the sound the words gave the melody
    /// (`StyleBand.instruments`: synthwave's chords on the electric piano, not the saw lead).
    /// 2.44: a pad in every section when the words name a pad's sound (`SketchRequest.pad`).
    /// 2.45: `style=` on a sketch means what the style's word means in a prompt (its
    /// groove, band, pace, meter and energy: `style=funk` the funk groove on a clavinet,
    /// `style=ballad` slower, `style=lofi` drums in every section), read at the prompt.
    /// 2.46: melody 3.16.
    /// 2.47: a dance named with a style in the words ("bossa nova waltz") is that style in
    /// the dance's meter, not the dance's folk style.
    /// 2.48: a quiet section (energy under 0.4) hands over without a fill (`Arc.quietestFill`).
    /// 2.49: melody 3.17.
    /// 2.50: a ballad named with a style in the words ("jazz ballad") is that style at a
    /// ballad's pace, not the ballad style.
    /// 2.51: melody 3.18.
    /// 2.52: groove 2.14 (the jazz waltz in 3/4; the crash takes the timekeeping hand).
    /// 2.53: groove 2.15 ("half-time" in the words plays the half-time groove).
    /// 2.54: words aimed at a section ("a big chorus", "quiet verses", "a sad verse") set
    /// that section's mood and energy (`SketchRequest.sectionAims`, `Sketcher.aimed`).
    /// 2.55: an aimed loudness pulls twice as hard as on the whole song ("a big chorus"
    /// in a calm song reaches 0.7, not 0.55) and a loudness word's mood on the verse
    /// ("quiet verses") is not the song's; a straight style in 3/8 plays the waltz (groove 2.16).
    /// 2.56: groove 2.17 (trap's hi-hat rolls).
    /// 2.57: an arc naming two moods or more leads from its start; the mood before it is the song's.
    /// 2.58: a section played again straight after itself hands over with a fill (`Arc.handovers`).
    /// 2.59: an edm arc takes its loudest mood's tempo; groove 2.18; a style's loudness
    /// before the arc's start is the song's, not a first stretch of the arc; melody 3.19.
    /// 2.60: one register for the whole song (its arc's moods' mean), so one voice can sing it.
    /// 2.61: melody 3.20 (notes lean to the degrees folk songs of their mode dwell on).
    /// 2.62: harmony 2.24 (a blues sketch's dominants are sevenths and ninths, no 7sus4).
    /// 2.63: bass 2.9 (a walking line sounds chord tones on beat 3 and leads back to the top).
    /// 2.64: a mood in the middle of an arc that no section took goes to a section that plays during it (`Arc.spread`).
    /// 2.65: no double flat or sharp in its melodies and bass lines, the pad spelled as its chords (melody 3.21, bass 2.10, pad 1.10).
    /// 2.66: melody 3.22; words that put the chords on a guitar draw the key from the open
    /// strings' (worship, acoustic guitar: "hopeful worship ballad" had been drawn in B, F♯
    /// and C♯ minor).
    /// 2.67: groove 2.19's fills and boom-bap, melody 3.23's words, pad 1.11's voicings.
    /// 2.68: "jazzy" and "bluesy" with another style colour its chords (harmony 2.26).
    /// 2.69: "no drums until the chorus" gives every chorus drums, and the other sections
    /// after the first chorus drums as their energy allows, not whatever it is.
    /// 2.70: melody 3.27 (choruses push).
    /// 2.71: melody 3.29 (the motif's echoes come back whole again).
    /// 2.72: melody 3.30 (the ballad sings on the beat).
    /// 2.73: melody 3.31 and bass 2.12 (no key's note a half step over a borrowed chord's
    /// lowered tone).
    /// 2.74: melody 3.32 (no note held into a chord it grinds against).
    /// 2.75: melody 3.33 (an AA line's reason read from its notes).
    /// 2.76: an arc's middle mood goes, where no section plays during it but a chorus and
    /// one whose mood is its own, to the section of a shared mood heard nearest it (a
    /// tense bridge before the last chorus).
    /// 2.77: harmony 2.27's chord functions.
    /// 2.78: melody 3.34's wording.
    /// 2.79: melody 3.35's phrase ends.
    /// 2.80: melody 3.36's reasons.
    /// 2.81: bass 2.13's reasons.
    /// 2.82: an arc's middle mood goes to the nearest section of a shared mood by one rule
    /// (the first such section heard during it had been preferred to a nearer one).
    /// 2.83: harmony 2.28 (a section of two chords is its cadence: a calm outro of two
    /// slots closes V–i where it had played V7/IV–i) and bass 2.14.
    /// 2.84: melody 3.38 (a copied bar's pushes sung to the chord of the beat they push).
    /// 2.85: melody 3.40 (an anticipation a tone of the chord it anticipates).
    public static let version = "2.85"

    /// The sections' energies moved by `shift`, kept in 0.1–1 by squeezing rather than
    /// cutting: where the shift takes the highest past 1 (or the lowest under 0.1), the
    /// shifted energies are scaled toward the other end so that one lands on the limit and
    /// every section keeps its place against the others.
    static func shifted(_ energies: [Double], by shift: Double) -> [Double] {
        var moved = energies.map { $0 + shift }
        guard let top = moved.max(), let bottom = moved.min() else { return moved }
        if top > 1 {
            let floor = min(bottom, 1)
            moved = moved.map { top == floor ? 1 : floor + ($0 - floor) * (1 - floor) / (top - floor) }
        } else if bottom < 0.1 {
            let ceiling = max(top, 0.1)
            moved = moved.map { ceiling == bottom ? 0.1 : ceiling - (ceiling - $0) * (ceiling - 0.1) / (ceiling - bottom) }
        }
        return moved.map { min(1, max(0.1, $0)) }
    }

    /// How far each part of a song of one mood sits from the mood's energy.
    static let lift = ["intro": -0.15, "verse": 0, "pre-chorus": 0.1, "chorus": 0.2, "bridge": 0.05, "outro": -0.1]

    /// The points with the words' aims: an aimed mood (with its energy and tension, where
    /// the section sits in a song of one mood), then the aimed loudness added. A section
    /// asked to be bigger stands at least half that over every section not asked ("room at
    /// the top"): a "big chorus" in a triumphant song, already at the top, had changed
    /// nothing; now its verses come down under it, and sections already that far under stay.
    static func aimed(_ points: [(section: String, mood: Mood, energy: Double, tension: Double)], by aims: [SectionRole: SectionAim],
                      shift: Double, onArc: Bool) -> [(section: String, mood: Mood, energy: Double, tension: Double)] {
        var points = points
        var louder: [(index: Int, by: Double)] = []
        for index in points.indices {
            guard let aim = aims[SectionRole(name: points[index].section)] else { continue }
            if let mood = aim.mood, mood != points[index].mood {
                points[index].mood = mood
                points[index].energy = Arc.energy(of: mood) + (onArc ? 0 : lift[points[index].section] ?? 0) + shift
                points[index].tension = Arc.tension(of: mood)
            }
            points[index].energy = min(1, max(0.1, points[index].energy + aim.energy))
            if aim.energy > 0 { louder.append((index, aim.energy)) }
        }
        for (aimed, by) in louder {
            for index in points.indices where !louder.contains(where: { $0.index == index }) {
                points[index].energy = max(0.1, min(points[index].energy, points[aimed].energy - by / 2))
            }
        }
        return points
    }

    static let lengths = ["intro": 4, "verse": 8, "pre-chorus": 4, "chorus": 8, "bridge": 8, "outro": 4]

    /// The form a style suggests.
    public static func defaultForm(style: String) -> [String] {
        switch style {
        case "blues", "jazz": ["intro", "verse", "verse", "chorus", "verse", "outro"]
        case "ballad", "folk", "cinematic": ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro"]
        default: ["intro", "verse", "pre-chorus", "chorus", "verse", "pre-chorus", "chorus", "bridge", "chorus", "outro"]
        }
    }

    /// - Parameter shouldStop: asked before each section; a true answer ends the draft
    ///   with `EngineError.cancelled` (Ctrl-C at the prompt).
    public static func draft(_ request: SketchRequest, shouldStop: () -> Bool = { false }) throws(EngineError) -> SketchDraft {
        var generator = SeededGenerator(seed: request.seed)
        let baseMood = request.mood ?? request.arc.first
        let profile = MoodProfile.of(baseMood)
        let songRegister = RequestDefaults.songRegister(request.arc.isEmpty ? [baseMood] : request.arc.map { Optional($0) })
        let styleName = request.style ?? profile.styles.first ?? "pop"
        guard let builtIn = HarmonyStyle.named(styleName) else { throw .unknownStyle(styleName, suggestion: nil) }
        let form = request.form ?? defaultForm(style: builtIn.name)
        // A learned style's moves over the mood's own style (the form, the groove and the
        // pad are chosen by the built-in one where the writer's style has nothing to say).
        var style = builtIn
        if let colour = request.colour.flatMap(HarmonyStyle.named) { style = style.coloured(by: colour) }
        // Key: given, or by the leaning to minor of the mood the song arrives at (an arc's
        // last: a calm start had put "end triumphant" in B♭ minor, closing on B♭m(add9),
        // an outside check), or as the prompt says.
        let leaning = generator.unit() < MoodProfile.of(request.mood ?? request.arc.last).minorPreference
        let minor = request.minor ?? leaning
        // Any of the twelve keys, spelled as their usual key signatures are.
        // A guitar band's song is drawn in the keys its open strings ring in (E, A, D, G, C).
        let tonics = StyleBand.guitarKeys(style: builtIn.name, minor: minor) ?? (request.guitarChords ? StyleBand.openKeys(minor: minor) : nil)
            ?? (minor ? ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"]
                      : ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"])
        // The mood turns the draw a fifth per mood, so one seed does not put every mood in
        // one key (a listening check found every seed-1 sketch in G or Gm, whatever its mood).
        let turn = UInt64((baseMood.flatMap { Mood.allCases.firstIndex(of: $0) } ?? 0) * 7)
        let key = request.key ?? (try? Key(parsing: tonics[Int((generator.next() % UInt64(tonics.count) + turn) % UInt64(tonics.count))] + (minor ? "m" : "")))
            ?? Key(tonic: NoteName(.C))
        if let own = request.learned?.harmonyStyle(base: builtIn, minor: key.isMinor) { style = own }
        // The tempo comes from the opening mood, which the song keeps through its arc; dance
        // music keeps the tempo of its drop from the first bar and builds by what plays, so
        // an edm arc takes its loudest mood's (an "edm, start calm, build tension, end
        // triumphant" had been drafted at 81 bpm, a house groove at a ballad's pace).
        let edmArc = builtIn.name == "edm" && request.arc.count >= 2
        let paced = edmArc ? MoodProfile.of(request.arc.max { MoodProfile.of($0).velocity < MoodProfile.of($1).velocity }) : profile
        var tempo = request.tempo ?? paced.tempo.lowerBound + Int(generator.next() % UInt64(paced.tempo.count))
        if request.tempo == nil, let pace = request.pace {
            // A pace in words moves the mood's tempo to the slow or fast end of its range, or past it.
            switch pace {
            case .slow: tempo = max(50, paced.tempo.lowerBound - 6 + (tempo - paced.tempo.lowerBound) / 4)
            case .medium: tempo = (paced.tempo.lowerBound + paced.tempo.upperBound) / 2
            case .fast: tempo = min(200, paced.tempo.upperBound + 8 - (paced.tempo.upperBound - tempo) / 4)
            }
        }
        // A groove named in words is played at a tempo it is played at: a bossa nova at 120
        // and more, not a romantic mood's 70. So is the house groove an edm arc builds to.
        let drop = edmArc ? RequestDefaults.grooveStyle(mood: nil, harmonyStyle: "edm", energy: 0.9) : nil
        if request.tempo == nil, let groove = request.groove.map(DrumStyle.style) ?? drop, groove.meter == request.meter.description {
            tempo = min(groove.tempo.upperBound, max(groove.tempo.lowerBound, tempo))
        }
        // A mood's tempos are quarter notes a minute; a meter that counts eighths (7/8, 5/8)
        // counts twice as many. A "triumphant anthem in 7/8" had been drafted at 76 eighths
        // a minute: 38 quarters, half the pace of its mood.
        if request.tempo == nil, request.meter.ticksPerBeat < MusicalTime.ticksPerQuarter {
            tempo = min(Song.tempoRange.upperBound, tempo * MusicalTime.ticksPerQuarter / request.meter.ticksPerBeat)
        }
        // Blues and jazz sing their verses and choruses over the whole 12-bar form.
        let bars = { (name: String) in
            ["blues", "jazz"].contains(builtIn.name) && !style.learned && ["verse", "chorus"].contains(name) ? 12 : lengths[name] ?? 8
        }
        // Points on the arc: the given arc, or the mood with a song-shaped energy curve.
        var points: [(section: String, mood: Mood, energy: Double, tension: Double)]
        if !request.arc.isEmpty {
            points = Arc.points(moods: request.arc, form: form, bars: bars)
        } else {
            let mood = baseMood ?? .hopeful
            var order: [String] = []
            for name in form where !order.contains(name) { order.append(name) }
            points = order.map { name in
                let energy = min(1, max(0, Arc.energy(of: mood) + (lift[name] ?? 0)))
                let tension = min(1, max(0, Arc.tension(of: mood) + (name == "pre-chorus" ? 0.2 : 0)))
                return (name, mood, energy, tension)
            }
        }
        var shift = request.energyShift
        if let energy = request.energy, !points.isEmpty {
            shift = energy - points.map(\.energy).reduce(0, +) / Double(points.count)
        }
        if shift != 0 {
            let shifted = Sketcher.shifted(points.map(\.energy), by: shift)
            points = zip(points, shifted).map { ($0.section, $0.mood, $1, $0.tension) }
        }
        if !request.sectionAims.isEmpty {
            points = aimed(points, by: request.sectionAims, shift: shift, onArc: !request.arc.isEmpty)
        }
        // "No drums until the chorus": the sections first heard before it have none.
        let firstChorus = form.firstIndex { SectionRole(name: $0) == .chorus } ?? form.count
        let drumless: Set<String> = switch request.drums {
        case .auto, .always: []
        case .none: Set(form)
        case .fromChorus: Set(form.prefix(firstChorus))
        }
        var sections: [Section] = []
        var motif: [Note] = []
        var verseMiddle: Double?   // the first verse melody's mean pitch, which the chorus sits above
        let meter = request.meter
        for (index, point) in points.enumerated() {
            if shouldStop() { throw .cancelled }
            var section = Section(name: point.section, bars: bars(point.section))
            section.mood = point.mood
            section.energy = point.energy
            section.tension = point.tension
            (section.handovers, section.ending) = Arc.handovers(of: section.name, energy: point.energy, form: form) { name in
                points.first { $0.section == name }?.energy
            }
            let seed = request.seed &+ UInt64(index + 1) &* 1_000_003
            let sectionProfile = MoodProfile.of(point.mood)
            let parameters = ["sketch": request.line, "section": point.section]
            func stamp(_ origin: Origin) -> Origin {
                var origin = origin
                origin.parameters = (origin.parameters ?? [:]).merging(parameters) { _, new in new }
                return origin
            }
            // A placeholder: `Song.place` stamps each part with the time the draft is accepted.
            let accepted = Date(timeIntervalSince1970: 0)
            // Chords: the defaults every request uses (tension quickens the harmonic rhythm
            // and leaves a section open); neighbours so choruses contrast.
            var neighbours: [String: [Chord]] = [:]
            for other in sections { neighbours[other.name] = other.chords?.chords }
            let harmony = RequestDefaults.harmony(for: section, mood: point.mood, style: style,
                                                  rate: style.learned ? request.learned?.chordRate : nil, count: 1, seed: seed)
            let context = HarmonyContext(section: point.section, key: key, meter: meter, bars: section.bars, neighbours: neighbours)
            guard let chordSuggestion = ProgressionGenerator.suggest(harmony, context: context).first,
                  let progression = chordSuggestion.progression else { continue }
            section.chords = ChordPart(changes: progression.changes, comping: point.energy > 0.6 ? .pulse : sectionProfile.comping,
                                       provenance: Provenance(origin: stamp(chordSuggestion.origin), acceptedAt: accepted))
            // Drums and bass come in as the energy rises — or, asked for "no drums until the
            // chorus", with the first chorus whatever its energy, as the words promise.
            let grooveStyle = request.learned?.drumStyle(for: meter)
                ?? request.groove.map { DrumStyle.style($0).fitting(meter) }
                ?? (meter == .fourFour ? RequestDefaults.grooveStyle(mood: point.mood, harmonyStyle: builtIn.name, energy: point.energy)
                    : RequestDefaults.grooveStyle(meter: meter, mood: point.mood, harmonyStyle: builtIn.name, energy: point.energy))
            // (The sections first heard before the chorus are `drumless`.)
            // After the first chorus, a section other than a chorus takes drums as its energy
            // allows: an ambient sketch's calm outro (energy 0.12) and bridge had a kit where
            // its verses had none.
            let chorusDrums = request.drums == .fromChorus && SectionRole(name: point.section) == .chorus
            if (point.energy >= RequestDefaults.drumsEnergy || chorusDrums || request.drums == .always)
                && !drumless.contains(point.section) {
                let request = GrooveRequest(style: grooveStyle, energy: point.energy, swing: .auto, feel: nil, humanize: 0.4, count: 1, seed: seed)
                let grooveContext = GrooveContext(section: point.section, meter: meter, bars: section.bars, tempo: tempo,
                                                  endPlayedByHandover: true)
                if let suggestion = GrooveGenerator.suggest(request, context: grooveContext).first, let groove = suggestion.groove {
                    section.drums = DrumPart(hits: groove.hits, style: groove.style, timing: groove.timing,
                                             provenance: Provenance(origin: stamp(suggestion.origin), acceptedAt: accepted))
                }
            }
            let lineContext = LineContext(section: point.section, key: key, meter: meter, bars: section.bars,
                                          chords: progression.changes, motif: motif, drums: section.drums)
            let learnedBass = request.learned.flatMap { try? BassGenerator.suggest(learned: $0, count: 1, seed: seed, context: lineContext).first }
            // The bass comes in with the energy, or with drums asked for throughout: a beat
            // is the kit and the bass together (a lo-fi hip hop sketch had its drums in every
            // section and its bass only in the choruses).
            if point.energy >= RequestDefaults.bassEnergy || (request.drums == .always && section.drums != nil),
               let bass = learnedBass ?? (try? BassGenerator.suggest(style: BassStyle.implied(by: section.drums?.style ?? grooveStyle.id), count: 1, seed: seed,
                                                                     context: lineContext).first), let notes = bass.notes {
                section.bass = BassPart(notes: notes, provenance: Provenance(origin: stamp(bass.origin), acceptedAt: accepted))
            }
            // Melody: sung sections only; the chorus sits higher; one motif for the song.
            if !SectionRole(name: point.section).frames {
                // One voice sings the whole song: the register is the song's (its arc's moods'
                // mean), each section's role lifting it. Taken from each section's own mood, a
                // nostalgic->sad->hopeful song had spanned A3–G5, its sad bridge under the verse.
                let range = RequestDefaults.melodyRange(for: point.section, register: songRegister)
                var melodyRequest = MelodyRequest(mood: point.mood, low: range.lowerBound, high: range.upperBound,
                                                  density: RequestDefaults.melodyDensity(energy: point.energy),
                                                  style: request.learned?.writesMelodies(in: meter) == true ? .folk
                                                      : section.drums?.style.map { MelodyStyle.implied(by: $0) } ?? MelodyStyle.implied(byHarmony: builtIn.name),
                                                  count: 1, seed: seed)
                melodyRequest.learned = request.learned
                // The chorus sits higher than the verse: its range is higher, and where one
                // draw still wanders below the verse's middle, the next seeds are tried (the
                // melody's provenance names the seed that wrote it).
                var chosen: Suggestion?
                for attempt in 0..<Sketcher.chorusAttempts {
                    melodyRequest.seed = seed &+ UInt64(attempt)
                    guard let melody = try? MelodyGenerator.suggest(melodyRequest, context: lineContext).first else { break }
                    let middle = Sketcher.middle(of: melody.notes ?? [])
                    if chosen == nil || middle > Sketcher.middle(of: chosen?.notes ?? []) { chosen = melody }
                    guard SectionRole(name: point.section) == .chorus, let verse = verseMiddle, middle <= verse else { break }
                }
                if let melody = chosen, var notes = melody.notes {
                    if SectionRole(name: point.section) == .verse, verseMiddle == nil { verseMiddle = Sketcher.middle(of: notes) }
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
            // A pad under calm and dreamy sections and cinematic songs: a swell to open, a
            // shimmer at the high points, held chords between; written after the melody, so
            // a shimmer's halo keeps clear of it.
            if request.pad || RequestDefaults.padded(mood: point.mood, harmonyStyle: builtIn.name) {
                var padContext = lineContext
                padContext.melody = section.melody?.notes ?? []
                let padStyle: PadStyle = index == 0 ? .swell : (point.energy > 0.6 ? .shimmer : .plain)
                if let pad = try? PadGenerator.suggest(style: padStyle, count: 1, seed: seed, context: padContext).first, let notes = pad.notes {
                    section.parts[.pad] = Part(content: .notes(notes), provenance: Provenance(origin: stamp(pad.origin), acceptedAt: accepted))
                }
            }
            // Builds, drops and fills are played by the drums: a section without drums keeps
            // only what it can play (a ritard).
            if section.drums == nil {
                section.handovers = section.handovers?.filter { $0.value == .ritard }
                if section.handovers?.isEmpty == true { section.handovers = nil }
                if section.ending != .ritard { section.ending = nil }
            }
            sections.append(section)
        }
        return SketchDraft(key: key, tempo: tempo, meter: meter, mood: baseMood, form: form, sections: sections)
    }

    /// How many seeds a chorus melody may try to sit above the verse.
    static let chorusAttempts = 4

    /// A melody's mean pitch, as MIDI numbers.
    static func middle(of notes: [Note]) -> Double {
        notes.isEmpty ? 0 : Double(notes.map(\.pitch.midi).reduce(0, +)) / Double(notes.count)
    }
}
