/// Where `sd_notify` messages go: the real socket in the daemon, a recorder in tests.
public protocol NotifySink: Sendable {
    func send(_ message: String)
}

/// The daemon's side of the systemd notify protocol (sd_notify(3)), as whole messages.
///
/// Keeping the message text here, apart from the socket, lets tests check the exact
/// sequence a start, reload and stop produce.
public struct Notifier: Sendable {
    public let sink: any NotifySink

    public init(sink: any NotifySink) {
        self.sink = sink
    }

    /// Sent once, after the store is migrated and the watches are in place.
    public func ready(status: String) {
        sink.send("READY=1\nSTATUS=\(Self.clean(status))")
    }

    public func status(_ text: String) {
        sink.send("STATUS=\(Self.clean(text))")
    }

    /// Sent before re-reading the configuration; systemd ≥ 253 needs `MONOTONIC_USEC`
    /// (CLOCK_MONOTONIC) to match the reload to the signal.
    public func reloading(monotonicMicroseconds: UInt64) {
        sink.send("RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds)\nSTATUS=Reloading configuration")
    }

    public func reloaded(status: String) {
        sink.send("READY=1\nSTATUS=\(Self.clean(status))")
    }

    public func stopping() {
        sink.send("STOPPING=1\nSTATUS=Stopping: finishing the dump in flight")
    }

    public func watchdog() {
        sink.send("WATCHDOG=1")
    }

    /// A status line must stay one line of the notify message.
    static func clean(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 }.prefix(512))
    }
}

/// Decides when the pipeline loop pings the watchdog: at half the interval systemd asked
/// for. It is fed by the loop itself, so a loop that stops turning stops the pings and
/// systemd restarts the service.
public struct Watchdog: Sendable {
    /// `WatchdogSec=` as systemd passed it; nil when the watchdog is off.
    public let interval: Duration?
    private var lastPing: Duration?

    public init(interval: Duration?) {
        self.interval = interval
    }

    /// Called by the loop each time it turns; true when a ping is due now (and counts it as sent).
    public mutating func loopTurned(at now: Duration) -> Bool {
        guard let interval else { return false }
        if let lastPing, now - lastPing < interval / 2 { return false }
        lastPing = now
        return true
    }
}

/// Monotonic time as a duration since an arbitrary origin, injected so tests control it.
public struct MonotonicTime: Sendable {
    public let now: @Sendable () -> Duration

    public init(now: @escaping @Sendable () -> Duration) {
        self.now = now
    }

    public static let system: MonotonicTime = {
        let origin = ContinuousClock.now
        return MonotonicTime { ContinuousClock.now - origin }
    }()
}
