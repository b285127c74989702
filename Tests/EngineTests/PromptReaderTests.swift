import SongModel
import Testing
@testable import Engine

/// The prompt reader against a table of prompts and what each must be understood as:
/// mood (or arc), style, pace or tempo, energy, drums, instruments, and the words left over.
@Suite("Prompts in words")
struct PromptReaderTests {
    struct Row: Sendable, CustomStringConvertible {
        var prompt: String
        var moods: [Mood] = []
        var arc = false
        var style: String?
        var pace: PromptMeaning.Pace?
        var tempo: Int?
        var energy: Int = 0   // the sign of the energy shift
        var drums = DrumsPlan.auto
        var groove: DrumStyleName?
        var instruments: [PartKind: Int] = [:]
        var minor: Bool?
        var key: String?
        var meter: String?
        var unknown: [String] = []
        var description: String { prompt }
    }

    static let rows: [Row] = [
        Row(prompt: "gentle ambient piano", moods: [.calm], style: "cinematic", energy: -1, drums: .fromChorus, instruments: [.chords: 0]),
        Row(prompt: "happy", moods: [.hopeful]),
        Row(prompt: "bittersweet", moods: [.nostalgic]),
        Row(prompt: "start calm, build tension, end triumphant", moods: [.calm, .tense, .triumphant], arc: true),
        Row(prompt: "calm -> dark", moods: [.calm, .dark], arc: true),
        Row(prompt: "calm → energetic", moods: [.calm, .energetic], arc: true),
        Row(prompt: "sad slow ballad", moods: [.sad], style: "ballad", pace: .slow),
        Row(prompt: "fast punk", style: "rock", pace: .fast, energy: 1),
        Row(prompt: "lo-fi hip hop at 80 bpm", style: "lofi", pace: .slow, tempo: 80, energy: -1, drums: .always),
        Row(prompt: "late-night jazz", moods: [.dreamy], style: "jazz", pace: .slow),
        Row(prompt: "late night jazz", moods: [.dreamy], style: "jazz", pace: .slow),
        Row(prompt: "film score with strings", style: "cinematic", instruments: [.pad: 48]),
        Row(prompt: "anthemic stadium rock", moods: [.triumphant], style: "rock", energy: 1, unknown: ["stadium"]),
        Row(prompt: "driving synthwave", moods: [.energetic], style: "edm", energy: 1, instruments: [.pad: 90, .melody: 81, .bass: 38]),
        Row(prompt: "sparse acoustic folk", style: "folk", energy: -1),
        Row(prompt: "dense orchestral epic", moods: [.triumphant], style: "cinematic", energy: 1),
        Row(prompt: "dreamy", moods: [.dreamy]),
        Row(prompt: "melancholy piano, no drums", moods: [.melancholy], drums: .none, instruments: [.chords: 0]),
        Row(prompt: "upbeat pop", moods: [.hopeful], style: "pop", pace: .fast),
        Row(prompt: "dark minor key", moods: [.dark], minor: true),
        Row(prompt: "romantic bossa nova", moods: [.romantic], style: "jazz", groove: .bossaNova, instruments: [.chords: 24]),
        Row(prompt: "angry punk rock", moods: [.energetic], style: "rock", pace: .fast, energy: 1, minor: true),
        Row(prompt: "half-time and sparse", energy: -1, groove: .halfTime),
        Row(prompt: "dark trap", moods: [.dark], style: "edm", drums: .always, groove: .trap, instruments: [.bass: 38, .drums: 25], minor: true),
        Row(prompt: "reggae", style: "pop", groove: .oneDrop),
        Row(prompt: "a blues shuffle", style: "blues", groove: .shuffle),
        Row(prompt: "a rock shuffle", style: "rock", groove: .shuffle),
        Row(prompt: "slow shuffle", style: "blues", pace: .slow, groove: .shuffle),
        Row(prompt: "country", style: "folk"),
        Row(prompt: "gospel choir", style: "soul", instruments: [.pad: 52]),
        Row(prompt: "funky groove with slap bass", style: "soul", energy: 1, groove: .funk, instruments: [.bass: 36, .chords: 7]),
        Row(prompt: "mellow rhodes", moods: [.calm], instruments: [.chords: 4]),
        Row(prompt: "tense and urgent", moods: [.tense], pace: .fast),
        Row(prompt: "ominous cello", moods: [.dark], instruments: [.melody: 42], minor: true),
        Row(prompt: "playful whistle tune", moods: [.playful], instruments: [.melody: 78]),
        Row(prompt: "nostalgic retro synth", moods: [.nostalgic], instruments: [.pad: 90]),
        Row(prompt: "peaceful lullaby with music box", moods: [.calm], pace: .slow, instruments: [.melody: 10]),
        Row(prompt: "aggressive metal", moods: [.energetic], style: "rock", energy: 1, instruments: [.chords: 30], minor: true),
        Row(prompt: "120 bpm house", style: "edm", tempo: 120),
        Row(prompt: "95bpm soul", style: "soul", tempo: 95),
        Row(prompt: "mid-tempo blues", style: "blues", pace: .medium),
        Row(prompt: "heartbreak ballad in a minor key", moods: [.sad], style: "ballad", pace: .slow, minor: true),
        Row(prompt: "wistful folk with nylon guitar", moods: [.nostalgic], style: "folk", instruments: [.chords: 24]),
        Row(prompt: "epic trailer", moods: [.triumphant], style: "cinematic", energy: 1),
        Row(prompt: "intimate and quiet", moods: [.romantic, .calm], energy: -1),
        Row(prompt: "Rain on Glass", moods: [.melancholy], unknown: ["glass"]),
        Row(prompt: "Paper Boats", unknown: ["paper", "boats"]),
        Row(prompt: "Harbour Lights", unknown: ["harbour", "lights"]),
        Row(prompt: "lush dreamy pads", moods: [.dreamy], energy: 1, instruments: [.pad: 89]),
        Row(prompt: "minimal techno", style: "edm", pace: .fast, energy: -1),
        Row(prompt: "mysterious", moods: [.dreamy], minor: true),
        Row(prompt: "chill lofi", moods: [.calm], style: "lofi", pace: .slow, energy: -1, drums: .always),
        Row(prompt: "triumphant brass", moods: [.triumphant], instruments: [.pad: 61]),
        Row(prompt: "sad but hopeful piano ballad at 72 bpm in A minor", moods: [.sad, .hopeful], style: "ballad", pace: .slow, tempo: 72,
            instruments: [.chords: 0], minor: true, key: "Am"),
        Row(prompt: "slow sad song in E minor", moods: [.sad], pace: .slow, minor: true, key: "Em"),
        Row(prompt: "upbeat pop in Eb", moods: [.hopeful], style: "pop", pace: .fast, minor: false, key: "Eb"),
        Row(prompt: "waltz in the key of F#", style: "folk", minor: false, key: "F#", meter: "3/4"),
        Row(prompt: "dark jig in Bbm", moods: [.dark], style: "folk", minor: true, key: "Bbm", meter: "6/8"),
        Row(prompt: "a dusty country waltz, nostalgic", moods: [.nostalgic], style: "folk", meter: "3/4"),
        Row(prompt: "darker", moods: [.dark]),
        Row(prompt: "a jazz ballad with brushes", style: "jazz", pace: .slow, instruments: [.drums: 40]),
        Row(prompt: "brighter pop", moods: [.hopeful], style: "pop"),
        Row(prompt: "fiddle and banjo bluegrass", style: "folk", pace: .fast, instruments: [.melody: 110, .chords: 105]),
        Row(prompt: "trip-hop", moods: [.melancholy], style: "lofi", pace: .slow, minor: true),
        Row(prompt: "sad in a hurry", moods: [.sad], unknown: ["hurry"]),
        // "to" between two moods is an arc, as "->" is; elsewhere a filler word.
        Row(prompt: "sad to hopeful", moods: [.sad, .hopeful], arc: true),
        Row(prompt: "from calm to energetic", moods: [.calm, .energetic], arc: true),
        Row(prompt: "dark to very triumphant", moods: [.dark, .triumphant], arc: true),
        Row(prompt: "happy music to dance to", moods: [.hopeful, .energetic], style: "edm"),
        // An arc's stretch that says only how loud it is takes the mood that loudness is
        // (a newcomer's "starts quiet and ends huge" had been one calm song).
        Row(prompt: "starts quiet and ends huge", moods: [.calm, .energetic], arc: true, energy: 1),
        Row(prompt: "big and loud, then sparse, finishes sad", moods: [.energetic, .calm, .sad], arc: true, energy: 1),
        Row(prompt: "begins hopeful, grows huge", moods: [.hopeful, .energetic], arc: true, energy: 1),
        // A mood named before the arc's start is the song's own: it goes where a stretch of its
        // loudness says only how loud it is (it had led the arc: triumphant->calm->energetic).
        Row(prompt: "triumphant anthem in 7/8, start calm and end huge", moods: [.calm, .triumphant], arc: true, energy: 1, meter: "7/8"),
        Row(prompt: "energetic rock, begins sparse and finishes big", moods: [.calm, .energetic], arc: true, style: "rock"),
        // Where the arc names its moods itself they lead, from its start: the song's own
        // mood does not come before it ("tense build in 5/4, start calm, …" had read
        // tense->calm->tense->triumphant, a loud intro before a calm verse). "calm start"
        // is the start's own mood.
        Row(prompt: "triumphant, start calm, end hopeful", moods: [.calm, .hopeful], arc: true),
        Row(prompt: "tense build in 5/4, start calm, build tension, end triumphant", moods: [.calm, .tense, .triumphant], arc: true, meter: "5/4"),
        Row(prompt: "calm start, build tension, end triumphant", moods: [.calm, .tense, .triumphant], arc: true),
        // A style's loudness before the start is the song's, not the arc's first stretch
        // (it had read energetic->calm->triumphant).
        Row(prompt: "funk, start calm, end triumphant", moods: [.calm, .triumphant], arc: true, style: "soul", energy: 1, groove: .funk, instruments: [.chords: 7]),
        Row(prompt: "sad, then hopeful", moods: [.sad, .hopeful], arc: true),
        Row(prompt: "huge drums", energy: 1, drums: .always),
        Row(prompt: "huge drums that build", arc: true, energy: 1, drums: .always),
        Row(prompt: "upbeat summer pop song", moods: [.hopeful], style: "pop", pace: .fast, minor: false),
        // A newcomer's phrasings: a plural, a noun of a mood, a minor genre with no mood.
        Row(prompt: "90s grunge with heavy guitars", moods: [.energetic], style: "rock", energy: 1, instruments: [.chords: 30], minor: true, unknown: ["90s"]),
        Row(prompt: "from heartbreak to hope", moods: [.sad, .hopeful], arc: true),
        Row(prompt: "moody synthwave at night", moods: [.melancholy, .dreamy], style: "edm", instruments: [.pad: 90, .melody: 81, .bass: 38]),
        Row(prompt: "lofi hip hop beat to study to", style: "lofi", pace: .slow, energy: -1, drums: .always, unknown: ["study"]),
        // Trap on the 808 kit and bass with the edm band's minor loops; an R&B slow jam.
        Row(prompt: "dark trap in F minor at 140", moods: [.dark], style: "edm", tempo: 140, drums: .always, groove: .trap,
            instruments: [.bass: 38, .drums: 25], minor: true, key: "Fm"),
        Row(prompt: "an R&B slow jam", moods: [.romantic], style: "soul", pace: .slow),
        // What a song is about says its mood.
        Row(prompt: "a slow country waltz about leaving home", moods: [.nostalgic], style: "folk", pace: .slow, meter: "3/4"),
        // A band leader's worship song: prayer is calm, joy at the end is big (it had been
        // read as playful), worship is an acoustic guitar band whose drums come in at the chorus.
        Row(prompt: "start quiet and prayerful, build, end joyful", moods: [.calm, .triumphant], arc: true, energy: -1),
        // A producer's neo-soul: "jazzy" colours the style named with it, "chords" is what a
        // sketch writes anyway (it had been a jazz band, and the prompt only a title).
        Row(prompt: "late night neo-soul, hazy, nostalgic, jazzy chords, laid back", moods: [.dreamy, .nostalgic, .calm], style: "soul", pace: .slow),
        Row(prompt: "hopeful worship ballad", moods: [.hopeful], style: "pop", pace: .slow, drums: .fromChorus, instruments: [.chords: 25]),
    ]

