import MusicTheory
import SongModel

/// One note's place in a melody before it has a pitch.
struct Onset: Sendable {
    var start: Ticks
    var length: Ticks
    /// The beat the note belongs to: an anticipation sounds early but takes its chord from here.
    var harmonic: Ticks
    var anticipated = false
    var pickup = false
    /// The phrase it sings in, the bar within that phrase, its index in that bar.
    var phrase: Int
    var bar: Int
    var index: Int
}

/// A section's melody rhythm: phrases in a song-form scheme (AABA, ABAC …), each phrase's
/// bars in a scheme the folk songs use (a bar repeating an earlier bar's rhythm), a cadence
/// bar to close each phrase, and the style's anticipations, pickups and sixteenths.
///
/// A phrase that returns (the second A) returns with its rhythm, so its pitches can return
/// too: that repetition of a figure with its rhythm is what makes a line a hook.
struct MelodyPlan: Sendable {
    /// Phrase letters across the section: "AABA".
    let form: String
    let phraseBars: Int
    let onsets: [Onset]
    /// Bars that repeat an earlier bar's rhythm in their phrase, by phrase letter: bar → earlier bar.
    let echoes: [Character: [Int: Int]]

    /// Whether the onset at `position` closes its phrase: the last, or the one before the
    /// next phrase or its pickup. The generator sings the chord there; the reasons name it.
    func endsPhrase(at position: Int) -> Bool {
        guard position + 1 < onsets.count else { return true }
        let onset = onsets[position], next = onsets[position + 1]
        return next.phrase != onset.phrase || (next.pickup && !onset.pickup)
    }

    /// Song forms by number of phrases, with their weights: a period (AA′), a contrast (AB),
    /// the 32-bar form (AABA) and the verse–refrain shape (ABAC).
    static let forms: [Int: [(String, Double)]] = [
        1: [("A", 1)], 2: [("AA", 0.7), ("AB", 0.3)], 3: [("AAB", 0.5), ("ABA", 0.5)],
        4: [("AABA", 0.4), ("ABAC", 0.35), ("ABAB", 0.25)],
    ]
    /// A chorus is where the hook returns: its forms bring the first phrase back, figure
    /// and rhythm, far more often (an AB chorus, with no phrase sung twice, had measured
    /// no 4-note figure recurring at all in a sketch's chorus).
    static let chorusForms: [Int: [(String, Double)]] = [
        1: [("A", 1)], 2: [("AA", 0.9), ("AB", 0.1)], 3: [("ABA", 0.7), ("AAB", 0.3)],
        4: [("AABA", 0.4), ("ABAB", 0.45), ("ABAC", 0.15)],
    ]

    /// What a phrase sung once in its section asks of its bar scheme: it has no return, and
    /// its cadence bar is its own, so a scheme like ABCB left a 4-bar pre-chorus (or each
    /// phrase of an AB verse) with no figure sung twice. First a bar repeated over the
    /// chords it was first sung over (so its figure can return note for note, or move as a
    /// whole), then any bar repeated before the cadence. `chords` are each bar's chords at
    /// its strong beats.
    static func loneSchemes(bars: Int, chords: [[Chord?]]) -> [(String) -> Bool] {
        let echoes = { (scheme: String) -> [(Int, Int)] in
            let marks = Array(scheme.prefix(bars - 1))
            return marks.indices.compactMap { index in marks[..<index].firstIndex(of: marks[index]).map { ($0, index) } }
        }
        return [
            { scheme in echoes(scheme).contains { chords.indices.contains($0.1) && chords[$0.0] == chords[$0.1] } },
            { scheme in !echoes(scheme).isEmpty },
        ]
    }

