import ArgumentParser

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one article (id or unique id prefix).")

    @OptionGroup var options: StoreOptions

    @Argument(help: "Article id (16 hex digits) or a unique prefix of at least 4.")
    var id: String

    func run() async throws {
        let store = try options.openStore()
        guard let stored = try store.article(id: id) else {
            Output.error("wirewatch: no article with id \(id)")
            throw ExitCode.failure
        }
        if options.json {
            Output.line(try JSONLines.line(ArticleLine(stored: stored)))
            return
        }
        let a = stored.article
        let story = try store.story(id: stored.story)
        let storyLine = story.map {
            "\($0.id): \($0.articles) article(s) from \($0.outlets.count) outlet(s), first seen "
                + JSONLines.iso($0.firstSeen) + ($0.title.map { " — \($0)" } ?? "")
        }
        Output.line(a.title ?? "(no headline)")
        Output.line(String(repeating: "=", count: min(80, (a.title ?? "(no headline)").count)))
        let facts: [(String, String?)] = [
            ("id", a.id), ("story", storyLine ?? stored.story), ("publisher", a.publisher),
            ("authors", a.authors.isEmpty ? nil : a.authors.joined(separator: ", ")), ("published", a.published),
            ("url", a.url), ("language", a.language), ("received", JSONLines.iso(stored.received)),
            ("file", "\(a.source.name) (\(a.source.format.rawValue), \(a.source.encoding), \(a.source.size) bytes)"),
        ]
        for (key, value) in facts {
            if let value { Output.line("\(key.padding(toLength: 10, withPad: " ", startingAt: 0)) \(value)") }
        }
        Output.line("")
        Output.line(a.body)
    }
}
