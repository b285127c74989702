import Foundation
import MusicTheory

/// What a MIDI file becomes in Cowrite: the song's key, tempo and meter, sections (from
/// the file's markers, or one per 8 bars), and for each track the part it reads as —
/// drums on channel 10 (or a track named so), chords from a track that plays several
/// notes at once, a bass line from a low single line, a melody from a higher one — with
/// a line per track saying what was found, for the preview before `accept`.
///
/// Written values are quantized to sixteenths or eighth-note triplets, a beat at a time,
/// and a note let go a little before the next is written up to it (`WrittenGrid`); how
/// far the player was off the grid stays as the note's performance offset, so the import
/// plays as it was played and reads as it is written.
public struct MIDIImport: Sendable, Hashable {
    public var key: Key
    public var tempo: Int
    public var meter: Meter
    public var sections: [Section]
    public var form: [String]
    /// One line per track: what it is and what it became.
    public var report: [String]
    /// The General MIDI program (0-based) each part's track played, from its first
    /// program change: a new song takes them (a fiddle tune had come in on the flute).
    public var instruments: [PartKind: Int] = [:]

    /// What the writer asked for, and the file's identity for provenance.
    public struct Request: Sendable, Hashable {
        /// The file's name as given, and the SHA-256 of its bytes (hex).
        public var file: String
        public var sha256: String
        /// `track=N` (1-based) or a track's name; nil for every track.
        public var track: String?
        /// `as KIND`: what the chosen tracks become.
        public var kind: PartKind?
        /// `into SECTION`: one existing section (name, bars, meter) to fill.
        public var into: (name: String, bars: Int, meter: Meter)?
        /// Credited as the person who brought the material in.
        public var author: String
        public var date: Date
        /// `repeats=apart`: a marked section played again comes in as a section of its own
        /// (`verse-2`), not as the first one again in the form.
        public var repeatsApart: Bool
        /// `from=BAR` or `from=MARKER` with `into`: where in the file the section's bars
        /// begin; nil for the file's marker named as the section, else its first bar.
        public var from: String?

        public init(file: String, sha256: String, track: String? = nil, kind: PartKind? = nil,
                    into: (name: String, bars: Int, meter: Meter)? = nil, author: String, date: Date, repeatsApart: Bool = false,
                    from: String? = nil) {
            (self.file, self.sha256, self.track, self.kind, self.into, self.author, self.date) = (file, sha256, track, kind, into, author, date)
            self.repeatsApart = repeatsApart
            self.from = from
        }

        public static func == (a: Request, b: Request) -> Bool {
            (a.file, a.sha256, a.track, a.kind, a.author, a.date) == (b.file, b.sha256, b.track, b.kind, b.author, b.date) && a.repeatsApart == b.repeatsApart && a.from == b.from
                && a.into?.name == b.into?.name && a.into?.bars == b.into?.bars && a.into?.meter == b.into?.meter
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(file); hasher.combine(sha256) }
    }

    /// A track as imported: its number in the file (1-based), its name, and its notes
    /// in Cowrite's ticks.
    struct Source {
        var number: Int
        var name: String
        var channels: Set<Int>
        var notes: [StandardMIDIFile.Note]
        /// The first program change on the source's channels, if any.
        var program: Int? = nil
        /// Which of a track's notes, when a track is read as two parts ("its top line").
        var part: String? = nil
    }

