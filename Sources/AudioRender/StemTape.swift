@preconcurrency import CSndfile
import CSampleKernels
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

/// One stem's raw samples while a render masters them, in a scratch file of the render's
/// staging folder that is unlinked the moment it is made. The samples take disk, not
/// memory (at most about 1 GB a stem for an hour of music), and the space goes back when
/// the tape is dropped, or when the process ends, however it ends: a killed render leaves
/// no tape behind.
///
/// Each chunk of a channel is held as 24-bit steps of a power of two set by its loudest
/// sample (block floating point): every sample comes back within 2^-23 of that chunk's
/// peak (138 dB under it), silence as silence. The steps go on the tape without loss
/// (`cowrite_tape_encode`: each 256 frames as left and right or mid and side, as samples
/// or their differences, in as few bits as they need), and come back as the very same
/// floats. Why: after the synthesis a render is bound by the disk, not the processor;
/// reading the tapes twice and writing the files kept it 95–100% busy while the processor
/// waited (`/proc/diskstats` and `/proc/stat` sampled through a 30-minute render: the last
/// pass at one core of two, the disk busy 94–98% of each half second). The benchmark
/// song's 30-minute tapes took 161, 200, 316, 382 and 407 MB where the steps as they were
/// took 477 MB each (61% of the bytes); its render went from 10.10–10.61 s to 9.31–9.87 s
/// (three alternating runs each, the same files to the bit), for 0.8 s more processor
/// time, most of it decoding on the tapes' own threads. The stems still sum to the mix exactly: mastering reads the tape as it is, and the mix
/// is the sum of what it read.
///
/// The tape is written and read a chunk (131,072 frames, at most 772 KB encoded) at a
/// time past the page cache (`O_DIRECT`), the next chunk read and decoded ahead on another
/// thread while the reader works on this one. Why: on this project's machines memory the system has not touched for a
/// few seconds costs the kernel about 2–3 ms a megabyte to hand out again (the virtual
/// machine gives idle pages back to its host, as many do), and a tape written through the
/// page cache takes that much fresh memory: `perf` put 18% of a 3-minute render's CPU in
/// copying the tapes into the cache (`copy_folio_from_iter_atomic`), where `dd` writes and
/// reads 400 MB past the cache in 0.03 s of system time. Written past the cache, the bytes
/// go from a few chunk buffers the tape reuses, in one allocation the kernel is asked to
/// back with huge pages (a direct transfer pins each page of its buffer: 256 small pages
/// a chunk). A file system that refuses direct transfers (tmpfs on older kernels) gets
/// ordinary ones, with the same chunks. A chunk on the file starts on a multiple of 4,096
/// bytes after the one before it, its place and length kept in memory.
///
/// A full chunk is written on a thread of its own while the synth fills the next
/// (`WriteBehind`); any read waits for it, and a write that failed stops the next append
/// or read.
///
/// A render's tapes may hold some of their chunks in memory instead (`TapeMemory`): a
/// chunk held is encoded into memory of its own and never goes to the file, so neither
/// pass after the synthesis reads it from the disk.
public final class StemTape: StemReader, StemRecorder, @unchecked Sendable {
    private let descriptor: Int32
    /// The memory this tape's chunks may be held in, shared with the render's other tapes.
    private let memoryBudget: TapeMemory?
    /// Where each chunk is, as encoded: on the file or held in memory. Changed only by the
    /// chunk's writing, which every reader waits for.
    private var places: [Place] = []
    /// Where the next chunk goes on the file.
    private var fileEnd = 0
    /// The chunk last sent to be read ahead.
    private var requested = -1
    private let path: String
    static let chunkFrames = 131_072
    /// The most a chunk takes on the file (`cowrite_tape_bound`, rounded up to a multiple
    /// of 4,096, as direct transfers need): what noise takes; music takes less.
    static let chunkCapacity = (cowrite_tape_bound(chunkFrames) + 4095) / 4096 * 4096
    /// A chunk of floats, two channels.
    static let floatChunkBytes = chunkFrames * 8
    /// Whether the descriptor transfers past the page cache.
    private var direct: Bool
    /// Whether the tape transfers past the page cache (for the tests).
    var isDirect: Bool { direct }
    /// Frames on the tape, written or waiting to be.
    public var frames: Int { chunksWritten * StemTape.chunkFrames + pendingFrames }
    /// Whole chunks on the file.
    private var chunksWritten = 0
    /// The chunk being filled, its frames, and whether the file holds it as it stands (a
    /// partial chunk is written, padded with silence, before the first read).
    private var pending: UnsafeMutablePointer<Float>
    private var pendingFrames = 0
    private var pendingOnFile = true
    /// The buffer the last full chunk went out from, free again once `writer` is waited for.
    private var spare: UnsafeMutablePointer<Float>
    /// Where a chunk is encoded to go on the file, free again once `writer` is waited for.
    private let packed: UnsafeMutablePointer<UInt8>
    /// Where a chunk read from the file lands before it is decoded: used by one read at a
    /// time (a read waits for the one ahead).
    private let incoming: UnsafeMutablePointer<UInt8>
    /// Each chunk's two channels' steps (what a sample on the file is multiplied by).
    private var scales: [SIMD2<Float>] = []
    private let writer = WriteBehind(label: "cowrite.tape-output")
    /// Chunks read and decoded: the one read last, the one before it (a block and its
    /// look-ahead can straddle two), and the next one, read ahead.
    private var current: Chunk
    private var previous: Chunk
    private var ahead: Chunk
    private let reading = DispatchGroup()
    /// The tape's own thread for reading ahead: the shared pool's threads may all be
    /// encoding files when the next chunk is wanted (the last pass's reads waited on them).
    private let reader = DispatchQueue(label: "cowrite.tape-input")
    private let lock = NSLock()

