import MusicTheory
import SongModel

/// Handlers for writing parts by hand and showing them: chords, melody, show.
enum PartCommands {
    static func chords(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard invocation.body != nil else {
            let extra = invocation.arguments.dropFirst()
            if let first = extra.first {
                // Chords typed without "=" (`chords verse Am F`): the line as it would be taken.
                guard ["bar", "bars"].contains(first.lowercased()) || Int(first) != nil else {
                    if let spaced = Commands.find("chords")?.spacedOption(in: Array(extra)) { throw spaced }
                    if let meant = Commands.find("chords")?.optionMeant(by: Array(extra), place: [invocation.arguments[0]]) { throw meant }
                    throw REPLError.writtenWithoutEquals(command: "chords", place: [invocation.arguments[0]], written: Array(extra))
                }
                throw REPLError.bodyRequired(command: "chords", usage: "chords SECTION bar N = Bbmaj7")
            }
            return try EngineCommands.askChords(&workspace, invocation)
        }
        if let option = invocation.options.first {
            throw REPLError.badOptionValue(option: option.key, value: option.value,
                                           rule: "options ask the engine (`chords verse style=pop`); chords written with `= …` take none")
        }
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let bars = try ChordChart.parse(invocation.body ?? "")
        // `chords chorus bar 3 = Bbmaj7` (or `chords chorus 3 = …`): those bars only.
        let change: String
        var looped = ""
        if let bar = try firstBar(invocation, "chords", section.name, example: "Bbmaj7") {
            change = try song.writeChords(section.name, bars: bars, from: bar, author: workspace.author, at: workspace.clock())
        } else {
            change = try song.writeChords(section.name, bars: bars, author: workspace.author, at: workspace.clock())
            // A shorter loop the model played over to fill the section (`ChordChart.looped`): said.
            if bars.count < section.bars {
                looped = "\n(the \(bars.count) \(bars.count == 1 ? "bar" : "bars") given, played \(section.bars / bars.count) times to fill \(section.name)'s \(section.bars); "
                    + "`chords \(section.name) bar \(bars.count + 1) = …` rewrites from bar \(bars.count + 1))"
                // Chords typed with no bar lines share one bar: a writer used to a chord a bar
                // (`chords verse = Am F C G`) is shown how to get that.
                let body = invocation.body ?? ""
                let symbols = body.split(separator: " ").filter { $0 != "." && $0 != "%" }
                if !body.contains("|"), bars.count == 1, symbols.count > 1 {
                    looped += "\n(with no | marks the \(symbols.count) chords share one bar; `chords \(section.name) = | "
                        + symbols.joined(separator: " | ") + " |` gives each a bar of its own)"
                }
            }
        }
        workspace.song = song
        let updated = song.section(named: section.name) ?? section
        let note = looped + (change.hasPrefix("edited") ? "\n(\(change) of \(section.name) chords; `blame \(section.name)` shows the history)" : "")
        // Headed by the section's name: charts typed for the intro and outro had printed
        // straight under the chorus's, which read as one chart of 16 bars.
        return "\(section.name) chords:\n" + SectionView.chordChart(updated, in: song).joined(separator: "\n") + note
            + offChords(before: section, after: updated, meter: song.meter(of: updated))
    }

