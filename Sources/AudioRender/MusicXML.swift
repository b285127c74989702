import MusicTheory
import SongModel

/// A MusicXML 4.0 lead sheet: the melody on one staff with the chord symbols over it
/// (`<harmony>`, so notation programs show and transpose them as chords), the section
/// names as rehearsal marks, key, meter and tempo where they change, and a section played
/// twice or more in a row written once between repeat signs.
///
/// Written as text (the format is a fixed tree of a few dozen elements; no XML library is
/// needed to write it, and the tests validate the result against the MusicXML 4.0 schema
/// with xmllint and read it back with music21). Durations are in Cowrite's own ticks
/// (`<divisions>` 960), so nothing is rounded.
public enum MusicXML {
    public static func text(for song: Song) -> String {
        var xml = XMLWriter()
        xml.line("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>")
        xml.line("<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 4.0 Partwise//EN\" \"http://www.musicxml.org/dtds/partwise.dtd\">")
        xml.open("score-partwise", ["version": "4.0"])
        xml.open("work"); xml.leaf("work-title", song.title); xml.close()
        xml.open("identification")
        if !song.authors.isEmpty { xml.leaf("creator", song.authors.joined(separator: ", "), ["type": "composer"]) }
        let lyricists = ChordPro.lyricists(of: song)
        if !lyricists.isEmpty { xml.leaf("creator", lyricists.joined(separator: ", "), ["type": "lyricist"]) }
        xml.open("encoding"); xml.leaf("software", "Cowrite"); xml.close()
        xml.close()
        xml.open("part-list")
        // The instrument that plays the melody, named and with its General MIDI program, so
        // a notation program plays it with the sound the mix has (MuseScore reports a part
        // without one as "no instrument found").
        let program = song.program(of: .melody)
        let instrument = Instrument(program: program)
        xml.open("score-part", ["id": "P1"])
        xml.leaf("part-name", "Melody")
        xml.open("score-instrument", ["id": "P1-I1"]); xml.leaf("instrument-name", instrument.name); xml.close()
        xml.open("midi-instrument", ["id": "P1-I1"])
        xml.leaf("midi-channel", String(PartKind.melody.row.channel + 1)); xml.leaf("midi-program", String(program + 1))
        xml.close()
        xml.close()
        xml.close()
        xml.open("part", ["id": "P1"])
        // Plays of the form: a section repeated back to back is one play with a count.
        var plays: [(name: String, times: Int)] = []
        for name in song.form {
            if plays.last?.name == name { plays[plays.count - 1].times += 1 } else { plays.append((name, 1)) }
        }
        var number = 0
        var current: (key: Key?, meter: Meter?, tempo: Int?) = (nil, nil, nil)
        var feel = LeadSheetFeel.straight, formIndex = 0
        for (index, play) in plays.enumerated() {
            defer { formIndex += play.times }
            guard let section = song.section(named: play.name) else { continue }
            let meter = song.meter(of: section), key = song.key(of: section), tempo = song.tempo(of: section)
            let segments = Segment.timeline(section.melody?.notes ?? [], length: section.bars * meter.ticksPerBar)
            // The syllable each note sings, by where it starts, and whether the next note holds it.
            var sung: [Ticks: (syllable: Syllable, extend: Bool)] = [:]
            if let words = section.lyrics, let melody = section.melody?.notes.sorted(by: { $0.start < $1.start }) {
                let laid = LaidLyrics.lay(words.text, on: melody, meter: meter)
                for (index, note) in melody.enumerated() {
                    if let syllable = laid.syllables[index] { sung[note.start] = (syllable, laid.holds.contains(index + 1)) }
                }
            }
            for bar in 0..<section.bars {
                number += 1
                xml.open("measure", ["number": String(number)])
                let start = bar * meter.ticksPerBar, end = start + meter.ticksPerBar
                if bar == 0 && play.times > 1 {
                    xml.open("barline", ["location": "left"]); xml.leaf("bar-style", "heavy-light"); xml.empty("repeat", ["direction": "forward"]); xml.close()
                }
                if bar == 0 && (current.key != key || current.meter != meter) {
                    xml.open("attributes")
                    if current.key == nil && current.meter == nil { xml.leaf("divisions", String(MusicalTime.ticksPerQuarter)) }
                    if current.key != key {
                        xml.open("key"); xml.leaf("fifths", String(min(7, max(-7, key.signature)))); xml.leaf("mode", mode(key)); xml.close()
                    }
                    if current.meter != meter {
                        xml.open("time"); xml.leaf("beats", String(meter.beats)); xml.leaf("beat-type", String(meter.unit)); xml.close()
                    }
                    if current.key == nil && current.meter == nil {
                        xml.open("clef"); xml.leaf("sign", "G"); xml.leaf("line", "2"); xml.close()
                    }
                    xml.close()
                }
                if bar == 0 {
                    xml.open("direction", ["placement": "above"]); xml.open("direction-type")
                    xml.leaf("rehearsal", label(section.name)); xml.close(); xml.close()
                }
                if bar == 0 && current.tempo != tempo {
                    xml.open("direction", ["placement": "above"]); xml.open("direction-type"); xml.open("metronome")
                    xml.leaf("beat-unit", meter.isCompound ? "quarter" : unitName(meter.unit))
                    if meter.isCompound { xml.empty("beat-unit-dot") }
                    xml.leaf("per-minute", String(tempo)); xml.close(); xml.close()
                    xml.empty("sound", ["tempo": format(meter.quarterTempo(beatsPerMinute: tempo))])
                    xml.close()
                }
                current = (key, meter, tempo)
                if bar == 0, case let now = LeadSheetFeel.of(section, at: formIndex, in: song), now != feel {
                    // The feel in words over the staff and as MusicXML 4.0's <swing>, which
                    // notation programs play back.
                    xml.open("direction", ["placement": "above"]); xml.open("direction-type")
                    xml.leaf("words", now.words); xml.close()
                    xml.open("sound"); xml.open("swing")
                    if let ratio = now.ratio {
                        xml.leaf("first", String(ratio.first)); xml.leaf("second", String(ratio.second)); xml.leaf("swing-type", now.unit)
                    } else {
                        xml.empty("straight")
                    }
                    xml.close(); xml.close(); xml.close()
                    feel = now
                }
                // Each chord goes before the note it falls on: a note held across a change
                // is written as tied notes, the chord over the second (a chord offset into a
                // held note had printed at the note, "Cm7 Db" bunched on beat 1 in MuseScore).
                var changes = (section.chords?.changes ?? []).filter { $0.start >= start && $0.start < end }
                for segment in Segment.pieces(of: segments, from: start, to: end, cutAt: changes.map(\.start)) {
                    while let change = changes.first, change.start < segment.start + segment.duration {
                        harmony(change.chord, offset: change.start - segment.start, into: &xml)
                        changes.removeFirst()
                    }
                    note(segment, key: key, wholeBar: segment.isRest && segment.duration == meter.ticksPerBar,
                         lyric: segment.tiedFromBefore ? nil : sung[segment.start], into: &xml)
                }
                if bar == section.bars - 1 && play.times > 1 {
                    xml.open("barline", ["location": "right"]); xml.leaf("bar-style", "light-heavy")
                    xml.empty("repeat", ["direction": "backward", "times": String(play.times)]); xml.close()
                } else if bar == section.bars - 1 && index == plays.count - 1 {
                    xml.open("barline", ["location": "right"]); xml.leaf("bar-style", "light-heavy"); xml.close()
                } else if bar == section.bars - 1 {
                    // A double bar where a section ends, as a lead sheet marks it (and so
                    // before a change of key or meter, which comes with a section).
                    xml.open("barline", ["location": "right"]); xml.leaf("bar-style", "light-light"); xml.close()
                }
                xml.close()
            }
        }
        xml.close()
        xml.close()
        return xml.text
    }

