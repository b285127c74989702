import MusicTheory

/// Everything that can be wrong with an edit to a song or with a session file.
///
/// Each description is one line that quotes the input, states the rule, and offers a fix.
public enum SongModelError: Error, Sendable, Hashable, CustomStringConvertible {
    case theory(MusicTheoryError)
    case badSectionName(String)
    case duplicateSection(String)
    case unknownSection(String, suggestion: String?, known: [String])
    case barsOutOfRange(String)
    case tempoOutOfRange(String)
    case unknownMood(String, suggestion: String?)
    case emptyTitle
    case chordBarCount(section: String, given: Int, expected: Int)
    case chordsDontDivide(bar: String, count: Int, meter: String)
    case emptyChordBar(bar: Int)
    case repeatWithNothingBefore
    case badNote(String)
    case barCheck(bar: Int, text: String, ticks: Ticks, expected: Ticks)
    /// A note after triplets that do not fill their group: `note` would start off the beat.
    case unfinishedTriplet(note: String, run: String, missing: Int, value: String)
    case tieToDifferentPitch(String)
    case danglingTie(String)
    /// `runs`: the bars the part runs over, counted whole.
    case tooLong(part: String, section: String, bars: Int, runs: Int)
    case emptyNotes
    case meterChangeWithParts(section: String)
    case emptyArrangement
    case unknownPart(String, suggestion: String?)
    case unknownInstrument(String, suggestion: String?)
    case unknownPattern(String, suggestion: String?)
    case badSession(file: String, reason: String)
    case newerSession(file: String, version: Int, supported: Int)
    /// A song would grow past one of `Limits`: what, how many, the limit.
    case overLimit(what: String, count: Int, limit: Int, fix: String)
    case badText(field: String, text: String, rule: String)
    /// A word outside one of the fixed vocabularies (`Vocabulary`).
    case unknownWord(what: String, text: String, allowed: [String], suggestion: String?)
    /// An edit that does not apply to this part ("drums have no pitch to transpose").
    case notForPart(String)
    /// The section has no such part to edit.
    case noPart(PartKind, section: String)
    /// A MIDI file that cannot be imported, and why (`StandardMIDIFile.parse`).
    case badMIDI(String)
    /// Bars written from a bar past the section's end.
    case barOutOfRange(bar: Int, section: String, bars: Int, part: PartKind)

