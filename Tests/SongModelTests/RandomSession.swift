import Foundation
import MusicTheory
@testable import SongModel

/// A small seeded generator for test data (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A seeded generator the builders below share, so nested builders can draw from it.
final class Dice {
    var generator: SplitMix
    init(seed: UInt64) { generator = SplitMix(seed: seed) }
}

/// Random sessions with every optional field sometimes present, awkward text, extreme
/// numbers and dates: what the session format must carry unchanged. Not valid songs
/// (the validator is not the point here), but every field the format has.
enum RandomSession {
    static let texts = ["Rain on Glass", "", "a/b \\ c", "quote \" inside", "tab\tnew\nline\r", "\u{1}\u{1f}\u{7f}",
                        "é ✓ 😀 日本", "\u{2028}", "Z", "_under", "a-b", "n10", "n9", "A"]
    static let keys = ["C", "Cm", "D dorian", "F#m", "Bb", "G mixolydian", "Ebm"]
    static let meters = ["4/4", "3/4", "6/8", "7/8", "5/4", "12/8"]
    static let chords = ["C", "Am", "F", "G7", "Cmaj7", "Dm7b5", "Bb/D", "Esus4", "F#dim7", "Ab6", "A7b9", "Bb6/9", ChordChange.noChord]
    static let doubles: [Double] = [0, -0.0, 0.25, 1, 1.5, 1e-7, 0.1 + 0.2, 100, 1e16, 2.5e15, -3.75, 0.6666666666666666]

    static func file(_ random: Dice) -> SessionFile {
        let autosave = maybe(random) {
            AutosaveInfo(sessionPath: maybe(random) { text(random) }, changes: Int.random(in: 0...500, using: &random.generator),
                         lastCommand: text(random), at: date(random))
        }
        return SessionFile(song: song(random), savedWith: text(random), autosave: autosave)
    }

    static func song(_ random: Dice) -> Song {
        var song = Song(title: text(random), authors: (0..<Int.random(in: 0...3, using: &random.generator)).map { _ in text(random) },
                        key: try! Key(parsing: keys.randomElement(using: &random.generator)!), tempo: Int.random(in: 20...400, using: &random.generator),
                        meter: try! Meter(parsing: meters.randomElement(using: &random.generator)!), mood: maybe(random) { Mood.allCases.randomElement(using: &random.generator)! })
        song.sections = (0..<Int.random(in: 0...5, using: &random.generator)).map { index in section(index, random) }
        song.arrangement = maybe(random) { song.sections.map(\.name) + song.sections.prefix(1).map(\.name) }
        song.id = maybe(random) { String(format: "%016llx", UInt64.random(in: 0...UInt64.max, using: &random.generator)) }
        song.mixer = maybe(random) {
            Dictionary(uniqueKeysWithValues: Set((0..<3).map { _ in text(random) }).map { name in
                (name, PartSettings(program: maybe(random) { Int.random(in: 0...127, using: &random.generator) }, gain: double(random),
                                    pan: double(random), reverb: double(random), held: Bool.random(using: &random.generator)))
            })
        }
        return song
    }

    static func section(_ index: Int, _ random: Dice) -> Section {
        var section = Section(name: "part\(index)", bars: Int.random(in: 1...16, using: &random.generator))
        section.key = maybe(random) { try! Key(parsing: keys.randomElement(using: &random.generator)!) }
        section.tempo = maybe(random) { Int.random(in: 20...400, using: &random.generator) }
        section.meter = maybe(random) { try! Meter(parsing: meters.randomElement(using: &random.generator)!) }
        section.mood = maybe(random) { Mood.allCases.randomElement(using: &random.generator)! }
        section.chords = maybe(random) {
            ChordPart(changes: (0..<Int.random(in: 0...6, using: &random.generator)).map { step in
                ChordChange(start: step * 1920, chord: try! ChordChart.symbol(chords.randomElement(using: &random.generator)!))
            }, comping: maybe(random) { CompingPattern.allCases.randomElement(using: &random.generator)! }, provenance: provenance(random))
        }
        section.melody = maybe(random) { MelodyPart(notes: notes(random), provenance: provenance(random)) }
        section.bass = maybe(random) { BassPart(notes: notes(random), provenance: provenance(random)) }
        section.drums = maybe(random) {
            let hits = (0..<Int.random(in: 0...8, using: &random.generator)).map { step in
                DrumHit(start: step * 240, key: Int.random(in: 35...81, using: &random.generator), velocity: Int.random(in: 1...127, using: &random.generator),
                        offset: Int.random(in: -40...40, using: &random.generator))
            }
            let timing = maybe(random) {
                GrooveTiming(swing: double(random), swingUnit: [480, 960].randomElement(using: &random.generator)!, feel: Feel.allCases.randomElement(using: &random.generator)!,
                             humanize: double(random), alpha: double(random), seed: random.generator.next())
            }
            return DrumPart(hits: hits, style: maybe(random) { DrumStyleName.allCases.randomElement(using: &random.generator)! },
                            timing: timing, provenance: provenance(random))
        }
        section.motif = maybe(random) { notes(random) }
        section.lyrics = maybe(random) {
            Lyrics(text: ["When the rain comes down", "to-day_ \"quoted\"\nsecond line", "ünïcödé 夜"].randomElement(using: &random.generator)!,
                   provenance: provenance(random))
        }
        section.energy = maybe(random) { double(random) }
        section.tension = maybe(random) { double(random) }
        section.parts[.pad] = maybe(random) { LinePart(notes: notes(random), provenance: provenance(random)).part }
        section.transition = maybe(random) { Transition.allCases.randomElement(using: &random.generator)! }
        section.handovers = maybe(random) { ["part0": Transition.allCases.randomElement(using: &random.generator)!] }
        section.ending = maybe(random) { Transition.allCases.randomElement(using: &random.generator)! }
        return section
    }

