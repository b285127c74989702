import Foundation
import MusicTheory
import SongModel

/// Keeps the tune on top: as mastering reads the stems, the melody's is lifted until, in three
/// bars of four where it plays, it sits at least `target` dB over the harmonic bed — the
/// parts that share its register, the chords and the pad — and, once the bass is set,
/// `overAccompaniment` dB over the bed and the bass together, and once the drums are set,
/// `overBand` dB over the bed, the bass and the drums together; unless the writer has set the
/// level of the melody or of any bed part with `mix … gain=`, in which case the writer's
/// balance stands (choosing an instrument does not count). Why the second look: an outside
/// check measured melodies lifted over the bed alone 1.0–2.4 dB over the chords, pad and
/// bass together (bar medians), under the 3 dB a lead needs over what accompanies it.
///
/// Why a lift of the melody rather than a cut of the bed: mastering then brings the whole
/// mix back to its loudness target, so lifting the melody by X is the bed, the bass and
/// the drums all going down X together — their balance among themselves is left as it was.
/// The one part that can still crowd the tune after the lift is the bass (struck hard, or
/// a SoundFont's loud program), so it alone is then measured against the melody and, if it
/// sits less than `bassUnderMelody` under it, turned down; in a song whose sections carry
/// energy, a bass sitting further under than the section's energy allows is brought up.
/// The lift is found section by section, so a calm intro's buried piano is brought up
/// without pushing the last chorus's melody over its band. And since the lift leaves the
/// drums where the arrangement put them against the chords, in a song whose sections
/// carry energy they are then brought up to within `drumsUnderMelody` of the melody —
/// before the third look, which lifts the melody over them too: the drums keep their
/// place against the chords and bass, which is what the energy shapes, and end that much
/// further under the melody.
public enum Balance {
    /// Melody − bed, by RMS and by K-weighted loudness, that the lower quartile of the
    /// melody's bars must reach: the 3 dB a lead needs over its accompaniment, with a
    /// decibel to spare for meters that cut the bars differently.
    public static let target = 4.0
    /// Melody − (bed + bass), the same two ways, that the lower quartile must reach at the
    /// second look: the 3 dB and a decibel to spare, as mastering takes some of it back
    /// (the limiter where it works hard, and the reverb's return sounds with the band). At
    /// 3.5 dB ten sketches' melodies sat 3.1–4.3 dB over the chords, pad and bass (bar
    /// medians, numpy on the stems), a nostalgic one's 2.3 dB counting the return; at 4 dB,
    /// 3.6–4.8 and 2.8. The bass's lift by energy is set before this look, so the look can
    /// leave a rising chorus's bass further under its melody than its energy allows (by
    /// what the look added: `secondLookBySection`); the tune comes first.
    public static let overAccompaniment = 4.0
    /// Melody − (bed + bass + drums), the same two ways, that the lower quartile must reach
    /// at the third look, once the drums are set: the 3 dB a lead needs over everything
    /// that accompanies it, the decibel mastering takes back, and half a decibel for the
    /// reverb's return, which is made after the balance (it sat 0.3–0.6 dB under the
    /// melody's lead in eight sketches). Why: with the drums brought near the melody by
    /// energy, eight sketches' melodies sat 0.2–3.6 dB over all the other stems (bar
    /// medians by RMS, numpy), the energetic and triumphant ones under 1 dB.
    public static let overBand = 4.5
    /// The most the melody is lifted. A lift is measured against what the synthesizer made,
    /// and a dense comp struck hard dwarfs a single line: the triumphant chorus of a
    /// calm->tense->triumphant sketch (seed 3) played its piano chords 12.8 LU over its
    /// piano melody at velocity 127 (ffmpeg's ebur128 on the stems, the balance off). At
    /// 24 dB the lift stopped short in every such chorus of a calm->tense->triumphant
    /// sketch (seed 2): the melody 1.2–1.7 dB over its band at the bar median, under the
    /// 3 dB a lead needs.
    public static let maximumLift = 36.0
    /// The parts that share the melody's register (the pad is set under the chords).
    public static let bed: Set<PartKind> = [.chords, .pad]
    /// The parts a melody must be heard over: the bed, the bass and the drums.
    public static let accompaniment: [PartKind] = [.chords, .pad, .bass, .drums]

