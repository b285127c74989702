import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel
import Testing
@testable import REPL

@Suite("Asking the engine at the prompt")
struct EngineCommandTests {
    func rainOnGlass() throws -> Workspace {
        var workspace = makeWorkspace(in: try temporaryFolder())
        workspace.seeds = { 1234 }
        for line in try script("rain-on-glass.txt").dropLast() { _ = try workspace.perform(line) }
        return workspace
    }

    /// A groove named in words is the groove asked for: "half-time" had not been understood,
    /// and a busy pop bar came back.
    @Test func aGrooveInWordsIsTheStyleAskedFor() throws {
        var workspace = try rainOnGlass()
        let output = try workspace.perform("groove verse prompt=\"half-time and sparse\" n=1 seed=2")
        #expect(output.hasPrefix("understood: half-time: the half-time groove · sparse: softer → style=half-time energy=0.45\n"), "\(output)")
        #expect(output.contains("\n1. half-time, "), "\(output)")
        // Its own groove: the snare on 3 and eighth-note hats, not trap's rolls.
        let groove = try #require(workspace.pending?.suggestions.first?.groove)
        // (The last bar aside: its fill.)
        #expect(groove.hits.filter { $0.key == DrumKit.snare && $0.velocity > 50 && $0.start < 7 * 3840 }.allSatisfy { $0.start % 3840 == 1920 })
        #expect(groove.hits.filter { $0.key == DrumKit.hat }.allSatisfy { $0.start % 480 == 0 })
    }

