import Foundation
import Testing
@testable import REPL
import SongModel

/// A saved example song in a fresh folder, and a workspace that has it open.
func savedExample() throws -> (folder: String, workspace: Workspace, path: String) {
    let folder = try temporaryFolder()
    var workspace = makeWorkspace(in: folder)
    for line in try script("rain-on-glass.txt").dropLast() { _ = try workspace.perform(line) }
    _ = try workspace.perform("save rain-on-glass")
    return (folder, workspace, folder + "/sessions/rain-on-glass.cowrite")
}

func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

func message(of body: () throws -> String) -> String {
    do {
        return "accepted: " + (try body())
    } catch {
        return "\(error)"
    }
}

@Suite("Session locks")
struct LockingTests {
    @Test func aSecondCowriteIsToldWhoHoldsTheSessionAndCanOnlyReadIt() throws {
        var (folder, first, path) = try savedExample()
        let lockFile = folder + "/sessions/.rain-on-glass.cowrite.lock"
        #expect(FileManager.default.fileExists(atPath: lockFile))
        let holder = try #require(SessionLock.holder(of: path))
        #expect(holder.pid == getpid())
        #expect(holder.author == "Ana")

        var second = makeWorkspace(in: folder)
        #expect(message { try second.perform("open rain-on-glass") }
            == "\(path) is open in another Cowrite (\(holder.description)): close it there first, or `open \(path) --read-only` to look without saving over it")
        #expect(second.song == nil)

        let opened = try second.perform("open rain-on-glass --read-only")
        #expect(opened == "opened “Rain on Glass” from \(path): 2 sections, 32 bars — read-only (open in another Cowrite: \(holder.description)); `save NEW-NAME` keeps changes in a new file")
        _ = try second.perform("set tempo=90")
        let before = contents(path)
        #expect(message { try second.perform("save") }
            == "\(path) is open read-only (open in another Cowrite: \(holder.description)): `save NEW-NAME` keeps your changes in a new file")
        #expect(contents(path) == before)
        // The read-only copy's autosave never claims the held file.
        let autosave = try #require(second.autosavePath)
        #expect(autosave != first.store.autosaveDirectory + "/rain-on-glass.cowrite")
        #expect(try first.store.read(autosave).autosave?.sessionPath == nil)

        // A copy of the file another window holds: a song of its own to renders.
        #expect(try second.perform("save rain-copy") == "saved “Rain on Glass” to \(folder)/sessions/rain-copy.cowrite; it is a copy of "
                + "\(folder)/sessions/rain-on-glass.cowrite from now on, which stays as it was, and renders to a folder of its own (with `-o` while both have one title)")
        #expect(second.readOnlyReason == nil)
        #expect(SessionLock.holder(of: folder + "/sessions/rain-copy.cowrite")?.pid == getpid())
        #expect(try first.store.read(folder + "/sessions/rain-copy.cowrite").song.tempo == 90)

        // The first still saves; once it moves on, the second can take the session.
        _ = try first.perform("set tempo=88")
        _ = try first.perform("save")
        _ = try first.perform("new \"Other\"")
        #expect(!FileManager.default.fileExists(atPath: lockFile))
        #expect(try second.perform("open rain-on-glass") == "opened “Rain on Glass” from \(path): 2 sections, 32 bars")
        #expect(second.readOnlyReason == nil)
        #expect(second.song?.tempo == 88)
    }

    @Test func saveAsNeverWritesOverASessionAnotherCowriteHolds() throws {
        var (folder, first, path) = try savedExample()
        _ = first
        var second = makeWorkspace(in: folder)
        _ = try second.perform("new \"Elsewhere\"")
        let before = contents(path)
        let holder = try #require(SessionLock.holder(of: path))
        #expect(message { try second.perform("save rain-on-glass") }
            == "\(path) is open in another Cowrite (\(holder.description)): close it there first, or `open \(path) --read-only` to look without saving over it")
        #expect(contents(path) == before)
        #expect(second.song?.title == "Elsewhere")
        first.close()
    }

    @Test func aLockLeftByACowriteThatIsGoneIsTakenOver() throws {
        var (folder, first, path) = try savedExample()
        first.close()
        let lockFile = folder + "/sessions/.rain-on-glass.cowrite.lock"
        try "pid=999999 host=studio since=1790000000 author=Bo\n".write(toFile: lockFile, atomically: false, encoding: .utf8)
        let gone = try #require(LockHolder(line: "pid=999999 host=studio since=1790000000 author=Bo"))
        #expect(SessionLock.holder(of: path) == nil)   // nobody holds the flock
        var second = makeWorkspace(in: folder)
        #expect(try second.perform("open rain-on-glass")
            == "note: took over the lock left by a Cowrite that is gone (\(gone.description))\nopened “Rain on Glass” from \(path): 2 sections, 32 bars")
        #expect(SessionLock.holder(of: path)?.pid == getpid())
        #expect(gone.description.hasPrefix("Bo, pid 999999 on studio, since "))
    }

    @Test func theLockLineRoundTripsAnAuthorWithSpaces() throws {
        let holder = LockHolder(author: "Ana María = Lead", pid: 42, host: "box", since: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(LockHolder(line: holder.line) == holder)
        #expect(LockHolder(line: "") == nil)
        #expect(LockHolder(line: "garbage") == nil)
    }

    @Test func aCowriteInAnotherProcessHoldsTheLockUntilSIGTERM() throws {
        let (folder, _, path) = try savedExample()
        var mine = makeWorkspace(in: folder)
        _ = try mine.perform("new \"Scratch\"")   // let go of the example
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cowriteBinary)
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = cowriteEnvironment(folder)
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data("open rain-on-glass\nset tempo=70\n".utf8))
        var holder: LockHolder?
        for _ in 0..<200 where holder == nil {
            holder = SessionLock.holder(of: path)
            if holder == nil { usleep(25_000) }
        }
        #expect(holder?.pid == process.processIdentifier)
        var other = makeWorkspace(in: folder)
        #expect(message { try other.perform("open rain-on-glass") }.contains("is open in another Cowrite (Ana, pid \(process.processIdentifier) on "))
        let autosave = try #require(autosaveOf(process.processIdentifier, in: folder + "/sessions/.autosave", showing: "set tempo=70"))
        let shown = "sessions/.autosave/" + (autosave as NSString).lastPathComponent
        kill(process.processIdentifier, SIGTERM)
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 143)
        #expect(String(decoding: errors, as: UTF8.self)
            == "stdin: SIGTERM: stopped after line 2\nnote: “Rain on Glass” has 1 unsaved change, kept in \(shown) — `recover` restores it, `save` keeps it\n")
        #expect(SessionLock.holder(of: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: folder + "/sessions/.rain-on-glass.cowrite.lock"))
        // Opened again, the song comes back with the change the stopped Cowrite kept.
        let reopened = try other.perform("open rain-on-glass")
        #expect(reopened.hasPrefix("opened") && reopened.contains("\nwith the unsaved changes an earlier Cowrite kept in an autosave: "), "\(reopened)")
        #expect(other.song?.tempo == 70)
    }
}