    /// The accompaniment's parts that play in `performance`, as the render's notes name
    /// them: "the chords, pad, bass and drums", "the chords and bass", "the pad".
    static func accompanimentName(_ performance: Performance) -> String {
        let playing = performance.tracks.filter { accompaniment.contains($0.part) && !$0.notes.isEmpty }.map(\.part)
        let names = accompaniment.filter { playing.contains($0) }.map(\.rawValue)
        guard let last = names.last else { return "the chords, pad and bass" }
        return "the " + (names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last)
    }
    /// Where the pad sits: this many dB under the chords, over the bars where both sound
    /// (`partOver`) — felt under the comping, not lost. A General MIDI SoundFont's pads
    /// differ by 10 dB and more at one velocity (measured on FluidR3's: a dreamy sketch's
    /// pad sat 20 dB under its chords, a calm one's 9.5), so the pad's level is measured
    /// and set, as the melody's is, rather than assumed.
    public static let padUnderChords = 8.0
    /// The most the pad is moved either way, dB.
    public static let padMaximumChange = 16.0
    /// The least the bass sits under the melody, dB, in three bars of four where the melody
    /// plays (K-weighted bar loudness): the bass carries the song from below and must not
    /// crowd the tune. A sad sketch's acoustic bass, struck at velocity 89 under a string
    /// melody at 70, sat 0.5 dB under the melody at the bar median and over it in a quarter
    /// of the bars (pyloudnorm, bar by bar), the loudest part after the lead. A bass further
    /// under is left where it is: a soft bass in a calm song is the arrangement's choice.
    public static let bassUnderMelody = 4.0
    /// The most the bass is turned down, dB.
    public static let bassMaximumCut = 12.0
    /// How far under the melody the bass may sit, dB (each part's integrated loudness over a
    /// section where both play), by the section's energy: 12 dB at energy 0, 7 dB at
    /// energy 1 — a section that plays harder wants its bass fuller. (A decibel or two
    /// further than a listener would put it: the limiter takes the melody's attacks down
    /// after this is measured, and a piano-led climax's melody lost 3 dB against its bass.) A bass further under is
    /// brought up to it, section by section (at most `bassMaximumLift`), but never so far
    /// that it crowds the tune: in three bars of four it still sits `bassUnderMelody` under.
    /// Why: the melody's and the drums' lifts leave the bass where the arrangement put it
    /// against the chords, and a listening check measured a calm->tense->triumphant sketch's
    /// bass 11 LU under its melody in every section and 12.5 LU under the mix, its climax
    /// carried by a bass hardly heard. Only in a song whose sections carry energy: in a
    /// song written by hand, a soft bass is the writer's choice.
    public static func bassMostUnderMelody(energy: Double) -> Double { 12 - 5 * min(1, max(0, energy)) }
    /// The most the bass is brought up, dB; less than half a decibel is left alone.
    public static let bassMaximumLift = 6.0
    /// How far under the melody the drums may sit, dB (each part's integrated loudness over
    /// a section where both play), by the section's energy: 10 dB at energy 0,
    /// 4 dB at energy 1 — the harder the song plays, the closer the kit comes to the lead.
    /// Drums further under are brought up to it, section by section (at most
    /// `drumsMaximumLift`), never turned down. Why: the melody's lift keeps the drums where the arrangement put
    /// them against the chords, and a listening check measured a calm->tense->triumphant
    /// sketch's drums 17 LU under the mix (19.5 in its last chorus) and energetic songs'
    /// drums (−10.7 LU) under sad songs' (−7.5). Only in a song whose sections carry energy.
    /// The third look then lifts the melody over the drums as set: measured on sketches
    /// after it, energetic 73's drums 8.6 LU under the mix, sad 47's 8.0 (pyloudnorm).
    public static func drumsUnderMelody(energy: Double) -> Double { 10 - 6 * min(1, max(0, energy)) }
    /// How far under the melody the chords may sit, LU (each part's integrated loudness over
    /// a section where both play), in a song whose sections carry energy: chords further
    /// under are brought up, the pad with them (the bed moves as one), section by section,
    /// at most `bedMaximumLift`, and only as far as keeps the melody's lower quartile over
    /// the bed and over the whole band where the looks put it. Why: the looks lift the tune
    /// until its quietest bars clear the band by RMS, which the bass and kick carry, so the
    /// chords sank with every lift: a new songwriter measured a calm->tense->triumphant
    /// sketch's chords 12.9 LU under the melody in its verse and 15.8 in its chorus (ffmpeg),
    /// "the mix is essentially the melody", the chords dropping 12.5 LU as the tune came in.
    /// 10 LU at first; 8 since a second newcomer heard a sad piano ballad's piano 10 LU
    /// under its string lead ("it doesn't sound like a piano ballad"). Measured on the arc
    /// tests' four sketches (seed 2, ffmpeg per section) with the lift's limit at 12 dB:
    /// chords 6.6–8.9 LU under the melody, the melody still 3.7–8.0 dB over every other
    /// stem at the bar median.
    public static let chordsMostUnderMelody = 8.0
    /// The most the chords and pad are brought up, dB. (9 dB held calm->tense->triumphant's
    /// chords 8.8–10.1 LU under its melody against a target of 7.)
    public static let bedMaximumLift = 12.0
    /// The most the drums are brought up, dB. (Raised to 24 with the melody's limit for a
    /// while and put back: every decibel the kit comes up, the melody's third look lifts
    /// the tune over it and the chords sink that much further under it — a new songwriter
    /// measured that chorus's chords 15.8 LU under the melody with the drums up 19.5 dB.)
    public static let drumsMaximumLift = 18.0
    /// How much further back (LU) the drums sit against the chords where the melody rests
    /// than in the section beside. Why: the limiter takes a climax's drum hits down more
    /// than its held chords (calm->tense->triumphant seed 1, mastered: the climax's drums
    /// 1.3 LU further under its chords than the balance had set them), and not an outro's,
    /// where the band plays under the ceiling; kept against the chords alone, five outros'
    /// drums measured 0.6–1.9 LU more forward than the climax's after mastering. 2 LU, not
    /// 1.5: with melody 3.15's tunes two outros' drums came within 0.2 LU of the climax's.
    /// 2.5, not 2: with the comping's strikes spread in time (`Comping.touched`) an outro's
    /// drums came within 0.2 LU of the climax's again (calm->tense->triumphant seed 5).
    public static let restingDrumsBack = 2.5

    /// What a render's balance set: how much to scale each stem (as linear factors, one per
    /// track, and a gain curve for the melody or the drums when they move section by
    /// section), and in dB the melody's lift and the drums' in each section of the form (one
    /// figure for a song of one section), the pad's change and the bass's change (each 0
    /// when none was needed or the writer set the level).
    public struct Levels: Sendable {
        public var factors: [Float]
        public var curves: [FaderRide?] = []
        public var melodyBySection: [Double] = []
        public var pad = 0.0
        public var bass = 0.0
        /// The bass's lift in each section of the form, dB (empty, or 0 where none was needed).
        public var bassBySection: [Double] = []
        public var drumsBySection: [Double] = []
        /// How much further the melody's second look lifted it in each section, dB (empty,
        /// or 0 where it did not): after the bass was set against the first lift.
        public var secondLookBySection: [Double] = []
        /// How much further the melody's third look lifted it in each section, dB (empty,
        /// or 0 where it did not): over the whole band, the drums as set included.
        public var bandLookBySection: [Double] = []
        /// How far the chords and pad were brought up in each section, dB (empty, or 0 where
        /// they were not): to sit within `chordsMostUnderMelody` of the melody.
        public var bedBySection: [Double] = []
        /// Whether the bass's and drums' lifts where the melody rests were set against the
        /// chords (`restingLifts`), not taken from the section beside as they were.
        public var restingByChords = false
        /// Where a melody whose level the writer set sits against the rest of the band: its
        /// loudness over theirs at the bar median, LU, and in how many of the bars where it
        /// plays it is under them (`heldMelodyPlace`); nil when the balance set the melody.
        public var heldMelody: (median: Double, under: Int, bars: Int)?
        /// How much further under the melody than its section's energy asks the bass and
        /// the drums still sit once the balance is done, dB by section (0 where they reach
        /// it or it was not measured; `shortfalls`).
        public var shortOfEnergy: [PartKind: [Double]] = [:]

        /// The most the melody was lifted anywhere, dB.
        public var melody: Double { melodyBySection.max() ?? 0 }
        /// The most the bass was brought up anywhere, dB.
        public var bassLift: Double { bassBySection.max() ?? 0 }
        /// The most the drums were brought up anywhere, dB.
        public var drums: Double { drumsBySection.max() ?? 0 }
        /// What mastering applies to each stem.
        public var gains: [StemGain] { factors.indices.map { StemGain(factor: factors[$0], curve: $0 < curves.count ? curves[$0] : nil) } }
    }

    /// The balance of a render's stems. The pad is set under the chords first, then the
    /// melody lifted over the chords and the pad as set, section by section, then the bass,
    /// if it crowds the melody as lifted, turned down under it, and (in a song with
    /// energies) brought up where it sits too far under, section by section, then the
    /// melody lifted over the bed and bass (the second look), then the drums brought up
    /// near the melody, section by section, then the melody lifted over the whole band
    /// (the third look; the drums count as they play, the writer's level or not). Mastering
    /// applies the factors and curves as it reads the stems.
    public static func lifts(_ stems: [any StemReader], of performance: Performance, sampleRate: Int,
                             isCancelled: @Sendable () -> Bool = { false }) throws(RenderError) -> Levels {
        try lifts(stems, of: performance, sampleRate: sampleRate, measured: [], isCancelled: isCancelled)
    }

    /// A `StemMeasure` for each of `recorders` (a track's each, in track order), measuring
    /// what `lifts` asks of the parts as they are synthesized: every part's bar levels, and
    /// the section loudness of the bass, melody and drums of a song with energies (those
    /// `lifts` rides by section). `frames` is the form and its tail, which every part
    /// reaches: the bars end within it, and the last section runs on to the longest part's
    /// end, which `StemMeasure.finish` is told.
    static func measuring(_ recorders: [any StemRecorder], of performance: Performance, sampleRate: Int, frames: Int) -> [StemMeasure] {
        let bars = barFrames(performance, sampleRate: sampleRate, frames: frames).filter { $0.end > $0.start }
        let markers = FaderRide.markerSections(of: performance, sampleRate: sampleRate, frames: frames)
        let sections = markers.isEmpty ? [0..<frames] : markers
        // The chords are measured by section only where the bed's last step can move them:
        // neither the bed nor the melody set by the writer.
        let bedMoves = !performance.tracks.contains { ($0.part == .melody || bed.contains($0.part)) && $0.levelSetByWriter }
        return zip(recorders, performance.tracks).map { recorder, track in
            let ridden = !performance.energies.isEmpty && ([.bass, .melody, .drums].contains(track.part) || (track.part == .chords && bedMoves))
            return StemMeasure(recording: recorder, bars: bars, sampleRate: sampleRate, sections: ridden ? sections : [])
        }
    }

