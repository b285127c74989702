import MusicTheory
import SongModel
import Testing
@testable import Engine

/// The mood's moves on a chart, measured over many requests in C major: sadness borrows from
/// the parallel minor, tension passes through diminished 7ths and holds the dominant,
/// triumph builds to a major home, calm and dreamy songs return home.
@Suite("Mood in the harmony")
struct HarmonyMoodTests {
    func charts(_ mood: Mood, key: String = "C", cadence: Cadence = .closed, seeds: ClosedRange<UInt64> = 1...20, bars: Int = 8) throws -> [(chords: [Chord], label: String)] {
        let key = try Key(parsing: key)
        var out: [([Chord], String)] = []
        for seed in seeds {
            let request = HarmonyRequest(mood: mood, style: RequestDefaults.harmonyStyle(for: mood), count: 4, seed: seed, cadence: cadence, rate: 1)
            for suggestion in ProgressionGenerator.suggest(request, context: HarmonyContext(section: "verse", key: key, meter: .fourFour, bars: bars)) {
                if let progression = suggestion.progression { out.append((progression.chords, suggestion.label)) }
            }
        }
        return out
    }

    /// A minor song stays in its key, not its relative major: over nostalgic requests in A
    /// minor (a mood that likes major chords, and a folk style whose tables were learned in
    /// major), C — ♭III, the relative major's tonic — takes under half the bars A minor
    /// takes (147 chords to 422 over these requests). Before ♭III was weighted half it took
    /// 206 to 404 here and 18% of a sketch's bars to A minor's 27%, and essentia's key
    /// finder heard two of five nostalgic sketches in minor keys in their relative major.
    @Test func aMinorSongIsNotSungInItsRelativeMajor() throws {
        for mood in [Mood.nostalgic, .tense, .sad] {
            var tonic = 0, relative = 0, all = 0
            for cadence in [Cadence.open, .closed] {
                for chart in try charts(mood, key: "Am", cadence: cadence) {
                    for chord in chart.chords {
                        all += 1
                        if chord.root.pitchClass == 9 && chord.quality.isMinor { tonic += 1 }
                        if chord.root.pitchClass == 0 && !chord.quality.isMinor { relative += 1 }
                    }
                }
            }
            print("\(mood) in A minor: \(tonic) of \(all) chords on i, \(relative) on ♭III")
            #expect(relative * 2 < tonic, "\(mood): \(relative) on ♭III, \(tonic) on i")
        }
    }

    /// A mood that borrows from the parallel minor offers the plain chart too: when the
    /// first two charts borrow, the third borrows nothing (a nostalgic chorus's four
    /// charts had all borrowed), says so, and asking for two gives the first two the same.
    @Test func whenTheFirstTwoChartsBorrowTheThirdIsPlain() throws {
        let borrowedRoots: Set<Int> = [3, 8, 10]   // E♭, A♭, B♭ in C
        let borrows = { (chords: [Chord]) in chords.contains { borrowedRoots.contains($0.root.pitchClass) || ($0.root.pitchClass == 5 && $0.quality.isMinor) } }
        var plainThirds = 0
        for mood in [Mood.nostalgic, .sad, .romantic] {
            for seed in UInt64(1)...12 {
                let request = { (count: Int) in HarmonyRequest(mood: mood, style: RequestDefaults.harmonyStyle(for: mood), count: count, seed: seed, cadence: .closed, rate: 1) }
                let context = HarmonyContext(section: "chorus", key: try Key(parsing: "C"), meter: .fourFour, bars: 8)
                let four = ProgressionGenerator.suggest(request(4), context: context)
                let charts = four.map { $0.progression?.chords ?? [] }
                #expect(ProgressionGenerator.suggest(request(2), context: context).map(\.label) == four.prefix(2).map(\.label))
                guard charts.count == 4, borrows(charts[0]), borrows(charts[1]) else { continue }
                plainThirds += 1
                #expect(!borrows(charts[2]), "\(mood) seed \(seed): \(charts[2])")
                #expect(four[2].reasons.first == "no borrowed chord: the plain chart beside 1 and 2, which borrow from the parallel minor")
                #expect(four.indices.filter { four[$0].reasons.contains { $0.hasPrefix("no borrowed chord") } } == [2])
            }
        }
        #expect(plainThirds >= 5, "\(plainThirds)")
    }

    /// Charts are written as players read them in every key: no altered chord on a double
    /// flat or sharp, or on E♯, B♯, C♭, F♭ off the key's scale (♭VI in D♭ is A, not B𝄫;
    /// ♯V°7 in F♯ is D°7, not C𝄪°7), and the plain spelling still reads as its function.
    @Test func chartsSpellAlteredChordsAsPlayersReadThem() throws {
        let keys = ["C", "G", "D", "A", "E", "B", "F#", "C#", "F", "Bb", "Eb", "Ab", "Db", "Gb",
                    "Am", "Em", "Bm", "F#m", "C#m", "G#m", "D#m", "Dm", "Gm", "Cm", "Fm", "Bbm", "Ebm"]
        var chords = 0
        for name in keys {
            let key = try Key(parsing: name)
            let scale = Set(key.scale.notes)
            for mood in [Mood.sad, .tense, .nostalgic, .triumphant, .dark] {
                for chart in try charts(mood, key: name, seeds: 1...3) {
                    for chord in chart.chords {
                        chords += 1
                        #expect(!chord.root.isAwkward || scale.contains(chord.root), "\(chord) in \(name), \(mood): \(chart.label)")
                    }
                }
            }
        }
        #expect(chords > 5000)
        let flatSix = try charts(.sad, key: "Db", seeds: 1...20).flatMap(\.chords).filter { $0.root == NoteName(.A) }
        #expect(!flatSix.isEmpty)
        let key = try Key(parsing: "Db")
        #expect(flatSix.allSatisfy { TonalFrame.triadNumeral(of: $0, in: key) == "♭VI" })
    }

