import Foundation
import MusicTheory
import SongModel

extension Performance {
    /// A section's dynamics from the arc's energy there: 0.7 at none, 1 at a half, 1.3 at
    /// full, and on to 1.6 for a climax the arc takes past full (`SectionLevels` gives the
    /// last chorus of a rising song up to 0.3 more), so the climax is played harder than
    /// the choruses before it rather than the same.
    static func dynamics(energy: Double) -> Double { 0.7 + 0.6 * min(1.5, max(0, energy)) }

    /// A written velocity as a section's dynamics play it: under 1, scaled down; over 1,
    /// taken that share of the way to 127 (at 1.3, three tenths of the way), so accents stay
    /// over the notes around them and nothing is cut off at 127. Why: the velocities were
    /// scaled up and cut at 127, and a check found every melody note of three triumphant
    /// choruses played at 127 (written 104 on average, scaled by 1.3), the phrase's
    /// accents and shape flattened into one hard strike, and the three choruses alike.
    static func played(_ velocity: Int, dynamics: Double) -> Int {
        guard dynamics > 1 else { return min(127, max(1, Int((Double(velocity) * dynamics).rounded()))) }
        let toward = Double(velocity) + min(1, dynamics - 1) * Double(127 - min(127, velocity))
        return min(127, max(1, velocity, Int(toward.rounded())))
    }

    /// How long a drum hit's note lasts (drums ignore note-off, the MIDI file wants one).
    static let drumLength: Ticks = 120
    /// A ritardando slows to this share of the tempo by its last beat, over `ritardBars`.
    static let ritardEnd = 0.7
    static let ritardBars = 2
    /// Ways a section is played in turn as it repeats (the stored one and fresh draws).
    static let takes = 4