    static func make(bars: Int, meter: Meter, style: MelodyStyle, density: Double, learned: LearnedStyle? = nil, motif: [Note],
                     chorus: Bool = false, barChords: [[Chord?]] = [], generator: inout SeededGenerator) -> MelodyPlan {
        let model = FolkModel(meter: meter, learned: learned)
        let phraseBars = min(4, bars)
        let phraseCount = (bars + phraseBars - 1) / phraseBars
        let options = (chorus ? chorusForms : forms)[min(4, phraseCount)] ?? [("A", 1)]
        var form = options[generator.pick(weights: options.map(\.1))].0
        while form.count < phraseCount { form += form }
        form = String(form.prefix(phraseCount))
        // A shorter last phrase (a 6-bar section) is its own.
        if bars % phraseBars != 0, let last = form.last, form.dropLast().contains(last),
           let fresh = "ABCDEFGH".first(where: { !form.contains($0) }) {
            form = String(form.dropLast()) + String(fresh)
        }
        // Notes per bar follow energy: a bar that is not a cadence aims at 2.2 + 4.6 × density
        // notes (3.6 to 6.3 at the densities energy gives by default).
        // A learned style aims at the writer's own notes a bar, scaled by energy the same way
        // (as written at the density energy 0.5 gives).
        let target = model?.learnedNotesPerBar.map { $0 * (2.2 + 4.6 * density) / (2.2 + 4.6 * 0.6) } ?? 2.2 + 4.6 * density
        let row = style.row
        let bar = meter.ticksPerBar
        var rhythms: [Character: [[(Ticks, Ticks, Bool)]]] = [:]   // per letter, per bar: (start, length, anticipated)
        var echoes: [Character: [Int: Int]] = [:]
        for letter in form where rhythms[letter] == nil {
            let length = letter == form.last && bars % phraseBars != 0 ? bars % phraseBars : phraseBars
            // A phrase sung once in the section repeats a bar within itself, in the popular
            // styles (the folk style keeps the folk songs' own shares of schemes).
            let once = style != .folk && form.filter { $0 == letter }.count == 1
            let from = (form.firstIndex(of: letter).map { form.distance(from: form.startIndex, to: $0) } ?? 0) * phraseBars
            let chords = Array(barChords.dropFirst(from).prefix(length))
            let scheme = Array(model?.scheme(preferring: once ? loneSchemes(bars: length, chords: chords) : [], generator: &generator) ?? "ABCD")
            var phrase: [[(Ticks, Ticks, Bool)]] = []
            var firstOf: [Character: Int] = [:]
            var echo: [Int: Int] = [:]
            for index in 0..<length {
                let cadence = index == length - 1
                let mark = scheme[index % scheme.count]
                var cells: [(Ticks, Ticks)]
                // Copied whole: the writer's motif, or a contrasting phrase's opening.
                var copied = false, fromMotif = false
                if !cadence, let earlier = firstOf[mark] {
                    cells = phrase[earlier].map { ($0.0, $0.1) }
                    echo[index] = earlier
                } else if index == 0 && letter == form.first && !motif.isEmpty {
                    cells = motif.filter { $0.start < bar }.map { ($0.start, min($0.duration, bar - $0.start)) }
                    (copied, fromMotif) = (true, true)
                } else if index == 0, let first = form.first, letter != first, let opening = rhythms[first]?.first, !opening.isEmpty {
                    // A contrasting phrase opens with the first phrase's rhythm: the section's rhythmic motif.
                    cells = opening.map { ($0.0, min($0.1, bar - $0.0)) }
                    copied = !cadence
                } else if let model {
                    cells = model.bar(target: target, cadence: cadence, generator: &generator)
                } else {
                    cells = beatRhythm(meter: meter, density: density, cadence: cadence, generator: &generator)
                }
                if firstOf[mark] == nil && !cadence { firstOf[mark] = index }
                if echo[index] == nil && !cadence && !fromMotif {
                    cells = splitSixteenths(cells, meter: meter, chance: row.sixteenths * max(0, density - 0.5) * 2, generator: &generator)
                }
                // A copied bar (the writer's motif, a contrasting phrase's opening) keeps its
                // anticipations as such: a note begun off the beat and held across a strong
                // beat of the bar takes that beat's chord and is counted (a funk bridge had
                // said "3 anticipations" of six notes pushed alike).
                // A bar echoing one keeps what it echoes as it was marked.
                let echoedFlags = Set(echo[index].map { phrase[$0].filter(\.2).map(\.0) } ?? [])
                phrase.append(cells.map { cell in
                    let strong = Harmonizer.nextStrong(after: cell.0, meter: meter)
                    let pushed = copied && cell.0 % meter.ticksPerBeat != 0 && strong < cell.0 + cell.1 && strong < bar
                    return (cell.0, cell.1, pushed || echoedFlags.contains(cell.0))
                })
            }
            // The writer's motif, and a contrasting phrase's opening (the first phrase's rhythm), stay as they are.
            let kept: Set<Int> = (letter == form.first && !motif.isEmpty) || letter != form.first ? [0] : []
            anticipate(&phrase, meter: meter, row: row, keeping: kept, echoes: echo, pushesOnce: density >= 0.5 && row.pushesAsAHabit, generator: &generator)
            rhythms[letter] = phrase
            echoes[letter] = echo
        }
        // Lay the phrases out; a phrase may end on a breath or lead into the next with a pickup.
        var onsets: [Onset] = []
        for (phraseIndex, letter) in form.enumerated() {
            let phrase = rhythms[letter] ?? []
            let phraseStart = phraseIndex * phraseBars * bar
            for (barIndex, cells) in phrase.enumerated() {
                let barStart = phraseStart + barIndex * bar
                var laid = cells.enumerated().map { index, cell in
                    let strongTick = cell.2 ? Harmonizer.nextStrong(after: barStart + cell.0, meter: meter) : barStart + cell.0
                    return Onset(start: barStart + cell.0, length: cell.1, harmonic: strongTick, anticipated: cell.2,
                                 phrase: phraseIndex, bar: barIndex, index: index)
                }
                if barIndex == phrase.count - 1, let last = laid.indices.last {
                    let isFinal = phraseIndex == form.count - 1
                    let beat = meter.ticksPerBeat
                    let end = barStart + bar
                    if !isFinal && generator.unit() < row.pickup && laid[last].start + laid[last].length == end
                        && laid[last].length >= 2 * beat {
                        // A pickup: the held note gives up its last beat to one or two notes leading on.
                        laid[last].length -= beat
                        let two = generator.unit() < 0.6
                        let half = beat / 2
                        let pickups = two ? [(end - beat, half), (end - half, half)] : [(end - beat, beat)]
                        for (offset, (start, length)) in pickups.enumerated() {
                            laid.append(Onset(start: start, length: length, harmonic: start, pickup: true,
                                              phrase: phraseIndex, bar: barIndex, index: last + 1 + offset))
                        }
                    } else if !isFinal && laid[last].length >= 2 * beat {
                        laid[last].length -= beat   // a breath before the next phrase
                    }
                }
                onsets += laid
            }
        }
        return MelodyPlan(form: form, phraseBars: phraseBars,
                          onsets: onsets.filter { $0.length > 0 && $0.start + $0.length <= bars * bar }, echoes: echoes)
    }


