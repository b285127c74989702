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
    let draw: Draw
    let heading: @Sendable (_ seed: UInt64) -> String
    /// The title a sketch was asked for with: `accept all` gives it to the song.
    var title: String?
    /// The instruments a sketch's prompt named, by part (General MIDI programs).
    var instruments: [PartKind: Int] = [:]
    /// Nil: `accept` puts the suggestion in as a new part, credited to its generator.
    var apply: Apply?
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
    mutating func offer(_ request: Pending) throws -> String {
        var pending = request
        pending.suggestions = try pending.draw(try requireSong(), pending.count, pending.seed)
        self.pending = pending
        let song = try requireSong()
        if let list = pending.list { return pending.heading(pending.seed) + "\n" + list(pending.suggestions, 1, song) }
        return pending.heading(pending.seed) + "\n" + SuggestionList.render(pending.suggestions, from: 1, song: song,
                                                                           section: pending.section, compact: compact)
    }
}