    static func notes(_ random: Dice) -> [Note] {
        (0..<Int.random(in: 0...10, using: &random.generator)).map { step in
            Note(start: step * 240, duration: 240 * Int.random(in: 1...4, using: &random.generator),
                 pitch: try! Pitch(midi: Int.random(in: 21...108, using: &random.generator)), velocity: Int.random(in: 1...127, using: &random.generator),
                 offset: Int.random(in: -30...30, using: &random.generator))
        }
    }

    static func provenance(_ random: Dice) -> Provenance {
        let origin: Origin = Bool.random(using: &random.generator)
            ? .person(text(random))
            : .generator(text(random), version: text(random), seed: random.generator.next(),
                         parameters: Dictionary(uniqueKeysWithValues: Set((0..<Int.random(in: 0...4, using: &random.generator)).map { _ in text(random) })
                            .map { ($0, text(random)) }))
        let edits = (0..<Int.random(in: 0...2, using: &random.generator)).map { _ in EditRecord(author: text(random), at: date(random), change: text(random)) }
        return Provenance(origin: origin, acceptedAt: date(random), edits: edits)
    }

    static func text(_ random: Dice) -> String { texts.randomElement(using: &random.generator)! }

    static func double(_ random: Dice) -> Double {
        Bool.random(using: &random.generator) ? doubles.randomElement(using: &random.generator)! : Double.random(in: -2...2, using: &random.generator)
    }

    /// Whole seconds mostly, sometimes with a fraction (which files drop).
    static func date(_ random: Dice) -> Date {
        let seconds = Double(Int.random(in: 0...4_000_000_000, using: &random.generator))
        return Date(timeIntervalSince1970: seconds + (Int.random(in: 0...3, using: &random.generator) == 0 ? 0.75 : 0))
    }

    static func maybe<T>(_ random: Dice, _ make: () -> T) -> T? {
        Bool.random(using: &random.generator) ? make() : nil
    }

    /// The file as it reads back: dates to the whole second.
    static func truncatingDates(_ file: SessionFile) -> SessionFile {
        func whole(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }
        func fix(_ provenance: inout Provenance) {
            provenance.acceptedAt = whole(provenance.acceptedAt)
            for index in provenance.edits.indices { provenance.edits[index].at = whole(provenance.edits[index].at) }
        }
        var file = file
        if let at = file.autosave?.at { file.autosave?.at = whole(at) }
        for index in file.song.sections.indices {
            for kind in file.song.sections[index].kinds { fix(&file.song.sections[index].parts[kind]!.provenance) }
            if file.song.sections[index].lyrics != nil { fix(&file.song.sections[index].lyrics!.provenance) }
        }
        return file
    }

    // MARK: Plain JSON

    static func json(_ random: Dice, depth: Int) -> JSON {
        switch Int.random(in: 0...(depth > 4 ? 4 : 6), using: &random.generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random.generator))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &random.generator))
        case 3: return .double(double(random))
        case 4: return .string(text(random))
        case 5: return .array((0..<Int.random(in: 0...4, using: &random.generator)).map { _ in json(random, depth: depth + 1) })
        default:
            let keys = Set((0..<Int.random(in: 0...4, using: &random.generator)).map { _ in text(random) })
            return .object(keys.map { ($0, json(random, depth: depth + 1)) })
        }
    }

    static func sortedKeys(_ json: JSON) -> JSON {
        switch json {
        case .array(let items): .array(items.map(sortedKeys))
        case .object(let members):
            .object(members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, sortedKeys($0.value)) })
        default: json
        }
    }
}
