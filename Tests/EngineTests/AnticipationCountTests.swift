import MusicTheory
import SongModel
import Testing
@testable import Engine

/// The anticipations a melody's reason counts are the notes it pushes: begun off the beat
/// and held across a strong one. An outside audit found "3 anticipations (6 notes held
/// across a beat in all)" over a funk bridge whose six pushes were one figure: the copies
/// of its opening bar had not been counted, nor sung to the chord of the beat they push.
@Suite("Anticipations counted as sung")
struct AnticipationCountTests {
    @Test func everyPushIsCounted() throws {
        let bar = Meter.fourFour.ticksPerBar
        let symbols = try ["Am7", "F", "Cadd9", "G", "Am", "Fadd9", "C", "G"].map { try Chord(parsing: $0) }
        let context = LineContext(section: "bridge", key: try Key(parsing: "C"), meter: .fourFour, bars: 8,
                                  chords: symbols.enumerated().map { ChordChange(start: $0.offset * bar, chord: $0.element) })
        var melodies = 0, mismatched: [String] = [], pushes = 0, offChord: [String] = []
        for style in [MelodyStyle.funk, .soul, .pop, .edm] {
            for seed in UInt64(60)...90 {
                let request = MelodyRequest(mood: .playful, low: 60, high: 79, density: 0.72, style: style, count: 2, seed: seed)
                for suggestion in try MelodyGenerator.suggest(request, context: context) {
                    let notes = try #require(suggestion.notes)
                    let pushed = notes.filter { note in
                        let strong = Harmonizer.nextStrong(after: note.start, meter: .fourFour)
                        return note.start % 960 != 0 && strong < note.end && strong < 8 * bar
                    }
                    // Each push is a tone of the chord at the beat it pushes (the help: "an
                    // anticipation takes the chord of the beat it anticipates").
                    for note in pushed where note.start % bar < 3 * 960 || note.start % bar >= 3 * 960 + 240 {
                        let beat = Harmonizer.nextStrong(after: note.start, meter: .fourFour)
                        if let chord = context.chord(at: beat), !chord.pitchClasses.contains(note.pitch.midi % 12) {
                            offChord.append("\(style) seed \(seed): \(note.pitch) pushed into \(chord)")
                        }
                    }
                    let said = suggestion.reasons.joined(separator: " ")
                    let counted = said.range(of: #"(\d+) anticipations? of the beat"#, options: .regularExpression)
                        .map { Int(said[$0].split(separator: " ")[0]) ?? -1 } ?? 0
                    melodies += 1
                    pushes += pushed.count
                    // Pickups begin off the beat but are sung to their own place; they are not counted.
                    if counted < pushed.count - notes.filter { $0.start % 960 != 0 && $0.start % bar >= 3 * 960 }.count || counted > pushed.count {
                        mismatched.append("\(style) seed \(seed): said \(counted), pushed \(pushed.count)")
                    }
                }
            }
        }
        print("anticipations: \(pushes) pushes over \(melodies) melodies; \(mismatched.count) counts off; \(offChord.count) not tones of the chord they push")
        #expect(offChord.isEmpty, "\(offChord.prefix(6))")
        #expect(melodies > 200)
        #expect(mismatched.isEmpty, "\(mismatched.prefix(6))")
    }
}
