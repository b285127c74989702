import Foundation

/// The name, copyright and licence a SoundFont states about itself, read from the
/// RIFF `INFO` list at the start of the `.sf2` file, for the provenance notes.
public struct SoundFontInfo: Sendable, Hashable, Codable {
    public var path: String
    public var name: String
    public var copyright: String
    public var comment: String

    /// Debian's General MIDI SoundFont, the default.
    public static let defaultPath = "/usr/share/sounds/sf2/FluidR3_GM.sf2"

    /// `--soundfont`, then `COWRITE_SOUNDFONT`, then the default.
    public static func resolve(_ flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let path = environment["COWRITE_SOUNDFONT"], !path.isEmpty { return path }
        return defaultPath
    }

    /// Refuses what is not a regular file before anything opens it: a folder (which
    /// Foundation's reader traps on), a FIFO or a device (whose reads block forever).
    @discardableResult
    static func requireRegularFile(_ path: String) throws(RenderError) -> stat {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .missingSoundFont(path) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return info
        case S_IFDIR: throw .badSoundFont(path, detail: "it is a folder")
        default: throw .badSoundFont(path, detail: "it is not a regular file")
        }
    }

    public static func read(_ path: String) throws(RenderError) -> SoundFontInfo {
        try requireRegularFile(path)
        // O_NONBLOCK: a file swapped for a FIFO after the check still cannot block.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .missingSoundFont(path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .badSoundFont(path, detail: "it is not a regular file")
        }
        var bytes = [UInt8](repeating: 0, count: 16384)
        let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
        bytes = Array(bytes.prefix(max(count, 0)))
        guard bytes.count >= 12, Array(bytes[0..<4]) == Array("RIFF".utf8), Array(bytes[8..<12]) == Array("sfbk".utf8) else {
            throw .badSoundFont(path, detail: "no RIFF sfbk header")
        }
        var info = SoundFontInfo(path: path, name: (path as NSString).lastPathComponent, copyright: "", comment: "")
        // The INFO list is the first LIST; its subchunks are 4-byte id, 4-byte length, text.
        var position = 12
        guard position + 12 <= bytes.count, Array(bytes[position..<position + 4]) == Array("LIST".utf8) else { return info }
        let listEnd = min(bytes.count, position + 8 + Int(le32(bytes, position + 4)))
        position += 12
        while position + 8 <= listEnd {
            let id = String(decoding: bytes[position..<position + 4], as: UTF8.self)
            let length = Int(le32(bytes, position + 4))
            let start = position + 8, end = min(listEnd, start + length)
            let text = String(decoding: bytes[start..<end].prefix { $0 != 0 }, as: UTF8.self)
            switch id {
            case "INAM": info.name = text
            case "ICOP": info.copyright = text
            case "ICMT": info.comment = text
            default: break
            }
            position = start + length + (length % 2)
        }
        return info
    }

    static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    /// The licence sentence, if the SoundFont states one.
    public var licence: String {
        let text = comment + " " + copyright
        if let range = text.range(of: "Licensed under[^.]*", options: .regularExpression) { return String(text[range]) }
        return comment.isEmpty ? "not stated in the file" : comment
    }
}
