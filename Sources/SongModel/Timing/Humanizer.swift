import Foundation

/// Timing deviations that sound like a player: 1/f^α noise (Hennig et al. 2011), not
/// white jitter.
///
/// The noise comes from Kasdin's fractional-integration filter, whose spectrum is 1/f^α
/// for any α in 0…2 (α = 1 by default, as in Hennig's reference humanizer). The series is
/// scaled to the requested σ, and any jump between neighbouring hits larger than 2σ is
/// halved, as that humanizer does. Deterministic per seed.
public enum Humanizer {
    /// `count` deviations in milliseconds.
    /// - Complexity: O(count²) for the filter; grooves have a few thousand hits at most.
    ///   `halveJumps: false` gives the plain series (for comparisons with white jitter).
    public static func deviations(count: Int, sigma: Double, alpha: Double, seed: UInt64, halveJumps: Bool = true) -> [Double] {
        guard count > 0, sigma > 0 else { return Array(repeating: 0, count: max(count, 0)) }
        var generator = SeededGenerator(seed: seed)
        let white = (0..<count).map { _ in gaussian(&generator) }
        // Kasdin (1995): h0 = 1, hk = h(k−1) · (k − 1 + α/2) / k.
        var filter = [1.0]
        for k in 1..<count { filter.append(filter[k - 1] * (Double(k - 1) + alpha / 2) / Double(k)) }
        var series = [Double](repeating: 0, count: count)
        for n in 0..<count {
            var sum = 0.0
            for k in 0...n { sum += filter[k] * white[n - k] }
            series[n] = sum
        }
        let mean = series.reduce(0, +) / Double(count)
        let spread = (series.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)).squareRoot()
        series = series.map { ($0 - mean) / max(spread, 1e-12) * sigma }
        for n in 1..<count where halveJumps {
            let jump = series[n] - series[n - 1]
            if abs(jump) > 2 * sigma { series[n] = series[n - 1] + jump / 2 }
        }
        return series
    }

    /// Deviations that follow `leader` by `coupling` (0…1) and their own noise for the
    /// rest: how a bass player's timing moves with the drummer's ("group humanize").
    public static func coupled(to leader: [Double], coupling: Double, sigma: Double, alpha: Double, seed: UInt64) -> [Double] {
        let own = deviations(count: leader.count, sigma: sigma, alpha: alpha, seed: seed)
        let mix = (1 - coupling * coupling).squareRoot()
        return zip(leader, own).map { coupling * $0 + mix * $1 }
    }

    /// A standard normal draw (Box–Muller).
    public static func gaussian(_ generator: inout SeededGenerator) -> Double {
        let u = max(generator.unit(), 1e-12), v = generator.unit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// Measures of a timing series, as `groove stats` reports them.
public enum TimingStatistics {
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    }

    /// Pearson's correlation of two series of the same length (0 when either is constant):
    /// how far two plays' micro-timing share a pattern.
    public static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let count = min(a.count, b.count)
        guard count > 1 else { return 0 }
        let meanA = a.prefix(count).reduce(0, +) / Double(count), meanB = b.prefix(count).reduce(0, +) / Double(count)
        var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
        for index in 0..<count {
            let x = a[index] - meanA, y = b[index] - meanB
            covariance += x * y
            varianceA += x * x
            varianceB += y * y
        }
        return varianceA > 0 && varianceB > 0 ? covariance / (varianceA * varianceB).squareRoot() : 0
    }

    public static func lagOneAutocorrelation(_ values: [Double]) -> Double {
        guard values.count > 2 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let centred = values.map { $0 - mean }
        let numerator = zip(centred, centred.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        let denominator = centred.reduce(0) { $0 + $1 * $1 }
        return denominator > 0 ? numerator / denominator : 0
    }

    /// α of a 1/f^α series by detrended fluctuation analysis: the DFA exponent a relates
    /// to the spectral exponent as α = 2a − 1 (white noise a = 0.5, 1/f noise a = 1).
    public static func alpha(_ values: [Double]) -> Double {
        let count = values.count
        guard count >= 32 else { return .nan }
        let mean = values.reduce(0, +) / Double(count)
        var profile = [Double](repeating: 0, count: count)
        var running = 0.0
        for (index, value) in values.enumerated() { running += value - mean; profile[index] = running }
        var points: [(Double, Double)] = []
        var size = 4
        while size <= count / 4 {
            var total = 0.0, windows = 0
            for start in stride(from: 0, through: count - size, by: size) {
                // Least-squares line through the window, then the residual's mean square.
                let xs = (0..<size).map(Double.init)
                let ys = Array(profile[start..<start + size])
                let xMean = xs.reduce(0, +) / Double(size), yMean = ys.reduce(0, +) / Double(size)
                let slope = zip(xs, ys).reduce(0) { $0 + ($1.0 - xMean) * ($1.1 - yMean) } / xs.reduce(0) { $0 + ($1 - xMean) * ($1 - xMean) }
                total += zip(xs, ys).reduce(0) { $0 + pow($1.1 - (yMean + slope * ($1.0 - xMean)), 2) } / Double(size)
                windows += 1
            }
            points.append((log(Double(size)), log((total / Double(windows)).squareRoot())))
            size = Int((Double(size) * 1.5).rounded(.up))
        }
        let xMean = points.reduce(0) { $0 + $1.0 } / Double(points.count)
        let yMean = points.reduce(0) { $0 + $1.1 } / Double(points.count)
        let slope = points.reduce(0) { $0 + ($1.0 - xMean) * ($1.1 - yMean) } / points.reduce(0) { $0 + pow($1.0 - xMean, 2) }
        return 2 * slope - 1
    }
}
