import Foundation
import SongModel

extension Renderer {
    /// A chorus this far under the playing before it, LU, is said in a song without
    /// energies (a listener hears a drop where a lift is expected).
    static let quietChorus = 1.0

    /// What a render says of its playings' levels: each playing's loudness in the mix
    /// ("as played: verse -12.9 · chorus -16.0 … LUFS"), and, in a song whose sections carry
    /// no energy (`shaped` false, so the render builds nothing), each chorus that plays
    /// under the playing before it, with the parts it lacks that the playing before has and
    /// what lifts it. Why: a newcomer's hand-written song, a verse with chords, melody, bass
    /// and drums and a chorus without the bass, measured (ffmpeg, per section) 3.1 LU
    /// quieter in the chorus than the verse, and the render said nothing of it.
    static func playedNotes(_ played: [(section: String, lufs: Double)], song: Song, form: [String], shaped: Bool) -> [String] {
        guard played.count >= 2, played.count == form.count else { return [] }
        var notes = ["as played: " + played.map { $0.lufs.isFinite ? String(format: "%@ %.1f", $0.section, $0.lufs) : "\($0.section) silent" }
            .joined(separator: " · ") + " LUFS"]
        guard !shaped else { return notes }
        var said: Set<String> = []
        for index in played.indices.dropFirst() where SectionRole(name: form[index]) == .chorus && !said.contains(form[index]) {
            // As the line above prints them, to a tenth: a chorus read 1.0 LU under is said.
            let under = ((played[index - 1].lufs * 10).rounded() - (played[index].lufs * 10).rounded()) / 10
            guard played[index].lufs.isFinite, played[index - 1].lufs.isFinite, under >= quietChorus else { continue }
            said.insert(form[index])
            let lacking = (song.section(named: form[index - 1])?.kinds ?? []).filter { kind in
                !(song.section(named: form[index])?.kinds.contains(kind) ?? true)
            }
            let parts = lacking.first.map { first in
                ", and \(form[index]) has no " + Self.either(lacking.map(\.rawValue)) + " where \(form[index - 1]) has"
                    + (lacking.count == 1 ? " one" : " them") + " — `\(first.rawValue) \(form[index])` writes " + (lacking.count == 1 ? "it" : "the \(first.rawValue)")
            } ?? ""
            notes.append(String(format: "note: %@ plays %.1f LU under %@ before it, as written: this song's sections carry no energy, so the render builds nothing%@; `arc` gives the sections energies the render plays (`help arc`)",
                                played[index].section, under, played[index - 1].section, parts))
        }
        // Any other section far under the loudest playing, which a song with energies would
        // have had ridden up (`FaderRide.knee`): a newcomer's chords-only bridge played
        // 10.6 LU under the last chorus, and the render said only its figure.
        guard let loudest = played.indices.filter({ played[$0].lufs.isFinite }).max(by: { played[$0].lufs < played[$1].lufs }) else { return notes }
        for index in played.indices where played[index].lufs.isFinite && !said.contains(form[index]) && SectionRole(name: form[index]) != .chorus {
            let under = ((played[loudest].lufs * 10).rounded() - (played[index].lufs * 10).rounded()) / 10
            guard under > FaderRide.knee else { continue }
            said.insert(form[index])
            let lacking = (song.section(named: form[loudest])?.kinds ?? []).filter { kind in
                !(song.section(named: form[index])?.kinds.contains(kind) ?? true)
            }
            let parts = lacking.isEmpty ? "" : ", and \(form[index]) has no " + Self.either(lacking.map(\.rawValue)) + " where \(form[loudest]) has"
                + (lacking.count == 1 ? " one" : " them")
            notes.append(String(format: "note: %@ plays %.1f LU under %@, the loudest, as written%@; a song whose sections carry energies has such a section ridden up: `arc` gives them energies (`help arc`)",
                                played[index].section, under, played[loudest].section, parts))
        }
        return notes
    }

    /// "bass", "bass or drums", "melody, bass or drums".
    static func either(_ words: [String]) -> String {
        words.count <= 2 ? words.joined(separator: " or ") : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}
