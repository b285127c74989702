import Engine
import Foundation
import MusicTheory
import SongModel

/// Handlers that ask the engine and act on its answers: chords (asking), harmonize,
/// next, alt, accept, more, again, drop, comp.
enum EngineCommands {
    /// The harmony request of `chords`, `harmonize` and `next`: what the writer gave, and
    /// the engine's defaults for the section (`RequestDefaults`) for the rest.
    static func harmonyRequest(_ invocation: Invocation, section: Section, song: Song, workspace: Workspace) throws -> HarmonyRequest {
        let mood = try invocation.mood() ?? song.mood(of: section)
        // Unnamed, `RequestDefaults.harmony` takes the section's own, then the mood's.
        var style = invocation.value("style").flatMap(HarmonyStyle.named)
        let cadence = invocation.value("cadence").flatMap { Cadence(rawValue: $0.lowercased()) }
        // An energy asked for sets the rate unless a rate is given too.
        var rate = invocation.option("energy") != nil && invocation.option("rate") == nil ? nil : invocation.number("rate")
        if let learned = try workspace.learnedStyle(invocation) {
            // The writer's moves over the mood's style; their cadence and harmonic rhythm
            // unless the request names its own.
            guard var own = learned.harmonyStyle(base: RequestDefaults.harmonyStyle(for: mood), minor: song.key(of: section).isMinor) else {
                throw EngineError.learnedStyleLacks(learned.name, what: "chord moves (each source holds a chord, but no move from one to another)")
            }
            if cadence != nil { own.ending = nil }
            style = own
            if rate == nil, invocation.option("energy") == nil { rate = learned.chordRate }
        }
        return RequestDefaults.harmony(for: section, mood: mood, style: style, cadence: cadence, rate: rate,
                                       energy: invocation.number("energy"),
                                       count: invocation.count, seed: invocation.seed(workspace))
    }

