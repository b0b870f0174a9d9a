import Foundation
import WirewatchStories

/// An alert decision as the store keeps it.
public struct StoredDecision: Sendable, Equatable {
    public var article: String
    public var story: String
    public var outcome: AlertDecision.Outcome
    /// Whether the alert was at or above `min_priority` (meant to be sent).
    public var sent: Bool
    /// The outbox id of the alert raised, if any.
    public var alertID: Int64?
    public var reason: String
    public var created: Date

    public init(
        article: String, story: String, outcome: AlertDecision.Outcome, sent: Bool, alertID: Int64?, reason: String,
        created: Date
    ) {
        self.article = article
        self.story = story
        self.outcome = outcome
        self.sent = sent
        self.alertID = alertID
        self.reason = reason
        self.created = created
    }
}
