import Foundation

/// Signals as flags rather than kills, so that the program decides what happens next.
///
/// Ctrl-C (SIGINT): the line editor clears the line, a render cancels and cleans up, and
/// the REPL carries on. SIGTERM and SIGHUP (a shutdown, a closed terminal window): the
/// command in progress is cancelled the same way, then the program brings the autosave up
/// to date, lets go of its session lock and exits with 128 + the signal number.
public enum Interrupts {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0
    nonisolated(unsafe) private static var termination: sig_atomic_t = 0
    /// The pipe the handlers wake the watchdog through (write(2) is safe in a handler).
    nonisolated(unsafe) private static var wakeup: (read: Int32, write: Int32) = (-1, -1)
    /// Run by the watchdog just before it ends the process (a render's staging folder goes).
    nonisolated(unsafe) public static var beforeForcedExit: @Sendable () -> Void = {}
    /// How long a command may take to notice SIGTERM or SIGHUP before the watchdog ends
    /// the process itself: the whole exit stays under a second.
    static let grace: useconds_t = 800_000

    /// Installs the handlers (no SA_RESTART, so a blocking read returns and the loop can
    /// react).
    public static func install() {
        guard wakeup.read < 0 else { return }
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            wakeup = (ends[0], ends[1])
            let watchdog = Thread { Interrupts.watch() }
            watchdog.name = "cowrite-watchdog"
            watchdog.start()
        }
        handle(SIGINT) { _ in Interrupts.raise() }
        handle(SIGTERM) { Interrupts.terminate($0) }
        handle(SIGHUP) { Interrupts.terminate($0) }
        // A parent may have started us with these blocked (the mask is inherited).
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    private static func handle(_ signal: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }

    static func raise() { flag = 1 }

    static func terminate(_ signal: Int32) {
        termination = signal
        flag = 1
        if wakeup.write >= 0 {
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = Foundation.write(wakeup.write, &byte, 1)
        }
    }

    /// Waits for SIGTERM or SIGHUP; if the program has not left `grace` later (a command
    /// that does not poll, a read that does not return), ends it. Every completed command
    /// is already in the autosave, and the kernel drops the session lock with the process;
    /// files a render was staging are removed by the next start.
    private static func watch() {
        var byte: UInt8 = 0
        while Foundation.read(wakeup.read, &byte, 1) != 1 {
            if errno != EINTR { return }
        }
        usleep(grace)
        let signal = Int32(byte)
        beforeForcedExit()
        let text = "\n\(name(of: signal)): leaving Cowrite now; every change up to the last completed command is in the autosave — `recover` restores it\n"
        _ = text.withCString { Foundation.write(STDERR_FILENO, $0, strlen($0)) }
        _exit(128 + signal)
    }

    /// Ctrl-C, or a termination signal: what a long command polls to stop early.
    public static var requested: Bool { flag != 0 }

    /// SIGTERM or SIGHUP when one arrived (the program should leave), else nil.
    public static var terminationSignal: Int32? { termination != 0 ? termination : nil }

    /// "SIGTERM".
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGINT: "SIGINT"
        default: "signal \(signal)"
        }
    }

    /// Clears Ctrl-C; a termination request stays until the program leaves.
    public static func clear() { flag = termination != 0 ? 1 : 0 }
}
