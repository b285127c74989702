import Foundation
import MusicTheory
import SongModel

/// Words for what the harmony engine did: each chord's function, and each suggestion's
/// label and reasons, from the same data the generator used.
enum HarmonyReasons {
    /// "diatonic", or why a chord leaves the key: a secondary dominant, a chord borrowed
    /// from the parallel mode, a tritone substitute, a passing diminished 7th, or chromatic
    /// colour; each of the moving ones named so only where `next` (the chord after it in
    /// the chart) is where it leads. Why: an outside audit found "secondary dominant
    /// (V7/IV): leans into the next chord" of an E7 that went to D7, "leads a half step up
    /// to B♭" of an A°7 that went to E♭m, and "tritone substitute: a dominant a half step
    /// above A♭" of a Gm7 (a minor chord, a half step under A♭).
    static func function(of chord: Chord, next: Chord? = nil, in key: Key) -> String {
        if key.isDiatonic(chord) { return "diatonic" }
        let root = chord.root.pitchClass, nextRoot = next?.root.pitchClass
        if let secondary = key.secondaryDominant(chord) {
            if nextRoot == (root + 5) % 12 { return "secondary dominant (\(secondary.description)): leans into the next chord" }
            return "a dominant from outside the key (the shape of \(secondary.description))" + (next.map { ", here moving to \($0)" } ?? "")
        }
        let parallel = key.parallel
        if parallel.isDiatonic(chord) || Key(tonic: key.tonic, mode: key.isMinor ? .dorian : .mixolydian).isDiatonic(chord) {
            return "borrowed from \(parallel) (modal interchange)"
        }
        if chord.quality.symbol == "dim7" {
            if nextRoot == (root + 1) % 12, let next { return "passing diminished 7th: leads a half step up to \(next.root)" }
            return "a diminished 7th from outside the key" + (next.map { ", here moving to \($0)" } ?? "")
        }
        let dominant = Set(chord.quality.intervals.map { $0.semitones % 12 }).isSuperset(of: [4, 10])
        if dominant, nextRoot == (root + 11) % 12, let next {
            return "tritone substitute: a dominant a half step above \(next.root), into it"
        }
        return "chromatic colour outside \(key)"
    }

    /// Each chord's function, read with the chord after it.
    static func functions(of chords: [Chord], in key: Key) -> [String] {
        chords.indices.map { function(of: chords[$0], next: $0 + 1 < chords.count ? chords[$0 + 1] : nil, in: key) }
    }

