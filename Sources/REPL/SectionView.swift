import Foundation
import MusicTheory
import SongModel

/// Text views of a section: its heading, chord chart with Roman numerals, melody by bar.
enum SectionView {
    static func render(_ section: Section, in song: Song) -> String {
        var lines = [heading(section, in: song)]
        if section.chords == nil { lines.append("chords — none yet (`chords \(section.name) = | … |`)") }
        for kind in section.kinds {
            guard let part = section.parts[kind] else { continue }
            var title = "\(kind) — \(part.provenance.summary)"
            switch part.content {
            case .notes(let notes): title += ", range \(range(of: notes))"
            // A learned style's groove is named in the credit; its stand-in built-in style is not.
            case .drums(_, let style, _): title += part.provenance.origin.parameters?["learned"] != nil ? "" : style.map { ", \($0)" } ?? ""
            case .chords: break
            }
            lines.append(title)
            lines += self.lines(of: kind, in: section, song: song)
        }
        lines += lyricsLines(section, in: song)
        return lines.joined(separator: "\n")
    }

    /// The lyrics: by bar as sung on the melody (a syllable under each note, `_` where a
    /// note holds one), then what does not fit and where a word's stress falls weak; or as
    /// typed when there is no melody yet.
    /// Each bar's syllables as sung on `notes` ("glass,", "don't", "let"; "_" where one is
    /// held), by bar index from 0.
    static func wordsByBar(_ laid: LaidLyrics, on notes: [Note], meter: Meter) -> [Int: [String]] {
        var byBar: [Int: [String]] = [:]
        for (index, note) in notes.enumerated() {
            let word: String
            if let syllable = laid.syllables[index] {
                word = syllable.text + (syllable.index < syllable.count - 1 ? "-" : "")
            } else if laid.holds.contains(index) {
                word = "_"
            } else { continue }
            byBar[note.start / meter.ticksPerBar, default: []].append(word)
        }
        return byBar
    }

    /// The section's words as sung on its melody, bar by bar (nil without both).
    static func wordsByBar(_ section: Section, in song: Song) -> [Int: [String]]? {
        guard let lyrics = section.lyrics, let notes = section.melody?.notes.sorted(by: { $0.start < $1.start }), !notes.isEmpty else { return nil }
        let meter = song.meter(of: section)
        return wordsByBar(LaidLyrics.lay(lyrics.text, on: notes, meter: meter), on: notes, meter: meter)
    }

    static func lyricsLines(_ section: Section, in song: Song) -> [String] {
        guard let lyrics = section.lyrics else { return [] }
        var lines = ["lyrics — \(lyrics.provenance.summary)"]
        guard let notes = section.melody?.notes.sorted(by: { $0.start < $1.start }), !notes.isEmpty else {
            return lines + lyrics.text.replacingOccurrences(of: " / ", with: "\n").split(separator: "\n").map { "  " + $0 }
                + ["  (no melody yet: `melody \(section.name) fit=lyrics` writes one for the words)"]
        }
        let meter = song.meter(of: section)
        let laid = LaidLyrics.lay(lyrics.text, on: notes, meter: meter)
        let width = String(section.bars).count
        let byBar = wordsByBar(laid, on: notes, meter: meter)
        for bar in byBar.keys.sorted() {
            lines.append("  " + String(bar + 1).leftPadded(to: width) + "  " + byBar[bar, default: []].joined(separator: " "))
        }
        if !laid.extra.isEmpty {
            lines.append("  \(laid.extra.count) \(laid.extra.count == 1 ? "syllable" : "syllables") more than notes: "
                         + laid.extra.prefix(8).map(\.text).joined(separator: " ") + (laid.extra.count > 8 ? " …" : ""))
        }
        if laid.unsung > 0 {
            // Named where they are, bar and pitch (a band leader had hunted for the one note).
            let which = laid.unsungNotes.prefix(6).map { "bar \(notes[$0].start / meter.ticksPerBar + 1) \(notes[$0].pitch)" }
                .joined(separator: ", ") + (laid.unsung > 6 ? ", …" : "")
            lines.append("  \(laid.unsung) \(laid.unsung == 1 ? "note has" : "notes have") no syllable where a line ends before its phrase does (each line starts with a phrase): \(which)")
        }
        if laid.bare > 0 {
            // From where: the first bare note's bar and pitch.
            let first = notes[notes.count - laid.bare]
            lines.append("  \(laid.bare) \(laid.bare == 1 ? "note has" : "notes have") no syllable (the words ran out), from bar \(first.start / meter.ticksPerBar + 1) \(first.pitch)")
        }
        lines += laid.mismatches.map { "  stress: " + $0 }
        return lines
    }

