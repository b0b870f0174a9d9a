import Foundation
import GRDB
import WirewatchExtract
import WirewatchStories

extension Store {
    /// Most fingerprints compared per append: the newest within the window. A desk's window
    /// holds far fewer; the cap bounds the work of one append on a flooded store.
    static let candidateLimit = 5000

    /// Appends an article as a member of the story `matcher` assigns it to, with the alert
    /// `policy` decides, in one transaction: the article rows (as `append(_:story:…)`), its
    /// fingerprint, the story (a new one, whose id is the article's, when none matches), the
    /// membership, the ledger row, the alert if any and the decision.
    ///
    /// The candidates are read inside the write transaction, so two workers appending reports
    /// of one development at once cannot each start a story: the second sees the first.
    /// Idempotent on the content hash like `append(_:story:…)`.
    @discardableResult
    public func append(
        _ article: Article, file: DumpFile, received: Date, matcher: StoryMatcher, policy: AlertPolicy
    ) throws -> StoryAppend {
        let operation = "append \(file.name)"
        let seconds = Int64(received.timeIntervalSince1970.rounded(.down))
        let fingerprint = StoryFingerprint(article: article, received: seconds)
        let articleJSON: String
        let fingerprintJSON: String
        do {
            articleJSON = try JSONText.encode(article)
            fingerprintJSON = try JSONText.encode(fingerprint)
        } catch {
            throw StoreError.failed(path: path, operation: operation, underlying: error)
        }

        return try write(operation) { db in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT id, story FROM articles WHERE sha256 = ?", arguments: [article.source.sha256])
            {
                return StoryAppend(
                    outcome: .alreadyStored(articleID: existing["id"]), story: existing["story"], match: nil,
                    decision: nil)
            }
            let nearby = try candidates(db, around: seconds, window: matcher.window)
            let match = matcher.match(fingerprint, candidates: nearby)
            let story = match?.story ?? article.id
            let before = try match.map { try Self.storyView(db, id: $0.story) } ?? StoryView(id: story)
            let history = try Self.alertHistory(db, story: story)
            let decision = policy.decide(article: article, before: before, history: history, file: file.path)

            try insertArticle(db, article, json: articleJSON, story: story, received: received)
            try db.execute(
                sql: """
                    INSERT INTO story_fingerprints (article, story, received, signal, matched, json)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [article.id, story, seconds, match?.signal.rawValue, match?.member, fingerprintJSON])
            try insertLedger(db, file: file, outcome: .stored, article: article.id, reason: nil, at: received)
            var alertIDs: [Int64] = []
            if let alert = decision.alert {
                alertIDs.append(try insertAlert(db, alert, json: try JSONText.encode(alert), created: received))
            }
            try db.execute(
                sql: """
                    INSERT INTO alert_decisions (article, story, outcome, sent, alert_id, reason, created)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    article.id, story, decision.outcome.rawValue, decision.sent, alertIDs.first, decision.reason,
                    received,
                ])
            return StoryAppend(
                outcome: .stored(articleID: article.id, alertIDs: alertIDs), story: story, match: match,
                decision: decision)
        }
    }

    /// Fingerprints kept decoded in memory; past this many the cache starts over.
    static let fingerprintCacheLimit = 50_000

    /// The stories with a member received within `window` seconds of `seconds`, with those
    /// members, most recent first. Fingerprints come from the in-memory cache where it has them.
    func candidates(_ db: Database, around seconds: Int64, window: Int64) throws -> [StoryCandidate] {
        var rows: [(story: String, article: String, print: StoryFingerprint?)] = []
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT story, article FROM story_fingerprints WHERE received BETWEEN ? AND ?
                ORDER BY received DESC, rowid DESC LIMIT ?
                """,
            arguments: [seconds - window, seconds + window, Self.candidateLimit])
        var missing = 0
        try fingerprints.withLock { cache in
            while let row = try cursor.next() {
                let article: String = row[1]
                let print = cache[article]
                if print == nil { missing += 1 }
                rows.append((row[0], article, print))
            }
        }
        if missing > 0 {
            let statement = try db.cachedStatement(sql: "SELECT json FROM story_fingerprints WHERE article = ?")
            var decoded: [StoryFingerprint] = []
            for index in rows.indices where rows[index].print == nil {
                guard let json = try String.fetchOne(statement, arguments: [rows[index].article]) else { continue }
                let print = try JSONText.decode(StoryFingerprint.self, from: json)
                rows[index].print = print
                decoded.append(print)
            }
            fingerprints.withLock { cache in
                if cache.count + decoded.count > Self.fingerprintCacheLimit { cache.removeAll() }
                for print in decoded { cache[print.article] = print }
            }
        }
        var candidates: [StoryCandidate] = []
        var position: [String: Int] = [:]
        for row in rows {
            guard let print = row.print else { continue }
            if let at = position[row.story] {
                candidates[at].members.append(print)
            } else {
                position[row.story] = candidates.count
                candidates.append(StoryCandidate(id: row.story, members: [print]))
            }
        }
        return candidates
    }

    /// What the story's members reported so far, for the alert rules: each distinct event and
    /// entity once (events without their sentence and evidence).
    static func storyView(_ db: Database, id: String) throws -> StoryView {
        var view = StoryView(id: id)
        let members = try Row.fetchAll(
            db,
            sql: """
                SELECT a.title, a.publisher FROM story_members m JOIN articles a ON a.id = m.article
                WHERE m.story = ? ORDER BY a.received, a.rowid
                """,
            arguments: [id])
        view.articles = members.count
        for row in members {
            if let title: String = row["title"] { view.titles.append(title) }
            if let publisher: String = row["publisher"], !view.outlets.contains(publisher) {
                view.outlets.append(publisher)
            }
        }
        // DISTINCT keeps a story with thousands of members cheap to decide on: the rules only
        // ask which events, places and names occur, not how often.
        view.events = try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT e.type, e.cameo, e.goldstein, e.actor, e.target, e.location, e.date
                FROM story_members m JOIN events e ON e.article = m.article WHERE m.story = ?
                """,
            arguments: [id]
        ).map { row in
            Article.Event(
                type: row["type"], cameo: row["cameo"], goldstein: row["goldstein"], actor: row["actor"],
                target: row["target"], location: row["location"], date: row["date"], sentence: 0, evidence: "")
        }
        view.entities = try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT e.name, e.type, e.aliases
                FROM story_members m JOIN entities e ON e.article = m.article WHERE m.story = ?
                """,
            arguments: [id]
        ).compactMap { row in
            guard let type = Article.Entity.Kind(rawValue: row["type"]) else { return nil }
            return Article.Entity(
                name: row["name"], type: type, aliases: try JSONText.decode([String].self, from: row["aliases"]),
                mentions: 1)
        }
        return view
    }

    /// Whether the story raised its new-story alert and its most severe alert so far.
    static func alertHistory(_ db: Database, story: String) throws -> StoryAlertHistory {
        var history = StoryAlertHistory()
        for row in try Row.fetchAll(db, sql: "SELECT kind, priority FROM alerts WHERE story = ?", arguments: [story]) {
            let kind: String = row["kind"]
            let priority: Int = row["priority"]
            if kind == AlertKind.newStory.rawValue { history.alerted = true }
            if kind == AlertKind.newStory.rawValue || kind == AlertKind.escalated.rawValue {
                history.mostSevere = min(history.mostSevere ?? priority, priority)
            }
        }
        return history
    }

    // MARK: - Reading stories and decisions

    /// The story with this id, nil when there is none.
    public func story(id: String) throws -> StoryRow? {
        try read("read story \(id)") { db in
            try Self.storyRows(db, filter: "WHERE s.id = ?", order: "", arguments: [id]).first
        }
    }

    /// The alert decisions of a story (every member's), oldest first.
    public func decisions(story: String) throws -> [StoredDecision] {
        try read("read decisions of \(story)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM alert_decisions WHERE story = ? ORDER BY id", arguments: [story]
            ).map { row in
                let outcome: String = row["outcome"]
                guard let parsed = AlertDecision.Outcome(rawValue: outcome) else {
                    throw DatabaseError(message: "unknown alert decision \(outcome)")
                }
                return StoredDecision(
                    article: row["article"], story: row["story"], outcome: parsed, sent: row["sent"],
                    alertID: row["alert_id"], reason: row["reason"], created: row["created"])
            }
        }
    }
}
