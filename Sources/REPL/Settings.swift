import AudioRender
import MusicTheory
import SongModel
import Foundation

/// Settings that come from outside the program: flags first, then the environment,
/// then the system.
public enum Settings {
    /// The author credited on what is typed: `--author`, then `COWRITE_AUTHOR`, then the
    /// full name the system keeps for the account (its GECOS field), then the login name.
    public static func author(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        plain(rawAuthor(flag: flag, environment: environment))
    }

    /// The login name, when it is what the writer is credited as: neither `--author` nor
    /// `COWRITE_AUTHOR` names them, and the account keeps no full name.
    static func loginName(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard (flag ?? "").trimmingSpaces.isEmpty, (environment["COWRITE_AUTHOR"] ?? "").trimmingSpaces.isEmpty, accountFullName() == nil else { return nil }
        return plain(rawAuthor(flag: nil, environment: environment))
    }

    /// The person's name the system keeps for the account (its GECOS field), if any.
    static func accountFullName() -> String? {
        guard let entry = getpwuid(getuid()), let login = entry.pointee.pw_name else { return nil }
        return fullName(gecos: entry.pointee.pw_gecos.map { String(cString: $0) }, login: String(cString: login))
    }

    static func rawAuthor(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.trimmingSpaces.isEmpty { return flag.trimmingSpaces }
        if let name = environment["COWRITE_AUTHOR"], !name.trimmingSpaces.isEmpty { return name.trimmingSpaces }
        if let full = accountFullName() { return full }
        if let login = getlogin() { return String(cString: login) }
        if let user = environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// The person's name from an account's GECOS field ("Ana Lima,,," → "Ana Lima"): nil
    /// when it is empty or only the login name again (root's is "root"). Why: a song was
    /// credited "Song by alima" where the system knew the writer as Ana Lima.
    static func fullName(gecos: String?, login: String) -> String? {
        guard let field = gecos?.split(separator: ",", omittingEmptySubsequences: false).first else { return nil }
        let name = String(field).trimmingSpaces
        return name.isEmpty || name.lowercased() == login.lowercased() ? nil : name
    }

    /// A name as it is credited: control characters and hidden marks dropped, at most
    /// `Limits.titleLength` characters, so every song it signs can be saved and opened.
    static func plain(_ name: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: name.unicodeScalars.filter { !isSteering($0, keepingLines: false) })
        let text = String(String(kept).prefix(Limits.titleLength)).trimmingSpaces
        return text.isEmpty ? "unknown" : text
    }

    /// The sessions folder: `COWRITE_SESSIONS`, or `./sessions`.
    public static func sessionsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["COWRITE_SESSIONS"].flatMap { $0.isEmpty ? nil : $0 } ?? "sessions"
    }

    /// The writer's home folder, for `~` in a path typed at the prompt.
    public static func home(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let folder = entry.pointee.pw_dir else { return nil }
        let path = String(cString: folder)
        return path.isEmpty ? nil : path
    }

    /// Where readline history persists: `COWRITE_HISTORY`, or `~/.cowrite_history`.
    public static func historyPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["COWRITE_HISTORY"] { return path.isEmpty ? nil : path }
        return environment["HOME"].map { $0 + "/.cowrite_history" }
    }

    /// A workspace with everything from outside filled in.
    public static func workspace(author: String?, soundFont: String? = nil) -> Workspace {
        var workspace = Workspace(author: Settings.author(flag: author),
                                  store: SessionStore(directory: sessionsDirectory()),
                                  help: HelpLibrary.locate())
        workspace.loginName = loginName(flag: author)
        workspace.soundFont = SoundFontInfo.resolve(soundFont)
        // Ctrl-C, SIGTERM and SIGHUP become flags that long commands poll, whichever way
        // the program runs (prompt, piped script, `run`, `render`).
        Interrupts.install()
        Interrupts.beforeForcedExit = { RenderFolder.abandonAll() }
        workspace.isCancelled = { Interrupts.requested }
        return workspace
    }
}

extension Settings {
    /// Removes what Cowrites that are gone left behind: staging folders of killed renders
    /// (in each folder under the renders folder) and temporary files of killed saves (in
    /// the sessions and autosave folders). Only files named the way Cowrite names them,
    /// whose process no longer runs.
    public static func cleanLitter(_ workspace: Workspace) {
        RenderFolder.cleanLitter(under: workspace.renderFolder)
        AtomicFile.cleanLitter(in: workspace.store.directory)
        AtomicFile.cleanLitter(in: workspace.store.autosaveDirectory)
        AutosaveClaim.cleanLitter(in: workspace.store.autosaveDirectory)
    }
}