    /// "note: the bass was written for other chords: bars 1, 3 sound notes outside the
    /// new ones …" for the melody, bass and pad of a section whose chords were just written
    /// by hand (the melody where a note the old chord held now clashes a half step with
    /// the new one: a newcomer's F over a new D7 went unremarked). Those parts are not rewritten behind the writer's back; the writer is told
    /// which of the bars whose chords changed now disagree with them, and how to redraw.
    /// A bass note counts where a chord starts or a bar begins (a walking line's passing
    /// notes between are not news); a pad note counts where a chord starts under it.
    static func offChords(before: Section, after: Section, meter: Meter, only kinds: [PartKind] = [.melody, .bass, .pad]) -> String {
        guard let chords = after.chords?.changes else { return "" }
        let perBar = meter.ticksPerBar
        let chord = { (changes: [ChordChange], tick: Ticks) in changes.last { $0.start <= tick }?.chord }
        let old = before.chords?.changes ?? []
        // The bars whose chords changed: any chord sounding in them differs.
        let changed = Set((0..<after.bars).filter { bar in
            let ticks = Set([bar * perBar] + (old + chords).map(\.start).filter { $0 / perBar == bar })
            return ticks.contains { chord(old, $0) != chord(chords, $0) }
        })
        let landings = Set(chords.map(\.start) + (0..<after.bars).map { $0 * perBar })
        var lines: [String] = []
        for kind in kinds {
            guard let notes = after.notes(of: kind), !notes.isEmpty else { continue }
            var bars = Set<Int>()
            // The melody is heard at each note it sings on a beat too, not only where a
            // chord or bar starts (an F5 sung on beat 3 of a bar now D7 had gone unremarked).
            let beat = meter.ticksPerBeat
            let places = kind == .melody ? landings.union(notes.map(\.start).filter { $0 % beat == 0 }) : landings
            for tick in places where changed.contains(tick / perBar) {
                guard let under = chord(chords, tick) else { continue }
                let heard = kind == .bass ? notes.filter { $0.start == tick } : notes.filter { $0.start <= tick && $0.end > tick }
                let clashes = heard.contains { note in
                    let pitch = note.pitch.midi % 12
                    guard !under.pitchClasses.contains(pitch) else { return false }
                    guard kind == .melody else { return true }
                    // A tune may lean on a note outside the chord; it was written for other
                    // chords where a note the old chord held now sits a half step from the
                    // new one's (F, sung over Dm, under D7's F♯).
                    let was = chord(old, tick)?.pitchClasses.contains(pitch) ?? false
                    return was && under.pitchClasses.contains { [1, 11].contains((pitch - $0 + 12) % 12) }
                }
                if clashes { bars.insert(tick / perBar + 1) }
            }
            guard !bars.isEmpty else { continue }
            let sorted = bars.sorted()
            lines.append("note: the \(kind.rawValue) was written for other chords: \(sorted.count == 1 ? "bar" : "bars") \(DrumGridView.ranges(sorted)) "
                + "\(sorted.count == 1 ? "sounds" : "sound") notes outside the new ones — `\(kind.rawValue) \(after.name)` writes one for these chords")
        }
        return lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n")
    }

    static func melody(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard invocation.body != nil else { return try MelodyCommands.askMelody(&workspace, invocation) }
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let meter = song.meter(of: section)
        let (notes, length) = try NoteSyntax.parseSpan(invocation.body ?? "", meter: meter, wholeTriplets: true)
        // `melody chorus bar 3 = …` (or `melody chorus 3 = …`): the bars the notes fill, from 3.
        let change: String
        var overrun = ""
        var typed = notes
        if let bar = try firstBar(invocation, "melody", section.name, example: "C5/2 D5/2") {
            try checkFits(section, from: bar, length: length, meter: meter)
            change = try song.writeLine(.melody, section.name, notes: notes, length: length, from: bar, author: workspace.author, at: workspace.clock())
            overrun = overran(section, .melody, from: bar, length: length, meter: meter)
            typed = placed(notes, from: bar, meter: meter)
        } else {
            change = try song.writeMelody(section.name, notes: notes, author: workspace.author, at: workspace.clock())
        }
        workspace.song = song
        let written = song.section(named: section.name)?.melody?.notes ?? notes
        return "\(section.name) melody: \(written.count) \(written.count == 1 ? "note" : "notes"), range "
            + SectionView.range(of: written) + (change.hasPrefix("edited") ? " (\(change))" : "")
            + emptied(before: section, after: song.section(named: section.name), meter: meter) + overrun
            + MelodyCommands.outOfCompass(notes, of: .melody)
            + MelodyCommands.outOfKey(typed, in: section, key: song.key(of: section), meter: meter)
            + EngineCommands.movedWords(section, in: song)
    }

    /// A bar line's notes where they now sit in the section (they were typed from tick 0).
    static func placed(_ notes: [Note], from bar: Int, meter: Meter) -> [Note] {
        notes.map { note in
            var note = note
            note.start += (bar - 1) * meter.ticksPerBar
            return note
        }
    }