    public var description: String {
        switch self {
        case .theory(let error):
            return error.description
        case .badSectionName(let name):
            return "\"\(echoed(name))\" is not a section name: start with a letter, then letters, digits, - or _ (at most 32), e.g. verse, pre-chorus, verse2"
        case .duplicateSection(let name):
            return "there is already a section \"\(echoed(name))\": pick another name, e.g. \(name)2, or `copy \(name) NEW`"
        case .unknownSection(let name, let suggestion, let known):
            if let suggestion {
                return "no section \"\(echoed(name))\" — did you mean \(suggestion)?"
                    + (known.isEmpty || known.count > 16 ? "" : " (the sections are \(listed(known)))")
            }
            if known.isEmpty { return "no section \"\(echoed(name))\": the song has no sections yet — add one with `add \(name) 8`" }
            return "no section \"\(echoed(name))\": the sections are \(known.joined(separator: ", "))"
        case .barsOutOfRange(let text):
            return "\"\(echoed(text))\" bars: a section has 1–256 bars, e.g. `add verse 8`"
        case .tempoOutOfRange(let text):
            return "tempo \"\(echoed(text))\": tempo must be a whole number of beats per minute from 20 to 400, e.g. tempo=84"
        case .unknownMood(let text, let suggestion):
            let known = Mood.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown mood \"\(echoed(text))\"" + (suggestion.map { " — did you mean \($0)? (the moods are \(known))" } ?? ": choose one of \(known)")
        case .emptyTitle:
            return "a song needs a title: `new \"My Song\"`"
        case .chordBarCount(let section, let given, let expected):
            // The loops the prompt repeats to fill the section (`chords verse = | Am | F |`).
            let loops = (1..<max(1, expected)).filter { expected % $0 == 0 }.map(String.init)
            let loop = loops.isEmpty ? "" : ", a loop of " + (loops.count == 1 ? loops[0] : loops.dropLast().joined(separator: ", ") + " or " + loops.last!)
                + (loops == ["1"] ? " bar" : " bars") + " that fills it"
            return "\(section) has \(expected) bars but \(given) \(given == 1 ? "bar was" : "bars were") given: write one chord bar per bar between | marks (% repeats a bar)\(loop), or change the length with `set \(section) bars=\(given)`"
        case .barOutOfRange(let bar, let section, let bars, let part):
            let example = part == .chords ? "G" : part == .bass ? "C2/1" : "C5/1"
            return "bar \(bar) is not in \(section), which has \(bars) bars: give bars 1 to \(bars), e.g. `\(part.rawValue) \(section) bar \(bars) = \(example)`"
                + (bar > bars ? ", or lengthen it with `set \(section) bars=\(bar)`" : "")
        case .chordsDontDivide(let bar, let count, let meter):
            // The counts the meter takes, and an example of one of them (four places where
            // the meter has them, else the fewest over two: a 7/8 bar's example had been the
            // 4/4 one, which 7/8 refuses).
            // Two are taken too where the bar splits in groups (7/8 as 4+3): the message had
            // said "1, 7 or 14" of a bar that takes `| Am G |`.
            let counts = (try? Meter(parsing: meter)).map { ChordChart.counts(in: $0) } ?? []
            let places = counts.count > 1 ? counts.dropLast().map(String.init).joined(separator: ", ") + " or \(counts.last!)" : counts.map(String.init).joined()
            let shown = counts.contains(4) ? 4 : counts.first { $0 > 2 } ?? counts.first { $0 > 1 } ?? 2
            // The example in the writer's own chords: the bar's first, then its last.
            let named = bar.split(separator: " ").map(String.init).filter { $0 != "." }
            let first = named.first ?? "C", last = named.last.flatMap { $0 == first ? nil : $0 } ?? (first == "G" ? "C" : "G")
            let example = "| \(first) " + String(repeating: ". ", count: max(0, shown - 2)) + "\(last) |"
            // Chords without dots may have been meant a bar each, as many charts write them:
            // the other fix is said too (a writer typed `chords verse = Am F C G` in 7/8).
            let each = named.count == count && !bar.contains(".") ? ", or a bar each: | " + named.joined(separator: " | ") + " |" : ""
            return "\"| \(bar) |\": \(count) chords cannot share a bar of \(meter) on its beats; a bar of \(meter) takes \(places) places, with . holding the chord before (\(example))" + each
        case .emptyChordBar(let bar):
            return "bar \(bar) has no chord: write a chord between each pair of | marks, or % to repeat the bar before"
        case .repeatWithNothingBefore:
            return "\"%\" repeats the bar before, but it is the first bar: write a chord there"
        case .badNote(let text):
            // A lower-case letter name is the commonest slip ("d5/4" for D5/4); H is B in
            // German and Scandinavian notation, as chord symbols say too.
            if let first = text.first {
                let (fixed, why): (String?, String) = text.readingHAsB.map { ($0, "(H is B in German notation; see `help notes`)") }
                    ?? ("abcdefg".contains(first) ? first.uppercased() + text.dropFirst() : nil, "Letter names are upper case (see `help notes`)")
                if let fixed, (try? NoteSyntax.parse(fixed, meter: .fourFour)) != nil {
                    return "\"\(echoed(text))\" is not a note — did you mean \(fixed)? " + why
                }
            }
            return "\"\(echoed(text))\" is not a note: write PITCH/DURATION such as C5/4, Eb5/8., r/2 for a rest, ~ to tie (see `help notes`)"
        case .barCheck(let bar, let text, let ticks, let expected):
            let beats = Double(ticks) / Double(MusicalTime.ticksPerQuarter)
            let want = Double(expected) / Double(MusicalTime.ticksPerQuarter)
            return "bar \(bar) \"\(echoed(text))\" adds up to \(format(beats)) quarter notes, but a bar holds \(format(want)): fix the durations or move the | mark"
        case .unfinishedTriplet(let note, let run, let missing, let value):
            let place = note.isEmpty ? "the line would end" : "\"\(echoed(note))\" would start"
            return "\(place) off the beat: the triplets before it (\"\(echoed(run))\") do not fill their group — triplets come three in the time of two; "
                + "add \(missing == 1 ? "one more" : "\(missing) more") /\(value), or write them without t"
        case .tieToDifferentPitch(let text):
            return "\"\(echoed(text))\": a tie ~ joins two notes of the same pitch, but the next note differs; drop the ~ to play a new note"
        case .danglingTie(let text):
            return "\"\(echoed(text))\": the tie ~ has no note of the same pitch after it"
        case .tooLong(let part, let section, let bars, let runs):
            return "the \(part) is longer than \(section): it runs into bar \(runs), and \(section) has \(bars) — shorten it or lengthen the section with `set \(section) bars=\(runs)`"
        case .emptyNotes:
            return "no notes given: write notes after =, e.g. `melody verse = C5/4 D5/4 E5/2`"
        case .meterChangeWithParts(let section):
            return "\(section) already has parts written in its meter; changing the meter would misplace them — `set \(section) meter=… redraw=yes` writes the engine's parts again in the new meter, or `add NEW 8` then `set NEW meter=…` starts a section in it"
        case .emptyArrangement:
            return "arrange needs at least one section, e.g. `arrange verse chorus verse chorus`"
        case .unknownPart(let text, let suggestion):
            let parts = PartKind.allCases.map(\.rawValue).joined(separator: ", ")
            return "no part \"\(echoed(text))\"" + (suggestion.map { " — did you mean \($0)? (the parts are \(parts))" } ?? ": the parts are " + parts)
        case .unknownInstrument(let text, let suggestion):
            return "no instrument \"\(echoed(text))\"" + (suggestion.map { " — did you mean \($0)? (`help instrument` lists the names)" } ?? ": give a General MIDI program 0–127 or a name such as piano, strings, nylon-guitar, finger-bass (see `help instrument`)")
        case .unknownPattern(let text, let suggestion):
            let patterns = "block, pulse, arpeggio, stabs, ballad"
            return "no comping pattern \"\(echoed(text))\"" + (suggestion.map { " — did you mean \($0)? (the patterns are \(patterns))" } ?? ": the patterns are " + patterns)
        case .badSession(let file, let reason):
            // A reason quotes values from the file: a 100 KB chord stays out of the line.
            let shown = reason.count > 400 ? String(reason.prefix(400)) + "… (\(reason.count) characters)" : reason
            return "\(file): \(visible(shown))"
        case .overLimit(let what, let count, let limit, let fix):
            return "\(count) \(what): a song has at most \(limit) — \(fix) (`help limits`)"
        case .unknownWord(let what, let text, let allowed, let suggestion):
            if let suggestion { return "unknown \(what) \"\(echoed(text))\" — did you mean \(suggestion)? (the \(what)s are \(listed(allowed)))" }
            return "unknown \(what) \"\(echoed(text))\": the \(what)s are " + listed(allowed)
        case .notForPart(let rule):
            return rule
        case .badMIDI(let reason):
            return "cannot import: " + reason
        case .noPart(let kind, let section):
            return "\(section) has no \(kind.row.noun) yet: " + kind.row.howToGet.replacingOccurrences(of: "SECTION", with: section)
        case .badText(let field, let text, let rule):
            return "\(field) \"\(echoed(text))\": \(rule)"
        case .newerSession(let file, let version, let supported):
            return "\(file) was written by a newer Cowrite (format \(version); this one reads up to \(supported)): upgrade Cowrite to open it; the file was not changed"
        }
    }

    /// A count of quarter notes as a musician says it: "4", "3 1/2", "4 1/3" (a
    /// quarter-note triplet left unfinished had read "4.333333333333333").
    private func format(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        let whole = Int(value.rounded(.down))
        for denominator in [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64] {
            let numerator = (value - Double(whole)) * Double(denominator)
            guard abs(numerator - numerator.rounded()) < 1e-6 else { continue }
            let fraction = "\(Int(numerator.rounded()))/\(denominator)"
            return whole == 0 ? fraction : "\(whole) \(fraction)"
        }
        return String(format: "%.2f", value)
    }
}
