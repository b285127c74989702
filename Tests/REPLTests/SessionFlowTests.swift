import Foundation
import MusicTheory
import SongModel
import OutsideTools
import Testing
import Engine
@testable import REPL

/// A writer's session that flows: suggestions go where they were asked for, one chord or
/// bar can change, the song moves key with its music, and nothing surprises `undo`. (The
/// golden transcript of it, `session-flow.txt`, runs with the other transcripts.)
@Suite("Session flow")
struct SessionFlowTests {
    func start(_ lines: [String]) throws -> Workspace {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in lines { _ = try workspace.perform(line) }
        return workspace
    }

    static let song = ["new \"Flow\" key=C tempo=100", "add verse 4", "add bridge 4",
                       "chords verse = | C | Dm | G7 | C |", "chords bridge = | Am | F | C | G |"]

    /// A song credited to the computer's name for the writer (no `--author`): authors set
    /// in its place name the writer, on what is written and what is still to come. Given
    /// by `--author`, the writer's name stays theirs whatever the song's authors say.
    @Test func authorsSetInPlaceOfTheLoginNameTheWriter() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        workspace.author = "root"
        workspace.loginName = "root"
        try workspace.performAll("new \"Mine\" key=C", "add verse 2", "chords verse = | C | G |", "lyrics verse = \"la la\"")
        let reply = try workspace.perform("set authors=\"Mara Quill\"")
        #expect(reply.contains("what you write is credited to Mara Quill from now on, and so are the 2 parts credited to root (your login name)"), "\(reply)")
        _ = try workspace.perform("melody verse = C5/1 | D5/1")
        let credits = try workspace.perform("credits")
        #expect(credits.contains("Mara Quill") && !credits.contains("root"), "\(credits)")
        // A second change of authors is the writer's choice of credit: no renaming.
        #expect(!(try workspace.perform("set authors=\"Mara Quill, Jo Lee\"")).contains("from now on"))
        // Another song of the login's, in the same window: the same rule.
        try workspace.performAll("new \"Second\" key=C", "add verse 2")
        #expect(workspace.song?.authors == ["Mara Quill"])
        #expect(Settings.loginName(flag: "Ana", environment: [:]) == nil)
        #expect(Settings.loginName(flag: nil, environment: ["COWRITE_AUTHOR": "Ana"]) == nil)
        var login = makeWorkspace(in: try temporaryFolder())
        login.author = "root"
        login.loginName = "root"
        try login.performAll("new \"Third\" key=C", "add verse 2", "chords verse = | C | G |")
        // A list of co-writers in place of the login names no one.
        #expect(!(try login.perform("set authors=\"Jo Lee, Mara Quill\"")).contains("from now on"))
        #expect(try login.perform("credits").contains("root"))
        _ = try login.perform("undo")
        #expect(try login.perform("set authors=\"Mara Quill\"").contains("and so is the part credited to root"))
        _ = try login.perform("undo")
        #expect(try login.perform("credits").contains("root"))
        // A song of another author opened in a window that credits the login: said.
        _ = try workspace.perform("save mara")
        var later = makeWorkspace(in: workspace.store.directory + "/..")
        later.author = "root"
        later.loginName = "root"
        #expect(try later.perform("open mara --read-only").contains("note: what you write here is credited to root, your login name, and the song to Mara Quill — "
                                                         + "start Cowrite with `--author \"Mara Quill\"` (or set COWRITE_AUTHOR) to be credited by name"))

        var named = makeWorkspace(in: try temporaryFolder())
        try named.performAll("new \"Band\" key=C", "add verse 2", "chords verse = | C | G |")
        #expect(!(try named.perform("set authors=\"The Rain Band\"")).contains("from now on"))   // given, not the login
        #expect(try named.perform("credits").contains("Ana"))
    }

    /// The lyric view says where notes go without words: those left where a line ends
    /// before its phrase does, by bar and pitch, and where the words run out.
    @Test func theLyricViewNamesTheNotesWithoutWords() throws {
        var workspace = try start(["new \"Words\"", "add verse 4", "melody verse = C5/4 D5/4 E5/4 F5/8 G5/8 | A5/2 r/2 | C5/4 D5/4 E5/4 F5/4 | G5/1",
                                   "lyrics verse = one two three / four five six"])
        let view = try workspace.perform("lyrics verse")
        #expect(view.contains("3 notes have no syllable where a line ends before its phrase does (each line starts with a phrase): bar 1 F5, bar 1 G5, bar 2 A5"), "\(view)")
        #expect(view.contains("2 notes have no syllable (the words ran out), from bar 3 F5"), "\(view)")
    }

    /// The song's table names who wrote each part in full to 16 characters, past that cut
    /// with an ellipsis ("Dale Mercer" had read "Dale Merc").
    @Test func theSongTableNamesTheWritersInFull() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        workspace.author = "Dale Mercer"
        _ = try workspace.perform("new \"Names\"")
        _ = try workspace.perform("add verse 1")
        _ = try workspace.perform("chords verse = | C |")
        workspace.author = "Bartholomew Montgomery"
        _ = try workspace.perform("add chorus 1")
        _ = try workspace.perform("chords chorus = | F |")
        let table = try workspace.perform("song")
        #expect(table.contains("  verse       1  Dale Mercer\n"), "\(table)")
        #expect(table.contains("  chorus      1  Bartholomew Mon…\n"), "\(table)")
    }

    /// A double quote in a title: within double quotes a backslash takes the next quote or
    /// backslash as it is, as a shell does, and leaves any other backslash; single quotes
    /// take everything as typed (a newcomer's "\"quoted\"" title had come out \quoted\).
    @Test func aQuoteInATitleIsWrittenWithABackslashOrInSingleQuotes() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let titles = [("new \"Say \\\"hi\\\"\"", "Say \"hi\""), ("new 'Say \"hi\"'", "Say \"hi\""),
                      ("new \"back\\\\slash\"", "back\\slash"), ("new \"C:\\music\"", "C:\\music"),
                      // Typographic quotes as a phone types them (“Grace Song” had been refused).
                      ("new “Grace Song” key=G", "Grace Song"), ("new “Don’t Go”", "Don’t Go")]
        for (line, title) in titles {
            _ = try workspace.perform(line)
            #expect(workspace.song?.title == title, "\(line)")
        }
        // Words quoted so are the words, without the quotes.
        _ = try workspace.perform("add verse 2")
        _ = try workspace.perform("lyrics verse = “Curly quotes here / and more”")
        #expect(workspace.song?.section(named: "verse")?.lyrics?.text == "Curly quotes here / and more")
    }

    @Test func acceptAfterAltChangesTheBarAltWasAskedFor() throws {
        var workspace = try start(Self.song + ["chords bridge n=2 seed=3", "alt verse 2"])
        let bridge = workspace.song?.section(named: "bridge")?.chords?.changes
        let output = try workspace.perform("accept 1")
        #expect(output.hasPrefix("verse bar 2: Dm → F (relative, from `alt`)"))
        #expect(workspace.song?.section(named: "bridge")?.chords?.changes == bridge)
        #expect(workspace.song?.section(named: "verse")?.chords?.changes.map(\.symbol) == ["C", "F", "G7", "C"])
        // The writer's edit: the part keeps its credit and records who changed it.
        #expect(workspace.song?.section(named: "verse")?.chords?.provenance.edits.last?.change == "bar 2: Dm → F (relative, from `alt`)")
        #expect(workspace.history.past.last?.label == "accept 1 (verse: F (IV) in bar 2: relative)")
    }

    /// Small truths: a tritone sub is named as it is spelled on a chart (G♭7 for C7 in F);
    /// a refit of a line already on its chords offers nothing rather than the line itself.
    @Test func altSpellsTheTritoneSubAndRefitNeverOffersTheSource() throws {
        var workspace = try start(["new \"Sub\" key=F", "add verse 4", "chords verse = | F | Gm7 | C7 | F |",
                                   "melody verse = F4/4 G4/4 A4/4 Bb4/4 | G4/1 | E4/1 | F4/1"])
        #expect(try workspace.perform("alt verse 3").contains("Gb7     ♭II7     tritone substitution"))
        #expect(message { try workspace.perform("vary verse technique=refit") } == "\(EngineError.alreadyFits("verse"))")
    }

    /// A bass line by hand, as a melody is written; options with `=` are refused.
    @Test func aBassLineIsWrittenByHand() throws {
        var workspace = try start(Self.song)
        #expect(try workspace.perform("bass verse = C2/2 G1/2 | D2/1 | G1/1 | C2/1") == "verse bass: 5 notes, range G1–D2")
        let bass = try #require(workspace.song?.section(named: "verse")?.bass)
        #expect(bass.notes.map(\.pitch.description) == ["C2", "G1", "D2", "G1", "C2"])
        #expect(bass.provenance.origin == .person("Ana"))
        #expect(try workspace.perform("bass verse = C2/2 G1/2 | D2/1 | G1/1 | C2/2 E2/2") == "verse bass: 6 notes, range G1–E2 (edited bar 4)")
        // A line out of a bass's compass is kept, and the writer hears of it at once: G0 for
        // G1 is an octave slip that renders as a rumble.
        #expect(try workspace.perform("bass verse = C2/2 G0/2 | D2/1 | G1/1 | C2/2 E2/2")
                == "verse bass: 6 notes, range G0–E2 (edited bar 1)\nnote: G0 is under a bass's lowest string (B0 on a five-string), heard as a rumble more than a note — G1 is an octave up")
        let high = try workspace.perform("bass verse = C2/2 G1/2 | D2/1 | G1/1 | C2/2 C5/2")
        #expect(high == "verse bass: 6 notes, range G1–C5 (edited bars 1, 4)\nnote: C5 is over a bass's top fret (G4), up where the melody sings — C4 is an octave down")
        // Both ends at once: each is named (the check had heard of G0 and not of C5).
        let both = try workspace.perform("bass verse = C2/2 G0/2 | D2/1 | G1/1 | C2/2 C5/2")
        #expect(both.hasSuffix("up\nnote: C5 is over a bass's top fret (G4), up where the melody sings — C4 is an octave down"), "\(both)")
        #expect(both.contains("\nnote: G0 is under a bass's lowest string"), "\(both)")
        let back = try workspace.perform("bass verse = C2/2 G1/2 | D2/1 | G1/1 | C2/2 E2/2")
        #expect(back == "verse bass: 6 notes, range G1–E2 (edited bars 1, 4)")
        #expect(throws: (any Error).self) { try workspace.perform("bass verse style=root = C2/1") }
        // A melody past a piano's keys is kept with the same note (C-1 and C9 had been taken
        // without a word; a check found them).
        let melody = try workspace.perform("melody verse = C-1/4 D4/4 E4/2 | C9/1 | C4/1 | C4/1")
        #expect(melody.hasSuffix("range C-1–C9\nnote: C-1 is under a piano's lowest key (A0), heard as a rumble more than a tune — C1 is 2 octaves up"
                                 + "\nnote: C9 is over a piano's top key (C8), heard as a click more than a tune — C8 is an octave down"), "\(melody)")
        #expect(!(try workspace.perform("melody verse = C4/4 D4/4 E4/2 | C5/1 | A0/1 | C8/1")).contains("note:"))
    }

    /// `bars=` rewrites only those bars: the others stay, `accept` records the bars as an
    /// edit by the generator (seed and settings kept through a save), `more` keeps the
    /// first ones, `undo` puts the part back.
    @Test func barsRewritesOnlyThoseBars() throws {
        var workspace = try start(Self.song + ["melody verse = C5/2 E5/2 | F5/2 D5/2 | D5/2 B4/2 | C5/1"])
        let before = try #require(workspace.song?.section(named: "verse")?.melody)
        let listing = try workspace.perform("melody verse bars=2-3 n=2 seed=5")
        #expect(listing.split(separator: "\n").first?.contains("— only bars 2–3, chosen among the draws of seeds 5, ") == true, "\(listing)")
        let shown = try #require(workspace.pending).suggestions
        _ = try workspace.perform("more")
        #expect(Array(try #require(workspace.pending).suggestions.prefix(2)) == shown)
        let accepted = try workspace.perform("accept 1")
        #expect(accepted.hasPrefix("accepted 1 into verse: bars 2–3 by melody "), "\(accepted)")
        let melody = try #require(workspace.song?.section(named: "verse")?.melody)
        #expect(melody.notes.filter { $0.start < 3840 } == before.notes.filter { $0.start < 3840 })
        #expect(melody.notes.filter { $0.start >= 11520 } == before.notes.filter { $0.start >= 11520 })
        #expect(melody.notes.filter { (3840..<11520).contains($0.start) } != before.notes.filter { (3840..<11520).contains($0.start) })
        let edit = try #require(melody.provenance.edits.last)
        #expect(edit.change == "bars 2–3 rewritten, option 1")
        #expect(edit.origin?.kind == .generator && edit.origin?.parameters?["bars"] == "2–3" && edit.origin?.seed != nil)
        #expect(edit.author == edit.origin?.credit)
        #expect(melody.provenance.origin.kind == .person)
        // Through a save and back, the edit keeps its generator.
        let file = SessionFile(song: try #require(workspace.song), savedWith: "cowrite test")
        let reread = try SessionCodec.decode(try SessionCodec.encode(file), name: "flow").song
        #expect(reread.section(named: "verse")?.melody?.provenance.edits.last == edit)
        _ = try workspace.perform("undo")
        #expect(workspace.song?.section(named: "verse")?.melody == before)
        // A held note tied out of a rewritten bar still sounds in the kept bar after it.
        _ = try workspace.perform("melody verse = C5/2 E5/4 G5/4~ | G5/2 F5/4 D5/4~ | D5/2 B4/4 G4/4 | C5/1")
        _ = try workspace.perform("melody verse bars=2 n=1 seed=3")
        _ = try workspace.perform("accept 1")
        let tied = try #require(workspace.song?.section(named: "verse")?.melody?.notes)
        #expect(tied.contains { $0.start == 7680 && $0.duration == 1920 && $0.pitch.description == "D5" }, "\(tied)")
        // Rewriting drum bars leaves the kept bars' played timing, and the bass's, as it was.
        for line in ["groove verse n=1 seed=2", "accept 1", "bass verse n=1 seed=2", "accept 1"] { _ = try workspace.perform(line) }
        let drumsBefore = try #require(workspace.song?.section(named: "verse")?.drums?.hits.filter { $0.start < 7680 })
        let bassBefore = try #require(workspace.song?.section(named: "verse")?.bass?.notes.filter { $0.start < 7680 })
        _ = try workspace.perform("groove verse bars=3-4 n=2 seed=4")
        _ = try workspace.perform("accept 2")
        #expect(workspace.song?.section(named: "verse")?.drums?.hits.filter { $0.start < 7680 } == drumsBefore)
        #expect(workspace.song?.section(named: "verse")?.bass?.notes.filter { $0.start < 7680 } == bassBefore)
        // A chord infill keeps the kept chart's harmonic rhythm: a chord every two bars.
        _ = try workspace.perform("chords verse = | C | % | G | % |")
        #expect(try workspace.perform("chords verse bars=3-4 n=2 seed=2").contains("a chord every two bars"))
        // Every engine request takes bars= and keep=.
        for name in ["chords", "melody", "bass", "groove", "pad", "harmonize", "vary"] {
            #expect(Commands.find(name)?.option("bars") != nil && Commands.find(name)?.option("keep") != nil, "\(name)")
        }
        #expect(throws: (any Error).self) { try workspace.perform("pad verse bars=2") }
        do { _ = try workspace.perform("pad verse bars=2") } catch {
            #expect("\(error)" == "verse has no pad yet, so there are no bars to keep: ask for the whole part first (leave out bars= and keep=)")
        }
    }

    /// `export chordpro capo=N`: the chords as the shapes a guitarist plays with a capo on
    /// fret N, the shapes' key, ChordPro's `{capo}`, and the sounding key said; `capo=auto`
    /// the lowest fret with open-string shapes (B♭ on fret 1 is A); a capo only on a chart.
    @Test func aChordProChartForACapo() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        for line in ["new \"Grace\" key=D", "add verse 4", "chords verse = | D | G/B | A | Bm7 |"] { _ = try workspace.perform(line) }
        #expect(try workspace.perform("export chordpro capo=2 \(folder)/c.cho").hasSuffix("; capo 2: the chords are the shapes in C, sounding in D"))
        let chart = try String(contentsOfFile: folder + "/c.cho", encoding: .utf8)
        #expect(chart.contains("{key: C}\n{time: 4/4}\n{tempo: 100}\n{capo: 2}\n{comment: capo 2: shapes in C, sounding in D}\n"))
        #expect(chart.contains("| C . . . | F/A . . . | G . . . | Am7 . . . |"))
        #expect(try workspace.perform("export chordpro capo=auto \(folder)/d.cho").hasSuffix("; D is played in open shapes: no capo"))
        #expect(try String(contentsOfFile: folder + "/d.cho", encoding: .utf8).contains("{key: D}\n{time: 4/4}\n{tempo: 100}\n{comment:"))
        _ = try workspace.perform("set key=Bb move=yes")
        #expect(try workspace.perform("export chordpro capo=auto \(folder)/e.cho").hasSuffix("; capo 1: the chords are the shapes in A, sounding in Bb"))
        #expect(try String(contentsOfFile: folder + "/e.cho", encoding: .utf8).contains("| A . . . | D/F# . . . | E . . . | F#m7 . . . |"))
        #expect(throws: (any Error).self) { try workspace.perform("export midi capo=2") }
        // A last chorus a tone up says where the band sounds (its shapes had been the only word).
        for line in ["add chorus 2", "chords chorus = | Bb | F |", "copy chorus last", "arrange verse chorus last", "transpose last 2"] { _ = try workspace.perform(line) }
        _ = try workspace.perform("export chordpro capo=1 \(folder)/f.cho")
        #expect(try String(contentsOfFile: folder + "/f.cho", encoding: .utf8).contains("{key: B}\n{comment: sounding in C}\n"))
    }

    /// A transposition that takes the bass under E1 or the melody outside C3–C6 plays as
    /// written and says so, with the command that moves the part back an octave (a band
    /// leader's bass had gone to C♯1 with no word).
    @Test func aTranspositionOutOfReachIsSaid() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Reach\" key=E", "add verse 2", "add chorus 2", "bass verse = E1/1 | B1/1", "bass chorus = A1/1 | E1/1", "melody verse = B4/1 | E5/1"] {
            _ = try workspace.perform(line)
        }
        #expect(try workspace.perform("transpose -2") == "the song transposed down 2 semitones: 3 parts in 2 sections, now in D; note: the bass now reaches D1 in verse, chorus, "
            + "under a four-string bass's low E (E1): `transpose verse bass 12` (and so for chorus) lifts it an octave — it plays as written")
        #expect(try workspace.perform("transpose verse 20") == "verse transposed up 20 semitones: 2 parts in 1 section, now in Bb; note: the melody now spans F6–Bb6, "
            + "outside the C3–C6 voices sing in (verse): `transpose verse melody -12` moves it an octave — it plays as written")
        #expect(try workspace.perform("transpose chorus 2") == "chorus transposed up 2 semitones: 1 part in 1 section, now in E")
        // A part moved alone is checked too; a part out of reach before is not said again.
        #expect(try workspace.perform("transpose chorus bass -12").hasSuffix("; note: the bass now reaches E0 in chorus, under a four-string bass's low E (E1): "
            + "`transpose chorus bass 12` lifts it an octave — it plays as written"))
        #expect(try workspace.perform("transpose chorus bass 1").hasSuffix("semitone"))
    }

    /// Copying a section says where the copy plays, as adding one does.
    @Test func aCopySaysTheForm() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"C\" key=C", "add verse 4", "add chorus 4"] { _ = try workspace.perform(line) }
        #expect(try workspace.perform("copy verse verse2") == "copied verse to verse2; form: verse verse2 chorus")
        // A copy of a section the form leaves out is placed by `arrange` (the reply had named
        // a `form` command Cowrite does not have).
        _ = try workspace.perform("arrange verse verse2")
        #expect(try workspace.perform("copy chorus chorus-lift") == "copied chorus to chorus-lift (not in the form: `arrange verse verse2 chorus-lift` places it)")
    }

    /// A section's part is read from its name: a rename that changes it says so, and how
    /// to keep it; one that keeps it says nothing more.
    @Test func aRenameThatChangesASectionsPartSaysSo() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("new \"Parts\" key=C")
        _ = try workspace.perform("add chorus 4")
        _ = try workspace.perform("add bridge 4")
        #expect(try workspace.perform("rename chorus finale") == "renamed chorus to finale\n"
                + "note: finale now plays as a section of no named part, where chorus played as a chorus: a section's part, read from its name, "
                + "sets how loud it plays in the build, the fills into it and the register of melodies drawn for it; "
                + "`rename finale chorus-finale` keeps it a chorus")
        #expect(try workspace.perform("rename finale chorus-finale").hasPrefix("renamed finale to chorus-finale\nnote: chorus-finale now plays as a chorus, "))
        #expect(try workspace.perform("rename bridge middle") == "renamed bridge to middle")
        // No name is offered where none would keep the part: "middle-chorus" reads as a chorus.
        #expect(try workspace.perform("rename middle chorus2").hasSuffix("the register of melodies drawn for it"))
    }

    /// A session name typed in other letter case opens the one session it can only mean
    /// (a newcomer typed `open Engine` for the song "Engine", saved as engine).
    @Test func aSessionNameInOtherCaseOpensIt() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        for line in ["new \"Engine\" key=C", "add verse 4", "save", "new \"Other\" key=D"] { _ = try workspace.perform(line) }
        let opened = try workspace.perform("open Engine")
        #expect(opened.contains("opened “Engine” from ") && opened.contains("engine.cowrite: 1 section, 4 bars"), "\(opened)")
        #expect(workspace.song?.title == "Engine")
        #expect(throws: REPLError.self) { try workspace.perform("open Engines") }
        // The song's title, spaces and all, opens the session saved under it.
        for line in ["new \"Paper Boats\" key=Am", "add verse 4", "save", "new \"Third\""] { _ = try workspace.perform(line) }
        #expect(try workspace.perform("open \"Paper Boats\"").contains("opened “Paper Boats” from "))
    }

    /// Every engine request takes prompt, mood, style, energy and seed, and energy means
    /// the same on each: how busy the part is, quiet below 0.3, driving above 0.75.
    /// One bar under a kept melody may fit few chords: the chain of seeds goes on (16 at
    /// most) for more, and a short list says why it is short.
    @Test func harmonizingOneBarSaysWhenFewChordsFit() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"H\" key=C tempo=100", "add verse 8",
                     "melody verse = E5/4 D5/4 C5/2 | D5/4 E5/4 G5/2 | A5/4 G5/4 E5/4 C5/4 | D5/1 | E5/4 D5/4 C5/2 | D5/4 E5/4 G5/2 | A5/4 G5/4 F5/4 D5/4 | C5/1",
                     "harmonize verse n=1 seed=1", "accept 1"] { _ = try workspace.perform(line) }
        let two = try workspace.perform("harmonize verse bars=3-4 n=3 seed=2")
        #expect(two.contains("3. bars 3–4: "))
        #expect(!two.contains("(only "))
        let one = try workspace.perform("harmonize verse bars=7 n=3 seed=4")
        // The section closes on C under the melody's last note, C5 (its default open cadence
        // would put G under it).
        #expect(one.contains("1. bar 7: F; joins G→F, F→C"))
        #expect(one.hasSuffix("(only 1 different bar 7 from 16 seeds: few other ways fit the bars kept around them)"))
        #expect(try workspace.perform("accept 1").contains("bar 7"))
    }

    @Test func everyRequestTakesTheSameOptionsWithTheSameMeaning() throws {
        for name in ["chords", "melody", "bass", "groove", "pad", "harmonize", "sketch", "vary"] {
            let command = try #require(Commands.find(name))
            for option in ["prompt", "mood", "style", "energy", "seed"] {
                #expect(command.option(option) != nil, "\(name) has no \(option)=")
            }
        }
        func asked(_ line: String, _ key: String) throws -> Set<String> {
            var workspace = try start(Self.song + ["melody verse = C5/2 E5/2 | F5/1 | D5/1 | C5/1"])
            _ = try workspace.perform(line)
            return Set(try #require(workspace.pending).suggestions.compactMap { $0.origin.parameters?[key] })
        }
        #expect(try asked("chords verse energy=0.9 n=2 seed=1", "rate") == ["2"])
        #expect(try asked("chords verse energy=0.1 n=2 seed=1", "rate") == ["0.5"])
        #expect(try asked("chords verse energy=0.5 mood=calm n=2 seed=1", "rate") == ["0.5"])
        #expect(try asked("chords verse prompt=\"huge driving\" n=2 seed=1", "rate") == ["2"])
        #expect(try asked("melody verse energy=0 n=1 seed=1", "density") == ["0.30"])
        #expect(try asked("melody verse energy=1 n=1 seed=1", "density") == ["0.90"])
        #expect(try asked("bass verse energy=0.9 n=1 seed=1", "style") == ["octaves"])
        #expect(try asked("bass verse energy=0.1 n=1 seed=1", "style") == ["root"])
        // A nostalgic song drums as folk, whose bass plays root and fifth (it had walked under a shuffle).
        #expect(try asked("bass verse mood=nostalgic n=1 seed=1", "style") == ["root-fifth"])
        #expect(try asked("bass verse mood=playful energy=0.9 n=1 seed=1", "style") == ["funk"])   // a groove's own bass holds at any energy
        #expect(try asked("groove verse mood=playful n=1 seed=1", "style") == ["funk"])
        #expect(try asked("pad verse energy=0.9 n=1 seed=1", "style") == ["shimmer"])
        #expect(try asked("pad verse mood=dreamy n=1 seed=1", "style") == ["swell"])
        #expect(try asked("harmonize verse energy=0.9 n=1 seed=1", "rate") == ["2"])
        #expect(try asked("groove verse mood=tense n=1 seed=1", "style") == ["trap"])
        #expect(try asked("vary verse energy=0.9 n=2 seed=1", "energy") == ["0.90"])
        #expect(try asked("vary verse mood=calm n=2 seed=1", "energy") == ["0.20"])
        #expect(try asked("vary verse prompt=\"sad jazz\" n=2 seed=1", "style") == ["jazz"])
        // A sketch's energy is its average: the arc keeps its shape around it.
        for energy in [0.3, 0.8] {
            var workspace = try start([])
            _ = try workspace.perform("sketch mood=hopeful energy=\(energy) seed=4 --accept")
            let energies = try #require(workspace.song).sections.compactMap(\.energy)
            #expect(abs(energies.reduce(0, +) / Double(energies.count) - energy) < 0.08, "\(energies)")
        }
    }

    /// Compact listings fit four suggestions of each kind on an 80×24 terminal: a label
    /// and one line each (a groove: its first bar's grid), no reasons.
    @Test func compactListingsFitASmallTerminal() throws {
        var workspace = try start(Self.song + ["melody verse = C5/2 E5/2 | F5/1 | D5/1 | C5/1", "groove verse n=1 seed=1", "accept 1"])
        #expect(try workspace.perform("view").hasPrefix("listings are full"))
        let full = try workspace.perform("chords verse n=4 seed=1")
        #expect(try workspace.perform("view compact").hasPrefix("listings are compact"))
        for request in ["chords verse n=4 seed=1", "melody verse n=4 seed=1", "bass verse n=4 seed=1", "groove verse n=4 seed=1"] {
            let lines = try workspace.perform(request).split(separator: "\n").map(String.init)
            #expect(lines.count <= 22, "\(request): \(lines.count) lines")
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(request): \(lines.filter { $0.count > 80 })")
            #expect(!lines.contains { $0.contains(" · ") && $0.hasPrefix("   ·") }, "\(request) shows reasons")
            // Four: each generator finds four distinct ones here (a root-fifth bass had two
            // until its fifth, under the home chord, fell on one note in four, a different
            // one in each option).
            #expect(lines.filter { $0.range(of: #"^\d\. "#, options: .regularExpression) != nil }.count == 4, "\(request)")
        }
        let compact = try workspace.perform("chords verse n=4 seed=1")
        #expect(compact.split(separator: "\n").dropFirst(2).first?.hasPrefix("   | ") == true, "\(compact)")
        // `more` and the listing after `view full` follow the mode.
        #expect(try workspace.perform("more").split(separator: "\n").count <= 9)
        _ = try workspace.perform("view full")
        #expect(try workspace.perform("chords verse n=4 seed=1") == full)
    }

    /// At the prompt, `new` or `open` of another song with unsaved changes asks first, as
    /// leaving does: yes saves them to the song's file, no sets them aside in discarded/
    /// (the file keeps what was saved), cancel stays; an answer that is none of these asks
    /// again. `quit` and no set the changes aside too, and say where. (A band leader's
    /// `remove bridge` had been saved over their file by `new`, unasked.)
    @Test func switchingSongsAtThePromptAsksToSaveFirst() throws {
        for answer in ["y", "n", "c"] {
            let folder = try temporaryFolder()
            var printed: [String] = []
            var shell = Shell(workspace: makeWorkspace(in: folder),
                              reader: ArrayLineReader(lines: ["new \"Keep\"", "add verse 4", "add chorus 4", "save", "remove chorus",
                                                              "new \"Next\"", "maybe", answer, "quit", "n"]),
                              style: Style(colour: false), write: { printed.append($0) })
            _ = shell.run(opening: nil)
            let text = printed.joined(separator: "\n")
            #expect(text.contains("please answer y (save it), n (set the changes aside) or c (stay)"), "\(text)")
            let saved = try SessionStore(directory: folder + "/sessions").read(folder + "/sessions/keep.cowrite").song
            let discarded = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/sessions/.autosave/discarded")) ?? []
            switch answer {
            case "y":
                #expect(saved.sections.map(\.name) == ["verse"], "\(saved.sections.map(\.name))")
                #expect(text.contains("saved “Keep” to"))
            case "n":
                #expect(saved.sections.map(\.name) == ["verse", "chorus"])
                #expect(text.contains("“Keep” not saved; the changes are kept in \(folder)/sessions/.autosave/discarded/"), "\(text)")
            default:
                #expect(saved.sections.map(\.name) == ["verse", "chorus"])
                #expect(text.contains("nothing changed: “Keep” is still open"))
            }
            // Leaving with `n`: the last song's changes set aside too, and said.
            #expect(text.contains("not saved; the changes are kept in \(folder)/sessions/.autosave/discarded/"), "\(text)")
            #expect(discarded.count == (answer == "n" ? 2 : 1), "\(discarded)")
        }
    }

    /// The save question on a switch, in its other cases: the end of input (Ctrl-D, a
    /// closed window) switches nothing and writes nothing (it had counted as yes); `open` of
    /// the song open here asks too, and yes saves and then reads the file (it had read the
    /// file first and saved over it after, showing the old song), no opens the file as
    /// saved; a sketch asks; a `[y/N]` question asks again on an answer that is neither.
    @Test func theSaveQuestionCoversReopeningSketchingAndTheEndOfInput() throws {
        func run(_ lines: [String]) throws -> (shell: Shell<ArrayLineReader>, text: String, folder: String) {
            let folder = try temporaryFolder()
            var printed: [String] = []
            var shell = Shell(workspace: makeWorkspace(in: folder), reader: ArrayLineReader(lines: lines), style: Style(colour: false),
                              write: { printed.append($0) })
            _ = shell.run(opening: nil)
            return (shell, printed.joined(separator: "\n"), folder)
        }
        func saved(_ folder: String) throws -> Song { try SessionStore(directory: folder + "/sessions").read(folder + "/sessions/keep.cowrite").song }
        let start = ["new \"Keep\"", "add verse 4", "save", "set tempo=120"]
        // Ctrl-D at the question: nothing switched, the file as saved.
        let ended = try run(start + ["new \"Next\""])
        #expect(ended.text.contains("nothing changed: “Keep” is still open, its changes in the autosave"), "\(ended.text)")
        #expect(try saved(ended.folder).tempo == 100)
        // Reopening the song open here: yes saves it and opens what was saved.
        let yes = try run(start + ["open keep", "y", "song", "quit", "c"])
        #expect(try saved(yes.folder).tempo == 120)
        #expect(yes.shell.workspace.song?.tempo == 120 && !yes.shell.workspace.isDirty, "\(yes.text)")
        #expect(yes.text.contains("saved “Keep” to ") && yes.text.contains(" first\n"), "\(yes.text)")
        // No: the file as saved opens, the changes set aside.
        let no = try run(start + ["open keep", "n", "quit"])
        #expect(try saved(no.folder).tempo == 100 && no.shell.workspace.song?.tempo == 100)
        #expect(no.text.contains("“Keep” not saved; the changes are kept in "), "\(no.text)")
        // A sketch asks, as new does.
        let sketch = try run(start + ["sketch mood=calm seed=2", "c", "quit", "n"])
        #expect(sketch.text.contains("Save “Keep” first? ") || sketch.text.contains("nothing changed: “Keep” is still open"), "\(sketch.text)")
        #expect(sketch.text.contains("nothing changed: “Keep” is still open"))
        #expect(try saved(sketch.folder).tempo == 100)
        // A [y/N] question asks again on anything but yes or no.
        var printed: [String] = []
        var shell = Shell(workspace: makeWorkspace(in: try temporaryFolder()), reader: ArrayLineReader(lines: ["song", "n"]), style: Style(colour: false),
                          write: { printed.append($0) })
        let answer = shell.askYesNo("Replace it? [y/N] ")
        #expect(!answer)
        #expect(printed == ["please answer y (yes) or n (no)"])
    }

    /// At the prompt, a refusal that `--force` overrules is a question: what was found, the
    /// question, and on no what became of it; not an error that names `--force` and then
    /// asks ("error: … was not replaced — add --force …" and "Replace …? [y/N]" had read as
    /// a no and a maybe at once).
    @Test func aRefusalTheWriterMayOverruleIsAQuestionAtThePrompt() throws {
        let folder = try temporaryFolder()
        let notes = folder + "/notes.txt"
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: notes))
        var printed: [String] = []
        var shell = Shell(workspace: makeWorkspace(in: folder),
                          reader: ArrayLineReader(lines: ["new \"Q\"", "add verse 4", "chords verse = | C | G | Am | F |",
                                                          "export chordpro \(notes)", "n", "export chordpro \(notes)", "y", "quit", "n"]),
                          style: Style(colour: false), write: { printed.append($0) })
        _ = shell.run(opening: nil)
        let text = printed.joined(separator: "\n")
        #expect(text.contains("\(notes) was not written by Cowrite\nleft as it is\n"), "\(text)")
        let asked = text.components(separatedBy: "left as it is").first ?? ""
        #expect(!asked.contains("error:") && !asked.contains("--force"), "\(asked)")
        #expect(text.contains("wrote \(notes)"), "\(text)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8).hasPrefix("{title: Q}"))
        // Each refusal the prompt asks about says what it found and nothing of --force.
        let found = [
            (REPLError.wouldReplace(path: "b.cowrite", title: "B"), "b.cowrite holds another song (“B”)"),
            (REPLError.changedOnDisk(path: "a.cowrite"), "a.cowrite was changed by another program since Cowrite read it; your song is still open here"),
            (REPLError.render(.foreignFolder(path: "out", files: "notes.txt", replacing: "")), "out holds files Cowrite did not write (notes.txt)"),
            (REPLError.render(.notOurs(path: "mix.wav", reason: "was not written by Cowrite, so it was not replaced — add --force to replace it, or write somewhere else")),
             "mix.wav was not written by Cowrite"),
        ]
        for (error, said) in found {
            #expect(error.forceQuestion != nil && error.forcePrelude == said, "\(error.forcePrelude)")
        }
    }

    /// At the prompt, a new key asks whether to move the music, as a question and not as an
    /// error; cancelled, it says why nothing changed.
    @Test func setKeyAtThePromptAsksRatherThanErrs() throws {
        for (answer, key, error) in [("y", "E", false), ("n", "E", false), ("c", "C", true)] {
            var printed: [String] = []
            var shell = Shell(workspace: makeWorkspace(in: try temporaryFolder()),
                              reader: ArrayLineReader(lines: ["new \"Q\" key=C", "add verse 1", "chords verse = | C |", "set key=E", answer]),
                              style: Style(colour: false), write: { printed.append($0) })
            _ = shell.run(opening: nil)
            #expect(shell.workspace.song?.key.description == key)
            #expect(printed.contains { $0.contains("the music is written in C — add move=yes") } == error, "\(printed)")
            #expect(shell.workspace.song?.section(named: "verse")?.chords?.changes.first?.symbol == (answer == "y" ? "E" : "C"))
        }
    }

    /// At the prompt, an arc that changes the mood under the engine's parts asks whether to
    /// redraw them; yes runs the arc with redraw=yes as one step, no leaves them and says so.
    @Test func arcAtThePromptAsksToRedraw() throws {
        for answer in ["y", "n"] {
            let folder = try temporaryFolder()
            var printed: [String] = []
            var shell = Shell(workspace: makeWorkspace(in: folder),
                              reader: ArrayLineReader(lines: ["sketch mood=calm form=verse,chorus seed=4 --accept", "arc energetic", answer]),
                              style: Style(colour: false), write: { printed.append($0) })
            _ = shell.run(opening: nil)
            let text = printed.joined(separator: "\n")
            #expect(text.contains("the parts of verse, chorus stay as they were written"))
            let steps = shell.workspace.history.past.map(\.label)
            #expect(steps.last?.hasPrefix("arc energetic") == true, "\(steps)")
            #expect(steps.count == 2, "\(steps)")
            let melody = try #require(shell.workspace.song?.section(named: "verse")?.melody)
            let why = try shell.workspace.perform("why verse")
            if answer == "y" {
                #expect(text.contains("redrawn for the new arc"))
                #expect(melody.provenance.origin.parameters?["mood"] == "energetic")
                #expect(!why.contains("not for energetic"), "\(why)")
            } else {
                #expect(!text.contains("redrawn for the new arc"))
                #expect(why.contains("written for calm, not for energetic"), "\(why)")
            }
        }
        // In a script nothing is asked: the line says what to type.
        var workspace = try start(["sketch mood=calm form=verse,chorus seed=4 --accept"])
        #expect(try workspace.perform("arc energetic").hasSuffix("`arc … redraw=yes` writes the engine's parts again for the new arc"))
        #expect(workspace.followUp != nil)
        _ = try workspace.perform("song")
        #expect(workspace.followUp == nil)
        // The same arc again with redraw=yes redraws the parts written for the old mood (it
        // had said only "arc set"), and once redrawn, says there is nothing left to redraw.
        let again = try workspace.perform("arc energetic redraw=yes")
        #expect(again.contains("redrawn for the new arc"), "\(again)")
        #expect(!(try workspace.perform("why verse")).contains("not for energetic"))
        #expect(try workspace.perform("arc energetic redraw=yes").hasSuffix("nothing to redraw: every part the engine wrote was written for its section's mood as it is now"))
    }

    /// Moods joined by "to" in a sketch's words are an arc, as with ->; a mood or arc given by
    /// name wins over the words' and the line that says what was understood says so.
    @Test func aSketchReadsMoodsJoinedByToAsAnArcAndSaysWhichMoodWins() throws {
        var workspace = try start([])
        let arc = try workspace.perform("sketch \"sad to hopeful\" seed=1")
        #expect(arc.hasPrefix("understood: sad · hopeful · "), "\(arc)")
        #expect(arc.contains("arc sad->hopeful"), "\(arc)")
        let named = try workspace.perform("sketch \"Night Drive\" mood=dark seed=1")
        #expect(named.hasPrefix("understood: night: dreamy"), "\(named)")
        #expect(named.contains("; mood=dark wins over the words' mood"), "\(named)")
    }

    /// By scale steps the key stays and the music moves inside it: I becomes ii, V7 vi7 (and IVmaj7 a step down), a
    /// melody's third stays a third of the key.
    @Test func theSongMovesByScaleSteps() throws {
        var workspace = try start(Self.song + ["melody verse = C5/2 E5/2 | F5/1 | D5/1 | C5/1"])
        #expect(try workspace.perform("transpose 1 diatonic") == "the song transposed up 1 scale step: 3 parts in 2 sections, still in C")
        let song = try #require(workspace.song)
        #expect(song.section(named: "verse")?.chords?.changes.map(\.symbol) == ["Dm", "Em", "Am7", "Dm"])
        #expect(song.section(named: "bridge")?.chords?.changes.map(\.symbol) == ["Bdim", "G", "Dm", "Am"])
        #expect(song.section(named: "verse")?.melody?.notes.map(\.pitch.description) == ["D5", "F5", "G5", "E5", "D5"])
        #expect(song.key.description == "C")
        _ = try workspace.perform("undo")
        #expect(workspace.song?.section(named: "verse")?.chords?.changes.map(\.symbol) == ["C", "Dm", "G7", "C"])
        #expect(try workspace.perform("transpose verse -1 diatonic").hasPrefix("verse transposed down 1 scale step"))
        #expect(workspace.song?.section(named: "verse")?.chords?.changes.map(\.symbol) == ["Bdim", "C", "Fmaj7", "Bdim"])
    }

    @Test func anEditThatChangesNothingIsNotAStepToUndo() throws {
        var workspace = try start(Self.song)
        #expect(try workspace.perform("set tempo=100") == "nothing changed: the song already has tempo=100")
        // Said in the words the song holds, not the synonym typed.
        _ = try workspace.perform("set mood=nostalgic")
        let again = try workspace.perform("set mood=wistful")
        #expect(again.contains("nothing changed: the song already has mood=nostalgic") && !again.contains("mood=wistful"), "\(again)")
        #expect(workspace.history.past.count == 5)
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        #expect(workspace.song?.section(named: "bridge")?.chords == nil)
    }

    /// Going to another song and back keeps the undo history of the first in this window
    /// (it had been empty after `open`), but only onto the song as it was left: a file
    /// changed since on disk gets none.
    @Test func undoSurvivesGoingToAnotherSongAndBack() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        for line in ["new \"First\" key=C", "add verse 4", "chords verse = | C | F | G | C |", "new \"Second\" key=G", "add chorus 2"] {
            _ = try workspace.perform(line)
        }
        let back = try workspace.perform("open first")
        #expect(back.hasSuffix("1 section, 4 bars\n(`undo` goes back through the 2 changes made to it earlier in this window)"), "\(back)")
        #expect(try workspace.perform("undo") == "undid: chords verse = | C | F | G | C |")
        #expect(workspace.song?.section(named: "verse")?.chords == nil)
        // The second song kept its own, and the first its undone step to redo.
        #expect(try workspace.perform("open second").contains("goes back through the 1 change made"))
        _ = try workspace.perform("open first")
        #expect(try workspace.perform("redo") == "redid: chords verse = | C | F | G | C |")
        // Changed on disk while away (another window, an editor): its history is not applied.
        _ = try workspace.perform("open second")
        var other = makeWorkspace(in: folder)
        _ = try other.perform("open first")
        _ = try other.perform("add bridge 2")
        _ = try other.perform("save")
        other.close()
        let changed = try workspace.perform("open first")
        #expect(!changed.contains("goes back through"), "\(changed)")
        #expect(workspace.song?.section(named: "bridge") != nil)
        #expect(throws: REPLError.self) { try workspace.perform("undo") }
    }

    /// A calm section asks for a chord every two bars, but not under a melody already
    /// written there, unless the writer asks for that rate (a newcomer's charts all clashed).
    @Test func chordsUnderAMelodyComeABarAtATime() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Slow\" key=C mood=calm", "add verse 4"] { _ = try workspace.perform(line) }
        #expect(try workspace.perform("chords verse n=1 seed=2").hasPrefix("chords for verse in C — ballad, calm, cadence open, a chord every two bars, seed 2"))
        _ = try workspace.perform("melody verse = E5/2 G5/2 | F5/2 D5/2 | E5/2 C5/2 | D5/1")
        #expect(try workspace.perform("chords verse n=1 seed=2").hasPrefix("chords for verse in C — ballad, calm, cadence open, a chord a bar (under the melody already here; `rate=0.5` asks for one every two bars), seed 2"))
        let slow = try workspace.perform("chords verse n=1 seed=2 rate=0.5")
        #expect(slow.hasPrefix("chords for verse in C — ballad, calm, cadence open, a chord every two bars, seed 2"))
        // A clash names both bars its chord holds (it had named bar 1 for the F5 of bar 2).
        #expect(slow.contains("✗ under the melody already here: C in bars 1–2 clashes with the melody's F5 (a half step over its E)"), "\(slow)")
    }

    /// A melody asked for beside one already sung is pitched for the same voice: a chorus
    /// over its verse (a newcomer's chorus had come out under their verse), and says so.
    @Test func aChorusMelodyIsPitchedOverTheVerseAlreadySung() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Boats\" key=Am", "add verse 4", "add chorus 4", "chords verse = | Am | F | C | G |", "chords chorus = | F | G | Am | Am |",
                     "melody verse = G4/4 A4/4 C5/2 | F5/4 E5/4 D5/2 | C5/4 A4/4 G4/2 | A4/1"] { _ = try workspace.perform(line) }
        let listing = try workspace.perform("melody chorus n=4 seed=3")
        #expect(listing.hasPrefix("melodies for chorus in Am, sung G4–Bb5 for the verse already sung (`range=` sets it) — seed 3"), "\(listing)")
        func median(_ notes: [Note]) -> Int { notes.map(\.pitch.midi).sorted()[notes.count / 2] }
        let verse = median(try #require(workspace.song?.section(named: "verse")?.melody?.notes))
        for suggestion in try #require(workspace.pending?.suggestions) {
            let notes = try #require({ if case .notes(let notes)? = suggestion.part { notes } else { nil } }())
            #expect(median(notes) >= verse, "\(suggestion.label)")
        }
        // Asked with a range, the range as asked.
        #expect(try workspace.perform("melody chorus n=1 seed=3 range=C4..C5").hasPrefix("melodies for chorus in Am — seed 3"))
        // The range spelled in the key: G♯, not A♭, in A major (a band leader's "F4–Ab5").
        for line in ["new \"Sharp\" key=A", "add verse 2", "add bridge 2", "chords verse = | A | E |", "chords bridge = | D | E |",
                     "melody verse = E5/2 F#5/2 | G#5/1"] { _ = try workspace.perform(line) }
        let sharp = try workspace.perform("melody bridge n=1 seed=2")
        #expect(sharp.hasPrefix("melodies for bridge in A, sung C5–D#6 for the verse already sung"), "\(sharp)")
    }

    @Test func aSecondSketchNamesTheSongItBecomes() throws {
        let workspace = try start(["sketch \"Alpha\" seed=1", "sketch \"Beta\" seed=2", "accept all"])
        #expect(workspace.song?.title == "Beta")
        #expect(workspace.history.past.last?.label == "accept all (sketch “Beta”, seed 2)")
    }

    /// A chart's numerals are set in columns by the characters a writer sees: a double flat
    /// (two UTF-16 units) had cut the last letter of the numeral after it ("𝄫I i" for
    /// Cbb Dm), and a long alternative's numeral ran into its kind.
    @Test func chartColumnsKeepEveryLetter() throws {
        var workspace = try start(Self.song)
        let chart = try workspace.perform("chords verse = | Cbb Dm | Cb Em | E## | B Em |")
        #expect(chart.contains("  | Cbb Dm | Cb Em  | E##  | B Em      |\n    𝄫I  ii   ♭I iii   𝄪III   V/iii iii"))
        // Each numeral under its own chord in the bar, never run into the one before.
        #expect(SectionView.aligned(["iii", "V7/ii"], under: "Em A7") == "iii V7/ii")
        #expect(SectionView.aligned(["I", "V7"], under: "C . G7 .") == "I   V7")
        #expect(SectionView.aligned(["𝄫I", "ii"], under: "Cbb Dm") == "𝄫I  ii")
        #expect("vii°65/iii".column(9) == "vii°65/iii ")
        #expect("V/V".column(9) == "V/V      ")
    }

    /// `instrument PART` alone says what the part plays, and changes nothing.
    @Test func instrumentAloneSaysWhatThePartPlays() throws {
        var workspace = try start(["new \"Play\" mood=calm"])
        #expect(try workspace.perform("instrument melody") == "melody plays acoustic-grand-piano (General MIDI 0), the calm mood's choice (`instrument melody NAME` sets one)")
        _ = try workspace.perform("instrument melody violin")
        #expect(try workspace.perform("instrument melody") == "melody plays violin (General MIDI 40)")
        #expect(workspace.history.past.count == 1)
        // A name of two words needs no quotes.
        #expect(try workspace.perform("instrument chords electric piano") == "chords plays electric-piano-1 (General MIDI 4)")
        // "808" on the bass is the 808's bass, not a program number out of range.
        #expect(try workspace.perform("instrument bass 808") == "bass plays synth-bass-1 (General MIDI 38)")
        // The drums pick a kit: brushes, the jazz kit, the TR-808 …, played on channel 10
        // with the kit's program (song.mid's drum track carries it).
        #expect(try workspace.perform("instrument drums") == "drums play the standard kit (General MIDI drum kit 0, channel 10) (`instrument drums brushes` picks another)")
        #expect(try workspace.perform("instrument drums brushes") == "drums play the brushes kit (General MIDI drum kit 40, channel 10)")
        #expect(workspace.song?.program(of: .drums) == 40)
        #expect(message(of: { try workspace.perform("instrument drums bongos") }).hasPrefix("unknown drum kit \"bongos\""))
    }

    @Test func oneBarOrOneBeatChanges() throws {
        var workspace = try start(Self.song + ["chords verse bar 3 = Bbmaj7", "chords verse 4 = C . . G7"])
        let changes = try #require(workspace.song?.section(named: "verse")?.chords?.changes)
        #expect(changes.map(\.symbol) == ["C", "Dm", "Bbmaj7", "C", "G7"])
        #expect(changes.map(\.start) == [0, 3840, 7680, 11520, 11520 + 2880])
        #expect(throws: REPLError.self) { try workspace.perform("chords verse bar 5 = C") }
        // A bar written inside a chord that rings for two bars: it keeps sounding after it.
        let held = [ChordChange(start: 0, chord: try Chord(parsing: "C")), ChordChange(start: 7680, chord: try Chord(parsing: "G"))]
        let replaced = try ChordChart.replacing(held, bars: [[try Chord(parsing: "F")]], from: 1, meter: .fourFour, length: 15360)
        #expect(replaced.map(\.symbol) == ["F", "C", "G"])
        #expect(replaced.map(\.start) == [0, 3840, 7680])
    }

    @Test func theWholeSongMovesKeyWithItsMusic() throws {
        var workspace = try start(["new \"Up\" key=Dm", "add verse 2", "chords verse = | Dm | Bb A7 |", "melody verse = D5/2 F5/2 | E5/1",
                                   "add chorus 1", "set chorus key=F", "chords chorus = | F |"])
        #expect(throws: REPLError.self) { try workspace.perform("set key=Em") }
        _ = try workspace.perform("set key=Em move=yes")
        let song = try #require(workspace.song)
        #expect(song.key.description == "Em")
        #expect(song.section(named: "verse")?.chords?.changes.map(\.symbol) == ["Em", "C", "B7"])
        #expect(song.section(named: "verse")?.melody?.notes.map(\.pitch.description) == ["E5", "G5", "F#5"])
        // A section with its own key moves with the song.
        #expect(song.section(named: "chorus")?.key?.description == "G")
        #expect(song.section(named: "chorus")?.chords?.changes.map(\.symbol) == ["G"])
        _ = try workspace.perform("transpose -2")
        #expect(workspace.song?.key.description == "Dm")
        _ = try workspace.perform("transpose verse to=Am")
        #expect(workspace.song?.section(named: "verse")?.key?.description == "Am")
        #expect(workspace.song?.section(named: "verse")?.chords?.changes.map(\.symbol) == ["Am", "F", "E7"])
        _ = try workspace.perform("set key=C minor move=no")
        #expect(workspace.song?.key.description == "Cm")
        // The relative key has the same notes: only the name changes, and the reply says so.
        #expect(try workspace.perform("set key=Eb") == "set song: key=Eb; Eb has Cm's notes, so the music stays as written, read in Eb")
        #expect(workspace.song?.section(named: "verse")?.chords?.changes.map(\.symbol) == ["Am", "F", "E7"])
        // Another mode is asked about, as a move is: nothing changes until move=no.
        #expect(throws: REPLError.self) { try workspace.perform("set key=Gm") }
        #expect(workspace.song?.key.description == "Eb")
        _ = try workspace.perform("set key=Gm move=no")
        #expect(workspace.song?.key.description == "Gm")
        // With no music written a key of either mode is only a key, moved or not.
        var empty = makeWorkspace(in: try temporaryFolder())
        _ = try empty.perform("new \"Blank\" key=G")
        _ = try empty.perform("add verse 4")
        _ = try empty.perform("set key=Bbm move=yes")
        #expect(empty.song?.key.description == "Bbm")
    }
}

