extension Key {
    /// The Krumhansl–Kessler probe-tone profiles (1982): how well each degree of a major
    /// and a minor key fits, as listeners rated them.
    static let majorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
    static let minorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]

    /// The major or minor key whose profile correlates best with how long each pitch class
    /// sounds (the Krumhansl–Schmuckler key finder): for material that comes without a key
    /// signature. Nil when fewer than three pitch classes sound.
    public static func estimated(keys: [Int], weights: [Double]) -> Key? {
        var classes = [Double](repeating: 0, count: 12)
        for (midi, weight) in zip(keys, weights) { classes[(midi % 12 + 12) % 12] += weight }
        guard classes.filter({ $0 > 0 }).count >= 3 else { return nil }
        func correlation(_ profile: [Double], _ tonic: Int) -> Double {
            let rotated = (0..<12).map { profile[($0 - tonic + 12) % 12] }
            let meanA = classes.reduce(0, +) / 12, meanB = rotated.reduce(0, +) / 12
            var top = 0.0, a2 = 0.0, b2 = 0.0
            for index in 0..<12 {
                let a = classes[index] - meanA, b = rotated[index] - meanB
                top += a * b; a2 += a * a; b2 += b * b
            }
            return a2 > 0 && b2 > 0 ? top / (a2 * b2).squareRoot() : 0
        }
        var best: (score: Double, tonic: Int, minor: Bool) = (-2, 0, false)
        for tonic in 0..<12 {
            for minor in [false, true] {
                let score = correlation(minor ? minorProfile : majorProfile, tonic)
                if score > best.score + 1e-12 { best = (score, tonic, minor) }
            }
        }
        // Spelled as a key signature would: the major keys C G D A E B F# Db Ab Eb Bb F,
        // the minor ones A E B F# C# G# D# Bb F C G D.
        let majors = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
        let minors = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "Bb", "B"]
        return try? Key(parsing: best.minor ? minors[best.tonic] + "m" : majors[best.tonic])
    }
}