    /// The chunk buffers (five of floats, two encoded), in one allocation.
    private let memory: UnsafeMutableRawPointer

    /// A chunk of the tape decoded: its left channel's samples, then its right's.
    private final class Chunk: @unchecked Sendable {
        let samples: UnsafeMutablePointer<Float>
        var index = -1
        init(_ samples: UnsafeMutablePointer<Float>) { self.samples = samples }
    }

    /// Where a chunk's encoded bytes are, and how many there are.
    private enum Place {
        /// On the file from `offset` (a multiple of 4,096).
        case file(offset: Int, length: Int)
        /// In memory of its own, taken from the render's budget.
        case held(UnsafeMutablePointer<UInt8>, length: Int)

        var length: Int {
            switch self {
            case .file(_, let length), .held(_, let length): length
            }
        }
    }

    /// A tape in `folder` (a render's staging folder); errors name it as the scratch files
    /// of the render into `output`. `direct: false` makes ordinary transfers from the start,
    /// as on a file system that refuses direct ones (for the tests).
    public init(in folder: Folder, for output: String, direct wanted: Bool = true, memory budget: TapeMemory? = nil) throws(RenderError) {
        memoryBudget = budget
        path = output + " (the stems' scratch files)"
        descriptor = try folder.makeScratchFile(Folder.temporaryName(".tape"))
        let flags = fcntl(descriptor, F_GETFL)
        direct = wanted && cowrite_o_direct != 0 && flags >= 0 && fcntl(descriptor, F_SETFL, flags | cowrite_o_direct) == 0
        let memory = StemTape.allocateChunks()
        func floats(_ index: Int) -> UnsafeMutablePointer<Float> {
            (memory + 2 * StemTape.chunkCapacity + index * StemTape.floatChunkBytes).bindMemory(to: Float.self, capacity: 2 * StemTape.chunkFrames)
        }
        func bytes(_ index: Int) -> UnsafeMutablePointer<UInt8> {
            (memory + index * StemTape.chunkCapacity).bindMemory(to: UInt8.self, capacity: StemTape.chunkCapacity)
        }
        self.memory = memory
        packed = bytes(0)
        incoming = bytes(1)
        pending = floats(0)
        spare = floats(1)
        current = Chunk(floats(2))
        previous = Chunk(floats(3))
        ahead = Chunk(floats(4))
    }

    deinit {
        _ = writer.wait()
        reading.wait()
        free(memory)
        for case .held(let bytes, let length) in places {
            bytes.deallocate()
            memoryBudget?.give(length)
        }
        // Closing the last descriptor of an unlinked file gives its blocks back, which on a
        // disk mounted with online discard is about a tenth of a second for half an hour of
        // a stem (`rm` of a 635 MB file: 0.11–0.12 s; of 65 MB: 0.01 s): done on a thread
        // of its own, while the render writes its last files.
        let descriptor = self.descriptor
        StemTape.closing.async { close(descriptor) }
    }

