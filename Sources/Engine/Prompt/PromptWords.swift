import MusicTheory
import SongModel

/// What one word or phrase of a prompt means to the engine.
public enum PromptMeaning: Sendable, Hashable {
    case mood(Mood)
    /// A harmony style (`HarmonyStyle` name); drums and melody follow it. A word that
    /// `yields` names its style only when no other style is named with it: a dance ("bossa
    /// nova waltz" is jazz in 3/4, "rock jig" rock in 6/8) or a ballad ("jazz ballad" is
    /// jazz at a ballad's pace); the rest of its meanings still hold.
    case style(String, yields: Bool = false)
    /// Another style's chord colour over the style named ("jazzy neo-soul": soul with
    /// jazz's sevenths and ninths); alone, the word names that style.
    case colour(String)
    /// A part played by an instrument (a General MIDI program).
    case instrument(PartKind, program: Int, name: String)
    case pace(Pace)
    /// Added to every section's energy: sparse below zero, dense above.
    case energy(Double)
    case drums(DrumsPlan)
    /// A groove the words name that the style's own would not play ("bossa nova", "half-time").
    case groove(DrumStyleName)
    /// A key's mode: minor true, major false.
    case minor(Bool)
    /// A meter a word implies: a waltz is in 3/4.
    case meter(Meter)
    /// A word that says an arc follows ("start calm, build tension, end triumphant").
    case arcWord

    public enum Pace: String, Sendable, Hashable { case slow, medium, fast }
}

/// When a sketch's drums come in.
public enum DrumsPlan: String, Sendable, Hashable {
    /// As the energy allows (the default).
    case auto
    /// Never.
    case none
    /// From the first chorus on.
    case fromChorus
    /// In every section, however quiet: asked for in words ("with drums", "a beat"), or a
    /// style that is its beat (lo-fi hip hop).
    case always
}

/// The words and short phrases the prompt reader knows, each with what it means: one
/// table, so a synonym is a row, not code. Moods first, then styles, instruments, pace,
/// texture and drums.
enum PromptWords {
    static let table: [(phrase: String, meanings: [PromptMeaning])] = moods + styles + instruments + pace + texture

    /// The twelve moods by name; words that say a mood and something more (a pace, less
    /// energy, a mode); then every synonym of `Mood.synonyms`, the table `mood=` reads too.
    static let moods: [(phrase: String, meanings: [PromptMeaning])] = Mood.allCases.map { ($0.rawValue, [PromptMeaning.mood($0)]) } + [
        ("upbeat", [.mood(.hopeful), .pace(.fast)]), ("gentle", [.mood(.calm), .energy(-0.1)]), ("soft", [.mood(.calm), .energy(-0.1)]),
        ("quiet", [.mood(.calm), .energy(-0.15)]), ("meditative", [.mood(.calm), .pace(.slow)]), ("lullaby", [.mood(.calm), .pace(.slow)]),
        ("spacious", [.mood(.dreamy), .energy(-0.1)]), ("mysterious", [.mood(.dreamy), .minor(true)]),
        ("late-night", [.mood(.dreamy), .pace(.slow)]), ("late night", [.mood(.dreamy), .pace(.slow)]), ("night", [.mood(.dreamy)]),
        ("driving", [.mood(.energetic), .energy(0.1)]), ("powerful", [.mood(.energetic), .energy(0.15)]),
        ("intense", [.mood(.energetic), .energy(0.15)]), ("aggressive", [.mood(.energetic), .energy(0.2), .minor(true)]),
        ("party", [.mood(.energetic)]), ("dance", [.mood(.energetic), .style("edm")]), ("anthemic", [.mood(.triumphant), .energy(0.1)]),
        ("anthem", [.mood(.triumphant)]), ("epic", [.mood(.triumphant), .style("cinematic")]), ("urgent", [.mood(.tense), .pace(.fast)]),
        ("tension", [.mood(.tense)]), ("ominous", [.mood(.dark), .minor(true)]), ("menacing", [.mood(.dark), .minor(true)]),
        ("sinister", [.mood(.dark), .minor(true)]), ("intimate", [.mood(.romantic), .energy(-0.1)]), ("love", [.mood(.romantic)]),
        ("heartbreak", [.mood(.sad)]), ("grief", [.mood(.sad)]), ("memories", [.mood(.nostalgic)]),
        ("hope", [.mood(.hopeful)]), ("joy", [.mood(.playful)]), ("sadness", [.mood(.sad)]), ("anger", [.mood(.energetic), .minor(true)]),
        ("angry", [.mood(.energetic), .energy(0.2), .minor(true)]), ("furious", [.mood(.energetic), .energy(0.2), .minor(true)]),
        ("rage", [.mood(.energetic), .energy(0.2), .minor(true)]),
        ("triumph", [.mood(.triumphant)]), ("victory", [.mood(.triumphant)]), ("darkness", [.mood(.dark)]), ("calmness", [.mood(.calm)]),
        ("summer", [.mood(.hopeful), .minor(false)]), ("summery", [.mood(.hopeful), .minor(false)]),
        ("sunshine", [.mood(.hopeful), .minor(false)]),
        // What a song is about, as its mood: "a slow country waltz about leaving home" had
        // left "leaving" and "home" not understood and drafted a hopeful song.
        ("home", [.mood(.nostalgic)]), ("leaving", [.mood(.nostalgic)]), ("goodbye", [.mood(.sad)]), ("farewell", [.mood(.sad)]),
        ("loss", [.mood(.sad)]), ("rain", [.mood(.melancholy)]), ("childhood", [.mood(.nostalgic)]),
    ] + Mood.synonyms.sorted { $0.key < $1.key }.map { ($0.key, [PromptMeaning.mood($0.value)]) }