    /// Plays the song's form, or only `section` when given.
    ///
    /// Every part is read through its kind's catalogue row (channel, instrument, whether the
    /// section's energy scales it), and each section's hand-over into the next one in the
    /// form is played: a ritard as tempo changes, a build, drop or fill in the drums.
    ///
    /// - Throws: `RenderError.nothingToRender` when the form is empty or nothing in it
    ///   has notes.
    public init(song: Song, section: String? = nil) throws(RenderError) {
        let form = section.map { [$0] } ?? song.form
        let alone = section != nil
        guard !form.isEmpty else { throw .nothingToRender("the song has no sections; `add verse 8` first") }
        var tempos = TempoMap()
        var meters: [(Ticks, Meter)] = []
        var keys: [(Ticks, Key)] = []
        var markers: [(Ticks, String)] = []
        var lyrics: [(tick: Ticks, text: String)] = []
        var notes: [PartKind: [PerformedNote]] = [:]
        // Where each chord starts, and whether its comping is played under the pedal.
        var chordStarts: [(tick: Ticks, pedalled: Bool)] = []
        var spans: [(start: Ticks, end: Ticks, chord: Chord, pattern: CompingPattern, leftHand: Bool, dynamics: Double,
                     swing: (section: Ticks, timing: GrooveTiming)?)] = []
        var cursor: Ticks = 0
        var played: [String: Int] = [:]
        var fillsPlayed = 0   // hand-over fills so far, each played another way
        var redrawn: [String: Section] = [:]
        // Energy over the song's time: each playing of a section has its own (SectionLevels).
        let shaped = alone ? nil : SectionLevels.energies(song: song, form: form)
        let decibels = shaped.map(SectionLevels.levels)
        let climax = shaped.flatMap { Performance.climax($0, form: form) }
        var levels: [(tick: Ticks, expression: Int)] = []
        var energies: [Double] = []
        var climaxDoubles: String?
        for (index, name) in form.enumerated() {
            guard var section = song.section(named: name) else { continue }
            // A drummer never plays a section the same way twice running: its repeats take
            // turns through `takes` ways of playing it — the stored one, then fresh draws of
            // the humanizer (same written groove, swing and feel), the bass with its share.
            // Each draw is made once per render, however long the form.
            let take = played[section.name, default: 0] % Performance.takes
            played[section.name, default: 0] += 1
            if take > 0 {
                let key = "\(section.name) \(take)"
                if let drawn = redrawn[key] {
                    section = drawn
                } else {
                    Performance.redraw(&section, repeat: take, quarterTempo: song.quarterTempo(of: section))
                    redrawn[key] = section
                }
            }
            let meter = song.meter(of: section)
            let key = song.key(of: section)
            let length = section.bars * meter.ticksPerBar
            // A section played alone for listening has no hand-over.
            let handover = alone ? nil : section.handover(to: index + 1 < form.count ? form[index + 1] : nil)
            let tempo = song.quarterTempo(of: section)
            tempos.set(tempo, at: cursor)
            if handover == .ritard {
                for (tick, slower) in Performance.ritard(length: length, meter: meter, tempo: tempo) { tempos.set(slower, at: cursor + tick) }
            }
            if meters.last?.1 != meter { meters.append((cursor, meter)) }
            if keys.last?.1 != key { keys.append((cursor, key)) }
            markers.append((cursor, section.name))
            if let shaped { energies.append(shaped[index]) }
            // The band swings with the drums (`Performance.swung`).
            let swing = Performance.bandSwing(of: section, at: index, in: form, of: song)
            if let words = section.lyrics, let melody = section.melody?.notes.sorted(by: { $0.start < $1.start }) {
                let laid = LaidLyrics.lay(words.text, on: melody, meter: meter)
                let straight = Performance.straightBeats(melody.map(\.start), swing)
                for (note, syllable) in zip(melody, laid.syllables) {
                    guard let syllable else { continue }
                    let start = Performance.swung(start: note.start, duration: note.duration, swing, straight: straight).start
                    lyrics.append((max(0, cursor + start + note.offset), syllable.text + (syllable.index < syllable.count - 1 ? "-" : " ")))
                }
            }
            // A little before the bar line, so notes pushed ahead of it play at the new level.
            if let decibels { levels.append((max(0, cursor - 40), SectionLevels.expression(decibels[index]))) }
            // The arc's energy, as this playing of the section has it, sets its dynamics:
            // quieter low, fuller high.
            let dynamics = (shaped.map { $0[index] } ?? section.energy).map(Performance.dynamics(energy:)) ?? 1
            func scaled(_ velocity: Int) -> Int { Performance.played(velocity, dynamics: dynamics) }
            for kind in section.kinds {
                guard let content = section.parts[kind]?.content else { continue }
                switch content {
                case .chords(let changes, _):
                    let comping = song.comping(of: section).pattern
                    for (position, change) in changes.enumerated() {
                        let end = position + 1 < changes.count ? changes[position + 1].start : length
                        chordStarts.append((cursor + change.start, change.chord != nil && Comping.usesPedal(comping)))
                        // No chord (N.C.): the comping rests until the next change.
                        guard let chord = change.chord else { continue }
                        // Without a bass part the comping plays the bass note in the left hand.
                        spans.append((cursor + change.start, cursor + end, chord, comping, section.bass == nil, dynamics,
                                      swing.map { (cursor, $0) }))
                    }
                case .notes(let line):
                    // A bass player lifts off a little before the next note: written values
                    // stay whole in the chart, the lift is played here.
                    let release = kind == .bass ? Performance.bassRelease : 0
                    let straight = Performance.straightBeats(line.map(\.start), swing)
                    for note in line {
                        // Written on the grid, played as the drums swing: an off-beat note later,
                        // a note ending on one longer (the written micro-timing on top); a beat
                        // of triplets or sixteenths as written.
                        let (start, duration) = Performance.swung(start: note.start, duration: note.duration, swing, straight: straight)
                        notes[kind, default: []].append(PerformedNote(
                            start: max(0, cursor + start + note.offset), duration: max(1, duration - min(release, duration / 4)),
                            key: note.pitch.midi,
                            velocity: kind.row.scaledByEnergy ? scaled(note.velocity) : note.velocity))
                    }
                case .drums(let hits, _, let timing):
                    var played = FillPlaying(number: fillsPlayed, energy: section.energy ?? 0.7, timing: timing, seed: UInt64(index), quarterTempo: tempo)
                    var shaped = Performance.shape(hits, for: handover, length: length, meter: meter, playing: &played)
                    fillsPlayed = played.number
                    if index == climax {
                        // Opened only where the tambourine is new: at least one note a bar
                        // more than the groove already shakes (a folk groove's tambourine on
                        // 2 and 4 had been "opened up with a tambourine" by nothing).
                        let opened = Performance.opened(shaped, backbeatOf: Performance.opensOnTheBackbeat(quarterTempo: tempo, meter: meter) ? meter : nil)
                        if opened.count - shaped.count >= section.bars {
                            climaxDoubles = Performance.doubled(shaped)
                            shaped = opened
                        }
                    }
                    // The engine's drums end the song as a drummer would; drums a person wrote
                    // (or brought in) end as written: an imported part's last snare had been
                    // dropped and a final hit put a bar past the song's end in song.mid.
                    // A fill the writer put in the last bar (`fill`) plays into the final hit.
                    if !alone && index == form.count - 1, let provenance = section.parts[.drums]?.provenance,
                       provenance.origin.kind == .generator {
                        shaped = Performance.ending(shaped, length: length, meter: meter, keepingFill: section.writtenFill != nil, playing: played)
                    }
                    for hit in shaped {
                        notes[kind, default: []].append(PerformedNote(
                            start: max(0, cursor + hit.start + hit.offset), duration: Performance.drumLength, key: hit.key, velocity: hit.velocity))
                    }
                }
            }
            cursor += length
        }
        // Voice-led across the whole form, so the comping moves smoothly from section to
        // section; then every voice at or above the melody's lowest note under the chord
        // goes down an octave, so the comping sits below the tune rather than around it.
        let melody = (notes[.melody] ?? []).sorted { $0.start < $1.start }
        let longest = melody.map(\.duration).max() ?? 0
        let voicings = zip(VoiceLeading.voice(spans.map(\.chord)), spans).map { voicing, span in
            // Only notes starting from `longest` before the span can reach into it.
            let from = Performance.firstIndex(in: melody, startingAtOrAfter: span.start - longest)
            let to = Performance.firstIndex(in: melody, startingAtOrAfter: span.end)
            return Performance.below(melody: melody[from..<max(from, to)], from: span.start, to: span.end, voicing)
        }
        let guitar = Instrument(program: song.program(of: .chords)).isGuitar
        for (span, voicing) in zip(spans, voicings) {
            let bass = span.leftHand ? 36 + span.chord.bassNote.pitchClass : nil
            let struck = Comping.notes(for: Comping.Span(start: span.start, end: span.end, voicing: voicing, bass: bass), pattern: span.pattern)
            let straight = span.swing.map { section, timing in Performance.straightBeats(struck.map { $0.start - section }, timing) } ?? []
            notes[.chords, default: []] += Comping.touched(struck.map { note in
                var note = note
                note.velocity = Performance.played(note.velocity, dynamics: span.dynamics)
                if let (section, timing) = span.swing {
                    let (start, duration) = Performance.swung(start: note.start - section, duration: note.duration, timing, straight: straight)
                    (note.start, note.duration) = (section + start, duration)
                }
                return note
            }, guitar: guitar, from: span.start)
        }
        guard !notes.isEmpty else {
            throw .nothingToRender("no section in the form has chords or a melody yet; write some with `chords` or `melody`")
        }
        var tracks: [Track] = []
        for part in PartKind.allCases {
            guard let partNotes = notes[part], !partNotes.isEmpty else { continue }
            let settings = song.settings(for: part)
            let program = song.program(of: part)
            let pedal = part == .chords && DefaultInstruments.isKeyboard(program) ? Performance.pedal(chordStarts, end: cursor) : []
            let ordered = partNotes.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
            tracks.append(Track(part: part, channel: part.row.channel, program: program, settings: settings,
                                notes: part == .drums ? ordered : Performance.separated(ordered), pedal: pedal,
                                levelSetByWriter: song.levelSetByWriter(part)))
        }
        self.init(tracks: tracks, tempos: tempos, meters: meters, keys: keys, markers: markers, endTick: cursor, levels: levels)
        self.lyrics = lyrics
        self.energies = energies
        self.climax = climax.flatMap { index in tracks.contains { $0.part == .drums } && song.section(named: form[index])?.drums != nil ? index : nil }
        self.climaxDoubles = self.climax == nil ? nil : climaxDoubles
    }

