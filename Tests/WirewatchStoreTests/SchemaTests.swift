import Foundation
import GRDB
import Testing

@testable import WirewatchStore

@Suite struct SchemaTests {
    @Test func migrationsCreateTheSchemaInWALMode() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)

        let (tables, migrations, journal) = try store.pool.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                try String.fetchOne(db, sql: "PRAGMA journal_mode")
            )
        }
        for table in Schema.v1Tables {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(migrations == ["v1", "v2"])
        #expect(journal == "wal")
        let synchronous = try store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 1, "writer runs synchronous=NORMAL")

        let indexes = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        }
        #expect(Set(indexes).isSuperset(of: ["articles_received", "ledger_sha256", "story_members_article"]))
    }

    @Test func reopeningKeepsDataAndMigratingAgainIsANoOp() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let article = makeArticle(sha256: hash("reopen"))
        do {
            let store = try Store(path: dir.storePath)
            try store.append(
                article, story: "s1", file: dumpFile(for: article), alerts: [newStoryAlert(for: article)],
                received: instant(0))
        }
        let schemaBefore = try Store(path: dir.storePath).pool.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        }

        let store = try Store(path: dir.storePath)
        #expect(try store.articleCount() == 1)
        #expect(try store.article(id: article.id)?.article == article)
        #expect(try store.undeliveredAlerts(limit: 10).count == 1)
        let (migrations, schemaAfter) = try store.pool.read { db in
            (
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            )
        }
        #expect(migrations == ["v1", "v2"])
        #expect(schemaAfter == schemaBefore)
    }
}
