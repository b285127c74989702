import Foundation
import MusicTheory
import OutsideTools
import SongModel
import Testing
@testable import REPL

/// `learn NAME FILES…`: a songwriter's own style, learned from a folder of MIDI files a
/// second writer made (mido, `tools/test/write_style_midi.py`: three songs in G with one
/// chord vocabulary, one melody rhythm, a tresillo bass and a late snare), then used by
/// `style=NAME` in another key. Each request is measured against what the files hold and
/// against the same request without the style, so the style is shown to be what moved it.
@Suite("Learning your own style")
struct LearnStyleTests {
    struct Fixture: Decodable {
        var transitions: [[String]]
        var melody: [[Int]]
        var bass: [Int]
        var kick: [Int]
        var snare: [Int]
        var snareLate: Int
    }

    func fixture(_ folder: String) throws -> Fixture {
        let (status, text) = try OutsideTool.testTool("write_style_midi.py", [folder])
        try #require(status == 0, "python3 with mido is needed: run `make deps`")
        return try JSONDecoder().decode(Fixture.self, from: Data(text.utf8))
    }

    /// Every file in a folder with its bytes, to show learning leaves them as they were.
    func contents(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return files
    }

    /// The numerals of D major the fixture's chords become there (its I, iii, IV, ii, V).
    static let numerals: [String: String] = ["D": "I", "F#m": "iii", "G": "IV", "Em": "ii", "A": "V"]

    /// The share of a chart's chord moves (a repeated chord is no move) that the writer made.
    func ownMoves(_ section: Section, learned: Set<[String]>) -> (own: Int, all: Int) {
        var heard: [String] = []
        for change in section.chords?.changes ?? [] {
            guard let chord = change.chord else { continue }
            let triad = chord.root.description + (chord.quality.isMinor ? "m" : "")
            let numeral = Self.numerals[triad] ?? "other \(chord)"
            if heard.last != numeral { heard.append(numeral) }
        }
        let moves = zip(heard, heard.dropFirst()).map { [$0, $1] }
        return (moves.filter { learned.contains($0) }.count, moves.count)
    }

    /// A bar's notes as (onset, length) in sixteenths.
    func rhythm(_ notes: [Note], bar: Int) -> [[Int]] {
        let start = bar * 3840
        return notes.filter { $0.start >= start && $0.start < start + 3840 }.sorted { $0.start < $1.start }
            .map { [($0.start - start) / 240, $0.duration / 240] }
    }

