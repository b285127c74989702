import Engine
import Foundation
import SongModel

/// A numbered list of suggestions as the writer sees them: each label, then the content
/// in the view its part uses (chord chart, drum grid, notes per bar), then its reasons.
/// Compact, each is its label and one line — the chords bar by bar, the first bar of
/// notes — or for drums the grid of the first bar's pattern alone.
enum SuggestionList {
    /// A listing as a terminal `columns` wide shows it: each reason (a "   · " line)
    /// broken between words and hung under its text, everything else (charts, drum grids,
    /// note rows) left whole; as it is off a terminal (nil). Reasons had run past the
    /// screen's edge and been cut mid-word by the pager (a newcomer's check).
    static func fitted(_ listing: String, columns: Int?) -> String {
        guard let columns else { return listing }
        let lines = listing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let keeping = lines.map { !$0.trimmingSpaces.hasPrefix("· ") || $0.prefix { $0 == " " }.count >= 4 }
        return Pager.wrap(lines, keeping: keeping, columns: columns).joined(separator: "\n")
    }

    static func render(_ suggestions: [Suggestion], from first: Int, song: Song, section name: String, compact: Bool = false) -> String {
        guard !suggestions.isEmpty else { return "no suggestions came out of this request; try another style or `again`" }
        var lines: [String] = []
        let section = song.section(named: name)
        // A reason every one of three or more suggestions gives ("after V, i follows 80% of the
        // time in the ballad model") is said once, above them, not under each.
        let shared = suggestions.count >= 3 && !compact
            ? (suggestions.first?.reasons.prefix(4) ?? []).filter { reason in suggestions.allSatisfy { $0.reasons.prefix(4).contains(reason) } } : []
        if !shared.isEmpty, case .part? = suggestions.first?.content {
            lines.append("all of them:")
            lines += shared.map { "   · " + $0 }
        }
        for (offset, suggestion) in suggestions.enumerated() {
            if case .sketch(let draft) = suggestion.content {
                lines.append(SketchCommands.describe(draft, seed: suggestion.origin.seed ?? 0))
                lines.append("`accept all` takes the whole draft, `accept SECTION` one section; `why SECTION` explains it")
                return lines.joined(separator: "\n")
            }
            guard var preview = section, case .part(let kind, let content, _) = suggestion.content else { continue }
            lines.append("\(first + offset). \(suggestion.label)")
            // The section as it would be with the suggestion in it, shown as its part is shown.
            preview.parts[kind] = Part(content: content, provenance: Provenance(origin: suggestion.origin, acceptedAt: Date(timeIntervalSince1970: 0)))
            if compact {
                lines += oneLine(kind, in: preview, song: song).map { "   " + $0 }
                continue
            }
            let shown = SectionView.lines(of: kind, in: preview, song: song)
            lines += kind == .drums ? wholeBlocks(shown, limit: 24) : shown.map { kind.row.shape == .notes ? " " + $0 : $0 }
            for reason in suggestion.reasons.prefix(4) where !shared.contains(reason) { lines.append("   · " + reason) }
        }
        lines.append("`accept N` puts one into \(name) · `more` · `again` (new seed) · `drop`")
        return lines.joined(separator: "\n")
    }

    /// A part in one line: a chart's bars, or the first bar of notes and how many follow.
    static func oneLine(_ kind: PartKind, in section: Section, song: Song) -> [String] {
        switch section.parts[kind]?.content {
        case .chords?:
            guard let chords = section.chords else { return [] }
            let cells = ChordChart.cells(of: chords, bars: section.bars, meter: song.meter(of: section))
            return ["| " + cells.joined(separator: " | ") + " |"]
        case .notes(let notes)?:
            let shown = SectionView.lines(of: kind, in: section, song: song)
            guard let firstBar = shown.first?.trimmingCharacters(in: .whitespaces) else { return [] }
            return [firstBar + (shown.count > 1 ? " … (\(notes.count) notes)" : "")]
        case .drums?:
            // The first block of the grid (the pattern of the first bars), without its heading.
            let shown = SectionView.lines(of: kind, in: section, song: song).drop { $0.hasSuffix(":") }
            return Array(shown.prefix { !$0.hasSuffix(":") }).map { String($0.drop { $0 == " " }) }
        default:
            return []
        }
    }

    /// The first lines of a drum grid, cut where a bar's block ends rather than after a
    /// heading with no rows.
    static func wholeBlocks(_ lines: [String], limit: Int) -> [String] {
        guard lines.count > limit else { return lines }
        // The glyphs' legend, the grid's last line, stays under a grid cut short.
        let legend = lines.last.map { $0.hasPrefix("    (") ? [$0] : [] } ?? []
        var kept = Array(lines.prefix(limit))
        while let last = kept.last, last.hasSuffix(":") { kept.removeLast() }
        let hidden = lines.dropFirst(kept.count).filter { $0.hasSuffix(":") }.map { $0.trimmingCharacters(in: .whitespaces).dropLast() }
        return kept + ["    … " + (hidden.isEmpty ? "" : "(\(hidden.joined(separator: "; ")) not shown; `accept N` then `show SECTION` shows every bar)")] + legend
    }
}
