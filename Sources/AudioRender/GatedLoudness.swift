import Foundation

/// Integrated loudness (ITU-R BS.1770-4) of stereo audio fed in order, as libebur128
/// measures it: its K-weighting filter with its coefficients for the sample rate, a 400 ms
/// gating block every 100 ms from the start, the absolute gate at −70 LUFS and the relative
/// gate 10 LU under the mean of the blocks that pass it. A test holds it to libebur128's
/// `ebur128_loudness_global` within a millionth of a decibel.
///
/// With them, as libebur128 measures them too, the loudness range (EBU Tech 3342: a 3 s
/// short-term window every second from the third, absolute gate, relative gate 20 LU under
/// their mean, the 10th to the 95th percentile) and each channel's sample peak.
///
/// Why measured here: the balance and mastering's first look ask for the integrated
/// loudness of every bar of each part and of every section, a dozen passes over a song's
/// stems, and libebur128 filters one channel after the other through one fourth-order
/// section in a single chain of dependent operations: on a calm sketch its filter took a
/// quarter of the render's CPU. Here both channels go through in one pair of SIMD lanes,
/// as two second-order sections whose feedback chains overlap, and no block buffer is kept.
/// The final pass measured the files' loudness and range with libebur128 beside this meter
/// (which it ran anyway for the loudest windows) until libebur128's filter was 7% of a
/// 3-minute render's CPU; the tests hold every figure to libebur128's on the same frames.
struct GatedLoudness {
    /// Energies of the gating blocks that passed the absolute gate.
    var blocks: [Double] { gate.blocks }
    /// Energies of the short-term windows (3 s, one a second from 3 s on) that passed the
    /// absolute gate: what the loudness range is taken from.
    var shortTermBlocks: [Double] { gate.shortTermBlocks }
    /// The largest energy of a momentary (400 ms) and a short-term (3 s) window ending on a
    /// hop, the song before its start taken as silence, as libebur128's windows take it.
    var loudestMomentary: Double { gate.loudestMomentary }
    var loudestShortTerm: Double { gate.loudestShortTerm }
    private var gate: LoudnessGate
    private var filter: KWeighting
    /// The largest magnitude of each channel's samples.
    private var peak = SIMD2<Double>()

    /// The energy of −70 LUFS.
    static let absoluteGate = pow(10, (-70 + 0.691) / 10)

    init(sampleRate: Int) {
        gate = LoudnessGate(sampleRate: sampleRate)
        filter = KWeighting(sampleRate: sampleRate)
    }

    /// Adds `count` frames of the two channels.
    mutating func add(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int) {
        var index = 0
        while index < count {
            let taken = min(count - index, gate.room)
            var filter = self.filter, sum = gate.current, peak = self.peak
            for n in index..<(index + taken) {
                let x = SIMD2(Double(left[n]), Double(right[n]))
                peak = pointwiseMax(peak, pointwiseMax(x, -x))
                let y = filter(x)
                sum += y * y
            }
            self.filter = filter
            self.peak = peak
            index += taken
            // Flushed at each hop, as libebur128 flushes after each call.
            if gate.add(sum, frames: taken) { self.filter.flushSubnormals() }
        }
    }

    /// The loudest momentary and short-term loudness so far, LUFS (EBU R128's maximum
    /// momentary and short-term loudness, which a Broadcast Wave file's `bext` chunk carries).
    var maxMomentary: Double { GatedLoudness.lufs(loudestMomentary) }
    var maxShortTerm: Double { GatedLoudness.lufs(loudestShortTerm) }
    static func lufs(_ energy: Double) -> Double { energy > 0 ? 10 * log10(energy) - 0.691 : -.infinity }

    /// LUFS of the frames so far; −∞ for silence or less than one block.
    var integrated: Double { GatedLoudness.integrated(over: [self]) }

    /// LUFS of a stretch of the frames so far (`LoudnessGate.integrated(frames:)`).
    func integrated(frames: Range<Int>) -> Double { gate.integrated(frames: frames) }

