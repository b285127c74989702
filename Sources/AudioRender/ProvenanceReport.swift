import Foundation
import MusicTheory
import SongModel

/// Who wrote what, and how the render was made: `provenance.json` for machines
/// (schema in help/provenance.md) and `provenance.md`, a split sheet for people.
public struct ProvenanceReport: Sendable, Hashable, Codable {
    public static let schema = "cowrite-provenance"
    public static let schemaVersion = 1

    public var schema: String
    public var version: Int
    public var song: SongFacts
    public var parts: [PartCredit]
    public var contributors: [Contributor]
    public var render: RenderFacts?

    public struct SongFacts: Sendable, Hashable, Codable {
        public var title: String
        public var authors: [String]
        public var key: String
        public var tempo: Int
        /// The note `tempo` counts ("quarter", "eighth" in 7/8, "dotted quarter" in 12/8),
        /// and the tempo in quarter notes, as song.mid and the WAV files carry it: a composer
        /// read 135 here against 202.5 in the MIDI file of a 12/8 song.
        public var tempoBeat: String?
        public var quarterNotesPerMinute: Double?
        public var meter: String
        public var mood: String?
        public var form: [String]
        /// The sections that play in a meter or at a tempo of their own, in the song's order
        /// (none: every section keeps the song's). A composer's five-meter cue had said only
        /// its first meter and tempo here.
        public var ownTime: [SectionTime]?
    }

    /// A section's own meter and tempo, the tempo counted as `tempoBeat` and in quarters.
    public struct SectionTime: Sendable, Hashable, Codable {
        public var section: String
        public var meter: String
        public var tempo: Int
        public var tempoBeat: String
        public var quarterNotesPerMinute: Double
    }

    public struct PartCredit: Sendable, Hashable, Codable {
        public var section: String
        public var part: String
        public var origin: Origin
        public var acceptedAt: Date
        public var edits: [EditRecord]
        public var instrument: InstrumentFacts?
    }

    public struct InstrumentFacts: Sendable, Hashable, Codable {
        public var program: Int
        public var name: String
    }

    public struct Contributor: Sendable, Hashable, Codable {
        public var name: String
        public var kind: String
        public var parts: [String]
    }

    public struct RenderFacts: Sendable, Hashable, Codable {
        public var software: String
        public var synthesizer: String
        public var soundFont: SoundFontInfo
        public var sampleRate: Int
        public var format: String
        public var durationSeconds: Double
        public var targetLUFS: Double
        public var truePeakCeiling: Double
        public var integratedLUFS: Double
        public var truePeakDBTP: Double
        public var loudnessRangeLU: Double
        public var gainDB: Double
        public var limitingDB: Double
        public var files: [String]
        /// What the render set in the balance, in words (the melody's lift, the pad's level,
        /// the sections ridden up); empty when it set nothing.
        public var balance: [String] = []
    }

