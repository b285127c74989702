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
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                wanted.withUnsafeMutableBufferPointer { w in
                    for index in 0..<count {
                        let peak = max(abs(l[index]), abs(r[index]))
                        if peak > ceiling { w[index] = ceiling / peak }
                    }
                }
            }
        }
        let held = slidingMinimum(wanted, radius: lookAhead)
        // Box average of `held` over ±lookAhead/2: every value in the window is a minimum
        // taken over a range that includes this frame, so the average stays ≤ wanted. A
        // running sum over the window (no frames-long prefix array: at 3 minutes that
        // would be 65 MB more at the render's memory peak).
        let half = max(1, lookAhead / 2)
        var curve = [Float](repeating: 1, count: count)
        let step = Float(1 - exp(-1 / max(release, 1)))
        held.withUnsafeBufferPointer { h in
            wanted.withUnsafeBufferPointer { w in
                curve.withUnsafeMutableBufferPointer { c in
                    var sum = 0.0
                    var low = 0, high = -1   // the window summed: h[low...high]
                    for index in 0..<count {
                        let newHigh = min(count - 1, index + half), newLow = max(0, index - half)
                        while high < newHigh { high += 1; sum += Double(h[high]) }
                        while low < newLow { sum -= Double(h[low]); low += 1 }
                        c[index] = Float(sum / Double(high - low + 1))
                    }
                    var previous: Float = c[0]
                    for index in 0..<count {
                        let recovering = previous + (1 - previous) * step
                        let value = min(c[index], recovering, w[index])
                        c[index] = value
                        previous = value
                    }
                }
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
