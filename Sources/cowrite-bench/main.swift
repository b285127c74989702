// Suggestion latency: each engine request timed on its own, many times, on the example
// songs' sections; p50 and p99 reported against their targets. Run by `make bench` in a
// release build; never part of `make test`.
import Engine
import Foundation
import MusicTheory
import SongModel

func load(_ name: String) throws -> Song {
    let data = try Data(contentsOf: URL(fileURLWithPath: "sessions/\(name).cowrite"))
    return try SessionCodec.decode(data, name: name).song
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func measure(_ label: String, target: Double, runs: Int, before: () -> Void = {}, _ body: (Int) throws -> Void) rethrows {
    try? body(0)   // warm: first-use costs (lazy tables, page faults) are not the steady figure
    var times: [Double] = []
    let clock = ContinuousClock()
    for run in 0..<runs {
        before()
        let elapsed = try clock.measure { try body(run) }
        times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    let p50 = percentile(times, 0.5), p99 = percentile(times, 0.99)
    let name = label.padding(toLength: 26, withPad: " ", startingAt: 0)
    print("  " + name + String(format: "p50 %6.2f ms   p99 %6.2f ms   [target p99 < %.0f ms] ", p50, p99, target)
        + (p99 < target ? "ok" : "MISSED"))
}

/// Suggestion latency of every generator on the example songs' sections.
func benchLatency() throws {
    let songs = try ["rain-on-glass", "night-drive"].map(load)
    let sections = songs.flatMap { song in song.sections.map { (song, $0) } }
    print("suggestion latency, \(sections.count) sections of the example songs, release build")
    measure("chords (n=4)", target: 10, runs: 400) { run in
        let (song, section) = sections[run % sections.count]
        let style = HarmonyStyle.all[run % HarmonyStyle.all.count]
        let request = HarmonyRequest(mood: song.mood(of: section), style: style, count: 4, seed: UInt64(run), cadence: .closed, rate: 1)
        _ = ProgressionGenerator.suggest(request, context: HarmonyContext(song: song, section: section))
    }
    measure("next", target: 10, runs: 400) { run in
        let (song, section) = sections[run % sections.count]
        _ = NextChord.candidates(after: section.chords?.changes.last?.chord, key: song.key(of: section), style: .pop, mood: song.mood)
    }
    measure("alt", target: 10, runs: 400) { run in
        let (song, section) = sections[run % sections.count]
        guard let chord = section.chords?.changes.first?.chord else { return }
        _ = Substitutions.alternatives(for: chord, next: section.chords?.changes.dropFirst().first?.chord, key: song.key(of: section),
                                       melody: section.melody?.notes ?? [])
    }
    let melodic = sections.filter { $0.1.melody != nil }
    try measure("harmonize (n=3)", target: 10, runs: 200) { run in
        let (song, section) = melodic[run % melodic.count]
        let request = HarmonyRequest(mood: song.mood(of: section), style: .pop, count: 3, seed: UInt64(run), cadence: .closed, rate: 1)
        _ = try Harmonizer.suggest(request, context: HarmonyContext(song: song, section: section))
    }
    measure("groove (n=3)", target: 10, runs: 200) { run in
        let (song, section) = sections[run % sections.count]
        let style = DrumStyle.all[run % DrumStyle.all.count]
        let request = GrooveRequest(style: style, energy: 0.6, swing: .auto, feel: nil, humanize: 0.5, count: 3, seed: UInt64(run))
        _ = GrooveGenerator.suggest(request, context: GrooveContext(section: section.name, meter: song.meter(of: section),
                                                                    bars: section.bars, tempo: song.tempo(of: section)))
    }
    let chorded = sections.filter { $0.1.chords != nil }
    try measure("melody (n=3)", target: 10, runs: 200) { run in
        let (song, section) = chorded[run % chorded.count]
        let request = MelodyRequest(mood: song.mood(of: section), low: 60, high: 77, density: 0.5, count: 3, seed: UInt64(run))
        _ = try MelodyGenerator.suggest(request, context: LineContext(song: song, section: section))
    }
    measure("vary (n=4)", target: 10, runs: 200) { run in
        let (song, section) = melodic[run % melodic.count]
        _ = Variations.suggest(source: section.melody?.notes ?? [], sourceName: "melody", technique: nil, count: 4, seed: UInt64(run),
                               context: LineContext(song: song, section: section))
    }
    try measure("bass (n=3)", target: 10, runs: 200) { run in
        let (song, section) = chorded[run % chorded.count]
        _ = try BassGenerator.suggest(style: BassStyle.allCases[run % BassStyle.allCases.count], count: 3, seed: UInt64(run),
                                      context: LineContext(song: song, section: section))
    }
    try measure("sketch (10 sections)", target: 100, runs: 60) { run in
        let moods: [Mood] = [.sad, .hopeful, .energetic, .calm, .triumphant]
        _ = try Sketcher.draft(SketchRequest(mood: moods[run % moods.count], arc: [], form: nil, style: nil, key: nil, tempo: nil,
                                             seed: UInt64(run), line: "sketch"))
    }
}

/// `cowrite-bench [latency] [sessions] [listening]`: the groups to run, all when none is named.
let groups = Set(CommandLine.arguments.dropFirst())
if groups.isEmpty || groups.contains("latency") { try benchLatency() }
if groups.isEmpty || groups.contains("sessions") { try benchSessions() }
if groups.isEmpty || groups.contains("listening") { try benchListening() }