    /// The label and reasons of a progression, from the chart as shown (`shown`: the steps
    /// slot by slot, after the cadence): a loop is named only when the chart plays all of
    /// it in order; a loop the cadence or the section's length broke is described by the
    /// chart's own numerals instead.
    static func describe(_ candidate: ProgressionGenerator.Candidate, shown: [String], progression: ChordProgression,
                         request: HarmonyRequest, frame: TonalFrame, mood: MoodProfile) -> (String, [String]) {
        let numerals = frame.numerals(of: progression.chords)
        var labels: [String] = []
        var reasons: [String] = []
        var namedByNumerals = false
        // The chart slot by slot and its numerals, read once for the loop and the move.
        let played = Array(candidate.chords.prefix(shown.count))
        let playedNumerals = frame.numerals(of: played)
        // The blues is named by its bars, not its slots: at two chords a bar, a 4-bar
        // section's eight slots are not an 8-bar blues.
        let bars = shown.count / ProgressionGenerator.bluesSlotsPerBar(rate: request.rate, slots: shown.count)
        let twelveBar = bars % 12 == 0, eightBar = bars % 8 == 0
        if request.style.name == "blues" {
            // Named for the form the section holds (ProgressionGenerator.bluesForm).
            labels.append(twelveBar ? "12-bar blues" : eightBar ? "8-bar blues" : bars % 4 == 0 ? "4-bar blues" : "blues")
        } else if let family = candidate.family, let start = family.wherePlayed(in: shown), frame.isMinor && family.steps.first == "I" {
            // A major key's loop played in a minor key or mode starts away from home (on
            // ♭III): named by what it plays, its shape credited, not its name (E phrygian's
            // ♭III–♭II–♭VI had been labelled "Mixolydian loop, rock's borrowed ♭VII").
            let run = runs(numerals)
            labels.append(run.prefix(5).joined(separator: "–") + (run.count > 5 ? "…" : ""))
            namedByNumerals = true
            let here = playedNumerals[start..<min(played.count, start + family.steps.count)].joined(separator: "–")
            reasons.append("the shape of the \(family.name) (\(family.steps.map { $0.replacingOccurrences(of: "b", with: "♭") }.joined(separator: "–")) in a major key), here from \(playedNumerals[start]): \(here)")
        } else if let family = candidate.family, let start = family.wherePlayed(in: shown) {
            labels.append(family.name)
            // The loop as this chart plays it, in the key's numerals, where the family's own
            // words name it otherwise (a major-key loop in a minor key, a rotation).
            let here = playedNumerals[start..<min(played.count, start + family.steps.count)].joined(separator: "–")
            reasons.append("loops \(family.about)" + (family.about.contains(here) ? "" : " (here \(here))"))
        } else if candidate.family != nil {
            // Drawn from a loop, but the chart no longer plays it whole: say what it plays.
            let run = runs(numerals)
            labels.append(run.prefix(5).joined(separator: "–") + (run.count > 5 ? "…" : ""))
            namedByNumerals = true
        } else {
            labels.append("walks " + request.style.modelName)
        }
        let steps = shown
        if request.style.name == "blues" {
            // Blues dominants are home chords, not borrowed or secondary: no colour label.
        } else if let passing = steps.firstIndex(where: { $0.hasSuffix("°7") }), passing < progression.chords.count {
            labels.append("tense: passing \(frame.numeral(of: progression.chords[passing]))")
        } else if let pedal = steps.indices.dropLast().first(where: { steps[$0].hasSuffix("sus4") && steps[$0 + 1] + "sus4" == steps[$0] }),
                  pedal + 1 < progression.chords.count {
            // In the key's numerals: Vsus4–V in A minor too, whose table step is IIIsus4.
            labels.append("dominant pedal: \(frame.numeral(of: progression.chords[pedal]))–\(frame.numeral(of: progression.chords[pedal + 1]))")
        } else if let lift = steps.indices.dropLast(2).first(where: { steps[$0] == "bVI" && steps[$0 + 1] == "bVII" && steps[$0 + 2] == frame.home }) {
            labels.append("lifts: \(numerals[lift])–\(numerals[lift + 1])–\(numerals[lift + 2])")
        } else if !frame.isMinor, let borrowed = numerals.first(where: { ["iv", "iv7", "♭VI", "♭VImaj7", "♭III"].contains($0) }) {
            labels.append("darker: borrows \(borrowed)")
        } else if !frame.isMinor && steps.contains("bVII") {
            labels.append("Mixolydian ♭VII")
        } else if let secondary = numerals.first(where: { numeral in
            // As the chart reads it in place: E♭7 going on to E♭m9 in B♭ minor reads IV7, and
            // a "secondary dominant" had been claimed of a chart that showed none.
            let parts = numeral.split(separator: "/")
            return numeral.hasPrefix("V") && parts.count == 2 && parts[1].first.map { "IViv♭♯".contains($0) } == true
        }) {
            labels.append("pushes with a secondary dominant: \(secondary)")
        }
        if labels.count < 2 && request.style.name == "blues" {
            labels.append("turnaround on \(numerals.last ?? "V7")")
        } else if labels.count < 2 && request.style.ending != nil {
            labels.append("ends \(numerals.suffix(2).joined(separator: "–")) as you do")
        } else if labels.count < 2 && !request.cadence.isClaimed(by: progression.chords, frame: frame) {
            // A chart too short for the cadence asked, or ending otherwise, is not named by it.
            let kind = request.cadence == .open ? "half close" : "\(request.cadence.rawValue) close"
            labels.append(progression.chords.count < request.endingSteps(frame: frame).count ? "too short for a \(kind)"
                          : namedByNumerals ? "not a \(kind)" : "ends on \(numerals.last ?? "")")
        } else if labels.count < 2 && namedByNumerals {
            // The numerals already show the last chords: say only what kind of end it is.
            switch request.cadence {
            case .open: labels.append("ends open")
            case .closed: labels.append("closes home")
            case .deceptive: labels.append("a deceptive close")
            case .plagal: labels.append("a plagal close")
            }
        } else if labels.count < 2 {
            switch request.cadence {
            case .open: labels.append("ends open on \(numerals.last ?? "V")")
            case .closed: labels.append("closes \(numerals.suffix(2).joined(separator: "–"))")
            case .deceptive: labels.append("deceptive \(numerals.suffix(2).joined(separator: "–"))")
            case .plagal: labels.append("plagal close \(numerals.suffix(2).joined(separator: "–"))")
            }
        }
        if request.style.name == "blues" {
            reasons.append(bluesForm(played, perBar: ProgressionGenerator.bluesSlotsPerBar(rate: request.rate, slots: shown.count), frame: frame))
        } else {
            // The style's one fact only under a chart that moves (a one-chord tag had read
            // "after I, V follows about 29% of the time").
            if let move = likeliestMove(shown, numerals: playedNumerals, style: request.style, frame: frame) {
                reasons.append(move)
            } else if Set(progression.chords).count > 1 {
                reasons.append(request.style.fact)
            }
        }
        let usual = Cadence.expected(for: frame.sectionName)
        // Said of the section's part, or of "a section" where its name says none (a head
        // named "a" had read "a a usually lands home").
        let part = SectionRole(name: frame.sectionName).withArticle
        if let ending = request.style.ending {
            reasons.append("ends \(ending.joined(separator: "–")) as your sections do (`cadence=` names another ending)")
        } else if request.style.name == "blues", let last = progression.chords.last,
                  (last.root.pitchClass - frame.key.tonic.pitchClass + 12) % 12 == 7 {
            // The blues closes on its turnaround: home in bar 11, its V7 back to the top (it
            // had read "closes home from V7/IV" over a chart ending on C7).
            reasons.append("ends on the turnaround's \(frame.numeral(of: last)), back to the top"
                           + (progression.chords.count > 1 ? ": the blues comes home the bar before" : ""))
        } else {
        // "As asked" only where the chart bears the cadence out; else the summary says what it ends on.
        let borne = request.cadence.isClaimed(by: progression.chords, frame: frame)
        reasons.append(request.cadence.summary(of: progression.chords, frame: frame) + (!borne ? ""
            : request.cadence == usual ? (usual == .open ? ": \(part) usually leads on to what follows" : ": \(part) usually lands home")
            : ": as asked"))
        }
        // The blues's form is its own: a mood sets its pace, not its minor or major chords
        // (a tense blues had said "leans to minor chords … 0 minor chords of 22").
        if let moodName = request.mood, request.style.name != "blues" {
            // The lean is the draw's; what this chart holds is said beside it, borrowed
            // chords too where the mood asks for more of them (a songwriter read "more minor
            // and borrowed chords" over a chart of 2 minor chords in 8 and none borrowed).
            let minors = progression.chords.filter { $0.quality.isMinor }.count
            let borrowed = progression.functions.filter { $0.hasPrefix("borrowed") }.count
            let held = mood.borrowed > 1 ? ", " + (borrowed == 0 ? "none borrowed" : "\(borrowed) borrowed") : ""
            reasons.append(moodLean(moodName.rawValue, mood, style: request.style)
                           + "; this chart: \(minors) minor chord\(minors == 1 ? "" : "s") of \(progression.chords.count)\(held)")
        }
        if steps.contains("IV") && steps.contains("I") && request.style.name == "rock" {
            reasons.append("IV before I is the most common move in rock (de Clercq & Temperley)")
        }
        // In the blues the dominant 7ths on I, IV and V (and their sus colours) are the home
        // chords, not borrowings or substitutes: only chords outside I, IV and V get a reason.
        let outside = zip(progression.chords, progression.functions).filter { chord, function in
            function != "diatonic" && !(request.style.name == "blues" && frame.step(of: chord).map { ["I", "IV", "V", "vi", "ii", "iii"].contains($0) } == true)
        }
        for (chord, function) in outside.prefix(2) { reasons.append("\(chord): \(function)") }
        return (labels.prefix(2).joined(separator: ", "), reasons)
    }

