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
        return "renamed \(old) to \(invocation.arguments[1].lowercased())"
    }

    static func copy(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        let source = try song.requireSection(invocation.arguments[0]).name
        try song.copySection(source, as: invocation.arguments[1])
        workspace.song = song
        // Said with the form, as `add` says it: the copy plays after its source (a newcomer
        // found verse2 in the form only in `song`).
        let copy = invocation.arguments[1].lowercased()
        let played = song.form.contains(copy) ? "; form: " + song.form.joined(separator: " ") : " (not in the form: `form …` places it)"
        return "copied \(source) to \(copy)" + played
    }

    static func arrange(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        var song = try workspace.requireSong()
        try song.arrange(invocation.arguments)
        workspace.song = song
        return "form: \(song.form.joined(separator: " ")) (\(song.lengthInBars) bars, \(SongView.duration(of: song)))"
    }
}
