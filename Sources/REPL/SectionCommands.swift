import MusicTheory
import SongModel

/// Handlers for sections and the form: add, remove, rename, copy, arrange.
enum SectionCommands {
    static func add(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let (name, barsText) = (invocation.arguments[0], invocation.arguments[1])
        guard let bars = Int(barsText) else { throw SongModelError.barsOutOfRange(barsText) }
        try song.addSection(name, bars: bars)
        workspace.song = song
        return "added \(name.lowercased()) (\(bars) \(bars == 1 ? "bar" : "bars")); form: \(song.form.joined(separator: " "))"
            + (likelySlip(name.lowercased()).map { "\n(“\(echoed(name.lowercased()))” is not a section name Cowrite knows the role of, and looks like \($0): `rename \(echoed(name.lowercased())) \($0)` if you meant it — a section's role, read from its name, sets its place in sketches, arcs and the render)" } ?? "")
    }

    /// The role name `name` is a likely slip for (its digits kept: "vrese2" → "verse2"),
    /// when it reads as no role itself: a newcomer's `add chrous 4` made a section of no
    /// role with no word, and a new song has no other name to compare it against.
    static func likelySlip(_ name: String) -> String? {
        guard SectionRole(name: name) == .other else { return nil }
        let stem = String(name.reversed().drop { $0.isNumber }.reversed())
        guard let near = closest(to: stem, in: SectionRole.names), near != stem, editDistance(stem, near) <= 2 else { return nil }
        return near + name.dropFirst(stem.count)
    }

    static func remove(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let name = try song.requireSection(invocation.arguments[0]).name
        try song.removeSection(name)
        workspace.song = song
        return "removed \(name) (`undo` brings it back); form: " + (song.form.isEmpty ? "empty" : song.form.joined(separator: " "))
    }

    static func rename(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let old = try song.requireSection(invocation.arguments[0]).name
        try song.renameSection(old, to: invocation.arguments[1])
        workspace.song = song
        let new = invocation.arguments[1].lowercased()
        return "renamed \(old) to \(new)" + roleChange(from: old, to: new)
    }

    /// What a new name changes in how the section plays: its part in the song is read from
    /// its name (`SectionRole`), and with it how loud it plays in the build, the fills into
    /// it and its melody's register (a composer's `rename chorus finale` had taken the last
    /// chorus's lift away, unsaid). Empty when the part stays.
    static func roleChange(from old: String, to new: String) -> String {
        let was = SectionRole(name: old), now = SectionRole(name: new)
        guard was != now else { return "" }
        func said(_ role: SectionRole) -> String { role == .other ? "a section of no named part" : role.withArticle }
        // A name that keeps the part, offered only where the reading keeps it (`rename verse
        // chorus` has no such name: "verse-chorus" reads as a chorus).
        let keeping = "\(was.word)-\(new)"
        let kept = was == .other || SectionRole(name: keeping) != was ? "" : "; `rename \(new) \(keeping)` keeps it \(was.withArticle)"
        return "\nnote: \(new) now plays as \(said(now)), where \(old) played as \(said(was)): "
            + "a section's part, read from its name, sets how loud it plays in the build, the fills into it and the register of melodies drawn for it" + kept
    }

    static func copy(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        if let from = invocation.option("from") { return try bring(&workspace, invocation, from: from) }
        guard invocation.arguments.count > 1 else {
            throw REPLError.missingArgument(command: "copy", what: "a name for the copy", usage: "copy SECTION NEW, or copy SECTION [NEW] from=SESSION")
        }
        let source = try song.requireSection(invocation.arguments[0]).name
        try song.copySection(source, as: invocation.arguments[1])
        workspace.song = song
        // Said with the form, as `add` says it: the copy plays after its source (a newcomer
        // found verse2 in the form only in `song`).
        let copy = invocation.arguments[1].lowercased()
        let played = song.form.contains(copy) ? "; form: " + song.form.joined(separator: " ") : " (not in the form: `arrange \((song.form + [copy]).joined(separator: " "))` places it)"
        return "copied \(source) to \(copy)" + played
    }

    /// `copy SECTION [NEW] from=SESSION`: a section of another saved song, a sketch's
    /// among them, into this one with its parts and credits (a newcomer had sketched a
    /// chorus from inside their song and found no way to bring it across).
    static func bring(_ workspace: inout Workspace, _ invocation: Invocation, from: String) throws -> String {
        var song = try workspace.requireSong()
        let path = try SongCommands.sessionPath(from, in: workspace)
        let other = try workspace.store.read(path).song
        let source = try other.requireSection(invocation.arguments[0]).name
        let new = invocation.arguments.count > 1 ? invocation.arguments[1].lowercased() : source
        let kept = try song.bring(source, from: other, as: new)
        workspace.song = song
        let played = song.form.contains(new) ? "; form: " + song.form.joined(separator: " ") : " (not in the form: `arrange …` places it)"
        let parts = song.section(named: new).map { listed($0.kinds.map(\.rawValue) + ($0.lyrics == nil ? [] : ["lyrics"])) } ?? ""
        return "copied \(source) of \(quoted(other.title)) to \(new)" + (parts.isEmpty ? "" : ", with its \(parts) and who wrote them") + played
            + (kept.isEmpty ? "" : "\n(it keeps \(listed(kept)), as it sounded there: `transpose \(new) to=\(song.key)` and `set \(new) tempo=\(songSpeed(in: song, for: new))` bring it to this song's)")
    }

    /// The song's speed counted in a section's own beat: a 7/8 section counts eighths, so
    /// a song at 132 quarters a minute is `tempo=264` there (`set chase tempo=132`, as
    /// `copy` had offered, played a brought 7/8 section at half speed).
    static func songSpeed(in song: Song, for name: String) -> Int {
        guard let section = song.section(named: name) else { return song.tempo }
        let quarters = song.meter.quarterTempo(beatsPerMinute: song.tempo)
        let beat = Double(song.meter(of: section).ticksPerBeat) / Double(MusicalTime.ticksPerQuarter)
        return Int((quarters / beat).rounded())
    }

    static func arrange(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        try song.arrange(invocation.arguments)
        workspace.song = song
        return "form: \(song.form.joined(separator: " ")) (\(song.lengthInBars) bars, \(SongView.duration(of: song)))"
    }
}
