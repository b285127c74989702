import Engine
import Foundation
import MusicTheory
import SongModel

/// Handlers for drums: groove (and groove stats), humanize, feel, quantize, hit, unhit,
/// fill, copy-groove.
enum GrooveCommands {
    /// Stores a section's drum part and re-times it (and its bass) in one step.
    static func store(_ part: DrumPart?, in name: String, of song: inout Song) {
        let tempo = song.section(named: name).map { song.quarterTempo(of: $0) } ?? Double(song.tempo)
        song.update(name) { section in
            section.drums = part
            GrooveTimingApplier.retime(&section, quarterTempo: tempo)
        }
    }

    static func context(_ song: Song, _ section: Section) -> GrooveContext {
        GrooveContext(section: section.name, meter: song.meter(of: section), bars: section.bars, tempo: song.tempo(of: section))
    }

    static func groove(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        if invocation.arguments.first == "stats" {
            guard invocation.arguments.count == 2 else {
                throw REPLError.missingArgument(command: "groove stats", what: "a section", usage: "groove stats SECTION")
            }
            return try stats(song, try song.requireSection(invocation.arguments[1]))
        }
        let section = try song.requireSection(invocation.arguments[0])
        let mood = song.mood(of: section)
        let style: DrumStyle
        if let text = invocation.option("style") {
            guard let found = DrumStyle.named(text) else {
                throw EngineError.unknownDrumStyle(text, suggestion: closest(to: text, in: DrumStyle.all.map(\.name)))
            }
            style = found
        } else {
            style = DrumStyle.named(MoodProfile.of(mood).grooves.first ?? "pop") ?? DrumStyle.all[0]
        }
        let energy = try unit(invocation, "energy", default: section.energy ?? MoodProfile.of(mood).density)
        let humanize = try unit(invocation, "humanize", default: 0.5)
        var swing = GrooveRequest.SwingChoice.auto
        if let text = invocation.option("swing") {
            switch text.lowercased() {
            case "auto": swing = .auto
            case "off", "straight": swing = .off
            default:
                guard let amount = Double(text), (0...1).contains(amount) else {
                    throw REPLError.badOptionValue(option: "swing", value: text, rule: "swing is auto, off, or an amount 0–1 (0.5 is a triplet 2:1)")
                }
                swing = .amount(amount)
            }
        }
        let feel = try invocation.option("feel").map { text -> Feel in
            guard let feel = Feel.named(text) else { throw EngineError.unknownFeel(text) }
            return feel
        }
        let alpha = try RequestOptions.alpha(invocation) ?? 1
        let count = try RequestOptions.count(invocation, default: 3)
        let seed = try RequestOptions.seed(invocation, workspace)
        let request = GrooveRequest(style: style, energy: energy, swing: swing, feel: feel, humanize: humanize, alpha: alpha,
                                    count: count, seed: seed)
        let name = section.name, bars = section.bars, meter = song.meter(of: section), tempo = song.tempo(of: section)
        return try workspace.offer(Pending(section: name, seed: seed, count: count, limit: 8, draw: { song, count, seed in
            var request = request
            (request.count, request.seed) = (count, seed)
            return GrooveGenerator.suggest(request, context: context(song, try song.requireSection(name)))
        }, heading: { seed in "grooves for \(name) (\(bars) bars of \(meter) at \(tempo) bpm) — seed \(seed)" }))
    }

    static func unit(_ invocation: Invocation, _ name: String, default value: Double) throws -> Double {
        guard let text = invocation.option(name) else { return value }
        guard let number = Double(text), (0...1).contains(number) else {
            throw REPLError.badOptionValue(option: name, value: text, rule: "\(name) is a number from 0 to 1, e.g. \(name)=0.5")
        }
        return number
    }

    /// The drum part of a section, or an error saying how to get one.
    static func drums(_ section: Section) throws -> DrumPart {
        guard let drums = section.drums else { throw EngineError.noDrums(section.name) }
        return drums
    }

