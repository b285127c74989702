import Engine
import Foundation
import MusicTheory
import SongModel

/// Handlers for melodies, motifs, variations, bass lines and note editing.
enum MelodyCommands {
    /// Notes or a bar typed without "=" after a line part's section had been taken as a
    /// request, the words dropped (`melody verse C5/4 D5/4 E5/2` offered three melodies):
    /// refused, with the line as it would write or ask.
    static func refuseWordsWithoutNotes(_ command: String, _ section: Section, _ invocation: Invocation, example: String) throws {
        let extra = Array(invocation.arguments.dropFirst().filter { $0.lowercased() != "with-chords" })
        guard let first = extra.first else { return }
        let bar = extra.count == 2 && ["bar", "bars"].contains(first.lowercased()) ? extra[1] : extra.count == 1 && Int(first) != nil ? first : nil
        if let bar {
            throw REPLError.refused("\(command) \(section.name) does not take \"\(echoed(extra.joined(separator: " ")))\" without notes: `\(command) \(section.name) bars=\(echoed(bar))` asks for new notes in that bar, `\(command) \(section.name) bar \(echoed(bar)) = \(example)` writes them")
        }
        if let spaced = Commands.find(command)?.spacedOption(in: extra) { throw spaced }
        if let meant = Commands.find(command)?.optionMeant(by: extra, place: [section.name]) { throw meant }
        throw REPLError.writtenWithoutEquals(command: command, place: [section.name], written: extra)
    }