    /// `chords SECTION [options]`: ask for progressions.
    static func askChords(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        var asked = try harmonyRequest(invocation, section: section, song: song, workspace: workspace)
        let selection = try invocation.rewriting(section, .chords)
        // Rewriting some bars keeps the kept chart's harmonic rhythm unless a rate or an
        // energy is asked for: a chord every two bars stays so in the new bars.
        if selection != nil, invocation.option("rate") == nil, invocation.option("energy") == nil, let kept = section.chords {
            // Counted as a listener hears it: a bar that repeats the chord (%) is no change.
            let heard = kept.changes.enumerated().filter { $0.offset == 0 || kept.changes[$0.offset - 1].chord != $0.element.chord }.count
            let perBar = max(Double(heard) / Double(max(section.bars, 1)), 0.25)
            asked.rate = [0.5, 1, 2, 4].min { abs(log2($0) - log2(perBar)) < abs(log2($1) - log2(perBar)) } ?? 1
        }
        // Under a melody already written, a quiet section's chord every two bars leaves few
        // charts its notes fit (a newcomer's six charts after `arc calm->…` all clashed): a
        // chord a bar unless a rate or an energy is asked for.
        var underMelody = ""
        if selection == nil, asked.rate < 1, invocation.option("rate") == nil, invocation.option("energy") == nil,
           section.melody?.notes.isEmpty == false {
            asked.rate = 1
            underMelody = " (under the melody already here; `rate=0.5` asks for one every two bars)"
        }
        // Four chords a bar where the meter cannot lay four evenly: two, on its groups, said.
        let meter = song.meter(of: section)
        let fitted = asked.fitting(meter)
        if fitted.rate != asked.rate {
            asked = fitted
            underMelody += " (4 do not divide a bar of \(meter) evenly: two, where its groups start)"
        }
        // The blues always ends on its turnaround's V: a cadence asked of it is said unused
        // (a blues asked `cadence=plagal` had printed the heading "cadence plagal" over C7 G7).
        if asked.style.name == "blues", invocation.value("cadence") != nil, asked.cadence != .open {
            underMelody += " (the blues ends on its turnaround's V: cadence=\(asked.cadence.rawValue) does not change it)"
        }
        let request = asked, slower = underMelody
        let name = section.name, key = song.key(of: section)
        return try workspace.offer(rewriting: selection, Pending(section: name, seed: request.seed, count: request.count, limit: 12, draw: { song, count, seed in
            var request = request
            (request.count, request.seed) = (count, seed)
            return ProgressionGenerator.suggest(request, context: HarmonyContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in
            "chords for \(name) in \(key) — \(request.style.spelled.replacingOccurrences(of: "-", with: " "))" + (request.mood.map { ", \($0)" } ?? "")
                + ", cadence \(request.cadence.rawValue), \(rateText(request.rate))\(slower), seed \(seed)"
        }))
    }

    /// `harmonize SECTION [options]`: chords for the section's melody.
    static func harmonize(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        var asked = try harmonyRequest(invocation, section: section, song: song, workspace: workspace)
        asked.cadenceIsDefault = invocation.value("cadence") == nil
        let request = asked
        let name = section.name, key = song.key(of: section)
        return try workspace.offer(rewriting: try invocation.rewriting(section, .chords), Pending(section: name, seed: request.seed, count: request.count, limit: 12, draw: { song, count, seed in
            var request = request
            (request.count, request.seed) = (count, seed)
            return try Harmonizer.suggest(request, context: HarmonyContext(song: song, section: try song.requireSection(name)))
        }, heading: { seed in
            "chords under the \(name) melody in \(key) — \(request.style.name), \(request.cadenceIsDefault ? "default cadence" : "cadence") \(request.cadence.rawValue), seed \(seed)"
        }))
    }

    static func rateText(_ rate: Double) -> String {
        switch rate {
        case 0.5: "a chord every two bars"
        case 1: "a chord a bar"
        default: "\(Int(rate)) chords a bar"
        }
    }

    static func accept(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let text = try acceptChosen(&workspace, invocation)
        // Marked only once it went in: a refused `accept 9` leaves them as they were.
        workspace.pending?.accepted = true
        return text
    }

    private static func acceptChosen(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let pending = workspace.pending else { throw REPLError.nothingPending }
        // A bare `accept` once one went in would write it again over whatever was changed
        // since (a check's second `accept` took a sketch again): the writer names it.
        if pending.accepted && invocation.arguments.isEmpty {
            throw REPLError.refused("already accepted: `accept \(pending.suggestions.count == 1 ? "1" : "N")` takes \(pending.suggestions.count == 1 ? "it" : "one") again, over what you have changed since (`undo` takes that back)")
        }
        if case .sketch(let draft) = pending.suggestions.first?.content {
            var song = try workspace.requireSong()
            let which = invocation.arguments.first?.lowercased()
            let only = which == nil || which == "all" || which == "1" ? nil : which
            let text = try SketchCommands.apply(draft, only: only, title: pending.title, instruments: pending.instruments, madeSong: pending.madeSong, to: &song,
                                                at: workspace.clock())
            workspace.song = song
            workspace.changeLabel = "accept \(only ?? "all") (sketch" + (pending.title.map { " “\($0)”" } ?? "") + ", seed \(pending.seed))"
            // One section of a sketch begun in another song goes into the sketch's own song:
            // said, with the way into the song the writer came from.
            if let only, let path = pending.cameFrom {
                let name = SongCommands.sessionName(of: path)
                return text + " into \(quoted(song.title)); to have it in the song you were in: `open \(visible(name))`, then `copy \(only) from=\(Song.slug(song.title))`"
            }
            return text
        }
        // `accept all` takes the one thing an import offers.
        let given = invocation.arguments.first.map { $0.lowercased() == "all" && pending.apply != nil && pending.suggestions.count == 1 ? "1" : $0 }
        let text = given ?? (pending.suggestions.count == 1 ? "1" : "")
        // (A request that found nothing leaves nothing to accept: no range 1...0.)
        guard let number = Int(text), number >= 1, number <= pending.suggestions.count else {
            throw REPLError.noSuchSuggestion(text, count: pending.suggestions.count)
        }
        let suggestion = pending.suggestions[number - 1]
        var song = try workspace.requireSong()
        // New chords under a bass or pad written for the old ones: said, as for chords typed
        // (a newcomer's check got the note after typing a chord, not after accepting one).
        let before = song.section(named: pending.section)
        func offChords(_ song: Song) -> String {
            guard let before, let after = song.section(named: before.name), before.chords != after.chords else { return "" }
            return PartCommands.offChords(before: before, after: after, meter: song.meter(of: after))
        }
        if let apply = pending.apply {
            let text = try apply(&song, suggestion, number, workspace.clock())
            workspace.song = song
            workspace.changeLabel = "accept \(number) (\(pending.section): \(suggestion.label))"
            return text + offChords(song) + replaced(before, in: song) + movedWords(before, in: song)
        }
        // The part's kind read once (reading it inside the label's interpolation crashes the
        // 6.3 optimizer's ownership check in release builds).
        let kind = suggestion.kind ?? .chords
        let label = suggestion.label
        try song.accept(suggestion, into: pending.section, at: workspace.clock())
        workspace.changeLabel = "accept \(number) (\(kind.rawValue) into \(pending.section): \(label))"
        workspace.song = song
        let section = try song.requireSection(pending.section)
        return "accepted \(number) into \(section.name): \(label) — credited to \(suggestion.origin.credit); `undo` takes it back\n"
            + SectionView.lines(of: kind, in: section, song: song).joined(separator: "\n") + offChords(song) + replaced(before, in: song)
            + movedWords(before, in: song)
    }

    /// The bars whose words a new melody moved, in one line: "note: the chorus's words
    /// moved with its notes: bar 3 “glass, don't let” (was “glass, don't”), bar 4 “it go”
    /// (was “let it go”) — `lyrics chorus` shows them". Why: a newcomer's rewritten bar
    /// 3 had one note fewer, and "it" fell on bar 4's downbeat with nothing said.
    static func movedWords(_ before: Section?, in song: Song) -> String {
        guard let before, before.melody != nil, let after = song.section(named: before.name), after.melody != before.melody,
              let then = SectionView.wordsByBar(before, in: song), let now = SectionView.wordsByBar(after, in: song) else { return "" }
        let moved = Set(then.keys).union(now.keys).sorted().filter { then[$0] != now[$0] }
        guard !moved.isEmpty else { return "" }
        func words(_ bar: [String]?) -> String { bar.map { "“" + $0.joined(separator: " ") + "”" } ?? "no words" }
        let shown = moved.prefix(4).map { bar in "bar \(bar + 1) \(words(now[bar])) (was \(words(then[bar])))" }
        return "\nnote: \(after.name)'s words moved with its notes: " + shown.joined(separator: ", ") + (moved.count > 4 ? ", …" : "")
            + " — `lyrics \(after.name)` shows them on the notes"
    }

    /// What an accepted suggestion replaced that a person wrote or edited, in one line:
    /// "note: this replaces the melody Ana wrote (24 notes) — `undo` brings it back". Why:
    /// a newcomer's hand-typed melody and chords were gone after `accept 1` with nothing
    /// said, though the reply warned about a bass written for other chords. An engine's
    /// part nobody touched is replaced without a word, as the writer asked for another.
    static func replaced(_ before: Section?, in song: Song) -> String {
        guard let before, let after = song.section(named: before.name) else { return "" }
        var lines: [String] = []
        for kind in before.kinds {
            guard let old = before.parts[kind], old != after.parts[kind] else { continue }
            // Only where the part changed wholesale: bars rewritten in place keep the rest.
            if let new = after.parts[kind], new.provenance.origin == old.provenance.origin { continue }
            // A person's part credits everyone on it; an engine's, the people who edited it.
            // Copying a part from another section changes none of its notes: an engine's groove
            // copied to the verse had been called "the drums with root's edits".
            let byHand = old.provenance.origin.kind == .person
            let editors = old.provenance.editors
            let people = byHand ? [old.provenance.origin.credit] + editors.filter { $0 != old.provenance.origin.credit } : editors
            guard !people.isEmpty else { continue }
            let unit = kind == .chords ? "chord" : kind == .drums ? "hit" : "note"
            let who = byHand ? "\(people.joined(separator: " and ")) wrote" : "with \(people.joined(separator: " and "))'s edits"
            lines.append("note: this replaces the \(kind.rawValue) \(who) (\(counted(old.content.eventCount, unit))) — `undo` brings it back")
        }
        return lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n")
    }

    /// Further suggestions for the same request: drawn again with the same seed and more
    /// of them, the new tail kept.
    static func more(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard var pending = workspace.pending else { throw REPLError.nothingPending }
        let song = try workspace.requireSong()
        let shown = pending.suggestions.count
        let wider = min(pending.limit, shown + pending.count)
        guard wider > shown else { return "no more for this request (at most \(pending.limit)); try `again` for a fresh seed" }
        let fresh = Array(try pending.draw(song, wider, pending.seed).dropFirst(shown))
        guard !fresh.isEmpty else { return "no more distinct suggestions for this request; try `again` or another style" }
        pending.suggestions += fresh
        workspace.pending = pending
        if let list = pending.list { return SuggestionList.fitted(list(fresh, shown + 1, song), columns: workspace.columns) }
        return SuggestionList.fitted(SuggestionList.render(fresh, from: shown + 1, song: song, section: pending.section, compact: workspace.compact),
                                     columns: workspace.columns)
    }

    /// The same request with the next seed in a fixed chain, so `again`s can be replayed.
    static func again(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard var pending = workspace.pending else { throw REPLError.nothingPending }
        pending.seed = SeededGenerator.successor(of: pending.seed) % 1_000_000
        return try workspace.offer(pending)
    }

    static func drop(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let pending = workspace.pending else { throw REPLError.nothingPending }
        workspace.pending = nil
        // A sketch's draft is one suggestion for the whole song ("for all" read as a slip).
        let dropped = pending.isSketch ? "dropped the sketch draft"
            : "dropped \(pending.suggestions.count) \(pending.suggestions.count == 1 ? "suggestion" : "suggestions") for "
                + (pending.section == "all" ? "the whole song" : pending.section)
        // A sketch that left a song to start its own: dropped before anything went into
        // its song, the writer is back where they were (a check had been left in an empty
        // "Side Idea", every later command failing with "no section").
        if let path = pending.cameFrom, !pending.accepted, workspace.song?.sections.isEmpty == true, workspace.store.fileExists(path) {
            // The sketch's own song holds nothing: it is let go, not saved, its autosave cleared.
            workspace.changesSinceSave = 0
            let (song, note) = try SongCommands.reopen(&workspace, path: path)
            return note + dropped + "; back in \(quoted(song.title)) (\(visible(path)))" + workspace.keptHistoryNote
        }
        // A sketch begun with no song open made one only to hold its draft: dropped before
        // anything went into it, there is no song again (an empty "Sketch 1" had stayed,
        // and the next sketch's `accept` said the song "was in" the dropped draft's key).
        if pending.madeSong, pending.cameFrom == nil, !pending.accepted, workspace.song?.sections.isEmpty == true, workspace.sessionPath == nil {
            workspace.clearAutosave()
            workspace.song = nil
            workspace.changesSinceSave = 0
            workspace.history = UndoHistory()
            return dropped + "; no song is open (`new \"Title\"` starts one, `sketch` drafts one)"
        }
        // Part of a sketch taken, the rest let go: the writer stays in the sketch's song with
        // what they took, and hears where the song they left is (a newcomer took one
        // section, dropped the rest and found themselves in a new song with no word of why).
        if pending.isSketch, pending.accepted, pending.madeSong, let song = workspace.song {
            let kept = "\(quoted(song.title)) keeps \(listed(song.sections.map(\.name)))"
            guard let path = pending.cameFrom, workspace.store.fileExists(path) else { return "dropped the rest of the sketch draft; " + kept }
            let name = SongCommands.sessionName(of: path)
            return "dropped the rest of the sketch draft; \(kept), which you accepted — the song you were in is saved: `open \(visible(name))` goes back to it"
        }
        return dropped
    }

    static func next(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let meter = song.meter(of: section)
        var chord: Chord?
        var place = "to start \(section.name)"
        if let chords = section.chords {
            let bar = invocation.whole("bar") ?? section.bars
            guard (1...section.bars).contains(bar) else { throw EngineError.badBar(String(bar), bars: section.bars) }
            chord = chords.chord(at: bar * meter.ticksPerBar - 1)
            place = "after \(chord.map(\.description) ?? ChordChange.noChord) (bar \(bar) of \(section.name))"
        }
        let s = try harmonyRequest(invocation, section: section, song: song, workspace: workspace)
        let key = song.key(of: section)
        let candidates = NextChord.candidates(after: chord, key: key, style: s.style, mood: s.mood)
        var lines = ["next chord \(place) in \(key) — \(s.style.name)" + (s.mood.map { ", \($0)" } ?? "")]
        if let chord, !NextChord.isModelled(chord, key: key, style: s.style) {
            lines.append("  (\(chord) is outside the \(s.style.name) model's chords in \(key): these are where such a chord usually goes — down a fifth, a half step either way, or home)")
        }
        for candidate in candidates.prefix(8) {
            let percent = candidate.probability * 100
            let bar = String(repeating: "█", count: max(1, Int((candidate.probability * 30).rounded())))
            lines.append("  " + candidate.chord.description.column(7)
                + candidate.numeral.column(8)
                + String(format: "%4.0f%%  ", percent) + bar)
        }
        if candidates.count > 8 {
            let rest = candidates.dropFirst(8).reduce(0) { $0 + $1.probability }
            lines.append(String(format: "  (%d others, %.0f%% together)", candidates.count - 8, rest * 100))
        }
        return lines.joined(separator: "\n")
    }

    /// `alt SECTION BAR`: alternatives for the chord at the start of a bar, numbered and
    /// waiting like any suggestions; `accept N` writes the chosen one into that bar (until
    /// the next change) as the writer's edit, so the part keeps its credits.
    static func alt(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        guard let chords = section.chords else { throw EngineError.noChords(section.name) }
        let text = invocation.arguments[1]
        guard let bar = Int(text), (1...section.bars).contains(bar) else { throw EngineError.badBar(text, bars: section.bars) }
        let meter = song.meter(of: section)
        let start = (bar - 1) * meter.ticksPerBar
        guard let chord = chords.chord(at: start) else {
            throw chords.changes.contains { $0.start <= start } ? EngineError.noChordInBar(section: section.name, bar: bar) : EngineError.noChords(section.name)
        }
        let following = chords.changes.first { $0.start > start }?.chord
        let end = chords.changes.first { $0.start > start }?.start ?? section.bars * meter.ticksPerBar
        let melody = (section.melody?.notes ?? []).filter { $0.start < end && $0.end > start }
        let key = song.key(of: section)
        let substitutes = Substitutions.alternatives(for: chord, next: following, key: key, melody: melody)
        guard !substitutes.isEmpty else { return "no alternatives for \(chord) in bar \(bar) of \(section.name)" }
        let name = section.name, author = workspace.author
        let suggestions = substitutes.map { substitute in
            var changes = chords.changes.filter { $0.start < start || $0.start >= end }
            changes.append(ChordChange(start: start, chord: substitute.chord))
            changes.sort { $0.start < $1.start }
            return Suggestion(label: "\(substitute.chord) (\(substitute.numeral)) in bar \(bar): \(substitute.kind)",
                              reasons: [substitute.reason, (substitute.consonant ? "✓ " : "✗ ") + substitute.melody],
                              origin: .person(author),
                              content: .part(.chords, .chords(changes: changes, comping: chords.comping), functions: []))
        }
        // The chord there now is judged as its alternatives are: a clash it has already is
        // said (a songwriter's G under a held C5 had passed unremarked).
        let now = Substitutions.melodyCheck(chord, melody: melody)
        let heading = "alternatives for \(chord) (\(key.analysis(of: chord))) in bar \(bar) of \(name)"
            + (now.consonant || melody.isEmpty ? ":" : " — \(chord) itself \(now.text):")
        // Where every alternative clashes, and the chord there now too, two chords in the bar
        // may not: offered for a chord that fills its bar, split where the chart splits one
        // (`ChordChart.secondGroup`), so the line offered is the line checked.
        let split: String = if !melody.isEmpty && !now.consonant && !substitutes.contains(where: \.consonant) && end == start + meter.ticksPerBar {
            Substitutions.split(melody: melody, from: start, at: start + (ChordChart.secondGroup(of: meter) ?? meter.ticksPerBar / 2), to: end,
                                key: key, keeping: chord)
                .map { "\nnone keeps the melody consonant; two chords in the bar do: `chords \(name) bar \(bar) = \($0.0) \($0.1)`" }
                ?? "\nnone keeps the melody consonant, nor do any two of \(key)'s chords in the bar: the melody leaves the harmony here"
        } else { "" }
        let was = chord
        return try workspace.offer(Pending(section: name, seed: 0, count: suggestions.count, limit: suggestions.count, draw: { _, _, _ in
            suggestions
        }, heading: { _ in heading }, apply: { song, suggestion, number, date in
            let substitute = substitutes[number - 1]
            let change = "bar \(bar): \(was) → \(substitute.chord) (\(substitute.kind), from `alt`)"
            try song.edit(.chords, in: name, by: author, at: date, change: change) { content in
                if let part = suggestion.part { content = part }
            }
            return "\(name) \(change); `undo` takes it back\n"
                + SectionView.lines(of: .chords, in: try song.requireSection(name), song: song).joined(separator: "\n")
        }, list: { suggestions, from, _ in
            var lines: [String] = []
            for (index, substitute) in substitutes.enumerated() where index + 1 >= from && index < from - 1 + suggestions.count {
                lines.append(String(index + 1).leftPadded(to: 2) + ". " + substitute.chord.description.column(8)
                    + substitute.numeral.column(9)
                    + substitute.kind + ": " + substitute.reason)
                lines.append(String(repeating: " ", count: 21) + (substitute.consonant ? "✓ " : "✗ ") + substitute.melody)
            }
            lines.append("`accept N` writes one into bar \(bar) of \(name) · `drop` keeps \(was)" + split)
            return lines.joined(separator: "\n")
        }))
    }

    static func comp(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        guard section.chords != nil else { throw EngineError.noChords(section.name) }
        let bare = invocation.arguments.count > 1 ? invocation.arguments[1] : nil
        if let bare, let named = invocation.value("pattern"), bare.lowercased() != named.lowercased() {
            throw REPLError.refused("comp takes one pattern: \(visible(bare)) or \(visible(named)) — `comp \(section.name) \(visible(named))`")
        }
        guard let text = bare ?? invocation.value("pattern") else {
            let (pattern, from) = song.comping(of: section)
            let why = from.map { ", as \($0) does (its chords have no pattern of their own)" } ?? (section.chords?.comping == nil ? " (no pattern set anywhere in the song)" : "")
            return "\(section.name) comps as \(pattern)\(why); patterns: " + CompingPattern.allCases.map(\.rawValue).joined(separator: ", ")
        }
        let pattern = try CompingPattern(parsing: text)
        try song.edit(.chords, in: section.name, by: workspace.author, at: workspace.clock(), change: "comping \(pattern)") { content in
            if case .chords(let changes, _) = content { content = .chords(changes: changes, comping: pattern) }
        }
        workspace.song = song
        return "\(section.name) chords now comp as \(pattern)"
    }
}
