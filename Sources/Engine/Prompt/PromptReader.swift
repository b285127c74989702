import MusicTheory
import SongModel

/// What a prompt in words asked for, as the engine's own settings, and the words it did
/// not understand, so the writer sees both.
public struct PromptReading: Sendable, Hashable {
    /// The moods in the order they were named.
    public var moods: [Mood] = []
    /// Whether the moods were named as an arc ("start calm, build tension, end triumphant").
    public var isArc = false
    public var style: String?
    /// The words that named `style` ("lo-fi", "bossa nova"), for a reply that names them.
    public var stylePhrase: String?
    /// Whether `style` came from a word that yields (a dance, a ballad), which a genre named
    /// with it takes the place of without a word.
    var styleYields = false
    public var instruments: [PartKind: (program: Int, name: String)] = [:]
    /// The style whose chord colour the named style takes ("jazzy", "bluesy" with another
    /// style), and the word that asked for it; nil when none, or when it is the style itself.
    public var colour: (style: String, word: String)? {
        guard let asked = colourAsked, asked.style != style else { return nil }
        return asked
    }
    var colourAsked: (style: String, word: String)?
    /// The style as a harmony request's `style=` takes it: "soul", "jazzy-soul".
    public var colouredStyle: String? { style.map { style in colour.map { "\($0.word)-\(style)" } ?? style } }
    public var pace: PromptMeaning.Pace?
    public var tempo: Int?
    public var energy = 0.0
    public var drums = DrumsPlan.auto
    /// A groove named in words ("bossa nova", "half-time"), over the style's own.
    public var groove: DrumStyleName?
    public var minor: Bool?
    /// A key named in words: "in A minor", "in Eb", "key of F#", "D major".
    public var key: Key?
    /// A meter a word implies ("waltz": 3/4).
    public var meter: Meter?
    /// Whether `meter` was written as a fraction ("in 7/8"), not implied by a word ("waltz").
    public var meterWritten = false
    /// What was understood, in the words the summary uses, in order.
    public var understood: [String] = []
    /// Words that meant nothing to the reader.
    public var unknown: [String] = []

    /// The words not understood, quoted, each with the prompt word it is a likely typo of:
    /// `"clam" (calm?), "glockenspiels"`.
    public var unknownSaid: String {
        unknown.map { word in "\"\(echoed(word))\"" + (PromptWords.nearest(word).map { " (\($0)?)" } ?? "") }.joined(separator: ", ")
    }
    /// Moods and loudness aimed at one part of the form ("a big chorus", "quiet verses",
    /// "a sad verse"): that section's, not the song's.
    public var sectionAims: [SectionRole: SectionAim] = [:]

    public var mood: Mood? { moods.first }
    public var arc: [Mood] { isArc && moods.count >= 2 ? moods : [] }
    public var isEmpty: Bool { understood.isEmpty }

    public static func == (a: PromptReading, b: PromptReading) -> Bool {
        a.moods == b.moods && a.isArc == b.isArc && a.style == b.style && a.pace == b.pace && a.tempo == b.tempo
            && a.energy == b.energy && a.drums == b.drums && a.groove == b.groove && a.minor == b.minor && a.key == b.key
            && a.understood == b.understood && a.unknown == b.unknown && a.sectionAims == b.sectionAims
            && a.instruments.mapValues(\.program) == b.instruments.mapValues(\.program)
            && a.colourAsked?.style == b.colourAsked?.style && a.colourAsked?.word == b.colourAsked?.word
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(understood)
        hasher.combine(unknown)
    }
}

/// A mood and a loudness the words aimed at one part of the form: "a sad verse" (its
/// mood), "a big chorus" (more energy than the song around it).
public struct SectionAim: Sendable, Hashable {
    public var mood: Mood?
    /// Added to the section's energy.
    public var energy = 0.0

    public init(mood: Mood? = nil, energy: Double = 0) {
        self.mood = mood
        self.energy = energy
    }
}

/// Reads a prompt in words ("gentle ambient piano", "start calm, build tension, end
/// triumphant", "fast punk, no drums") against one table of words and phrases
/// (`PromptWords`): the longest phrase wins, numbers before "bpm" are a tempo, filler
/// words are passed over, and every other word is reported as not understood.
public enum PromptReader {
    /// The number of words and phrases the reader knows.
    public static var vocabularySize: Int { PromptWords.table.count }

