import MusicTheory
import SongModel

/// What a request uses when the writer does not say: one place, read by the prompt's
/// commands and by the sketcher alike, so that asking for a section's chords by hand and
/// sketching it give the same kind of answer.
public enum RequestDefaults {
    /// Sections quieter than this get no drums in a sketch, and below `bassEnergy` no bass.
    public static let drumsEnergy = 0.35
    public static let bassEnergy = 0.25
    /// Tension above this leaves a section open (a half cadence) …
    public static let openTension = 0.6
    /// … and above this doubles the harmonic rhythm.
    public static let quickTension = 0.7

    /// The harmony style a mood suggests (pop with no mood).
    public static func harmonyStyle(for mood: Mood?) -> HarmonyStyle {
        HarmonyStyle.named(MoodProfile.of(mood).styles.first ?? "pop") ?? HarmonyStyle.pop
    }

    /// How a section ends harmonically: open under tension, otherwise as its name
    /// suggests (a chorus closes, a verse may stay open).
    public static func cadence(for section: Section) -> Cadence {
        (section.tension ?? 0) > openTension ? .open : Cadence.expected(for: section.name)
    }

    /// Chords per bar: doubled under high tension, otherwise the mood's; a chord every two
    /// bars only where the bars pair up.
    public static func harmonicRhythm(for section: Section, mood: Mood?) -> Double {
        let rate = (section.tension ?? 0) > quickTension ? 2 : MoodProfile.of(mood).harmonicRhythm
        return rate < 1 && section.bars % 2 == 1 ? 1 : rate
    }

    /// Chords per bar for an energy the writer asks for (`energy=`): a chord every two bars
    /// when quiet (below 0.3), two a bar when driving (above 0.75), else as the section
    /// and mood have it — the harmonic rhythm is how fast a song feels it moves.
    public static func harmonicRhythm(energy: Double, section: Section, mood: Mood?) -> Double {
        if energy < quietEnergy { return 0.5 }
        if energy > drivingEnergy { return 2 }
        return harmonicRhythm(for: section, mood: mood)
    }

    /// An energy asked for below this is quiet: slow chords, a bass that holds roots.
    public static let quietEnergy = 0.3
    /// Above this it drives: two chords a bar, a bass in eighth-note octaves.
    public static let drivingEnergy = 0.75

    /// The whole harmony request for a section, with what the writer gave. Without a
    /// style, the one the section's chords were written in (a generator records it), then
    /// the mood's: a lo-fi sketch's verse asked again had answered in the calm mood's
    /// ballad style.
    public static func harmony(for section: Section, mood: Mood?, style: HarmonyStyle? = nil, cadence: Cadence? = nil,
                               rate: Double? = nil, energy: Double? = nil, count: Int, seed: UInt64) -> HarmonyRequest {
        var rate = rate ?? energy.map { harmonicRhythm(energy: $0, section: section, mood: mood) } ?? harmonicRhythm(for: section, mood: mood)
        if rate < 1 && section.bars % 2 == 1 { rate = 1 }
        let recorded = askedStyle(of: section).flatMap(HarmonyStyle.named)
        return HarmonyRequest(mood: mood, style: style ?? recorded ?? harmonyStyle(for: mood), count: count, seed: seed,
                              cadence: cadence ?? self.cadence(for: section), rate: rate)
    }

    /// The groove style: the one a harmony style implies (a sketch knows it), else the
    /// mood's first.
    /// The groove for a meter other than 4/4: a waltz in 3/4, the 6/8 lilt in compound
    /// meters, else the style's own groove (every style plays every meter's beats).
    public static func grooveStyle(meter: Meter, mood: Mood?, harmonyStyle: String? = nil, energy: Double) -> DrumStyle {
        // A swung style fits itself to the meter (`fitting`: the jazz waltz in 3/4, even
        // eighths in 3/8, 5/8, 7/8); the others play the waltz in three and the six-eight
        // feel in compound meters.
        grooveStyle(mood: mood, harmonyStyle: harmonyStyle, energy: energy).fitting(meter)
    }

    /// A section's groove style: the one its drums were written in, else the one the style
    /// its chords were asked in plays (as `melodyStyle` reads it), else the mood's. (A lo-fi
    /// sketch's boom-bap verse asked again had offered the calm mood's ballad grooves.)
    public static func grooveStyle(for section: Section, mood: Mood?, energy: Double) -> DrumStyle {
        if let own = section.drums?.style { return DrumStyle.style(own) }
        return grooveStyle(mood: mood, harmonyStyle: askedStyle(of: section).flatMap { HarmonyStyle.named($0) }?.name, energy: energy)
    }

    /// The style a section's chords were asked in, as their generator recorded it.
    static func askedStyle(of section: Section) -> String? { section.chords?.provenance.origin.parameters?["style"] }

    public static func grooveStyle(mood: Mood?, harmonyStyle: String? = nil, energy: Double) -> DrumStyle {
        guard let harmonyStyle else { return DrumStyle.style(MoodProfile.of(mood).grooves.first ?? .pop) }
        let name: DrumStyleName = switch harmonyStyle {
        case "rock": .rock
        case "ballad": energy > 0.6 ? .pop : .ballad
        case "folk": .folk
        case "soul": .neoSoul
        case "jazz": .jazz
        case "blues": .shuffle
        case "edm": .house
        case "cinematic": energy > 0.6 ? .rock : .ballad
        case "lofi": .boomBap
        default: .pop
        }
        return DrumStyle.style(name)
    }

    /// Moods and harmony styles whose sketches get a pad.
    public static let padMoods: Set<Mood> = [.calm, .dreamy]
    public static let padStyles: Set<String> = ["cinematic"]

