import AudioRender
import Engine
import Foundation
import SongModel

/// The writer's learned styles on disk: one small JSON file each, in `styles/` of the
/// sessions folder (`styles/NAME.cowrite-style`), written atomically and never through a
/// link, read with a size limit and a format check, deleted only when it is one of these
/// files. Nothing here goes anywhere but that folder.
public struct StyleLibrary: Sendable {
    public var folder: String

    public init(sessions: String) { folder = sessions + "/styles" }

    static let fileExtension = ".cowrite-style"
    /// A style file is a few KB; anything far larger is not one of ours.
    static let byteLimit = 4 << 20

    /// The learned styles' names, sorted.
    public func names() -> [String] {
        guard let opened = try? Folder.open(folder, create: false) else { return [] }
        return opened.names().filter { $0.hasSuffix(Self.fileExtension) && !$0.hasPrefix(".") && opened.entry($0)?.kind == .file }
            .map { String($0.dropLast(Self.fileExtension.count)) }.sorted()
    }

    /// The file name (without its extension) the style called `name` is stored under.
    func stored(_ name: String) -> String? { names().first { $0.lowercased() == name.lowercased() } }

    func path(_ name: String) -> String { folder + "/" + name.lowercased() + Self.fileExtension }

    /// The style called `name` (any case), or nil when there is none.
    public func style(named name: String) throws(REPLError) -> LearnedStyle? {
        guard let stored = stored(name) else { return nil }
        let path = folder + "/" + stored + Self.fileExtension
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        guard Int(info.st_size) <= Self.byteLimit else {
            throw .storage(path: path, reason: "has \(info.st_size) bytes, more than a learned style ever holds; `unlearn \(stored)` and learn it again")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .storage(path: path, reason: "cannot be read: check its permissions")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let style = try? decoder.decode(LearnedStyle.self, from: data), style.format == LearnedStyle.format else {
            throw .storage(path: path, reason: "is not a learned style Cowrite can read; `unlearn \(stored)` and learn it again")
        }
        guard style.version <= LearnedStyle.formatVersion else {
            throw .storage(path: path, reason: "was written by a newer Cowrite (style format \(style.version)); update Cowrite to use it")
        }
        return style
    }

    /// Writes `style` (atomically; a link at its path is refused).
    public func write(_ style: LearnedStyle) throws(REPLError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do { data = try encoder.encode(style) } catch { throw .storage(path: path(style.name), reason: "could not be encoded (\(error))") }
        try AtomicFile.write(data, to: path(style.name), keepBackup: false)
    }

    /// Deletes the style called `name`: a regular file of this folder with a style's name
    /// (one that no longer reads as a style too, which `styles` tells the writer to unlearn);
    /// never a link or what it points to.
    public func remove(_ name: String) throws(REPLError) -> Bool {
        guard let stored = stored(name), let opened = try? Folder.open(folder, create: false),
              opened.entry(stored + Self.fileExtension)?.kind == .file else { return false }
        opened.remove(stored + Self.fileExtension)
        return true
    }
}