    static let styles: [(phrase: String, meanings: [PromptMeaning])] = [
        ("pop", [.style("pop")]), ("rock", [.style("rock")]), ("ballad", [.style("ballad", yields: true), .pace(.slow)]), ("folk", [.style("folk")]),
        ("soul", [.style("soul")]), ("jazz", [.style("jazz")]), ("jazzy", [.style("jazz", yields: true), .colour("jazz")]), ("blues", [.style("blues")]),
        ("bluesy", [.style("blues", yields: true), .colour("blues")]), ("edm", [.style("edm")]), ("electronic", [.style("edm")]), ("house", [.style("edm")]),
        ("techno", [.style("edm"), .pace(.fast)]), ("trance", [.style("edm")]),
        ("synthwave", [.style("edm"), .instrument(.pad, program: 90, name: "polysynth"), .instrument(.melody, program: 81, name: "synth lead"),
                       .instrument(.bass, program: 38, name: "synth bass")]), ("synth-pop", [.style("pop")]),
        ("cinematic", [.style("cinematic")]), ("film score", [.style("cinematic")]), ("film", [.style("cinematic")]),
        ("soundtrack", [.style("cinematic")]), ("orchestral", [.style("cinematic")]), ("score", [.style("cinematic")]),
        ("trailer", [.style("cinematic"), .energy(0.15)]), ("lo-fi", [.style("lofi"), .pace(.slow), .energy(-0.1), .drums(.always)]),
        ("lofi", [.style("lofi"), .pace(.slow), .energy(-0.1), .drums(.always)]), ("chillhop", [.style("lofi"), .pace(.slow), .energy(-0.1), .drums(.always)]),
        ("hip-hop", [.style("lofi"), .drums(.always)]), ("hip hop", [.style("lofi"), .drums(.always)]), ("boom-bap", [.style("lofi"), .drums(.always)]),
        // As producers write it, spaced or run together (a producer's "boom bap" was not understood).
        ("boom bap", [.style("lofi"), .drums(.always)]), ("boombap", [.style("lofi"), .drums(.always)]),
        ("country", [.style("folk")]), ("americana", [.style("folk")]), ("acoustic", [.style("folk")]), ("singer-songwriter", [.style("folk")]),
        ("indie", [.style("pop")]), ("indie-pop", [.style("pop")]), ("punk", [.style("rock"), .pace(.fast), .energy(0.15)]),
        ("grunge", [.style("rock"), .minor(true), .instrument(.chords, program: 30, name: "distortion guitar")]),
        ("metal", [.style("rock"), .energy(0.2), .minor(true), .instrument(.chords, program: 30, name: "distortion guitar")]), ("alt-rock", [.style("rock")]),
        ("slow jam", [.style("soul"), .pace(.slow), .mood(.romantic)]), ("r&b", [.style("soul")]), ("rnb", [.style("soul")]), ("gospel", [.style("soul")]), ("neo-soul", [.style("soul")]),
        // Funk is its own groove (straight sixteenths, the one), not soul's laid-back neo-soul
        // one: a newcomer's "upbeat funk tune" had played neo-soul drums. On a clavinet.
        ("funk", [.style("soul"), .groove(.funk), .energy(0.1), .instrument(.chords, program: 7, name: "clavinet")]),
        ("funky", [.style("soul"), .groove(.funk), .energy(0.1), .instrument(.chords, program: 7, name: "clavinet")]),
        ("motown", [.style("soul")]),
        ("swing", [.style("jazz")]),
        // The shuffle is a groove of its own (a triplet lope on every beat): a blues one
        // unless another style is named with it ("a rock shuffle").
        ("shuffle", [.style("blues", yields: true), .groove(.shuffle)]),
        ("bossa", [.style("jazz"), .groove(.bossaNova), .instrument(.chords, program: 24, name: "nylon guitar")]),
        ("bossa nova", [.style("jazz"), .groove(.bossaNova), .instrument(.chords, program: 24, name: "nylon guitar")]),
        ("reggae", [.style("pop"), .groove(.oneDrop)]), ("afrobeat", [.style("soul"), .groove(.afrobeat)]),
        ("disco", [.style("pop"), .groove(.disco), .pace(.fast)]),
        // Trap on the 808 kit and its bass, with the edm band's minor loops and synths (the
        // lo-fi band had played it on an electric piano with two jazzy sevenths a bar).
        ("trap", [.style("edm"), .groove(.trap), .minor(true), .drums(.always), .instrument(.bass, program: 38, name: "808"),
                  .instrument(.drums, program: 25, name: "tr-808")]),
        ("rolling hats", [.groove(.trap)]), ("hi-hat rolls", [.groove(.trap)]), ("hat rolls", [.groove(.trap)]),
        ("ambient", [.style("cinematic"), .energy(-0.15), .drums(.fromChorus)]), ("new age", [.style("cinematic"), .energy(-0.1)]),
        ("waltz", [.style("folk", yields: true), .meter(.threeFour)]), ("trip-hop", [.style("lofi"), .pace(.slow), .minor(true)]),
        ("trip hop", [.style("lofi"), .pace(.slow), .minor(true)]), ("bluegrass", [.style("folk"), .pace(.fast)]),
        ("celtic", [.style("folk")]), ("jig", [.style("folk", yields: true), .meter(.sixEight)]),
        // A worship band: an acoustic guitar's chords, the drums in from the first chorus,
        // the keys of its open strings (a band leader's "hopeful worship ballad" had been
        // drawn in B and F♯, the word not read).
        ("worship", [.style("pop", yields: true), .instrument(.chords, program: 25, name: "acoustic guitar"), .drums(.fromChorus)]),
        ("praise", [.mood(.triumphant)]),
    ]