    @Test("each prompt is understood as the table says", arguments: rows)
    func understood(row: Row) {
        let reading = PromptReader.read(row.prompt)
        #expect(reading.moods == row.moods)
        #expect(reading.isArc == row.arc)
        #expect(reading.style == row.style)
        #expect(reading.pace == row.pace)
        #expect(reading.tempo == row.tempo)
        #expect(reading.energy.sign == (row.energy < 0 ? .minus : .plus) && (reading.energy == 0) == (row.energy == 0))
        #expect(reading.drums == row.drums)
        #expect(reading.groove == row.groove)
        #expect(reading.instruments.mapValues(\.program) == row.instruments)
        #expect(reading.minor == row.minor)
        #expect(reading.key.map { "\($0)" } == row.key)
        #expect(reading.meter.map { "\($0)" } == row.meter)
        #expect(reading.unknown == row.unknown)
    }

    /// A word not understood that is a likely typo of a prompt word names it; a word that
    /// is none is quoted alone.
    @Test func aTypoIsToldTheWordItMissed() {
        #expect(PromptReader.read("start clam, build tension, end triumphent").unknownSaid == "\"clam\" (calm?), \"triumphent\" (triumphant?)")
        #expect(PromptReader.read("sad with glockenspiels").unknownSaid == "\"glockenspiels\"")
        #expect(PromptReader.read("sad pianno ballad").unknownSaid == "\"pianno\" (piano?)")
    }

