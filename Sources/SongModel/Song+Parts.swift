import Foundation
import MusicTheory

/// The one way parts enter and change: `accept` puts a new part into a section, `edit`
/// changes one. Both check the part against its section, keep its provenance (a new part
/// credits its origin and the time it was accepted; an edit records who changed what),
/// and re-time whatever follows the drums, so no command has to remember any of it.
extension Song {
    /// Puts `content` into a section as its `kind` part, credited to `origin`, replacing
    /// the part there.
    public mutating func accept(_ content: PartContent, as kind: PartKind, from origin: Origin,
                                into name: String, at date: Date) throws(SongModelError) {
        let section = try requireSection(name)
        try check(content, as: kind, in: section)
        let tempo = quarterTempo(of: section)
        update(section.name) { section in
            section.parts[kind] = Part(content: content, provenance: Provenance(origin: origin, acceptedAt: date))
            if kind.row.followsDrums { section.retime(quarterTempo: tempo) }
        }
    }

    /// Changes a section's `kind` part with `body`, records the edit as `change` by
    /// `author`, and returns whether anything changed.
    ///
    /// With `starting`, a section without the part gets a new one written by `author`
    /// (starting from that content); without it, a missing part is an error. A part left
    /// with nothing to play is removed. Nothing changes unless the result fits the section.
    @discardableResult
    public mutating func edit(_ kind: PartKind, in name: String, by author: String, at date: Date, change: String,
                              origin: Origin? = nil, starting: PartContent? = nil,
                              _ body: (inout PartContent) throws(SongModelError) -> Void) throws(SongModelError) -> Bool {
        let section = try requireSection(name)
        let old = section.parts[kind]
        guard var content = old?.content ?? starting else { throw .noPart(kind, section: section.name) }
        try body(&content)
        if content == old?.content { return false }
        if !content.isEmpty { try check(content, as: kind, in: section) }
        let tempo = quarterTempo(of: section)
        update(section.name) { section in
            if content.isEmpty {
                section.parts[kind] = nil
            } else if var part = old {
                part.content = content
                part.provenance.edits.append(EditRecord(author: author, at: date, change: change, origin: origin))
                section.parts[kind] = part
            } else {
                section.parts[kind] = Part(content: content, provenance: .written(by: author, at: date))
            }
            if kind.row.followsDrums { section.retime(quarterTempo: tempo) }
        }
        return true
    }

    /// Removes every part of a section (its motif and lyrics stay): a section that takes
    /// another meter, its engine's parts then written again in it.
    public mutating func clearParts(of name: String) throws(SongModelError) {
        let section = try requireSection(name)
        update(section.name) { $0.parts = [:] }
    }

    /// Copies a section's `kind` part into another section, repeated bar for bar to fill
    /// it (or cut). The copy keeps the source's credits and records the copy as an edit.
    public mutating func copyPart(_ kind: PartKind, from source: String, to target: String, by author: String,
                                  at date: Date) throws(SongModelError) {
        let from = try requireSection(source), to = try requireSection(target)
        guard let part = from.parts[kind] else { throw .noPart(kind, section: from.name) }
        guard meter(of: from) == meter(of: to) else {
            throw .notForPart("\(from.name) and \(to.name) are in different meters, so the \(kind) cannot be copied bar for bar")
        }
        let barLength = meter(of: from).ticksPerBar
        let content = part.content.tiled(from: from.bars * barLength, to: to.bars * barLength)
        try check(content, as: kind, in: to)
        var provenance = part.provenance
        provenance.edits.append(EditRecord(author: author, at: date, change: EditRecord.copyPrefix + from.name))
        let tempo = quarterTempo(of: to)
        update(to.name) { section in
            section.parts[kind] = Part(content: content, provenance: provenance)
            if kind.row.followsDrums { section.retime(quarterTempo: tempo) }
        }
    }

    /// Transposes a section's part by `steps` semitones, or by scale steps of its key when
    /// `diatonic`, as an edit by `author`.
    @discardableResult
    public mutating func transpose(_ kind: PartKind, in name: String, by steps: Int, diatonic: Bool = false,
                                   author: String, at date: Date) throws(SongModelError) -> String {
        guard kind.row.pitched else { throw .notForPart("\(kind) have no pitch to transpose; `shift` moves them in time") }
        let section = try requireSection(name)
        let key = self.key(of: section)
        let change = "transposed \(steps > 0 ? "up" : "down") \(abs(steps)) \(diatonic ? "scale step" : "semitone")\(abs(steps) == 1 ? "" : "s")"
        try edit(kind, in: section.name, by: author, at: date, change: change) { content throws(SongModelError) in
            content = diatonic ? try content.transposed(scaleSteps: steps, key: key) : try content.transposed(semitones: steps, key: key)
        }
        return change
    }

