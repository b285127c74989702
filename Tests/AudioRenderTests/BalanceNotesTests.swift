@testable import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel
import Testing

/// What the render says it did to the balance names only parts the song has.
@Suite struct BalanceNotesTests {
    /// A song with no pad: the melody is lifted over the chords, the bass and the drums, and
    /// the note says so (it said "the chords and pad" for every song).
    @Test func theMelodyIsLiftedOverThePartsThatPlay() throws {
        let plain = try Performance(song: try fourPartSong())
        #expect(Balance.accompanimentName(plain) == "the chords, bass and drums")
        let notes = Renderer.balanceNotes(melody: [("verse", 4)], over: Balance.accompanimentName(plain), pad: 0, ridden: [])
        #expect(notes == ["the melody lifted 4.0 dB to sit over the chords, bass and drums"])

        let draft = try Sketcher.draft(SketchRequest(mood: .calm, arc: [], form: nil, style: nil, key: nil, tempo: nil, seed: 3, line: "test"))
        var song = Song(title: "Calm", key: draft.key, tempo: draft.tempo, mood: draft.mood)
        for section in draft.sections { try song.place(section, acceptedAt: Date(timeIntervalSince1970: 0)) }
        try song.arrange(draft.form)
        let padded = try Performance(song: song)
        #expect(padded.tracks.contains { $0.part == .pad && !$0.notes.isEmpty })
        #expect(Balance.accompanimentName(padded) == "the chords, pad, bass and drums")
    }

