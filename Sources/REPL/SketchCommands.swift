import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel

/// Handlers for whole-song work: sketch, arc, why, transition.
enum SketchCommands {
    static let flags: [String: (option: String, takesValue: Bool)] = ["--accept": ("accept", false)]

    static func sketch(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let named = try invocation.option("mood").map { try moods(in: $0) } ?? []
        let mood = named.count == 1 ? named.first : nil
        let arc = try invocation.option("arc").map { try Arc.moods($0) } ?? (named.count > 1 ? named : [])
        let form = try invocation.option("form").map { text -> [String] in
            let names = text.split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0).lowercased() }
            guard names.count <= Limits.sketchSections else {
                throw SongModelError.overLimit(what: "sections in a sketch's form", count: names.count, limit: Limits.sketchSections,
                                               fix: "sketch the main sections, then `copy` and `arrange` them")
            }
            for name in names { _ = try Section.validName(name) }
            return names
        }
        var key = try invocation.option("key").map { try Commands.writtenKey($0) }
        let tempo = invocation.whole("tempo")
        let seed = invocation.seed(workspace)
        // The quoted text is read as a prompt too: what it understands shapes the draft
        // (options given by name win); a text it understands nothing of is only a title.
        let text = invocation.option("prompt") ?? invocation.arguments.first
        let reading = text.map(PromptReader.read)
        let prompt = reading.flatMap { $0.isEmpty ? nil : $0 }
        // A key in the words ("in A minor") is the key unless key= names one.
        if key == nil { key = prompt?.key }
        let asked = (["sketch"] + invocation.options.filter { $0.key != "seed" && $0.key != "accept" }.map { "\($0.key)=\($0.value)" })
            .joined(separator: " ")
        // As provenance records it: the options, the prompt when the title was read as one, the seed.
        let prefix = prompt != nil && invocation.option("prompt") == nil ? asked + " prompt=\"\(text ?? "")\"" : asked
        let learned = try workspace.learnedStyle(invocation)
        let line = prefix + (learned.map { " style=\($0.name)" } ?? "") + " seed=\(seed)"
        // `style=` names a genre as the words do (`style=funk` is `sketch "funk"`): its
        // harmony, groove, band, pace and meter. It had given the harmony alone: a newcomer's
        // `style=funk` played the soul band's neo-soul groove on an electric piano, the same
        // to the sample as `style=soul`, where the words' "funk" brings the funk groove and a
        // clavinet. A learned style of that name comes first.
        let genre = learned == nil ? invocation.option("style").flatMap(genreWords) : nil
        let style = genre?.style ?? invocation.option("style") ?? prompt?.style
        var request = SketchRequest(mood: mood ?? (arc.isEmpty && prompt?.arc.isEmpty != false ? prompt?.mood : nil),
                                    arc: arc.isEmpty && mood == nil ? prompt?.arc ?? [] : arc, form: form, style: style, key: key,
                                    tempo: tempo ?? prompt?.tempo, seed: seed, line: line)
        if let meter = try invocation.option("meter").map({ try Meter(parsing: $0) }) ?? prompt?.meter { request.meter = meter }
        request.learned = learned
        request.energy = invocation.number("energy")
        if let prompt {
            request.energyShift = max(-0.2, min(0.2, prompt.energy))
            request.drums = prompt.drums
            request.groove = prompt.groove
            request.colour = prompt.colour?.style
            request.pad = prompt.instruments[.pad] != nil
            request.guitarChords = prompt.instruments[.chords].map { Instrument(program: $0.program).isGuitar } ?? false
            request.pace = prompt.pace
            request.sectionAims = prompt.sectionAims
            if key == nil { request.minor = prompt.minor }
        }
        if let genre {
            // The option wins over the words for what a style sets; the words keep the rest.
            request.groove = genre.groove
            if genre.drums != .auto { request.drums = genre.drums }
            if request.pace == nil { request.pace = genre.pace }
            if prompt?.style == nil { request.energyShift = max(-0.2, min(0.2, request.energyShift + genre.energy)) }
            if invocation.option("meter") == nil, prompt?.meter == nil, let meter = genre.meter { request.meter = meter }
            if key == nil, request.minor == nil { request.minor = genre.minor }
            if genre.instruments[.pad] != nil { request.pad = true }
        }
        let draft = try Sketcher.draft(request, shouldStop: workspace.isCancelled)
        // A mood or arc given by name wins over one in the words, and the line says so.
        let overruled = reading.flatMap { $0.moods.isEmpty ? nil : invocation.option("arc").map { "arc=\($0)" } ?? invocation.option("mood").map { "mood=\($0)" } }
        let understood = reading.map { understanding($0, draft: draft, request: request, overruledBy: overruled) }
        var note = understood.map { $0 + "\n" } ?? ""
        // `style=` over a style in the words is said, as a mood option over the words' mood
        // is (a newcomer's "late night lo-fi" with style=waltz had lost its lo-fi band with
        // no word).
        if let option = invocation.option("style"), learned == nil, let worded = prompt?.style,
           (genre?.style ?? HarmonyStyle.named(option)?.name) != worded || (genre != nil && genre?.groove != prompt?.groove) {
            note += "(style=\(echoed(option)) wins over the words' \(echoed(prompt?.stylePhrase ?? worded)): the harmony, groove and band are \(echoed(option))'s)\n"
        }
        // A groove the words name that the song's meter has no place for: said, not claimed.
        if let groove = request.groove, !draft.sections.isEmpty, draft.sections.allSatisfy({ $0.drums == nil || $0.drums?.style != groove }),
           draft.sections.contains(where: { $0.drums != nil }) {
            let played = draft.sections.compactMap { $0.drums?.style?.rawValue }.first ?? ""
            note += "(the \(groove.rawValue) groove is not played in \(draft.meter): the drums play the \(played) groove)\n"
        }
        // The style's band plays the parts the words gave no instrument (a learned style
        // keeps the mood's: it has no band of its own).
        // The instruments the words name, and under them those the style's word brings.
        let wordsNamed = (genre?.instruments.mapValues(\.program) ?? [:]).merging(prompt?.instruments.mapValues(\.program) ?? [:]) { _, words in words }
        let band = learned == nil ? StyleBand.instruments(style: style, besides: wordsNamed) : [:]
        if !band.isEmpty, let style = HarmonyStyle.named(style ?? "")?.name {
            note += "played by the \(style) band: \(StyleBand.describe(band)) (`instrument PART NAME` changes one)\n"
        }
        // A text of two or more words, all of which Cowrite reads ("start calm, build
        // tension, end triumphant"), is a request, not a name: the song is "Sketch N" until
        // named. One word ("Waltz") may well be the title, and stays both.
        let words = text?.split { $0 == " " || $0 == "," }.count ?? 0
        let onlyPrompt = invocation.option("prompt") == nil && words >= 2 && reading.map { !$0.isEmpty && $0.unknown.isEmpty } == true
        let title = invocation.option("title") ?? (onlyPrompt ? nil : invocation.arguments.first)
        var cameFrom: String?
        // An empty song an earlier sketch made to hold its draft is this sketch's own too.
        let heldEarlierDraft = workspace.pending.map { $0.isSketch && $0.madeSong && !$0.accepted } == true
            && workspace.song?.sections.isEmpty == true
        var madeSong = heldEarlierDraft
        // The song a sketch holds its draft in: named, keyed and timed as the draft.
        func holding(_ title: String) -> Song {
            Song(title: title, authors: [workspace.author], key: draft.key, tempo: draft.tempo, meter: draft.meter, mood: draft.mood,
                 id: workspace.songIDs())
        }
        if heldEarlierDraft {
            workspace.song = holding(title ?? "Sketch \(seed)")
        } else if workspace.song == nil || !(workspace.song?.sections.isEmpty ?? true) {
            madeSong = true
            let title = title ?? "Sketch \(seed)"
            let held = try workspace.hold(in: holding(title), after: "sketch")
            note += held.note
            cameFrom = held.cameFrom
            if onlyPrompt && invocation.option("title") == nil {
                note += "titled \(quoted(title)), as every word was read as the prompt — `set title=\"…\"` names it\n"
            }
        }
        let first = draft, asking = request, drawn = LastDraft()
        var pending = Pending(section: "all", seed: seed, count: 1, limit: 1, draw: { _, _, seed in
            var again = asking
            (again.seed, again.line) = (seed, prefix + " seed=\(seed)")
            let draft = seed == asking.seed ? first : try Sketcher.draft(again)
            drawn.keep(draft, seed: seed)
            return [Suggestion(label: "a \(draft.form.count)-section draft in \(draft.key) at \(draft.tempo) bpm", reasons: [],
                               origin: .generator("sketch", version: Sketcher.version, seed: seed, parameters: ["request": again.line]),
                               content: .sketch(draft))]
        }, heading: { seed in
            // `again` draws key and tempo with the new seed: the words' reading said again
            // with the new draft's, so the change is not a quiet one (a newcomer's E at 90
            // became A at 115 with no word of what the words still meant).
            // The draft the listing shows, as `draw` kept it: not drawn a second time.
            guard seed != asking.seed, let reading, let draft = drawn.draft(seed: seed) else { return "" }
            return understanding(reading, draft: draft, request: asking, overruledBy: overruled)
        })
        pending.title = title
        pending.cameFrom = cameFrom ?? (heldEarlierDraft ? workspace.pending?.cameFrom : nil)
        pending.madeSong = madeSong
        pending.instruments = band.merging(wordsNamed) { _, named in named }
        pending.redraw = retyped(invocation)
        let listing = try workspace.offer(pending)
        // Accepting goes through the prompt's own path, so it is one undoable, autosaved step.
        if try invocation.switchOn("accept") { return note + (try workspace.perform("accept all")) }
        return note + listing.dropFirst()
    }

    /// What `style=WORD` means when the word is a genre the prompt reader knows (`funk`,
    /// `lo-fi`, `bossa nova`): its reading, as the word in a prompt would be read; nil for
    /// a word it does not read as a style.
    static func genreWords(_ word: String) -> PromptReading? {
        let reading = PromptReader.read(word)
        return reading.style != nil && reading.unknown.isEmpty && reading.moods.isEmpty ? reading : nil
    }

    /// What `style=WORD` is said back as on a sketch: "soul, the funk groove, more energy,
    /// clavinet chords"; nil when it is a harmony style's own name and brings nothing more.
    static func genreMeaning(_ word: String) -> String? {
        guard let reading = genreWords(word), let said = reading.understood.first else { return nil }
        let meaning = said.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? said
        return meaning == word.lowercased() ? nil : meaning
    }

    /// The sketch as typed, but for its seed and `--accept`: `sketch "rain on glass"
    /// arc="calm->triumphant"` (a value with a space, comma, quote or arrow in quotes).
    static func retyped(_ invocation: Invocation) -> String {
        func typed(_ value: String) -> String {
            value.contains { " ,\"<>".contains($0) } ? "\"" + value.replacingOccurrences(of: "\"", with: "'") + "\"" : value
        }
        let options = invocation.options.filter { $0.key != "seed" && $0.key != "accept" }.map { "\($0.key)=\(typed($0.value))" }
        return (["sketch"] + invocation.arguments.prefix(1).map { "\"" + $0.replacingOccurrences(of: "\"", with: "'") + "\"" } + options)
            .joined(separator: " ")
    }

    /// What a sketch's `mood=` names: one mood (a name or a synonym), or moods in words,
    /// two or more of which are an arc (`mood="start calm, end triumphant"` is
    /// calm->triumphant), read as a prompt's moods are. A word it does not know is an error
    /// that quotes the word, so a typo is not silently dropped from the arc.
    static func moods(in text: String) throws -> [Mood] {
        if let mood = try? Mood(parsing: text) { return [mood] }
        let reading = PromptReader.read(text)
        // The first word it does not know, or the whole text, fails as `mood=` does.
        guard !reading.moods.isEmpty, reading.unknown.isEmpty else { return [try Mood(parsing: reading.unknown.first ?? text)] }
        return reading.moods
    }

    /// One line of what the prompt was understood as, as the draft has it ("calm ·
    /// ambient (cinematic) · piano chords · 68 bpm · no drums until the chorus"), and the
    /// words it did not understand; or, when it understood none, that it is only a title.
    static func understanding(_ reading: PromptReading, draft: SketchDraft, request: SketchRequest, overruledBy option: String? = nil) -> String {
        let unknown = reading.unknownSaid
        guard !reading.isEmpty else {
            // Said what the draft then is: a title of words Cowrite does not know ("eerie",
            // before it knew it) had drafted a hopeful pop song with nothing said.
            let moods = Array(Set(draft.sections.compactMap(\.mood))).sorted { $0.rawValue < $1.rawValue }
            let defaulted = request.mood == nil && request.arc.isEmpty && moods.count == 1
                ? ", so the draft is \(moods[0].rawValue), the default: a mood in the words or `mood=` sets one" : ""
            return "(the title is not read as a prompt: none of its words is one Cowrite knows\(defaulted) — `help prompts` lists the words)"
        }
        var parts = reading.understood
        // Words aimed at a part the form does not have: said, not claimed.
        let roles = Set(draft.form.map { SectionRole(name: $0) })
        for role in reading.sectionAims.keys.sorted(by: { $0.word < $1.word }) where !roles.contains(role) {
            parts.append("(the form has no \(role.word): `form=` adds one)")
        }
        if reading.tempo == nil { parts.append("\(draft.tempo) bpm") }
        if reading.key == nil { parts.append("in \(draft.key)") }
        if !request.arc.isEmpty { parts.append("arc " + request.arc.map(\.rawValue).joined(separator: "->")) }
        let wins = option.map { "; \(echoed($0)) wins over the words' " + (reading.arc.isEmpty ? "mood" : "arc") } ?? ""
        return "understood: " + parts.joined(separator: " · ") + wins + (unknown.isEmpty ? "" : "; not understood: " + unknown)
    }

    static func describe(_ draft: SketchDraft, seed: UInt64) -> String {
        let meter = draft.meter == .fourFour ? "" : " in \(draft.meter)"
        var lines = ["sketch in \(draft.key) at \(draft.tempo) bpm\(meter)\(draft.meter.tempoInQuarters(draft.tempo)) — seed \(seed)",
                     "  form: " + draft.form.joined(separator: " ")]
        for section in draft.sections {
            let parts = section.kinds.map(\.rawValue).joined(separator: ", ")
            let chords = section.chords?.changes.prefix(4).map(\.symbol).joined(separator: " ") ?? ""
            lines.append(String(format: "  %@ %2d bars  %@, energy %.2f, tension %.2f, %@: %@ (%@ …)",
                                section.name.rightPadded(to: 10), section.bars, section.mood?.rawValue ?? "",
                                section.energy ?? 0, section.tension ?? 0, handovers(section), parts, chords))
        }
        if let played = asPlayed(draft) { lines.append("  as played (how big each playing is): " + played) }
        return lines.joined(separator: "\n")
    }

    /// How big each playing of the form is, as the render plays it (`SectionLevels`: a
    /// section's own energy blended with the arc's trend where it plays, so a chorus on a
    /// rising arc comes back bigger): "intro ▁ verse ▂ chorus ▅ … chorus 3 █", a bar from
    /// the quietest playing to the loudest. Nil for a form without repeats, where the
    /// sections' own energies say it. Why: on "start calm, build tension, end triumphant"
    /// a newcomer read "chorus … triumphant, energy 0.85" and took the first chorus for
    /// the peak; one chorus is written, and its playings build.
    static func asPlayed(_ draft: SketchDraft) -> String? {
        guard Set(draft.form).count < draft.form.count else { return nil }
        var song = Song(title: "", key: draft.key, tempo: draft.tempo, meter: draft.meter, mood: draft.mood)
        song.sections = draft.sections
        song.arrangement = draft.form
        guard let energies = SectionLevels.energies(song: song, form: draft.form),
              let low = energies.min(), let high = energies.max() else { return nil }
        let bars = Array("▁▂▃▄▅▆▇█")
        let names = Performance.playingNames(of: draft.form)
        return zip(names, energies).map { name, energy in
            let step = high > low ? Int(((energy - low) / (high - low) * Double(bars.count - 1)).rounded()) : bars.count - 1
            return "\(name) \(bars[step])"
        }.joined(separator: " ")
    }

    /// A section's hand-overs in a few words: "build into chorus, fill into verse".
    static func handovers(_ section: Section, in song: Song? = nil) -> String {
        let words = SectionView.handovers(section, in: song)
        return words.isEmpty ? "straight on" : words.joined(separator: ", ")
    }

    /// Applies a draft (or one section of it) to the song, its parts accepted at `date`.
    static func apply(_ draft: SketchDraft, only: String?, title: String? = nil, instruments: [PartKind: Int] = [:], madeSong: Bool = false,
                      to song: inout Song, at date: Date) throws -> String {
        var changed = ""
        if only == nil {
            // Instruments the prompt named ("piano", "strings") play their parts.
            for (part, program) in instruments.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                song.updateSettings(for: part) { $0.program = program }
            }
            // The sketch asked for by name names the song, even when an earlier sketch's
            // empty song was still open.
            if let title {
                let trimmed = title.trimmingSpaces
                if !trimmed.isEmpty { try Song.checkText(trimmed, field: "title"); song.title = trimmed }
            }
            // An empty song the writer made with `new` takes the sketch's key and tempo: said,
            // with the option that keeps the writer's instead (an outside check found a
            // key=C song in A at 70 bpm after `sketch --accept`, and nothing said so).
            // (A song the sketch made has the draft's own; nothing to say.)
            if !madeSong && (song.key != draft.key || song.tempo != draft.tempo) {
                // A modal key ("D dorian") is quoted, as the option is typed.
                let key = song.key.description.contains(" ") ? "\"\(song.key)\"" : song.key.description
                changed = "; the song is now in \(draft.key) at \(draft.tempo) bpm (it was in \(song.key) at \(song.tempo) bpm:"
                    + " `sketch … key=\(key) tempo=\(song.tempo)` keeps them)"
            }
            song.key = draft.key
            song.tempo = draft.tempo
            try song.setSongMeter(draft.meter)
            song.mood = draft.mood
        }
        for var section in draft.sections where only == nil || section.name == only {
            // One section into a song in another meter keeps the draft's meter as its own.
            if song.meter != draft.meter { section.meter = draft.meter }
            try song.place(section, acceptedAt: date)
        }
        if only == nil {
            try song.arrange(draft.form)
            // Listed in the draft's order, whatever was accepted first: a section taken on
            // its own before `accept all` had stayed at the top of `song` and `credits`.
            let order = draft.sections.map(\.name)
            let placed = song.sections.enumerated().sorted { a, b in
                let (x, y) = (order.firstIndex(of: a.element.name) ?? Int.max, order.firstIndex(of: b.element.name) ?? Int.max)
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
            if placed.map(\.name) != song.sections.map(\.name) { song.sections = placed }
        }
        guard only == nil || draft.sections.contains(where: { $0.name == only }) else {
            // `accept al` most likely meant the whole draft.
            throw SongModelError.unknownSection(only ?? "", suggestion: closest(to: only ?? "", in: draft.sections.map(\.name) + ["all"]),
                                                known: draft.sections.map(\.name))
        }
        return only.map { "accepted the sketch's \($0)" }
            ?? "accepted the whole sketch: \(counted(draft.sections.count, "section")), form \(draft.form.joined(separator: " "))" + changed
    }

    static func arc(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let text = invocation.arguments.joined(separator: " ")
        var lines: [String] = []
        let redraw = try invocation.switchOn("redraw")
        let before = song
        let points = invocation.options.filter { $0.key != "redraw" }
        // An "=" left among the words is no SECTION=MOOD point: `arc calm => triumphant` had
        // set an arc of no points and said "arc set".
        if points.isEmpty && text.contains("=") {
            throw text.contains("=>")
                ? REPLError.refused("\"\(echoed(text))\": moods are joined by ->, e.g. `arc \(echoed(text.replacingOccurrences(of: "=>", with: "->")))`")
                : REPLError.refused("\"\(echoed(text))\": write moods joined by -> (`arc calm -> triumphant`) or sections with their moods (`arc verse=sad chorus=dark`)")
        }
        if points.count > 0 {
            // Words beside SECTION=MOOD points are neither: refused, not left out.
            if let stray = invocation.arguments.first {
                throw REPLError.refused("\"\(echoed(stray))\" is not a SECTION=MOOD point: give each section its mood (`arc verse=sad chorus=hopeful`), or moods joined by -> alone (`arc calm -> triumphant`)")
            }
            for (name, value) in points {
                let section = try song.requireSection(name)
                let mood = try Mood(parsing: value)
                try song.setArcPoint(of: section.name, mood: mood, energy: Arc.energy(of: mood), tension: Arc.tension(of: mood))
                lines.append(String(format: "%@: %@, energy %.2f, tension %.2f", section.name, mood.rawValue, Arc.energy(of: mood), Arc.tension(of: mood)))
            }
        } else {
            let moods = try Arc.moods(text)
            guard !moods.isEmpty else { throw REPLError.missingArgument(command: "arc", what: "moods", usage: "arc calm -> tense -> triumphant") }
            for point in Arc.points(moods: moods, form: song.form, bars: { song.section(named: $0)?.bars ?? 8 }) {
                try song.setArcPoint(of: point.section, mood: point.mood, energy: point.energy, tension: point.tension)
                lines.append(String(format: "%@: %@, energy %.2f, tension %.2f", point.section, point.mood.rawValue, point.energy, point.tension))
            }
        }
        // Hand-overs follow the new energies.
        let form = song.form
        for name in Set(form) {
            let energy = song.section(named: name)?.energy ?? 0.5
            let (handovers, ending) = Arc.handovers(of: name, energy: energy, form: form) { song.section(named: $0)?.energy ?? 0.5 }
            try song.setHandovers(of: name, handovers, ending: ending)
        }
        // Sections whose mood changed: with redraw=yes the engine's parts there are written
        // again for it; without, they stay as they are and the line says so.
        let changed = song.sections.filter { section in
            section.hasParts && before.section(named: section.name).flatMap { before.mood(of: $0) } != song.mood(of: section)
        }.map(\.name)
        // With redraw=yes, so are sections whose engine parts were written for another mood
        // than the one they have now: the same arc set again with redraw=yes, after a first
        // `arc` that left them, had redrawn nothing and said only "arc set".
        let stale = redraw ? song.sections.filter { !changed.contains($0.name) && writtenForAnotherMood($0, in: song) }.map(\.name) : []
        var tail = ""
        if redraw && !(changed + stale).isEmpty {
            tail = "\nredrawn for the new arc (each part's own seed; `undo` takes it all back):\n"
                + (try Redraw.sections(song.sections.map(\.name).filter { (changed + stale).contains($0) }, in: &song, at: workspace.clock())).joined(separator: "\n")
        } else if redraw {
            tail = "\nnothing to redraw: every part the engine wrote was written for its section's mood as it is now"
        } else if !changed.isEmpty {
            tail = "\nthe parts of \(changed.joined(separator: ", ")) stay as they were written (`why SECTION` says for which mood); `arc … redraw=yes` writes the engine's parts again for the new arc"
            let engineWrote = changed.contains { name in
                song.section(named: name)?.parts.values.contains { $0.provenance.isEnginesAlone } == true
            }
            if engineWrote && invocation.option("redraw") == nil {
                workspace.followUp = Workspace.FollowUp(question: "Redraw the engine's parts of \(changed.joined(separator: ", ")) for the new arc? [y/N] ",
                                                        addition: "redraw=yes")
            }
        }
        workspace.song = song
        return "arc set — the generators and the render now read each section's point:\n" + lines.map { "  " + $0 }.joined(separator: "\n") + tail
    }

    /// Whether any part the engine wrote in `section`, unedited, was written for a mood other
    /// than the section's mood now (its provenance names the mood it was asked for).
    static func writtenForAnotherMood(_ section: Section, in song: Song) -> Bool {
        // A part asked for with no mood records "none".
        let mood = song.mood(of: section)?.rawValue ?? "none"
        return section.parts.values.contains { part in
            guard part.provenance.isEnginesAlone, let madeFor = part.provenance.origin.parameters?["mood"] else { return false }
            return madeFor != mood
        }
    }

    /// `transition FROM TO KIND`: how FROM hands over to TO (a section, or `end` for the
    /// end of the song), or `transition FROM any KIND` into whatever follows.
    static func transition(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let from = try song.requireSection(invocation.arguments[0])
        let target = invocation.arguments[1].lowercased()
        let kind = try Transition(parsing: invocation.arguments[2])
        if song.section(named: target) == nil && (target == "end" || target == "any") {
            try song.setTransition(kind, from: from.name, atEnd: target == "end")
            workspace.song = song
            return target == "end" ? "\(from.name) ends the song with \(kind.phrase)" : "\(from.name) hands over to whatever follows with \(kind.phrase)"
        }
        let to = try song.requireSection(target)
        try song.setTransition(kind, from: from.name, to: to.name)
        workspace.song = song
        let follows = song.sections(following: from.name).contains(to.name)
        return "\(from.name) hands over to \(to.name) with \(kind.phrase)"
            + (follows ? "" : " (\(to.name) does not follow \(from.name) in the form yet; it applies once it does)")
            + playsOverFill(from, kind, into: to.name)
    }

    /// Said where a hand-over that reshapes the drums' last bar (a build, drop or fill)
    /// plays over a fill the writer put there with `fill`: the render plays the hand-over,
    /// as the drum grid (the part as written) does not show. Why: a composer's toms fill
    /// drawn in `show` was played as a drop, unsaid.
    static func playsOverFill(_ section: Section, _ kind: Transition, into next: String) -> String {
        guard kind.isDrummers, let fill = section.writtenFill else { return "" }
        return "\nnote: \(kind.phrase) plays over the \(fill) fill you put in \(section.name)'s last bar, where it hands over to \(next)"
            + " — `transition \(section.name) \(next) none` lets your fill play there"
    }

    /// Why a section's chords stay open when its name expects them to close: the tension
    /// the request read (`RequestDefaults.cadence(for:)`).
    static func cadenceReason(_ cadence: String, _ section: Section) -> String {
        guard cadence == Cadence.open.rawValue, Cadence.expected(for: section.name) != .open,
              let tension = section.tension, tension > RequestDefaults.openTension else { return "" }
        return String(format: " (tension %.2f leaves it on V)", tension)
    }

    /// " — lifted above the verse's 80" when a chorus melody's mean velocity measures above
    /// the first verse's; nothing when it does not, or there is no verse melody to compare.
    static func lift(of mean: Int, in section: Section, song: Song) -> String {
        guard SectionRole(name: section.name) == .chorus,
              let notes = song.sections.first(where: { SectionRole(name: $0.name) == .verse })?.melody?.notes,
              !notes.isEmpty else { return "" }
        let verse = notes.map(\.velocity).reduce(0, +) / notes.count
        return mean > verse ? " — lifted above the verse's \(verse)" : ""
    }

    /// Where the section's tempo comes from, against its mood's range: a tempo inside it
    /// needs no more; one outside it is the song's, which a sketch chose for its opening
    /// mood and keeps through the whole arc ("81 bpm" beside "triumphant mood's range
    /// 96–126" had read as a mistake), the section's own, or set outside the range.
    static func tempoReason(song: Song, section: Section, mood: Mood?) -> String {
        // A mood's range is in quarter notes; a meter counted in eighths (7/8) is compared
        // by its quarters, as the sketch drew it ("152 bpm" in 7/8 had been called outside
        // a 66–96 range it sits in at 76 quarters a minute).
        let meter = song.meter(of: section), written = song.tempo(of: section), range = MoodProfile.of(mood).tempo
        let eighths = meter.ticksPerBeat < MusicalTime.ticksPerQuarter
        let tempo = eighths ? Int(meter.quarterTempo(beatsPerMinute: written).rounded()) : written
        let said = eighths ? "tempo \(written) bpm (\(tempo) quarter notes a minute)" : "tempo \(written) bpm"
        // In a meter counted in eighths the ranges are said in quarter notes, as compared
        // ("154 bpm … range 66–96" had mixed the two).
        func span(_ range: ClosedRange<Int>) -> String { "\(range.lowerBound)–\(range.upperBound)" + (eighths ? " quarter notes a minute" : "") }
        // No mood set: the range is the one every request without a mood uses ("outside the
        // the mood's range" had been printed).
        func moodRange(the: Bool) -> String {
            mood.map { (the ? "the " : "") + "\($0.rawValue) mood's range \(span(range))" } ?? "the usual range \(span(range)), no mood set"
        }
        let usual = mood.map { "the \($0.rawValue) mood's usual \(span(range))" } ?? "the usual \(span(range)), no mood set"
        if section.tempo != nil {
            return "\(said), this section's own (the song's is \(song.tempo); \(moodRange(the: false)))"
        }
        if range.contains(tempo) { return "\(said) (\(moodRange(the: false)))" }
        if let songMood = song.mood, songMood != mood, MoodProfile.of(songMood).tempo.contains(tempo) {
            return "\(said), the song's, in its \(songMood.rawValue) mood's range \(span(MoodProfile.of(songMood).tempo))"
                + " (\(mood?.rawValue ?? "no mood")'s is \(span(range)): one tempo carries the whole song; `set \(section.name) tempo=…` gives this section its own)"
        }
        // A sketch's tempo outside its mood's range was put there by its words: a groove
        // they named ("bossa nova") or a pace ("ballad", "punk"). Said so, as the choice it
        // was (a newcomer read "outside the sad mood's range" under a sketch's own tempo as
        // the tool finding fault with itself).
        let side = tempo < range.lowerBound ? "slower" : "faster"
        if let groove = section.drums?.style.map(DrumStyle.style), groove.tempo.contains(tempo), let words = sketchWords(section)?.groove,
           words == groove.id {
            return "\(said), the song's, in the \(groove.id.rawValue) groove's range \(span(groove.tempo)), as the words asked — \(side) than \(usual)"
        }
        if let pace = sketchWords(section)?.pace, pace != .medium, (pace == .slow) == (tempo < range.lowerBound) {
            return "\(said), the song's: \(side) than \(usual), as the words asked (\(pace.rawValue))"
        }
        // Another section's mood whose range holds the tempo: the arc's, which the song
        // keeps throughout (an edm arc plays at its loudest mood's tempo from the start).
        if let other = song.sections.compactMap({ song.mood(of: $0) }).filter({ $0 != mood && MoodProfile.of($0).tempo.contains(tempo) })
            .max(by: { MoodProfile.of($0).velocity < MoodProfile.of($1).velocity }) {
            return "\(said), the song's, in the \(other.rawValue) mood's range \(span(MoodProfile.of(other).tempo)) of its arc"
                + " (\(mood?.rawValue ?? "no mood")'s is \(span(range)): one tempo carries the whole song; `set \(section.name) tempo=…` gives this section its own)"
        }
        return "\(said), the song's, outside \(moodRange(the: true))"
    }

    /// The words a sketched section was drawn from (`prompt="…"` in the sketch line its
    /// parts record), read again; nil for a section the engine did not sketch from words.
    static func sketchWords(_ section: Section) -> PromptReading? {
        guard let line = section.chords?.provenance.origin.parameters?["sketch"], let start = line.range(of: "prompt=") else { return nil }
        var words = line[start.upperBound...]
        // Quoted when the title was read as the prompt; as typed, up to the seed, when given as `prompt=`.
        if words.first == "\"", let end = words.dropFirst().firstIndex(of: "\"") {
            words = words[words.index(after: words.startIndex)..<end]
        } else if let seed = words.range(of: " seed=") {
            words = words[..<seed.lowerBound]
        }
        return PromptReader.read(String(words))
    }

    /// How the section's key sits with its mood: " — this mood leans minor" where they
    /// agree; where they do not and the song's last section has a mood that leans as the
    /// key does, that this is the song's key, chosen for the mood it ends on. Why: a
    /// newcomer's "start sad, end hopeful" verse read "key F#, major — this mood leans
    /// minor", which said the key was wrong.
    static func keyLean(song: Song, section: Section, mood: Mood?) -> String {
        guard let mood else { return "" }
        let leansMinor = MoodProfile.of(mood).minorPreference > 0.5, isMinor = song.key(of: section).isMinor
        if leansMinor == isMinor { return leansMinor ? " — this mood leans minor" : "" }
        let last = (song.arrangement?.last ?? song.sections.last?.name).flatMap { song.section(named: $0) }
        if section.key == nil, let last, let ending = song.mood(of: last), ending != mood, (MoodProfile.of(ending).minorPreference > 0.5) == isMinor {
            return " — this mood leans \(leansMinor ? "minor" : "major"); the key is the song's, \(isMinor ? "minor" : "major") as the \(ending.rawValue) mood it ends on"
        }
        return " — this mood leans \(leansMinor ? "minor" : "major")"
    }

    /// `why SECTION`: how mood and arc shaped the section, from the data the generators used.
    static func why(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        // A sketch's listing offers `why SECTION` before `accept`: a section only the
        // waiting draft has is explained from the draft, and said to be one.
        var heading = ""
        if song.section(named: invocation.arguments[0]) == nil, let pending = workspace.pending,
           case .sketch(let draft)? = pending.suggestions.first?.content {
            var preview = song
            _ = try apply(draft, only: nil, title: nil, instruments: pending.instruments, to: &preview, at: workspace.clock())
            song = preview
            heading = "(from the waiting draft: `accept all` takes it)\n"
        }
        let section = try song.requireSection(invocation.arguments[0])
        let mood = song.mood(of: section)
        var lines = ["\(section.name):"]
        lines.append("  mood \(mood?.rawValue ?? "none")" + String(format: ", energy %.2f, tension %.2f", section.energy ?? 0.5, section.tension ?? 0.5)
                     + " — " + (section.energy.map { $0 > 0.6 ? "a high point" : ($0 < 0.35 ? "a quiet stretch" : "the middle of the arc") } ?? "no arc set"))
        lines.append("  " + tempoReason(song: song, section: section, mood: mood) + "; key \(song.key(of: section)), \(song.key(of: section).isMinor ? "minor" : "major")"
                     + keyLean(song: song, section: section, mood: mood))
        if let chords = section.chords {
            let origin = chords.provenance.origin
            let parameters = origin.parameters ?? [:]
            // Explained by the mood they were written for, which an `arc` or `set` since
            // may have changed: the chart does not change with the label.
            // The mood's lean in the words a suggestion's reason uses, not its weights (a
            // newcomer read "minor chords ×0.5 as likely" as a statistic).
            let madeFor = parameters["mood"].flatMap { Mood(rawValue: $0) }
            let style = parameters["style"].flatMap(HarmonyStyle.named) ?? RequestDefaults.harmonyStyle(for: madeFor)
            let weights = origin.kind == .generator
                ? "; written for " + (madeFor.map { "the \($0) mood — " + ProgressionGenerator.moodReason($0, style: style) } ?? "no mood")
                : "; written by \(origin.name)"
            // The first eight, and "…" where more follow (a 16-chord bridge's list had ended
            // on its eighth chord, beside "cadence open", as if that closed it).
            lines.append("  chords " + chords.changes.prefix(8).map(\.symbol).joined(separator: " ")
                         + (chords.changes.count > 8 ? " … (\(chords.changes.count) chords)" : "")
                         + (parameters["style"].map { " — \($0) style" } ?? "")
                         + (parameters["cadence"].map { ", cadence \($0)" + cadenceReason($0, section) } ?? "")
                         + (parameters["rate"].map { ", \($0) a bar" + ((section.tension ?? 0) > RequestDefaults.quickTension ? " (tension quickens the harmony)" : "") } ?? "")
                         + weights)
            if origin.kind == .generator, let madeFor, madeFor != mood {
                lines.append("  the chords were written for \(madeFor), not for \(mood?.rawValue ?? "no mood") as the section is now: `chords \(section.name)` asks for \(mood?.rawValue ?? "its") chords")
            }
        }
        if let drums = section.drums {
            let parameters = drums.provenance.origin.parameters ?? [:]
            lines.append("  drums \(parameters["learned"].map { "your style \($0)" } ?? drums.style?.rawValue ?? "by hand")" + (parameters["energy"].map { ", energy \($0)" } ?? "")
                         + ", \((drums.timing?.feel ?? .on).described), \(drums.hits.count / max(section.bars, 1)) hits a bar")
        } else {
            lines.append("  no drums" + ((section.energy ?? 1) < 0.35 ? ": the energy is too low for the kit to come in" : ""))
        }
        if let melody = section.melody {
            let velocities = melody.notes.map(\.velocity)
            if melody.provenance.origin.kind == .generator, let madeFor = melody.provenance.origin.parameters?["mood"].flatMap({ Mood(rawValue: $0) }),
               madeFor != mood {
                lines.append("  the melody was written for \(madeFor), not for \(mood?.rawValue ?? "no mood"): `melody \(section.name)` asks for a new one")
            }
            let mean = velocities.reduce(0, +) / max(velocities.count, 1)
            // As written: the render plays each playing at its level (`SectionLevels`), and
            // song.mid carries the velocities as played (a newcomer read the chorus's 104
            // against its MIDI's 109–117 and took the figure for wrong).
            lines.append("  melody range \(SectionView.range(of: melody.notes)), \(melody.notes.count) notes, mean velocity \(mean) as written"
                         + lift(of: mean, in: section, song: song)
                         + (song.sections.contains { $0.energy != nil } ? " (song.mid has them as each playing plays them)" : ""))
        }
        lines.append("  hands over: " + handovers(section, in: song))
        return heading + lines.joined(separator: "\n")
    }
}

/// The last draft a sketch's `draw` made, for the heading that names its key and tempo
/// (`again`), so the heading does not draw the same draft a second time.
final class LastDraft: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (seed: UInt64, draft: SketchDraft)?

    func keep(_ draft: SketchDraft, seed: UInt64) { lock.withLock { last = (seed, draft) } }

    func draft(seed: UInt64) -> SketchDraft? { lock.withLock { last?.seed == seed ? last?.draft : nil } }
}
