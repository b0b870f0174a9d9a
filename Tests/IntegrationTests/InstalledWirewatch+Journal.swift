import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Checkout {
    /// Prepares `process` to run as if started from a shell outside systemd: no
    /// `NOTIFY_SOCKET`, `INVOCATION_ID`, `JOURNAL_STREAM` or watchdog variables, stdin and
    /// stdout null. Returns what it writes to stderr (a pipe, not a terminal), as it comes.
    static func outsideSystemd(_ process: Process) -> LockedData {
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "INVOCATION_ID", "JOURNAL_STREAM", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            environment[key] = nil
        }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let collected = LockedData()
        errors.fileHandleForReading.readabilityHandler = { collected.append($0.availableData) }
        return collected
    }
}

extension AlertID {
    static let burstSummary = "005b47b8c9ed4afb8329dca9a76639b6"
    /// Every id wirewatch sends.
    static let all: Set<String> = articleKinds.union([quarantined, burstSummary])
}

/// What the alert tests need beyond the shared harness: raw journal entries (multi-valued
/// and binary fields kept as journald gives them), the store's alerts, config edits and
/// hand-made dumps.
extension InstalledWirewatch {
    /// `journalctl -o json` with `arguments`, each entry as JSONSerialization reads it: a
    /// field sent twice is an array of values, a value with control characters or invalid
    /// UTF-8 an array of byte numbers.
    func rawJournal(_ arguments: [String]) throws -> [[String: Any]] {
        try Self.objects(try system.check(["journalctl", "--no-pager", "-o", "json"] + arguments, timeout: 120))
    }

    /// One JSON object per line of `result`'s output.
    static func objects(_ result: CommandResult) throws -> [[String: Any]] {
        try result.lines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw HarnessError.failed(result)
            }
            return object
        }
    }

    /// Raw journal entries of alerts: from the unit, with one of wirewatch's MESSAGE_IDs.
    func rawAlerts() throws -> [[String: Any]] {
        try rawJournal(["-u", "wirewatch"]).filter { AlertID.all.contains($0["MESSAGE_ID"] as? String ?? "") }
    }

    /// `wirewatch alerts --json`: every alert in the store, newest first, keyed by its fields.
    func storedAlerts() throws -> [[String: Any]] {
        try Self.objects(
            try system.check([
                "wirewatch", "alerts", "--json", "--limit", "1000000", "--state", "/var/lib/wirewatch",
            ]))
    }

    /// Alerts committed but not yet sent, from `wirewatch stats --json`.
    func undeliveredAlerts() throws -> Int {
        let stats = try self.stats()
        return (stats["undeliveredAlerts"] ?? stats["undelivered_alerts"]) as? Int ?? -1
    }

    /// Sets `key = value` in the installed config's `[alerts]` section.
    func setAlertsOption(_ key: String, _ value: String) throws {
        try system.checkSh(
            "sed -i 's/^#\\?\(key) = .*/\(key) = \(value)/' /etc/wirewatch/wirewatch.toml"
                + " && grep -q '^\(key) = \(value)$' /etc/wirewatch/wirewatch.toml")
    }

    /// Writes `bytes` as `name` into the inbox in one rename (so the name may hold any byte
    /// but `/` and NUL), owned by dropper:wirewatch.
    func drop(name: String, bytes: [UInt8]) throws {
        let ids = try system.checkSh("id -u dropper; getent group wirewatch | cut -d: -f3").lines
        guard ids.count == 2, let uid = uid_t(ids[0]), let gid = gid_t(ids[1]) else {
            throw HarnessError.boot("cannot resolve dropper/wirewatch ids: \(ids)")
        }
        let staged = system.hostPath(Self.stage) + "/" + name
        guard FileManager.default.createFile(atPath: staged, contents: Data(bytes)) else {
            throw HarnessError.boot("cannot write \(staged)")
        }
        chown(staged, uid, gid)
        guard rename(staged, system.hostPath(Self.inbox) + "/" + name) == 0 else {
            throw HarnessError.boot("rename \(name) into the inbox: \(String(cString: strerror(errno)))")
        }
    }

    /// Drops `count` distinct binary dumps; each is quarantined and raises one alert
    /// whatever the alert rules say about articles.
    func dropBinaryDumps(_ count: Int, prefix: String) throws {
        for index in 1...count {
            try drop(name: "\(prefix)-\(index).txt", bytes: [0, 1, 2, 0, 0xFF, 0] + Array("\(prefix) \(index)".utf8))
        }
    }

    /// Quarantined dumps so far (their `.reason.json` sidecars).
    func quarantinedCount() throws -> Int {
        Int(try system.checkSh("find \(Self.quarantine) -name '*.reason.json' | wc -l").output) ?? -1
    }
}
