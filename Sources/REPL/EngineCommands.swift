import Engine
import Foundation
import MusicTheory
import SongModel

/// Handlers that ask the engine and act on its answers: chords (asking), harmonize,
/// next, alt, accept, more, again, drop, comp.
enum EngineCommands {
    /// The request settings shared by `chords` and `harmonize`, from options and context.
    static func settings(_ invocation: Invocation, song: Song, section: Section, workspace: Workspace)
        throws -> (mood: Mood?, style: HarmonyStyle, count: Int, seed: UInt64, cadence: Cadence, rate: Double) {
        let mood = try invocation.option("mood").map { try Mood(parsing: $0) } ?? song.mood(of: section)
        let style: HarmonyStyle
        if let text = invocation.option("style") {
            guard let found = HarmonyStyle.named(text) else {
                throw EngineError.unknownStyle(text, suggestion: closest(to: text, in: HarmonyStyle.all.map(\.name)))
            }
            style = found
        } else {
            style = HarmonyStyle.named(MoodProfile.of(mood).styles.first ?? "pop") ?? HarmonyStyle.all[0]
        }
        let count = try RequestOptions.count(invocation, default: 4, limit: 12)
        let seed = try RequestOptions.seed(invocation, workspace)
        // The arc: tension leaves a section open and quickens the harmony.
        var cadence = (section.tension ?? 0) > 0.6 ? Cadence.open : Cadence.expected(for: section.name)
        if let text = invocation.option("cadence") {
            guard let value = Cadence(rawValue: text.lowercased()) else { throw EngineError.unknownCadence(text) }
            cadence = value
        }
        var rate = (section.tension ?? 0) > 0.7 ? 2 : (mood.map { MoodProfile.of($0).harmonicRhythm } ?? 1)
        if let text = invocation.option("rate") {
            guard let value = Double(text), [0.5, 1, 2, 4].contains(value) else { throw EngineError.badRate(text) }
            rate = value
        }
        if rate < 1 && section.bars % 2 == 1 { rate = 1 }
        return (mood, style, count, seed, cadence, rate)
    }

    /// `chords SECTION [options]`: ask for progressions.
    static func askChords(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let s = try settings(invocation, song: song, section: section, workspace: workspace)
        let request = HarmonyRequest(mood: s.mood, style: s.style, count: s.count, seed: s.seed, cadence: s.cadence, rate: s.rate)
        let suggestions = ProgressionGenerator.suggest(request, context: HarmonyContext(song: song, section: section))
        workspace.pending = Pending(request: .chords(section: section.name, request), suggestions: suggestions)
        let heading = "chords for \(section.name) in \(song.key(of: section)) — \(s.style.name)" + (s.mood.map { ", \($0)" } ?? "")
            + ", cadence \(s.cadence.rawValue), \(rateText(s.rate)), seed \(s.seed)"
        return heading + "\n" + list(suggestions, from: 1, song: song, section: section)
    }

    /// `harmonize SECTION [options]`: chords for the section's melody.
    static func harmonize(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        var s = try settings(invocation, song: song, section: section, workspace: workspace)
        if invocation.option("n") == nil { s.count = 3 }
        if invocation.option("rate") == nil { s.rate = 1 }
        let request = HarmonyRequest(mood: s.mood, style: s.style, count: s.count, seed: s.seed, cadence: s.cadence, rate: s.rate)
        let suggestions = try Harmonizer.suggest(request, context: HarmonyContext(song: song, section: section))
        workspace.pending = Pending(request: .harmonize(section: section.name, request), suggestions: suggestions)
        let heading = "chords under the \(section.name) melody in \(song.key(of: section)) — \(s.style.name), cadence \(s.cadence.rawValue), seed \(s.seed)"
        return heading + "\n" + list(suggestions, from: 1, song: song, section: section)
    }

    static func rateText(_ rate: Double) -> String {
        switch rate {
        case 0.5: "a chord every two bars"
        case 1: "a chord a bar"
        default: "\(Int(rate)) chords a bar"
        }
    }

