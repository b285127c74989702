import AudioRender
import Engine
import Foundation
import MusicTheory
import SongModel
import Testing
@testable import REPL

/// The pad, the part kind added as one catalogue row: asked for, accepted, edited,
/// undone, rendered to its own stem and MIDI track, credited, and sketched under calm
/// and dreamy songs.
@Suite("The pad part")
struct PadTests {
    func song() throws -> Workspace {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Pads\" key=C tempo=90", "add verse 4", "chords verse = | C | Am | F | G |"] { _ = try workspace.perform(line) }
        return workspace
    }

    @Test func threeStylesAskedAcceptedEditedAndUndone() throws {
        var workspace = try song()
        let list = try workspace.perform("pad verse seed=2")
        #expect(list.hasPrefix("pads for verse — seed 2\n"))
        #expect(list.contains("\n1. plain pad, "))
        #expect(list.contains("\n2. swell pad, ") && list.contains("\n3. shimmer pad, "))
        let before = workspace.song
        let accepted = try workspace.perform("accept 1")
        #expect(accepted.hasPrefix("accepted 1 into verse: plain pad, "))
        #expect(accepted.contains("credited to pad \(PadGenerator.version) (seed 2)"))
        let pad = try #require(workspace.song?.section(named: "verse")?.parts[.pad])
        #expect(pad.provenance.origin.name == "pad" && pad.provenance.origin.parameters?["style"] == "plain")
        guard case .notes(let notes) = pad.content else { Issue.record("a pad holds notes"); return }
        // Sustained chord tones: every note is a tone of the chord it sounds under, and
        // the voices sit below the melody's register.
        let chords = try #require(workspace.song?.section(named: "verse")?.chords)
        for note in notes {
            let chord = try #require(chords.chord(at: note.start))
            #expect(chord.pitchClasses.contains(note.pitch.midi % 12), "\(note.pitch) under \(chord)")
            #expect(note.pitch.midi <= 60)
        }
        #expect(notes.map(\.duration).min()! >= 3840)
        _ = try workspace.perform("transpose verse pad 12")
        #expect(try workspace.perform("blame verse pad").contains("edited by Ana: transposed up 12 semitones"))
        _ = try workspace.perform("undo")
        _ = try workspace.perform("undo")
        #expect(workspace.song == before)
    }

    /// A held chord low in the mix keeps its root, third or fifth at the bottom: over
    /// added-tone, sixth, seventh and suspended charts in every key, every style and
    /// register, the lowest note sounding at each chord change is one of them. (An intro's
    /// E♭add9 once held its 9th, F2, at the bottom.)
    @Test func thePadsLowestNoteIsTheRootThirdOrFifth() throws {
        let charts = [("Eb", ["Ebadd9", "Cm7", "Abmaj7", "Bb7sus4"]), ("C", ["C6", "Am9", "Fmaj9", "G13"]), ("D", ["Dadd9", "Bm7", "Gmaj7", "Asus2"]),
                      ("F#", ["F#add9", "D#m7", "Bmaj9", "C#7sus4"]), ("Bb", ["Bb6", "Gm9", "Ebadd9", "F9"]), ("A", ["Amaj7", "F#m11", "Dadd9", "E7sus4"])]
        var wrong: [String] = []
        for (key, symbols) in charts {
            do {
                let chords = try symbols.map { try Chord(parsing: $0) }
                let changes = chords.enumerated().map { ChordChange(start: $0.offset * 3840, chord: $0.element) }
                let context = LineContext(section: "intro", key: try Key(parsing: key), meter: .fourFour, bars: 4, chords: changes)
                for style in PadStyle.allCases {
                    for pad in try PadGenerator.suggest(style: style, count: 3, seed: 1, context: context) {
                        let notes = try #require(pad.notes)
                        for change in changes {
                            let sounding = notes.filter { $0.start <= change.start + 1920 && $0.end > change.start + 1920 && $0.pitch.midi < PadGenerator.shimmerRange.lowerBound }
                            guard let low = sounding.min(by: { $0.pitch.midi < $1.pitch.midi }), let chord = change.chord else { continue }
                            let interval = (low.pitch.midi - chord.root.pitchClass + 120) % 12
                            if ![0, 3, 4, 6, 7, 8].contains(interval) { wrong.append("\(chord) \(style): \(low.pitch) lowest") }
                        }
                    }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(6)) (\(wrong.count) in all)")
    }

    /// Options of one style are different notes, not one voicing twice with other
    /// velocities (a swell's first two options had been the same notes).
    @Test func optionsOfOneStyleAreDifferentNotes() throws {
        // A chart with added tones, sixths, sus chords and two chords in some bars.
        let chart: [(Int, String)] = [(0, "C6"), (1920, "Am7"), (3840, "Fadd9"), (7680, "Dsus4"), (9600, "D"), (11520, "G6"), (15360, "Amadd9"),
                                      (19200, "E7sus4"), (23040, "Bbadd9"), (24960, "Gsus4"), (26880, "Csus2"), (30720, "Ebm9"), (34560, "Dbmaj9")]
        let chords = try chart.map { ChordChange(start: $0.0, chord: try Chord(parsing: $0.1)) }
        let context = LineContext(section: "verse", key: try Key(parsing: "C"), meter: .fourFour, bars: 10, chords: chords)
        for style in PadStyle.allCases {
            for seed in UInt64(1)...10 {
                let options = try PadGenerator.suggest(style: style, count: 3, seed: seed, context: context).compactMap(\.notes)
                let heard = options.map { $0.map { "\($0.start)/\($0.duration)/\($0.pitch.midi)" } }
                #expect(options.count == 3 && Set(heard).count == 3, "\(style) seed \(seed)")
                // Three or four held voices at each chord (a big chord leaves its fifth out).
                for option in options {
                    for (index, change) in chords.enumerated() {
                        let last = (index + 1 < chords.count ? chords[index + 1].start : 10 * 3840) - 1
                        let held = option.filter { $0.start <= last && $0.end > last && $0.pitch.midi < PadGenerator.shimmerRange.lowerBound }
                        #expect((3...4).contains(held.count), "\(style) seed \(seed) \(change.chord.map(String.init(describing:)) ?? ""): \(held.count) voices")
                    }
                }
            }
        }
    }

    @Test func theStylesDifferAudibly() throws {
        var workspace = try song()
        _ = try workspace.perform("pad verse seed=4")
        let pads = (workspace.pending?.suggestions ?? []).compactMap { $0.notes }
        #expect(pads.count == 3)
        // Swell: the voices of a chord enter at different moments; shimmer: a layer above C5.
        #expect(Set(pads[0].filter { $0.start < 3840 }.map(\.start)).count == 1)
        #expect(Set(pads[1].filter { $0.start < 3840 }.map(\.start)).count >= 3)
        #expect(pads[2].contains { $0.pitch.midi >= 72 } && !pads[0].contains { $0.pitch.midi >= 72 })
    }

    /// A shimmer's halo sits over the melody sounding with each chord (at least a minor
    /// third over its highest note), never in its octave: asked at the prompt over a written
    /// tune, and in every sketch of ten seeds, each mood and four arcs. Before, the halo doubled
    /// the upper chord tones at C5-E6 whatever the tune sang there.
    @Test func aShimmersHaloClearsTheMelody() throws {
        var workspace = try song()
        _ = try workspace.perform("melody verse = C5/2 E5/2 | A5/2 G5/2 | F5/2 A5/2 | G5/2 D5/2")
        _ = try workspace.perform("pad verse style=shimmer seed=3 n=1")
        let pad = try #require(workspace.pending?.suggestions.first?.notes)
        let melody = try #require(workspace.song?.section(named: "verse")?.melody?.notes)
        func clears(_ pad: [Note], _ melody: [Note]) -> (halo: Int, clashes: [String]) {
            let halo = pad.filter { $0.pitch.midi >= PadGenerator.shimmerRange.lowerBound }
            let clashes = halo.filter { note in
                melody.contains { $0.start < note.end && $0.end > note.start && $0.pitch.midi + 3 > note.pitch.midi }
            }
            // A tone the next chord keeps is tied over, not struck again.
            let restruck = halo.filter { note in halo.contains { $0.pitch.midi == note.pitch.midi && $0.end == note.start } }
            return (halo.count, clashes.map { "\($0.pitch) at \($0.start)" } + restruck.map { "\($0.pitch) struck again at \($0.start)" })
        }
        let asked = clears(pad, melody)
        #expect(asked.halo > 0 && asked.clashes.isEmpty, "\(asked.clashes)")
        var halos = 0, sections = 0
        let requests: [(mood: Mood?, arc: [Mood])] = Mood.allCases.map { ($0, []) }
            + [(nil, [.calm, .tense, .triumphant]), (nil, [.dreamy, .dark, .triumphant]), (nil, [.calm, .energetic]), (nil, [.sad, .hopeful])]
        for (mood, arc) in requests {
            for seed in UInt64(1)...10 {
                let draft = try Sketcher.draft(SketchRequest(mood: mood, arc: arc, form: nil, style: nil, key: nil, tempo: nil, seed: seed, line: "test"))
                for section in draft.sections {
                    guard let melody = section.melody?.notes, case .notes(let pad)? = section.parts[.pad]?.content else { continue }
                    let found = clears(pad, melody)
                    halos += found.halo
                    if found.halo > 0 { sections += 1 }
                    #expect(found.clashes.isEmpty, "\(mood.map(\.rawValue) ?? "\(arc)") seed \(seed) \(section.name): \(found.clashes)")
                }
            }
        }
        print("shimmer halos over a melody: \(halos) notes in \(sections) sketched sections")
        #expect(sections >= 10)
    }

    @Test func itRendersToItsOwnStemAndTrackWithAWarmPad() throws {
        var workspace = try song()
        _ = try workspace.perform("pad verse seed=2")
        _ = try workspace.perform("accept 2")
        let performance = try Performance(song: try #require(workspace.song))
        let track = try #require(performance.tracks.first { $0.part == .pad })
        #expect(track.channel == 3 && track.program == 89 && track.name == "pad")
        let midi = try MIDIFile.read(MIDIFile.data(for: performance, title: "Pads"))
        #expect(midi.trackNames.contains("pad"))
        let folder = try temporaryFolder()
        let output = try workspace.perform("render -o \(folder)/out --stems")
        #expect(output.contains("stems/pads_pad.wav"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/stems/pads_pad.wav"))
        let credits = try String(contentsOfFile: folder + "/out/provenance.md", encoding: .utf8)
        #expect(credits.contains("pad \(PadGenerator.version)"))
    }

    @Test func calmAndDreamySketchesHaveAPadAndEnergeticOnesDoNot() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch \"Still\" mood=calm seed=5 --accept")
        let calm = try #require(workspace.song)
        #expect(calm.sections.allSatisfy { $0.parts[.pad] != nil })
        #expect(calm.sections.first?.parts[.pad]?.provenance.origin.parameters?["style"] == "swell")
        _ = try workspace.perform("sketch \"Loud\" mood=energetic seed=5 --accept")
        #expect(workspace.song?.sections.allSatisfy { $0.parts[.pad] == nil } == true)
        #expect(try workspace.perform("help pad").contains("Usage: `pad SECTION"))
    }
}
