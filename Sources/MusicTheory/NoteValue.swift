/// A written duration: a note value, dotted or in a triplet ("/4", "/8.", "/8t").
///
/// ```swift
/// try NoteValue(parsing: "8.").ticks   // 720
/// NoteValue.spell(1440)                 // [dotted quarter]  ->  "/4."
/// ```
public struct NoteValue: Sendable, Hashable, CustomStringConvertible {
    /// 1 whole, 2 half, 4 quarter, 8 eighth, 16 sixteenth, 32 thirty-second (64: the
    /// sixty-fourth triplet only).
    public var denominator: Int
    public var dotted: Bool
    public var triplet: Bool

    public static let denominators = [1, 2, 4, 8, 16, 32]

    public init(denominator: Int, dotted: Bool = false, triplet: Bool = false) {
        self.denominator = denominator
        self.dotted = dotted
        self.triplet = triplet
    }

    /// Length in ticks.
    public var ticks: Ticks {
        var ticks = MusicalTime.ticksPerQuarter * 4 / denominator
        if dotted { ticks = ticks * 3 / 2 }
        if triplet { ticks = ticks * 2 / 3 }
        return ticks
    }

    /// As written after a pitch's slash: "4", "8.", "8t".
    public var description: String {
        "\(denominator)" + (dotted ? "." : "") + (triplet ? "t" : "")
    }

    /// Parses the part after the slash: a denominator, then "." and/or "t".
    public init(parsing text: String) throws(MusicTheoryError) {
        var body = Substring(text)
        var dotted = false, triplet = false
        if body.hasSuffix("t") { triplet = true; body = body.dropLast() }
        if body.hasSuffix(".") { dotted = true; body = body.dropLast() }
        guard let denominator = Int(body), NoteValue.denominators.contains(denominator) || denominator == 64 else {
            throw .badDuration(text)
        }
        // Every readable value is a whole number of 40-tick steps (see `writable`): the
        // sixty-fourth only as a triplet, the thirty-second not dotted.
        let offGrid = denominator == 64 ? !triplet || dotted : denominator == 32 && dotted && !triplet
        guard !offGrid else { throw .badDuration(text) }
        self.init(denominator: denominator, dotted: dotted, triplet: triplet)
    }

    /// Every value a duration may be spelled with. Every one is a whole number of 40-tick
    /// steps, so any note that starts on that grid can be split at a bar line and written
    /// back exactly: that is why the dotted thirty-second (180 ticks) is not among them,
    /// and the sixty-fourth triplet (40 ticks, the smallest piece a split can leave) is.
    static let writable: [NoteValue] = denominators.flatMap { denominator in
        [NoteValue(denominator: denominator), NoteValue(denominator: denominator, triplet: true)]
            + (denominator > 1 && denominator < 32 ? [NoteValue(denominator: denominator, dotted: true)] : [])
    } + [NoteValue(denominator: 64, triplet: true)]

    /// The fewest written values, longest first, that add up to `ticks` (tied together
    /// when more than one). Among equally short spellings, fewer triplets win.
    ///
    /// - Complexity: O(ticks / 20 × 18): a small dynamic programme over 20-tick steps,
    ///   the grain every written value shares.
    public static func spell(_ ticks: Ticks) -> [NoteValue] {
        let grain = 20
        let steps = max(0, (ticks + grain / 2) / grain)
        guard steps > 0 else { return [] }
        // cost: 10 per value, 1 more for a triplet; choice: the value that reached a step.
        var cost = [Int](repeating: Int.max, count: steps + 1)
        var choice = [NoteValue?](repeating: nil, count: steps + 1)
        cost[0] = 0
        for step in 1...steps {
            for value in writable {
                let size = value.ticks / grain
                guard size <= step, cost[step - size] != Int.max else { continue }
                let candidate = cost[step - size] + (value.triplet ? 11 : 10)
                if candidate < cost[step] {
                    cost[step] = candidate
                    choice[step] = value
                }
            }
        }
        // A length no written value can reach exactly (40 ticks, say) is written as the
        // nearest shorter one that can be: shown slightly short rather than not at all.
        var step = steps
        while step > 0 && cost[step] == Int.max { step -= 1 }
        var values: [NoteValue] = []
        while step > 0, let value = choice[step] {
            values.append(value)
            step -= value.ticks / grain
        }
        return values.sorted { $0.ticks > $1.ticks }
    }
}
