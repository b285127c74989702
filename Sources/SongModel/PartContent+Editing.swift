import MusicTheory

/// Edits musicians make to a whole part, as pure functions of its content: transpose,
/// shift, cut, tile. `Song.edit` applies them, so each is written and tested once.
extension PartContent {
    /// Everything that starts before `end`, notes shortened to end there.
    public func cut(at end: Ticks) -> PartContent {
        switch self {
        case .chords(let changes, let comping):
            return .chords(changes: changes.filter { $0.start < end }, comping: comping)
        case .notes(let notes):
            return .notes(notes.compactMap { note in
                guard note.start < end else { return nil }
                var note = note
                note.duration = min(note.duration, end - note.start)
                return note
            })
        case .drums(let hits, let style, let timing):
            return .drums(hits: hits.filter { $0.start < end }, style: style, timing: timing)
        }
    }

    /// Moved by `semitones`, spelled as the key moved by the same distance spells them
    /// (up a tone from C, a B becomes C♯, as in D major), or as `target` spells them when
    /// the writer named the key it moves to (G♭, not F♯). Drums have no pitch.
    public func transposed(semitones: Int, key: Key, to target: Key? = nil) throws(SongModelError) -> PartContent {
        let moved = target ?? key.transposed(semitones: semitones)
        switch self {
        case .chords(let changes, let comping):
            return .chords(changes: changes.map { change in
                guard let chord = change.chord else { return change }
                let root = moved.spelling(pitchClass: chord.root.pitchClass + semitones)
                let bass = chord.bass.map { moved.spelling(pitchClass: $0.pitchClass + semitones) }
                return ChordChange(start: change.start, chord: Chord(root: root, quality: chord.quality, bass: bass))
            }, comping: comping)
        case .notes(let notes):
            return .notes(try notes.map { note throws(SongModelError) in try note.moved(to: note.pitch.midi + semitones, key: moved) })
        case .drums:
            throw .notForPart("drums have no pitch to transpose; `shift` moves them in time")
        }
    }

    /// Moved by `steps` degrees of `key`'s scale: a third stays a third in the key.
    public func transposed(scaleSteps steps: Int, key: Key) throws(SongModelError) -> PartContent {
        switch self {
        case .notes(let notes):
            let scale = key.scale.pitchClasses
            return .notes(try notes.map { note throws(SongModelError) in
                var midi = note.pitch.midi
                for _ in 0..<abs(steps) {
                    repeat { midi += steps.signum() } while !scale.contains(((midi % 12) + 12) % 12)
                }
                return try note.moved(to: midi, key: key)
            })
        case .chords(let changes, let comping):
            return .chords(changes: changes.map { change in
                guard let chord = change.chord else { return change }
                return ChordChange(start: change.start, chord: PartContent.chord(chord, movedBy: steps, in: key))
            }, comping: comping)
        case .drums:
            throw .notForPart("drums have no pitch to transpose; `shift` moves them in time")
        }
    }

    /// A chord moved by scale steps: its root (and slash bass) to the degree `steps` away;
    /// a chord of the key's own notes becomes the chord the key builds on the new degree
    /// with the same stack of thirds (I becomes ii, V7 becomes vi7), a chord from outside
    /// the key keeps its quality.
    static func chord(_ chord: Chord, movedBy steps: Int, in key: Key) -> Chord {
        let scale = key.scale.notes
        func move(_ note: NoteName) -> NoteName {
            if let degree = scale.firstIndex(where: { $0.pitchClass == note.pitchClass }) {
                return scale[((degree + steps) % scale.count + scale.count) % scale.count]
            }
            // A note outside the key moves as the scale note below it does.
            for below in 1...11 {
                guard let degree = scale.firstIndex(where: { $0.pitchClass == ((note.pitchClass - below) % 12 + 12) % 12 }) else { continue }
                let target = scale[((degree + steps) % scale.count + scale.count) % scale.count]
                return key.spelling(pitchClass: target.pitchClass + below)
            }
            return note
        }
        let root = move(chord.root)
        var quality = chord.quality
        if chord.tones.allSatisfy({ tone in scale.contains { $0.pitchClass == tone.pitchClass } }) {
            let stack = chord.tones.map { (move($0).pitchClass - root.pitchClass + 12) % 12 }
            quality = ChordQuality.all.first { $0.intervals.map { $0.semitones % 12 } == stack } ?? chord.quality
        }
        return Chord(root: root, quality: quality, bass: chord.bass.map(move))
    }