    @Test func aFolderOfYourSongsBecomesAStyleEveryRequestWritesIn() throws {
        let folder = try temporaryFolder()
        let midi = folder + "/my-songs"
        let fixture = try fixture(midi)
        let before = try contents(midi)
        var workspace = makeWorkspace(in: folder)

        let learned = try workspace.perform("learn mine \(midi)")
        let lines = learned.split(separator: "\n").map(String.init)
        #expect(lines.first == "learned “mine”, from 3 sources: 48 chord changes over 24 bars; melody in 4/4 (24 bars); bass in 4/4 (24 bars); drums in 4/4 (24 bars, with timing)")
        #expect(lines.contains { $0.hasPrefix("skipped broken.mid: cannot import: ") })
        #expect(!learned.contains("notes.txt"))
        #expect(lines.contains("kept on this machine only, in \(folder)/sessions/styles/mine.cowrite-style; `unlearn mine` deletes it"))
        // The style is one small file beside the sessions; the writer's files are untouched.
        let file = folder + "/sessions/styles/mine.cowrite-style"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        #expect(size > 500 && size < 16_384)
        #expect(try contents(midi) == before)
        #expect(try workspace.perform("styles").contains("“mine”, from 3 sources: 48 chord changes"))

        // Another key: D major, so the style is read as moves, not as chords.
        for line in ["new \"Mine Too\" key=D tempo=100", "add verse 8"] { _ = try workspace.perform(line) }
        let learnedMoves = Set(fixture.transitions)
        var styled = (own: 0, all: 0), plain = (own: 0, all: 0)
        for seed in 1...6 {
            for style in ["style=mine ", ""] {
                _ = try workspace.perform("chords verse \(style)n=1 seed=\(seed)")
                _ = try workspace.perform("accept 1")
                let moves = ownMoves(try #require(workspace.song?.section(named: "verse")), learned: learnedMoves)
                if style.isEmpty { plain.own += moves.own; plain.all += moves.all } else { styled.own += moves.own; styled.all += moves.all }
            }
        }
        let styledShare = Double(styled.own) / Double(max(1, styled.all)), plainShare = Double(plain.own) / Double(max(1, plain.all))
        print(String(format: "chord moves the writer made: %.0f%% with style=mine, %.0f%% without", styledShare * 100, plainShare * 100))
        #expect(styledShare >= 0.7)
        #expect(styledShare > plainShare + 0.2)

        // Melodies over a chart of the writer's moves: their bar rhythm, bar after bar.
        _ = try workspace.perform("chords verse = | D F#m | G Em | D F#m | G A | D F#m | G Em | D G | A D |")
        var ownBars = 0, plainBars = 0
        for seed in 1...6 {
            for style in ["style=mine ", ""] {
                _ = try workspace.perform("melody verse \(style)n=1 seed=\(seed)")
                _ = try workspace.perform("accept 1")
                let melody = try #require(workspace.song?.section(named: "verse")?.melody)
                let count = (0..<8).filter { rhythm(melody.notes, bar: $0) == fixture.melody }.count
                if style.isEmpty { plainBars += count } else {
                    ownBars += count
                    #expect(melody.provenance.origin.parameters?["learned"] == "mine")
                    #expect(melody.provenance.origin.credit == "melody \(melody.provenance.origin.version ?? "") (seed \(seed), your style mine)")
                }
            }
        }
        print("bars in the writer's melody rhythm: \(ownBars) of 48 with style=mine, \(plainBars) of 48 without")
        #expect(ownBars >= 30)
        #expect(ownBars > plainBars + 20)

        // Bass lines on the writer's tresillo, a root on every chord change.
        var tresillo = 0
        for seed in 1...6 {
            _ = try workspace.perform("bass verse style=mine n=1 seed=\(seed)")
            _ = try workspace.perform("accept 1")
            let bass = try #require(workspace.song?.section(named: "verse")?.bass)
            tresillo += (0..<8).filter { rhythm(bass.notes, bar: $0).map { $0[0] } == fixture.bass }.count
            let verse = try #require(workspace.song?.section(named: "verse"))
            for change in verse.chords?.changes ?? [] {
                let note = try #require(bass.notes.first { $0.start == change.start }, "no bass note on the change at \(change.start)")
                #expect(note.pitch.midi % 12 == change.chord?.bassNote.pitchClass)
            }
        }
        #expect(tresillo == 48)

        // Grooves: the kick and snare places of the files, the snare played late as there.
        var snareOffsets: [Int] = []
        var openBars = 0
        for seed in 1...4 {
            _ = try workspace.perform("groove verse style=mine n=1 seed=\(seed)")
            _ = try workspace.perform("accept 1")
            let drums = try #require(workspace.song?.section(named: "verse")?.drums)
            #expect(drums.provenance.origin.parameters?["learned"] == "mine")
            for bar in 0..<7 {
                let hits = drums.hits.filter { $0.start / 3840 == bar }
                let kicks = Set(hits.filter { $0.key == 36 }.map { ($0.start % 3840) / 240 })
                let snares = Set(hits.filter { $0.key == 38 }.map { ($0.start % 3840) / 240 })
                #expect(kicks.isSuperset(of: fixture.kick), "bar \(bar + 1): kicks at \(kicks.sorted())")
                #expect(snares == Set(fixture.snare), "bar \(bar + 1): snares at \(snares.sorted())")
                snareOffsets += hits.filter { $0.key == 38 }.map(\.offset)
                // The open hat the files play in a quarter of their bars: bar by bar, by chance,
                // never with the closed hat at its place.
                if let open = hits.first(where: { $0.key == 46 }) {
                    openBars += 1
                    #expect(!hits.contains { $0.key == 42 && $0.start == open.start })
                }
            }
        }
        print("bars with the open hat: \(openBars) of 28 (the files: 25%)")
        #expect(openBars >= 2 && openBars <= 14)
        let median = snareOffsets.sorted()[snareOffsets.count / 2]
        print("snare offsets (ticks, 960 a quarter): median \(median), written \(fixture.snareLate)")
        #expect(median >= fixture.snareLate - 20 && median <= fixture.snareLate + 20)

        // A whole draft in the style: every part of every section that the style covers.
        _ = try workspace.perform("sketch \"Drafted\" style=mine key=D seed=4")
        _ = try workspace.perform("accept all")
        let drafted = try #require(workspace.song)
        for section in drafted.sections {
            for (kind, part) in section.parts where kind != .pad {
                #expect(part.provenance.origin.parameters?["learned"] == "mine", "\(section.name) \(kind) not in the style")
                #expect(part.provenance.origin.parameters?["sketch"]?.contains("style=mine") == true)
            }
        }
        let draftedVerse = try #require(drafted.section(named: "verse"))
        let draftedMoves = ownMoves(draftedVerse, learned: learnedMoves)
        #expect(Double(draftedMoves.own) >= 0.7 * Double(draftedMoves.all))

        // Unlearned: the file goes, the writer's files and the parts written with it stay.
        #expect(try workspace.perform("unlearn mine") == "deleted your style “mine”; the files it was learned from are untouched")
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try contents(midi) == before)
        #expect(workspace.song?.section(named: "verse")?.drums != nil)
        #expect(throws: REPLError.self) { try workspace.perform("chords verse style=mine") }
    }

