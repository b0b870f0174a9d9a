import Foundation
import GRDB
import Testing
import WirewatchExtract
import WirewatchStories

@testable import WirewatchStore

@Suite struct AppendTests {
    @Test func appendStoresEverythingOnceAndIsIdempotentOnContentHash() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let article = makeArticle(
            sha256: hash("append"),
            events: [
                Article.Event(
                    type: "embassy_closure", cameo: "161", goldstein: -4.0, actor: "United States", target: nil,
                    location: "Kyiv", date: "2024-11-20", sentence: 0, evidence: "The US embassy in Kyiv has closed")
            ],
            entities: [
                Article.Entity(name: "Kyiv", type: .LOC, aliases: ["Kyiv", "Kiev"], mentions: 3),
                Article.Entity(name: "United States", type: .LOC, aliases: ["US"], mentions: 2),
            ])
        let file = dumpFile(for: article)

        let first = try store.append(
            article, story: "story-1", file: file, alerts: [newStoryAlert(for: article)], received: instant(0))
        guard case .stored(let id, let alertIDs) = first else {
            Issue.record("first append was \(first)")
            return
        }
        #expect(id == article.id)
        #expect(alertIDs.count == 1)

        // The same content again, even under another name and story, writes nothing.
        let again = try store.append(
            article, story: "story-2", file: dumpFile(for: article, path: "/inbox/copy.txt"),
            alerts: [newStoryAlert(for: article)], received: instant(60))
        #expect(again == .alreadyStored(articleID: article.id))

        #expect(try store.articleCount() == 1)
        #expect(try store.alerts(limit: 10).count == 1)
        #expect(try store.ledgerEntries(sha256: article.source.sha256).count == 1)
        let counts = try store.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entities WHERE article = ?", arguments: [id]),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE type = 'embassy_closure'"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles_fts"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story_members WHERE story = 'story-1'"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stories")
            )
        }
        #expect(counts.0 == 2)
        #expect(counts.1 == 1)
        #expect(counts.2 == 1)
        #expect(counts.3 == 1)
        #expect(counts.4 == 1)

        let stored = try #require(try store.article(id: id))
        #expect(stored.article == article)
        #expect(stored.story == "story-1")
        #expect(stored.received == instant(0))

        let ledger = try #require(try store.ledgerEntry(sha256: article.source.sha256))
        #expect(ledger.outcome == .stored)
        #expect(ledger.article == id)
        #expect(ledger.name == file.name && ledger.path == file.path && ledger.size == file.size)
        #expect(ledger.at == instant(0))
        #expect(try store.ledgerEntry(sha256: hash("never seen")) == nil)
    }

    @Test func concurrentAppendsOfOneContentStoreItOnce() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let article = makeArticle(sha256: hash("race"))
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let file = dumpFile(for: article, path: "/inbox/copy\(index).txt")
            let alerts = [newStoryAlert(for: article)]
            outcomes.add(
                Result { try store.append(article, story: "s", file: file, alerts: alerts, received: instant(index)) })
        }
        let results = try outcomes.all.map { try $0.get() }
        #expect(results.count == 8)
        #expect(results.filter { if case .stored = $0 { true } else { false } }.count == 1)
        #expect(results.allSatisfy { $0.articleID == article.id })
        #expect(try store.articleCount() == 1)
        #expect(try store.alerts(limit: 20).count == 1)
        #expect(try store.stats().ledger == 1)
    }

    @Test func aClosedStoreRefusesWork() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        try store.close()
        #expect(throws: StoreError.self) { try store.articleCount() }
        #expect(try Store(path: dir.storePath).articleCount() == 0)
    }

    @Test func alertsWaitInTheOutboxUntilDelivered() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let a = makeArticle(sha256: hash("outbox-a"))
        let b = makeArticle(sha256: hash("outbox-b"), title: "Second")

        let outcomeA = try store.append(
            a, story: "sa", file: dumpFile(for: a),
            alerts: [newStoryAlert(for: a, rule: "first"), newStoryAlert(for: a, rule: "second")], received: instant(0))
        let outcomeB = try store.append(
            b, story: "sb", file: dumpFile(for: b), alerts: [newStoryAlert(for: b, rule: "third")],
            received: instant(10))
        guard case .stored(_, let idsA) = outcomeA, case .stored(_, let idsB) = outcomeB else {
            Issue.record("appends were \(outcomeA), \(outcomeB)")
            return
        }
        #expect(idsA.count == 2 && idsB.count == 1)
        #expect(idsA[0] < idsA[1] && idsA[1] < idsB[0])

        let pending = try store.undeliveredAlerts(limit: 10)
        #expect(pending.map(\.id) == idsA + idsB, "oldest first")
        #expect(pending.map(\.alert.rule) == ["first", "second", "third"])
        #expect(pending.allSatisfy { $0.delivered == nil })
        // Alerts passed without a story or article are filed under the append's.
        #expect(pending[0].alert.story == "sa" && pending[0].alert.article == a.id)
        #expect(pending[2].alert.story == "sb" && pending[2].alert.article == b.id)
        #expect(pending[2].created == instant(10))
        #expect(try store.undeliveredAlerts(limit: 1).map(\.id) == [idsA[0]])

        try store.markDelivered([idsA[0], idsB[0]], at: instant(20))
        #expect(try store.undeliveredAlerts(limit: 10).map(\.id) == [idsA[1]])

        // Delivering again keeps the first delivery time; the alert rows themselves are untouched.
        try store.markDelivered([idsA[0]], at: instant(99))
        let all = try store.alerts(limit: 10)
        #expect(all.map(\.id) == [idsB[0], idsA[1], idsA[0]], "newest first")
        #expect(all.map(\.delivered) == [instant(20), nil, instant(20)])
        #expect(all[2].alert == pending[0].alert)

        try store.markDelivered([], at: instant(30))
        #expect(throws: StoreError.self) { try store.markDelivered([9999], at: instant(30)) }
    }

    @Test func aFailedAppendCommitsNothingAndDiskFullIsRetryable() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let small = makeArticle(sha256: hash("small"))
        try store.append(small, story: "s", file: dumpFile(for: small), alerts: [], received: instant(0))

        // Cap the writer connection at its current size: SQLite then answers SQLITE_FULL, as on a
        // full disk, for the first page the big append needs.
        try store.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        let big = makeArticle(
            sha256: hash("big"), body: String(repeating: "Missiles struck the city overnight. ", count: 4000))
        do {
            try store.append(
                big, story: "s", file: dumpFile(for: big), alerts: [newStoryAlert(for: big)], received: instant(1))
            Issue.record("append into a full database succeeded")
        } catch let error as StoreError {
            guard case .diskFull = error else {
                Issue.record("expected diskFull, got \(error)")
                return
            }
            #expect(error.isRetryable)
            #expect(error.description.contains(dir.storePath))
            #expect(error.description.contains(big.source.name))
        }
        #expect(try store.articleCount() == 1)
        #expect(try store.ledgerEntry(sha256: big.source.sha256) == nil)
        #expect(try store.alerts(limit: 10).isEmpty)
        #expect(try store.search("missiles", limit: 10).isEmpty)
    }
}

/// Results collected from concurrent work.
private final class Outcomes: @unchecked Sendable {
    // @unchecked: every access to `results` holds `lock`.
    private let lock = NSLock()
    private var results: [Result<AppendOutcome, any Error>] = []

    func add(_ result: Result<AppendOutcome, any Error>) {
        lock.withLock { results.append(result) }
    }

    var all: [Result<AppendOutcome, any Error>] { lock.withLock { results } }
}
