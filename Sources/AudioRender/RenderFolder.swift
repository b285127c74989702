import Foundation
import SongModel
import MusicTheory

/// A folder Cowrite writes renders and exports into, and the rule for what it may
/// replace there.
///
/// The rule a writer can predict: Cowrite keeps `.cowrite-render` in every folder it
/// renders into, listing each file it wrote with the file's identity (inode, size,
/// modification time, which a rename keeps). A render goes into a new folder, an empty
/// one, or one holding that list; it replaces only listed files that are unchanged since
/// Cowrite wrote them, and removes only such files that the new render no longer makes
/// (stems of an earlier `--stems` render). Any other folder, or a listed file changed
/// since, is refused with one line unless `force`; even then Cowrite only adds its files
/// and replaces those with the same names. Nothing else in a folder is ever deleted.
///
/// Files are written into a hidden staging folder inside the target
/// (`.cowrite-partial-PID-…`) and renamed into place at the end: a cancelled or failed
/// render leaves the folder as it was, and a killed one leaves only the staging folder,
/// which the next render into that folder (or the next start) removes once its process
/// is gone.
public struct RenderFolder {
    static let markerName = ".cowrite-render"
    static let stagingPrefix = ".cowrite-partial"
    static let stagingSign = ".cowrite-staging"
    /// A list longer than this is not Cowrite's.
    static let markerLimit = 256 * 1024

    public let folder: Folder
    let created: Bool
    /// The writer said `--force`: files not Cowrite's may be replaced (never deleted).
    let force: Bool
    /// The files the last `commit` replaced that were not Cowrite's unchanged own (only
    /// with `force`), by name.
    public private(set) var replaced: [String] = []
    /// Files an earlier render here made that the last `commit` would have removed, kept
    /// because they changed since (an edited stem): not this render's, and said so.
    public private(set) var keptChanged: [String] = []
    /// The list says a render claimed this folder (not only an export into it).
    var isRenderFolder: Bool
    /// Cowrite made the `stems` folder here (so it may take it away once empty).
    var madeStems: Bool
    /// The title of the song whose files these are, and its id (`Song.id`) when it has one.
    var song: String?
    var songID: String?
    /// What the render here was of ("the whole song", "section chorus"), as the list says;
    /// `earlierExtent` is what it said before this write.
    var extent: String?
    public private(set) var earlierExtent: String?
    /// The files Cowrite wrote here, each with every identity it may have (a killed
    /// render can leave old or new copies).
    var owned: [String: [Folder.Entry]]
    /// True when this folder was made for this write, or already held the list.
    let claimed: Bool

    /// Opens (or creates) the folder at `path` to write `names` into, checking the rule.
    ///
    /// - Parameters:
    ///   - wholeFolder: a render claims the whole folder (an unlisted, non-empty folder is
    ///     refused); an export claims only its own file name.
    ///   - song: the title of the song being written, and `songID` its id; a render
    ///     folder holding another song's render is not replaced unless `force`. Another
    ///     song is another id where both songs have one (two songs may share a title: two
    ///     sketches drawn with one seed), else another title (a folder from before ids, or
    ///     a song without one). Only render folders record their song: an export folder
    ///     may hold many songs.
    public static func prepare(_ path: String, writing names: [String], wholeFolder: Bool,
                               force: Bool, song: String? = nil, songID: String? = nil, extent: String? = nil) throws(RenderError) -> RenderFolder {
        var before = stat()
        let existed = lstat(path.isEmpty ? "." : path, &before) == 0
        let folder = try Folder.open(path, create: true)
        cleanStaging(in: folder)
        let listed = readMarker(in: folder)
        let (owned, flagged) = (listed.owned, listed.renderFolder)
        // The writer's own stems folder counts as theirs unless everything in it is Cowrite's.
        let stems = (try? folder.folder("stems")).map { sub in sub.names().allSatisfy { owned["stems/" + $0] != nil } } ?? true
        let others = folder.names().filter {
            $0 != markerName && owner(of: $0) == nil && owned[$0] == nil && ($0 != "stems" || !stems)
        }
        var result = RenderFolder(folder: folder, created: !existed, force: force, isRenderFolder: flagged,
                                  madeStems: listed.madeStems, song: listed.song, songID: listed.songID, extent: listed.extent, owned: owned,
                                  claimed: flagged || !existed || wholeFolder && (others.isEmpty || force) || !owned.isEmpty)
        if wholeFolder && result.claimed { result.isRenderFolder = true }
        if result.isRenderFolder, let song {
            result.song = visible(song)
            // A song without an id (from an older session) writing here under the folder's
            // title keeps the folder's id in its list, so the song the folder was made for
            // still knows it: an id dropped from the list had let a copy of that song, with
            // the same title, render over it as if it were the song itself.
            result.songID = songID.flatMap { Song.isValidID($0) ? $0 : nil } ?? (listed.song == visible(song) ? listed.songID : nil)
        }
        result.earlierExtent = listed.extent
        if result.isRenderFolder, let extent { result.extent = extent }
        do { try result.checkFolders(names) } catch {
            result.abandonFolder()
            throw error
        }
        guard !force else { return result }
        let another: Bool
        if let theirs = listed.songID, let ours = result.songID {
            another = theirs != ours
        } else {
            another = song.map { listed.song != visible($0) } ?? false
        }
        if flagged, let theirs = listed.song, song != nil, another, names.contains(where: { owned[$0] != nil }) {
            result.abandonFolder()
            let which = song.map { visible($0) } == theirs ? "another song also called “\(theirs)”" : "another song (“\(theirs)”)"
            throw .notOurs(path: path, reason: "holds what Cowrite wrote for \(which), so it was left as it is — give this one its own folder with -o, or add --force to replace it")
        }
        // A render of another extent (a section's over the whole song's, or the other way
        // round) would replace the mix with another piece of music and take away files the
        // song's render made (a band leader's `render verse -o` into the folder of the
        // whole song's render had replaced its 2-minute mix with the verse and removed its
        // five stems, asking nothing): refused unless forced.
        if flagged, let earlier = listed.extent, let extent, earlier != extent, names.contains(where: { owned[$0] != nil }) {
            result.abandonFolder()
            let stemsNote = listed.madeStems ? " and its stems" : ""
            throw .notOurs(path: path, reason: "holds the render of \(earlier), so this one of \(extent) would replace its mix\(stemsNote), and it was left as it is — "
                           + "give this one its own folder with -o, or add --force to replace it")
        }
        if wholeFolder, !flagged, !others.isEmpty {
            result.abandonFolder()
            // The writer's files that a forced render would replace, named in the refusal.
            throw .foreignFolder(path: path, files: list(others), replacing: list(result.notOurs(names)))
        }
        do { try result.checkReplaceable(names) } catch {
            result.abandonFolder()
            throw error
        }
        return result
    }

