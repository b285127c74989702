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
            return (part.section, part.part, written(part.origin) + (edits.isEmpty ? "" : ", edited by " + edits.joined(separator: ", ")),
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
        for contributor in grouped(report.contributors) {
            lines.append("  \(contributor.name) (\(contributor.kind)): \(parts(contributor.parts))")
        }
        if report.contributors.isEmpty { lines.append("  no one yet") }
        // Text from the session (a title, a name) may hold control characters: shown, never obeyed.
        return lines.map { String(visible($0).reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    /// "Ana (by hand)", "harmony 2.18, seed 1000005", "Ana (imported from hook.mid, track 2 …)":
    /// a generator's settings are left to the file.
    static func written(_ origin: Origin) -> String {
        switch origin.kind {
        case .person: return ProvenanceReport.describe(origin)
        case .generator:
            return "\(origin.name) \(origin.version ?? "")".trimmingSpaces + (origin.seed.map { ", seed \($0)" } ?? "")
                + (origin.parameters?["learned"].map { ", your style \($0)" } ?? "")
        }
    }

    /// One line of the contributors: a person, or a generator with every seed it wrote with.
    struct Contributor: Equatable {
        var name: String
        var kind: String
        var parts: [String]
    }

    /// A generator's contributions, one per seed in the report, as one line: "harmony 2.18
    /// (generator): intro and verse chords". People and learned styles stay as they are.
    static func grouped(_ contributors: [ProvenanceReport.Contributor]) -> [Contributor] {
        var out: [Contributor] = []
        var seeds: [String: [String]] = [:]
        for contributor in contributors {
            let whole = Contributor(name: contributor.name, kind: contributor.kind, parts: contributor.parts)
            guard contributor.kind == "generator", contributor.name.hasSuffix(")"),
                  let open = contributor.name.range(of: " (seed ", options: .backwards) else {
                out.append(whole)
                continue
            }
            let seed = String(contributor.name[open.upperBound...].dropLast())
            guard seed.allSatisfy(\.isNumber) else { out.append(whole); continue }
            let name = String(contributor.name[..<open.lowerBound])
            if let index = out.firstIndex(where: { $0.kind == "generator" && $0.name == name }) {
                out[index].parts += contributor.parts.filter { !out[index].parts.contains($0) }
            } else {
                out.append(Contributor(name: name, kind: "generator", parts: contributor.parts))
            }
            seeds[name, default: []].append(seed)
        }
        // One seed is named; several are in the table above, a seed a part.
        return out.map { contributor in
            guard let list = seeds[contributor.name], list.count == 1 else { return contributor }
            var named = contributor
            named.kind += ", seed \(list[0])"
            return named
        }
    }

    /// "intro, verse and chorus chords; verse melody": a contributor's parts, by part.
    static func parts(_ labels: [String]) -> String {
        var order: [String] = []
        var sections: [String: [String]] = [:]
        for label in labels {
            let words = label.split(separator: " ").map(String.init)
            guard let part = words.last, words.count >= 2 else { continue }
            if sections[part] == nil { order.append(part) }
            sections[part, default: []].append(words.dropLast().joined(separator: " "))
        }
        return order.map { "\(listed(sections[$0] ?? [])) \($0)" }.joined(separator: "; ")
    }
}
