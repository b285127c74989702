import MusicTheory

extension FillKind {
    /// A fill from grid step `from` to the bar's end, rising in velocity into the next
    /// downbeat: a snare roll, toms down the kit (after a snare pickup), or kick and snare
    /// alternating.
    ///
    /// With a `figure` (any number but 0, a seed) the fill is one a drummer might play that
    /// night rather than every step in a line: each beat takes a figure of its own (a rest
    /// in it, a pair, a run; the last beat always leads in), the toms go down the kit, trade
    /// with the snare or take the two ends of it, the strokes on the beat lean in, and each
    /// stroke's velocity moves by up to 4 either way. A beat longer than a figure (2/2's
    /// eight sixteenths) takes a figure for each even part of it. Why: a producer found a
    /// song's fills, and the next song's, the same tom run at the same eight rising
    /// velocities (70, 77, 84 … 121).
    /// A figure of 0 is the plain run, as the `fill` command writes it.
    public func hits(from: Int, steps: Int, bar: Int, stepTicks: Ticks, meter: Meter, energy: Double, figure: UInt64 = 0) -> [DrumHit] {
        let length = steps - from
        guard length > 0 else { return [] }
        var generator = SeededGenerator(seed: figure)
        // Steps a beat: four sixteenths, three triplets or eighths of a compound beat, two
        // eighths of a slow fill.
        let group = max(1, meter.ticksPerBeat / max(1, stepTicks))
        var played = [Bool](repeating: true, count: length)
        if figure != 0 {
            let figures: [Int: [String]] = [4: ["xxxx", "x.xx", "xx.x", "x.x.", "xxx.", "x..x"], 3: ["xxx", "x.x", "xx."], 2: ["xx", "x."]]
            let leadIns: [Int: [String]] = [4: ["xxxx", "x.xx", "xx.x"], 3: ["xxx", "x.x"], 2: ["xx"]]
            // A beat longer than any figure (2/2's eight sixteenths, 3/2's) takes one figure
            // for each part it divides into evenly, as a drummer counts a half note in quarters.
            let span = [4, 3, 2].first { group % $0 == 0 } ?? group
            for start in stride(from: 0, to: length, by: span) {
                let last = start + span >= length
                guard let choices = (last ? leadIns : figures)[span], !choices.isEmpty else { continue }
                let chosen = Array(choices[Int(generator.next() % UInt64(choices.count))])
                for offset in 0..<min(span, length - start) { played[start + offset] = chosen[offset] == "x" }
            }
        }
        let toms = [DrumKit.highTom, DrumKit.highTom, DrumKit.midTom, DrumKit.midTom, DrumKit.lowTom, DrumKit.lowTom]
        // How the toms go: down the kit (as the plain run), trading with the snare, or the
        // high and low toms only.
        let tomWay = figure == 0 ? 0 : Int(generator.next() % 3)
        let kickFirst = figure == 0 || generator.next() % 3 != 0
        var stroke = 0
        return (0..<length).compactMap { offset -> DrumHit? in
            guard played[offset] else { return nil }
            defer { stroke += 1 }
            let start = bar * meter.ticksPerBar + (from + offset) * stepTicks
            var velocity = Double(70) + Double(offset) / Double(length) * 45 * (0.6 + energy)
            if figure != 0 {
                velocity += offset % group == 0 ? 8 : -4
                velocity += Double(Int(generator.next() % 9) - 4)
            }
            let key: Int
            switch self {
            case .roll: key = DrumKit.snare
            case .toms:
                let tom = toms[min(toms.count - 1, offset * toms.count / length)]
                switch tomWay {
                case 1: key = offset < length / 4 ? DrumKit.snare : (stroke % 2 == 0 ? DrumKit.snare : tom)
                case 2: key = offset < length / 4 ? DrumKit.snare : (offset < length * 5 / 8 ? DrumKit.highTom : DrumKit.lowTom)
                default: key = offset < length / 4 ? DrumKit.snare : tom
                }
            case .kickSnare: key = (stroke % 2 == 0) == kickFirst ? DrumKit.kick : DrumKit.snare
            }
            return DrumHit(start: start, key: key, velocity: min(127, max(1, Int(velocity))))
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

    /// The fill an edit record's words say was put in bar `bar` (`change(inBar:)`), if any.
    public static func written(_ change: String, inBar bar: Int) -> FillKind? {
        allCases.first { change == $0.change(inBar: bar) }
    }
}

extension Section {
    /// The fill the writer last put in the section's last bar (`fill`), read from the
    /// drums' edit records; nil when there is none. The render leaves it where the song
    /// ends, and a hand-over over it is said.
    public var writtenFill: FillKind? {
        guard let edits = parts[.drums]?.provenance.edits else { return nil }
        return edits.reversed().lazy.compactMap { $0.origin == nil ? FillKind.written($0.change, inBar: self.bars) : nil }.first
    }
}
