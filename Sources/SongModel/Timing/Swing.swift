/// Swing that follows the tempo, after Friberg & Sundström (Music Perception 19(3)):
/// jazz drummers' swing ratio falls from about 3.5:1 at slow tempi toward 1:1 at fast
/// ones, and at medium to fast tempi the short note stays at about 100–120 ms. A fixed 2:1
/// is right at one tempo only.
public enum Swing {
    /// The swing ratio (long : short) for pairs of `pairMilliseconds` (a beat for swung
    /// eighths, half a beat for swung sixteenths), scaled by a style's `depth` (1 full,
    /// 0.5 half as far from straight).
    public static func ratio(pairMilliseconds: Double, depth: Double = 1) -> Double {
        let tempo = 60_000 / pairMilliseconds  // pairs per minute
        // Falling line: 3.5:1 at 60 pairs a minute to 1:1 at 260.
        let line = 3.5 - 2.5 * (tempo - 60) / 200
        // The short note does not go below about 115 ms (1.4:1 or less by 220 bpm).
        let shortNote = pairMilliseconds / Swing.shortestNote - 1
        let full = max(1, min(3.5, line, shortNote))
        return 1 + (full - 1) * depth
    }

    /// The shortest swung short note, in milliseconds.
    public static let shortestNote = 115.0

    /// A fixed amount 0…1 as a ratio: 0 straight, 0.5 triplet (2:1), 1 dotted (3:1).
    public static func ratio(amount: Double) -> Double { 1 + 2 * min(max(amount, 0), 1) }

    /// How far the off-beat of a pair moves late, as a fraction of the pair.
    public static func delay(ratio: Double) -> Double { ratio / (ratio + 1) - 0.5 }
}

/// Steady per-instrument offsets, as musicians name them. MUSIC.md's guardrails hold in
/// every feel: the kick stays tight and the snare is never early.
public enum Feel: String, Vocabulary {
    case on
    case laidBack = "laid-back"
    case pushed
    case dragged

    /// Offset in milliseconds for a GM drum key.
    public func offset(for key: Int) -> Double {
        let role = DrumKit.role(of: key)
        switch (self, role) {
        case (.on, _): return 0
        case (.laidBack, .snare): return 14
        case (.laidBack, .cymbal): return 9
        case (.laidBack, _): return 0
        case (.pushed, .cymbal): return -8
        case (.pushed, _): return 0
        case (.dragged, .kick): return 3
        case (.dragged, .snare): return 20
        case (.dragged, .cymbal): return 16
        case (.dragged, _): return 10
        }
    }

    /// What the feel does, in the words and numbers of `offset(for:)`: "on the beat",
    /// "laid-back: snare 14 ms late, cymbals 9 ms late", so a reader of `why` or `groove
    /// stats` need not know the name.
    public var described: String {
        let moved = [("kick", DrumKit.Role.kick), ("snare", .snare), ("cymbals", .cymbal), ("toms", .tom)].compactMap { name, role -> String? in
            guard let key = DrumKit.pieces.first(where: { $0.role == role })?.key else { return nil }
            let ms = offset(for: key)
            return ms == 0 ? nil : String(format: "%@ %.0f ms %@", name, abs(ms), ms > 0 ? "late" : "early")
        }
        return moved.isEmpty ? "on the beat" : rawValue + ": " + moved.joined(separator: ", ")
    }

    public static let what = "feel"
    public static let aliases: [String: Feel] = ["laidback": .laidBack, "behind": .laidBack, "ahead": .pushed]
}
