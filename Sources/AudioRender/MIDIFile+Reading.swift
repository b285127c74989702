import Foundation
import SongModel

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
    /// Reads a Standard MIDI File through the importer's reader (`StandardMIDIFile`, which
    /// checks every length), as the tests read back what Cowrite wrote.
    public static func read(_ data: Data) throws(RenderError) -> MIDIContents {
        let file: StandardMIDIFile
        do { file = try StandardMIDIFile.parse([UInt8](data)) } catch { throw .badMIDI("\(error)") }
        var notes: [MIDIContents.NoteEvent] = []
        var programs: [[Int]] = []
        for (index, track) in file.tracks.enumerated() {
            notes += track.notes.map { MIDIContents.NoteEvent(track: index, channel: $0.channel, key: $0.key, velocity: $0.velocity,
                                                              start: $0.start, duration: $0.duration) }
            programs += track.programs.sorted { $0.key < $1.key }.map { [index, $0.key, $0.value] }
        }
        notes.sort { ($0.track, $0.start, $0.key) < ($1.track, $1.start, $1.key) }
        return MIDIContents(format: file.format, division: file.ticksPerQuarter, trackNames: file.tracks.map(\.name), notes: notes,
                            tempos: file.tempos.map { [$0.tick, $0.value] }, meters: file.meters.map { [$0.tick] + $0.value },
                            keys: file.keys.map { [$0.tick] + $0.value }, markers: file.markers.map(\.value),
                            markerTicks: file.markers.map(\.tick), programs: programs)
    }
}
