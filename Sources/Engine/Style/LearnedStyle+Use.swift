import Foundation
import MusicTheory
import SongModel

/// How the generators read a learned style: as the same kinds of table the built-in styles
/// and the folk songs give them, so every rule (chord tones on strong beats, leap recovery,
/// cadences, ranges) still holds over the writer's habits.
extension LearnedStyle {
    /// The writer's share of a thing, blended with the built-in one at this weight: a
    /// handful of songs never play some interval or move, which would then be impossible.
    static let ownWeight = 0.85

    // MARK: Melody

    /// Whether the writer's own melodies write this meter's rhythms (then they lean no
    /// further: the melody style is folk); other meters take the folk tables and the style's.
    public func writesMelodies(in meter: Meter) -> Bool { melodyTable(for: meter) != nil }

    /// The writer's melody table for `meter`, in the folk tables' shape; nil without bars in it.
    func melodyTable(for meter: Meter) -> FolkMeterTable? {
        guard let counts = melody[meter.description], counts.bars > 0, !counts.rhythms.isEmpty else { return nil }
        return counts.table(songs: sources.count, meter: meter)
    }

    // MARK: Harmony

    /// A harmony style whose moves are the writer's (blended with `base`'s for moves they
    /// never made), ending as their sections in that mode do, comping as `base`'s.
    public func harmonyStyle(base: HarmonyStyle, minor: Bool) -> HarmonyStyle? {
        guard harmony.chords >= 2, !harmony.transitions.isEmpty else { return nil }
        var transitions: [String: [String: Double]] = [:]
        let steps = Set(harmony.transitions.keys).union(harmony.transitions.values.flatMap(\.keys))
        for step in steps {
            let own = harmony.transitions[step] ?? [:]
            let ownTotal = Double(own.values.reduce(0, +))
            let built = base.row(step)
            let builtTotal = built.values.reduce(0, +)
            var row: [String: Double] = [:]
            if ownTotal > 0 { for (to, count) in own { row[to, default: 0] += Self.ownWeight * Double(count) / ownTotal } }
            for (to, weight) in built where builtTotal > 0 {
                row[to, default: 0] += (ownTotal > 0 ? 1 - Self.ownWeight : 1) * weight / builtTotal
            }
            transitions[step] = row
        }
        let colour = Double(harmony.coloured) / Double(max(1, harmony.chords))
        return HarmonyStyle(name: name, aliases: [], transitions: transitions, loopChance: 0, colour: colour, seventh: colour > 0.2,
                            comping: base.comping,
                            fact: "your style “\(name)”: \(harmony.chords) chord changes learned from \(sources.count) \(sources.count == 1 ? "source" : "sources")",
                            learned: true, ending: ending(minor: minor))
    }

    /// The chords a bar the writer plays, as one of the rates a request takes (0.5, 1, 2, 4).
    public var chordRate: Double? {
        guard harmony.bars > 0, harmony.chords > 0 else { return nil }
        let perBar = Double(harmony.chords) / Double(harmony.bars)
        return [0.5, 1, 2, 4].min { abs(log2($0) - log2(perBar)) < abs(log2($1) - log2(perBar)) }
    }

