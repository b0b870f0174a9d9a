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
            let levels = AlertLevel.names
            if config.alerts.rules.isEmpty {
                Output.line("alerts: no rules; default priority from the story's worst Goldstein value")
            }
            for rule in config.alerts.rules {
                var conditions: [String] = []
                for (key, values) in [
                    ("events", rule.events), ("entities", rule.entities), ("locations", rule.locations),
                    ("keywords", rule.keywords), ("publishers", rule.publishers),
                ] where !values.isEmpty {
                    conditions.append("\(key)=\(values.joined(separator: "|"))")
                }
                if rule.minSources > 1 { conditions.append("min_sources=\(rule.minSources)") }
                let level = rule.priority.map { levels[$0] } ?? "from Goldstein"
                let when = conditions.isEmpty ? "every story" : conditions.joined(separator: " and ")
                Output.line("rule \(rule.name): \(level) when \(when)")
            }
            if config.alerts.minPriority < 7 {
                Output.line("alerts less severe than \(levels[config.alerts.minPriority]) are stored, not sent")
            }
        } catch {
            Output.error("\(error.description)")
            throw ExitCode.failure
        }
    }
}
