import MusicTheory
import Testing
@testable import SongModel

/// An imported line reads as a musician would write it: lengths let go a little early run
/// to the next note, loosely swung off-beats are all triplets, sixteenths on their places
/// stay sixteenths, and a staccato note keeps its own short length.
@Suite("Written grid of an imported line")
struct WrittenGridTests {
    static let q = MusicalTime.ticksPerQuarter

    /// Notes as played: (start, length) in ticks, all on A4 unless given.
    func written(_ played: [(Int, Int)], keys: [Int]? = nil, bars: Int = 1) throws -> String {
        let notes = played.enumerated().map { index, note in
            StandardMIDIFile.Note(channel: 0, key: keys?[index] ?? 69, velocity: 90, start: note.0, duration: note.1)
        }
        let line = MIDIImport.line(notes, length: bars * 4 * Self.q, key: try Key(parsing: "D"), monophonic: true)
        return NoteSyntax.format(line, bars: bars, meter: .fourFour).joined(separator: " | ")
    }

    @Test func lengthsLetGoEarlyRunToTheNextNote() throws {
        // A dotted eighth, a sixteenth, a quarter, a dotted quarter and an eighth, each held 90%:
        // it had read "A4/4t r/32t A4/16 …".
        let q = Self.q
        let starts = [0, q * 3 / 4, q, 2 * q, 7 * q / 2], lengths = [q * 3 / 4, q / 4, q, q * 3 / 2, q / 2]
        #expect(try written(zip(starts, lengths).map { ($0, $1 * 9 / 10) }) == "A4/8. A4/16 A4/4 A4/4. A4/8")
        // Whole notes held 95% are whole notes (it had read "A4/2.~ A4/8. r/16").
        #expect(try written([(0, 4 * q * 95 / 100), (4 * q, 4 * q * 95 / 100)], bars: 2) == "A4/1 | A4/1")
    }

    /// A rest the file plays after a note held its full length is written: a songwriter's
    /// dotted half and quarter rest had been written as a whole note, and a half note and
    /// eighth rest as a half tied to an eighth. Humanly held notes (85–95%) still run on.
    @Test func restsPlayedAfterAFullNoteAreKept() throws {
        let q = Self.q
        let played = [(0, 3 * q), (4 * q, 2 * q), (6 * q + q / 2, q / 2), (7 * q, q)]
        #expect(try written(played, keys: [67, 69, 71, 72], bars: 2) == "G4/2. r/4 | A4/2 r/8 B4/8 C5/4")
        // The same line held 88% and 92% runs to the next note.
        let held = played.enumerated().map { ($0.element.0, $0.element.1 * ($0.offset % 2 == 0 ? 88 : 92) / 100) }
        #expect(try written([held[0], (3 * q, q * 88 / 100), held[1], (6 * q, q * 45 / 100), held[2], held[3]],
                            keys: [67, 67, 69, 69, 71, 72], bars: 2) == "G4/2. G4/4 | A4/2 A4/8 B4/8 C5/4")
        // The first line played by hand: each note held 85–95%, a few ticks off its place.
        // The rests stay, the notes run to the beats they nearly reach (it had read
        // "G4/2~ G4/8. r/4 r/16 | A4/4~ A4/8. r/8. B4/8 C5/4").
        let human = [(8, 2688), (3830, 1690), (6250, 430), (7 * q - 6, 860)]
        #expect(try written(human, keys: [67, 69, 71, 72], bars: 2) == "G4/2. r/4 | A4/2 r/8 B4/8 C5/4")
        // A file's written lengths stay: 3½ beats and an eighth rest, a dotted quarter and an eighth rest.
        let exact = try written([(0, 7 * q / 2), (4 * q, 3 * q / 2), (6 * q, q)], keys: [67, 69, 71], bars: 2)
        #expect(exact == "G4/2~ G4/4. r/8 | A4/4. r/8 B4/4 r/4", "\(exact)")
        // An eighth rest played a tick short is still a rest.
        #expect(try written([(0, 2 * q), (2 * q + q / 2 - 1, q / 2), (3 * q, q)], keys: [69, 71, 72]) == "A4/2 r/8 B4/8 C5/4")
    }

    @Test func looseSwingIsTripletsThroughout() throws {
        // Swung eighths at 2:1, the off-beats up to 32 ticks (20 ms at 100 bpm) either side:
        // a newcomer's file had read 3 of 16 of them as sixteenths after a triplet rest.
        let q = Self.q
        let late = [32, -25, 30, 10]
        var played: [(Int, Int)] = []
        for beat in 0..<4 {
            played.append((beat * q, q * 2 / 3 - 20))
            played.append((beat * q + q * 2 / 3 + late[beat], q / 3 - 30))
        }
        #expect(try written(played) == "A4/4t A4/8t A4/4t A4/8t A4/4t A4/8t A4/4t A4/8t")
        // In a swung line, a sixteenth played on its place stays a sixteenth.
        played[6] = (3 * q, q * 3 / 4 - 40)
        played[7] = (3 * q + q * 3 / 4, q / 4 - 20)
        // At a fast tempo the same 20 ms is twice the ticks: off-beats at 0.72–0.73 of the beat
        // in a swung line are still swung eighths (at 200 a minute 5 of 32 had read /8. /16).
        var fast: [(Int, Int)] = []
        for (beat, late) in [60, 10, 20, 5].enumerated() {
            fast.append((beat * q, q * 2 / 3 - 20))
            fast.append((beat * q + q * 2 / 3 + late, q / 3 - 40))
        }
        let quick = try written(fast)
        #expect(quick == "A4/4t A4/8t A4/4t A4/8t A4/4t A4/8t A4/4t A4/8t")
        let mixed = try written(played)
        #expect(mixed == "A4/4t A4/8t A4/4t A4/8t A4/4t A4/8t A4/8. A4/16")
    }

    @Test func quarterTripletsAndStaccatoKeepTheirValues() throws {
        let q = Self.q
        #expect(try written([(0, 600), (640, 600), (1280, 600), (2 * q, 2 * q - 100)]) == "A4/4t A4/4t A4/4t A4/2")
        // Quarters played as short eighths: the player's staccato is written, not a legato line.
        #expect(try written([(0, q / 2 - 20), (q, q / 2 - 20), (2 * q, q / 2 - 20), (3 * q, q / 2 - 20)]) == "A4/8 r/8 A4/8 r/8 A4/8 r/8 A4/8 r/8")
    }
}
