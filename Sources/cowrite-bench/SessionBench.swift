import Foundation
import MusicTheory
import REPL
import SongModel

/// A big song for the session benchmark: 200 eight-bar sections, each with chords and a
/// 50-note melody (10,000 notes), generator provenance on every part.
func bigSong() throws -> Song {
    var song = Song(title: "Two Hundred Sections", authors: ["Bench"])
    let at = Date(timeIntervalSince1970: 1_790_000_000)
    let chords = try ["C", "Am", "F", "G", "Em", "Dm7", "G7", "Cmaj7"].map { try Chord(parsing: $0) }
    for index in 0..<200 {
        var section = Section(name: "part\(index + 1)", bars: 8)
        let origin = Origin.generator("harmony", version: "1.0", seed: UInt64(index),
                                      parameters: ["mood": "hopeful", "style": "pop", "n": "4", "rank": "1"])
        section.chords = ChordPart(changes: chords.enumerated().map { ChordChange(start: $0.offset * 1920, chord: $0.element) },
                                   provenance: Provenance(origin: origin, acceptedAt: at))
        let notes = try (0..<50).map { step in
            try Note(start: step * 240, duration: 240, pitch: Pitch(midi: 60 + (step * 5 + index) % 19), velocity: 70 + step % 30)
        }
        section.melody = MelodyPart(notes: notes, provenance: Provenance(origin: .person("Bench"), acceptedAt: at))
        song.sections.append(section)
    }
    return song
}

/// Load (read, decode, validate) and save (encode, atomic write with .bak) of the big
/// song, through the same SessionStore the REPL uses.
func benchSessions() throws {
    let folder = NSTemporaryDirectory() + "cowrite-bench-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = SessionStore(directory: folder)
    let path = store.path(for: "big")
    let file = SessionFile(song: try bigSong(), savedWith: "cowrite bench")
    try store.write(file, to: path)
    let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(String(format: "sessions, 200 sections, 10,000 notes (%.1f MB), release build", Double(bytes) / 1_048_576))
    precondition((try? store.read(path))?.song == file.song, "the big song does not read back equal")
    measure("load (read+validate)", target: 50, runs: 15) { _ in
        _ = try? store.read(path)
    }
    measure("save (encode+write)", target: 50, runs: 15) { _ in
        _ = try? store.writeStamped(file, to: path)
    }
}