    /// Notes in time order with no key sounding twice at once: a note that runs into the
    /// next start of its own key ends there, and of two starting together the longer
    /// stays (the louder velocity kept). Why: played off the grid, a bass's pushed-late
    /// sixteenth overlapped the pulled-early downbeat after it on the same F2, and the
    /// first note's note-off silenced the second in the synth (an outside check heard the
    /// downbeat die within 50 ms) and paired wrongly in a DAW reading song.mid.
    static func separated(_ ordered: [PerformedNote]) -> [PerformedNote] {
        var result: [PerformedNote] = []
        result.reserveCapacity(ordered.count)
        var last: [Int: Int] = [:]   // key → index in result of its latest note
        for note in ordered {
            if let index = last[note.key] {
                let earlier = result[index]
                if earlier.start == note.start {
                    result[index].duration = max(earlier.duration, note.duration)
                    result[index].velocity = max(earlier.velocity, note.velocity)
                    continue
                }
                if earlier.start + earlier.duration > note.start { result[index].duration = note.start - earlier.start }
            }
            last[note.key] = result.count
            result.append(note)
        }
        return result
    }

    /// The swing the section's drums play with, which the rest of the band plays with too:
    /// none for straight drums, a learned feel (it places each hit its own way) or no drums.
    /// Why: the parts were written on the grid and played there, so under a shuffle at
    /// 2.26:1 a newcomer measured the hi-hat's off-beats at 0.70–0.72 of the beat and the
    /// melody's eighths at 0.50, 130–145 ms apart; a band swings together.
    ///
    /// A section without drums swings as the nearest drummed section of the form does
    /// (the next first), when that one is in the same meter and tempo: a jazz sketch's
    /// verses, drumless, had played straight eighths between choruses swung at 3.45:1.
    static func bandSwing(of section: Section, at index: Int, in form: [String], of song: Song) -> GrooveTiming? {
        if section.drums != nil { return bandSwing(of: section) }
        for distance in 1..<max(1, form.count) {
            for other in [index + distance, index - distance] where form.indices.contains(other) {
                guard let neighbour = song.section(named: form[other]), neighbour.drums != nil else { continue }
                guard song.meter(of: neighbour) == song.meter(of: section), song.tempo(of: neighbour) == song.tempo(of: section) else { return nil }
                return bandSwing(of: neighbour)
            }
        }
        return nil
    }