    /// A groove asked with no style plays the style the section's chords were asked in, then
    /// the mood's own: a newcomer's nostalgic folk-pop song had taken a shuffle (and a
    /// walking bass after it), and jazz chords took the mood's groove.
    @Test func aGrooveWithNoStyleFollowsTheChordsThenTheMood() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Pier\" key=D mood=nostalgic", "add verse 4", "add chorus 4", "chords verse = | D | G | A | D |"] {
            _ = try workspace.perform(line)
        }
        #expect(try workspace.perform("groove verse n=1 seed=3").contains("\n1. folk, "))
        _ = try workspace.perform("chords chorus style=jazz n=1 seed=3")
        _ = try workspace.perform("accept 1")
        let chorus = try workspace.perform("groove chorus n=1 seed=3")
        #expect(chorus.contains("\n1. jazz, "), "\(chorus)")
    }

    /// A blues asked for a cadence other than its own says the cadence is not used: the
    /// heading had read "cadence plagal" over a chart ending C7 G7.
    @Test func aBluesSaysACadenceItDoesNotPlay() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Blue\" key=C", "add tag 2"] { _ = try workspace.perform(line) }
        let plagal = try workspace.perform("chords tag style=blues cadence=plagal n=1 seed=3")
        #expect(plagal.contains("(the blues ends on its turnaround's V: cadence=plagal does not change it)"), "\(plagal)")
        #expect(plagal.contains("| G7") || plagal.contains("| G9"), "\(plagal)")
        #expect(!(try workspace.perform("chords tag style=blues n=1 seed=3")).contains("does not change it"))
    }

    /// `export midi` of a song with nothing to play says so as an export.
    @Test func anEmptyExportSaysSo() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Empty\" key=C", "add verse 4"] { _ = try workspace.perform(line) }
        #expect(message { try workspace.perform("export midi") } == "nothing to export as MIDI: no section in the form has chords or a melody yet; write some with `chords` or `melody`")
    }

    /// A refit of a line already on its chords says so: it had read "no suggestions came
    /// out of this request; try another style or `again`" where no style was given.
    @Test func aRefitOfALineThatFitsSaysItFits() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Fit\" key=C", "add verse 2", "chords verse = | C | G |", "melody verse = E4/4 D4/4 G4/4 F4/4 | D4/4 C4/4 B3/2"] {
            _ = try workspace.perform(line)
        }
        #expect(message { try workspace.perform("vary verse technique=refit") } == "verse's line already fits its chords: every note on a strong beat, or held through one, is a tone of the chord there, so a refit would change nothing — `vary verse` offers other variations")
        // A line off its chords is refitted as before.
        _ = try workspace.perform("melody verse = F4/4 D4/4 A4/4 F4/4 | D4/4 C4/4 B3/2")
        #expect(try workspace.perform("vary verse technique=refit").contains("\n1. "))
    }

    /// Accepting a suggestion over a part the writer typed says so, and `undo` brings it
    /// back; over the engine's own part nobody touched, nothing more is said.
    @Test func acceptingOverTheWritersPartSaysSo() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Porch\" key=C tempo=90", "add verse 2", "chords verse = | C | G |", "melody verse = C5/2 D5/2 | E5/1"] {
            _ = try workspace.perform(line)
        }
        let typed = workspace.song
        _ = try workspace.perform("melody verse n=1 seed=5")
        let first = try workspace.perform("accept 1")
        #expect(first.hasSuffix("\nnote: this replaces the melody Ana wrote (3 notes) — `undo` brings it back"), "\(first)")
        _ = try workspace.perform("melody verse n=1 seed=6")
        #expect(!(try workspace.perform("accept 1")).contains("this replaces"))
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        #expect(workspace.song == typed)
        _ = try workspace.perform("chords verse n=1 seed=3")
        #expect((try workspace.perform("accept 1")).hasSuffix("\nnote: this replaces the chords Ana wrote (2 chords) — `undo` brings it back"))
        // The engine's groove copied to another section is still the engine's: replacing it
        // there says nothing (it had said "the drums with Ana's edits"); edited after the
        // copy, it names the editor.
        _ = try workspace.perform("add chorus 2")
        _ = try workspace.perform("groove verse n=1 seed=3")
        _ = try workspace.perform("accept 1")
        _ = try workspace.perform("copy-groove verse chorus")
        _ = try workspace.perform("groove chorus n=1 seed=4")
        #expect(!(try workspace.perform("accept 1")).contains("this replaces"))
        _ = try workspace.perform("copy-groove verse chorus")
        _ = try workspace.perform("hit chorus kick 1.2")
        _ = try workspace.perform("groove chorus n=1 seed=5")
        let replaced = try workspace.perform("accept 1")
        #expect(replaced.contains("\nnote: this replaces the drums with Ana's edits ("), "\(replaced)")
    }

    @Test func theSameSeedGivesTheSameList() throws {
        var a = try rainOnGlass(), b = try rainOnGlass()
        let first = try a.perform("chords chorus seed=99 style=pop")
        // A reason all of them give comes once, above them.
        #expect(first.hasPrefix("chords for chorus in Cm — pop, sad, cadence closed, a chord a bar, seed 99\nall of them:\n   · "), "\(first)")
        #expect(first.contains("\n1. "))
        #expect(try b.perform("chords chorus seed=99 style=pop") == first)
        #expect(try b.perform("chords chorus seed=100 style=pop") != first)
        // No seed: the workspace's seed source decides, and the list says which.
        #expect(try a.perform("chords chorus style=pop").contains("seed 1234"))
    }

    @Test func acceptUndoRedoAreExact() throws {
        var workspace = try rainOnGlass()
        let before = workspace.song
        _ = try workspace.perform("chords chorus seed=5 n=3")
        let output = try workspace.perform("accept 2")
        #expect(output.hasPrefix("accepted 2 into chorus: "))
        let accepted = workspace.song
        let chorus = try #require(accepted?.section(named: "chorus")?.chords)
        #expect(chorus.provenance.origin.kind == .generator)
        #expect(chorus.provenance.origin.name == "harmony")
        #expect(chorus.provenance.origin.seed == 5)
        #expect(chorus.provenance.origin.parameters?["rank"] == "2")
        #expect(chorus.provenance.acceptedAt == Date(timeIntervalSince1970: 1_790_000_000))
        _ = try workspace.perform("undo")
        #expect(workspace.song == before)
        _ = try workspace.perform("redo")
        #expect(workspace.song == accepted)
        // Accepted suggestions are autosaved like any change.
        let saved = try workspace.store.read(try #require(workspace.autosavePath))
        #expect(saved.song == accepted)
    }

    @Test func moreNumbersOnAndAgainMovesTheSeed() throws {
        var workspace = try rainOnGlass()
        _ = try workspace.perform("chords verse seed=8 n=2 style=pop")
        let more = try workspace.perform("more")
        #expect(more.hasPrefix("3. "))
        #expect(workspace.pending?.suggestions.count == 4)
        let again = try workspace.perform("again")
        #expect(!again.contains("seed 8\n"))
        #expect(workspace.pending?.suggestions.count == 2)
        #expect(try workspace.perform("drop") == "dropped 2 suggestions for verse")
        #expect(throws: REPLError.self) { try workspace.perform("accept 1") }
    }

    @Test func harmonizeAcceptsIntoTheSectionWithTheMelody() throws {
        var workspace = try rainOnGlass()
        let output = try workspace.perform("harmonize verse seed=3 n=2")
        #expect(output.contains("1. fits the melody: 100% of strong beats on chord tones"))
        _ = try workspace.perform("accept 1")
        #expect(workspace.song?.section(named: "verse")?.chords?.provenance.origin.name == "harmonizer")
        let blame = try workspace.perform("blame verse chords")
        #expect(blame.contains("written by harmonizer \(Harmonizer.version), seed 3, cadence=open mood=sad n=2 rank=1 rate=1 section=verse style=ballad"))
        _ = try workspace.perform("chords verse = | Cm | Fm | Cm | G | Cm | Fm | G | Cm |")
        let after = try workspace.perform("blame verse chords")
        #expect(after.contains("written by harmonizer \(Harmonizer.version)"))
        #expect(after.contains("edited by Ana: bars 4, 5, 6, 7, 8") || after.contains("edited by Ana: "))
    }

    @Test func nextAndAltReadTheSection() throws {
        var workspace = try rainOnGlass()
        let next = try workspace.perform("next verse bar=1 style=pop mood=hopeful")
        #expect(next.hasPrefix("next chord after Cm (bar 1 of verse) in Cm — pop, hopeful\n"))
        let percentages = next.split(separator: "\n").dropFirst().compactMap { line -> Int? in
            guard let percent = line.split(separator: " ").first(where: { $0.hasSuffix("%") }) else { return nil }
            return Int(percent.dropLast())
        }
        #expect((97...103).contains(percentages.reduce(0, +)))
        let alt = try workspace.perform("alt verse 2")
        #expect(alt.hasPrefix("alternatives for Ab (♭VI) in bar 2 of verse:\n"))
        #expect(alt.contains("relative: "))
        #expect(alt.contains("✓ keeps the melody consonant"))
    }

    /// `alt` says when the chord there now clashes with the melody, and where every
    /// alternative clashes, the two of the key's chords that split the bar and do not
    /// (a songwriter's eight alternatives had all been ✗, the G already there clashing too,
    /// and nothing said). The split it names is consonant when written.
    @Test func altSaysTheClashAndASplitThatMendsIt() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Alt\" key=C tempo=90", "add bridge 4", "chords bridge = | F | G | Am | G |",
                     "melody bridge = C5/2 E5/4 D5/4 | D5/4 B4/4 C5/2 | C5/2 E5/2 | D5/1"] { _ = try workspace.perform(line) }
        let alt = try workspace.perform("alt bridge 2")
        #expect(alt.hasPrefix("alternatives for G (V) in bar 2 of bridge — G itself clashes with the melody's C5 (a half step over its B):\n"), "\(alt)")
        #expect(!alt.contains("✓ "))
        #expect(alt.hasSuffix("\nnone keeps the melody consonant; two chords in the bar do: `chords bridge bar 2 = G C`"), "\(alt)")
        _ = try workspace.perform("drop")
        _ = try workspace.perform("chords bridge bar 2 = G C")
        #expect(try workspace.perform("alt bridge 2").hasPrefix("alternatives for G (V) in bar 2 of bridge:\n"))
        #expect(try workspace.perform("alt bridge 1").hasPrefix("alternatives for F (IV) in bar 1 of bridge:\n"))
    }

    @Test func compChangesHowTheChordsArePlayed() throws {
        var workspace = try rainOnGlass()
        #expect(try workspace.perform("comp verse pattern=arpeggio") == "verse chords now comp as arpeggio")
        #expect(workspace.song?.section(named: "verse")?.chords?.comping == .arpeggio)
        #expect(try workspace.perform("comp verse").hasPrefix("verse comps as arpeggio; patterns: block, pulse"))
        _ = try workspace.perform("undo")
        #expect(workspace.song?.section(named: "verse")?.chords?.comping == nil)
        // Named bare, as `feel` takes its feel; two different patterns are refused.
        #expect(try workspace.perform("comp verse pulse") == "verse chords now comp as pulse")
        #expect(workspace.song?.section(named: "verse")?.chords?.comping == .pulse)
        #expect(try workspace.perform("comp verse stabs pattern=stabs") == "verse chords now comp as stabs")
        #expect(throws: REPLError.self) { try workspace.perform("comp verse pulse pattern=ballad") }
        #expect(workspace.song?.section(named: "verse")?.chords?.comping == .stabs)
    }

    /// `groove stats` says the swing a jazz groove plays, and it follows the tempo as
    /// help/groove says: at least 2.5:1 at 60 bpm, at most 1.4:1 at 220 (the listening study
    /// had found 2.0:1 at both, reported as "1.00:1, straight").
    @Test func grooveStatsReportsTheSwingThatFollowsTheTempo() throws {
        func swing(at tempo: Int, style: String) throws -> Double {
            var workspace = try rainOnGlass()
            _ = try workspace.perform("set tempo=\(tempo)")
            let list = try workspace.perform("groove verse style=\(style) seed=7 n=1")
            _ = try workspace.perform("accept 1")
            let stats = try workspace.perform("groove stats verse")
            let line = try #require(stats.split(separator: "\n").first { $0.hasPrefix("  swing ") }, "\(stats)")
            let ratio = try #require(Double(line.dropFirst("  swing ".count).prefix { $0 != ":" }), "\(line)")
            #expect(list.contains(String(format: "swing %.2f:1", ratio)), "the suggestion's label names the same swing: \(list)")
            return ratio
        }
        for style in ["jazz", "shuffle"] {
            let slow = try swing(at: 60, style: style), fast = try swing(at: 220, style: style)
            print(String(format: "groove stats, %@: swing %.2f:1 at 60 bpm, %.2f:1 at 220", style, slow, fast))
            #expect(slow >= 2.5 && fast <= 1.4, "\(style): \(slow) at 60 bpm, \(fast) at 220")
        }
    }

    /// Drums humanized to nothing say why α cannot be measured (not "too few hits").
    @Test func grooveStatsSaysWhyThereIsNoAlpha() throws {
        var workspace = try rainOnGlass()
        _ = try workspace.perform("groove verse style=rock seed=3 n=1")
        _ = try workspace.perform("accept 1")
        _ = try workspace.perform("humanize verse 0")
        let stats = try workspace.perform("groove stats verse")
        #expect(stats.contains("α n/a (no humanizing: every hit where the grid, swing and feel put it)"), "\(stats)")
    }

    /// A drum machine's swing percentage is its ratio: 58% is 58:42, 1.38:1; 66.7% the
    /// triplet's 2:1, the same as 0.5.
    @Test func aSwingPercentageIsADrumMachinesSwing() throws {
        #expect(abs((GrooveCommands.swingAmount("58%") ?? -1) - (58.0 / 42 - 1) / 2) < 1e-12)
        #expect(GrooveCommands.swingAmount("58") == GrooveCommands.swingAmount("58%"))
        #expect(abs((GrooveCommands.swingAmount("66.6667%") ?? -1) - 0.5) < 1e-4 && GrooveCommands.swingAmount("0.5") == 0.5)
        #expect(GrooveCommands.swingAmount("75%") == 1 && GrooveCommands.swingAmount("50%") == 0)
        #expect(GrooveCommands.swingAmount("80%") == nil && GrooveCommands.swingAmount("0.5%") == nil && GrooveCommands.swingAmount("20") == nil)
        var workspace = try rainOnGlass()
        let list = try workspace.perform("groove verse style=funk swing=58% seed=3 n=1")
        #expect(list.contains("swing 1.38:1"), "\(list)")
    }

    /// A groove accepted with `swing=auto` keeps following the tempo: after `set tempo=`
    /// it swings, and is timed, as the same groove asked for at the new tempo; a swing set
    /// by number stays (a songwriter had found 3.50:1 kept at 200 bpm after a tempo change).
    @Test func anAcceptedAutoSwingFollowsALaterTempoChange() throws {
        func accepted(_ line: String, at tempo: Int) throws -> Workspace {
            var workspace = try rainOnGlass()
            _ = try workspace.perform("set tempo=\(tempo)")
            _ = try workspace.perform(line)
            _ = try workspace.perform("accept 1")
            return workspace
        }
        var moved = try accepted("groove verse style=jazz seed=7 n=1", at: 60)
        let reply = try moved.perform("set tempo=220")
        #expect(reply.contains("; the swing follows the tempo (swing=auto): verse 3.50:1 → 1.37:1"), "\(reply)")
        let asked = try accepted("groove verse style=jazz seed=7 n=1", at: 220)
        #expect(moved.song?.section(named: "verse")?.drums?.timing == asked.song?.section(named: "verse")?.drums?.timing)
        #expect(moved.song?.section(named: "verse")?.drums?.hits == asked.song?.section(named: "verse")?.drums?.hits)
        #expect(try moved.perform("groove stats verse").contains("  swing 1.37:1, "))
        var fixed = try accepted("groove verse style=jazz swing=0.5 seed=7 n=1", at: 60)
        #expect(!(try fixed.perform("set tempo=220")).contains("swing follows"))
        #expect(try fixed.perform("groove stats verse").contains("  swing 2.00:1, "))
    }

    @Test func grooveAcceptHumanizeFeelQuantizeAndUndoAreExact() throws {
        var workspace = try rainOnGlass()
        let first = try workspace.perform("groove verse style=rock seed=4 n=2")
        var other = try rainOnGlass()
        #expect(try other.perform("groove verse style=rock seed=4 n=2") == first)
        _ = try workspace.perform("accept 1")
        let accepted = workspace.song
        #expect(accepted?.section(named: "verse")?.drums?.provenance.origin.name == "groove")
        let stats = try workspace.perform("groove stats verse")
        #expect(stats.contains("feel on the beat, humanize 0.50 (α 1.0, seed 4)"))
        _ = try workspace.perform("feel verse laid-back")
        _ = try workspace.perform("humanize verse 0.2")
        _ = try workspace.perform("quantize verse")
        #expect(workspace.song?.section(named: "verse")?.drums?.hits.allSatisfy { $0.offset == 0 } == true)
        // The grid never moves, only the offsets.
        #expect(workspace.song?.section(named: "verse")?.drums?.hits.map(\.start) == accepted?.section(named: "verse")?.drums?.hits.map(\.start))
        for _ in 0..<3 { _ = try workspace.perform("undo") }
        #expect(workspace.song == accepted)
        let show = try workspace.perform("show verse")
        #expect(show.contains("drums — groove \(GrooveGenerator.version) (seed 4), rock"))
        #expect(show.contains("    kick      | "))
    }

    /// A chord struck again in its bar reads as it did first there: a blues bar of C7 C7
    /// before F7 read "I7 V7/IV" (an outside check). Bar 4's C7 alone before F7 is still V7/IV.
    @Test func aChordStruckAgainInItsBarReadsAlike() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("new \"Blues\"")
        _ = try workspace.perform("add verse 12")
        // Two chords a bar, some struck twice, as an engine's part may hold them (a chord
        // written twice in a bar by hand is one, and the blues shows a held bar's chord once).
        _ = try workspace.perform("chords verse mood=tense style=blues seed=2 n=1")
        _ = try workspace.perform("accept 1")
        var song = try #require(workspace.song)
        let symbols = ["C7", "C7", "F7", "F7", "C7", "C7", "C7sus4", "C7"] + Array(repeating: "F7", count: 4) + Array(repeating: "C7", count: 12)
        song.sections[0].chords?.changes = try symbols.enumerated().map { ChordChange(start: $0 * 1920, chord: try Chord(parsing: $1)) }
        workspace.song = song
        let show = try workspace.perform("show verse")
        let chart = show.split(separator: "\n").map(String.init)
        let first = try #require(chart.firstIndex { $0.hasPrefix("  | C7 C7 | F7 F7") }, "\(show)")
        #expect(chart[first] == "  | C7 C7 | F7 F7   | C7 C7 | C7sus4 C7    |")
        #expect(chart[first + 1] == "    I7 I7   IV7 IV7   I7 I7   I7sus4 V7/IV")
    }

    @Test func hitUnhitFillAndCopyGroove() throws {
        var workspace = try rainOnGlass()
        #expect(try workspace.perform("hit verse kick 1.1 vel=110") == "kick at 1.1 in verse, velocity 110")
        _ = try workspace.perform("hit verse snare 1.2")
        _ = try workspace.perform("hit verse hat 2.1.3")
        let drums = try #require(workspace.song?.section(named: "verse")?.drums)
        #expect(drums.hits.map(\.start) == [0, 960, 3840 + 480])
        #expect(drums.provenance.origin == .person("Ana"))
        _ = try workspace.perform("unhit verse snare 1.2")
        #expect(workspace.song?.section(named: "verse")?.drums?.hits.count == 2)
        _ = try workspace.perform("fill verse style=toms")
        #expect(workspace.song?.section(named: "verse")?.drums?.hits.contains { $0.key == 45 } == true)
        _ = try workspace.perform("copy-groove verse chorus")
        #expect(workspace.song?.section(named: "chorus")?.drums?.hits.count == workspace.song?.section(named: "verse")?.drums?.hits.count)
    }

    /// A fill the writer put in a section's last bar and a hand-over that reshapes that bar
    /// (a build, drop or fill) name each other, whichever comes first: the render plays the
    /// hand-over. (A composer's toms fill, drawn in `show`, had been played as a drop, unsaid.)
    @Test func aWrittenFillAndAHandOverOverItAreSaid() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"F\"", "add verse 4", "add chorus 4", "chords verse = C", "chords chorus = F", "groove verse seed=1", "accept 1"] {
            _ = try workspace.perform(line)
        }
        #expect(try workspace.perform("fill verse style=toms") == "toms fill in the last bar of verse")
        #expect(try workspace.perform("transition verse chorus drop") == "verse hands over to chorus with a drop\n"
                + "note: a drop plays over the toms fill you put in verse's last bar, where it hands over to chorus — `transition verse chorus none` lets your fill play there")
        #expect(try workspace.perform("transition verse chorus none") == "verse hands over to chorus with no transition")
        _ = try workspace.perform("transition verse chorus build")
        #expect(try workspace.perform("fill verse style=roll") == "roll fill in the last bar of verse\n"
                + "note: where it hands over to chorus, a build plays in this fill's place (`transition verse chorus none` lets the fill play)")
    }

    @Test func melodyBassAndVaryAcceptUndoRedoExactly() throws {
        var workspace = try rainOnGlass()
        let asked = try workspace.perform("melody chorus seed=3 n=2")
        var other = try rainOnGlass()
        #expect(try other.perform("melody chorus seed=3 n=2") == asked)
        let before = workspace.song
        _ = try workspace.perform("accept 2")
        let accepted = workspace.song
        #expect(accepted?.section(named: "chorus")?.melody?.provenance.origin.name == "melody")
        _ = try workspace.perform("undo")
        #expect(workspace.song == before)
        _ = try workspace.perform("redo")
        #expect(workspace.song == accepted)
        _ = try workspace.perform("vary verse technique=invert n=1 seed=4")
        _ = try workspace.perform("accept 1")
        #expect(workspace.song?.section(named: "verse")?.melody?.provenance.origin.parameters?["source"] == "verse melody (Ana)")
        _ = try workspace.perform("bass verse style=walking n=1 seed=2")
        _ = try workspace.perform("accept 1")
        #expect(workspace.song?.section(named: "verse")?.bass?.notes.count ?? 0 >= 32)
        let again = try workspace.perform("again")
        #expect(again.hasPrefix("bass lines for verse — walking, seed "))
        _ = try workspace.perform("melody chorus seed=3 n=2")
        let more = try workspace.perform("more")
        #expect(more.hasPrefix("3. "))
        // `more` adds a batch the size asked for (n=2), as it does for chords and grooves.
        #expect(workspace.pending?.suggestions.count == 4)
        #expect(more.contains("\n4. "))
        let shown = workspace.pending?.suggestions.map(\.content) ?? []
        #expect(Set(shown.map { "\($0)" }).count == 4)
    }

    @Test func noteEditing() throws {
        var workspace = try rainOnGlass()
        _ = try workspace.perform("note verse 4.1 G4/2")
        #expect(workspace.song?.section(named: "verse")?.melody?.notes.contains { $0.start == 3 * 3840 && $0.pitch.description == "G4" } == true)
        _ = try workspace.perform("unnote verse 4.1")
        _ = try workspace.perform("transpose verse melody 2")
        #expect(workspace.song?.section(named: "verse")?.melody?.notes.first?.pitch.description == "D5")
        _ = try workspace.perform("shift verse melody 1")
        #expect(workspace.song?.section(named: "verse")?.melody?.notes.first?.start == 960)
        let blame = try workspace.perform("blame verse melody")
        #expect(blame.contains("edited by Ana: transposed up 2 semitones"))
        #expect(blame.contains("edited by Ana: shifted later by 1 beat"))
        // "up 2" and "down 1", as musicians say it; one step is a semitone, not "semitones".
        #expect(try workspace.perform("transpose song up 2").hasPrefix("the song transposed up 2 semitones:"))
        #expect(try workspace.perform("transpose verse melody down 1") == "verse melody transposed down 1 semitone")
        #expect(try workspace.perform("transpose verse up 1 diatonic").hasPrefix("verse transposed up 1 scale step:"))
    }

    /// Fewer suggestions than asked are said, with why (`vary n=3` on a motif had listed two
    /// without a word); a full list says nothing more.
    @Test func fewerThanAskedIsSaid() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"V\" key=C", "add chorus 4", "motif chorus = C5/4 D5/4 E5/2"] { _ = try workspace.perform(line) }
        let short = try workspace.perform("vary chorus n=3 seed=1")
        #expect(short.hasSuffix("\n(only 2 of the 3 asked: the others came out the same as one of these, or as what is there; `again` tries another seed)"), "\(short)")
        #expect(!(try workspace.perform("vary chorus n=3 seed=2")).contains("of the 3 asked"))
    }

    /// Music moved to a key the writer names is spelled in that key: C to G♭ reads G♭ E♭m C♭
    /// D♭7 with flats in the tune, not F♯ D♯m B C♯7 under a six-flat signature.
    @Test func musicMovedToANamedKeyIsSpelledInIt() throws {
        for command in ["set key=Gb move=yes", "transpose to=Gb"] {
            var workspace = makeWorkspace(in: try temporaryFolder())
            for line in ["new \"Move\" key=C", "add verse 4", "chords verse = | C | Am | F | G7 |",
                         "melody verse = E5/4 G5/4 A5/2 | C6/2 B5/2 | A5/4 F5/4 C5/2 | D5/1", command] {
                _ = try workspace.perform(line)
            }
            let song = try #require(workspace.song)
            #expect(song.key.description == "Gb", "\(command)")
            #expect(song.section(named: "verse")?.chords?.changes.compactMap { $0.chord?.description } == ["Gb", "Ebm", "Cb", "Db7"], "\(command)")
            #expect(song.section(named: "verse")?.melody?.notes.map(\.pitch.description) == ["Bb5", "Db6", "Eb6", "Gb6", "F6", "Eb6", "Cb6", "Gb5", "Ab5"], "\(command)")
        }
    }
}

