import SongModel

/// Handlers for writing parts by hand and showing them: chords, melody, show.
enum PartCommands {
    static func chords(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard invocation.body != nil else {
            if invocation.arguments.count > 1 { throw REPLError.bodyRequired(command: "chords", usage: "chords SECTION bar N = Bbmaj7") }
            return try EngineCommands.askChords(&workspace, invocation)
        }
        if let option = invocation.options.first {
            throw REPLError.badOptionValue(option: option.key, value: option.value,
                                           rule: "options ask the engine (`chords verse style=pop`); chords written with `= …` take none")
        }
        var song = try workspace.requireSong()
        let section = try song.requireSection(invocation.arguments[0])
        let bars = try ChordChart.parse(invocation.body ?? "")
        // `chords chorus bar 3 = Bbmaj7` (or `chords chorus 3 = …`): those bars only.
        var words = Array(invocation.arguments.dropFirst())
        if words.first?.lowercased() == "bar" { words.removeFirst() }
        let change: String
        if let text = words.first {
            guard let bar = Int(text) else {
                throw REPLError.badOptionValue(option: "bar", value: text, rule: "give the bar to write from, e.g. `chords \(section.name) bar 3 = Bbmaj7`")
            }
            if words.count > 1 { throw REPLError.extraArgument(command: "chords", argument: words[1], usage: Commands.find("chords")?.usage ?? "") }
            change = try song.writeChords(section.name, bars: bars, from: bar, author: workspace.author, at: workspace.clock())
        } else {
            change = try song.writeChords(section.name, bars: bars, author: workspace.author, at: workspace.clock())
        }
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
