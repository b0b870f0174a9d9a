import Foundation
import WirewatchExtract

/// An article as the store holds it: the extracted object plus where and when it landed.
public struct StoredArticle: Sendable, Equatable {
    public var article: Article
    /// The story the article is a member of.
    public var story: String
    /// When the daemon appended it.
    public var received: Date

    public init(article: Article, story: String, received: Date) {
        self.article = article
        self.story = story
        self.received = received
    }
}
