import Testing

@testable import WirewatchDaemon

@Suite struct EventQueueTests {
    @Test func deliversInOrderAndDedupesPathsAndTicks() async {
        let q = EventQueue(capacity: 10, rescanRoot: "/in")
        #expect(q.offer(.file("/in/a")))
        #expect(q.offer(.file("/in/a")))
        q.post(.tick)
        q.post(.tick)
        #expect(q.offer(.file("/in/b")))
        #expect(q.count == 3)
        #expect(await q.next() == .file("/in/a"))
        #expect(await q.next() == .tick)
        #expect(await q.next() == .file("/in/b"))
        // Once taken, the same path may come again.
        #expect(q.offer(.file("/in/a")))
        #expect(await q.next() == .file("/in/a"))
    }

    @Test func fullQueueRefusesThenSchedulesOneScanWhenDrained() async {
        let q = EventQueue(capacity: 2, rescanRoot: "/in")
        #expect(q.offer(.file("/in/1")))
        #expect(q.offer(.file("/in/2")))
        #expect(!q.offer(.file("/in/3")))
        #expect(!q.offer(.file("/in/4")))
        #expect(q.isFull)
        q.post(.reload)  // control events are never refused
        #expect(await q.next() == .file("/in/1"))
        #expect(await q.next() == .file("/in/2"))
        #expect(await q.next() == .reload)
        #expect(await q.next() == .scan(directory: "/in", reason: .backpressure))
        #expect(q.count == 0)
    }

    @Test func spaceWaitersRunOnceHalfEmpty() async {
        let q = EventQueue(capacity: 4, rescanRoot: "/in")
        for i in 0..<4 { q.offer(.file("/in/\(i)")) }
        let woken = RecordingNotifySink()
        q.whenSpace { woken.send("space") }
        #expect(woken.all.isEmpty)
        _ = await q.next()
        #expect(woken.all.isEmpty)
        _ = await q.next()
        #expect(woken.all == ["space"])
    }

    @Test func finishWakesTheWaitingConsumer() async {
        let q = EventQueue(capacity: 4, rescanRoot: "/in")
        async let next = q.next()
        #expect(await eventually { q.count == 0 })
        q.finish()
        #expect(await next == nil)
        #expect(!q.offer(.file("/in/late")))
    }

    @Test func aWaitingConsumerGetsTheEventDirectly() async {
        let q = EventQueue(capacity: 4, rescanRoot: "/in")
        let consumer = Task { await q.next() }
        // Poll until the consumer is parked, by offering only once the queue is observed empty.
        _ = await eventually { q.count == 0 }
        q.offer(.file("/in/x"))
        #expect(await consumer.value == .file("/in/x"))
        #expect(q.offer(.file("/in/x")))  // not stuck as pending
        #expect(q.count == 1)
    }
}