    /// The integrated loudness of several meters' frames taken together, their blocks
    /// gated as one (as `ebur128_loudness_global_multiple` pools them).
    static func integrated(over meters: [GatedLoudness]) -> Double {
        integrated(blocks: meters.flatMap(\.blocks))
    }

    /// The loudness range of the frames so far, LU (0 for less than one short-term window).
    var range: Double { GatedLoudness.range(over: [self]) }

    /// The loudness range of several meters' frames taken together.
    static func range(over meters: [GatedLoudness]) -> Double {
        let sorted = meters.flatMap(\.shortTermBlocks).sorted()
        guard !sorted.isEmpty else { return 0 }
        let relative = sorted.reduce(0, +) / Double(sorted.count) * 0.01
        let kept = sorted.drop { $0 < relative }
        guard !kept.isEmpty else { return 0 }
        let low = kept[kept.startIndex + Int(Double(kept.count - 1) * 0.1 + 0.5)]
        let high = kept[kept.startIndex + Int(Double(kept.count - 1) * 0.95 + 0.5)]
        return lufs(high) - lufs(low)
    }

    /// The largest magnitude of any sample so far, either channel, linear.
    var samplePeak: Double { peak.max() }

    /// The integrated loudness of gating blocks' energies (those over the absolute gate).
    static func integrated(blocks all: [Double]) -> Double {
        guard !all.isEmpty else { return -.infinity }
        let relative = all.reduce(0, +) / Double(all.count) * 0.1
        let kept = all.filter { $0 >= relative }
        guard !kept.isEmpty else { return -.infinity }
        return 10 * log10(kept.reduce(0, +) / Double(kept.count)) - 0.691
    }
}

/// BS.1770's gating of K-weighted energies, fed a hop (100 ms) at a time or in pieces of
/// one: a 400 ms gating block every 100 ms from the start, and the short-term windows the
/// loudness range is taken from. `GatedLoudness` feeds it from its own filter;
/// `StemMeasure` feeds a bar's and a section's gates from one filter.
struct LoudnessGate {
    /// Energies of the gating blocks that passed the absolute gate.
    private(set) var blocks: [Double] = []
    /// Energies of the short-term windows (3 s, one a second from 3 s on) that passed the
    /// absolute gate.
    private(set) var shortTermBlocks: [Double] = []
    private(set) var loudestMomentary = 0.0, loudestShortTerm = 0.0
    /// The two channels' sums of squares in the hop filling now, and its frames.
    private(set) var current = SIMD2<Double>()
    private var filled = 0
    private let hop: Int
    /// Every complete hop's sum of squares, in order (a double per 100 ms: 72,000 for two
    /// hours): the last four make the momentary window, the last thirty the short-term one,
    /// and a stretch of the song is measured from them afterwards (`integrated(frames:)`).
    private(set) var hopSums: [Double] = []

    init(sampleRate: Int) { hop = (sampleRate + 5) / 10 }

    /// Frames until the hop filling now is complete.
    var room: Int { hop - filled }

    /// The hop filling now goes on with `frames` more (at most `room`), its sums now
    /// `sum`; true when that completes the hop.
    mutating func add(_ sum: SIMD2<Double>, frames: Int) -> Bool {
        current = sum
        filled += frames
        guard filled == hop else { return false }
        finishHop()
        return true
    }

    /// A hop is complete: once four are in, the block they make is gated.
    private mutating func finishHop() {
        hopSums.append(current.sum())
        let momentary = hopSums.suffix(4).reduce(0, +) / Double(4 * hop)
        loudestMomentary = max(loudestMomentary, momentary)
        let shortTerm = hopSums.suffix(30).reduce(0, +) / Double(30 * hop)
        loudestShortTerm = max(loudestShortTerm, shortTerm)
        // libebur128 takes a short-term window for the range at 3 s, then every second.
        if hopSums.count >= 30 && hopSums.count % 10 == 0 && shortTerm >= GatedLoudness.absoluteGate { shortTermBlocks.append(shortTerm) }
        current = SIMD2()
        filled = 0
        // A gating block is a momentary window with all four of its hops heard.
        if hopSums.count >= 4 && momentary >= GatedLoudness.absoluteGate { blocks.append(momentary) }
    }