    /// The same, with `measured` holding, by track, what `StemMeasure` measured as the part
    /// was synthesized (nil where it did not): those stems are not read again for it.
    static func lifts(_ stems: [any StemReader], of performance: Performance, sampleRate: Int,
                      measured: [(levels: BarLevels, spans: [Double])?],
                      isCancelled: @Sendable () -> Bool = { false }) throws(RenderError) -> Levels {
        var levels = Levels(factors: [Float](repeating: 1, count: stems.count))
        let tracks = performance.tracks
        let frames = stems.map(\.frames).max() ?? 0
        // Section by section: the lift a section needs differs (a calm sketch's sections
        // took 10.9–16.5 dB), and one lift for the whole song set by its most buried
        // sections pushes the rest of the band down everywhere.
        var sections = FaderRide.markerSections(of: performance, sampleRate: sampleRate, frames: frames)
        if sections.isEmpty { sections = [0..<frames] }
        let byEnergy = performance.energies.count == performance.markers.count && performance.markers.count == sections.count
        let measures = Measures(stems: stems, performance: performance, sections: sections, sampleRate: sampleRate, measured: measured)
        let free = { (index: Int?) -> Int? in index.flatMap { tracks[$0].levelSetByWriter ? nil : $0 } }
        let pad = free(tracks.firstIndex { $0.part == .pad }), chords = free(tracks.firstIndex { $0.part == .chords })
        let lead = free(tracks.firstIndex { $0.part == .melody })
        let bass = free(tracks.firstIndex { $0.part == .bass }), drums = free(tracks.firstIndex { $0.part == .drums })
        let bedTracks = tracks.indices.filter { bed.contains(tracks[$0].part) }
        let bedFree = !bedTracks.isEmpty && !bedTracks.contains { tracks[$0].levelSetByWriter }
        // The bass as it plays, the writer's level or not: the melody's second look.
        let anyBass = tracks.firstIndex { $0.part == .bass }, anyDrums = tracks.firstIndex { $0.part == .drums }
        // What each stem is measured for, all of it at once on both cores.
        var barsOf: Set<Int> = [], spansOf: Set<Int> = []
        if let pad, let chords { barsOf.formUnion([pad, chords]) }
        if let lead {
            if bedFree { barsOf.insert(lead); barsOf.formUnion(bedTracks); barsOf.formUnion([anyBass, anyDrums].compactMap { $0 }) }
            if let bass { barsOf.formUnion([bass, lead]); if byEnergy { spansOf.formUnion([bass, lead]) } }
            if let drums, byEnergy { spansOf.formUnion([drums, lead]) }
            if let chords, byEnergy, bedFree { spansOf.formUnion([chords, lead]) }
        }
        // A melody the writer set is left where it is, and measured against the rest of the
        // band, so the render can say where it sits.
        let heldLead = lead == nil ? tracks.firstIndex { $0.part == .melody && $0.levelSetByWriter && !$0.notes.isEmpty } : nil
        if heldLead != nil { barsOf.formUnion(tracks.indices) }
        guard try measures.measure(bars: barsOf, spans: spansOf, isCancelled: isCancelled) else { return levels }
        if let pad, let chords, let over = levelOver(measures.levels[pad]!, measures.levels[chords]!, where: pad, performance: performance) {
            let change = min(padMaximumChange, max(-padMaximumChange, -padUnderChords - over))
            if abs(change) >= 0.5 { levels.pad = change; levels.factors[pad] = Float(Loudness.linear(change)) }
        }
        if let heldLead {
            levels.heldMelody = try heldMelodyPlace(measures, melody: heldLead, factors: levels.factors, isCancelled: isCancelled)
        }
        guard let lead else { return levels }
        levels.curves = [FaderRide?](repeating: nil, count: stems.count)
        var bedLevels: BarLevels?
        if bedFree {
            guard let summed = try measures.summed(bedTracks, factors: levels.factors, isCancelled: isCancelled) else { return levels }
            bedLevels = summed
            levels.melodyBySection = melodyLifts(measures, lead: lead, over: summed, by: target)
        } else {
            levels.melodyBySection = sections.map { _ in 0 }
        }
        set(levels.melodyBySection, track: lead, sections: sections, in: &levels, sampleRate: sampleRate)
        if isCancelled() { return levels }
        var bassChange = [0.0]
        if let bass {
            // Each bar's bass over the melody as lifted in the bar's section, in the bars
            // where the tune is heard (`heard`).
            let differences = levelDifferences(measures.levels[bass]!, measures.levels[lead]!, where: lead, performance: performance)
            let bars = heard(differences, section: { bar in sections.firstIndex { $0.contains(bar.frame) } ?? 0 }, melody: \.reference)
                .map { bar in (frame: bar.frame, difference: bar.difference - levels.melodyBySection[sections.firstIndex { $0.contains(bar.frame) } ?? 0]) }
            let cut = bassCut(bars) ?? 0
            levels.bass = -cut
            if byEnergy {
                levels.bassBySection = bassLifts(measures, bass: bass, lead: lead, lifts: levels.melodyBySection, cut: cut, bars: bars)
            }
            let change = levels.bassBySection.isEmpty ? [-cut] : levels.bassBySection.map { $0 - cut }
            bassChange = change
            set(change, track: bass, sections: sections, in: &levels, sampleRate: sampleRate)
        }
        // The second look: the bed and the bass as set, summed bar by bar; where they crowd
        // the tune together, the melody goes up further (never down).
        var accompaniment = bedLevels
        if let bedLevels, let anyBass, let bassLevels = measures.levels[anyBass] {
            let withBass = adding(bassLevels, at: bassChange, sections: sections, to: bedLevels)
            accompaniment = withBass
            levels.secondLookBySection = lookAgain(measures, lead: lead, over: withBass, by: overAccompaniment, in: &levels)
        }
        if isCancelled() { return levels }
        if let drums, byEnergy {
            levels.drumsBySection = drumLifts(measures, drums: drums, lead: lead, lifts: levels.melodyBySection)
            set(levels.drumsBySection, track: drums, sections: sections, in: &levels, sampleRate: sampleRate)
        }
        // The third look: the whole band as set — the bed, the bass and the drums — summed
        // bar by bar; where it crowds the tune, the melody goes up further (never down).
        var band = accompaniment, bandTarget = overAccompaniment
        if let accompaniment, let anyDrums, let drumLevels = measures.levels[anyDrums] {
            let drumsChange = anyDrums == drums && !levels.drumsBySection.isEmpty ? levels.drumsBySection : [0]
            let withDrums = adding(drumLevels, at: drumsChange, sections: sections, to: accompaniment)
            band = withDrums
            bandTarget = overBand
            levels.bandLookBySection = lookAgain(measures, lead: lead, over: withDrums, by: overBand, in: &levels)
        }
        // The bass, set before the looks lifted the tune, brought up toward what each
        // section's energy asks against the melody as it now stands (the melody going up
        // with it as far as keeps its place over the band); the band as it then is.
        if let bass, byEnergy, let bedLevels, !levels.bassBySection.isEmpty, let bassLevels = measures.levels[bass] {
            var rest = bedLevels
            if let anyDrums, let drumLevels = measures.levels[anyDrums] {
                rest = adding(drumLevels, at: anyDrums == drums && !levels.drumsBySection.isEmpty ? levels.drumsBySection : [0], sections: sections, to: rest)
            }
            let more = bassTopUps(measures, bass: bass, lead: lead, lifts: levels.melodyBySection, bassLifts: levels.bassBySection, cut: -levels.bass,
                                  bass: bassLevels, rest: rest, bandTarget: bandTarget)
            if more.contains(where: { $0.bass > 0 }) {
                levels.bassBySection = zip(levels.bassBySection, more).map { $0 + $1.bass }
                set(levels.bassBySection.map { $0 + levels.bass }, track: bass, sections: sections, in: &levels, sampleRate: sampleRate)
                raiseMelody(by: more.map(\.melody), lead: lead, sections: sections, in: &levels, sampleRate: sampleRate)
                band = adding(bassLevels, at: levels.bassBySection.map { $0 + levels.bass }, sections: sections, to: rest)
            }
        }
        // Last, nothing moving after it: the chords (and the pad with them) brought up where
        // the looks left them far under the tune.
        if let chords, byEnergy, let bedLevels, let band {
            let found = bedLifts(measures, chords: chords, lead: lead, lifts: levels.melodyBySection, bed: bedLevels,
                                 band: band, bandTarget: bandTarget)
            // Where the melody rests (an intro, an outro) there is nothing to measure the bed
            // against: it keeps the lift of the section beside it, as the bass and drums do,
            // so the band keeps its balance there. (Left at 0, an outro's chords sat 8.5 LU
            // under drums that kept the climax's lift, and the ride took the drums over the
            // climax's: an outside listening check measured it on five sketches.)
            let lifts = filled(found.map { $0?.bed })
            if lifts.contains(where: { $0 > 0 }) {
                levels.bedBySection = lifts
                raiseMelody(by: found.map { $0?.melody ?? 0 }, lead: lead, sections: sections, in: &levels, sampleRate: sampleRate)
                for track in bedTracks {
                    if Set(lifts).count == 1 {
                        levels.factors[track] *= Float(Loudness.linear(lifts[0]))
                    } else {
                        levels.curves[track] = FaderRide(sections: sections, decibels: lifts, sampleRate: sampleRate)
                    }
                }
            }
            // Where the melody rests, the bass and drums keep their place against the chords.
            let bed = levels.bedBySection.isEmpty ? sections.map { _ in 0.0 } : levels.bedBySection
            if let bass, !levels.bassBySection.isEmpty {
                let resting = restingLifts(measures, part: bass, chords: chords, lead: lead, lifts: levels.bassBySection, bed: bed)
                if resting != levels.bassBySection {
                    levels.bassBySection = resting
                    set(resting.map { $0 + levels.bass }, track: bass, sections: sections, in: &levels, sampleRate: sampleRate)
                }
            }
            if let drums, !levels.drumsBySection.isEmpty {
                let resting = restingLifts(measures, part: drums, chords: chords, lead: lead, lifts: levels.drumsBySection, bed: bed,
                                           back: restingDrumsBack)
                if resting != levels.drumsBySection {
                    levels.drumsBySection = resting
                    set(resting, track: drums, sections: sections, in: &levels, sampleRate: sampleRate)
                }
            }
            levels.restingByChords = true
        }
        // Last of all, the melody's lifts final: the bass follows the song's energy, never
        // nearer a section's tune than a bigger section's is to its own.
        if let bass, byEnergy, !levels.bassBySection.isEmpty, let spans = measures.spans[bass], let melody = measures.spans[lead],
           melody.count == spans.count, levels.melodyBySection.count == spans.count {
            // A section counts where its melody sings through at least half its bars (not an
            // outro's last few notes).
            let singing = sections.indices.map { index in
                2 * sungBars(measures, lead: lead, in: index, heard: []).count >= measures.bars.filter { sections[index].contains($0.start) }.count
            }
            let ordered = bassFollowingEnergy(levels.bassBySection, spans: spans.map { $0 + levels.bass },
                                              melody: zip(melody, levels.melodyBySection).map { $0 + $1 }, singing: singing,
                                              energies: performance.energies)
            if ordered != levels.bassBySection {
                levels.bassBySection = ordered
                set(ordered.map { $0 + levels.bass }, track: bass, sections: sections, in: &levels, sampleRate: sampleRate)
            }
        }
        if byEnergy {
            if let bass, !levels.bassBySection.isEmpty {
                levels.shortOfEnergy[.bass] = shortfalls(measures, part: bass, lead: lead, lifts: levels.bassBySection.map { $0 + levels.bass },
                                                         melody: levels.melodyBySection, allowed: bassMostUnderMelody(energy:))
            }
            if let drums, !levels.drumsBySection.isEmpty {
                levels.shortOfEnergy[.drums] = shortfalls(measures, part: drums, lead: lead, lifts: levels.drumsBySection,
                                                          melody: levels.melodyBySection, allowed: drumsUnderMelody(energy:))
            }
        }
        return levels
    }

