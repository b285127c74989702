import Foundation
import MusicTheory
import SongModel

/// A writer's own style, learned on their machine from their own MIDI files or sections
/// (`learn NAME FILES…`) and used by `style=NAME` on any request.
///
/// It keeps counts, not shares, so that what it learned can be read and checked: the chord
/// moves (numerals in major-mode terms, as the style tables have them, so a minor song's
/// i→♭VI counts with a major song's vi→IV), the harmonic rhythm, how often a section loops
/// its chords and colours them; the melody's bar rhythms and its intervals into strong and
/// weak beats, per meter; the bass line's bar rhythms and which chord tones it plays; the
/// drums' hits at each place of the bar and the drummer's timing there. It is a small
/// file in the sessions folder (`styles/NAME.cowrite-style`), never sent anywhere; the
/// writer deletes it with `unlearn NAME`.
public struct LearnedStyle: Sendable, Hashable, Codable {
    /// The file format's name and version, checked when a style file is read.
    public static let format = "cowrite-style"
    public static let formatVersion = 1

    public var format = LearnedStyle.format
    public var version = LearnedStyle.formatVersion
    public var name: String
    /// What it was learned from: a file's name and SHA-256, or a song's section.
    public var sources: [Source]
    public var learnedAt: Date
    public var harmony = HarmonyCounts()
    /// Per meter ("4/4").
    public var melody: [String: LineCounts] = [:]
    public var bass: [String: LineCounts] = [:]
    public var drums: [String: DrumCounts] = [:]

    public struct Source: Sendable, Hashable, Codable {
        public var name: String
        public var sha256: String?
        public init(name: String, sha256: String?) { (self.name, self.sha256) = (name, sha256) }
    }

    /// Chord moves and habits.
    public struct HarmonyCounts: Sendable, Hashable, Codable {
        /// from numeral → to numeral → times heard (a repeated chord is not a move).
        public var transitions: [String: [String: Int]] = [:]
        /// The numeral each section starts and ends on.
        public var openings: [String: Int] = [:]
        public var endings: [String: Int] = [:]
        /// The last two chords of each section ("major:iv I"), by the mode it is in.
        public var closings: [String: Int] = [:]
        /// Chords heard (changes), bars they span, how many carry a 7th or more, and
        /// sections whose chart's second half repeats its first.
        public var chords = 0
        public var bars = 0
        public var coloured = 0
        public var sections = 0
        public var loopingSections = 0
    }

    /// A melody's or bass line's habits in one meter, on a grid of sixteenths.
    public struct LineCounts: Sendable, Hashable, Codable {
        /// Sixteenths in a bar of this meter.
        public var sixteenths: Int
        /// A bar's rhythm, "onset:length onset:length …" in sixteenths, → bars with it.
        public var rhythms: [String: Int] = [:]
        /// Intervals −12…+12 (wider folded to ±12) into a note on a strong / weak beat.
        public var strongIntervals = Array(repeating: 0, count: 25)
        public var weakIntervals = Array(repeating: 0, count: 25)
        /// Which bars of four repeat an earlier bar's rhythm ("ABAC") → phrases with it.
        public var schemes: [String: Int] = [:]
        /// For a bass line: notes on the chord's root, fifth, third, another chord tone, or none.
        public var tones: [String: Int] = [:]
        public var bars = 0
        public var notes = 0
        public init(sixteenths: Int) { self.sixteenths = sixteenths }
    }

    /// Drums in one meter, on a grid of sixteenths.
    public struct DrumCounts: Sendable, Hashable, Codable {
        public var sixteenths: Int
        /// GM key (as text) → per place, bars with a hit there.
        public var hits: [String: [Int]] = [:]
        /// GM key → per place, the sum of those hits' velocities.
        public var velocities: [String: [Int]] = [:]
        public var bars = 0
        /// The drummer's timing, learned from every drum bar together.
        public var timing: GrooveTemplate?
        public init(sixteenths: Int) { self.sixteenths = sixteenths }
    }

    public init(name: String, sources: [Source], learnedAt: Date) {
        self.name = name
        self.sources = sources
        self.learnedAt = learnedAt
    }

    /// One line of what it holds: "“mine”, from 4 files: 96 chord changes, melodies in 4/4 (32 bars) …".
    public var summary: String {
        var parts: [String] = []
        if harmony.chords > 0 {
            parts.append(harmony.transitions.isEmpty ? "\(harmony.chords) chords but no move from one to another"
                         : "\(harmony.chords) chord changes over \(harmony.bars) bars")
        }
        func lines(_ counts: [String: LineCounts], _ what: String) {
            let meters = counts.filter { $0.value.bars > 0 }.sorted { $0.key < $1.key }
            if !meters.isEmpty { parts.append("\(what) in " + meters.map { "\($0.key) (\($0.value.bars) bars)" }.joined(separator: ", ")) }
        }
        lines(melody, "melody")
        lines(bass, "bass")
        let drumMeters = drums.filter { $0.value.bars > 0 }.sorted { $0.key < $1.key }
        if !drumMeters.isEmpty {
            parts.append("drums in " + drumMeters.map { "\($0.key) (\($0.value.bars) bars" + ($0.value.timing == nil ? ")" : ", with timing)") }.joined(separator: ", "))
        }
        let from = sources.count == 1 ? sources[0].name : "\(sources.count) sources"
        return "“\(name)”, from \(from): " + (parts.isEmpty ? "nothing a request can use" : parts.joined(separator: "; "))
    }

    /// The parts of a song it can write: chords, melody, bass, drums.
    public var covers: [PartKind] {
        var kinds: [PartKind] = []
        if !harmony.transitions.isEmpty { kinds.append(.chords) }
        if melody.values.contains(where: { $0.bars > 0 }) { kinds.append(.melody) }
        if bass.values.contains(where: { $0.bars > 0 }) { kinds.append(.bass) }
        if drums.values.contains(where: { $0.bars > 0 }) { kinds.append(.drums) }
        return kinds
    }

    /// How it is named in provenance and reasons: "your style “mine” (learned from 4 files)".
    public var credit: String {
        "your style “\(name)” (learned from \(sources.count) \(sources.count == 1 ? "source" : "sources"))"
    }
}
