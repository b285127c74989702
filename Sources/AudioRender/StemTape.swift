import Foundation

/// Raw stems that mastering reads a block at a time: a render's stems on disk
/// (`StemTape`), or stems in memory (`StereoBuffer`) for a section played at the prompt.
/// Mastering asks for frames in order, a block and its look-ahead at a time, so however
/// long the song, it holds a few blocks of each stem and never the whole of one.
public protocol StemReader {
    var frames: Int { get }
    /// Frames `range` as two channels of `range.count` samples; frames past the end read
    /// as silence.
    func read(_ range: Range<Int>, into buffer: inout StereoBuffer) throws(RenderError)
}

extension StereoBuffer: StemReader {
    public func read(_ range: Range<Int>, into buffer: inout StereoBuffer) {
        let end = min(range.upperBound, frames), start = min(range.lowerBound, end)
        let silence = repeatElement(Float(0), count: range.count - (end - start))
        buffer.left.removeAll(keepingCapacity: true)
        buffer.right.removeAll(keepingCapacity: true)
        buffer.left += left[start..<end]
        buffer.left += silence
        buffer.right += right[start..<end]
        buffer.right += silence
    }
}

/// Where a stem's synthesizer puts its blocks as they come.
public protocol StemRecorder: AnyObject, Sendable {
    func append(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int) throws(RenderError)
}

/// A stem recorded in memory: for a section played at the prompt, and the tests.
public final class StemMemory: StemRecorder, StemReader, @unchecked Sendable {
    public private(set) var buffer = StereoBuffer(frames: 0)
    public var frames: Int { buffer.frames }

    public func read(_ range: Range<Int>, into target: inout StereoBuffer) { buffer.read(range, into: &target) }

    public init() {}

    public func append(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int) {
        buffer.left.append(contentsOf: UnsafeBufferPointer(start: left, count: count))
        buffer.right.append(contentsOf: UnsafeBufferPointer(start: right, count: count))
    }
}

/// One stem's raw samples while a render masters them: 32-bit floats, interleaved
/// stereo, in a scratch file of the render's staging folder that is unlinked the moment it
/// is made. The samples take disk, not memory (about 1.3 GB a stem for an hour of music),
/// and the space goes back when the tape is dropped, or when the process ends, however it
/// ends: a killed render leaves no tape behind. The page cache keeps recent blocks, so
/// the passes mastering makes read from memory the kernel can take back, not from the
/// render's own.
public final class StemTape: StemReader, StemRecorder, @unchecked Sendable {
    private let descriptor: Int32
    private let path: String
    /// Frames on the tape, written or waiting to be.
    public var frames: Int { written + pending.count / 2 }
    private var written = 0
    /// Interleaved frames not yet written: they reach the file 131,072 frames (1 MB) at a
    /// time, at offsets on the file system's block boundaries, as small writes inside a
    /// block cost the kernel a zeroing and a copy each.
    private var pending: [Float] = []
    private var interleaved: [Float] = []
    private static let gathered = 131_072

    /// A tape in `folder` (a render's staging folder); errors name it as the scratch files
    /// of the render into `output`.
    public init(in folder: Folder, for output: String) throws(RenderError) {
        path = output + " (the stems' scratch files)"
        descriptor = try folder.makeScratchFile(Folder.temporaryName(".tape"))
        pending.reserveCapacity(2 * StemTape.gathered)
    }

    deinit { close(descriptor) }

    /// Appends `count` frames of the two channels.
    public func append(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int) throws(RenderError) {
        var done = 0
        while done < count {
            let waiting = pending.count / 2, taken = min(count - done, StemTape.gathered - waiting)
            pending.append(contentsOf: repeatElement(0, count: 2 * taken))
            pending.withUnsafeMutableBufferPointer {
                Samples.interleave(left: left + done, right: right + done, count: taken, into: $0.baseAddress! + 2 * waiting)
            }
            done += taken
            if pending.count == 2 * StemTape.gathered { try flush() }
        }
    }

    private func flush() throws(RenderError) {
        guard !pending.isEmpty else { return }
        let code = pending.withUnsafeBytes { Folder.writeAll(descriptor, $0, at: 8 * written) }
        guard code == 0 else { throw .io(path: path, code: code) }
        written += pending.count / 2
        pending.removeAll(keepingCapacity: true)
    }

    public func read(_ range: Range<Int>, into buffer: inout StereoBuffer) throws(RenderError) {
        try flush()
        let end = min(range.upperBound, frames), start = min(range.lowerBound, end), count = end - start
        if interleaved.count < 2 * count { interleaved = [Float](repeating: 0, count: 2 * count) }
        let code = interleaved.withUnsafeMutableBufferPointer { buffer -> Int32 in
            Folder.readAll(descriptor, UnsafeMutableRawBufferPointer(start: buffer.baseAddress, count: 8 * count), at: 8 * start)
        }
        guard code == 0 else { throw .read(path: path, reason: Folder.reason(for: code)) }
        buffer = StereoBuffer(frames: range.count)
        interleaved.withUnsafeBufferPointer { samples in
            buffer.left.withUnsafeMutableBufferPointer { l in
                buffer.right.withUnsafeMutableBufferPointer { r in
                    Samples.deinterleave(samples.baseAddress!, count: count, left: l.baseAddress!, right: r.baseAddress!)
                }
            }
        }
    }
}
