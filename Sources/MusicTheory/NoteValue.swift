/// A written duration: a note value, dotted or in a triplet ("/4", "/8.", "/8t").
///
/// ```swift
/// try NoteValue(parsing: "8.").ticks   // 720
/// NoteValue.spell(1440)                 // [dotted quarter]  ->  "/4."
/// ```
public struct NoteValue: Sendable, Hashable, CustomStringConvertible {
    /// 1 whole, 2 half, 4 quarter, 8 eighth, 16 sixteenth, 32 thirty-second.
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
        guard let denominator = Int(body), NoteValue.denominators.contains(denominator) else {
            throw .badDuration(text)
        }
        self.init(denominator: denominator, dotted: dotted, triplet: triplet)
    }

    /// The written values, longest first, that add up to `ticks` (tied together when
    /// more than one). Plain and dotted values are preferred; triplets are used only
    /// for what plain values cannot reach.
    public static func spell(_ ticks: Ticks) -> [NoteValue] {
        let plain = denominators.flatMap { [NoteValue(denominator: $0, dotted: true), NoteValue(denominator: $0)] }
            .filter { $0.denominator > 1 || !$0.dotted }
        let triplets = denominators.map { NoteValue(denominator: $0, triplet: true) }
        var remaining = ticks
        var values: [NoteValue] = []
        for candidate in plain + triplets {
            while remaining >= candidate.ticks, candidate.ticks > 0 {
                // Take a value only if what is left can still be spelled exactly.
                let rest = remaining - candidate.ticks
                if rest == 0 || rest % (triplets.last?.ticks ?? 1) == 0 || rest % 120 == 0 {
                    values.append(candidate)
                    remaining = rest
                } else {
                    break
                }
            }
        }
        if remaining > 0 { values.append(contentsOf: spellRemainder(remaining)) }
        return values
    }

    private static func spellRemainder(_ ticks: Ticks) -> [NoteValue] {
        // Below a 32nd triplet nothing is written; keep the length honest anyway by
        // rounding to the nearest 32nd triplet (40 ticks).
        let count = Swift.max(1, (ticks + 20) / 40)
        return Array(repeating: NoteValue(denominator: 32, triplet: true), count: count)
    }
}