    /// Each name once where it repeats in a row ("I I V V" → "I V"): a chart heard as its changes.
    static func runs(_ names: [String]) -> [String] { names.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } } }

    /// The blues form as the chart plays it, bar by bar in the key's numerals: "the 12-bar
    /// blues: i with the quick change to iv in bar 2, two of iv, two of i, then v–iv–i–v".
    /// Why read, not recited: the form's one sentence ("four bars of I, two of IV …") had
    /// stood over minor blues in i, iv and v and over charts that changed to IV in bar 2.
    static func bluesForm(_ chords: [Chord], perBar: Int, frame: TonalFrame) -> String {
        let degree = { (chord: Chord) in frame.numeral(of: TonalFrame.triad(chord)) }
        let b = stride(from: 0, to: chords.count, by: max(1, perBar)).map { degree(chords[$0]) }
        let colours = ", every chord a seventh or ninth"
        if b.count % 12 == 0 {
            let one = b[0]
            let opening = b[0...3].allSatisfy { $0 == one } ? "four bars of \(one)"
                : b[1] != one && b[2...3].allSatisfy({ $0 == one }) ? "\(one) with the quick change to \(b[1]) in bar 2"
                : b[0...3].joined(separator: "–")
            let middle = b[4] == b[5] && b[6] == b[7] ? "two of \(b[4]), two of \(b[6])" : b[4...7].joined(separator: "–")
            // The turnaround bar by bar, a bar of two chords as both ("I–V"): at two chords
            // a bar it had read "then V–IV–I–I" over a last bar of A7 E7.
            let step = max(1, perBar)
            let lastBars = (8..<12).map { bar -> [String] in
                runs(chords[(bar * step)..<min(chords.count, (bar + 1) * step)].map(degree))
            }
            let ending = lastBars.allSatisfy { $0.count == 1 } ? b[8...11].joined(separator: "–")
                : lastBars.dropLast().map { $0.joined(separator: "–") }.joined(separator: ", ") + " and " + (lastBars.last ?? []).joined(separator: "–")
            return "the 12-bar blues: \(opening), \(middle), then \(ending)" + colours
        }
        if b.count % 8 == 0 { return "the 8-bar blues: \(b.prefix(8).joined(separator: "–"))" + colours }
        if b.count % 4 == 0 { return "a 4-bar blues: \(b.prefix(4).joined(separator: "–"))" + colours }
        if b.count == 1 { return "one bar of the blues: its turnaround's \(b[0]) alone" }
        return "the 12-bar blues cut to the section, ending on the turnaround's \(b.last ?? "V")"
    }

    /// The move in the chart the style's table expects most, in the key's numerals: "after
    /// ♭VI, ♭VII follows 40% of the time in the pop model"; nil when the chart takes no move
    /// the table holds. Why this and not the style's one fact: a reason must be true of the
    /// chart it stands under, and "after I, V follows 29% of the time" stood under minor
    /// charts that never play I.
    static func likeliestMove(_ steps: [String], numerals: [String], style: HarmonyStyle, frame: TonalFrame) -> String? {
        var best: (index: Int, share: Double, likeliest: Bool)?
        for index in steps.indices.dropLast() where steps[index] != steps[index + 1] && index + 1 < numerals.count {
            let row = style.transitions[steps[index]] ?? [:]
            let total = row.values.reduce(0, +)
            guard total > 0, let weight = row[steps[index + 1]], weight > 0, best.map({ weight / total > $0.share }) ?? true else { continue }
            best = (index, weight / total, row.max { $0.value < $1.value }?.key == steps[index + 1])
        }
        guard let best else { return nil }
        // The share is of the model's plain chords, so the move is named by them, and the
        // chart's own chords are said beside them where a colour was added after the move
        // was drawn ("after ♭VII, Isus2 follows 91%" had credited the writer's moves with a
        // sus2 they never learned: colours are drawn apart).
        let plain = { (index: Int) -> String in
            let chart = numerals[index]
            guard let bare = frame.chord(steps[index]).map({ frame.numeral(of: $0) }) else { return chart }
            // A plain chord read as a secondary dominant (E in C is V/vi) that the chart's
            // colour leaves unread as one (E7sus4 is III7sus4): its degree, as the chart's.
            return bare.contains("/") && !chart.contains("/") ? String(chart.prefix { "♭♯IViv°".contains($0) }) : bare
        }
        let from = plain(best.index), to = plain(best.index + 1)
        let model = style.modelName
        let here = (numerals[best.index], numerals[best.index + 1])
        return "after \(from), \(to) follows \(Int((best.share * 100).rounded()))% of the time in \(model)"
            + (best.likeliest ? " (its likeliest move from \(from))" : "")
            + (here != (from, to) ? " — here \(here.0)–\(here.1)" : "")
    }

    /// How the mood moves the style's chords, in a musician's words: "sad leans to minor
    /// chords: more minor and borrowed chords, fewer major ones, than the jazz model writes
    /// (borrowed: from the parallel key)". Why not the weights: a newcomer read "minor ×2.4,
    /// major ×0.7 … as likely as in the jazz model" as statistics, not music.
    static func moodLean(_ name: String, _ mood: MoodProfile, style: HarmonyStyle) -> String {
        let minor = ("minor", mood.minorChords), major = ("major", mood.majorChords)
        let lean = minor.1 > major.1 ? "leans to minor chords" : major.1 > minor.1 ? "leans to major chords" : "leans neither to minor nor to major chords"
        let weights = (minor.1 >= major.1 ? [minor, major] : [major, minor]) + [("borrowed", mood.borrowed)]
        let more = weights.filter { $0.1 > 1 }.map(\.0), fewer = weights.filter { $0.1 < 1 }.map(\.0)
        guard !more.isEmpty || !fewer.isEmpty else { return "\(name) " + lean }
        let model = style.modelName
        var change: [String] = []
        if !more.isEmpty { change.append("more \(listed(more)) chords") }
        if !fewer.isEmpty { change.append("fewer \(listed(fewer)) " + (more.isEmpty ? "chords" : "ones")) }
        let borrowed = mood.borrowed != 1 ? " (borrowed: from the parallel key)" : ""
        // (A comma before "than" only after a list: "more minor and borrowed chords than…".)
        return "\(name) \(lean): \(change.joined(separator: ", "))\(change.count > 1 ? "," : "") than \(model) writes\(borrowed)"
    }
}