    @Test func sadSongsInAMajorKeyBorrowIvAndFlatSix() throws {
        let key = try Key(parsing: "C")
        for mood in [Mood.sad, .melancholy] {
            let all = try charts(mood, cadence: .open) + charts(mood, cadence: .closed)
            let chords = all.flatMap(\.chords)
            let borrowed = chords.filter { ["iv", "♭VI"].contains(TonalFrame.triadNumeral(of: $0, in: key)) }
            let share = Double(borrowed.count) / Double(chords.count)
            print("harmony \(mood) in C: \(borrowed.count) of \(chords.count) chords are iv or ♭VI (\(Int(share * 100))%)")
            #expect(share >= 0.10)
        }
    }

    @Test func tenseSongsPassThroughDiminishedSeventhsOrHoldTheDominant() throws {
        for key in ["C", "A minor"] {
            // The key's dominant: G in C and in A minor's E.
            let dominant = key == "C" ? 7 : 4
            let all = try charts(.tense, key: key, cadence: .open) + charts(.tense, key: key, cadence: .closed)
            let coloured = all.filter { chart in
                chart.chords.contains { $0.quality.symbol == "dim7" }
                    || zip(chart.chords, chart.chords.dropFirst()).contains {
                        $0.quality.symbol == "sus4" && $1.root == $0.root && $0.root.pitchClass == dominant
                    }
            }
            print("harmony tense in \(key): \(coloured.count) of \(all.count) charts with a passing diminished 7th or a suspended dominant")
            #expect(coloured.count * 2 > all.count)
        }
    }

    @Test func triumphKeepsItsMajorHomeAndBuildsToIt() throws {
        let key = try Key(parsing: "C")
        let all = try charts(.triumphant)
        let built = all.filter { chart in
            let numerals = chart.chords.map { TonalFrame.triadNumeral(of: $0, in: key) }
            return numerals.suffix(3) == ["♭VI", "♭VII", "I"] || numerals.suffix(3) == ["IV", "V", "I"] || numerals.suffix(3) == ["ii", "V", "I"]
        }
        #expect(all.allSatisfy { $0.chords.last.map { $0.root.pitchClass == 0 && !$0.quality.isMinor } == true })
        // Borrowed chords colour the home, they do not take it over: at most a quarter of the
        // chart, in a 4-bar section too (its ♭VI–♭VII–I lift had made half the chart borrowed).
        for chart in try all + charts(.triumphant, bars: 4) {
            let borrowed = chart.chords.filter { ["♭III", "♭VI", "♭VII", "iv"].contains(TonalFrame.triadNumeral(of: $0, in: key)) }
            #expect(borrowed.count * 4 <= chart.chords.count, "\(chart.chords)")
        }
        print("harmony triumphant in C: \(built.count) of \(all.count) close ♭VI–♭VII–I, IV–V–I or ii–V–I")
        #expect(built.count * 3 >= all.count * 2)
        // Both builds the issue asks for are there: the borrowed lift kept, IV–V–I added.
        let numerals = all.map { $0.chords.map { TonalFrame.triadNumeral(of: $0, in: key) }.suffix(3) }
        let lifts = numerals.filter { Array($0) == ["♭VI", "♭VII", "I"] }.count, builds = numerals.filter { Array($0) == ["IV", "V", "I"] }.count
        print("harmony triumphant in C: \(lifts) close ♭VI–♭VII–I, \(builds) IV–V–I")
        #expect(lifts * 10 >= all.count && builds * 10 >= all.count)
    }

    @Test func calmAndDreamySongsSpendTimeAtHome() throws {
        for mood in [Mood.calm, .dreamy] {
            let all = try charts(mood)
            let chords = all.flatMap(\.chords)
            let home = chords.filter { $0.root.pitchClass == 0 && !$0.quality.isMinor }.count
            print("harmony \(mood) in C: \(home) of \(chords.count) chords on the tonic")
            #expect(Double(home) / Double(chords.count) >= 0.35)
        }
    }

    @Test func labelsNameTheMoodsMoves() throws {
        let tense = try charts(.tense, cadence: .open).map(\.label)
        #expect(tense.contains { $0.contains("tense: passing") || $0.contains("dominant pedal") })
        let sad = try charts(.sad, cadence: .closed).map(\.label)
        #expect(sad.contains { $0.contains("darker: borrows") })
        // A secondary dominant is claimed only where the chart reads one in place, and named:
        // every "pushes with a secondary dominant: X" chart shows X among its numerals.
        var pushed = 0
        for mood in [Mood.playful, .hopeful, .dark, .romantic] {
            for key in ["C", "Bbm"] {
                for (chords, label) in try charts(mood, key: key) where label.contains("pushes with a secondary dominant") {
                    let named = try #require(label.components(separatedBy: "pushes with a secondary dominant: ").last?.split(separator: ",").first.map(String.init))
                    #expect(try Key(parsing: key).analysis(of: chords).contains(named), "\(label) over \(chords)")
                    pushed += 1
                }
            }
        }
        #expect(pushed > 0)
    }
}

extension TonalFrame {
    /// A chord's numeral as a triad ("iv" for Fm7 in C), for counting.
    static func triadNumeral(of chord: Chord, in key: Key) -> String {
        key.analysis(of: Chord(root: chord.root, quality: triad(of: chord.quality)))
    }
}
