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

    /// The drums with a fill of this kind in the bar starting at `barStart`: from the beat
    /// that begins the bar's second half to its end, on steps of `stepTicks`, the hits there
    /// giving way to it. The `fill` command and the render's hand-over both place fills so.
    public func placed(into hits: [DrumHit], barStart: Ticks, meter: Meter, stepTicks: Ticks, energy: Double) -> [DrumHit] {
        let from = barStart + FillKind.start(in: meter)
        let barEnd = barStart + meter.ticksPerBar
        let fill = self.hits(from: (from - barStart) / stepTicks, steps: meter.ticksPerBar / stepTicks, bar: barStart / meter.ticksPerBar,
                             stepTicks: stepTicks, meter: meter, energy: energy)
        return (hits.filter { $0.start < from || $0.start >= barEnd } + fill).sorted { ($0.start, $0.key) < ($1.start, $1.key) }
    }

    /// Where in a bar a fill starts, ticks from the bar line: on the beat that begins its
    /// second half, the longer half in an odd meter (5/4's last three beats, 7/8's last
    /// four eighths). The `fill` command, the hand-over, the generator's own fills and the
    /// song's ending all count from here.
    public static func start(in meter: Meter) -> Ticks { (meter.beatsPerBar / 2) * meter.ticksPerBeat }

    /// A fill's step in a meter with no style to say: sixteenths, or eighths in a compound
    /// meter (whatever the unit, so a 7/8 bar fills in sixteenths, not thirty-seconds).
    public static func step(in meter: Meter) -> Ticks {
        meter.isCompound ? meter.ticksPerUnit : MusicalTime.ticksPerQuarter / 4
    }

    /// How a groove's label names its fills.
    public var plural: String {
        switch self {
        case .roll: "snare-roll fills"
        case .toms: "tom fills"
        case .kickSnare: "kick-and-snare fills"
        }
    }

    /// The words a part's edit record keeps for a fill the writer put in (`fill`): "toms
    /// fill in bar 8". The render reads them back to leave that fill where the song ends.
    public func change(inBar bar: Int) -> String { "\(self) fill in bar \(bar)" }

    /// Whether an edit record's words are a fill put in bar `bar` (`change(inBar:)`).
    public static func isFill(_ change: String, inBar bar: Int) -> Bool {
        allCases.contains { change == $0.change(inBar: bar) }
    }
}
