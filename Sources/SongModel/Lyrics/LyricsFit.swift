import MusicTheory

/// Lyrics laid on a melody, one syllable a note, and where their stress and the meter
/// disagree.
public struct LaidLyrics: Sendable, Hashable {
    /// For each note of the melody (in order), the syllable it sings; nil for a note that
    /// holds the syllable before (`_`) or that the words ran out before.
    public var syllables: [Syllable?]
    /// Notes that hold the syllable before them.
    public var holds: Set<Int>
    /// Syllables left over when the notes ran out.
    public var extra: [Syllable]
    /// Notes after the last syllable.
    public var bare: Int
    /// Notes left without words inside the lyrics: the end of a phrase before a line that
    /// starts with the next phrase.
    public var unsung: Int { unsungNotes.count }
    /// Which notes those are (indices into the melody in order).
    public var unsungNotes: [Int] {
        zip(syllables.indices, syllables).filter { $0.1 == nil && !holds.contains($0.0) && $0.0 < syllables.count - bare }.map(\.0)
    }
    /// One line per word whose stress falls on a weaker place than its other syllables:
    /// `"to-DAY" has its stress on a weak beat in bar 3`.
    public var mismatches: [String]
    /// Stressed syllables (of words of two or more) and how many sit on a strong beat.
    public var stressed: Int
    public var stressedOnStrong: Int

    /// How strong a place in the bar is: 3 the downbeat, 2 the middle of a bar of an even
    /// number of beats, 1 another beat, 0 between beats.
    public static func weight(_ tick: Ticks, meter: Meter) -> Int {
        let inBar = ((tick % meter.ticksPerBar) + meter.ticksPerBar) % meter.ticksPerBar
        if inBar == 0 { return 3 }
        let beats = meter.ticksPerBar / meter.ticksPerBeat
        if beats % 2 == 0 && inBar == meter.ticksPerBar / 2 { return 2 }
        return inBar % meter.ticksPerBeat == 0 ? 1 : 0
    }

    /// Whether the note at `index` starts a phrase: the first, one after a rest of an
    /// eighth or more, or one after a note held two beats or more.
    public static func startsPhrase(_ index: Int, in notes: [Note], meter: Meter) -> Bool {
        guard index > 0 else { return true }
        let before = notes[index - 1]
        return notes[index].start - before.end >= MusicalTime.ticksPerQuarter / 2 || before.duration >= 2 * meter.ticksPerBeat
    }

    /// Lays `text` on `notes` (sorted by start), a syllable a note. A new line (` / `)
    /// starts where the melody starts a phrase (`startsPhrase`), the notes left in the
    /// phrase before it sung without words, when the notes after it still hold every
    /// syllable to come; else it goes straight on. Why: a newcomer's verse line of eleven
    /// syllables on a phrase of nine had sung "road Ma- ma on" in one bar, the next line
    /// running on from the middle of a phrase.
    public static func lay(_ text: String, on notes: [Note], meter: Meter) -> LaidLyrics {
        let tokens = LyricsReader.tokens(text)
        var sung: [Syllable?] = Array(repeating: nil, count: notes.count)
        var holds: Set<Int> = []
        var note = 0
        var extra: [Syllable] = []
        for (position, token) in tokens.enumerated() {
            switch token {
            case .hold:
                if note < notes.count { holds.insert(note); note += 1 }
            case .syllable(let syllable):
                if syllable.startsLine, note > 0, note < notes.count, !startsPhrase(note, in: notes, meter: meter),
                   let next = (note + 1..<notes.count).first(where: { startsPhrase($0, in: notes, meter: meter) }),
                   notes.count - next >= tokens.count - position {
                    note = next
                }
                if note < notes.count { sung[note] = syllable; note += 1 } else { extra.append(syllable) }
            }
        }
        // Words of two or more syllables, each with the places its syllables sit.
        var mismatches: [String] = []
        var stressed = 0, onStrong = 0
        var index = 0
        while index < notes.count {
            guard let first = sung[index], first.index == 0 else { index += 1; continue }
            var members: [(syllable: Syllable, tick: Ticks)] = []
            var look = index
            while look < notes.count, members.count < first.count {
                if let syllable = sung[look], syllable.word == first.word, syllable.index == members.count {
                    members.append((syllable, notes[look].start))
                } else if !holds.contains(look) { break }
                look += 1
            }
            index = max(index + 1, look)
            guard first.count > 1, members.count == first.count, let main = members.first(where: { $0.syllable.stress == 1 }) else { continue }
            stressed += 1
            let strongest = members.map { weight($0.tick, meter: meter) }.max() ?? 0
            if weight(main.tick, meter: meter) >= strongest && weight(main.tick, meter: meter) > 0 { onStrong += 1 }
            if members.contains(where: { $0.syllable.stress == 0 && weight($0.tick, meter: meter) > weight(main.tick, meter: meter) }) {
                mismatches.append("\"\(Syllable.shown(members.map(\.syllable)))\" has its stress on a weak beat in bar \(main.tick / meter.ticksPerBar + 1)")
            }
        }
        return LaidLyrics(syllables: sung, holds: holds, extra: extra, bare: max(0, notes.count - note), mismatches: mismatches,
                          stressed: stressed, stressedOnStrong: onStrong)
    }
}
