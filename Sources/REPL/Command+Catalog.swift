import MusicTheory
import SongModel
/// The command table: one row per command. It drives parsing, completion and `help`.
public enum Commands {
    public static let all: [Command] = [
        // Songs and sessions
        Command(name: "new", usage: "new \"TITLE\" [key=C] [tempo=100] [meter=4/4] [mood=…]",
                summary: "start a new song", arguments: 1...1, argumentNames: "a title in quotes",
                options: ["key", "tempo", "meter", "mood"], needsSong: false, group: "Songs and sessions", handler: SongCommands.new),
        Command(name: "open", usage: "open NAME|PATH [--read-only]", summary: "open a saved session",
                arguments: 1...1, argumentNames: "a session name or path", options: ["read-only"],
                flags: ["--read-only": ("read-only", false)], needsSong: false, group: "Songs and sessions", handler: SongCommands.open),
        Command(name: "save", usage: "save [NAME|PATH] [--force]", summary: "save the song (atomically, keeping a .bak)",
                arguments: 0...1, options: ["force"], flags: ["--force": ("force", false)],
                group: "Songs and sessions", handler: SongCommands.save),
        Command(name: "sessions", usage: "sessions", summary: "list saved sessions",
                needsSong: false, group: "Songs and sessions", handler: SongCommands.sessions),
        Command(name: "recover", usage: "recover [NAME]", summary: "restore unsaved changes kept by autosave",
                arguments: 0...1, needsSong: false, group: "Songs and sessions", handler: SongCommands.recover),
        Command(name: "song", usage: "song", summary: "overview: form, sections, key, tempo, who wrote what",
                group: "Songs and sessions", handler: SongCommands.overview),
        Command(name: "set", usage: "set [SECTION] [key=…] [tempo=…] [meter=…] [mood=…] [bars=…] [title=…] [authors=…] [energy=…] [tension=…]",
                summary: "change song or section settings", arguments: 0...1, argumentNames: "",
                options: ["key", "tempo", "meter", "mood", "bars", "title", "authors", "energy", "tension"], completesSections: true,
                changesSong: true, group: "Songs and sessions", handler: SongCommands.set),
        // Sections and form
        Command(name: "add", usage: "add SECTION BARS", summary: "add a section of BARS bars",
                arguments: 2...2, argumentNames: "a section name and a number of bars",
                changesSong: true, group: "Sections and form", handler: SectionCommands.add),
        Command(name: "remove", usage: "remove SECTION", summary: "remove a section (and its places in the form)",
                arguments: 1...1, argumentNames: "a section name", completesSections: true,
                changesSong: true, group: "Sections and form", handler: SectionCommands.remove),
        Command(name: "rename", usage: "rename OLD NEW", summary: "rename a section",
                arguments: 2...2, argumentNames: "the old and the new name", completesSections: true,
                changesSong: true, group: "Sections and form", handler: SectionCommands.rename),
        Command(name: "copy", usage: "copy SECTION NEW", summary: "copy a section with all its parts",
                arguments: 2...2, argumentNames: "a section and a name for the copy", completesSections: true,
                changesSong: true, group: "Sections and form", handler: SectionCommands.copy),
        Command(name: "arrange", usage: "arrange SECTION…", summary: "set the form: the order sections play in",
                arguments: 1...512, argumentNames: "the sections in playing order", completesSections: true,
                changesSong: true, group: "Sections and form", handler: SectionCommands.arrange),
        // Parts
        Command(name: "chords", usage: "chords SECTION = | C | Am | F G | % |  or  chords SECTION [mood=…] [style=…] [n=4] [seed=…] [cadence=…] [rate=1]",
                summary: "write a section's chords, or ask the engine for progressions",
                arguments: 1...1, argumentNames: "a section name", options: ["mood", "style", "n", "seed", "cadence", "rate"],
                body: .optional, completesSections: true, changesSong: true, group: "Parts", handler: PartCommands.chords),
        Command(name: "melody", usage: "melody SECTION = C5/4 D5/8 E5/8 G5/2 | …  or  melody SECTION [mood=…] [range=C4..G5] [density=0..1] [n=3] [seed=…] [with-chords]",
                summary: "write a section's melody, or ask for melodies over its chords",
                arguments: 1...2, argumentNames: "a section name", options: ["mood", "range", "density", "n", "seed"],
                body: .optional, completesSections: true, changesSong: true, group: "Parts", handler: PartCommands.melody),
        Command(name: "motif", usage: "motif SECTION = NOTES", summary: "set a short figure melodies build on",
                arguments: 1...1, argumentNames: "a section name", body: .optional, completesSections: true, changesSong: true,
                group: "Parts", handler: MelodyCommands.motif),
        Command(name: "vary", usage: "vary SECTION [technique=…] [n=4] [seed=…]", summary: "named variations of a melody or motif",
                arguments: 1...1, argumentNames: "a section", options: ["technique", "n", "seed"], completesSections: true,
                group: "Parts", handler: MelodyCommands.vary),
        Command(name: "bass", usage: "bass SECTION [style=…] [n=3] [seed=…]", summary: "bass lines locked to the groove",
                arguments: 1...1, argumentNames: "a section", options: ["style", "n", "seed"], completesSections: true,
                group: "Parts", handler: MelodyCommands.bass),
        Command(name: "note", usage: "note SECTION BAR.BEAT PITCH[/DUR]", summary: "put one melody note in",
                arguments: 3...3, argumentNames: "a section, a place such as 2.3 and a note such as E5/8", completesSections: true,
                changesSong: true, group: "Parts", handler: MelodyCommands.note),
        Command(name: "unnote", usage: "unnote SECTION BAR.BEAT", summary: "take one melody note out",
                arguments: 2...2, argumentNames: "a section and a place such as 2.3", completesSections: true, changesSong: true,
                group: "Parts", handler: MelodyCommands.unnote),
        Command(name: "transpose", usage: "transpose SECTION PART STEPS [diatonic]", summary: "move a part up or down",
                arguments: 3...4, argumentNames: "a section, a part and a number of steps", completesSections: true, changesSong: true,
                group: "Parts", handler: MelodyCommands.transpose),
        Command(name: "shift", usage: "shift SECTION PART BEATS", summary: "move a part earlier or later",
                arguments: 3...3, argumentNames: "a section, a part and a number of beats", completesSections: true, changesSong: true,
                group: "Parts", handler: MelodyCommands.shift),
        Command(name: "show", usage: "show [SECTION]", summary: "chord chart with Roman numerals, melody by bar",
                arguments: 0...1, completesSections: true, group: "Parts", handler: PartCommands.show),
        // Asking the engine
        Command(name: "harmonize", usage: "harmonize SECTION [n=3] [style=…] [mood=…] [seed=…] [cadence=…] [rate=1]",
                summary: "chords that fit the section's melody",
                arguments: 1...1, argumentNames: "a section with a melody", options: ["mood", "style", "n", "seed", "cadence", "rate"],
                completesSections: true, group: "Asking the engine", handler: EngineCommands.harmonize),
        Command(name: "next", usage: "next SECTION [bar=…] [style=…] [mood=…]", summary: "likely next chords, with probabilities",
                arguments: 1...1, argumentNames: "a section", options: ["bar", "style", "mood"], completesSections: true,
                group: "Asking the engine", handler: EngineCommands.next),
        Command(name: "alt", usage: "alt SECTION BAR", summary: "alternatives for the chord in one bar",
                arguments: 2...2, argumentNames: "a section and a bar number", completesSections: true, group: "Asking the engine", handler: EngineCommands.alt),
        Command(name: "sketch", usage: "sketch [\"TITLE\"] [mood=…] [arc=…] [form=…] [style=…] [key=…] [tempo=…] [seed=…] [--accept]",
                summary: "a whole first draft from a mood and an arc", arguments: 0...1,
                options: ["mood", "arc", "form", "style", "key", "tempo", "seed", "accept"], flags: SketchCommands.flags,
                needsSong: false, group: "Asking the engine", handler: SketchCommands.sketch),
        Command(name: "arc", usage: "arc calm -> tense -> triumphant  or  arc verse=calm chorus=triumphant",
                summary: "set an energy and tension curve across the form", arguments: 0...64,
                argumentNames: "moods", options: ["*"], changesSong: true, group: "Asking the engine", handler: SketchCommands.arc),
        Command(name: "why", usage: "why SECTION", summary: "how mood and arc shaped a section",
                arguments: 1...1, argumentNames: "a section", completesSections: true, group: "Asking the engine", handler: SketchCommands.why),
        Command(name: "transition", usage: "transition FROM TO fill|build|drop|ritard|none", summary: "how one section hands over to the next",
                arguments: 3...3, argumentNames: "two sections and a transition", completesSections: true, changesSong: true,
                group: "Asking the engine", handler: SketchCommands.transition),
        Command(name: "accept", usage: "accept N", summary: "put suggestion N into the song",
                arguments: 0...1, changesSong: true, group: "Asking the engine", handler: EngineCommands.accept),
        Command(name: "more", usage: "more", summary: "more suggestions for the same request", group: "Asking the engine", handler: EngineCommands.more),
        Command(name: "again", usage: "again", summary: "fresh suggestions with a new seed", group: "Asking the engine", handler: EngineCommands.again),
        Command(name: "drop", usage: "drop", summary: "forget the waiting suggestions", group: "Asking the engine", handler: EngineCommands.drop),
        Command(name: "groove", usage: "groove SECTION [style=…] [energy=0..1] [swing=auto|off|0..1] [feel=…] [humanize=0..1] [alpha=1] [n=3] [seed=…]  or  groove stats SECTION",
                summary: "drum grooves that feel played; `groove stats` measures one",
                arguments: 1...2, argumentNames: "a section (or stats SECTION)",
                options: ["style", "energy", "swing", "feel", "humanize", "alpha", "n", "seed"], completesSections: true,
                group: "Asking the engine", handler: GrooveCommands.groove),
        Command(name: "humanize", usage: "humanize SECTION AMOUNT [alpha=1] [seed=…]", summary: "re-humanize a section's drums (0 to 1)",
                arguments: 2...2, argumentNames: "a section and an amount 0–1", options: ["alpha", "seed"], completesSections: true,
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.humanize),
        Command(name: "feel", usage: "feel SECTION on|laid-back|pushed|dragged", summary: "where the drums sit against the beat",
                arguments: 2...2, argumentNames: "a section and a feel", completesSections: true, changesSong: true,
                group: "Asking the engine", handler: GrooveCommands.feel),
        Command(name: "quantize", usage: "quantize SECTION", summary: "put the drums back on the grid (no swing, feel or humanizing)",
                arguments: 1...1, argumentNames: "a section", completesSections: true, changesSong: true, group: "Asking the engine", handler: GrooveCommands.quantize),
        Command(name: "hit", usage: "hit SECTION INSTRUMENT BAR.BEAT[.STEP] [vel=…]", summary: "add one drum hit",
                arguments: 3...3, argumentNames: "a section, a drum and a place such as 2.3", options: ["vel"], completesSections: true,
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.hit),
        Command(name: "unhit", usage: "unhit SECTION INSTRUMENT BAR.BEAT[.STEP]", summary: "remove one drum hit",
                arguments: 3...3, argumentNames: "a section, a drum and a place such as 2.3", completesSections: true,
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.unhit),
        Command(name: "fill", usage: "fill SECTION [style=roll|toms|kick-snare]", summary: "write a fill into the section's last bar",
                arguments: 1...1, argumentNames: "a section", options: ["style"], completesSections: true, changesSong: true,
                group: "Asking the engine", handler: GrooveCommands.fill),
        Command(name: "copy-groove", usage: "copy-groove FROM TO", summary: "copy one section's drums to another",
                arguments: 2...2, argumentNames: "two sections", completesSections: true, changesSong: true,
                group: "Asking the engine", handler: GrooveCommands.copyGroove),
        Command(name: "comp", usage: "comp SECTION [pattern=block|pulse|arpeggio|stabs|ballad]",
                summary: "how the chords are played", arguments: 1...1, argumentNames: "a section", options: ["pattern"],
                completesSections: true, changesSong: true, group: "Asking the engine", handler: EngineCommands.comp),
        // Sound and files
        Command(name: "render", usage: "render [SECTION] [-o DIR] [--stems] [--format wav|flac|ogg] [--rate 44100|48000] [--lufs -14] [--force]",
                summary: "render the song to a mastered mix, stems, MIDI, a lead sheet and credits",
                arguments: 0...1, options: ["out", "stems", "format", "rate", "lufs", "force"], flags: RenderCommands.renderFlags,
                completesSections: true, group: "Sound and files", handler: RenderCommands.render),
        Command(name: "export", usage: "export midi|chordpro [PATH] [--force]", summary: "write the song as a MIDI file or a ChordPro lead sheet",
                arguments: 1...2, argumentNames: "midi or chordpro", options: ["force"], flags: ["--force": ("force", false)], group: "Sound and files", handler: RenderCommands.export),
        Command(name: "play", usage: "play [SECTION]", summary: "play the song (or a section) on this machine's audio device",
                arguments: 0...1, completesSections: true, group: "Sound and files", handler: RenderCommands.play),
        Command(name: "instrument", usage: "instrument PART NAME|PROGRAM", summary: "choose a part's General MIDI instrument",
                arguments: 2...2, argumentNames: "a part and an instrument", changesSong: true, group: "Sound and files", handler: CreditCommands.instrument),
        Command(name: "mix", usage: "mix PART [gain=-3] [pan=0.2] [reverb=0.3]", summary: "set a part's level, pan and reverb",
                arguments: 1...1, argumentNames: "a part (chords, melody, bass, drums)", options: ["gain", "pan", "reverb"],
                changesSong: true, group: "Sound and files", handler: CreditCommands.mix),
        Command(name: "credits", usage: "credits", summary: "the split sheet: who or what wrote every part",
                group: "Sound and files", handler: CreditCommands.credits),
        Command(name: "blame", usage: "blame SECTION [PART]", summary: "the history of a section's parts: origin, acceptance, edits",
                arguments: 1...2, argumentNames: "a section", completesSections: true, group: "Sound and files", handler: CreditCommands.blame),
        // History and help
        Command(name: "undo", usage: "undo", summary: "undo the last change", group: "History and help", handler: SessionCommands.undo),
        Command(name: "redo", usage: "redo", summary: "redo what undo took back", group: "History and help", handler: SessionCommands.redo),
        Command(name: "history", usage: "history", summary: "list the changes that undo can take back",
                group: "History and help", handler: SessionCommands.history),
        Command(name: "help", usage: "help [COMMAND|TOPIC]", summary: "list commands, or show one command's page",
                arguments: 0...1, needsSong: false, group: "History and help", handler: SessionCommands.help),
        Command(name: "quit", aliases: ["exit"], usage: "quit", summary: "leave Cowrite (asks to save unsaved changes)",
                needsSong: false, group: "History and help", handler: SessionCommands.quit),
    ]

    /// The headings of `help`, in the order the table lists them.
    public static var groups: [String] {
        all.map(\.group).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Every name and alias.
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

    public static func find(_ name: String) -> Command? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// Reads a command line up to the point of running it: words, the command, its
    /// flags bound to options, its shape checked. Nil for blank lines and comments.
    public static func read(_ line: String) throws(REPLError) -> (Command, Invocation)? {
        guard line.utf8.count <= Limits.lineBytes else { throw .lineTooLong(bytes: line.utf8.count) }
        guard let parsed = try Invocation.parse(line) else { return nil }
        return try prepare(parsed)
    }

    /// Looks up and checks an invocation built from typed values (the command line's
    /// `cowrite render`), with no line to parse.
    public static func prepare(_ parsed: Invocation) throws(REPLError) -> (Command, Invocation) {
        guard let command = find(parsed.name) else {
            throw .unknownCommand(parsed.name, suggestion: closest(to: parsed.name, in: names))
        }
        let invocation = try command.bindFlags(parsed)
        try command.validate(invocation)
        return (command, invocation)
    }
}