    /// Anticipations: a note due on beat 1 or the middle of the bar comes an eighth (or a
    /// sixteenth) early and is held across the beat, the note before giving way. Where the
    /// note before is itself that eighth (or sixteenth) just ahead of the beat — a busy
    /// line of eighths — it becomes the anticipation, tied over the beat, and the beat is
    /// not struck again: the rock and pop push, which a line of eighths otherwise never got
    /// (an energetic rock sketch had measured no syncopated note at all).
    /// Bars in `keeping` (the writer's motif) keep their rhythm.
    static func anticipate(_ phrase: inout [[(Ticks, Ticks, Bool)]], meter: Meter, row: MelodyStyle.Row,
                           keeping: Set<Int>, echoes: [Int: Int] = [:], pushesOnce: Bool = false, generator: inout SeededGenerator) {
        guard row.anticipation > 0 else { return }
        let early = row.sixteenthAnticipation ? MusicalTime.ticksPerQuarter / 4 : MusicalTime.ticksPerQuarter / 2
        let bar = meter.ticksPerBar
        // Flatten to phrase time so an anticipation can cross the bar line.
        var flat = phrase.enumerated().flatMap { index, cells in cells.map { (index * bar + $0.0, $0.1, $0.2) } }
        // A bar that repeats an earlier bar's rhythm anticipates where that bar did, and only
        // there, so the figure comes back whole (drawn apart, the echo of a bar had come back
        // with another rhythm as often as not).
        var anticipated: Set<Ticks> = []
        /// Moves the note at `index` early and holds it across its beat; false where the
        /// note before leaves no room.
        func push(_ index: Int) -> Bool {
            let start = flat[index].0, before = flat[index - 1]
            let newStart = start - early
            if before.0 == newStart && before.1 == early && !before.2 {
                flat[index - 1].1 = 0   // merged into the anticipation; dropped below
                flat[index] = (newStart, flat[index].1 + early, true)
                anticipated.insert(start)
                return true
            }
            guard newStart > before.0, newStart - before.0 >= early else { return false }
            flat[index - 1].1 = min(before.1, newStart - before.0)
            flat[index] = (newStart, flat[index].1 + early, true)
            anticipated.insert(start)
            return true
        }
        let sources = Set(echoes.values)
        var free: [Int] = []   // strong beats in bars no other bar echoes, nor echoing one
        var echoed: [Int] = []   // strong beats in bars others echo
        for index in flat.indices.dropFirst() {
            let start = flat[index].0
            let strong = Harmonizer.isStrong(start, meter: meter) && start % meter.ticksPerBeat == 0
            guard strong, !keeping.contains(start / bar), !keeping.contains(flat[index - 1].0 / bar) else { continue }
            if echoes[start / bar] == nil && flat[index - 1].0 / bar == start / bar {
                if sources.contains(start / bar) { echoed.append(index) } else { free.append(index) }
            }
            let wanted = echoes[start / bar].map { anticipated.contains($0 * bar + start % bar) } ?? (generator.unit() < row.anticipation)
            guard wanted else { continue }
            _ = push(index)
        }
        // A busy phrase (`pushesOnce`: density 0.5 and over, energy 0.5 and over by default)
        // of a style that pushes pushes once at least: the last beat that can take it, in a
        // bar no echo ties to another. Why: with a few draws a phrase (its echoes follow the
        // bars they echo), a third of a sketch's popular-style choruses had sung every strong
        // beat on it.
        if pushesOnce && anticipated.isEmpty {
            var pushed = false
            for index in free.reversed() where push(index) { pushed = true; break }
            // Else in a bar that others echo, and in each echo alike, so the figure still
            // comes back whole (every bar of an AAAA phrase echoes its first).
            if !pushed {
                for index in echoed.reversed() {
                    let start = flat[index].0, offset = start % bar
                    guard push(index) else { continue }
                    // In bar order: a push moves the note before it, which may be another echo's.
                    for (echoBar, source) in echoes.sorted(by: { $0.key < $1.key }) where source == start / bar && !keeping.contains(echoBar) {
                        if let match = flat.indices.dropFirst().first(where: { flat[$0].0 == echoBar * bar + offset }) { _ = push(match) }
                    }
                    break
                }
            }
        }
        flat.removeAll { $0.1 == 0 }
        var rebuilt = Array(repeating: [(Ticks, Ticks, Bool)](), count: phrase.count)
        for cell in flat {
            let barIndex = min(phrase.count - 1, cell.0 / bar)
            rebuilt[barIndex].append((cell.0 - barIndex * bar, cell.1, cell.2))
        }
        phrase = rebuilt
    }

