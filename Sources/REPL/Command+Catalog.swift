import AudioRender
import Engine
import MusicTheory
import SongModel

/// The options several commands share, declared once.
extension OptionSpec {
    static let seed = OptionSpec("seed", .seed)
    static let mood = OptionSpec("mood", .words(Mood.allCases.map(\.rawValue)), parse: { _ = try Mood(parsing: $0) })
        .reading { (try? Mood(parsing: $0))?.rawValue }
    static let key = OptionSpec("key", .key, parse: { _ = try Commands.writtenKey($0) })
    static let meter = OptionSpec("meter", .text, parse: { _ = try Meter(parsing: $0) })
    static let tempo = OptionSpec("tempo", .whole(Song.tempoRange), rule: "tempo is a whole number of beats per minute from 20 to 400, e.g. tempo=84")
    static let harmonyStyle = OptionSpec("style", .words(HarmonyStyle.all.map(\.name)), parse: { text in
        guard HarmonyStyle.named(text) != nil else {
            throw EngineError.unknownStyle(text, suggestion: closest(to: text, in: HarmonyStyle.all.map(\.name)))
        }
    }).reading { HarmonyStyle.named($0)?.spelled }
    static let cadence = OptionSpec("cadence", .words(Cadence.allCases.map(\.rawValue)), rule: "the cadences are open, closed, deceptive and plagal")
    static let force = OptionSpec("force", .yesNo, flags: ["--force"])
    /// `prompt="…"`: a request in words, read into the request's own options (`Prompted`).
    static let prompt = OptionSpec("prompt", .text, shape: "\"WORDS\"")
    /// 0 (quiet) to 1 (driving), with the same meaning on every request: how busy the
    /// part is for the section's energy (slower chords, fewer notes, a held bass when low).
    static let energy = OptionSpec("energy", .number(0...1), example: "0.7")

    /// `bars=5-6` or `keep=1-4,7-8`: rewrite only some bars of the part (`Infill`). Read
    /// by the handler, which knows the section's length and so can name the bars it has.
    static let bars = OptionSpec("bars", .text, shape: "5-6")
    static let keep = OptionSpec("keep", .text, shape: "1-4,7-8")

    /// `n=`: how many suggestions a request gives.
    static func count(_ value: Int, limit: Int) -> OptionSpec {
        OptionSpec("n", .whole(1...limit), default: String(value), rule: "ask for 1 to \(limit) suggestions, e.g. n=3")
    }

    /// `rate=`: the harmonic rhythm, chords per bar.
    static func rate(default value: String?) -> OptionSpec {
        OptionSpec("rate", .words(["0.5", "1", "2", "4"]), default: value,
               rule: "the harmonic rhythm is chords per bar: 0.5 (one every two bars), 1, 2 or 4", parse: { text in
            guard let rate = Double(text), [0.5, 1, 2, 4].contains(rate) else {
                throw REPLError.badOptionValue(option: "rate", value: text,
                                               rule: "the harmonic rhythm is chords per bar: 0.5 (one every two bars), 1, 2 or 4")
            }
        })
    }

    static func vocabulary<V: Vocabulary>(_ name: String, _ type: V.Type, default value: V? = nil) -> OptionSpec {
        OptionSpec(name, .words(V.words), default: value?.rawValue, parse: { _ = try V(parsing: $0) }).reading { V.named($0)?.rawValue }
    }
}

extension ArgumentSpec {
    static let part = ArgumentSpec("PART", .part, about: "a part")
    static let optionalSection = ArgumentSpec("SECTION", .section, about: "a section", optional: true)
}