    /// Every phrase the reader knows, for completion and help.
    public static var phrases: [String] { PromptWords.table.map(\.phrase) }

    public static func read(_ text: String) -> PromptReading {
        let words = tokens(text)
        var reading = PromptReading()
        var index = 0
        // The stretch since the last arc word: whether it named a mood, and the louder or
        // softer words it had if not ("starts quiet and ends huge": "huge" is the end's
        // only word, so the arc ends energetic).
        var stretch = Stretch(at: 0)
        var stretches: [Stretch] = []
        func nextStretch() {
            stretches.append(stretch)
            stretch = Stretch(at: reading.moods.count)
        }
        // A row of the table read: its meanings applied, and the stretch told of them.
        func take(_ row: [PromptMeaning], phrase: String) {
            let before = reading.moods.count
            apply(row, phrase: phrase, to: &reading)
            // A mood named again in the same stretch of an arc is one mood: "start quiet and
            // prayerful" is a calm start, not calm->calm.
            if reading.moods.count > before, before > stretch.at, reading.moods[before - 1] == reading.moods[before] {
                reading.moods.remove(at: before)
            }
            for meaning in row {
                switch meaning {
                case .mood: stretch.namesMood = true
                case .energy(let amount): stretch.energy += amount; stretch.phrases.append(phrase)
                case .arcWord: nextStretch(); stretch.opener = phrase
                default: break
                }
            }
        }
        // Moods that words aimed at a section added ("a triumphant chorus"): a section's mood,
        // not the song's, unless the moods make an arc.
        var aimedMoods: [Mood] = []
        while index < words.count {
            // Words aimed at a section: "a big chorus", "quiet verses", "a sad verse".
            if let aimed = aimed(words, from: index) {
                var said: [String] = []
                for (row, _) in aimed.rows {
                    var aim = reading.sectionAims[aimed.role] ?? SectionAim()
                    for meaning in row {
                        switch meaning {
                        case .mood(let mood):
                            aim.mood = mood
                            said.append(mood.rawValue)
                            if !reading.moods.contains(mood) || reading.isArc {
                                reading.moods.append(mood)
                                aimedMoods.append(mood)
                            }
                            stretch.namesMood = true
                        case .energy(let amount):
                            // Twice the word's pull on the whole song: a word about one
                            // section asks for a contrast ("a big chorus" in a calm song had
                            // reached energy 0.55, cross-stick and no snare).
                            aim.energy += 2 * amount
                            said.append(amount < 0 ? "softer" : "more energy")
                            stretch.energy += amount
                        default: break
                        }
                    }
                    reading.sectionAims[aimed.role] = aim
                }
                let phrase = (aimed.rows.map(\.phrase) + [aimed.word]).joined(separator: " ")
                if aimed.rows.contains(where: { $0.row.contains { if case .energy = $0 { true } else { false } } }) {
                    stretch.phrases.append(phrase)
                }
                var unique: [String] = []
                for word in said where !unique.contains(word) { unique.append(word) }
                note("\(phrase): \(unique.joined(separator: ", ")) in the \(aimed.role.word)", in: &reading)
                index = aimed.end
                continue
            }
            // A section named alone ("verse and chorus") says nothing a sketch does not do.
            if PromptWords.section(words[index]) != nil {
                index += 1
                continue
            }
            // A tempo: "90 bpm", "at 120", or a bare number from 30 to 300.
            if let number = Int(words[index]), (30...300).contains(number) {
                reading.tempo = number
                reading.understood.append("\(number) bpm")
                index += words.count > index + 1 && words[index + 1] == "bpm" ? 2 : 1
                continue
            }
            if words[index].hasSuffix("bpm"), let number = Int(words[index].dropLast(3)), (30...300).contains(number) {
                reading.tempo = number
                reading.understood.append("\(number) bpm")
                index += 1
                continue
            }
            // A meter written as a fraction: "in 3/4", "a 6/8 jig" (it had read "3" and "4"
            // as words it did not know).
            if words[index].contains("/"), let meter = try? Meter(parsing: words[index]) {
                apply([.meter(meter)], phrase: words[index], to: &reading)
                index += 1
                continue
            }
            if let (key, used) = key(in: words, at: index) {
                reading.key = key
                reading.minor = key.isMinor
                reading.understood.append("in \(key)")
                index += used
                continue
            }
            var matched = false
            for length in stride(from: min(3, words.count - index), through: 1, by: -1) {
                let phrase = words[index..<(index + length)].joined(separator: " ")
                guard let row = lookup[phrase] else { continue }
                take(row, phrase: phrase)
                index += length
                matched = true
                break
            }
            if matched { continue }
            let word = words[index]
            // A plural the table has in the singular: "guitars", "strings and horns".
            if word.count > 3, word.hasSuffix("s"), let row = lookup[String(word.dropLast())] {
                take(row, phrase: String(word.dropLast()))
                index += 1
                continue
            }
            // "sad to hopeful", "from calm to energetic": a "to" between two moods joins
            // them as an arc, as "->" does ("to" is otherwise a filler word: "music to
            // dance to").
            if word == "to", !reading.moods.isEmpty, index + 1 < words.count, namesMood(words, at: index + 1) {
                reading.isArc = true
                nextStretch()
                index += 1
                continue
            }
            if !PromptWords.filler.contains(word) && !reading.unknown.contains(word) { reading.unknown.append(word) }
            index += 1
        }
        stretches.append(stretch)
        // Outside an arc a mood aimed at a section is that section's alone: "a triumphant
        // chorus" is a song whose chorus is triumphant, not a triumphant song. A verse's
        // mood is the song's when no other is named and a word of mood alone named it ("sad
        // verses and a triumphant chorus"); "quiet verses" say how loud, not the song's mood
        // (a newcomer's "a quiet verse and a big chorus" had drafted a calm song throughout).
        if !reading.isArc && !aimedMoods.isEmpty {
            for mood in aimedMoods { if let at = reading.moods.lastIndex(of: mood) { reading.moods.remove(at: at) } }
            if reading.moods.isEmpty, let verse = reading.sectionAims[.verse], let mood = verse.mood, verse.energy == 0 {
                reading.moods = [mood]
            }
        }
        if reading.isArc { moodsFromEnergy(stretches, in: &reading) }
        // A minor key asked for (a word, not a key's name) with no mood: the mood a minor
        // key that loud is, rather than the hopeful a sketch starts from ("90s grunge with
        // heavy guitars" had drafted a hopeful song in a minor key).
        if reading.moods.isEmpty, reading.minor == true, reading.key == nil {
            let mood: Mood = reading.energy > 0 ? .energetic : .melancholy
            reading.moods = [mood]
            note("\(mood.rawValue) (a minor key \(reading.energy > 0 ? "with more energy" : "") and no mood named)"
                .replacingOccurrences(of: "  ", with: " "), in: &reading)
        }
        return reading
    }

