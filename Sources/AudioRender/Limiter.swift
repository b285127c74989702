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
        // Only frames near a peak over the ceiling can be turned down; the rest of the
        // curve stays 1. The frames over it, then the spans around them (the look-ahead
        // minimum and the smoothing box reach `reach` frames either side).
        let half = max(1, lookAhead / 2)
        let reach = lookAhead + half
        var spans: [Range<Int>] = []
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                for index in 0..<count where max(abs(l[index]), abs(r[index])) > ceiling {
                    let span = max(0, index - reach)..<min(count, index + reach + 1)
                    if let last = spans.last, last.upperBound >= span.lowerBound {
                        spans[spans.count - 1] = last.lowerBound..<span.upperBound
                    } else {
                        spans.append(span)
                    }
                }
            }
        }
        var curve = [Float](repeating: 1, count: count)
        guard !spans.isEmpty else { return curve }
        // Each span on its own: outside the spans every frame wants 1, so a span's
        // look-ahead minimum and box are the same as over the whole song. The curve never
        // rises above what a frame wants.
        for span in spans {
            var wanted = [Float](repeating: 1, count: span.count)
            for index in span {
                let peak = max(abs(left[index]), abs(right[index]))
                if peak > ceiling { wanted[index - span.lowerBound] = ceiling / peak }
            }
            let smoothed = smooth(wanted, lookAhead: lookAhead, half: half)
            for index in span {
                curve[index] = min(smoothed[index - span.lowerBound], wanted[index - span.lowerBound])
            }
        }
        // Release: the gain recovers towards 1 at the release rate. Where it has
        // recovered and no span is near, it stays 1.
        let step = Float(1 - exp(-1 / max(release, 1)))
        curve.withUnsafeMutableBufferPointer { c in
            var previous: Float = c[0]
            var index = 0, next = 0
            while index < count {
                if previous == 1 {
                    while next < spans.count && spans[next].upperBound <= index { next += 1 }
                    guard next < spans.count else { break }
                    index = max(index, spans[next].lowerBound)
                }
                let value = min(c[index], previous + (1 - previous) * step)
                c[index] = value
                previous = value
                index += 1
            }
        }
        return curve
    }

    /// The look-ahead minimum of the gains frames want, then a box average of it over
    /// ±`half`: every value in the box is a minimum taken over a range that includes this
    /// frame, so the average stays ≤ wanted.
    static func smooth(_ wanted: [Float], lookAhead: Int, half: Int) -> [Float] {
        let count = wanted.count
        let held = slidingMinimum(wanted, radius: lookAhead)
        var curve = [Float](repeating: 1, count: count)
        held.withUnsafeBufferPointer { h in
            curve.withUnsafeMutableBufferPointer { c in
                var sum = 0.0
                var low = 0, high = -1   // the window summed: h[low...high]
                for index in 0..<count {
                    let newHigh = min(count - 1, index + half), newLow = max(0, index - half)
                    while high < newHigh { high += 1; sum += Double(h[high]) }
                    while low < newLow { sum -= Double(h[low]); low += 1 }
                    c[index] = Float(sum / Double(high - low + 1))
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