    /// A shortfall the render says, dB: under it, within what a listener would notice.
    public static let shortfallSaid = 2.0

    /// How much further under the melody than `allowed(energy)` the part still sits in each
    /// section where both play, each with its final lift (integrated loudness over the
    /// section, before mastering), dB; 0 where it sits within it. Why: the balance stops
    /// short where the melody would lose its place over the band, or at its limits, and the
    /// render had said only that the part was "brought up … as each section's energy
    /// asks": a newcomer measured a funk chorus's bass 15.8 LU under its flute melody
    /// where the energy asked 7.75.
    static func shortfalls(_ measures: Measures, part: Int, lead: Int, lifts: [Double], melody: [Double],
                           allowed: (Double) -> Double) -> [Double] {
        guard let partLevels = measures.spans[part], let melodyLevels = measures.spans[lead] else { return [] }
        let performance = measures.performance
        return measures.sections.indices.map { index in
            guard index < lifts.count, index < melody.count, index < performance.energies.count,
                  plays(part, in: index, of: performance), plays(lead, in: index, of: performance),
                  partLevels[index] > -70, melodyLevels[index] > -70 else { return 0 }
            let under = (melodyLevels[index] + melody[index]) - (partLevels[index] + lifts[index])
            return max(0, under - allowed(performance.energies[index]))
        }
    }