    /// Mood and loudness words followed by a section's name ("a big chorus", "quiet verses",
    /// "a really sad verse"): the rows read, the section, the word that named it and where
    /// the words after it start. Nil when the words at `index` are not such a phrase.
    /// Only words that say a mood or a loudness and nothing else aim: "jazz chorus" is a
    /// style, "huge drums" the song's loudness.
    static func aimed(_ words: [String], from index: Int) -> (rows: [(row: [PromptMeaning], phrase: String)], role: SectionRole, word: String, end: Int)? {
        var rows: [(row: [PromptMeaning], phrase: String)] = []
        var at = index
        while at < words.count {
            if PromptWords.intensifiers.contains(words[at]) { at += 1; continue }
            if let role = PromptWords.section(words[at]) {
                return rows.isEmpty ? nil : (rows, role, words[at], at + 1)
            }
            var found: (row: [PromptMeaning], phrase: String, length: Int)?
            for length in stride(from: min(3, words.count - at), through: 1, by: -1) {
                let phrase = words[at..<(at + length)].joined(separator: " ")
                if let row = lookup[phrase] { found = (row, phrase, length); break }
            }
            guard let found, found.row.allSatisfy({ switch $0 { case .mood, .energy: true; default: false } }) else { return nil }
            rows.append((found.row, found.phrase))
            at += found.length
        }
        return nil
    }

