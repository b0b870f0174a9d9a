import Foundation
import WirewatchExtract

@testable import WirewatchStories

/// The four sample dumps of Tests/Fixtures/samples, extracted.
enum Samples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/samples")
    static let names = [
        "000_94253fa690feff79.txt", "001_04d6666f64a9abc9.txt", "002_774c5ed633c06924.txt",
        "003_79f34e07c9bfe2d1.txt",
    ]

    static func articles() throws -> [Article] {
        try names.map { name in
            let url = root.appendingPathComponent(name)
            return try Extractor().extract(Dump(name: name, path: url.path, bytes: Array(Data(contentsOf: url))))
        }
    }
}

/// An article built by hand, for the entity and event signals and the rules.
func article(
    _ id: String, title: String? = nil, publisher: String? = "LBC", published: String? = nil, body: String = "",
    events: [Article.Event] = [], entities: [Article.Entity] = []
) -> Article {
    Article(
        id: id,
        source: .init(
            name: "\(id).txt", path: "/inbox/\(id).txt", size: body.utf8.count, sha256: id + "00", format: .text,
            encoding: "utf-8", gzip: false),
        extractor: extractorVersion, title: title, publisher: publisher, published: published, body: body,
        summary: body, entities: entities, events: events)
}

func event(
    _ type: String, at location: String?, date: String? = nil, sentence: Int = 0, goldstein: Double? = nil
) -> Article.Event {
    Article.Event(
        type: type, cameo: nil, goldstein: goldstein ?? EventVocabulary.goldstein[type] ?? nil, actor: nil,
        target: nil, location: location, date: date, sentence: sentence, evidence: "")
}

func entity(_ name: String, _ type: Article.Entity.Kind, aliases: [String] = []) -> Article.Entity {
    Article.Entity(name: name, type: type, aliases: aliases.isEmpty ? [name] : aliases, mentions: 1)
}

/// Clusters fingerprints in the given order the way the store does: each joins the story the
/// matcher picks among those so far, or starts its own. Returns the stories' member ids, sorted.
func cluster(_ prints: [StoryFingerprint], matcher: StoryMatcher = StoryMatcher()) -> [[String]] {
    var stories: [StoryCandidate] = []
    for print in prints {
        if let match = matcher.match(print, candidates: stories),
            let index = stories.firstIndex(where: { $0.id == match.story })
        {
            stories[index].members.append(print)
        } else {
            stories.append(StoryCandidate(id: print.article, members: [print]))
        }
    }
    return stories.map { $0.members.map(\.article).sorted() }.sorted { $0[0] < $1[0] }
}
