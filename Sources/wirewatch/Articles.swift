import ArgumentParser
import WirewatchStore

struct Articles: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles", abstract: "List stored articles, newest first.")

    @OptionGroup var options: StoreOptions

    @Option(help: "Most articles listed.")
    var limit = 50

    func run() async throws {
        let store = try options.openStore()
        ArticleList.print(try store.articles(limit: limit, offset: 0), json: options.json)
    }
}

/// The table (or JSON lines) shared by `articles` and `search`.
enum ArticleList {
    static func print(_ rows: [StoredArticle], json: Bool) {
        if json {
            for row in rows { Output.line((try? JSONLines.line(ArticleLine(stored: row))) ?? "{}") }
            return
        }
        Output.table(
            ["ID", "RECEIVED", "PUBLISHER", "PUBLISHED", "TITLE"],
            rows.map {
                [
                    $0.article.id, JSONLines.iso($0.received), $0.article.publisher ?? "-", $0.article.published ?? "-",
                    $0.article.title ?? $0.article.source.name,
                ]
            },
            widths: [16, 20, 16, 10, 70])
    }
}
