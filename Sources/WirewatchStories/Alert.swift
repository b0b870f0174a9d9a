import WirewatchExtract

/// One alert: the facts behind it and the line an analyst reads.
///
/// `journalFields(id:)` is the only way an alert leaves the process, so every value is
/// sanitised there once (see `sanitise(_:)`): article text can never add, split or
/// alter a journal field, whatever bytes a dump carries. Field names are constants.
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
    /// Set on `.burstSummary` alerts only: the alerts this one stands for.
    public var burst: BurstSummary?

    public init(
        kind: AlertKind, priority: Int, rule: String, message: String, article: String? = nil, story: String? = nil,
        event: String? = nil, cameo: String? = nil, goldstein: Double? = nil, title: String? = nil,
        publisher: String? = nil, published: String? = nil, location: String? = nil, entities: [String] = [],
        sources: Int = 0, file: String? = nil, burst: BurstSummary? = nil
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
        self.burst = burst
    }

    /// Longest value written to one journal field, in Unicode scalars (at most 8 KiB of
    /// UTF-8); longer values are cut and end in "…".
    public static let maxFieldLength = 2048

    /// The syslog level sent, clamped to 0–7.
    public var level: Int { min(max(priority, 0), 7) }

    /// `KEY=value` pairs for `sd_journal_sendv`, in a stable order, each key once.
    ///
    /// Values are sanitised and fields whose value is empty after that are left out,
    /// except `MESSAGE`, which journald needs and which falls back to the kind.
    /// `id` is the alert's outbox id in the store (`WIREWATCH_ALERT`), so a journal
    /// entry leads back to the stored decision and a resent alert can be recognised.
    public func journalFields(id: Int64? = nil) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = []
        func add(_ key: String, _ value: String?) {
            guard let value else { return }
            let clean = Alert.sanitise(value)
            if !clean.isEmpty { fields.append((key, clean)) }
        }
        let line = Alert.sanitise(message)
        fields.append(("MESSAGE", line.isEmpty ? "wirewatch alert: \(kind.rawValue)" : line))
        fields.append(("PRIORITY", String(level)))
        fields.append(("SYSLOG_IDENTIFIER", "wirewatch"))
        fields.append(("MESSAGE_ID", kind.messageID))
        add("WIREWATCH_KIND", kind.rawValue)
        add("WIREWATCH_ALERT", id.map { String($0) })
        add("WIREWATCH_RULE", rule)
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
        if let burst {
            add("WIREWATCH_FOLDED", String(burst.alertIDs.count))
            add("WIREWATCH_BURST_LIMIT", String(burst.limit))
            add("WIREWATCH_SINCE", burst.since)
            add("WIREWATCH_UNTIL", burst.until)
            // Always present: the catalog text names it, and a quarantine burst has no story.
            add("WIREWATCH_STORIES", burst.stories.isEmpty ? "none" : burst.stories.joined(separator: " "))
        }
        return fields
    }

    /// Makes `value` safe as one journal field value and one line of text.
    ///
    /// Control characters (C0 with NUL, tab and newlines, DEL, C1), line and paragraph
    /// separators and other spaces become one space per run; bidirectional overrides and
    /// byte-order marks, which would make the line read differently from what it says,
    /// are removed; leading and trailing spaces go. The result has at most
    /// `maxFieldLength` scalars; a value cut short ends in "…".
    public static func sanitise(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var pendingSpace = false
        var cut = false
        for scalar in value.unicodeScalars {
            if isHiddenFormatting(scalar) { continue }
            if isBreakingSpace(scalar) {
                pendingSpace = count > 0
                continue
            }
            if count + (pendingSpace ? 2 : 1) > maxFieldLength {
                cut = true
                break
            }
            if pendingSpace {
                out.append(" ")
                count += 1
                pendingSpace = false
            }
            out.append(scalar)
            count += 1
        }
        if cut {
            // Room for the ellipsis, and no space left dangling before it.
            if count >= maxFieldLength { out.removeLast() }
            while out.last == " " { out.removeLast() }
            out.append("…")
        }
        return String(out)
    }

    private static func isBreakingSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .spaceSeparator: true
        default: false
        }
    }

    private static func isHiddenFormatting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// The stderr form used where no journal is reachable: `<N>`, the message, then the
    /// facts as `KEY=value` in brackets, one line. Values with spaces, quotes, `=` or
    /// brackets are quoted (`\"` and `\\` inside), so a value cannot pose as another fact.
    public func stderrLine(id: Int64? = nil) -> String {
        let fields = journalFields(id: id)
        let message = fields.first { $0.key == "MESSAGE" }?.value ?? ""
        let facts = fields.filter { $0.key.hasPrefix("WIREWATCH_") || $0.key == "MESSAGE_ID" }
            .map { "\($0.key)=\(Alert.quoted($0.value))" }.joined(separator: " ")
        return "<\(level)>\(message) [\(facts)]"
    }

    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.unicodeScalars.contains { " \"\\=[]".unicodeScalars.contains($0) }
        if plain { return value }
        var out = "\""
        for character in value {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
