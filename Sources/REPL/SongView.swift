import Foundation
import MusicTheory
import SongModel

/// The `song` overview: settings, form, sections and who wrote what.
enum SongView {
    static func overview(_ song: Song, path: String?, unsaved: Int) -> String {
        var lines: [String] = []
        let by = song.authors.isEmpty ? "" : " — by " + song.authors.joined(separator: ", ")
        lines.append(quoted(song.title) + by)
        var facts = ["\(song.key)", "\(song.tempo) bpm", "\(song.meter)"]
        if let mood = song.mood { facts.append("\(mood)") }
        lines.append("  " + facts.joined(separator: " · "))
        if song.sections.isEmpty {
            lines.append("  no sections yet — `add verse 8`")
        } else {
            lines.append("  form: " + song.form.joined(separator: " ")
                + " (\(song.lengthInBars) bars, \(duration(of: song)))")
            let width = song.sections.map(\.name.count).max() ?? 0
            for section in song.sections {
                let name = section.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let parts = section.credits.map { "\($0.kind) (\($0.provenance.summary))" }
                var own: [String] = []
                if let key = section.key { own.append("key \(key)") }
                if let tempo = section.tempo { own.append("\(tempo) bpm") }
                if let meter = section.meter { own.append("\(meter)") }
                if let mood = section.mood { own.append("\(mood)") }
                let bars = "\(section.bars) \(section.bars == 1 ? "bar " : "bars")".leftPadded(to: 8)
                lines.append("  \(name) \(bars)  " + (parts.isEmpty ? "empty" : parts.joined(separator: ", "))
                    + (own.isEmpty ? "" : "  [" + own.joined(separator: ", ") + "]"))
            }
        }
        let credits = writers(of: song)
        if !credits.isEmpty { lines.append("  written by: " + credits.joined(separator: "; ")) }
        let saved = path.map { "saved as \($0)" } ?? "not saved yet"
        lines.append("  " + saved + (unsaved > 0 ? ", \(unsaved) unsaved \(unsaved == 1 ? "change" : "changes") (autosaved)" : ""))
        return lines.joined(separator: "\n")
    }

    /// Each contributor with the parts they wrote: "Ana: verse chords, verse melody".
    static func writers(of song: Song) -> [String] {
        var order: [String] = []
        var parts: [String: [String]] = [:]
        for section in song.sections {
            for part in section.credits {
                for name in part.provenance.contributors {
                    if parts[name] == nil { order.append(name) }
                    parts[name, default: []].append("\(section.name) \(part.kind)")
                }
            }
        }
        return order.map { "\($0): " + (parts[$0] ?? []).joined(separator: ", ") }
    }

    /// Playing time of the form, "3:12". Tempo counts the meter's beat.
    static func duration(of song: Song) -> String {
        var seconds = 0.0
        for name in song.form {
            guard let section = song.section(named: name) else { continue }
            let meter = song.meter(of: section)
            seconds += Double(section.bars * meter.beatsPerBar) * 60 / Double(song.tempo(of: section))
        }
        let total = Int(seconds.rounded())
        return "\(total / 60):" + String(format: "%02d", total % 60)
    }
}
