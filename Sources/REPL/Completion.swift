import SongModel

/// What Tab offers: command names first; then, by command, section names, option names
/// (`key=`), mood names after `mood=`, and help pages after `help`.
public enum Completion {
    public static func candidates(before: String, word: String, song: Song?, help: HelpLibrary, sessions: [String]) -> [String] {
        let words = before.split(separator: " ").map(String.init)
        guard let commandName = words.first?.lowercased() else { return Commands.names.sorted() }
        if before.hasSuffix("mood=") { return Mood.allCases.map(\.rawValue) }
        if before.hasSuffix("=") { return [] }
        guard let command = Commands.find(commandName) else { return [] }
        switch command.name {
        case "help": return (Commands.names + help.topics).sorted()
        case "open": return sessions
        case "recover": return []
        default: break
        }
        let sections = command.completesSections ? (song?.sections.map(\.name) ?? []) : []
        return sections + command.options.map { $0 + "=" }
    }
}
