import Foundation

/// Everything that can go wrong turning a song into sound and files. One line each.
public enum RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingSoundFont(String)
    case badSoundFont(String, detail: String)
    case synth(String)
    case nothingToRender(String)
    case cancelled
    case write(path: String, reason: String)
    /// A system call on a file failed with this errno.
    case io(path: String, code: Int32)
    /// A file Cowrite will not replace: it did not make what is there, or changed since.
    case notOurs(path: String, reason: String)
    /// An output folder holding files Cowrite did not write (listed).
    /// `replacing`: those of the files a forced render would replace (same names), or "".
    case foreignFolder(path: String, files: String, replacing: String)
    /// An output folder given as a path that is a file, or a symbolic link.
    case notAFolder(path: String)
    case linkedFolder(path: String)
    /// The song plays longer than a render may be.
    case tooLong(minutes: Double, limit: Int)
    /// Less free disk where the render goes than its scratch tapes and files need (bytes).
    case notEnoughSpace(path: String, needed: Int, free: Int)
    case read(path: String, reason: String)
    case loudness(String)
    case badMIDI(String)
    case noAudioDevice

    /// The same error naming `final` where it named the staging folder `staging`: a render
    /// writes into a hidden folder it removes when it fails, so the writer is told about
    /// `out/mix.wav`, the file they asked for, not a folder that is already gone.
    public func naming(_ staging: String, as final: String) -> RenderError {
        func renamed(_ path: String) -> String {
            guard path == staging || path.hasPrefix(staging + "/") else { return path }
            return final + path.dropFirst(staging.count)
        }
        switch self {
        case .write(let path, let reason): return .write(path: renamed(path), reason: reason)
        case .io(let path, let code): return .io(path: renamed(path), code: code)
        case .read(let path, let reason): return .read(path: renamed(path), reason: reason)
        case .notOurs(let path, let reason): return .notOurs(path: renamed(path), reason: reason)
        default: return self
        }
    }

    public var description: String {
        switch self {
        case .missingSoundFont(let path):
            return "no SoundFont at \(path): install Debian's fluid-soundfont-gm (`make deps` does), or point --soundfont or COWRITE_SOUNDFONT at a .sf2 file"
        case .badSoundFont(let path, let detail):
            return "\(path) could not be loaded as a SoundFont (\(detail)); give a General MIDI .sf2 file with --soundfont or COWRITE_SOUNDFONT"
        case .synth(let detail):
            return "the synthesizer failed: \(detail)"
        case .nothingToRender(let what):
            return "nothing to render: \(what)"
        case .cancelled:
            return "render cancelled; no files were left behind"
        case .write(let path, let reason):
            return "\(path): could not be written (\(reason))"
        case .io(let path, let code) where code == ENOSPC || code == EDQUOT:
            return "\(path): could not be written (\(Folder.reason(for: code))) — free some space and render again, or give -o a folder on another disk"
        case .io(let path, let code):
            return "\(path): could not be written (\(Folder.reason(for: code)))"
        case .notOurs(let path, let reason):
            return "\(path) \(reason)"
        case .foreignFolder(let path, let files, let replacing):
            return "\(path) holds files Cowrite did not write (\(files)); it was left as it is — give a new or empty folder with -o, or add --force to write Cowrite's files in beside them"
                + (replacing.isEmpty ? "" : " — --force replaces your \(replacing), as Cowrite writes files of the same names")
        case .notAFolder(let path):
            return "\(path) is a file, not a folder — give a folder, e.g. renders/my-song"
        case .linkedFolder(let path):
            return "\(path) is a symbolic link; Cowrite writes only into real folders — give the folder it points to"
        case .tooLong(let minutes, let limit):
            return String(format: "the song plays %.0f minutes; a render is at most %d minutes — shorten the form (`arrange`) or render one section", minutes, limit)
        case .notEnoughSpace(let path, let needed, let free):
            return String(format: "%@: the render needs about %.1f GB of free disk while it runs (its parts wait there as it masters them, then the files) and %.1f GB is free — free some space, render one section, or give -o a folder on another disk",
                          path, Double(needed) / 1e9, Double(free) / 1e9)
        case .read(let path, let reason):
            return "\(path): could not be read (\(reason))"
        case .loudness(let detail):
            return "loudness could not be measured: \(detail)"
        case .badMIDI(let detail):
            return "not a Standard MIDI File: \(detail)"
        case .noAudioDevice:
            return "no audio device on this machine, so nothing can play here; `render` writes the song to files instead"
        }
    }
}
