import Foundation
import MusicTheory
import SongModel

/// The help pages: one Markdown file per command or topic in `help/`, read at run time.
public struct HelpLibrary: Sendable {
    /// The folder holding the pages.
    public var folder: String

    public init(folder: String) { self.folder = folder }

    /// Finds `help/`: `COWRITE_HELP`, then beside the executable or any folder above it
    /// (a build lives in `.build/…` inside the project), then the current folder.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> HelpLibrary {
        if let folder = environment["COWRITE_HELP"] { return HelpLibrary(folder: folder) }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        // Beside the binary or above it (a build folder in the checkout), or in
        // PREFIX/share/cowrite/help for a binary installed in PREFIX/bin.
        for _ in 0..<8 {
            for candidate in [directory.appendingPathComponent("help"), directory.appendingPathComponent("share/cowrite/help")]
            where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("topics.md").path) {
                return HelpLibrary(folder: candidate.path)
            }
            directory = directory.deletingLastPathComponent()
        }
        for candidate in ["/usr/local/share/cowrite/help", "/usr/share/cowrite/help"]
        where FileManager.default.fileExists(atPath: candidate + "/topics.md") {
            return HelpLibrary(folder: candidate)
        }
        return HelpLibrary(folder: FileManager.default.currentDirectoryPath + "/help")
    }

    /// Page names (file names without `.md`).
    public var pages: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    /// Topics: pages that are not commands.
    public var topics: [String] {
        let commands = Set(Commands.names)
        return pages.filter { !commands.contains($0) && $0 != "topics" }
    }

    /// The list shown by `help`: every command with its one line, then the topics.
    public func index() -> String {
        let width = Commands.all.map(\.name.count).max() ?? 0
        var lines: [String] = []
        for group in Commands.groups {
            lines.append(group.lowercased() + ":")
            lines += Commands.all.filter { $0.group == group }
                .map { "  " + $0.name.rightPadded(to: width) + "  " + $0.summary }
        }
        let topics = self.topics
        if !topics.isEmpty { lines.append("topics: " + topics.joined(separator: ", ")) }
        lines.append("`help COMMAND` or `help TOPIC` for a page; Tab completes commands, sections and options")
        return lines.joined(separator: "\n")
    }

    /// Words a writer asks help about that name no command or page, and the page that
    /// answers them (a new writer's `help swing` found nothing).
    static let topicWords = ["swing": "groove", "shuffle": "groove", "fills": "fill", "micro-timing": "humanize", "timing": "humanize",
                             "tempo": "set", "key": "set", "meter": "set", "loudness": "render", "stems": "render", "master": "render",
                             "mastering": "render", "midi": "export", "chord": "chord-symbols", "chart": "chords", "mood": "sketch"]

    /// One page's text, without the Markdown fences; with `width`, its prose filled to it
    /// (`Pager.wrap`), the lines of its fenced blocks (commands and examples) and its
    /// tables left whole.
    public func page(_ name: String, width: Int? = nil) throws(REPLError) -> String {
        // A command or alias, else a page of that name, else a part by any of its names
        // (`help kit` is the groove page), else a word a page answers (`help swing`).
        let canonical = Commands.find(name)?.name
            ?? (raw(name) == nil ? (try? PartKind(parsing: name))?.row.helpTopic ?? Self.topicWords[name.lowercased()] : nil) ?? name
        guard let text = raw(canonical) else {
            if pages.isEmpty { throw .helpMissing(folder) }
            throw .noHelp(name, suggestion: closest(to: name, in: pages + Commands.names))
        }
        // Each line, and whether it is inside a fence (kept whole when filling).
        var lines: [(text: String, fenced: Bool)] = []
        var fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") { fenced.toggle(); continue }
            if line.hasPrefix("Usage: ") { continue }
            lines.append((line, fenced))
        }
        // A command's usage line comes from its row in the command table, so the page and
        // the command cannot disagree.
        if let command = Commands.find(canonical) {
            while lines.count > 1 && lines[1].text.trimmingSpaces.isEmpty && lines.count > 2 && lines[2].text.trimmingSpaces.isEmpty { lines.remove(at: 1) }
            lines.insert(contentsOf: [("", false), ("Usage: `\(command.usage)`", false)], at: min(1, lines.count))
        }
        let shown = width.map { columns in
            Pager.wrap(lines.map { $0.fenced ? $0.text : Self.onScreen($0.text) }, keeping: lines.map(\.fenced), columns: columns)
        } ?? lines.map(\.text)
        return shown.joined(separator: "\n").trimmingSpaces
    }

    /// A page's line as a terminal shows it: a heading without its `#` marks, and text
    /// without the `**` that asks for bold (a newcomer's check found help "showing
    /// Markdown as written"). Backquotes stay: they mark what is typed at the prompt.
    static func onScreen(_ line: String) -> String {
        var text = line
        if text.hasPrefix("#") {
            let marks = text.prefix { $0 == "#" }
            if text.dropFirst(marks.count).hasPrefix(" ") { text = String(text.dropFirst(marks.count + 1)) }
        }
        return text.replacingOccurrences(of: "**", with: "")
    }

    /// A page as stored, or nil.
    public func raw(_ name: String) -> String? {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        return try? String(contentsOfFile: folder + "/" + name + ".md", encoding: .utf8)
    }

    /// The example blocks of a page: each ```cowrite fenced block, as lines.
    public func examples(_ name: String) -> [[String]] {
        guard let text = raw(name) else { return [] }
        var blocks: [[String]] = []
        var current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```cowrite") { current = []; continue }
            if line.hasPrefix("```"), let block = current { blocks.append(block); current = nil; continue }
            current?.append(String(line))
        }
        return blocks
    }
}
