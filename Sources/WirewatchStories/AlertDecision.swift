/// What the policy decided for one stored article, alert or not. Every decision is kept in
/// the store, so "why did (or didn't) this alert" has an answer.
public struct AlertDecision: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// The story matched a rule for the first time.
        case newStory = "new_story"
        /// An alerted story got a worse event or a more severe rule.
        case escalated
        /// An alerted story reached 2, 5 or 10 outlets.
        case corroborated
        /// No alert: `reason` says why.
        case none
    }

    public var outcome: Outcome
    /// The alert raised, nil for `.none`.
    public var alert: Alert?
    /// False when the alert is less severe than `min_priority`: stored, never sent.
    public var sent: Bool
    /// One line on why, for `wirewatch alerts` and the store.
    public var reason: String

    public init(outcome: Outcome, alert: Alert?, sent: Bool, reason: String) {
        self.outcome = outcome
        self.alert = alert
        self.sent = sent
        self.reason = reason
    }
}

/// What the story has alerted so far, read from the store before an article is added.
public struct StoryAlertHistory: Sendable, Equatable {
    /// Whether the story raised its `new_story` alert.
    public var alerted: Bool
    /// The most severe (lowest) priority of its `new_story` and `escalated` alerts.
    public var mostSevere: Int?

    public init(alerted: Bool = false, mostSevere: Int? = nil) {
        self.alerted = alerted
        self.mostSevere = mostSevere
    }
}