    @Test func badNamesSourcesAndStyleFilesAreRefusedWithOneLine() throws {
        let folder = try temporaryFolder()
        let midi = folder + "/my-songs"
        _ = try fixture(midi)
        var workspace = makeWorkspace(in: folder)
        func refusal(_ line: String) -> String {
            do { _ = try workspace.perform(line); return "accepted" } catch { return "\(error)" }
        }
        #expect(refusal("learn rock \(midi)") == "\"rock\" is a built-in style's name: pick another, e.g. `learn my-rock …`")
        #expect(refusal("learn 9lives \(midi)") == "\"9lives\" is not a style name: start with a letter, then letters, digits, - or _ (at most 32), e.g. `learn mine ~/midi`")
        #expect(refusal("learn mine \(folder)/nowhere") == "no file, folder or section \"\(folder)/nowhere\": give MIDI files, a folder of them, or sections of this song")
        let empty = folder + "/words"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try "la la\n".write(toFile: empty + "/lyrics.txt", atomically: true, encoding: .utf8)
        #expect(refusal("learn mine \(empty)") == "\"\(empty)\" has no .mid or .midi files: give MIDI files, a folder of them, or sections of this song")
        #expect(refusal("learn mine \(midi)/broken.mid").hasPrefix("nothing to learn in broken.mid: no chords, melody, bass or drums were found (skipped broken.mid: cannot import: "))
        #expect(refusal("unlearn mine") == "no learned style \"mine\": there are none yet (`learn NAME FILES…` learns one)")

        // A file in the styles folder that is not a learned style is named, never used.
        let styles = folder + "/sessions/styles"
        try FileManager.default.createDirectory(atPath: styles, withIntermediateDirectories: true)
        try Data("{\"format\": \"something else\"}".utf8).write(to: URL(fileURLWithPath: styles + "/odd.cowrite-style"))
        #expect(try workspace.perform("styles").contains("odd: \(styles)/odd.cowrite-style: is not a learned style Cowrite can read; `unlearn odd` and learn it again"))
        for line in ["new \"S\" key=C", "add verse 4", "chords verse = | C | F | G | C |"] { _ = try workspace.perform(line) }
        #expect(refusal("chords verse style=odd").contains("is not a learned style Cowrite can read"))
        // A link where the style would be written is refused, not followed.
        let target = folder + "/elsewhere.txt"
        try "mine\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: styles + "/linked.cowrite-style", withDestinationPath: target)
        #expect(refusal("learn linked \(midi)").contains("is a symbolic link; Cowrite does not write through links"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "mine\n")
        // A learned style on a request that takes none says which do.
        _ = try workspace.perform("learn mine \(midi)")
        _ = try workspace.perform("melody verse = C5/1 | F5/1 | D5/1 | C5/1")
        #expect(refusal("vary verse style=mine") == "style=mine: your style “mine” is for bass, chords, groove, harmonize, melody, sketch; vary takes its own styles")
        // Mistyped, named back; learned again only when asked; two words are not a name.
        #expect(refusal("chords verse style=mien") == "unknown style \"mien\" — did you mean your style mine? (`styles` lists them)")
        #expect(refusal("learn MINE \(midi)").hasPrefix("there is already a style \"mine\" (“mine”, from 3 sources): `learn MINE … --force` replaces it"))
        #expect(try workspace.perform("learn MINE \(midi) --force").hasPrefix("relearned “MINE”, from 3 sources"))
        #expect(refusal("learn my style \(midi)") == "no file, folder or section \"style\": give MIDI files, a folder of them, or sections of this song (a style's name is one word: `learn my-style …`)")
        // A style file that no longer reads can still be unlearned.
        #expect(try workspace.perform("unlearn odd") == "deleted your style “odd”; the files it was learned from are untouched")
        #expect(!FileManager.default.fileExists(atPath: styles + "/odd.cowrite-style"))
        #expect(refusal("unlearn linked").hasPrefix("no learned style \"linked\""))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "mine\n")
        // A genre the prompt reads is a style= word too, but a writer's style of that name
        // stays theirs: "celtic" learned is the writer's; "synthwave" is edm.
        #expect(try workspace.perform("learn celtic \(midi)").hasPrefix("learned “celtic”"))
        #expect(try workspace.perform("chords verse style=celtic n=1 seed=2").contains("walks your “celtic” moves"))
        #expect(try workspace.perform("chords verse style=synthwave n=1 seed=2").hasPrefix("(style “synthwave” read as edm)\nchords for verse in C — edm"))
    }