    /// The numbered list: label, chart with numerals, reasons.
    static func list(_ suggestions: [Suggestion], from first: Int, song: Song, section: Section) -> String {
        var lines: [String] = []
        for (offset, suggestion) in suggestions.enumerated() {
            guard case .chords(let progression) = suggestion.content else { continue }
            lines.append("\(first + offset). \(suggestion.label)")
            var preview = section
            preview.chords = ChordPart(changes: progression.changes, comping: progression.comping,
                                       provenance: Provenance(origin: suggestion.origin, acceptedAt: Date(timeIntervalSince1970: 0)))
            lines += SectionView.chordChart(preview, in: song)
            for reason in suggestion.reasons.prefix(4) { lines.append("   · " + reason) }
        }
        if lines.isEmpty { return "no suggestions came out of this request; try another style or `again`" }
        lines.append("`accept N` puts one into \(section.name) · `more` for others · `again` for a fresh seed · `drop`")
        return lines.joined(separator: "\n")
    }

    static func accept(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let pending = workspace.pending else { throw REPLError.nothingPending }
        if case .sketch(let draft) = pending.suggestions.first?.content {
            var song = try workspace.requireSong()
            let which = invocation.arguments.first?.lowercased()
            let only = which == nil || which == "all" || which == "1" ? nil : which
            let text = try SketchCommands.apply(draft, only: only, to: &song)
            workspace.song = song
            return text
        }
        let text = invocation.arguments.first ?? (pending.suggestions.count == 1 ? "1" : "")
        guard let number = Int(text), (1...pending.suggestions.count).contains(number) else {
            throw REPLError.noSuchSuggestion(text, count: pending.suggestions.count)
        }
        let suggestion = pending.suggestions[number - 1]
        var song = try workspace.requireSong()
        let section = try song.requireSection(pending.section)
        let provenance = Provenance(origin: suggestion.origin, acceptedAt: workspace.clock())
        let heading = "accepted \(number) into \(section.name): \(suggestion.label) — credited to \(suggestion.origin.credit); `undo` takes it back\n"
        switch suggestion.content {
        case .chords(let progression):
            try song.setChordPart(section.name, ChordPart(changes: progression.changes, comping: progression.comping, provenance: provenance))
            workspace.song = song
            return heading + SectionView.chordChart(song.section(named: section.name) ?? section, in: song).joined(separator: "\n")
        case .sketch:
            return ""
        case .melody(let notes):
            try song.setMelody(section.name, notes: notes, provenance: provenance)
            workspace.song = song
            return heading + SectionView.melodyLines(MelodyPart(notes: notes, provenance: provenance), section: section, in: song).joined(separator: "\n")
        case .bass(let notes):
            var notes = notes
            if let drums = section.drums, let timing = drums.timing {
                notes = GrooveTimingApplier.coupleBass(notes, to: drums.hits, timing: timing, quarterTempo: GrooveCommands.context(song, section).quarterTempo)
            }
            song.update(section.name) { $0.bass = BassPart(notes: notes, provenance: provenance) }
            workspace.song = song
            return heading + "bass: \(notes.count) notes, range \(SectionView.range(of: notes))" + (section.drums?.timing != nil ? ", timing coupled to the drums" : "")
        case .drums(let groove):
            let tempo = GrooveCommands.context(song, section).quarterTempo
            song.update(section.name) { section in
                section.drums = DrumPart(hits: groove.hits, style: groove.style, timing: groove.timing, provenance: provenance)
                // The bass (if any) now breathes with this drummer.
                if var bass = section.bass {
                    bass.notes = GrooveTimingApplier.coupleBass(bass.notes, to: groove.hits, timing: groove.timing, quarterTempo: tempo)
                    section.bass = bass
                }
            }
            workspace.song = song
            return heading + "`groove stats \(section.name)` measures it; `feel`, `humanize`, `quantize` change its timing"
        }
    }

