import Engine
import SongModel

/// What Tab offers: command names first; then, from the command's row, what its next
/// argument may be (the song's sections, part names, a vocabulary's words), its option
/// names (`key=`) and flags (`--stems`); after `name=`, the words that option takes.
public enum Completion {
    /// `styles` lists the writer's learned styles, read only when a value could be one:
    /// after `style=` on a request that takes them, and for `unlearn`.
    public static func candidates(before: String, word: String, song: Song?, help: HelpLibrary,
                                  sessions: () -> [String], styles: () -> [String] = { [] }) -> [String] {
        let words = before.split(separator: " ").map(String.init)
        guard let commandName = words.first?.lowercased() else { return Commands.names.sorted() }
        guard let command = Commands.find(commandName) else { return [] }
        if before.hasSuffix("=") {
            let option = String((words.last ?? "").dropLast()).lowercased()
            let learned = option == "style" && LearnCommands.requests.contains(command.name) ? styles() : []
            return ((command.option(option)?.kind ?? command.sectionValues)?.candidates(song: song) ?? []) + learned
        }
        // A flag or option already on the line is not offered again.
        let flags = command.flags.keys.sorted().filter { !words.contains($0) }
        let typed = Set(words.compactMap { $0.split(separator: "=").first.map { String($0) + "=" } })
        switch command.name {
        case "help": return (Commands.names + help.topics).sorted()
        case "open":
            // The only command that lists the sessions folder; a session already named is not offered again.
            return (words.count > 1 && words.dropFirst().contains { !$0.hasPrefix("-") } ? [] : sessions()) + flags
        // An autosave's name is not guessed at; once one is typed, its flag (`--discard`).
        case "recover": return words.count > 1 ? flags : []
        case "unlearn": return words.count > 1 ? [] : styles()
        default: break
        }
        // The argument being typed: count the plain words before it.
        let given = words.dropFirst().filter { !$0.contains("=") && !$0.hasPrefix("-") }.count
        let shown = command.arguments.filter { !$0.hidden }
        let argument = given < shown.count ? shown[given] : shown.last.flatMap { $0.repeats ? $0 : nil }
        var offered = argument?.candidates(song: song) ?? []
        if command.sectionValues != nil { offered += (song?.sections.map { $0.name + "=" } ?? []) }
        let options = command.options.filter { $0.flags.isEmpty }.map { $0.name + "=" }.filter { !typed.contains($0) }
        return offered + options + flags
    }
}
