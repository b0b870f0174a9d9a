import ArgumentParser
import Foundation
import Logging
import WirewatchDaemon
import WirewatchStore

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Backfill dumps into the store through the same pipeline, leaving the files where they are.")

    @Option(help: "Config file.")
    var config: String?

    @Option(help: "State directory holding wirewatch.sqlite (default: the config's, else ./.wirewatch).")
    var state: String?

    @Flag(help: "Leave the new articles' alerts for the daemon to send (default: store them as already sent).")
    var alert = false

    @Argument(help: "Files or directories (read recursively).")
    var paths: [String]

    func run() async throws {
        LoggingSystem.bootstrap { label in
            StderrLogHandler(label: label, level: .warning, write: { StandardError.write($0) })
        }
        let configuration = try Locations.loadConfiguration(config: config, inbox: nil, state: state)
        let summary = try Backfill.run(
            paths: paths.map(Locations.absolute), configuration: configuration, sendAlerts: alert,
            progress: ProgressBar.forStandardError(), logger: Logger(label: "wirewatch.ingest"))
        Output.line(summary.description)
        if summary.failed > 0 { throw ExitCode.failure }
    }
}
