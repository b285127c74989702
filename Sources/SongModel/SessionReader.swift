import Foundation
import MusicTheory

/// What is wrong inside a well-formed JSON session, and where: "at song.sections[1].bars:
/// expected a whole number, found \"eight\"", "missing \"title\" in song".
struct SessionReadError: Error {
    enum Step { case key(String), index(Int) }
    enum Problem {
        /// The value has the wrong type; says what was expected there.
        case expected(String)
        /// A value that must be there is null.
        case null(String)
        /// A member that must be there is absent.
        case missing(String)
        /// The value has the right type but is not allowed; the whole rule, with what was found.
        case invalid(String)
    }

    /// Outermost step first.
    var path: [Step] = []
    var problem: Problem

    /// The same error one step further out; steps are added as the error travels up, so
    /// reading a good file never builds a path.
    func inside(_ step: Step) -> SessionReadError {
        SessionReadError(path: [step] + path, problem: problem)
    }

    /// "song.sections[1].bars".
    var pathText: String {
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += (text.isEmpty ? "" : ".") + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "the top level" : text
    }

    var message: String {
        switch problem {
        case .expected(let what): "at \(pathText): expected \(what)"
        case .null(let what): "at \(pathText): expected \(what), found null"
        case .missing(let key): "missing \"\(key)\"" + (path.isEmpty ? "" : " in \(pathText)")
        case .invalid(let rule): "at \(pathText): \(rule)"
        }
    }
}

/// Reads a session file's song from its JSON tree, field by field.
///
/// The counterpart of `SessionWriter`; together they are the session format. Unknown
/// members are ignored, optional ones may be absent or null, and every refusal names the
/// path of the value. Pitches and chord symbols go through the same parsers as the prompt,
/// each distinct spelling once per file: a melody repeats its few pitches many times.
final class SessionReader {
    private var pitches: [String: Pitch] = [:]
    private var chords: [String: Chord] = [:]

    typealias Members = [(key: String, value: JSON)]

    // MARK: The session

    func sessionFile(_ json: JSON, version: Int) throws(SessionReadError) -> SessionFile {
        let object = try members(json)
        var file = SessionFile(song: try required(object, "song") { v throws(SessionReadError) in try song(v) },
                               savedWith: try required(object, "savedWith", string),
                               autosave: try optional(object, "autosave") { v throws(SessionReadError) in try autosave(v) })
        file.version = version
        return file
    }

    private func autosave(_ json: JSON) throws(SessionReadError) -> AutosaveInfo {
        let object = try members(json)
        return AutosaveInfo(sessionPath: try optional(object, "sessionPath", string),
                            changes: try required(object, "changes", int),
                            lastCommand: try required(object, "lastCommand", string),
                            at: try required(object, "at", date),
                            sessionChecksum: try optional(object, "sessionChecksum", string))
    }

    private func song(_ json: JSON) throws(SessionReadError) -> Song {
        let object = try members(json)
        var song = Song(title: try required(object, "title", string),
                        authors: try required(object, "authors") { v throws(SessionReadError) in try list(v, string) },
                        key: try required(object, "key", text),
                        tempo: try required(object, "tempo", int),
                        meter: try required(object, "meter", text),
                        mood: try optional(object, "mood", choice))
        song.sections = try required(object, "sections") { v throws(SessionReadError) in
            try list(v) { s throws(SessionReadError) in try section(s) }
        }
        song.arrangement = try optional(object, "arrangement") { v throws(SessionReadError) in try list(v, string) }
        song.mixer = try optional(object, "mixer") { v throws(SessionReadError) in try dictionary(v, settings) }
        song.id = try optional(object, "id", string)
        return song
    }

    private func section(_ json: JSON) throws(SessionReadError) -> Section {
        let object = try members(json)
        var section = Section(name: try required(object, "name", string), bars: try required(object, "bars", int))
        section.key = try optional(object, "key", text)
        section.tempo = try optional(object, "tempo", int)
        section.meter = try optional(object, "meter", text)
        section.mood = try optional(object, "mood", choice)
        for kind in PartKind.allCases {
            section.parts[kind] = try optional(object, kind.rawValue) { v throws(SessionReadError) in try part(v, shape: kind.row.shape) }
        }
        section.motif = try optional(object, "motif") { v throws(SessionReadError) in
            try list(v) { n throws(SessionReadError) in try note(n) }
        }
        section.lyrics = try optional(object, "lyrics") { v throws(SessionReadError) in
            let words = try members(v)
            return Lyrics(text: try required(words, "text", string), provenance: try required(words, "provenance", provenance))
        }
        section.energy = try optional(object, "energy", double)
        section.tension = try optional(object, "tension", double)
        section.transition = try optional(object, "transition", choice)
        section.handovers = try optional(object, "handovers") { v throws(SessionReadError) in try dictionary(v, choice) }
        section.ending = try optional(object, "ending", choice)
        return section
    }

    // MARK: Parts