    /// A stretch of an arc between its words ("start …", "then …", "end …").
    struct Stretch {
        /// Where its mood goes in the reading's moods: how many were named before it.
        var at: Int
        /// The arc word it starts with ("start", "then", "end"); "" for the words before any.
        var opener = ""
        var namesMood = false
        var energy = 0.0
        var phrases: [String] = []
    }

    /// An arc's stretch that says only how loud it is ("starts quiet and ends huge",
    /// "big, then sparse") takes the mood that loudness is: energetic for louder, calm for
    /// softer, so the arc has the shape asked for (it had been one calm song). Only when
    /// that makes an arc of two moods or more: "huge drums" alone stays as it was.
    ///
    /// A mood named before the arc's "start" ("a triumphant anthem, start calm and end
    /// huge") is the song's own, not the arc's first stretch: it goes where a stretch of
    /// its loudness says only how loud it is (here the end: calm->triumphant). It had led
    /// the arc (triumphant->calm->energetic), so the intro was the song's loudest section.
    static func moodsFromEnergy(_ stretches: [Stretch], in reading: inout PromptReading) {
        var stretches = stretches
        var placed: [Int: Mood] = [:]   // a stretch's index, and the song's own mood it takes
        // The arc starts at its first "start" word; a mood named before it is the song's
        // own when the start names its own ("calm start, …" starts calm), even where a word
        // such as "build" came between ("tense build in 5/4, start
        // calm, build tension, end triumphant" had read tense->calm->tense->triumphant, and
        // drafted a loud intro before a calm verse).
        let starts = ["start", "starts", "starting", "begin", "begins", "beginning", "opens"]
        if stretches.count >= 3, stretches[0].namesMood, stretches[0].opener.isEmpty,
           let first = stretches.indices.dropFirst().first(where: { starts.contains(stretches[$0].opener) }),
           stretches[first].at == 1, stretches[first].namesMood || stretches[first].energy != 0,
           stretches[1..<first].allSatisfy({ !$0.namesMood && $0.energy == 0 }) {
            let own = reading.moods[0], loud = MoodProfile.of(own).velocity >= 84, soft = MoodProfile.of(own).velocity <= 66
            let target = stretches.indices.dropFirst(first).last(where: { !stretches[$0].namesMood && stretches[$0].energy != 0
                && (stretches[$0].energy > 0 ? loud : soft) })
            // Moved where the arc says only how loud; or, where the arc names two moods or
            // more itself, left to the arc.
            let arcMoods = stretches[first...].filter(\.namesMood).count
            if target != nil || arcMoods >= 2 {
                reading.moods.remove(at: 0)
                for index in stretches.indices { stretches[index].at = max(0, stretches[index].at - 1) }
                stretches.removeSubrange(0..<first)
                if let target { placed[target - first] = own } else if let line = reading.understood.firstIndex(where: { $0 == own.rawValue || $0.hasSuffix(": " + own.rawValue) }) {
                    reading.understood[line] += " (the song's; the arc's own moods lead)"
                }
            }
        }
        // A stretch before the arc's "start" that says only how loud (a style's word: "funk,
        // start calm, end triumphant") is the song's, not the arc's first stretch: it had
        // led the arc energetic->calm->triumphant.
        let opening = stretches.indices.first { starts.contains(stretches[$0].opener) } ?? 0
        let filled = stretches.indices.filter { $0 >= opening && !stretches[$0].namesMood && stretches[$0].energy != 0 }
        guard !filled.isEmpty, reading.moods.count + filled.count >= 2 else { return }
        var added = 0
        for index in filled {
            let stretch = stretches[index]
            let mood: Mood = placed[index] ?? (stretch.energy > 0 ? .energetic : .calm)
            reading.moods.insert(mood, at: stretch.at + added)
            added += 1
            // The stretch's last word of loudness says what it became: "huge: more energy, energetic".
            if let phrase = stretch.phrases.last,
               let line = reading.understood.firstIndex(where: { $0 == phrase || $0.hasPrefix(phrase + ": ") }) {
                reading.understood[line] += "\(reading.understood[line] == phrase ? ": " : ", ")\(mood.rawValue) (the arc)"
            }
        }
    }

