import ArgumentParser
import Foundation

struct Stories: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories", abstract: "List stories, most recently updated first.")

    @OptionGroup var options: StoreOptions

    @Option(help: "Most stories listed.")
    var limit = 50

    func run() async throws {
        let store = try options.openStore()
        let rows = try store.stories(limit: limit)
        if options.json {
            for r in rows {
                let object: [String: AnyEncodable] = [
                    "story": .init(r.id), "first_seen": .init(JSONLines.iso(r.firstSeen)),
                    "last_seen": .init(JSONLines.iso(r.lastSeen)), "articles": .init(r.articles),
                    "outlets": .init(r.outlets), "title": .init(r.title),
                ]
                Output.line(try JSONLines.line(object))
            }
            return
        }
        Output.table(
            ["STORY", "FIRST SEEN", "ARTICLES", "OUTLETS", "TITLE"],
            rows.map {
                [
                    $0.id, JSONLines.iso($0.firstSeen), String($0.articles), $0.outlets.joined(separator: ", "),
                    $0.title ?? "-",
                ]
            },
            widths: [16, 20, 8, 24, 60])
    }
}

/// Lets the JSON of small ad-hoc objects mix value types.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void

    init<T: Encodable>(_ value: T) {
        encodeValue = { try value.encode(to: $0) }
    }

    func encode(to encoder: any Encoder) throws {
        try encodeValue(encoder)
    }
}
