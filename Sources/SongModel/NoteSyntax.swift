import MusicTheory

/// The note syntax writers type for melodies: `C5/4 Eb5/8 F5/8. r/4 G4/2~ G4/4 | …`.
///
/// A token is a pitch in scientific notation or `r` for a rest, a slash and a note value
/// (`/1 /2 /4 /8 /16 /32`, `.` dotted, `t` triplet), and `~` to tie into the next note
/// of the same pitch. A lone `/DUR`-less pitch takes the previous duration (a quarter at
/// first). `|` marks are bar checks: the notes before each must fill the bar exactly.
public enum NoteSyntax {
    /// Parses notes laid out from tick 0 in `meter`. With `wholeTriplets` (a line the
    /// writer types), triplets must fill their groups before a note without t
    /// (`SongModelError.unfinishedTriplet`); without, any line `format` writes reads back,
    /// a melody moved off the beat (`shift`) included.
    public static func parse(_ text: String, meter: Meter, wholeTriplets: Bool = false) throws(SongModelError) -> [Note] {
        try parseSpan(text, meter: meter, wholeTriplets: wholeTriplets).notes
    }

    /// Parses notes laid out from tick 0 in `meter`, with the length the text fills, rests
    /// included (`C5/2 r/2` fills a 4/4 bar though its one note lasts half of it).
    public static func parseSpan(_ text: String, meter: Meter, wholeTriplets: Bool = false) throws(SongModelError) -> (notes: [Note], length: Ticks) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.contains(where: { $0 != "|" }) else { throw .emptyNotes }
        var notes: [Note] = []
        var cursor: Ticks = 0
        var barStart: Ticks = 0
        var barNumber = 1
        var barText: [String] = []
        var lastValue = NoteValue(denominator: 4)
        var tieOpen: (index: Int, token: String)?
        // Triplets since the line was last on the straight grid (a sixty-fourth): a note
        // without t that starts off it follows an unfinished group ("C4/4t D4/4t E4/4"
        // had been taken, and the tune ran a third of a beat over every bar line after).
        let straight = MusicalTime.ticksPerQuarter / 16
        var triplets: [String] = [], tripletStart: Ticks = 0
        // The group is three of the last triplet's value: what is missing of it, in those.
        func unfinished(before word: String, value: NoteValue) -> SongModelError {
            let group = 3 * value.ticks, done = (cursor - tripletStart) % group
            let missing = max(1, (group - done) / max(1, value.ticks))
            return .unfinishedTriplet(note: word, run: triplets.joined(separator: " "), missing: missing, value: value.description)
        }

        for word in words {
            if word == "|" {
                // A bar line before the first note opens the first bar, as in a chord chart
                // (`| D5/2 B4/2 | A4/1 |` had read as an empty first bar).
                if barNumber == 1 && barText.isEmpty && cursor == 0 { continue }
                let length = cursor - barStart
                if length != meter.ticksPerBar {
                    throw .barCheck(bar: barNumber, text: barText.joined(separator: " "),
                                    ticks: length, expected: meter.ticksPerBar)
                }
                barStart = cursor
                barNumber += 1
                barText = []
                continue
            }
            barText.append(word)
            var token = Substring(word)
            let tied = token.hasSuffix("~")
            if tied { token = token.dropLast() }
            let parts = token.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let pitchText = parts.first, !pitchText.isEmpty else { throw .badNote(word) }
            let previousValue = lastValue
            if parts.count == 2 {
                do { lastValue = try NoteValue(parsing: String(parts[1])) } catch { throw .theory(error) }
            }
            if wholeTriplets && !lastValue.triplet && cursor % straight != 0 { throw unfinished(before: word, value: previousValue) }
            let duration = lastValue.ticks
            if lastValue.triplet {
                if triplets.isEmpty { tripletStart = cursor }
                triplets.append(word)
            }
            if pitchText == "r" || pitchText == "R" {
                if let tie = tieOpen { throw .danglingTie(tie.token) }
                if tied { throw .danglingTie(word) }
                cursor += duration
                if cursor % straight == 0 { triplets = [] }
                continue
            }
            let pitch: Pitch
            do { pitch = try Pitch(parsing: String(pitchText)) } catch {
                if case .pitchOutOfRange = error { throw .theory(error) }
                throw .badNote(word)
            }
            if let tie = tieOpen {
                guard notes[tie.index].pitch.midi == pitch.midi else { throw .tieToDifferentPitch(tie.token) }
                notes[tie.index].duration += duration
                tieOpen = tied ? (tie.index, word) : nil
            } else {
                notes.append(Note(start: cursor, duration: duration, pitch: pitch))
                if tied { tieOpen = (notes.count - 1, word) }
            }
            cursor += duration
            if cursor % straight == 0 { triplets = [] }
        }
        if let tie = tieOpen { throw .danglingTie(tie.token) }
        if wholeTriplets && cursor % straight != 0 { throw unfinished(before: "", value: lastValue) }
        return (notes, cursor)
    }

    /// Writes notes back as text, one string per bar, rests filling the gaps, notes that
    /// cross a bar line split and tied. `bars` bars are written (trailing empty bars as
    /// whole-bar rests).
    public static func format(_ notes: [Note], bars: Int, meter: Meter) -> [String] {
        let barLength = meter.ticksPerBar
        var cells = Array(repeating: [String](), count: bars)
        func emit(_ name: String, from start: Ticks, length: Ticks, tieAtEnd: Bool) {
            var position = start
            var remaining = length
            while remaining > 0 {
                let bar = position / barLength
                guard bar < bars else { return }
                let inBar = min(remaining, (bar + 1) * barLength - position)
                let values = NoteValue.spell(inBar)
                for (index, value) in values.enumerated() {
                    let last = index == values.count - 1 && inBar == remaining
                    let tie = name != "r" && (!last || tieAtEnd)
                    cells[bar].append("\(name)/\(value)" + (tie ? "~" : ""))
                }
                position += inBar
                remaining -= inBar
            }
        }
        var cursor: Ticks = 0
        for note in notes.sorted(by: { $0.start < $1.start }) {
            if note.start > cursor { emit("r", from: cursor, length: note.start - cursor, tieAtEnd: false) }
            let start = max(note.start, cursor)
            emit(note.pitch.description, from: start, length: note.end - start, tieAtEnd: false)
            cursor = max(cursor, note.end)
        }
        if cursor < bars * barLength { emit("r", from: cursor, length: bars * barLength - cursor, tieAtEnd: false) }
        return cells.map { $0.joined(separator: " ") }
    }
}