    /// `lifts` (a part's, by section, as `filled` gave the sections where the melody rests
    /// their neighbour's) with each section where the melody rests and the part and the
    /// chords play turned down as far as keeps the part where it sat against the chords
    /// (each with its lift, `bed` the chords') in the section whose lift it took: never
    /// more than that lift, never under 0.
    ///
    /// Why: an outro's drums play on where the melody has stopped, often harder against
    /// chords that hold (closed hats at velocity 84 where the climax rode at 67, chords held
    /// a bar): with the climax's lift they sat 1.3 LU over the chords where the climax had
    /// them 3.5 LU under, and the ride, lifting the outro, took its drums over the climax's
    /// (an outside listening check: five sketches' outro drums 0.5–2.5 LU over the climax's).
    ///
    /// `back` sets the part that much further back against the chords than beside: the
    /// drums by `restingDrumsBack`.
    static func restingLifts(_ measures: Measures, part: Int, chords: Int, lead: Int, lifts: [Double], bed: [Double],
                             back: Double = 0) -> [Double] {
        guard let partLevels = measures.spans[part], let chordLevels = measures.spans[chords], let melodyLevels = measures.spans[lead]
        else { return lifts }
        let performance = measures.performance
        let playing = { (track: Int, levels: [Double], index: Int) in plays(track, in: index, of: performance) && levels[index] > -70 }
        let sung = measures.sections.indices.filter { playing(lead, melodyLevels, $0) && playing(part, partLevels, $0) }
        return lifts.indices.map { index in
            guard !playing(lead, melodyLevels, index), playing(part, partLevels, index), playing(chords, chordLevels, index),
                  let beside = source(of: index, known: sung), playing(chords, chordLevels, beside) else { return lifts[index] }
            let place = partLevels[beside] + lifts[beside] - (chordLevels[beside] + bed[beside])
            let wanted = place - back + chordLevels[index] + bed[index] - partLevels[index]
            let lift = min(lifts[index], max(0, wanted))
            return lift < 0.05 ? 0 : lift
        }
    }

    /// Where the melody sits against every other part summed (each at `factors`), as the
    /// ear weighs them (K-weighted loudness, bar by bar, where the melody plays): its
    /// loudness over theirs at the bar median, and the bars where it is under them. Why: a
    /// newcomer set `mix melody gain=-3` to turn the tune down a little after the render had
    /// lifted it 18–21 dB; it then sat 6.3 dB under the band in 32 of 32 sung bars (numpy on
    /// the stems), and the render said only that the level was held.
    static func heldMelodyPlace(_ measures: Measures, melody: Int, factors: [Float],
                                isCancelled: @Sendable () -> Bool) throws(RenderError) -> (median: Double, under: Int, bars: Int)? {
        let others = measures.performance.tracks.indices.filter { $0 != melody && !measures.performance.tracks[$0].notes.isEmpty }
        guard !others.isEmpty, let tune = measures.levels[melody],
              let band = try measures.summed(others, factors: factors, isCancelled: isCancelled) else { return nil }
        let differences = levelDifferences(tune, band, where: melody, performance: measures.performance).map(\.difference)
        guard let median = quantile(differences, 0.5) else { return nil }
        return (median, differences.filter { $0 < 0 }.count, differences.count)
    }

    /// A level's power, and a power's level, dB (levels add by power).
    static func power(_ decibels: Double) -> Double { pow(10, decibels / 10) }
    static func decibels(ofPower power: Double) -> Double { 10 * log10(max(power, 1e-30)) }

