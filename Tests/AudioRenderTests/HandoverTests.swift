import Foundation
import Testing
@testable import AudioRender

/// The second thread a mastering pass hands its blocks to: in order, and the first failure
/// stops what follows and reaches the pass.
@Suite("Handover")
struct HandoverTests {
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func add(_ value: Int) { lock.lock(); values.append(value); lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return values }
    }

    @Test func workIsDoneInOrder() throws {
        let handover = Handover()
        let log = Log()
        for index in 0..<200 {
            try handover.hand { () throws(RenderError) in
                if index % 7 == 0 { usleep(200) }
                log.add(index)
            }
        }
        try handover.finish()
        #expect(log.all == Array(0..<200))
    }

    @Test func theFirstFailureStopsWhatFollowsAndIsThrown() throws {
        let handover = Handover(depth: 1)
        let log = Log()
        var thrown: RenderError?
        do {
            for index in 0..<50 {
                try handover.hand { () throws(RenderError) in
                    if index == 5 { throw RenderError.io(path: "mix.wav", code: ENOSPC) }
                    log.add(index)
                }
            }
            try handover.finish()
        } catch {
            thrown = error
        }
        handover.drain()
        #expect(log.all == Array(0..<5))
        if case .io(let path, let code)? = thrown { #expect(path == "mix.wav" && code == ENOSPC) } else { Issue.record("thrown: \(String(describing: thrown))") }
    }
}
