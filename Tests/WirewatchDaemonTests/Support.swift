import Foundation
import Logging
import Synchronization
import Testing

@testable import WirewatchDaemon

/// Records notify messages in order.
final class RecordingNotifySink: NotifySink {
    private let messages = Mutex<[String]>([])

    func send(_ message: String) { messages.withLock { $0.append(message) } }

    var all: [String] { messages.withLock { $0 } }

    func count(of message: String) -> Int { all.filter { $0 == message }.count }
}

/// A clock the test moves by hand.
final class ManualTime: Sendable {
    private let value = Mutex<Duration>(.zero)

    var time: MonotonicTime { MonotonicTime { [self] in value.withLock { $0 } } }

    func advance(_ by: Duration) { value.withLock { $0 += by } }
}

/// A processor that records every path; paths named `stall*` block and paths named `full*`
/// fail as if the store were full, both until `release()`.
final class ScriptedProcessor: DumpProcessing {
    private let state = Mutex<(seen: [String], released: Bool, waiters: [CheckedContinuation<Void, Never>])>(
        ([], false, []))

    func process(path: String, fromScan: Bool) async -> SpoolOutcome {
        state.withLock { $0.seen.append(path) }
        if Path.lastComponent(path).hasPrefix("stall") {
            await withCheckedContinuation { c in
                let go = state.withLock { s -> Bool in
                    if s.released { return true }
                    s.waiters.append(c)
                    return false
                }
                if go { c.resume() }
            }
        }
        if Path.lastComponent(path).hasPrefix("full"), !state.withLock({ $0.released }) {
            return .retryLater("disk full")
        }
        return .stored(articleID: String(path.hashValue, radix: 16), alertIDs: [])
    }

    var seen: [String] { state.withLock { $0.seen } }

    func release() {
        let waiters = state.withLock { s in
            s.released = true
            let w = s.waiters
            s.waiters = []
            return w
        }
        for w in waiters { w.resume() }
    }
}

/// Polls `condition` until it holds or `timeout` passes; the only way tests wait.
func eventually(
    timeout: Duration = .seconds(60), _ what: @autoclosure () -> String = "condition",
    _ condition: () throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try condition()
}

/// A temporary directory removed when the value is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/wirewatch-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) throws {
        let full = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }
}

let testLogger: Logger = {
    var l = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    l.logLevel = .critical
    return l
}()
