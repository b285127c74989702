import Engine
import Foundation
import MusicTheory
import SongModel
import Testing
@testable import REPL

/// The prompt's edits go through the model's one path: recorded, re-timed, stamped with
/// the time they happen, and asked with the same defaults wherever they are asked.
@Suite("Edits at the prompt")
struct EditPathCommandTests {
    func groovedVerse() throws -> Workspace {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Edits\" key=C tempo=96", "add verse 4", "add chorus 4", "chords verse = | C | Am | F | G |",
                     "groove verse style=shuffle seed=3 n=1", "accept 1", "bass verse seed=2 n=1", "accept 1"] {
            _ = try workspace.perform(line)
        }
        return workspace
    }

    /// A groove without a fill of its own promises the hand-over's only where the section
    /// hands over with a fill or a build: an intro going "straight into verse" had read
    /// "no fills (the hand-over plays one)", and none played.
    @Test func theHandOversFillIsPromisedOnlyWhenOneIsSet() throws {
        var workspace = try groovedVerse()
        _ = try workspace.perform("transition verse chorus none")
        let straight = try workspace.perform("groove verse style=funk energy=0.4 seed=7 n=1")
        #expect(straight.contains("no fills,") && !straight.contains("hand-over plays one"), "\(straight)")
        _ = try workspace.perform("transition verse chorus fill")
        #expect(try workspace.perform("groove verse style=funk energy=0.4 seed=7 n=1").contains("no fills (the hand-over plays one)"))
    }

    /// A loop shorter than the section, fitting it a whole number of times, fills it, and
    /// the prompt says so; one that does not fit is refused with the loops that would.
    @Test func aLoopOfChordsFillsTheSection() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("new \"Loop\"")
        _ = try workspace.perform("add verse 8")
        let written = try workspace.perform("chords verse = | Am | F | C | G |")
        #expect(written.contains("(the 4 bars given, played 2 times to fill verse's 8; `chords verse bar 5 = …` rewrites from bar 5)"), "\(written)")
        let chords = try #require(workspace.song?.section(named: "verse")?.chords?.changes.map { $0.chord?.description ?? "N.C." })
        #expect(chords == ["Am", "F", "C", "G", "Am", "F", "C", "G"])
        #expect(throws: (any Error).self) { try workspace.perform("chords verse = | Am | F | C |") }
        #expect(workspace.song?.section(named: "verse")?.chords?.changes.count == 8)
        // Chords typed with no bar lines share a bar, and the line shows how to give each its own.
        let shared = try workspace.perform("chords verse = Am F C G")
        #expect(shared.contains("\n(with no | marks the 4 chords share one bar; `chords verse = | Am | F | C | G |` gives each a bar of its own)\n"), "\(shared)")
    }

    /// A new melody that moves the words to other bars says which, as they now fall and as
    /// they were (a newcomer's rewritten bar 3 had put "it" on bar 4's downbeat unsaid).
    @Test func aMelodyThatMovesTheWordsSaysWhere() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        for line in ["new \"Words\" key=C", "add chorus 4", "chords chorus = | C | G | Am | F |",
                     "melody chorus = C5/4 D5/4 E5/2 | D5/4 C5/4 B4/2 | A4/4 B4/4 C5/4 A4/4 | G4/2 G4/2",
                     "lyrics chorus = \"hold the summer light / glass, dont let it go now\""] {
            _ = try workspace.perform(line)
        }
        let before = try #require(workspace.song?.section(named: "chorus"))
        let typed = try workspace.perform("melody chorus bar 3 = A4/4 B4/8 B4/8 C5/4 A4/4")
        #expect(typed.hasSuffix("\nnote: chorus's words moved with its notes: bar 3 “glass, dont let it go” (was “glass, dont let it”), bar 4 “now” (was “go now”) — `lyrics chorus` shows them on the notes"))
        let song = try #require(workspace.song)
        #expect(EngineCommands.movedWords(before, in: song)
                == "\nnote: chorus's words moved with its notes: bar 3 “glass, dont let it go” (was “glass, dont let it”), bar 4 “now” (was “go now”) — `lyrics chorus` shows them on the notes")
        // The same notes again move nothing.
        #expect(EngineCommands.movedWords(try #require(song.section(named: "chorus")), in: song) == "")
    }

    /// A section named a slip away from a role's name is added, and the slip said with its
    /// rename (a newcomer's `add chrous 4` had made a section of no role with no word).
    @Test func aSectionNamedLikeARoleWithASlipSaysSo() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("new \"Slips\"")
        #expect(try workspace.perform("add chrous 4") == "added chrous (4 bars); form: chrous\n(“chrous” is not a section name Cowrite knows the role of, and looks like chorus: `rename chrous chorus` if you meant it — a section's role, read from its name, sets its place in sketches, arcs and the render)")
        #expect(try workspace.perform("add vrese2 8").contains("looks like verse2: `rename vrese2 verse2`"))
        for name in ["tag", "hook", "verse", "chorus3", "a", "interlude"] {
            #expect(!(try workspace.perform("add \(name) 2")).contains("looks like"), "\(name)")
        }
    }

    /// A section in the form with no parts plays as silence, and the render says so (an
    /// outside check found 8 s of near-silence twice in a mix, with nothing said).
    @Test func aSectionWithNoPartsIsSaidToPlayAsSilence() throws {
        var workspace = try groovedVerse()
        _ = try workspace.perform("arrange verse chorus verse chorus")
        let song = try #require(workspace.song)
        #expect(RenderCommands.silentSections(song, rendering: nil)
                == ["note: chorus has no parts: its 4 bars play as silence 2 times (20.0 s in all) — write or ask for its parts (`chords chorus`), or take it out of the form with `arrange`"])
        #expect(RenderCommands.silentSections(song, rendering: "chorus")
                == ["note: chorus has no parts: its 4 bars play as silence (10.0 s) — write or ask for its parts (`chords chorus`), or take it out of the form with `arrange`"])
        #expect(RenderCommands.silentSections(song, rendering: "verse").isEmpty)
    }

    @Test func shiftingTheDrumsRetimesThemAndTheBass() throws {
        var workspace = try groovedVerse()
        let before = try #require(workspace.song?.section(named: "verse"))
        _ = try workspace.perform("shift verse drums 0.5")
        let after = try #require(workspace.song?.section(named: "verse"))
        let drums = try #require(after.drums), timing = try #require(drums.timing)
        #expect(drums.hits.map(\.offset) == GrooveTimingApplier.apply(timing, to: drums.hits, quarterTempo: 96).map(\.offset))
        #expect(after.bass?.notes.map(\.offset) != before.bass?.notes.map(\.offset))
        #expect(try workspace.perform("blame verse drums").contains("edited by Ana: shifted later by 0.5 beats"))
    }

    /// A bass typed by hand follows the drums' timing too, as written in `show`, and
    /// `quantize` puts it back on the grid with the drums (as the help says).
    @Test func aTypedBassFollowsTheDrumsAndQuantizesWithThem() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Typed\" key=C tempo=96", "add verse 4", "chords verse = | C | F | G | C |",
                     "bass verse = C2/4 C2/4 G1/4 G1/4 | F2/4 F2/4 C2/4 C2/4 | G1/4 G1/4 D2/4 D2/4 | C2/1",
                     "groove verse style=rock seed=1 n=1", "accept 1"] { _ = try workspace.perform(line) }
        let offsets = try #require(workspace.song?.section(named: "verse")?.bass?.notes.map(\.offset))
        #expect(offsets.contains { $0 != 0 }, "\(offsets)")
        #expect(try workspace.perform("show verse").contains("  1  C2/4 C2/4 G1/4 G1/4"))
        _ = try workspace.perform("quantize verse")
        #expect(workspace.song?.section(named: "verse")?.bass?.notes.allSatisfy { $0.offset == 0 } == true)
    }

    @Test func copyGrooveKeepsTheCreditAndRecordsTheCopy() throws {
        var workspace = try groovedVerse()
        _ = try workspace.perform("copy-groove verse chorus")
        let blame = try workspace.perform("blame chorus drums")
        #expect(blame.contains("written by groove \(GrooveGenerator.version), seed 3"))
        #expect(blame.contains("edited by Ana: copied from verse"))
    }

    @Test func sketchedPartsAreStampedWhenAccepted() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch \"Stamped\" mood=hopeful seed=4 --accept")
        let blame = try workspace.perform("blame verse chords")
        #expect(blame.contains("2026-09-21T"))   // the workspace's clock, 1,790,000,000 s
        #expect(!blame.contains("1970"))
    }

    /// Shortening a section says which bars of which parts it cut, and `undo` brings them
    /// back; lengthening says what its parts do in the new bars (the chords hold their last
    /// chord, the other parts rest); a section with no parts says nothing more.
    @Test func shorteningASectionSaysWhatItDropped() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Short\" key=C", "add verse 8", "chords verse = | C | G | Am | F | C | G | F | C |",
                     "melody verse = C5/1 D5/1 E5/1 F5/1 G5/1 A5/1 G5/1 C5/1"] { _ = try workspace.perform(line) }
        #expect(try workspace.perform("set verse bars=4") == "set section verse: bars=4; bars 5–8 of its chords and melody dropped (`undo` brings them back)")
        #expect(try workspace.perform("set verse bars=3") == "set section verse: bars=3; bar 4 of its chords and melody dropped (`undo` brings them back)")
        #expect(try workspace.perform("set verse bars=6") == "set section verse: bars=6; bars 4–6 are new: the chords hold Am over them, the melody rests there — `chords verse bar 4 = …` writes them")
        #expect(try workspace.perform("set verse bars=7") == "set section verse: bars=7; bar 7 is new: the chords hold Am over it, the melody rests there — `chords verse bar 7 = …` writes them")
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        #expect(workspace.song?.section(named: "verse")?.melody?.notes.count == 8)
        _ = try workspace.perform("add chorus 8")
        #expect(try workspace.perform("set chorus bars=4") == "set section chorus: bars=4")
    }

    /// A melody typed for one bar over a whole melody says which bars it emptied, and
    /// `melody SECTION bar N = …` rewrites the bars its notes fill and keeps the rest.
    @Test func writingAMelodyFromABarKeepsTheRestAndAShortOneSaysWhatItEmptied() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Bars\" key=C", "add verse 4", "chords verse = | C | F | G | C |",
                     "melody verse = C5/1 | A4/1 | B4/1 | C5/2~ C5/2"] { _ = try workspace.perform(line) }
        #expect(try workspace.perform("melody verse = G4/2 E4/2") == "verse melody: 2 notes, range E4–G4 (edited all 4 bars); bars 2–4 of the old melody are empty now (`undo` brings them back; `melody verse bar N = …` rewrites bars from N and keeps the rest)")
        _ = try workspace.perform("undo")
        #expect(try workspace.perform("melody verse bar 2 = C5/2 A4/2") == "verse melody: 5 notes, range A4–C5 (edited bar 2)")
        #expect(try workspace.perform("melody verse 3 = E5/2 r/2 | D5/1") == "verse melody: 5 notes, range A4–E5 (edited bars 3, 4)")
        let notes = try #require(workspace.song?.section(named: "verse")?.melody?.notes)
        #expect(notes.map { "\($0.pitch)@\($0.start)/\($0.duration)" } == ["C5@0/3840", "C5@3840/1920", "A4@5760/1920", "E5@7680/1920", "D5@11520/3840"])
        #expect(message { try workspace.perform("melody verse bar 4 = C5/1 | D5/1") } == "the line runs 4 beats past bar 4, the last of verse (a bar of 4/4 holds 4 beats): take 4 beats off, or `set verse bars=5` lengthens the section")
        #expect(message { try workspace.perform("melody verse bar 6 = C5/1") } == "bar 6 is not in verse, which has 4 bars: give bars 1 to 4, e.g. `melody verse bar 4 = C5/1`, or lengthen it with `set verse bars=6`")
        #expect(message { try workspace.perform("melody verse bar x = C5/1") } == "bar \"x\": give the bar to write from, e.g. `melody verse bar 3 = C5/2 D5/2`")
        // A kept note that rang into the rewritten bar is cut at its bar line.
        _ = try workspace.perform("melody verse = C5/1 | A4/1 | B4/1~ B4/1")
        _ = try workspace.perform("melody verse bar 4 = G4/1")
        #expect(workspace.song?.section(named: "verse")?.melody?.notes.map(\.duration) == [3840, 3840, 3840, 3840])
        // Three and a half beats typed for a bar: the bar's notes after them stay, and the
        // reply says so (they had become a rest, said only by the note count).
        _ = try workspace.perform("melody verse = C5/1 | A4/2 G4/4 E4/8 F4/8 | B4/1 | C5/1")
        let short = try workspace.perform("melody verse bar 2 = B4/2 A4/4 G4/8")
        #expect(short == "verse melody: 7 notes, range F4–C5 (edited bar 2); the line filled 3.5 beats of bar 2, its F4 after that stays (a bar of 4/4 holds 4 beats; `undo` takes the line back)", "\(short)")
        #expect(workspace.song?.section(named: "verse")?.melody?.notes.map { "\($0.pitch)@\($0.start / 480)" } == ["C5@0", "B4@8", "A4@12", "G4@14", "F4@15", "B4@16", "C5@24"])
        // Five beats typed for one bar of 4/4: the line writes over the next bar's first
        // beat only, and the reply says which note went and which stay.
        _ = try workspace.perform("melody verse = C5/1 | A4/1 | D5/4 E5/4 F5/4 D5/4 | C5/1")
        let overran = try workspace.perform("melody verse bar 2 = G4/2 E4/4 C4/4 D4/4")
        #expect(overran == "verse melody: 9 notes, range C4–F5 (edited bars 2, 3); the line ran 1 beat into bar 3, over its D5; its E5 F5 D5 after that stay (a bar of 4/4 holds 4 beats; `undo` takes the line back)", "\(overran)")
        #expect(workspace.song?.section(named: "verse")?.melody?.notes.map { "\($0.pitch)@\($0.start / 960)" }
                == ["C5@0", "G4@4", "E4@6", "C4@7", "D4@8", "E5@9", "F5@10", "D5@11", "C5@12"])
    }

    /// A bass line is rewritten from a bar as a melody is, and says when it ran into a bar;
    /// asked for without notes, a bar is refused with the two lines it may mean.
    @Test func writingABassFromABarKeepsTheRest() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Low\" key=C", "add verse 4", "chords verse = | C | F | G | C |",
                     "bass verse = C2/1 | F2/1 | G2/2 D2/2 | C2/1"] { _ = try workspace.perform(line) }
        let bar2 = try workspace.perform("bass verse bar 2 = F2/2 A2/2")
        #expect(bar2 == "verse bass: 6 notes, range C2–A2 (edited bar 2)", "\(bar2)")
        let overran = try workspace.perform("bass verse 2 = F2/2 A2/4 C3/4 B2/2")
        #expect(overran == "verse bass: 7 notes, range C2–C3 (edited bars 2, 3); the line ran 2 beats into bar 3, over its G2; its D2 after that stays (a bar of 4/4 holds 4 beats; `undo` takes the line back)", "\(overran)")
        #expect(workspace.song?.section(named: "verse")?.bass?.notes.map { "\($0.pitch)@\($0.start / 960)" }
                == ["C2@0", "F2@4", "A2@6", "C3@7", "B2@8", "D2@10", "C2@12"])
        #expect(message { try workspace.perform("bass verse bar 2") } == "bass verse does not take \"bar 2\" without notes: `bass verse bars=2` asks for new notes in that bar, `bass verse bar 2 = C2/2 G2/2` writes them")
        #expect(message { try workspace.perform("bass verse bar 9 = C2/1") } == "bar 9 is not in verse, which has 4 bars: give bars 1 to 4, e.g. `bass verse bar 4 = C2/1`, or lengthen it with `set verse bars=9`")
        // A bass typed bar by bar from nothing: each bar line writes its bar.
        _ = try workspace.perform("add chorus 2")
        _ = try workspace.perform("chords chorus = | F | C |")
        #expect(try workspace.perform("bass chorus bar 2 = C2/2 G1/2") == "chorus bass: 2 notes, range G1–C2")
        #expect(try workspace.perform("bass chorus bar 1 = F1/1").hasPrefix("chorus bass: 3 notes, range F1–C2"))
        #expect(workspace.song?.section(named: "chorus")?.bass?.notes.map { "\($0.pitch)@\($0.start / 960)" } == ["F1@0", "C2@4", "G1@6"])
        #expect(message { try workspace.perform("bass chorus bar 2 = C2/2 G1/2 C2/4") } == "the line runs 1 beat past bar 2, the last of chorus (a bar of 4/4 holds 4 beats): take 1 beat off, or `set chorus bars=3` lengthens the section")
    }

    /// A line typed in the old key after `transpose`: the note outside the key and its
    /// chord is named, on the beat or held; passing, approach and chord notes are not.
    @Test func aNoteOutsideTheKeyAndItsChordIsNamed() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Moved\" key=C", "add verse 4", "chords verse = | C | F | G | C |",
                     "melody verse = E5/1 | F5/1 | D5/1 | C5/1", "transpose verse +4"] { _ = try workspace.perform(line) }
        // Now in E: the C-major F5 typed again is neither E major's nor A's.
        let slip = try workspace.perform("melody verse bar 2 = F5/2 E5/2")
        #expect(slip == "verse melody: 5 notes, range E5–G#5 (edited bar 2)\nnote: F5 in bar 2 is outside E major and its chord (A) — kept as written (`undo` takes the line back)", "\(slip)")
        // The key's notes, a chord's own note outside the key (A7's G), an off-beat eighth
        // and a quarter a half step into a key note pass unremarked.
        _ = try workspace.perform("chords verse = | E | A7 | B | E |")
        for fine in ["melody verse bar 2 = A5/4 G5/4 F#5/8 F5/8 E5/4", "melody verse bar 2 = C#5/4 A#4/4 B4/2"] {
            let reply = try workspace.perform(fine)
            #expect(!reply.contains("outside"), "\(fine): \(reply)")
        }
        let several = try workspace.perform("melody verse = G5/1 | C5/2 A5/2 | Bb4/1 | E5/1")
        #expect(several.hasSuffix("\nnote: G5 in bar 1, C5 in bar 2, Bb4 in bar 3 are outside E major and the chords under them — kept as written (`undo` takes the line back)"), "\(several)")
        // A bass's chromatic approach on beat 4, a half step into the next root, passes.
        let walk = try workspace.perform("bass verse = E2/4 G#2/4 B2/4 Bb2/4 | A2/1 | B2/1 | E2/1")
        #expect(!walk.contains("outside"), "\(walk)")
        // A short note leapt to off the beat is heard; a note typed twice in a bar is named once.
        let leapt = try workspace.perform("melody verse bar 3 = D#5/4 B4/8 G4/8 A4/4 B4/4")
        #expect(leapt.hasSuffix("\nnote: G4 in bar 3 is outside E major and its chord (B) — kept as written (`undo` takes the line back)"), "\(leapt)")
        let twice = try workspace.perform("bass verse = E2/4 G2/4 E2/4 G2/4 | A2/1 | B2/1 | E2/1")
        #expect(twice.hasSuffix("\nnote: G2 in bar 1 (twice) is outside E major and its chord (E) — kept as written (`undo` takes the line back)"), "\(twice)")
        #expect(try workspace.perform("bass verse = E2/1 | A2/1 | G2/1 | E2/1").hasSuffix("\nnote: G2 in bar 3 is outside E major and its chord (B) — kept as written (`undo` takes the line back)"))
    }

    /// A form that changes tempo or meter says that the WAV files' tempo and meter are the
    /// start's, and song.mid has every change; a form that keeps them says nothing.
    @Test func aRenderOfChangingTimeSaysWhatTheFilesCarry() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Cue\" key=E tempo=132 meter=5/4", "add verse 2", "add chase 2", "add anthem 2",
                     "set chase meter=7/8 tempo=252", "set anthem meter=12/8 tempo=72"] { _ = try workspace.perform(line) }
        let song = try #require(workspace.song)
        #expect(RenderCommands.changingTime(song, rendering: nil)
                == ["the song changes tempo (132, 126, 108 quarter notes a minute) and meter (5/4, 7/8, 12/8): the WAV files' tempo and meter (acid, iXML) are where it starts, 132 in 5/4; song.mid has every change for a DAW's tempo track"])
        #expect(RenderCommands.changingTime(song, rendering: "chase").isEmpty)
        _ = try workspace.perform("set chase meter=5/4 tempo=132")
        _ = try workspace.perform("set anthem meter=5/4 tempo=132")
        #expect(RenderCommands.changingTime(try #require(workspace.song), rendering: nil).isEmpty)
    }

    /// A hand-over to a section that no longer follows in the form is said to be kept, not
    /// played, and an ending to be kept for when the section ends the song. (After `arrange`
    /// took the chorus out, a composer's bridge had read "fill into chorus".)
    @Test func handOversOutsideTheFormAreSaidToBeKept() throws {
        var section = Section(name: "bridge", bars: 8)
        section.drums = DrumPart(hits: [DrumHit(start: 0, key: DrumKit.kick, velocity: 100)], style: nil, timing: nil,
                                 provenance: Provenance(origin: .person("T"), acceptedAt: Date(timeIntervalSince1970: 0)))
        section.handovers = ["chorus": .fill, "verse": .build]
        section.ending = .ritard
        func song(_ form: [String]) throws -> Song {
            var song = Song(title: "T")
            for name in ["verse", "bridge", "chorus", "outro"] { try song.addSection(name, bars: 8) }
            try song.arrange(form)
            return song
        }
        #expect(SectionView.handovers(section, in: try song(["verse", "bridge", "verse", "outro"]))
                == ["fill into chorus (kept; chorus does not follow it in the form)", "build into verse", "ritard at the end (kept for when it ends the song)"])
        #expect(SectionView.handovers(section, in: try song(["bridge", "chorus", "bridge"])) == ["fill into chorus", "build into verse (kept; verse does not follow it in the form)", "ritard at the end"])
        #expect(SectionView.handovers(section) == ["fill into chorus", "build into verse", "ritard at the end"])
    }

    /// A form of more sections than the audio files can mark says where their markers stop:
    /// a WAV cue list holds 100, FLAC's and Ogg's chapters 99; song.mid marks them all.
    @Test func aFormLongerThanTheMarkersSaysWhereTheyStop() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Long\"", "add a 1", "add b 1"] { _ = try workspace.perform(line) }
        _ = try workspace.perform("arrange " + Array(repeating: "a b", count: 65).joined(separator: " "))
        let song = try #require(workspace.song)
        #expect(RenderCommands.markersCut(song, rendering: nil, format: .wav)
                == ["the form plays 130 sections and the WAV files' cue lists hold 100: their markers stop at b 50 (section 100), and song.mid marks every one"])
        #expect(RenderCommands.markersCut(song, rendering: nil, format: .flac)
                == ["the form plays 130 sections and the files' chapters hold 99: their markers stop at a 50 (section 99), and song.mid marks every one"])
        #expect(RenderCommands.markersCut(song, rendering: "a", format: .wav).isEmpty)
        _ = try workspace.perform("arrange " + Array(repeating: "a b", count: 50).joined(separator: " "))
        #expect(RenderCommands.markersCut(try #require(workspace.song), rendering: nil, format: .wav).isEmpty)
    }

    /// Chords written by hand under a bass and a pad written for other chords: the parts
    /// stay as they are, and the reply names the bars where they now sound notes outside
    /// the chords, and the command that redraws them.
    @Test func newChordsUnderAnOldBassAndPadSayWhereTheyDisagree() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Under\" key=C", "add verse 4", "chords verse = | C | F | G | C |",
                     "bass verse = C2/2 E2/2 | F2/2 A2/2 | G2/2 B2/4 Bb2/4 | C2/1", "pad verse seed=1", "accept 1"] { _ = try workspace.perform(line) }
        let bass = workspace.song?.section(named: "verse")?.bass?.notes
        let reply = try workspace.perform("chords verse = | C | E7 | G | D |")
        #expect(reply.hasSuffix("\nnote: the bass was written for other chords: bars 2, 4 sound notes outside the new ones — `bass verse` writes one for these chords\nnote: the pad was written for other chords: bars 2, 4 sound notes outside the new ones — `pad verse` writes one for these chords"), "\(reply)")
        #expect(workspace.song?.section(named: "verse")?.bass?.notes == bass)
        // A bar changed again, from chords the parts did not fit to others they do not fit
        // either, is said again (only bars the edit changed are judged, at each chord).
        let again = try workspace.perform("chords verse = | C | Bb | G | D |")
        #expect(again.hasSuffix("\nnote: the pad was written for other chords: bar 2 sounds notes outside the new ones — `pad verse` writes one for these chords"), "\(again)")
        _ = try workspace.perform("undo")
        // Chords the parts still fit say nothing more.
        _ = try workspace.perform("undo")
        #expect(!(try workspace.perform("chords verse = | C | F | G7 | C |")).contains("note:"))
        // Accepted rather than typed, the same: an `alt` for bar 2 that the bass there does
        // not fit (a newcomer's check had the note after typing a chord, none after `alt`).
        _ = try workspace.perform("alt verse 2")
        let options = try #require(workspace.pending?.suggestions)
        // The bass's F2 lands on bar 2: a chord without F does not fit it.
        let clashing = try #require(options.firstIndex { suggestion in
            (try? Chord(parsing: String(suggestion.label.prefix { $0 != " " }))).map { !$0.pitchClasses.contains(5) } ?? false
        })
        let accepted = try workspace.perform("accept \(clashing + 1)")
        #expect(accepted.contains("\nnote: the bass was written for other chords: bar 2 sounds notes outside the new ones — `bass verse` writes one for these chords"), "\(accepted)")
    }

    /// The melody too, where a note the old chord held now sits a half step from one of the
    /// new chord's (a newcomer's F over a new D7); a note the tune leans on outside both
    /// chords is its own business.
    @Test func newChordsUnderAnOldMelodySayWhereItClashes() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Over\" key=C", "add bridge 4", "chords bridge = | G | Em | Am | Dm |",
                     "melody bridge = B4/2 D5/2 | G4/1 | E4/2 C5/2 | F4/4. E4/8 D4/2"] { _ = try workspace.perform(line) }
        let reply = try workspace.perform("chords bridge = | G | Em C | Am | D7 |")
        #expect(reply.hasSuffix("\nnote: the melody was written for other chords: bar 4 sounds notes outside the new ones — `melody bridge` writes one for these chords"), "\(reply)")
        // G over a new C in bar 2 is a chord tone; B over G7 in bar 1 too: nothing said.
        #expect(!(try workspace.perform("chords bridge = | G7 | Em C | Am | Dm |")).contains("melody"))
        // A note sung on a later beat of the bar counts too: C5 on beat 3 of bar 3, of Am, under a new A7's C♯.
        let later = try workspace.perform("chords bridge = | G7 | Em C | A7 | Dm |")
        #expect(later.hasSuffix("\nnote: the melody was written for other chords: bar 3 sounds notes outside the new ones — `melody bridge` writes one for these chords"), "\(later)")
    }

    @Test func melodyWithChordsWritesTheChordsThatChordsThenAcceptOneWould() throws {
        for tension in ["0.2", "0.9"] {
            var a = makeWorkspace(in: try temporaryFolder()), b = makeWorkspace(in: try temporaryFolder())
            for line in ["new \"Same\" key=Am mood=sad", "add verse 8", "set verse tension=\(tension)"] {
                _ = try a.perform(line)
                _ = try b.perform(line)
            }
            _ = try a.perform("melody verse with-chords seed=21")
            _ = try b.perform("chords verse seed=21")
            _ = try b.perform("accept 1")
            let viaMelody = a.song?.section(named: "verse")?.chords, viaChords = b.song?.section(named: "verse")?.chords
            #expect(viaMelody != nil && viaMelody?.changes == viaChords?.changes && viaMelody?.comping == viaChords?.comping, "tension \(tension)")
        }
    }

    @Test func aSessionWithAnUnknownFeelIsRefusedWithTheAllowedWords() throws {
        let folder = try temporaryFolder()
        var workspace = try groovedVerse()
        _ = try workspace.perform("save \(folder)/feel.cowrite")
        var text = try String(contentsOfFile: folder + "/feel.cowrite", encoding: .utf8)
        text = text.replacingOccurrences(of: #""feel" : "[a-z-]+""#, with: #""feel" : "swung""#, options: .regularExpression)
        try text.write(toFile: folder + "/feel.cowrite", atomically: false, encoding: .utf8)
        #expect(message(of: { try workspace.perform("open \(folder)/feel.cowrite") }).contains(
            "at song.sections[0].drums.timing.feel: expected one of on, laid-back, pushed, dragged, found \"swung\""))
    }

    @Test func optionsAreCheckedFromTheRowBeforeTheHandlerRuns() throws {
        var workspace = try groovedVerse()
        let before = workspace.song
        #expect(message(of: { try workspace.perform("pad verse style=glitter") }) == "style=glitter: pads are plain, swell or shimmer, e.g. style=swell")
        #expect(message(of: { try workspace.perform("fill verse style=cymbals") }) == "unknown fill \"cymbals\": the fills are roll, toms and kick-snare")
        #expect(message(of: { try workspace.perform("render --lufs -3") })
            == "lufs=-3: the loudness target is −40 to −5 LUFS, e.g. -14 for streaming, -23 for broadcast")
        #expect(message(of: { try workspace.perform("render --lufs=-3") })
            == "lufs=-3: the loudness target is −40 to −5 LUFS, e.g. -14 for streaming, -23 for broadcast")
        #expect(workspace.song == before)
        #expect(Commands.find("pad")?.usage == "pad SECTION [style=plain|swell|shimmer] [mood=…] [energy=0..1] [prompt=\"WORDS\"] [n=3] [seed=…] [bars=5-6] [keep=1-4,7-8]")
        #expect(Commands.find("render")?.usage == "render [SECTION] [-o DIR] [--stems] [--format wav|flac|ogg] [--rate 44100|48000] [--stem-names song|plain] [--lufs -14] [--force]")
        #expect(Commands.find("transition")?.usage == "transition FROM TO|end|any fill|build|drop|ritard|none")
    }

    @Test func completionOffersEachArgumentsWordsFromItsRow() throws {
        let workspace = try groovedVerse()
        func offered(_ before: String) -> [String] {
            Completion.candidates(before: before, word: "", song: workspace.song, help: workspace.help, sessions: { [] })
        }
        #expect(offered("feel verse ").starts(with: ["on", "laid-back", "pushed", "dragged"]))
        #expect(offered("transpose verse ").starts(with: ["chords", "melody", "bass", "pad"]))
        #expect(offered("instrument pad ").contains("strings"))
        #expect(offered("transition verse chorus ").starts(with: Transition.words))
        #expect(offered("transition verse ").contains("end"))
        #expect(offered("pad verse style=") == ["plain", "swell", "shimmer"])
        #expect(offered("groove verse feel=") == Feel.words)
        #expect(offered("hit verse ").contains("cowbell"))
    }
}
