import AudioRender
import MusicTheory
import SongModel

/// The split sheet as read at the prompt: a column per fact, a line per part, each
/// generator named once with its seeds. Why not the render's Markdown (`provenance.md`,
/// which `credits --markdown` prints): its table put a generator's every setting and an
/// ISO time on each row, 200–250 characters wide, and showed `**` and `|` as typed (a
/// newcomer's check); the settings and times stay in the file and in `blame`.
enum CreditsView {
    static func render(_ report: ProvenanceReport) -> String {
        let song = report.song
        var lines = ["“\(song.title)” — credits (`credits --markdown` gives the full split sheet, as `render` writes it)"]
        // Credited by default to whoever typed `new` (the login name, unless `--author` or
        // COWRITE_AUTHOR said otherwise): said how to change it where it is read.
        lines.append((song.authors.isEmpty ? "No writers named" : "Song by \(song.authors.joined(separator: ", "))")
                     + " (`set authors=\"Ana, Ben\"` names who wrote it).")
        lines.append("Key \(song.key), \(song.tempo) bpm, \(song.meter)" + (song.mood.map { ", \($0)" } ?? "") + ".")
        lines.append("Form: \(song.form.isEmpty ? "none yet" : song.form.joined(separator: " – ")).")
        lines += ["", "who wrote what:"]
        let rows = report.parts.map { part -> (section: String, part: String, writers: String, instrument: String) in
            let edits = ProvenanceReport.editors(part.edits)
            return (part.section, part.part, ProvenanceReport.written(part.origin) + (edits.isEmpty ? "" : ", edited by " + edits.joined(separator: ", ")),
                    part.instrument.map { "\($0.name) (GM \($0.program))" } ?? "")
        }
        let sectionWidth = rows.map(\.section.count).max() ?? 0
        let partWidth = rows.map(\.part.count).max() ?? 0
        // Long credits (an import's file and track) run past the column rather than widen it for all.
        let writersWidth = rows.map(\.writers.count).filter { $0 <= 44 }.max() ?? 0
        var previous: String?
        for row in rows {
            let section = row.section == previous ? "" : row.section
            previous = row.section
            var line = "  " + section.rightPadded(to: sectionWidth) + "  " + row.part.rightPadded(to: partWidth) + "  "
            line += row.instrument.isEmpty ? row.writers : row.writers.rightPadded(to: writersWidth) + "  " + row.instrument
            lines.append(line)
        }
        if rows.isEmpty { lines.append("  nothing yet") }
        var unheard: [String] = []
        for part in report.parts where !song.form.contains(part.section) && !unheard.contains(part.section) { unheard.append(part.section) }
        if !unheard.isEmpty { lines += ["", "not in the form, so not heard and credited to no one: \(unheard.joined(separator: ", "))"] }
        lines += ["", "contributors (of what is heard):"]
        for contributor in ProvenanceReport.grouped(report.contributors) {
            lines.append("  \(contributor.name) (\(contributor.kind)): \(ProvenanceReport.parts(contributor.parts))")
        }
        if report.contributors.isEmpty { lines.append("  no one yet") }
        // Text from the session (a title, a name) may hold control characters: shown, never obeyed.
        return lines.map { String(visible($0).reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }
}
