import Foundation
import MusicTheory
import SongModel

/// The `song` overview: settings, form, sections and who wrote what.
enum SongView {
    static func overview(_ song: Song, path: String?, unsaved: Int) -> String {
        var lines: [String] = []
        let by = song.authors.isEmpty ? "" : " — by " + song.authors.joined(separator: ", ")
        lines.append(quoted(song.title) + by)
        var facts = ["\(song.key)", "\(song.tempo) bpm" + song.meter.tempoInQuarters(song.tempo), "\(song.meter)"]
        if let mood = song.mood { facts.append("\(mood)") }
        lines.append("  " + facts.joined(separator: " · "))
        if song.sections.isEmpty {
            lines.append("  no sections yet — `add verse 8`")
        } else {
            lines.append("  form: " + song.form.joined(separator: " ")
                + " (\(song.lengthInBars) bars, \(duration(of: song)))")
            lines.append("")
            lines += table(song)
            let generators = generatorsUsed(in: song)
            if !generators.isEmpty { lines.append("  engine: " + generators.joined(separator: ", ") + " — seeds and dates in `credits`") }
        }
        let saved = path.map { "saved as \($0)" } ?? "not saved yet"
        lines.append("  " + saved + (unsaved > 0 ? ", \(unsaved) unsaved \(unsaved == 1 ? "change" : "changes") (autosaved)" : ""))
        return lines.joined(separator: "\n")
    }

    /// One row a section: its bars, who wrote each part (a person's name, or the
    /// generator's; * when someone edited it since), and its own settings.
    static func table(_ song: Song) -> [String] {
        let kinds = PartKind.allCases.filter { kind in song.sections.contains { $0.parts[kind] != nil } }
        let nameWidth = max(7, song.sections.map(\.name.count).max() ?? 0)
        func cell(_ part: Part?) -> String {
            guard let provenance = part?.provenance else { return "·" }
            // A name to 16 characters, cut with an ellipsis past that ("Dale Mercer" had
            // read "Dale Merc", cut at nine with nothing to say so).
            let name = provenance.origin.name
            let shown = name.count > 16 ? String(name.prefix(15)) + "…" : name
            return shown + (provenance.edits.isEmpty ? "" : "*")
        }
        var rows: [[String]] = [["section", "bars"] + kinds.map(\.rawValue) + ["own settings"]]
        for section in song.sections {
            var own: [String] = []
            if let key = section.key { own.append("key \(key)") }
            if let tempo = section.tempo { own.append("\(tempo) bpm") }
            if let meter = section.meter { own.append("\(meter)") }
            if let mood = section.mood { own.append("\(mood)") }
            rows.append([section.name, "\(section.bars)"] + kinds.map { cell(section.parts[$0]) } + [own.joined(separator: ", ")])
        }
        let columns = rows[0].count
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            var line = "  " + row[0].rightPadded(to: nameWidth) + "  " + row[1].leftPadded(to: 4)
            for column in 2..<columns { line += "  " + row[column].rightPadded(to: widths[column]) }
            while line.last == " " { line.removeLast() }
            return line
        }
        if song.sections.contains(where: { $0.parts.values.contains { !$0.provenance.edits.isEmpty } }) {
            lines.append("  * edited since (`blame SECTION` shows by whom)")
        }
        return lines
    }

    /// The generators that wrote parts of the song, with their versions: "harmony 2.8".
    static func generatorsUsed(in song: Song) -> [String] {
        var seen: [String] = []
        for section in song.sections {
            for part in section.credits where part.provenance.origin.kind == .generator {
                let origin = part.provenance.origin
                let name = origin.name + (origin.version.map { " " + $0 } ?? "")
                if !seen.contains(name) { seen.append(name) }
            }
        }
        return seen
    }

    /// Playing time of one playing of a section, seconds. Tempo counts the meter's beat.
    static func seconds(of section: Section, in song: Song) -> Double {
        Double(section.bars * song.meter(of: section).beatsPerBar) * 60 / Double(song.tempo(of: section))
    }

    /// Playing time of the form, "3:12". Tempo counts the meter's beat.
    static func duration(of song: Song) -> String {
        var seconds = 0.0
        for name in song.form {
            guard let section = song.section(named: name) else { continue }
            seconds += self.seconds(of: section, in: song)
        }
        let total = Int(seconds.rounded())
        return "\(total / 60):" + String(format: "%02d", total % 60)
    }
}
