import AudioRender
import Foundation
import MusicTheory
import SongModel
import Testing

/// The ChordPro lead sheet, exactly: grids of beats for the chords (never chords written
/// as lyric text), directives where key, meter or tempo change, a repeated section
/// recalled by name.
@Suite("ChordPro lead sheets")
struct ChordProTests {
    @Test func chordsAreGridsAndChangesAreDirectives() throws {
        var song = Song(title: "Grid", authors: ["Ana", "Ben"], key: try Key(parsing: "Eb"), tempo: 84)
        let when = Date(timeIntervalSince1970: 0)
        try song.addSection("verse", bars: 5)
        try song.addSection("bridge", bars: 2)
        try song.writeChords("verse", bars: ChordChart.parse("| Eb Bb/D | Cm7 . Ab6/9 . | Cm7 . Ab6/9 . | F7b9 | Bb7sus4 . N.C. . |"), author: "Ana", at: when)
        try song.setMeter(try Meter(parsing: "3/4"), of: "bridge")
        try song.setSectionKey(try Key(parsing: "Cm"), of: "bridge")
        try song.setSectionTempo(72, of: "bridge")
        try song.writeChords("bridge", bars: ChordChart.parse("| Cm . G7 | Cm |"), author: "Ana", at: when)
        try song.arrange(["verse", "bridge", "verse"])
        #expect(ChordPro.text(for: song) == """
            {title: Grid}
            {artist: Ana, Ben}
            {composer: Ana, Ben}
            {key: Eb}
            {time: 4/4}
            {tempo: 84}
            {comment: form — verse, bridge, verse}

            {start_of_grid shape="4x4" label="Verse"}
            | Eb . Bb/D . | Cm7 . Ab6/9 . | % | F7b9 . . . |
            | Bb7sus4 . N.C. . |
            {end_of_grid}

            {key: Cm}
            {time: 3/4}
            {tempo: 72}
            {start_of_grid shape="4x3" label="Bridge"}
            | Cm . G7 | Cm . . |
            {end_of_grid}

            {key: Eb}
            {time: 4/4}
            {tempo: 84}
            {comment: Verse again}

            """)
    }
}
