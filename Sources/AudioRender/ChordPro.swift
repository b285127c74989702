import MusicTheory
import SongModel

/// A ChordPro lead sheet: title, key, tempo and meter, then the sections in playing
/// order with their chords bar by bar. A section heard before is recalled by name, the
/// way lead sheets save paper.
public enum ChordPro {
    public static func text(for song: Song) -> String {
        var lines = ["{title: \(song.title)}"]
        if !song.authors.isEmpty { lines.append("{artist: \(song.authors.joined(separator: ", "))}") }
        lines += ["{key: \(song.key)}", "{tempo: \(song.tempo)}", "{time: \(song.meter)}"]
        lines.append("{comment: form — \(song.form.joined(separator: ", "))}")
        var written = Set<String>()
        for name in song.form {
            guard let section = song.section(named: name) else { continue }
            lines.append("")
            if written.contains(section.name) {
                lines.append(section.name.hasPrefix("chorus") ? "{chorus: \(label(section.name))}" : "{comment: \(label(section.name)) (again)}")
                continue
            }
            written.insert(section.name)
            let (open, close) = environment(for: section.name)
            lines.append("{\(open): label=\"\(label(section.name))\"}")
            var facts: [String] = []
            if let key = section.key { facts.append("key \(key)") }
            if let tempo = section.tempo { facts.append("\(tempo) bpm") }
            if let meter = section.meter { facts.append(meter.description) }
            if !facts.isEmpty { lines.append("{comment: \(facts.joined(separator: ", "))}") }
            if let chords = section.chords {
                let cells = ChordChart.cells(of: chords, bars: section.bars, meter: song.meter(of: section))
                for start in stride(from: 0, to: cells.count, by: 4) {
                    let bars = cells[start..<min(start + 4, cells.count)].map { cell in
                        cell == "%" ? "%" : cell.split(separator: " ").map { "[\($0)]" }.joined(separator: " ")
                    }
                    lines.append("| " + bars.joined(separator: " | ") + " |")
                }
            } else {
                lines.append("{comment: no chords yet}")
            }
            lines.append("{\(close)}")
        }
        // Text from the session (a title, a name) may hold control characters: a reader
        // who `cat`s the file sees them, never obeys them.
        return lines.map { visible($0) }.joined(separator: "\n") + "\n"
    }

    /// ChordPro's section environments: verse, chorus, bridge; anything else is a
    /// generic part.
    static func environment(for name: String) -> (String, String) {
        for kind in ["verse", "chorus", "bridge"] where name.hasPrefix(kind) {
            return ("start_of_\(kind)", "end_of_\(kind)")
        }
        return ("start_of_part", "end_of_part")
    }

    static func label(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst().replacingOccurrences(of: "-", with: " ")
    }
}
