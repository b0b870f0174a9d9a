import Foundation

/// Where the command line finds the config and the state when not told (SPEC §9).
public enum Locations {
    public static let systemConfig = "/etc/wirewatch/wirewatch.toml"
    public static let systemState = "/var/lib/wirewatch"
    public static let localState = ".wirewatch"
    public static let localInbox = "inbox"

    /// True when systemd started this process (it sets `INVOCATION_ID` for every unit).
    public static var underSystemd: Bool {
        ProcessInfo.processInfo.environment["INVOCATION_ID"] != nil
    }

    /// `path` made absolute against the current directory, without resolving symlinks.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cwd = FileManager.default.currentDirectoryPath
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        if trimmed == "." || trimmed.isEmpty { return cwd }
        return Path.join(cwd, String(trimmed))
    }

    /// Reads and validates the configuration for `run`: `--config`, else the system file
    /// under systemd; defaults are `/var/lib/wirewatch` under systemd, `./inbox` and
    /// `./.wirewatch` elsewhere. Command-line paths win over the file.
    public static func loadConfiguration(
        config: String?, inbox: String?, state: String?
    ) throws(ConfigurationError) -> Configuration {
        let file = config ?? (underSystemd && FileManager.default.fileExists(atPath: systemConfig) ? systemConfig : nil)
        var text: String?
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ConfigurationError(file: file, key: "", problem: "cannot read the file")
            }
            guard let decoded = String(bytes: data, encoding: .utf8) else {
                throw ConfigurationError(file: file, key: "", problem: "not UTF-8 text")
            }
            text = decoded
        }
        let local = !underSystemd && file == nil
        let defaultInbox = local ? absolute(localInbox) : nil
        return try Configuration.load(
            text: text, file: file, inbox: inbox.map(absolute) ?? defaultInbox, state: state.map(absolute),
            defaultState: absolute(local ? localState : systemState))
    }

    /// The store path for read commands: `--state`, else `--config`'s store, else the
    /// system config's, else `./.wirewatch` when it exists, else `/var/lib/wirewatch`.
    public static func storePath(state: String?, config: String?) throws(ConfigurationError) -> String {
        if let state { return Path.join(absolute(state), "wirewatch.sqlite") }
        let file = config ?? (FileManager.default.fileExists(atPath: systemConfig) ? systemConfig : nil)
        if let file {
            return try loadConfiguration(config: file, inbox: nil, state: nil).store.path
        }
        let local = absolute(localState)
        if FileManager.default.fileExists(atPath: Path.join(local, "wirewatch.sqlite")) {
            return Path.join(local, "wirewatch.sqlite")
        }
        return Path.join(systemState, "wirewatch.sqlite")
    }
}
