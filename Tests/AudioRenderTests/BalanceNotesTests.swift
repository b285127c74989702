@testable import AudioRender
import Engine
import Foundation
import SongModel
import Testing

/// What the render says it did to the balance names only parts the song has.
@Suite struct BalanceNotesTests {
    /// A song with no pad: the melody is lifted over the chords and the bass, and the note
    /// says so (it said "the chords and pad" for every song).
    @Test func theMelodyIsLiftedOverThePartsThatPlay() throws {
        let plain = try Performance(song: try fourPartSong())
        #expect(Balance.accompanimentName(plain) == "the chords and bass")
        let notes = Renderer.balanceNotes(melody: [("verse", 4)], over: Balance.accompanimentName(plain), pad: 0, ridden: [])
        #expect(notes == ["the melody lifted 4.0 dB to sit over the chords and bass"])

        let draft = try Sketcher.draft(SketchRequest(mood: .calm, arc: [], form: nil, style: nil, key: nil, tempo: nil, seed: 3, line: "test"))
        var song = Song(title: "Calm", key: draft.key, tempo: draft.tempo, mood: draft.mood)
        for section in draft.sections { try song.place(section, acceptedAt: Date(timeIntervalSince1970: 0)) }
        try song.arrange(draft.form)
        let padded = try Performance(song: song)
        #expect(padded.tracks.contains { $0.part == .pad && !$0.notes.isEmpty })
        #expect(Balance.accompanimentName(padded) == "the chords, pad and bass")
    }
}
