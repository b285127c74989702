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
        // How far playing `quiet` sits under playing `loud`, as the line above prints them,
        // to a tenth (a chorus read 1.0 LU under is said).
        func under(_ quiet: Int, _ loud: Int) -> Double {
            ((played[loud].lufs * 10).rounded() - (played[quiet].lufs * 10).rounded()) / 10
        }
        // ", and chorus has no bass where verse has one — `bass chorus` writes it", or "".
        func lacking(_ quiet: Int, _ loud: Int) -> String {
            let parts = (song.section(named: form[loud])?.kinds ?? []).filter { kind in
                !(song.section(named: form[quiet])?.kinds.contains(kind) ?? true)
            }
            return parts.first.map { first in
                ", and \(form[quiet]) has no " + Self.either(parts.map(\.rawValue)) + " where \(form[loud]) has"
                    + (parts.count == 1 ? " one" : " them") + " — `\(first.rawValue) \(form[quiet])` writes " + (parts.count == 1 ? "it" : "the \(first.rawValue)")
            } ?? ""
        }
        for index in played.indices.dropFirst() where SectionRole(name: form[index]) == .chorus && !said.contains(form[index]) {
            guard played[index].lufs.isFinite, played[index - 1].lufs.isFinite, under(index, index - 1) >= quietChorus else { continue }
            said.insert(form[index])
            notes.append(String(format: "note: %@ plays %.1f LU under %@ before it, as written: this song's sections carry no energy, so the render builds nothing%@; `arc` gives the sections energies the render plays (`help arc`)",
                                played[index].section, under(index, index - 1), played[index - 1].section, lacking(index, index - 1)))
        }
        // Any other section far under the loudest playing, which a song with energies would
        // have had ridden up (`FaderRide.knee`): a newcomer's chords-only bridge played
        // 10.7 LU under the chorus, and the render said only its figure.
        guard let loudest = played.indices.filter({ played[$0].lufs.isFinite }).max(by: { played[$0].lufs < played[$1].lufs }) else { return notes }
        for index in played.indices where played[index].lufs.isFinite && !said.contains(form[index]) && SectionRole(name: form[index]) != .chorus {
            guard under(index, loudest) > FaderRide.knee else { continue }
            said.insert(form[index])
            notes.append(String(format: "note: %@ plays %.1f LU under %@, the loudest, as written%@; a song whose sections carry energies has such a section ridden up: `arc` gives them energies (`help arc`)",
                                played[index].section, under(index, loudest), played[loudest].section, lacking(index, loudest)))
        }
        return notes
    }

    /// "bass", "bass or drums", "melody, bass or drums".
    static func either(_ words: [String]) -> String {
        words.count <= 2 ? words.joined(separator: " or ") : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}
