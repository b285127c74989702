import AudioRender
import CFluidSynth   // for malloc.h (malloc_trim), which its shim includes
import Foundation
import REPL
import SongModel

// `cowrite-soak [COMMANDS] [SEED] [RENDER-EVERY]`: runs a seeded random script of commands on one
// workspace, as the REPL would, in a temporary sessions folder, and reports resident
// memory and the heap in use, commands refused, and whether the saved session reloads
// equal to the song in memory. Exit 0 when nothing crashed, the heap levelled off (under
// 200 bytes a command over the second half), the resident set grew by under 25% from the
// 2,000th command, and the reload is equal; 1 otherwise.

Renderer.configureAllocator()
let arguments = CommandLine.arguments
let total = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let seed = arguments.count > 2 ? UInt64(arguments[2]) ?? 7 : 7
let folder = NSTemporaryDirectory() + "cowrite-soak-\(getpid())"
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

/// Bytes the C allocator has handed out and not had back, over every arena (mallinfo2
/// sums them), in MB: what the program holds, whatever the heap's fragmentation, cached
/// thread stacks or pages not yet returned add to the resident set.
func heapInUseMB() -> Double {
    let info = mallinfo2()
    return Double(info.uordblks + info.hblkhd) / 1_048_576
}

/// Resident set size in MB, from /proc/self/statm.
func residentMB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = Double(text.split(separator: " ")[1]) ?? 0
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

let help = ProcessInfo.processInfo.environment["COWRITE_HELP"] ?? "help"
var workspace = Workspace(author: "Soak", store: SessionStore(directory: folder + "/sessions"),
                          help: HelpLibrary(folder: help))
if let soundFont = ProcessInfo.processInfo.environment["COWRITE_SOUNDFONT"] { workspace.soundFont = soundFont }
workspace.renderFolder = folder + "/renders"
workspace.seeds = { 1 }
var script = SoakScript(seed: seed, renderFolder: folder + "/renders/section", renderEvery: arguments.count > 3 ? Int(arguments[3]) ?? 1000 : 1000)
for line in SoakScript.opening { _ = try workspace.perform(line) }

var refused = 0, renders = 0
var resident: [Double] = []
var rawResident: [Double] = []
var heap: [Double] = []
let start = Date()
for index in 1...total {
    let line = script.next()
    do {
        _ = try workspace.perform(line)
        if line.hasPrefix("render") {
            renders += 1
            try? FileManager.default.removeItem(atPath: folder + "/renders/section")
        }
    } catch {
        refused += 1
    }
    if index % 1000 == 0 {
        // Resident memory first as the system sees it, then once the C allocator has
        // handed back the free pages it caches; and the heap in use, what a leak raises.
        rawResident.append(residentMB())
        malloc_trim(0)
        resident.append(residentMB())
        heap.append(heapInUseMB())
    }
}
let elapsed = Date().timeIntervalSince(start)
_ = try workspace.perform("save")
let reloaded = try workspace.store.read(workspace.sessionPath ?? "").song
let equal = reloaded == workspace.song
if !equal, let song = workspace.song {
    for (a, b) in zip(song.sections, reloaded.sections) where a != b {
        print("soak: section \(a.name) differs after reload")
    }
}
// Two judgements. The fine one is the heap in use: a leak keeps what it allocates, so
// the heap grows with every command; what a session legitimately holds (the song, 500 undo
// steps, suggestions waiting) levels off once the undo history has turned over with the
// song at its full size. Its slope over the second half of the run, by least squares, in
// bytes a command, must be under 200 (measured: about 50, the tail of that levelling; a
// run of 20,000 is flat from the 7,000th). The coarse one is the resident set, which also
// holds what the heap does not count (thread stacks, mapped files, the allocator's
// fragmentation, which moves by a few MB from run to run with the render threads): the
// floor of the last three samples may grow by under 25% from the 2,000th command.
func slope(_ values: [Double], every step: Double) -> Double {
    let n = Double(values.count)
    guard n > 1 else { return 0 }
    let xs = values.indices.map { Double($0) * step }
    let meanX = xs.reduce(0, +) / n, meanY = values.reduce(0, +) / n
    let covariance = zip(xs, values).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
    let variance = xs.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
    return covariance / variance
}
let secondHalf = Array(heap.suffix(heap.count / 2 + 1))
let bytesPerCommand = slope(secondHalf, every: 1000) * 1_048_576
let baseline = resident.count >= 2 ? resident[1] : resident.first ?? 0
let last = resident.suffix(3).min() ?? 0
let peak = resident.dropFirst(2).max() ?? last
let growth = baseline > 0 ? (last - baseline) / baseline * 100 : 0
func figures(_ values: [Double], _ format: String) -> String { values.map { String(format: format, $0) }.joined(separator: " ") }
print("soak: \(total) commands (seed \(seed)) in \(String(format: "%.1f", elapsed)) s; \(refused) refused with a message, \(renders) section renders")
print("soak: heap in use MB every 1,000 commands: \(figures(heap, "%.2f")); over the last \(secondHalf.count) samples it grows \(String(format: "%.0f", bytesPerCommand)) bytes a command (limit 200)")
print("soak: resident MB every 1,000 commands: \(figures(resident, "%.1f")) (before the allocator's free pages are returned: \(figures(rawResident, "%.0f")))")
print(String(format: "soak: resident after the first 2,000 commands %.1f MB, at the end %.1f MB (lowest of the last three samples; highest %.1f MB): growth %.1f%% (limit 25%%)", baseline, last, peak, growth))
print("soak: final session reloads equal to the song in memory: \(equal ? "yes" : "NO")")
workspace.close()
// Under a sanitizer (`make sanitize`) memory is reported, not judged: its allocator
// holds freed memory in quarantine on purpose.
let judged = ProcessInfo.processInfo.environment["COWRITE_SANITIZER"] == nil
// `exit` does not run the top-level `defer`, so the folder is removed here.
try? FileManager.default.removeItem(atPath: folder)
exit(equal && ((bytesPerCommand < 200 && growth < 25) || !judged) ? 0 : 1)
