import WirewatchExtract

/// A story as the alert rules see it: everything its members reported so far.
public struct StoryView: Sendable, Equatable {
    public var id: String
    /// Number of member articles.
    public var articles: Int
    /// Distinct publishers, in the order they first reported the story.
    public var outlets: [String]
    /// The members' events.
    public var events: [Article.Event]
    /// The members' entities (one per member and referent; names repeat across members).
    public var entities: [Article.Entity]
    /// The members' headlines.
    public var titles: [String]

    public init(
        id: String, articles: Int = 0, outlets: [String] = [], events: [Article.Event] = [],
        entities: [Article.Entity] = [], titles: [String] = []
    ) {
        self.id = id
        self.articles = articles
        self.outlets = outlets
        self.events = events
        self.entities = entities
        self.titles = titles
    }

    /// The story with `article` added.
    public func adding(_ article: Article) -> StoryView {
        var next = self
        next.articles += 1
        if let publisher = article.publisher, !outlets.contains(publisher) { next.outlets.append(publisher) }
        next.events += article.events
        next.entities += article.entities
        if let title = article.title { next.titles.append(title) }
        return next
    }

    /// The most negative Goldstein value among the events, nil when none has one.
    public var worstGoldstein: Double? {
        events.compactMap(EventVocabulary.goldstein(of:)).min()
    }
}
