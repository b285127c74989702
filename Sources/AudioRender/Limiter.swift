import Foundation

/// A stereo-linked look-ahead peak limiter that computes a gain curve rather than
/// processing audio, so the same curve can be applied to the mix and to every stem.
///
/// For each frame the gain that would keep it under the ceiling is `ceiling / peak` (1
/// where the frame is under it). The curve takes the minimum of that over ±`lookAhead`
/// frames, smooths it with a box of ±`lookAhead / 2` frames (so gain starts falling before
/// a peak arrives, with no click), never rises above what the frame itself wants, and
/// recovers with a `release` time constant. Each step only lowers the curve, so no frame
/// ever exceeds the ceiling.
///
/// It runs block by block (`curve(for:envelope:)`) as a streaming render hands it a
/// block and its look-ahead; a frame's gain depends only on the frames within
/// `reach` of it and on the gain just before, so the curve is the same however the song
/// is cut into blocks.
public struct Limiter {
    public let ceiling: Float
    public let lookAhead: Int
    let half: Int
    /// How far either side of a frame its gain looks: the minimum's radius and the box's.
    public let reach: Int
    /// Frames in the whole song.
    let total: Int
    private let step: Float
    /// The last gain handed out: where the release goes on from.
    private var previous: Float = 1
    /// The envelope of the `reach` frames before the next block.
    private var kept: [Float] = []
    private var next = 0

    /// - Parameters:
    ///   - ceiling: the highest sample value allowed (linear).
    ///   - lookAhead: frames of look-ahead (5 ms is typical).
    ///   - release: frames for the gain to recover about 63% of the way.
    ///   - frames: the length of the whole song.
    public init(ceiling: Float, lookAhead: Int, release: Double, frames: Int) {
        self.ceiling = ceiling
        self.lookAhead = max(0, lookAhead)
        half = max(1, lookAhead / 2)
        reach = self.lookAhead + half
        total = frames
        step = Float(1 - exp(-1 / max(release, 1)))
    }

    /// The gains for frames `block` (which must follow the last block asked for), from
    /// the envelope — each frame's highest absolute sample — of the block and the `reach`
    /// frames after it (fewer at the song's end).
    /// - Complexity: O(block + reach).
    public mutating func curve(for block: Range<Int>, envelope: UnsafeBufferPointer<Float>) -> [Float] {
        precondition(block.lowerBound == next, "blocks are asked for in order")
        next = block.upperBound
        let windowStart = block.lowerBound - kept.count
        let window = kept + envelope
        kept = Array(window[max(0, block.upperBound - reach - windowStart)..<(block.upperBound - windowStart)])
        var curve = [Float](repeating: 1, count: block.count)
        if window.contains(where: { $0 > ceiling }) {
            let wanted = window.map { $0 > ceiling ? ceiling / $0 : 1 }
            let held = Limiter.slidingMinimum(wanted, radius: lookAhead)
            // A box average of the held minimum over ±half (cut at the song's ends): every
            // value in the box is a minimum over a range that includes this frame, so the
            // average stays ≤ wanted.
            held.withUnsafeBufferPointer { h in
                var sum = 0.0
                var low = 0, high = -1   // the window summed: h[low...high]
                for index in block {
                    let at = index - windowStart
                    let newHigh = min(window.count - 1, at + half), newLow = max(0, at - half)
                    if high < newLow - 1 || low > newLow { sum = 0; low = newLow; high = newLow - 1 }
                    while high < newHigh { high += 1; sum += Double(h[high]) }
                    while low < newLow { sum -= Double(h[low]); low += 1 }
                    curve[index - block.lowerBound] = min(Float(sum / Double(high - low + 1)), wanted[at])
                }
            }
        }
        // Release: the gain recovers towards 1 at the release rate, never above what the
        // frame wants.
        if previous < 1 || curve.contains(where: { $0 < 1 }) {
            curve.withUnsafeMutableBufferPointer { c in
                for index in c.indices {
                    let value = min(c[index], previous + (1 - previous) * step)
                    c[index] = value
                    previous = value
                }
            }
        }
        return curve
    }

    /// The whole curve for a song in memory.
    public static func gainCurve(left: [Float], right: [Float], ceiling: Float, lookAhead: Int, release: Double) -> [Float] {
        let count = min(left.count, right.count)
        var limiter = Limiter(ceiling: ceiling, lookAhead: lookAhead, release: release, frames: count)
        let envelope = (0..<count).map { max(abs(left[$0]), abs(right[$0])) }
        var curve: [Float] = []
        curve.reserveCapacity(count)
        envelope.withUnsafeBufferPointer { all in
            var start = 0
            while start < count {
                let end = min(count, start + Mastering.block), ahead = min(count, end + limiter.reach)
                curve += limiter.curve(for: start..<end, envelope: UnsafeBufferPointer(rebasing: all[start..<ahead]))
                start = end
            }
        }
        return curve
    }

    /// The minimum of `values` over [i − radius, i + radius] for each i, with a
    /// monotonic queue.
    static func slidingMinimum(_ values: [Float], radius: Int) -> [Float] {
        let count = values.count
        var result = [Float](repeating: 1, count: count)
        // A ring buffer of indices whose values increase from head to tail.
        let capacity = 2 * radius + 2
        var queue = [Int](repeating: 0, count: capacity)
        values.withUnsafeBufferPointer { v in
            result.withUnsafeMutableBufferPointer { out in
                queue.withUnsafeMutableBufferPointer { q in
                    var head = 0, size = 0, next = 0
                    for index in 0..<count {
                        let right = min(count - 1, index + radius)
                        while next <= right {
                            while size > 0, v[q[(head + size - 1) % capacity]] >= v[next] { size -= 1 }
                            q[(head + size) % capacity] = next
                            size += 1
                            next += 1
                        }
                        while q[head] < index - radius { head = (head + 1) % capacity; size -= 1 }
                        out[index] = v[q[head]]
                    }
                }
            }
        }
        return result
    }
}
