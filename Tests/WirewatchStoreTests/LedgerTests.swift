import Foundation
import Testing
import WirewatchStories

@testable import WirewatchStore

@Suite struct LedgerTests {
    @Test func duplicateAndQuarantineRowsAreRecordedOnce() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.storePath)
        let article = makeArticle(sha256: hash("ledger"))
        try store.append(article, story: "s", file: dumpFile(for: article), alerts: [], received: instant(0))

        let copy = dumpFile(for: article, path: "/inbox/sub/copy.txt")
        #expect(try store.recordDuplicate(file: copy, of: article.id, at: instant(5)))
        #expect(try store.recordDuplicate(file: copy, of: article.id, at: instant(6)) == false, "replay is a no-op")

        // The first outcome for the hash stays "stored"; the duplicate is in the history.
        #expect(try store.ledgerEntry(sha256: article.source.sha256)?.outcome == .stored)
        let history = try store.ledgerEntries(sha256: article.source.sha256)
        #expect(history.map(\.outcome) == [.stored, .duplicate])
        #expect(history[1].path == copy.path && history[1].article == article.id && history[1].at == instant(5))

        #expect(throws: StoreError.self) {
            try store.recordDuplicate(file: dumpFile(for: article, path: "/x"), of: "ffffffffffffffff", at: instant(7))
        }

        let bad = DumpFile(name: "empty.txt", path: "/inbox/empty.txt", sha256: hash("empty"), size: 0)
        let alert = AlertPolicy().quarantined(file: bad.name, reason: "empty file")
        #expect(try store.recordQuarantine(file: bad, reason: "empty file", alert: alert, at: instant(8)))
        #expect(try store.recordQuarantine(file: bad, reason: "empty file", alert: alert, at: instant(9)) == false)

        let entry = try #require(try store.ledgerEntry(sha256: bad.sha256))
        #expect(entry.outcome == .quarantined)
        #expect(entry.reason == "empty file")
        #expect(entry.article == nil)
        #expect(entry.at == instant(8))
        let outbox = try store.undeliveredAlerts(limit: 10)
        #expect(outbox.map(\.alert) == [alert], "one quarantine alert despite the replay")
        #expect(outbox.first?.created == instant(8))

        let quiet = DumpFile(name: "bin.dat", path: "/inbox/bin.dat", sha256: hash("binary"), size: 12)
        #expect(try store.recordQuarantine(file: quiet, reason: "binary content", alert: nil, at: instant(10)))
        #expect(try store.undeliveredAlerts(limit: 10).count == 1)

        let stats = try store.stats()
        #expect(stats.ledger == 4)
        #expect(stats.duplicates == 1)
        #expect(stats.quarantined == 2)
    }
}
