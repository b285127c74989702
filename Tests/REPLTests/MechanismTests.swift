import Engine
import Foundation
import SongModel
import Testing
@testable import REPL

/// The shared mechanisms behind many commands: one way to ask again, one place that keeps
/// drums and bass in step, and completion drawn from the command table and catalogues.
@Suite("Shared mechanisms")
struct MechanismTests {
    func rainOnGlass() throws -> Workspace {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in try script("rain-on-glass.txt").dropLast() { _ = try workspace.perform(line) }
        return workspace
    }

    @Test("`again` follows the seed chain for every kind of request", arguments: [
        "chords chorus n=1", "harmonize verse n=1", "groove verse n=1", "melody chorus n=1", "vary verse n=1", "bass chorus n=1",
    ])
    func againChainsSeeds(request: String) throws {
        var workspace = try rainOnGlass()
        _ = try workspace.perform(request + " seed=1")
        let next = SeededGenerator.successor(of: 1) % 1_000_000
        let again = try workspace.perform("again")
        #expect(again.split(separator: "\n").first?.hasSuffix("seed \(next)") == true, "\(again.prefix(120))")
        #expect(workspace.pending?.seed == next)
    }

    @Test func sketchAcceptIsOneUndoableStep() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch \"Undoable\" mood=calm form=verse,chorus seed=2 --accept")
        #expect(workspace.song?.sections.count == 2)
        _ = try workspace.perform("undo")
        #expect(workspace.song?.title == "Undoable")
        #expect(workspace.song?.sections.isEmpty == true)
    }

    @Test func aSketchMoodInWordsIsAnArc() throws {
        // `mood=` in words draws the same song as the arc it names; one mood in words is that mood.
        var workspace = makeWorkspace(in: try temporaryFolder())
        let words = try workspace.perform("sketch \"Words\" mood=\"start calm, build tension, end triumphant\" form=verse,chorus,bridge,chorus seed=4")
        let arc = try workspace.perform("sketch \"Words\" arc=calm->tense->triumphant form=verse,chorus,bridge,chorus seed=4")
        let draft = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("  ") } }
        #expect(!draft(words).isEmpty)
        #expect(draft(words) == draft(arc))
        #expect(words.contains("calm") && words.contains("tense") && words.contains("triumphant"))
        let one = try workspace.perform("sketch \"One\" mood=\"quite gloomy\" form=verse seed=4")
        #expect(draft(one) == draft(try workspace.perform("sketch \"One\" mood=melancholy form=verse seed=4")))
        #expect(throws: (any Error).self) { try workspace.perform("sketch mood=\"start calm, end triumphnt\" seed=4") }
    }

    @Test("every drum or bass edit keeps the bass coupled to the drums", arguments: [
        "hit chorus snare 2.3", "unhit chorus kick 1.1", "fill chorus style=roll", "humanize chorus 0.7", "feel chorus pushed",
        "shift chorus bass 1", "transpose chorus bass 2",
    ])
    func bassFollowsDrumEdits(edit: String) throws {
        var workspace = try rainOnGlass()
        _ = try workspace.perform("groove chorus style=rock seed=2 n=1")
        _ = try workspace.perform("accept 1")
        _ = try workspace.perform("bass chorus style=root-fifth seed=3 n=1")
        _ = try workspace.perform("accept 1")
        _ = try workspace.perform(edit)
        let song = try #require(workspace.song)
        let chorus = try #require(song.section(named: "chorus"))
        let drums = try #require(chorus.drums), bass = try #require(chorus.bass), timing = try #require(drums.timing)
        let expected = GrooveTimingApplier.coupleBass(bass.notes, to: drums.hits, timing: timing, quarterTempo: song.quarterTempo(of: chorus))
        #expect(bass.notes.map(\.offset) == expected.map(\.offset))
    }

    @Test func completionOffersFlagsValuesAndKeywordsAndListsSessionsOnlyForOpen() throws {
        let workspace = try rainOnGlass()
        let help = workspace.help
        var listed = 0
        func complete(_ before: String) -> [String] {
            Completion.candidates(before: before, word: "", song: workspace.song, help: help, sessions: { listed += 1; return ["demo"] })
        }
        #expect(complete("groove verse style=").contains("funk"))
        // `comp` takes its pattern bare too, and Tab offers the patterns there.
        #expect(complete("comp verse ").contains("arpeggio") && complete("comp verse ").contains("pattern="), "\(complete("comp verse "))")
        #expect(complete("chords verse style=").contains("jazz"))
        #expect(complete("bass verse style=").contains("walking"))
        #expect(complete("melody verse style=") == MelodyStyle.words)
        #expect(complete("melody verse ").contains("style="))
        #expect(complete("comp verse pattern=").contains("arpeggio"))
        #expect(complete("render ").contains("--stems"))
        #expect(complete("sketch ").contains("--accept"))
        // `set SECTION meter=… redraw=yes` is offered by its flag, as `arc`'s is.
        #expect(complete("set verse ").contains("--redraw") && complete("arc ").contains("--redraw"), "\(complete("set verse "))")
        #expect(complete("groove ").contains("stats"))
        #expect(complete("instrument ").contains("melody"))
        // The drum kits and the half-time groove are offered where they are typed.
        #expect(complete("instrument drums ").contains("brushes"))
        #expect(complete("groove verse style=").contains("half-time"))
        #expect(!complete("arc ").contains("*="))
        #expect(listed == 0)
        #expect(complete("open ") == ["demo", "--read-only", "--saved"])
        #expect(listed == 1)
    }

    @Test func aMotifEndingOnTheBarLineShowsNoExtraBar() throws {
        var workspace = try rainOnGlass()
        _ = try workspace.perform("motif verse = C5/4 D5/4 Eb5/4 G5/4")
        #expect(try workspace.perform("motif verse") == "verse motif: C5/4 D5/4 Eb5/4 G5/4")
    }
}
