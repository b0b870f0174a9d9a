import WirewatchStories
import WirewatchSystem

/// Where alerts go once stored: the journal, or stderr where no journal is reachable.
public protocol AlertSink: Sendable {
    func deliver(_ alert: Alert) throws
}

/// One journal entry per alert through `sd_journal_sendv`, so every `WIREWATCH_*` field
/// is a real journal field that `journalctl FIELD=value` matches.
public struct JournalAlertSink: AlertSink {
    public init() {}

    public func deliver(_ alert: Alert) throws {
        try Journal.send(alert.journalFields())
    }
}

/// The same words on stderr with a `<N>` priority prefix, for terminals and containers.
public struct StderrAlertSink: AlertSink {
    let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public func deliver(_ alert: Alert) throws {
        write(alert.stderrLine() + "\n")
    }
}
