import Foundation
import MusicTheory

/// Turns a session into its JSON tree, the counterpart of `SessionReader`.
///
/// Members are listed in the order the file shows them (sorted by name), optional ones
/// left out when absent, exactly as the `Codable` form of the same types encodes them:
/// a test holds the two to the same bytes, so a field added to a type and forgotten
/// here fails it.
enum SessionWriter {
    static func sessionFile(_ file: SessionFile) -> JSON {
        object([("autosave", file.autosave.map(autosave)),
                ("format", .string(file.format)),
                ("savedWith", .string(file.savedWith)),
                ("song", song(file.song)),
                ("version", .int(file.version))])
    }

    static func autosave(_ info: AutosaveInfo) -> JSON {
        object([("at", date(info.at)),
                ("changes", .int(info.changes)),
                ("lastCommand", .string(info.lastCommand)),
                ("sessionChecksum", info.sessionChecksum.map(JSON.string)),
                ("sessionPath", info.sessionPath.map(JSON.string))])
    }

    static func song(_ song: Song) -> JSON {
        object([("arrangement", song.arrangement.map(strings)),
                ("authors", strings(song.authors)),
                ("id", song.id.map(JSON.string)),
                ("key", .string(song.key.text)),
                ("meter", .string(song.meter.text)),
                ("mixer", song.mixer.map { mixer in .object(mixer.map { ($0.key, settings($0.value)) }) }),
                ("mood", song.mood.map { .string($0.rawValue) }),
                // Only hand-overs to sections the song has: one left dangling (a section
                // removed) had made a file that would not open again.
                ("sections", .array({ var song = song; song.pruneHandovers(); return song.sections }().map(section))),
                ("tempo", .int(song.tempo)),
                ("title", .string(song.title))])
    }

    static func section(_ section: Section) -> JSON {
        var members: [(String, JSON?)] = [
            ("bars", .int(section.bars)),
            ("ending", section.ending.map { .string($0.rawValue) }),
            ("energy", section.energy.map { .double($0) }),
            ("handovers", section.handovers.map { handovers in .object(handovers.map { ($0.key, .string($0.value.rawValue)) }) }),
            ("key", section.key.map { .string($0.text) }),
            ("lyrics", section.lyrics.map { object([("provenance", provenance($0.provenance)), ("text", .string($0.text))]) }),
            ("meter", section.meter.map { .string($0.text) }),
            ("mood", section.mood.map { .string($0.rawValue) }),
            ("motif", section.motif.map { .array($0.map(note)) }),
            ("name", .string(section.name)),
            ("tempo", section.tempo.map { .int($0) }),
            ("tension", section.tension.map { .double($0) }),
            ("transition", section.transition.map { .string($0.rawValue) }),
        ]
        // Each part is a member named after its kind; `object` lists members as JSONWriter
        // sorts them.
        for (kind, part) in section.parts { members.append((kind.rawValue, self.part(part))) }
        return object(members)
    }

    static func part(_ part: Part) -> JSON {
        switch part.content {
        case .chords(let changes, let comping): chordPart(ChordPart(changes: changes, comping: comping, provenance: part.provenance))
        case .notes(let notes): line(notes, part.provenance)
        case .drums(let hits, let style, let timing): drumPart(DrumPart(hits: hits, style: style, timing: timing, provenance: part.provenance))
        }
    }

    static func chordPart(_ part: ChordPart) -> JSON {
        let changes = part.changes.map { change in
            JSON.object([("chord", .string(change.chord?.text ?? ChordChange.noChord)), ("start", .int(change.start))])
        }
        return object([("changes", .array(changes)),
                       ("comping", part.comping.map { .string($0.rawValue) }),
                       ("provenance", provenance(part.provenance))])
    }

    static func line(_ notes: [Note], _ provenance: Provenance) -> JSON {
        .object([("notes", .array(notes.map(note))), ("provenance", self.provenance(provenance))])
    }

    static func note(_ note: Note) -> JSON {
        .object([("duration", .int(note.duration)),
                 ("offset", .int(note.offset)),
                 ("pitch", .string(note.pitch.text)),
                 ("start", .int(note.start)),
                 ("velocity", .int(note.velocity))])
    }

    static func drumPart(_ part: DrumPart) -> JSON {
        let hits = part.hits.map { hit in
            JSON.object([("key", .int(hit.key)), ("offset", .int(hit.offset)), ("start", .int(hit.start)), ("velocity", .int(hit.velocity))])
        }
        let timing = part.timing.map { timing in
            object([("alpha", .double(timing.alpha)),
                         ("feel", .string(timing.feel.rawValue)),
                         ("humanize", .double(timing.humanize)),
                         ("seed", .int(timing.seed)),
                         ("swing", .double(timing.swing)),
                         ("swingUnit", .int(timing.swingUnit)),
                         ("template", timing.template.map { template in
                             JSON.object([("offsets", .object(template.offsets.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSON.double))) })),
                                          ("slot", .int(template.slot)),
                                          ("slotsPerBar", .int(template.slotsPerBar)),
                                          ("source", .string(template.source))])
                         })])
        }
        return object([("hits", .array(hits)),
                       ("provenance", provenance(part.provenance)),
                       ("style", part.style.map { .string($0.rawValue) }),
                       ("timing", timing)])
    }

    static func settings(_ settings: PartSettings) -> JSON {
        object([("gain", .double(settings.gain)),
                ("held", settings.held ? .bool(true) : nil),
                ("pan", .double(settings.pan)),
                ("program", settings.program.map { .int($0) }),
                ("reverb", .double(settings.reverb))])
    }

    static func provenance(_ provenance: Provenance) -> JSON {
        let origin = provenance.origin
        let edits = provenance.edits.map { edit in
            object([("at", date(edit.at)), ("author", .string(edit.author)), ("change", .string(edit.change)),
                    ("origin", edit.origin.map(self.origin))])
        }
        return .object([("acceptedAt", date(provenance.acceptedAt)),
                        ("edits", .array(edits)),
                        ("origin", self.origin(origin))])
    }

    static func origin(_ origin: Origin) -> JSON {
        object([("kind", .string(origin.kind.rawValue)),
                ("name", .string(origin.name)),
                ("parameters", origin.parameters.map { .object($0.map { ($0.key, .string($0.value)) }) }),
                ("seed", origin.seed.map { .int($0) }),
                ("version", origin.version.map(JSON.string))])
    }

    static func date(_ date: Date) -> JSON { .string(InternetDate.format(date)) }

    static func strings(_ texts: [String]) -> JSON { .array(texts.map(JSON.string)) }

    /// An object of the members that are present.
    static func object(_ members: [(String, JSON?)]) -> JSON {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }
}