    /// The swing a section's own drums play with (nil for straight drums or a learned feel).
    static func bandSwing(of section: Section) -> GrooveTiming? {
        guard let timing = section.drums?.timing, timing.template == nil, timing.swing > 1.001, timing.swingUnit > 0 else { return nil }
        return timing
    }

    /// How far the drums' swing moves a note written at `tick` (from the section's start):
    /// an off-beat of the swinging unit to the swing's place (`GrooveTimingApplier.swingDelay`,
    /// as the hi-hat's), anything else where it is written; nothing without swing.
    static func swung(_ tick: Ticks, _ timing: GrooveTiming?) -> Ticks {
        guard let timing else { return 0 }
        return Ticks(GrooveTimingApplier.swingDelay(at: tick, timing).rounded())
    }

    /// A note written at `start` (from the section's start) for `duration`, as the drums'
    /// swing plays it: its start and its end each moved by `swung`, at least a tick long;
    /// in a beat of `straight` (`straightBeats`), neither.
    static func swung(start: Ticks, duration: Ticks, _ timing: GrooveTiming?, straight: Set<Int> = []) -> (start: Ticks, duration: Ticks) {
        func delay(_ tick: Ticks) -> Ticks {
            guard let timing, timing.swingUnit > 0, !straight.contains(tick / timing.swingUnit),
                  tick % timing.swingUnit == timing.swingUnit / 2 else { return 0 }
            return swung(tick, timing)
        }
        let moved = start + delay(start)
        return (moved, max(1, start + duration + delay(start + duration) - moved))
    }

    /// The beats (of the swing's unit, counted from the section's start) a line divides
    /// other than in two: a note starting anywhere but on the unit or half way through it
    /// (a sixteenth under eighth swing, any note of a triplet). Swing is a long–short pair;
    /// a beat of triplets or sixteenths is played as written, or its off-beat note would be
    /// moved out of its triplet, or past the sixteenth after it (a run F G A C had sounded
    /// F G C A). (A drum grid written in triplets swings its last triplet, `swingDelay`; a
    /// part's note there is a triplet's, and stays.)
    static func straightBeats(_ starts: [Ticks], _ timing: GrooveTiming?) -> Set<Int> {
        guard let timing, timing.swingUnit > 0 else { return [] }
        let unit = timing.swingUnit
        return Set(starts.filter { ![0, unit / 2].contains(($0 % unit + unit) % unit) }.map { $0 / unit })
    }

    /// The sustain pedal under the comping: changed with each chord whose pattern rings
    /// under it (up as the chord starts, down just after, so chords ring into each other
    /// without blurring), and up through chords whose pattern does not (pulse and stabs),
    /// and through no chord. Why only there: a synthesizer, unlike a piano's one string a
    /// key, sounds every repeat of a held key as a voice of its own, and a pulse under
    /// the pedal stacked 24 voices a bar — a calm->energetic sketch's pulsing e-piano
    /// chorus sounded 14 LU over its piano melody at gain 0, which the balance then lifted
    /// 35 dB and every other part sank under.
    static func pedal(_ starts: [(tick: Ticks, pedalled: Bool)], end: Ticks) -> [(Ticks, Bool)] {
        var pedal: [(Ticks, Bool)] = []
        var down = false
        for start in starts {
            if start.pedalled || down { pedal.append((start.tick, false)) }
            down = start.pedalled
            if start.pedalled { pedal.append((start.tick + 30, true)) }
        }
        if !pedal.isEmpty { pedal.append((end, false)) }
        return pedal
    }

    /// The energy a playing must reach to be the song's climax (0…1.4, as `SectionLevels`
    /// shapes it): a chorus that has built that far, not a quiet song's loudest verse.
    static let climaxEnergy = 0.8

