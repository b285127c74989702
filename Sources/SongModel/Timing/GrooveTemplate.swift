import Foundation
import MusicTheory

/// A drummer's timing, learned from a played drum part and laid on another: for each
/// role (kick, snare, cymbals, toms, percussion) and each place on the bar's grid, how far
/// ahead of or behind the grid the drummer plays it — the "groove template" of a DAW's
/// groove quantize, which is how a played feel is reused on other notes.
///
/// Offsets are kept in ticks (960 a quarter), not milliseconds, so a template stretches
/// with the tempo as swing does: a lope learned at 90 bpm still lopes at 120. A place the
/// drummer never played takes the role's average; a role never played, none.
public struct GrooveTemplate: Sendable, Hashable, Codable {
    /// Where it was learned, in words: "verse drums (imported from beat.mid)".
    public var source: String
    /// The grid: ticks per place (240 for sixteenths, 320 for eighth-note triplets).
    public var slot: Ticks
    /// Places in a bar; a template is used only in a meter with the same bar length.
    public var slotsPerBar: Int
    /// Per role (`DrumKit.Role.rawValue`), one offset in ticks per place.
    public var offsets: [String: [Double]]

    public init(source: String, slot: Ticks, slotsPerBar: Int, offsets: [String: [Double]]) {
        self.source = source
        self.slot = slot
        self.slotsPerBar = slotsPerBar
        self.offsets = offsets
    }

    /// The most places a template holds (a 12/4 bar of sixteenths is 48).
    public static let maximumSlots = 64
    /// The furthest a template moves a hit: an eighth note either way.
    public static let maximumOffset = Double(MusicalTime.ticksPerQuarter / 2)

    /// Learns the template of `hits` in bars of `barLength`: the mean offset of each role at
    /// each grid place. The grid is sixteenths, or eighth-note triplets when the part plays
    /// true triplets (a note on the first triplet of a beat). A shuffle — off-beats written
    /// on the last triplet and nothing on the first — is learned as straight eighths played
    /// late, so it swings a straight part it is laid on. A place a role never played takes
    /// what the other roles played there (an off-beat kick follows the swung hat, not the
    /// grid), else the role's average. Nil when nothing was played off the grid.
    public static func learn(from hits: [DrumHit], barLength: Ticks, source: String) -> GrooveTemplate? {
        let quarter = MusicalTime.ticksPerQuarter
        let trueTriplets = hits.contains { $0.start % quarter == quarter / 3 }
        let slot = trueTriplets ? quarter / 3 : quarter / 4
        guard barLength % slot == 0, barLength / slot <= maximumSlots else { return nil }
        let slots = barLength / slot
        var sums: [DrumKit.Role: [Double]] = [:], counts: [DrumKit.Role: [Int]] = [:]
        for hit in hits {
            var start = hit.start, offset = Double(hit.offset)
            if !trueTriplets && start % quarter == 2 * quarter / 3 {
                // A shuffled off-beat: the straight eighth it swings, and how late.
                let straight = start - start % quarter + quarter / 2
                offset += Double(start - straight)
                start = straight
            }
            guard start % slot == 0 else { continue }
            let role = DrumKit.role(of: hit.key), place = (start % barLength) / slot
            sums[role, default: Array(repeating: 0, count: slots)][place] += offset
            counts[role, default: Array(repeating: 0, count: slots)][place] += 1
        }
        guard !sums.isEmpty, sums.values.contains(where: { $0.contains { $0 != 0 } }) else { return nil }
        // Every role's playing at each place, for the places a role left empty.
        let together = (0..<slots).map { place -> Double? in
            let count = counts.values.map { $0[place] }.reduce(0, +)
            return count == 0 ? nil : sums.values.map { $0[place] }.reduce(0, +) / Double(count)
        }
        var offsets: [String: [Double]] = [:]
        for (role, sum) in sums {
            let count = counts[role] ?? []
            let played = (0..<slots).filter { count[$0] > 0 }
            let mean = played.map { sum[$0] }.reduce(0, +) / Double(max(1, played.map { count[$0] }.reduce(0, +)))
            offsets[role.rawValue] = (0..<slots).map { place in
                let value = count[place] > 0 ? sum[place] / Double(count[place]) : together[place] ?? mean
                return (min(max(value, -maximumOffset), maximumOffset) * 10).rounded() / 10
            }
        }
        return GrooveTemplate(source: source, slot: slot, slotsPerBar: slots, offsets: offsets)
    }

    /// The offset in ticks for a hit of `key` written at `start`: the value at the nearest
    /// place on the grid, 0 for a role the template does not know.
    public func offset(for key: Int, at start: Ticks) -> Double {
        guard let row = offsets[DrumKit.role(of: key).rawValue], row.count == slotsPerBar, slotsPerBar > 0 else { return 0 }
        let inBar = start % (slot * slotsPerBar)
        let place = Int((Double(inBar) / Double(slot)).rounded()) % slotsPerBar
        return row[place]
    }

    /// One line for a writer: where each role sits on the beats (its average offset at the
    /// places that fall on a beat) at a tempo, and the off-beat eighths' swing where the
    /// cymbals play them.
    public func summary(quarterTempo: Double) -> String {
        let msPerTick = 60_000 / (quarterTempo * Double(MusicalTime.ticksPerQuarter))
        let beats = (0..<slotsPerBar).filter { ($0 * slot) % MusicalTime.ticksPerQuarter == 0 }
        var parts: [String] = []
        for role in DrumKit.Role.allCases {
            guard let row = offsets[role.rawValue], row.count == slotsPerBar, !beats.isEmpty else { continue }
            let ms = beats.map { row[$0] }.reduce(0, +) / Double(beats.count) * msPerTick
            let place = abs(ms) < 1 ? "on the beat" : String(format: "%+.0f ms", ms)
            parts.append("\(role.rawValue) \(place)")
        }
        // Swing: where the off-beat eighth of the cymbals lands against the beat.
        let eighth = MusicalTime.ticksPerQuarter / 2
        if eighth % slot == 0, let cymbals = offsets[DrumKit.Role.cymbal.rawValue] {
            let stride = eighth / slot
            let offBeats = (0..<slotsPerBar).filter { ($0 * slot) % (2 * eighth) == eighth }.map { cymbals[$0] }
            let onBeats = (0..<slotsPerBar).filter { ($0 * slot) % (2 * eighth) == 0 }.map { cymbals[$0] }
            if stride > 0, !offBeats.isEmpty, !onBeats.isEmpty {
                let late = offBeats.reduce(0, +) / Double(offBeats.count) - onBeats.reduce(0, +) / Double(onBeats.count)
                let long = Double(eighth) + late, short = Double(eighth) - late
                if short > 0 { parts.append(String(format: "eighths %.2f:1", long / short)) }
            }
        }
        return parts.joined(separator: ", ")
    }
}
