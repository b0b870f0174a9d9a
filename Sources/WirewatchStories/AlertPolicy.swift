import WirewatchExtract

/// Decides which alert, if any, an article raises for its story (SPEC §6, issue 5).
///
/// A story alerts once, when it first matches a rule (`new_story`); a later article alerts
/// again only when the story escalates (an event with a worse Goldstein value than any
/// before, or a more severe matching rule: `escalated`) or its outlet count reaches 2, 5 or
/// 10 (`corroborated`, at notice). At most one alert per article: an escalation that also
/// reaches a threshold is one `escalated` alert carrying the new outlet count. Among matching
/// rules the most severe priority wins. Without rules every story matches the default rule,
/// whose priority comes from the story's worst Goldstein value.
public struct AlertPolicy: Sendable, Equatable {
    public var rules: [AlertRule]
    /// Alerts less severe than this syslog level are decided and stored but not sent.
    public var minPriority: Int

    /// Outlet counts at which an alerted story alerts again.
    public static let corroborationThresholds = [2, 5, 10]
    /// Priority of corroboration alerts: notice.
    public static let corroborationPriority = 5
    /// Name of the rule that applies when the configuration has none.
    public static let defaultRuleName = "default"

    public init(rules: [AlertRule] = [], minPriority: Int = 7) {
        self.rules = rules
        self.minPriority = minPriority
    }

    /// The rule that decides `story`'s priority now, with that priority: the most severe
    /// match (the first such rule on ties), or nil when rules exist and none matches.
    public func strongestMatch(_ story: StoryView, article: Article) -> (rule: String, priority: Int)? {
        if rules.isEmpty {
            return (Self.defaultRuleName, Severity(goldstein: story.worstGoldstein).priority)
        }
        var best: (rule: String, priority: Int)?
        for rule in rules where rule.matches(story, article: article) {
            let priority = rule.priority(for: story)
            if best == nil || priority < best!.priority { best = (rule.name, priority) }
        }
        return best
    }

    /// The decision for `article`, just added to the story that was `before` (empty for a new
    /// story) and whose alerts so far are `history`; `file` is the dump's path in the inbox.
    public func decide(article: Article, before: StoryView, history: StoryAlertHistory, file: String) -> AlertDecision {
        let after = before.adding(article)
        let match = strongestMatch(after, article: article)
        let facts = AlertFacts(article: article, story: after, file: file)

        guard history.alerted else {
            guard let match else { return none("no rule matches the story") }
            return decision(.newStory, facts.alert(kind: .newStory, priority: match.priority, rule: match.rule))
        }

        let previousWorst = before.worstGoldstein
        let articleWorst = Article.worstEvent(article.events)
        if let (event, value) = articleWorst, value < 0, previousWorst.map({ value < $0 }) ?? true {
            let rule = match?.rule ?? "escalation"
            let priority = match?.priority ?? Severity(goldstein: value).priority
            return decision(
                .escalated,
                facts.alert(kind: .escalated, priority: priority, rule: rule, event: event, note: "escalated"))
        }
        if let match, let severe = history.mostSevere, match.priority < severe {
            return decision(
                .escalated,
                facts.alert(kind: .escalated, priority: match.priority, rule: match.rule, note: "escalated"))
        }
        let crossed = Self.corroborationThresholds.last {
            before.outlets.count < $0 && after.outlets.count >= $0
        }
        if let crossed {
            return decision(
                .corroborated,
                facts.alert(
                    kind: .corroborated, priority: Self.corroborationPriority, rule: "corroboration",
                    note: "corroborated by \(crossed) outlets: " + after.outlets.joined(separator: ", ")))
        }
        return none(
            "story already alerted; no escalation, \(after.outlets.count) outlet(s) crosses no threshold")
    }

    private func decision(_ outcome: AlertDecision.Outcome, _ alert: Alert) -> AlertDecision {
        let sent = alert.priority <= minPriority
        let reason =
            sent
            ? "rule \(alert.rule) at \(Severity(priority: alert.priority).word.lowercased())"
            : "rule \(alert.rule) at \(Severity(priority: alert.priority).word.lowercased()), below min_priority "
                + Severity(priority: minPriority).word.lowercased()
        return AlertDecision(outcome: outcome, alert: alert, sent: sent, reason: reason)
    }

    private func none(_ reason: String) -> AlertDecision {
        AlertDecision(outcome: .none, alert: nil, sent: false, reason: reason)
    }

    /// The alert of a lone article as the only member of `story`, decided as a new story.
    public func alerts(for article: Article, story: String, file: String) -> [Alert] {
        decide(article: article, before: StoryView(id: story), history: StoryAlertHistory(), file: file).alert
            .map { [$0] } ?? []
    }

    /// The alert for a dump that went to quarantine.
    public func quarantined(file: String, reason: String) -> Alert {
        Alert(
            kind: .quarantined, priority: 4, rule: "quarantine",
            message: "WARNING: dump \(file) quarantined: \(reason)", file: file)
    }
}

extension Article {
    /// The event with the most negative Goldstein value and that value, nil when no event has one.
    static func worstEvent(_ events: [Event]) -> (Event, Double)? {
        var worst: (Event, Double)?
        for event in events {
            guard let value = EventVocabulary.goldstein(of: event) else { continue }
            if worst == nil || value < worst!.1 { worst = (event, value) }
        }
        return worst
    }
}

/// A syslog priority and the word the alert line starts with.
public struct Severity: Sendable, Equatable {
    public var priority: Int

    public init(priority: Int) { self.priority = min(max(priority, 0), 7) }

    /// SPEC §6 default: Goldstein ≤ −9 → crit, ≤ −5 → warning, < 0 → notice, else (and for a
    /// story without a valued event) info.
    public init(goldstein: Double?) {
        switch goldstein {
        case .some(...(-9)): self.init(priority: 2)
        case .some(...(-5)): self.init(priority: 4)
        case .some(..<0): self.init(priority: 5)
        default: self.init(priority: 6)
        }
    }

    public var word: String {
        ["EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"][priority]
    }
}
