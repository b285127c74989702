import Foundation

/// A stereo-linked look-ahead peak limiter that computes a gain curve rather than
/// processing audio, so the same curve can be applied to the mix and to every stem.
///
/// For each frame the gain that would keep it under the ceiling is `ceiling / peak`.
/// The curve takes the minimum of that over ±`lookAhead` frames, smooths it with a box
/// of `lookAhead` frames (so gain starts falling before a peak arrives, with no click),
/// and recovers with a `release` time constant. Each step only lowers the curve, so no
/// frame ever exceeds the ceiling.
public enum Limiter {
    /// - Parameters:
    ///   - ceiling: the highest sample value allowed (linear).
    ///   - lookAhead: frames of look-ahead (5 ms is typical).
    ///   - release: frames for the gain to recover about 63% of the way.
    /// - Returns: one gain per frame, each in 0…1.
    /// - Complexity: O(frames).
    public static func gainCurve(left: [Float], right: [Float], ceiling: Float, lookAhead: Int, release: Double) -> [Float] {
        let count = left.count
        guard count > 0 else { return [] }
        var wanted = [Float](repeating: 1, count: count)
        for index in 0..<count {
            let peak = max(abs(left[index]), abs(right[index]))
            if peak > ceiling { wanted[index] = ceiling / peak }
        }
        let held = slidingMinimum(wanted, radius: lookAhead)
        // Box average of `held` over ±lookAhead/2: every value in the window is a minimum
        // taken over a range that includes this frame, so the average stays ≤ wanted.
        let half = max(1, lookAhead / 2)
        var prefix = [Double](repeating: 0, count: count + 1)
        for index in 0..<count { prefix[index + 1] = prefix[index] + Double(held[index]) }
        var curve = [Float](repeating: 1, count: count)
        for index in 0..<count {
            let low = max(0, index - half), high = min(count - 1, index + half)
            curve[index] = Float((prefix[high + 1] - prefix[low]) / Double(high - low + 1))
        }
        let step = Float(1 - exp(-1 / max(release, 1)))
        var previous: Float = curve[0]
        for index in 0..<count {
            let recovering = previous + (1 - previous) * step
            let value = min(curve[index], recovering, wanted[index])
            curve[index] = value
            previous = value
        }
        return curve
    }

    /// The minimum of `values` over [i − radius, i + radius] for each i, with a
    /// monotonic queue.
    static func slidingMinimum(_ values: [Float], radius: Int) -> [Float] {
        let count = values.count
        var result = [Float](repeating: 1, count: count)
        var queue = [Int]()
        queue.reserveCapacity(2 * radius + 2)
        var head = 0
        var next = 0
        for index in 0..<count {
            let right = min(count - 1, index + radius)
            while next <= right {
                while queue.count > head, let last = queue.last, values[last] >= values[next] { queue.removeLast() }
                queue.append(next)
                next += 1
            }
            while queue[head] < index - radius { head += 1 }
            result[index] = values[queue[head]]
            if head > 4096 { queue.removeFirst(head); head = 0 }
        }
        return result
    }
}
