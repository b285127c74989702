import Foundation
import Testing
@testable import REPL
import SongModel

/// Runs a system tool; its exit status.
@discardableResult
func system(_ tool: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

@Suite("Storage faults")
struct StorageFaultTests {
    @Test func aFileChangedByAnotherProgramIsNotSavedOverUnlessForced() throws {
        var (_, workspace, path) = try savedExample()
        _ = try workspace.perform("set tempo=90")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"title\" : \"Rain on Glass\"", with: "\"title\" : \"Rain on Glass (their edit)\"")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let theirs = contents(path)

        #expect(message { try workspace.perform("save") }
            == "\(path) was changed by another program since Cowrite read it; your song is still open here: `save --force` replaces that file with it, `save NEW-NAME` keeps both")
        #expect(contents(path) == theirs)
        #expect(workspace.song?.tempo == 90)
        #expect(workspace.isDirty)

        #expect(try workspace.perform("save --force") == "saved “Rain on Glass” to \(path)")
        #expect(try workspace.store.read(path).song.tempo == 90)
        #expect(contents(path + ".bak") == theirs)   // their version is the backup
        // Saved again from here, the file is ours: no conflict.
        _ = try workspace.perform("set tempo=91")
        #expect(try workspace.perform("save") == "saved “Rain on Glass” to \(path)")
    }

    @Test func aFileOnlyTouchedIsNoConflict() throws {
        var (_, workspace, path) = try savedExample()
        _ = try workspace.perform("set tempo=90")
        let data = try #require(contents(path))
        try data.write(to: URL(fileURLWithPath: path))   // same bytes, new mtime and inode
        #expect(try workspace.perform("save") == "saved “Rain on Glass” to \(path)")
    }

    @Test func aDeletedFileIsWrittenAgainWithANote() throws {
        var (_, workspace, path) = try savedExample()
        _ = try workspace.perform("set tempo=90")
        try FileManager.default.removeItem(atPath: path)
        #expect(try workspace.perform("save")
            == "note: \(path) had been deleted by another program; it is written again\nsaved “Rain on Glass” to \(path)")
        #expect(try workspace.store.read(path).song.tempo == 90)
    }

    @Test func aPathThatIsAFolderIsRefused() throws {
        var (folder, workspace, path) = try savedExample()
        try FileManager.default.createDirectory(atPath: folder + "/take.cowrite", withIntermediateDirectories: true)
        _ = try workspace.perform("set tempo=90")
        #expect(message { try workspace.perform("save \(folder)/take.cowrite") }
            == "\(folder)/take.cowrite: is a folder; give a file name such as \(folder)/take.cowrite/song.cowrite")
        #expect(workspace.sessionPath == path)
        #expect(workspace.isDirty)
    }

    /// A folder takes the session under the song's name, as `export` and `render -o` take
    /// their files (`save mydir` had written mydir.cowrite beside the folder and gone on
    /// with it); a folder named with a slash is made; a link to a folder is refused.
    @Test func aFolderTakesTheSessionUnderTheSongsName() throws {
        var (folder, workspace, _) = try savedExample()
        try FileManager.default.createDirectory(atPath: folder + "/mine", withIntermediateDirectories: true)
        let copy = try workspace.perform("save \(folder)/mine")
        #expect(copy.hasPrefix("saved “Rain on Glass” to \(folder)/mine/rain-on-glass.cowrite; it is a copy of"), "\(copy)")
        #expect(workspace.sessionPath == folder + "/mine/rain-on-glass.cowrite")
        #expect(!FileManager.default.fileExists(atPath: folder + "/mine.cowrite"))
        _ = try workspace.perform("save \(folder)/drafts/")
        #expect(workspace.store.fileExists(folder + "/drafts/rain-on-glass.cowrite"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/mine")
        #expect(message { try workspace.perform("save \(folder)/link") }
            == "\(folder)/link is a symbolic link to a folder; Cowrite writes only into real folders — give the folder's own path")
        #expect(workspace.sessionPath == folder + "/drafts/rain-on-glass.cowrite")
        // `export` to a folder not made yet, named with a slash: made, the file under the song's name.
        #expect(try workspace.perform("export midi -o \(folder)/cues/").hasPrefix("wrote \(folder)/cues/rain-on-glass.mid"))
    }

    /// A real full disk and a real read-only folder: a 64 KiB tmpfs under the test's
    /// folder (mounting needs root, which the CI machines run as).
    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func aFullDiskAndAReadOnlyFolderLoseNothing() throws {
        let folder = try temporaryFolder()
        let sessions = folder + "/sessions"
        try FileManager.default.createDirectory(atPath: sessions, withIntermediateDirectories: true)
        guard try system("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", sessions]) == 0 else {
            Issue.record("cannot mount a tmpfs at \(sessions)")
            return
        }
        defer { _ = try? system("/bin/umount", ["-l", sessions]) }
        var workspace = makeWorkspace(in: folder)
        for line in try script("rain-on-glass.txt").dropLast() { _ = try workspace.perform(line) }
        _ = try workspace.perform("save rain-on-glass")
        let path = sessions + "/rain-on-glass.cowrite"
        let saved = try #require(contents(path))

        // Fill the disk, then change the song: the autosave warns, the command still works.
        let filler = sessions + "/filler"
        close(open(filler, O_WRONLY | O_CREAT | O_EXCL, 0o644))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        let block = Data(repeating: 0x55, count: 1024)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()
        let output = try workspace.perform("set tempo=96")
        #expect(output.hasPrefix("set song: tempo=96\nwarning: autosave failed: \(sessions)/.autosave/rain-on-glass-\(getpid())-"))
        #expect(output.hasSuffix(".cowrite: could not be written: the disk is full — this change is in memory only until a save succeeds"))
        #expect(workspace.autosaveFailed)
        #expect(message { try workspace.perform("save") }
            == "\(path): could not be written: the disk is full; the song is still open here and the old file is unchanged — try `save` with another path")
        #expect(contents(path) == saved)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sessions).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        #expect(workspace.song?.tempo == 96)

        // Room again: the save goes through.
        try FileManager.default.removeItem(atPath: filler)
        #expect(try workspace.perform("save") == "saved “Rain on Glass” to \(path)")
        #expect(try workspace.store.read(path).song.tempo == 96)

        // A read-only folder (a second tmpfs, remounted read-only once the song is in it).
        let shelf = folder + "/shelf"
        try FileManager.default.createDirectory(atPath: shelf, withIntermediateDirectories: true)
        #expect(try system("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", shelf]) == 0)
        defer { _ = try? system("/bin/umount", ["-l", shelf]) }
        let shelved = shelf + "/rain-on-glass.cowrite"
        try FileManager.default.copyItem(atPath: path, toPath: shelved)
        #expect(try system("/bin/mount", ["-o", "remount,ro", shelf]) == 0)
        // Saving into it says so; the song stays open here.
        #expect(message { try workspace.perform("save \(shelf)/take-two.cowrite") }
            == "\(shelf)/take-two.cowrite: could not be written: the folder is read-only; the song is still open here and the old file is unchanged — try `save` with another path")
        #expect(workspace.sessionPath == path)
        // Opening from it gives the song read-only, and saving over it is refused.
        var second = makeWorkspace(in: folder)
        #expect(try second.perform("open \(shelved)")
            == "note: opened read-only, as no lock can be made beside \(shelved) (the folder is read-only); `save NEW-PATH` keeps changes elsewhere\nopened “Rain on Glass” from \(shelved): 2 sections, 32 bars — read-only (no lock can be made beside it: the folder is read-only); `save NEW-NAME` keeps changes in a new file")
        _ = try second.perform("set tempo=97")
        #expect(message { try second.perform("save") }
            == "\(shelved) is open read-only (no lock can be made beside it: the folder is read-only): `save NEW-NAME` keeps your changes in a new file")
        #expect(try second.perform("save \(folder)/rescued.cowrite").hasPrefix("saved “Rain on Glass” to \(folder)/rescued.cowrite; it is a copy of \(shelved)"))
        #expect(try second.store.read(folder + "/rescued.cowrite").song.tempo == 97)
    }

    /// SIGHUP (the terminal window closed) on the interactive REPL: the line editor runs
    /// on a pseudo-terminal made by script(1).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1)"))
    func theInteractiveREPLLeavesCleanlyOnSIGHUP() throws {
        let (folder, mine, path) = try savedExample()
        var other = mine
        other.close()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", "\(cowriteBinary) rain-on-glass", "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = cowriteEnvironment(folder).merging(["TERM": "dumb"]) { $1 }
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var holder: LockHolder?
        for _ in 0..<400 where holder == nil {
            holder = SessionLock.holder(of: path)
            if holder == nil { usleep(25_000) }
        }
        let pid = try #require(holder?.pid)
        stdin.fileHandleForWriting.write(Data("set tempo=70\r".utf8))
        let autosave = try #require(autosaveOf(pid, in: folder + "/sessions/.autosave", showing: "set tempo=70"))
        kill(pid, SIGHUP)
        process.waitUntilExit()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 129, "\(output)")
        #expect(output.contains("SIGHUP: leaving Cowrite; 1 unsaved change kept in sessions/.autosave/\((autosave as NSString).lastPathComponent) — `recover` restores them"))
        #expect(SessionLock.holder(of: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: folder + "/sessions/.rain-on-glass.cowrite.lock"))
        #expect(try mine.store.read(autosave).song.tempo == 70)
    }
}
