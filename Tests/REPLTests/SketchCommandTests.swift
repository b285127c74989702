import AudioRender
import MusicTheory
import Foundation
import SongModel
import Testing
@testable import REPL

@Suite("Sketching at the prompt")
struct SketchCommandTests {
    @Test func anArcSketchRendersLouderSectionBySectionAndSavesAndReloadsUnchanged() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        let output = try workspace.perform("sketch \"Arc\" arc=calm->tense->triumphant form=intro,verse,chorus seed=7 --accept")
        #expect(output.hasSuffix("accepted the whole sketch: 3 sections, form intro verse chorus"))
        let song = try #require(workspace.song)
        // Saves and reloads without change.
        _ = try workspace.perform("save arc")
        #expect(try workspace.store.read(folder + "/sessions/arc.cowrite").song == song)
        // Rendered sections get louder along the arc (measured before mastering, which
        // would apply one gain to all of them anyway).
        let performance = try Performance(song: song)
        let stems = try Renderer.stems(performance, settings: RenderSettings(soundFont: SoundFontInfo.resolve(nil)), isCancelled: { false })
        let frames = stems[0].frames
        var left = [Float](repeating: 0, count: frames), right = left
        for stem in stems { for i in 0..<frames { left[i] += stem.left[i]; right[i] += stem.right[i] } }
        var loudness: [Double] = []
        let starts = performance.markers.map(\.tick) + [performance.endTick]
        for (start, end) in zip(starts, starts.dropFirst()) {
            let from = Int(performance.tempos.seconds(at: start) * 44100), to = Int(performance.tempos.seconds(at: end) * 44100)
            let report = try Loudness.measure(left: Array(left[from..<to]), right: Array(right[from..<to]), sampleRate: 44100, truePeak: false)
            loudness.append(report.integrated)
        }
        print(String(format: "arc calm -> tense -> triumphant, loudness before mastering: intro %.1f, verse %.1f, chorus %.1f LUFS", loudness[0], loudness[1], loudness[2]))
        #expect(loudness[0] < loudness[1] && loudness[1] < loudness[2])
        // And it renders to files.
        let rendered = try workspace.perform("render -o \(folder)/out")
        #expect(rendered.contains("mix.wav"))
        // The balance in a line or two at the prompt, every move in provenance.md.
        let lines = rendered.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  balanced: the melody lifted +") && $0.contains(" dB to sit over the chords") }, "\(rendered)")
        // The chords are said to move toward their place under the melody, not by the energy.
        let balanced = try #require(lines.first { $0.hasPrefix("  balanced: ") })
        #expect(balanced.contains("; the chords +") && balanced.contains(" dB toward 8 LU under it"), "\(balanced)")
        #expect(balanced.components(separatedBy: "nearer it, as each section's energy asks").first?.contains("chords +") == false, "\(balanced)")
        #expect(lines.contains { $0.hasPrefix("  shaped: ") && $0.contains("the climax, chorus, held 2.5 LU over the rest (") && $0.hasSuffix(" dB) and opened up with a tambourine") }, "\(rendered)")
        #expect(lines.contains("  every move, section by section, and why: provenance.md"))
        #expect(lines.count <= 8 && !rendered.contains("(each in provenance.md)"), "\(rendered)")
        let provenance = try String(contentsOfFile: folder + "/out/provenance.md", encoding: .utf8)
        #expect(provenance.contains("- Balance: the melody lifted to sit over ") && provenance.contains("- Balance: the climax, chorus, opened up"), "\(provenance)")
        // `why` explains from the data.
        let why = try workspace.perform("why verse")
        #expect(why.hasPrefix("verse:\n  mood tense, energy "))
        #expect(why.contains("chords "))
    }

    /// A sketch's section removed, or one accepted on its own, and the song saved: the file
    /// opens again (its other sections had kept hand-overs to the missing one, and the
    /// reader refused the whole file), and a renamed section keeps the hand-overs into it.
    /// A sketch with repeats shows how big each playing is, from the levels the render
    /// plays (`SectionLevels`): on "start calm, build tension, end triumphant" the one
    /// chorus comes back bigger each time and its last playing is the loudest; a form
    /// without repeats shows no such line.
    /// `style=funk` is the funk of the words: the funk groove and a clavinet, said back; it
    /// had been the soul band's neo-soul groove on an electric piano, the same to the sample
    /// as `style=soul`.
    /// A tempo whose beat is not a quarter says what it counts and what a DAW shows.
    @Test func aTempoSaysWhatItCountsWhereTheBeatIsNotAQuarter() throws {
        #expect(try Meter(parsing: "4/4").tempoInQuarters(120) == "")
        #expect(try Meter(parsing: "3/4").tempoInQuarters(90) == "")
        #expect(try Meter(parsing: "7/8").tempoInQuarters(248) == " (the eighth; 124 quarter notes a minute)")
        #expect(try Meter(parsing: "12/8").tempoInQuarters(124) == " (the dotted quarter; 186 quarter notes a minute)")
        #expect(try Meter(parsing: "6/8").tempoInQuarters(75) == " (the dotted quarter; 112.5 quarter notes a minute)")
        #expect(try Meter(parsing: "2/2").tempoInQuarters(80) == " (the half; 160 quarter notes a minute)")
    }

    /// A sketch in 7/8 says its tempo counts eighths and what a DAW shows (a newcomer read
    /// "248 bpm" as a very fast song).
    @Test func anOddMeterSketchSaysWhatItsTempoCounts() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let reply = try workspace.perform("sketch \"Odd\" meter=7/8 seed=3")
        let header = try #require(reply.split(separator: "\n").first { $0.hasPrefix("sketch in ") })
        let tempo = try #require(workspace.song?.tempo)   // the holding song takes the draft's tempo
        #expect(header.hasSuffix(" bpm in 7/8 (the eighth; \(tempo / 2)\(tempo % 2 == 1 ? ".5" : "") quarter notes a minute) — seed 3"), "\(header)")
        // And the song's overview, once accepted, says the same.
        _ = try workspace.perform("accept all")
        #expect(try workspace.perform("song").contains("\(tempo) bpm (the eighth; "))
        // `why` compares it with the mood's range in the same unit, quarter notes a minute.
        let why = try workspace.perform("why verse")
        #expect(why.contains("tempo \(tempo) bpm (\(Int((Double(tempo) / 2).rounded())) quarter notes a minute)")
                && why.range(of: #"mood's range [0-9]+–[0-9]+ quarter notes a minute\)"#, options: .regularExpression) != nil, "\(why)")
    }

    /// A title of words Cowrite does not know says what the draft then is; a mood's other
    /// words ("eerie", "bleak") are read in the words and in `mood=`, and `mood=` says what
    /// it read. ("eerie" had drafted a hopeful pop song, with nothing said.)
    @Test func aTitleItCannotReadSaysTheDraftTakesTheDefaultMood() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let unknown = try workspace.perform("sketch \"Zorblat\" seed=2").split(separator: "\n").map(String.init)
        #expect(unknown.first == "(the title is not read as a prompt: none of its words is one Cowrite knows, so the draft is hopeful, "
                + "the default: a mood in the words or `mood=` sets one — `help prompts` lists the words)")
        let eerie = try workspace.perform("sketch \"eerie\" seed=2")
        #expect(eerie.hasPrefix("understood: eerie: dark · "), "\(eerie)")
        #expect(eerie.contains("  verse       8 bars  dark, "), "\(eerie)")
        let bleak = try workspace.perform("sketch \"Winter\" mood=bleak seed=2").split(separator: "\n").map(String.init)
        #expect(bleak.prefix(2) == ["(mood “bleak” read as melancholy)",
                                    "(the title is not read as a prompt: none of its words is one Cowrite knows — `help prompts` lists the words)"])
        #expect(!(try workspace.perform("sketch \"Winter\" mood=sad seed=2")).contains("(mood “"))
    }

    /// "jazzy" with another style colours that style's chords: a "jazzy pop" sketch has
    /// sevenths, sixths and ninths where the "pop" one of the same seed has plain triads,
    /// keeps pop's band and grooves, and says what the word did; "jazzy boom bap" says so
    /// too (lo-fi's chords are most of them coloured already).
    @Test func jazzyColoursTheStyleNamedWithIt() throws {
        func sketch(_ prompt: String) throws -> (reply: String, symbols: [String], song: Song) {
            var workspace = makeWorkspace(in: try temporaryFolder())
            let reply = try workspace.perform("sketch \"\(prompt)\" seed=5")
            _ = try workspace.perform("accept all")
            let song = try #require(workspace.song)
            let symbols = song.sections.flatMap { $0.chords?.changes.compactMap { $0.chord?.description } ?? [] }
            return (reply, symbols, song)
        }
        let plain = try sketch("pop"), jazzy = try sketch("jazzy pop")
        #expect(jazzy.reply.hasPrefix("understood: jazzy: jazz colour (sevenths and ninths) · pop"), "\(jazzy.reply)")
        func coloured(_ symbols: [String]) -> Double {
            Double(symbols.filter { $0.contains("7") || $0.contains("9") || $0.contains("6") }.count) / Double(max(symbols.count, 1))
        }
        #expect(coloured(jazzy.symbols) > coloured(plain.symbols) + 0.3, "\(jazzy.symbols) against \(plain.symbols)")
        #expect(jazzy.song.sections.map { $0.drums?.style } == plain.song.sections.map { $0.drums?.style })
        #expect(try sketch("jazzy boom bap").reply.hasPrefix("understood: jazzy: jazz colour (sevenths and ninths) · boom bap: lofi"))
    }

    @Test func aStyleOptionReadsAGenreAsTheWordsDo() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        let optioned = try workspace.perform("sketch mood=hopeful seed=1 style=funk --accept")
        #expect(optioned.hasPrefix("(style “funk” read as soul, the funk groove, more energy, clavinet chords)\n"))
        let song = try #require(workspace.song)
        let grooves = song.sections.compactMap { $0.drums?.style }
        #expect(grooves.count >= 4 && grooves.allSatisfy { $0 == .funk })
        #expect(song.program(of: .chords) == 7)
        _ = try workspace.perform("sketch \"funk\" mood=hopeful seed=1 --accept")
        let worded = try #require(workspace.song)
        #expect(worded.sections.map { $0.drums?.hits } == song.sections.map { $0.drums?.hits }, "the same grooves as the words'")
        #expect(worded.sections.map { $0.chords?.changes } == song.sections.map { $0.chords?.changes }, "the same chords as the words'")
        // The option wins over the words for what a style sets: rock drums under "funk".
        _ = try workspace.perform("sketch \"funk\" mood=hopeful seed=1 style=rock --accept")
        let rock = try #require(workspace.song).sections.compactMap { $0.drums?.style }
        #expect(rock.count >= 4 && rock.allSatisfy { $0 == .rock })
        // Over a style in the words, the option says so; a groove the meter has no place
        // for is said not to be played.
        #expect(try workspace.perform("sketch \"late night lo-fi\" style=waltz seed=7")
            .contains("\n(style=waltz wins over the words' lo-fi: the harmony, groove and band are waltz's)\n"))
        #expect(try workspace.perform("sketch \"bossa nova waltz\" seed=7")
            .contains("\n(the bossa-nova groove is not played in 3/4: the drums play the waltz groove)\n"))
        // A harmony style's own name brings nothing more, and says nothing.
        #expect(!(try workspace.perform("sketch mood=hopeful seed=1 style=soul")).contains("read as"))
    }

    @Test func aSketchShowsHowBigEachPlayingIs() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let output = try workspace.perform("sketch \"start calm, build tension, end triumphant\" seed=3")
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("  as played") })
        #expect(line == "  as played (how big each playing is): intro ▁ verse ▁ chorus ▅ verse 2 ▂ chorus 2 ▆ bridge ▅ chorus 3 █ outro ▄")
        guard case .sketch(let draft)? = workspace.pending?.suggestions.first?.content else {
            Issue.record("no draft waits")
            return
        }
        var song = Song(title: "", key: draft.key, tempo: draft.tempo, meter: draft.meter, mood: draft.mood)
        song.sections = draft.sections
        song.arrangement = draft.form
        let levels = try #require(SectionLevels.energies(song: song, form: draft.form))
        let choruses = draft.form.indices.filter { draft.form[$0] == "chorus" }.map { levels[$0] }
        #expect(choruses == choruses.sorted() && Set(choruses).count == choruses.count && choruses.last == levels.max())
        let once = try workspace.perform("sketch \"Once\" mood=calm form=verse,chorus seed=2")
        #expect(!once.contains("as played"))
    }

    /// Asked again, a sketched section's chords, groove and melody keep the styles the
    /// sketch wrote them in, unless another is named (a lo-fi sketch's verse had answered
    /// in the calm mood's ballad chords and grooves).
    @Test func askingAgainKeepsTheSectionsStyles() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch \"lofi hip hop chill beat\" seed=1 --accept")
        let verse = try #require(workspace.song?.section(named: "verse"))
        #expect(verse.chords?.provenance.origin.parameters?["style"] == "lofi" && verse.drums?.style == .boomBap)
        #expect(try workspace.perform("chords verse n=1 seed=2").hasPrefix("chords for verse in A — lofi, calm"))
        let grooves = try workspace.perform("groove verse n=1 seed=2")
        #expect(grooves.contains("\n1. boom-bap, energy"), "\(grooves)")
        #expect(try workspace.perform("groove verse n=1 seed=2 style=rock").contains("\n1. rock, energy"))
        _ = try workspace.perform("melody verse n=1 seed=2")
        let melodyStyle = verse.melody?.provenance.origin.parameters?["style"]
        #expect(melodyStyle != nil && workspace.pending?.suggestions.first?.origin.parameters?["style"] == melodyStyle)
    }

    @Test func aSavedSketchOpensAfterASectionGoes() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("sketch \"Gone\" mood=calm seed=3 --accept")
        let into = try #require(workspace.song?.sections.first { $0.handovers?["bridge"] != nil })
        _ = try workspace.perform("rename bridge middle")
        #expect(workspace.song?.section(named: into.name)?.handovers?["middle"] == into.handovers?["bridge"])
        _ = try workspace.perform("remove middle")
        #expect(workspace.song?.sections.allSatisfy { $0.handovers?["middle"] == nil } == true)
        _ = try workspace.perform("save")
        _ = try workspace.perform("new \"Other\"")
        #expect(try workspace.perform("open gone").contains("opened “Gone”"))
        _ = try workspace.perform("sketch \"Alone\" mood=calm seed=3")
        _ = try workspace.perform("accept chorus")
        _ = try workspace.perform("save")
        _ = try workspace.perform("new \"Third\"")
        #expect(try workspace.perform("open alone").contains("opened “Alone”"))
        // A section of it brought into another song keeps no hand-over to what is not there.
        _ = try workspace.perform("new \"Host\" key=Am")
        _ = try workspace.perform("add verse 4")
        let copied = try workspace.perform("copy chorus from=alone")
        #expect(copied.hasPrefix("copied chorus of “Alone” to chorus, with its chords, melody, bass, drums and pad and who wrote them; form: verse chorus"), "\(copied)")
        #expect(copied.contains("\n(it keeps its key, "), "\(copied)")
        #expect(workspace.song?.section(named: "chorus")?.handovers?.keys.allSatisfy { ["verse", "chorus"].contains($0) } != false)
        #expect(workspace.song?.section(named: "chorus")?.chords?.provenance.origin.kind == .generator)
        do { _ = try workspace.perform("copy chorus from=alone"); Issue.record("copied over a section of the same name") } catch {
            #expect("\(error)".hasPrefix("there is already a section \"chorus\": pick another name"))
        }
        #expect(try workspace.perform("copy chorus hook from=alone").hasPrefix("copied chorus of “Alone” to hook"))
        // A section in 7/8 brought into a song in 5/4: the tempo offered counts its eighths,
        // and `set` says what a tempo counts where the beat is not a quarter.
        _ = try workspace.perform("new \"Chase\" key=Dm tempo=252 meter=7/8")
        _ = try workspace.perform("add run 2")
        _ = try workspace.perform("chords run = Dm")
        _ = try workspace.perform("save")
        _ = try workspace.perform("new \"Cue\" key=E tempo=132 meter=5/4")
        _ = try workspace.perform("add verse 2")
        let odd = try workspace.perform("copy run from=chase")
        #expect(odd.hasSuffix("(it keeps its key, Dm, its meter, 7/8 and its tempo, 252 bpm, as it sounded there: `transpose run to=E` and `set run tempo=264` bring it to this song's)"), "\(odd)")
        #expect(try workspace.perform("set run tempo=264") == "set section run: tempo=264 (the eighth; 132 quarter notes a minute)")
        // The same speed in another beat is not kept as a tempo of its own.
        _ = try workspace.perform("remove run")
        _ = try workspace.perform("set tempo=126")
        #expect(!(try workspace.perform("copy run from=chase")).contains("its tempo"))
    }

    /// A sketch asked from inside a song starts a song of its own (the one left is saved
    /// first); dropped before anything is accepted, the writer is back in the song they
    /// left, sections and all. A check had been left in an empty "Side Idea" after `drop`,
    /// every later command failing with "no section".
    @Test func droppingASketchGoesBackToTheSongItLeft() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("new \"Harbour Lights\" key=G")
        _ = try workspace.perform("add verse 4")
        _ = try workspace.perform("chords verse = | G | D | Em | C |")
        let sketched = try workspace.perform("sketch \"Side Idea\" mood=calm seed=3")
        #expect(sketched.contains("saved “Harbour Lights” to ") && sketched.contains("(`drop` takes you back to “Harbour Lights”)"), "\(sketched)")
        #expect(workspace.song?.title == "Side Idea")
        let dropped = try workspace.perform("drop")
        #expect(dropped.hasPrefix("dropped the sketch draft; back in “Harbour Lights” ("), "\(dropped)")
        #expect(workspace.song?.title == "Harbour Lights" && workspace.song?.section(named: "verse")?.chords != nil)
        // The empty song the sketch had started is not left behind as a file.
        #expect(!FileManager.default.fileExists(atPath: folder + "/sessions/side-idea.cowrite"))
        // A section taken first, then the whole draft: listed in the draft's order.
        var ordered = makeWorkspace(in: try temporaryFolder())
        _ = try ordered.perform("sketch \"Order\" mood=calm seed=3")
        _ = try ordered.perform("accept verse")
        _ = try ordered.perform("accept all")
        #expect(ordered.song?.sections.map(\.name) == ["intro", "verse", "chorus", "bridge", "outro"])
        // One section taken and the rest dropped: the writer stays with what they took and
        // hears where the song they left is.
        _ = try workspace.perform("sketch \"Side Idea\" mood=calm seed=3")
        #expect(try workspace.perform("accept verse") == "accepted the sketch's verse into “Side Idea”; to have it in the song you were in: `open harbour-lights`, then `copy verse from=side-idea`")
        #expect(try workspace.perform("drop") == "dropped the rest of the sketch draft; “Side Idea” keeps verse, which you accepted — the song you were in is saved: `open harbour-lights` goes back to it")
        _ = try workspace.perform("open harbour-lights")
        #expect(workspace.song?.title == "Harbour Lights")
        _ = try workspace.perform("set verse bars=4")
        // Accepted, the sketch is a song of its own; a bare `accept` again would write the
        // draft over what was changed since, so it asks for the number.
        _ = try workspace.perform("sketch \"Side Idea\" mood=calm seed=3 --accept")
        #expect(workspace.song?.title == "Side Idea" && workspace.song?.sections.isEmpty == false)
        func refusal(_ line: String) -> String {
            do { _ = try workspace.perform(line); return "" } catch { return "\(error)" }
        }
        #expect(refusal("accept") == "already accepted: `accept 1` takes it again, over what you have changed since (`undo` takes that back)")
        // Several waiting and none named: which one (it had said `there is no suggestion ""`).
        _ = try workspace.perform("chords verse n=2 seed=1")
        #expect(refusal("accept") == "accept which? give a number from 1 to 2, e.g. `accept 1`")
        // A song that was never saved and never changed is not saved to come back to.
        var fresh = makeWorkspace(in: try temporaryFolder())
        let alone = try fresh.perform("sketch \"Solo\" mood=calm seed=3")
        #expect(!alone.contains("takes you back"))
        // Begun with no song open, the sketch's empty song goes with its draft: no song again
        // (an empty "Solo" had stayed, and the next sketch's accept said the song "was in"
        // the dropped draft's key).
        #expect(try fresh.perform("drop") == "dropped the sketch draft; no song is open (`new \"Title\"` starts one, `sketch` drafts one)")
        #expect(fresh.song == nil)
        #expect(fresh.autosavePath == nil)
        // A sketch that replaces another waiting in the song it made takes that song as its
        // own, named and keyed as the new draft: nothing "was in" another key.
        _ = try fresh.perform("sketch \"One\" mood=sad seed=1")
        _ = try fresh.perform("sketch \"Two\" mood=energetic seed=5")
        #expect(fresh.song?.title == "Two")
        let accepted = try fresh.perform("accept all")
        #expect(!accepted.contains("it was in"), "\(accepted)")
        // While a draft waits, a section only it has is said to be in the draft.
        var empty = makeWorkspace(in: try temporaryFolder())
        _ = try empty.perform("sketch \"Lake\" mood=calm seed=5")
        func emptyRefusal(_ line: String) -> String {
            do { _ = try empty.perform(line); return "" } catch { return "\(error)" }
        }
        #expect(emptyRefusal("show verse") == "no section \"verse\" in the song yet: it is in the sketch's draft, waiting — `accept all` takes the draft, `accept verse` that section alone (`why verse` explains it first)")
        #expect(emptyRefusal("render -o out") == "the song has no sections yet: the sketch's draft is waiting — `accept all` takes it, then `render`")
    }

    @Test func arcAndTransitionCommands() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in try script("rain-on-glass.txt").dropLast() { _ = try workspace.perform(line) }
        let output = try workspace.perform("arc calm -> triumphant")
        #expect(output.contains("verse: calm, energy 0.20, tension 0.15"))
        #expect(output.contains("chorus: triumphant, energy 0.90, tension 0.40"))
        #expect(workspace.song?.section(named: "verse")?.handover(to: "chorus") == .build)
        _ = try workspace.perform("arc verse=sad chorus=hopeful")
        #expect(workspace.song?.section(named: "verse")?.mood == .sad)
        #expect(try workspace.perform("transition verse chorus drop") == "verse hands over to chorus with a drop")
        #expect(try workspace.perform("show verse").hasPrefix("verse: 8 bars, Cm, 84 bpm, 4/4, sad, energy 0.25, tension 0.35, drop into chorus"))
        _ = try workspace.perform("set chorus energy=0.95 tension=0.8")
        #expect(workspace.song?.section(named: "chorus")?.energy == 0.95)
        // The generators read the section's point: a tense chorus stays open at two chords a
        // bar, and its groove comes at the section's energy.
        let chords = try workspace.perform("chords chorus seed=1 n=1 style=pop")
        #expect(chords.contains("cadence open, 2 chords a bar"))
        let groove = try workspace.perform("groove chorus style=rock seed=1 n=1")
        #expect(groove.contains("rock, energy 0.9"))
    }

    /// A section named with a digit takes its point like any other (`chorus2=` had been
    /// left among the words and the arc set without it, unsaid); a stray word beside the
    /// points is refused; a drumless section's fill is said to wait for drums; a section
    /// with no mood names no mood's range ("outside the the mood's range").
    @Test func anArcReachesEverySectionByName() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Arc\" key=Am tempo=76", "add verse 4", "add chorus 4", "add bridge 4", "copy chorus chorus2",
                     "arrange verse chorus verse chorus bridge chorus2"] { _ = try workspace.perform(line) }
        #expect(try workspace.perform("why chorus2").contains("tempo 76 bpm, the song's, outside the usual range 80–130, no mood set"))
        let output = try workspace.perform("arc verse=sad chorus=nostalgic bridge=hopeful chorus2=triumphant redraw=no")
        #expect(output.contains("  chorus2: triumphant, energy 0.90, tension 0.40"))
        #expect(workspace.song?.section(named: "chorus2")?.mood == .triumphant)
        #expect(message(of: { try workspace.perform("arc verse=sad chorus nostalgic") })
                == "\"chorus\" is not a SECTION=MOOD point: give each section its mood (`arc verse=sad chorus=hopeful`), or moods joined by -> alone (`arc calm -> triumphant`)")
        _ = try workspace.perform("transition chorus bridge fill")
        _ = try workspace.perform("transition chorus verse drop")
        #expect(try workspace.perform("why chorus").contains("  hands over: fill into bridge, drop into verse (these 2 played once the section has drums)"))
    }

    /// A part kept as written under chords the arc drew again is checked against them, as
    /// under chords typed: a typed bass's F2 under the new C7 is said (a producer's kept bass
    /// had played F1 under a new C7, unsaid).
    @Test func anArcsRedrawnChordsCheckThePartsKept() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        for line in ["new \"Funk\" key=Fm tempo=100", "add verse 4", "chords verse n=1 seed=1 mood=calm", "accept 1",
                     "bass verse = F2/1 | Db2/1 | Eb2/1 | F2/1"] { _ = try workspace.perform(line) }
        let output = try workspace.perform("arc verse=triumphant redraw=yes")
        #expect(output.contains("  verse: chords redrawn for triumphant; kept as written: bass\n    note: verse's bass was written for other chords: bar 4 sounds notes outside the new ones — `bass verse` writes one for these chords"), "\(output)")
    }

    @Test func aSketchWaitsForAcceptAllOrOneSection() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let output = try workspace.perform("sketch mood=sad form=verse,chorus seed=3")
        #expect(output.contains("sketch in "))
        #expect(workspace.song?.sections.isEmpty == true)
        #expect(message(of: { try workspace.perform("accept al") }) == "no section \"al\" — did you mean all? (the sections are verse and chorus)")
        #expect(workspace.song?.sections.isEmpty == true)
        _ = try workspace.perform("accept chorus")
        #expect(workspace.song?.sections.map(\.name) == ["chorus"])
        _ = try workspace.perform("accept all")
        #expect(workspace.song?.form == ["verse", "chorus"])
    }
}