    static func more(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard var pending = workspace.pending else { throw REPLError.nothingPending }
        let song = try workspace.requireSong()
        let section = try song.requireSection(pending.section)
        let context = HarmonyContext(song: song, section: section)
        let fresh: [Suggestion]
        switch pending.request {
        case .chords(let name, var request):
            request.page = pending.suggestions.count / max(request.count, 1)
            fresh = ProgressionGenerator.suggest(request, context: context)
            pending.request = .chords(section: name, request)
        case .harmonize(let name, var request):
            request.page = pending.suggestions.count / max(request.count, 1)
            fresh = try Harmonizer.suggest(request, context: context)
            pending.request = .harmonize(section: name, request)
        case .lines(_, let line):
            // These generators draw in order from the seed, so asking for more with the same
            // seed repeats the ones shown first; the new ones follow.
            let shown = pending.suggestions.count
            let wider = min(8, shown + 3)
            guard wider > shown, var invocation = try Invocation.parse(line) else {
                return "no more for this request (at most 8); try `again` for a fresh seed"
            }
            invocation.options.removeAll { $0.key == "n" }
            invocation.options.append(("n", String(wider)))
            let words = [invocation.name] + invocation.arguments + invocation.options.map { "\($0.key)=\($0.value)" }
            var scratch = workspace
            _ = try scratch.perform(words.joined(separator: " "))
            guard let all = scratch.pending?.suggestions, all.count > shown else {
                return "no more distinct suggestions for this request; try `again`"
            }
            let fresh = Array(all.dropFirst(shown))
            pending.suggestions += fresh
            workspace.pending = pending
            let numbered = MelodyCommands.list(fresh, song: song, section: section).split(separator: "\n", omittingEmptySubsequences: false)
                .map { line -> String in
                    guard let dot = line.firstIndex(of: "."), let number = Int(line[..<dot]) else { return String(line) }
                    return "\(number + shown)" + line[dot...]
                }
            return numbered.joined(separator: "\n")
        case .groove(let name, var request):
            request.page = pending.suggestions.count / max(request.count, 1)
            fresh = GrooveGenerator.suggest(request, context: GrooveCommands.context(song, section))
            pending.request = .groove(section: name, request)
            guard !fresh.isEmpty else { return "no more distinct grooves for this request; try `again` or another style" }
            let first = pending.suggestions.count + 1
            pending.suggestions += fresh
            workspace.pending = pending
            return GrooveCommands.list(fresh, from: first, song: song, section: section)
        }
        guard !fresh.isEmpty else { return "no more distinct suggestions for this request; try `again` or another style" }
        let first = pending.suggestions.count + 1
        pending.suggestions += fresh
        workspace.pending = pending
        return list(fresh, from: first, song: song, section: section)
    }

    static func again(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let pending = workspace.pending else { throw REPLError.nothingPending }
        let seed = SeededGenerator.successor(of: pending.seed) % 1_000_000
        switch pending.request {
        case .chords(let section, let request):
            var line = "chords \(section) style=\(request.style.name) n=\(request.count) seed=\(seed) cadence=\(request.cadence.rawValue)"
            line += " rate=\(request.rate == request.rate.rounded() ? String(Int(request.rate)) : String(request.rate))"
            if let mood = request.mood { line += " mood=\(mood)" }
            return try askChords(&workspace, try bound(line))
        case .harmonize(let section, let request):
            var line = "harmonize \(section) style=\(request.style.name) n=\(request.count) seed=\(seed) cadence=\(request.cadence.rawValue)"
            if let mood = request.mood { line += " mood=\(mood)" }
            return try harmonize(&workspace, try bound(line))
        case .lines(_, let line):
            let fresh = line.replacingOccurrences(of: "seed=\(pending.seed)", with: "seed=\(seed)")
            return try workspace.perform(fresh)
        case .groove(let section, let request):
            var line = "groove \(section) style=\(request.style.name) n=\(request.count) seed=\(seed)"
            line += String(format: " energy=%.2f humanize=%.2f alpha=%.1f", request.energy, request.humanize, request.alpha)
            if let feel = request.feel { line += " feel=\(feel.rawValue)" }
            switch request.swing {
            case .auto: line += " swing=auto"
            case .off: line += " swing=off"
            case .amount(let amount): line += String(format: " swing=%.2f", amount)
            }
            return try GrooveCommands.groove(&workspace, try bound(line))
        }
    }

