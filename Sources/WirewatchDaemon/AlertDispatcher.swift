import Foundation
import Logging
import WirewatchStore
import WirewatchStories

/// Sends stored alerts from the store's outbox to the sink, oldest first.
///
/// Every alert decision is committed with its article before anything is sent, and stays
/// in the store whatever happens here:
/// - sent alerts are marked delivered after the sink took them (a crash in between sends
///   one twice rather than never);
/// - alerts below `min_priority` are marked without being sent;
/// - while the sink fails (journald stopped) alerts stay undelivered and are retried on
///   every pass, so they go out, in order, as soon as the journal is back;
/// - at most `burst_limit` alerts are sent one by one in a minute (the window opens with
///   the first alert sent); the rest of that minute are folded: when the minute ends, one
///   `.burstSummary` alert standing for them is committed (marking them delivered through
///   it in the same transaction) and sent. Nothing waits for a later minute and nothing is
///   dropped.
public struct AlertDispatcher: Sendable {
    public var minPriority: Int
    public var burstLimit: Int
    /// Length of a burst window.
    public static let window: Duration = .seconds(60)

    let store: Store
    let sink: any AlertSink
    let logger: Logger
    /// Wall-clock time for delivery records and the summary's text.
    let wallClock: @Sendable () -> Date

    /// Outbox ids up to this one were handled by this process (sent, filtered or folded).
    private var cursor: Int64 = 0
    private var windowStart: Duration?
    private var sentInWindow = 0
    /// Alerts past the limit in the current window, undelivered in the store until the
    /// summary that stands for them is committed.
    private var folded: [StoredAlert] = []
    /// Sent or filtered alerts not yet marked delivered (the store refused the write).
    private var unmarked: [Int64] = []
    /// Why the sink last failed, while it keeps failing; nil when alerts go through.
    public private(set) var problem: String?

    public init(
        store: Store, sink: any AlertSink, minPriority: Int, burstLimit: Int, logger: Logger,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.sink = sink
        self.minPriority = minPriority
        self.burstLimit = burstLimit
        self.logger = logger
        self.wallClock = wallClock
    }

    /// Alerts folded so far in the current window, not yet summarised.
    public var foldedCount: Int { folded.count }

    /// Delivers what the outbox holds, within the burst limit, and closes the burst window
    /// when its minute is over. `now` is monotonic time. Returns the alerts sent.
    @discardableResult
    public mutating func flush(now: Duration) -> [Alert] {
        var sent: [Alert] = []
        guard markPending(), closeWindowIfOver(now: now) else { return sent }
        while true {
            let pending: [StoredAlert]
            do {
                pending = try store.undeliveredAlerts(after: cursor, limit: 100)
            } catch {
                logger.error("cannot read the alert outbox", metadata: ["error": "\(error)"])
                return sent
            }
            if pending.isEmpty { break }
            for stored in pending {
                let alert = stored.alert
                let summary = alert.kind == .burstSummary
                if !summary && alert.level > minPriority {
                    unmarked.append(stored.id)
                } else if summary || sentInWindow < burstLimit {
                    guard send(stored) else {
                        _ = markPending()
                        return sent
                    }
                    sent.append(alert)
                    unmarked.append(stored.id)
                    if !summary {
                        if windowStart == nil { windowStart = now }
                        sentInWindow += 1
                    }
                } else {
                    folded.append(stored)
                }
                cursor = stored.id
            }
            guard markPending() else { return sent }
        }
        return sent
    }

    /// At shutdown: summarises what the current window folded without waiting for its minute
    /// to end, and sends what can be sent, so a stop does not hold folded alerts back until
    /// the next start. Returns the alerts sent.
    @discardableResult
    public mutating func finish(now: Duration) -> [Alert] {
        if let start = windowStart {
            return flush(now: max(now, start + Self.window))
        }
        return flush(now: now)
    }

    /// Hands one alert to the sink; logs the start and the end of an outage once each.
    private mutating func send(_ stored: StoredAlert) -> Bool {
        do {
            try sink.deliver(stored.alert, id: stored.id)
        } catch {
            if problem == nil {
                logger.warning(
                    "cannot send alerts to the journal; they wait in the store and go out when it is back",
                    metadata: ["error": "\(error)", "alert": "\(stored.id)"])
            }
            problem = "\(error)"
            return false
        }
        if problem != nil {
            logger.notice(
                "the journal takes alerts again; sending those that waited", metadata: ["from": "\(stored.id)"])
            problem = nil
        }
        return true
    }

    /// Records deliveries that are not in the store yet. False when the store refused.
    private mutating func markPending() -> Bool {
        guard !unmarked.isEmpty else { return true }
        do {
            try store.markDelivered(unmarked, at: wallClock())
            unmarked.removeAll()
            return true
        } catch {
            logger.error("cannot mark alerts delivered; will retry", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// At the end of a window, commits the summary of what it folded (it is then sent like
    /// any outbox alert) and opens the next. False when the store refused the summary; the
    /// folded alerts are then kept for the next pass.
    private mutating func closeWindowIfOver(now: Duration) -> Bool {
        guard let start = windowStart, now - start >= Self.window else { return true }
        if !folded.isEmpty {
            let summary = Alert.burstSummary(
                folding: folded.map { (id: $0.id, alert: $0.alert) }, limit: burstLimit,
                since: Self.timestamp(folded[0].created), until: Self.timestamp(folded[folded.count - 1].created))
            do {
                try store.recordBurstSummary(summary, folding: folded.map(\.id), at: wallClock())
            } catch {
                logger.error("cannot record the burst summary; will retry", metadata: ["error": "\(error)"])
                return false
            }
            logger.notice(
                "burst limit: alerts folded into one summary",
                metadata: ["folded": "\(folded.count)", "burst_limit": "\(burstLimit)"])
            folded.removeAll()
        }
        windowStart = nil
        sentInWindow = 0
        return true
    }

    /// ISO 8601 in UTC, to the second: what `wirewatch alerts --since` and a reader take.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
