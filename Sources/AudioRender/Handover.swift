import Foundation

/// Work on a pass's blocks done on a second thread, in order, while the pass computes the
/// next block: measuring a mastered block and writing it to the files take as long as
/// making it, and on two cores they need not wait for each other. (A render also writes
/// its MIDI file, chord chart and score on one while it synthesizes.) At most `depth` blocks
/// are handed over and not yet done, so memory stays a few blocks whatever the song's
/// length. The first failure stops the work after it and is thrown to the pass.
final class Handover: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cowrite.mastering.handover")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var failure: RenderError?

    init(depth: Int = 2) { slots = DispatchSemaphore(value: depth) }

    private var firstFailure: RenderError? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Runs `work` once the work handed over before it is done; throws the failure of
    /// earlier work, if any, instead.
    func hand(_ work: @escaping () throws(RenderError) -> Void) throws(RenderError) {
        if let failure = firstFailure { throw failure }
        slots.wait()
        let box = Box(work)
        queue.async { [self] in
            defer {
                box.work = nil
                slots.signal()
            }
            guard firstFailure == nil, let work = box.work else { return }
            do throws(RenderError) {
                try work()
            } catch {
                lock.lock()
                if failure == nil { failure = error }
                lock.unlock()
            }
        }
    }

    /// Waits for everything handed over; throws the first failure.
    func finish() throws(RenderError) {
        drain()
        if let failure = firstFailure { throw failure }
    }

    /// Waits for everything handed over (a pass stopping on an error of its own).
    func drain() { queue.sync {} }

    /// The work, carried to the queue's thread and let go there once done: the pass waits
    /// for it before anything it touches goes away.
    private final class Box: @unchecked Sendable {
        var work: (() throws(RenderError) -> Void)?
        init(_ work: @escaping () throws(RenderError) -> Void) { self.work = work }
    }
}