    /// A folder this write made and nothing went into goes again (rmdir refuses one
    /// with anything in it).
    func abandonFolder() {
        if created { rmdir(folder.path) }
    }

    /// Refuses a sub-folder the files go into (`stems`) that is there but is no real folder
    /// (a file, a link): no render can place them, forced or not, so it is refused before
    /// anything moves, by its own name. A composer's forced render over a stems link had
    /// replaced the mix and then failed, leaving a half-replaced folder, and one over a file
    /// called stems had blamed "stems/…_chords.wav", which was not there.
    func checkFolders(_ names: [String]) throws(RenderError) {
        for top in Set(names.compactMap { name in name.firstIndex(of: "/").map { String(name[..<$0]) } }).sorted() {
            guard let entry = folder.entry(top), entry.kind != .folder else { continue }
            let what = entry.kind == .link ? "is a symbolic link" : entry.kind == .file ? "is a file" : "is not a folder"
            throw .notOurs(path: folder.pathOf(top), reason: "\(what), not a folder: Cowrite writes the \(top) into a real folder of that name, "
                           + "and --force does not put one in its place — move it away, or write somewhere else")
        }
    }

    /// Refuses, unless forced, to replace anything at `names` that is not an unchanged
    /// file Cowrite wrote. Checked before the work starts and again just before the files
    /// move into place, so a file put there meanwhile is not lost either.
    func checkReplaceable(_ names: [String]) throws(RenderError) {
        guard !force, let name = notOurs(names).first, let entry = entry(name) else { return }
        let what = entry.kind == .file ? (owned[name] != nil ? "was changed since Cowrite wrote it" : "was not written by Cowrite")
            : entry.kind == .link ? "is a symbolic link" : "is not a file Cowrite wrote"
        throw .notOurs(path: folder.pathOf(name), reason: "\(what), so it was not replaced — add --force to replace it, or write somewhere else")
    }

    /// Those of `names` whose place holds something other than an unchanged file Cowrite
    /// wrote there: what only `force` may replace.
    func notOurs(_ names: [String]) -> [String] {
        names.filter { name in
            guard let entry = entry(name) else { return false }
            return !(entry.kind == .file && owned[name]?.contains(entry) == true)
        }
    }

