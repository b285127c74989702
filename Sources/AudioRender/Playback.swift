@preconcurrency import CFluidSynth
import Foundation
import SongModel

/// Plays a song through FluidSynth's audio driver, fed from the same mastered mix a
/// render writes, so what you hear is what you export.
public enum Playback {
    /// Whether this machine has somewhere to send sound: an ALSA playback device, or a
    /// PulseAudio / PipeWire server. Checked first so that `play` never hangs waiting for
    /// a device that is not there.
    public static func hasAudioDevice(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        let devices = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/snd")) ?? []
        if devices.contains(where: { $0.hasPrefix("pcm") && $0.hasSuffix("p") }) { return true }
        if environment["PULSE_SERVER"] != nil { return true }
        if let runtime = environment["XDG_RUNTIME_DIR"] {
            return FileManager.default.fileExists(atPath: runtime + "/pulse/native")
                || FileManager.default.fileExists(atPath: runtime + "/pipewire-0")
        }
        return false
    }

    /// Has fresh synths made in the background for the parts of a song (five: chords,
    /// melody, bass, drums, pad), and again after each render takes them, so a `play`
    /// does not wait for them to be made (`SynthPool`). The REPL asks for this on a
    /// machine that can play; one-shot renders do not.
    public static func keepSynthsReady(_ settings: RenderSettings, count: Int = 5) {
        SynthPool.shared.keepReady(count, soundFont: settings.soundFont, sampleRate: Double(settings.sampleRate))
    }

    /// Waits until the synths `keepSynthsReady` asked for are made.
    public static func waitForSynths() {
        SynthPool.shared.waitUntilReady()
    }

    /// Renders the song (or a section) in memory and plays it; returns its length in
    /// seconds. Ctrl-C (via `isCancelled`) stops it.
    public static func play(song: Song, section: String?, settings: RenderSettings,
                            isCancelled: @escaping @Sendable () -> Bool) throws(RenderError) -> Double {
        defer { malloc_trim(0) }   // as after a render
        let performance = try Performance(song: song, section: section)
        var settings = settings
        if section != nil { settings.ringOut = 0 }   // heard at once, not after its last note has rung
        let mastered = try Renderer.mixdown(performance, settings: settings, keepingStems: false, isCancelled: isCancelled)
        let feed = Feed(mastered.mix)
        guard let fluidSettings = new_fluid_settings() else { throw .synth("could not create settings") }
        defer { delete_fluid_settings(fluidSettings) }
        fluid_settings_setnum(fluidSettings, "synth.sample-rate", Double(settings.sampleRate))
        let unmanaged = Unmanaged.passRetained(feed)
        defer { unmanaged.release() }
        let callback: fluid_audio_func_t = { data, length, _, _, outputs, buffers in
            guard let data, let buffers, outputs >= 2 else { return 0 }
            let feed = Unmanaged<Feed>.fromOpaque(data).takeUnretainedValue()
            feed.fill(left: buffers[0], right: buffers[1], count: Int(length))
            return 0
        }
        guard let driver = new_fluid_audio_driver2(fluidSettings, callback, unmanaged.toOpaque()) else {
            throw .noAudioDevice
        }
        defer { delete_fluid_audio_driver(driver) }
        while !feed.finished && !isCancelled() { usleep(20_000) }
        return Double(mastered.mix.frames) / Double(settings.sampleRate)
    }

    /// The mix, handed to the driver's thread block by block.
    final class Feed: @unchecked Sendable {
        private let buffer: StereoBuffer
        private var position = 0
        private let lock = NSLock()

        init(_ buffer: StereoBuffer) { self.buffer = buffer }

        var finished: Bool {
            lock.lock()
            defer { lock.unlock() }
            return position >= buffer.frames
        }

        func fill(left: UnsafeMutablePointer<Float>?, right: UnsafeMutablePointer<Float>?, count: Int) {
            lock.lock()
            defer { lock.unlock() }
            for index in 0..<count {
                let frame = position + index
                let inside = frame < buffer.frames
                left?[index] = inside ? buffer.left[frame] : 0
                right?[index] = inside ? buffer.right[frame] : 0
            }
            position += count
        }
    }
}
