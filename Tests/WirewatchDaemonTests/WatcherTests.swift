import Foundation
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import WirewatchDaemon

/// The watcher against a real inotify instance and real files.
@Suite struct WatcherTests {
    /// Runs the watcher's service, hands the queue to `body`, then stops it.
    func withWatcher(
        _ dir: TemporaryDirectory, capacity: Int = 100,
        _ body: @Sendable (EventQueue, Watcher) async throws -> Void
    ) async throws {
        let watcher = try Watcher(root: dir.path, recursive: true, logger: testLogger)
        let queue = EventQueue(capacity: capacity, rescanRoot: dir.path)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await WatcherService(watcher: watcher, queue: queue).run() }
                try await body(queue, watcher)
                trigger.triggerGracefulShutdown()
                queue.finish()
                try await group.waitForAll()
            }
        }
    }

    /// Drains events until `want` has been seen or the deadline passes.
    func collect(_ queue: EventQueue, until want: @escaping ([PipelineEvent]) -> Bool) async -> [PipelineEvent] {
        var seen: [PipelineEvent] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while !want(seen), ContinuousClock.now < deadline {
            if queue.count > 0, let e = await queue.next() {
                seen.append(e)
            } else {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        return seen
    }

    @Test func copiedAndRenamedFilesArriveOnceComplete() async throws {
        let dir = try TemporaryDirectory()
        try await withWatcher(dir) { queue, _ in
            try dir.write("copied.txt", "hello")
            try dir.write("renamed.part", "world")
            try FileManager.default.moveItem(atPath: dir.path + "/renamed.part", toPath: dir.path + "/renamed.txt")
            let events = await collect(queue) { $0.contains(.file(dir.path + "/renamed.txt")) }
            #expect(events.contains(.file(dir.path + "/copied.txt")))
            #expect(events.contains(.file(dir.path + "/renamed.txt")))
        }
    }

    @Test func aNewSubdirectoryIsWatchedThenScanned() async throws {
        let dir = try TemporaryDirectory()
        try await withWatcher(dir) { queue, watcher in
            try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: false)
            let first = await collect(queue) { $0.contains(.scan(directory: dir.path + "/sub", reason: .newDirectory)) }
            #expect(first.contains(.scan(directory: dir.path + "/sub", reason: .newDirectory)))
            #expect(watcher.watchCount == 2)
            try dir.write("sub/inner.txt", "x")
            let second = await collect(queue) { $0.contains(.file(dir.path + "/sub/inner.txt")) }
            #expect(second.contains(.file(dir.path + "/sub/inner.txt")))
            // Removing the directory drops its watch (IN_IGNORED cleans the table).
            try FileManager.default.removeItem(atPath: dir.path + "/sub")
            #expect(await eventually { watcher.watchCount == 1 })
        }
    }

    @Test func scanListsNestedFilesSortedAndWatchesTheirDirectories() throws {
        let dir = try TemporaryDirectory()
        try dir.write("b.txt", "b")
        try dir.write("a.txt", "a")
        try dir.write("deep/er/c.txt", "c")
        let watcher = try Watcher(root: dir.path, recursive: true, logger: testLogger)
        defer { watcher.close() }
        #expect(watcher.watchCount == 3)
        let files = watcher.scan(directory: dir.path)
        #expect(Set(files) == [dir.path + "/a.txt", dir.path + "/b.txt", dir.path + "/deep/er/c.txt"])
        #expect(files.firstIndex(of: dir.path + "/a.txt")! < files.firstIndex(of: dir.path + "/b.txt")!)
    }
}