    /// The largest gain in 0…`limit` that `keeps`, the limit itself if it does, else found
    /// by halving `steps` times (`keeps` holds at 0 and fails past some gain).
    static func largestGain(upTo limit: Double, steps: Int, where keeps: (Double) -> Bool) -> Double {
        if keeps(limit) { return limit }
        var low = 0.0, high = limit
        for _ in 0..<steps {
            let middle = (low + high) / 2
            if keeps(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// The bars of section `index` where a melody note sounds and the melody and every one
    /// of `heard` measure (over −70, by RMS and by loudness).
    static func sungBars(_ measures: Measures, lead: Int, in index: Int, heard: [BarLevels]) -> [Int] {
        let leadLevels = measures.levels[lead]!, notes = measures.performance.tracks[lead].notes, section = measures.sections[index]
        return leadLevels.bars.indices.filter { bar in
            let span = leadLevels.bars[bar]
            return section.contains(span.start) && notes.contains { $0.start < span.ticks.upperBound && $0.end > span.ticks.lowerBound }
                && ([leadLevels] + heard).allSatisfy { $0.rms[bar] > -70 && $0.loudness[bar] > -70 }
        }
    }

    /// How much further to bring the bass up in each section once the looks have lifted
    /// the tune, and how far the melody goes up with it (dB, 0 or more each): toward
    /// `bassMostUnderMelody` of the section's energy against the melody as now lifted,
    /// within `bassMaximumTopUp` more, and only as far as keeps three bars of four
    /// `bassUnderMelody` under the melody. The melody keeps its lower quartile over the
    /// whole band (`rest`: the bed and the drums as set, the bass added here) where the
    /// looks put it: it goes up with the bass by what the bass takes from that, as it does
    /// for the bed (`bedLifts`), so the bass gains on it by the rest.
    ///
    /// Why: the bass is set before the second and third looks, which lift the tune over
    /// the band, so a big chorus's bass ended far further under the melody than its energy
    /// asks. A newcomer heard a calm->tense->triumphant sketch's bass as quiet in its
    /// triumphant chorus as in its calm verse (seed 3: −35.5 against −35.3 LUFS, 22 LU
    /// under the melody, ffmpeg per section), and another measured a punk sketch's verse
    /// bass 18 LU under its melody.
    static func bassTopUps(_ measures: Measures, bass track: Int, lead: Int, lifts: [Double], bassLifts: [Double], cut: Double,
                           bass: BarLevels, rest: BarLevels, bandTarget: Double) -> [(bass: Double, melody: Double)] {
        let bassSpans = measures.spans[track]!, melodySpans = measures.spans[lead]!, leadLevels = measures.levels[lead]!
        let performance = measures.performance
        return measures.sections.indices.map { index -> (bass: Double, melody: Double) in
            guard index < bassLifts.count, plays(track, in: index, of: performance), plays(lead, in: index, of: performance),
                  bassSpans[index] > -70, melodySpans[index] > -70 else { return (0, 0) }
            let change = bassLifts[index] - cut
            let under = melodySpans[index] + lifts[index] - (bassSpans[index] + change)
            let need = under - bassMostUnderMelody(energy: performance.energies[index])
            guard need >= 0.5 else { return (0, 0) }
            let sung = sungBars(measures, lead: lead, in: index, heard: [bass, rest])
            let bars = heard(sung, section: { _ in index }, melody: { leadLevels.loudness[$0] })
            guard !bars.isEmpty, let crowding = quantile(bars.map { bass.loudness[$0] + change - (leadLevels.loudness[$0] + lifts[index]) }, 0.75)
            else { return (0, 0) }
            // The melody's lower quartile over the band with the bass `gain` further up, by
            // RMS and by loudness, the smaller.
            func lowerQuartile(_ gain: Double) -> Double {
                func over(_ lead: [Double], _ bassLevels: [Double], _ restLevels: [Double]) -> Double {
                    quantile(bars.map { bar in
                        lead[bar] + lifts[index] - decibels(ofPower: power(restLevels[bar]) + power(bassLevels[bar] + change + gain))
                    }, 0.25) ?? 0
                }
                return min(over(leadLevels.rms, bass.rms, rest.rms), over(leadLevels.loudness, bass.loudness, rest.loudness))
            }
            let floor = min(bandTarget, lowerQuartile(0))
            func melodyAfter(_ gain: Double) -> Double { max(0, floor - lowerQuartile(gain)) }
            // What the bass gains on the melody, and whether it still leaves the tune room.
            func gained(_ gain: Double) -> Double { gain - melodyAfter(gain) }
            func keeps(_ gain: Double) -> Bool {
                let melody = melodyAfter(gain)
                return melody <= bassTopUpMelodyRise && lifts[index] + melody <= maximumLift
                    && crowding + gained(gain) <= -bassUnderMelody + 1e-9 && gained(gain) <= need + 1e-9
            }
            let low = largestGain(upTo: bassMaximumTopUp, steps: 40, where: keeps)
            guard gained(low) >= 0.5 else { return (0, 0) }
            return ((low * 100).rounded(.down) / 100, melodyAfter((low * 100).rounded(.down) / 100))
        }
    }

    /// How far under its section's median bar a bar of the melody may sit and still count
    /// as one where the tune is heard, LU (K-weighted bar loudness).
    public static let heardWithin = 10.0

    /// The bars (`items`) where the tune is heard: its loudness there (`melody`) within
    /// `heardWithin` of the median of its section's bars (`section`: the item's). A bar holding only a piano
    /// note's decay, or a breath, is not where a bass can crowd the tune: counted, two such
    /// bars of eight held a 7/8 sketch's chorus bass 28 LU under its melody (ffmpeg), the
    /// bass "within 4 dB" of a melody 52 LU down in those bars alone.
    static func heard<T>(_ items: [T], section: (T) -> Int, melody: (T) -> Double) -> [T] {
        let placed = items.map { item in (item: item, section: section(item), level: melody(item)) }
        var medians: [Int: Double] = [:]
        for index in Set(placed.map(\.section)) {
            medians[index] = quantile(placed.filter { $0.section == index }.map(\.level), 0.5)
        }
        return placed.filter { $0.level >= (medians[$0.section] ?? -.infinity) - heardWithin }.map(\.item)
    }

    /// Each section's bass lift (dB) lowered where the section's bass (its loudness `spans`
    /// plus the lift) would sit nearer its melody (`melody`: the melody's loudness as
    /// lifted) than a section of `bassOrderGap` or more energy's bass sits to its own, by at
    /// most `bassOrderMostLowered`; the biggest sections first, so each is final before the
    /// ones under it are held to it. Sections where either part is silent (−70 or under),
    /// or the melody does not sing (`singing`: an outro's last notes), are neither held
    /// nor hold.
    ///
    /// Why: each section's bass is brought toward its melody only as far as the tune keeps
    /// its place over the band, so a big chorus whose bass crowds its tune in a few bars
    /// keeps its bass further under than a calm verse's: calm->tense->triumphant seed 3
    /// (melody 3.17) had its verse's bass 14.1 LU under the tune and its triumphant first
    /// chorus's 18.6 under, and the mastering's ride, bringing the quiet verse up, left the
    /// two basses 0.2 LU apart (ffmpeg on the stem: −32.6 and −32.4 LUFS). The bass never
    /// stands out more in a quiet section than in a loud one.
    static func bassFollowingEnergy(_ lifts: [Double], spans: [Double], melody: [Double], singing: [Bool], energies: [Double]) -> [Double] {
        guard lifts.count == spans.count, melody.count == spans.count, singing.count == spans.count, energies.count >= lifts.count
        else { return lifts }
        let heard = { (index: Int) in singing[index] && spans[index] > -70 && melody[index] > -70 }
        var result = lifts
        for index in lifts.indices.sorted(by: { energies[$0] > energies[$1] }) where heard(index) {
            // The bass no nearer its tune than each bigger section's is to its own.
            let ceiling = lifts.indices.compactMap { other -> Double? in
                guard energies[other] - energies[index] >= bassOrderGap, heard(other) else { return nil }
                let under = melody[other] - (spans[other] + result[other])
                return melody[index] - under - spans[index]
            }.min()
            if let ceiling, ceiling < result[index] { result[index] = max(lifts[index] - bassOrderMostLowered, ceiling) }
        }
        return result
    }

    /// How much more energy a section has than another for its bass to hold that one's
    /// (`bassFollowingEnergy`), and the most it takes one down, dB.
    static let bassOrderGap = 0.25, bassOrderMostLowered = 6.0

    /// The most the bass is brought up once the looks have lifted the tune (`bassTopUps`), dB.
    public static let bassMaximumTopUp = 9.0
    /// The most the melody goes up with it, dB: the chords, set after, follow the melody
    /// only so far (`bedMaximumLift`).
    public static let bassTopUpMelodyRise = 1.0

    /// The bed's lift in each section: what brings the chords (by integrated loudness over
    /// the section) within `chordsMostUnderMelody` of the melody as lifted, at most
    /// `bedMaximumLift`, and no further than keeps the lower quartile of the melody's bars
    /// (by RMS and by loudness, as the looks measure) `target` over the bed and `bandTarget`
    /// over the whole band (or where they already were, if under). Nil in a section where
    /// the melody rests: the caller gives it its neighbour's (`filled`); 0 where the chords do.
    static func bedLifts(_ measures: Measures, chords: Int, lead: Int, lifts: [Double], bed: BarLevels, band: BarLevels,
                         bandTarget: Double) -> [(bed: Double, melody: Double)?] {
        let chordLevels = measures.spans[chords]!, melodyLevels = measures.spans[lead]!, leadLevels = measures.levels[lead]!
        let performance = measures.performance
        return measures.sections.indices.map { index -> (bed: Double, melody: Double)? in
            guard plays(lead, in: index, of: performance), melodyLevels[index] > -70 else { return nil }
            // A sung section without chords (the pad alone under the tune) keeps its bed where
            // the looks measured it.
            guard plays(chords, in: index, of: performance), chordLevels[index] > -70 else { return (0, 0) }
            let need = melodyLevels[index] + lifts[index] - chordLevels[index] - chordsMostUnderMelody
            guard need >= 0.5 else { return (0, 0) }
            let bars = sungBars(measures, lead: lead, in: index, heard: [bed])
            guard !bars.isEmpty else { return (0, 0) }
            // The melody's lower quartile over the bed raised by `gain`, or over the band
            // with its bed so raised (the rest of the band as it was), by RMS and by
            // loudness, the smaller.
            func lowerQuartile(_ gain: Double, overBand: Bool) -> Double {
                func over(_ lead: [Double], _ bedLevels: [Double], _ bandLevels: [Double]) -> Double {
                    quantile(bars.map { bar in
                        let raised = power(bedLevels[bar] + gain)
                        let rest = max(0, power(bandLevels[bar]) - power(bedLevels[bar]))
                        return lead[bar] + lifts[index] - decibels(ofPower: overBand ? raised + rest : raised)
                    }, 0.25) ?? 0
                }
                return min(over(leadLevels.rms, bed.rms, band.rms), over(leadLevels.loudness, bed.loudness, band.loudness))
            }
            let bedFloor = min(target, lowerQuartile(0, overBand: false)), bandFloor = min(bandTarget, lowerQuartile(0, overBand: true))
            // Raising the bed by `gain` takes the band's lower quartile under where the look
            // put it: the melody goes up by the difference (the tune comes first), so the
            // chords gain on it by `gain` less that.
            func melodyAfter(_ gain: Double) -> Double { max(0, bandFloor - lowerQuartile(gain, overBand: true)) }
            func keeps(_ gain: Double) -> Bool {
                let melody = melodyAfter(gain)
                return lifts[index] + melody <= maximumLift && lowerQuartile(gain, overBand: false) + melody >= bedFloor - 1e-9
            }
            let low = largestGain(upTo: bedMaximumLift, steps: 20) { keeps($0) && $0 - melodyAfter($0) <= need }
            return low - melodyAfter(low) >= 0.5 ? (low, melodyAfter(low)) : (0, 0)
        }
    }

    /// Lifts the melody further where `accompaniment` crowds it (`melodyLifts`, never
    /// less than it was lifted), sets its gain again and returns what each section gained,
    /// dB (empty when none did).
    static func lookAgain(_ measures: Measures, lead: Int, over accompaniment: BarLevels, by target: Double,
                          in levels: inout Levels) -> [Double] {
        let lifts = zip(levels.melodyBySection, melodyLifts(measures, lead: lead, over: accompaniment, by: target)).map { max($0, $1) }
        guard lifts != levels.melodyBySection else { return [] }
        let added = zip(lifts, levels.melodyBySection).map { $0 - $1 }
        setMelody(lifts, lead: lead, sections: measures.sections, in: &levels, sampleRate: measures.sampleRate)
        return added
    }

    /// The melody raised further by `rise`, dB per section, where a part brought up after
    /// the looks took from its place over the band (`bedLifts`, `bassTopUps`): counted with
    /// the third look's lift, which it continues.
    static func raiseMelody(by rise: [Double], lead: Int, sections: [Range<Int>], in levels: inout Levels, sampleRate: Int) {
        guard rise.contains(where: { $0 > 0 }) else { return }
        levels.bandLookBySection = levels.bandLookBySection.isEmpty ? rise : zip(levels.bandLookBySection, rise).map { $0 + $1 }
        setMelody(zip(levels.melodyBySection, rise).map { $0 + $1 }, lead: lead, sections: sections, in: &levels, sampleRate: sampleRate)
    }

    /// The melody's gain set again from `lifts`, dB per section (a look that lifted it further).
    static func setMelody(_ lifts: [Double], lead: Int, sections: [Range<Int>], in levels: inout Levels, sampleRate: Int) {
        levels.melodyBySection = lifts
        set(lifts, track: lead, sections: sections, in: &levels, sampleRate: sampleRate)
    }

    /// The melody's lift in each section: what brings the lower quartile of its bars there
    /// `target` dB over the bed, by RMS and by K-weighted bar loudness, the larger of the
    /// two (at most `maximumLift`).
    ///
    /// Why both: a soft lead over bright comping can clear 4 dB by RMS and fall short by
    /// loudness, as a loudness meter (and the ear) weighs the parts — a dreamy sketch's
    /// melody measured 4.8 dB over its bed by RMS, 2.5 LU by pyloudnorm (bar medians).
    ///
    /// In a song whose sections carry no energy every playing of a section is one: its bars
    /// are pooled over all its playings and each takes the same lift. Why: measured playing
    /// by playing, the lower quartile of eight bars is the second quietest, and a producer's
    /// hand-written verse took 21.9 dB the first time and 18.2 the second (a fill, the
    /// intro's ring-out), the same notes 3.3 LU apart in the mix. A song with energy plays
    /// its repeats apart on purpose (`SectionLevels`), and each is measured as it plays.
    static func melodyLifts(_ measures: Measures, lead: Int, over bedLevels: BarLevels, by target: Double) -> [Double] {
        let leadLevels = measures.levels[lead]!
        let byRMS = barDifferences(leadLevels, bedLevels, lead: lead, performance: measures.performance)
        let byLoudness = levelDifferences(leadLevels, bedLevels, where: lead, performance: measures.performance)
        let performance = measures.performance, sections = measures.sections
        let pooled = performance.energies.isEmpty && performance.markers.count == sections.count
        // Each section's frames with its other playings' (pooled), or its own.
        let playings = pooled ? Dictionary(grouping: sections.indices) { performance.markers[$0].name } : [:]
        let found: [Double?] = sections.indices.map { index in
            let same = pooled ? (playings[performance.markers[index].name] ?? [index]).map { sections[$0] } : [sections[index]]
            let inside = { (frame: Int) in same.contains { $0.contains(frame) } }
            let rms = Self.quantile(byRMS.filter { inside($0.frame) }.map(\.difference), 0.25)
            let loudness = Self.quantile(byLoudness.filter { inside($0.frame) }.map(\.difference), 0.25)
            return [rms, loudness].compactMap { $0 }.min().map { min(maximumLift, max(0, target - $0)) }
        }
        return filled(found)
    }

    /// `bed` with `part` added bar by bar, turned by `gains` (dB, one for the song or one a
    /// section), by power: the bass and the bed share no register, so their bars' energies
    /// add (a read of the two summed would say the same within their small correlation).
    static func adding(_ part: BarLevels, at gains: [Double], sections: [Range<Int>], to bed: BarLevels) -> BarLevels {
        var sum = bed
        for index in bed.bars.indices where index < part.bars.count {
            let section = sections.firstIndex { $0.contains(bed.bars[index].start) } ?? 0
            let gain = gains[min(gains.count == 1 ? 0 : section, gains.count - 1)]
            func add(_ a: Double, _ b: Double) -> Double { 10 * log10(pow(10, a / 10) + pow(10, (b + gain) / 10)) }
            sum.rms[index] = add(bed.rms[index], part.rms[index])
            sum.loudness[index] = add(bed.loudness[index], part.loudness[index])
        }
        return sum
    }

    /// How far to turn the bass down (dB, 0.5 or more) so that, in three bars of four where
    /// the melody plays, it sits `bassUnderMelody` under the melody as lifted in each bar's
    /// section (`bars`: the bass over the lifted melody, bar by bar); nil when it already does.
    static func bassCut(_ bars: [(frame: Int, difference: Double)]) -> Double? {
        guard let over = Self.quantile(bars.map(\.difference), 0.75) else { return nil }
        let cut = min(bassMaximumCut, over + bassUnderMelody)
        return cut >= 0.5 ? cut : nil
    }

    /// The bass's lift in each section: each section's bass (after `cut`) and melody (as
    /// lifted) by integrated loudness, against what the section's energy allows
    /// (`bassMostUnderMelody`), held where three bars of four of the section would come
    /// within `bassUnderMelody` of the melody. Sections where either rests take a neighbour's.
    static func bassLifts(_ measures: Measures, bass: Int, lead: Int, lifts: [Double], cut: Double,
                          bars: [(frame: Int, difference: Double)]) -> [Double] {
        let bassLevels = measures.spans[bass]!, melodyLevels = measures.spans[lead]!
        let sections = measures.sections, performance = measures.performance
        let found: [Double?] = sections.indices.map { index in
            guard plays(bass, in: index, of: performance), plays(lead, in: index, of: performance),
                  bassLevels[index] > -70, melodyLevels[index] > -70 else { return nil }
            let under = melodyLevels[index] + lifts[index] - (bassLevels[index] - cut)
            let wanted = min(bassMaximumLift, max(0, under - bassMostUnderMelody(energy: performance.energies[index])))
            guard let crowding = Self.quantile(bars.filter { sections[index].contains($0.frame) }.map { $0.difference - cut }, 0.75)
            else { return nil }
            let lift = min(wanted, max(0, -bassUnderMelody - crowding))
            return lift >= 0.5 ? lift : 0
        }
        return filled(found)
    }

    /// Whether `track` plays in the form's section `index`: a note of it starts there. A
    /// note played up to a thirty-second early belongs to the section it leads into: a
    /// humanized kick on the next chorus's downbeat, a few milliseconds into the verse's
    /// last bar, is the chorus's. (Counted as the verse's, it made a verse with no drums
    /// take a drum lift of 13.9 dB, measured on that one kick, and the kick came out 5 dB
    /// louder than the same kick elsewhere; an outside listening check found it.) Not a
    /// sixteenth: a fill's last sixteenth, played a hair late, then counted as the next
    /// section's, and a bridge with no drums was said to have its drums brought up.
    static func plays(_ track: Int, in index: Int, of performance: Performance) -> Bool {
        let markers = performance.markers
        let span = markers[index].tick..<(index + 1 < markers.count ? markers[index + 1].tick : performance.endTick)
        let early = MusicalTime.ticksPerQuarter / 8
        return performance.tracks[track].notes.contains { $0.start >= span.lowerBound - early && $0.start < span.upperBound - early }
    }

    /// The drums' lift in each section: each section's drums and melody (as lifted) by
    /// integrated loudness, as a listener compares them over the section, against what the
    /// section's energy allows (`drumsUnderMelody`) — so a triumphant last chorus brings the
    /// kit closer than the calm verse before it. Only sections where both play have their
    /// own; the others take a neighbour's.
    static func drumLifts(_ measures: Measures, drums: Int, lead: Int, lifts: [Double]) -> [Double] {
        let drumLevels = measures.spans[drums]!, melodyLevels = measures.spans[lead]!
        let performance = measures.performance
        let found: [Double?] = measures.sections.indices.map { index in
            guard plays(drums, in: index, of: performance), plays(lead, in: index, of: performance),
                  drumLevels[index] > -70, melodyLevels[index] > -70 else { return nil }
            let under = melodyLevels[index] + lifts[index] - drumLevels[index]
            return min(drumsMaximumLift, max(0, under - drumsUnderMelody(energy: performance.energies[index])))
        }
        return filled(found)
    }

    /// Each section's figure, a section with none (its part silent there) taking its
    /// neighbour's — the one before, or for the first the first found — so no ramp falls on
    /// a note ringing over a section's start; under 0.05 dB is none.
    static func filled(_ found: [Double?]) -> [Double] {
        let known = found.indices.filter { found[$0] != nil }
        return found.indices.map { index -> Double in
            let value = found[index] ?? source(of: index, known: known).flatMap { found[$0] } ?? 0
            return value < 0.05 ? 0 : value
        }
    }

    /// The section whose figure `filled` gives a section with none: the nearest of `known`
    /// before it, or for one before them all the first.
    static func source(of index: Int, known: [Int]) -> Int? {
        known.last(where: { $0 < index }) ?? known.first
    }

    /// Sets a track's gain, dB per section, in place of any it had: one factor when every
    /// section takes the same, else a curve over the sections.
    static func set(_ decibels: [Double], track: Int, sections: [Range<Int>], in levels: inout Levels, sampleRate: Int) {
        let uniform = Set(decibels).count == 1
        levels.factors[track] = uniform ? Float(Loudness.linear(decibels[0])) : 1
        levels.curves[track] = uniform ? nil : FaderRide(sections: sections, decibels: decibels, sampleRate: sampleRate)
    }

    /// The stems' measures `lifts` reads, each made once: every stem's bar levels and
    /// section loudness, measured for all the stems at once, a stem per core at a time (a
    /// stem's reader is used by one thread only), and the bed's summed levels after.
    /// Why: measured part by part as each question came, the melody's stem was read and
    /// K-weighted four times, and a calm sketch's balance took 1.35 s of a single core.
    final class Measures: @unchecked Sendable {
        let stems: [any StemReader]
        let performance: Performance
        let sections: [Range<Int>]
        let sampleRate: Int
        /// The bars measured: every bar of the form that has frames.
        let bars: [(ticks: Range<Ticks>, start: Int, end: Int)]
        /// Each measured stem's bar levels and section loudness (integrated, LUFS), by track.
        private(set) var levels: [Int: BarLevels] = [:]
        private(set) var spans: [Int: [Double]] = [:]

        /// What was measured as each part was synthesized, by track (`StemMeasure`): its
        /// bar levels and its section loudness, each where it was measured over these very
        /// bars and sections.
        private let measured: [(levels: BarLevels?, spans: [Double]?)]

        init(stems: [any StemReader], performance: Performance, sections: [Range<Int>], sampleRate: Int,
             measured: [(levels: BarLevels, spans: [Double])?] = []) {
            self.stems = stems
            self.performance = performance
            self.sections = sections
            self.sampleRate = sampleRate
            let bars = Balance.barFrames(performance, sampleRate: sampleRate, frames: stems.map(\.frames).max() ?? 0).filter { $0.end > $0.start }
            self.bars = bars
            self.measured = measured.map { figures in
                guard let figures else { return (nil, nil) }
                let sameBars = figures.levels.bars.count == bars.count
                    && zip(figures.levels.bars, bars).allSatisfy { $0.start == $1.start && $0.end == $1.end && $0.ticks == $1.ticks }
                return (sameBars ? figures.levels : nil, figures.spans.count == sections.count && !sections.isEmpty ? figures.spans : nil)
            }
        }

        /// Measures the bar levels of the tracks `bars` and the section loudness of the tracks
        /// `spans`, a job per track on both cores; false when told to stop.
        func measure(bars wanted: Set<Int>, spans spanned: Set<Int>, isCancelled: @Sendable () -> Bool) throws(RenderError) -> Bool {
            // What was measured as the parts were synthesized is taken as it is.
            for track in wanted.union(spanned) where track < measured.count {
                if wanted.contains(track), let figures = measured[track].levels { levels[track] = figures }
                if spanned.contains(track), let figures = measured[track].spans { spans[track] = figures }
            }
            let needBars = wanted.filter { levels[$0] == nil }, needSpans = spanned.filter { spans[$0] == nil }
            let tracks = needBars.union(needSpans).sorted()
            let results = ConcurrentResults<(BarLevels?, [Double]?)>(count: tracks.count)
            DispatchQueue.concurrentPerform(iterations: tracks.count) { job in
                let track = tracks[job]
                do {
                    // What is still wanted of this track, from one read of its stem.
                    let figures = try BarLevels.of(stems[track], bars: needBars.contains(track) ? bars : [],
                                                   spans: needSpans.contains(track) ? sections : [], sampleRate: sampleRate, isCancelled: isCancelled)
                    results.set(job, .success((figures?.levels, figures?.spans)))
                } catch let error as RenderError {
                    results.set(job, .failure(error))
                } catch {
                    results.set(job, .failure(.loudness("\(error)")))
                }
            }
            for (track, (levels, spans)) in zip(tracks, try results.values()) {
                if needBars.contains(track) {
                    guard let levels else { return false }
                    self.levels[track] = levels
                }
                if needSpans.contains(track) {
                    guard let spans else { return false }
                    self.spans[track] = spans
                }
            }
            return !isCancelled()
        }

        /// The bar levels of the `tracks` summed, each scaled by its factor; a single track
        /// at full level is its own levels (adding it to silence changes no sample). Nil when
        /// told to stop.
        func summed(_ tracks: [Int], factors: [Float], isCancelled: () -> Bool) throws(RenderError) -> BarLevels? {
            let scale = tracks.map { $0 < factors.count ? factors[$0] : 1 }
            if tracks.count == 1, scale[0] == 1, let own = levels[tracks[0]] { return own }
            return try BarLevels.of(SummedStems(stems: tracks.map { stems[$0] }, factors: scale), bars: bars, sampleRate: sampleRate,
                                    isCancelled: isCancelled)
        }
    }
}
