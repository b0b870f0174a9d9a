import Foundation
import Testing

@testable import WirewatchStore

@Suite struct ReadTests {
    @Test func articlesArePagedNewestFirst() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        for index in 0..<5 {
            let article = makeArticle(sha256: hash("page\(index)"), title: "Article \(index)")
            try store.append(
                article, story: "s\(index)", file: dumpFile(for: article), alerts: [], received: instant(index))
        }
        #expect(try store.articles(limit: 2, offset: 0).map(\.article.title) == ["Article 4", "Article 3"])
        #expect(try store.articles(limit: 2, offset: 2).map(\.article.title) == ["Article 2", "Article 1"])
        #expect(try store.articles(limit: 10, offset: 4).map(\.received) == [instant(0)])
        #expect(try store.articles(limit: 10, offset: 5).isEmpty)
    }

    @Test func looksUpByExactIdUniquePrefixOrHash() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        // Both ids start with hex of "ab" (6162); only the first continues with "c" (63).
        let abc = makeArticle(sha256: hash("abc"), title: "ABC")
        let abd = makeArticle(sha256: hash("abd"), title: "ABD")
        for article in [abc, abd] {
            try store.append(article, story: article.id, file: dumpFile(for: article), alerts: [], received: instant(0))
        }

        #expect(try store.article(id: abc.id)?.article.title == "ABC")
        #expect(try store.article(id: "616263")?.article.title == "ABC")
        #expect(try store.article(id: " 616264 ")?.article.title == "ABD")
        #expect(try store.article(id: abd.source.sha256.uppercased())?.article.title == "ABD")
        #expect(try store.article(id: String(abd.source.sha256.prefix(20)))?.article.title == "ABD")
    }

    @Test func anAmbiguousPrefixNamesTheCandidates() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let abc = makeArticle(sha256: hash("abc"))
        let abd = makeArticle(sha256: hash("abd"))
        for article in [abc, abd] {
            try store.append(article, story: article.id, file: dumpFile(for: article), alerts: [], received: instant(0))
        }
        do {
            _ = try store.article(id: "6162")
            Issue.record("an ambiguous prefix returned a result")
        } catch StoreError.ambiguousID(_, let prefix, let matches) {
            #expect(prefix == "6162")
            #expect(matches == [abc.id, abd.id])
        }
        #expect(try store.article(id: "616") == nil, "fewer than 4 digits")
        #expect(try store.article(id: "zzzz") == nil, "not hex")
        #expect(try store.article(id: "ffff") == nil)
    }

    @Test func storiesAddUpTheirMembers() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let first = makeArticle(sha256: hash("st-1"), title: "Embassy closes", publisher: "LBC")
        let second = makeArticle(sha256: hash("st-2"), title: "Embassy shut", publisher: "Sky News")
        let third = makeArticle(sha256: hash("st-3"), title: "Embassy closed", publisher: "LBC")
        let other = makeArticle(sha256: hash("st-4"), title: "Troops mass", publisher: nil)
        try store.append(first, story: "kyiv", file: dumpFile(for: first), alerts: [], received: instant(0))
        try store.append(other, story: "border", file: dumpFile(for: other), alerts: [], received: instant(5))
        try store.append(second, story: "kyiv", file: dumpFile(for: second), alerts: [], received: instant(10))
        try store.append(third, story: "kyiv", file: dumpFile(for: third), alerts: [], received: instant(20))

        let stories = try store.stories(limit: 10)
        #expect(stories.map(\.id) == ["kyiv", "border"], "most recently reported first")
        let kyiv = stories[0]
        #expect(kyiv.articles == 3)
        #expect(kyiv.firstSeen == instant(0))
        #expect(kyiv.lastSeen == instant(20))
        #expect(kyiv.outlets == ["LBC", "Sky News"])
        #expect(kyiv.title == "Embassy closes")
        #expect(stories[1].outlets.isEmpty && stories[1].articles == 1)
        #expect(try store.stories(limit: 1).map(\.id) == ["kyiv"])
        let members = try store.articles(inStory: "kyiv")
        #expect(members.map(\.article.title) == ["Embassy closes", "Embassy shut", "Embassy closed"])
    }

    @Test func statsCountTheWholeStore() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let empty = try store.stats()
        #expect(empty.articles == 0 && empty.stories == 0 && empty.alerts == 0 && empty.ledger == 0)
        #expect(empty.newest == nil)
        #expect(empty.fileBytes > 0)

        let a = makeArticle(sha256: hash("stat-a"))
        let b = makeArticle(sha256: hash("stat-b"))
        let c = makeArticle(sha256: hash("stat-c"))
        let outcome = try store.append(
            a, story: "one", file: dumpFile(for: a), alerts: [newStoryAlert(for: a), newStoryAlert(for: a)],
            received: instant(0))
        guard case .stored(_, let alertIDs) = outcome else {
            Issue.record("append a was \(outcome)")
            return
        }
        try store.append(
            b, story: "one", file: dumpFile(for: b), alerts: [newStoryAlert(for: b)], received: instant(30))
        try store.append(c, story: "two", file: dumpFile(for: c), alerts: [], received: instant(15))
        try store.markDelivered([alertIDs[0]], at: instant(40))
        try store.recordDuplicate(file: dumpFile(for: a, path: "/inbox/again.txt"), of: a.id, at: instant(50))
        let junk = DumpFile(name: "junk", path: "/inbox/junk", sha256: hash("junk"), size: 3)
        try store.recordQuarantine(file: junk, reason: "binary content", alert: nil, at: instant(60))

        let stats = try store.stats()
        #expect(stats.articles == 3)
        #expect(try store.articleCount() == 3)
        #expect(stats.stories == 2)
        #expect(stats.alerts == 3)
        #expect(stats.undeliveredAlerts == 2)
        #expect(stats.duplicates == 1)
        #expect(stats.quarantined == 1)
        #expect(stats.ledger == 5)
        #expect(stats.newest == instant(30))
        let db = try FileManager.default.attributesOfItem(atPath: dir.storePath)[.size] as? NSNumber
        #expect(stats.fileBytes >= db?.int64Value ?? 0)

        let json = try JSONEncoder().encode(stats)
        #expect(try JSONDecoder().decode(StoreStats.self, from: json) == stats)
    }
}