    /// What a writer's files hold beyond the one rhythm and ending of the first fixture:
    /// a bar that comes in late, an ending on iv–I, a waltz section under a 4/4 style.
    @Test func lateBarsOwnEndingsAndOtherMeters() throws {
        let folder = try temporaryFolder()
        let midi = folder + "/late"
        try FileManager.default.createDirectory(atPath: midi, withIntermediateDirectories: true)
        var workspace = makeWorkspace(in: folder)
        // Two songs in C by hand, saved as MIDI by Cowrite's own export, learned back.
        for (index, title) in ["One", "Two"].enumerated() {
            for line in ["new \"\(title)\" key=C tempo=100", "add verse 8",
                         "chords verse = | C | Em | F | Fm | C | Em | Fm | C |",
                         "melody verse = r/8 E5/8 D5/8 C5/8 E5/4 G5/4 | r/8 D5/8 C5/8 B4/8 D5/4 G4/4 | r/8 C5/8 A4/8 C5/8 F5/4 A4/4 | C5/4. Ab4/8 C5/2 | r/8 E5/8 D5/8 C5/8 E5/4 G5/4 | r/8 D5/8 C5/8 B4/8 D5/4 G4/4 | r/8 C5/8 Ab4/8 C5/8 F5/4 Ab4/4 | C5/1",
                         "groove verse style=rock n=1 seed=\(index + 1)", "accept 1",
                         "export midi \(midi)/\(title.lowercased()).mid"] { _ = try workspace.perform(line) }
        }
        let learned = try workspace.perform("learn late \(midi)")
        #expect(learned.hasPrefix("learned “late”, from 2 sources: "))
        for line in ["new \"Three\" key=G tempo=100", "add verse 8"] { _ = try workspace.perform(line) }
        // The ending: iv–I, as both songs end, said so.
        let chords = try workspace.perform("chords verse style=late n=1 seed=3")
        #expect(chords.contains("ends iv–I as your sections do"))
        _ = try workspace.perform("accept 1")
        let verse = try #require(workspace.song?.section(named: "verse"))
        let last = verse.chords?.changes.compactMap(\.chord).suffix(2).map(\.description)
        #expect(last == ["Cm", "G"], "\(last ?? [])")
        // The melody comes in late on the beat's second eighth, as the writer's bars do.
        var late = 0
        for seed in 1...4 {
            _ = try workspace.perform("melody verse style=late n=1 seed=\(seed)")
            _ = try workspace.perform("accept 1")
            let notes = try #require(workspace.song?.section(named: "verse")?.melody?.notes)
            late += (0..<8).filter { bar in !notes.contains { $0.start == bar * 3840 } && notes.contains { $0.start == bar * 3840 + 480 } }.count
        }
        #expect(late >= 8, "\(late) bars of 32 came in an eighth late")
        // In 3/4 the 4/4 style's drums give way to a waltz, said so.
        for line in ["add waltz 4", "set waltz meter=3/4"] { _ = try workspace.perform(line) }
        let waltz = try workspace.perform("groove waltz style=late n=1 seed=2")
        #expect(waltz.contains("late is written in 4/4; this section is in 3/4, so it gets the waltz feel"))
    }
}
