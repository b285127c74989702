import Foundation

/// Fresh synthesizers made ahead of need, so listening to a section in the REPL does not
/// wait while five synths are made and the SoundFont is loaded five times.
///
/// Making a song's synths costs about 55 ms of an 8-bar section's listening render
/// (five synths on two cores, measured with `cowrite-bench listening`). A synth that has
/// played cannot stand in for a new one: after FluidSynth's system reset (voices off,
/// channels to their defaults, reverb cleared) a part played again differed from the
/// same part on a new synth on nearly every sample, by up to 0.008 (its voices and its
/// reverb keep state the reset does not clear), and renders must not depend on what was
/// played before. So the pool holds synths that have never played, made on a background
/// queue while the writer types; each is used once and let go.
///
/// Nothing is made ahead until `keepReady` asks (the REPL does, on a machine that can
/// play): a one-shot `cowrite render` makes its synths as it needs them, and spends no
/// CPU on synths it would not use. The synths are kept for one SoundFont file as it is
/// now: another file, another sample rate, or the same path changed on disk (device,
/// inode, size or time of its last change) lets the kept ones go.
final class SynthPool: @unchecked Sendable {
    /// The process's pool.
    static let shared = SynthPool()

    private let condition = NSCondition()
    private let queue = DispatchQueue(label: "cowrite.synth-pool", qos: .utility)
    private var key: Key?
    private var wanted = 0
    private var ready: [FluidSynth] = []
    private var making = 0

    /// What makes two SoundFont files, at a sample rate, the same for the pool.
    struct Key: Equatable {
        var path: String
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var changed: Int
        var changedNanoseconds: Int
        var sampleRate: Double
    }

    /// How many fresh synths wait now.
    var readyCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return ready.count
    }

    /// Keeps `count` fresh synths ready for `soundFont` at `sampleRate`, made in the
    /// background now and after each one taken; 0 stops making them and lets them go.
    func keepReady(_ count: Int, soundFont: String, sampleRate: Double) {
        let key = try? Self.key(soundFont: soundFont, sampleRate: sampleRate)
        condition.lock()
        var stale: [FluidSynth] = []
        if key != self.key || count == 0 {
            stale = ready
            ready = []
        }
        self.key = key
        wanted = key == nil ? 0 : count
        condition.unlock()
        stale.removeAll()   // deleted outside the lock: deleting takes FluidSynth's loading lock
        fill()
    }

    /// A synth at `sampleRate` with `soundFont` loaded that has never played: one made
    /// ahead if one is ready for this file, else a new one.
    func take(soundFont: String, sampleRate: Double) throws(RenderError) -> FluidSynth {
        condition.lock()
        let idle = wanted == 0
        condition.unlock()
        // A pool nobody asked to keep synths ready (a one-shot render) only makes them.
        if idle { return try FluidSynth(soundFont: soundFont, sampleRate: sampleRate) }
        let key = try Self.key(soundFont: soundFont, sampleRate: sampleRate)
        condition.lock()
        var stale: [FluidSynth] = []
        var spare: FluidSynth?
        if key == self.key {
            spare = ready.popLast()
        } else {
            // The writer changed the SoundFont (or it changed on disk): keep the new one ready.
            stale = ready
            ready = []
            self.key = key
        }
        condition.unlock()
        stale.removeAll()
        fill()
        if let spare { return spare }
        return try FluidSynth(soundFont: soundFont, sampleRate: sampleRate)
    }

    /// Waits until every synth asked for is made (for benchmarks and tests: a writer's
    /// typing is the wait in the REPL).
    func waitUntilReady() {
        condition.lock()
        while making > 0 { condition.wait() }
        condition.unlock()
    }

    /// Starts making the synths that are missing, one at a time on the pool's queue.
    private func fill() {
        condition.lock()
        guard let key, wanted > 0 else {
            condition.unlock()
            return
        }
        let missing = max(0, wanted - ready.count - making)
        making += missing
        condition.unlock()
        for _ in 0..<missing {
            queue.async { [self] in
                // A SoundFont that cannot be loaded is reported by the render that needs it.
                let synth = try? FluidSynth(soundFont: key.path, sampleRate: key.sampleRate)
                condition.lock()
                making -= 1
                if let synth, self.key == key, ready.count < wanted { ready.append(synth) }
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    static func key(soundFont: String, sampleRate: Double) throws(RenderError) -> Key {
        let info = try SoundFontInfo.requireRegularFile(soundFont)
        return Key(path: soundFont, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                   changed: Int(info.st_ctim.tv_sec), changedNanoseconds: Int(info.st_ctim.tv_nsec), sampleRate: sampleRate)
    }
}
