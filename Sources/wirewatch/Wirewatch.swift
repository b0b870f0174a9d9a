import ArgumentParser

/// Every subcommand names itself in its configuration: the root parser compares each
/// positional argument with every subcommand name, and a name derived from the type
/// (`String(describing:)`, snake-cased) per comparison cost milliseconds per hundred files.
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