    /// Re-applies changed timing to a section's drums (and records the edit).
    static func retime(_ workspace: inout Workspace, _ name: String, change: String, _ adjust: (inout GrooveTiming) -> Void) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(name)
        var part = try drums(section)
        var timing = part.timing ?? GrooveTiming(swing: 1, swingUnit: 960, feel: "on", humanize: 0, alpha: 1, seed: workspace.seeds())
        adjust(&timing)
        part.timing = timing
        part.provenance.edits.append(EditRecord(author: workspace.author, at: workspace.clock(), change: change))
        store(part, in: section.name, of: &song)
        workspace.song = song
        return try stats(song, song.requireSection(section.name))
    }

    static func humanize(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let text = invocation.arguments[1]
        guard let amount = Double(text), (0...1).contains(amount) else {
            throw REPLError.badOptionValue(option: "humanize", value: text, rule: "the amount is 0 (on the grid) to 1 (σ ≈ 20 ms), e.g. 0.3")
        }
        let alpha = try RequestOptions.alpha(invocation)
        let seed = invocation.option("seed") == nil ? nil : try RequestOptions.seed(invocation, workspace)
        return try retime(&workspace, invocation.arguments[0], change: "humanize \(text)") { timing in
            timing.humanize = amount
            if let alpha { timing.alpha = alpha }
            if let seed { timing.seed = seed }
        }
    }

    static func feel(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let text = invocation.arguments[1]
        guard let feel = Feel.named(text) else { throw EngineError.unknownFeel(text) }
        return try retime(&workspace, invocation.arguments[0], change: "feel \(feel.rawValue)") { $0.feel = feel.rawValue }
    }

    static func quantize(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        try retime(&workspace, invocation.arguments[0], change: "quantized") { timing in
            timing.humanize = 0
            timing.feel = Feel.on.rawValue
            timing.swing = 1
        }
    }

    /// "2.3" or "2.3.2" → ticks from the section's start, on the drum grid.
    static func position(_ text: String, section: Section, meter: Meter) throws -> Ticks {
        let parts = text.split(separator: ".").map { Int($0) }
        guard (2...3).contains(parts.count), let bar = parts[0], let beat = parts[1], parts.allSatisfy({ $0 != nil }),
              (1...section.bars).contains(bar), (1...meter.beatsPerBar).contains(beat) else {
            throw EngineError.badPosition(text, bars: section.bars, beats: meter.beatsPerBar)
        }
        let steps = meter.isCompound ? 3 : 4
        let step = parts.count == 3 ? (parts[2] ?? 1) : 1
        guard (1...steps).contains(step) else { throw EngineError.badPosition(text, bars: section.bars, beats: meter.beatsPerBar) }
        return (bar - 1) * meter.ticksPerBar + (beat - 1) * meter.ticksPerBeat + (step - 1) * (meter.ticksPerBeat / steps)
    }

    static func hit(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        guard let key = DrumKit.key(named: invocation.arguments[1]) else { throw EngineError.unknownDrum(invocation.arguments[1]) }
        let meter = song.meter(of: section)
        let start = try position(invocation.arguments[2], section: section, meter: meter)
        var velocity = 96
        if let text = invocation.option("vel") {
            guard let value = Int(text), (1...127).contains(value) else {
                throw REPLError.badOptionValue(option: "vel", value: text, rule: "velocity is 1–127, e.g. vel=100")
            }
            velocity = value
        }
        var part = section.drums ?? DrumPart(hits: [], provenance: .written(by: workspace.author, at: workspace.clock()))
        part.hits.removeAll { $0.start == start && $0.key == key }
        part.hits.append(DrumHit(start: start, key: key, velocity: velocity))
        part.hits.sort { ($0.start, $0.key) < ($1.start, $1.key) }
        if section.drums != nil {
            part.provenance.edits.append(EditRecord(author: workspace.author, at: workspace.clock(), change: "hit \(invocation.arguments[1]) \(invocation.arguments[2])"))
        }
        store(part, in: section.name, of: &song)
        workspace.song = song
        return "\(DrumKit.name(of: key)) at \(invocation.arguments[2]) in \(section.name), velocity \(velocity)"
    }

    static func unhit(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        var part = try drums(section)
        guard let key = DrumKit.key(named: invocation.arguments[1]) else { throw EngineError.unknownDrum(invocation.arguments[1]) }
        let start = try position(invocation.arguments[2], section: section, meter: song.meter(of: section))
        let before = part.hits.count
        part.hits.removeAll { $0.start == start && $0.key == key }
        guard part.hits.count < before else { return "no \(DrumKit.name(of: key)) at \(invocation.arguments[2]) in \(section.name); nothing changed" }
        part.provenance.edits.append(EditRecord(author: workspace.author, at: workspace.clock(), change: "unhit \(invocation.arguments[1]) \(invocation.arguments[2])"))
        store(part.hits.isEmpty ? nil : part, in: section.name, of: &song)
        workspace.song = song
        return "removed the \(DrumKit.name(of: key)) at \(invocation.arguments[2]) in \(section.name)"
    }

    static func fill(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        var part = try drums(section)
        let meter = song.meter(of: section)
        let kinds = ["roll": 0, "toms": 1, "kick-snare": 2]
        let kindText = invocation.option("style") ?? "toms"
        guard let kind = kinds[kindText.lowercased()] else {
            throw REPLError.badOptionValue(option: "style", value: kindText, rule: "fills are roll, toms or kick-snare")
        }
        let style = DrumStyle.named(part.style ?? "rock")?.fitting(meter) ?? DrumStyle.all[0]
        let stepTicks = meter.ticksPerBeat / style.stepsPerBeat
        let steps = meter.ticksPerBar / stepTicks
        let lastBar = section.bars - 1
        let from = lastBar * meter.ticksPerBar + (steps / 2) * stepTicks
        part.hits.removeAll { $0.start >= from }
        part.hits += GrooveGenerator.fill(kind: kind, from: steps / 2, steps: steps, bar: lastBar, stepTicks: stepTicks, meter: meter, energy: 0.7)
        part.hits.sort { ($0.start, $0.key) < ($1.start, $1.key) }
        part.provenance.edits.append(EditRecord(author: workspace.author, at: workspace.clock(), change: "\(kindText) fill in bar \(section.bars)"))
        store(part, in: section.name, of: &song)
        workspace.song = song
        return "\(kindText) fill in the last bar of \(section.name)"
    }

    static func copyGroove(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let from = try song.requireSection(invocation.arguments[0])
        let to = try song.requireSection(invocation.arguments[1])
        let part = try drums(from)
        let meter = song.meter(of: from)
        guard meter == song.meter(of: to) else { throw EngineError.meterMismatch(from.name, to.name) }
        // Repeat the source's bars to fill the target.
        let length = to.bars * meter.ticksPerBar, sourceLength = from.bars * meter.ticksPerBar
        var hits: [DrumHit] = []
        var offset = 0
        while offset < length {
            hits += part.hits.compactMap { hit in
                let start = hit.start + offset
                return start < length ? DrumHit(start: start, key: hit.key, velocity: hit.velocity, offset: hit.offset) : nil
            }
            offset += sourceLength
        }
        var copied = part
        copied.hits = hits
        store(copied, in: to.name, of: &song)
        workspace.song = song
        return "copied the \(from.name) groove to \(to.name) (\(to.bars) bars)"
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
        var lines = ["\(section.name) groove: \(part.hits.count) hits" + (part.style.map { ", \($0)" } ?? "")]
        let alpha = TimingStatistics.alpha(values)
        lines.append(String(format: "  humanizer: σ %.1f ms on cymbals and toms, %.1f ms on the kick (kept tight); α %@, lag-1 correlation %.2f",
                            TimingStatistics.standardDeviation(free), TimingStatistics.standardDeviation(kicks),
                            alpha.isNaN ? "n/a (too few hits)" : String(format: "%.2f", alpha), TimingStatistics.lagOneAutocorrelation(values)))
        if let timing = part.timing {
            lines.append(String(format: "  swing %.2f:1, feel %@, humanize %.2f (α %.1f, seed %llu)", timing.swing, timing.feel, timing.humanize, timing.alpha, timing.seed))
        }
        var perKey: [Int: [Double]] = [:]
        for hit in part.hits { perKey[hit.key, default: []].append(Double(hit.offset) / ticksPerMs) }
        let feel = Feel.named(part.timing?.feel ?? "on") ?? .on
        var played: [Int: [Double]] = [:]   // feel + humanizer, swing left out
        for deviation in deviations { played[deviation.key, default: []].append(deviation.ms + feel.offset(for: deviation.key)) }
        let swings = (part.timing?.swing ?? 1) > 1.001
        for key in DrumKit.pieces.map(\.key) where perKey[key] != nil {
            let offsets = perKey[key] ?? [], own = played[key] ?? []
            let name = DrumKit.name(of: key).padding(toLength: 9, withPad: " ", startingAt: 0)
            let total = offsets.reduce(0, +) / Double(offsets.count), feelPart = own.reduce(0, +) / Double(max(own.count, 1))
            lines.append(swings
                ? String(format: "  %@ mean offset %+.1f ms with swing, %+.1f ms feel and humanizer (%d hits)", name, total, feelPart, offsets.count)
                : String(format: "  %@ mean offset %+.1f ms (%d hits)", name, total, offsets.count))
        }
        let velocities = part.hits.map(\.velocity)
        lines.append("  velocity \(velocities.min() ?? 0)–\(velocities.max() ?? 0)")
        return lines.joined(separator: "\n")
    }
}
