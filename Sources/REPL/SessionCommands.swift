import Foundation
import MusicTheory
import SongModel

/// Handlers for the session itself: undo, redo, history, help, quit.
enum SessionCommands {
    static func undo(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let step = workspace.history.undo(current: workspace.song) else { throw REPLError.nothingToUndo }
        workspace.song = step.song
        // Back to the song as its file holds it (an undo right after `recover`, or of every
        // change since a save): nothing is unsaved, and no autosave is left to offer.
        if workspace.matchesItsFile() {
            workspace.changesSinceSave = 0
            let saved = "undid: \(step.label) — the song is as saved in \(workspace.sessionPath ?? "")"
            // A recovery undone takes back a whole earlier session's changes in one step:
            // its autosave is set aside, not deleted (a band leader's `undo` after `open`
            // had lost nine changes, with nothing left to redo in the next session).
            if step.label.hasPrefix(SongCommands.recoveryStep + " ("), let path = workspace.autosavePath {
                guard let kept = workspace.setAsideAutosave() else {
                    // Not moved: it stays where it was, offered again, rather than lost.
                    return saved + "; the recovered changes stay in \(visible(path)) — `recover` offers them again"
                }
                // Not counted: after a redo and an undo the count of changes since the save
                // is one, not the recovery's own (a band leader read "3", then "1", of one set).
                return saved + "; the recovered changes are set aside in \(visible(kept)) — "
                    + "`redo` brings them back now, `open \(visible(kept))` later"
            }
            workspace.clearAutosave()
            return saved
        }
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

    /// `view compact|full`: how long listings are shown; with no word, which one is on.
    static func view(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        switch invocation.arguments.first?.lowercased() {
        case "compact"?: workspace.compact = true
        case "full"?: workspace.compact = false
        default: break
        }
        return workspace.compact
            ? "listings are compact: each suggestion in its label and one line, no reasons — `view full` shows everything"
            : "listings are full: charts, notes by bar, drum grids and reasons — `view compact` fits small terminals"
    }

    static func help(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        guard let topic = invocation.arguments.first?.lowercased() else { return workspace.help.index() }
        return try workspace.help.page(topic, width: workspace.columns)
    }

    static func quit(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        workspace.quitRequested = true
        return ""
    }
}