    /// The song's climax: the last of its most energetic playings of a sung section (not an
    /// intro or outro), when that energy reaches `climaxEnergy` and the song has at least
    /// three playings. Why: the arc lifts its last chorus by level (`SectionLevels`), but a
    /// repeated section replays its written notes, so the climax of calm->tense->triumphant
    /// was no busier than the choruses before it (32.1 notes and hits a second to 32.2).
    static func climax(_ energies: [Double], form: [String]) -> Int? {
        guard energies.count >= 3, energies.count == form.count else { return nil }
        let sung = form.indices.filter { !SectionRole(name: form[$0]).frames }
        guard let top = sung.map({ energies[$0] }).max(), top >= climaxEnergy else { return nil }
        return sung.last { energies[$0] == top }
    }

    /// For each playing of the form, the earlier playings it builds on: the last playing of
    /// the same section, when its energy is no higher, for its first
    /// `SectionLevels.growingReturns` returns (a loop's later returns are left level, not
    /// built 1 LU a time: 19 returns had climbed 9 LU); and the playing just before, when its
    /// energy is lower by `buildStep` or more (a chorus after its pre-chorus or after a
    /// bridge). None in a song without energies. Why: the balance sets each playing's parts
    /// against its own melody, and a section's loudness floats with what the balance asked:
    /// a second chorus of more energy than the first had measured 0.8 LU under it
    /// (calm->tense->triumphant seed 2), and a playful sketch's pre-choruses 2 LU over the
    /// choruses they led into (ffmpeg on the mix). The ride brings them up (`FaderRide.built`).
    static func buildsOn(_ energies: [Double], form: [String]) -> [[Int]] {
        guard energies.count == form.count else { return form.map { _ in [] } }
        return form.indices.map { index in
            var earlier: [Int] = []
            if let last = (0..<index).last(where: { form[$0] == form[index] }), energies[last] <= energies[index] + 1e-9,
               form[..<index].filter({ $0 == form[index] }).count <= SectionLevels.growingReturns { earlier.append(last) }
            if index > 0, form[index - 1] != form[index], energies[index - 1] <= energies[index] - buildStep { earlier.append(index - 1) }
            return earlier
        }
    }

    /// For each playing before the melody's first note (an intro), the first playing where
    /// the melody plays, whose ride it is held to (`FaderRide.gains`); nil for the rest, and
    /// for every playing of a song with no melody. (An outro after the climax is left to
    /// the ride's floor: held to the climax it would not be ridden at all.)
    public var heldTo: [Int?] {
        guard let melody = tracks.firstIndex(where: { $0.part == .melody }),
              let first = markers.indices.first(where: { Balance.plays(melody, in: $0, of: self) }) else { return markers.map { _ in nil } }
        return markers.indices.map { $0 < first ? first : nil }
    }

    /// How much more energy a playing has than the one before it for it to build on it.
    static let buildStep = 0.05

    /// The drums at the climax: a tambourine on every note of the time-keeping cymbals
    /// (closed and open hi-hat, ride), at the same place and micro-timing, 30% softer. Why
    /// a tambourine: it is how a band opens up a last chorus without rewriting its groove,
    /// and doubling the cymbal keeps the groove's own subdivision, swing and accents.
    /// With `backbeatOf` (a slow song), only the cymbal's notes on beats 2 and 4 of that
    /// meter: a newcomer heard a tambourine on every eighth of a sad ballad's last chorus,
    /// where a band shakes it on the backbeat.
    ///
    /// The cymbals doubled are the shaker's where the groove keeps time on a shaker alone
    /// (a folk groove); no tambourine note goes where one already plays.
    static func opened(_ hits: [DrumHit], backbeatOf meter: Meter? = nil) -> [DrumHit] {
        let keepers = timeKeepers(hits)
        let shaken = Set(hits.filter { $0.key == DrumKit.tambourine }.map(\.start))
        let onBackbeat = { (hit: DrumHit) -> Bool in
            guard let meter else { return true }
            let beat = meter.ticksPerBeat, place = hit.start % meter.ticksPerBar
            return place % beat == 0 && (place / beat) % 2 == 1
        }
        let layer = hits.filter { keepers.contains($0.key) && onBackbeat($0) && !shaken.contains($0.start) }.map { hit in
            var hit = hit
            hit.key = DrumKit.tambourine
            hit.velocity = max(1, Int((Double(hit.velocity) * 0.7).rounded()))
            return hit
        }
        // One tambourine note a place, however many cymbals play there.
        var seen: Set<Int> = []
        let single = layer.filter { seen.insert($0.start).inserted }
        return (hits + single).sorted { ($0.start, $0.key) < ($1.start, $1.key) }
    }

    /// The pieces that keep time, which the climax's tambourine doubles: the hi-hat and
    /// ride, or the shaker where neither plays.
    static func timeKeepers(_ hits: [DrumHit]) -> Set<Int> {
        let cymbals: Set<Int> = [DrumKit.hat, DrumKit.openHat, DrumKit.ride]
        return hits.contains { cymbals.contains($0.key) } ? cymbals : [DrumKit.shaker]
    }

