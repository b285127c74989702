import Engine
import SongModel

/// Typed reads of an invocation's options, after its command's row has checked them
/// (`Command.validate`): an option the writer left out reads as the row's default, so a
/// default is written in one place.
extension Invocation {
    /// An option's value as given, else its default in the command's row.
    func value(_ key: String) -> String? {
        option(key) ?? Commands.find(name)?.option(key)?.defaultValue
    }

    func whole(_ key: String) -> Int? { value(key).flatMap { Int($0) } }

    func number(_ key: String) -> Double? { value(key).flatMap { Double($0) } }

    /// A vocabulary word (already checked against the list).
    func word<V: Vocabulary>(_ key: String, as type: V.Type) throws -> V? {
        try value(key).map { try V(parsing: $0) }
    }

    /// `n=`: how many suggestions (the row's default when absent).
    var count: Int { whole("n") ?? 1 }

    /// `seed=`: the writer's, else the workspace's seed source.
    func seed(_ workspace: Workspace) -> UInt64 {
        option("seed").flatMap { UInt64($0) } ?? workspace.seeds()
    }

    func mood() throws -> Mood? { try option("mood").map { try Mood(parsing: $0) } }

    /// `bars=` or `keep=`: the bars of `section`'s `kind` part a request rewrites (nil: all
    /// of them). The part must be there to keep the other bars of.
    func rewriting(_ section: Section, _ kind: PartKind) throws -> BarSelection? {
        guard option("bars") != nil || option("keep") != nil else { return nil }
        let selection = try BarSelection(bars: option("bars"), keep: option("keep"), of: section.bars)
        guard section.parts[kind] != nil else { throw EngineError.nothingToKeep(section: section.name, part: kind.rawValue) }
        return selection
    }
}
