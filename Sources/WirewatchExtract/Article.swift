/// What wirewatch knows about one dump: the SPEC §4 object.
///
/// Optional metadata encodes as JSON `null` rather than being omitted, so every line
/// of `wirewatch extract` carries the same keys.
public struct Article: Codable, Sendable, Equatable {
    /// First 16 hex digits of the SHA-256 of the dump's bytes.
    public var id: String
    public var source: Source
    public var extractor: String
    public var title: String?
    public var publisher: String?
    public var authors: [String]
    /// ISO 8601 date (`2022-01-19`) or date-time where the dump states one.
    public var published: String?
    public var url: String?
    public var language: String?
    /// Paragraphs separated by one blank line.
    public var body: String
    public var summary: String
    public var entities: [Entity]
    public var quotes: [Quote]
    public var quantities: [Quantity]
    public var events: [Event]
    /// Field name → rule that produced it (`text:first-heading`, `html:json-ld`, …).
    public var provenance: [String: String]

    public init(
        id: String, source: Source, extractor: String, title: String? = nil, publisher: String? = nil,
        authors: [String] = [], published: String? = nil, url: String? = nil, language: String? = nil,
        body: String = "", summary: String = "", entities: [Entity] = [], quotes: [Quote] = [],
        quantities: [Quantity] = [], events: [Event] = [], provenance: [String: String] = [:]
    ) {
        self.id = id
        self.source = source
        self.extractor = extractor
        self.title = title
        self.publisher = publisher
        self.authors = authors
        self.published = published
        self.url = url
        self.language = language
        self.body = body
        self.summary = summary
        self.entities = entities
        self.quotes = quotes
        self.quantities = quantities
        self.events = events
        self.provenance = provenance
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(extractor, forKey: .extractor)
        try c.encode(title, forKey: .title)
        try c.encode(publisher, forKey: .publisher)
        try c.encode(authors, forKey: .authors)
        try c.encode(published, forKey: .published)
        try c.encode(url, forKey: .url)
        try c.encode(language, forKey: .language)
        try c.encode(body, forKey: .body)
        try c.encode(summary, forKey: .summary)
        try c.encode(entities, forKey: .entities)
        try c.encode(quotes, forKey: .quotes)
        try c.encode(quantities, forKey: .quantities)
        try c.encode(events, forKey: .events)
        try c.encode(provenance, forKey: .provenance)
    }
}

extension Article {
    /// Where the dump came from and how its bytes were read.
    public struct Source: Codable, Sendable, Equatable {
        public enum Format: String, Codable, Sendable { case text, html }

        public var name: String
        public var path: String
        public var size: Int
        public var sha256: String
        public var format: Format
        public var encoding: String
        public var gzip: Bool

        public init(
            name: String, path: String, size: Int, sha256: String, format: Format, encoding: String, gzip: Bool
        ) {
            self.name = name
            self.path = path
            self.size = size
            self.sha256 = sha256
            self.format = format
            self.encoding = encoding
            self.gzip = gzip
        }
    }

    public struct Entity: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case PER, LOC, ORG, WEAPON, MISC }
        public var name: String
        public var type: Kind
        public var aliases: [String]
        public var mentions: Int
        /// The title written with a person's name ("US Defence Secretary"); omitted from JSON when nil.
        public var role: String?
        /// A description rather than a name ("anti-personnel mines"); in JSON only when true.
        public var nominal: Bool

        public init(
            name: String, type: Kind, aliases: [String], mentions: Int, role: String? = nil, nominal: Bool = false
        ) {
            self.name = name
            self.type = type
            self.aliases = aliases
            self.mentions = mentions
            self.role = role
            self.nominal = nominal
        }

        private enum CodingKeys: String, CodingKey { case name, type, aliases, mentions, role, nominal }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            type = try c.decode(Kind.self, forKey: .type)
            aliases = try c.decode([String].self, forKey: .aliases)
            mentions = try c.decode(Int.self, forKey: .mentions)
            role = try c.decodeIfPresent(String.self, forKey: .role)
            nominal = try c.decodeIfPresent(Bool.self, forKey: .nominal) ?? false
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(type, forKey: .type)
            try c.encode(aliases, forKey: .aliases)
            try c.encode(mentions, forKey: .mentions)
            try c.encodeIfPresent(role, forKey: .role)
            if nominal { try c.encode(true, forKey: .nominal) }
        }
    }

    public struct Quote: Codable, Sendable, Equatable {
        public var speaker: String?
        public var text: String
        public var sentence: Int

        public init(speaker: String?, text: String, sentence: Int) {
            self.speaker = speaker
            self.text = text
            self.sentence = sentence
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(speaker, forKey: .speaker)
            try c.encode(text, forKey: .text)
            try c.encode(sentence, forKey: .sentence)
        }
    }

    public struct Quantity: Codable, Sendable, Equatable {
        public var text: String
        public var value: Double
        public var unit: String?

        public init(text: String, value: Double, unit: String?) {
            self.text = text
            self.value = value
            self.unit = unit
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            try c.encode(value, forKey: .value)
            try c.encode(unit, forKey: .unit)
        }
    }

    public struct Event: Codable, Sendable, Equatable {
        public var type: String
        public var cameo: String?
        public var goldstein: Double?
        public var actor: String?
        public var target: String?
        public var location: String?
        public var date: String?
        public var sentence: Int
        public var evidence: String

        public init(
            type: String, cameo: String?, goldstein: Double?, actor: String?, target: String?, location: String?,
            date: String?, sentence: Int, evidence: String
        ) {
            self.type = type
            self.cameo = cameo
            self.goldstein = goldstein
            self.actor = actor
            self.target = target
            self.location = location
            self.date = date
            self.sentence = sentence
            self.evidence = evidence
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(type, forKey: .type)
            try c.encode(cameo, forKey: .cameo)
            try c.encode(goldstein, forKey: .goldstein)
            try c.encode(actor, forKey: .actor)
            try c.encode(target, forKey: .target)
            try c.encode(location, forKey: .location)
            try c.encode(date, forKey: .date)
            try c.encode(sentence, forKey: .sentence)
            try c.encode(evidence, forKey: .evidence)
        }
    }
}
