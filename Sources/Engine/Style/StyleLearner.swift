import Foundation
import MusicTheory
import SongModel

/// One section of music to learn from, with the key and meter it is in.
public struct StyleMaterial: Sendable {
    public var key: Key
    public var meter: Meter
    public var section: Section

    public init(key: Key, meter: Meter, section: Section) {
        self.key = key
        self.meter = meter
        self.section = section
    }
}

/// Counts a writer's habits from their own music into a `LearnedStyle`: pure counting, no
/// files (the REPL reads the MIDI files and hands over their sections).
///
/// Hand-written rather than a library's: the counts are the same ones the development-time
/// folk tables hold (`tools/learn/learn.py`), so the generators use both the same way.
public enum StyleLearner {
    /// A sixteenth note in ticks: the grid rhythms and drum places are counted on.
    static let sixteenth = MusicalTime.ticksPerQuarter / 4

    public static func learn(name: String, sources: [LearnedStyle.Source], material: [StyleMaterial], at date: Date) -> LearnedStyle {
        var style = LearnedStyle(name: name, sources: sources, learnedAt: date)
        for piece in material {
            countHarmony(piece, into: &style.harmony)
            let meterName = piece.meter.description
            guard piece.meter.ticksPerBar % sixteenth == 0 else { continue }
            let sixteenths = piece.meter.ticksPerBar / sixteenth
            if let melody = piece.section.melody?.notes, !melody.isEmpty {
                countLine(melody, piece: piece, bass: false, into: &style.melody[meterName, default: .init(sixteenths: sixteenths)])
            }
            if let bass = piece.section.bass?.notes, !bass.isEmpty {
                countLine(bass, piece: piece, bass: true, into: &style.bass[meterName, default: .init(sixteenths: sixteenths)])
            }
            if let drums = piece.section.drums?.hits, !drums.isEmpty {
                countDrums(drums, piece: piece, into: &style.drums[meterName, default: .init(sixteenths: sixteenths)])
            }
        }
        // The drummer's timing, from every drum bar of a meter together.
        for meterName in style.drums.keys {
            let pieces = material.filter { $0.meter.description == meterName && !($0.section.drums?.hits.isEmpty ?? true) }
            var hits: [DrumHit] = []
            var offset: Ticks = 0
            for piece in pieces {
                hits += piece.section.drums?.hits.map { var hit = $0; hit.start += offset; return hit } ?? []
                offset += piece.section.bars * piece.meter.ticksPerBar
            }
            guard let meter = pieces.first?.meter else { continue }
            style.drums[meterName]?.timing = GrooveTemplate.learn(from: hits, barLength: meter.ticksPerBar, source: "your style “\(name)”")
        }
        return style
    }

    /// Chord moves as numerals in major-mode terms; a repeated chord (or `%`) is no move.
    static func countHarmony(_ piece: StyleMaterial, into counts: inout LearnedStyle.HarmonyCounts) {
        guard let changes = piece.section.chords?.changes.sorted(by: { $0.start < $1.start }), !changes.isEmpty else { return }
        let frame = TonalFrame(key: piece.key)
        var heard: [Chord] = []
        for change in changes {
            guard let chord = change.chord else { continue }
            if heard.last != chord { heard.append(chord) }
        }
        let steps = heard.map { frame.step(of: $0) }
        guard steps.contains(where: { $0 != nil }) else { return }
        counts.sections += 1
        counts.bars += piece.section.bars
        counts.chords += heard.count
        counts.coloured += heard.filter { $0.pitchClasses.count > 3 }.count
        if let first = steps.first ?? nil { counts.openings[first, default: 0] += 1 }
        if let last = steps.last ?? nil { counts.endings[last, default: 0] += 1 }
        if steps.count >= 2, let before = steps[steps.count - 2], let last = steps[steps.count - 1] {
            counts.closings["\(piece.key.isMinor ? "minor" : "major"):\(before) \(last)", default: 0] += 1
        }
        for (from, to) in zip(steps, steps.dropFirst()) {
            guard let from, let to, from != to else { continue }
            counts.transitions[from, default: [:]][to, default: 0] += 1
        }
        // A loop: the chart's second half plays its first again, chord for chord.
        let bars = piece.section.bars, half = bars / 2 * piece.meter.ticksPerBar
        if bars >= 2, bars % 2 == 0 {
            let first = changes.filter { $0.start < half }.map { "\($0.start):\($0.chord?.description ?? "")" }
            let second = changes.filter { $0.start >= half }.map { "\($0.start - half):\($0.chord?.description ?? "")" }
            if first == second { counts.loopingSections += 1 }
        }
    }