    /// A chord symbol: root, MusicXML's kind (Cowrite's own symbol as its text, so it reads
    /// as typed), the slash bass, and the added or altered tones as degrees.
    static func harmony(_ chord: Chord?, offset: Ticks, into xml: inout XMLWriter) {
        xml.open("harmony")
        guard let chord else {
            // The root's own text empty, as the standard has it, so that a notation
            // program prints "N.C." and not "CN.C." (MuseScore before 3.6 did).
            xml.open("root"); xml.leaf("root-step", "C", ["text": ""]); xml.close()
            xml.leaf("kind", "none", ["text": ChordChange.noChord])
            if offset > 0 { xml.leaf("offset", String(offset)) }
            xml.close()
            return
        }
        xml.open("root"); xml.leaf("root-step", chord.root.letter.name)
        if chord.root.accidental.semitones != 0 { xml.leaf("root-alter", String(chord.root.accidental.semitones)) }
        xml.close()
        let (kind, degrees) = Self.kind(of: chord.quality.symbol)
        xml.leaf("kind", kind, ["text": chord.quality.symbol])
        if let bass = chord.bass {
            xml.open("bass"); xml.leaf("bass-step", bass.letter.name)
            if bass.accidental.semitones != 0 { xml.leaf("bass-alter", String(bass.accidental.semitones)) }
            xml.close()
        }
        // The kind's text is the whole symbol, so its degrees are not printed again (as the
        // standard asks): MuseScore had printed E7alt as "E7no5b9#9b13".
        for degree in degrees {
            xml.open("degree", ["print-object": "no"]); xml.leaf("degree-value", String(degree.value)); xml.leaf("degree-alter", String(degree.alter))
            xml.leaf("degree-type", degree.type); xml.close()
        }
        if offset > 0 { xml.leaf("offset", String(offset)) }
        xml.close()
    }

