/// What a burst-summary alert stands for: the alerts that came past `alerts.burst_limit`
/// within one minute and were folded into it instead of being sent one by one.
///
/// The folded alerts stay in the store; `alertIDs` names them, so none is lost from
/// sight: `wirewatch alerts --since SINCE` lists them.
public struct BurstSummary: Codable, Sendable, Equatable {
    /// Outbox ids of the folded alerts, oldest first.
    public var alertIDs: [Int64]
    /// The `burst_limit` in force.
    public var limit: Int
    /// Creation time of the first and the last folded alert (as the caller formats it).
    public var since: String
    public var until: String
    /// How many folded alerts had each syslog priority, 0–7.
    public var byPriority: [Int]
    /// Stories of the folded alerts, each once, in the order they first appear.
    public var stories: [String]

    public init(
        alertIDs: [Int64], limit: Int, since: String, until: String, byPriority: [Int], stories: [String]
    ) {
        self.alertIDs = alertIDs
        self.limit = limit
        self.since = since
        self.until = until
        self.byPriority = byPriority
        self.stories = stories
    }
}

extension Alert {
    /// The one alert that stands for `folded` (outbox id and alert, oldest first).
    ///
    /// Its priority is that of the gravest folded alert, so `journalctl -p warning` still
    /// shows that something at warning was held back; its message counts the folded alerts
    /// per severity and repeats the gravest one's line.
    public static func burstSummary(
        folding folded: [(id: Int64, alert: Alert)], limit: Int, since: String, until: String
    ) -> Alert {
        var byPriority = [Int](repeating: 0, count: 8)
        var stories: [String] = []
        var seen: Set<String> = []
        for (_, alert) in folded {
            byPriority[alert.level] += 1
            if let story = alert.story, seen.insert(story).inserted { stories.append(story) }
        }
        let gravest = folded.min { $0.alert.level < $1.alert.level }?.alert
        let level = gravest?.level ?? 6
        let names = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]
        let counts = byPriority.enumerated().filter { $0.element > 0 }.map { "\($0.element) \(names[$0.offset])" }
        var message =
            "\(Severity(priority: level).word): \(folded.count) more alerts held back by burst_limit \(limit)"
            + " between \(since) and \(until) (\(counts.joined(separator: ", ")))"
        if let gravest { message += "; gravest: \(gravest.message)" }
        message += "; list them with: wirewatch alerts --since \(since)"
        return Alert(
            kind: .burstSummary, priority: level, rule: "burst_limit", message: message,
            burst: BurstSummary(
                alertIDs: folded.map(\.id), limit: limit, since: since, until: until, byPriority: byPriority,
                stories: stories))
    }
}
