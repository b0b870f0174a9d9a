import Glibc

/// The service manager's notification protocol (`sd_notify(3)`), for a `Type=notify` unit with a watchdog.
public enum SystemdNotify {
    /// sd_notify(0, state); returns false when not under systemd ($NOTIFY_SOCKET unset). Never unsets the environment.
    ///
    /// `state` is newline-separated assignments, e.g. `"READY=1\nSTATUS=watching 3 folders"`. Also false when the
    /// datagram could not be sent; use ``trySend(_:)`` to learn why.
    @discardableResult
    public static func send(_ state: String) -> Bool {
        (try? trySend(state)) ?? false
    }

    /// Like ``send(_:)``, but a failure to send throws `SystemError(syscall: "sd_notify", errno: -ret)`, and
    /// a libsystemd that cannot be loaded throws its `dlopen` error. Returns false when `$NOTIFY_SOCKET` is unset.
    @discardableResult
    public static func trySend(_ state: String) throws(SystemError) -> Bool {
        guard isSupervised else { return false }
        let result = try LibSystemd.shared.get().notify(0, state)
        if result < 0 { throw SystemError(syscall: "sd_notify", errno: -result) }
        return result > 0
    }

    /// True when `$NOTIFY_SOCKET` is set, i.e. a service manager is listening for notifications.
    public static var isSupervised: Bool {
        getenv("NOTIFY_SOCKET") != nil
    }

    /// sd_watchdog_enabled(0, &usec) → the interval systemd expects pings within, or nil.
    ///
    /// nil when `$WATCHDOG_USEC` is unset or invalid, or `$WATCHDOG_PID` names another process. Ping at about half
    /// the interval.
    public static func watchdogInterval() -> Duration? {
        // Without $WATCHDOG_USEC there is nothing to ask libsystemd.
        guard getenv("WATCHDOG_USEC") != nil, let library = try? LibSystemd.shared.get() else { return nil }
        var microseconds: UInt64 = 0
        guard library.watchdogEnabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(clamping: microseconds))
    }

    /// clock_gettime(CLOCK_MONOTONIC) in microseconds, for `MONOTONIC_USEC=` in reload notifications.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// The state to send when a reload starts: `RELOADING=1` with `MONOTONIC_USEC=` taken now, as systemd ≥ 253
    /// requires for `Type=notify-reload` and accepts for `Type=notify`.
    public static func reloadingState() -> String {
        "RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds())"
    }
}
