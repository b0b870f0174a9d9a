import Foundation
import GRDB
import WirewatchExtract
import WirewatchStories

extension Store {
    /// Appends an article, in one transaction: the article row and its full-text entry, its
    /// entities and events, the story (created if missing) and membership, the ledger row
    /// (outcome `.stored`) for `file`, and `alerts` into the outbox (undelivered).
    ///
    /// Idempotent on the content hash `article.source.sha256`: when that content is already
    /// stored, nothing is written and the result is `.alreadyStored` with the existing id, so a
    /// dump replayed after a crash is never stored twice. Either everything is committed or
    /// nothing is. An alert without `story` or `article` is filed under this article's.
    @discardableResult
    public func append(
        _ article: Article, story: String, file: DumpFile, alerts: [Alert], received: Date
    ) throws -> AppendOutcome {
        let operation = "append \(file.name)"
        // Encoding cannot touch the database, so do it before taking the write lock.
        let filed = alerts.map { alert in
            var alert = alert
            if alert.story == nil { alert.story = story }
            if alert.article == nil { alert.article = article.id }
            return alert
        }
        let articleJSON: String
        let alertJSON: [String]
        do {
            articleJSON = try JSONText.encode(article)
            alertJSON = try filed.map { try JSONText.encode($0) }
        } catch {
            throw StoreError.failed(path: path, operation: operation, underlying: error)
        }

        return try write(operation) { db in
            if let existing = try String.fetchOne(
                db, sql: "SELECT id FROM articles WHERE sha256 = ?", arguments: [article.source.sha256])
            {
                return .alreadyStored(articleID: existing)
            }
            try insertArticle(db, article, json: articleJSON, story: story, received: received)
            try insertLedger(db, file: file, outcome: .stored, article: article.id, reason: nil, at: received)
            var alertIDs: [Int64] = []
            for (alert, json) in zip(filed, alertJSON) {
                alertIDs.append(try insertAlert(db, alert, json: json, created: received))
            }
            return .stored(articleID: article.id, alertIDs: alertIDs)
        }
    }

    /// Records a second copy of already-stored content: a ledger row with outcome `.duplicate`
    /// pointing at `articleID`, which must exist.
    ///
    /// Recording the same file (same hash and path) as a duplicate again is a no-op, so a
    /// replay after a crash does not count it twice. Returns whether a row was added.
    @discardableResult
    public func recordDuplicate(file: DumpFile, of articleID: String, at: Date) throws -> Bool {
        try write("record duplicate \(file.name)") { db in
            if try isRecorded(db, file: file, outcome: .duplicate) { return false }
            try insertLedger(db, file: file, outcome: .duplicate, article: articleID, reason: nil, at: at)
            return true
        }
    }

    /// Records a quarantined dump, in one transaction: a ledger row with outcome `.quarantined`
    /// and `reason`, and `alert`, if any, into the outbox.
    ///
    /// Recording the same file (same hash and path) as quarantined again is a no-op, alert
    /// included, so a replay after a crash does not alert twice. Returns whether it was recorded.
    @discardableResult
    public func recordQuarantine(file: DumpFile, reason: String, alert: Alert?, at: Date) throws -> Bool {
        let operation = "record quarantine \(file.name)"
        let alertJSON: String?
        do {
            alertJSON = try alert.map { try JSONText.encode($0) }
        } catch {
            throw StoreError.failed(path: path, operation: operation, underlying: error)
        }
        return try write(operation) { db in
            if try isRecorded(db, file: file, outcome: .quarantined) { return false }
            try insertLedger(db, file: file, outcome: .quarantined, article: nil, reason: reason, at: at)
            if let alert, let alertJSON {
                _ = try insertAlert(db, alert, json: alertJSON, created: at)
            }
            return true
        }
    }

    /// Records that the alerts with these outbox ids were sent to the journal at `at`.
    ///
    /// Deliveries are their own append-only table; alert rows are never updated. Marking an
    /// alert delivered again keeps the first time. Every id must be an existing alert.
    public func markDelivered(_ alertIDs: [Int64], at: Date) throws {
        guard !alertIDs.isEmpty else { return }
        try write("mark \(alertIDs.count) alert(s) delivered") { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO alert_deliveries (alert_id, at) VALUES (?, ?)")
            for id in alertIDs {
                try statement.execute(arguments: [id, at])
            }
        }
    }

    // MARK: - Rows

    /// Inserts the article, its full-text entry, entities and events, and its membership of
    /// `story` (creating the story, named after this article's title, when it is new).
    func insertArticle(_ db: Database, _ article: Article, json: String, story: String, received: Date) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO stories (id, first_seen, title) VALUES (?, ?, ?)",
            arguments: [story, received, article.title])
        try db.execute(
            sql: """
                INSERT INTO articles (id, sha256, json, title, publisher, published, received, story)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                article.id, article.source.sha256, json, article.title, article.publisher, article.published,
                received, story,
            ])
        try db.execute(
            sql: "INSERT INTO articles_fts (article, title, body) VALUES (?, ?, ?)",
            arguments: [article.id, article.title ?? "", article.body])
        try db.execute(
            sql: "INSERT INTO story_members (story, article, added) VALUES (?, ?, ?)",
            arguments: [story, article.id, received])

        let entity = try db.cachedStatement(
            sql: """
                INSERT INTO entities (article, ordinal, name, type, aliases, mentions)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        for (ordinal, item) in article.entities.enumerated() {
            try entity.execute(arguments: [
                article.id, ordinal, item.name, item.type.rawValue, try JSONText.encode(item.aliases), item.mentions,
            ])
        }

        let event = try db.cachedStatement(
            sql: """
                INSERT INTO events
                    (article, ordinal, type, cameo, goldstein, actor, target, location, date, sentence, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (ordinal, item) in article.events.enumerated() {
            try event.execute(arguments: [
                article.id, ordinal, item.type, item.cameo, item.goldstein, item.actor, item.target, item.location,
                item.date, item.sentence, item.evidence,
            ])
        }
    }

    func insertLedger(
        _ db: Database, file: DumpFile, outcome: LedgerEntry.Outcome, article: String?, reason: String?, at: Date
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO ledger (sha256, name, path, size, outcome, article, reason, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [file.sha256, file.name, file.path, file.size, outcome.rawValue, article, reason, at])
    }

    private func isRecorded(_ db: Database, file: DumpFile, outcome: LedgerEntry.Outcome) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM ledger WHERE sha256 = ? AND path = ? AND outcome = ?)",
            arguments: [file.sha256, file.path, outcome.rawValue]) ?? false
    }

    func insertAlert(_ db: Database, _ alert: Alert, json: String, created: Date) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO alerts (kind, priority, rule, story, article, json, created)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [alert.kind.rawValue, alert.priority, alert.rule, alert.story, alert.article, json, created])
        return db.lastInsertedRowID
    }
}
