import Engine
import Foundation
import SongModel

/// `arc … redraw=yes`: the parts the engine wrote for sections whose mood changed, written
/// again for the new mood and energy with the same defaults the requests use (`chords`,
/// `melody`, `groove`, `bass`, `pad` with no options) and each part's own seed, so a redraw
/// can be replayed. Parts a person wrote or edited are left as they are, and said.
enum Redraw {
    /// Redraws the engine's parts of `names`; returns one line per section.
    static func sections(_ names: [String], in song: inout Song, at date: Date) throws -> [String] {
        var lines: [String] = []
        for name in names {
            var redrawn: [String] = [], kept: [String] = []
            let before = try song.requireSection(name)
            for kind in [PartKind.chords, .drums, .bass, .melody, .pad] {
                let section = try song.requireSection(name)
                guard let part = section.parts[kind] else { continue }
                let origin = part.provenance.origin
                guard part.provenance.isEnginesAlone else { kept.append(kind.rawValue); continue }
                let seed = origin.seed ?? 1
                guard let suggestion = try first(kind, for: section, in: song, seed: seed) else { continue }
                try song.accept(suggestion, into: name, at: date)
                redrawn.append(kind.rawValue)
            }
            let mood = song.section(named: name).flatMap { song.mood(of: $0) }?.rawValue ?? "no mood"
            // Parts kept as written under chords drawn again are checked against them, as
            // under chords typed (a producer's kept bass had played F1 under a new C7, unsaid).
            let after = try song.requireSection(name)
            let off = redrawn.contains(PartKind.chords.rawValue) && !kept.isEmpty
                ? PartCommands.offChords(before: before, after: after, meter: song.meter(of: after), only: kept.compactMap(PartKind.init(rawValue:)))
                    .replacingOccurrences(of: "\nnote: the ", with: "\n    note: \(name)'s ") : ""
            lines.append("  \(name): " + (redrawn.isEmpty ? "nothing the engine wrote" : redrawn.joined(separator: ", ") + " redrawn for \(mood)")
                         + (kept.isEmpty ? "" : "; kept as written: " + kept.joined(separator: ", ")) + off)
        }
        return lines
    }

    static func first(_ kind: PartKind, for section: Section, in song: Song, seed: UInt64) throws -> Suggestion? {
        let mood = song.mood(of: section)
        switch kind {
        case .chords:
            let request = RequestDefaults.harmony(for: section, mood: mood, count: 1, seed: seed)
            return ProgressionGenerator.suggest(request, context: HarmonyContext(song: song, section: section)).first
        case .drums:
            let energy = RequestDefaults.energy(of: section, mood: mood)
            let style = RequestDefaults.grooveStyle(for: section, mood: mood, energy: energy)
            let request = GrooveRequest(style: style, energy: energy, swing: .auto, feel: nil, humanize: 0.4, alpha: 1, count: 1, seed: seed)
            return GrooveGenerator.suggest(request, context: GrooveCommands.context(song, section)).first
        case .bass:
            return try BassGenerator.suggest(style: BassStyle.implied(by: section.drums?.style), count: 1, seed: seed,
                                             context: LineContext(song: song, section: section)).first
        case .melody:
            // One voice sings the song: the register of its sections' moods together (a
            // sketch takes its arc's moods), each section's role lifting it.
            let moods = song.sections.compactMap { song.mood(of: $0) }
            let range = RequestDefaults.melodyRange(for: section.name, register: RequestDefaults.songRegister(moods.isEmpty ? [mood] : moods))
            let request = MelodyRequest(mood: mood, low: range.lowerBound, high: range.upperBound,
                                        density: RequestDefaults.melodyDensity(energy: RequestDefaults.energy(of: section, mood: mood)),
                                        style: RequestDefaults.melodyStyle(for: section, mood: mood), count: 1, seed: seed)
            return try MelodyGenerator.suggest(request, context: LineContext(song: song, section: section)).first
        case .pad:
            return try PadGenerator.suggest(style: nil, count: 1, seed: seed, context: LineContext(song: song, section: section)).first
        }
    }
}