    /// "; the line ran 1 beat into bar 3, over its D5 (…)" when a `bar N =` line ends
    /// inside a bar that had notes: the line wrote over the notes it reached, the bar's
    /// notes after it stay (`Song.writeLine`), and a writer who typed five beats (or three
    /// and a half) for one bar of 4/4 is told at once what went and what stayed.
    static func overran(_ before: Section, _ kind: PartKind, from bar: Int, length: Ticks, meter: Meter) -> String {
        let perBar = meter.ticksPerBar, end = (bar - 1) * perBar + length
        guard Song.endsInsideABar(length: length, barLength: perBar), let old = before.notes(of: kind) else { return "" }
        let last = end / perBar + 1, barStart = (last - 1) * perBar
        // A line of under a bar wrote over its own bar's start, as asked: only what stays is news.
        let short = length < perBar
        let lost = short ? [] : old.filter { $0.start >= barStart && $0.start < end }
        let stayed = old.filter { $0.start >= end && $0.start < last * perBar }
        guard !lost.isEmpty || !stayed.isEmpty else { return "" }
        let beats = Self.beats(end % perBar, meter: meter)
        let names = { (notes: [Note]) in notes.map { $0.pitch.description }.joined(separator: " ") }
        var parts: [String] = []
        if !lost.isEmpty { parts.append("over its \(names(lost))") }
        if !stayed.isEmpty { parts.append("its \(names(stayed)) after that \(stayed.count == 1 ? "stays" : "stay")") }
        return (short ? "; the line filled \(beats) of bar \(last), " : "; the line ran \(beats) into bar \(last), ") + parts.joined(separator: "; ")
            + " (a bar of \(meter) holds \(meter.ticksPerBar / meter.ticksPerBeat) beats; `undo` takes the line back)"
    }

    /// A length in the meter's beats: "1 beat", "2 beats", "3.5 beats".
    static func beats(_ ticks: Ticks, meter: Meter) -> String {
        let beats = Double(ticks) / Double(meter.ticksPerBeat)
        return beats == beats.rounded() ? counted(Int(beats), "beat") : String(format: "%.1f beats", beats)
    }

    /// A bar line that starts inside the section and runs past its end is refused with
    /// how far it runs over: five beats typed for the last bar of 4/4 had been told "bar 5
    /// is not in chorus", as if the bar were wrong rather than the line's length.
    static func checkFits(_ section: Section, from bar: Int, length: Ticks, meter: Meter) throws {
        let perBar = meter.ticksPerBar, end = (bar - 1) * perBar + length
        guard bar >= 1, bar <= section.bars, end > section.bars * perBar else { return }
        let beats = Self.beats(end - section.bars * perBar, meter: meter)
        let more = (end + perBar - 1) / perBar
        throw REPLError.refused("the line runs \(beats) past bar \(section.bars), the last of \(section.name) (a bar of \(meter) holds \(perBar / meter.ticksPerBeat) beats): "
            + "take \(beats) off, or `set \(section.name) bars=\(more)` lengthens the section")
    }

    /// The bar a hand-written part starts at (`chords chorus bar 3 = …`, `melody chorus 3 =
    /// …`), or nil when the whole section is written.
    static func firstBar(_ invocation: Invocation, _ command: String, _ section: String, example: String) throws -> Int? {
        var words = Array(invocation.arguments.dropFirst()).filter { $0.lowercased() != "with-chords" }
        if words.first?.lowercased() == "bar" { words.removeFirst() }
        guard let text = words.first else { return nil }
        guard let bar = Int(text) else {
            throw REPLError.badValue(what: "bar", value: text, rule: "give the bar to write from, e.g. `\(command) \(section) bar 3 = \(example)`")
        }
        if words.count > 1 { throw REPLError.extraArgument(command: command, argument: words[1], usage: Commands.find(command)?.usage ?? "") }
        return bar
    }

    /// "; bars 2–8 of the old melody are empty now …" when a write left bars silent that
    /// had notes: a melody typed for one bar replaces the whole part, and the writer who
    /// meant to rewrite one bar is told at once, with the way back and the way to do it.
    static func emptied(before: Section, after: Section?, meter: Meter) -> String {
        guard let old = before.melody?.notes, let new = after?.melody?.notes else { return "" }
        let bar = meter.ticksPerBar
        let sounding = { (notes: [Note]) in Set(notes.map { $0.start / bar + 1 }) }
        let lost = sounding(old).subtracting(sounding(new)).sorted()
        guard !lost.isEmpty else { return "" }
        return "; \(lost.count == 1 ? "bar" : "bars") \(DrumGridView.ranges(lost)) of the old melody \(lost.count == 1 ? "is" : "are") empty now "
            + "(`undo` brings \(lost.count == 1 ? "it" : "them") back; `melody \(before.name) bar N = …` rewrites bars from N and keeps the rest)"
    }

    static func show(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        if let name = invocation.arguments.first {
            return SectionView.render(try song.requireSection(name), in: song)
        }
        guard !song.sections.isEmpty else { return "\(quoted(song.title)) has no sections yet — `add verse 8`" }
        return song.sections.map { SectionView.render($0, in: song) }.joined(separator: "\n\n")
    }
}
