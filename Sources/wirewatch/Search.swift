import ArgumentParser

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Full-text search over titles and bodies.")

    @OptionGroup var options: StoreOptions

    @Option(help: "Most results.")
    var limit = 20

    @Argument(help: "Words to find (SQLite FTS5 syntax accepted).")
    var query: [String]

    func run() async throws {
        let store = try options.openStore()
        ArticleList.print(try store.search(query.joined(separator: " "), limit: limit), json: options.json)
    }
}
