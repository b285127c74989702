import MusicTheory
import SongModel

extension MelodyPlan {
    /// A rhythm for words (`melody SECTION fit=lyrics`): a note for each syllable, each
    /// stressed syllable on a beat and every other syllable between beats, so no word's
    /// stress falls weaker than its other syllables.
    ///
    /// Each line of the lyrics is a phrase (lines share phrases when there are more lines
    /// than bars). A line's stressed syllables are spread over its beats, the strongest
    /// places first where the spacing allows (the seed varies which); the syllables between
    /// two stresses take the off-beat eighths (sixteenths when crowded) just before the next,
    /// leading into it as the syllables before the first stress do as pickups, so a stressed
    /// syllable holds longer than the weak ones after it. Lines with the same words,
    /// or the same metre, get the same phrase letter, so a repeated or parallel line is sung
    /// to its melody again. Each note
    /// lasts until the next; a line's last syllable holds to a breath before the next line.
    static func lyrical(_ tokens: [LyricsReader.Token], bars: Int, meter: Meter) -> MelodyPlan? {
        var lines: [[Syllable]] = []
        for token in tokens {
            switch token {
            case .syllable(let syllable):
                if syllable.startsLine || lines.isEmpty { lines.append([]) }
                lines[lines.count - 1].append(syllable)
            case .hold:
                // A `_` is a note more on the syllable before (a melisma): placed as an
                // unstressed syllable is, after it. (Passed over, "float_ _" had been sung
                // on one note, the holds dropped from the words under the melody.)
                guard let before = lines.last?.last else { continue }
                var held = before
                held.text = "_"
                held.stress = 0
                held.startsLine = false
                lines[lines.count - 1].append(held)
            }
        }
        guard !lines.isEmpty, bars > 0 else { return nil }
        // More lines than bars: lines share a phrase.
        let perPhrase = (lines.count + bars - 1) / bars
        var phrases: [[Syllable]] = []
        for start in stride(from: 0, to: lines.count, by: perPhrase) { phrases.append(lines[start..<min(lines.count, start + perPhrase)].flatMap { $0 }) }
        // Letters: the same words, the same letter; and lines in the same metre (as many
        // syllables, stressed in the same places: "hold the line when the water's rising",
        // "hold the light when the morning's coming") the same letter too, so they are sung
        // to one rhythm and tune, as a verse's parallel lines are. (Before, only identical
        // words matched, and a lyric of parallel lines came out ABCD with no figure heard
        // twice.)
        var letters: [String: Character] = [:]
        var form = ""
        var used = 0
        for words in phrases {
            let text = words.map(\.text).joined(separator: " ").lowercased()
            let metre = "metre " + words.map { String($0.stress) }.joined()
            let letter = letters[text] ?? letters[metre] ?? Character(UnicodeScalar(UInt8(65 + min(used, 25))))
            if letters[text] == nil && letters[metre] == nil { used += 1 }
            letters[text] = letter
            letters[metre] = letters[metre] ?? letter
            form.append(letter)
        }
        // Bars shared out by syllables (each line at least one), so a long line gets room.
        var lengths = [Int](repeating: 1, count: phrases.count)
        let spare = bars - phrases.count
        if spare > 0 {
            let total = Double(phrases.map(\.count).reduce(0, +))
            let shares = phrases.map { Double($0.count) / max(1, total) * Double(spare) }
            for (index, share) in shares.enumerated() { lengths[index] += Int(share) }
            let order = shares.indices.sorted { (shares[$0] - shares[$0].rounded(.down), -$0) > (shares[$1] - shares[$1].rounded(.down), -$1) }
            for index in order.prefix(bars - lengths.reduce(0, +)) { lengths[index] += 1 }
        }
        // Phrases sung to one rhythm take one length: the shortest of them, the bars that
        // frees going to the last phrase that has no twin (or the last phrase).
        let letterOf = Array(form)
        for letter in Set(letterOf).sorted() {
            let twins = phrases.indices.filter { letterOf[$0] == letter }
            guard twins.count > 1, let shortest = twins.map({ lengths[$0] }).min() else { continue }
            var freed = 0
            for index in twins { freed += lengths[index] - shortest; lengths[index] = shortest }
            let single = phrases.indices.last { index in letterOf.filter { $0 == letterOf[index] }.count == 1 } ?? phrases.count - 1
            lengths[single] += freed
        }
        let phraseBars = max(1, bars / phrases.count)
        let barTicks = meter.ticksPerBar, beat = meter.ticksPerBeat
        var onsets: [Onset] = []
        var rhythms: [Character: [(Ticks, Ticks)]] = [:]
        for (phraseIndex, words) in phrases.enumerated() {
            let start = lengths.prefix(phraseIndex).reduce(0, +) * barTicks
            let length = lengths[phraseIndex] * barTicks
            let letter = Array(form)[phraseIndex]
            let rhythm: [(Ticks, Ticks)]
            if let sung = rhythms[letter], sung.count == words.count, sung.allSatisfy({ $0.0 + $0.1 <= length }) {
                rhythm = sung
            } else {
                rhythm = place(words, length: length, meter: meter, final: phraseIndex == phrases.count - 1)
                rhythms[letter] = rhythm
            }
            var perBar: [Int: Int] = [:]
            for (offset, noteLength) in rhythm {
                let bar = offset / barTicks
                // Counted back from the phrase's last bar, so every phrase closes on its cadence bar.
                let fromEnd = lengths[phraseIndex] - 1 - bar
                onsets.append(Onset(start: start + offset, length: noteLength, harmonic: start + offset - offset % beat,
                                    phrase: phraseIndex, bar: max(0, phraseBars - 1 - fromEnd), index: perBar[bar, default: 0]))
                perBar[bar, default: 0] += 1
            }
        }
        return MelodyPlan(form: form, phraseBars: phraseBars, onsets: onsets.filter { $0.length > 0 && $0.start + $0.length <= bars * barTicks },
                          echoes: [:])
    }

