import Engine
import Foundation
import SongModel

/// A numbered list of suggestions as the writer sees them: each label, then the content
/// in the view its part uses (chord chart, drum grid, notes per bar), then its reasons.
enum SuggestionList {
    static func render(_ suggestions: [Suggestion], from first: Int, song: Song, section name: String) -> String {
        guard !suggestions.isEmpty else { return "no suggestions came out of this request; try another style or `again`" }
        var lines: [String] = []
        let section = song.section(named: name)
        for (offset, suggestion) in suggestions.enumerated() {
            let provenance = Provenance(origin: suggestion.origin, acceptedAt: Date(timeIntervalSince1970: 0))
            if case .sketch(let draft) = suggestion.content {
                lines.append(SketchCommands.describe(draft, seed: suggestion.origin.seed ?? 0))
                lines.append("`accept all` takes the whole draft, `accept SECTION` one section; `why SECTION` explains it")
                return lines.joined(separator: "\n")
            }
            guard var preview = section else { continue }
            lines.append("\(first + offset). \(suggestion.label)")
            switch suggestion.content {
            case .chords(let progression):
                preview.chords = ChordPart(changes: progression.changes, comping: progression.comping, provenance: provenance)
                lines += SectionView.chordChart(preview, in: song)
            case .drums(let groove):
                let part = DrumPart(hits: groove.hits, style: groove.style, timing: groove.timing, provenance: provenance)
                lines += DrumGridView.lines(part, bars: preview.bars, meter: song.meter(of: preview),
                                            quarterTempo: song.quarterTempo(of: preview)).prefix(offset == 0 ? 24 : 10)
            case .melody(let notes):
                lines += SectionView.melodyLines(MelodyPart(notes: notes, provenance: provenance), section: preview, in: song).map { " " + $0 }
            case .bass(let notes):
                let bars = NoteSyntax.format(notes, bars: preview.bars, meter: song.meter(of: preview))
                lines += bars.prefix(4).enumerated().map { "   \($0.offset + 1)  \($0.element)" }
                if bars.count > 4 { lines.append("   …") }
            case .sketch:
                break
            }
            for reason in suggestion.reasons.prefix(4) { lines.append("   · " + reason) }
        }
        lines.append("`accept N` puts one into \(name) · `more` for others · `again` for a fresh seed · `drop`")
        return lines.joined(separator: "\n")
    }
}
