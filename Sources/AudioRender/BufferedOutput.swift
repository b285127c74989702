@preconcurrency import CSndfile
import Foundation

/// The file under an `AudioFile.Writer`, handed to libsndfile as its virtual I/O: writes
/// gather in a 1 MB buffer and reach the file a megabyte at a time.
///
/// Why not libsndfile's own descriptor I/O: it writes each few kilobytes of converted
/// samples as it makes them, at offsets that fall inside the file system's blocks, and the
/// kernel zeroes and re-reads a block for each such write. Measured with `perf` on a
/// 3-minute render with stems, those writes took a fifth of the render's CPU, a third of
/// it the kernel zeroing partly written blocks; gathered, `perf` shows no zeroing, and what
/// the writes cost is copying the bytes.
final class BufferedOutput {
    static let capacity = 1 << 20
    private let descriptor: Int32
    /// Bytes not yet written, for the file's range `start ..< start + pending.count`.
    private var pending: [UInt8] = []
    private var start = 0
    private var position = 0
    private var length = 0
    /// The errno of the first write that failed; libsndfile is told by a short count.
    private(set) var failure: Int32 = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
        pending.reserveCapacity(BufferedOutput.capacity)
    }

    deinit { Glibc.close(descriptor) }

    /// Writes what is pending; false when the file would not take it.
    @discardableResult
    func flush() -> Bool {
        guard !pending.isEmpty else { return failure == 0 }
        let code = pending.withUnsafeBytes { Folder.writeAll(descriptor, $0, at: start) }
        if code != 0 && failure == 0 { failure = code }
        start += pending.count
        pending.removeAll(keepingCapacity: true)
        return failure == 0
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard failure == 0 else { return 0 }
        if position != start + pending.count {
            guard flush() else { return 0 }
            start = position
        }
        if pending.count + bytes.count > BufferedOutput.capacity {
            guard flush() else { return 0 }
            start = position
        }
        if bytes.count > BufferedOutput.capacity {
            let code = Folder.writeAll(descriptor, bytes, at: position)
            if code != 0 { failure = code; return 0 }
            start = position + bytes.count
        } else {
            pending.append(contentsOf: bytes)
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