    /// Reads `file` as `request` asks.
    public static func plan(_ file: StandardMIDIFile, _ request: Request) throws(SongModelError) -> MIDIImport {
        let scale = Double(MusicalTime.ticksPerQuarter) / Double(file.ticksPerQuarter)
        // A pickup stored as a short first bar in a meter of its own (a DAW's 1/4 bar before
        // the 3/4 the song is in) is read in the song's meter, the music moved later by what
        // the short bar lacks, so the pickup ends on the first bar line (the whole file had
        // been read in 1/4: 25 one-beat bars).
        let written = file.meters.compactMap { event in (try? Meter(beats: event.value[0], unit: event.value[1])).map { (tick: event.tick, value: $0) } }
        var pickupMeter: Meter?
        var lead: Ticks = 0
        if request.into == nil, written.count >= 2, written[0].tick == 0, written[1].value.ticksPerBar > written[0].value.ticksPerBar,
           abs(Int((Double(written[1].tick) * scale).rounded()) - written[0].value.ticksPerBar) <= grid / 2 {
            pickupMeter = written[1].value
            lead = written[1].value.ticksPerBar - written[0].value.ticksPerBar
        }
        func ticks(_ value: Int) -> Ticks { Int((Double(value) * scale).rounded()) + lead }
        // Sources: each track, or in a format 0 file each channel of its one track.
        var sources: [Source] = []
        for (index, track) in file.tracks.enumerated() where !track.notes.isEmpty {
            let rescaled = track.notes.map { note in
                var scaled = note
                scaled.start = ticks(note.start)
                scaled.duration = max(1, ticks(note.start + note.duration) - scaled.start)
                return scaled
            }
            let channels = Set(track.notes.map(\.channel))
            if file.format == 0 && channels.count > 1 {
                for channel in channels.sorted() {
                    sources.append(Source(number: channel + 1, name: "channel \(channel + 1)", channels: [channel],
                                          notes: rescaled.filter { $0.channel == channel }, program: track.programs[channel]))
                }
            } else {
                sources.append(Source(number: index + 1, name: track.name.trimmingCharacters(in: .whitespaces), channels: channels, notes: rescaled,
                                      program: channels.sorted().lazy.compactMap { track.programs[$0] }.first))
            }
        }
        guard !sources.isEmpty else { throw .badMIDI("the file has no notes") }
        if let wanted = request.track {
            let chosen = sources.filter { String($0.number) == wanted || $0.name.lowercased() == wanted.lowercased() }
            guard !chosen.isEmpty else {
                let known = sources.map { "\($0.number)" + ($0.name.isEmpty ? "" : " (\($0.name))") }.joined(separator: ", ")
                throw .badMIDI("no track \"\(wanted)\" with notes: the tracks are \(known)")
            }
            sources = chosen
        }
        // The song's settings: the file's first tempo, meter and key signature.
        let meter = request.into?.meter ?? pickupMeter ?? written.first?.value ?? .fourFour
        let tempo = bpm(file.tempos.first?.value ?? 500_000, meter: meter)
        let pitched = sources.filter { !isDrums($0, kind: request.kind) }.flatMap(\.notes)
        let key = file.keys.first.flatMap { signatureKey(sharps: $0.value[0], minor: $0.value[1] == 1) }
            ?? Key.estimated(keys: pitched.map(\.key), weights: pitched.map { Double($0.duration) }) ?? Key(tonic: NoteName.preferred(pitchClass: 0), mode: .major)
        // Sections: the file's markers, or one per 8 bars; or the one section asked for.
        let end = sources.flatMap(\.notes).map { $0.start + $0.duration }.max() ?? 0
        var totalBars = max(1, Int((Double(end) / Double(meter.ticksPerBar)).rounded(.up)))
        // Refused before any section is made for it: longer than the longest song.
        guard request.into != nil || totalBars <= barLimit else {
            throw .badMIDI("the music runs \(totalBars) bars; Cowrite imports at most \(barLimit) (import one track, or a part of the file `into` a section)")
        }
        // A last bar of nothing but drum hits on its downbeat is the band's final hit (as a
        // Cowrite render ends): the render plays it again; the song ends before it.
        let lastBar = (totalBars - 1) * meter.ticksPerBar
        var report: [String] = []
        if totalBars > 1, request.into == nil,
           sources.allSatisfy({ source in source.notes.allSatisfy { $0.start < lastBar - grid / 2 || (isDrums(source, kind: request.kind) && abs($0.start - lastBar) <= grid / 2) } }) {
            totalBars -= 1
            report.append("the final hit on the downbeat after bar \(totalBars) is left to the render, which ends every song with one")
        }
        var spans: [(name: String, start: Int, bars: Int)] = []
        // Each span's name as its marker gives it, before a repeat's is made unique.
        var markedAs: [String] = []
        // The file's markers: where each stands, and the bar it is nearest.
        let marked = file.markers.map { marker in
            (name: marker.value, tick: ticks(marker.tick), bar: Int((Double(ticks(marker.tick)) / Double(meter.ticksPerBar)).rounded()))
        }
        if let into = request.into {
            // Where the section's bars begin in the file: `from=` a bar or a marker, else
            // the file's marker named as the section. Why: a songwriter's `import take.mid
            // into chorus` had taken bars 1–16 (the pickup and verse), the file's "Chorus"
            // marker at bar 18 unread, and no way to say which bars.
            // A marker starts the section where it stands, on or off a bar line (after a
            // pickup bar shorter than the rest, a chorus marked on its downbeat is off the
            // bar lines counted from the file's start).
            func named(_ wanted: String) -> (name: String, tick: Int, bar: Int)? {
                marked.first { $0.name.lowercased() == wanted.lowercased() || sectionName($0.name, fallback: "") == wanted.lowercased() }
            }
            var first = 0, firstTick = 0
            if let from = request.from {
                if let bar = Int(from) {
                    guard (1...totalBars).contains(bar) else { throw .badMIDI("from=\(from): the file's music runs bars 1–\(totalBars)") }
                    first = bar - 1
                    firstTick = first * meter.ticksPerBar
                } else if let marker = named(from) {
                    guard marker.tick < end else { throw .badMIDI("from=\(from): the marker “\(marker.name)” stands after the file's last note") }
                    (first, firstTick) = (marker.bar, marker.tick)
                } else {
                    let names = marked.map { "“\($0.name)” (bar \($0.bar + 1))" }
                    throw .badMIDI("from=\(from): the file has no marker of that name" + (names.isEmpty ? " (it has no markers): give a bar number, e.g. from=17"
                                                                                            : "; its markers are " + names.joined(separator: ", ") + ", or give a bar number"))
                }
            } else if let marker = named(into.name), marker.tick > 0, marker.tick < end {
                (first, firstTick) = (marker.bar, marker.tick)
                report.append("from the file's marker “\(marker.name)”, bar \(marker.bar + 1) (`from=1` takes the file from its start)")
            }
            spans = [(into.name, firstTick, into.bars)]
            // A file in another meter is read in the section's bars, and the writer is told
            // (a 3/4 waltz had gone into a 4/4 chorus with nothing said).
            if let first = file.meters.first, let fileMeter = try? Meter(beats: first.value[0], unit: first.value[1]), fileMeter != into.meter {
                report.append("the file is in \(fileMeter) and \(into.name) in \(into.meter): its notes are read in \(into.meter) bars "
                              + "(`set \(into.name) meter=\(fileMeter)` first keeps its bars)")
            }
            if first > 0 { report.append((first == 1 ? "bar 1 of the file is" : "bars 1–\(first) of the file are") + " left out: \(into.name) begins at bar \(first + 1)") }
            if totalBars - first > into.bars {
                report.append("bars \(first + into.bars + 1)–\(totalBars) of the file are left out: \(into.name) has \(into.bars)"
                              + " (`set \(into.name) bars=\(min(totalBars - first, Section.barRange.upperBound))` makes room, `from=` chooses where it begins)")
            }
        } else {
            let markers = marked.filter { $0.bar < totalBars }
            var starts: [(name: String, bar: Int)] = []
            for marker in markers where !starts.contains(where: { $0.bar == marker.bar }) { starts.append((marker.name, marker.bar)) }
            starts.sort { $0.bar < $1.bar }
            if starts.isEmpty || starts.first?.bar != 0 {
                starts.insert(("intro", 0), at: 0)
                if markers.isEmpty {
                    // A first bar that only leads in (its first note in the bar's second half,
                    // a pickup) is a section of its own, and the eights count from the bar
                    // after it. Counted in, a waltz with a one-beat pickup had come in as
                    // bars 1–8 and a 1-bar section of its last bar.
                    let first = sources.flatMap(\.notes).map(\.start).min() ?? 0
                    if totalBars > 1, pickupMeter != nil || first >= meter.ticksPerBar / 2 - grid / 2, first < meter.ticksPerBar - grid / 2 {
                        starts = [("pickup", 0)] + stride(from: 1, to: totalBars, by: 8).map { ("section\(($0 - 1) / 8 + 1)", $0) }
                        let beat = Double(first) / Double(meter.ticksPerBeat) + 1
                        report.append("bar 1 leads in, its first note on beat \(beat == beat.rounded() ? String(Int(beat)) : String(format: "%.1f", beat)): "
                                      + "a 1-bar section of its own, pickup, before section1")
                    } else {
                        starts = stride(from: 0, to: totalBars, by: 8).map { ("section\($0 / 8 + 1)", $0) }
                    }
                }
            }
            guard starts.count <= Limits.sections else {
                throw .badMIDI("the file has \(starts.count) markers; a song holds at most \(Limits.sections) sections")
            }
            var used: Set<String> = []
            for (index, start) in starts.enumerated() {
                let next = index + 1 < starts.count ? starts[index + 1].bar : totalBars
                let marked = sectionName(start.name, fallback: "section\(index + 1)")
                markedAs.append(marked)
                let name = uniqueName(marked, used: &used)
                spans.append((name, start.bar * meter.ticksPerBar, min(Section.barRange.upperBound, max(1, next - start.bar))))
            }
        }
        // Each source becomes one part; later sources of a kind already taken are named and left.
        var sections = spans.map { Section(name: $0.name, bars: $0.bars) }
        if request.into == nil {
            report += changes(in: file, spans: spans, meter: meter, tempo: tempo, key: key, ticks: ticks, after: lead, sections: &sections)
            if let pickupMeter, let short = written.first?.value {
                report.append("the file's first bar is a \(short) pickup before its \(pickupMeter): read in \(pickupMeter), the pickup at the end of a bar of its own")
            }
        }
        var taken: Set<PartKind> = []
        var instruments: [PartKind: Int] = [:]
        // The bass line names the chords' bass notes (a pianist's voicing need not have it lowest).
        // Each track read once (classifying reads all its notes).
        var readings = sources.map { classify($0, meter: meter) }
        // A pianist's one track of chords with the tune on top, and no other tune: the top
        // line is the melody, the notes under it the chords (`topLine`).
        if request.kind == nil, !readings.contains(where: { $0.kind == .melody }),
           let position = readings.indices.first(where: { readings[$0] == Reading(kind: .chords) }),
           let (tune, under) = topLine(sources[position].notes) {
            var chords = sources[position], melody = sources[position]
            chords.notes = under
            chords.part = "the notes under its top line"
            melody.notes = tune
            melody.part = "its top line"
            sources[position] = chords
            sources.insert(melody, at: position)
            readings.insert(Reading(kind: .melody), at: position)
        }
        let bassLine = sources.indices.first { (request.kind ?? readings[$0].kind) == .bass }.map { sources[$0].notes } ?? []
        for position in ordered(sources, readings: readings, for: request.kind) {
            let source = sources[position], reading = readings[position]
            let kind = request.kind ?? reading.kind
            let title = "track \(source.number)" + (source.name.isEmpty ? "" : " “\(source.name)”") + (source.part.map { ", \($0)" } ?? "")
            guard !taken.contains(kind) else {
                report.append("\(title): \(source.notes.count) notes, also a \(kind.rawValue) — left out (import it with `track=\(source.number) as PART`)")
                continue
            }
            taken.insert(kind)
            let origin = Origin(kind: .person, name: request.author, version: nil, seed: nil,
                                parameters: ["imported": request.file, "track": title.replacingOccurrences(of: "track ", with: ""), "sha256": request.sha256])
            let provenance = Provenance(origin: origin, acceptedAt: request.date)
            var detail = ""
            for (index, span) in spans.enumerated() {
                let length = span.bars * meter.ticksPerBar
                let inside = window(source.notes, from: span.start - grid / 2, to: span.start + length - grid / 2, shift: span.start)
                guard !inside.isEmpty else { continue }
                switch kind {
                case .drums:
                    let hits = drumHits(inside, length: length)
                    if !hits.isEmpty { sections[index].parts[.drums] = DrumPart(hits: hits, provenance: provenance).part }
                case .chords:
                    let bass = window(bassLine, from: span.start - grid / 2, to: span.start + length, shift: span.start)
                    let (changes, confidence) = chordChanges(inside, bass: bass, length: length, meter: meter, key: key)
                    if !changes.isEmpty {
                        sections[index].parts[.chords] = ChordPart(changes: changes, provenance: provenance).part
                        // Said when the chords come from one note at a time, so a writer who
                        // meant the line as a tune knows to say `track=N as melody`.
                        let broken = request.kind == nil && reading.brokenChords
                        detail = String(format: "%@chords recognized per beat, %.0f%% confident",
                                        broken ? "broken chords, one note at a time: " : "", confidence * 100)
                    }
                default:
                    let notes = line(inside, length: length, key: key, monophonic: kind != .pad)
                    if !notes.isEmpty { sections[index].parts[kind] = Part(content: .notes(notes), provenance: provenance) }
                }
            }
            let range = source.notes.map(\.key)
            let notesText = kind == .drums ? "\(source.notes.count) hits" : "\(source.notes.count) notes"
                + ((try? Pitch(midi: range.min() ?? 60)).map { low in
                    (try? Pitch(midi: range.max() ?? 60)).map { " \(Pitch.spelled(low, in: key))–\(Pitch.spelled($0, in: key))" } ?? ""
                } ?? "")
            var played = ""
            if kind != .drums, let program = source.program, (0...127).contains(program) {
                let name = Instrument(program: program).name
                if request.into == nil {
                    instruments[kind] = program
                    played = ", on \(name) (GM \(program))"
                } else {
                    played = ", played on \(name) in the file (`instrument \(kind.rawValue) \(name)` sets it)"
                }
            }
            report.append("\(title): \(notesText) → \(kind.rawValue)" + (detail.isEmpty ? "" : " (\(detail))") + played)
        }
        // Voices in harmony (a choir's SATB, a string quartet): three or more single lines
        // and no track of chords. Heard together they spell the chords, so the chords are
        // read from every voice at once, as from a pianist's track.
        let voices = sources.filter { !isDrums($0, kind: request.kind) }
        if request.kind == nil, request.track == nil, !taken.contains(.chords), voices.count >= 3, togetherShare(voices) >= 0.5 {
            let together = voices.flatMap(\.notes).sorted { ($0.start, $0.key) < ($1.start, $1.key) }
            let numbers = voices.map(\.number)
            let named = numbers.count == (numbers.max() ?? 0) - (numbers.min() ?? 0) + 1
                ? "\(numbers.min() ?? 0)–\(numbers.max() ?? 0)" : numbers.map(String.init).joined(separator: ", ")
            let origin = Origin(kind: .person, name: request.author, version: nil, seed: nil,
                                parameters: ["imported": request.file, "track": "\(named) (voices together)", "sha256": request.sha256])
            let provenance = Provenance(origin: origin, acceptedAt: request.date)
            var confidences: [Double] = []
            for (index, span) in spans.enumerated() {
                let length = span.bars * meter.ticksPerBar
                let inside = window(together, from: span.start - grid / 2, to: span.start + length - grid / 2, shift: span.start)
                let bass = window(bassLine, from: span.start - grid / 2, to: span.start + length, shift: span.start)
                let (changes, confidence) = chordChanges(inside, bass: bass, length: length, meter: meter, key: key)
                guard !changes.isEmpty else { continue }
                sections[index].parts[.chords] = ChordPart(changes: changes, provenance: provenance).part
                confidences.append(confidence)
            }
            if !confidences.isEmpty {
                for number in numbers {
                    report = report.map { $0.replacingOccurrences(of: "— left out (import it with `track=\(number) as PART`)",
                                                                  with: "— left out as a line, heard in the chords (import it with `track=\(number) as PART`)") }
                }
                report.append(String(format: "tracks %@ together: %d voices in harmony → chords (recognized per beat from every voice, %.0f%% confident)",
                                     named, voices.count, confidences.reduce(0, +) / Double(confidences.count) * 100))
            }
        }
        // A marked section played again is the first one again in the form, not a copy.
        var form = sections.map(\.name)
        var repeats: Set<Int> = []
        for index in sections.indices where !request.repeatsApart && index < markedAs.count && sections[index].hasParts {
            guard let first = (0..<index).first(where: { markedAs[$0] == markedAs[index] && !repeats.contains($0) && sections[$0].hasParts }),
                  let apart = playedAgain(sections[first], sections[index], meter: meter) else { continue }
            repeats.insert(index)
            form[index] = sections[first].name
            if sections[first].ending == nil { sections[first].ending = sections[index].ending }
            let bars = spans[index].start / meter.ticksPerBar + 1
            let seconds = Double(apart.timing) / Double(MusicalTime.ticksPerQuarter) * 60 / Double(sections[first].tempo ?? tempo)
            var how = apart.timing == 0 && apart.velocity == 0 ? "the same parts, note for note"
                : String(format: "the same written parts, played up to %.0f ms and %d velocity apart", seconds * 1000, apart.velocity)
            if apart.fill { how += ", with another drum fill in the last bar" }
            if !how.hasSuffix("note for note") { how += "; the first playing kept" }
            report.append("bars \(bars)–\(bars + spans[index].bars - 1) play \(sections[first].name) again (\(how)): the form repeats it "
                          + "(`repeats=apart` imports it as a section of its own)")
        }
        form = form.indices.filter { sections[$0].hasParts }.map { form[$0] }
        if !repeats.isEmpty {
            // The sections left are numbered again, so a third verse unlike the first is
            // verse-2 when the second was the first played again.
            var renamed: [String: String] = [:], used: Set<String> = []
            for index in sections.indices where index < markedAs.count && !repeats.contains(index) && sections[index].hasParts {
                let name = uniqueName(markedAs[index], used: &used)
                if name != sections[index].name { renamed[sections[index].name] = name }
            }
            for index in sections.indices { sections[index].name = renamed[sections[index].name] ?? sections[index].name }
            form = form.map { renamed[$0] ?? $0 }
            report = report.map { renaming($0, renamed) }
        }
        sections = sections.indices.filter { !repeats.contains($0) && sections[$0].hasParts }.map { sections[$0] }
        guard !sections.isEmpty else { throw .badMIDI("no notes fall inside the section") }
        return MIDIImport(key: key, tempo: tempo, meter: meter, sections: sections, form: form, report: report, instruments: instruments)
    }

