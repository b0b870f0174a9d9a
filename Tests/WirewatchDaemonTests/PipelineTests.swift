import Foundation
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import WirewatchDaemon

@Suite struct PipelineTests {
    struct Harness {
        let queue = EventQueue(capacity: 100, rescanRoot: "/in")
        let notify = RecordingNotifySink()
        let processor = ScriptedProcessor()
        let clock = ManualTime()

        func pipeline(
            files: [String] = [], watchdog: Duration? = .seconds(10), workers: Int = 1,
            reload: (@Sendable () throws -> Configuration)? = nil
        ) -> Pipeline {
            let deps = Pipeline.Dependencies(
                queue: queue, processor: processor, scan: { _ in files }, notifier: Notifier(sink: notify),
                dispatcher: nil, reload: reload, apply: nil, time: clock.time, monotonicMicroseconds: { 123_456 },
                logger: testLogger)
            return Pipeline(
                dependencies: deps, inbox: "/in", rescanInterval: .seconds(300), watchdogInterval: watchdog,
                workers: workers)
        }
    }

    @Test func startReloadStopSendsTheNotifySequence() async throws {
        let h = Harness()
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await h.pipeline(reload: { Configuration.defaults(state: "/state", inbox: "/in") }).run()
                }
                #expect(await eventually { h.notify.all.first?.hasPrefix("READY=1\nSTATUS=Watching /in") == true })
                h.queue.post(.reload)
                #expect(await eventually { h.notify.all.contains { $0.hasPrefix("RELOADING=1") } })
                h.queue.post(.file("/in/a.txt"))
                #expect(await eventually { h.processor.seen == ["/in/a.txt"] })
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        let kinds = h.notify.all.compactMap { message -> String? in
            let first = message.split(separator: "\n").first.map(String.init) ?? ""
            return ["READY=1", "RELOADING=1", "STOPPING=1"].contains(first) ? first : nil
        }
        #expect(kinds == ["READY=1", "RELOADING=1", "READY=1", "STOPPING=1"])
        let reload = try #require(h.notify.all.first { $0.hasPrefix("RELOADING=1") })
        #expect(reload.contains("\nMONOTONIC_USEC=123456"))
    }

    @Test func aStalledPipelineStopsTheWatchdogPings() async throws {
        let h = Harness()
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await h.pipeline(watchdog: .seconds(10)).run() }
                // Idle and healthy: each tick five seconds apart earns a ping.
                h.clock.advance(.seconds(5))
                h.queue.post(.tick)
                #expect(await eventually { h.notify.count(of: "WATCHDOG=1") == 1 })
                h.clock.advance(.seconds(5))
                h.queue.post(.tick)
                #expect(await eventually { h.notify.count(of: "WATCHDOG=1") == 2 })

                // A dump whose processing hangs: ticks keep coming but nothing pings.
                h.queue.post(.file("/in/stall.txt"))
                #expect(await eventually { h.processor.seen.contains("/in/stall.txt") })
                for _ in 0..<6 {
                    h.clock.advance(.seconds(5))
                    h.queue.post(.tick)
                }
                #expect(h.queue.count == 1)  // the ticks wait, coalesced, unhandled
                #expect(h.notify.count(of: "WATCHDOG=1") == 2)

                // Unstuck: the loop turns again and pings at once.
                h.processor.release()
                #expect(await eventually { h.notify.count(of: "WATCHDOG=1") == 3 })
                #expect(await eventually { h.queue.count == 0 })
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func anUnwritableStoreIsReportedAndRetriedByAScan() async throws {
        let h = Harness()
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await h.pipeline(files: ["/in/full.txt"]).run() }
                h.queue.post(.file("/in/full.txt"))
                #expect(await eventually { h.notify.all.contains { $0.contains("STORE UNAVAILABLE") } })
                // The retry waits for its delay, then scans the inbox, where the dump still is.
                h.queue.post(.tick)
                #expect(await eventually { h.queue.count == 0 })
                #expect(h.processor.seen == ["/in/full.txt"])
                h.processor.release()
                h.clock.advance(.seconds(3))
                h.queue.post(.tick)
                #expect(await eventually { h.processor.seen == ["/in/full.txt", "/in/full.txt"] })
                #expect(await eventually { h.notify.all.last?.contains("1 stored") == true })
                #expect(h.notify.all.last?.contains("STORE UNAVAILABLE") == false)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func workersProcessABurstConcurrently() async throws {
        let h = Harness()
        // Queued before the loop starts, so the three arrive as one burst.
        for name in ["stall.txt", "b.txt", "c.txt"] { h.queue.offer(.file("/in/" + name)) }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await h.pipeline(workers: 2).run() }
                // With one worker stuck, the other still gets through the rest of the burst.
                #expect(await eventually { Set(h.processor.seen) == ["/in/stall.txt", "/in/b.txt", "/in/c.txt"] })
                h.processor.release()
                #expect(await eventually { h.notify.all.last?.contains("3 stored") == true })
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func pingsAtHalfTheIntervalNotOnEveryTurn() {
        var w = Watchdog(interval: .seconds(10))
        let pings = [0, 4, 5, 9, 10].map { w.loopTurned(at: .seconds($0)) }
        #expect(pings == [true, false, true, false, true])
        var off = Watchdog(interval: nil)
        let offPing = off.loopTurned(at: .seconds(100))
        #expect(!offPing)
    }

    @Test func startupScanProcessesEveryListedFile() async throws {
        let h = Harness()
        let files = (0..<5).map { "/in/backlog-\($0).txt" }
        h.queue.post(.scan(directory: "/in", reason: .startup))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await h.pipeline(files: files).run() }
                #expect(await eventually { h.processor.seen == files })
                #expect(await eventually { h.notify.all.contains { $0.contains("5 stored") } })
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }
}