extension EngineCommandTests {
    /// A chorus typed by hand between the engine's verses comps as they do, not in held
    /// chords: the render plays as many chord notes a bar in it as in the verse, and `comp`
    /// says where its pattern comes from (an outside check measured such a chorus 2 LU under
    /// its verse, with 15 chord notes against 104).
    @Test func typedChordsCompAsTheNearestSectionDoes() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        try workspace.performAll("new \"Comp\" key=C tempo=100 mood=hopeful", "add verse 4", "add chorus 4", "chords chorus = | F | G | C | C |")
        #expect(try workspace.perform("comp chorus").hasPrefix("chorus comps as block (no pattern set anywhere in the song);"))
        try workspace.performAll("chords verse = | C | Am | F | G |", "comp verse pattern=pulse")
        #expect(try workspace.perform("comp chorus").hasPrefix("chorus comps as pulse, as verse does (its chords have no pattern of their own);"))
        let song = try #require(workspace.song)
        let performance = try Performance(song: song)
        let chords = try #require(performance.tracks.first { $0.part == .chords })
        let bar = 3840
        let verse = chords.notes.filter { $0.start < 4 * bar }.count, chorus = chords.notes.filter { $0.start >= 4 * bar && $0.start < 8 * bar }.count
        #expect(verse > 20 && chorus == verse, "verse \(verse), chorus \(chorus) chord notes")
        // Its own pattern is its own.
        _ = try workspace.perform("comp chorus pattern=arpeggio")
        #expect(try workspace.perform("comp chorus").hasPrefix("chorus comps as arpeggio;"))
    }
}