    /// Moved later (or earlier, negative) by `ticks`; what leaves the section's `length` is
    /// dropped and notes are cut at its end. Chords follow the bars and do not shift.
    public func shifted(by ticks: Ticks, length: Ticks) throws(SongModelError) -> PartContent {
        switch self {
        case .chords:
            throw .notForPart("chords follow the bars; rewrite them with `chords SECTION = …` to move them")
        case .notes(let notes):
            return PartContent.notes(notes.compactMap { note in
                var note = note
                note.start += ticks
                return note.start >= 0 && note.start < length ? note : nil
            }).cut(at: length)
        case .drums(let hits, let style, let timing):
            return .drums(hits: hits.compactMap { hit in
                var hit = hit
                hit.start += ticks
                return hit.start >= 0 && hit.start < length ? hit : nil
            }, style: style, timing: timing)
        }
    }

    /// The content of a section `sourceLength` long, repeated to fill `length` (cut there).
    public func tiled(from sourceLength: Ticks, to length: Ticks) -> PartContent {
        guard sourceLength > 0 else { return self }
        let copies = (length + sourceLength - 1) / sourceLength
        switch self {
        case .chords(let changes, let comping):
            let all = (0..<copies).flatMap { copy in changes.map { ChordChange(start: $0.start + copy * sourceLength, chord: $0.chord) } }
            return PartContent.chords(changes: all, comping: comping).cut(at: length)
        case .notes(let notes):
            let all = (0..<copies).flatMap { copy in notes.map { note in var note = note; note.start += copy * sourceLength; return note } }
            return PartContent.notes(all).cut(at: length)
        case .drums(let hits, let style, let timing):
            let all = (0..<copies).flatMap { copy in hits.map { hit in var hit = hit; hit.start += copy * sourceLength; return hit } }
            return PartContent.drums(hits: all, style: style, timing: timing).cut(at: length)
        }
    }
}

extension Note {
    /// The note at another MIDI pitch, spelled for `key`.
    func moved(to midi: Int, key: Key) throws(SongModelError) -> Note {
        var note = self
        do { note.pitch = Pitch.spelled(try Pitch(midi: midi), in: key) } catch { throw .theory(error) }
        return note
    }
}

extension PartContent {
    /// Drums with `hit` placed (replacing a hit of the same drum at the same place), in
    /// time order.
    public func placing(_ hit: DrumHit) -> PartContent {
        guard case .drums(var hits, let style, let timing) = self else { return self }
        hits.removeAll { $0.start == hit.start && $0.key == hit.key }
        hits.append(hit)
        hits.sort { ($0.start, $0.key) < ($1.start, $1.key) }
        return .drums(hits: hits, style: style, timing: timing)
    }

    /// Drums without the hit of drum `key` at `start`.
    public func removingHit(key: Int, at start: Ticks) -> PartContent {
        guard case .drums(var hits, let style, let timing) = self else { return self }
        hits.removeAll { $0.start == start && $0.key == key }
        return .drums(hits: hits, style: style, timing: timing)
    }

    /// Notes with `note` placed, replacing any it overlaps, in time order.
    public func placing(_ note: Note) -> PartContent {
        guard case .notes(var notes) = self else { return self }
        notes.removeAll { $0.start < note.end && $0.end > note.start }
        notes.append(note)
        notes.sort { $0.start < $1.start }
        return .notes(notes)
    }
}