    /// Where each syllable of one phrase starts and how long it lasts, from the phrase's start.
    static func place(_ words: [Syllable], length: Ticks, meter: Meter, final: Bool) -> [(Ticks, Ticks)] {
        guard !words.isEmpty else { return [] }
        let beat = meter.ticksPerBeat
        var heads = words.indices.filter { words[$0].stress == 1 }
        if heads.isEmpty { heads = [0] }
        // The places a stress may take: beats, or half beats when there are more stresses
        // than beats (leaving the last for the line's held close).
        let leading = heads[0]
        var unit = beat
        // A compound beat (6/8's dotted quarter) divides in three eighths, not two dotted
        // eighths: a band leader's 6/8 verse had sung on the dotted eighths, "G4/8. G4/4.",
        // syncopation in simple time where the singers read groups of three. The same
        // division is the breath at a line's end.
        let division = meter.isCompound ? beat / 3 : beat / 2
        // Room for every stress, and for pickups before the first when there are any.
        while length / unit - 1 - (leading > 0 ? 1 : 0) < heads.count && unit > MusicalTime.ticksPerQuarter / 4 { unit = unit == beat ? division : unit / 2 }
        let places = max(1, length / unit - 1)
        // Stresses spread evenly from the first (after room for pickups), each nudged to the
        // strongest neighbouring place that keeps the order.
        let first = leading == 0 ? 0 : max(min(1, places - heads.count), min(places - heads.count, max(1, (leading + 1) / 2)))
        var positions: [Int] = []
        for (k, _) in heads.enumerated() {
            let span = Double(places - first)
            var target = first + Int((Double(k) * span / Double(heads.count)).rounded(.down))
            let low = (positions.last ?? (first - 1)) + 1
            let high = places - (heads.count - k)
            let options = [target - 1, target, target + 1].filter { $0 >= low && $0 <= max(low, high) }
            // The strongest of the places beside the even spread, the spread's own on a tie:
            // a stress is sung where the bar leans (drawn by weight, a hymn's stresses had
            // fallen off the beat, tied over the bar line in 38 of 96 bars of 3/4).
            if let strongest = options.max(by: { a, b in
                (LaidLyrics.weight(a * unit, meter: meter), a == target ? 1 : 0) < (LaidLyrics.weight(b * unit, meter: meter), b == target ? 1 : 0)
            }) {
                target = strongest
            }
            positions.append(max(low, min(target, max(low, high))))
        }
        var starts = [Ticks](repeating: -1, count: words.count)
        for (k, head) in heads.enumerated() { starts[head] = positions[k] * unit }
        // The syllables between stresses (and the pickups before the first) on off-beats.
        func fill(_ indices: [Int], from: Ticks, to: Ticks, closing: Bool = false) {
            guard !indices.isEmpty else { return }
            var step = meter.isCompound ? min(division, unit) : max(MusicalTime.ticksPerQuarter / 2, unit / 2)
            var slots: [Ticks] = []
            // Weak syllables on the bar's weak beats where the stresses keep to beats and
            // there are beats enough (a hymn's "ho-ly, ho-ly" a note a beat); on the
            // off-beats otherwise. Sung off a beat and held through the next, a weak
            // syllable had syncopated a tenth of a hymn's notes.
            if !meter.isCompound && unit >= beat {
                let beats = stride(from: from - from % beat + beat, to: to, by: beat).filter { $0 >= from && $0 < to && LaidLyrics.weight($0, meter: meter) <= 1 }
                if beats.count >= indices.count { slots = beats; step = 0 }
            }
            while step > 0 {
                slots = stride(from: from - from % step + step, to: to, by: step).filter { $0 >= from && $0 < to && LaidLyrics.weight($0, meter: meter) == 0 && $0 > from - 1 }
                if slots.count >= indices.count || step <= MusicalTime.ticksPerQuarter / 8 { break }
                step /= 2
            }
            // Pickups, and the syllables between two stresses, as late as they can be: they
            // lead into the next stress, and the stressed syllable before them holds. After a
            // line's last stress they spread evenly over the second half of the room left, so
            // the stress holds about half of it. (Spread from right after each stress, the
            // weak syllables had taken the long notes: stressed ones 0.71 beats on average and
            // unstressed 1.36 in a songwriter's verse, "the" held 2.5 beats before "drain".)
            // (Crowded into sixteenths, they spread over the whole room, as a run of them
            // packed late would leave one long note and a rattle.)
            let crowded = step > 0 && step < MusicalTime.ticksPerQuarter / 2
            let tail = crowded ? slots : closing ? Array(slots.suffix(max(indices.count, (slots.count + 1) / 2))) : Array(slots.suffix(indices.count))
            let chosen = (0..<min(indices.count, tail.count)).map { tail[$0 * tail.count / indices.count] }
            for (index, slot) in zip(indices, chosen) { starts[index] = slot }
        }
        fill(Array(0..<heads[0]), from: 0, to: starts[heads[0]])
        for (k, head) in heads.enumerated() {
            let next = k + 1 < heads.count ? starts[heads[k + 1]] : length - (final ? 0 : division)
            fill(Array((head + 1)..<(k + 1 < heads.count ? heads[k + 1] : words.count)), from: starts[head] + 1, to: next, closing: k + 1 == heads.count)
        }
        // Lengths: until the next syllable; the last to the line's end, less a breath.
        let placed = starts.enumerated().filter { $0.element >= 0 }.sorted { $0.element < $1.element }
        var rhythm: [(Ticks, Ticks)] = []
        for (position, item) in placed.enumerated() {
            let end = position + 1 < placed.count ? placed[position + 1].element : length - (final ? 0 : division)
            if end > item.element { rhythm.append((item.element, end - item.element)) }
        }
        return rhythm
    }
}