/// The command table: one row per command. It drives parsing, checking, completion,
/// usage lines and `help`.
public enum Commands {
    public static let all: [Command] = [
        // Songs and sessions
        Command(name: "new", summary: "start a new song", arguments: [ArgumentSpec("\"TITLE\"", .text, about: "a title in quotes")],
                options: [.key.defaulting("C"), .tempo.defaulting("100"), .meter.defaulting("4/4"), .mood],
                needsSong: false, group: "Songs and sessions", handler: SongCommands.new),
        Command(name: "open", summary: "open a saved session", arguments: [ArgumentSpec("NAME|PATH", .text, about: "a session name or path")],
                options: [OptionSpec("read-only", .yesNo, flags: ["--read-only"]), OptionSpec("saved", .yesNo, flags: ["--saved"])],
                needsSong: false, group: "Songs and sessions", handler: SongCommands.open),
        Command(name: "save", summary: "save the song (atomically, keeping a .bak)",
                arguments: [ArgumentSpec("NAME|PATH", .text, about: "a session name or path", optional: true)], options: [.force],
                group: "Songs and sessions", handler: SongCommands.save),
        Command(name: "sessions", summary: "list saved sessions", needsSong: false, group: "Songs and sessions", handler: SongCommands.sessions),
        Command(name: "recover", summary: "restore unsaved changes kept by autosave",
                arguments: [ArgumentSpec("NAME", .text, about: "an autosave", optional: true)],
                options: [OptionSpec("discard", .yesNo, flags: ["--discard"])], needsSong: false,
                group: "Songs and sessions", handler: SongCommands.recover),
        Command(name: "song", summary: "overview: form, sections, key, tempo, who wrote what", group: "Songs and sessions",
                handler: SongCommands.overview),
        Command(name: "set", summary: "change song or section settings", arguments: [.optionalSection],
                options: [.key, .tempo, .meter, .mood, OptionSpec("bars", .whole(Section.barRange), rule: "a section has 1–256 bars, e.g. bars=8"),
                          OptionSpec("title", .text), OptionSpec("authors", .text),
                          OptionSpec("energy", .number(0...1), example: "0.7"), OptionSpec("tension", .number(0...1), example: "0.7"),
                          OptionSpec("move", .yesNo), OptionSpec("redraw", .yesNo, flags: ["--redraw"])],
                changesSong: true, group: "Songs and sessions", handler: SongCommands.set),
        // Sections and form
        Command(name: "add", summary: "add a section of BARS bars",
                arguments: [ArgumentSpec("SECTION", .text, about: "a section name"), ArgumentSpec("BARS", .text, about: "a number of bars")],
                changesSong: true, group: "Sections and form", handler: SectionCommands.add),
        Command(name: "remove", summary: "remove a section (and its places in the form)", arguments: [.section],
                changesSong: true, group: "Sections and form", handler: SectionCommands.remove),
        Command(name: "rename", summary: "rename a section",
                arguments: [ArgumentSpec("OLD", .section, about: "the old name"), ArgumentSpec("NEW", .text, about: "the new name")],
                changesSong: true, group: "Sections and form", handler: SectionCommands.rename),
        Command(name: "copy", summary: "copy a section with all its parts, in this song or from another",
                arguments: [.section, ArgumentSpec("NEW", .text, about: "a name for the copy (from another song: its own name unless given)", optional: true)],
                options: [OptionSpec("from", .text, shape: "SESSION")],
                changesSong: true, group: "Sections and form", handler: SectionCommands.copy),
        Command(name: "arrange", summary: "set the form: the order sections play in",
                arguments: [ArgumentSpec("SECTION", .section, about: "the sections in playing order", repeats: true)],
                changesSong: true, group: "Sections and form", handler: SectionCommands.arrange),
        // Parts
        Command(name: "chords", summary: "write a section's chords, or ask the engine for progressions",
                arguments: [.section, ArgumentSpec("bar", .words(["bar"]), about: "bar", optional: true, hidden: true),
                            ArgumentSpec("BAR", .text, about: "a bar number", optional: true, hidden: true)],
                options: [.mood, .harmonyStyle, .energy, .count(4, limit: 12), .seed, .cadence, .rate(default: nil), .prompt, .bars, .keep],
                body: .optional("| C | Am | F G | % |"), alternatives: ["chords SECTION bar N = Bbmaj7"],
                changesSong: true, group: "Parts", handler: PartCommands.chords),
        Command(name: "melody", summary: "write a section's melody, or ask for melodies over its chords",
                arguments: [.section, ArgumentSpec("with-chords", .words(["with-chords"]), about: "with-chords", optional: true),
                            ArgumentSpec("bar", .words(["bar"]), about: "bar", optional: true, hidden: true),
                            ArgumentSpec("BAR", .text, about: "a bar number", optional: true, hidden: true)],
                options: [.mood, .vocabulary("style", MelodyStyle.self), .energy, .prompt, OptionSpec("range", .text, shape: "LOW..HIGH"),
                          OptionSpec("density", .number(0...1), rule: "density is 0 (long notes) to 1 (busy), e.g. density=0.5"),
                          OptionSpec("fit", .words(["lyrics"]), rule: "fit=lyrics writes the rhythm for the section's words"),
                          .count(3, limit: 8), .seed, .bars, .keep],
                body: .optional("C5/4 D5/8 E5/8 G5/2 | …"), alternatives: ["melody SECTION bar N = C5/2 D5/2"],
                changesSong: true, group: "Parts", handler: PartCommands.melody),
        Command(name: "lyrics", summary: "write a section's words, or see them sung on its melody", arguments: [.section],
                body: .optional("\"When the rain comes down / I …\""), changesSong: true, group: "Parts", handler: LyricsCommands.lyrics),
        Command(name: "motif", summary: "set a short figure melodies build on", arguments: [.section], body: .optional("NOTES"),
                changesSong: true, group: "Parts", handler: MelodyCommands.motif),
        Command(name: "vary", summary: "named variations of a melody or motif", arguments: [.section],
                options: [OptionSpec("technique", .words(Technique.allCases.map(\.rawValue)), parse: { text in
                    guard Technique.named(text) != nil else { throw EngineError.unknownTechnique(text) }
                }), .mood, .vocabulary("style", MelodyStyle.self), .energy, .prompt, .count(4, limit: 8), .seed, .bars, .keep],
                group: "Parts", handler: MelodyCommands.vary),
        Command(name: "bass", summary: "bass lines locked to the groove",
                arguments: [.section, ArgumentSpec("bar", .words(["bar"]), about: "bar", optional: true, hidden: true),
                            ArgumentSpec("BAR", .text, about: "a bar number", optional: true, hidden: true)],
                options: [OptionSpec("style", .words(BassStyle.allCases.map(\.rawValue)), parse: { text in
                    guard BassStyle.reading(text) != nil else { throw EngineError.unknownBassStyle(text) }
                }).reading { BassStyle.reading($0)?.rawValue }, .mood, .energy, .count(3, limit: 8), .seed, .prompt, .bars, .keep],
                body: .optional("C2/2 G2/2 | …"), alternatives: ["bass SECTION bar N = C2/2 G2/2"],
                changesSong: true, group: "Parts", handler: MelodyCommands.bass),
        Command(name: "pad", summary: "sustained chord tones under the song", arguments: [.section],
                options: [OptionSpec("style", .words(PadStyle.allCases.map(\.rawValue)), rule: "pads are plain, swell or shimmer, e.g. style=swell"),
                          .mood, .energy, .prompt, .count(3, limit: 8), .seed, .bars, .keep],
                group: "Parts", handler: MelodyCommands.pad),
        Command(name: "note", summary: "put one melody note in",
                arguments: [.section, ArgumentSpec("BAR.BEAT", .text, about: "a place such as 2.3"),
                            ArgumentSpec("PITCH[/DUR]", .text, about: "a note such as E5/8")],
                changesSong: true, group: "Parts", handler: MelodyCommands.note),
        Command(name: "unnote", summary: "take one melody note out",
                arguments: [.section, ArgumentSpec("BAR.BEAT", .text, about: "a place such as 2.3")],
                changesSong: true, group: "Parts", handler: MelodyCommands.unnote),
        Command(name: "transpose", summary: "move the song, a section or one part up or down",
                arguments: [ArgumentSpec("SECTION", .section, about: "a section (or song)", optional: true, keywords: ["song", "up", "down"]),
                            ArgumentSpec("PART", .words(PartKind.allCases.filter(\.row.pitched).map(\.rawValue)), about: "a part", optional: true,
                                         keywords: ["up", "down"]),
                            ArgumentSpec("STEPS", .text, about: "a number of steps", optional: true),
                            ArgumentSpec("diatonic", .words(["diatonic"]), about: "diatonic", optional: true)],
                options: [OptionSpec("to", .key, parse: { _ = try Commands.writtenKey($0) })],
                alternatives: ["transpose [song] STEPS [diatonic]|to=KEY", "transpose SECTION STEPS [diatonic]|to=KEY"],
                changesSong: true, group: "Parts", handler: MelodyCommands.transpose),
        Command(name: "shift", summary: "move a part earlier or later",
                arguments: [.section, ArgumentSpec("PART", .words(PartKind.allCases.filter { $0.row.shape != .chords }.map(\.rawValue)), about: "a part"),
                            ArgumentSpec("BEATS", .text, about: "a number of beats")],
                changesSong: true, group: "Parts", handler: MelodyCommands.shift),
        Command(name: "learn", summary: "learn your own style from your MIDI files or sections, on this machine",
                arguments: [ArgumentSpec("NAME", .text, about: "a name for your style"),
                            ArgumentSpec("FILES|SECTIONS", .text, about: "MIDI files, a folder of them, or sections of the song", repeats: true)],
                options: [.force], needsSong: false, group: "Asking the engine", handler: LearnCommands.learn),
        Command(name: "styles", summary: "list your learned styles and what each holds", needsSong: false, group: "Asking the engine",
                handler: LearnCommands.list),
        Command(name: "unlearn", summary: "delete a learned style", arguments: [ArgumentSpec("NAME", .text, about: "a learned style's name")],
                needsSong: false, group: "Asking the engine", handler: LearnCommands.unlearn),
        Command(name: "import", summary: "make parts of a MIDI file: a new song, or one section's parts",
                arguments: [ArgumentSpec("FILE.mid", .text, about: "a MIDI file"),
                            ArgumentSpec("into SECTION, as PART", .section, about: "into SECTION or as PART", optional: true, repeats: true,
                                         keywords: ["into", "as"] + PartKind.allCases.map(\.rawValue))],
                options: [OptionSpec("track", .text, shape: "N|NAME"), OptionSpec("repeats", .words(["once", "apart"]), shape: "once|apart"),
                          OptionSpec("from", .text, shape: "BAR|MARKER")],
                needsSong: false, group: "Parts", handler: ImportCommands.importFile),
        Command(name: "show", summary: "chord chart with Roman numerals, melody by bar, each part in its view",
                arguments: [.optionalSection], group: "Parts", handler: PartCommands.show),
        // Asking the engine
        Command(name: "harmonize", summary: "chords that fit the section's melody", arguments: [ArgumentSpec("SECTION", .section, about: "a section with a melody")],
                options: [.count(3, limit: 12), .harmonyStyle, .mood, .energy, .prompt, .seed, .cadence, .rate(default: "1"), .bars, .keep],
                group: "Asking the engine", handler: EngineCommands.harmonize),
        Command(name: "next", summary: "likely next chords, with probabilities", arguments: [.section],
                options: [OptionSpec("bar", .whole(Section.barRange), rule: "give a bar number, e.g. bar=4"), .harmonyStyle, .mood],
                group: "Asking the engine", handler: EngineCommands.next),
        Command(name: "alt", summary: "alternatives for the chord in one bar",
                arguments: [.section, ArgumentSpec("BAR", .text, about: "a bar number")], group: "Asking the engine", handler: EngineCommands.alt),
        Command(name: "sketch", summary: "a whole first draft from a mood and an arc",
                arguments: [ArgumentSpec("\"TITLE or PROMPT\"", .text, about: "a title or a prompt in words", optional: true)],
                options: [OptionSpec("mood", .words(Mood.allCases.map(\.rawValue)), parse: { _ = try SketchCommands.moods(in: $0) })
                              .reading { text in
                                  // Said only where a word was read as another mood: not for `calm -> tense` as typed.
                                  let read = (try? SketchCommands.moods(in: text))?.map(\.rawValue).joined(separator: "->")
                                  return read == text.lowercased().replacingOccurrences(of: " ", with: "") ? nil : read
                              },
                          OptionSpec("arc", .text, shape: "MOOD->MOOD…"), OptionSpec("form", .text, shape: "SECTION,…"),
                          OptionSpec.harmonyStyle.reading { SketchCommands.genreMeaning($0) ?? HarmonyStyle.named($0)?.name }, .key,
                          .tempo, .meter, .energy, .seed, OptionSpec("prompt", .text, shape: "\"WORDS\""), OptionSpec("title", .text),
                          OptionSpec("accept", .yesNo, flags: ["--accept"])],
                needsSong: false, group: "Asking the engine", handler: SketchCommands.sketch),
        Command(name: "arc", summary: "set an energy and tension curve across the form",
                arguments: [ArgumentSpec("MOOD -> MOOD …", .words(Mood.allCases.map(\.rawValue) + ["->"]), about: "moods", optional: true, repeats: true)],
                options: [OptionSpec("redraw", .yesNo, flags: ["--redraw"])],
                sectionValues: .words(Mood.allCases.map(\.rawValue)), alternatives: ["arc SECTION=MOOD …"], changesSong: true, group: "Asking the engine", handler: SketchCommands.arc),
        Command(name: "why", summary: "how mood and arc shaped a section", arguments: [.section], group: "Asking the engine", handler: SketchCommands.why),
        Command(name: "transition", summary: "how one section hands over to the next",
                arguments: [ArgumentSpec("FROM", .section, about: "a section"), ArgumentSpec("TO|end|any", .section, about: "the section it hands over to", keywords: ["end", "any"]),
                            ArgumentSpec(Transition.words.joined(separator: "|"), .words(Transition.words), about: "a transition")],
                changesSong: true, group: "Asking the engine", handler: SketchCommands.transition),
        Command(name: "accept", summary: "put suggestion N into the song",
                arguments: [ArgumentSpec("N|all|SECTION", .section, about: "a suggestion's number", optional: true, keywords: ["all"])],
                changesSong: true, group: "Asking the engine", handler: EngineCommands.accept),
        Command(name: "more", summary: "more suggestions for the same request", group: "Asking the engine", handler: EngineCommands.more),
        Command(name: "again", summary: "fresh suggestions with a new seed", group: "Asking the engine", handler: EngineCommands.again),
        Command(name: "drop", summary: "forget the waiting suggestions", group: "Asking the engine", handler: EngineCommands.drop),
        Command(name: "groove", summary: "drum grooves that feel played; `groove stats` measures one",
                arguments: [ArgumentSpec("SECTION", .section, about: "a section (or stats SECTION)", keywords: ["stats"]),
                            ArgumentSpec("SECTION", .section, about: "a section", optional: true, hidden: true)],
                options: [.mood, .vocabulary("style", DrumStyleName.self), .prompt, .energy, .bars, .keep,
                          OptionSpec("swing", .text, shape: "auto|off|0..1|50%..75%", parse: { text in
                              guard ["auto", "off", "straight"].contains(text.lowercased()) || GrooveCommands.swingAmount(text) != nil else {
                                  throw REPLError.badOptionValue(option: "swing", value: text, rule: "swing is auto, off, an amount 0–1 (0.5 is a triplet 2:1) or a drum machine's 50–75% (66% is the triplet)")
                              }
                          }),
                          .vocabulary("feel", Feel.self), OptionSpec("humanize", .number(0...1), default: "0.5"),
                          OptionSpec("alpha", .number(0...2), default: "1", rule: "alpha is 0 (white) to 2 (brown); 1 is the 1/f of real players"),
                          .count(3, limit: 8), .seed],
                alternatives: ["groove stats SECTION"], group: "Asking the engine", handler: GrooveCommands.groove),
        Command(name: "humanize", summary: "re-humanize a section's drums (0 to 1)",
                arguments: [.section, ArgumentSpec("AMOUNT", .text, about: "an amount 0–1")],
                options: [OptionSpec("alpha", .number(0...2), rule: "alpha is 0 (white) to 2 (brown); 1 is the 1/f of real players"), .seed],
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.humanize),
        Command(name: "feel", summary: "where the drums sit against the beat",
                arguments: [.section, ArgumentSpec(Feel.words.joined(separator: "|"), .words(Feel.words), about: "a feel", optional: true)],
                options: [OptionSpec("from", .section, shape: "SECTION|imported")],
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.feel),
        Command(name: "quantize", summary: "put the drums back on the grid (no swing, feel or humanizing)", arguments: [.section],
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.quantize),
        Command(name: "hit", summary: "add one drum hit",
                arguments: [.section, ArgumentSpec("DRUM", .words(DrumKit.pieces.map(\.name)), about: "a drum"),
                            ArgumentSpec("BAR.BEAT[.STEP]", .text, about: "a place such as 2.3")],
                options: [OptionSpec("vel", .whole(1...127), default: "96", rule: "velocity is 1–127, e.g. vel=100")],
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.hit),
        Command(name: "unhit", summary: "remove one drum hit",
                arguments: [.section, ArgumentSpec("DRUM", .words(DrumKit.pieces.map(\.name)), about: "a drum"),
                            ArgumentSpec("BAR.BEAT[.STEP]", .text, about: "a place such as 2.3")],
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.unhit),
        Command(name: "fill", summary: "write a fill into the section's last bar", arguments: [.section],
                options: [.vocabulary("style", FillKind.self, default: .toms)],
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.fill),
        Command(name: "copy-groove", summary: "copy one section's drums to another",
                arguments: [ArgumentSpec("FROM", .section, about: "a section"), ArgumentSpec("TO", .section, about: "another section")],
                changesSong: true, group: "Asking the engine", handler: GrooveCommands.copyGroove),
        // The pattern is the one thing `comp` sets, so it is also taken bare, as `feel` takes
        // its feel (a producer typed `comp verse pulse` after `feel verse laid-back`).
        Command(name: "comp", summary: "how the chords are played",
                arguments: [.section, ArgumentSpec(CompingPattern.allCases.map(\.rawValue).joined(separator: "|"),
                                                   .words(CompingPattern.allCases.map(\.rawValue)), about: "a pattern", optional: true)],
                options: [OptionSpec("pattern", .words(CompingPattern.allCases.map(\.rawValue)), parse: { _ = try CompingPattern(parsing: $0) })],
                changesSong: true, group: "Asking the engine", handler: EngineCommands.comp),
        // Sound and files
        Command(name: "render", summary: "render the song to a mastered mix, stems, MIDI, a lead sheet and credits",
                arguments: [.optionalSection],
                options: [OptionSpec("out", .text, shape: "DIR", flags: ["-o", "--out", "--output"]), OptionSpec("stems", .yesNo, flags: ["--stems"]),
                          OptionSpec("format", .words(AudioFormat.allCases.map(\.rawValue)), flags: ["--format"], rule: "the formats are wav, flac and ogg"),
                          OptionSpec("rate", .words(["44100", "48000"]), flags: ["--rate"], rule: "the sample rate is 44100 or 48000"),
                          OptionSpec("stem-names", .words(RenderSettings.StemNames.allCases.map(\.rawValue)), flags: ["--stem-names"],
                                     rule: "stems are named after the song (song: rain-on-glass_drums.wav) or plain (drums.wav)"),
                          OptionSpec("lufs", .number(-40 ... -5), default: "-14", flags: ["--lufs"],
                                 rule: "the loudness target is −40 to −5 LUFS, e.g. -14 for streaming, -23 for broadcast"),
                          .force],
                group: "Sound and files", handler: RenderCommands.render),
        Command(name: "export", summary: "write the song as a MIDI file or a lead sheet (ChordPro, MusicXML)",
                arguments: [ArgumentSpec("midi|chordpro|musicxml", .words(["midi", "chordpro", "musicxml"]), about: "midi, chordpro or musicxml"),
                            ArgumentSpec("PATH", .text, about: "a path", optional: true)],
                // `-o PATH` as `render` takes its folder (a newcomer's `export midi -o x.mid` was refused).
                options: [.force, OptionSpec("out", .text, shape: "PATH", flags: ["-o", "--out", "--output"]),
                          OptionSpec("capo", .words(["auto"] + (1...11).map(String.init)), shape: "FRET|auto", flags: ["--capo"],
                                     rule: "a capo sits on fret 1 to 11, or auto for the lowest that gives open-string shapes, e.g. capo=2")],
                group: "Sound and files", handler: RenderCommands.export),
        Command(name: "play", summary: "play the song (or a section) on this machine's audio device", arguments: [.optionalSection],
                group: "Sound and files", handler: RenderCommands.play),
        Command(name: "instrument", summary: "choose a part's General MIDI instrument",
                arguments: [.part, ArgumentSpec("NAME|PROGRAM", .words(Instrument.shortNames.keys.sorted() + Instrument.generalMIDI + DrumKit.kits.map(\.name)),
                                                about: "an instrument; none shows the part's", optional: true, repeats: true)],
                changesSong: true, group: "Sound and files", handler: CreditCommands.instrument),
        Command(name: "mix", summary: "set a part's level, pan and reverb", arguments: [.part],
                options: [OptionSpec("gain", .words(["auto"]), shape: "-60..12|auto", parse: { value in
                              // A number in range holds the level; `auto` hands it to the balance.
                              guard value.lowercased() == "auto" || Double(value).map({ $0.isFinite && PartSettings.gainRange.contains($0) }) == true else {
                                  let rule = "gain is −60 to +12 dB, e.g. gain=-3, or auto to let the render balance it"
                                  throw REPLError.badOptionValue(option: "gain", value: value,
                                                                 rule: closest(to: value.lowercased(), in: ["auto"]).map { "did you mean gain=\($0)? (\(rule))" } ?? rule)
                              }
                          }),
                          OptionSpec("pan", .number(PartSettings.panRange), rule: "pan is −1 (left) to 1 (right), e.g. pan=0.2"),
                          OptionSpec("reverb", .number(PartSettings.reverbRange), rule: "reverb is 0 to 1, e.g. reverb=0.3")],
                changesSong: true, group: "Sound and files", handler: CreditCommands.mix),
        Command(name: "credits", summary: "the split sheet: who or what wrote every part",
                options: [OptionSpec("markdown", .yesNo, flags: ["--markdown"])], group: "Sound and files", handler: CreditCommands.credits),
        Command(name: "blame", summary: "the history of a section's parts: origin, acceptance, edits",
                arguments: [.section, ArgumentSpec("PART", .part, about: "a part", optional: true)], group: "Sound and files", handler: CreditCommands.blame),
        // History and help
        Command(name: "undo", summary: "undo the last change", group: "History and help", handler: SessionCommands.undo),
        Command(name: "redo", summary: "redo what undo took back", group: "History and help", handler: SessionCommands.redo),
        Command(name: "history", summary: "list the changes that undo can take back", group: "History and help", handler: SessionCommands.history),
        Command(name: "view", summary: "compact listings for small terminals, or full ones",
                arguments: [ArgumentSpec("compact|full", .words(["compact", "full"]), about: "compact or full", optional: true)],
                needsSong: false, group: "History and help", handler: SessionCommands.view),
        Command(name: "help", summary: "list commands, or show one command's page",
                arguments: [ArgumentSpec("COMMAND|TOPIC", .text, about: "a command or topic", optional: true)], needsSong: false,
                group: "History and help", handler: SessionCommands.help),
        Command(name: "quit", aliases: ["exit"], summary: "leave Cowrite (asks to save unsaved changes)", needsSong: false,
                group: "History and help", handler: SessionCommands.quit),
    ]

