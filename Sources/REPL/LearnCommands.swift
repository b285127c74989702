import Engine
import Foundation
import MusicTheory
import SongModel

/// `learn NAME SOURCE…`, `styles`, `unlearn NAME`: the writer's own style, learned on this
/// machine from their MIDI files (a file, or every .mid in a folder) or from sections of
/// the song, kept as a small file in the sessions folder and used by `style=NAME` on
/// `chords`, `harmonize`, `melody`, `bass`, `groove` and `sketch`.
enum LearnCommands {
    /// The most files one `learn` reads.
    static let fileLimit = 200
    /// The requests a learned style can be asked of.
    static let requests: Set<String> = ["chords", "harmonize", "melody", "bass", "groove", "sketch"]

    static func learn(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let name = invocation.arguments[0]
        try check(name: name)
        var files: [String] = []
        var material: [StyleMaterial] = []
        var sources: [LearnedStyle.Source] = []
        for given in invocation.arguments.dropFirst() {
            var info = stat()
            if stat(given, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFDIR {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: given)) ?? []
                    let found = names.filter { [".mid", ".midi"].contains(where: $0.lowercased().hasSuffix) && !$0.hasPrefix(".") }.sorted()
                    guard !found.isEmpty else {
                        throw REPLError.refused("\"\(echoed(given))\" has no .mid or .midi files: give MIDI files, a folder of them, or sections of this song")
                    }
                    files += found.map { (given.hasSuffix("/") ? given : given + "/") + $0 }
                } else {
                    files.append(given)
                }
            } else if let song = workspace.song, let section = song.section(named: given) {
                guard section.hasParts else {
                    throw REPLError.refused("\(section.name) has no parts yet: learn from sections with chords, a melody, a bass line or drums")
                }
                material.append(StyleMaterial(key: song.key(of: section), meter: song.meter(of: section), section: section))
                sources.append(.init(name: "section \(section.name) of “\(song.title)”", sha256: nil))
            } else {
                let sections = workspace.song?.sections.map(\.name) ?? []
                var hint = closest(to: given, in: sections).map { " — did you mean the section \($0)?" } ?? ""
                if hint.isEmpty, given == invocation.arguments[1], invocation.arguments.count > 2, !given.contains("/"), !given.contains(".") {
                    hint = " (a style's name is one word: `learn \(name)-\(given) …`)"
                }
                throw REPLError.refused("no file, folder or section \"\(echoed(given))\": give MIDI files, a folder of them, or sections of this song\(hint)")
            }
        }
        guard files.count <= fileLimit else {
            throw REPLError.refused("\(files.count) files: learn reads at most \(fileLimit) at once; pick the ones most like you")
        }
        var skipped: [String] = []
        for path in files {
            let fileName = URL(fileURLWithPath: path).lastPathComponent
            do {
                let bytes = try ImportCommands.read(path)
                let file = try StandardMIDIFile.parse(bytes)
                let hash = ImportCommands.sha256(bytes)
                let plan = try MIDIImport.plan(file, MIDIImport.Request(file: fileName, sha256: hash, author: workspace.author, date: workspace.clock()))
                material += plan.sections.map { StyleMaterial(key: $0.key ?? plan.key, meter: $0.meter ?? plan.meter, section: $0) }
                sources.append(.init(name: fileName, sha256: hash))
            } catch {
                skipped.append("skipped \(echoed(fileName)): \(error)")
            }
        }
        let style = StyleLearner.learn(name: name, sources: sources, material: material, at: workspace.clock())
        guard !style.covers.isEmpty else {
            let given = invocation.arguments.dropFirst().map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " ")
            throw REPLError.refused("nothing to learn in \(echoed(given)): no chords, melody, bass or drums were found"
                                    + (skipped.isEmpty ? "" : " (\(skipped.joined(separator: "; ")))"))
        }
        let library = workspace.styles
        let replaced = library.stored(name) != nil
        if replaced, !(try invocation.switchOn("force")) {
            let old = (try? library.style(named: name)).flatMap { $0 }
            throw REPLError.refused("there is already a style \"\(library.stored(name) ?? name)\"" + (old.map { " (\($0.summary.components(separatedBy: ": ").first ?? ""))" } ?? "")
                                    + ": `learn \(name) … --force` replaces it, or pick another name")
        }
        try library.write(style)
        let uses = style.covers.map { kind -> String in
            switch kind {
            case .chords: "chords and harmonize"
            case .melody: "melody"
            case .bass: "bass"
            default: "groove"
            }
        }
        var lines = [(replaced ? "relearned " : "learned ") + style.summary]
        lines += skipped
        lines.append("kept on this machine only, in \(library.path(name)); `unlearn \(name)` deletes it")
        lines.append("use it with style=\(name) on " + uses.joined(separator: ", ") + " and on a whole `sketch`, e.g. `\(uses.first == "groove" ? "groove" : uses.first?.split(separator: " ").first.map(String.init) ?? "chords") verse style=\(name)`")
        return lines.joined(separator: "\n")
    }

    /// A style name: like a section name, and not a built-in style's.
    static func check(name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
        guard let first = name.unicodeScalars.first, CharacterSet.letters.contains(first), allowed, name.count <= 32 else {
            throw REPLError.refused("\"\(echoed(name))\" is not a style name: start with a letter, then letters, digits, - or _ (at most 32), e.g. `learn mine ~/midi`")
        }
        let builtIn = (HarmonyStyle.named(name) != nil && !HarmonyStyle.isGenre(name)) || MelodyStyle.named(name) != nil || DrumStyleName.named(name) != nil
            || BassStyle.named(name) != nil || PadStyle.named(name) != nil
        guard !builtIn else {
            throw REPLError.refused("\"\(echoed(name))\" is a built-in style's name: pick another, e.g. `learn my-\(name.lowercased()) …`")
        }
    }

    /// `styles`: the learned styles and what each holds.
    static func list(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let library = workspace.styles
        let names = library.names()
        guard !names.isEmpty else { return "no learned styles yet: `learn NAME FILES…` learns one from your MIDI files (see `help learn`)" }
        var lines = ["learned styles, in \(library.folder):"]
        for name in names {
            do {
                if let style = try library.style(named: name) {
                    let when = ISO8601DateFormatter.string(from: style.learnedAt, timeZone: .current, formatOptions: [.withFullDate])
                    lines.append("  " + style.summary + " (learned \(when))")
                }
            } catch {
                lines.append("  \(name): \(error)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `unlearn NAME`: deletes a learned style's file.
    static func unlearn(_ workspace: inout Workspace, _ invocation: Invocation) throws -> String {
        let name = invocation.arguments[0]
        let library = workspace.styles
        guard try library.remove(name) else {
            let known = library.names()
            throw REPLError.refused("no learned style \"\(echoed(name))\": " + (known.isEmpty ? "there are none yet (`learn NAME FILES…` learns one)"
                                    : "the styles are \(known.joined(separator: ", "))" + (closest(to: name, in: known).map { " — did you mean \($0)?" } ?? "")))
        }
        return "deleted your style “\(name)”; the files it was learned from are untouched"
    }
}

extension Workspace {
    /// The writer's learned styles, beside their sessions.
    var styles: StyleLibrary { StyleLibrary(sessions: store.directory) }

    /// The learned style a request named (`style=NAME`, bound by `bindLearnedStyle`).
    func learnedStyle(_ invocation: Invocation) throws -> LearnedStyle? {
        guard let name = invocation.learned else { return nil }
        guard let style = try styles.style(named: name) else {
            throw REPLError.badOptionValue(option: "style", value: name, rule: "the learned style is gone from \(styles.folder); `styles` lists the ones there are")
        }
        return style
    }

    /// Moves `style=NAME` of a learned style out of a request's options (whose check knows
    /// only the built-in styles) into `invocation.learned`. A command that takes no learned
    /// style is told which do.
    func bindLearnedStyle(_ invocation: inout Invocation) throws(REPLError) {
        guard let value = invocation.option("style"), let command = Commands.find(invocation.name) else { return }
        // Cheap first: a built-in word for this command is never a learned style, but for a
        // genre word (`style=celtic`, read as folk), a writer's style of that name, learned
        // before such words were taken, stays theirs.
        if let option = command.option("style"), (try? option.check(value)) != nil,
           !(HarmonyStyle.isGenre(value) && styles.stored(value) != nil) { return }
        guard let stored = styles.stored(value) else {
            // Not a built-in word and not a learned style: a learned name mistyped is named.
            if LearnCommands.requests.contains(command.name), let near = closest(to: value, in: styles.names()) {
                throw .refused("unknown style \"\(echoed(value))\" — did you mean your style \(near)? (`styles` lists them)")
            }
            return
        }
        guard LearnCommands.requests.contains(command.name) else {
            throw .badOptionValue(option: "style", value: value,
                                  rule: "your style “\(stored)” is for \(LearnCommands.requests.sorted().joined(separator: ", ")); \(command.name) takes its own styles")
        }
        invocation.options.removeAll { $0.key == "style" }
        invocation.learned = stored
    }
}