    /// `melody SECTION [mood=…] [style=…] [range=C4..G5] [density=0..1] [n=3] [seed=…] [with-chords]`.
    static func askMelody(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        var section = try song.requireSection(invocation.arguments[0])
        try refuseWordsWithoutNotes("melody", section, invocation, example: "C5/2 D5/2")
        let selection = try invocation.rewriting(section, .melody)
        var prelude = ""
        if section.chords == nil {
            guard invocation.arguments.contains("with-chords") else { throw EngineError.noChordsForMelody(section.name) }
            // Chords first: the engine's first progression for the section under the same
            // defaults `chords SECTION` uses, accepted as `accept 1` would.
            let request = RequestDefaults.harmony(for: section, mood: song.mood(of: section), count: 1, seed: invocation.seed(workspace))
            guard let first = ProgressionGenerator.suggest(request, context: HarmonyContext(song: song, section: section)).first,
                  let progression = first.progression else { throw EngineError.noChords(section.name) }
            try song.accept(first, into: section.name, at: workspace.clock())
            workspace.song = song
            section = try song.requireSection(section.name)
            prelude = "chords first (\(first.label)): " + progression.chords.map(\.description).joined(separator: " ") + "\n"
        }
        let mood = try invocation.mood() ?? song.mood(of: section)
        var range = RequestDefaults.melodyRange(for: section.name, mood: mood)
        // With other sections sung already, the same voice, pitched for this one's role.
        let others = song.sections.filter { $0.name != section.name }.compactMap { other in other.melody.map { (other.name, $0.notes) } }
        var pitched = ""
        if invocation.option("range") == nil, let among = RequestDefaults.melodyRange(for: section.name, among: others, usual: range) {
            range = among
            let names = listed(others.filter { !$0.1.isEmpty }.map(\.0))
            // Spelled in the section's key: G♯5 in A major, not A♭5.
            let key = song.key(of: section)
            let name = { (midi: Int) in (try? Pitch(midi: midi)).map { "\(Pitch.spelled($0, in: key))" } ?? "" }
            pitched = ", sung \(name(among.lowerBound))–\(name(among.upperBound)) for the \(names) already sung (`range=` sets it)"
        }
        // Rewriting some bars sings in the register of the kept ones (at least a tenth wide).
        if selection != nil, let kept = section.melody?.notes.map(\.pitch.midi), let low = kept.min(), let high = kept.max() {
            range = low...max(high, low + 16)
            pitched = ""
        }
        if let text = invocation.option("range") {
            let parts = text.components(separatedBy: "..")
            guard parts.count == 2, let a = try? Pitch(parsing: parts[0]), let b = try? Pitch(parsing: parts[1]), b.midi - a.midi >= 7 else {
                throw REPLError.badOptionValue(option: "range", value: text, rule: "write LOW..HIGH, at least a fifth apart, e.g. range=C4..G5")
            }
            range = a.midi...b.midi
        }
        let density = invocation.number("density")
            ?? RequestDefaults.melodyDensity(energy: invocation.number("energy") ?? RequestDefaults.energy(of: section, mood: mood))
        let seed = invocation.seed(workspace), count = invocation.count
        // A learned style's rhythms are the writer's own: they lean no further (folk).
        let learned = try workspace.learnedStyle(invocation)
        let style = learned?.writesMelodies(in: song.meter(of: section)) == true ? .folk
            : try invocation.word("style", as: MelodyStyle.self) ?? RequestDefaults.melodyStyle(for: section, mood: mood)
        var request = MelodyRequest(mood: mood, low: range.lowerBound, high: range.upperBound, density: density, style: style,
                                    count: count, seed: seed)
        request.learned = learned
        if invocation.option("fit") != nil {
            guard let words = section.lyrics?.text else { throw EngineError.noLyrics(section.name) }
            // Two syllables a beat on average is as busy as a sung line gets; three in a
            // compound meter, whose beat is three eighths (8 bars of 6/8 had been given 32).
            let syllables = LyricsReader.tokens(words).filter { if case .syllable = $0 { true } else { false } }.count
            let meter = song.meter(of: section)
            let perBeat = meter.isCompound ? 3 : 2
            let room = perBeat * section.bars * meter.ticksPerBar / meter.ticksPerBeat
            guard syllables <= room else {
                throw EngineError.noRoomForLyrics(section.name, syllables: syllables, room: room, bars: section.bars, meter: meter.description, perBeat: perBeat)
            }
            request.lyrics = words
        }
        let name = section.name, key = song.key(of: section), asked = request, register = pitched
        return prelude + (try workspace.offer(rewriting: selection, Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            var request = asked
            (request.count, request.seed) = (count, seed)
            return try MelodyGenerator.suggest(request, context: LineContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in "melodies for \(name) in \(key)\(register) — seed \(seed)" })))
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
        let notes = try NoteSyntax.parse(body, meter: song.meter(of: section), wholeTriplets: true)
        try song.setMotif(notes, of: section.name)
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
        let technique = invocation.value("technique").flatMap(Technique.named)
        // A mood given leans the line and, unless an energy is given too, sets how busy it
        // is from the section's energy, as it does for a melody.
        let mood = try invocation.mood()
        let leaning = VariationLeaning(energy: invocation.number("energy") ?? mood.map { RequestDefaults.energy(of: section, mood: $0) },
                                       mood: mood, style: try invocation.word("style", as: MelodyStyle.self))
        let seed = invocation.seed(workspace), count = invocation.count
        let name = section.name
        // A refit of a line already on its chords is the line itself, never offered: said as
        // such, not as "no suggestions came out of this request; try another style".
        if technique == .refit && leaning.isEmpty && Variations.suggest(source: source, sourceName: sourceName, technique: .refit, count: 1, seed: seed,
                                                                        context: LineContext(song: song, section: section)).isEmpty {
            throw EngineError.alreadyFits(name)
        }
        return try workspace.offer(rewriting: try invocation.rewriting(section, .melody), Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            Variations.suggest(source: source, sourceName: sourceName, technique: technique, leaning: leaning, count: count, seed: seed,
                               context: LineContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in "variations of the \(sourceName) — " + ([leaning.mood?.rawValue, leaning.style?.rawValue,
                                                                        leaning.energy.map { String(format: "energy %.2f", $0) }]
            .compactMap { $0 }.map { $0 + ", " }.joined()) + "seed \(seed)" }))
    }

    /// A bass's strings: B0 is a five-string's lowest, G4 the top fret of a four-string's
    /// highest (24 frets over G2).
    static let bassCompass = 23...67

    /// Where a hand-written line may go unremarked, and what is said of a note past either
    /// end: a bass's strings; for a melody, a piano's 88 keys (A0 to C8), the widest of the
    /// instruments a melody plays on, past which the SoundFont stretches its last sample.
    static let compasses: [PartKind: (range: ClosedRange<Int>, under: String, over: String)] = [
        .bass: (bassCompass, "under a bass's lowest string (B0 on a five-string), heard as a rumble more than a note",
                "over a bass's top fret (G4), up where the melody sings"),
        .melody: (21...108, "under a piano's lowest key (A0), heard as a rumble more than a tune",
                  "over a piano's top key (C8), heard as a click more than a tune"),
    ]

    /// "note: G0 is under …" when a hand-written line leaves its part's compass (a bass's
    /// strings, a melody's piano keys: `compasses`). The line
    /// is kept (a synth bass goes lower, and the writer may mean it), but an octave slip
    /// such as G0 for G1 renders as a rumble a listener feels more than hears, so the
    /// writer is told at once, with the octave that is in reach.
    static func outOfCompass(_ notes: [Note], of part: PartKind) -> String {
        guard let compass = compasses[part] else { return "" }
        // The note as written, how far outside, and the nearest octave of it inside.
        func note(_ note: Note?, outside: Int, _ place: String, up: Bool) -> String {
            guard let note, outside > 0 else { return "" }
            let octaves = (outside + 11) / 12
            let fix = (try? Pitch(midi: note.pitch.midi + (up ? 12 : -12) * octaves))
                .map { " — \($0) is \(octaves == 1 ? "an octave" : "\(octaves) octaves") \(up ? "up" : "down")" } ?? ""
            return "\nnote: \(note.pitch) is \(place)\(fix)"
        }
        let low = notes.min { $0.pitch.midi < $1.pitch.midi }, high = notes.max { $0.pitch.midi < $1.pitch.midi }
        return note(low, outside: compass.range.lowerBound - (low?.pitch.midi ?? 0), compass.under, up: true)
            + note(high, outside: (high?.pitch.midi ?? 0) - compass.range.upperBound, compass.over, up: false)
    }

    /// "note: F5 in bar 2 is outside E major and its chord (E) …" when a hand-written
    /// line holds a note outside both the section's key and the chord under it, on a beat
    /// or held a beat or more: heard as a wrong note rather than a passing one. A writer
    /// who transposed a section and typed a bar in the old key had had no word of it. The
    /// line is kept (a blue note or a borrowed colour may be meant). Passing unremarked: a
    /// short note off the beat reached and left by step; a note of a beat or less, off the
    /// bar's first beat, a half step from a next note that belongs (chromatic passing and
    /// approach notes: a walking bass's B♭ into A); a note the chord holds (a secondary
    /// dominant's third). In minor the raised sixth and seventh are the key's.
    static func outOfKey(_ notes: [Note], in section: Section, key: Key, meter: Meter) -> String {
        var inKey = key.diatonicPitchClasses
        if key.isMinor { inKey.insert((key.tonic.pitchClass + 9) % 12) }
        let changes = section.chords?.changes ?? []
        let beat = meter.ticksPerBeat, perBar = meter.ticksPerBar
        let line = notes.sorted { $0.start < $1.start }
        let chord = { (tick: Ticks) in changes.last { $0.start <= tick }?.chord }
        let fits = { (note: Note) in
            inKey.contains(note.pitch.midi % 12) || (chord(note.start)?.pitchClasses.contains(note.pitch.midi % 12) ?? false)
        }
        let step = { (a: Int, b: Int) in abs(line[a].pitch.midi - line[b].pitch.midi) <= 2 }
        let heard = line.indices.compactMap { index -> (Note, Chord?)? in
            let note = line[index]
            guard !fits(note) else { return nil }
            let next = index + 1 < line.count ? index + 1 : nil, previous = index > 0 ? index - 1 : nil
            // A half step into a note that belongs, a beat or less and off the bar's first
            // beat: a chromatic approach or passing note (held, or on the one, it is heard).
            if let next, note.duration <= beat, note.start % perBar != 0,
               abs(line[next].pitch.midi - note.pitch.midi) == 1, fits(line[next]) { return nil }
            // Short and off the beat, reached and left by step: a passing or neighbour note.
            // Leapt to, it is heard (a G♮ eighth between B and A, typed in G after a move to A).
            if note.start % beat != 0 && note.duration < beat
                && (previous.map { step($0, index) } ?? true) && (next.map { step(index, $0) } ?? true) { return nil }
            return (note, chord(note.start))
        }
        guard let first = heard.first else { return "" }
        // Each note and bar once: "G2 in bar 1 (twice)".
        var places: [(name: String, times: Int)] = []
        for (note, _) in heard {
            let name = "\(note.pitch) in bar \(note.start / perBar + 1)"
            if let at = places.firstIndex(where: { $0.name == name }) { places[at].times += 1 } else { places.append((name, 1)) }
        }
        let named = places.map { $0.name + ($0.times == 2 ? " (twice)" : $0.times > 2 ? " (\($0.times) times)" : "") }
        let listed = named.prefix(3).joined(separator: ", ") + (named.count > 3 ? " and \(named.count - 3) more" : "")
        let chords = Set(heard.map { $0.1?.description ?? "" })
        let under = chords.count == 1 ? (first.1.map { "its chord (\($0))" } ?? "a chord (the bar has none)") : "the chords under them"
        return "\nnote: \(listed) \(named.count == 1 ? "is" : "are") outside \(key.tonic) \(key.mode.name) and \(under) — "
            + "kept as written (`undo` takes the line back)"
    }

    static func bass(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        // `bass SECTION = E2/4 …`: a bass line by hand, as a melody is written.
        if let body = invocation.body {
            if let option = invocation.options.first {
                throw REPLError.badOptionValue(option: option.key, value: option.value,
                                               rule: "options ask the engine (`bass verse style=walking`); a line written with `= …` takes none")
            }
            let meter = song.meter(of: section)
            let (notes, length) = try NoteSyntax.parseSpan(body, meter: meter, wholeTriplets: true)
            // `bass verse bar 3 = …` rewrites from bar 3, as a melody's bar line does.
            let change: String
            var overrun = "", typed = notes
            if let bar = try PartCommands.firstBar(invocation, "bass", section.name, example: "C2/2 G2/2") {
                try PartCommands.checkFits(section, from: bar, length: length, meter: meter)
                change = try song.writeLine(.bass, section.name, notes: notes, length: length, from: bar, author: workspace.author, at: workspace.clock())
                overrun = PartCommands.overran(section, .bass, from: bar, length: length, meter: meter)
                typed = PartCommands.placed(notes, from: bar, meter: meter)
            } else {
                change = try song.writeLine(.bass, section.name, notes: notes, author: workspace.author, at: workspace.clock())
            }
            workspace.song = song
            let written = song.section(named: section.name)?.bass?.notes ?? notes
            return "\(section.name) bass: \(written.count) \(written.count == 1 ? "note" : "notes"), range " + SectionView.range(of: written)
                + (change.hasPrefix("edited") ? " (\(change))" : "") + overrun + outOfCompass(notes, of: .bass)
                + outOfKey(typed, in: section, key: song.key(of: section), meter: meter)
        }
        try refuseWordsWithoutNotes("bass", section, invocation, example: "C2/2 G2/2")
        let mood = try invocation.mood()
        let style = invocation.value("style").flatMap(BassStyle.reading)
            ?? RequestDefaults.bassStyle(drums: mood == nil ? section.drums?.style : nil, mood: mood, energy: invocation.number("energy"))
        let seed = invocation.seed(workspace), count = invocation.count
        let name = section.name
        if let learned = try workspace.learnedStyle(invocation) {
            return try workspace.offer(rewriting: try invocation.rewriting(section, .bass), Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
                try BassGenerator.suggest(learned: learned, count: count, seed: seed, context: LineContext(song: song, section: try song.requireSection(name)))
            }, heading: { seed in "bass lines for \(name) — your style \(learned.name), seed \(seed)" }))
        }
        return try workspace.offer(rewriting: try invocation.rewriting(section, .bass), Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            try BassGenerator.suggest(style: style, count: count, seed: seed, context: LineContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in "bass lines for \(name) — \(style.rawValue), seed \(seed)" }))
    }

    /// `pad SECTION [style=plain|swell|shimmer] [n=3] [seed=…]`: sustained chord tones
    /// under the song, from the section's chords.
    static func pad(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let style = try invocation.value("style").flatMap(PadStyle.named)
            ?? RequestDefaults.padStyle(mood: invocation.mood(), energy: invocation.number("energy"))
        let seed = invocation.seed(workspace), count = invocation.count
        let name = section.name
        return try workspace.offer(rewriting: try invocation.rewriting(section, .pad), Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            try PadGenerator.suggest(style: style, count: count, seed: seed, context: LineContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in "pads for \(name) — " + (style.map { "\($0.rawValue), " } ?? "") + "seed \(seed)" }))
    }

    // MARK: Editing notes

    static func note(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let meter = song.meter(of: section)
        let (written, place) = GrooveCommands.thingAndPlace(invocation)
        let start = try GrooveCommands.position(place, section: section, meter: meter)
        let parsed = try NoteSyntax.parse(written, meter: meter)
        guard parsed.count == 1, var note = parsed.first else { throw SongModelError.badNote(written) }
        note.start = start
        let placed = PartContent.notes(section.melody?.notes ?? []).placing(note)
        try song.writeMelody(section.name, notes: placed.notes ?? [], author: workspace.author, at: workspace.clock())
        workspace.song = song
        return "\(note.pitch) at \(place) in \(section.name)"
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

    /// `transpose [song] STEPS` or `to=KEY`: the whole song, key and all;
    /// `transpose SECTION STEPS` or `to=KEY`: every pitched part of a section, which keeps
    /// its own key from then on; `transpose SECTION PART STEPS [diatonic]`: one part.
    static func transpose(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let usage = "transpose [song] STEPS [diatonic], transpose SECTION STEPS [diatonic], transpose SECTION PART STEPS [diatonic], or to=KEY instead of STEPS"
        // "up 2" and "down 3", as musicians say it, are +2 and -3 ("transpose song up 2" had
        // read "up" as a part).
        var words: [String] = []
        for word in invocation.arguments {
            if let last = words.last, ["up", "down"].contains(last.lowercased()), let steps = Int(word), steps >= 0 {
                words[words.count - 1] = last.lowercased() == "up" ? String(steps) : String(-steps)
            } else {
                words.append(word)
            }
        }
        var section: Section?
        if let first = words.first, Int(first) == nil {
            if first.lowercased() == "song" { words.removeFirst() } else { section = try song.requireSection(first); words.removeFirst() }
        }
        if let word = words.first, ["up", "down"].contains(word.lowercased()) {
            throw REPLError.missingArgument(command: "transpose", what: "a number of steps after \(word.lowercased()), e.g. `transpose \(section.map { $0.name + " " } ?? "")\(word.lowercased()) 2`", usage: usage)
        }
        let part = try words.first.flatMap { Int($0) == nil ? $0 : nil }.map { try PartKind(parsing: $0) }
        if part != nil { words.removeFirst() }
        func steps(_ text: String) throws -> Int {
            guard let steps = Int(text), (-24...24).contains(steps) else {
                throw REPLError.badValue(what: "steps", value: text, rule: "transpose by −24 to 24 steps, e.g. 2 or -3")
            }
            return steps
        }
        if let part, let section {
            guard let text = words.first else { throw REPLError.missingArgument(command: "transpose", what: "a number of steps", usage: usage) }
            let count = try steps(text)
            let diatonic = words.count > 1 && words[1].lowercased() == "diatonic"
            if words.count > (diatonic ? 2 : 1) {
                throw REPLError.extraArgument(command: "transpose", argument: words.last ?? "", usage: usage)
            }
            let before = song
            let change = try song.transpose(part, in: section.name, by: count, diatonic: diatonic, author: workspace.author, at: workspace.clock())
            workspace.song = song
            return "\(section.name) \(part) \(change)" + outOfReach(song, only: section.name, was: before)
        }
        if part != nil { throw REPLError.missingArgument(command: "transpose", what: "a section before the part", usage: usage) }
        let current = section.map { song.key(of: $0) } ?? song.key
        let count: Int
        var named: Key?
        if let target = invocation.option("to") {
            if let extra = words.first { throw REPLError.extraArgument(command: "transpose", argument: extra, usage: usage) }
            let key = try Commands.writtenKey(target)
            guard let semitones = Song.semitones(from: current, to: key) else {
                throw REPLError.badOptionValue(option: "to", value: target,
                                               rule: "transposing keeps the mode: the music is in \(current), so give a \(current.mode.name) key, e.g. to=\(current.transposed(semitones: 2))")
            }
            count = semitones
            named = key
        } else {
            guard let text = words.first else { throw REPLError.missingArgument(command: "transpose", what: "a number of steps or to=KEY", usage: usage) }
            count = try steps(text)
            // By scale steps: the key stays, the music moves within it.
            if words.count > 1 && words[1].lowercased() == "diatonic" {
                if words.count > 2 { throw REPLError.extraArgument(command: "transpose", argument: words[2], usage: usage) }
                guard count != 0 else { return "nothing changed: 0 scale steps" }
                let change = try song.transposeMusic(scaleSteps: count, only: section?.name, author: workspace.author, at: workspace.clock())
                workspace.song = song
                return "\(section?.name ?? "the song") \(change), still in \(current)"
            }
            if words.count > 1 { throw REPLError.extraArgument(command: "transpose", argument: words[1], usage: usage) }
        }
        guard count != 0 else { return "nothing changed: the music is already in \(current)" }
        let before = song
        let change = try song.transposeMusic(by: count, only: section?.name, to: named, author: workspace.author, at: workspace.clock())
        workspace.song = song
        let now = section.flatMap { song.section(named: $0.name) }.map { song.key(of: $0) } ?? song.key
        return "\(section?.name ?? "the song") \(change), now in \(now)" + outOfReach(song, only: section?.name, was: before)
    }

    /// "; note: the bass now reaches C♯1, under a four-string bass's low E …" when a
    /// transposition takes the bass under E1 or the melody outside C3–C6, where voices
    /// sing: it plays as written, and the writer hears the way back. Why: a band leader's
    /// `transpose to=E` put the bass on C♯1 and D♯1 with no word, and `transpose 13` went
    /// through silently.
    static func outOfReach(_ song: Song, only: String?, was before: Song) -> String {
        let sections = song.sections.filter { only == nil || $0.name == only }
        // Only what the move took out of reach: a part already there before is not said again.
        let earlier = before.sections.filter { only == nil || $0.name == only }
        var notes: [String] = []
        // The part's lowest and highest notes, and the sections where they pass the bound.
        func reach(_ kind: PartKind, under low: Int, over high: Int = 127) -> (low: Pitch, high: Pitch, sections: [String])? {
            let pitches = sections.flatMap { $0.notes(of: kind) ?? [] }.map(\.pitch)
            let was = earlier.flatMap { $0.notes(of: kind) ?? [] }.map(\.pitch.midi)
            if let lowest = was.min(), let highest = was.max(), lowest < low || highest > high { return nil }
            guard let lowest = pitches.min(by: { $0.midi < $1.midi }), let highest = pitches.max(by: { $0.midi < $1.midi }),
                  lowest.midi < low || highest.midi > high else { return nil }
            let names = sections.filter { section in (section.notes(of: kind) ?? []).contains { $0.pitch.midi < low || $0.pitch.midi > high } }.map(\.name)
            return (lowest, highest, names)
        }
        func others(_ names: [String]) -> String { names.count > 1 ? " (and so for \(names.dropFirst().joined(separator: ", ")))" : "" }
        if let bass = reach(.bass, under: lowestBass) {
            notes.append("the bass now reaches \(bass.low) in \(bass.sections.joined(separator: ", ")), under a four-string bass's low E (E1): "
                + "`transpose \(bass.sections[0]) bass 12`" + others(bass.sections) + " lifts it an octave")
        }
        if let melody = reach(.melody, under: voices.lowerBound, over: voices.upperBound) {
            let way = melody.high.midi > voices.upperBound ? "-12" : "12"
            notes.append("the melody now spans \(melody.low)–\(melody.high), outside the C3–C6 voices sing in (\(melody.sections.joined(separator: ", "))): "
                + "`transpose \(melody.sections[0]) melody \(way)`" + others(melody.sections) + " moves it an octave")
        }
        return notes.isEmpty ? "" : "; note: " + notes.joined(separator: "; ") + " — it plays as written"
    }

    /// A four-string bass's lowest note (E1) and the span voices sing in (C3–C6), MIDI.
    static let lowestBass = 28
    static let voices = 48...84

    /// The whole number of quarter beats nearest `beats`, as typed ("0.25", "-1.5", "2").
    static func nearestQuarterBeats(_ beats: Double) -> String {
        let nearest = max(0.25, (abs(beats) * 4).rounded() / 4) * (beats < 0 ? -1 : 1)
        return nearest == nearest.rounded() ? String(Int(nearest)) : String(nearest)
    }

    static func shift(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let part = try PartKind(parsing: invocation.arguments[1])
        guard let beats = Double(invocation.arguments[2]), abs(beats) <= 64, beats != 0 else {
            throw REPLError.badValue(what: "beats", value: invocation.arguments[2], rule: "shift by a number of beats, e.g. 1 or -0.5 (half a beat: an eighth note in 4/4)")
        }
        // A quarter of a beat at the finest (a sixteenth in 4/4): a note moved by 0.3 of a
        // beat lands where no note value writes it, and `show`, the MIDI file and the lead
        // sheet then disagreed about where it is.
        guard (beats * 4).rounded() == beats * 4 else {
            throw REPLError.badValue(what: "beats", value: invocation.arguments[2],
                                           rule: "shift in quarter beats (a sixteenth in 4/4), e.g. \(Self.nearestQuarterBeats(beats)) or 0.5")
        }
        let change = try song.shift(part, in: section.name, beats: beats, author: workspace.author, at: workspace.clock())
        workspace.song = song
        return "\(section.name) \(part) \(change)"
    }
}
