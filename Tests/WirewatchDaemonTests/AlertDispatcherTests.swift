import Foundation
import Synchronization
import Testing
import WirewatchStore
import WirewatchStories
import WirewatchSystem

@testable import WirewatchDaemon

/// A sink that records what it was given, or fails while told to (journald away).
final class RecordingAlertSink: AlertSink {
    private let state = Mutex<(sent: [(id: Int64, alert: Alert)], failing: Bool)>(([], false))

    func deliver(_ alert: Alert, id: Int64) throws {
        try state.withLock { s in
            if s.failing { throw SystemError(syscall: "sd_journal_sendv", errno: ECONNREFUSED) }
            s.sent.append((id, alert))
        }
    }

    func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }

    var sent: [(id: Int64, alert: Alert)] { state.withLock { $0.sent } }
}

/// The dispatcher on a real SQLite store with a recording sink and a hand-moved clock.
@Suite struct AlertDispatcherTests {
    struct Setup {
        let dir: TemporaryDirectory
        let store: Store
        let sink = RecordingAlertSink()

        init() throws {
            dir = try TemporaryDirectory()
            store = try Store(path: dir.path + "/wirewatch.sqlite")
        }

        func dispatcher(burstLimit: Int = 30, minPriority: Int = 7) -> AlertDispatcher {
            AlertDispatcher(
                store: store, sink: sink, minPriority: minPriority, burstLimit: burstLimit, logger: testLogger,
                wallClock: { Date(timeIntervalSince1970: 1_800_000_000) })
        }

