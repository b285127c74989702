@testable import AudioRender
import MusicTheory
import SongModel
import Testing
@testable import REPL

/// The render's balance at the prompt, summed up from what the render measured and moved:
/// each line's words and figures, exactly.
@Suite("The render's mix summary")
struct MixSummaryTests {
    func result(_ change: (inout RenderResult) -> Void) -> RenderResult {
        let song = Song(title: "Summary", key: try! Key(parsing: "C"), tempo: 100)
        var result = RenderResult(folder: "out", files: [], seconds: 60,
                                  loudness: LoudnessReport(integrated: -14, range: 6, truePeak: -1.5, samplePeak: -1.6),
                                  report: ProvenanceReport(song: song, performance: nil, render: nil))
        change(&result)
        return result
    }

    /// A loudness the mix misses by more than half a LU is said (a composer's `--lufs -5`
    /// had come out at −7.3 LUFS without a word); one met within it is not.
    @Test func aMissedLoudnessTargetIsSaid() {
        let loud = LoudnessReport(integrated: -7.3, range: 0.9, truePeak: -1.3, samplePeak: -1.4)
        #expect(RenderCommands.missedLoudness(MasteringTarget(lufs: -5), loud)
                == "\n  note: asked for -5.0 LUFS, the mix measures -7.3 — louder, under the -1.0 dBTP ceiling the limiter would take over 30 dB where it works hardest, or nearly all of each decibel more, and flatten the song, so mastering stops there; a quieter --lufs is met")
        #expect(RenderCommands.missedLoudness(MasteringTarget(lufs: -8), LoudnessReport(integrated: -7.8, range: 2, truePeak: -1.3, samplePeak: -1.4)) == "")
    }

    @Test func theBalanceIsSaidInALineOrTwoWithItsRanges() {
        let lines = MixSummary.lines(result { result in
            result.melodyLifts = [("verse", 11.3), ("chorus", 15.0)]
            result.melodyBed = "the chords, bass and drums"
            result.bassLifts = [("verse", 0.5), ("chorus", 2.7), ("bridge", -4.7), ("outro", -1.0)]
            result.drumLifts = [("verse", 3.0), ("chorus", 3.0)]
            result.chordLifts = [("verse", 6.6), ("chorus", 9.4)]
            result.shortOfEnergy = ["bass": [("verse", 3.6), ("chorus", 1.0)], "drums": [("verse", 5.5), ("chorus", 7.3)]]
            result.ridden = [("intro", 8.8), ("chorus", -0.3)]
            result.built = [("chorus 2", "chorus", 0.1)]
            result.climax = "chorus 3"
        })
        #expect(lines == [
            "balanced: the melody lifted +11.3–15.0 dB to sit over the chords, bass and drums; bass +0.5–2.7, drums +3.0 dB nearer it, as each section's energy asks; "
                + "the chords +6.6–9.4 dB toward 8 LU under it; the bass taken down in 2 sections to follow the song's energy; "
                + "the bass (1 section) and drums (2 sections) stop short of where the energy asks, to keep the tune on top (`mix PART gain=…` sets a part yourself)",
            "shaped: quieter sections ridden up (intro); 1 section built over what it builds on; 1 section brought down under the climax; the climax, chorus 3, opened up with a tambourine",
            "every move, section by section, and why: provenance.md",
        ])
    }

    /// The climax is named once, with each thing done to it; a cut elsewhere keeps its own name.
    @Test func theClimaxIsNamedOnceWithAllThatWasDoneToIt() {
        let both = MixSummary.lines(result { result in
            result.climaxCut = ("chorus 3", -2.4)
            result.climax = "chorus 3"
        })
        #expect(both == ["shaped: the climax, chorus 3, held 2.5 LU over the rest (-2.4 dB) and opened up with a tambourine",
                         "every move, section by section, and why: provenance.md"])
        let cutOnly = MixSummary.lines(result { $0.climaxCut = ("chorus 2", -1.0) })
        #expect(cutOnly.first == "shaped: the climax, chorus 2, held 2.5 LU over the rest (-1.0 dB)")
    }

    /// A level the writer set is said back in full; nothing moved, nothing summed up.
    @Test func aHeldLevelIsSaidBackAndNothingElse() {
        let lines = MixSummary.lines(result { $0.held = [("melody", 0)] })
        #expect(lines == ["held where you set it: the melody at +0.0 dB (`mix melody gain=auto` hands it back to the balance)"])
        #expect(MixSummary.lines(result { _ in }).isEmpty)
    }
}
