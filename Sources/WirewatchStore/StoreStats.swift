import Foundation

/// Counts for `wirewatch stats` and the daemon's `STATUS=`.
public struct StoreStats: Sendable, Codable, Equatable {
    public var articles: Int
    public var stories: Int
    public var alerts: Int
    /// Alerts committed but not yet sent to the journal.
    public var undeliveredAlerts: Int
    /// Ledger rows for second copies of stored content.
    public var duplicates: Int
    /// Ledger rows for quarantined dumps.
    public var quarantined: Int
    /// All ledger rows: every dump file handled.
    public var ledger: Int
    /// Size on disk of the database file plus its write-ahead log.
    public var fileBytes: Int64
    /// When the newest article was received, nil while the store is empty.
    public var newest: Date?

    public init(
        articles: Int, stories: Int, alerts: Int, undeliveredAlerts: Int, duplicates: Int, quarantined: Int,
        ledger: Int, fileBytes: Int64, newest: Date?
    ) {
        self.articles = articles
        self.stories = stories
        self.alerts = alerts
        self.undeliveredAlerts = undeliveredAlerts
        self.duplicates = duplicates
        self.quarantined = quarantined
        self.ledger = ledger
        self.fileBytes = fileBytes
        self.newest = newest
    }
}
