import Foundation
import GRDB
import WirewatchExtract
import WirewatchStories

extension Store {
    // MARK: - Ledger

    /// The first outcome recorded for this content hash (stored, duplicate or quarantined), or
    /// nil when no dump with this content was ever handled.
    public func ledgerEntry(sha256: String) throws -> LedgerEntry? {
        try read("read ledger") { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM ledger WHERE sha256 = ? ORDER BY id LIMIT 1", arguments: [sha256]
            ).map(Self.ledgerEntry(from:))
        }
    }

    /// Every ledger row for this content hash, oldest first.
    public func ledgerEntries(sha256: String) throws -> [LedgerEntry] {
        try read("read ledger") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE sha256 = ? ORDER BY id", arguments: [sha256])
                .map(Self.ledgerEntry(from:))
        }
    }

    // MARK: - Articles

    /// Articles, newest received first; `offset` skips that many for paging.
    public func articles(limit: Int, offset: Int) throws -> [StoredArticle] {
        try read("list articles") { db in
            try Self.storedArticles(
                db,
                sql: """
                    SELECT json, story, received FROM articles
                    ORDER BY received DESC, rowid DESC LIMIT ? OFFSET ?
                    """,
                arguments: [max(limit, 0), max(offset, 0)])
        }
    }

    /// The article with this id, or whose id starts with this prefix of at least 4 hex digits;
    /// longer strings (up to all 64 digits) match the content hash. Case and surrounding spaces
    /// are ignored. Nil when nothing matches; `StoreError.ambiguousID` when a prefix matches
    /// more than one article.
    public func article(id: String) throws -> StoredArticle? {
        let key = id.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard key.count >= 4, key.count <= 64, key.allSatisfy(\.isHexDigit) else { return nil }
        let column = key.count > 16 ? "sha256" : "id"
        return try read("look up article \(key)") { db in
            // GLOB (not LIKE) is case-sensitive, so SQLite answers it from the column's index.
            let matches = try Row.fetchAll(
                db,
                sql: "SELECT id, json, story, received FROM articles WHERE \(column) GLOB ? ORDER BY id LIMIT 6",
                arguments: [key + "*"])
            if matches.count > 1 {
                throw StoreError.ambiguousID(path: path, prefix: key, matches: matches.map { $0["id"] })
            }
            return try matches.first.map(Self.storedArticle(from:))
        }
    }

    /// The members of a story, in the order they were received.
    public func articles(inStory story: String) throws -> [StoredArticle] {
        try read("list story \(story)") { db in
            try Self.storedArticles(
                db,
                sql: """
                    SELECT a.json, a.story, a.received FROM story_members m JOIN articles a ON a.id = m.article
                    WHERE m.story = ? ORDER BY a.received, a.rowid
                    """,
                arguments: [story])
        }
    }

    /// Number of articles stored.
    public func articleCount() throws -> Int {
        try read("count articles") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") ?? 0
        }
    }

    // MARK: - Alerts

    /// Alerts committed but not yet sent to the journal, oldest first. The daemon sends these
    /// and then calls `markDelivered`, so an alert committed just before a crash is sent after
    /// the restart (at least once, never lost).
    public func undeliveredAlerts(limit: Int) throws -> [StoredAlert] {
        try undeliveredAlerts(after: 0, limit: limit)
    }

    /// Alerts, newest first, delivered or not.
    public func alerts(limit: Int) throws -> [StoredAlert] {
        try alerts(since: nil, maxPriority: nil, limit: limit)
    }

    /// Alerts created at or after `since` whose syslog level is `maxPriority` or more severe
    /// (a lower number), newest first; nil means no bound.
    public func alerts(since: Date?, maxPriority: Int?, limit: Int) throws -> [StoredAlert] {
        try read("list alerts") { db in
            try Self.storedAlerts(
                db,
                sql: """
                    SELECT a.id, a.json, a.created, d.at AS delivered
                    FROM alerts a LEFT JOIN alert_deliveries d ON d.alert_id = a.id
                    WHERE (?1 IS NULL OR a.created >= ?1) AND (?2 IS NULL OR a.priority <= ?2)
                    ORDER BY a.id DESC LIMIT ?3
                    """,
                arguments: [since, maxPriority, max(limit, 0)])
        }
    }

    // MARK: - Stories

    /// Stories, the most recently reported first.
    public func stories(limit: Int) throws -> [StoryRow] {
        try read("list stories") { db in
            try Self.storyRows(
                db, filter: "", order: "ORDER BY last_seen DESC, s.id LIMIT ?", arguments: [max(limit, 0)])
        }
    }

    /// Story rows with their member counts, times and outlets, titled by the first member
    /// that has a headline (the opening report may have none); `filter` is a WHERE clause
    /// (or empty) on `stories s`, `order` what follows the grouping.
    static func storyRows(
        _ db: Database, filter: String, order: String, arguments: StatementArguments
    ) throws -> [StoryRow] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.first_seen, MAX(a.received) AS last_seen, COUNT(*) AS articles,
                    COALESCE(s.title, (
                        SELECT t.title FROM story_members tm JOIN articles t ON t.id = tm.article
                        WHERE tm.story = s.id AND t.title IS NOT NULL ORDER BY t.received, t.rowid LIMIT 1
                    )) AS title
                FROM stories s
                JOIN story_members m ON m.story = s.id
                JOIN articles a ON a.id = m.article
                \(filter)
                GROUP BY s.id
                \(order)
                """,
            arguments: arguments)
        let outlets = try Self.outlets(db, stories: rows.map { $0["id"] })
        return rows.map { row in
            let id: String = row["id"]
            return StoryRow(
                id: id, firstSeen: row["first_seen"], lastSeen: row["last_seen"], articles: row["articles"],
                outlets: outlets[id] ?? [], title: row["title"])
        }
    }

    // MARK: - Stats

    /// Counts over the whole store, read from one snapshot, plus the size of its files.
    public func stats() throws -> StoreStats {
        var stats = try read("read stats") { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return StoreStats(
                articles: try count("SELECT COUNT(*) FROM articles"),
                stories: try count("SELECT COUNT(*) FROM stories"),
                alerts: try count("SELECT COUNT(*) FROM alerts"),
                undeliveredAlerts: try count(
                    """
                    SELECT COUNT(*) FROM alerts a
                    WHERE NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id)
                    """),
                duplicates: try count("SELECT COUNT(*) FROM ledger WHERE outcome = 'duplicate'"),
                quarantined: try count("SELECT COUNT(*) FROM ledger WHERE outcome = 'quarantined'"),
                ledger: try count("SELECT COUNT(*) FROM ledger"),
                fileBytes: 0,
                newest: try Date.fetchOne(db, sql: "SELECT MAX(received) FROM articles"))
        }
        stats.fileBytes = Self.fileSize(path) + Self.fileSize(path + "-wal")
        return stats
    }

    // MARK: - Decoding rows

    static func storedArticles(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredArticle] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map(storedArticle(from:))
    }

    static func storedArticle(from row: Row) throws -> StoredArticle {
        StoredArticle(
            article: try JSONText.decode(Article.self, from: row["json"]), story: row["story"],
            received: row["received"])
    }

    static func storedAlerts(
        _ db: Database, sql: String, arguments: StatementArguments
    ) throws -> [StoredAlert] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            StoredAlert(
                id: row["id"], alert: try JSONText.decode(Alert.self, from: row["json"]), created: row["created"],
                delivered: row["delivered"])
        }
    }

    private static func ledgerEntry(from row: Row) throws -> LedgerEntry {
        let outcome: String = row["outcome"]
        guard let parsed = LedgerEntry.Outcome(rawValue: outcome) else {
            throw DatabaseError(message: "unknown ledger outcome \(outcome)")
        }
        return LedgerEntry(
            sha256: row["sha256"], name: row["name"], path: row["path"], size: row["size"], outcome: parsed,
            article: row["article"], reason: row["reason"], at: row["at"])
    }

    /// Distinct publishers per story, in the order their first article was received.
    static func outlets(_ db: Database, stories: [String]) throws -> [String: [String]] {
        guard !stories.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: stories.count).joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.story, a.publisher FROM story_members m JOIN articles a ON a.id = m.article
                WHERE m.story IN (\(marks)) AND a.publisher IS NOT NULL
                ORDER BY a.received, a.rowid
                """,
            arguments: StatementArguments(stories))
        var result: [String: [String]] = [:]
        for row in rows {
            let story: String = row["story"]
            let publisher: String = row["publisher"]
            if !(result[story]?.contains(publisher) ?? false) {
                result[story, default: []].append(publisher)
            }
        }
        return result
    }

    private static func fileSize(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