    /// What the climax's tambourine doubles, in words.
    static func doubled(_ hits: [DrumHit]) -> String {
        timeKeepers(hits).contains(DrumKit.shaker) ? "the shaker's notes" : "the hi-hat's and ride's notes"
    }

    /// Whether the climax's tambourine keeps to the backbeat: under 90 quarters a minute,
    /// in a meter of two or four simple beats (in 3/4, 6/8 and the odd meters it doubles
    /// the cymbal as at any tempo).
    static func opensOnTheBackbeat(quarterTempo: Double, meter: Meter) -> Bool {
        quarterTempo < 90 && !meter.isCompound && (meter.beats == 4 || meter.beats == 2)
    }

    /// A voicing moved under the melody between `start` and `end`: each voice at or above
    /// the lowest melody note there goes down by octaves until it is below it, never under
    /// E2 (a voice that cannot get under is left out, keeping at least two).
    static func below(melody: ArraySlice<PerformedNote>, from start: Ticks, to end: Ticks, _ voicing: [Int]) -> [Int] {
        guard let lowest = melody.lazy.filter({ $0.start < end && $0.end > start }).map(\.key).min() else { return voicing }
        var moved: [Int] = []
        for key in voicing {
            var key = key
            while key >= lowest { key -= 12 }
            if key >= 40 && !moved.contains(key) { moved.append(key) }
        }
        return moved.count >= 2 ? moved.sorted() : voicing
    }

    /// The `repeat`-th replay of a section (1 for the second time it plays): the drums'
    /// humanizer drawn afresh from a seed of its own, velocities nudged by a few steps (the
    /// written accents kept) on the drums, melody and bass, the bass re-coupled.
    static func redraw(_ section: inout Section, repeat number: Int, quarterTempo: Double) {
        // The melody and bass are played a little harder or softer, note by note, with or
        // without drums (a producer found every repeat's melody and bass velocities as before).
        var hands = SeededGenerator(seed: SeededGenerator.derived(from: Performance.seed(naming: section.name), UInt64(number)))
        for kind in [PartKind.melody, .bass] {
            guard var part = section.parts[kind], case .notes(let notes) = part.content else { continue }
            part.content = .notes(notes.map { note in
                var note = note
                note.velocity = nudged(note.velocity, &hands)
                return note
            })
            section.parts[kind] = part
        }
        guard var drums = section.drums, var timing = drums.timing else { return }
        timing.seed = SeededGenerator.derived(from: timing.seed, UInt64(number))
        drums.timing = timing
        var generator = SeededGenerator(seed: timing.seed)
        drums.hits = drums.hits.map { hit in
            var hit = hit
            hit.velocity = nudged(hit.velocity, &generator)
            return hit
        }
        section.drums = drums
        GrooveTimingApplier.retime(&section, quarterTempo: quarterTempo)
    }

    /// `velocity` struck up to 3 steps harder or softer, drawn from `generator`, as a hand
    /// strikes a repeat (a repeat's melody, bass and drums; the last bar's half given back
    /// to the groove).
    static func nudged(_ velocity: Int, _ generator: inout SeededGenerator) -> Int {
        min(127, max(1, velocity + Int(generator.next() % 7) - 3))
    }