extension SketchCommandTests {
    /// The sketch's listing offers `why SECTION` before `accept`: it explains the waiting
    /// draft's section, says it is the draft, and leaves the song as it was.
    @Test func whyExplainsAWaitingDraftsSection() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch mood=calm seed=2")
        let explained = try workspace.perform("why chorus")
        #expect(explained.hasPrefix("(from the waiting draft: `accept all` takes it)\nchorus:\n  mood calm"), "\(explained)")
        #expect(workspace.song?.sections.isEmpty == true)
        _ = try workspace.perform("accept all")
        #expect(try workspace.perform("why chorus").hasPrefix("chorus:\n  mood calm"))
    }
}

extension SketchCommandTests {
    /// `why` says where a tempo outside the section's mood range comes from: the song's,
    /// chosen for another mood; the section's own; or set outside the range by hand.
    @Test func whySaysWhereTheTempoComesFrom() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        try workspace.performAll("new \"Tempo\" key=C tempo=81 mood=calm", "add chorus 4", "set chorus mood=triumphant")
        #expect(try workspace.perform("why chorus").contains(
            "tempo 81 bpm, the song's, in its calm mood's range 66–96 (triumphant's is 96–126: one tempo carries the whole song; `set chorus tempo=…` gives this section its own)"))
        _ = try workspace.perform("set chorus tempo=110")
        #expect(try workspace.perform("why chorus").contains("tempo 110 bpm, this section's own (the song's is 81; triumphant mood's range 96–126)"))
        try workspace.performAll("set chorus mood=calm", "set tempo=150", "add verse 4")
        #expect(try workspace.perform("why verse").contains("tempo 150 bpm, the song's, outside the calm mood's range 66–96"))
        _ = try workspace.perform("set tempo=90")
        #expect(try workspace.perform("why verse").contains("tempo 90 bpm (calm mood's range 66–96)"))
    }
}