    static let instruments: [(phrase: String, meanings: [PromptMeaning])] = [
        ("piano", [.instrument(.chords, program: 0, name: "piano")]), ("grand piano", [.instrument(.chords, program: 0, name: "piano")]),
        ("keys", [.instrument(.chords, program: 4, name: "electric piano")]), ("rhodes", [.instrument(.chords, program: 4, name: "electric piano")]),
        ("electric piano", [.instrument(.chords, program: 4, name: "electric piano")]), ("organ", [.instrument(.chords, program: 16, name: "organ")]),
        ("guitar", [.instrument(.chords, program: 25, name: "acoustic guitar")]), ("acoustic guitar", [.instrument(.chords, program: 25, name: "acoustic guitar")]),
        ("nylon guitar", [.instrument(.chords, program: 24, name: "nylon guitar")]), ("electric guitar", [.instrument(.chords, program: 27, name: "electric guitar")]),
        ("distorted guitar", [.instrument(.chords, program: 30, name: "distortion guitar")]), ("harp", [.instrument(.chords, program: 46, name: "harp")]),
        ("strings", [.instrument(.pad, program: 48, name: "strings")]), ("string", [.instrument(.pad, program: 48, name: "strings")]),
        ("choir", [.instrument(.pad, program: 52, name: "choir")]), ("pad", [.instrument(.pad, program: 89, name: "warm pad")]),
        ("pads", [.instrument(.pad, program: 89, name: "warm pad")]), ("synth", [.instrument(.pad, program: 90, name: "polysynth")]),
        ("synths", [.instrument(.pad, program: 90, name: "polysynth")]), ("brass", [.instrument(.pad, program: 61, name: "brass")]),
        ("horns", [.instrument(.pad, program: 61, name: "brass")]), ("violin", [.instrument(.melody, program: 40, name: "violin")]),
        ("cello", [.instrument(.melody, program: 42, name: "cello")]), ("flute", [.instrument(.melody, program: 73, name: "flute")]),
        ("sax", [.instrument(.melody, program: 65, name: "sax")]), ("saxophone", [.instrument(.melody, program: 65, name: "sax")]),
        ("trumpet", [.instrument(.melody, program: 56, name: "trumpet")]), ("clarinet", [.instrument(.melody, program: 71, name: "clarinet")]),
        ("whistle", [.instrument(.melody, program: 78, name: "whistle")]), ("vibes", [.instrument(.melody, program: 11, name: "vibraphone")]),
        ("bells", [.instrument(.melody, program: 14, name: "tubular bells")]), ("music box", [.instrument(.melody, program: 10, name: "music box")]),
        ("lead synth", [.instrument(.melody, program: 81, name: "synth lead")]), ("synth lead", [.instrument(.melody, program: 81, name: "synth lead")]),
        ("upright bass", [.instrument(.bass, program: 32, name: "upright bass")]), ("double bass", [.instrument(.bass, program: 32, name: "upright bass")]),
        ("synth bass", [.instrument(.bass, program: 38, name: "synth bass")]), ("808", [.instrument(.bass, program: 38, name: "synth bass")]),
        ("fretless", [.instrument(.bass, program: 35, name: "fretless bass")]), ("slap bass", [.instrument(.bass, program: 36, name: "slap bass")]),
        ("fiddle", [.instrument(.melody, program: 110, name: "fiddle")]), ("banjo", [.instrument(.chords, program: 105, name: "banjo")]),
        ("marimba", [.instrument(.melody, program: 12, name: "marimba")]), ("accordion", [.instrument(.melody, program: 21, name: "accordion")]),
        ("harmonica", [.instrument(.melody, program: 22, name: "harmonica")]), ("oboe", [.instrument(.melody, program: 68, name: "oboe")]),
        // Drums played with brushes: the General MIDI brush kit (`DrumKit.kits`).
        ("brushes", [.instrument(.drums, program: 40, name: "brushes")]), ("brush", [.instrument(.drums, program: 40, name: "brushes")]),
        ("brushed", [.instrument(.drums, program: 40, name: "brushes")]),
    ]