    /// MusicXML's kind for each of Cowrite's chord qualities, with the degrees that make
    /// up the difference. No seventh is ever added as a degree: MusicXML counts an added
    /// degree's alteration from a dominant chord (an added 7 is minor) where music21 counts
    /// from the major scale, so a seventh comes with the kind, and a suspended seventh
    /// chord is a dominant whose third gives way to its fourth (or second): every reader
    /// spells the same notes. Every quality in the catalogue is read back by music21 in a test.
    static func kind(of symbol: String) -> (String, [(value: Int, alter: Int, type: String)]) {
        switch symbol {
        case "": ("major", [])
        case "m": ("minor", [])
        case "7": ("dominant", [])
        case "maj7": ("major-seventh", [])
        case "m7": ("minor-seventh", [])
        case "m7b5": ("half-diminished", [])
        case "dim": ("diminished", [])
        case "dim7": ("diminished-seventh", [])
        case "aug": ("augmented", [])
        case "sus2": ("suspended-second", [])
        case "sus4": ("suspended-fourth", [])
        case "6": ("major-sixth", [])
        case "m6": ("minor-sixth", [])
        case "9": ("dominant-ninth", [])
        case "maj9": ("major-ninth", [])
        case "m9": ("minor-ninth", [])
        case "add9": ("major", [(9, 0, "add")])
        case "madd9": ("minor", [(9, 0, "add")])
        case "7sus4": ("dominant", [(3, 0, "subtract"), (4, 0, "add")])
        case "mMaj7": ("major-minor", [])
        case "5": ("power", [])
        // A kind's own tones are MusicXML's (its 11th and 13th chords hold every tone
        // below their top); degrees subtract what Cowrite's chord leaves out.
        case "11": ("dominant-11th", [(3, 0, "subtract")])
        case "m11": ("minor-11th", [])
        case "13": ("dominant-13th", [(11, 0, "subtract")])
        case "m13": ("minor-13th", [(11, 0, "subtract")])
        case "maj13": ("major-13th", [(11, 0, "subtract")])
        case "7b9": ("dominant", [(9, -1, "add")])
        case "7#9": ("dominant", [(9, 1, "add")])
        case "7#11": ("dominant", [(11, 1, "add")])
        case "7b13": ("dominant", [(13, -1, "add")])
        case "7alt": ("dominant", [(5, 0, "subtract"), (9, -1, "add"), (9, 1, "add"), (13, -1, "add")])
        case "7b5": ("dominant", [(5, -1, "alter")])
        case "7#5": ("augmented-seventh", [])
        case "6/9": ("major-sixth", [(9, 0, "add")])
        case "m6/9": ("minor-sixth", [(9, 0, "add")])
        case "maj7#11": ("major-seventh", [(11, 1, "add")])
        case "maj9#11": ("major-ninth", [(11, 1, "add")])
        case "9#11": ("dominant-ninth", [(11, 1, "add")])
        case "add#11": ("major", [(11, 1, "add")])
        case "add9#11": ("major", [(9, 0, "add"), (11, 1, "add")])
        case "add11": ("major", [(11, 0, "add")])
        case "madd11": ("minor", [(11, 0, "add")])
        case "9sus4": ("dominant-ninth", [(3, 0, "subtract"), (4, 0, "add")])
        case "m7#5": ("minor-seventh", [(5, 1, "alter")])
        case "7b9#11": ("dominant", [(9, -1, "add"), (11, 1, "add")])
        case "13#11": ("dominant-13th", [(11, 1, "alter")])
        case "sus24": ("suspended-second", [(4, 0, "add")])
        case "7b9b13": ("dominant", [(9, -1, "add"), (13, -1, "add")])
        case "7#9b13": ("dominant", [(9, 1, "add"), (13, -1, "add")])
        case "7#5#9": ("augmented-seventh", [(9, 1, "add")])
        case "7#5b9": ("augmented-seventh", [(9, -1, "add")])
        case "7#9#11": ("dominant", [(9, 1, "add"), (11, 1, "add")])
        case "13b9": ("dominant-13th", [(9, -1, "alter"), (11, 0, "subtract")])
        case "13sus4": ("dominant-13th", [(3, 0, "subtract")])
        case "7sus4b9": ("dominant", [(3, 0, "subtract"), (4, 0, "add"), (9, -1, "add")])
        case "mMaj9": ("major-minor", [(9, 0, "add")])
        case "m9b5": ("half-diminished", [(9, 0, "add")])
        case "maj7#5": ("major-seventh", [(5, 1, "alter")])
        case "maj11": ("major-11th", [])
        case "m7add11": ("minor-seventh", [(11, 0, "add")])
        case "7sus2": ("dominant", [(3, 0, "subtract"), (2, 0, "add")])
        default: ("other", [])
        }
    }

