import MusicTheory
import SongModel
import Testing
@testable import Engine

/// A melody's last note over a chord without the tonic (an open close on V7) rests in that
/// chord's triad, never its seventh: a D minor verse in 7/8 had ended on G4 over A7.
@Suite("A melody's last note")
struct FinalNoteTests {
    @Test func aLastNoteOverAChordWithoutTheTonicRestsInItsTriad() throws {
        var endings = 0, sevenths: [String] = []
        for (keyName, symbols, meterText) in [("Dm", ["Dm", "Bb", "Gm", "A7"], "7/8"), ("Dm", ["Dm", "Bb", "Gm", "A7"], "4/4"), ("C", ["C", "F", "Dm7", "G7"], "4/4")] {
            let meter = try Meter(parsing: meterText)
            let bar = meter.ticksPerBar
            let chords = try symbols.enumerated().map { ChordChange(start: $0.offset * bar, chord: try Chord(parsing: $0.element)) }
            let context = LineContext(section: "verse", key: try Key(parsing: keyName), meter: meter, bars: 4, chords: chords)
            let last = try Chord(parsing: symbols[3])
            let triad = TonalFrame.triad(last).pitchClasses
            for seed in UInt64(1)...40 {
                let request = MelodyRequest(mood: [.sad, .hopeful][Int(seed) % 2], low: 57, high: 76, density: 0.6,
                                            style: MelodyStyle.allCases[Int(seed) % MelodyStyle.allCases.count], count: 2, seed: seed)
                for suggestion in try MelodyGenerator.suggest(request, context: context) {
                    guard let note = suggestion.notes?.max(by: { $0.start < $1.start }) else { continue }
                    endings += 1
                    if !triad.contains(note.pitch.midi % 12) { sevenths.append("\(keyName) \(meterText) seed \(seed): \(note.pitch) over \(last)") }
                }
            }
        }
        print("last notes: \(endings) endings over V7, \(sevenths.count) outside its triad")
        #expect(endings > 150)
        #expect(sevenths.isEmpty, "\(sevenths.prefix(6))")
    }
}