    /// `line` with each section name in `names` (a whole word of letters, digits and
    /// dashes) replaced by its new name, all at once.
    static func renaming(_ line: String, _ names: [String: String]) -> String {
        var out = "", word = ""
        for character in line + " " {
            if character.isLetter || character.isNumber || character == "-" {
                word.append(character)
            } else {
                out += names[word] ?? word
                word = ""
                out.append(character)
            }
        }
        return String(out.dropLast())
    }

    /// How far apart two playings of one marked section are, when the second is the first
    /// played again: the same bars and settings and the same written parts (every chord
    /// change; every note's and hit's place, length and pitch), the players' timing aside
    /// and velocities within 8 of each other; nil when they differ in anything else (a
    /// second verse with new words and notes is a section of its own). Why: a file whose
    /// markers say Verse, Chorus, Verse, Chorus came in as four sections, verse-2 a copy
    /// the writer had to edit twice; Cowrite's own MIDI files play a repeat with fresh
    /// micro-timing and velocities nudged by up to 3. The drums may play another fill in
    /// the last bar (`fill`), as a drummer and Cowrite's own grooves do on a repeat.
    static func playedAgain(_ a: Section, _ b: Section, meter: Meter) -> (timing: Ticks, velocity: Int, fill: Bool)? {
        guard a.bars == b.bars, a.key == b.key, a.tempo == b.tempo, a.meter == b.meter, Set(a.parts.keys) == Set(b.parts.keys) else { return nil }
        var timing = 0, velocity = 0, fill = false
        let lastBar = (a.bars - 1) * (a.meter ?? meter).ticksPerBar
        func close(_ first: (offset: Ticks, velocity: Int), _ second: (offset: Ticks, velocity: Int)) -> Bool {
            timing = max(timing, abs(first.offset - second.offset))
            velocity = max(velocity, abs(first.velocity - second.velocity))
            return velocity <= 8
        }
        for (kind, part) in a.parts {
            guard let other = b.parts[kind] else { return nil }
            switch (part.content, other.content) {
            case let (.chords(x, xComping), .chords(y, yComping)):
                guard x == y && xComping == yComping else { return nil }
            case let (.notes(x), .notes(y)):
                guard x.count == y.count, zip(x, y).allSatisfy({ m, n in
                    m.start == n.start && m.duration == n.duration && m.pitch == n.pitch && close((m.offset, m.velocity), (n.offset, n.velocity))
                }) else { return nil }
            case let (.drums(x, _, _), .drums(y, _, _)):
                let (early, late) = (x.filter { $0.start < lastBar }, y.filter { $0.start < lastBar })
                guard early.count == late.count, zip(early, late).allSatisfy({ m, n in
                    m.start == n.start && m.key == n.key && close((m.offset, m.velocity), (n.offset, n.velocity))
                }) else { return nil }
                // The last bar: another fill (other hits) is said; the same hits are measured.
                let (ending, again) = (x.filter { $0.start >= lastBar }, y.filter { $0.start >= lastBar })
                if ending.map({ [$0.start, $0.key] }) != again.map({ [$0.start, $0.key] }) {
                    fill = true
                } else if !zip(ending, again).allSatisfy({ close(($0.offset, $0.velocity), ($1.offset, $1.velocity)) }) {
                    return nil
                }
            default:
                return nil
            }
        }
        return (timing, velocity, fill)
    }

