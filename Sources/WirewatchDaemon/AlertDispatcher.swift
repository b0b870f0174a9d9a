import Logging
import WirewatchStore
import WirewatchStories

/// Sends stored alerts from the store's outbox to the sink, oldest first.
///
/// Alerts are committed with their article, then sent, then marked delivered: a crash in
/// between sends an alert twice rather than never. Alerts below `min_priority` are marked
/// without being sent; past `burst_limit` per minute the rest wait for the next minute.
public struct AlertDispatcher: Sendable {
    public var minPriority: Int
    public var burstLimit: Int
    let store: Store
    let sink: any AlertSink
    let logger: Logger
    private var windowStart: Duration?
    private var sentInWindow = 0

    public init(store: Store, sink: any AlertSink, minPriority: Int, burstLimit: Int, logger: Logger) {
        self.store = store
        self.sink = sink
        self.minPriority = minPriority
        self.burstLimit = burstLimit
        self.logger = logger
    }

    /// Delivers what the outbox holds, within the burst limit. Returns the alerts sent.
    @discardableResult
    public mutating func flush(now: Duration) -> [Alert] {
        if let start = windowStart, now - start < .seconds(60) {
        } else {
            windowStart = now
            sentInWindow = 0
        }
        var sent: [Alert] = []
        while sentInWindow < burstLimit {
            let pending: [StoredAlert]
            do {
                pending = try store.undeliveredAlerts(limit: min(100, burstLimit - sentInWindow))
            } catch {
                logger.error("cannot read the alert outbox", metadata: ["error": "\(error)"])
                return sent
            }
            if pending.isEmpty { break }
            for stored in pending {
                if stored.alert.priority <= minPriority {
                    do {
                        try sink.deliver(stored.alert)
                    } catch {
                        logger.error("cannot send alert; will retry", metadata: ["error": "\(error)"])
                        return sent
                    }
                    sent.append(stored.alert)
                    sentInWindow += 1
                }
                do {
                    try store.markDelivered([stored.id], at: .now)
                } catch {
                    logger.error("cannot mark alert delivered", metadata: ["error": "\(error)"])
                    return sent
                }
                if sentInWindow >= burstLimit { break }
            }
        }
        return sent
    }
}