    static let pace: [(phrase: String, meanings: [PromptMeaning])] = [
        ("slow", [.pace(.slow)]), ("slower", [.pace(.slow)]), ("laid-back", [.pace(.slow), .mood(.calm)]), ("laid back", [.pace(.slow), .mood(.calm)]),
        ("downtempo", [.pace(.slow)]), ("lazy", [.pace(.slow)]), ("unhurried", [.pace(.slow)]), ("fast", [.pace(.fast)]),
        ("faster", [.pace(.fast)]), ("quick", [.pace(.fast)]), ("uptempo", [.pace(.fast)]), ("up-tempo", [.pace(.fast)]),
        ("frantic", [.pace(.fast), .energy(0.15)]), ("mid-tempo", [.pace(.medium)]), ("midtempo", [.pace(.medium)]), ("moderate", [.pace(.medium)]),
        ("walking pace", [.pace(.medium)]),
    ]

    static let texture: [(phrase: String, meanings: [PromptMeaning])] = [
        ("sparse", [.energy(-0.15)]), ("sparser", [.energy(-0.15)]), ("minimal", [.energy(-0.15)]), ("stripped-down", [.energy(-0.15)]), ("stripped back", [.energy(-0.15)]),
        ("bare", [.energy(-0.15)]), ("simple", [.energy(-0.1)]), ("dense", [.energy(0.15)]), ("lush", [.energy(0.1)]), ("full", [.energy(0.1)]),
        ("big", [.energy(0.15)]), ("huge", [.energy(0.2)]), ("heavy", [.energy(0.15)]), ("loud", [.energy(0.15)]), ("busy", [.energy(0.15)]),
        ("rich", [.energy(0.1)]), ("layered", [.energy(0.1)]), ("no drums", [.drums(.none)]), ("without drums", [.drums(.none)]),
        ("drumless", [.drums(.none)]), ("unplugged", [.drums(.none), .style("folk")]), ("a cappella", [.drums(.none)]),
        ("drums", [.drums(.always)]), ("beat", [.drums(.always)]),
        ("half-time", [.groove(.halfTime)]), ("halftime", [.groove(.halfTime)]), ("half time", [.groove(.halfTime)]), ("groove", [.drums(.auto)]), ("groovy", [.drums(.auto), .style("soul")]),
        ("minor", [.minor(true)]), ("minor key", [.minor(true)]), ("major", [.minor(false)]), ("major key", [.minor(false)]),
        // Arcs: "start calm, build tension, end triumphant".
        ("start", [.arcWord]), ("starting", [.arcWord]), ("begin", [.arcWord]), ("then", [.arcWord]), ("build", [.arcWord]),
        ("building", [.arcWord]), ("builds", [.arcWord]), ("end", [.arcWord]), ("ending", [.arcWord]), ("ends", [.arcWord]),
        ("finally", [.arcWord]), ("becoming", [.arcWord]), ("into", [.arcWord]), ("->", [.arcWord]),
        ("starts", [.arcWord]), ("begins", [.arcWord]), ("beginning", [.arcWord]), ("opens", [.arcWord]), ("finish", [.arcWord]),
        ("finishes", [.arcWord]), ("finishing", [.arcWord]), ("grows", [.arcWord]), ("growing", [.arcWord]), ("rises", [.arcWord]),
        ("rising", [.arcWord]), ("swells", [.arcWord]), ("turns", [.arcWord]), ("turning", [.arcWord]),
    ]