    /// The file's tempo and key changes after its first, set on the sections they start
    /// (each section takes the tempo and key in effect at its first bar, as a song's
    /// sections change them); a change inside a section, and any change of meter, is said
    /// in the report, not applied. Why: only the first of each had been read, and an
    /// outside check's file that went from 90 to 120 bpm at its chorus came in at 90
    /// throughout, with nothing said (even Cowrite's own song.mid of a song whose bridge is
    /// in 3/4 came back in 4/4).
    static func changes(in file: StandardMIDIFile, spans: [(name: String, start: Int, bars: Int)], meter: Meter, tempo: Int, key: Key,
                        ticks: (Int) -> Ticks, after start: Ticks = 0, sections: inout [Section]) -> [String] {
        let tempos = file.tempos.map { (tick: ticks($0.tick), value: bpm($0.value, meter: meter)) }
        let keys = file.keys.compactMap { event in signatureKey(sharps: event.value[0], minor: event.value[1] == 1).map { (tick: ticks(event.tick), value: $0) } }
        func barName(_ tick: Ticks) -> Int { tick / meter.ticksPerBar + 1 }
        var report: [String] = []
        for (index, span) in spans.enumerated() {
            let end = span.start + span.bars * meter.ticksPerBar
            // In effect at the section's first bar (a change half a sixteenth early counts).
            if let last = tempos.last(where: { $0.tick <= span.start + grid / 2 }), last.value != tempo { sections[index].tempo = last.value }
            if let last = keys.last(where: { $0.tick <= span.start + grid / 2 }), last.value != key { sections[index].key = last.value }
            let start = sections[index].tempo ?? tempo
            var playing = start, inKey = sections[index].key ?? key
            var inside: [(tick: Ticks, value: Int)] = []
            for change in tempos where change.tick > span.start + grid / 2 && change.tick < end - grid / 2 && change.value != playing {
                inside.append(change)
                playing = change.value
            }
            let values = [start] + inside.map(\.value)
            let slowing = zip(values, values.dropFirst()).allSatisfy { $0 > $1 }, quickening = zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
            if let first = inside.first, let last = inside.last, inside.count >= 3, slowing || quickening {
                // A ritardando (Cowrite's own song.mid ends on one) or an accelerando: one line.
                let bars = barName(first.tick) == barName(last.tick) ? "in bar \(barName(first.tick))" : "over bars \(barName(first.tick))–\(barName(last.tick))"
                let lastSpan = index == spans.count - 1, lastBars = first.tick >= end - 2 * meter.ticksPerBar
                if slowing && lastSpan && lastBars {
                    sections[index].ending = .ritard
                    report.append("the file slows from \(start) to \(last.value) bpm \(bars), at the end: \(span.name) ends on a ritardando, as Cowrite plays one")
                } else {
                    report.append("the file \(slowing ? "slows" : "speeds up") from \(start) to \(last.value) bpm \(bars), inside \(span.name): it plays at \(start)")
                }
            } else {
                var at = start
                for change in inside {
                    report.append("the file changes tempo to \(change.value) bpm in bar \(barName(change.tick)), inside \(span.name): it plays at \(at) "
                                  + "(`set \(span.name) tempo=\(change.value)` sets the section's; a marker at the change makes it a section)")
                    at = change.value
                }
            }
            for change in keys where change.tick > span.start + grid / 2 && change.tick < end - grid / 2 && change.value != inKey {
                report.append("the file changes key to \(change.value) in bar \(barName(change.tick)), inside \(span.name): it stays in \(inKey) "
                              + "(`set \(span.name) key=\(change.value)` sets the section's)")
                inKey = change.value
            }
        }
        let moved = spans.indices.filter { sections[$0].tempo != nil || sections[$0].key != nil }
        if !moved.isEmpty {
            let said = moved.map { index in
                [sections[index].tempo.map { "\(spans[index].name) at \($0) bpm" }, sections[index].key.map { "\(spans[index].name) in \($0)" }]
                    .compactMap { $0 }.joined(separator: ", ")
            }
            report.append("the file's tempo and key changes, set on the sections they start: " + said.joined(separator: "; "))
        }
        let meters = file.meters.compactMap { event in (try? Meter(beats: event.value[0], unit: event.value[1])).map { (tick: ticks(event.tick), value: $0) } }
        for change in meters where change.value != meter && change.tick > start {
            report.append("the file changes meter to \(change.value) at bar \(barName(change.tick)) (counted in \(meter)): Cowrite reads the whole file in \(meter); "
                          + "`import … into SECTION` fills a section set to another meter (`set SECTION meter=\(change.value)`)")
        }
        return report
    }

