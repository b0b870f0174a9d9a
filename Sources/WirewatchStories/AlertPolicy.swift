import WirewatchExtract

/// Decides which alerts an article raises.
///
/// For now every new article raises one `info` alert of kind `newStory`; the rule engine
/// of SPEC §6 replaces this decision later without changing its callers.
public struct AlertPolicy: Sendable {
    public init() {}

    /// Alerts for an article just stored as a member of `story`, read from `file`.
    public func alerts(for article: Article, story: String, file: String) -> [Alert] {
        let event = article.events.first
        let severity = Severity(priority: 6)
        let headline = article.title ?? article.summary.prefixWords(12) ?? article.source.name
        var parts = ["\(severity.word): \(headline)"]
        if let publisher = article.publisher { parts.append("(\(publisher))") }
        if let location = event?.location { parts.append("in \(location)") }
        parts.append("— rule new-article")
        return [
            Alert(
                kind: .newStory, priority: severity.priority, rule: "new-article",
                message: parts.joined(separator: " "),
                article: article.id, story: story, event: event?.type, cameo: event?.cameo,
                goldstein: event?.goldstein, title: article.title, publisher: article.publisher,
                published: article.published, location: event?.location,
                entities: article.entities.prefix(8).map(\.name), sources: 1, file: file)
        ]
    }

    /// The alert for a dump that went to quarantine.
    public func quarantined(file: String, reason: String) -> Alert {
        Alert(
            kind: .quarantined, priority: 4, rule: "quarantine",
            message: "WARNING: dump \(file) quarantined: \(reason)", file: file)
    }
}

/// A syslog priority and the word the alert line starts with.
public struct Severity: Sendable, Equatable {
    public var priority: Int

    public init(priority: Int) { self.priority = min(max(priority, 0), 7) }

    /// SPEC §6 default: Goldstein ≤ −9 → crit, ≤ −5 → warning, < 0 → notice, else info.
    public init(goldstein: Double) {
        switch goldstein {
        case ...(-9): self.init(priority: 2)
        case ...(-5): self.init(priority: 4)
        case ..<0: self.init(priority: 5)
        default: self.init(priority: 6)
        }
    }

    public var word: String {
        ["EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"][priority]
    }
}

extension String {
    fileprivate func prefixWords(_ n: Int) -> String? {
        let words = split(separator: " ", omittingEmptySubsequences: true).prefix(n)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
