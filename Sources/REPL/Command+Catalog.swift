/// The command table: one row per command. It drives parsing, completion and `help`.
public enum Commands {
    public static let all: [Command] = [
        // Songs and sessions
        Command(name: "new", usage: "new \"TITLE\" [key=C] [tempo=100] [meter=4/4] [mood=…]",
                summary: "start a new song", arguments: 1...1, argumentNames: "a title in quotes",
                options: ["key", "tempo", "meter", "mood"], needsSong: false, handler: SongCommands.new),
        Command(name: "open", usage: "open NAME|PATH", summary: "open a saved session",
                arguments: 1...1, argumentNames: "a session name or path", needsSong: false, handler: SongCommands.open),
        Command(name: "save", usage: "save [NAME|PATH]", summary: "save the song (atomically, keeping a .bak)",
                arguments: 0...1, handler: SongCommands.save),
        Command(name: "sessions", usage: "sessions", summary: "list saved sessions",
                needsSong: false, handler: SongCommands.sessions),
        Command(name: "recover", usage: "recover [NAME]", summary: "restore unsaved changes kept by autosave",
                arguments: 0...1, needsSong: false, handler: SongCommands.recover),
        Command(name: "song", usage: "song", summary: "overview: form, sections, key, tempo, who wrote what",
                handler: SongCommands.overview),
        Command(name: "set", usage: "set [SECTION] [key=…] [tempo=…] [meter=…] [mood=…] [bars=…] [title=…] [authors=…]",
                summary: "change song or section settings", arguments: 0...1, argumentNames: "",
                options: ["key", "tempo", "meter", "mood", "bars", "title", "authors"], completesSections: true,
                changesSong: true, handler: SongCommands.set),
        // Sections and form
        Command(name: "add", usage: "add SECTION BARS", summary: "add a section of BARS bars",
                arguments: 2...2, argumentNames: "a section name and a number of bars",
                changesSong: true, handler: SectionCommands.add),
        Command(name: "remove", usage: "remove SECTION", summary: "remove a section (and its places in the form)",
                arguments: 1...1, argumentNames: "a section name", completesSections: true,
                changesSong: true, handler: SectionCommands.remove),
        Command(name: "rename", usage: "rename OLD NEW", summary: "rename a section",
                arguments: 2...2, argumentNames: "the old and the new name", completesSections: true,
                changesSong: true, handler: SectionCommands.rename),
        Command(name: "copy", usage: "copy SECTION NEW", summary: "copy a section with all its parts",
                arguments: 2...2, argumentNames: "a section and a name for the copy", completesSections: true,
                changesSong: true, handler: SectionCommands.copy),
        Command(name: "arrange", usage: "arrange SECTION…", summary: "set the form: the order sections play in",
                arguments: 1...512, argumentNames: "the sections in playing order", completesSections: true,
                changesSong: true, handler: SectionCommands.arrange),
        // Parts
        Command(name: "chords", usage: "chords SECTION = | C | Am | F G | % |", summary: "write a section's chords, bar by bar",
                arguments: 1...1, argumentNames: "a section name", body: .required, completesSections: true,
                changesSong: true, handler: PartCommands.chords),
        Command(name: "melody", usage: "melody SECTION = C5/4 D5/8 E5/8 G5/2 | …", summary: "write a section's melody",
                arguments: 1...1, argumentNames: "a section name", body: .required, completesSections: true,
                changesSong: true, handler: PartCommands.melody),
        Command(name: "show", usage: "show [SECTION]", summary: "chord chart with Roman numerals, melody by bar",
                arguments: 0...1, completesSections: true, handler: PartCommands.show),
        // Sound and files
        Command(name: "render", usage: "render [SECTION] [-o DIR] [--stems] [--format wav|flac|ogg] [--rate 44100|48000] [--lufs -14]",
                summary: "render the song to a mastered mix, stems, MIDI, a lead sheet and credits",
                arguments: 0...1, options: ["out", "stems", "format", "rate", "lufs"], flags: RenderCommands.renderFlags,
                completesSections: true, handler: RenderCommands.render),
        Command(name: "export", usage: "export midi|chordpro [PATH]", summary: "write the song as a MIDI file or a ChordPro lead sheet",
                arguments: 1...2, argumentNames: "midi or chordpro", handler: RenderCommands.export),
        Command(name: "play", usage: "play [SECTION]", summary: "play the song (or a section) on this machine's audio device",
                arguments: 0...1, completesSections: true, handler: RenderCommands.play),
        Command(name: "instrument", usage: "instrument PART NAME|PROGRAM", summary: "choose a part's General MIDI instrument",
                arguments: 2...2, argumentNames: "a part and an instrument", changesSong: true, handler: CreditCommands.instrument),
        Command(name: "mix", usage: "mix PART [gain=-3] [pan=0.2] [reverb=0.3]", summary: "set a part's level, pan and reverb",
                arguments: 1...1, argumentNames: "a part (chords, melody, bass, drums)", options: ["gain", "pan", "reverb"],
                changesSong: true, handler: CreditCommands.mix),
        Command(name: "credits", usage: "credits", summary: "the split sheet: who or what wrote every part",
                handler: CreditCommands.credits),
        Command(name: "blame", usage: "blame SECTION [PART]", summary: "the history of a section's parts: origin, acceptance, edits",
                arguments: 1...2, argumentNames: "a section", completesSections: true, handler: CreditCommands.blame),
        // History and help
        Command(name: "undo", usage: "undo", summary: "undo the last change", handler: SessionCommands.undo),
        Command(name: "redo", usage: "redo", summary: "redo what undo took back", handler: SessionCommands.redo),
        Command(name: "history", usage: "history", summary: "list the changes that undo can take back",
                handler: SessionCommands.history),
        Command(name: "help", usage: "help [COMMAND|TOPIC]", summary: "list commands, or show one command's page",
                arguments: 0...1, needsSong: false, handler: SessionCommands.help),
        Command(name: "quit", aliases: ["exit"], usage: "quit", summary: "leave Cowrite (asks to save unsaved changes)",
                needsSong: false, handler: SessionCommands.quit),
    ]

    /// Every name and alias.
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

    public static func find(_ name: String) -> Command? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }
}
