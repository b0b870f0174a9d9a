import Foundation
import GRDB
import WirewatchStories

// The alert outbox as the dispatcher walks it: past what it has already looked at, and the
// burst limit's folding.
extension Store {
    /// Undelivered alerts whose outbox id is above `id`, oldest first.
    ///
    /// The dispatcher keeps alerts that it is folding into a burst summary undelivered until
    /// the summary is committed; reading past them keeps each pass proportional to what is new.
    public func undeliveredAlerts(after id: Int64, limit: Int) throws -> [StoredAlert] {
        try read("read alert outbox") { db in
            try Self.storedAlerts(
                db,
                sql: """
                    SELECT a.id, a.json, a.created, d.at AS delivered
                    FROM alerts a LEFT JOIN alert_deliveries d ON d.alert_id = a.id
                    WHERE d.alert_id IS NULL AND a.id > ? ORDER BY a.id LIMIT ?
                    """,
                arguments: [id, max(limit, 0)])
        }
    }

    /// Commits `summary` (a `.burstSummary` alert) into the outbox, undelivered, and records the
    /// alerts `folded` as delivered at `at` through it, in one transaction: a crash leaves
    /// either the folded alerts waiting or the summary waiting, never neither.
    /// Returns the summary's outbox id.
    @discardableResult
    public func recordBurstSummary(_ summary: Alert, folding folded: [Int64], at: Date) throws -> Int64 {
        let operation = "record burst summary of \(folded.count) alert(s)"
        let json: String
        do {
            json = try JSONText.encode(summary)
        } catch {
            throw StoreError.failed(path: path, operation: operation, underlying: error)
        }
        return try write(operation) { db in
            let id = try insertAlert(db, summary, json: json, created: at)
            let statement = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO alert_deliveries (alert_id, at) VALUES (?, ?)")
            for folded in folded {
                try statement.execute(arguments: [folded, at])
            }
            return id
        }
    }
}
