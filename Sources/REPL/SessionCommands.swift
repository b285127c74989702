import SongModel

/// Handlers for the session itself: undo, redo, history, help, quit.
enum SessionCommands {
    static func undo(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let step = workspace.history.undo(current: workspace.song) else { throw REPLError.nothingToUndo }
        workspace.song = step.song
        return "undid: \(step.label)" + workspace.autosave(after: "undo")
    }

    static func redo(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let step = workspace.history.redo(current: workspace.song) else { throw REPLError.nothingToRedo }
        workspace.song = step.song
        return "redid: \(step.label)" + workspace.autosave(after: "redo")
    }

    static func history(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let past = workspace.history.past
        let future = workspace.history.future
        guard !past.isEmpty || !future.isEmpty else { return "no changes yet" }
        var lines = past.enumerated().map { "  \($0.offset + 1). \($0.element.label)" }
        lines.append("  ── now")
        lines += future.reversed().enumerated().map { "  \(past.count + $0.offset + 1). \($0.element.label)   (undone; `redo`)" }
        return lines.joined(separator: "\n")
    }

    static func help(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let topic = invocation.arguments.first?.lowercased() else { return workspace.help.index() }
        return try workspace.help.page(topic)
    }

    static func quit(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        workspace.quitRequested = true
        return ""
    }
}