    /// A tempo event's microseconds a quarter as the meter's counted beats a minute
    /// (`Meter.quarterTempo` the other way), within a song's range. A file's tempo is
    /// always in quarter notes; Cowrite counts 6/8 in dotted quarters and 7/8 in eighths,
    /// so a jig at 100 quarters a minute is 67 here. Read as 100, it had come back from
    /// `export midi` half as fast again: 150 quarters a minute.
    public static func bpm(_ micros: Int, meter: Meter) -> Int {
        let quarters = 60_000_000 / Double(max(micros, 1))
        let beats = quarters * Double(MusicalTime.ticksPerQuarter) / Double(meter.ticksPerBeat)
        return min(max(Int(beats.rounded()), Song.tempoRange.lowerBound), Song.tempoRange.upperBound)
    }

    /// Bars a whole-file import makes at most: 125 sections of 8 in the form (about an
    /// hour and a half at 90 bpm in 4/4).
    public static let barLimit = 1_000

    /// How far apart (ticks, a 64th note at 960 a quarter: 38 ms at 100 bpm) notes may
    /// start and still be read as one strike of a chord: a player's chord, rolled or
    /// strummed, does not sound its voices on one tick (Cowrite's own comping spreads them
    /// a few ticks, and had read back its Cm as Cm/G).
    static let strikeSpread: Ticks = 60

    /// The finest straight written value, a sixteenth: the tolerance for a change or a
    /// marker near a bar line (notes are placed by `WrittenGrid`).
    static let grid = MusicalTime.ticksPerQuarter / 4

    /// The notes (sorted by start) that start in `from..<to`, moved earlier by `shift`:
    /// found by binary search, so a long file's sections each cost their own notes only.
    static func window(_ notes: [StandardMIDIFile.Note], from: Int, to: Int, shift: Int) -> [StandardMIDIFile.Note] {
        func first(atLeast tick: Int) -> Int {
            var low = 0, high = notes.count
            while low < high { let middle = (low + high) / 2; if notes[middle].start < tick { low = middle + 1 } else { high = middle } }
            return low
        }
        return notes[first(atLeast: from)..<max(first(atLeast: from), first(atLeast: to))].map { note in
            var note = note
            note.start -= shift
            return note
        }
    }