    /// "a.txt, b.wav and 3 more".
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(3).map { visible($0) }.joined(separator: ", ")
        return names.count > 3 ? shown + " and \(names.count - 3) more" : shown
    }

    /// The identity of `name` (which may be `stems/NAME`) in the folder, or nil.
    /// A sub-folder that is not a real folder (a link, a file) answers for the name.
    func entry(_ name: String) -> Folder.Entry? {
        guard let (place, last) = folder.place(of: name) else {
            return folder.entry(String(name.prefix { $0 != "/" }))
        }
        return place.entry(last)
    }

    /// A new staging folder for one write, with a `stems` folder inside.
    public func stage() throws(RenderError) -> Folder {
        let staging = try folder.makeFolder(Folder.temporaryName(Self.stagingPrefix), mode: 0o700)
        Self.register(staging, in: folder)
        // The sign that the folder is Cowrite's staging: start-up removes only such folders.
        try staging.writeNewFile(Self.stagingSign, Data())
        _ = try staging.makeFolder("stems")
        return staging
    }

    /// Drops a staging folder and everything in it (a cancelled or failed write).
    public func abandon(_ staging: Folder) {
        Self.unregister(staging)
        folder.removeTree((staging.path as NSString).lastPathComponent)
        abandonFolder()
    }

    /// Moves the staged `names` into the folder, removes Cowrite's own files that this
    /// write no longer makes (when `replacesAll`), and updates the list. Returns the names
    /// removed, so the render can say so (a render without `--stems` after one with them
    /// had taken the stems away with nothing said: an outside check).
    @discardableResult
    public mutating func commit(_ staging: Folder, names: [String], replacesAll: Bool) throws(RenderError) -> [String] {
        var removed: [String] = []
        try checkFolders(names)
        try checkReplaceable(names)
        // What `force` lets this write replace, said back by name (a forced render had
        // replaced a writer's own mix.wav and said nothing).
        replaced = notOurs(names).sorted()
        var made: [String: Folder.Entry] = [:]
        for name in names {
            if let (place, last) = staging.place(of: name), let entry = place.entry(last), WrittenName.isSafe(name) { made[name] = entry }
        }
        // The list first names old and new copies alike, so a kill between two renames
        // leaves every file here accounted for.
        if claimed || !owned.isEmpty {
            var both = owned
            for (name, entry) in made { both[name, default: []].append(entry) }
            try writeMarker(both)
        }
        if names.contains(where: { $0.hasPrefix("stems/") }), folder.entry("stems") == nil {
            _ = try folder.makeFolder("stems")
            madeStems = true
        }
        for name in names {
            guard let (from, last) = staging.place(of: name), let (to, _) = folder.place(of: name) else {
                throw .notOurs(path: folder.pathOf(name), reason: "could not be placed: its folder is not a real folder")
            }
            try from.move(last, to: to, as: last)
        }
        if replacesAll {
            for (name, identities) in owned where made[name] == nil {
                guard let entry = entry(name), entry.kind == .file else { continue }
                guard identities.contains(entry) else {
                    keptChanged.append(name)
                    continue
                }
                guard let (place, last) = folder.place(of: name) else { continue }
                place.remove(last)
                removed.append(name)
            }
            // Only a stems folder Cowrite filled, now empty, goes (unlinkat refuses one with
            // anything in it); the writer's own empty folder stays.
            if madeStems, folder.entry("stems")?.kind == .folder, unlinkat(folder.descriptor, "stems", AT_REMOVEDIR) == 0 {
                madeStems = false
            }
        }
        var final: [String: [Folder.Entry]] = replacesAll ? [:] : owned.filter { made[$0.key] == nil }
        for (name, entry) in made { final[name] = [entry] }
        owned = final
        if claimed || !owned.isEmpty { try writeMarker(final) }
        Self.unregister(staging)
        folder.removeTree((staging.path as NSString).lastPathComponent)
        folder.sync()
        keptChanged.sort()
        return removed.sorted()
    }

    // MARK: The list

    /// Parses `.cowrite-render`; lines that are not Cowrite's shape are ignored, and names
    /// that could step outside the folder are never taken.
    static func readMarker(in folder: Folder) -> (owned: [String: [Folder.Entry]], renderFolder: Bool, madeStems: Bool, song: String?, songID: String?, extent: String?) {
        guard folder.entry(markerName)?.kind == .file, let data = folder.read(markerName, limit: markerLimit) else {
            return ([:], false, false, nil, nil, nil)
        }
        var owned: [String: [Folder.Entry]] = [:]
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ", maxSplits: 3).map(String.init)
            guard fields.count == 4, let inode = UInt64(fields[0]), let size = Int64(fields[1]),
                  WrittenName.isSafe(fields[3]) else { continue }
            let time = fields[2].split(separator: ".").map(String.init)
            guard time.count == 2, let seconds = Int(time[0]), let nanoseconds = Int(time[1]) else { continue }
            let entry = Folder.Entry(kind: .file, inode: inode, size: size,
                                     modified: timespec(tv_sec: seconds, tv_nsec: nanoseconds))
            owned[fields[3], default: []].append(entry)
        }
        let lines = text.split(separator: "\n")
        let song = lines.first { $0.hasPrefix(songLine) }.map { String($0.dropFirst(songLine.count)) }
        let extent = lines.first { $0.hasPrefix(extentLine) }.map { String($0.dropFirst(extentLine.count)) }
        let songID = lines.first { $0.hasPrefix(songIDLine) }.map { String($0.dropFirst(songIDLine.count)) }.flatMap { Song.isValidID($0) ? $0 : nil }
        return (owned, text.hasPrefix(renderFolderLine), lines.contains { $0 == madeStemsLine }, song, songID, extent)
    }

    static let songLine = "# song: "
    static let songIDLine = "# song id: "
    static let extentLine = "# rendered: "
    static let madeStemsLine = "# stems/ made by Cowrite"

    /// The first line of a render folder's list; an export's list has the plain one.
    static let renderFolderLine = "# Cowrite render folder."

    func writeMarker(_ owned: [String: [Folder.Entry]]) throws(RenderError) {
        var text = (isRenderFolder ? Self.renderFolderLine + "\n" : "")
            + (song.map { Self.songLine + $0 + "\n" } ?? "")
            + (songID.map { Self.songIDLine + $0 + "\n" } ?? "")
            + (extent.map { Self.extentLine + visible($0) + "\n" } ?? "")
            + (madeStems ? Self.madeStemsLine + "\n" : "")
            + "# Written by Cowrite: the files it wrote in this folder. A later render or export replaces\n"
            + "# these, and only these, while they are unchanged. inode size modified name\n"
        for (name, entries) in owned.sorted(by: { $0.key < $1.key }) {
            for entry in entries {
                text += "\(entry.inode) \(entry.size) \(entry.modified.tv_sec).\(entry.modified.tv_nsec) \(name)\n"
            }
        }
        let temporary = Folder.temporaryName(Self.stagingPrefix + "-list")
        try folder.writeNewFile(temporary, Data(text.utf8))
        do { try folder.move(temporary, to: folder, as: Self.markerName) } catch {
            folder.remove(temporary)
            throw error
        }
    }

    // MARK: Litter

    /// Staging folders of renders in progress in this process, for `abandonAll`.
    nonisolated(unsafe) private static var active: [String: Folder] = [:]
    private static let activeLock = NSLock()

    static func register(_ staging: Folder, in folder: Folder) {
        activeLock.lock()
        active[staging.path] = folder
        activeLock.unlock()
    }

    static func unregister(_ staging: Folder) {
        activeLock.lock()
        active[staging.path] = nil
        activeLock.unlock()
    }

    /// Removes every staging folder of a render still running here: called just before
    /// the process ends on a signal without waiting for the render to stop.
    public static func abandonAll() {
        activeLock.lock()
        let folders = active
        activeLock.unlock()
        for (path, folder) in folders { folder.removeTree((path as NSString).lastPathComponent) }
    }

    /// The process that made a staging folder or temporary file, from its name.
    static func owner(of name: String) -> pid_t? {
        Folder.owner(ofTemporary: name, prefix: stagingPrefix) ?? Folder.owner(ofTemporary: name, prefix: stagingPrefix + "-list")
    }

    /// Removes staging folders and half-written lists whose process is gone.
    public static func cleanStaging(in folder: Folder) {
        for name in folder.names() {
            guard let pid = owner(of: name), Folder.isGone(pid) else { continue }
            switch folder.entry(name)?.kind {
            case .folder?:
                // Only a folder with the staging sign in it: a folder of the writer's that
                // happens to have such a name stays.
                guard (try? folder.folder(name))?.entry(stagingSign)?.kind == .file else { continue }
                folder.removeTree(name)
            case .file?:
                // A half-written list: Cowrite's own header, nothing else.
                guard name.hasPrefix(stagingPrefix + "-list-"), let data = folder.read(name, limit: markerLimit),
                      data.isEmpty || String(decoding: data.prefix(40), as: UTF8.self).hasPrefix("# ") else { continue }
                folder.remove(name)
            default:
                continue
            }
        }
    }

    /// Cleans what dead renders left in each folder under `path` (the renders folder at
    /// start-up). Returns how many were removed.
    @discardableResult
    public static func cleanLitter(under path: String) -> Int {
        guard let top = try? Folder.open(path, create: false) else { return 0 }
        var removed = 0
        for name in top.names() {
            guard top.entry(name)?.kind == .folder, let sub = try? top.folder(name) else { continue }
            let before = sub.names().count
            cleanStaging(in: sub)
            removed += before - sub.names().count
        }
        return removed
    }
}

/// Names Cowrite writes in a render folder, and how they are shown.
public enum WrittenName {
    /// A plain name, or `stems/NAME`: letters, digits, `.`, `_`, `-`, no leading dot.
    public static func isSafe(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.count == 1 || parts[0] == "stems" else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 128 && part.first != "."
                && part.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        }
    }
}
