import Foundation
import WirewatchStories

/// An alert as the outbox holds it.
public struct StoredAlert: Sendable, Equatable {
    /// Outbox id: increases with commit order and is never reused.
    public var id: Int64
    public var alert: Alert
    /// When the alert was committed.
    public var created: Date
    /// When it was sent to the journal, or nil while it waits in the outbox.
    public var delivered: Date?

    public init(id: Int64, alert: Alert, created: Date, delivered: Date?) {
        self.id = id
        self.alert = alert
        self.created = created
        self.delivered = delivered
    }
}