    /// The share of note starts, over all `sources`, at which three or more notes sound
    /// (by binary search over sorted starts and ends): how much the voices move together.
    static func togetherShare(_ sources: [Source]) -> Double {
        let notes = sources.flatMap(\.notes)
        guard !notes.isEmpty else { return 0 }
        let starts = notes.map(\.start).sorted(), ends = notes.map { $0.start + $0.duration }.sorted()
        func count(_ sorted: [Int], atMost tick: Int) -> Int {
            var low = 0, high = sorted.count
            while low < high { let middle = (low + high) / 2; if sorted[middle] <= tick { low = middle + 1 } else { high = middle } }
            return low
        }
        let stacked = notes.filter { count(starts, atMost: $0.start) - count(ends, atMost: $0.start) >= 3 }.count
        return Double(stacked) / Double(notes.count)
    }

    static func isDrums(_ source: Source, kind: PartKind?) -> Bool {
        if let kind { return kind == .drums }
        return source.channels == [9] || ["drum", "kit", "perc", "beat"].contains { source.name.lowercased().contains($0) }
    }

    /// The part a track's name says it is: a part's own name (Cowrite's files), or a
    /// singer's line (voice, vocal, vox, lead, singer, tune); nil for any other name.
    static func named(_ source: Source) -> PartKind? {
        let name = source.name.lowercased()
        if let kind = PartKind(rawValue: name) { return kind }
        let words = name.split { !$0.isLetter }.map(String.init)
        return words.contains { ["voice", "vocal", "vocals", "vox", "lead", "singer", "tune"].contains($0) } ? .melody : nil
    }

