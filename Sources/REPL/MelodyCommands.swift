import Engine
import Foundation
import MusicTheory
import SongModel

/// Handlers for melodies, motifs, variations, bass lines and note editing.
enum MelodyCommands {
    /// `melody SECTION [mood=…] [range=C4..G5] [density=0..1] [n=3] [seed=…] [with-chords]`.
    static func askMelody(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        var section = try song.requireSection(invocation.arguments[0])
        var prelude = ""
        if section.chords == nil {
            guard invocation.arguments.contains("with-chords") else { throw EngineError.noChordsForMelody(section.name) }
            // Chords first: the engine's best progression for the section, accepted.
            let mood = song.mood(of: section)
            let style = HarmonyStyle.named(MoodProfile.of(mood).styles.first ?? "pop") ?? HarmonyStyle.pop
            let request = HarmonyRequest(mood: mood, style: style, count: 1, seed: try RequestOptions.seed(invocation, workspace),
                                         cadence: Cadence.expected(for: section.name), rate: 1)
            guard let first = ProgressionGenerator.suggest(request, context: HarmonyContext(song: song, section: section)).first,
                  case .chords(let progression) = first.content else { throw EngineError.noChords(section.name) }
            try song.setChordPart(section.name, ChordPart(changes: progression.changes, comping: progression.comping,
                                                          provenance: Provenance(origin: first.origin, acceptedAt: workspace.clock())))
            workspace.song = song
            section = try song.requireSection(section.name)
            prelude = "chords first (\(first.label)): " + progression.chords.map(\.description).joined(separator: " ") + "\n"
        }
        let mood = try invocation.option("mood").map { try Mood(parsing: $0) } ?? song.mood(of: section)
        var low = 60 + MoodProfile.of(mood).register, high = low + 16
        if let text = invocation.option("range") {
            let parts = text.components(separatedBy: "..")
            guard parts.count == 2, let a = try? Pitch(parsing: parts[0]), let b = try? Pitch(parsing: parts[1]), b.midi - a.midi >= 7 else {
                throw REPLError.badOptionValue(option: "range", value: text, rule: "write LOW..HIGH, at least a fifth apart, e.g. range=C4..G5")
            }
            low = a.midi
            high = b.midi
        }
        // Melodies move more than the drums' density says: even a sad line sings.
        var density = 0.3 + 0.6 * (section.energy ?? MoodProfile.of(mood).density)
        if let text = invocation.option("density") {
            guard let value = Double(text), (0...1).contains(value) else {
                throw REPLError.badOptionValue(option: "density", value: text, rule: "density is 0 (long notes) to 1 (busy), e.g. density=0.5")
            }
            density = value
        }
        let seed = try RequestOptions.seed(invocation, workspace), count = try RequestOptions.count(invocation, default: 3)
        let request = MelodyRequest(mood: mood, low: low, high: high, density: density, count: count, seed: seed)
        let name = section.name, key = song.key(of: section)
        return prelude + (try workspace.offer(Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            var request = request
            (request.count, request.seed) = (count, seed)
            return try MelodyGenerator.suggest(request, context: LineContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in "melodies for \(name) in \(key) — seed \(seed)" })))
    }

    static func motif(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        guard let body = invocation.body else {
            guard let motif = section.motif else { return "\(section.name) has no motif; set one with `motif \(section.name) = C5/4 D5/8 …`" }
            let meter = song.meter(of: section)
            let bars = max(1, ((motif.map(\.end).max() ?? 0) + meter.ticksPerBar - 1) / meter.ticksPerBar)   // rounded up
            return "\(section.name) motif: " + NoteSyntax.format(motif, bars: bars, meter: meter).joined(separator: " | ")
        }
        let notes = try NoteSyntax.parse(body, meter: song.meter(of: section))
        song.update(section.name) { $0.motif = notes }
        workspace.song = song
        return "\(section.name) motif: \(notes.count) notes, range \(SectionView.range(of: notes)); `melody \(section.name)` builds on it, `vary \(section.name)` varies it"
    }

    static func vary(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let source: [Note]
        let sourceName: String
        if let melody = section.melody {
            source = melody.notes
            sourceName = "\(section.name) melody (\(melody.provenance.summary))"
        } else if let motif = section.motif {
            source = motif
            sourceName = "\(section.name) motif"
        } else {
            throw EngineError.nothingToVary(section.name)
        }
        let technique = try invocation.option("technique").map { text -> Technique in
            guard let technique = Technique.named(text) else { throw EngineError.unknownTechnique(text) }
            return technique
        }
        let seed = try RequestOptions.seed(invocation, workspace), count = try RequestOptions.count(invocation, default: 4)
        let name = section.name
        return try workspace.offer(Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            Variations.suggest(source: source, sourceName: sourceName, technique: technique, count: count, seed: seed,
                               context: LineContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in "variations of the \(sourceName) — seed \(seed)" }))
    }

    static func bass(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let style: BassStyle
        if let text = invocation.option("style") {
            guard let found = BassStyle.named(text) else { throw EngineError.unknownBassStyle(text) }
            style = found
        } else {
            style = BassStyle.implied(by: section.drums?.style)
        }
        let seed = try RequestOptions.seed(invocation, workspace), count = try RequestOptions.count(invocation, default: 3)
        let name = section.name
        return try workspace.offer(Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            try BassGenerator.suggest(style: style, count: count, seed: seed, context: LineContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in "bass lines for \(name) — \(style.rawValue), seed \(seed)" }))
    }

    // MARK: Editing notes

    static func note(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let meter = song.meter(of: section)
        let start = try GrooveCommands.position(invocation.arguments[1], section: section, meter: meter)
        let parsed = try NoteSyntax.parse(invocation.arguments[2], meter: meter)
        guard parsed.count == 1, var note = parsed.first else { throw SongModelError.badNote(invocation.arguments[2]) }
        note.start = start
        var notes = section.melody?.notes ?? []
        notes.removeAll { $0.start < note.end && $0.end > note.start }
        notes.append(note)
        notes.sort { $0.start < $1.start }
        try song.writeMelody(section.name, notes: notes, author: workspace.author, at: workspace.clock())
        workspace.song = song
        return "\(note.pitch) at \(invocation.arguments[1]) in \(section.name)"
    }

    static func unnote(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        guard let melody = section.melody else { throw EngineError.nothingToVary(section.name) }
        let start = try GrooveCommands.position(invocation.arguments[1], section: section, meter: song.meter(of: section))
        let notes = melody.notes.filter { $0.start != start }
        guard notes.count < melody.notes.count else { return "no note starts at \(invocation.arguments[1]) in \(section.name); nothing changed" }
        guard !notes.isEmpty else { throw EngineError.lastNote(section.name) }
        try song.writeMelody(section.name, notes: notes, author: workspace.author, at: workspace.clock())
        workspace.song = song
        return "removed the note at \(invocation.arguments[1]) in \(section.name)"
    }

    static func transpose(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let part = try PartKind(parsing: invocation.arguments[1])
        guard let steps = Int(invocation.arguments[2]), (-24...24).contains(steps) else {
            throw REPLError.badOptionValue(option: "steps", value: invocation.arguments[2], rule: "transpose by −24 to 24 steps, e.g. 2 or -3")
        }
        let diatonic = invocation.arguments.count > 3 && invocation.arguments[3].lowercased() == "diatonic"
        if invocation.arguments.count > 3 && !diatonic {
            throw REPLError.extraArgument(command: "transpose", argument: invocation.arguments[3], usage: "transpose SECTION PART STEPS [diatonic]")
        }
        let key = song.key(of: section)
        let scale = key.scale.pitchClasses
        func move(_ note: Note) throws -> Note {
            var midi = note.pitch.midi
            if diatonic {
                for _ in 0..<abs(steps) { repeat { midi += steps.signum() } while !scale.contains(((midi % 12) + 12) % 12) }
            } else {
                midi += steps
            }
            var moved = note
            moved.pitch = Pitch.spelled(try Pitch(midi: midi), in: key)
            return moved
        }
        let change = "transposed \(steps > 0 ? "up" : "down") \(abs(steps))\(diatonic ? " scale steps" : " semitones")"
        switch part {
        case .melody, .bass:
            try editLine(part, of: section.name, in: &song, change: EditRecord(author: workspace.author, at: workspace.clock(), change: change)) {
                try $0.map(move)
            }
        case .chords:
            guard let chords = section.chords else { throw EngineError.noChords(section.name) }
            guard !diatonic else { throw EngineError.diatonicChords }
            let moved = chords.changes.map { change -> ChordChange in
                let root = NoteName.preferred(pitchClass: change.chord.root.pitchClass + steps)
                let bass = change.chord.bass.map { NoteName.preferred(pitchClass: $0.pitchClass + steps) }
                return ChordChange(start: change.start, chord: Chord(root: root, quality: change.chord.quality, bass: bass))
            }
            song.update(section.name) { $0.chords?.changes = moved; $0.chords?.provenance.edits.append(EditRecord(author: workspace.author, at: workspace.clock(), change: change)) }
        case .drums:
            throw EngineError.drumsDoNotTranspose
        }
        workspace.song = song
        return "\(section.name) \(part) \(change)"
    }

    /// Changes the notes of a section's melody or bass line and records the edit; a bass
    /// line is then re-coupled to the drums it now sits against.
    static func editLine(_ part: PartKind, of name: String, in song: inout Song, change: EditRecord,
                         _ transform: ([Note]) throws -> [Note]) throws {
        let section = try song.requireSection(name)
        let tempo = song.quarterTempo(of: section)
        if part == .melody {
            guard let melody = section.melody else { throw EngineError.nothingToVary(name) }
            let notes = try transform(melody.notes)
            song.update(name) { $0.melody?.notes = notes; $0.melody?.provenance.edits.append(change) }
        } else {
            guard let bass = section.bass else { throw EngineError.noBass(name) }
            let notes = try transform(bass.notes)
            song.update(name) { section in
                section.bass?.notes = notes
                section.bass?.provenance.edits.append(change)
                GrooveTimingApplier.retime(&section, quarterTempo: tempo)
            }
        }
    }

    static func shift(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let part = try PartKind(parsing: invocation.arguments[1])
        guard let beats = Double(invocation.arguments[2]), abs(beats) <= 64, beats != 0 else {
            throw REPLError.badOptionValue(option: "beats", value: invocation.arguments[2], rule: "shift by a number of beats, e.g. 1, -0.5")
        }
        let meter = song.meter(of: section)
        let ticks = Int((beats * Double(meter.ticksPerBeat)).rounded())
        let length = section.bars * meter.ticksPerBar
        func moved(_ notes: [Note]) -> [Note] {
            notes.compactMap { note in
                var note = note
                note.start += ticks
                guard note.start >= 0 && note.start < length else { return nil }
                note.duration = min(note.duration, length - note.start)
                return note
            }
        }
        let change = "shifted \(beats > 0 ? "later" : "earlier") by \(invocation.arguments[2]) beats"
        switch part {
        case .melody, .bass:
            try editLine(part, of: section.name, in: &song, change: EditRecord(author: workspace.author, at: workspace.clock(), change: change)) {
                moved($0)
            }
        case .drums:
            guard let drums = section.drums else { throw EngineError.noDrums(section.name) }
            let hits = drums.hits.compactMap { hit -> DrumHit? in
                var hit = hit
                hit.start += ticks
                return hit.start >= 0 && hit.start < length ? hit : nil
            }
            song.update(section.name) { $0.drums?.hits = hits; $0.drums?.provenance.edits.append(EditRecord(author: workspace.author, at: workspace.clock(), change: change)) }
        case .chords:
            throw EngineError.chordsDoNotShift
        }
        workspace.song = song
        return "\(section.name) \(part) \(change)"
    }
}
