import Engine
import MusicTheory
import SongModel

/// The drum grid: one row per instrument, a column per grid step, velocity as glyphs
/// (`X` accent, `x` normal, `o` soft, `g` ghost, `·` rest), and `<` / `>` after a hit
/// that sits early or late (beyond 3 ms, swing aside); `r` where an instrument plays two
/// hits or more within one step (a roll). Bars with the same pattern print once: each step
/// the glyph most of them play there, and `<` or `>` only where every one of them is early,
/// or every one late. (The first bar's timing had stood for all of them, while each bar is
/// humanized afresh: a producer found a line's marks true of its first bar alone.)
enum DrumGridView {
    static func lines(_ part: DrumPart, bars: Int, meter: Meter, quarterTempo: Double) -> [String] {
        // Steps of a third of a beat where the part is written in triplets (a shuffle, jazz),
        // sixteenth notes otherwise (four to a quarter-note beat, two to an eighth): a trap
        // groove's triplet rolls among its sixteenth hats had turned the whole grid to
        // triplets, its kicks drawn in the wrong places; and in 7/8 a grid of 32nds had
        // drawn straight sixteenth hats as every other step, which a composer read as
        // triplets (its rolls show as `r`).
        // (Straight hits counted off the eighth-note grid, on the sixteenths between: in 7/8
        // they had been counted on 32nds, so a few triplet rolls outnumbered straight hats.)
        let beat = meter.ticksPerBeat, sixteenth = MusicalTime.ticksPerQuarter / 4
        let triplets = part.hits.filter { $0.start % (beat / 3) == 0 && $0.start % (beat / 2) != 0 && $0.start % (beat / 4) != 0 }.count
        let sixteenths = part.hits.filter { $0.start % sixteenth == 0 && $0.start % (2 * sixteenth) != 0 }.count
        let stepsPerBeat = meter.isCompound || triplets > sixteenths ? 3 : max(1, beat / sixteenth)
        let stepTicks = meter.ticksPerBeat / stepsPerBeat
        let steps = meter.ticksPerBar / stepTicks
        let deviations = Dictionary(GrooveTimingApplier.deviations(part.hits, timing: part.timing, quarterTempo: quarterTempo)
            .enumerated().map { ($0.offset, $0.element.ms) }, uniquingKeysWith: { a, _ in a })
        let ordered = part.hits.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
        let feel = part.timing?.feel ?? .on
        var cellsByBar: [[(key: Int, cells: [String])]] = []   // per bar: each played row's cells
        var patterns: [[String]] = []  // per bar: the rows without timing marks, for grouping
        var keysUsed = Set(part.hits.map(\.key))
        let order = DrumKit.pieces.map(\.key).filter { keysUsed.remove($0) != nil } + keysUsed.sorted()
        for bar in 0..<bars {
            var barCells: [(key: Int, cells: [String])] = []
            var barPattern: [String] = []
            for key in order {
                var cells = Array(repeating: "· ", count: steps)
                var struck = Array(repeating: 0, count: steps)
                for (rank, hit) in ordered.enumerated() where hit.key == key && hit.start / meter.ticksPerBar == bar {
                    let step = (hit.start % meter.ticksPerBar) / stepTicks
                    guard step < steps else { continue }
                    struck[step] += 1
                    // A roll's step shows `r` with the timing of its first hit.
                    if struck[step] > 1 {
                        cells[step] = "r" + cells[step].dropFirst()
                        continue
                    }
                    let glyph = hit.velocity >= 105 ? "X" : hit.velocity >= 80 ? "x" : hit.velocity >= 55 ? "o" : "g"
                    let off = (deviations[rank] ?? 0) + feel.offset(for: key)
                    cells[step] = glyph + (off > 3 ? ">" : off < -3 ? "<" : " ")
                }
                guard cells.contains(where: { $0 != "· " }) else { continue }
                barCells.append((key, cells))
                barPattern.append(String(key) + cells.map { $0.hasPrefix("·") ? "." : $0.hasPrefix("r") ? "r" : "x" }.joined())
            }
            cellsByBar.append(barCells)
            patterns.append(barPattern)
        }
        var lines: [String] = []
        var rows: [String] = []   // every row printed, for the legend
        var done = Set<Int>()
        var grouped = false
        for bar in 0..<bars where !done.contains(bar) {
            let same = (bar..<bars).filter { !done.contains($0) && patterns[$0] == patterns[bar] }
            done.formUnion(same)
            grouped = grouped || same.count > 1
            lines.append("  bar" + (same.count > 1 ? "s " : " ") + ranges(same.map { $0 + 1 }) + ":")
            for (row, played) in cellsByBar[bar].enumerated() {
                var line = ""
                for step in played.cells.indices {
                    if step > 0 && step % stepsPerBeat == 0 { line += "| " }
                    line += Self.merged(same.map { cellsByBar[$0][row].cells[step] })
                }
                let printed = DrumKit.name(of: played.key).rightPadded(to: 10) + "| " + line
                rows.append(printed)
                lines.append("    " + printed)
            }
        }
        // What the glyphs shown mean, those only (a new songwriter had found them nowhere
        // but in the help).
        var shown = ""
        for row in rows { shown += row.drop { $0 != "|" } }
        let glyphs: [(String, String)] = [("X", "accent"), ("x", "hit"), ("o", "soft"), ("g", "ghost"), ("r", "roll: two hits or more in the step"),
                                          ("<", "early"), (">", "late")]
        let legend = glyphs.filter { shown.contains($0.0) }.map { "\($0.0) \($0.1)" }
        let timed = shown.contains("<") || shown.contains(">")
        if !legend.isEmpty {
            lines.append("    (" + legend.joined(separator: ", ") + (timed ? ": over 3 ms off the grid, swing aside" : "")
                         + (grouped ? "; a line of several bars shows what most of them play" + (timed ? ", early or late where all are" : "") : "") + ")")
        }
        return lines
    }

    /// One step of a line that stands for several bars: the glyph most of them play (the
    /// first bar's among equals), and a timing mark only where all of them share it.
    static func merged(_ cells: [String]) -> String {
        guard let first = cells.first, cells.count > 1 else { return cells.first ?? "· " }
        var counts: [Character: Int] = [:]
        for cell in cells { if let glyph = cell.first { counts[glyph, default: 0] += 1 } }
        let glyph = first.first.map { firstGlyph in counts.max { ($0.value, $0.key == firstGlyph ? 1 : 0) < ($1.value, $1.key == firstGlyph ? 1 : 0) }?.key ?? firstGlyph } ?? "·"
        let marks = Set(cells.map { $0.dropFirst().first ?? " " })
        return String(glyph) + String(marks.count == 1 ? marks.first! : " ")
    }

    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var start = numbers.first ?? 0, previous = start
        for number in numbers.dropFirst() + [Int.min] {
            if number == previous + 1 { previous = number; continue }
            parts.append(start == previous ? "\(start)" : "\(start)–\(previous)")
            start = number
            previous = number
        }
        return parts.joined(separator: ", ")
    }
}