    /// One note or rest: pitch, duration, the written type with its dot or triplet, and
    /// the ties that join the pieces of a longer note.
    static func note(_ segment: Segment, key: Key, wholeBar: Bool, lyric: (syllable: Syllable, extend: Bool)? = nil, into xml: inout XMLWriter) {
        xml.open("note")
        if let pitch = segment.pitch {
            xml.open("pitch"); xml.leaf("step", pitch.name.letter.name)
            if pitch.name.accidental.semitones != 0 { xml.leaf("alter", String(pitch.name.accidental.semitones)) }
            xml.leaf("octave", String(pitch.octave)); xml.close()
        } else {
            xml.empty("rest", wholeBar ? ["measure": "yes"] : [:])
        }
        xml.leaf("duration", String(segment.duration))
        if segment.tiedFromBefore { xml.empty("tie", ["type": "stop"]) }
        if segment.tiedOn { xml.empty("tie", ["type": "start"]) }
        xml.leaf("voice", "1")
        if !wholeBar, let written = Segment.written[segment.duration] {
            xml.leaf("type", written.type)
            if written.dotted { xml.empty("dot") }
            if written.triplet {
                xml.open("time-modification"); xml.leaf("actual-notes", "3"); xml.leaf("normal-notes", "2"); xml.close()
            }
        }
        if segment.tiedFromBefore || segment.tiedOn {
            xml.open("notations")
            if segment.tiedFromBefore { xml.empty("tied", ["type": "stop"]) }
            if segment.tiedOn { xml.empty("tied", ["type": "start"]) }
            xml.close()
        }
        if let lyric, segment.pitch != nil {
            let syllable = lyric.syllable
            let syllabic = syllable.count == 1 ? "single" : syllable.index == 0 ? "begin" : syllable.index == syllable.count - 1 ? "end" : "middle"
            xml.open("lyric", ["number": "1"]); xml.leaf("syllabic", syllabic)
            xml.leaf("text", syllable.text)
            if lyric.extend { xml.empty("extend") }
            xml.close()
        }
        xml.close()
    }

    static func mode(_ key: Key) -> String {
        let name = key.mode.name
        return ["major", "minor", "dorian", "phrygian", "lydian", "mixolydian", "aeolian", "ionian", "locrian"].contains(name) ? name
            : name.hasSuffix("minor") ? "minor" : "none"
    }

    static func unitName(_ unit: Int) -> String {
        [1: "whole", 2: "half", 4: "quarter", 8: "eighth", 16: "16th", 32: "32nd"][unit] ?? "quarter"
    }

