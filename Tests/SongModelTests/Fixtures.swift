import Foundation
import MusicTheory
@testable import SongModel

/// A fixed moment, so provenance in tests never depends on the clock.
let fixedDate = Date(timeIntervalSince1970: 1_790_000_000)

/// The song from the foundation issue's script, built through the model's own edits.
func rainOnGlass() throws -> Song {
    var song = Song(title: "Rain on Glass", authors: ["Ana"], key: try Key(parsing: "Cm"), tempo: 84,
                    meter: .fourFour, mood: .sad)
    try song.addSection("verse", bars: 8)
    try song.addSection("chorus", bars: 8)
    try song.writeChords("verse", bars: ChordChart.parse("| Cm | Ab | Eb | Bb | Cm | Ab | Eb Bb | G7 |"), author: "Ana", at: fixedDate)
    try song.writeChords("chorus", bars: ChordChart.parse("| Ab | Eb | Bb | Cm | Ab | Eb | Bb | % |"), author: "Ana", at: fixedDate)
    let notes = try NoteSyntax.parse("C5/4 Eb5/8 F5/8 G5/2 | Ab5/4 G5/4 F5/2 | Eb5/4 D5/4 C5/2 | r/1", meter: .fourFour)
    try song.writeMelody("verse", notes: notes, author: "Ana", at: fixedDate)
    try song.arrange(["verse", "chorus", "verse", "chorus"])
    return song
}
