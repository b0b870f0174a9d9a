import ArgumentParser

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Counts of what the store holds.")

    @OptionGroup var options: StoreOptions

    func run() async throws {
        let store = try options.openStore()
        let stats = try store.stats()
        if options.json {
            Output.line(try JSONLines.line(stats))
            return
        }
        let rows: [(String, String)] = [
            ("articles", "\(stats.articles)"), ("stories", "\(stats.stories)"), ("alerts", "\(stats.alerts)"),
            ("undelivered alerts", "\(stats.undeliveredAlerts)"), ("duplicates", "\(stats.duplicates)"),
            ("quarantined", "\(stats.quarantined)"), ("ledger entries", "\(stats.ledger)"),
            ("store size", "\(stats.fileBytes) bytes"),
            ("newest", stats.newest.map { JSONLines.iso($0) } ?? "-"),
        ]
        for (k, v) in rows { Output.line("\(k.padding(toLength: 20, withPad: " ", startingAt: 0)) \(v)") }
    }
}