    private func part(_ json: JSON, shape: PartShape) throws(SessionReadError) -> Part {
        switch shape {
        case .chords: return try chordPart(json).part
        case .notes:
            let (notes, provenance) = try line(json)
            return Part(content: .notes(notes), provenance: provenance)
        case .drums: return try drumPart(json).part
        }
    }

    private func chordPart(_ json: JSON) throws(SessionReadError) -> ChordPart {
        let object = try members(json)
        let changes = try required(object, "changes") { v throws(SessionReadError) in
            try list(v) { c throws(SessionReadError) in
                let change = try members(c)
                return ChordChange(start: try required(change, "start", int),
                                   chord: try required(change, "chord") { s throws(SessionReadError) in try symbol(s) })
            }
        }
        return ChordPart(changes: changes, comping: try optional(object, "comping", choice),
                         provenance: try required(object, "provenance", provenance))
    }

    private func line(_ json: JSON) throws(SessionReadError) -> ([Note], Provenance) {
        let object = try members(json)
        let notes = try required(object, "notes") { v throws(SessionReadError) in
            try list(v) { n throws(SessionReadError) in try note(n) }
        }
        return (notes, try required(object, "provenance", provenance))
    }

    private func note(_ json: JSON) throws(SessionReadError) -> Note {
        let object = try members(json)
        return Note(start: try required(object, "start", int),
                    duration: try required(object, "duration", int),
                    pitch: try required(object, "pitch") { v throws(SessionReadError) in try pitch(v) },
                    velocity: try required(object, "velocity", int),
                    offset: try required(object, "offset", int))
    }

    private func drumPart(_ json: JSON) throws(SessionReadError) -> DrumPart {
        let object = try members(json)
        let hits = try required(object, "hits") { v throws(SessionReadError) in
            try list(v) { h throws(SessionReadError) in
                let hit = try members(h)
                return DrumHit(start: try required(hit, "start", int), key: try required(hit, "key", int),
                               velocity: try required(hit, "velocity", int), offset: try required(hit, "offset", int))
            }
        }
        let timing = try optional(object, "timing") { v throws(SessionReadError) in
            let timing = try members(v)
            return GrooveTiming(swing: try required(timing, "swing", double),
                                swingUnit: try required(timing, "swingUnit", int),
                                feel: try required(timing, "feel", choice),
                                humanize: try required(timing, "humanize", double),
                                alpha: try required(timing, "alpha", double),
                                seed: try required(timing, "seed", uint64),
                                template: try optional(timing, "template") { t throws(SessionReadError) in
                                    let template = try members(t)
                                    return GrooveTemplate(source: try required(template, "source", string),
                                                          slot: try required(template, "slot", int),
                                                          slotsPerBar: try required(template, "slotsPerBar", int),
                                                          offsets: try required(template, "offsets") { o throws(SessionReadError) in
                                                              try dictionary(o) { r throws(SessionReadError) in try list(r, double) }
                                                          })
                                })
        }
        return DrumPart(hits: hits, style: try optional(object, "style", choice), timing: timing,
                        provenance: try required(object, "provenance", provenance))
    }

    private func settings(_ json: JSON) throws(SessionReadError) -> PartSettings {
        let object = try members(json)
        return PartSettings(program: try optional(object, "program", int), gain: try required(object, "gain", double),
                            pan: try required(object, "pan", double), reverb: try required(object, "reverb", double),
                            held: try optional(object, "held", flag) ?? false)
    }

    // MARK: Provenance

    private func origin(_ json: JSON) throws(SessionReadError) -> Origin {
        let origin = try members(json)
        return Origin(kind: try required(origin, "kind", choice), name: try required(origin, "name", string),
                      version: try optional(origin, "version", string), seed: try optional(origin, "seed", uint64),
                      parameters: try optional(origin, "parameters") { p throws(SessionReadError) in try dictionary(p, string) })
    }

    private func provenance(_ json: JSON) throws(SessionReadError) -> Provenance {
        let object = try members(json)
        let origin = try required(object, "origin", self.origin)
        let edits = try required(object, "edits") { v throws(SessionReadError) in
            try list(v) { e throws(SessionReadError) in
                let edit = try members(e)
                return EditRecord(author: try required(edit, "author", string), at: try required(edit, "at", date),
                                  change: try required(edit, "change", string), origin: try optional(edit, "origin", self.origin))
            }
        }
        return Provenance(origin: origin, acceptedAt: try required(object, "acceptedAt", date), edits: edits)
    }

    // MARK: Values written as text

    private func pitch(_ json: JSON) throws(SessionReadError) -> Pitch { try remembered(json, in: &pitches) }

    private func chord(_ json: JSON) throws(SessionReadError) -> Chord { try remembered(json, in: &chords) }

    /// A chord, or nil where the file says no chord ("N.C.").
    private func symbol(_ json: JSON) throws(SessionReadError) -> Chord? {
        if case .string(ChordChange.noChord) = json { return nil }
        return try chord(json)
    }

