import Foundation

/// A saved session: the song and what wrote the file, under a format name and version.
///
/// Session files (`*.cowrite`) are pretty-printed JSON with sorted keys, so that they
/// diff well under version control and a person can read them. An autosave is the same
/// file with `autosave` filled in, so recovery reads it with the same code.
///
/// `SessionReader` and `SessionWriter` read and write it; the `Codable` conformance is
/// the reference the format tests hold them to, byte for byte.
public struct SessionFile: Sendable, Hashable, Codable {
    /// The value of `format` in every session file.
    public static let formatName = "cowrite-session"
    /// The newest format version this build writes and reads.
    ///
    /// Version 2 added pad parts and hand-overs to named sections; version 3, lyrics;
    /// version 4, groove templates learned from a played part (`feel … from=`). A
    /// file is written with
    /// the oldest version that holds everything in it, so a song without them still opens
    /// in a Cowrite that reads version 1, and one with them is refused there rather than
    /// opened with a part silently missing.
    public static let currentVersion = 4

    public var format: String
    public var version: Int
    public var song: Song
    /// The program and version that wrote the file: "cowrite 0.1.0".
    public var savedWith: String
    public var autosave: AutosaveInfo?

    public init(song: Song, savedWith: String, autosave: AutosaveInfo? = nil) {
        self.format = SessionFile.formatName
        self.version = SessionFile.version(for: song)
        self.song = song
        self.savedWith = savedWith
        self.autosave = autosave
    }
}

extension SessionFile {
    /// The oldest format version that holds everything in `song`.
    public static func version(for song: Song) -> Int {
        if song.sections.contains(where: { $0.drums?.timing?.template != nil }) { return 4 }
        if song.sections.contains(where: { $0.lyrics != nil }) { return 3 }
        let needsTwo = song.sections.contains { section in
            section.parts.keys.contains { !PartKind.versionOne.contains($0) } || section.handovers != nil || section.ending != nil
        }
        return needsTwo ? 2 : 1
    }
}

extension PartKind {
    /// The parts format version 1 knew.
    static let versionOne: Set<PartKind> = [.chords, .melody, .bass, .drums]
}

/// What an autosave knows beyond the song: which session file it belongs to, and how
/// far it got.
public struct AutosaveInfo: Sendable, Hashable, Codable {
    /// The session file the song was opened from or last saved to, if any.
    public var sessionPath: String?
    /// Changes made since the last save.
    public var changes: Int
    /// The last command that changed the song.
    public var lastCommand: String
    public var at: Date
    /// A checksum of the session file as the autosave's writer last read or wrote it, so
    /// that a save after `recover` notices another program's changes since.
    public var sessionChecksum: String?

    public init(sessionPath: String?, changes: Int, lastCommand: String, at: Date, sessionChecksum: String? = nil) {
        self.sessionPath = sessionPath
        self.sessionChecksum = sessionChecksum
        self.changes = changes
        self.lastCommand = lastCommand
        self.at = at
    }
}
