import Foundation
import MusicTheory

/// Where a command that writes one file (`export`, `save`) puts it when the path given
/// names a folder: in it, under the file's own name. A folder named with a slash that is
/// not there yet (`cues/`) is made; a link to a folder is not written through.
///
/// Why one place: `export` had learned it (a composer's `export midi -o cues` had been
/// told the folder was "not a file Cowrite wrote") and `save` had not (`save mydir` wrote
/// mydir.cowrite beside the folder and went on with that file).
enum FolderTarget {
    /// `path` itself, or `path/name` where `path` is a real folder or ends with a slash.
    static func file(_ path: String, named name: String) throws(REPLError) -> String {
        var info = stat(), target = stat()
        guard lstat(path, &info) == 0 else {
            return path.hasSuffix("/") && path.contains(where: { $0 != "/" }) ? path + name : path
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return (path.hasSuffix("/") ? path : path + "/") + name
        case S_IFLNK where stat(path, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR:
            throw REPLError.refused("\(visible(path)) is a symbolic link to a folder; Cowrite writes only into real folders — give the folder's own path")
        default:
            return path
        }
    }
}
