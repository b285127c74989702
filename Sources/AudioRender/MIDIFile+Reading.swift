import Foundation

/// What a Standard MIDI File holds, read back: enough to check a file Cowrite wrote
/// against the song it came from.
public struct MIDIContents: Sendable, Hashable {
    public struct NoteEvent: Sendable, Hashable {
        public var track: Int
        public var channel: Int
        public var key: Int
        public var velocity: Int
        public var start: Int
        public var duration: Int
    }

    public var format: Int
    public var division: Int
    public var trackNames: [String]
    public var notes: [NoteEvent]
    /// (tick, microseconds per quarter)
    public var tempos: [[Int]]
    /// (tick, numerator, denominator)
    public var meters: [[Int]]
    /// (tick, sharps, minor)
    public var keys: [[Int]]
    public var markers: [String]
    public var markerTicks: [Int]
    /// (track, channel, program)
    public var programs: [[Int]]
}

extension MIDIFile {
    /// Parses a Standard MIDI File (formats 0 and 1, running status, meta and sysex).
    public static func read(_ data: Data) throws(RenderError) -> MIDIContents {
        let bytes = [UInt8](data)
        var position = 0
        func need(_ count: Int) throws(RenderError) {
            if position + count > bytes.count { throw .badMIDI("ends early at byte \(position)") }
        }
        func u32() throws(RenderError) -> Int {
            try need(4)
            defer { position += 4 }
            return Int(bytes[position]) << 24 | Int(bytes[position + 1]) << 16 | Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
        }
        func u16() throws(RenderError) -> Int {
            try need(2)
            defer { position += 2 }
            return Int(bytes[position]) << 8 | Int(bytes[position + 1])
        }
        func variable() throws(RenderError) -> Int {
            var value = 0
            for _ in 0..<4 {
                try need(1)
                let byte = bytes[position]
                position += 1
                value = value << 7 | Int(byte & 0x7F)
                if byte & 0x80 == 0 { return value }
            }
            throw .badMIDI("a length runs past four bytes at \(position)")
        }
        try need(4)
        guard Array(bytes[0..<4]) == Array("MThd".utf8) else { throw .badMIDI("no MThd header") }
        position = 4
        let headerLength = try u32()
        let format = try u16(), trackCount = try u16(), division = try u16()
        position = 8 + headerLength
        var contents = MIDIContents(format: format, division: division, trackNames: [], notes: [], tempos: [], meters: [],
                                    keys: [], markers: [], markerTicks: [], programs: [])
        for track in 0..<trackCount {
            try need(8)
            guard Array(bytes[position..<position + 4]) == Array("MTrk".utf8) else { throw .badMIDI("no MTrk at byte \(position)") }
            position += 4
            let length = try u32()
            let end = position + length
            var tick = 0
            var status: UInt8 = 0
            var open: [Int: [(start: Int, velocity: Int)]] = [:]
            var name = ""
            while position < end {
                tick += try variable()
                try need(1)
                if bytes[position] & 0x80 != 0 { status = bytes[position]; position += 1 }
                switch status {
                case 0xFF:
                    try need(1)
                    let type = bytes[position]
                    position += 1
                    let count = try variable()
                    try need(count)
                    let payload = Array(bytes[position..<position + count])
                    position += count
                    switch type {
                    case 0x03: name = String(decoding: payload, as: UTF8.self)
                    case 0x51: contents.tempos.append([tick, Int(payload[0]) << 16 | Int(payload[1]) << 8 | Int(payload[2])])
                    case 0x58: contents.meters.append([tick, Int(payload[0]), 1 << Int(payload[1])])
                    case 0x59: contents.keys.append([tick, Int(Int8(bitPattern: payload[0])), Int(payload[1])])
                    case 0x06:
                        contents.markers.append(String(decoding: payload, as: UTF8.self))
                        contents.markerTicks.append(tick)
                    default: break
                    }
                case 0xF0, 0xF7:
                    position += try variable()
                default:
                    let kind = status & 0xF0, channel = Int(status & 0x0F)
                    let size = kind == 0xC0 || kind == 0xD0 ? 1 : 2
                    try need(size)
                    let first = Int(bytes[position]), second = size == 2 ? Int(bytes[position + 1]) : 0
                    position += size
                    let slot = channel << 8 | first
                    if kind == 0x90 && second > 0 {
                        open[slot, default: []].append((tick, second))
                    } else if kind == 0x80 || kind == 0x90 {
                        if var started = open[slot], !started.isEmpty {
                            let note = started.removeFirst()
                            open[slot] = started
                            contents.notes.append(MIDIContents.NoteEvent(track: track, channel: channel, key: first,
                                                                         velocity: note.velocity, start: note.start, duration: tick - note.start))
                        }
                    } else if kind == 0xC0 {
                        contents.programs.append([track, channel, first])
                    }
                }
            }
            position = end
            contents.trackNames.append(name)
        }
        contents.notes.sort { ($0.track, $0.start, $0.key) < ($1.track, $1.start, $1.key) }
        return contents
    }
}
