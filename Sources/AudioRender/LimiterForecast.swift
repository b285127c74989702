import Foundation

/// A forecast, made from mastering's first look, of how much loudness the limiter will
/// take, so that the first limiting pass is made at the gain that meets the target.
///
/// Where the limiter works, it lowers the loudness: a pass at the gain the raw mix asks
/// for comes in under the target, and mastering makes another pass over the whole song
/// (every stem read, limited, measured and, for a render, written again). Measured before
/// this forecast: a calm and a dreamy sketch came in 0.3 LU under on their first limiting
/// pass and took a second; one 8-bar section of the example songs took three.
///
/// The first look keeps, for every `grain` frames, the loudest sample of the mix or of any
/// stem and the mix's K-weighted energy (8 bytes for 64 frames: 10 MB for 30 minutes
/// of music). For a gain, the limiter's curve is drawn on that grid (the same `Limiter`,
/// its look-ahead and release in grains), the energies are scaled by it, and the gated
/// loudness is computed as BS.1770 gates it (400 ms blocks every 100 ms): a few
/// milliseconds for a 3-minute song. The gain is solved on the forecast. It remains a
/// forecast (sample peaks for the true peak, the curve's shape within a grain): the
/// limiting pass measures as before, and a miss is corrected by another.
final class LimiterForecast: @unchecked Sendable {
    /// Frames a forecast value stands for.
    static let grain = 64

    let sampleRate: Int
    private var peaks: [Float] = []
    private var energies: [Float] = []
    private var filter: KWeighting
    private var peak: Float = 0
    private var energy = SIMD2<Double>()
    private var filled = 0

    init(sampleRate: Int, frames: Int) {
        self.sampleRate = sampleRate
        filter = KWeighting(sampleRate: sampleRate)
        peaks.reserveCapacity(frames / Self.grain + 1)
        energies.reserveCapacity(frames / Self.grain + 1)
    }

    /// Adds the next frames of the mix, and `loudest`: each frame's loudest sample of the
    /// mix or any stem.
    func add(mix: StereoBuffer, loudest: [Float]) {
        mix.left.withUnsafeBufferPointer { left in
            mix.right.withUnsafeBufferPointer { right in
                loudest.withUnsafeBufferPointer { loudest in
                    var filter = self.filter, energy = self.energy, peak = self.peak, filled = self.filled
                    for index in 0..<min(left.count, right.count, loudest.count) {
                        let y = filter(SIMD2(Double(left[index]), Double(right[index])))
                        energy += y * y
                        peak = max(peak, loudest[index])
                        filled += 1
                        if filled == Self.grain {
                            peaks.append(peak)
                            energies.append(Float(energy.sum()))
                            peak = 0
                            energy = SIMD2()
                            filled = 0
                            filter.flushSubnormals()
                        }
                    }
                    self.filter = filter
                    self.energy = energy
                    self.peak = peak
                    self.filled = filled
                }
            }
        }
    }

    /// The gain, dB, that brings the mix to `target` LUFS through a limiter at `ceiling`
    /// dBFS, with the sections ridden by `ride`. `measured` is the first look's integrated
    /// loudness of the raw mix: the forecast is held to it where nothing is limited.
    /// Nil when the forecast has nothing to go on (silence).
    func gain(toReach target: Double, measured: Double, ceiling: Double, ride: FaderRide?) -> Double? {
        finish()
        let raw = loudness(gain: 0, rides: nil, ceiling: nil)
        guard raw.isFinite, measured.isFinite else { return nil }
        let bias = measured - raw
        let rides = ride.map(factors)
        // The loudness made by a gain: it rises with the gain, by less where the limiter works.
        func shortfall(_ gain: Double) -> Double {
            loudness(gain: gain, rides: rides, ceiling: ceiling) + bias - target
        }
        // The gain that would do without a limiter, then a secant search from it, kept
        // within 24 dB over it (a ceiling can keep a target out of reach).
        let unlimited = target - (loudness(gain: 0, rides: rides, ceiling: nil) + bias)
        var a = unlimited, fa = shortfall(a)
        guard fa.isFinite else { return nil }
        if fa > -0.005 { return unlimited }
        var b = unlimited - fa, fb = shortfall(b)
        for _ in 0..<12 {
            guard abs(fb) > 0.005, fb != fa else { break }
            let next = min(unlimited + 24, max(unlimited, b - fb * (b - a) / (fb - fa)))
            (a, fa) = (b, fb)
            b = next
            fb = shortfall(b)
        }
        return b
    }

    /// Closes the last grain, however few frames it holds (once the song has been added).
    func finish() {
        guard filled > 0 else { return }
        peaks.append(peak)
        energies.append(Float(energy.sum()))
        filled = 0
    }

    /// Each grain's ride factor, at its middle frame.
    private func factors(_ ride: FaderRide) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(peaks.count)
        let step = 4096   // grains at a time: the ride's factors for 256k frames
        var first = 0
        while first < peaks.count {
            let last = min(peaks.count, first + step)
            let frames = ride.factors(for: (first * Self.grain)..<(last * Self.grain))
            for grain in first..<last { out.append(frames[(grain - first) * Self.grain + Self.grain / 2]) }
            first = last
        }
        return out
    }

    /// The integrated loudness, LUFS, of the mix turned up by `gain` dB, ridden by `rides`
    /// and, with a `ceiling`, limited.
    func loudness(gain: Double, rides: [Float]?, ceiling: Double?) -> Double {
        let count = peaks.count
        let scale = Float(Loudness.linear(gain))
        var limiter = ceiling.map {
            Limiter(ceiling: Float(Loudness.linear($0)), lookAhead: max(1, sampleRate / 200 / Self.grain),
                    release: Double(sampleRate) * 0.08 / Double(Self.grain), frames: count)
        }
        let hop = (sampleRate + 5) / 10
        var hops: [Double] = []
        hops.reserveCapacity(count * Self.grain / hop + 1)
        let step = 65_536
        var start = 0
        while start < count {
            let end = min(count, start + step), ahead = min(count, end + (limiter?.reach ?? 0))
            var curve: [Float]
            if limiter != nil {
                var envelope = [Float](repeating: 0, count: ahead - start)
                for grain in start..<ahead { envelope[grain - start] = peaks[grain] * scale * (rides?[grain] ?? 1) }
                curve = envelope.withUnsafeBufferPointer { limiter!.curve(for: start..<end, envelope: $0) }
            } else {
                curve = [Float](repeating: 1, count: end - start)
            }
            for grain in start..<end {
                let factor = Double(curve[grain - start] * scale * (rides?[grain] ?? 1))
                let hopIndex = grain * Self.grain / hop
                while hops.count <= hopIndex { hops.append(0) }
                hops[hopIndex] += Double(energies[grain]) * factor * factor
            }
            start = end
        }
        // 400 ms blocks every 100 ms, the last hop counted only when whole.
        let whole = count * Self.grain / hop
        var blocks: [Double] = []
        if whole >= 4 {
            var window = hops[0..<4].reduce(0, +)
            for last in 3..<whole {
                if last > 3 { window += hops[last] - hops[last - 4] }
                let momentary = window / Double(4 * hop)
                if momentary >= GatedLoudness.absoluteGate { blocks.append(momentary) }
            }
        }
        return GatedLoudness.integrated(blocks: blocks)
    }
}