    /// Where tapes' descriptors are closed.
    private static let closing = DispatchQueue(label: "cowrite.tape-close")

    /// Waits until every tape let go has given its disk back: a render asks before it
    /// measures the free space, or the render just before it would count against it.
    static func awaitClosing() { closing.sync {} }

    /// Memory for two encoded chunks and five of floats on a huge page's boundary (2 MB:
    /// also the alignment direct transfers need; each encoded chunk starts on a multiple of
    /// 4,096), which the kernel is asked to back with huge pages.
    private static func allocateChunks() -> UnsafeMutableRawPointer {
        var memory: UnsafeMutableRawPointer?
        let size = 2 * chunkCapacity + 5 * floatChunkBytes
        guard posix_memalign(&memory, 2 << 20, size) == 0, let memory else { fatalError("out of memory for a tape's chunks") }
        _ = madvise(memory, size, MADV_HUGEPAGE)
        return memory
    }

    /// What a channel's samples are multiplied by to go on the file, and what the file's
    /// are multiplied by to come back: powers of two, so both are exact, with the loudest
    /// sample under full scale. Under 2^-60 (−361 dB) a channel is silence; a channel
    /// with an infinity clips at ±1, as a file would.
    static func steps(peak: Float) -> (multiplier: Float, scale: Float) {
        guard peak.isFinite else { return (1, 0x1p-23) }
        guard peak >= 0x1p-60 else { return (0, 0) }
        // peak = m × 2^k with m in [0.5, 1): samples times 2^-k lie within ±1.
        let k = Int(peak.exponent) + 1
        return (Float(sign: .plus, exponent: -k, significand: 1), Float(sign: .plus, exponent: k - 23, significand: 1))
    }

    /// The steps of a chunk of floats' two channels.
    private static func steps(of chunk: UnsafeMutablePointer<Float>) -> (multipliers: SIMD2<Float>, scales: SIMD2<Float>) {
        let left = steps(peak: cowrite_peak(chunk, chunkFrames)), right = steps(peak: cowrite_peak(chunk + chunkFrames, chunkFrames))
        return (SIMD2(left.multiplier, right.multiplier), SIMD2(left.scale, right.scale))
    }

    /// Records chunk `index`'s scales (a chunk written again replaces them).
    private func record(_ scale: SIMD2<Float>, for index: Int) {
        if index == scales.count { scales.append(scale) } else { scales[index] = scale }
    }

    /// Appends `count` frames of the two channels.
    public func append(left: UnsafePointer<Float>, right: UnsafePointer<Float>, count: Int) throws(RenderError) {
        lock.lock()
        defer { lock.unlock() }
        var done = 0
        while done < count {
            let taken = min(count - done, StemTape.chunkFrames - pendingFrames)
            (pending + pendingFrames).update(from: left + done, count: taken)
            (pending + StemTape.chunkFrames + pendingFrames).update(from: right + done, count: taken)
            pendingFrames += taken
            pendingOnFile = false
            done += taken
            if pendingFrames == StemTape.chunkFrames {
                try sendPending()
                chunksWritten += 1
                pendingFrames = 0
                pendingOnFile = true
            }
        }
    }

    /// Waits for the chunk on its way; throws if it could not be written.
    private func awaitWrite() throws(RenderError) {
        let code = writer.wait()
        if code != 0 { throw .io(path: path, code: code) }
    }

    /// Forgets chunk `index` as read before: it is about to be written again.
    private func forgetRead(_ index: Int) {
        reading.wait()
        for chunk in [current, previous, ahead] where chunk.index == index { chunk.index = -1 }
        if requested == index { requested = -1 }
    }

    /// Sends the full chunk being filled to its place on `writer`, and fills the other
    /// buffer meanwhile.
    private func sendPending() throws(RenderError) {
        try awaitWrite()
        // A chunk on the file is read from the file again: one read before it may hold
        // what it was.
        forgetRead(chunksWritten)
        nonisolated(unsafe) let full = pending
        let index = chunksWritten
        pending = spare
        spare = full
        // The scales now, the encoding with the writing (a read waits for the writing).
        let steps = StemTape.steps(of: full)
        record(steps.scales, for: index)
        writer.send { [self] in store(full, by: steps.multipliers, as: index) }
    }