    /// Eighths on weak places split into two sixteenths, by the style's chance.
    static func splitSixteenths(_ cells: [(Ticks, Ticks)], meter: Meter, chance: Double,
                                generator: inout SeededGenerator) -> [(Ticks, Ticks)] {
        guard chance > 0 else { return cells }
        let eighth = MusicalTime.ticksPerQuarter / 2
        return cells.flatMap { cell -> [(Ticks, Ticks)] in
            guard cell.1 == eighth, cell.0 % meter.ticksPerBeat != 0, generator.unit() < chance else { return [cell] }
            return [(cell.0, eighth / 2), (cell.0 + eighth / 2, eighth / 2)]
        }
    }

    /// Bars in meters the folk tables do not cover (7/8, 9/8 …): beats and half-beats.
    static func beatRhythm(meter: Meter, density: Double, cadence: Bool, generator: inout SeededGenerator) -> [(Ticks, Ticks)] {
        let beat = meter.ticksPerBeat
        if cadence { return [(0, meter.ticksPerBar)] }
        var cells: [(Ticks, Ticks)] = []
        var cursor: Ticks = 0
        while cursor < meter.ticksPerBar {
            let left = meter.ticksPerBar - cursor
            let options = [beat * 2, beat, beat / 2].filter { $0 <= left && $0 > 0 }
            let choice = options.isEmpty ? left
                : options[generator.pick(weights: options.map { $0 < beat ? density : ($0 > beat ? 1 - density : 1) })]
            cells.append((cursor, choice))
            cursor += choice
        }
        return cells
    }
}
