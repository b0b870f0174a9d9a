/// The kinds of alert wirewatch raises. Each has a fixed journald `MESSAGE_ID`, with a
/// catalog entry in `Packaging/wirewatch.catalog`; the ids never change once released.
public enum AlertKind: String, Codable, Sendable, CaseIterable {
    case newStory = "new_story"
    case corroborated
    case escalated
    case quarantined
    /// The alerts past `alerts.burst_limit` in one minute, folded into one entry.
    case burstSummary = "burst_summary"

    /// 128-bit id as 32 lowercase hex digits, the form `journalctl MESSAGE_ID=` takes.
    public var messageID: String {
        switch self {
        case .newStory: "ada25c60588f4db2be41f13b0b2baaf6"
        case .corroborated: "bbd2840e6dc2451482c79a47df30f7ed"
        case .escalated: "37dd39af79044d1f9097fc2a3b489571"
        case .quarantined: "780f55faa5634c669cabe7c3c9dab6c0"
        case .burstSummary: "005b47b8c9ed4afb8329dca9a76639b6"
        }
    }
}
