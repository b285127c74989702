import MusicTheory

/// Rewriting only some bars of a part: the bars chosen come from another version of the
/// part, everything else stays exactly as it was. The engine's infill and `accept` both
/// splice through here, so a kept bar is byte-for-byte the bar that was there.
extension PartContent {
    /// This content with `new`'s material in `runs` (tick ranges, each whole bars) and its
    /// own everywhere else, in a section `length` long.
    ///
    /// Notes: a kept note ringing into a run is cut where the run starts, and one from a
    /// rewritten bar ringing on into a kept bar is struck again where the run ends; a new note that
    /// starts in a run is cut where it ends; a new note already sounding when a run starts
    /// (tied over the bar line in `new`) is sung from the run's first beat if an eighth or
    /// more of it is left, so a run does not open on a gap `new` did not have. Chords: the
    /// chord `new` has sounding at a run's start is restated there, and the kept chord
    /// sounding where a run ends is restated after it, so neither side's harmony leaks
    /// into the other. Drums: hits by where they are written; the style and timing kept.
    /// Content of two different kinds is not spliced: the result is this content.
    public func splicing(_ new: PartContent, over runs: [Range<Ticks>], length: Ticks) -> PartContent {
        func inRun(_ tick: Ticks) -> Bool { runs.contains { $0.contains(tick) } }
        switch (self, new) {
        case (.notes(let old), .notes(let fresh)):
            var notes: [Note] = old.compactMap { note in
                var note = note
                // A note from a rewritten bar ringing on into a kept one keeps sounding there,
                // struck again at the bar line, so the kept bar sounds as it did.
                if let run = runs.first(where: { $0.contains(note.start) }) {
                    guard note.end > run.upperBound, !inRun(run.upperBound) else { return nil }
                    note.duration = note.end - run.upperBound
                    note.start = run.upperBound
                    note.offset = 0
                }
                if let run = runs.first(where: { $0.lowerBound > note.start && $0.lowerBound < note.end }) {
                    note.duration = run.lowerBound - note.start
                }
                return note
            }
            for run in runs {
                for note in fresh where note.end > run.lowerBound && note.start < run.upperBound {
                    var note = note
                    if note.start < run.lowerBound {
                        guard note.end - run.lowerBound >= MusicalTime.ticksPerQuarter / 2 else { continue }
                        note.duration = note.end - run.lowerBound
                        note.start = run.lowerBound
                    }
                    note.duration = min(note.end, run.upperBound) - note.start
                    notes.append(note)
                }
            }
            return .notes(notes.sorted { ($0.start, $0.pitch.midi) < ($1.start, $1.pitch.midi) })
        case (.chords(let old, let comping), .chords(let fresh, _)):
            func sounding(_ changes: [ChordChange], at tick: Ticks) -> ChordChange? { changes.last { $0.start <= tick } }
            var changes = old.filter { !inRun($0.start) }
            var restated: Set<Ticks> = []
            for run in runs {
                changes += fresh.filter { run.contains($0.start) }
                if !fresh.contains(where: { $0.start == run.lowerBound }), let carried = sounding(fresh, at: run.lowerBound) {
                    changes.append(ChordChange(start: run.lowerBound, chord: carried.chord))
                    restated.insert(run.lowerBound)
                }
                if run.upperBound < length, !inRun(run.upperBound), !old.contains(where: { $0.start == run.upperBound }),
                   let kept = sounding(old, at: run.upperBound) {
                    changes.append(ChordChange(start: run.upperBound, chord: kept.chord))
                    restated.insert(run.upperBound)
                }
            }
            changes.sort { $0.start < $1.start }
            // A chord restated at a seam that is already sounding there is not a change.
            let merged = changes.enumerated().filter { index, change in
                index == 0 || !restated.contains(change.start) || changes[index - 1].chord != change.chord
            }.map(\.element)
            return .chords(changes: merged, comping: comping)
        case (.drums(let old, let style, let timing), .drums(let fresh, _, _)):
            let hits = (old.filter { !inRun($0.start) } + fresh.filter { inRun($0.start) })
                .sorted { ($0.start, $0.key) < ($1.start, $1.key) }
            return .drums(hits: hits, style: style, timing: timing)
        default:
            return self
        }
    }

    /// The part's material that starts in `runs`, for comparing what a rewrite changed.
    public func within(_ runs: [Range<Ticks>]) -> PartContent {
        func inRun(_ tick: Ticks) -> Bool { runs.contains { $0.contains(tick) } }
        switch self {
        case .notes(let notes): return .notes(notes.filter { inRun($0.start) })
        case .chords(let changes, let comping): return .chords(changes: changes.filter { inRun($0.start) }, comping: comping)
        case .drums(let hits, let style, let timing): return .drums(hits: hits.filter { inRun($0.start) }, style: style, timing: timing)
        }
    }
}

extension Song {
    /// After rewriting some bars: the drum hits and the parts that follow the drums take
    /// back, outside `runs`, the micro-timing they had in `before`. Re-timing the part gives
    /// every hit after a changed one the next hit's humanizer noise, so without this a
    /// rewrite of bar 5 would move the played timing of bars 6–8 the writer kept.
    public mutating func keepTiming(of name: String, outside runs: [Range<Ticks>], as before: Section) {
        func kept(_ tick: Ticks) -> Bool { !runs.contains { $0.contains(tick) } }
        update(name) { section in
            if var drums = section.drums, let old = before.drums {
                let offsets = Dictionary(old.hits.map { ("\($0.start):\($0.key)", $0.offset) }) { first, _ in first }
                for index in drums.hits.indices where kept(drums.hits[index].start) {
                    if let offset = offsets["\(drums.hits[index].start):\(drums.hits[index].key)"] { drums.hits[index].offset = offset }
                }
                section.drums = drums
            }
            for kind in PartKind.allCases where kind.row.followsDrums {
                guard var part = section.parts[kind], case .notes(var notes) = part.content,
                      case .notes(let old)? = before.parts[kind]?.content else { continue }
                let offsets = Dictionary(old.map { ("\($0.start):\($0.pitch.midi)", $0.offset) }) { first, _ in first }
                for index in notes.indices where kept(notes[index].start) {
                    if let offset = offsets["\(notes[index].start):\(notes[index].pitch.midi)"] { notes[index].offset = offset }
                }
                part.content = .notes(notes)
                section.parts[kind] = part
            }
        }
    }
}