    /// The headings of `help`, in the order the table lists them.
    public static var groups: [String] {
        all.map(\.group).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Words a writer reaches for that are not Cowrite's commands, and the command that does
    /// what they mean, with the setting the first word names where it is one: "section
    /// verse 4" is `add verse 4`, "tempo 120" is `set tempo=120`. (A first-time writer's
    /// "section verse 4" had been answered only with "type `help`".)
    static let synonyms: [String: (command: String, setting: String?)] = [
        "section": ("add", nil), "sections": ("add", nil), "load": ("open", nil), "delete": ("remove", nil),
        "drums": ("groove", nil), "beat": ("groove", nil), "bounce": ("render", nil), "mixdown": ("render", nil),
        "chart": ("show", nil), "words": ("lyrics", nil), "ls": ("sessions", nil), "list": ("sessions", nil),
        "tempo": ("set", "tempo"), "bpm": ("set", "tempo"), "key": ("set", "key"), "meter": ("set", "meter"),
        "title": ("set", "title"), "mood": ("set", "mood"),
        "form": ("arrange", nil), "structure": ("arrange", nil), "progression": ("chords", nil), "tune": ("melody", nil),
        "lyric": ("lyrics", nil),
    ]

    /// The command a synonym stands for, written out with the writer's own words, in
    /// backquotes (`add verse 4`); nil for a word that is not one.
    static func meant(by parsed: Invocation) -> String? {
        guard let (command, setting) = synonyms[parsed.name.lowercased()] else { return nil }
        let words = parsed.arguments.map { visible($0) } + parsed.options.map { "\(visible($0.key))=\(visible($0.value))" }
        if let setting { return "`\(command) \(setting)=\(words.isEmpty ? "…" : words.joined(separator: " "))`" }
        return "`" + ([command] + words).joined(separator: " ") + "`"
    }

    /// Every name and alias.
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

    public static func find(_ name: String) -> Command? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// Whether `text` is what a part command writes: a chord chart (`| Am | F |`, `Am F`) or
    /// notes (`C5/4 D5/4`), as their own parsers read them.
    static func isWritten(_ text: String) -> Bool {
        (try? ChordChart.parse(text)) != nil || (try? NoteSyntax.parse(text, meter: .fourFour)) != nil
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
    public static func prepare(_ parsed: Invocation, home: String? = Settings.home()) throws(REPLError) -> (Command, Invocation) {
        guard let command = find(parsed.name) else {
            throw .unknownCommand(parsed.name, suggestion: meant(by: parsed) ?? closest(to: parsed.name, in: names))
        }
        var invocation = command.expandingHome(try command.bindFlags(parsed), home: home)
        // A request's quoted words after its section are its prompt: `chords verse "sad jazzy"`
        // is `chords verse prompt="sad jazzy"` (a sketch reads its own quoted title).
        if command.name != "sketch", command.option("prompt") != nil, invocation.option("prompt") == nil,
           let index = invocation.quoted.filter({ $0 >= 1 && $0 < invocation.arguments.count }).max() {
            // Unless they are what the command writes, in quotes and without "=": a chart
            // (`chords verse "| Am | F |"`) or notes, refused with the line that writes them.
            let words = invocation.arguments[index]
            if command.writesBody, Commands.isWritten(words) {
                let place = invocation.arguments[..<index].map { $0.contains(" ") ? "\"\($0)\"" : $0 }
                throw .refused("\(command.name) reads quoted words as a request to the engine; what you write goes after \"=\", without quotes — `"
                               + ([command.name] + place + ["=", words]).map(echoed).joined(separator: " ") + "`")
            }
            invocation.options.append(("prompt", invocation.arguments.remove(at: index)))
            invocation.quoted = []
        }
        try command.validate(invocation)
        return (command, invocation)
    }
}
