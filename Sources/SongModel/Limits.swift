import MusicTheory

/// The largest song Cowrite takes, checked before any work or memory is spent on it: by
/// the session validator on every load, by every command that grows the song, and by the
/// renderer. Each refusal is one line that names the limit (`help limits`).
///
/// The numbers leave room for any song a person writes (a long-form piece of an hour, a
/// form of a few dozen sections) while keeping every command's time and memory bounded.
public enum Limits {
    /// Sections in one song.
    public static let sections = 1_000
    /// Entries in the form (`arrange`), repeats counted.
    public static let formEntries = 512
    /// Bars in one section.
    public static let barsPerSection = 256
    /// Minutes of music one render plays. A render's memory does not grow with the song
    /// (it streams); its scratch tapes take about 1.27 GB of disk a stem an hour while it runs.
    public static let songMinutes = 120
    /// Notes, drum hits and chord changes in the whole song together: what bounds a
    /// session file (about 150 bytes each) and a render's event lists.
    public static let events = 200_000
    /// Names in the song's authors.
    public static let authors = 100
    /// Sections a sketch drafts.
    public static let sketchSections = 64
    /// Characters in a title or an author's name.
    public static let titleLength = 200
    /// Bytes in one command line (scripts and standard input included).
    public static let lineBytes = 65_536
    /// Bytes in a session file.
    public static let sessionBytes = 64 << 20
    /// Characters of a bad word quoted back in an error message.
    public static let echoedCharacters = echoedCharacterLimit
}

extension Song {
    /// Notes, hits, chord changes and motif notes in every section.
    public var eventCount: Int {
        sections.reduce(0) { total, section in
            total + section.parts.values.reduce(0) { $0 + $1.eventCount } + (section.motif?.count ?? 0)
        }
    }

    /// The first of `Limits` the song is past, as the error a command reports; checked
    /// after every command that changes the song, which is then left as it was.
    public func checkLimits() throws(SongModelError) {
        if sections.count > Limits.sections {
            throw .overLimit(what: "sections", count: sections.count, limit: Limits.sections, fix: "reuse sections in the form with `arrange`")
        }
        if let form = arrangement, form.count > Limits.formEntries {
            throw .overLimit(what: "entries in the form", count: form.count, limit: Limits.formEntries, fix: "repeat fewer sections, or make longer ones")
        }
        if authors.count > Limits.authors {
            throw .overLimit(what: "authors", count: authors.count, limit: Limits.authors, fix: "credit fewer names on the song")
        }
        let events = eventCount
        if events > Limits.events {
            throw .overLimit(what: "notes, hits and chord changes", count: events, limit: Limits.events,
                             fix: "copy fewer sections, or reuse them in the form with `arrange`")
        }
    }
}

/// The allowed words as an error message lists them: "a, b and c". After a "did you mean"
/// the choices still follow, in brackets: a near miss is a guess, and the writer who meant
/// something else sees at once what there is.
public func listed(_ words: [String]) -> String {
    words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words.last!
}


