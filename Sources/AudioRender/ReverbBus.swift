import Foundation

/// The send bus: every part's dry stem, as the balance leaves it, sent to the one
/// `Reverb` by its reverb setting, and the reverb's return recorded as a stem of its own.
///
/// The return is made during mastering's first look, from the very blocks it reads and
/// lifts (no pass of its own: reading the stems again took 0.15 s of a calm sketch's
/// render), and recorded; every later pass reads it as one more stem, so the ride, the
/// gain and the limiter move it with the parts, and the dry stems and the return sum to
/// the mix. A part lifted by the balance sends more to the reverb, as a fader before a
/// send would; a part's reverb setting is its send level (0 sends nothing).
public final class ReverbBus {
    /// The return's stem, after the parts' (`rain-on-glass_reverb.wav`).
    static let stemName = "reverb"

    /// Each track's send, 0...1.
    static func sends(_ performance: Performance) -> [Float] {
        performance.tracks.map { Float(min(max($0.settings.reverb, 0), 1)) }
    }

    /// Whether a render has a return: some part sends to the reverb.
    static func isUsed(_ performance: Performance) -> Bool { sends(performance).contains { $0 > 0 } }

    let sends: [Float]
    /// Where the return goes, and where later passes read it.
    let tape: any StemReader & StemRecorder
    private let reverb: Reverb
    private var send: [Float] = []

    /// A bus for the stems whose sends are `sends` (in stem order), recording onto `tape`.
    init(sends: [Float], sampleRate: Int, tape: any StemReader & StemRecorder) {
        self.sends = sends
        self.tape = tape
        reverb = Reverb(sampleRate: sampleRate)
    }

    /// The return of the next `count` frames, from each stem's block as lifted (`reads`,
    /// in order, from the song's first frame on without gaps), recorded and handed back.
    func process(_ reads: [StereoBuffer], count: Int) throws(RenderError) -> StereoBuffer {
        if send.count < count { send = [Float](repeating: 0, count: count) }
        var result = StereoBuffer(frames: count)
        try send.withUnsafeMutableBufferPointer { (send) throws(RenderError) in
            let mono = send.baseAddress!
            mono.update(repeating: 0, count: count)
            for (index, read) in reads.enumerated() where index < sends.count && sends[index] > 0 {
                let level = sends[index]
                read.left.withUnsafeBufferPointer { l in
                    read.right.withUnsafeBufferPointer { r in
                        for frame in 0..<count { mono[frame] += (l[frame] + r[frame]) * level }
                    }
                }
            }
            try result.left.withUnsafeMutableBufferPointer { (l) throws(RenderError) in
                try result.right.withUnsafeMutableBufferPointer { (r) throws(RenderError) in
                    reverb.process(send: mono, count: count, left: l.baseAddress!, right: r.baseAddress!)
                    try tape.append(left: l.baseAddress!, right: r.baseAddress!, count: count)
                }
            }
        }
        return result
    }
}