    /// A part in the view its shape uses: a chord chart, notes by bar (voicings by bar for
    /// a part that plays several notes at once), a drum grid.
    static func lines(of kind: PartKind, in section: Section, song: Song) -> [String] {
        guard let part = section.parts[kind] else { return [] }
        switch part.content {
        case .chords: return chordChart(section, in: song)
        case .notes(let notes):
            let sorted = notes.sorted { $0.start < $1.start }
            let polyphonic = zip(sorted, sorted.dropFirst()).contains { $0.end > $1.start }
            return polyphonic ? voicingLines(notes, section: section, in: song)
                : melodyLines(LinePart(notes: notes, provenance: part.provenance), section: section, in: song)
        case .drums(let hits, let style, let timing):
            return DrumGridView.lines(DrumPart(hits: hits, style: style, timing: timing, provenance: part.provenance), bars: section.bars,
                                      meter: song.meter(of: section), quarterTempo: song.quarterTempo(of: section))
        }
    }

    /// Notes played together (a pad's voicings), bar by bar: at each moment a note
    /// starts, every pitch then sounding — "[C3 F3 A3]"; a bar where nothing new starts
    /// is "held".
    static func voicingLines(_ notes: [Note], section: Section, in song: Song) -> [String] {
        let meter = song.meter(of: section)
        let width = String(section.bars).count
        let lastBar = (notes.map(\.end).max() ?? 0 - 1) / meter.ticksPerBar
        return (0..<min(section.bars, lastBar + 1)).map { bar in
            let starts = Set(notes.filter { $0.start / meter.ticksPerBar == bar }.map(\.start)).sorted()
            let chords = starts.map { tick in
                "[" + notes.filter { $0.start <= tick && $0.end > tick }.sorted { $0.pitch.midi < $1.pitch.midi }
                    .map(\.pitch.description).joined(separator: " ") + "]"
            }
            return "  " + String(bar + 1).leftPadded(to: width) + "  " + (chords.isEmpty ? "held" : chords.joined(separator: " "))
        }
    }

    static func heading(_ section: Section, in song: Song) -> String {
        var facts = ["\(section.bars) \(section.bars == 1 ? "bar" : "bars")", "\(song.key(of: section))",
                     "\(song.tempo(of: section)) bpm", "\(song.meter(of: section))"]
        if let mood = song.mood(of: section) { facts.append("\(mood)") }
        if let energy = section.energy { facts.append(String(format: "energy %.2f", energy)) }
        if let tension = section.tension { facts.append(String(format: "tension %.2f", tension)) }
        facts += handovers(section, in: song)
        return "\(section.name): " + facts.joined(separator: ", ")
    }

    /// A section's hand-overs in words: "build into chorus", "then fill" (or "fill into
    /// any other" beside named ones), "ritard at the end".
    static func handovers(_ section: Section, in song: Song? = nil) -> [String] {
        // No hand-over is said as a musician says it: "straight into verse", not "none into
        // verse" (a newcomer could not read it).
        // A fill, build or drop is the drummer's: in a section without drums it is kept
        // for when it has some, and said so once, after the last of them (a songwriter's
        // drumless chorus read "hands over: fill into bridge", and nothing played).
        func into(_ transition: Transition, _ next: String) -> String { transition == .none ? "straight into \(next)" : "\(transition) into \(next)" }
        // Given the song, a hand-over to a section that never follows this one in its form is
        // said to be kept but not played (after `arrange` took the chorus out, a composer's
        // bridge had read "fill into chorus").
        let follows = song?.sections(following: section.name)
        var items = (section.handovers ?? [:]).sorted { $0.key < $1.key }.map { entry in
            let played = follows?.contains(entry.key) ?? true
            return (into(entry.value, entry.key) + (played ? "" : " (kept; \(entry.key) does not follow it in the form)"), entry.value.isDrummers && played)
        }
        if let transition = section.transition {
            items.append((items.isEmpty ? (transition == .none ? "then straight on" : "then \(transition)") : into(transition, "any other"), transition.isDrummers))
        }
        if section.drums == nil, let last = items.lastIndex(where: { $0.1 }) {
            let count = items.filter(\.1).count
            items[last].0 += count == 1 ? " (played once the section has drums)" : " (these \(count) played once the section has drums)"
        }
        let ends = song.map { $0.form.last == section.name } ?? true
        return items.map(\.0) + (section.ending.map { ["\($0) at the end" + (ends ? "" : " (kept for when it ends the song)")] } ?? [])
    }

