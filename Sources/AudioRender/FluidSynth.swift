@preconcurrency import CFluidSynth
import Foundation

/// A FluidSynth instance rendering offline: no audio driver, samples pulled with
/// `fluid_synth_write_float`. All FluidSynth calls Cowrite makes are here, each wrapped
/// once; the C handles are freed in `deinit`. A synth may be made on one thread and
/// played on another (`SynthPool`), never played on two at once.
final class FluidSynth: @unchecked Sendable {
    private let settings: OpaquePointer
    private let synth: OpaquePointer
    let sampleRate: Double

    /// A synth at `sampleRate` with the SoundFont at `soundFont` loaded, dry: the band's one
    /// reverb comes after the balance (`Reverb`, `ReverbBus`). With `reverb`, FluidSynth's
    /// own at its defaults, which the tests hold Cowrite's reverb against.
    ///
    /// Samples are loaded on demand (`synth.dynamic-sample-loading`), so a synth that
    /// plays only a bass keeps only the bass samples in memory.
    init(soundFont: String, sampleRate: Double, reverb: Bool = false) throws(RenderError) {
        FluidLog.install()
        _ = FluidSynth.libraryReady
        try SoundFontInfo.requireRegularFile(soundFont)
        guard let settings = new_fluid_settings() else { throw .synth("could not create settings") }
        fluid_settings_setnum(settings, "synth.sample-rate", sampleRate)
        fluid_settings_setint(settings, "synth.chorus.active", 0)
        fluid_settings_setint(settings, "synth.reverb.active", reverb ? 1 : 0)
        fluid_settings_setint(settings, "synth.dynamic-sample-loading", 1)
        fluid_settings_setint(settings, "synth.polyphony", 256)
        fluid_settings_setint(settings, "synth.cpu-cores", 1)
        fluid_settings_setnum(settings, "synth.gain", 0.5)
        guard let synth = new_fluid_synth(settings) else {
            delete_fluid_settings(settings)
            throw .synth("could not create a synthesizer" + FluidLog.drain())
        }
        self.settings = settings
        self.synth = synth
        self.sampleRate = sampleRate
        _ = FluidLog.drain()
        FluidSynth.loading.lock()
        let loaded = fluid_synth_sfload(synth, soundFont, 1)
        FluidSynth.loading.unlock()
        if loaded == FLUID_FAILED {
            let detail = FluidLog.drain()
            throw .badSoundFont(soundFont, detail: detail.isEmpty ? "unreadable" : detail.trimmingCharacters(in: .whitespaces))
        }
    }

    /// FluidSynth fills its process-wide default modulators (velocity to loudness, volume,
    /// pan, reverb send) the first time `new_fluid_synth` runs, but raises its "done" flag
    /// before filling them: a second synth created at that moment on another thread
    /// copies half-built modulators and, for its whole life, ignores velocity (drum hits
    /// 2–11 dB louder) or pan. Stems are synthesized concurrently, so the first synth of
    /// the process is made and dropped here, once, before any other can start; Swift
    /// runs a static's initializer exactly once, and other threads wait for it.
    static let libraryReady: Bool = {
        guard let settings = new_fluid_settings() else { return false }
        defer { delete_fluid_settings(settings) }
        guard let synth = new_fluid_synth(settings) else { return false }
        delete_fluid_synth(synth)
        return true
    }()

    deinit {
        // Deleting a synth lets go of its presets' samples: the same list, the same lock.
        FluidSynth.loading.lock()
        delete_fluid_synth(synth)
        FluidSynth.loading.unlock()
        delete_fluid_settings(settings)
    }

    /// One SoundFont load, program selection or synth deletion at a time in the process:
    /// with samples loaded on demand, selecting a program reads its samples and deleting a
    /// synth lets them go, and all of them walk the SoundFont's sample list. A test run
    /// crashed once inside FluidSynth (a null pointer, a sample named "Bell Tree" in hand)
    /// while stems and renders of several tests were starting at once; whether FluidSynth
    /// 2.3 guards these paths is not documented, so they are taken one at a time.
    private static let loading = NSLock()

    func programChange(channel: Int, program: Int) {
        FluidSynth.loading.lock()
        fluid_synth_program_change(synth, Int32(channel), Int32(program))
        FluidSynth.loading.unlock()
    }

    func controlChange(channel: Int, controller: Int, value: Int) {
        fluid_synth_cc(synth, Int32(channel), Int32(controller), Int32(min(max(value, 0), 127)))
    }

    func noteOn(channel: Int, key: Int, velocity: Int) {
        fluid_synth_noteon(synth, Int32(channel), Int32(key), Int32(min(max(velocity, 1), 127)))
    }

    func noteOff(channel: Int, key: Int) {
        fluid_synth_noteoff(synth, Int32(channel), Int32(key))
    }

    /// Renders `count` frames into the two buffers starting at `offset`.
    func write(count: Int, left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, offset: Int) throws(RenderError) {
        var done = 0
        while done < count {
            // FluidSynth renders in 64-frame blocks internally; 8192 keeps calls cheap.
            let chunk = min(8192, count - done)
            let result = fluid_synth_write_float(synth, Int32(chunk), left, Int32(offset + done), 1, right, Int32(offset + done), 1)
            if result == FLUID_FAILED { throw .synth("rendering failed" + FluidLog.drain()) }
            done += chunk
        }
    }

    /// The SoundFont's name as FluidSynth reports it.
    static let libraryVersion = String(cString: fluid_version_str())
}

/// FluidSynth's log, routed into Cowrite's errors instead of being printed raw.
enum FluidLog {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var messages: [String] = []
    nonisolated(unsafe) private static var installed = false

    static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        let handler: fluid_log_function_t = { level, message, _ in
            guard let message else { return }
            FluidLog.record(level, String(cString: message))
        }
        for level in [FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG] {
            fluid_set_log_function(Int32(level.rawValue), handler, nil)
        }
    }

    static func record(_ level: Int32, _ message: String) {
        // Warnings and errors are kept for the next error message; chatter is dropped.
        guard level <= Int32(FLUID_WARN.rawValue) else { return }
        lock.lock()
        messages.append(message)
        if messages.count > 20 { messages.removeFirst() }
        lock.unlock()
    }

    /// The messages since the last drain, as "; message; message", emptied.
    static func drain() -> String {
        lock.lock()
        defer { messages.removeAll(); lock.unlock() }
        return messages.isEmpty ? "" : "; " + messages.joined(separator: "; ")
    }
}
