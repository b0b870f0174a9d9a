import Foundation
import WirewatchExtract
import WirewatchStore
import WirewatchStories

/// The `--json` shapes of the read commands: the SPEC §4 article with store facts added
/// at the same level, so a consumer reads one flat object per line.
struct ArticleLine: Encodable {
    var stored: StoredArticle
    var alert: StoredAlert?

    enum Extra: String, CodingKey {
        case story, received, priority, rule, kind, message_id, alert_id, created, message
    }

    func encode(to encoder: any Encoder) throws {
        try stored.article.encode(to: encoder)
        var c = encoder.container(keyedBy: Extra.self)
        try c.encode(stored.story, forKey: .story)
        try c.encode(JSONLines.iso(stored.received), forKey: .received)
        if let alert { try AlertLine.encodeFacts(alert, into: &c) }
    }
}

/// An alert whose article is not in the store (a quarantined dump).
struct AlertLine: Encodable {
    var alert: StoredAlert

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ArticleLine.Extra.self)
        try Self.encodeFacts(alert, into: &c)
    }

    static func encodeFacts(_ a: StoredAlert, into c: inout KeyedEncodingContainer<ArticleLine.Extra>) throws {
        try c.encode(a.alert.priority, forKey: .priority)
        try c.encode(a.alert.rule, forKey: .rule)
        try c.encode(a.alert.kind.rawValue, forKey: .kind)
        try c.encode(a.alert.kind.messageID, forKey: .message_id)
        try c.encode(a.id, forKey: .alert_id)
        try c.encode(JSONLines.iso(a.created), forKey: .created)
        try c.encode(a.alert.message, forKey: .message)
    }
}

enum JSONLines {
    static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        // Sorted keys: Foundation's encoder otherwise orders keys differently from run to
        // run, and the same dump must give the same line (diffs, caches, golden files).
        e.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    static func line(_ value: some Encodable, pretty: Bool = false) throws -> String {
        String(decoding: try encoder(pretty: pretty).encode(value), as: UTF8.self)
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
