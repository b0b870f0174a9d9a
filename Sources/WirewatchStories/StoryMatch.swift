/// Why an article joins a story: the strongest signal it shares with one of the members.
public struct StoryMatch: Sendable, Equatable {
    /// The signals of SPEC §5, strongest first.
    public enum Signal: String, Sendable, Codable, Comparable {
        /// A copy of a member's text (SimHash within a few bits).
        case nearDuplicate = "near_duplicate"
        /// The same event type at the same place within the window, on a shared topic.
        case eventAndPlace = "event_and_place"
        /// Most named entities, people among them, in common.
        case entities
        /// Enough distinctive wording in common ("anti-personnel mines", "air attack").
        case wording

        var rank: Int {
            switch self {
            case .nearDuplicate: 0
            case .eventAndPlace: 1
            case .entities: 2
            case .wording: 3
            }
        }

        public static func < (a: Signal, b: Signal) -> Bool { a.rank < b.rank }
    }

    public var story: String
    /// The member the article matched.
    public var member: String
    public var signal: Signal
    /// Share of the smaller phrase set found in the other (0–1), for tie-breaks and logs.
    public var wordingOverlap: Double

    public init(story: String, member: String, signal: Signal, wordingOverlap: Double) {
        self.story = story
        self.member = member
        self.signal = signal
        self.wordingOverlap = wordingOverlap
    }
}

/// A story as the matcher sees it: its id and the fingerprints of its members.
public struct StoryCandidate: Sendable, Equatable {
    public var id: String
    public var members: [StoryFingerprint]

    public init(id: String, members: [StoryFingerprint]) {
        self.id = id
        self.members = members
    }
}
