import WirewatchExtract

/// One alert: the facts behind it and the line an analyst reads.
///
/// `journalFields()` is the only way an alert leaves the process, so every value is
/// sanitised there once: control characters become spaces and length is bounded, so
/// article text can never add or split a journal field.
public struct Alert: Codable, Sendable, Equatable {
    public var kind: AlertKind
    /// syslog level 0–7.
    public var priority: Int
    public var rule: String
    public var message: String
    public var article: String?
    public var story: String?
    public var event: String?
    public var cameo: String?
    public var goldstein: Double?
    public var title: String?
    public var publisher: String?
    public var published: String?
    public var location: String?
    public var entities: [String]
    public var sources: Int
    public var file: String?

    public init(
        kind: AlertKind, priority: Int, rule: String, message: String, article: String? = nil, story: String? = nil,
        event: String? = nil, cameo: String? = nil, goldstein: Double? = nil, title: String? = nil,
        publisher: String? = nil, published: String? = nil, location: String? = nil, entities: [String] = [],
        sources: Int = 0, file: String? = nil
    ) {
        self.kind = kind
        self.priority = priority
        self.rule = rule
        self.message = message
        self.article = article
        self.story = story
        self.event = event
        self.cameo = cameo
        self.goldstein = goldstein
        self.title = title
        self.publisher = publisher
        self.published = published
        self.location = location
        self.entities = entities
        self.sources = sources
        self.file = file
    }

    /// Longest value written to one journal field, in characters.
    public static let maxFieldLength = 2048

    /// `KEY=value` pairs for `sd_journal_sendv`, in a stable order, sanitised.
    public func journalFields() -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [
            ("MESSAGE", message),
            ("PRIORITY", String(min(max(priority, 0), 7))),
            ("SYSLOG_IDENTIFIER", "wirewatch"),
            ("MESSAGE_ID", kind.messageID),
            ("WIREWATCH_KIND", kind.rawValue),
            ("WIREWATCH_RULE", rule),
        ]
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append((key, value)) }
        }
        add("WIREWATCH_ARTICLE", article)
        add("WIREWATCH_STORY", story)
        add("WIREWATCH_EVENT", event)
        add("WIREWATCH_CAMEO", cameo)
        add("WIREWATCH_GOLDSTEIN", goldstein.map { String($0) })
        add("WIREWATCH_TITLE", title)
        add("WIREWATCH_PUBLISHER", publisher)
        add("WIREWATCH_PUBLISHED", published)
        add("WIREWATCH_LOCATION", location)
        add("WIREWATCH_ENTITIES", entities.isEmpty ? nil : entities.joined(separator: ", "))
        add("WIREWATCH_SOURCES", sources > 0 ? String(sources) : nil)
        add("WIREWATCH_FILE", file)
        return fields.map { ($0.key, Alert.sanitise($0.value)) }
    }

    /// Replaces control characters (newlines included) with spaces, collapses runs of
    /// them and cuts the value to `maxFieldLength` characters.
    public static func sanitise(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(min(value.utf8.count, maxFieldLength))
        var count = 0
        var lastWasSpace = false
        for scalar in value.unicodeScalars {
            let isControl =
                scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isControl || scalar == " " {
                if lastWasSpace { continue }
                out.unicodeScalars.append(" ")
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
            count += 1
            if count >= maxFieldLength { break }
        }
        return out.trimmingSpaces()
    }

    /// The stderr form used where no journal is reachable: `<N>` then the message and the
    /// facts, on one line.
    public func stderrLine() -> String {
        let fields = journalFields()
        let facts = fields.filter { $0.key.hasPrefix("WIREWATCH_") || $0.key == "MESSAGE_ID" }
            .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "<\(min(max(priority, 0), 7))>\(Alert.sanitise(message)) [\(facts)]"
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