    /// The prompt word an unknown one is a likely typo of ("clam" → "calm"), or nil: a
    /// newcomer's "start clam, build tension, end triumphant" had been told only that
    /// "clam" was not understood. (`closest` would also offer a word the unknown one only
    /// begins: a typo is within a third of its letters.)
    public static func nearest(_ word: String) -> String? {
        guard word.count >= 4, let near = closest(to: word, in: singleWords), editDistance(word, near) <= max(1, word.count / 3) else { return nil }
        return near
    }

    /// The table's phrases of one word.
    static let singleWords = table.map(\.phrase).filter { !$0.contains(" ") }

    /// The names of a form's parts a prompt aims words at ("a big chorus", "quiet verses"):
    /// the names a section's role is read from (`SectionRole.names`), singular or plural,
    /// but for those that say something else in a prompt: "ending" is an arc's word, "hook"
    /// a tune's, "instrumental" a song without words, "middle" a place, "solo" a player's
    /// turn (no sketch's form has one).
    static func section(_ word: String) -> SectionRole? {
        let singular = word.hasSuffix("uses") ? String(word.dropLast(2)) : word.hasSuffix("s") ? String(word.dropLast()) : word
        for name in [word, singular] where SectionRole.names.contains(name) && !notSections.contains(name) {
            return SectionRole(name: name)
        }
        return word == "prechorus" ? .preChorus : nil
    }

    static let notSections: Set<String> = ["ending", "hook", "instrumental", "middle", "solo"]

    /// Words between a mood and the section it is aimed at that change nothing ("a really big chorus").
    /// "last" and "final" too ("a huge last chorus"): the words reach every chorus, and the
    /// render makes the last one the climax anyway.
    static let intensifiers: Set<String> = ["very", "really", "quite", "rather", "kinda", "so", "extra", "last", "final", "first"]

    /// Words that carry no meaning of their own here: not reported as not understood.
    static let filler: Set<String> = [
        "a", "an", "the", "and", "with", "of", "for", "in", "on", "at", "to", "some", "very", "really", "bit", "little",
        "song", "songs", "track", "tune", "piece", "cue", "cues", "music", "vibe", "vibes", "feel", "feeling", "style", "sound", "sounding",
        "like", "kind", "sort", "but", "yet", "more", "less", "lots", "by", "from", "its", "it", "is", "that", "this", "my",
        "bpm", "tempo", "mood", "about", "please", "something", "mostly", "quite", "rather", "kinda",
        // What a sketch writes anyway: a producer's "… jazzy chords, laid back" had been left a
        // title, "chords" not understood, and named its session file after the whole prompt.
        "chord", "chords", "progression", "progressions", "harmony", "harmonies", "melody", "melodies", "sketch", "idea",
    ]
}