    /// LUFS of the blocks so far; −∞ for silence or less than one block.
    var integrated: Double { GatedLoudness.integrated(blocks: blocks) }

    /// LUFS of the stretch `frames` of what was measured: its gating blocks, every 100 ms
    /// from the first hop that starts in it, each with all four of its hops inside it, gated
    /// as a whole song's are; −∞ for silence or a stretch under 400 ms. Why: a render says
    /// how loud each playing of its form came out, from the one pass that measured the
    /// mastered mix rather than a pass per section (ffmpeg's `ebur128` on the same stretch
    /// differs only by where its blocks fall, under 100 ms).
    func integrated(frames: Range<Int>) -> Double {
        let first = (max(0, frames.lowerBound) + hop - 1) / hop, end = min(hopSums.count, frames.upperBound / hop)
        guard end - first >= 4 else { return -.infinity }
        var blocks: [Double] = []
        for last in (first + 3)..<end {
            let momentary = hopSums[(last - 3)...last].reduce(0, +) / Double(4 * hop)
            if momentary >= GatedLoudness.absoluteGate { blocks.append(momentary) }
        }
        return GatedLoudness.integrated(blocks: blocks)
    }
}

/// BS.1770's K-weighting of two channels at once, with libebur128's coefficients for the
/// sample rate: its pre-filter (a high shelf) and RLB high-pass as two second-order
/// sections, each `y = b0 w + b1 w1 + b2 w2` with `w = x − a1 w1 − a2 w2`, both channels
/// in one pair of SIMD lanes.
struct KWeighting {
    private let shelf: (b0: Double, b1: Double, b2: Double, a1: Double, a2: Double)
    private let highPass: (a1: Double, a2: Double)
    private var w1 = SIMD2<Double>(), w2 = SIMD2<Double>(), u1 = SIMD2<Double>(), u2 = SIMD2<Double>()

    init(sampleRate: Int) {
        let rate = Double(sampleRate)
        var f0 = 1681.974450955533, q = 0.7071752369554196
        let gain = 3.999843853973347
        var k = tan(Double.pi * f0 / rate)
        let vh = pow(10.0, gain / 20.0), vb = pow(vh, 0.4996667741545416)
        let a0 = 1.0 + k / q + k * k
        shelf = ((vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0)
        f0 = 38.13547087602444
        q = 0.5003270373238773
        k = tan(Double.pi * f0 / rate)
        highPass = (2.0 * (k * k - 1.0) / (1.0 + k / q + k * k), (1.0 - k / q + k * k) / (1.0 + k / q + k * k))
    }

    /// The next frame, filtered. Each section's feedback is taken as
    /// `(input − a2 w2) − a1 w1`: only the last product and one subtraction wait for the
    /// frame before (the older state's term is ready a frame early), which runs the filter
    /// in two thirds of the time of `input − (a1 w1 + a2 w2)`.
    @inline(__always) mutating func callAsFunction(_ x: SIMD2<Double>) -> SIMD2<Double> {
        let w = (x - shelf.a2 * w2) - shelf.a1 * w1
        let shelved = shelf.b0 * w + shelf.b1 * w1 + shelf.b2 * w2
        let u = (shelved - highPass.a2 * u2) - highPass.a1 * u1
        let y = u - 2 * u1 + u2
        w2 = w1; w1 = w
        u2 = u1; u1 = u
        return y
    }

    /// A decaying filter in a long silence would reach subnormal values, slow on every
    /// processor: they are set to zero.
    mutating func flushSubnormals() {
        for lane in 0..<2 {
            if abs(w1[lane]) < Double.leastNormalMagnitude { w1[lane] = 0 }
            if abs(w2[lane]) < Double.leastNormalMagnitude { w2[lane] = 0 }
            if abs(u1[lane]) < Double.leastNormalMagnitude { u1[lane] = 0 }
            if abs(u2[lane]) < Double.leastNormalMagnitude { u2[lane] = 0 }
        }
    }
}
