import Foundation
import GRDB
import Testing
import WirewatchExtract
import WirewatchStories

@testable import WirewatchStore

@Suite struct StoryAppendTests {
    static let samplesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/samples")

    func samples() throws -> [Article] {
        try FileManager.default.contentsOfDirectory(atPath: Self.samplesRoot.path).filter { $0.hasSuffix(".txt") }
            .sorted().map { name in
                let url = Self.samplesRoot.appendingPathComponent(name)
                return try Extractor().extract(
                    Dump(name: name, path: url.path, bytes: Array(try Data(contentsOf: url))))
            }
    }

    /// Appends in this order and returns each sample's story, in sample order.
    func storiesOf(_ order: [Int], _ articles: [Article], store: Store) throws -> [String] {
        for (step, index) in order.enumerated() {
            try store.append(
                articles[index], file: dumpFile(for: articles[index]), received: instant(step),
                matcher: StoryMatcher(), policy: AlertPolicy())
        }
        return try articles.map { try #require(try store.article(id: $0.id)).story }
    }

    @Test func samplesMakeTwoStoriesInEitherOrder() throws {
        let articles = try samples()
        #expect(articles.count == 4)
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]] {
            let dir = try TempDir()
            defer { dir.remove() }
            let store = try Store(path: dir.storePath)
            let stories = try storiesOf(order, articles, store: store)
            #expect(stories[0] == stories[1], "order \(order)")
            #expect(stories[2] == stories[3], "order \(order)")
            #expect(stories[0] != stories[2], "order \(order)")
            // The story is named after the article that opened it.
            #expect(stories[0] == articles[order.first { $0 < 2 }!].id)
            let rows = try store.stories(limit: 10)
            #expect(rows.count == 2)
            // Sample 001 has no headline; its story is titled by 000's even when 001 opened it.
            #expect(rows.allSatisfy { $0.title != nil })
            #expect(rows.allSatisfy { $0.articles == 2 && $0.outlets.count == 2 })
            #expect(try store.stats().stories == 2)
        }
    }

    @Test func everyDecisionIsStoredAndAStoryAlertsOnceThenCorroborates() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let articles = try samples()
        for (step, article) in articles.prefix(2).enumerated() {
            try store.append(
                article, file: dumpFile(for: article), received: instant(step), matcher: StoryMatcher(),
                policy: AlertPolicy())
        }
        let story = articles[0].id
        let decisions = try store.decisions(story: story)
        #expect(decisions.map(\.outcome) == [.newStory, .corroborated])
        #expect(decisions.allSatisfy { $0.alertID != nil && $0.sent })
        let alerts = try store.alerts(limit: 10)
        #expect(alerts.map(\.alert.kind) == [.corroborated, .newStory])
        #expect(alerts.allSatisfy { $0.alert.story == story })
        #expect(alerts[0].alert.priority == 5)
        #expect(alerts[0].alert.sources == 2)

        // A third report by an outlet already counted: decided, stored, no alert.
        var again = articles[1]
        again.id = "0123456789abcdef"
        again.source.sha256 = hash("again")
        try store.append(
            again, file: dumpFile(for: again), received: instant(10), matcher: StoryMatcher(), policy: AlertPolicy())
        let third = try store.decisions(story: story)
        #expect(third.count == 3)
        #expect(third[2].outcome == .none && third[2].alertID == nil)
        #expect(try store.alerts(limit: 10).count == 2)
    }

    @Test func filtersOnAlertsBySinceAndPriority() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let quiet = makeArticle(sha256: hash("quiet"), title: "Talks", body: "Talks in Geneva went on.")
        let loud = makeArticle(
            sha256: hash("loud"), title: "Strike", body: "A strike hit a depot near the border overnight.",
            events: [
                Article.Event(
                    type: "missile_strike", cameo: "195", goldstein: -10, actor: nil, target: nil, location: "Lviv",
                    date: nil, sentence: 0, evidence: "A strike hit.")
            ])
        try store.append(
            quiet, file: dumpFile(for: quiet), received: instant(0), matcher: StoryMatcher(),
            policy: AlertPolicy(minPriority: 5))
        try store.append(
            loud, file: dumpFile(for: loud), received: instant(100), matcher: StoryMatcher(), policy: AlertPolicy())
        #expect(try store.alerts(limit: 10).count == 2)
        #expect(try store.alerts(since: nil, maxPriority: 4, limit: 10).map(\.alert.article) == [loud.id])
        #expect(try store.alerts(since: instant(50), maxPriority: nil, limit: 10).map(\.alert.article) == [loud.id])
        let filtered = try store.decisions(story: quiet.id)
        #expect(filtered.map(\.sent) == [false])
        #expect(filtered[0].reason.contains("below min_priority"))
    }

    @Test func rulesSeeWhatEarlierMembersReported() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let text = """
            The embassy in Kyiv closed after warnings of a significant air attack, and staff were told to \
            shelter in place while air defence units tracked incoming drones over the capital.
            """
        let first = makeArticle(
            sha256: hash("first"), title: "Embassy shuts", publisher: "LBC", body: text,
            events: [
                Article.Event(
                    type: "embassy_closure", cameo: "161", goldstein: -4, actor: "United States", target: nil,
                    location: "Kyiv", date: "2024-11-20", sentence: 0, evidence: "The embassy closed.")
            ],
            entities: [Article.Entity(name: "Kyiv", type: .LOC, aliases: ["Kyiv", "Kiev"], mentions: 2)])
        let second = makeArticle(sha256: hash("second"), title: "Staff shelter", publisher: "Herald", body: text)
        let policy = AlertPolicy(rules: [
            AlertRule(
                name: "kiev-closures", events: ["embassy_closure"], locations: ["Kiev"], minSources: 2, priority: 3)
        ])
        let a = try store.append(
            first, file: dumpFile(for: first), received: instant(0), matcher: StoryMatcher(), policy: policy)
        #expect(a.decision?.outcome == AlertDecision.Outcome.none)
        let b = try store.append(
            second, file: dumpFile(for: second), received: instant(60), matcher: StoryMatcher(), policy: policy)
        #expect(b.story == first.id)
        #expect(b.match?.signal == .nearDuplicate)
        #expect(b.decision?.outcome == .newStory)
        #expect(b.decision?.alert?.rule == "kiev-closures")
        #expect(b.decision?.alert?.priority == 3)
        #expect(b.decision?.alert?.sources == 2)
        #expect(b.decision?.alert?.event == "embassy_closure")
        #expect(b.decision?.alert?.location == "Kyiv")
    }

    @Test func replayingTheSameContentChangesNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let article = try samples()[0]
        let first = try store.append(
            article, file: dumpFile(for: article), received: instant(0), matcher: StoryMatcher(), policy: AlertPolicy())
        let again = try store.append(
            article, file: dumpFile(for: article), received: instant(5), matcher: StoryMatcher(), policy: AlertPolicy())
        #expect(again.outcome == .alreadyStored(articleID: article.id))
        #expect(again.story == first.story)
        #expect(again.decision == nil)
        #expect(try store.decisions(story: first.story).count == 1)
    }

    @Test func concurrentWorkersCannotSplitAStory() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let articles = try samples()
        await withTaskGroup(of: Void.self) { group in
            for article in articles {
                group.addTask {
                    _ = try? store.append(
                        article, file: dumpFile(for: article), received: instant(0), matcher: StoryMatcher(),
                        policy: AlertPolicy())
                }
            }
        }
        let stories = try articles.map { try #require(try store.article(id: $0.id)).story }
        #expect(Set(stories).count == 2)
        #expect(stories[0] == stories[1] && stories[2] == stories[3])
    }

    @Test func aV1StoreMigratesToV2KeepingItsRows() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let article = makeArticle(sha256: hash("old"))
        do {
            let pool = try DatabasePool(path: dir.storePath)
            try Schema.migrator.migrate(pool, upTo: "v1")
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO articles (id, sha256, json, title, publisher, published, received, story)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        article.id, article.source.sha256, try JSONText.encode(article), article.title,
                        article.publisher, article.published, instant(0), article.id,
                    ])
            }
        }
        let store = try Store(path: dir.storePath)
        #expect(try store.articleCount() == 1)
        let migrations = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(migrations == ["v1", "v2"])
        for table in Schema.v2Tables {
            #expect(try store.pool.read { db in try db.tableExists(table) })
        }
    }
}