    static func bound(_ line: String) throws -> Invocation {
        guard let invocation = try Invocation.parse(line) else { throw REPLError.nothingPending }
        return invocation
    }

    static func drop(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let pending = workspace.pending else { throw REPLError.nothingPending }
        workspace.pending = nil
        return "dropped \(pending.suggestions.count) \(pending.suggestions.count == 1 ? "suggestion" : "suggestions") for \(pending.section)"
    }

    static func next(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let meter = song.meter(of: section)
        var chord: Chord?
        var place = "to start \(section.name)"
        if let chords = section.chords {
            var bar = section.bars
            if let text = invocation.option("bar") {
                guard let value = Int(text), (1...section.bars).contains(value) else { throw EngineError.badBar(text, bars: section.bars) }
                bar = value
            }
            chord = chords.chord(at: bar * meter.ticksPerBar - 1)
            place = "after \(chord.map(\.description) ?? "?") (bar \(bar) of \(section.name))"
        }
        let s = try settings(invocation, song: song, section: section, workspace: workspace)
        let key = song.key(of: section)
        let candidates = NextChord.candidates(after: chord, key: key, style: s.style, mood: s.mood)
        var lines = ["next chord \(place) in \(key) — \(s.style.name)" + (s.mood.map { ", \($0)" } ?? "")]
        for candidate in candidates.prefix(8) {
            let percent = candidate.probability * 100
            let bar = String(repeating: "█", count: max(1, Int((candidate.probability * 30).rounded())))
            lines.append("  " + candidate.chord.description.padding(toLength: 7, withPad: " ", startingAt: 0)
                + candidate.numeral.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "%4.0f%%  ", percent) + bar)
        }
        if candidates.count > 8 {
            let rest = candidates.dropFirst(8).reduce(0) { $0 + $1.probability }
            lines.append(String(format: "  (%d others, %.0f%% together)", candidates.count - 8, rest * 100))
        }
        return lines.joined(separator: "\n")
    }

    static func alt(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        guard let chords = section.chords else { throw EngineError.noChords(section.name) }
        let text = invocation.arguments[1]
        guard let bar = Int(text), (1...section.bars).contains(bar) else { throw EngineError.badBar(text, bars: section.bars) }
        let meter = song.meter(of: section)
        let start = (bar - 1) * meter.ticksPerBar
        guard let chord = chords.chord(at: start) else { throw EngineError.noChords(section.name) }
        let following = chords.changes.first { $0.start > start }?.chord
        let end = chords.changes.first { $0.start > start }?.start ?? section.bars * meter.ticksPerBar
        let melody = (section.melody?.notes ?? []).filter { $0.start < end && $0.end > start }
        let key = song.key(of: section)
        let substitutes = Substitutions.alternatives(for: chord, next: following, key: key, melody: melody)
        var lines = ["alternatives for \(chord) (\(key.analysis(of: chord))) in bar \(bar) of \(section.name):"]
        for substitute in substitutes {
            lines.append("  " + substitute.chord.description.padding(toLength: 8, withPad: " ", startingAt: 0)
                + key.analysis(of: substitute.chord).padding(toLength: 9, withPad: " ", startingAt: 0)
                + substitute.kind + ": " + substitute.reason)
            lines.append("  " + String(repeating: " ", count: 17) + (substitute.consonant ? "✓ " : "✗ ") + substitute.melody)
        }
        lines.append("write one in with `chords \(section.name) = …`")
        return lines.joined(separator: "\n")
    }

    static func comp(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        guard section.chords != nil else { throw EngineError.noChords(section.name) }
        guard let text = invocation.option("pattern") else {
            return "\(section.name) comps as \(section.chords?.comping ?? .block); patterns: " + CompingPattern.allCases.map(\.rawValue).joined(separator: ", ")
        }
        let pattern = try CompingPattern(parsing: text)
        song.update(section.name) { section in
            section.chords?.comping = pattern
            section.chords?.provenance.edits.append(EditRecord(author: workspace.author, at: workspace.clock(), change: "comping \(pattern)"))
        }
        workspace.song = song
        return "\(section.name) chords now comp as \(pattern)"
    }
}
