import ArgumentParser
import Foundation

struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List raised alerts, newest first.")

    @OptionGroup var options: StoreOptions

    @Option(
        help:
            "Only alerts since then: an ISO date or date-time (2024-11-20, 2024-11-20T08:00:00Z) or an age (24h, 30min, 7d)."
    )
    var since: AlertSince?

    @Option(
        help:
            "Only alerts at this syslog level or more severe: 0–7 or emerg, alert, crit, err, warning, notice, info, debug."
    )
    var priority: AlertLevel?

    @Option(help: "Most alerts listed.")
    var limit = 50

    func run() async throws {
        let store = try options.openStore()
        let alerts = try store.alerts(since: since?.date, maxPriority: priority?.level, limit: limit)
        if options.json {
            for a in alerts {
                if let id = a.alert.article, let stored = try store.article(id: id) {
                    Output.line(try JSONLines.line(ArticleLine(stored: stored, alert: a)))
                } else {
                    Output.line(try JSONLines.line(AlertLine(alert: a)))
                }
            }
            return
        }
        Output.table(
            ["CREATED", "PRIORITY", "KIND", "STORY", "RULE", "MESSAGE"],
            alerts.map {
                [
                    JSONLines.iso($0.created), AlertLevel.names[min(max($0.alert.priority, 0), 7)],
                    $0.alert.kind.rawValue, $0.alert.story ?? "-", $0.alert.rule, $0.alert.message,
                ]
            },
            widths: [20, 8, 12, 16, 14, 80])
    }
}

/// `--priority`: a syslog level by number or name.
struct AlertLevel: ExpressibleByArgument {
    static let names = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]
    var level: Int

    init?(argument: String) {
        let text = argument.lowercased()
        if let number = Int(text), (0...7).contains(number) {
            level = number
        } else if let index = Self.names.firstIndex(of: text) {
            level = index
        } else if let index = ["emergency": 0, "critical": 2, "error": 3, "warn": 4][text] {
            level = index
        } else {
            return nil
        }
    }
}

/// `--since`: an absolute ISO date or date-time, or an age counted back from now.
struct AlertSince: ExpressibleByArgument {
    var date: Date

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) {
            self.date = date
            return
        }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) {
            self.date = date
            return
        }
        let digits = text.prefix { $0.isNumber }
        let units: [String: Double] = [
            "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "hours": 3600, "d": 86400, "day": 86400,
            "days": 86400, "w": 604_800,
        ]
        guard let count = Double(digits), let unit = units[String(text.dropFirst(digits.count)).lowercased()] else {
            return nil
        }
        date = Date(timeIntervalSinceNow: -count * unit)
    }
}
