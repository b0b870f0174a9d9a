import WirewatchExtract

/// Builds the alert for an article of a story: the facts behind it and its one-line message.
struct AlertFacts {
    var article: Article
    var story: StoryView
    var file: String

    /// Entities named in the alert's `WIREWATCH_ENTITIES`.
    static let entityLimit = 8

    func alert(kind: AlertKind, priority: Int, rule: String, event: Article.Event? = nil, note: String? = nil)
        -> Alert
    {
        // The article's own worst event; a report that names none (a follow-up, a copy) speaks
        // for the story, so the story's worst event stands in.
        let event =
            event ?? Article.worstEvent(article.events)?.0 ?? article.events.first
            ?? Article.worstEvent(story.events)?.0
        let severity = Severity(priority: priority)
        let headline = article.title ?? story.titles.first ?? article.summary.prefixWords(12) ?? article.source.name
        var parts = ["\(severity.word): \(headline)"]
        if let publisher = article.publisher { parts.append("(\(publisher))") }
        if let event {
            var what = event.type
            if let location = event.location { what += " in \(location)" }
            parts.append("— \(what)")
        }
        if let note { parts.append("— \(note)") }
        parts.append("— rule \(rule)")
        return Alert(
            kind: kind, priority: severity.priority, rule: rule, message: parts.joined(separator: " "),
            article: article.id, story: story.id, event: event?.type, cameo: event?.cameo,
            goldstein: event.flatMap(EventVocabulary.goldstein(of:)), title: article.title,
            publisher: article.publisher, published: article.published, location: event?.location,
            entities: article.entities.prefix(Self.entityLimit).map(\.name), sources: max(story.outlets.count, 1),
            file: file)
    }
}

extension String {
    fileprivate func prefixWords(_ n: Int) -> String? {
        let words = split(separator: " ", omittingEmptySubsequences: true).prefix(n)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