    /// Bar rhythms on the sixteenth grid, intervals into strong and weak beats, 4-bar
    /// rhythm schemes and, for a bass line, the chord tones it lands on.
    static func countLine(_ notes: [Note], piece: StyleMaterial, bass: Bool, into counts: inout LearnedStyle.LineCounts) {
        let sorted = notes.sorted { $0.start < $1.start }
        let barTicks = piece.meter.ticksPerBar
        var rhythms: [Int: String] = [:]
        for bar in 0..<piece.section.bars {
            let start = bar * barTicks, end = start + barTicks
            let inBar = sorted.filter { $0.start >= start && $0.start < end }
            guard !inBar.isEmpty else { continue }
            counts.bars += 1
            counts.notes += inBar.count
            // Held over the bar line, a note counts to the bar's end: the next bar's rhythm
            // starts with what is played in it.
            let cells = inBar.map { ($0.start - start, min($0.duration, end - $0.start)) }
            guard cells.allSatisfy({ $0.0 % sixteenth == 0 && $0.1 % sixteenth == 0 && $0.1 > 0 }) else { continue }
            let key = cells.map { "\($0.0 / sixteenth):\($0.1 / sixteenth)" }.joined(separator: " ")
            counts.rhythms[key, default: 0] += 1
            rhythms[bar] = key
        }
        for (previous, note) in zip(sorted, sorted.dropFirst()) {
            let interval = max(-12, min(12, note.pitch.midi - previous.pitch.midi)) + 12
            if Harmonizer.isStrong(note.start, meter: piece.meter) { counts.strongIntervals[interval] += 1 } else { counts.weakIntervals[interval] += 1 }
        }
        for phrase in stride(from: 0, to: piece.section.bars - 3, by: 4) {
            let four = (phrase..<(phrase + 4)).map { rhythms[$0] }
            guard four.allSatisfy({ $0 != nil }) else { continue }
            var letters: [String: Character] = [:]
            var scheme = ""
            for rhythm in four.compactMap({ $0 }) {
                if letters[rhythm] == nil { letters[rhythm] = Character(UnicodeScalar(UInt8(65 + letters.count))) }
                scheme.append(letters[rhythm]!)
            }
            counts.schemes[scheme, default: 0] += 1
        }
        guard bass, let changes = piece.section.chords?.changes.sorted(by: { $0.start < $1.start }) else { return }
        for note in sorted {
            guard let chord = changes.last(where: { $0.start <= note.start })?.chord else { continue }
            counts.tones[BassTone.of(note.pitch.midi, over: chord).rawValue, default: 0] += 1
        }
    }

    /// Drum hits at each sixteenth of the bar (a place counted once a bar), with their velocities.
    static func countDrums(_ hits: [DrumHit], piece: StyleMaterial, into counts: inout LearnedStyle.DrumCounts) {
        let barTicks = piece.meter.ticksPerBar
        var played: Set<String> = []
        var barsPlayed: Set<Int> = []
        for hit in hits where hit.start % sixteenth == 0 {
            let bar = hit.start / barTicks, place = (hit.start % barTicks) / sixteenth
            guard bar < piece.section.bars, played.insert("\(bar) \(hit.key) \(place)").inserted else { continue }
            barsPlayed.insert(bar)
            let key = String(hit.key)
            if counts.hits[key] == nil {
                counts.hits[key] = Array(repeating: 0, count: counts.sixteenths)
                counts.velocities[key] = Array(repeating: 0, count: counts.sixteenths)
            }
            counts.hits[key]?[place] += 1
            counts.velocities[key]?[place] += hit.velocity
        }
        counts.bars += barsPlayed.count
    }
}

/// Which note of the chord a bass note plays.
public enum BassTone: String, CaseIterable, Sendable {
    case root, fifth, third, chordTone = "chord tone", passing

    static func of(_ midi: Int, over chord: Chord) -> BassTone {
        let root = chord.root.pitchClass
        let interval = ((midi - root) % 12 + 12) % 12
        if interval == 0 { return .root }
        guard chord.pitchClasses.contains(midi % 12) else { return .passing }
        switch interval {
        case 7, 6, 8: return .fifth
        case 3, 4: return .third
        default: return .chordTone
        }
    }
}