    /// The chart, four bars to a line, the Roman numeral under each chord.
    static func chordChart(_ section: Section, in song: Song) -> [String] {
        guard let chords = section.chords else { return [] }
        let meter = song.meter(of: section)
        let key = song.key(of: section)
        let cells = ChordChart.cells(of: chords, bars: section.bars, meter: meter)
        // Each chord read in its place (a tonic 7th is I7 unless it leads into IV).
        let bars = chords.bars(section.bars, meter: meter)
        var readings = key.analysis(of: bars.flatMap { $0.compactMap(\.chord) })[...]
        // A chord struck again in its bar reads as it did first there: a blues bar of
        // C7 C7 before F7 had read "I7 V7/IV", the same chord named two ways.
        let numerals = bars.enumerated().map { index, changes in
            var read: [String] = []
            for (slot, change) in changes.enumerated() {
                let reading = change.chord == nil ? "–" : readings.popFirst() ?? "?"
                read.append(slot > 0 && change.chord != nil && changes[slot - 1].chord == change.chord ? read[slot - 1] : reading)
            }
            return cells[index] == "%" ? "" : aligned(read, under: cells[index])
        }
        var lines: [String] = []
        for start in stride(from: 0, to: cells.count, by: 4) {
            let range = start..<min(start + 4, cells.count)
            let widths = range.map { max(cells[$0].count, numerals[$0].count, 4) }
            let row = { (texts: [String], bar: String) in
                "  " + bar + zip(texts, widths).map { " " + $0.rightPadded(to: $1) + " " + bar }.joined()
            }
            lines.append(row(range.map { cells[$0] }, "|"))
            lines.append(row(range.map { numerals[$0] }, " ").trimmingSpaces.isEmpty ? "" : row(range.map { numerals[$0] }, " "))
        }
        // Trailing spaces only; the leading ones keep the numerals under their chords.
        return lines.filter { !$0.isEmpty }.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// A bar's numerals, each under its chord in the bar's cell ("C . G7" puts the second
    /// under G7), never closer than a space to the one before. Joined with single spaces,
    /// a second numeral had sat a column or two off its chord (`| Em A7 |` read "iii V7/ii"
    /// with V7/ii starting right of A7).
    static func aligned(_ numerals: [String], under cell: String) -> String {
        var offsets: [Int] = []
        var position = 0
        for word in cell.split(separator: " ", omittingEmptySubsequences: false) {
            if word != "." { offsets.append(position) }
            position += word.count + 1
        }
        guard offsets.count == numerals.count else { return numerals.joined(separator: " ") }
        var line = ""
        for (offset, numeral) in zip(offsets, numerals) {
            let at = line.isEmpty ? offset : max(offset, line.count + 1)
            line += String(repeating: " ", count: at - line.count) + numeral
        }
        return line
    }

    /// The melody as notes per bar; a run of empty bars at the end is folded.
    static func melodyLines(_ melody: MelodyPart, section: Section, in song: Song) -> [String] {
        let meter = song.meter(of: section)
        let bars = NoteSyntax.format(melody.notes, bars: section.bars, meter: meter)
        let lastSounding = melody.notes.map { ($0.end - 1) / meter.ticksPerBar }.max() ?? -1
        let width = String(section.bars).count
        var lines: [String] = []
        for (index, text) in bars.enumerated() where index <= lastSounding {
            lines.append("  " + String(index + 1).leftPadded(to: width) + "  " + text)
        }
        if lastSounding + 1 < section.bars {
            let from = lastSounding + 2
            let rest = from == section.bars ? "bar \(from)" : "bars \(from)–\(section.bars)"
            lines.append("  " + String(repeating: " ", count: width) + "  (\(rest): rest)")
        }
        return lines
    }

    /// "C5–Ab5".
    static func range(of notes: [Note]) -> String {
        guard let low = notes.min(by: { $0.pitch.midi < $1.pitch.midi }),
              let high = notes.max(by: { $0.pitch.midi < $1.pitch.midi }) else { return "empty" }
        return low.pitch.midi == high.pitch.midi ? "\(low.pitch)" : "\(low.pitch)–\(high.pitch)"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// Filled with spaces on the right to `width`; a longer string is left whole.
    func rightPadded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// A column `width` wide whose last place is a space: a longer string is left whole
    /// and still set apart from the next column. Why not `padding(toLength:)`: it counts
    /// UTF-16 units and cuts what is longer, so "𝄫VI/iii ii" (the double flat takes two
    /// units) lost its last letter on a chart, and a sketch's "pre-chorus 2" read as
    /// "pre-chorus".
    func column(_ width: Int) -> String { rightPadded(to: width - 1) + " " }
}