    /// Where the melody rests (an intro, an outro) a part brought nearer it has no melody
    /// to sit near: it keeps the lift of the section beside it, and the note says so (it
    /// said "to sit nearer the melody" of an outro with no melody; an outside check found it).
    @Test func aLiftWhereTheMelodyRestsIsSaidToBeTheNeighbours() {
        let melody: [(section: String, decibels: Double)] = [("verse", 2), ("chorus", 3)]
        let drums: [(section: String, decibels: Double)] = [("intro", 4), ("verse", 4), ("chorus", 6), ("outro", 6)]
        let notes = Renderer.balanceNotes(melody: melody, over: "the chords and bass", pad: 0, drums: drums, ridden: [])
        #expect(notes == ["the melody lifted to sit over the chords and bass (verse +2.0 dB, chorus +3.0 dB)",
                          "the drums brought up to sit nearer the melody, as each section's energy asks (verse +4.0 dB, chorus +6.0 dB); "
                              + "where the melody rests, as the section beside it (intro +4.0 dB, outro +6.0 dB)"])
        // At the prompt, one figure where the melody plays, and the hint last.
        let bass: [(section: String, decibels: Double)] = [("intro", 1.5), ("verse", 1.5), ("chorus", 1.5)]
        let prompt = Renderer.balanceNotes(melody: melody, over: "the chords and bass", pad: 0, bassLifts: bass, ridden: [], hints: true)
        #expect(prompt.last == "the bass brought up 1.5 dB to sit nearer the melody, as each section's energy asks; "
                    + "where the melody rests, as the section beside it (intro +1.5 dB) (`mix bass gain=…` sets it yourself)")
        // Where the balance kept them against the chords as they sat beside, it says that.
        let kept = Renderer.balanceNotes(melody: melody, over: "the chords and bass", pad: 0, drums: drums,
                                         chords: [("intro", 2), ("verse", 2), ("chorus", 5), ("outro", 5)], restingByChords: true, ridden: [])
        #expect(kept == ["the melody lifted to sit over the chords and bass (verse +2.0 dB, chorus +3.0 dB)",
                         "the drums brought up to sit nearer the melody, as each section's energy asks (verse +4.0 dB, chorus +6.0 dB); "
                             + "where the melody rests, as far under or over the chords as in the section beside it, 2.5 LU further back (intro +4.0 dB, outro +6.0 dB)",
                         "the chords brought up toward 8 LU under the melody (at most 12 dB, as far as keeps the melody over them) "
                             + "(verse +2.0 dB, chorus +5.0 dB); where the melody rests, as the section beside it (intro +2.0 dB, outro +5.0 dB)"])
        // With a pad, the pad moves with the chords and is named.
        let padded = Renderer.balanceNotes(melody: melody, over: "the chords, pad and bass", pad: 0, chords: [("verse", 2), ("chorus", 5)], ridden: [])
        #expect(padded.last?.hasPrefix("the chords and pad brought up toward 8 LU under the melody") == true, "\(padded)")
        // A song whose melody plays everywhere reads as before.
        let everywhere = Renderer.balanceNotes(melody: melody, over: "the chords and bass", pad: 0, drums: [("verse", 4), ("chorus", 6)], ridden: [])
        #expect(everywhere.last == "the drums brought up to sit nearer the melody, as each section's energy asks (verse +4.0 dB, chorus +6.0 dB)")
    }

    /// A part the balance leaves further under the melody than the energy asks, by 2 dB or
    /// more, is said so, with where (a newcomer measured a funk chorus's bass 15.8 LU under
    /// its flute melody while the note read "as each section's energy asks").
    @Test func aPartLeftShortOfItsEnergyIsSaid() {
        let melody: [(section: String, decibels: Double)] = [("verse", 12), ("chorus", 15)]
        let bass: [(section: String, decibels: Double)] = [("verse", 3), ("chorus", 6)]
        let short: [String: [(section: String, decibels: Double)]] = ["bass": [("verse", 1.2), ("chorus", 7.4)]]
        let notes = Renderer.balanceNotes(melody: melody, over: "the chords, bass and drums", pad: 0, bassLifts: bass, ridden: [], short: short)
        #expect(notes.last == "the bass brought up to sit nearer the melody, as each section's energy asks (verse +3.0 dB, chorus +6.0 dB); "
                    + "still 7.4 dB further under the melody than the energy asks before mastering (chorus): the balance stops where the melody "
                    + "would lose its place over the band, or at its limit")
        let none = Renderer.balanceNotes(melody: melody, over: "the chords, bass and drums", pad: 0, bassLifts: bass, ridden: [],
                                         short: ["bass": [("verse", 1.9)]])
        #expect(none.last?.contains("still") == false)
        // A calm verse's bass taken down to follow the song's energy is said, and its
        // shortfall is said to be why.
        let followed = Renderer.balanceNotes(melody: melody, over: "the chords, bass and drums", pad: 0, bassLifts: [("verse", -4.9), ("chorus", 6)],
                                             ridden: [], short: ["bass": [("verse", 6.2)]])
        let said: String = "the bass brought up to sit nearer the melody, as each section's energy asks (chorus +6.0 dB); still 6.2 dB "
            + "further under the melody than the energy asks before mastering (verse): the balance stops where the melody would lose its "
            + "place over the band, at its limit, or where a bigger section's bass sits further under its own; taken down where it would "
            + "sit nearer the melody than in a bigger section (verse -4.9 dB), so it follows the song's energy"
        #expect(followed.last == said)
        // Only taken down: a line of its own.
        let downOnly = Renderer.balanceNotes(melody: melody, over: "the chords, bass and drums", pad: 0, bassLifts: [("verse", -4.9), ("chorus", 0)], ridden: [])
        #expect(downOnly.last == "the bass taken down where it would sit nearer the melody than in a bigger section (verse -4.9 dB), so it follows the song's energy")
    }

    /// Sections brought down under the climax are said apart from those ridden up, with
    /// their figures as they are (a minus sign, not "+-5.7").
    @Test func sectionsBroughtDownUnderTheClimaxAreSaidSo() {
        let notes = Renderer.balanceNotes(melody: [], over: "the chords", pad: 0, ridden: [("intro", 29.1), ("chorus 2", -5.7)], climax: "chorus 3")
        #expect(notes == ["brought down under the climax, chorus 3 (2.5 LU under it before mastering), where the balance had left them near it or over it (chorus 2 -5.7 dB)",
                          "quieter sections ridden up (intro +29.1 dB), to within about 12 LU of the loudest",
                          "the climax, chorus 3, opened up: a tambourine on the hi-hat's and ride's notes"])
        // The climax's own cut is a line of its own, and no tambourine is claimed where none
        // was added.
        let cut = Renderer.balanceNotes(melody: [], over: "the chords", pad: 0, ridden: [], climax: "chorus 3", climaxDoubles: nil, climaxCut: -2.2)
        #expect(cut == ["the climax, chorus 3, brought down 2.2 dB to sit 2.5 LU over the loudest other section (before mastering): every way a section grows with its energy stacks up there"])
    }

    /// The edm arc's climax stood far over the rest: the render brings it down, says so in
    /// its own words, and counts no section "brought down under the climax" for it.
    @Test func aClimaxHeldUnderItsCeilingIsSaidSo() throws {
        var request = SketchRequest(mood: nil, arc: [.calm, .tense, .triumphant], form: nil, style: "edm", key: nil, tempo: nil, seed: 4, line: "test")
        request.meter = .fourFour
        let draft = try Sketcher.draft(request)
        var song = Song(title: "Neon", key: draft.key, tempo: draft.tempo, mood: draft.mood)
        for section in draft.sections { try song.place(section, acceptedAt: Date(timeIntervalSince1970: 0)) }
        try song.arrange(draft.form)
        var settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
        settings.tail = 1
        let folder = temporaryFolder() + "/out"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let result = try Renderer.render(song: song, to: folder, settings: settings, version: "cowrite test")
        let cut = try #require(result.climaxCut, "the climax came down")
        #expect(cut.section == "chorus 3" && cut.decibels < -0.05)
        #expect(!result.ridden.contains { $0.section == "chorus 3" })
        let provenance = try String(contentsOfFile: folder + "/provenance.md", encoding: .utf8)
        #expect(provenance.contains(String(format: "the climax, chorus 3, brought down %.1f dB to sit 2.5 LU over the loudest other section", -cut.decibels)))
    }

    /// A pad moved as far as the balance moves it has not reached its place, and the note
    /// does not say it has.
    @Test func aPadMovedAsFarAsItGoesIsSaidToComeNearer() {
        let moved = Renderer.balanceNotes(melody: [], over: "the chords and pad", pad: 5.2, ridden: [])
        #expect(moved == ["the pad brought up 5.2 dB to sit 8 dB under the chords"])
        let capped = Renderer.balanceNotes(melody: [], over: "the chords and pad", pad: Balance.padMaximumChange, ridden: [])
        #expect(capped == ["the pad brought up 16.0 dB (as far as the balance moves it) to come nearer 8 dB under the chords"])
    }

    /// How loud each playing came out, and, in a song whose sections carry no energy, a
    /// chorus that plays under what comes before it, with the part it lacks and the command
    /// that writes it: a newcomer's hand-written chorus without the verse's bass measured
    /// 3.1 LU under the verse, and the render said nothing.
    @Test func aChorusUnderItsVerseIsSaidInASongWithoutEnergies() throws {
        let data = try Data(contentsOf: projectRoot.appendingPathComponent("sessions/rain-on-glass.cowrite"))
        var song = try SessionCodec.decode(data, name: "rain-on-glass.cowrite").song
        let written = Provenance.written(by: "Test", at: Date(timeIntervalSince1970: 1_790_000_000))
        try song.accept(.notes([Note(start: 0, duration: 3600, pitch: try Pitch(parsing: "C2"), velocity: 90)]), as: .bass,
                        from: written.origin, into: "verse", at: written.acceptedAt)
        let form = ["verse", "chorus", "verse", "chorus"]
        // The example song's chorus has no melody; the verse is given a bass.
        let played: [(section: String, lufs: Double)] = [("verse", -12.94), ("chorus", -16.02), ("verse 2", -12.9), ("chorus 2", -16.2)]
        #expect(Renderer.playedNotes(played, song: song, form: form, shaped: false) == [
            "as played: verse -12.9 · chorus -16.0 · verse 2 -12.9 · chorus 2 -16.2 LUFS",
            "note: chorus plays 3.1 LU under verse before it, as written: this song's sections carry no energy, so the render builds nothing, "
                + "and chorus has no melody or bass where verse has them — `melody chorus` writes the melody; `arc` gives the sections energies the render plays (`help arc`)",
        ])
        // A song with energies builds its playings itself: the levels alone.
        #expect(Renderer.playedNotes(played, song: song, form: form, shaped: true) == [
            "as played: verse -12.9 · chorus -16.0 · verse 2 -12.9 · chorus 2 -16.2 LUFS",
        ])
        // A chorus with every part the verse has, under it by a decibel or more: said, without parts.
        for part in [PartKind.melody, .bass] {
            try song.accept(.notes([Note(start: 0, duration: 3600, pitch: try Pitch(parsing: "C4"), velocity: 90)]), as: part,
                            from: written.origin, into: "chorus", at: written.acceptedAt)
        }
        #expect(Renderer.playedNotes([("verse", -12), ("chorus", -13.2)], song: song, form: ["verse", "chorus"], shaped: false).last
                == "note: chorus plays 1.2 LU under verse before it, as written: this song's sections carry no energy, so the render builds nothing; "
                   + "`arc` gives the sections energies the render plays (`help arc`)")
        // Any other section more than 6 LU under the loudest playing, with what it lacks
        // (a newcomer's chords-only bridge had played 10.7 LU under the chorus, unremarked).
        let bridged: [(section: String, lufs: Double)] = [("verse", -13.0), ("chorus", -12.0), ("bridge", -22.7), ("chorus 2", -12.1)]
        let far = Renderer.playedNotes(bridged, song: song, form: ["verse", "chorus", "bridge", "chorus"], shaped: false)
        #expect(far.count == 2 && far.last == "note: bridge plays 10.7 LU under chorus, the loudest, as written; "
                + "a song whose sections carry energies has such a section ridden up: `arc` gives them energies (`help arc`)", "\(far)")
        #expect(Renderer.playedNotes([("verse", -17.9), ("chorus", -12)], song: song, form: ["verse", "chorus"], shaped: false).count == 1)
        #expect(Renderer.playedNotes(bridged, song: song, form: ["verse", "chorus", "bridge", "chorus"], shaped: true).count == 1)
        // Under by less than a decibel, over, or a form of one playing: nothing more.
        #expect(Renderer.playedNotes([("verse", -12), ("chorus", -12.5)], song: song, form: ["verse", "chorus"], shaped: false).count == 1)
        #expect(Renderer.playedNotes([("verse", -12), ("chorus", -10)], song: song, form: ["verse", "chorus"], shaped: false).count == 1)
        #expect(Renderer.playedNotes([("verse", -12)], song: song, form: ["verse"], shaped: false).isEmpty)
    }

    /// A melody the writer set under the other parts, or barely over them, is said to sit
    /// there; one that sits well over them is not.
    @Test func aHeldMelodyUnderTheBandIsSaid() {
        let held: [(part: String, decibels: Double)] = [("melody", -3)]
        #expect(Renderer.balanceNotes(melody: [], over: "the chords", pad: 0, ridden: [], held: held, heldMelody: (-4.1, 32, 32), hints: true) == [
            "held where you set it: the melody at -3.0 dB (`mix melody gain=auto` hands it back to the balance)",
            "the melody, at the level you set, sits 4.1 LU under the other parts at the bar median before mastering (under them in 32 of the 32 bars "
                + "where it plays), where the balance keeps it about 4 over — `mix melody gain=auto` lets the render lift it",
        ])
        #expect(Renderer.balanceNotes(melody: [], over: "the chords", pad: 0, ridden: [], held: held, heldMelody: (1.2, 5, 20)).last
                == "the melody, at the level you set, sits only 1.2 LU over the other parts at the bar median before mastering (under them in 5 of the "
                   + "20 bars where it plays), where the balance keeps it about 4 over")
        #expect(Renderer.balanceNotes(melody: [], over: "the chords", pad: 0, ridden: [], held: held, heldMelody: (3.5, 0, 20)).count == 1)
    }
}