    /// How the writer's sections in this mode end, as the last two steps, when one ending
    /// leads: heard at least twice and in at least 40% of those sections (nil otherwise).
    func ending(minor: Bool) -> [String]? {
        let prefix = (minor ? "minor" : "major") + ":"
        let own = harmony.closings.filter { $0.key.hasPrefix(prefix) }
        let total = own.values.reduce(0, +)
        guard let best = own.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), best.value >= 2,
              Double(best.value) >= 0.4 * Double(total) else { return nil }
        let steps = best.key.dropFirst(prefix.count).split(separator: " ").map(String.init)
        // A minor key reads only its own steps (TonalFrame.minorSteps).
        return !minor || steps.allSatisfy(TonalFrame.minorSteps.contains) ? steps : nil
    }

    /// The numeral the writer's sections open on most (major-mode terms).
    var opening: String? { harmony.openings.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key }

    // MARK: Drums

    /// A drum style of the writer's grooves in `meter`: a hit the drummer plays in at least
    /// half the bars is in the grid, with its mean velocity; one played in 8 % to half of
    /// them is an optional hit with that chance. Nil without drum bars in that meter.
    public func drumStyle(for meter: Meter) -> DrumStyle? {
        guard let counts = drums[meter.description], counts.bars > 0, meter.ticksPerBeat % StyleLearner.sixteenth == 0 else { return nil }
        let base: DrumStyle = meter.beats == 3 && meter.unit == 4 ? .style(.waltz) : meter.isCompound ? .style(.sixEight) : .style(.rock)
        var grid: [Int: String] = [:]
        var extras: [DrumStyle.Extra] = []
        for (keyText, places) in counts.hits {
            guard let key = Int(keyText) else { continue }
            var row = Array(repeating: Character("."), count: counts.sixteenths)
            for (place, count) in places.enumerated() where count > 0 {
                let share = Double(count) / Double(counts.bars)
                let velocity = Double(counts.velocities[keyText]?[place] ?? 0) / Double(count)
                let glyph: Character = velocity >= 105 ? "X" : velocity >= 84 ? "x" : velocity >= 57 ? "o" : "g"
                if share >= 0.5 {
                    row[place] = glyph
                } else if share >= 0.08 {
                    extras.append(DrumStyle.Extra(key: key, step: place, glyph: glyph, probability: share, minEnergy: 0))
                }
            }
            if row.contains(where: { $0 != "." }) { grid[key] = String(row) }
        }
        guard !grid.isEmpty else { return nil }
        var style = base
        style.learned = name
        style.meter = meter.description
        style.stepsPerBeat = meter.ticksPerBeat / StyleLearner.sixteenth
        style.grid = grid
        style.extras = extras.sorted { ($0.key, $0.step) < ($1.key, $1.step) }
        style.swing = nil
        style.feel = .on
        style.timing = counts.timing
        if let template = counts.timing, template.slot == StyleLearner.sixteenth {
            // Each role's offset at the places it was played, weighted by how often, on the
            // beat and off it apart: a lazy off-beat hat is a feel of its own.
            let beat = max(1, meter.ticksPerBeat / StyleLearner.sixteenth)
            var onBeat: [DrumKit.Role: (ticks: Double, hits: Int)] = [:], offBeat = onBeat
            for (keyText, places) in counts.hits {
                guard let key = Int(keyText) else { continue }
                let role = DrumKit.role(of: key)
                guard let row = template.offsets[role.rawValue], row.count == places.count else { continue }
                for (place, count) in places.enumerated() where count > 0 {
                    let sum = (place % beat == 0 ? onBeat[role] : offBeat[role]) ?? (0, 0)
                    let added = (sum.ticks + row[place] * Double(count), sum.hits + count)
                    if place % beat == 0 { onBeat[role] = added } else { offBeat[role] = added }
                }
            }
            func mean(_ sum: (ticks: Double, hits: Int)?) -> Double? { sum.flatMap { $0.hits > 0 ? $0.ticks / Double($0.hits) : nil } }
            style.placement = DrumKit.Role.allCases.compactMap { role in
                let on = mean(onBeat[role]), off = mean(offBeat[role])
                return on == nil && off == nil ? nil : DrumStyle.Placement(role: role, onBeat: on, offBeat: off)
            }
        }
        style.about = "your own grooves: \(counts.bars) bars in \(meter) learned from \(sources.count) \(sources.count == 1 ? "source" : "sources")"
            + (counts.timing == nil ? ", played on the grid" : ", with the drummer's timing at each place")
        return style
    }
}

extension LearnedStyle.LineCounts {
    /// The counts as a folk-style table: rhythms by how often, intervals as shares blended
    /// with the folk songs' (the writer's weighted `ownWeight`), phrase schemes.
    func table(songs: Int, meter: Meter) -> FolkMeterTable {
        let folk = FolkTables.meters[meter.description] ?? FolkTables.meters["4/4"]
        func shares(_ counts: [Int], _ built: [Double]?) -> [Double] {
            let total = Double(counts.reduce(0, +))
            return (0..<25).map { index in
                let own = total > 0 ? Double(counts[index]) / total : 0
                let other = built?[index] ?? 0
                return total > 0 ? LearnedStyle.ownWeight * own + (1 - LearnedStyle.ownWeight) * other : other
            }
        }
        let rhythms = self.rhythms.compactMap { key, count -> FolkRhythm? in
            let cells = key.split(separator: " ").compactMap { cell -> (Int, Int)? in
                let parts = cell.split(separator: ":").compactMap { Int($0) }
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            }
            return cells.isEmpty ? nil : FolkRhythm(notes: cells, count: count)
        }.sorted { ($0.count, $1.notes.count) > ($1.count, $0.notes.count) }
        let schemes = self.schemes.isEmpty ? (folk?.schemes ?? []) : self.schemes.map { ($0.key, $0.value) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        return FolkMeterTable(songs: songs, bars: bars, notesPerBar: Double(notes) / Double(max(1, bars)),
                              figureRecurrence: folk?.figureRecurrence ?? 0.37, rhythms: Array(rhythms.prefix(48)),
                              strongIntervals: shares(strongIntervals, folk?.strongIntervals),
                              weakIntervals: shares(weakIntervals, folk?.weakIntervals), schemes: schemes)
    }
}
