import WirewatchStories
import WirewatchSystem

/// Where alerts go once stored: the journal, or stderr where no journal is reachable.
public protocol AlertSink: Sendable {
    /// Sends `alert`, whose outbox id is `id`. Throws when it did not get through; the
    /// dispatcher then keeps it in the outbox and tries again later.
    func deliver(_ alert: Alert, id: Int64) throws
}

/// One journal entry per alert through `sd_journal_sendv`, so every `WIREWATCH_*` field
/// is a real journal field that `journalctl FIELD=value` matches.
///
/// Throws while journald is away (its socket missing or refusing), never drops silently.
public struct JournalAlertSink: AlertSink {
    public init() {}

    public func deliver(_ alert: Alert, id: Int64) throws {
        try Journal.send(alert.journalFields(id: id))
    }
}

/// The same words on stderr with a `<N>` priority prefix, for terminals and containers.
public struct StderrAlertSink: AlertSink {
    let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public func deliver(_ alert: Alert, id: Int64) throws {
        write(alert.stderrLine(id: id) + "\n")
    }
}

/// Picks the sink for this process once, at start.
public enum AlertRoute {
    /// The journal for a process systemd started (it waits out a stopped journald rather
    /// than write alerts where nobody reads them) or one whose stderr is not a terminal on
    /// a machine with journald; stderr otherwise (a terminal, a container without journald).
    public static func system() -> any AlertSink {
        choose(serviceManaged: Journal.isServiceManaged, journalReachable: Journal.isReachable)
    }

    static func choose(serviceManaged: Bool, journalReachable: Bool) -> any AlertSink {
        if serviceManaged || journalReachable { return JournalAlertSink() }
        return StderrAlertSink(write: { StandardError.write($0) })
    }
}
