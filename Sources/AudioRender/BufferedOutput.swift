@preconcurrency import CSndfile
import Foundation

/// The file under an `AudioFile.Writer`, handed to libsndfile as its virtual I/O: writes
/// gather in a 1 MB buffer and reach the file a megabyte at a time, past the page cache
/// while the file is written straight through.
///
/// Why not libsndfile's own descriptor I/O: it writes each few kilobytes of converted
/// samples as it makes them, at offsets that fall inside the file system's blocks, and the
/// kernel zeroes and re-reads a block for each such write. Measured with `perf` on a
/// 3-minute render with stems, those writes took a fifth of the render's CPU, a third of
/// it the kernel zeroing partly written blocks; gathered, `perf` shows no zeroing, and what
/// the writes cost is copying the bytes.
///
/// Why past the page cache (`O_DIRECT`): Cowrite never reads a render's files back, and
/// copying them into the cache was the kernel's largest cost in a render. On this project's
/// machines (ext4 on a virtual disk) `dd` wrote 500 MB through the cache in 1.2–1.4 s of
/// system time and in 0.09 s with `oflag=direct`. Direct writes need whole aligned blocks
/// from aligned memory, so the buffer is aligned and written only when full; the first
/// write outside what is pending (libsndfile going back to finish the header as it
/// closes), a read, or the end of the file turns the file back to ordinary writes for the
/// rest, which are a few bytes. A file system that refuses direct writes (tmpfs on older kernels, and
/// some network ones) gets ordinary writes from the start.
///
/// Each full megabyte is written on a thread of its own while the next fills
/// (`WriteBehind`): a render's six files are 290 MB for a 3-minute song. A failure is
/// reported by the next write or the flush, so a full disk still stops the file with its
/// reason. (Unchecked `Sendable`: the writing thread touches only its megabyte and
/// `direct`, and the owner waits for it before it touches them again.)
final class BufferedOutput: @unchecked Sendable {
    static let capacity = 1 << 20
    /// Direct writes start, end and sit in memory on this boundary (the page size, a
    /// multiple of every disk's logical block).
    static let alignment = 4096
    private let descriptor: Int32
    /// Both buffers, in one aligned allocation.
    private let memory: UnsafeMutableRawPointer
    /// Bytes not yet written, for the file's range `start ..< start + count`.
    private var buffer: UnsafeMutableRawPointer
    /// The buffer the last full megabyte went out from; free again once `writer` is waited for.
    private var spare: UnsafeMutableRawPointer
    private let writer = WriteBehind(label: "cowrite.file-output")
    private var count = 0
    private var start = 0
    private var position = 0
    private var length = 0
    /// Whether the descriptor writes past the page cache; while it does, `start` is on the
    /// alignment boundary.
    private var direct: Bool
    /// The errno of the first write that failed; libsndfile is told by a short count.
    private(set) var failure: Int32 = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
        var memory: UnsafeMutableRawPointer?
        if posix_memalign(&memory, BufferedOutput.alignment, 2 * BufferedOutput.capacity) != 0 || memory == nil {
            memory = malloc(2 * BufferedOutput.capacity)
            direct = false
        } else {
            let flags = fcntl(descriptor, F_GETFL)
            direct = cowrite_o_direct != 0 && flags >= 0 && fcntl(descriptor, F_SETFL, flags | cowrite_o_direct) == 0
        }
        guard let memory else { fatalError("out of memory for a file's buffers") }
        self.memory = memory
        buffer = memory
        spare = memory + BufferedOutput.capacity
    }

    deinit {
        _ = writer.wait()
        free(memory)
        Glibc.close(descriptor)
    }

    /// Waits for the megabyte on its way, taking its failure as the file's.
    private func awaitWrite() {
        let code = writer.wait()
        if code != 0 && failure == 0 { failure = code }
    }

    /// Turns the file back to writes through the page cache, for the rest of its life.
    private func stopWritingDirect() {
        guard direct else { return }
        direct = false
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~cowrite_o_direct) }
    }

    /// Writes `bytes` bytes of the buffer at `offset`, directly when it can (falling back
    /// to the page cache if the file system refuses); 0, or the errno that stopped it.
    private func put(_ bytes: Int, at offset: Int, from memory: UnsafeMutableRawPointer) -> Int32 {
        let span = UnsafeRawBufferPointer(start: memory, count: bytes)
        if direct {
            let code = Folder.writeAll(descriptor, span, at: offset)
            if code != EINVAL { return code }
            stopWritingDirect()
        }
        return Folder.writeAll(descriptor, span, at: offset)
    }

    /// Writes what is pending and turns the file to ordinary writes; false when the file
    /// would not take it.
    @discardableResult
    func flush() -> Bool {
        awaitWrite()
        guard count > 0 else { stopWritingDirect(); return failure == 0 }
        if direct {
            // The whole blocks straight through, the rest through the cache.
            let whole = count / BufferedOutput.alignment * BufferedOutput.alignment
            if whole > 0 {
                let code = put(whole, at: start, from: buffer)
                if code != 0 && failure == 0 { failure = code }
                start += whole
                count -= whole
                buffer.copyMemory(from: buffer + whole, byteCount: count)
            }
            stopWritingDirect()
        }
        if count > 0 {
            let code = put(count, at: start, from: buffer)
            if code != 0 && failure == 0 { failure = code }
            start += count
            count = 0
        }
        return failure == 0
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard failure == 0 else { return 0 }
        // A write inside what is pending (libsndfile rewriting the header it has just
        // written) or just after it goes into the buffer; anywhere else, what is pending is
        // written first.
        if position < start || position > start + count {
            guard flush() else { return 0 }
            start = position
        }
        var at = position - start, done = 0
        while done < bytes.count {
            let taken = min(bytes.count - done, BufferedOutput.capacity - at)
            (buffer + at).copyMemory(from: bytes.baseAddress! + done, byteCount: taken)
            at += taken
            done += taken
            count = max(count, at)
            if at == BufferedOutput.capacity {
                // A full buffer: whole blocks, from an aligned start while direct, written on
                // `writer` once the one before is written, while the other buffer fills.
                awaitWrite()
                guard failure == 0 else { return 0 }
                nonisolated(unsafe) let full = buffer
                let bytes = count, offset = start
                buffer = spare
                spare = full
                writer.send { [self] in put(bytes, at: offset, from: full) }
                start += count
                count = 0
                at = 0
            }
        }
        position += bytes.count
        length = max(length, position)
        return bytes.count
    }

    func read(_ bytes: UnsafeMutableRawBufferPointer) -> Int {
        guard flush() else { return 0 }
        let count = max(0, min(bytes.count, length - position))
        guard count > 0, let base = bytes.baseAddress else { return 0 }
        let done = pread(descriptor, base, count, off_t(position))
        guard done > 0 else { return 0 }
        position += done
        return done
    }

    func seek(_ offset: Int, whence: Int32) -> Int {
        switch whence {
        case SEEK_SET: position = offset
        case SEEK_CUR: position += offset
        case SEEK_END: position = length + offset
        default: break
        }
        position = max(0, position)
        return position
    }

    /// Runs `body` on the file itself once everything is written (for edits libsndfile
    /// cannot make); 0, or the errno that stopped it.
    func edit(_ body: (Int32) -> Int32) -> Int32 {
        guard flush() else { return failure }
        return body(descriptor)
    }

    var tell: Int { position }
    var fileLength: Int { length }

    /// libsndfile's virtual I/O, calling back into the output its user data points at.
    static var callbacks: SF_VIRTUAL_IO {
        func output(_ data: UnsafeMutableRawPointer?) -> BufferedOutput {
            Unmanaged<BufferedOutput>.fromOpaque(data!).takeUnretainedValue()
        }
        return SF_VIRTUAL_IO(
            get_filelen: { sf_count_t(output($0).fileLength) },
            seek: { offset, whence, data in sf_count_t(output(data).seek(Int(offset), whence: whence)) },
            read: { pointer, count, data in
                sf_count_t(output(data).read(UnsafeMutableRawBufferPointer(start: pointer, count: Int(count))))
            },
            write: { pointer, count, data in
                sf_count_t(output(data).write(UnsafeRawBufferPointer(start: pointer, count: Int(count))))
            },
            tell: { sf_count_t(output($0).tell) })
    }
}
