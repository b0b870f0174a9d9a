import ArgumentParser

@main
struct Wirewatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wirewatch",
        abstract: "Watches a folder for article dumps, extracts them, groups stories and raises journal alerts.",
        subcommands: []
    )
}
