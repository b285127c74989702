import Foundation

/// Holds down a lead's attacks, as a mix engineer's fast compressor on a plucked or struck
/// lead does: where the part's peak envelope (instant attack, 40 ms release) leaps more
/// than `overshoot` over a slower copy of itself (which follows it up in 25 ms and down at
/// once), the gain holds the leap there (2 ms attack, 20 ms release), cutting at most
/// `deepest`. Once a note's level has settled, the two envelopes agree whatever the
/// waveform, and the gain is unity: a held tone (a trumpet, a flute, a square lead) passes
/// untouched, and a swell from silence is touched only as it starts (a 200 ms swell: 1.8 dB
/// at 50 ms, under 0.01 dB from 0.2 s on).
///
/// Why: a plucked or struck lead (a nylon guitar, a piano, pizzicato) puts its loudest
/// moments in its attacks. Lifted by the balance to be heard over the band, those attacks
/// were what the mastering limiter cut (10.4 dB at its deepest on a nostalgic sketch), and
/// as it cut while the melody struck and let go between its notes, the lead the balance
/// set over the chords and bass came out 1.2 dB lower (bar median) than in the same song
/// mastered without limiting. With the attacks held, that sketch's limiter cuts 8.5 dB at
/// its deepest and the melody sits 3.1 dB over the chords and bass (2.3 before; both with
/// the balance's second look at 3.5 dB, before it became 4). A first
/// design keyed on the part's rectified average cut a trumpet's spiky waveform 9 dB all
/// the time (an outside check found it): the slow envelope is now the fast one's own.
/// The threshold is the part's own level, so neither velocity nor instrument need be known.
struct TransientShaper {
    /// How far the fast envelope may rise over the slow one, linear (6 dB).
    static let overshoot = Loudness.linear(6)
    /// The deepest cut, as a gain (9 dB).
    static let deepest = Loudness.linear(-9)

    private let fastRelease, slowAttack, gainAttack, gainRelease: Double
    private var fast = 0.0, slow = 0.0, gain = 1.0

    init(sampleRate: Int) {
        func pole(_ seconds: Double) -> Double { exp(-1 / (seconds * Double(sampleRate))) }
        fastRelease = pole(0.040)
        slowAttack = pole(0.025)
        gainAttack = pole(0.002)
        gainRelease = pole(0.020)
    }

    /// Shapes `count` frames of the two channels in place, going on from the last call.
    mutating func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        var fast = self.fast, slow = self.slow, gain = self.gain
        for index in 0..<count {
            let level = Double(max(abs(left[index]), abs(right[index])))
            fast = level > fast ? level : level + fastRelease * (fast - level)
            slow = fast > slow ? fast + slowAttack * (slow - fast) : fast
            let target = fast > Self.overshoot * slow ? max(Self.deepest, Self.overshoot * slow / fast) : 1
            gain = target + (target < gain ? gainAttack : gainRelease) * (gain - target)
            left[index] *= Float(gain)
            right[index] *= Float(gain)
        }
        // In a long silence the envelopes decay towards subnormal values, slow on every
        // processor; under −300 dB they are zero.
        self.fast = fast < 1e-15 ? 0 : fast
        self.slow = slow < 1e-15 ? 0 : slow
        self.gain = gain
    }
}
