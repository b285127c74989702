import Engine
import Foundation
import MusicTheory
import SongModel

/// Handlers for drums: groove (and groove stats), humanize, feel, quantize, hit, unhit,
/// fill, copy-groove.
enum GrooveCommands {
    static func context(_ song: Song, _ section: Section) -> GrooveContext {
        // Followed, somewhere in the form, by a section it hands over to with a fill or a
        // build: the hand-over plays the fill there. (Said of any section followed by
        // another, an intro handing over "straight into verse" had read "no fills (the
        // hand-over plays one)", and none played.)
        let form = song.form
        let handsOver = form.indices.dropLast().contains { index in
            form[index] == section.name && [.fill, .build].contains(section.handover(to: form[index + 1]))
        }
        return GrooveContext(section: section.name, meter: song.meter(of: section), bars: section.bars, tempo: song.tempo(of: section),
                             handsOver: handsOver)
    }

    static func groove(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        if invocation.arguments.first == "stats" {
            guard invocation.arguments.count == 2 else {
                throw REPLError.missingArgument(command: "groove stats", what: "a section", usage: "groove stats SECTION")
            }
            return try stats(song, try song.requireSection(invocation.arguments[1]))
        }
        // A word after the section (`groove bridge rock`) had been passed over in silence.
        if invocation.arguments.count > 1, let command = Commands.find("groove") {
            let extra = Array(invocation.arguments.dropFirst())
            throw command.optionMeant(by: extra, place: [invocation.arguments[0]])
                ?? REPLError.extraArgument(command: "groove", argument: extra[0], usage: command.usage)
        }
        let section = try song.requireSection(invocation.arguments[0])
        let mood = try invocation.mood() ?? song.mood(of: section)
        let energy = invocation.number("energy") ?? RequestDefaults.energy(of: section, mood: mood)
        let selection = try invocation.rewriting(section, .drums)
        // The section's groove keeps its style unless another is named, for some bars or all.
        var style = try invocation.word("style", as: DrumStyleName.self).map(DrumStyle.style)
            ?? RequestDefaults.grooveStyle(for: section, mood: mood, energy: energy)
        if let learned = try workspace.learnedStyle(invocation) {
            // A meter the style never heard takes the style's grooves of another meter, which
            // the generator then fits (a 3/4 section gets the waltz, 6/8 the six-eight lilt).
            let meter = song.meter(of: section)
            let others = learned.drums.keys.sorted().compactMap { try? Meter(parsing: $0) }
            guard let own = learned.drumStyle(for: meter) ?? others.lazy.compactMap({ learned.drumStyle(for: $0) }).first else {
                throw EngineError.learnedStyleLacks(learned.name, what: "drum grooves")
            }
            style = own
        }
        let humanize = invocation.number("humanize") ?? 0.5
        var swing = GrooveRequest.SwingChoice.auto
        switch invocation.option("swing")?.lowercased() {
        case nil, "auto": swing = .auto
        case "off", "straight": swing = .off
        case let text?: swing = .amount(swingAmount(text) ?? 0)
        }
        let feel = try invocation.word("feel", as: Feel.self)
        let alpha = invocation.number("alpha") ?? 1
        let count = invocation.count
        let seed = invocation.seed(workspace)
        let request = GrooveRequest(style: style, energy: energy, swing: swing, feel: feel, humanize: humanize, alpha: alpha,
                                    count: count, seed: seed)
        let name = section.name, bars = section.bars, meter = song.meter(of: section), tempo = song.tempo(of: section)
        return try workspace.offer(rewriting: selection, Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            var request = request
            (request.count, request.seed) = (count, seed)
            return GrooveGenerator.suggest(request, context: context(song, try song.requireSection(name)))
        }, heading: { seed in "grooves for \(name) (\(bars) bars of \(meter) at \(tempo) bpm) — seed \(seed)" }))
    }

    /// A swing amount, 0–1 (0.5 the triplet's 2:1), from `swing=`: an amount as it is, or
    /// a drum machine's percentage ("58%", or a bare 50–75), the off-beat's place in its
    /// pair: 58% is 58:42, 1.38:1. A producer's `swing=58` had been refused.
    static func swingAmount(_ text: String) -> Double? {
        let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(trimmed), value.isFinite else { return nil }
        if !text.hasSuffix("%"), (0...1).contains(value) { return value }
        guard (50...75).contains(value) else { return nil }
        return (value / (100 - value) - 1) / 2
    }

    /// The drum part of a section, or an error saying how to get one.
    static func drums(_ section: Section) throws -> DrumPart {
        guard let drums = section.drums else { throw EngineError.noDrums(section.name) }
        return drums
    }

    /// Changes a section's drum timing through the edit path (which re-times the hits and
    /// the bass) and shows the result.
    static func retime(_ workspace: inout Workspace, _ name: String, change: String, _ adjust: (inout GrooveTiming) -> Void) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(name)
        _ = try drums(section)
        let fresh = GrooveTiming(swing: 1, swingUnit: 960, feel: .on, humanize: 0, alpha: 1, seed: workspace.seeds())
        try song.edit(.drums, in: section.name, by: workspace.author, at: workspace.clock(), change: change) { content in
            guard case .drums(let hits, let style, let timing) = content else { return }
            var changed = timing ?? fresh
            adjust(&changed)
            content = .drums(hits: hits, style: style, timing: changed)
        }
        workspace.song = song
        return try stats(song, song.requireSection(section.name))
    }

    static func humanize(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let text = invocation.arguments[1]
        guard let amount = Double(text), (0...1).contains(amount) else {
            throw REPLError.badValue(what: "humanize", value: text, rule: "the amount is 0 (on the grid) to 1 (σ ≈ 20 ms), e.g. 0.3")
        }
        let alpha = invocation.number("alpha")
        let seed = invocation.option("seed") == nil ? nil : invocation.seed(workspace)
        return try retime(&workspace, invocation.arguments[0], change: "humanize \(text)") { timing in
            timing.humanize = amount
            if let alpha { timing.alpha = alpha }
            if let seed { timing.seed = seed }
        }
    }

    /// `feel SECTION FEEL` (on, laid-back, pushed, dragged), or `feel SECTION from=OTHER`
    /// (or `from=imported`): the other drums' played timing as a template (`GrooveTemplate`).
    /// A named feel takes a template away.
    static func feel(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        if let from = invocation.option("from") {
            guard invocation.arguments.count == 1 else {
                throw REPLError.badOptionValue(option: "from", value: from, rule: "give a feel (`feel verse laid-back`) or where to learn one (`feel verse from=imported`), not both")
            }
            return try feel(&workspace, invocation.arguments[0], from: from)
        }
        guard invocation.arguments.count == 2 else {
            throw REPLError.missingArgument(command: "feel", what: "a feel or from=", usage: "feel SECTION on|laid-back|pushed|dragged, or feel SECTION from=SECTION|imported")
        }
        let feel = try Feel(parsing: invocation.arguments[1])
        return try retime(&workspace, invocation.arguments[0], change: "feel \(feel)") { timing in
            timing.feel = feel
            timing.template = nil
        }
    }

    /// Lays a played feel on a section's drums: the template of `source`'s drums (a section,
    /// or `imported` for the drums imported last), learned from where its hits were played.
    static func feel(_ workspace: inout Workspace, _ name: String, from source: String) throws -> String {
        let song = try workspace.requireSong()
        let target = try song.requireSection(name)
        _ = try drums(target)
        let origin: Section
        if source.lowercased() == "imported" {
            // The drums imported last; of one import's sections, the first in the form.
            let imported = song.sections.filter { $0.drums?.provenance.origin.importedFrom != nil }
            let latest = imported.compactMap { $0.drums?.provenance.acceptedAt }.max()
            guard let last = imported.first(where: { $0.drums?.provenance.acceptedAt == latest }) else {
                throw REPLError.badOptionValue(option: "from", value: source, rule: "no section has imported drums: `import FILE.mid` first, or name a section, e.g. from=verse")
            }
            origin = last
        } else {
            origin = try song.requireSection(source)
        }
        let played = try drums(origin)
        let bar = song.meter(of: target).ticksPerBar
        guard song.meter(of: origin).ticksPerBar == bar else {
            throw REPLError.badOptionValue(option: "from", value: source, rule: "\(origin.name) is in \(song.meter(of: origin)) and \(target.name) in \(song.meter(of: target)); a feel is learned bar for bar, so take it from a section in the same meter")
        }
        let described = "\(origin.name) drums" + (played.provenance.origin.importedFrom.map { " (imported from \($0.components(separatedBy: ",").first ?? $0))" } ?? "")
        guard let template = played.timing?.template ?? GrooveTemplate.learn(from: played.hits, barLength: bar, source: described) else {
            throw REPLError.badOptionValue(option: "from", value: source, rule: "the \(origin.name) drums sit exactly on the grid, so there is no played feel to learn; import a played part or humanize one first")
        }
        let stats = try retime(&workspace, target.name, change: "feel from \(template.source)") { $0.template = template }
        return "\(target.name) drums now play the feel of the \(template.source): "
            + template.summary(quarterTempo: song.quarterTempo(of: target)) + "\n" + stats
    }

    static func quantize(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        try retime(&workspace, invocation.arguments[0], change: "quantized") { timing in
            timing.humanize = 0
            timing.feel = .on
            timing.swing = 1
        }
    }

    /// "2.3" or "2.3.2" → ticks from the section's start, on the drum grid.
    static func position(_ text: String, section: Section, meter: Meter) throws -> Ticks {
        meter.ticks(at: try BarBeat(parsing: text, meter: meter, bars: section.bars))
    }

    /// The two words after the section, as (thing, place) in either order: `hit verse
    /// snare 2.3` and `hit verse 2.3 snare` are one command, as are `note verse 2.3 E5/8`
    /// and `note verse E5/8 2.3`. A place starts with a digit; a drum or a note does not.
    static func thingAndPlace(_ invocation: Invocation) -> (thing: String, place: String) {
        let a = invocation.arguments[1], b = invocation.arguments[2]
        let isPlace = { (text: String) in text.first?.isNumber == true }
        return isPlace(a) && !isPlace(b) ? (b, a) : (a, b)
    }

    static func hit(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let (drum, place) = thingAndPlace(invocation)
        let key = try DrumKit.key(parsing: drum)
        let start = try position(place, section: section, meter: song.meter(of: section))
        let velocity = invocation.whole("vel") ?? 96
        try song.edit(.drums, in: section.name, by: workspace.author, at: workspace.clock(),
                      change: "hit \(DrumKit.name(of: key)) \(place)", starting: .drums(hits: [], style: nil, timing: nil)) { content in
            content = content.placing(DrumHit(start: start, key: key, velocity: velocity))
        }
        workspace.song = song
        return "\(DrumKit.name(of: key)) at \(place) in \(section.name), velocity \(velocity)"
    }

    static func unhit(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        _ = try drums(section)
        let (drum, place) = thingAndPlace(invocation)
        let key = try DrumKit.key(parsing: drum)
        let start = try position(place, section: section, meter: song.meter(of: section))
        let changed = try song.edit(.drums, in: section.name, by: workspace.author, at: workspace.clock(),
                                    change: "unhit \(DrumKit.name(of: key)) \(place)") { content in
            content = content.removingHit(key: key, at: start)
        }
        guard changed else { return "no \(DrumKit.name(of: key)) at \(invocation.arguments[2]) in \(section.name); nothing changed" }
        workspace.song = song
        return "removed the \(DrumKit.name(of: key)) at \(invocation.arguments[2]) in \(section.name)"
    }

    static func fill(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        _ = try drums(section)
        let kind = try invocation.word("style", as: FillKind.self) ?? .toms
        let meter = song.meter(of: section)
        try song.edit(.drums, in: section.name, by: workspace.author, at: workspace.clock(), change: kind.change(inBar: section.bars)) { content in
            guard case .drums(let hits, let style, let timing) = content else { return }
            content = .drums(hits: GrooveGenerator.fill(kind, into: hits, style: style, bars: section.bars, meter: meter), style: style, timing: timing)
        }
        workspace.song = song
        // Where a hand-over reshapes that bar, the render plays it instead, and it is said.
        let over = song.sections(following: section.name).sorted().compactMap { next -> String? in
            guard let handover = section.handover(to: next), handover.isDrummers else { return nil }
            return "where it hands over to \(next), \(handover.phrase) plays in this fill's place (`transition \(section.name) \(next) none` lets the fill play)"
        }
        return "\(kind) fill in the last bar of \(section.name)" + (over.isEmpty ? "" : "\nnote: " + over.joined(separator: "; "))
    }

    static func copyGroove(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let from = try song.requireSection(invocation.arguments[0])
        let to = try song.requireSection(invocation.arguments[1])
        _ = try drums(from)
        try song.copyPart(.drums, from: from.name, to: to.name, by: workspace.author, at: workspace.clock())
        workspace.song = song
        return "copied the \(from.name) groove to \(to.name) (\(to.bars) bars)"
    }

    /// After a tempo change: every groove asked for with `swing=auto` (its provenance says
    /// so) takes the swing its style plays at the section's new tempo, as help/groove
    /// promises, and its hits are re-timed; a swing set by number or off stays. Returns
    /// "; the swing follows the tempo: verse 3.50:1 → 2.75:1", or "" when none moved.
    static func swingFollowsTempo(_ song: inout Song) throws -> String {
        var moved: [String] = []
        for section in song.sections {
            guard let drums = section.drums, let timing = drums.timing, let id = drums.style,
                  drums.provenance.origin.parameters?["swing"] == "auto" else { continue }
            let quarterTempo = song.quarterTempo(of: section)
            let meter = song.meter(of: section)
            guard let ratio = GrooveGenerator.autoSwing(DrumStyle.style(id).fitting(meter), quarterTempo: quarterTempo, meter: meter),
                  abs(ratio - timing.swing) > 0.005 else { continue }
            try song.setSwing(ratio, of: section.name)
            moved.append(String(format: "%@ %.2f:1 → %.2f:1", section.name, timing.swing, ratio))
        }
        return moved.isEmpty ? "" : "; the swing follows the tempo (swing=auto): " + moved.joined(separator: ", ")
    }

    /// The humanizer's α as `groove stats` says it, or why there is none: on the grid (a
    /// producer's `humanize chorus 0` read "n/a (too few hits)" over 172 hits), or too few.
    static func alphaShown(_ alpha: Double, _ deviations: [Double]) -> String {
        guard alpha.isNaN else { return String(format: "%.2f", alpha) }
        // `TimingStatistics.alpha` needs 32 hits; with as many, only timing with nothing
        // to measure (every hit where the grid, swing and feel put it) has none.
        return deviations.count >= 32 ? "n/a (no humanizing: every hit where the grid, swing and feel put it)" : "n/a (too few hits)"
    }

    /// `groove stats`: σ, α, lag-1 correlation, mean offset per instrument, swing, velocities.
    static func stats(_ song: Song, _ section: Section) throws -> String {
        let part = try drums(section)
        let tempo = song.quarterTempo(of: section)
        let deviations = GrooveTimingApplier.deviations(part.hits, timing: part.timing, quarterTempo: tempo)
        let values = deviations.map(\.ms)
        let free = deviations.filter { DrumKit.role(of: $0.key) != .kick && DrumKit.role(of: $0.key) != .snare }.map(\.ms)
        let kicks = deviations.filter { DrumKit.role(of: $0.key) == .kick }.map(\.ms)
        let ticksPerMs = tempo * Double(MusicalTime.ticksPerQuarter) / 60_000
        let styleName = part.provenance.origin.parameters?["learned"].map { "your style \($0)" } ?? part.style.map { "\($0)" }
        var lines = ["\(section.name) groove: \(part.hits.count) hits" + (styleName.map { ", \($0)" } ?? "")]
        let alpha = TimingStatistics.alpha(values)
        lines.append(String(format: "  humanizer: σ %.1f ms on cymbals and toms, %.1f ms on the kick (kept tight); α %@, lag-1 correlation %.2f",
                            TimingStatistics.standardDeviation(free), TimingStatistics.standardDeviation(kicks),
                            alphaShown(alpha, values), TimingStatistics.lagOneAutocorrelation(values)))
        if let timing = part.timing {
            // A feel taken from other drums (`feel SECTION from=…`) plays in place of the
            // swing and named feel, which it leaves set: said as what plays (a producer's
            // stats after `feel verse from=chorus` had still read "swing 1.32:1, feel laid-back").
            if let template = timing.template {
                lines.append(String(format: "  the feel of the %@: %@; humanize %.2f (α %.1f, seed %llu)", template.source,
                                    template.summary(quarterTempo: tempo), timing.humanize, timing.alpha, timing.seed))
            } else {
                lines.append(String(format: "  swing %.2f:1, feel %@, humanize %.2f (α %.1f, seed %llu)", timing.swing, timing.feel.described, timing.humanize, timing.alpha, timing.seed))
            }
        }
        var perKey: [Int: [Double]] = [:]
        for hit in part.hits { perKey[hit.key, default: []].append(Double(hit.offset) / ticksPerMs) }
        let feel = part.timing?.feel ?? .on
        var played: [Int: [Double]] = [:]   // feel + humanizer, swing left out
        for deviation in deviations { played[deviation.key, default: []].append(deviation.ms + feel.offset(for: deviation.key)) }
        let swings = (part.timing?.swing ?? 1) > 1.001
        for key in DrumKit.pieces.map(\.key) where perKey[key] != nil {
            let offsets = perKey[key] ?? [], own = played[key] ?? []
            let name = DrumKit.name(of: key).rightPadded(to: 10)
            let total = offsets.reduce(0, +) / Double(offsets.count), feelPart = own.reduce(0, +) / Double(max(own.count, 1))
            let count = offsets.count == 1 ? "1 hit" : "\(offsets.count) hits"
            lines.append(swings
                ? String(format: "  %@ mean offset %+.1f ms with swing, %+.1f ms feel and humanizer (%@)", name, total, feelPart, count)
                : String(format: "  %@ mean offset %+.1f ms (%@)", name, total, count))
        }
        let velocities = part.hits.map(\.velocity)
        lines.append("  velocity \(velocities.min() ?? 0)–\(velocities.max() ?? 0)")
        return lines.joined(separator: "\n")
    }
}
