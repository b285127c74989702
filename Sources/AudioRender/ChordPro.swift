import Foundation
import MusicTheory
import SongModel

/// A ChordPro lead sheet: title, composer, key, tempo and meter, then the sections in
/// playing order, each as a chord grid (`{start_of_grid}`: a cell per beat, `.` where a
/// chord holds, `%` for a bar that repeats the one before), labelled with the section's
/// name. A key, meter or tempo that changes at a section is a directive before its grid;
/// a section heard before is recalled by name, the way lead sheets save paper.
public enum ChordPro {
    public static func text(for song: Song) -> String { text(for: song, sounding: nil) }

    /// The chart for a guitarist with a capo on fret `capo` (1–11): every chord written as
    /// the shape played (the song moved down that far), `{key}` the shapes' as ChordPro's
    /// `{capo}` reads it, and the sounding key said at the top and at every key change,
    /// for the rest of the band. Returns the chart and the shapes' key.
    public static func text(for song: Song, capo: Int) throws(SongModelError) -> (text: String, shapes: Key) {
        var shapes = song
        try shapes.transposeMusic(by: -capo, author: "capo", at: Date(timeIntervalSince1970: 0))
        return (text(for: shapes, sounding: (capo, song)), shapes.key)
    }

    /// The lowest fret (0–7) at which a song in `key` is played in open chord shapes: C, G,
    /// D, A or E major, Am, Em or Dm minor (the chords a beginner's first shapes give; not
    /// the open-string keys a sketch is drawn in, whose Bm and F♯m are barre chords).
    public static func capo(for key: Key) -> Int {
        let open: Set<Int> = key.isMinor ? [9, 4, 2] : [0, 7, 2, 9, 4]   // their tonics' pitch classes
        return (0...7).first { open.contains((key.tonic.pitchClass - $0 + 12) % 12) } ?? 0
    }

    /// `sounding`: the capo and the song as it sounds, whose keys the chart's comments say.
    static func text(for song: Song, sounding: (capo: Int, song: Song)?) -> String {
        var lines = ["{title: \(song.title)}"]
        if !song.authors.isEmpty {
            lines.append("{artist: \(song.authors.joined(separator: ", "))}")
            lines.append("{composer: \(song.authors.joined(separator: ", "))}")
        }
        let lyricists = lyricists(of: song)
        if !lyricists.isEmpty { lines.append("{lyricist: \(lyricists.joined(separator: ", "))}") }
        lines += ["{key: \(song.key)}", "{time: \(song.meter)}", "{tempo: \(song.tempo)}"]
        if let sounding {
            lines.append("{capo: \(sounding.capo)}")
            lines.append("{comment: capo \(sounding.capo): shapes in \(song.key), sounding in \(sounding.song.key)}")
        }
        lines.append("{comment: form — \(song.form.joined(separator: ", "))}")
        var written = Set<String>()
        var current = (key: song.key, meter: song.meter, tempo: song.tempo)
        var feel = LeadSheetFeel.straight
        for (index, name) in song.form.enumerated() {
            guard let section = song.section(named: name) else { continue }
            lines.append("")
            let meter = song.meter(of: section), key = song.key(of: section), tempo = song.tempo(of: section)
            if key != current.key {
                lines.append("{key: \(key)}")
                // With a capo, the band hears where the key goes (a choir director's last
                // chorus up a tone had said only its shapes).
                if let sounding, let heard = sounding.song.section(named: name).map({ sounding.song.key(of: $0) }) {
                    lines.append("{comment: sounding in \(heard)}")
                }
            }
            if meter != current.meter { lines.append("{time: \(meter)}") }
            if tempo != current.tempo { lines.append("{tempo: \(tempo)}") }
            current = (key, meter, tempo)
            // ChordPro has no directive for a feel: a comment, as a chart writes it over the bar.
            let now = LeadSheetFeel.of(section, at: index, in: song)
            if now != feel { lines.append("{comment: \(now.words)" + (now.ratio == nil ? "" : " (\(now.said))") + "}") }
            feel = now
            if written.contains(section.name) {
                lines.append("{comment: \(label(section.name)) again}")
                continue
            }
            written.insert(section.name)
            if let words = section.lyrics, let melody = section.melody?.notes.sorted(by: { $0.start < $1.start }), !melody.isEmpty {
                // By the section's role, as the rest of Cowrite reads it: "last chorus" and
                // "final-chorus" are choruses, "refrain" too (only a name starting "chorus" had been).
                let kind = switch SectionRole(name: section.name) {
                case .chorus: "chorus"
                case .bridge: "bridge"
                default: "verse"
                }
                lines.append("{start_of_\(kind): label=\"\(label(section.name))\"}")
                lines += sung(words, melody: melody, chords: section.chords?.changes ?? [], meter: meter, bars: section.bars)
                lines.append("{end_of_\(kind)}")
                continue
            }
            guard let chords = section.chords else {
                lines.append("{comment: \(label(section.name)) — no chords yet}")
                continue
            }
            lines.append("{start_of_grid shape=\"4x\(meter.beats)\" label=\"\(label(section.name))\"}")
            let bars = grid(chords, bars: section.bars, meter: meter)
            for start in stride(from: 0, to: bars.count, by: 4) {
                lines.append("| " + bars[start..<min(start + 4, bars.count)].joined(separator: " | ") + " |")
            }
            lines.append("{end_of_grid}")
        }
        // Text from the session (a title, a name) may hold control characters: a reader
        // who `cat`s the file sees them, never obeys them.
        return lines.map { visible($0) }.joined(separator: "\n") + "\n"
    }