    static func label(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst().replacingOccurrences(of: "-", with: " ")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}

/// A stretch of the melody's timeline: a note or a rest, and whether it is tied to the
/// piece before or after it.
struct Segment {
    var start: Ticks
    var duration: Ticks
    var pitch: Pitch?
    var tiedFromBefore = false
    var tiedOn = false
    var isRest: Bool { pitch == nil }

    /// The note values a lead sheet writes, longest first: plain, dotted and triplet.
    static let written: [Ticks: (type: String, dotted: Bool, triplet: Bool)] = [
        3840: ("whole", false, false), 2880: ("half", true, false), 1920: ("half", false, false),
        1440: ("quarter", true, false), 1280: ("half", false, true), 960: ("quarter", false, false),
        720: ("eighth", true, false), 640: ("quarter", false, true), 480: ("eighth", false, false),
        360: ("16th", true, false), 320: ("eighth", false, true), 240: ("16th", false, false),
        180: ("32nd", true, false), 160: ("16th", false, true), 120: ("32nd", false, false),
        80: ("32nd", false, true), 60: ("64th", false, false), 30: ("128th", false, false),
    ]
    static let values = written.keys.sorted(by: >)

    /// Notes and the rests between them from 0 to `length`, one at a time (a note is cut
    /// where the next begins).
    static func timeline(_ notes: [Note], length: Ticks) -> [Segment] {
        var segments: [Segment] = []
        var cursor = 0
        let sorted = notes.sorted { $0.start < $1.start }
        for (index, note) in sorted.enumerated() where note.start >= cursor && note.start < length {
            if note.start > cursor { segments.append(Segment(start: cursor, duration: note.start - cursor)) }
            let next = index + 1 < sorted.count ? sorted[index + 1].start : length
            let end = min(length, note.end, max(next, note.start + 1))
            segments.append(Segment(start: note.start, duration: end - note.start, pitch: note.pitch))
            cursor = end
        }
        if cursor < length { segments.append(Segment(start: cursor, duration: length - cursor)) }
        return segments
    }

    /// The pieces of the timeline inside one bar, each written as a value on the page:
    /// a longer note split into tied values, a rest into plain ones; each also cut where
    /// the bar's chords change (`cuts`), so every chord has a note or rest of its own.
    static func pieces(of segments: [Segment], from start: Ticks, to end: Ticks, cutAt cuts: [Ticks] = []) -> [Segment] {
        var pieces: [Segment] = []
        for segment in segments where segment.start < end && segment.start + segment.duration > start {
            let from = max(start, segment.start), to = min(end, segment.start + segment.duration)
            let inside = cuts.filter { $0 > from && $0 < to }
            // A rest filling the whole bar stays one, unless a chord changes within it.
            if segment.isRest && from == start && to == end && inside.isEmpty { pieces.append(Segment(start: from, duration: to - from)); continue }
            var position = from
            while position < to {
                let stop = inside.first { $0 > position } ?? to
                let left = stop - position
                let value = written[left] != nil ? left : values.first { $0 <= left } ?? left
                var piece = Segment(start: position, duration: value, pitch: segment.pitch)
                if segment.pitch != nil {
                    piece.tiedFromBefore = position > segment.start
                    piece.tiedOn = position + value < segment.start + segment.duration
                }
                pieces.append(piece)
                position += value
            }
        }
        return pieces
    }
}

/// Indented XML with escaped text and attributes in a fixed order.
struct XMLWriter {
    var text = ""
    var stack: [String] = []

    mutating func line(_ string: String) { text += String(repeating: "  ", count: stack.count) + string + "\n" }

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line("<\(name)\(Self.attributes(attributes))>")
        stack.append(name)
    }

    mutating func close() { let name = stack.removeLast(); line("</\(name)>") }

    mutating func leaf(_ name: String, _ value: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line("<\(name)\(Self.attributes(attributes))>\(Self.escaped(value))</\(name)>")
    }

    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line("<\(name)\(Self.attributes(attributes))/>")
    }

    static func attributes(_ pairs: KeyValuePairs<String, String>) -> String {
        pairs.map { " \($0.key)=\"\(escaped($0.value))\"" }.joined()
    }

    /// Text as XML holds it: markup characters escaped, and control characters (which XML
    /// 1.0 cannot hold) shown as Cowrite shows them elsewhere.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in visible(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
