import Engine
import SongModel

/// The suggestions of the last request, waiting for `accept`, `more`, `again` or `drop`.
public struct Pending: Sendable {
    /// What was asked, so `more` and `again` can ask again.
    public enum Request: Sendable {
        case chords(section: String, HarmonyRequest)
        case harmonize(section: String, HarmonyRequest)
        case groove(section: String, GrooveRequest)
        /// melody, vary and bass: the command line, re-run by `again` with a new seed.
        case lines(section: String, line: String)
    }

    /// The seed of a request made by command line.
    public var lineSeed: UInt64?

    public var request: Request
    /// Every suggestion shown so far for this request, numbered from 1.
    public var suggestions: [Suggestion]

    public var section: String {
        switch request {
        case .chords(let section, _), .harmonize(let section, _), .groove(let section, _), .lines(let section, _): section
        }
    }

    public var seed: UInt64 {
        switch request {
        case .chords(_, let request): request.seed
        case .harmonize(_, let request): request.seed
        case .groove(_, let request): request.seed
        case .lines: lineSeed ?? 0
        }
    }
}
