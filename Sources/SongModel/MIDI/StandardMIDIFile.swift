import MusicTheory

/// A Standard MIDI File as read for import: the notes of every track (note-ons paired
/// with their note-offs, first in first out), the song's tempo, meter and key events,
/// markers, lyrics, and each track's name and programs.
///
/// Written by hand over the bytes (the format is a dozen rules; none of the MIDI
/// libraries on Debian reads files without a sequencer or a sound device behind it) and
/// hardened like the session reader: every length is checked against what is left, the
/// counts are bounded by `Limits` before anything is allocated for them, and a damaged
/// file is refused with one line that says where.
public struct StandardMIDIFile: Sendable, Hashable {
    public struct Note: Sendable, Hashable {
        public var channel: Int
        public var key: Int
        public var velocity: Int
        /// In the file's own ticks.
        public var start: Int
        public var duration: Int
    }

    public struct Track: Sendable, Hashable {
        /// The track-name meta event, or "".
        public var name = ""
        /// The instrument-name meta event, or "".
        public var instrument = ""
        public var notes: [Note] = []
        /// The first program change on each channel.
        public var programs: [Int: Int] = [:]
    }

    public struct Timed<Value: Sendable & Hashable>: Sendable, Hashable {
        public var tick: Int
        public var value: Value
    }

    /// 0: one track holds everything; 1: tracks played together.
    public var format: Int
    public var ticksPerQuarter: Int
    public var tracks: [Track]
    /// Microseconds per quarter note.
    public var tempos: [Timed<Int>] = []
    /// (numerator, denominator)
    public var meters: [Timed<[Int]>] = []
    /// (sharps or −flats, 1 for minor)
    public var keys: [Timed<[Int]>] = []
    public var markers: [Timed<String>] = []
    public var lyrics: [Timed<String>] = []

    /// Tracks in one file: far more than any arrangement, few enough to bound the work.
    public static let trackLimit = 256
    /// Bytes in a file: a long orchestral piece is a few hundred kilobytes.
    public static let byteLimit = 16 << 20

    /// Reads `bytes` as a Standard MIDI File.
    ///
    /// - Throws: `SongModelError.badMIDI` naming what is wrong and where: not a MIDI
    ///   file, cut short, SMPTE timing, format 2, no tracks or too many, more notes than
    ///   a song holds.
    public static func parse(_ bytes: [UInt8]) throws(SongModelError) -> StandardMIDIFile {
        var reader = ByteReader(bytes: bytes)
        guard bytes.count <= byteLimit else {
            throw .badMIDI("the file has \(bytes.count) bytes; Cowrite reads MIDI files of at most \(byteLimit >> 20) MB")
        }
        guard bytes.count >= 14, Array(bytes[0..<4]) == Array("MThd".utf8) else {
            throw .badMIDI("this is not a Standard MIDI File (it does not start with MThd): export the song as a .mid file")
        }
        reader.position = 4
        let headerLength = try reader.u32()
        guard headerLength >= 6 else { throw .badMIDI("the MThd header is \(headerLength) bytes long; it needs 6") }
        let format = try reader.u16(), trackCount = try reader.u16(), division = try reader.u16()
        guard format <= 1 else {
            throw .badMIDI("format \(format) (independent patterns) is not read: export as format 1 (tracks played together) or 0")
        }
        guard division & 0x8000 == 0 else {
            throw .badMIDI("the file counts time in SMPTE frames, not beats: export it with ticks per quarter note (the usual setting)")
        }
        guard division > 0 else { throw .badMIDI("the file says 0 ticks per quarter note") }
        guard trackCount > 0 else { throw .badMIDI("the file has no tracks") }
        guard trackCount <= trackLimit else {
            throw .badMIDI("the file says it has \(trackCount) tracks; Cowrite reads at most \(trackLimit)")
        }
        reader.position = 8 + headerLength
        var file = StandardMIDIFile(format: format, ticksPerQuarter: division, tracks: [])
        var noteCount = 0
        while file.tracks.count < trackCount {
            guard reader.position + 8 <= bytes.count else {
                throw .badMIDI("the file ends after \(file.tracks.count) of its \(trackCount) tracks (cut short at byte \(bytes.count))")
            }
            let tag = Array(bytes[reader.position..<reader.position + 4])
            reader.position += 4
            let length = try reader.u32()
            guard reader.position + length <= bytes.count else {
                throw .badMIDI("track \(file.tracks.count + 1) says it has \(length) bytes but the file ends \(bytes.count - reader.position) bytes later (cut short)")
            }
            // Chunks of other kinds are skipped, as the standard asks.
            guard tag == Array("MTrk".utf8) else { reader.position += length; continue }
            let track = try readTrack(&reader, end: reader.position + length, number: file.tracks.count + 1, into: &file)
            noteCount += track.notes.count
            guard noteCount <= Limits.events else {
                throw .badMIDI("the file has more than \(Limits.events) notes, more than a song holds (`help limits`)")
            }
            file.tracks.append(track)
        }
        return file
    }