    /// Writes the chunk being filled at its place, a partial one padded with silence.
    private func writePending() throws(RenderError) {
        try awaitWrite()
        (pending + pendingFrames).update(repeating: 0, count: StemTape.chunkFrames - pendingFrames)
        (pending + StemTape.chunkFrames + pendingFrames).update(repeating: 0, count: StemTape.chunkFrames - pendingFrames)
        let steps = StemTape.steps(of: pending)
        record(steps.scales, for: chunksWritten)
        let code = store(pending, by: steps.multipliers, as: chunksWritten)
        guard code == 0 else { throw .io(path: path, code: code) }
        // A chunk on the file is read from the file again: one read before it may hold
        // what it was.
        forgetRead(chunksWritten)
    }

    /// Encodes a chunk of floats as chunk `index` and puts it in its place: in memory if
    /// the render's budget has room for it, else on the file after the chunks there (a
    /// chunk written again, always the last, where it was). 0, or the errno that stopped it.
    private func store(_ chunk: UnsafeMutablePointer<Float>, by multipliers: SIMD2<Float>, as index: Int) -> Int32 {
        let length = cowrite_tape_encode(chunk, chunk + StemTape.chunkFrames, StemTape.chunkFrames, multipliers.x, multipliers.y, packed)
        // Written before (a partial chunk read, then filled): its old place goes back.
        let old = index < places.count ? places[index] : nil
        switch old {
        case .held(let bytes, let length):
            bytes.deallocate()
            memoryBudget?.give(length)
        case .file(let offset, _):
            fileEnd = offset
        case nil:
            break
        }
        let place: Place
        var code: Int32 = 0
        if let memoryBudget, memoryBudget.take(length) {
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: length)
            copy.update(from: packed, count: length)
            place = .held(copy, length: length)
        } else {
            let bytes = UnsafeRawBufferPointer(start: packed, count: StemTape.padded(length))
            code = Folder.writeAll(descriptor, bytes, at: fileEnd)
            if code == EINVAL && stopDirect() { code = Folder.writeAll(descriptor, bytes, at: fileEnd) }
            // A chunk that could not be written keeps its place (a read of it finds no chunk
            // there and says so), and the failure stops the next append or read.
            place = .file(offset: fileEnd, length: length)
            if code == 0 { fileEnd += bytes.count }
        }
        if old == nil { places.append(place) } else { places[index] = place }
        return code
    }

    /// `length` rounded up to a multiple of 4,096, as direct transfers need.
    private static func padded(_ length: Int) -> Int { (length + 4095) / 4096 * 4096 }

    /// How many chunks are held in memory, once the chunk on its way is (for the tests).
    var heldChunks: Int {
        lock.lock()
        defer { lock.unlock() }
        _ = writer.wait()
        return places.lazy.filter { if case .held = $0 { true } else { false } }.count
    }

    /// The bytes the chunks take as encoded, in memory and on the file, once the chunk on
    /// its way is (for the tests).
    var encodedBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        _ = writer.wait()
        return places.reduce(0) { $0 + $1.length }
    }

    /// Turns the tape to ordinary transfers; false when it already was.
    private func stopDirect() -> Bool {
        guard direct else { return false }
        direct = false
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~cowrite_o_direct) }
        return true
    }

    /// Reads chunk `index` (from memory or the file) and decodes it into `chunk`; 0 or the
    /// errno that stopped it (EIO for bytes that do not decode). A read ahead leaves a
    /// refusal of direct transfers to the reader's own read.
    private func load(_ index: Int, into chunk: Chunk, ahead: Bool = false) -> Int32 {
        let place = places[index], scale = scales[index]
        chunk.index = -1
        let source: UnsafePointer<UInt8>
        switch place {
        case .held(let bytes, _):
            source = UnsafePointer(bytes)
        case .file(let offset, let length):
            let bytes = UnsafeMutableRawBufferPointer(start: incoming, count: StemTape.padded(length))
            var code = Folder.readAll(descriptor, bytes, at: offset)
            if code == EINVAL && !ahead && stopDirect() { code = Folder.readAll(descriptor, bytes, at: offset) }
            guard code == 0 else { return code }
            source = UnsafePointer(incoming)
        }
        let read = cowrite_tape_decode(source, place.length, StemTape.chunkFrames, scale.x, scale.y,
                                       chunk.samples, chunk.samples + StemTape.chunkFrames)
        guard read == place.length else { return EIO }
        chunk.index = index
        return 0
    }

    /// Chunk `index` decoded, and the next one on its way.
    private func chunk(_ index: Int) throws(RenderError) -> Chunk {
        if current.index == index { return current }
        if previous.index == index { swap(&current, &previous); return current }
        reading.wait()
        let spare = previous
        previous = current
        if ahead.index == index {
            current = ahead
            ahead = spare
        } else {
            current = spare
            let code = load(index, into: current)
            guard code == 0 else { throw .read(path: path, reason: Folder.reason(for: code)) }
        }
        readAhead(index + 1)
        return current
    }

    /// Starts reading and decoding chunk `next` into `ahead`, unless it is past the end or
    /// already there or on its way (`requested`: only this and a chunk written again change
    /// what `ahead` holds).
    private func readAhead(_ next: Int) {
        let count = chunksWritten + (pendingFrames > 0 ? 1 : 0)
        guard next < count, requested != next else { return }
        reading.wait()
        let target = ahead
        target.index = -1
        requested = next
        reading.enter()
        reader.async { [self] in
            _ = load(next, into: target, ahead: true)
            reading.leave()
        }
    }

    public func read(_ range: Range<Int>, into buffer: inout StereoBuffer) throws(RenderError) {
        lock.lock()
        defer { lock.unlock() }
        try awaitWrite()
        if !pendingOnFile && pendingFrames > 0 {
            try writePending()
            pendingOnFile = true
        }
        let end = min(range.upperBound, frames), start = min(range.lowerBound, end)
        // The caller's buffer is filled again where it has the size (mastering reads the
        // same size of block over and over), with silence past the tape's end.
        if buffer.frames != range.count {
            buffer = StereoBuffer(frames: range.count)
        } else if end - start < range.count {
            let heard = end - start
            buffer.left.withUnsafeMutableBufferPointer { ($0.baseAddress! + heard).update(repeating: 0, count: range.count - heard) }
            buffer.right.withUnsafeMutableBufferPointer { ($0.baseAddress! + heard).update(repeating: 0, count: range.count - heard) }
        }
        var frame = start
        while frame < end {
            let index = frame / StemTape.chunkFrames, first = frame - index * StemTape.chunkFrames
            let count = min(end - frame, StemTape.chunkFrames - first)
            let chunk = try chunk(index)
            buffer.left.withUnsafeMutableBufferPointer {
                ($0.baseAddress! + (frame - start)).update(from: chunk.samples + first, count: count)
            }
            buffer.right.withUnsafeMutableBufferPointer {
                ($0.baseAddress! + (frame - start)).update(from: chunk.samples + StemTape.chunkFrames + first, count: count)
            }
            frame += count
        }
    }
}

