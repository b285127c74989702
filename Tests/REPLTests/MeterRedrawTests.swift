import Foundation
import MusicTheory
import SongModel
import Testing
@testable import REPL

/// A section given another meter: its pace kept, and with `redraw=yes` the engine's parts
/// written again in it. (A composer told to `set outro meter=12/8` after a sketch had been
/// sent to `copy` and back, the copy keeping the parts that blocked the meter.)
@Suite("A section's meter changed")
struct MeterRedrawTests {
    @Test func redrawWritesTheEnginesPartsAgainInTheNewMeter() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch \"Chase\" mood=tense meter=7/8 tempo=270 seed=3 --accept")
        let before = try #require(workspace.song?.section(named: "outro"))
        #expect(throws: (any Error).self) { try workspace.perform("set outro meter=12/8") }
        let reply = try workspace.perform("set outro meter=12/8 redraw=yes")
        #expect(reply.hasPrefix("set section outro: meter=12/8; tempo 90 (the dotted quarter; 135 quarter notes a minute), the pace it had; its "), "\(reply)")
        #expect(reply.hasSuffix(" written again in 12/8 (each part's own seed; `undo` takes it all back)"), "\(reply)")
        let song = try #require(workspace.song)
        let outro = try #require(song.section(named: "outro"))
        #expect(song.meter(of: outro) == (try Meter(parsing: "12/8")))
        #expect(outro.kinds == before.kinds)
        // Each part again, from its own seed, fitting 12/8's bars.
        for kind in outro.kinds {
            #expect(outro.parts[kind]?.provenance.origin.seed == before.parts[kind]?.provenance.origin.seed, "\(kind)")
        }
        let bar = try Meter(parsing: "12/8").ticksPerBar
        #expect(outro.drums?.hits.allSatisfy { $0.start < outro.bars * bar } == true)
        #expect(outro.drums?.hits.contains { $0.start % bar == bar / 2 } == true, "a hit on the bar's second dotted half")
        _ = try workspace.perform("undo")
        #expect(workspace.song?.section(named: "outro") == before)
        // A part written by hand is not redrawn, and the meter stays.
        _ = try workspace.perform("melody outro = Bb4/4. C5/4 D5/4 | F5/2 r/4.")
        let refused = message { try workspace.perform("set outro meter=12/8 redraw=yes") }
        #expect(refused.contains("outro has parts you wrote or edited in its meter (its melody), and redraw writes only the engine's parts — `add NEW 8` then `set NEW meter=12/8` starts a section in it"), "\(refused)")
        #expect(workspace.song.map { $0.meter(of: $0.section(named: "outro")!) } == (try Meter(parsing: "7/8")))
    }

    /// A section without parts given a meter of another beat keeps its pace: `tempo=` in
    /// the same command wins.
    @Test func aNewMeterKeepsThePace() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("new \"Pace\" tempo=120")
        _ = try workspace.perform("add verse 4")
        _ = try workspace.perform("add bridge 4")
        #expect(try workspace.perform("set bridge meter=6/8") == "set section bridge: meter=6/8; tempo 80 (the dotted quarter; 120 quarter notes a minute), the pace it had")
        #expect(try workspace.perform("set bridge meter=7/8 tempo=200").hasPrefix("set section bridge: meter=7/8 tempo=200"))
        #expect(try workspace.perform("set bridge meter=3/4") == "set section bridge: meter=3/4; tempo 100, the pace it had")
    }
}
