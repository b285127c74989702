import Engine
import SongModel

/// What Tab offers: command names first; then, by command, its keywords, section names,
/// option names (`key=`), flags (`--stems`), and after `name=` the values the option takes
/// (moods, styles, feels, patterns …), from the same catalogues the commands read.
public enum Completion {
    public static func candidates(before: String, word: String, song: Song?, help: HelpLibrary,
                                  sessions: () -> [String]) -> [String] {
        let words = before.split(separator: " ").map(String.init)
        guard let commandName = words.first?.lowercased() else { return Commands.names.sorted() }
        guard let command = Commands.find(commandName) else { return [] }
        if before.hasSuffix("=") {
            let option = String((words.last ?? "").dropLast()).lowercased()
            return values(of: option, in: command.name)
        }
        switch command.name {
        case "help": return (Commands.names + help.topics).sorted()
        case "open": return sessions() + command.flags.keys.sorted()   // the only command that lists the sessions folder
        case "recover": return []
        default: break
        }
        let sections = command.completesSections ? (song?.sections.map(\.name) ?? []) : []
        let options = command.options.filter { $0 != "*" }.map { $0 + "=" }
        return keywords[command.name, default: []] + sections + options + command.flags.keys.sorted()
    }

    /// Words a command takes besides sections and options.
    static let keywords: [String: [String]] = {
        let parts = PartKind.allCases.map(\.rawValue)
        return [
            "groove": ["stats"], "accept": ["all"], "melody": ["with-chords"], "export": ["midi", "chordpro"],
            "instrument": parts, "mix": parts, "blame": parts, "transpose": parts + ["diatonic"], "shift": parts,
            "feel": Feel.allCases.map(\.rawValue), "transition": ["fill", "build", "drop", "ritard", "none"],
            "hit": DrumKit.pieces.map(\.name), "unhit": DrumKit.pieces.map(\.name),
            "arc": Mood.allCases.map(\.rawValue) + ["->"],
        ]
    }()

    /// The values an option takes, where they are a known set.
    static func values(of option: String, in command: String) -> [String] {
        switch option {
        case "mood": return Mood.allCases.map(\.rawValue)
        case "style":
            switch command {
            case "groove": return DrumStyle.all.map(\.name)
            case "bass": return BassStyle.allCases.map(\.rawValue)
            case "fill": return ["roll", "toms", "kick-snare"]
            default: return HarmonyStyle.all.map(\.name)
            }
        case "feel": return Feel.allCases.map(\.rawValue)
        case "pattern": return CompingPattern.allCases.map(\.rawValue)
        case "technique": return Technique.allCases.map(\.rawValue)
        case "cadence": return Cadence.allCases.map(\.rawValue)
        case "swing": return ["auto", "off"]
        case "format": return ["wav", "flac", "ogg"]
        default: return []
        }
    }
}
