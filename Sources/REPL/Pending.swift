import Engine
import Foundation
import SongModel

/// The suggestions of the last request, waiting for `accept`, `more`, `again` or `drop`.
///
/// Every request keeps the same two things, whatever generator answers it: how to draw
/// suggestions (for the song as it is, a count and a seed) and the line that heads a list.
/// The generators draw in order from their seed, so drawing more with the same seed
/// repeats the ones shown first and then continues: `more` keeps the tail; `again` draws
/// afresh with the next seed.
public struct Pending: Sendable {
    public typealias Draw = @Sendable (_ song: Song, _ count: Int, _ seed: UInt64) throws -> [Suggestion]
    /// How a chosen suggestion goes into the song, when it is not a new part for the
    /// section (an `alt` chord is the writer's edit of one bar): returns what it did.
    public typealias Apply = @Sendable (_ song: inout Song, _ suggestion: Suggestion, _ number: Int, _ date: Date) throws -> String

    /// The section the suggestions are for ("all" for a sketch).
    public var section: String
    public var seed: UInt64
    /// How many each request gives, and the most `more` can reach.
    public var count: Int
    public var limit: Int
    /// Every suggestion shown so far for this request, numbered from 1.
    public var suggestions: [Suggestion] = []
    var draw: Draw
    var heading: @Sendable (_ seed: UInt64) -> String
    /// The title a sketch was asked for with: `accept all` gives it to the song.
    var title: String?
    /// The session a sketch left to start a song of its own (saved first): `drop` goes
    /// back to it while the sketch's song is still empty.
    var cameFrom: String?
    /// Whether the sketch made the song it waits in (there was none, or the one there was
    /// had sections and was saved first): an empty song only holding the draft, whose key
    /// and tempo are the draft's own, and which `drop` lets go.
    var madeSong = false
    /// The instruments a sketch's prompt named, by part (General MIDI programs).
    var instruments: [PartKind: Int] = [:]
    /// The command that asks for the same draft again, but for its seed (`sketch "…"
    /// mood=calm`): said when the writer leaves with the draft not accepted.
    var redraw: String?
    /// `redraw` with the seed these suggestions were drawn with.
    var redrawLine: String? { redraw.map { "\($0) seed=\(seed)" } }
    /// Nil: `accept` puts the suggestion in as a new part, credited to its generator.
    var apply: Apply?
    /// Whether one of them has gone into the song (`accept`).
    var accepted = false
    /// Lists suggestions after the heading (nil: the usual suggestion list).
    var list: (@Sendable (_ suggestions: [Suggestion], _ from: Int, _ song: Song) -> String)?

    init(section: String, seed: UInt64, count: Int, limit: Int, draw: @escaping Draw,
         heading: @escaping @Sendable (_ seed: UInt64) -> String, apply: Apply? = nil,
         list: (@Sendable (_ suggestions: [Suggestion], _ from: Int, _ song: Song) -> String)? = nil) {
        self.section = section
        self.seed = seed
        self.count = count
        self.limit = limit
        self.draw = draw
        self.heading = heading
        self.apply = apply
        self.list = list
    }
}

extension Workspace {
    /// Draws a request's first suggestions, keeps them waiting, and lists them under the
    /// request's heading.
    mutating func offer(rewriting selection: BarSelection? = nil, _ request: Pending) throws -> String {
        var pending = request.rewriting(selection)
        pending.suggestions = try pending.draw(try requireSong(), pending.count, pending.seed)
        // Rewriting a few bars, the generator may find nothing else that fits what is kept
        // around them: said, rather than an empty or short list without a word.
        if let selection, pending.suggestions.count < pending.count {
            let phrase = selection.phrase
            guard !pending.suggestions.isEmpty else {
                throw REPLError.refused("no different \(phrase) came from \(Infill.maximumSeeds) seeds: what is there is the only way the generator fits them to the bars it keeps; write \(phrase) by hand, or rewrite more bars")
            }
            self.pending = pending
            let song = try requireSong()
            let listed = SuggestionList.fitted(pending.list.map { $0(pending.suggestions, 1, song) }
                ?? SuggestionList.render(pending.suggestions, from: 1, song: song, section: pending.section, compact: compact), columns: columns)
            return pending.heading(pending.seed) + "\n" + listed
                + "\n(only \(pending.suggestions.count) different \(phrase) from \(Infill.maximumSeeds) seeds: few other ways fit the bars kept around them)"
        }
        self.pending = pending
        let song = try requireSong()
        // Fewer than asked is said, with why: a generator offers only suggestions that
        // differ (`vary n=3` on a motif had listed 2 without a word).
        let short = pending.suggestions.count < pending.count && !pending.suggestions.isEmpty && !pending.isSketch
            ? "\n(only \(pending.suggestions.count) of the \(pending.count) asked: the others came out the same as one of these, or as what is there; `again` tries another seed)"
            : ""
        if let list = pending.list { return pending.heading(pending.seed) + "\n" + SuggestionList.fitted(list(pending.suggestions, 1, song), columns: columns) + short }
        return pending.heading(pending.seed) + "\n" + SuggestionList.fitted(SuggestionList.render(pending.suggestions, from: 1, song: song,
                                                                                                 section: pending.section, compact: compact), columns: columns) + short
    }
}