    /// A seed from a section's name (FNV-1a over its bytes), the same in every render: a
    /// section without drums has no timing seed of its own to draw its repeats from.
    static func seed(naming name: String) -> UInt64 {
        name.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    /// The song's last bar of the engine's drums as a drummer ends a song: no fill into silence,
    /// then the final hit — kick and crash on the downbeat after the last bar, left to ring out
    /// in the render's tail (`StemRenderer.silence`). A fill the writer asked for there
    /// (`keepingFill`) stays, and leads into the final hit: an outside check found a written
    /// `fill` gone from song.mid.
    ///
    /// Where the engine wrote a fill in the last bar's second half (toms there, more snare
    /// strokes than in the bar before's, or the hats or ride stopped), the whole half gives
    /// way to the groove: the bar
    /// before's second half, a bar later, kick, hats and backbeat with it, so the time is kept
    /// up to the final hit (an outside check found that half bar silent before the kick and
    /// crash), played afresh with `playing`'s timing. A last bar with no fill plays as
    /// written. The half starts where fills do, on
    /// the beat that starts the bar's longer half. (Only the fill's snare and toms had been
    /// taken out: a boom-bap fill's kicks were left alone in the half, and a last bar with no
    /// fill lost its backbeat on 4, as a producer measured from song.mid.)
    static func ending(_ hits: [DrumHit], length: Ticks, meter: Meter, keepingFill: Bool = false, playing: FillPlaying? = nil) -> [DrumHit] {
        guard !hits.isEmpty else { return hits }
        let bar = meter.ticksPerBar
        let half = length - bar + FillKind.start(in: meter)
        let toms: Set<Int> = [DrumKit.highTom, DrumKit.midTom, DrumKit.lowTom]
        let fillPieces = toms.union([DrumKit.snare])
        let inHalf = { (hit: DrumHit) in hit.start >= half && hit.start < length }
        let before = hits.filter { $0.start >= half - bar && $0.start < length - bar }
        let lastHalf = hits.filter(inHalf)
        let strokes = lastHalf.filter { fillPieces.contains($0.key) }
        // What the groove strikes there: the bar before's second half, or in a section of one
        // bar, the bar's own first half (its backbeat is not a fill).
        let groove = length >= 2 * bar ? before : hits.filter { $0.start >= length - bar && $0.start < half }
        // A fill stops the time the cymbals keep: fewer than half the groove's strokes of the
        // hats or ride there. (A kick-and-snare fill with as many snare strokes as the
        // groove's backbeat and ghost had been taken for the groove: 7 of 24 in a producer's
        // 76 songs.)
        let timekeeping = { (hits: [DrumHit]) in hits.filter { DrumKit.role(of: $0.key) == .cymbal && $0.key != DrumKit.crash }.count }
        let timeStopped = timekeeping(groove) >= 2 && 2 * timekeeping(lastHalf) < timekeeping(groove)
        let filled = !keepingFill && (strokes.contains { toms.contains($0.key) } || timeStopped
            || strokes.count > groove.filter { fillPieces.contains($0.key) }.count)
        var kept = hits
        if filled && length >= 2 * bar {
            // Played again, not copied: the groove's swing and feel, with a draw of its own
            // (`playedAsTheGroove`), where the half had come back tick for tick as the bar
            // before's. Without the groove's timing it comes back with the bar before's offsets.
            // Struck a few steps harder or softer, as a repeat's drums are (`redraw`).
            var hands = SeededGenerator(seed: SeededGenerator.derived(from: playing?.timing?.seed ?? 0x5EED, 0xE11E))
            let moved = before.map { hit in
                var moved = hit
                moved.start += bar
                moved.velocity = nudged(hit.velocity, &hands)
                return moved
            }
            kept = hits.filter { !inHalf($0) } + (playing.map { Performance.playedAsTheGroove(moved, salt: 0xE11D, $0, spread: 1) } ?? moved)
        } else if filled {
            // A section of one bar has no bar before to play again: the fill's strokes go.
            kept = hits.filter { !inHalf($0) || !fillPieces.contains($0.key) }
        }
        let loudest = hits.map(\.velocity).max() ?? 100
        kept.append(DrumHit(start: length, key: DrumKit.kick, velocity: loudest))
        kept.append(DrumHit(start: length, key: DrumKit.crash, velocity: loudest))
        return kept.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
    }

    /// Ticks a bass note ends before its written end (at most a quarter of the note): about
    /// 15 ms at 120 bpm, the lift between notes of a played line.
    static let bassRelease: Ticks = 30

    /// The first note (notes sorted by start) that starts at or after `tick`.
    static func firstIndex(in notes: [PerformedNote], startingAtOrAfter tick: Ticks) -> Int {
        var low = 0, high = notes.count
        while low < high {
            let middle = (low + high) / 2
            if notes[middle].start < tick { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A ritardando over the last `ritardBars` bars of a section `length` long: a tempo
    /// change on every eighth note, falling evenly to `ritardEnd` of `tempo` on the last one.
    static func ritard(length: Ticks, meter: Meter, tempo: Double) -> [(tick: Ticks, tempo: Double)] {
        let step = MusicalTime.ticksPerQuarter / 2
        let span = min(length, ritardBars * meter.ticksPerBar)
        let steps = span / step
        guard steps > 0 else { return [] }
        return (1...steps).map { index in
            let tick = length - span + (index - 1) * step
            return (tick, tempo * (1 - (1 - ritardEnd) * Double(index) / Double(steps)))
        }
    }

    /// How the next hand-over fill is played: the fills so far (each takes the next kind,
    /// toms, kick and snare, a snare roll, so three fills in a song are three fills), the
    /// section's energy for its rise, and the groove's timing for its micro-timing.
    struct FillPlaying {
        var number = 0
        var energy = 0.7
        var timing: GrooveTiming?
        var seed: UInt64 = 0
        var quarterTempo = 120.0
    }

    /// A drop-out's time-keeping hat, where the groove had no cymbal: under the band.
    static let dropPulseVelocity = 44

    /// The drums' last bar as the hand-over plays it: a build rolls the snare through the
    /// bar, rising; a drop thins the kit to its cymbals for the second half; a fill plays
    /// the second half as `playing` says (the song's next kind of fill, rising with the
    /// energy). Hits keep their micro-timing. A build's roll and a fill's hits are played as
    /// the groove is (`playedAsTheGroove`): its swing and feel, and its humanizer a little tighter,
    /// with a draw of their own for each playing; a build's rise is struck a few steps
    /// harder or softer each time. (Before, every fill of a song was one tom crescendo
    /// exactly on the grid; then a producer measured a build's roll and fills straight inside
    /// a swung groove, and every build of a song the same to the tick and the velocity.)
    static func shape(_ hits: [DrumHit], for handover: Transition?, length: Ticks, meter: Meter,
                      playing: inout FillPlaying) -> [DrumHit] {
        let lastBar = length - meter.ticksPerBar
        let half = lastBar + FillKind.start(in: meter)
        let stepTicks = FillKind.step(in: meter)
        let steps = meter.ticksPerBar / stepTicks
        switch handover {
        case .build:
            // The whole rise a few steps harder or softer each playing, each stroke a step
            // either way, never under the stroke before it (a long bar's rise climbs two or
            // three steps a stroke).
            var hands = SeededGenerator(seed: SeededGenerator.derived(from: playing.timing?.seed ?? 0x5EED, 0xB11D &+ playing.seed))
            let lift = Int(hands.next() % 7) - 3
            var last = 1
            let roll = (0..<steps).map { step in
                let rise = 56 + lift + step * 64 / max(steps - 1, 1) + Int(hands.next() % 3) - 1
                last = min(127, max(last, rise))
                return DrumHit(start: lastBar + step * stepTicks, key: DrumKit.snare, velocity: last)
            }
            return hits.filter { $0.start < lastBar || ($0.start == lastBar && $0.key == DrumKit.kick) } + playedAsTheGroove(roll, salt: 0xB111, playing)
        case .drop:
            // The kick, snare and toms stop; the cymbals keep the time under the gap, softer,
            // with a soft closed hat on any unit of the meter they leave empty. A kit that
            // stopped dead left two to four beats of an odd-meter bar with no hit at all.
            var time = hits.filter { $0.start >= half && $0.start < length && $0.key != DrumKit.crash && DrumKit.role(of: $0.key) == .cymbal }
            for index in time.indices { time[index].velocity = max(1, time[index].velocity * 3 / 5) }
            let unit = meter.ticksPerUnit
            let pulse = stride(from: half, to: length, by: unit)
                .filter { tick in !time.contains { $0.start >= tick && $0.start < tick + unit } }
                .map { DrumHit(start: $0, key: DrumKit.hat, velocity: Self.dropPulseVelocity) }
            return (hits.filter { $0.start < half || $0.start >= length } + time + pulse).sorted { ($0.start, $0.key) < ($1.start, $1.key) }
        case .fill:
            let kind = [FillKind.toms, .kickSnare, .roll][playing.number % 3]
            playing.number += 1
            // The figure drawn from the groove's own seed and the playing: another song, or
            // another hand-over in this one, plays another fill.
            let figure = SeededGenerator.derived(from: playing.timing?.seed ?? 0x5EED, 0xF1F0 &+ playing.seed) | 1
            let fill = kind.hits(from: (half - lastBar) / stepTicks, steps: steps, bar: lastBar / meter.ticksPerBar,
                                 stepTicks: stepTicks, meter: meter, energy: playing.energy, figure: figure)
            return (hits.filter { $0.start < half || $0.start >= length } + playedAsTheGroove(fill, salt: 0xF111, playing))
                .sorted { ($0.start, $0.key) < ($1.start, $1.key) }
        case .some(.ritard), .some(.none), nil:
            return hits
        }
    }

    /// Hits a hand-over adds, played as the groove plays its own (`GrooveTimingApplier.apply`):
    /// the swing and feel (or a learned feel's places) of `playing`'s timing, and its
    /// humanizer, the kick and a roll's strokes kept tight as in the groove, at `spread` of
    /// its spread (six tenths for a fill: a drummer's fill is a little tighter than the
    /// groove), drawn for this playing (`salt` keeps a build's draw apart from a fill's).
    /// Without a timing, as they are.
    static func playedAsTheGroove(_ hits: [DrumHit], salt: UInt64, _ playing: FillPlaying, spread: Double = 0.6) -> [DrumHit] {
        guard var timing = playing.timing else { return hits }
        timing.humanize *= spread
        timing.seed = SeededGenerator.derived(from: timing.seed, salt &+ playing.seed)
        return GrooveTimingApplier.apply(timing, to: hits, quarterTempo: playing.quarterTempo)
    }
}
