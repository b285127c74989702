import MusicTheory
import SongModel

extension Performance {
    /// MIDI channels by part (0-based); drums on channel 10 (index 9), as General MIDI has it.
    static let channels: [PartKind: Int] = [.chords: 0, .melody: 1, .bass: 2, .drums: 9]
    /// How long a drum hit's note lasts (drums ignore note-off, the MIDI file wants one).
    static let drumLength: Ticks = 120

    /// Plays the song's form, or only `section` when given.
    ///
    /// - Throws: `RenderError.nothingToRender` when the form is empty or nothing in it
    ///   has notes.
    public init(song: Song, section: String? = nil) throws(RenderError) {
        let form = section.map { [$0] } ?? song.form
        guard !form.isEmpty else { throw .nothingToRender("the song has no sections; `add verse 8` first") }
        var tempos = TempoMap()
        var meters: [(Ticks, Meter)] = []
        var keys: [(Ticks, Key)] = []
        var markers: [(Ticks, String)] = []
        var notes: [PartKind: [PerformedNote]] = [:]
        var chordStarts: [Ticks] = []
        var spans: [(start: Ticks, end: Ticks, chord: Chord, pattern: CompingPattern, leftHand: Bool, dynamics: Double)] = []
        var cursor: Ticks = 0
        for name in form {
            guard let section = song.section(named: name) else { continue }
            let meter = song.meter(of: section)
            let key = song.key(of: section)
            tempos.set(song.quarterTempo(of: section), at: cursor)
            if meters.last?.1 != meter { meters.append((cursor, meter)) }
            if keys.last?.1 != key { keys.append((cursor, key)) }
            markers.append((cursor, section.name))
            let length = section.bars * meter.ticksPerBar
            // The arc's energy sets the section's dynamics: quieter low, fuller high.
            let dynamics = section.energy.map { 0.7 + 0.6 * $0 } ?? 1
            func scaled(_ velocity: Int) -> Int { min(127, max(1, Int((Double(velocity) * dynamics).rounded()))) }
            let notesBefore = notes.mapValues(\.count)
            defer {
                for part in [PartKind.melody, .bass] {
                    guard let added = notes[part], added.count > notesBefore[part] ?? 0 else { continue }
                    for index in (notesBefore[part] ?? 0)..<added.count { notes[part]?[index].velocity = scaled(added[index].velocity) }
                }
            }
            if let chords = section.chords {
                for (index, change) in chords.changes.enumerated() {
                    let end = index + 1 < chords.changes.count ? chords.changes[index + 1].start : length
                    chordStarts.append(cursor + change.start)
                    spans.append((cursor + change.start, cursor + end, change.chord, chords.comping ?? .block, section.bass == nil, dynamics))
                }
            }
            for (part, line) in [(PartKind.melody, section.melody?.notes), (.bass, section.bass?.notes)] {
                for note in line ?? [] {
                    let start = max(0, cursor + note.start + note.offset)
                    notes[part, default: []].append(PerformedNote(
                        start: start, duration: note.duration, key: note.pitch.midi, velocity: note.velocity))
                }
            }
            for hit in section.drums?.hits ?? [] {
                notes[.drums, default: []].append(PerformedNote(
                    start: max(0, cursor + hit.start + hit.offset), duration: Performance.drumLength, key: hit.key, velocity: hit.velocity))
            }
            cursor += length
        }
        // Voice-led across the whole form, so the comping moves smoothly from section to section.
        let voicings = VoiceLeading.voice(spans.map(\.chord))
        var pedalled = false
        for (span, voicing) in zip(spans, voicings) {
            let bass = span.leftHand ? 36 + span.chord.bassNote.pitchClass : nil
            notes[.chords, default: []] += Comping.notes(for: Comping.Span(start: span.start, end: span.end, voicing: voicing, bass: bass),
                                                        pattern: span.pattern).map { note in
                var note = note
                note.velocity = min(127, max(1, Int((Double(note.velocity) * span.dynamics).rounded())))
                return note
            }
            pedalled = pedalled || Comping.usesPedal(span.pattern)
        }
        guard !notes.isEmpty else {
            throw .nothingToRender("no section in the form has chords or a melody yet; write some with `chords` or `melody`")
        }
        var tracks: [Track] = []
        for part in PartKind.allCases {
            guard let partNotes = notes[part], !partNotes.isEmpty else { continue }
            let settings = song.settings(for: part)
            let program = settings.program ?? DefaultInstruments.program(for: part, mood: song.mood)
            var pedal: [(Ticks, Bool)] = []
            if part == .chords && pedalled && DefaultInstruments.isKeyboard(program) {
                // Change the pedal with each chord: up as the chord starts, down just after,
                // so chords ring into each other without blurring.
                for start in chordStarts { pedal.append((start, false)); pedal.append((start + 30, true)) }
                pedal.append((cursor, false))
            }
            tracks.append(Track(part: part, channel: Performance.channels[part] ?? 0, program: program, settings: settings,
                                notes: partNotes.sorted { ($0.start, $0.key) < ($1.start, $1.key) }, pedal: pedal))
        }
        self.init(tracks: tracks, tempos: tempos, meters: meters, keys: keys, markers: markers, endTick: cursor)
    }
}
