import ArgumentParser
import WirewatchDaemon

struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config", abstract: "Validate a config file; exit 1 naming the key and the problem.")

    @Argument(help: "Config file (default: /etc/wirewatch/wirewatch.toml).")
    var file: String = Locations.systemConfig

    func run() async throws {
        do {
            let config = try Locations.loadConfiguration(config: file, inbox: nil, state: nil)
            Output.line("\(file): OK (inbox \(config.spool.inbox), store \(config.store.path))")
        } catch {
            Output.error("\(error.description)")
            throw ExitCode.failure
        }
    }
}