    /// Lines of the lyrics with each chord in brackets before the syllable sung where it
    /// changes (`[Cm]When the [Ab]rain`); chords before the first sung note go on the first
    /// syllable. A chord that changes while a syllable is held goes after it (`hold [G] on`,
    /// inside a word `rain[F]y`), and one that changes in a rest before the next syllable
    /// goes on that syllable, or after the last one in its bar (`six [F]`); a chord the chart plays
    /// again (a `%` bar) is not written again.
    ///
    /// Why: every chord up to the next sung note had gone before the syllable, so a last
    /// bar's F with nothing sung over it sat on the word before (`[Am][F]six`), where a
    /// singer would play it; an outside check found it.
    ///
    /// Bars played after the words run out (the sung bar's own chords aside) go on lines of
    /// their own, four bars a line, each bar's changes between bar lines and `%` for a bar
    /// that holds: `| [Gsus4] | [G] [F] | % | [E] |`. (They had all been strung after the
    /// last word, `glow [Gsus4][G][F][Bbmaj7#11][G/B][E]`, with no bar to play them in.)
    static func sung(_ words: Lyrics, melody: [Note], chords: [ChordChange], meter: Meter, bars: Int = 0) -> [String] {
        let laid = LaidLyrics.lay(words.text, on: melody, meter: meter)
        var lines: [String] = []
        var line = ""
        var pending: [ChordChange] = []
        for change in chords.sorted(by: { $0.start < $1.start }) where pending.last?.symbol != change.symbol { pending.append(change) }
        let sung = melody.indices.filter { laid.syllables[$0] != nil }
        func tags(before tick: Int) -> String {
            var tags = ""
            while let change = pending.first, change.start < tick { tags += "[\(change.symbol)]"; pending.removeFirst() }
            return tags
        }
        for (position, index) in sung.enumerated() {
            guard let syllable = laid.syllables[index] else { continue }
            if syllable.startsLine && !line.isEmpty { lines.append(line); line = "" }
            if syllable.index == 0 && !line.isEmpty { line += " " }
            line += tags(before: melody[index].start + 1) + syllable.text
            // Changes while this syllable is held, before the next one is sung.
            let next = position + 1 < sung.count ? sung[position + 1] : nil
            let held = tags(before: min(melody[index].end, next.map { melody[$0].start } ?? Int.max))
            if !held.isEmpty {
                let inWord = next.flatMap { laid.syllables[$0] }.map { $0.index != 0 && !$0.startsLine } ?? false
                line += (inWord ? "" : " ") + held
            }
        }
        // The rest of the bar the words end in stays on their line; later bars get their own.
        let wordsEnd = sung.last.map { (melody[$0].end - 1) / meter.ticksPerBar + 1 } ?? 0
        let after = pending.filter { $0.start >= wordsEnd * meter.ticksPerBar }
        pending.removeLast(after.count)
        if !pending.isEmpty { line += (line.isEmpty ? "" : " ") + pending.map { "[\($0.symbol)]" }.joined() }
        if !line.isEmpty { lines.append(line) }
        if let first = after.first {
            let from = first.start / meter.ticksPerBar
            let to = max(bars, (after.last?.start ?? 0) / meter.ticksPerBar + 1)
            let cells = (from..<to).map { bar -> String in
                let here = after.filter { $0.start / meter.ticksPerBar == bar }
                return here.isEmpty ? "%" : here.map { "[\($0.symbol)]" }.joined(separator: " ")
            }
            for start in stride(from: 0, to: cells.count, by: 4) {
                lines.append("| " + cells[start..<min(start + 4, cells.count)].joined(separator: " | ") + " |")
            }
        }
        return lines
    }

    /// Everyone credited with lyrics, first lyricists first, then who rewrote them.
    public static func lyricists(of song: Song) -> [String] {
        var names: [String] = []
        for section in song.sections {
            guard let provenance = section.lyrics?.provenance else { continue }
            for name in [provenance.origin.name] + provenance.edits.map(\.author) where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Each bar as grid cells, one per beat: the chord where it changes, `.` where it
    /// holds, `%` for a bar the same as the one before.
    static func grid(_ part: ChordPart, bars: Int, meter: Meter) -> [String] {
        let slot = meter.ticksPerBar / meter.beats
        var cells: [String] = []
        var previous: [String]?
        var sounding: String?
        for (index, changes) in part.bars(bars, meter: meter).enumerated() {
            var beats = [String](repeating: ".", count: meter.beats)
            if changes.first?.start != index * meter.ticksPerBar, let sounding { beats[0] = sounding }
            for change in changes {
                beats[min(meter.beats - 1, (change.start - index * meter.ticksPerBar) / slot)] = change.symbol
                sounding = change.symbol
            }
            cells.append(beats == previous ? "%" : beats.joined(separator: " "))
            previous = beats
        }
        return cells
    }

    static func label(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst().replacingOccurrences(of: "-", with: " ")
    }
}
