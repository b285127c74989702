import Foundation
import MusicTheory
import SongModel

/// Colour and prompt, only on a terminal and never with `NO_COLOR`.
public struct Style: Sendable {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    /// Colour when standard output is a terminal, `NO_COLOR` is unset or empty and TERM is not dumb.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        let terminal = isatty(STDOUT_FILENO) == 1
        // no-color.org: NO_COLOR turns colour off when it is set and not empty.
        let allowed = (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        return Style(colour: terminal && allowed)
    }

    /// Readline needs invisible characters wrapped in \u{1}…\u{2} to measure the prompt.
    func paint(_ text: String, _ code: String, forPrompt: Bool = false) -> String {
        guard colour else { return text }
        let open = "\u{1B}[\(code)m", close = "\u{1B}[0m"
        return forPrompt ? "\u{1}\(open)\u{2}\(text)\u{1}\(close)\u{2}" : open + text + close
    }

    /// "cowrite> ", or "Rain on Glass*> " with unsaved changes.
    public func prompt(for workspace: Workspace) -> String {
        guard let song = workspace.song else { return paint("cowrite", "1", forPrompt: true) + "> " }
        let mark = workspace.isDirty ? paint("*", "33", forPrompt: true) : ""
        let readOnly = workspace.readOnlyReason != nil ? paint(" (read-only)", "2", forPrompt: true) : ""
        return paint(visible(song.title), "1", forPrompt: true) + mark + readOnly + "> "
    }

    public func error(_ text: String) -> String { paint("error: ", "31") + text }
    public func note(_ text: String) -> String { paint(text, "2") }
}
