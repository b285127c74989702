import Foundation

/// One write at a time on a thread of its own while its owner goes on: a render's files
/// and tapes are written a megabyte at a time past the page cache, and a direct write
/// returns only once the disk has the bytes (`dd oflag=direct`, 290 MB: 0.20 s). Written
/// in line, every thread that made a megabyte waited on the disk for it (the last pass's
/// encoder 0.18–0.22 s of its 0.42 s). The owner hands over a buffer it leaves alone until
/// `wait` returns, and reports a failure at its next write, read or flush.
/// (Unchecked `Sendable`: `failure` is written on the thread and read only after the
/// group's wait.)
final class WriteBehind: @unchecked Sendable {
    private let queue: DispatchQueue
    private let group = DispatchGroup()
    private var inFlight = false
    private var failure: Int32 = 0

    init(label: String) { queue = DispatchQueue(label: label) }

    /// Waits for the write on its way, if any; 0, or the errno that stopped it (once).
    func wait() -> Int32 {
        guard inFlight else { return 0 }
        group.wait()
        inFlight = false
        return failure
    }

    /// Starts `write` (0, or the errno that stopped it) on the thread; the write before
    /// it must have been waited for.
    func send(_ write: @escaping @Sendable () -> Int32) {
        precondition(!inFlight, "a write is already on its way")
        inFlight = true
        group.enter()
        queue.async { [self] in
            failure = write()
            group.leave()
        }
    }
}
