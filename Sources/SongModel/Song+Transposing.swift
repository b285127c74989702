import Foundation
import MusicTheory

/// Moving the music to another key: every pitched part (chords, melody, bass, pad) and the
/// motif by the same number of semitones, and the key with them, so a song in D minor
/// moved up a tone reads E minor with E-minor chords, not D-minor chords relabelled.
extension Song {
    /// The semitones from `from` to `to` the short way (−5 to +6), or nil when the two
    /// keys differ in mode (moving keeps the mode; a major song does not become minor by
    /// transposing).
    public static func semitones(from: Key, to: Key) -> Int? {
        guard from.mode == to.mode else { return nil }
        let up = ((to.tonic.pitchClass - from.tonic.pitchClass) % 12 + 12) % 12
        return up > 6 ? up - 12 : up
    }

    /// Transposes every pitched part of one section (`only`) or of every section by
    /// `semitones`, with the keys: the song's key and each section's own key when the
    /// whole song moves; the section's key (its own from then on) when one section moves.
    /// Each part records the move as an edit by `author`. Returns what moved, in words.
    /// With `target` (the key the writer named: `set key=Gb move=yes`, `transpose to=Gb`),
    /// what moves from the key being moved is spelled in it, not in the commoner spelling
    /// of the same tonic: a song moved from C to G♭ had been written in F♯ under a six-flat
    /// signature (`show`: F♯ D♯m B C♯7; the lead sheet's notes all sharps).
    @discardableResult
    public mutating func transposeMusic(by semitones: Int, only: String? = nil, to target: Key? = nil, author: String,
                                        at date: Date) throws(SongModelError) -> String {
        let change = "transposed \(semitones > 0 ? "up" : "down") \(abs(semitones)) semitone\(abs(semitones) == 1 ? "" : "s")"
        let moving = try only.map { name throws(SongModelError) in self.key(of: try requireSection(name)) } ?? key
        func destination(of key: Key) -> Key { key == moving ? target ?? key.transposed(semitones: semitones) : key.transposed(semitones: semitones) }
        let (names, parts) = try moveMusic(only: only, author: author, at: date, change: change) { content, key throws(SongModelError) in
            try content.transposed(semitones: semitones, key: key, to: key == moving ? target : nil)
        }
        let songKey = key
        for name in names {
            update(name) { section in
                if only != nil || section.key != nil { section.key = destination(of: section.key ?? songKey) }
            }
        }
        if only == nil { self.key = destination(of: self.key) }
        return Self.moved(change, parts: parts, sections: names.count)
    }

    /// Moves every pitched part of one section (`only`) or of every section by `steps`
    /// degrees of its key's scale, the key staying: melody, bass and pad note by note, each
    /// chord to the chord the key builds on the new degree (`PartContent.transposed(scaleSteps:)`).
    @discardableResult
    public mutating func transposeMusic(scaleSteps steps: Int, only: String? = nil, author: String, at date: Date) throws(SongModelError) -> String {
        let change = "transposed \(steps > 0 ? "up" : "down") \(abs(steps)) scale step\(abs(steps) == 1 ? "" : "s")"
        let (names, parts) = try moveMusic(only: only, author: author, at: date, change: change) { content, key throws(SongModelError) in
            try content.transposed(scaleSteps: steps, key: key)
        }
        return Self.moved(change, parts: parts, sections: names.count)
    }

    /// The one walk both transposes make: `move` applied to every pitched part (each an
    /// edit by `author`) and to the motif, in each section's own key before the move.
    /// Returns the sections it went through and how many parts moved.
    private mutating func moveMusic(only: String?, author: String, at date: Date, change: String,
                                    _ move: (PartContent, Key) throws(SongModelError) -> PartContent) throws(SongModelError) -> ([String], Int) {
        let names = try only.map { name throws(SongModelError) in [try requireSection(name).name] } ?? sections.map(\.name)
        var parts = 0
        for name in names {
            let section = try requireSection(name)
            let key = self.key(of: section)
            for kind in section.kinds where kind.row.pitched {
                try edit(kind, in: name, by: author, at: date, change: change) { content throws(SongModelError) in
                    content = try move(content, key)
                }
                parts += 1
            }
            if let motif = section.motif {
                let notes = try move(.notes(motif), key).notes
                update(name) { $0.motif = notes }
            }
        }
        return (names, parts)
    }

    static func moved(_ change: String, parts: Int, sections: Int) -> String {
        "\(change): \(parts) part\(parts == 1 ? "" : "s") in \(sections) section\(sections == 1 ? "" : "s")"
    }
    /// Whether any section (or `only` that one) has a part with pitch.
    public func hasPitchedMusic(only: String? = nil) -> Bool {
        sections.contains { section in
            (only == nil || section.name == only) && section.kinds.contains { $0.row.pitched }
        }
    }
}
