import MusicTheory

extension FillKind {
    /// A fill from grid step `from` to the bar's end, rising in velocity into the next
    /// downbeat: a snare roll, toms down the kit (after a snare pickup), or kick and snare
    /// alternating.
    public func hits(from: Int, steps: Int, bar: Int, stepTicks: Ticks, meter: Meter, energy: Double) -> [DrumHit] {
        let length = steps - from
        guard length > 0 else { return [] }
        let toms = [DrumKit.highTom, DrumKit.highTom, DrumKit.midTom, DrumKit.midTom, DrumKit.lowTom, DrumKit.lowTom]
        return (0..<length).map { offset in
            let start = bar * meter.ticksPerBar + (from + offset) * stepTicks
            let velocity = min(127, Int(70 + Double(offset) / Double(length) * 45 * (0.6 + energy)))
            let key: Int
            switch self {
            case .roll: key = DrumKit.snare
            case .toms: key = offset < length / 4 ? DrumKit.snare : toms[min(toms.count - 1, offset * toms.count / length)]
            case .kickSnare: key = offset % 2 == 0 ? DrumKit.kick : DrumKit.snare
            }
            return DrumHit(start: start, key: key, velocity: velocity)
        }
    }

    /// How a groove's label names its fills.
    public var plural: String {
        switch self {
        case .roll: "snare-roll fills"
        case .toms: "tom fills"
        case .kickSnare: "kick-and-snare fills"
        }
    }
}
