import ArgumentParser

@main
struct Wirewatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wirewatch",
        abstract: "Watches a folder for article dumps, extracts them, groups stories and raises journal alerts.",
        version: "0.1.0",
        subcommands: [
            Run.self, Extract.self, Ingest.self, Articles.self, Show.self, Search.self, Stories.self, Alerts.self,
            Stats.self, CheckConfig.self, Analyze.self,
        ]
    )
}