    public static func padded(mood: Mood, harmonyStyle: String) -> Bool {
        padMoods.contains(mood) || padStyles.contains(harmonyStyle)
    }

    /// The bass line's style when the writer names none: the one the section's drums
    /// imply, or — with a mood asked for, or no drums — the one the mood's groove implies.
    /// An energy asked for moves a line that neither walks nor plays funk: quiet holds
    /// roots under the changes, driving plays eighth-note octaves.
    public static func bassStyle(drums: DrumStyleName?, mood: Mood?, energy: Double?) -> BassStyle {
        let implied = BassStyle.implied(by: drums ?? mood.map { grooveStyle(mood: $0, energy: energy ?? MoodProfile.of($0).density).id })
        guard let energy, implied != .walking, implied != .funk else { return implied }
        if energy < quietEnergy { return .root }
        if energy > drivingEnergy { return .octaves }
        return implied
    }

    /// The pad's style when the writer names none but gives a mood or an energy: a swell
    /// for quiet and tender moods (or energy below 0.3), a shimmer for bright and driving
    /// ones (or energy above 0.6, as a sketch's high points have), else held chords.
    public static func padStyle(mood: Mood?, energy: Double?) -> PadStyle? {
        if let energy { return energy > 0.6 ? .shimmer : energy < quietEnergy ? .swell : .plain }
        guard let mood else { return nil }
        switch mood {
        case .calm, .dreamy, .romantic, .sad, .melancholy: return .swell
        case .triumphant, .energetic, .hopeful: return .shimmer
        default: return .plain
        }
    }

    /// A section's energy: its point on the arc, else the mood's density.
    public static func energy(of section: Section, mood: Mood?) -> Double {
        section.energy ?? MoodProfile.of(mood).density
    }

    /// The melody's range: from the mood's register, a chorus a fourth higher and a bridge
    /// a tone higher than the verse, a tenth and more wide.
    public static func melodyRange(for section: String, mood: Mood?) -> ClosedRange<Int> {
        melodyRange(for: section, register: MoodProfile.of(mood).register)
    }

    /// The register one voice sings a song of these moods in: their registers' mean.
    public static func songRegister(_ moods: [Mood?]) -> Int {
        let registers = moods.map { MoodProfile.of($0).register }
        return registers.isEmpty ? 0 : Int((Double(registers.reduce(0, +)) / Double(registers.count)).rounded())
    }

    /// The range for a section's melody at a register (semitones from the usual): the
    /// section's role lifts it (a chorus a fourth, a bridge a tone).
    public static func melodyRange(for section: String, register: Int) -> ClosedRange<Int> {
        let lift = switch SectionRole(name: section) {
        case .chorus: 5
        case .bridge: 2
        default: 0
        }
        let low = 57 + register + lift
        return low...(low + 15)
    }

    /// The range for a section's melody in a song whose other sections already sing: the
    /// same voice, pitched as the section's role asks against them — a chorus centred a
    /// whole tone over its verses (and the generator offers melodies whose middle note sits
    /// in the middle third of their range, `MelodyGenerator.sitsInRange`), a
    /// verse as far under its choruses, a bridge between,
    /// anything else at the others' centre — fifteen semitones wide, as the default is.
    /// Nil when no other section sings, or the usual range is already that. Why: the default takes no account of a melody
    /// written by hand, and a newcomer's chorus (E4–B4) came out under their verse (G4–F5).
    public static func melodyRange(for section: String, among others: [(section: String, notes: [Note])],
                                   usual: ClosedRange<Int>) -> ClosedRange<Int>? {
        func centre(_ notes: [Note]) -> Int? {
            let pitches = notes.map(\.pitch.midi).sorted()
            return pitches.isEmpty ? nil : pitches[pitches.count / 2]
        }
        let sung = others.filter { !$0.notes.isEmpty }
        guard let all = centre(sung.flatMap(\.notes)) else { return nil }
        let verses = centre(sung.filter { SectionRole(name: $0.section) == .verse }.flatMap(\.notes))
        let choruses = centre(sung.filter { SectionRole(name: $0.section) == .chorus }.flatMap(\.notes))
        // Never lower for a chorus, nor higher for a verse, than the section's usual range.
        let usualMiddle = (usual.lowerBound + usual.upperBound + 1) / 2
        let middle: Int = switch SectionRole(name: section) {
        case .chorus: max(usualMiddle, verses.map { $0 + 2 } ?? choruses ?? all + 2)
        case .verse: min(usualMiddle, choruses.map { $0 - 2 } ?? verses ?? all - 2)
        case .bridge, .preChorus: verses.flatMap { v in choruses.map { (v + $0) / 2 } } ?? all + 1
        default: all
        }
        guard middle != usualMiddle else { return nil }
        return (middle - 7)...(middle + 8)
    }

    /// How busy the melody is: melodies move more than the drums' density says, so even a
    /// sad line sings.
    public static func melodyDensity(energy: Double) -> Double { 0.3 + 0.6 * energy }

    /// How a section's melody leans off the beat: as its melody was written (the style a
    /// generator recorded: asking again keeps a sketch's), else as its drums play, else as
    /// its chords were asked for, else as the mood's harmony style.
    public static func melodyStyle(for section: Section, mood: Mood?) -> MelodyStyle {
        if let own = section.melody?.provenance.origin.parameters?["style"].flatMap(MelodyStyle.named) { return own }
        if let drums = section.drums?.style { return MelodyStyle.implied(by: drums) }
        let recorded = askedStyle(of: section)
        return MelodyStyle.implied(byHarmony: recorded ?? harmonyStyle(for: mood).name)
    }
}