    /// Whether the words at `index` (filler passed over; one to three, the longest phrase
    /// the table knows) name a mood and nothing else of a style or an instrument: "hopeful",
    /// "very triumphant", not "dance" (energetic, and dance music: "music to dance to").
    static func namesMood(_ words: [String], at index: Int) -> Bool {
        var index = index
        while index < words.count && PromptWords.filler.contains(words[index]) { index += 1 }
        guard index < words.count else { return false }
        for length in stride(from: min(3, words.count - index), through: 1, by: -1) {
            guard let row = lookup[words[index..<(index + length)].joined(separator: " ")] else { continue }
            return row.contains { if case .mood = $0 { true } else { false } }
                && !row.contains { switch $0 { case .style, .instrument: true; default: false } }
        }
        return false
    }

    /// A key named at `index`: a note (a–g, then #, b, "sharp" or "flat") after "in" or
    /// "of", or before "major"/"minor" ("in A minor", "in Eb", "key of F#", "D major",
    /// "in F#m"). "in a" alone is the article, not A major. Returns the key and the words
    /// it took (the "in" or "key of" before it included).
    static func key(in words: [String], at index: Int) -> (Key, Int)? {
        var at = index
        if words[at] == "in" { at += 1 } else if words[at] == "key", at + 1 < words.count, words[at + 1] == "of" { at += 2 }
        guard at < words.count else { return nil }
        let introduced = at > index
        var word = words[at]
        var used = at - index + 1
        var mode = ""
        if word.hasSuffix("m") && word.count >= 2 && word.count <= 3 { mode = "m"; word.removeLast() }
        else if word.hasSuffix("min"), word.count <= 5 { mode = "m"; word.removeLast(3) }
        if at + 1 < words.count, mode.isEmpty, let named = ["minor": "m", "min": "m", "major": "", "maj": ""][words[at + 1]] {
            // "in a minor key" is the article: a minor key, not A minor.
            if word == "a" && at + 2 < words.count && words[at + 2] == "key" { return nil }
            mode = named
            used += 1
        }
        let named = used > at - index + 1 || !mode.isEmpty
        guard introduced || named else { return nil }
        // A bare "a" or "b" after "in" is the article or a stray letter unless a mode follows.
        if ["a", "b"].contains(word) && !named { return nil }
        let spelled = word.replacingOccurrences(of: "-sharp", with: "#").replacingOccurrences(of: "-flat", with: "b")
        guard let first = spelled.first, "abcdefg".contains(first), spelled.count <= 3,
              spelled.dropFirst().allSatisfy({ $0 == "#" || $0 == "b" }) else { return nil }
        guard let key = try? Key(parsing: first.uppercased() + spelled.dropFirst() + mode) else { return nil }
        return (key, used)
    }

    /// The table by phrase; the first row of a phrase wins.
    static let lookup: [String: [PromptMeaning]] = {
        var table: [String: [PromptMeaning]] = [:]
        for row in PromptWords.table where table[row.phrase] == nil { table[row.phrase] = row.meanings }
        return table
    }()