        /// Commits `count` alerts through the quarantine path (one ledger row and one alert each).
        func commit(_ count: Int, priority: Int = 4, prefix: String = "dump") throws -> [Int64] {
            for index in 0..<count {
                let name = "\(prefix)-\(index).txt"
                let alert = Alert(
                    kind: .quarantined, priority: priority, rule: "quarantine", message: "dump \(name) quarantined",
                    story: "story-\(index % 3)", file: name)
                try store.recordQuarantine(
                    file: DumpFile(name: name, path: "/in/\(name)", sha256: "\(prefix)\(index)", size: 1),
                    reason: "empty", alert: alert, at: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)))
            }
            return try store.alerts(limit: 1_000_000).map(\.id).sorted().suffix(count)
        }

        var undelivered: Int { (try? store.stats().undeliveredAlerts) ?? -1 }
    }

    @Test("below the limit every alert is sent at once, in order, and marked delivered")
    func sendsInOrder() throws {
        let s = try Setup()
        let ids = try s.commit(5)
        var d = s.dispatcher()
        let sent = d.flush(now: .seconds(1))
        #expect(sent.count == 5)
        #expect(s.sink.sent.map(\.id) == ids)
        #expect(s.undelivered == 0)
        #expect(d.flush(now: .seconds(2)).isEmpty, "a second pass sends nothing again")
    }

    @Test("past burst_limit the rest of the minute is folded into one summary, nothing delayed or dropped")
    func burstFolds() throws {
        let s = try Setup()
        var d = s.dispatcher(burstLimit: 3)
        let first = try s.commit(10, prefix: "a")
        #expect(d.flush(now: .seconds(0)).count == 3)
        #expect(d.foldedCount == 7)
        // Still inside the minute: more alerts fold too, nothing else is sent.
        let more = try s.commit(2, priority: 2, prefix: "b")
        #expect(d.flush(now: .seconds(30)).isEmpty)
        #expect(s.sink.sent.count == 3)
        #expect(s.undelivered == 9, "folded alerts stay undelivered until their summary is committed")

        let sent = d.flush(now: .seconds(60))
        #expect(sent.count == 1)
        let summary = try #require(s.sink.sent.last)
        #expect(summary.alert.kind == .burstSummary)
        #expect(summary.alert.burst?.alertIDs == Array(first.suffix(7)) + more)
        #expect(summary.alert.priority == 2, "the summary is as grave as the gravest folded alert")
        #expect(summary.alert.message.hasPrefix("CRITICAL: 9 more alerts held back by burst_limit 3"))
        #expect(summary.alert.message.contains("2 crit, 7 warning"))
        #expect(s.undelivered == 0)
        // Every decision is in the store: 12 alerts and the summary.
        let stored = try s.store.alerts(limit: 100)
        #expect(stored.count == 13)
        #expect(stored.allSatisfy { $0.delivered != nil })
        #expect(stored.first?.alert.kind == .burstSummary)

        // The summary does not use the new window's budget.
        _ = try s.commit(3, prefix: "c")
        #expect(d.flush(now: .seconds(61)).count == 3)
        #expect(d.foldedCount == 0)
    }

    @Test("a crash before the summary leaves the folded alerts in the outbox for the next start")
    func foldedSurviveRestart() throws {
        let s = try Setup()
        var d = s.dispatcher(burstLimit: 2)
        _ = try s.commit(5)
        #expect(d.flush(now: .seconds(0)).count == 2)
        #expect(s.undelivered == 3)
        var restarted = s.dispatcher(burstLimit: 2)
        #expect(restarted.flush(now: .seconds(0)).count == 2)
        #expect(restarted.flush(now: .seconds(60)).map(\.kind) == [.burstSummary])
        #expect(s.undelivered == 0)
        #expect(s.sink.sent.count == 5, "2 + 2 sent one by one, then one summary of the last one")
    }

    @Test("at shutdown the folded alerts get their summary without waiting for the minute to end")
    func finishSummarises() throws {
        let s = try Setup()
        var d = s.dispatcher(burstLimit: 2)
        _ = try s.commit(5)
        #expect(d.flush(now: .seconds(10)).count == 2)
        #expect(d.finish(now: .seconds(11)).map(\.kind) == [.burstSummary])
        #expect(s.sink.sent.last?.alert.burst?.alertIDs.count == 3)
        #expect(s.undelivered == 0)
        var idle = s.dispatcher()
        #expect(idle.finish(now: .seconds(1)).isEmpty)
    }

    @Test("while the sink fails alerts wait in the store; all go out, in order, when it is back")
    func journalAway() throws {
        let s = try Setup()
        var d = s.dispatcher()
        s.sink.fail(true)
        let ids = try s.commit(4)
        #expect(d.flush(now: .seconds(0)).isEmpty)
        #expect(d.problem != nil)
        #expect(d.flush(now: .seconds(5)).isEmpty)
        #expect(s.undelivered == 4)
        s.sink.fail(false)
        #expect(d.flush(now: .seconds(10)).count == 4)
        #expect(d.problem == nil)
        #expect(s.sink.sent.map(\.id) == ids, "each alert exactly once, oldest first")
        #expect(s.undelivered == 0)
    }

    @Test("alerts below min_priority are stored and marked, not sent, and use no budget")
    func minPriority() throws {
        let s = try Setup()
        var d = s.dispatcher(burstLimit: 1, minPriority: 4)
        _ = try s.commit(3, priority: 6, prefix: "info")
        let warning = try s.commit(1, priority: 4, prefix: "warn")
        #expect(d.flush(now: .seconds(0)).count == 1)
        #expect(s.sink.sent.map(\.id) == warning)
        #expect(s.undelivered == 0)
        #expect(d.foldedCount == 0)
    }

    @Test("every journal field name is one journald accepts")
    func fieldNames() {
        let burst = Alert.burstSummary(
            folding: [(1, Alert(kind: .newStory, priority: 2, rule: "r", message: "m", story: "s"))], limit: 1,
            since: "a", until: "b")
        let alert = Alert(
            kind: .escalated, priority: 3, rule: "r", message: "m", article: "a", story: "s", event: "e", cameo: "1",
            goldstein: -1, title: "t", publisher: "p", published: "d", location: "l", entities: ["x"], sources: 2,
            file: "f")
        for fields in [alert.journalFields(id: 7), burst.journalFields(id: 8)] {
            for (key, _) in fields { #expect(Journal.isValidFieldName(key), "\(key)") }
            #expect(Set(fields.map(\.key)).count == fields.count, "a field twice")
        }
    }

    @Test("the route: a unit always uses the journal; elsewhere stderr unless journald is reachable")
    func route() {
        #expect(AlertRoute.choose(serviceManaged: true, journalReachable: false) is JournalAlertSink)
        #expect(AlertRoute.choose(serviceManaged: false, journalReachable: true) is JournalAlertSink)
        #expect(AlertRoute.choose(serviceManaged: false, journalReachable: false) is StderrAlertSink)
    }

    @Test("the stderr sink writes one <N>-prefixed line per alert")
    func stderrSink() throws {
        let lines = Mutex<[String]>([])
        let sink = StderrAlertSink(write: { line in lines.withLock { $0.append(line) } })
        try sink.deliver(
            Alert(kind: .newStory, priority: 2, rule: "r", message: "CRITICAL: strike\nPRIORITY=7", title: "a b"),
            id: 12)
        let written = lines.withLock { $0 }
        #expect(
            written == [
                "<2>CRITICAL: strike PRIORITY=7 [MESSAGE_ID=\(AlertKind.newStory.messageID) WIREWATCH_KIND=new_story "
                    + "WIREWATCH_ALERT=12 WIREWATCH_RULE=r WIREWATCH_TITLE=\"a b\"]\n"
            ])
    }
}
