import Foundation
import WirewatchExtract
import WirewatchStories

@testable import WirewatchStore

/// A directory of its own for one test, removed by `remove()`.
struct TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("wirewatch-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    var storePath: String { url.appendingPathComponent("store.sqlite").path }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A fixed instant plus `seconds`, whole seconds so that it survives the store's millisecond dates.
func instant(_ seconds: Int) -> Date {
    Date(timeIntervalSince1970: 1_732_100_000 + TimeInterval(seconds))
}

/// A 64-hex-digit hash made from a seed, so that tests choose which ids share prefixes.
func hash(_ seed: String) -> String {
    let hex = seed.unicodeScalars.map { String($0.value, radix: 16) }.joined()
    return String((hex + String(repeating: "0", count: 64)).prefix(64))
}

func makeArticle(
    sha256: String, title: String? = "US embassy in Kyiv closes", publisher: String? = "LBC",
    body: String = "The US embassy in Kyiv has closed over a significant air attack threat.",
    events: [Article.Event] = [], entities: [Article.Entity] = []
) -> Article {
    Article(
        id: String(sha256.prefix(16)),
        source: Article.Source(
            name: "\(sha256.prefix(8)).txt", path: "/inbox/\(sha256.prefix(8)).txt", size: body.utf8.count,
            sha256: sha256, format: .text, encoding: "utf-8", gzip: false),
        extractor: "wirewatch 0.1.0", title: title, publisher: publisher, authors: ["Emma Soteriou"],
        published: "2024-11-20", language: "en", body: body, summary: body,
        entities: entities, events: events, provenance: ["title": "text:first-heading"])
}

func dumpFile(for article: Article, path: String? = nil) -> DumpFile {
    DumpFile(
        name: article.source.name, path: path ?? article.source.path, sha256: article.source.sha256,
        size: article.source.size)
}

func newStoryAlert(for article: Article, rule: String = "new-article") -> Alert {
    Alert(
        kind: .newStory, priority: 6, rule: rule, message: "INFO: \(article.title ?? "?") — rule \(rule)",
        title: article.title, publisher: article.publisher)
}