    /// Lower-case words: letters, digits, "&", "'" and inner hyphens kept; "->" kept as a word.
    static func tokens(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(text.lowercased().replacingArrows())
        for character in characters {
            if character.isLetter || character.isNumber || character == "&" || character == "'" || character == "-" || character == ">"
                || (character == "#" && !current.isEmpty)
                || (character == "/" && !current.isEmpty && current.allSatisfy(\.isNumber)) {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.compactMap { word -> String? in
            if word == "->" { return word }
            let trimmed = String(word.drop { $0 == "-" || $0 == ">" }.reversed().drop { $0 == "-" || $0 == ">" }.reversed())
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// Applies a phrase's meanings and notes it once, as "phrase: what it meant" (or the
    /// phrase alone when it means just itself: "sad", "jazz").
    static func apply(_ meanings: [PromptMeaning], phrase: String, to reading: inout PromptReading) {
        var said: [String] = []
        for meaning in meanings {
            switch meaning {
            case .mood(let mood):
                if !reading.moods.contains(mood) || reading.isArc { reading.moods.append(mood) }
                said.append(mood.rawValue)
            case .style(let style, let yields):
                // A word that yields names its style only when none other is named (a
                // newcomer's "bossa nova waltz" had played the folk band in 3/4, and a "jazz
                // ballad" the ballad band in place of jazz).
                if yields, reading.style != nil { continue }
                if let earlier = reading.style, earlier != style, !reading.styleYields {
                    said.append("\(style) (in place of \(earlier))")
                } else {
                    said.append(style)
                }
                // "jazzy" said as jazz, then a style named after it: it colours that one.
                if reading.styleYields, let earlier = reading.style, let asked = reading.colourAsked, asked.style == earlier,
                   asked.style != style, let at = reading.understood.firstIndex(of: "\(asked.word): \(earlier)") {
                    reading.understood[at] = "\(asked.word): \(earlier) colour (sevenths and ninths)"
                }
                reading.style = style
                reading.stylePhrase = phrase
                reading.styleYields = yields
            case .colour(let style):
                reading.colourAsked = (style, phrase)
                if let named = reading.style, named != style { said.append("\(style) colour (sevenths and ninths)") }
            case .instrument(let part, let program, let name):
                // A plain "guitar" after a genre's own guitar ("grunge … guitars") keeps that one.
                if phrase == "guitar", let named = reading.instruments[part], Instrument(program: named.program).isGuitar {
                    said.append(named.name.hasSuffix(part.rawValue) ? named.name : "\(named.name) \(part.rawValue)")
                    continue
                }
                reading.instruments[part] = (program, name)
                // "piano chords", "cello melody"; "upright bass", not "upright bass bass".
                said.append(name.hasSuffix(part.rawValue) ? name : "\(name) \(part.rawValue)")
            case .pace(let pace):
                reading.pace = pace
                said.append(pace.rawValue)
            case .energy(let amount):
                reading.energy += amount
                said.append(amount < 0 ? "softer" : "more energy")
            case .drums(let plan):
                if plan != .auto || reading.drums == .auto { reading.drums = plan }
                switch plan {
                case .none: said.append("no drums")
                case .fromChorus: said.append("no drums until the chorus")
                case .auto: said.append("drums")
                case .always: said.append("drums in every section")
                }
            case .groove(let groove):
                reading.groove = groove
                said.append(groove == .trap ? "the half-time groove (trap)" : "the \(groove.rawValue) groove")
            case .minor(let minor):
                reading.minor = minor
                said.append(minor ? "minor key" : "major key")
            case .meter(let meter):
                // A sketch has one meter: the first written as a fraction is kept, and a
                // second is said not to be used (a composer's "a tense chase in 7/8 that breaks
                // into a triumphant 12/8 finale" had said it understood both and drafted all
                // of it in 12/8). A fraction wins over a meter a word implies ("a jig in 9/8").
                let written = phrase.contains("/")
                if let kept = reading.meter, reading.meterWritten, kept != meter {
                    note("\(phrase) (not used: a sketch keeps one meter, \(kept); after `accept`, `set SECTION meter=\(meter) redraw=yes` writes a section's parts again in it)", in: &reading)
                    continue
                }
                if reading.meterWritten && !written { continue }
                reading.meter = meter
                reading.meterWritten = written
                said.append(meter.description)
            case .arcWord:
                reading.isArc = true
            }
        }
        guard !said.isEmpty else { return }
        note(said == [phrase] ? phrase : "\(phrase): " + said.joined(separator: ", "), in: &reading)
    }

    static func note(_ text: String, in reading: inout PromptReading) {
        if !reading.understood.contains(text) { reading.understood.append(text) }
    }
}

private extension String {
    /// "→" and "=>" written as "->".
    func replacingArrows() -> String {
        var out = ""
        var previous: Character?
        for character in self {
            if character == "→" { out += " -> " } else if character == ">" && previous == "=" { out.removeLast(); out += " -> " } else if character == ">" && previous == "-" { out.removeLast(); out += " -> " } else { out.append(character) }
            previous = character
        }
        return out
    }
}
