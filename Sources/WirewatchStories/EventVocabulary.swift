import WirewatchExtract

/// The event types of SPEC §4 with their GDELT Goldstein values: what rules may name, and the
/// severity of an event whose extractor gave no value.
public enum EventVocabulary {
    /// Type → Goldstein value (nil where CAMEO has none: travel advisories, policy changes).
    /// Where a type spans several CAMEO codes the most severe value is taken.
    public static let goldstein: [String: Double?] = [
        "missile_strike": -10.0, "armed_attack": -10.0, "air_attack_warning": -7.0, "military_threat": -7.0,
        "nuclear_threat": -7.0, "troop_buildup": -7.2, "troop_deployment": 7.4, "military_training": 7.4,
        "weapons_supply": 8.3, "aid_pledge": 5.2, "sanctions": -8.0, "sanctions_threat": -5.8,
        "embassy_closure": -4.0, "travel_advisory": nil, "diplomatic_visit": 1.9, "diplomatic_meeting": 1.0,
        "intent_to_meet": 4.0, "accusation": -2.0, "policy_change": nil,
    ]

    /// Every type a rule may name, sorted.
    public static let types: [String] = goldstein.keys.sorted()

    /// The event's own Goldstein value, else its type's.
    public static func goldstein(of event: Article.Event) -> Double? {
        event.goldstein ?? goldstein[event.type] ?? nil
    }
}