/// Tab offers what the next word may be, and nothing already typed.
@Suite("Completion as typed")
struct CompletionFlowTests {
    func offered(_ before: String, song: Song? = nil, sessions: [String] = []) -> [String] {
        let help = HelpLibrary(folder: projectRoot.appendingPathComponent("help").path)
        return Completion.candidates(before: before, word: "", song: song, help: help, sessions: { sessions })
    }

    /// This stop's new option completes with the command's others: `import … from=`.
    @Test func importsFromCompletes() throws {
        var song = Song(title: "T", key: try Key(parsing: "C"), tempo: 90)
        try song.addSection("chorus", bars: 4)
        let offered = offered("import take.mid into chorus ", song: song)
        #expect(offered.contains("from=") && offered.contains("track="), "\(offered)")
    }

    /// Learned styles complete where a style is taken, and for `unlearn`; the styles folder
    /// is read only then.
    @Test func learnedStylesCompleteWhereTheyAreTaken() {
        let help = HelpLibrary(folder: projectRoot.appendingPathComponent("help").path)
        var reads = 0
        func offered(_ before: String) -> [String] {
            Completion.candidates(before: before, word: "", song: nil, help: help, sessions: { [] }, styles: { reads += 1; return ["mine"] })
        }
        #expect(offered("chords verse style=").contains("mine"))
        #expect(offered("chords verse style=").contains("pop"))
        #expect(offered("sketch style=").contains("mine"))
        #expect(!offered("pad verse style=").contains("mine"))
        #expect(offered("unlearn ") == ["mine"])
        #expect(offered("unlearn mine ").isEmpty)
        let before = reads
        _ = offered("chords verse ")
        _ = offered("melody verse range=")
        #expect(reads == before)
    }

