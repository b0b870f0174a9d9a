import WirewatchExtract

/// What the story matcher knows about one article: when, what happened where, who is named,
/// and how it is worded. Computed once when the article is stored and kept beside it, so
/// later articles are compared without extracting anything again.
public struct StoryFingerprint: Codable, Sendable, Equatable {
    /// An event reduced to what identifies a development: its type and place, and the day
    /// it happened where the article resolves one.
    public struct EventKey: Codable, Sendable, Equatable, Hashable {
        public var type: String
        /// Lowercased place name.
        public var place: String
        /// Seconds since the epoch at the start of the event's day, if the article dates it.
        public var day: Int64?
        /// True when the event is told in the headline or the first sentences: what the
        /// article is about, not background.
        public var lead: Bool

        public init(type: String, place: String, day: Int64?, lead: Bool) {
            self.type = type
            self.place = place
            self.day = day
            self.lead = lead
        }
    }

    public var article: String
    /// When the article was received, seconds since the epoch: what the story window counts.
    public var received: Int64
    /// The start of the day the article says it was published, if it states a date (dates
    /// resolved from relative wording are left out).
    public var published: Int64?
    public var publisher: String?
    public var events: [EventKey]
    /// Lowercased names of the named entities (people, places, organisations, weapons), sorted.
    public var entities: [String]
    /// Names of the `PER` entities among `entities`.
    public var people: [String]
    /// Hashes of content-word pairs of the headline and body, sorted (see `StoryText`).
    public var phrases: [UInt32]
    /// SimHash of the body's word shingles; nil for very short bodies.
    public var simHash: UInt64?

    public init(
        article: String, received: Int64, published: Int64? = nil, publisher: String? = nil,
        events: [EventKey] = [], entities: [String] = [], people: [String] = [], phrases: [UInt32] = [],
        simHash: UInt64? = nil
    ) {
        self.article = article
        self.received = received
        self.published = published
        self.publisher = publisher
        self.events = events
        self.entities = entities
        self.people = people
        self.phrases = phrases
        self.simHash = simHash
    }

    /// Sentences at the start of a body whose events count as the article's lead.
    public static let leadSentences = 2

    /// The fingerprint of `article`, received at `received` (seconds since the epoch).
    public init(article: Article, received: Int64) {
        let title = article.title.map { StoryText.tokens($0) } ?? []
        let body = StoryText.tokens(article.body)
        // A date the extractor resolved from "2 hours ago" against the file's mtime says when the
        // dump was saved, not when the article appeared: an old article saved today would look new.
        let relative = article.provenance["published"]?.contains("relative") ?? false
        let published = relative ? nil : article.published.flatMap(CivilDate.seconds(iso:))
        var events: [EventKey] = []
        for event in article.events where event.type != "other" {
            guard let place = event.location, !place.isEmpty else { continue }
            let key = EventKey(
                type: event.type, place: place.lowercased(), day: event.date.flatMap(CivilDate.seconds(iso:)),
                lead: event.sentence < Self.leadSentences)
            if !events.contains(key) { events.append(key) }
        }
        let named = article.entities.filter { $0.type != .MISC }
        self.init(
            article: article.id, received: received, published: published, publisher: article.publisher,
            events: events, entities: Set(named.map { $0.name.lowercased() }).sorted(),
            people: Set(named.filter { $0.type == .PER }.map { $0.name.lowercased() }).sorted(),
            phrases: StoryText.phraseHashes(title + [.pause] + body), simHash: StoryText.simHash(body))
    }
}