    /// The tracks (their places in `sources`) in the order they are taken for their parts:
    /// those whose name says the part first (a track named Voice is the melody though a
    /// guitar's arpeggio before it reads as one too), then, for `as KIND`, those that read
    /// as that part (`readings`); else in the file's order. Why: the first track of a part takes it and the rest are left out, and
    /// an outside check's vocal lost to a fingerpicked guitar, and `into verse as melody`
    /// took a piano's top notes over the track named Lead.
    static func ordered(_ sources: [Source], readings: [Reading], for kind: PartKind?) -> [Int] {
        let ranks = sources.indices.map { index -> Int in
            guard let kind else { return named(sources[index]) != nil ? 0 : 1 }
            return named(sources[index]) == kind ? 0 : readings[index].kind == kind ? 1 : 2
        }
        return sources.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }
    }

    /// What a track reads as, and whether it is chords played one note at a time (which
    /// the preview says, so a writer who meant a tune knows to say `as melody`).
    struct Reading: Equatable {
        var kind: PartKind
        var brokenChords = false
    }

    /// What a track reads as: its name when it is a part's (Cowrite's own files), drums on
    /// channel 10, chords where most notes sound with two others or where single notes
    /// outline chords (`isBrokenChords`), else a bass or a melody by register.
    static func classify(_ source: Source, meter: Meter) -> Reading {
        if let kind = named(source) { return Reading(kind: kind) }
        if isDrums(source, kind: nil) { return Reading(kind: .drums) }
        // Notes sounding when each note starts, by binary search over sorted starts and ends.
        let starts = source.notes.map(\.start).sorted(), ends = source.notes.map { $0.start + $0.duration }.sorted()
        func count(_ sorted: [Int], atMost tick: Int) -> Int {
            var low = 0, high = sorted.count
            while low < high { let middle = (low + high) / 2; if sorted[middle] <= tick { low = middle + 1 } else { high = middle } }
            return low
        }
        let stacked = source.notes.filter { count(starts, atMost: $0.start) - count(ends, atMost: $0.start) >= 3 }.count
        if Double(stacked) >= 0.5 * Double(source.notes.count) { return Reading(kind: .chords) }
        if isBrokenChords(source.notes, meter: meter) { return Reading(kind: .chords, brokenChords: true) }
        let keys = source.notes.map(\.key).sorted()
        return Reading(kind: keys[keys.count / 2] < 52 ? .bass : .melody)
    }

    /// The tune on top of a track of chords, and the notes under it, when the track plays
    /// both: notes struck together (within a sixty-fourth) are a chord, and a track whose
    /// chords (four or more of three notes) alternate with single notes (at least three
    /// in ten onsets) sitting over them, its top notes a fifth or more over the rest at
    /// the median, sings its tune on top. The tune is each onset's highest note where it
    /// sits over the chords' middle. Why: a songwriter's one-track piano demo had come in
    /// as 20 chord symbols for its 8 chords (the tune's notes read as chords) and no
    /// melody, with nothing said.
    static func topLine(_ notes: [StandardMIDIFile.Note]) -> (tune: [StandardMIDIFile.Note], under: [StandardMIDIFile.Note])? {
        let together = MusicalTime.ticksPerQuarter / 16
        var groups: [[StandardMIDIFile.Note]] = []
        for note in notes.sorted(by: { ($0.start, $0.key) < ($1.start, $1.key) }) {
            if let first = groups.last?.first, note.start - first.start <= together { groups[groups.count - 1].append(note) } else { groups.append([note]) }
        }
        guard groups.count >= 8 else { return nil }
        let singles = groups.filter { $0.count == 1 }.count, stacked = groups.filter { $0.count >= 3 }.count
        guard stacked >= 4, Double(singles) >= 0.3 * Double(groups.count) else { return nil }
        func median(_ keys: [Int]) -> Int { keys.sorted()[keys.count / 2] }
        let tops = groups.map { group in group.max { $0.key < $1.key }! }
        let beneath = groups.filter { $0.count > 1 }.flatMap { group in group.sorted { $0.key < $1.key }.dropLast() }
        guard !beneath.isEmpty, median(tops.map(\.key)) >= median(beneath.map(\.key)) + 7 else { return nil }
        let middle = median(beneath.map(\.key))
        let tune = tops.filter { $0.key > middle }
        guard tune.count >= 8 else { return nil }
        let sung = Set(tune.map { [$0.start, $0.key, $0.channel] })
        return (tune, notes.filter { !sung.contains([$0.start, $0.key, $0.channel]) })
    }

    /// Whether a line of single notes outlines chords rather than sings a tune: at least one
    /// and a half notes a beat, at least three in five moves a leap of a third or more, and
    /// three in four of its bars on four pitch classes or fewer. A fingerpicked guitar, an
    /// Alberti bass or a harp's broken chords are read so; a tune moves mostly by step
    /// (the folk songs the melody tables come from: half their moves are steps, a quarter
    /// repeats). Why: an outside check's fingerpicked guitar under a vocal was taken for a
    /// second melody and left out, and the song came in without chords.
    static func isBrokenChords(_ notes: [StandardMIDIFile.Note], meter: Meter) -> Bool {
        let sorted = notes.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
        guard sorted.count >= 16, let first = sorted.first, let last = sorted.last else { return false }
        let beat = meter.ticksPerBeat
        let perBeat = Double(sorted.count) / max(1, Double(last.start - first.start + beat) / Double(beat))
        let moves = zip(sorted, sorted.dropFirst()).map { abs($1.key - $0.key) }
        let leaps = moves.filter { $0 >= 3 }.count
        var bars: [Int: Set<Int>] = [:]
        for note in sorted { bars[note.start / meter.ticksPerBar, default: []].insert(note.key % 12) }
        let economical = bars.values.filter { $0.count <= 4 }.count
        return perBeat >= 1.5 && Double(leaps) >= 0.6 * Double(moves.count) && Double(economical) >= 0.75 * Double(bars.count)
    }

    /// A line of notes: written places and values on the grid, the player's offset kept
    /// (at most half a sixteenth), spelled in `key`; a melody or bass keeps one note at a
    /// time (the highest of notes struck together, each cut where the next begins).
    static func line(_ notes: [StandardMIDIFile.Note], length: Ticks, key: Key, monophonic: Bool) -> [Note] {
        var written: [Note] = []
        let places = WrittenGrid(onsets: notes.map(\.start))
        let sorted = notes.sorted(by: { ($0.start, -$0.key) < ($1.start, -$1.key) })
        // Each note's next one: in a line, the first struck at a later written place; among
        // voices (a pad), the first struck about where this one ends, so a chord held
        // under moving ones keeps its length.
        let starts = sorted.map { max(0, places.place($0.start)) }
        for (index, note) in sorted.enumerated() {
            let start = starts[index]
            guard start < length, let pitch = try? Pitch(midi: note.key) else { continue }
            let reach = note.start + note.duration - WrittenGrid.sixteenth / 2
            let following = sorted.indices.dropFirst(index + 1).first { starts[$0] > start && (monophonic || sorted[$0].start >= reach) }
            let end = min(length, places.end(start: start, playedStart: note.start, playedEnd: note.start + note.duration,
                                             next: following.map { (sorted[$0].start, starts[$0]) }))
            let offset = max(-grid / 2, min(grid / 2, note.start - start))
            if monophonic, let last = written.last {
                if last.start == start { continue }
                if last.end > start { written[written.count - 1].duration = start - last.start }
            }
            let duration = end - start > 0 ? end - start : grid
            written.append(Note(start: start, duration: duration, pitch: Pitch.spelled(pitch, in: key), velocity: max(1, note.velocity), offset: offset))
        }
        return written.filter { $0.duration > 0 }.sorted { ($0.start, $0.pitch.midi) < ($1.start, $1.pitch.midi) }
    }

    /// Drum hits on the grid with their offsets, velocities as played.
    static func drumHits(_ notes: [StandardMIDIFile.Note], length: Ticks) -> [DrumHit] {
        var seen: Set<[Int]> = []
        let places = WrittenGrid(onsets: notes.map(\.start))
        return notes.compactMap { note in
            let start = max(0, places.place(note.start))
            guard start < length, seen.insert([start, note.key]).inserted else { return nil }
            return DrumHit(start: start, key: note.key, velocity: max(1, note.velocity), offset: max(-grid / 2, min(grid / 2, note.start - start)))
        }.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
    }

    /// Chords per beat: the notes sounding in each beat, weighted by how long they sound
    /// there, named by `ChordRecognition` over the bass note (the bass line's, when the
    /// file has one, else the lowest of the notes sounding as the window begins); a beat of
    /// fewer than three notes (an arpeggio, a rhythm part) takes the chord its half bar
    /// spells, else its whole bar's. A beat that spells the chord before holds it (a bass
    /// walking under it is no new chord), and so does a beat of that chord's tones alone,
    /// an octave or more over its bass or in a bar that spells the chord as a whole (the
    /// "pah" of an oom-pah: C7's E, G and B♭ over the C struck on the beat before spell E°,
    /// and had read "C7 Edim C7 Edim"; its fifth on beat 3 is no new chord either); a bar
    /// with nothing sounding is N.C.; each bar that starts under a chord strikes it, as a
    /// typed chart does. Returns the changes and the mean confidence of the readings used.
    static func chordChanges(_ notes: [StandardMIDIFile.Note], bass: [StandardMIDIFile.Note] = [], length: Ticks, meter: Meter,
                             key: Key) -> ([ChordChange], Double) {
        // The notes over each bar, so each window looks at its own bar's notes only.
        let barCount = max(1, (length + meter.ticksPerBar - 1) / meter.ticksPerBar)
        func buckets(_ notes: [StandardMIDIFile.Note]) -> [[StandardMIDIFile.Note]] {
            var bars = [[StandardMIDIFile.Note]](repeating: [], count: barCount)
            for note in notes where note.start < length && note.start + note.duration > 0 {
                let first = max(0, note.start / meter.ticksPerBar), last = min(barCount - 1, (note.start + note.duration - 1) / meter.ticksPerBar)
                if first <= last { for bar in first...last { bars[bar].append(note) } }
            }
            return bars
        }
        let chordBars = buckets(notes), bassBars = buckets(bass)
        func sounding(_ bars: [[StandardMIDIFile.Note]], from start: Ticks, to end: Ticks) -> [StandardMIDIFile.Note] {
            let bar = min(barCount - 1, max(0, start / meter.ticksPerBar))
            return bars[bar].filter { $0.start < end && $0.start + $0.duration > start }
        }
        struct Reading { var chord: ChordRecognition.Heard?; var pitchClasses: Set<Int>; var low: Int; var classes: Int { pitchClasses.count } }
        func heard(from start: Ticks, to end: Ticks) -> Reading {
            let chordNotes = sounding(chordBars, from: start, to: end)
            guard !chordNotes.isEmpty else { return Reading(chord: nil, pitchClasses: [], low: 0) }
            var classes = [Double](repeating: 0, count: 12)
            for note in chordNotes { classes[note.key % 12] += Double(min(end, note.start + note.duration) - max(start, note.start)) }
            // The bass note struck nearest the window's start, else the lowest chord note
            // sounding as the window begins (the root on an oom-pah's beat 1, not the fifth
            // on its beat 3; a broken chord's first note).
            let onset = max(start, chordNotes.map(\.start).min() ?? start)
            // A note let ring a moment into the window (a picked string's tail) neither is
            // the bass nor counts as one of the window's notes; notes struck within
            // `strikeSpread` of the first are struck with it.
            let least = (end - start) / 5
            let first = chordNotes.filter { $0.start <= onset + MIDIImport.strikeSpread && min(end, $0.start + $0.duration) - onset >= least }
            let low = sounding(bassBars, from: start, to: start + max(1, (end - start) / 2)).min { abs($0.start - start) < abs($1.start - start) }?.key
                ?? (first.isEmpty ? chordNotes : first).map(\.key).min() ?? 0
            let heard = Set((0..<12).filter { classes[$0] >= Double(least) })
            if !heard.isEmpty { for index in 0..<12 where !heard.contains(index) { classes[index] = 0 } }
            let total = classes.reduce(0, +)
            if classes[low % 12] == 0 { classes[low % 12] = total / Double(max(1, chordNotes.count)) / 2 }
            return Reading(chord: ChordRecognition.name(weights: classes, bass: low % 12, key: key),
                           pitchClasses: heard.isEmpty ? Set(chordNotes.map { $0.key % 12 }) : heard, low: low)
        }
        // Half bars where the beats divide evenly (4/4, 2/4, 6/8), else none.
        let half = meter.ticksPerBar % (2 * meter.ticksPerBeat) == 0 ? meter.ticksPerBar / 2 : meter.ticksPerBar
        var changes: [ChordChange] = []
        var confidences: [Double] = []
        var bassOfChord = 0
        // A half bar with nothing sounding is N.C. where the chord before it sounds up to it
        // (within a sixteenth), or where such a half bar is rare in the part (in at most one
        // bar in four): a stop the writer wrote ("A7 N.C.", which had come back as A7 held
        // through the bar), where short stabs that rest through half of every bar still
        // hold their chord through the rest.
        // (Silence is read off the notes sounding; no chord need be named for it.)
        func silent(from start: Ticks, to end: Ticks) -> Bool { sounding(chordBars, from: start, to: end).isEmpty }
        let halves = half < meter.ticksPerBar
            ? stride(from: 0, to: length, by: meter.ticksPerBar).filter { !silent(from: $0, to: $0 + meter.ticksPerBar) }
                .map { bar in (0..<(meter.ticksPerBar / half)).filter { silent(from: bar + $0 * half, to: bar + ($0 + 1) * half) }.count }
            : []
        let restsAreRare = !halves.isEmpty && 4 * halves.filter { $0 > 0 }.count <= halves.count
        func heldUpTo(_ start: Ticks) -> Bool {
            sounding(chordBars, from: start - half, to: start).contains { $0.start + $0.duration >= start - meter.ticksPerBeat / 4 }
        }
        for barStart in stride(from: 0, to: length, by: meter.ticksPerBar) {
            let bar = heard(from: barStart, to: barStart + meter.ticksPerBar)
            if bar.classes == 0 {
                if changes.last.map({ $0.chord != nil }) ?? false { changes.append(ChordChange(start: barStart, chord: nil)) }
                continue
            }
            for start in stride(from: barStart, to: min(length, barStart + meter.ticksPerBar), by: meter.ticksPerBeat) {
                if half < meter.ticksPerBar, start > barStart, (start - barStart) % half == 0, silent(from: start, to: start + half),
                   restsAreRare || heldUpTo(start) {
                    if changes.last.map({ $0.chord != nil }) ?? false { changes.append(ChordChange(start: start, chord: nil)) }
                    continue
                }
                let beat = heard(from: start, to: start + meter.ticksPerBeat)
                guard beat.classes > 0 else { continue }
                if start != barStart, let chord = changes.last?.chord, beat.pitchClasses.isSubset(of: chord.pitchClasses),
                   beat.low >= bassOfChord + 12 || bar.chord.map({ $0.chord.root == chord.root && $0.chord.quality == chord.quality }) == true {
                    continue
                }
                let halfStart = barStart + (start - barStart) / half * half
                let halfBar = half < meter.ticksPerBar ? heard(from: halfStart, to: halfStart + half) : bar
                let reading = [beat, halfBar, bar].first { $0.classes >= 3 && ($0.chord?.confidence ?? 0) >= 0.5 }?.chord ?? bar.chord
                guard let reading, reading.confidence >= 0.5 else { continue }
                confidences.append(reading.confidence)
                let same = changes.last?.chord.map { $0.root == reading.chord.root && $0.quality == reading.chord.quality } ?? false
                if start == barStart || !same {
                    changes.append(ChordChange(start: start, chord: reading.chord))
                    bassOfChord = beat.low
                }
            }
        }
        // A first chord inside bar 1 is the bar's; whole bars with nothing in them before it
        // are N.C. (they had taken the first chord: an intro's silent bar, a pickup bar).
        if let first = changes.first, first.start > 0 {
            if first.start >= meter.ticksPerBar { changes.insert(ChordChange(start: 0, chord: nil), at: 0) } else { changes[0].start = 0 }
        }
        let confidence = confidences.isEmpty ? 0 : confidences.reduce(0, +) / Double(confidences.count)
        return (changes, confidence)
    }

    /// A key from a MIDI key signature: sharps (negative for flats) and major or minor.
    static func signatureKey(sharps: Int, minor: Bool) -> Key? {
        let majors = ["Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#", "G#", "D#", "A#"]
        let index = sharps + 7 + (minor ? 3 : 0)
        guard (-7...7).contains(sharps), majors.indices.contains(index) else { return nil }
        return try? Key(parsing: majors[index] + (minor ? "m" : ""))
    }

    /// A marker's text as a section name: lower case, letters, digits and dashes.
    static func sectionName(_ text: String, fallback: String) -> String {
        var name = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) { name.append(character) }
            else if !name.isEmpty && name.last != "-" { name.append("-") }
        }
        while name.last == "-" { name.removeLast() }
        while let first = name.first, !first.isLetter { name.removeFirst() }
        name = String(name.prefix(28))
        return (try? Section.validName(name)) ?? fallback
    }

    /// `name`, or `name-2`, `name-3` … when a section already has it.
    static func uniqueName(_ name: String, used: inout Set<String>) -> String {
        var candidate = name, number = 2
        while used.contains(candidate) { candidate = "\(name)-\(number)"; number += 1 }
        used.insert(candidate)
        return candidate
    }
}
