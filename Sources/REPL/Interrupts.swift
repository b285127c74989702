import Foundation

/// Ctrl-C (SIGINT) as a flag rather than a kill: the line editor clears the line, a
/// render cancels and cleans up, and the REPL carries on.
public enum Interrupts {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Installs the handler (no SA_RESTART, so a blocking read returns and the loop can
    /// react).
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupts.raise() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    static func raise() { flag = 1 }

    public static var requested: Bool { flag != 0 }

    public static func clear() { flag = 0 }
}