    /// Moves a section's part later (or earlier) by `beats` of its meter, as an edit; what
    /// leaves the section is dropped. Drums are re-timed after the move.
    @discardableResult
    public mutating func shift(_ kind: PartKind, in name: String, beats: Double, author: String, at date: Date) throws(SongModelError) -> String {
        guard kind.row.shape != .chords else {
            throw .notForPart("chords follow the bars; rewrite them with `chords SECTION = …` to move them")
        }
        let section = try requireSection(name)
        let meter = self.meter(of: section)
        let ticks = Int((beats * Double(meter.ticksPerBeat)).rounded())
        let length = section.bars * meter.ticksPerBar
        let amount = beats == beats.rounded() ? String(Int(beats).magnitude) : String(beats.magnitude)
        let change = "shifted \(beats > 0 ? "later" : "earlier") by \(amount) \(abs(beats) == 1 ? "beat" : "beats")"
        try edit(kind, in: section.name, by: author, at: date, change: change) { content throws(SongModelError) in
            content = try content.shifted(by: ticks, length: length)
        }
        return change
    }

    /// Puts a whole section from a draft into the song (replacing one of the same name), its
    /// parts accepted at `date`.
    public mutating func place(_ section: Section, acceptedAt date: Date) throws(SongModelError) {
        var section = section
        _ = try Section.validName(section.name)
        guard Section.barRange.contains(section.bars) else { throw .barsOutOfRange(String(section.bars)) }
        for kind in section.kinds {
            section.parts[kind]?.provenance.acceptedAt = date
            if let content = section.parts[kind]?.content { try check(content, as: kind, in: section) }
        }
        section.retime(quarterTempo: meter(of: section).quarterTempo(beatsPerMinute: section.tempo ?? tempo))
        if let index = sectionPosition(section.name) {
            sections[index] = section
        } else {
            try Song.checkSections(sections.count + 1)
            sections.append(section)
        }
    }

    /// Checks that content of `kind`'s shape fits `section`: chords start inside it in
    /// order, notes and hits lie inside it.
    public func check(_ content: PartContent, as kind: PartKind, in section: Section) throws(SongModelError) {
        guard content.shape == kind.row.shape else { throw .notForPart("a \(kind) part holds \(kind.row.shape) content") }
        let length = section.bars * meter(of: section).ticksPerBar
        switch content {
        case .chords(let changes, _):
            let starts = changes.map(\.start)
            guard !starts.isEmpty, starts == starts.sorted(), Set(starts).count == starts.count,
                  starts.allSatisfy({ (0..<length).contains($0) }) else {
                throw .chordBarCount(section: section.name, given: changes.count, expected: section.bars)
            }
        case .notes(let notes):
            guard notes.allSatisfy({ $0.start >= 0 && $0.duration > 0 && $0.end <= length }) else {
                throw .tooLong(part: kind.rawValue, section: section.name, bars: section.bars,
                               runs: Self.barsRun(notes.map(\.end).max() ?? 0, section: section, meter: meter(of: section)))
            }
        case .drums(let hits, _, _):
            guard hits.allSatisfy({ (0..<length).contains($0.start) }) else {
                throw .tooLong(part: kind.rawValue, section: section.name, bars: section.bars,
                               runs: Self.barsRun((hits.map(\.start).max() ?? 0) + 1, section: section, meter: meter(of: section)))
            }
        }
    }

    /// The bars a part ending at `end` runs over (counted whole), for the error that says
    /// by how much it overruns its section.
    static func barsRun(_ end: Ticks, section: Section, meter: Meter) -> Int {
        max(section.bars + 1, (end + meter.ticksPerBar - 1) / meter.ticksPerBar)
    }

    // MARK: Section settings

