import Foundation

/// A story and what its members add up to.
public struct StoryRow: Sendable, Equatable {
    public var id: String
    /// When its first article was received.
    public var firstSeen: Date
    /// When its latest article was received.
    public var lastSeen: Date
    /// Number of member articles.
    public var articles: Int
    /// Distinct publishers of the members, in the order they first reported it.
    public var outlets: [String]
    /// The headline of the story's first member that has one.
    public var title: String?

    public init(id: String, firstSeen: Date, lastSeen: Date, articles: Int, outlets: [String], title: String?) {
        self.id = id
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.articles = articles
        self.outlets = outlets
        self.title = title
    }
}
