import AudioRender
import Foundation
import MusicTheory

/// The render's balance at the prompt, in two lines: what each part was moved by and what
/// the song's shape did to its sections. `provenance.md` keeps every move section by
/// section with its reason (`Renderer.balanceNotes`); a songwriter and a producer had each
/// found nine lines of it after every render more than they read.
enum MixSummary {
    static func lines(_ result: RenderResult) -> [String] {
        // What the writer set is said back in full: a level held, and a melody held under the band.
        var lines = Renderer.balanceNotes(melody: [], over: result.melodyBed, pad: 0, ridden: [], held: result.held,
                                          heldMelody: result.heldMelody, hints: true)
        var moves: [String] = []
        // A lift, not a level: "the melody lifted +20 dB" (from its synthesized level) "to sit
        // over" the bed; "the melody +20 dB over the chords" had read as how far over them it sits.
        if let melody = span(result.melodyLifts) { moves.append("the melody lifted \(melody) to sit over \(result.melodyBed)") }
        if result.padChange != 0 { moves.append(String(format: "the pad %+.1f dB to sit under the chords", result.padChange)) }
        if result.bassChange < 0 { moves.append(String(format: "the bass turned down %.1f dB under the melody", -result.bassChange)) }
        // The bass and drums brought nearer the melody as each section's energy asks; the
        // chords toward 8 LU under it (`Balance.bedLifts`), which is not the energy's.
        let nearer = [("bass", result.bassLifts), ("drums", result.drumLifts)]
            .compactMap { part, lifts in span(lifts, bare: true).map { "\(part) \($0)" } }
        if !nearer.isEmpty { moves.append(nearer.joined(separator: ", ") + " dB nearer it, as each section's energy asks") }
        if let chords = span(result.chordLifts) {
            moves.append(String(format: "the chords %@ toward %.0f LU under it", chords, Balance.chordsMostUnderMelody))
        }
        let down = result.bassLifts.filter { $0.decibels < -0.05 }
        if !down.isEmpty { moves.append("the bass taken down in \(counted(down.count, "section")) to follow the song's energy") }
        // Where a part stops short of the place the energy asks (2 dB or more), how often.
        let short = ["bass", "drums"].compactMap { part -> (part: String, sections: Int)? in
            let far = (result.shortOfEnergy[part] ?? []).filter { $0.decibels >= Balance.shortfallSaid }
            return far.isEmpty ? nil : (part, far.count)
        }
        if let first = short.first {
            let parts = short.map(\.part).joined(separator: " and ")
            let stop = short.count == 1 ? "stops" : "stop"
            moves.append(Set(short.map(\.sections)).count == 1
                ? "in \(counted(first.sections, "section")) the \(parts) \(stop) short of where the energy asks, to keep the tune on top"
                : "the \(short.map { "\($0.part) (\(counted($0.sections, "section")))" }.joined(separator: " and ")) stop short of where the energy asks, to keep the tune on top")
        }
        var shape: [String] = []
        let up = result.ridden.filter { $0.decibels > 0 }, under = result.ridden.filter { $0.decibels < 0 }
        if !up.isEmpty { shape.append("quieter sections ridden up (\(up.map(\.section).joined(separator: ", ")))") }
        if !result.built.isEmpty { shape.append("\(counted(result.built.count, "section")) built over what \(result.built.count == 1 ? "it builds" : "they build") on") }
        if !under.isEmpty { shape.append("\(counted(under.count, "section")) brought down under the climax") }
        // The climax is named once, with all that was done to it.
        let cut = result.climaxCut.map { ($0.section, String(format: "held %.1f LU over the rest (%.1f dB)", FaderRide.climaxCeiling, $0.decibels)) }
        let opened = result.climax.map { ($0, "opened up with a tambourine") }
        if let cut, let opened, cut.0 == opened.0 {
            shape.append("the climax, \(cut.0), \(cut.1) and \(opened.1)")
        } else {
            for (section, move) in [cut, opened].compactMap({ $0 }) { shape.append("the climax, \(section), \(move)") }
        }
        let settable = moves.isEmpty ? "" : " (`mix PART gain=…` sets a part yourself)"
        if !moves.isEmpty { lines.append("balanced: " + moves.joined(separator: "; ") + settable) }
        if !shape.isEmpty { lines.append("shaped: " + shape.joined(separator: "; ")) }
        if !moves.isEmpty || !shape.isEmpty { lines.append("every move, section by section, and why: provenance.md") }
        return lines
    }

    /// "+11.3–15.0 dB" over the sections it raised, or "+4.0 dB" when one figure; nil
    /// when nothing was raised. `bare` leaves off the unit, for a list that ends with it.
    static func span(_ figures: [(section: String, decibels: Double)], bare: Bool = false) -> String? {
        let raised = figures.map(\.decibels).filter { $0 > 0.05 }
        guard let low = raised.min(), let high = raised.max() else { return nil }
        let text = high - low < 0.05 ? String(format: "+%.1f", low) : String(format: "+%.1f–%.1f", low, high)
        return bare ? text : text + " dB"
    }
}