    /// Sets a section's motif (nil removes it).
    public mutating func setMotif(_ notes: [Note]?, of name: String) throws(SongModelError) {
        let section = try requireSection(name)
        if let notes {
            guard notes.allSatisfy({ $0.end <= section.bars * meter(of: section).ticksPerBar }) else {
                throw .tooLong(part: "motif", section: section.name, bars: section.bars,
                               runs: Self.barsRun(notes.map(\.end).max() ?? 0, section: section, meter: meter(of: section)))
            }
        }
        update(section.name) { $0.motif = notes }
    }

    /// Sets where a section sits on the arc.
    public mutating func setArcPoint(of name: String, mood: Mood?, energy: Double?, tension: Double?) throws(SongModelError) {
        let section = try requireSection(name)
        for value in [energy, tension].compactMap({ $0 }) where !(0...1).contains(value) {
            throw .badText(field: "energy or tension", text: String(value), rule: "a value from 0 to 1")
        }
        update(section.name) { section in
            section.mood = mood
            section.energy = energy
            section.tension = tension
        }
    }

    /// Sets how a section hands over: to `next` (a section's name), to whatever follows
    /// (`next` nil), or at the end of the song (`atEnd`).
    public mutating func setTransition(_ transition: Transition?, from name: String, to next: String? = nil,
                                       atEnd: Bool = false) throws(SongModelError) {
        let section = try requireSection(name)
        let target = try next.map { name throws(SongModelError) in try requireSection(name).name }
        update(section.name) { section in
            if atEnd {
                section.ending = transition
            } else if let target {
                var handovers = section.handovers ?? [:]
                handovers[target] = transition
                section.handovers = handovers.isEmpty ? nil : handovers
            } else {
                section.transition = transition
            }
        }
    }

    /// Sets all of a section's hand-overs at once (what an arc works out), the default one
    /// cleared.
    public mutating func setHandovers(of name: String, _ handovers: [String: Transition]?, ending: Transition?) throws(SongModelError) {
        let section = try requireSection(name)
        for next in (handovers ?? [:]).keys { _ = try requireSection(next) }
        update(section.name) { section in
            section.transition = nil
            section.handovers = handovers?.isEmpty == true ? nil : handovers
            section.ending = ending
        }
    }

    /// Sets a section's own key, tempo or mood (nil: follow the song's).
    public mutating func setSectionKey(_ key: Key?, of name: String) throws(SongModelError) {
        let section = try requireSection(name)
        update(section.name) { $0.key = key }
    }

    public mutating func setSectionTempo(_ tempo: Int?, of name: String) throws(SongModelError) {
        let section = try requireSection(name)
        if let tempo, !Song.tempoRange.contains(tempo) { throw .tempoOutOfRange(String(tempo)) }
        let quarterTempo = meter(of: section).quarterTempo(beatsPerMinute: tempo ?? self.tempo)
        // The drums' micro-timing is kept in ticks at the section's tempo: re-time it.
        update(section.name) { $0.tempo = tempo; $0.retime(quarterTempo: quarterTempo) }
    }

    /// Sets the song's tempo; the drums of sections that follow it are re-timed, since
    /// micro-timing is kept in ticks at the tempo it plays.
    public mutating func setTempo(_ tempo: Int) throws(SongModelError) {
        guard Song.tempoRange.contains(tempo) else { throw .tempoOutOfRange(String(tempo)) }
        self.tempo = tempo
        for index in sections.indices where sections[index].tempo == nil {
            sections[index].retime(quarterTempo: meter(of: sections[index]).quarterTempo(beatsPerMinute: tempo))
        }
    }

    /// Sets the swing ratio of a section's drums and re-times their hits: a groove asked for
    /// with `swing=auto` follows the tempo it plays at. Nothing for a section without timing.
    public mutating func setSwing(_ ratio: Double, of name: String) throws(SongModelError) {
        let section = try requireSection(name)
        guard section.drums?.timing != nil else { return }
        let quarterTempo = self.quarterTempo(of: section)
        update(section.name) {
            $0.drums?.timing?.swing = ratio
            $0.retime(quarterTempo: quarterTempo)
        }
    }

    public mutating func setSectionMood(_ mood: Mood?, of name: String) throws(SongModelError) {
        let section = try requireSection(name)
        update(section.name) { $0.mood = mood }
    }
}

extension Section {
    /// Applies the drums' timing to their hits and couples the bass to them; every part
    /// whose row says it follows the drums is kept in step here.
    mutating func retime(quarterTempo: Double) {
        GrooveTimingApplier.retime(&self, quarterTempo: quarterTempo)
    }
}
