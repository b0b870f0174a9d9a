import Foundation
import Testing
import WirewatchExtract
import WirewatchStore

@testable import WirewatchDaemon

/// The spool on real files and a real SQLite store.
@Suite struct SpoolTests {
    struct Setup {
        let dir: TemporaryDirectory
        let config: Configuration
        let store: Store
        let spool: Spool

        init(archive: Bool = true, maxFileSize: Int = 1 << 20) throws {
            dir = try TemporaryDirectory()
            var c = Configuration.defaults(state: dir.path + "/state", inbox: dir.path + "/inbox")
            c.spool.maxFileSize = maxFileSize
            if !archive { c.spool.archive = nil }
            config = c
            for d in [c.spool.inbox, dir.path + "/state"] {
                try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
            }
            store = try Store(path: c.store.path)
            spool = Spool(config: c.spool, store: store, logger: testLogger)
        }

        func drop(_ name: String, _ text: String) throws -> String {
            try dir.write("inbox/" + name, text)
            return config.spool.inbox + "/" + name
        }

        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    }

    static let article = """
        Embassy closes in Kyiv after warning of air attack
        By Jane Doe
        The embassy in Kyiv closed on Wednesday after receiving information about a potential air attack.
        Staff were told to shelter in place, the statement said, and citizens were urged to be ready.
        Officials said the decision was taken out of an abundance of caution and would be reviewed daily.
        """

    @Test func storesThenArchivesThenRecordsADuplicate() throws {
        let s = try Setup()
        let path = try s.drop("one.txt", Self.article)
        guard case .stored(let id, let alerts) = s.spool.process(path: path) else {
            Issue.record("expected stored")
            return
        }
        #expect(alerts.count == 1)
        #expect(!s.exists(path))
        #expect(s.exists(s.config.spool.archive! + "/one.txt"))
        #expect(try s.store.articleCount() == 1)

        let copy = try s.drop("copy.txt", Self.article)
        #expect(s.spool.process(path: copy) == .duplicate(of: id))
        #expect(s.exists(s.config.spool.archive! + "/copy.txt"))
        #expect(try s.store.articleCount() == 1)
        #expect(try s.store.stats().duplicates == 1)
    }

    @Test func concurrentCopiesOfOneDumpStoreItOnce() async throws {
        let s = try Setup()
        let paths = try (0..<8).map { try s.drop("copy-\($0).txt", Self.article) }
        let spool = s.spool
        let outcomes = await withTaskGroup(of: SpoolOutcome.self) { group in
            for path in paths { group.addTask { spool.process(path: path) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let stored = outcomes.filter { if case .stored = $0 { true } else { false } }
        #expect(stored.count == 1)
        #expect(outcomes.count - stored.count == 7)
        #expect(try s.store.articleCount() == 1)
        #expect(try s.store.stats().duplicates == 7)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.config.spool.archive!).count == 8)
    }

    @Test func aSecondPassAfterACrashOnlyFinishesTheMove() throws {
        let s = try Setup()
        let path = try s.drop("a.txt", Self.article)
        // Simulate a crash after commit, before archive: store the same bytes from this path directly.
        let bytes = Array(Self.article.utf8)
        let article = try Extractor().extract(Dump(name: "a.txt", path: path, bytes: bytes))
        _ = try s.store.append(
            article, story: article.id,
            file: DumpFile(name: "a.txt", path: "a.txt", sha256: article.source.sha256, size: bytes.count),
            alerts: [], received: Date())
        #expect(s.spool.process(path: path) == .recovered(articleID: article.id))
        #expect(!s.exists(path))
        #expect(try s.store.articleCount() == 1)
        #expect(try s.store.stats().duplicates == 0)
    }

    @Test func sameNameDifferentContentNeverOverwritesInTheArchive() throws {
        let s = try Setup()
        _ = s.spool.process(path: try s.drop("same.txt", Self.article))
        _ = s.spool.process(path: try s.drop("same.txt", Self.article + "\nA later paragraph was added to this dump."))
        let archived = try FileManager.default.contentsOfDirectory(atPath: s.config.spool.archive!)
        #expect(archived.count == 2)
        #expect(archived.contains("same.txt"))
        #expect(try s.store.articleCount() == 2)
    }

    @Test func emptyBinaryAndOversizedFilesGoToQuarantineWithAReason() throws {
        let s = try Setup(maxFileSize: 4096)
        let empty = try s.drop("empty.txt", "")
        let big = try s.drop("big.txt", String(repeating: "word ", count: 2000))
        let binaryPath = s.config.spool.inbox + "/blob.bin"
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0] + Array(repeating: 0, count: 200))
            .write(to: URL(fileURLWithPath: binaryPath))
        #expect(s.spool.process(path: empty) == .quarantined(reason: "empty file"))
        #expect(s.spool.process(path: big) == .quarantined(reason: "file of 10000 bytes exceeds max_file_size 4096"))
        guard case .quarantined(let reason) = s.spool.process(path: binaryPath) else {
            Issue.record("binary must be quarantined")
            return
        }
        #expect(reason.contains("binary"))
        for name in ["empty.txt", "big.txt", "blob.bin"] {
            let q = s.config.spool.quarantine + "/" + name
            #expect(s.exists(q))
            let sidecar = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: q + ".reason.json")))
            let fields = try #require(sidecar as? [String: Any])
            #expect((fields["error"] as? String)?.isEmpty == false)
            #expect(fields["extractor"] as? String == extractorVersion)
            #expect(fields["time"] != nil)
        }
        #expect(try s.store.stats().quarantined == 3)
        #expect(try s.store.articleCount() == 0)
    }

    @Test func symlinksAndFIFOsAreSkippedWithoutBlockingAndLeftInPlace() throws {
        let s = try Setup()
        let target = try s.drop("../outside.txt", Self.article)
        let link = s.config.spool.inbox + "/link.txt"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let fifo = s.config.spool.inbox + "/pipe.txt"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(s.spool.process(path: link) == .skipped("symbolic link (never followed)"))
        #expect(s.spool.process(path: fifo) == .skipped("FIFO"))
        #expect(s.exists(link) && s.exists(fifo))
        #expect(try s.store.articleCount() == 0)
    }

    @Test func ignoredNamesAndVanishedFilesAreNoOps() throws {
        let s = try Setup()
        let part = try s.drop("x.part", Self.article)
        #expect(s.spool.process(path: part) == .skipped("ignored name"))
        #expect(s.exists(part))
        #expect(s.spool.process(path: s.config.spool.inbox + "/gone.txt") == .vanished)
    }

    @Test func scansLeaveFilesThatAreStillChanging() throws {
        let s = try Setup()
        let path = try s.drop("fresh.txt", Self.article)
        #expect(s.spool.process(path: path, fromScan: true) == .deferred)
        #expect(s.exists(path))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -10)], ofItemAtPath: path)
        guard case .stored = s.spool.process(path: path, fromScan: true) else {
            Issue.record("a settled file must be stored")
            return
        }
    }

    @Test func withoutAnArchiveProcessedDumpsAreDeleted() throws {
        let s = try Setup(archive: false)
        let path = try s.drop("d.txt", Self.article)
        guard case .stored = s.spool.process(path: path) else {
            Issue.record("expected stored")
            return
        }
        #expect(!s.exists(path))
    }
}