/// The memory a render's tapes may hold chunks in instead of the disk, shared by all of
/// them, taken first come, first served, as the chunks are written.
///
/// Why: after the synthesis a render waits on the disk (the first look reads every part's
/// tape and writes the reverb's; the limiting pass reads them all and writes the files),
/// and a chunk held in memory is a chunk neither pass reads. 64 MB (85 chunks as 24-bit
/// steps, a quarter of a 3-minute song's five tapes, before the chunks were encoded) took
/// the benchmark song's median render from 1.090 s to 1.050 s and its peak memory
/// from 108 to 180 MB (15 alternating runs each); 128 MB took the peak to 245 MB, too near
/// the 250 MB a render is held to. The held chunks are ordinary memory, not huge pages: on
/// this project's machines 96 MB of huge pages the system had not touched for a few
/// seconds took 110–220 ms to hand out (6 ms when just freed), 96 MB of small pages
/// 35–45 ms whenever asked.
public final class TapeMemory: @unchecked Sendable {
    /// What a render's tapes may hold: 56 MB of encoded chunks, more music than the 64 MB
    /// of 24-bit steps it was, and 8 MB less, as each tape's buffers grew by 1.6 MB with
    /// the encoding (decoded chunks of floats): a 2-hour song's mix peaked at 225–246 MB
    /// with 64 MB, 216–237 MB with 56 (`/usr/bin/time -v`, runs alternating).
    public static let renderBytes = 56 << 20
    private let lock = NSLock()
    private var left: Int

    public init(bytes: Int) { left = bytes }

    /// Takes `bytes` of the budget if it has them.
    func take(_ bytes: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard left >= bytes else { return false }
        left -= bytes
        return true
    }

    /// Gives `bytes` taken back (a chunk let go, or written again).
    func give(_ bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        left += bytes
    }
}
