import Foundation
import MusicTheory
import SongModel

/// Standard MIDI File writer: type 1, 960 ticks per quarter (Cowrite's own resolution,
/// so nothing is rounded), a conductor track with tempo, meter, key and section markers,
/// then one named track per part with its program, mix controllers and notes. Drums are
/// on channel 10. Micro-timing is kept: notes sit where they are played.
public enum MIDIFile {
    public static func data(for performance: Performance, title: String) -> Data {
        var tracks: [[UInt8]] = [conductor(performance, title: title)]
        for track in performance.tracks {
            tracks.append(part(track, levels: performance.levels, lyrics: track.part == .melody ? performance.lyrics : []))
        }
        var bytes: [UInt8] = Array("MThd".utf8) + be32(6) + be16(1) + be16(UInt16(tracks.count)) + be16(UInt16(MusicalTime.ticksPerQuarter))
        for track in tracks { bytes += Array("MTrk".utf8) + be32(UInt32(track.count)) + track }
        return Data(bytes)
    }

    /// A timed event before encoding: its tick, an order for events at the same tick,
    /// and its bytes.
    struct Timed {
        var tick: Ticks
        var order: Int
        var bytes: [UInt8]
    }

    static func conductor(_ performance: Performance, title: String) -> [UInt8] {
        var events = [Timed(tick: 0, order: 0, bytes: meta(0x03, Array(title.utf8)))]
        for change in performance.tempos.changes {
            let micros = UInt32((60_000_000 / change.quarterBPM).rounded())
            events.append(Timed(tick: change.tick, order: 1, bytes: meta(0x51, Array(be32(micros).dropFirst()))))
        }
        for (tick, meter) in performance.meters {
            let power = UInt8(meter.unit.trailingZeroBitCount)
            let click = UInt8(meter.isCompound ? 36 : 24 * 4 / meter.unit)
            events.append(Timed(tick: tick, order: 2, bytes: meta(0x58, [UInt8(meter.beats), power, max(click, 1), 8])))
        }
        for (tick, key) in performance.keys {
            let sharps = Int8(min(max(key.signature, -7), 7))
            let minor: UInt8 = key.mode == .naturalMinor || key.mode == .harmonicMinor || key.mode == .melodicMinor ? 1 : 0
            events.append(Timed(tick: tick, order: 3, bytes: meta(0x59, [UInt8(bitPattern: sharps), minor])))
        }
        for (tick, name) in performance.markers {
            events.append(Timed(tick: tick, order: 4, bytes: meta(0x06, Array(name.utf8))))
        }
        return encode(events, end: performance.endTick)
    }

    static func part(_ track: Performance.Track, levels: [(tick: Ticks, expression: Int)], lyrics: [(tick: Ticks, text: String)] = []) -> [UInt8] {
        let channel = UInt8(track.channel)
        var events = [
            Timed(tick: 0, order: 0, bytes: meta(0x03, Array(track.name.utf8))),
            Timed(tick: 0, order: 1, bytes: [0xC0 | channel, UInt8(track.program)]),
            Timed(tick: 0, order: 2, bytes: [0xB0 | channel, 7, 100]),
            Timed(tick: 0, order: 2, bytes: [0xB0 | channel, 10, UInt8(((track.settings.pan + 1) / 2 * 127).rounded())]),
            Timed(tick: 0, order: 2, bytes: [0xB0 | channel, 91, UInt8((track.settings.reverb * 127).rounded())]),
        ]
        for note in track.notes {
            events.append(Timed(tick: note.end, order: 3, bytes: [0x80 | channel, UInt8(note.key), 64]))
            events.append(Timed(tick: note.start, order: 5, bytes: [0x90 | channel, UInt8(note.key), UInt8(min(max(note.velocity, 1), 127))]))
        }
        for change in track.pedal {
            events.append(Timed(tick: change.tick, order: 4, bytes: [0xB0 | channel, 64, change.down ? 127 : 0]))
        }
        // Each syllable just before its note-on, as karaoke files and notation programs read them.
        for lyric in lyrics { events.append(Timed(tick: lyric.tick, order: 4, bytes: meta(0x05, Array(lyric.text.utf8)))) }
        for level in levels {
            events.append(Timed(tick: level.tick, order: 4, bytes: [0xB0 | channel, 11, UInt8(level.expression)]))
        }
        let end = max(track.notes.map(\.end).max() ?? 0, track.pedal.map(\.tick).max() ?? 0)
        return encode(events, end: end)
    }

    static func encode(_ events: [Timed], end: Ticks) -> [UInt8] {
        var bytes: [UInt8] = []
        var now = 0
        for event in events.sorted(by: { ($0.tick, $0.order) < ($1.tick, $1.order) }) {
            bytes += variableLength(event.tick - now) + event.bytes
            now = event.tick
        }
        return bytes + variableLength(max(0, end - now)) + [0xFF, 0x2F, 0x00]
    }

    static func meta(_ type: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, type] + variableLength(payload.count) + payload
    }

    /// MIDI's variable-length quantity: seven bits a byte, high bit set on all but the last.
    static func variableLength(_ value: Int) -> [UInt8] {
        var value = UInt32(max(0, value))
        var bytes = [UInt8(value & 0x7F)]
        value >>= 7
        while value > 0 {
            bytes.insert(UInt8(value & 0x7F) | 0x80, at: 0)
            value >>= 7
        }
        return bytes
    }

    static func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
}
