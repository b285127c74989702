import Foundation
import MusicTheory
import Testing
@testable import SongModel

@Suite("Chord charts")
struct ChordChartTests {
    @Test func parsesBarsSplitsAndRepeats() throws {
        let bars = try ChordChart.parse("| Cm | Ab | Eb Bb | % |")
        #expect(bars.map { $0.map { $0?.description } } == [["Cm"], ["Ab"], ["Eb", "Bb"], ["Eb", "Bb"]])
    }

    /// N.C. is a change to no chord: the chords stop there and start again at the next
    /// chord; the chart shows it as typed, and a bar after it that repeats it is `%`.
    @Test func noChordIsAChangeToSilence() throws {
        let bars = try ChordChart.parse("| C | N.C. | nc | G . N.C. . |")
        #expect(bars.map { $0.map { $0?.description ?? "-" } } == [["C"], ["-"], ["-"], ["G", "G", "-", "-"]])
        let changes = try ChordChart.changes(for: bars, meter: .fourFour)
        #expect(changes.map(\.start) == [0, 3840, 7680, 11520, 11520 + 1920])
        #expect(changes.map(\.symbol) == ["C", "N.C.", "N.C.", "G", "N.C."])
        let part = ChordPart(changes: changes, provenance: Provenance(origin: .person("Ana"), acceptedAt: Date(timeIntervalSince1970: 0)))
        #expect(ChordChart.cells(of: part, bars: 4, meter: .fourFour) == ["C", "N.C.", "%", "G N.C."])
        #expect(part.chord(at: 3840) == nil && part.chord(at: 3839)?.description == "C")
        #expect(part.chords.map(\.description) == ["C", "G"])
        // A chart typed from its own cells gives the same changes back.
        #expect(try ChordChart.changes(for: ChordChart.parse(ChordChart.cells(of: part, bars: 4, meter: .fourFour).joined(separator: " | ")),
                                       meter: .fourFour) == changes)
    }

    @Test func outerBarLinesAreOptional() throws {
        #expect(try ChordChart.parse("C | G | Am | F") == ChordChart.parse("| C | G | Am | F |"))
    }

    /// A bar's chords share it equally, each on the beat grid: whole beats, or a beat split
    /// evenly. Three in 4/4 (a third of the way through beat 2) are refused with the counts
    /// the meter takes; two in a bar of an odd number of beats split it by its groups.
    @Test func chordsShareABarOnItsBeats() throws {
        let changes = try ChordChart.changes(for: ChordChart.parse("| C G | Am . F Dm |"), meter: .fourFour)
        #expect(changes.map(\.start) == [0, 1920, 3840, 3840 + 1920, 3840 + 2880])
        let waltz = try ChordChart.changes(for: ChordChart.parse("| C . G |"), meter: Meter(parsing: "3/4"))
        #expect(waltz.map(\.start) == [0, 1920])
        let jig = try ChordChart.changes(for: ChordChart.parse("| C G |"), meter: Meter(parsing: "6/8"))
        #expect(jig.map(\.start) == [0, 1440])
        #expect(ChordChart.places(in: .fourFour) == [1, 2, 4, 8, 12, 16])
        #expect(ChordChart.places(in: try Meter(parsing: "3/4")) == [1, 3, 6, 9, 12])
        #expect(ChordChart.places(in: try Meter(parsing: "6/8")) == [1, 2, 4, 6, 12])
        #expect(throws: SongModelError.self) { try ChordChart.changes(for: ChordChart.parse("| Am F Dm |"), meter: .fourFour) }
        // Two chords in a bar of an odd number of beats change where its second group starts:
        // 3/4 as 2+1, 5/4 as 3+2, 7/8 as 4+3 (the engine's two-a-bar charts change there too).
        #expect(try ChordChart.changes(for: ChordChart.parse("| C G |"), meter: Meter(parsing: "3/4")).map(\.start) == [0, 1920])
        #expect(try ChordChart.changes(for: ChordChart.parse("| C#m A |"), meter: Meter(parsing: "5/4")).map(\.start) == [0, 2880])
        #expect(try ChordChart.changes(for: ChordChart.parse("| C G |"), meter: Meter(parsing: "7/8")).map(\.start) == [0, 1920])
        // The refusal gives an example the meter takes (the 4/4 one, four places, was given
        // for 7/8, which takes 1, 2, 7 or 14).
        do {
            _ = try ChordChart.changes(for: ChordChart.parse("| C F Am G |"), meter: Meter(parsing: "7/8"))
            Issue.record("four chords in a bar of 7/8 parsed")
        } catch {
            #expect("\(error)" == "\"| C F Am G |\": 4 chords cannot share a bar of 7/8 on its beats; a bar of 7/8 takes 1, 2, 7 or 14 places, with . holding the chord before (| C . . . . . G |), or a bar each: | C | F | Am | G |")
        }
    }

    @Test("chart errors", arguments: [
        ("| C | | G |", SongModelError.emptyChordBar(bar: 2)),
        ("| % | C |", .repeatWithNothingBefore),
        ("| C | Hm |", .theory(.badChord("Hm", hint: "Bm (H is B in German notation)"))),
        ("| C | Qm |", .theory(.badChord("Qm", hint: nil))),
        // The fix keeps a slash bass, and reads an extension after "sus" as the suspended
        // dominant players mean (a band leader's Dsus7 had been offered Dsus2, d/F# D).
        ("| d/F# |", .theory(.badChord("d/F#", hint: "D/F#"))),
        ("| Dsus7 |", .theory(.badChord("Dsus7", hint: "D7sus4"))),
        ("| Dsus27/A |", .theory(.badChord("Dsus27/A", hint: "D7sus2/A"))),
        ("| Gsus9 |", .theory(.badChord("Gsus9", hint: "G9sus4"))),
        ("| Gsus5 |", .theory(.badChord("Gsus5", hint: "Gsus2"))),
    ])
    func errors(text: String, error: SongModelError) {
        #expect(throws: error) { try ChordChart.parse(text) }
    }

    @Test func sevenChordsDoNotDivideAFourFourBar() throws {
        let bars = try ChordChart.parse("| C D E F G A B |")
        #expect(throws: SongModelError.chordsDontDivide(bar: "C D E F G A B", count: 7, meter: "4/4")) {
            try ChordChart.changes(for: bars, meter: .fourFour)
        }
    }

    @Test func cellsPrintRepeatsAsPercent() throws {
        let song = try rainOnGlass()
        let chorus = try #require(song.section(named: "chorus"))
        let cells = ChordChart.cells(of: try #require(chorus.chords), bars: 8, meter: .fourFour)
        #expect(cells == ["Ab", "Eb", "Bb", "Cm", "Ab", "Eb", "Bb", "%"])
    }
}