    /// `text`, each spelling parsed once per file.
    private func remembered<T: WrittenAsText>(_ json: JSON, in cache: inout [String: T]) throws(SessionReadError) -> T {
        guard case .string(let spelling) = json else { throw mismatch(json, T.expectation) }
        if let known = cache[spelling] { return known }
        let value: T = try text(json)
        cache[spelling] = value
        return value
    }

    /// A key, meter, chord or pitch, through the parser the prompt uses.
    private func text<T: WrittenAsText>(_ json: JSON) throws(SessionReadError) -> T {
        guard case .string(let text) = json else { throw mismatch(json, T.expectation) }
        do { return try T(text: text) } catch {
            throw SessionReadError(problem: .invalid("expected \(T.expectation), found \"\(text)\""))
        }
    }

    /// A mood, a comping pattern, an origin's kind: one of a fixed list of words.
    private func choice<T: RawRepresentable & CaseIterable>(_ json: JSON) throws(SessionReadError) -> T
    where T.RawValue == String {
        guard case .string(let text) = json else { throw mismatch(json, "a string") }
        guard let value = T(rawValue: text) else {
            let words = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw SessionReadError(problem: .invalid("expected one of \(words), found \"\(text)\""))
        }
        return value
    }

    // MARK: Plain values

    private func int(_ json: JSON) throws(SessionReadError) -> Int {
        guard case .number(let text) = json else { throw mismatch(json, "a whole number") }
        if let value = Int(text) { return value }
        // 8.0 or 8e0 are whole numbers too; 8.5 and 1e30 are not.
        if let value = Double(text), value == value.rounded(), let whole = Int(exactly: value) { return whole }
        throw mismatch(json, "a whole number")
    }

    private func uint64(_ json: JSON) throws(SessionReadError) -> UInt64 {
        guard case .number(let text) = json, let value = UInt64(text) else { throw mismatch(json, "a whole number from 0 to 18446744073709551615") }
        return value
    }

    private func flag(_ json: JSON) throws(SessionReadError) -> Bool {
        guard case .bool(let value) = json else { throw mismatch(json, "true or false") }
        return value
    }

    private func double(_ json: JSON) throws(SessionReadError) -> Double {
        guard case .number(let text) = json, let value = Double(text), value.isFinite else { throw mismatch(json, "a number") }
        return value
    }

    private func string(_ json: JSON) throws(SessionReadError) -> String {
        guard case .string(let text) = json else { throw mismatch(json, "a string") }
        return text
    }

    private func date(_ json: JSON) throws(SessionReadError) -> Date {
        let example = "a date such as \"2026-01-31T12:00:00Z\""
        guard case .string(let text) = json else { throw mismatch(json, example) }
        guard let date = InternetDate.parse(text) else { throw SessionReadError(problem: .invalid("expected \(example), found \"\(text)\"")) }
        return date
    }

    // MARK: Structure

    private func mismatch(_ json: JSON, _ expected: String) -> SessionReadError {
        SessionReadError(problem: json == .null ? .null(expected) : .expected("\(expected), found \(found(json))"))
    }

    /// What was there instead, short: "\"eight\"", "8.5", "a list".
    private func found(_ json: JSON) -> String {
        switch json {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let text): text
        case .string(let text): "\"" + (text.count > 40 ? text.prefix(40) + "…" : text) + "\""
        case .array: "a list"
        case .object: "an object"
        }
    }

    private func members(_ json: JSON) throws(SessionReadError) -> Members {
        guard case .object(let members) = json else { throw mismatch(json, "an object") }
        return members
    }

    /// The last member named `key`, as JSON parsers that keep one value do.
    private func member(_ object: Members, _ key: String) -> JSON? {
        var index = object.count
        while index > 0 {
            index -= 1
            if object[index].key == key { return object[index].value }
        }
        return nil
    }

    private func required<T>(_ object: Members, _ key: String, _ read: (JSON) throws(SessionReadError) -> T) throws(SessionReadError) -> T {
        guard let value = member(object, key) else { throw SessionReadError(problem: .missing(key)) }
        do { return try read(value) } catch { throw error.inside(.key(key)) }
    }

    private func optional<T>(_ object: Members, _ key: String, _ read: (JSON) throws(SessionReadError) -> T) throws(SessionReadError) -> T? {
        guard let value = member(object, key), value != .null else { return nil }
        do { return try read(value) } catch { throw error.inside(.key(key)) }
    }

    private func list<T>(_ json: JSON, _ read: (JSON) throws(SessionReadError) -> T) throws(SessionReadError) -> [T] {
        guard case .array(let items) = json else { throw mismatch(json, "a list") }
        var values: [T] = []
        values.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do { values.append(try read(item)) } catch { throw error.inside(.index(index)) }
        }
        return values
    }

    private func dictionary<T>(_ json: JSON, _ read: (JSON) throws(SessionReadError) -> T) throws(SessionReadError) -> [String: T] {
        let object = try members(json)
        var values: [String: T] = [:]
        for (key, value) in object {
            do { values[key] = try read(value) } catch { throw error.inside(.key(key)) }
        }
        return values
    }
}
