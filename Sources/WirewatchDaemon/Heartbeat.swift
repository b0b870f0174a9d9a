import ServiceLifecycle

/// Posts a `.tick` to the pipeline queue every `interval`.
///
/// It only knocks: the watchdog ping, timed rescans and retries happen when the pipeline
/// loop handles the tick, so a stalled loop pings nothing.
public struct Heartbeat: Service {
    let queue: EventQueue
    let interval: Duration

    public init(queue: EventQueue, interval: Duration) {
        self.queue = queue
        self.interval = interval
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: interval)
                    queue.post(.tick)
                }
            }
        } catch is CancellationError {
        }
    }
}