    @Test func instrumentNamesCompleteAfterThePart() {
        let names = offered("instrument melody ")
        #expect(names.contains("cello") && names.contains("piano"))
        #expect(!names.contains("chords"))
    }

    /// `transpose song up 2` is how musicians say it: Tab offers up and down where a number may come.
    @Test func transposeOffersUpAndDown() {
        #expect(offered("transpose song ").contains("up") && offered("transpose song ").contains("down"))
        #expect(offered("transpose ").contains("up") && offered("transpose ").contains("song"))
        #expect(offered("transpose song melody ") == ["to="])
    }

    /// `import`'s options complete, and the words `repeats=` takes.
    @Test func importOptionsComplete() {
        #expect(offered("import song.mid ").contains("repeats=") && offered("import song.mid ").contains("track="))
        #expect(offered("import song.mid repeats=") == ["once", "apart"])
    }

    @Test func keysCompleteAfterToAndKey() {
        #expect(offered("transpose to=").contains("Bb") && offered("transpose to=").contains("F#m"))
        #expect(offered("new \"X\" key=").count == 24)
    }

    @Test func aFlagOnTheLineIsNotOfferedAgain() {
        #expect(offered("open ") == ["--read-only", "--saved"])
        #expect(offered("open --read-only ") == ["--saved"])
        #expect(offered("open ", sessions: ["demo"]) == ["demo", "--read-only", "--saved"])
        #expect(offered("open demo ", sessions: ["demo"]) == ["--read-only", "--saved"])
        // `recover` guesses no autosave's name; once one is typed, its flag.
        #expect(offered("recover ") == [] && offered("recover alpha ") == ["--discard"])
        #expect(!offered("render --stems ").contains("--stems"))
    }

