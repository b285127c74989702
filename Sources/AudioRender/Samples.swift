/// Whole-buffer arithmetic on samples, through buffer pointers: these loops run over
/// millions of frames per render, and indexing arrays one element at a time (with its
/// bounds and exclusivity checks) made them the slowest part of mastering.
enum Samples {
    /// buffer[i] ×= factor
    static func scale(inPlace buffer: inout [Float], by factor: Float) {
        buffer.withUnsafeMutableBufferPointer { samples in
            for index in samples.indices { samples[index] *= factor }
        }
    }

    /// target[i] = source[i] × factor
    static func scale(_ source: [Float], by factor: Float, into target: inout [Float]) {
        source.withUnsafeBufferPointer { input in
            target.withUnsafeMutableBufferPointer { output in
                for index in 0..<min(input.count, output.count) { output[index] = input[index] * factor }
            }
        }
    }

    /// target[i] ×= factors[i]
    static func multiply(_ target: inout [Float], by factors: [Float]) {
        factors.withUnsafeBufferPointer { gains in
            target.withUnsafeMutableBufferPointer { output in
                for index in 0..<min(gains.count, output.count) { output[index] *= gains[index] }
            }
        }
    }

    /// target[i] += source[i]
    static func add(_ source: [Float], to target: inout [Float]) {
        source.withUnsafeBufferPointer { input in
            target.withUnsafeMutableBufferPointer { output in
                for index in 0..<min(input.count, output.count) { output[index] += input[index] }
            }
        }
    }
}