    @Test func theVocabularyHasAtLeast150WordsAndPhrases() {
        #expect(Set(PromptReader.phrases).count >= 150)
        // Every mood synonym `mood=` takes is a prompt word too, meaning the same mood.
        for (word, mood) in Mood.synonyms {
            let reading = PromptReader.read(word)
            #expect(reading.mood == mood, "\(word)")
        }
    }

    /// A meter written as a fraction is read as one ("a melancholy piano ballad in 3/4" had
    /// left "3" and "4" not understood); a fraction that is no meter is not.
    @Test func aMeterWrittenAsAFractionIsAMeter() {
        let ballad = PromptReader.read("melancholy piano ballad in 3/4")
        #expect(ballad.meter.map { "\($0)" } == "3/4" && ballad.unknown.isEmpty && ballad.mood == .melancholy)
        #expect(PromptReader.read("a 6/8 jig").meter.map { "\($0)" } == "6/8")
        #expect(PromptReader.read("something in 7/8 that moves").meter.map { "\($0)" } == "7/8")
        #expect(PromptReader.read("a 3/5 song").meter == nil)
        // Two written: the first is the sketch's, the second said not to be used, with how
        // to give a section its own; a written one wins over a word's ("a jig in 9/8").
        let chase = PromptReader.read("a tense chase in 7/8 that breaks into a triumphant 12/8 finale")
        #expect(chase.meter.map { "\($0)" } == "7/8")
        #expect(chase.understood.contains("12/8 (not used: a sketch keeps one meter, 7/8; after `accept`, `set SECTION meter=12/8 redraw=yes` writes a section's parts again in it)"),
                "\(chase.understood)")
        #expect(PromptReader.read("a jig in 9/8").meter.map { "\($0)" } == "9/8")
        #expect(PromptReader.read("in 9/8, a jig").meter.map { "\($0)" } == "9/8")
        #expect(PromptReader.read("a waltz, no, a jig").meter.map { "\($0)" } == "6/8")
    }

    /// "jazzy" and "bluesy" with another style colour it, whichever comes first, and say
    /// so; alone, they name their style.
    @Test func jazzyAndBluesyColourAnotherStyle() {
        for words in ["jazzy neo-soul", "neo-soul jazzy"] {
            let reading = PromptReader.read(words)
            #expect(reading.style == "soul" && reading.colour?.style == "jazz" && reading.colouredStyle == "jazzy-soul", "\(words)")
            #expect(reading.understood.contains("jazzy: jazz colour (sevenths and ninths)"), "\(words): \(reading.understood)")
            #expect(!reading.understood.contains("jazzy: jazz"), "\(words)")
        }
        let bluesyRock = PromptReader.read("bluesy rock")
        #expect(bluesyRock.style == "rock" && bluesyRock.colouredStyle == "bluesy-rock")
        let jazzy = PromptReader.read("jazzy")
        #expect(jazzy.style == "jazz" && jazzy.colour == nil && jazzy.colouredStyle == "jazz" && jazzy.understood == ["jazzy: jazz"])
        // Jazzy jazz is jazz.
        #expect(PromptReader.read("jazzy jazz").colour == nil)
    }

    /// A dance named with a style is the style in the dance's meter, whichever comes first;
    /// two genres are the later one, and the reading says whose place it took.
    @Test func aDanceNamedWithAStyleGivesItsMeterOnly() {
        let bossaWaltz = PromptReader.read("bossa nova waltz")
        #expect(bossaWaltz.style == "jazz" && bossaWaltz.meter.map { "\($0)" } == "3/4" && bossaWaltz.groove == .bossaNova)
        #expect(bossaWaltz.understood.contains("waltz: 3/4"))
        let waltzBossa = PromptReader.read("waltz bossa nova")
        #expect(waltzBossa.style == "jazz" && waltzBossa.meter.map { "\($0)" } == "3/4")
        #expect(waltzBossa.understood.contains("bossa nova: jazz, the bossa-nova groove, nylon guitar chords"))
        #expect(PromptReader.read("rock jig").style == "rock")
        #expect(PromptReader.read("waltz").style == "folk")
        let funkRock = PromptReader.read("funk rock")
        #expect(funkRock.style == "rock" && funkRock.groove == .funk)
        #expect(funkRock.understood.contains("rock: rock (in place of soul)"))
        // A ballad named with a style is that style at a ballad's pace, either way round.
        for words in ["jazz ballad", "ballad jazz"] {
            let reading = PromptReader.read(words)
            #expect(reading.style == "jazz" && reading.pace == .slow, "\(words)")
        }
        #expect(PromptReader.read("jazz ballad").understood == ["jazz", "ballad: slow"])
        #expect(PromptReader.read("ballad").style == "ballad")
    }

    /// The word that gave an arc's stretch its mood says so where the reading is shown.
    @Test func aStretchThatSaysOnlyHowLoudSaysWhatItBecame() {
        let reading = PromptReader.read("starts quiet and ends huge")
        #expect(reading.understood == ["quiet: calm, softer", "huge: more energy, energetic (the arc)"])
        #expect(reading.arc == [.calm, .energetic] && reading.unknown.isEmpty)
    }

    /// Mood and loudness words before a section's name are that section's: "a big chorus"
    /// had left "chorus" not understood and made the whole song louder; "a triumphant
    /// chorus" had made a triumphant song. A verse's mood is the song's when no other is
    /// named; in an arc the words still shape its stretch.
    @Test func wordsAimedAtASectionAreThatSections() {
        let big = PromptReader.read("an energetic song with a big chorus")
        #expect(big.sectionAims == [.chorus: SectionAim(energy: 0.3)] && big.energy == 0 && big.moods == [.energetic])
        #expect(big.understood == ["energetic", "big chorus: more energy in the chorus"] && big.unknown.isEmpty)
        let contrast = PromptReader.read("quiet verses and a really huge chorus")
        #expect(contrast.sectionAims == [.verse: SectionAim(mood: .calm, energy: -0.3), .chorus: SectionAim(energy: 0.4)])
        // "Quiet" says how loud the verse is, not the song's mood.
        #expect(contrast.moods.isEmpty && contrast.energy == 0 && contrast.unknown.isEmpty)
        let moods = PromptReader.read("a sad verse and a triumphant chorus")
        #expect(moods.sectionAims == [.verse: SectionAim(mood: .sad), .chorus: SectionAim(mood: .triumphant)] && moods.moods == [.sad])
        let chorusOnly = PromptReader.read("a triumphant chorus")
        #expect(chorusOnly.moods.isEmpty && chorusOnly.sectionAims == [.chorus: SectionAim(mood: .triumphant)])
        let arc = PromptReader.read("start quiet, build to a big chorus, end hopeful")
        #expect(arc.arc == [.calm, .energetic, .hopeful] && arc.sectionAims == [.chorus: SectionAim(energy: 0.3)])
        #expect(arc.understood.contains("big chorus: more energy in the chorus, energetic (the arc)") && arc.unknown.isEmpty)
        // Words that say more than a mood or a loudness do not aim; a section named alone is passed over.
        #expect(PromptReader.read("a jazz chorus").sectionAims.isEmpty)
        #expect(PromptReader.read("huge drums in the chorus").sectionAims.isEmpty)
        // "a huge last chorus": the words reach the choruses.
        #expect(PromptReader.read("a soft intro and a huge last chorus").sectionAims == [.intro: SectionAim(mood: .calm, energy: -0.2), .chorus: SectionAim(energy: 0.4)])
        // Plurals of every section's name aim; "solo" and "hook" do not.
        #expect(PromptReader.read("soft bridges and huge choruses").sectionAims
                == [.bridge: SectionAim(mood: .calm, energy: -0.2), .chorus: SectionAim(energy: 0.4)])
        #expect(PromptReader.read("a big solo").sectionAims.isEmpty && PromptReader.read("a big hook").sectionAims.isEmpty)
        let named = PromptReader.read("verse and chorus")
        #expect(named.unknown.isEmpty && named.understood.isEmpty)
    }

    @Test func theSameWordsGiveTheSameReading() {
        #expect(PromptReader.read("gentle ambient piano") == PromptReader.read("Gentle, ambient piano!"))
    }
}
