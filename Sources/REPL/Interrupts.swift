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

    /// Installs the handlers (no SA_RESTART, so a blocking read returns and the loop can
    /// react).
    public static func install() {
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
