import Foundation
import MusicTheory
import SongModel
import Testing
@testable import Engine

/// The parts that hold the longest notes keep the song in its key: a root-fifth bass does
/// not let the dominant outweigh the tonic, and a pad holds its fifth and colour tones
/// softer than the chord's root and third. (Essentia's key finder heard dreamy sketches in their
/// dominant key through a bass and a pad that leaned on it.)
@Suite("The home key held by the bass and the pad")
struct HomeKeyTests {
    /// Two bars each of I, V, I, IV in C major, 8 bars.
    static func context() throws -> LineContext {
        let names = ["Cmaj7", "Cmaj7", "G7", "G7", "C", "C", "F", "F"]
        let chords = try names.enumerated().filter { $0.offset % 2 == 0 }.map { bar, name in
            ChordChange(start: bar * Meter.fourFour.ticksPerBar, chord: try Chord(parsing: name))
        }
        return LineContext(section: "verse", key: try Key(parsing: "C"), meter: .fourFour, bars: 8, chords: chords)
    }

    /// Under the home chord the root-fifth bass plays its fifth on at most one note in four
    /// (in every option); under the other chords on every other note that is not a change.
    /// Over the whole line the tonic sounds longer than the dominant.
    @Test func aRootFifthBassLeansOnTheTonic() throws {
        let context = try Self.context()
        let options = try BassGenerator.suggest(style: .rootFifth, count: 4, seed: 5, context: context)
        #expect(options.count == 4)
        for option in options {
            let notes = try #require(option.notes)
            let home = notes.filter { context.chord(at: $0.start)?.root.pitchClass == 0 }
            let away = notes.filter { context.chord(at: $0.start)?.root.pitchClass != 0 }
            let homeFifths = home.filter { $0.pitch.midi % 12 == 7 }.count
            let awayFifths = away.filter { note in
                guard let chord = context.chord(at: note.start) else { return false }
                return note.pitch.midi % 12 == (chord.root.pitchClass + 7) % 12
            }.count
            #expect(homeFifths * 4 <= home.count, "\(homeFifths) fifths of \(home.count) notes under the home chord")
            #expect(awayFifths * 3 >= away.count, "\(awayFifths) fifths of \(away.count) notes under IV and V")
            let time = { (pitchClass: Int) in notes.filter { $0.pitch.midi % 12 == pitchClass }.map(\.duration).reduce(0, +) }
            #expect(time(0) > time(7), "C \(time(0)) ticks, G \(time(7)) ticks")
        }
    }

    /// What a pad holds softer is what is left after a chord's root and third (or the
    /// suspended tone that stands for it): the fifth and the colour tones.
    @Test func aPadHoldsSofterAllButTheRootAndThird() throws {
        func softer(_ name: String) throws -> Set<Int> { PadGenerator.softerTones(of: try Chord(parsing: name)) }
        #expect(try softer("Cmaj7") == [7, 11])
        #expect(try softer("C") == [7])
        #expect(try softer("Am7") == [4, 7])        // E and G over A minor
        #expect(try softer("G7sus4") == [2, 5])     // D and F; C stands for the third
        #expect(try softer("Cadd9") == [2, 7])
        #expect(try softer("Bdim7") == [5, 8])      // F and A♭ over B and D
        #expect(try softer("C6") == [7, 9])
        #expect(try softer("Caug") == [8])
    }

    /// In every pad style, each held fifth or colour tone is softer than every root and third
    /// struck at the same moment (velocities nudge by up to 3 either way; the softening
    /// is 12), over many seeds.
    @Test func aPadHoldsAllButRootAndThirdSofter() throws {
        let context = try Self.context()
        for style in PadStyle.allCases {
            for seed: UInt64 in 1...20 {
                let pad = try #require(try PadGenerator.suggest(style: style, count: 1, seed: seed, context: context).first?.notes)
                    .filter { $0.pitch.midi < PadGenerator.shimmerRange.lowerBound }   // the held voices, not a shimmer's halo
                for change in context.chords {
                    guard let chord = change.chord else { continue }
                    let softer = PadGenerator.softerTones(of: chord)
                    let struck = pad.filter { $0.start >= change.start && $0.start < change.start + 2 * Meter.fourFour.ticksPerBar }
                    let soft = struck.filter { softer.contains($0.pitch.midi % 12) }
                    let firm = struck.filter { !softer.contains($0.pitch.midi % 12) }
                    if style == .swell {
                        // The swell rises voice by voice, lowest first (40, 50, 60 …): a softer
                        // tone sits 12 under where its voice's place puts it.
                        let voices = struck.sorted { $0.pitch.midi < $1.pitch.midi }
                        for (voice, note) in voices.enumerated() where softer.contains(note.pitch.midi % 12) {
                            #expect(note.velocity <= 40 + 10 * voice + 3 - PadGenerator.colourSoftening, "\(style) seed \(seed)")
                        }
                    } else if let loudest = soft.map(\.velocity).max(), let quietest = firm.map(\.velocity).min() {
                        #expect(loudest < quietest, "\(style) seed \(seed): softer \(loudest), root or third \(quietest)")
                    }
                }
            }
        }
    }
}