extension Pending {
    /// Whether what waits is a sketch's draft: one suggestion for the whole song.
    var isSketch: Bool {
        if case .sketch = suggestions.first?.content { return true }
        return false
    }

    /// The same request rewriting only `selection`'s bars of the section's part (nil: the
    /// request as it was). Draws whole versions from `Infill.seedsPerPool` seeds of the
    /// request's chain, offers the best splices (`Infill.choose`), and on `accept` splices
    /// the chosen bars into the part as it is then, as an edit credited to the generator.
    func rewriting(_ selection: BarSelection?) -> Pending {
        guard let selection else { return self }
        var pending = self
        let draw = self.draw, heading = self.heading, limit = self.limit, name = self.section
        // The pool does not depend on how many are shown, so `more` keeps the first ones.
        // A few bars under a melody leave a generator few ways to differ (one bar of the
        // harmonizer often had one): the chain goes on, up to `Infill.maximumSeeds`, until
        // the pool holds as many distinct options as the request may show — the same rule
        // whatever `n` is, so `more` still keeps the first ones.
        pending.draw = { song, count, seed in
            var pool: [Suggestion] = []
            var next = seed
            for round in 1...Infill.maximumSeeds {
                pool += try draw(song, limit, next)
                next = SeededGenerator.successor(of: next) % 1_000_000
                if round >= Infill.seedsPerPool, try Infill.choose(pool, bars: selection, song: song, section: name, count: limit).count >= limit { break }
            }
            return try Infill.choose(pool, bars: selection, song: song, section: name, count: count)
        }
        // The options are credited to the chain's seeds (each to its own); the heading names the first.
        pending.heading = { seed in
            var seeds = [seed]
            while seeds.count < Infill.seedsPerPool { seeds.append(SeededGenerator.successor(of: seeds[seeds.count - 1]) % 1_000_000) }
            return heading(seed) + " — only \(selection.phrase), chosen among the draws of seeds " + seeds.map(String.init).joined(separator: ", ")
                + " (and the seeds after them while those give too few different bars)"
        }
        pending.apply = { song, suggestion, number, date in
            guard let kind = suggestion.kind, let fresh = suggestion.part else { return "nothing to accept" }
            let section = try song.requireSection(name)
            let meter = song.meter(of: section)
            let credit = suggestion.origin.credit
            let runs = selection.ticks(in: meter)
            try song.edit(kind, in: section.name, by: credit, at: date, change: "\(selection.phrase) rewritten, option \(number)",
                          origin: suggestion.origin) { content in
                content = content.splicing(fresh, over: runs, length: section.bars * meter.ticksPerBar)
            }
            song.keepTiming(of: section.name, outside: runs, as: section)
            let after = try song.requireSection(name)
            return "accepted \(number) into \(after.name): \(selection.phrase) by \(credit), the other bars kept; `undo` takes it back\n"
                + SectionView.lines(of: kind, in: after, song: song).joined(separator: "\n")
        }
        return pending
    }
}

extension Pending {
    /// What a switch to another song says of suggestions left waiting in `song`, or nil
    /// when one of them went into the song already (the work is in the song; the rest go
    /// quietly).
    func droppedNote(from song: Song) -> String? {
        guard !accepted else { return nil }
        if isSketch {
            let line = redrawLine ?? suggestions.first?.origin.parameters?["request"] ?? "sketch seed=\(seed)"
            return "dropped the sketch draft waiting in \(quoted(song.title)); `\(line)` draws it again"
        }
        var asked = heading(seed)
        while asked.hasSuffix(":") || asked.hasSuffix(" ") { asked.removeLast() }
        return "dropped what was waiting in \(quoted(song.title)) (\(asked)): suggestions stay with the song they were asked in"
    }
}
