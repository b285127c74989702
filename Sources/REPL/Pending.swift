import Engine
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

    init(section: String, seed: UInt64, count: Int, limit: Int, draw: @escaping Draw,
         heading: @escaping @Sendable (_ seed: UInt64) -> String) {
        self.section = section
        self.seed = seed
        self.count = count
        self.limit = limit
        self.draw = draw
        self.heading = heading
    }
}

extension Workspace {
    /// Draws a request's first suggestions, keeps them waiting, and lists them under the
    /// request's heading.
    mutating func offer(_ request: Pending) throws -> String {
        var pending = request
        pending.suggestions = try pending.draw(try requireSong(), pending.count, pending.seed)
        self.pending = pending
        return pending.heading(pending.seed) + "\n" + SuggestionList.render(pending.suggestions, from: 1, song: try requireSong(),
                                                                           section: pending.section)
    }
}
