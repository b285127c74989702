import Foundation

/// A one-line progress bar on standard error, for renders at a terminal.
enum ProgressBar {
    nonisolated(unsafe) private static var shown = false
    private static let lock = NSLock()

    @Sendable static func draw(_ fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r  rendering \(bar) \(Int(fraction * 100))%  (Ctrl-C cancels)".utf8))
        shown = true
    }

    /// Clears the bar's line once the command is done.
    static func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        shown = false
    }
}
