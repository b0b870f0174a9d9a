import WirewatchSystem

/// The real notify socket; a no-op outside systemd (no `$NOTIFY_SOCKET`).
public struct SystemdNotifySink: NotifySink {
    public init() {}

    public func send(_ message: String) {
        SystemdNotify.send(message)
    }
}
