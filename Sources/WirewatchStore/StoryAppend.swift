import WirewatchStories

/// What `Store.append(_:file:received:matcher:policy:)` did: the append, the story the article
/// is in, how it joined it and what the alert policy decided.
public struct StoryAppend: Sendable, Equatable {
    public var outcome: AppendOutcome
    /// The story of the article (for `.alreadyStored`, the one the stored copy is in).
    public var story: String
    /// How the article joined an existing story; nil when it started one or was already stored.
    public var match: StoryMatch?
    /// The alert decision; nil when the article was already stored.
    public var decision: AlertDecision?

    public init(outcome: AppendOutcome, story: String, match: StoryMatch?, decision: AlertDecision?) {
        self.outcome = outcome
        self.story = story
        self.match = match
        self.decision = decision
    }
}
