import ArgumentParser
import Logging
import WirewatchDaemon

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the daemon in the foreground.")

    @Option(help: "Config file (default under systemd: /etc/wirewatch/wirewatch.toml).")
    var config: String?

    @Option(help: "Inbox to watch (default: the config's, else ./inbox).")
    var inbox: String?

    @Option(help: "State directory for the store, archive and quarantine (default: ./.wirewatch).")
    var state: String?

    @Flag(help: "Log debug messages.")
    var verbose = false

    func run() async throws {
        let level: Logger.Level = verbose ? .debug : .info
        LoggingSystem.bootstrap { label in
            StderrLogHandler(label: label, level: level, write: { StandardError.write($0) })
        }
        let logger = Logger(label: "wirewatch")
        let configuration = try Locations.loadConfiguration(config: config, inbox: inbox, state: state)
        let (config, inbox, state) = (config, inbox, state)
        let environment = Daemon.Environment.system(
            reload: { try Locations.loadConfiguration(config: config, inbox: inbox, state: state) }, logger: logger)
        do {
            try await Daemon.run(configuration: configuration, environment: environment)
        } catch {
            logger.critical("wirewatch failed: \(error)")
            throw ExitCode.failure
        }
    }
}
