import Foundation
import GRDB
import Testing

@testable import WirewatchStore

@Suite struct AccessTests {
    @Test func aReadOnlyStoreSeesCommittedWritesAndCannotWrite() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let writer = try Store(path: dir.storePath)
        let first = makeArticle(sha256: hash("ro-1"))
        try writer.append(first, story: "s", file: dumpFile(for: first), alerts: [], received: instant(0))

        let reader = try Store.openReadOnly(path: dir.storePath)
        #expect(reader.isReadOnly)
        #expect(try reader.articleCount() == 1)

        // A write committed while the reader is open is visible to its next read.
        let second = makeArticle(sha256: hash("ro-2"), title: "Later")
        try writer.append(second, story: "s", file: dumpFile(for: second), alerts: [], received: instant(5))
        #expect(try reader.articleCount() == 2)
        #expect(try reader.articles(limit: 1, offset: 0).first?.article.title == "Later")

        let third = makeArticle(sha256: hash("ro-3"))
        do {
            try reader.append(third, story: "s", file: dumpFile(for: third), alerts: [], received: instant(9))
            Issue.record("a read-only store accepted an append")
        } catch let error as StoreError {
            guard case .readOnly(let path, _, _) = error else {
                Issue.record("expected readOnly, got \(error)")
                return
            }
            #expect(path == dir.storePath)
        }
        #expect(try writer.articleCount() == 2)
    }

    @Test func openReadOnlyRejectsMissingAndForeignFiles() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        do {
            _ = try Store.openReadOnly(path: dir.path("absent.sqlite"))
            Issue.record("opened a missing store")
        } catch StoreError.missing(let path) {
            #expect(path == dir.path("absent.sqlite"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("absent.sqlite")), "read-only open creates nothing")

        let foreign = dir.path("foreign.sqlite")
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        do {
            _ = try Store.openReadOnly(path: foreign)
            Issue.record("opened a database that is not a store")
        } catch let error as StoreError {
            guard case .schema = error else {
                Issue.record("expected schema, got \(error)")
                return
            }
            #expect(error.description.contains(foreign))
            #expect(!error.isRetryable)
        }
    }

    @Test func openingWhereTheParentIsMissingNamesThePath() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("no/such/dir/store.sqlite")
        do {
            _ = try Store(path: path)
            Issue.record("opened a store in a missing directory")
        } catch let error as StoreError {
            #expect(error.path == path)
            #expect(error.description.contains(path))
            #expect(!error.isRetryable)
        }
    }

    @Test(.enabled(if: ImmutableFlag.isSupported || geteuid() != 0))
    func aStoreOnAReadOnlyFileGivesARetryableError() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let article = makeArticle(sha256: hash("immutable"))
        do {
            let store = try Store(path: dir.storePath)
            try store.append(article, story: "s", file: dumpFile(for: article), alerts: [], received: instant(0))
        }
        try makeUnwritable(dir.storePath)
        defer { try? makeWritable(dir.storePath) }

        do {
            _ = try Store(path: dir.storePath)
            Issue.record("opened a read-only file for writing")
        } catch let error as StoreError {
            guard case .readOnly = error else {
                Issue.record("expected readOnly, got \(error)")
                return
            }
            #expect(error.isRetryable)
            #expect(error.description.contains(dir.storePath))
        }
        // Reading it still works.
        #expect(try Store.openReadOnly(path: dir.storePath).articleCount() == 1)
    }

    @Test(.enabled(if: ImmutableFlag.isSupported || geteuid() != 0))
    func aStoreInAReadOnlyDirectoryGivesARetryableError() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let folder = dir.path("state")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try makeUnwritable(folder)
        defer { try? makeWritable(folder) }

        let path = folder + "/store.sqlite"
        do {
            _ = try Store(path: path)
            Issue.record("created a store in a read-only directory")
        } catch let error as StoreError {
            guard case .readOnly = error else {
                Issue.record("expected readOnly, got \(error)")
                return
            }
            #expect(error.isRetryable)
            #expect(error.path == path)
        }
    }

    private func makeUnwritable(_ path: String) throws {
        if geteuid() == 0 {
            try ImmutableFlag.set(path, true)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: path)
        }
    }

    private func makeWritable(_ path: String) throws {
        if geteuid() == 0 {
            try ImmutableFlag.set(path, false)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
    }
}

@Suite struct ReadOnlyDirectoryTests {
    /// The CLI as a user who may read the state directory but not write it, with the daemon
    /// stopped: SQLite cannot create -wal or -shm, so the store must have kept them.
    @Test(.enabled(if: ImmutableFlag.isSupported && geteuid() == 0))
    func aClosedStoreInAnUnwritableDirectoryCanBeRead() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let folder = dir.path("state")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let path = folder + "/store.sqlite"
        let article = makeArticle(sha256: hash("closed"))
        do {
            let store = try Store(path: path)
            try store.append(article, story: "s", file: dumpFile(for: article), alerts: [], received: instant(0))
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["store.sqlite", "store.sqlite-shm", "store.sqlite-wal"])
        try ImmutableFlag.set(folder, true)
        defer { try? ImmutableFlag.set(folder, false) }

        let reader = try Store.openReadOnly(path: path)
        #expect(try reader.article(id: article.id)?.article == article)
        #expect(try reader.search("embassy", limit: 5).count == 1)
    }
}
