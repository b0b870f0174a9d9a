import ArgumentParser

struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List raised alerts, newest first.")

    @OptionGroup var options: StoreOptions

    @Option(help: "Most alerts listed.")
    var limit = 50

    func run() async throws {
        let store = try options.openStore()
        let alerts = try store.alerts(limit: limit)
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
        let words = ["EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO", "DEBUG"]
        Output.table(
            ["CREATED", "PRIORITY", "KIND", "RULE", "MESSAGE"],
            alerts.map {
                [
                    JSONLines.iso($0.created), words[min(max($0.alert.priority, 0), 7)], $0.alert.kind.rawValue,
                    $0.alert.rule, $0.alert.message,
                ]
            },
            widths: [20, 8, 12, 14, 80])
    }
}