    @Test func hitAndNoteTakeTheirWordsInEitherOrder() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Order\"", "add verse 2", "hit verse snare 1.2", "hit verse 2.2 snare", "note verse 1.1 E5/4", "note verse G5/4 2.1"] {
            _ = try workspace.perform(line)
        }
        #expect(workspace.song?.section(named: "verse")?.drums?.hits.map(\.start) == [960, 4800])
        #expect(workspace.song?.section(named: "verse")?.melody?.notes.map(\.pitch.description) == ["E5", "G5"])
        #expect(throws: REPLError.self) { try workspace.perform("note verse d5/4 1.3") }
        do { _ = try workspace.perform("note verse d5/4 1.3") } catch {
            #expect("\(error)" == "\"d5/4\" is not a note — did you mean D5/4? Letter names are upper case (see `help notes`)")
        }
    }
}

/// The command line as the README describes it.
@Suite("The command line, installed and scripted")
struct CommandLineFlowTests {
    @Test func runDashReadsStandardInputAndRenderTakesOutput() throws {
        let folder = try temporaryFolder()
        let made = try cowrite(["run", "-"], in: folder, input: "new \"Dash\"\nadd verse 1\nchords verse = | C |\nsave dash\n")
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.contains("saved “Dash” to sessions/dash.cowrite"))
        // A bad argument is a usage error: exit 2, one line.
        let bad = try cowrite(["render", "dash", "--format", "mp3"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.errors == "error: format=mp3: the formats are wav, flac and ogg\n")
        let rendered = try cowrite(["render", "dash", "--output", "out"], in: folder)
        #expect(rendered.status == 0, "\(rendered.errors)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/mix.wav"))
    }