    public init(song: Song, performance: Performance?, render: RenderFacts?) {
        self.schema = ProvenanceReport.schema
        self.version = ProvenanceReport.schemaVersion
        self.song = SongFacts(title: song.title, authors: song.authors, key: song.key.description, tempo: song.tempo,
                              tempoBeat: song.meter.beatName, quarterNotesPerMinute: song.meter.quarterTempo(beatsPerMinute: song.tempo),
                              meter: song.meter.description, mood: song.mood?.rawValue, form: song.form)
        let own = song.sections.filter { $0.meter != nil || $0.tempo != nil }.map { section in
            SectionTime(section: section.name, meter: song.meter(of: section).description, tempo: song.tempo(of: section),
                        tempoBeat: song.meter(of: section).beatName, quarterNotesPerMinute: song.quarterTempo(of: section))
        }
        self.song.ownTime = own.isEmpty ? nil : own
        let programs = Dictionary((performance?.tracks ?? []).map { ($0.part, $0.program) }, uniquingKeysWith: { a, _ in a })
        var parts: [PartCredit] = []
        var contributors: [Contributor] = []
        // Whoever wrote what is heard: a section left out of the form is in the table (it
        // was written) but credits no one (a bridge arranged out of the song had credited
        // its generators on the split sheet and in the files' comments).
        let heard = Set(song.form)
        for section in song.sections {
            // The lyrics are credited as a part of their own: a lyricist is a writer.
            let credited = section.kinds.compactMap { kind in section.parts[kind].map { (kind.rawValue, $0.provenance, Optional(kind)) } }
                + (section.lyrics.map { [("lyrics", $0.provenance, PartKind?.none)] } ?? [])
            for (name, provenance, kind) in credited {
                let instrument = kind.flatMap { kind in programs[kind].map { program in
                    InstrumentFacts(program: program, name: kind.row.pitched ? Instrument(program: program).name : "standard drum kit")
                } }
                parts.append(PartCredit(section: section.name, part: name, origin: provenance.origin,
                                        acceptedAt: provenance.acceptedAt, edits: provenance.edits, instrument: instrument))
                let label = "\(section.name) \(name)"
                // Whoever wrote what is heard: an edit that rewrote every bar leaves nothing of
                // the part before it, so the writers before it are history (the table above
                // keeps them), not contributors.
                guard heard.contains(section.name) else { continue }
                let rewrites = Self.rewrittenFrom(provenance.edits, bars: section.bars)
                let kept = rewrites.map { Array(provenance.edits[$0...]) } ?? provenance.edits
                let people = (rewrites == nil ? [(provenance.origin.credit, provenance.origin.kind.rawValue)]
                                + Self.sourceWriters(of: provenance.origin).map { ($0, "person") } : [])
                    + kept.filter { Self.writes($0.change) }.map { ($0.author, $0.origin?.kind.rawValue ?? "person") }
                for (credit, kind) in people {
                    if let index = contributors.firstIndex(where: { $0.name == credit }) {
                        if !contributors[index].parts.contains(label) { contributors[index].parts.append(label) }
                    } else {
                        contributors.append(Contributor(name: credit, kind: kind, parts: [label]))
                    }
                }
            }
        }
        self.parts = parts
        self.contributors = contributors
        self.render = render
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // A silent render measures −∞ LUFS and dBTP; JSON has no number for that, so it is
        // written as the string "-inf" rather than failing the whole render.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The split sheet.
    public func markdown() -> String {
        var lines = ["# \(song.title) — credits", ""]
        if !song.authors.isEmpty { lines.append("Song by \(song.authors.joined(separator: ", ")).") }
        // The tempo as the replies say it, where the beat is not a quarter note.
        func counted(_ tempo: Int, in meter: String) -> String { (try? Meter(parsing: meter))?.tempoInQuarters(tempo) ?? "" }
        lines.append("Key \(song.key), \(song.tempo) bpm\(counted(song.tempo, in: song.meter)), \(song.meter)" + (song.mood.map { ", \($0)" } ?? "") + ".")
        if let own = song.ownTime {
            lines.append("In their own time: " + own.map { "\($0.section) \($0.meter) at \($0.tempo) bpm\(counted($0.tempo, in: $0.meter))" }
                .joined(separator: "; ") + ".")
        }
        lines.append("Form: \(song.form.joined(separator: " – ")).")
        // A sketch's words and seed are every part's setting: said once, above the table.
        let sketches = Set(parts.compactMap { $0.origin.kind == .generator ? $0.origin.parameters?["sketch"] : nil })
        if sketches.count == 1, let sketch = sketches.first { lines.append("Drafted by `\(sketch)`.") }
        lines += ["", "## Who wrote what", "", "| section | part | written by | settings | edited by | accepted | instrument |", "|---|---|---|---|---|---|---|"]
        let time = ISO8601DateFormatter()
        for part in parts {
            let editors = Self.editors(part.edits).joined(separator: ", ")
            let settings = Self.settings(part.origin, besides: sketches.count == 1 ? ["sketch"] : [])
            lines.append("| \(part.section) | \(part.part) | \(Self.written(part.origin)) | \(settings.isEmpty ? "—" : settings) | \(editors.isEmpty ? "—" : editors) | \(time.string(from: part.acceptedAt)) | \(part.instrument.map { "\($0.name) (GM \($0.program))" } ?? "—") |")
        }
        var unheard: [String] = []
        for part in parts where !song.form.contains(part.section) && !unheard.contains(part.section) { unheard.append(part.section) }
        if !unheard.isEmpty {
            lines += ["", "Not in the form, so not heard and not credited below: \(unheard.joined(separator: ", "))."]
        }
        if parts.contains(where: { $0.origin.kind == .generator }) {
            lines += ["", "provenance.json, which `render` writes beside this file, holds every setting as it was asked for."]
        }
        lines += ["", "## Contributors", ""]
        for contributor in Self.grouped(contributors) {
            lines.append("- **\(contributor.name)** (\(contributor.kind)): \(Self.parts(contributor.parts))")
        }
        if let render {
            lines += ["", "## Render", ""]
            lines.append("- Software: \(render.software); synthesizer: \(render.synthesizer)")
            lines.append("- SoundFont: \(render.soundFont.name) (\(render.soundFont.path)); \(render.soundFont.copyright.isEmpty ? "" : "© \(render.soundFont.copyright); ")licence: \(render.soundFont.licence)")
            lines.append("- Format: \(render.format), \(render.sampleRate) Hz; length \(String(format: "%.2f", render.durationSeconds)) s")
            lines.append("- Loudness: target \(Self.number(render.targetLUFS)) LUFS, ceiling \(Self.number(render.truePeakCeiling)) dBTP; measured \(Self.number(render.integratedLUFS)) LUFS integrated, \(Self.number(render.truePeakDBTP)) dBTP true peak, \(Self.number(render.loudnessRangeLU)) LU range")
            lines.append("- Mastering: \(Self.number(render.gainDB)) dB gain, limiter at most \(Self.number(render.limitingDB)) dB, one gain curve on the mix and every stem")
            for line in render.balance { lines.append("- Balance: " + line) }
            lines.append("- Files: \(render.files.joined(separator: ", "))")
        }
        // Text from the session (a title, a name) may hold control characters: a reader
        // who `cat`s the file sees them, never obeys them.
        return lines.map { visible($0) }.joined(separator: "\n") + "\n"
    }

    /// "Ana (by hand)", "harmony 2.18, seed 1000005", "Ana (imported from hook.mid, track 2 …)":
    /// who wrote a part, a generator by its name, version and seed (its settings apart).
    public static func written(_ origin: Origin) -> String {
        switch origin.kind {
        case .person: return describe(origin)
        case .generator: return signature(origin) + (origin.parameters?["learned"].map { ", your style \($0)" } ?? "")
        }
    }

    /// A generator's name, version and seed: "harmony 2.18, seed 1000005".
    static func signature(_ origin: Origin) -> String {
        "\(origin.name) \(origin.version ?? "")".trimmingCharacters(in: .whitespaces) + (origin.seed.map { ", seed \($0)" } ?? "")
    }

    /// A generator's settings as asked for, "cadence=open mood=calm rate=0.5", without what
    /// the table already says (the section, the learned style) or what every request has
    /// (how many were asked for and which of them this is), and without `besides`. Why: the
    /// sheet's rows had carried the sketch's command and those counts on every part, 200–250
    /// characters each, and a newcomer could not find who wrote what.
    static func settings(_ origin: Origin, besides: Set<String> = []) -> String {
        guard origin.kind == .generator else { return "" }
        let left = ["section", "learned", "n", "rank"] + besides
        return typed((origin.parameters ?? [:]).filter { !left.contains($0.key) })
    }

    /// Parameters as typed, by name: "cadence=open mood=calm".
    static func typed(_ parameters: [String: String]) -> String {
        parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// A generator's contributions, one per seed in the report, as one line: "harmony 2.18
    /// (generator): intro and verse chords". People and learned styles stay as they are;
    /// a generator with one seed names it.
    public static func grouped(_ contributors: [Contributor]) -> [Contributor] {
        var out: [Contributor] = []
        var seeds: [String: [String]] = [:]
        for contributor in contributors {
            guard contributor.kind == "generator", contributor.name.hasSuffix(")"),
                  let open = contributor.name.range(of: " (seed ", options: .backwards) else {
                out.append(contributor)
                continue
            }
            let seed = String(contributor.name[open.upperBound...].dropLast())
            guard seed.allSatisfy(\.isNumber) else { out.append(contributor); continue }
            let name = String(contributor.name[..<open.lowerBound])
            if let index = out.firstIndex(where: { $0.kind == "generator" && $0.name == name }) {
                out[index].parts += contributor.parts.filter { !out[index].parts.contains($0) }
            } else {
                out.append(Contributor(name: name, kind: "generator", parts: contributor.parts))
            }
            seeds[name, default: []].append(seed)
        }
        // One seed is named; several are in the table above, a seed a part.
        return out.map { contributor in
            guard let list = seeds[contributor.name], list.count == 1 else { return contributor }
            var named = contributor
            named.kind += ", seed \(list[0])"
            return named
        }
    }

    /// "intro, verse and chorus chords; verse melody": a contributor's parts, by part.
    public static func parts(_ labels: [String]) -> String {
        var order: [String] = []
        var sections: [String: [String]] = [:]
        for label in labels {
            let words = label.split(separator: " ").map(String.init)
            guard let part = words.last, words.count >= 2 else { continue }
            if sections[part] == nil { order.append(part) }
            sections[part, default: []].append(words.dropLast().joined(separator: " "))
        }
        return order.map { "\(listed(sections[$0] ?? [])) \($0)" }.joined(separator: "; ")
    }

    /// Who edited a part and how, in order, the same edit made again in a row said once
    /// with its count: "Ben (bar 4) ×2, Ben (bar 8) ×3" (a newcomer's sheet had listed
    /// "root (bar 4), root (bar 4), root (bar 8), root (bar 8), root (bar 8)").
    public static func editors(_ edits: [EditRecord]) -> [String] {
        var runs: [(text: String, count: Int)] = []
        for edit in edits {
            let text = "\(edit.author) (\(edit.change))"
            if runs.last?.text == text { runs[runs.count - 1].count += 1 } else { runs.append((text, 1)) }
        }
        return runs.map { $0.count == 1 ? $0.text : "\($0.text) ×\($0.count)" }
    }

    /// "Ana (by hand)", "Ana (imported from hook.mid, track 2 “Lead”, sha256 1a2b3c4d5e6f)",
    /// "harmony 1.0, seed 42, mood=sad style=pop".
    public static func describe(_ origin: Origin) -> String {
        switch origin.kind {
        case .person: return "\(origin.name) (" + (origin.importedFrom.map { "imported from \($0)" } ?? "by hand") + ")"
        case .generator:
            let settings = typed(origin.parameters ?? [:])
            return signature(origin) + (settings.isEmpty ? "" : ", \(settings)")
        }
    }

    /// The first of the edits from which on every bar was rewritten (in one edit, "all 8
    /// bars", or bar by bar, "bar 1" … "bar 8"), or nil when some bar of the part as first
    /// written is still heard.
    static func rewrittenFrom(_ edits: [EditRecord], bars: Int) -> Int? {
        var covered = Set<Int>()
        for index in edits.indices.reversed() {
            covered.formUnion(barsRewritten(edits[index].change, bars: bars))
            if covered.isSuperset(of: 1...max(1, bars)) { return index }
        }
        return nil
    }

    /// The people who wrote the melody a variation was made from (its `source`, "verse
    /// melody (Ana, edited by Ben)"): a variation of a writer's tune is theirs as much as
    /// the generator's. Why: a newcomer accepted an inversion of their own verse melody and
    /// the split sheet credited it to the variation generator alone. Generators among them
    /// ("melody 3.15 (seed 7)") are left out: the variation's own line names its source.
    static func sourceWriters(of origin: Origin) -> [String] {
        guard origin.kind == .generator, origin.name == "variation", let source = origin.parameters?["source"],
              let open = source.firstIndex(of: "("), source.hasSuffix(")") else { return [] }
        let inside = source[source.index(after: open)..<source.index(before: source.endIndex)]
        let parts = inside.components(separatedBy: ", edited by ")
        let names = [parts[0]] + (parts.count > 1 ? parts[1].components(separatedBy: ", ") : [])
        let generator = #/^\S+ \d+(\.\d+)* \(seed /#
        return names.filter { !$0.isEmpty && $0.firstMatch(of: generator) == nil }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Whether an edit writes music, and so makes its author one of the song's writers: not
    /// one that moves a part to another key by semitones, moves it in time, quantizes it,
    /// humanizes it or gives it a feel (the table's "edited by" column keeps them). Why: a
    /// newcomer transposed a song up a tone and the split sheet named them a writer of the
    /// engine's melody and bass. A move by scale steps changes the intervals, so it writes.
    static func writes(_ change: String) -> Bool {
        let words = change.split(separator: " ")
        guard let first = words.first else { return true }
        switch first {
        case "transposed": return !change.hasSuffix("semitone") && !change.hasSuffix("semitones")
        case "shifted", "quantized", "humanize", "feel": return false
        // A part copied from another section (`copy-groove`) changes none of its notes: the
        // engine's groove copied to the verse had named the copier its writer.
        case "copied": return !change.hasPrefix(EditRecord.copyPrefix)
        default: return true
        }
    }

    /// The bars an edit's change names as the writers word it: "all 8 bars", "bar 3",
    /// "bars 2, 4", "bars 5–6 …"; none for a change that is not bar by bar ("transposed up 2").
    static func barsRewritten(_ change: String, bars: Int) -> Set<Int> {
        let words = change.split(separator: " ").map(String.init)
        if words.count >= 3, words[0] == "all", Int(words[1]) == bars, words[2].hasPrefix("bar") { return Set(1...max(1, bars)) }
        guard let first = words.first, first == "bar" || first == "bars" else { return [] }
        var found = Set<Int>()
        for word in words.dropFirst() {
            let token = word.trimmingCharacters(in: CharacterSet(charactersIn: ","))
            let ends = token.split(whereSeparator: { $0 == "–" || $0 == "-" }).compactMap { Int($0) }
            guard !ends.isEmpty, ends.count == token.split(whereSeparator: { $0 == "–" || $0 == "-" }).count else { break }
            found.formUnion(ends.count == 2 && ends[0] <= ends[1] ? Set(ends[0]...ends[1]) : Set(ends))
            if !word.hasSuffix(",") && ends.count == 1 && words.last != word { break }
        }
        return found.filter { (1...max(1, bars)).contains($0) }
    }

    static func number(_ value: Double) -> String { value.isFinite ? String(format: "%.1f", value) : "−∞" }
}
