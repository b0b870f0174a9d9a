import WirewatchExtract

/// One `[[alerts.rule]]`: conditions on a story and the priority its alerts get.
///
/// Every condition given must hold; an empty list or nil is no condition, so a rule with
/// only a name matches every story. Names, places, keywords and outlets compare without
/// regard to case. When both `events` and `locations` are given they must hold for one
/// and the same event (an air-attack warning *in* Kyiv, not a warning elsewhere in a story
/// that also mentions Kyiv).
public struct AlertRule: Sendable, Equatable, Codable {
    public var name: String
    /// Event types (SPEC §4 vocabulary); any one of them.
    public var events: [String]
    /// Entity names or aliases; any one of them.
    public var entities: [String]
    /// Places, matched against event locations and `LOC` entities with their aliases.
    public var locations: [String]
    /// Words or phrases found at the start of a word in a headline or the body.
    public var keywords: [String]
    /// Outlets; any member's publisher.
    public var publishers: [String]
    /// Fewest distinct outlets the story must have.
    public var minSources: Int
    /// syslog level 0–7; nil takes the default from the story's worst Goldstein value.
    public var priority: Int?

    public init(
        name: String, events: [String] = [], entities: [String] = [], locations: [String] = [],
        keywords: [String] = [], publishers: [String] = [], minSources: Int = 1, priority: Int? = nil
    ) {
        self.name = name
        self.events = events
        self.entities = entities
        self.locations = locations
        self.keywords = keywords
        self.publishers = publishers
        self.minSources = minSources
        self.priority = priority
    }

    /// Whether every condition holds for `story`, whose newest member is `article`.
    public func matches(_ story: StoryView, article: Article) -> Bool {
        guard story.outlets.count >= minSources else { return false }
        if !publishers.isEmpty {
            let wanted = Set(publishers.map { $0.lowercased() })
            guard story.outlets.contains(where: { wanted.contains($0.lowercased()) }) else { return false }
        }
        if !entities.isEmpty {
            let wanted = Set(entities.map { $0.lowercased() })
            guard story.entities.contains(where: { Self.names($0).contains(where: wanted.contains) }) else {
                return false
            }
        }
        let places = Set(locations.map { $0.lowercased() })
        let aliases = Self.placeAliases(story.entities)
        func atPlace(_ event: Article.Event) -> Bool {
            guard let location = event.location?.lowercased() else { return false }
            return places.contains(location) || !(aliases[location] ?? []).isDisjoint(with: places)
        }
        if !events.isEmpty {
            let types = Set(events)
            guard story.events.contains(where: { types.contains($0.type) && (places.isEmpty || atPlace($0)) }) else {
                return false
            }
        } else if !places.isEmpty {
            let named = story.entities.contains { $0.type == .LOC && Self.names($0).contains(where: places.contains) }
            guard named || story.events.contains(where: atPlace) else { return false }
        }
        if !keywords.isEmpty {
            let texts = (story.titles + [article.body]).map { $0.lowercased() }
            guard keywords.contains(where: { k in texts.contains { Self.containsWordStart(k.lowercased(), in: $0) } })
            else { return false }
        }
        return true
    }

    /// The priority of an alert this rule raises for `story`.
    public func priority(for story: StoryView) -> Int {
        priority ?? Severity(goldstein: story.worstGoldstein).priority
    }

    static func names(_ entity: Article.Entity) -> [String] {
        ([entity.name] + entity.aliases).map { $0.lowercased() }
    }

    /// Each lowercased place name → every name of its entity, so "Kiev" in a rule finds an
    /// event located in "Kyiv".
    static func placeAliases(_ entities: [Article.Entity]) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for entity in entities where entity.type == .LOC {
            let all = Set(names(entity))
            for name in all { result[name, default: []].formUnion(all) }
        }
        return result
    }

    /// True when `needle` occurs in `text` at the start of a word: "sanction" finds
    /// "sanctions", "war" does not find "toward".
    static func containsWordStart(_ needle: String, in text: String) -> Bool {
        guard !needle.isEmpty else { return false }
        var search = text[...]
        while let range = search.firstRange(of: needle) {
            if range.lowerBound == text.startIndex { return true }
            let before = text[text.index(before: range.lowerBound)]
            if !before.isLetter && !before.isNumber { return true }
            search = text[text.index(after: range.lowerBound)...]
        }
        return false
    }
}