    /// One MTrk chunk: events until `end`, running status, notes paired by channel and key.
    private static func readTrack(_ reader: inout ByteReader, end: Int, number: Int,
                                  into file: inout StandardMIDIFile) throws(SongModelError) -> Track {
        var track = Track()
        var tick = 0
        var status: UInt8?
        var sounding: [Int: [(start: Int, velocity: Int)]] = [:]
        func where_() -> String { "in track \(number) at byte \(reader.position)" }
        while reader.position < end {
            tick += try reader.variable(end: end, what: where_())
            guard tick <= Int(Int32.max) else { throw .badMIDI("time runs past 2³¹ ticks \(where_())") }
            guard reader.position < end else { throw .badMIDI("an event is cut short \(where_())") }
            if reader.bytes[reader.position] & 0x80 != 0 {
                status = reader.bytes[reader.position]
                reader.position += 1
            }
            guard let current = status else { throw .badMIDI("data with no status byte before it \(where_())") }
            switch current {
            case 0xFF:
                guard reader.position < end else { throw .badMIDI("a meta event is cut short \(where_())") }
                let type = reader.bytes[reader.position]
                reader.position += 1
                let length = try reader.variable(end: end, what: where_())
                guard reader.position + length <= end else { throw .badMIDI("a meta event runs past its track \(where_())") }
                let payload = Array(reader.bytes[reader.position..<reader.position + length])
                reader.position += length
                let text = String(decoding: payload, as: UTF8.self)
                switch type {
                case 0x03 where track.name.isEmpty: track.name = text
                case 0x04 where track.instrument.isEmpty: track.instrument = text
                case 0x05: file.lyrics.append(Timed(tick: tick, value: text))
                case 0x06: file.markers.append(Timed(tick: tick, value: text))
                case 0x51 where payload.count >= 3:
                    let micros = Int(payload[0]) << 16 | Int(payload[1]) << 8 | Int(payload[2])
                    if micros > 0 { file.tempos.append(Timed(tick: tick, value: micros)) }
                case 0x58 where payload.count >= 2 && payload[0] > 0 && payload[1] <= 6:
                    file.meters.append(Timed(tick: tick, value: [Int(payload[0]), 1 << Int(payload[1])]))
                case 0x59 where payload.count >= 2:
                    file.keys.append(Timed(tick: tick, value: [Int(Int8(bitPattern: payload[0])), Int(payload[1])]))
                case 0x2F:
                    reader.position = end
                default: break
                }
                // Meta and system events cancel running status.
                status = nil
            case 0xF0, 0xF7:
                let length = try reader.variable(end: end, what: where_())
                guard reader.position + length <= end else { throw .badMIDI("a system-exclusive message runs past its track \(where_())") }
                reader.position += length
                status = nil
            case 0xF1...0xFE:
                throw .badMIDI("a system message (\(hex(current))) inside a track \(where_())")
            default:
                let kind = current & 0xF0, channel = Int(current & 0x0F)
                let size = kind == 0xC0 || kind == 0xD0 ? 1 : 2
                guard reader.position + size <= end else { throw .badMIDI("a channel event is cut short \(where_())") }
                let first = Int(reader.bytes[reader.position] & 0x7F)
                let second = size == 2 ? Int(reader.bytes[reader.position + 1] & 0x7F) : 0
                reader.position += size
                let slot = channel << 8 | first
                switch kind {
                case 0x90 where second > 0:
                    sounding[slot, default: []].append((tick, second))
                case 0x80, 0x90:
                    if var open = sounding[slot], !open.isEmpty {
                        let started = open.removeFirst()
                        sounding[slot] = open
                        track.notes.append(Note(channel: channel, key: first, velocity: started.velocity, start: started.start,
                                                duration: tick - started.start))
                    }
                case 0xC0 where track.programs[channel] == nil:
                    track.programs[channel] = first
                default: break
                }
            }
        }
        reader.position = end
        // A note still sounding when its track ends lasts until then.
        for (slot, open) in sounding {
            for started in open {
                track.notes.append(Note(channel: slot >> 8, key: slot & 0xFF, velocity: started.velocity, start: started.start,
                                        duration: max(0, tick - started.start)))
            }
        }
        track.notes.sort { ($0.start, $0.key, $0.channel) < ($1.start, $1.key, $1.channel) }
        return track
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}

/// Big-endian numbers and variable-length quantities over a byte array, each checked
/// against the end before it is read.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    mutating func u32() throws(SongModelError) -> Int {
        guard position + 4 <= bytes.count else { throw .badMIDI("the file is cut short at byte \(bytes.count)") }
        defer { position += 4 }
        return Int(bytes[position]) << 24 | Int(bytes[position + 1]) << 16 | Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
    }

    mutating func u16() throws(SongModelError) -> Int {
        guard position + 2 <= bytes.count else { throw .badMIDI("the file is cut short at byte \(bytes.count)") }
        defer { position += 2 }
        return Int(bytes[position]) << 8 | Int(bytes[position + 1])
    }

    /// A variable-length quantity: at most four bytes of seven bits.
    mutating func variable(end: Int, what: String) throws(SongModelError) -> Int {
        var value = 0
        for _ in 0..<4 {
            guard position < end else { throw .badMIDI("a length or time is cut short \(what)") }
            let byte = bytes[position]
            position += 1
            value = value << 7 | Int(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        throw .badMIDI("a length or time runs past four bytes \(what)")
    }
}
