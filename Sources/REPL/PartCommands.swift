import SongModel

/// Handlers for writing parts by hand and showing them: chords, melody, show.
enum PartCommands {
    static func chords(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard invocation.body != nil else { return try EngineCommands.askChords(&workspace, invocation) }
        if let option = invocation.options.first {
            throw REPLError.badOptionValue(option: option.key, value: option.value,
                                           rule: "options ask the engine (`chords verse style=pop`); chords written with `= …` take none")
        }
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let bars = try ChordChart.parse(invocation.body ?? "")
        let change = try song.writeChords(section.name, bars: bars, author: workspace.author, at: workspace.clock())
        workspace.song = song
        let updated = song.section(named: section.name) ?? section
        let note = change.hasPrefix("edited") ? "\n(\(change) of \(section.name) chords; `blame \(section.name)` shows the history)" : ""
        return SectionView.chordChart(updated, in: song).joined(separator: "\n") + note
    }

    static func melody(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard invocation.body != nil else { return try MelodyCommands.askMelody(&workspace, invocation) }
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let notes = try NoteSyntax.parse(invocation.body ?? "", meter: song.meter(of: section))
        let change = try song.writeMelody(section.name, notes: notes, author: workspace.author, at: workspace.clock())
        workspace.song = song
        return "\(section.name) melody: \(notes.count) \(notes.count == 1 ? "note" : "notes"), range "
            + SectionView.range(of: notes) + (change.hasPrefix("edited") ? " (\(change))" : "")
    }

    static func show(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let song = try workspace.requireSong()
        if let name = invocation.arguments.first {
            return SectionView.render(try song.requireSection(name), in: song)
        }
        guard !song.sections.isEmpty else { return "\(quoted(song.title)) has no sections yet — `add verse 8`" }
        return song.sections.map { SectionView.render($0, in: song) }.joined(separator: "\n\n")
    }
}