    /// A binary laid out as `make install` lays it out (PREFIX/bin, PREFIX/share/cowrite/help)
    /// finds its help from any folder with no COWRITE_HELP; alone, it says where it looked.
    /// (`make install-check`, run by CI, installs the release build itself the same way.)
    @Test func anInstalledBinaryFindsItsHelp() throws {
        let folder = try temporaryFolder()
        let fileManager = FileManager.default
        let helpSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../help").standardized.path
        for place in ["prefix/bin", "prefix/share/cowrite", "alone", "elsewhere"] {
            try fileManager.createDirectory(atPath: "\(folder)/\(place)", withIntermediateDirectories: true)
        }
        try fileManager.copyItem(atPath: cowriteBinary, toPath: "\(folder)/prefix/bin/cowrite")
        try fileManager.copyItem(atPath: helpSource, toPath: "\(folder)/prefix/share/cowrite/help")
        try fileManager.copyItem(atPath: cowriteBinary, toPath: "\(folder)/alone/cowrite")
        func helpChords(_ binary: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["run", "-"]
            process.currentDirectoryURL = URL(fileURLWithPath: "\(folder)/elsewhere")
            process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "COWRITE_HELP" }
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            try input.fileHandleForWriting.write(contentsOf: Data("help chords\n".utf8))
            try input.fileHandleForWriting.close()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        #expect(try helpChords("\(folder)/prefix/bin/cowrite").hasPrefix("# chords — write chords, or ask for progressions"))
        #expect(try helpChords("\(folder)/alone/cowrite").contains("the help pages are missing (looked in \(folder)/elsewhere/help)"))
    }

    /// Long output on a small terminal pages through `less`, which takes the keys typed
    /// (it is in the terminal's foreground group, not stopped); `q` gives the prompt back.
    @Test func longOutputPagesAndTheREPLCarriesOn() throws {
        let folder = try temporaryFolder()
        let (status, screen) = try OutsideTool.testTool("pty_session.py", [cowriteBinary, folder, "12", "help\\n", "q", "quit\\n"])
        #expect(status == 0, "\(screen.suffix(400))")
        #expect(!screen.hasPrefix("HUNG"))
        #expect(screen.contains("songs and sessions:"))
        #expect(screen.components(separatedBy: "cowrite").count >= 3, "the prompt came back after the pager")
    }

    @Test func noColorCountsOnlyWhenSetAndNotEmpty() {
        // Off the terminal there is never colour; on one, NO_COLOR="" leaves it on.
        #expect(!Style.detect(environment: ["NO_COLOR": "1"]).colour)
        #expect(Style.detect(environment: ["NO_COLOR": ""]).colour == (isatty(STDOUT_FILENO) == 1))
    }
}
