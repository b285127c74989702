import AudioRender
import Foundation
import SongModel

/// Rendering one section to audio for listening (`play SECTION`: synthesized and mastered
/// in memory, as the player gets it), on the example songs' 8-bar sections: as the REPL
/// does on a machine that can play, with the synths made while the writer types (the
/// wait for them is not timed), and with every synth made on the spot.
func benchListening() throws {
    let songs = try ["rain-on-glass", "night-drive"].map(load)
    let sections = songs.flatMap { song in song.sections.filter { $0.bars == 8 }.map { (song, $0.name) } }
    let settings = RenderSettings(soundFont: SoundFontInfo.resolve(nil))
    print("one 8-bar section to audio for listening (synthesized and mastered in memory), \(sections.count) sections, release build")
    Playback.keepSynthsReady(settings)
    try measure("section to audio", target: 300, runs: 40, before: Playback.waitForSynths) { run in
        let (song, name) = sections[run % sections.count]
        _ = try Renderer.mixdown(try Performance(song: song, section: name), settings: settings, keepingStems: false, isCancelled: { false })
    }
    Playback.keepSynthsReady(settings, count: 0)
    try measure("  synths made on the spot", target: 300, runs: 40) { run in
        let (song, name) = sections[run % sections.count]
        _ = try Renderer.mixdown(try Performance(song: song, section: name), settings: settings, keepingStems: false, isCancelled: { false })
    }
    // Where the time goes: synthesis of the stems, then mastering them.
    try measure("  stems only", target: 300, runs: 40) { run in
        let (song, name) = sections[run % sections.count]
        _ = try Renderer.stems(try Performance(song: song, section: name), settings: settings, isCancelled: { false })
    }
    let stems = try sections.map { song, name in
        try Renderer.stems(try Performance(song: song, section: name), settings: settings, isCancelled: { false })
    }
    try measure("  mastering only", target: 300, runs: 40) { run in
        _ = try Mastering.master(stems: stems[run % stems.count], sampleRate: 44100, target: MasteringTarget())
    }
}