/// A style's sketch plays with the style's band where the words name no instrument, says
/// so in one line, and `why` says where a tempo outside the mood's range came from.
@Suite("A sketch's band and its words")
struct SketchBandTests {
    @Test func aRockSketchIsPlayedByGuitarsAndSaysSo() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        let output = try workspace.perform("sketch \"angry punk rock\" seed=3")
        #expect(output.hasPrefix("understood: angry: energetic, more energy, minor key · punk: rock, fast, more energy · rock · "), "\(output)")
        #expect(output.contains("\nplayed by the rock band: distortion guitar chords, overdriven guitar melody, pick bass (`instrument PART NAME` changes one)\n"), "\(output)")
        _ = try workspace.perform("accept all")
        let song = try #require(workspace.song)
        #expect(song.settings(for: .chords).program == 30 && song.settings(for: .melody).program == 29 && song.settings(for: .bass).program == 34)
    }

    /// `why` says a key that differs from the section's mood is the song's, chosen for the
    /// mood the arc ends on (it had read as if the key were wrong).
    @Test func whySaysAKeyIsTheArcsEnding() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch \"start sad, end hopeful\" seed=4 --accept")
        let why = try workspace.perform("why verse")
        #expect(why.contains(", major — this mood leans minor; the key is the song's, major as the hopeful mood it ends on"), "\(why)")
    }

    /// Words aimed at a section are said as that section's, and a section the form lacks is said.
    @Test func wordsAimedAtASectionAreSaid() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let output = try workspace.perform("sketch \"quiet verses and a really huge chorus\" seed=2")
        #expect(output.hasPrefix("understood: quiet verses: calm, softer in the verse · huge chorus: more energy in the chorus · "), "\(output)")
        #expect(!output.contains("not understood"), "\(output)")
        let bridgeless = try workspace.perform("sketch \"a soft bridge\" seed=2 form=verse,chorus")
        #expect(bridgeless.hasPrefix("understood: soft bridge: calm, softer in the bridge · (the form has no bridge: `form=` adds one) · "), "\(bridgeless)")
    }

    /// A jazz sketch's band plays the jazz kit; "brushes" in the words gives it the brush kit.
    @Test func aJazzBandPlaysTheJazzKitOrBrushes() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let output = try workspace.perform("sketch \"late jazz\" seed=3 --accept")
        #expect(output.contains("\nplayed by the jazz band: acoustic grand piano chords, alto sax melody, acoustic bass, jazz kit (`instrument PART NAME` changes one)\n"), "\(output)")
        #expect(workspace.song?.program(of: .drums) == 32)
        let brushed = try workspace.perform("sketch \"jazz ballad with brushes\" seed=3 --accept")
        #expect(brushed.contains("\nplayed by the jazz band: acoustic grand piano chords, alto sax melody, acoustic bass (`instrument PART NAME` changes one)\n"), "\(brushed)")
        #expect(workspace.song?.program(of: .drums) == 40)
    }

    /// An instrument the words name wins over the band's: "piano" keeps the chords on the
    /// piano in a folk song, and the line names only the rest.
    @Test func anInstrumentInTheWordsWinsOverTheBand() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        let output = try workspace.perform("sketch \"folk song with piano\" seed=2")
        #expect(output.contains("\nplayed by the folk band: violin melody, acoustic bass (`instrument PART NAME` changes one)\n"), "\(output)")
        _ = try workspace.perform("accept all")
        #expect(workspace.song?.settings(for: .chords).program == 0)
        // A sketch whose words name no style keeps the mood's band: no line.
        #expect(!(try workspace.perform("sketch \"sad\" seed=2")).contains("played by"))
    }

    /// The chords never take the tune's sound: synthwave's saw lead sings, and the edm
    /// band's saw chords go to the electric piano (both had played on the saw lead).
    @Test func theChordsNeverTakeTheMelodysSound() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let output = try workspace.perform("sketch \"dreamy synthwave\" seed=5")
        #expect(output.contains("\nplayed by the edm band: electric piano chords (`instrument PART NAME` changes one)\n"), "\(output)")
        _ = try workspace.perform("accept all")
        let song = try #require(workspace.song)
        #expect(song.settings(for: .melody).program == 81 && song.settings(for: .chords).program == 4)
        // The words named a polysynth pad: every section has one, on it.
        var energetic = makeWorkspace(in: try temporaryFolder())
        _ = try energetic.perform("sketch \"energetic synthwave\" seed=5")
        _ = try energetic.perform("accept all")
        let sections = try #require(energetic.song?.sections)
        #expect(sections.allSatisfy { $0.parts[.pad] != nil } && energetic.song?.settings(for: .pad).program == 90)
    }

    /// `again` on a sketch from words says the reading again with the new draft's key and
    /// tempo (they had changed with nothing said).
    @Test func againSaysTheWordsReadingWithTheNewDraft() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        let first = try workspace.perform("sketch \"funky and tight\" seed=4")
        let again = try workspace.perform("again")
        #expect(first.hasPrefix("understood: funky: soul, the funk groove, more energy, clavinet chords · "), "\(first)")
        #expect(again.hasPrefix("understood: funky: soul, the funk groove, more energy, clavinet chords · "), "\(again)")
        let key = try #require(again.split(separator: "\n").first { $0.hasPrefix("sketch in ") })
        #expect(again.split(separator: "\n")[0].contains(" · in \(key.dropFirst(10).split(separator: " ")[0])"), "\(again)")
    }

    /// In a meter counted in eighths the tempo is held to the mood's range in quarter notes,
    /// as the sketch drew it (`why` had called 152 in 7/8 outside a 66–96 range).
    @Test func whyReadsA78TempoInQuarters() throws {
        var workspace = makeWorkspace(in: try temporaryFolder())
        _ = try workspace.perform("sketch \"triumphant anthem in 7/8, start calm and end huge\" seed=8 form=verse,chorus")
        _ = try workspace.perform("accept all")
        let tempo = try #require(workspace.song?.tempo)
        let why = try workspace.perform("why verse")
        #expect(why.contains("tempo \(tempo) bpm (\(tempo / 2) quarter notes a minute) (calm mood's range 66–96 quarter notes a minute)"), "\(why)")
    }

    @Test func whySaysATempoOutsideTheMoodCameFromTheWords() throws {
        let folder = try temporaryFolder()
        var workspace = makeWorkspace(in: folder)
        _ = try workspace.perform("sketch \"sad piano ballad\" seed=3")
        let ballad = try workspace.perform("why verse")
        #expect(ballad.contains("tempo 55 bpm, the song's: slower than the sad mood's usual 60–80, as the words asked (slow);"), "\(ballad)")
        _ = try workspace.perform("sketch prompt=\"romantic bossa nova\" seed=3")
        let bossa = try workspace.perform("why verse")
        #expect(bossa.contains("tempo 120 bpm, the song's, in the bossa-nova groove's range 120–145, as the words asked — faster than the romantic mood's usual 64–96"), "\(bossa)")
    }
}
