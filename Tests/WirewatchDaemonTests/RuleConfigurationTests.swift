import Foundation
import Testing
import WirewatchStories

@testable import WirewatchDaemon

@Suite struct RuleConfigurationTests {
    func load(_ text: String) throws(ConfigurationError) -> Configuration {
        try Configuration.load(text: text, file: "test.toml", defaultState: "/var/lib/wirewatch")
    }

    @Test func rulesParseIntoTypedValuesInFileOrder() throws {
        let c = try load(
            """
            [alerts]
            min_priority = "notice"
            story_window = "24h"
            [[alerts.rule]]
            name = "city-watch"
            events = ["air_attack_warning", "missile_strike"]
            locations = ["Kyiv"]
            priority = "crit"
            [[alerts.rule]]
            name = "watchlist"
            entities = ["Sergey Lavrov"]
            keywords = ["ultimatum"]
            publishers = ["Reuters"]
            min_sources = 2
            priority = 5
            [[alerts.rule]]
            name = "everything"
            """)
        #expect(
            c.alerts.rules == [
                AlertRule(
                    name: "city-watch", events: ["air_attack_warning", "missile_strike"], locations: ["Kyiv"],
                    priority: 2),
                AlertRule(
                    name: "watchlist", entities: ["Sergey Lavrov"], keywords: ["ultimatum"], publishers: ["Reuters"],
                    minSources: 2, priority: 5),
                AlertRule(name: "everything"),
            ])
        #expect(c.alerts.alertPolicy == AlertPolicy(rules: c.alerts.rules, minPriority: 5))
        #expect(c.alerts.storyMatcher.window == 24 * 3600)
        #expect(try load("").alerts.rules.isEmpty)
    }

    @Test(arguments: [
        ("[[alerts.rule]]\nname = \"x\"\nevents = [\"air_raid\"]", "alerts.rule[0].events", "unknown event type"),
        ("[[alerts.rule]]\nname = \"x\"\nevents = \"missile_strike\"", "alerts.rule[0].events", "array"),
        ("[[alerts.rule]]\nname = \"x\"\nlocations = [\"\"]", "alerts.rule[0].locations", "non-empty"),
        ("[[alerts.rule]]\nname = \"x\"\npriority = \"loud\"", "alerts.rule[0].priority", "syslog level"),
        ("[[alerts.rule]]\nname = \"x\"\npriority = 9", "alerts.rule[0].priority", "syslog level"),
        ("[[alerts.rule]]\nname = \"x\"\nmin_sources = 0", "alerts.rule[0].min_sources", "between"),
        ("[[alerts.rule]]\nname = \"x\"\n[[alerts.rule]]\nname = \"x\"", "alerts.rule[1].name", "used twice"),
        ("[[alerts.rule]]\nname = \"  \"", "alerts.rule[0].name", "required"),
        ("[alerts]\nrule = 3", "alerts.rule", "array of tables"),
    ])
    func badRulesNameTheKeyAndTheProblem(_ text: String, _ key: String, _ problem: String) {
        do {
            _ = try load(text)
            Issue.record("expected an error for \(key)")
        } catch {
            #expect(error.key == key)
            #expect(error.description.contains(problem), "\(error.description)")
        }
    }

    /// The shipped config parses as it is and with its rule examples uncommented.
    @Test func shippedConfigAndItsExamplesParse() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Packaging/wirewatch.toml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(try load(text).alerts.rules.isEmpty)
        let examples = text.components(separatedBy: "# Examples a desk would use")
        #expect(examples.count == 2)
        let uncommented = examples[1].split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { line in
            line.hasPrefix("#") && !line.hasPrefix("# ") && line != "#" ? String(line.dropFirst()) : String(line)
        }
        let rules = try load(examples[0] + uncommented.joined(separator: "\n")).alerts.rules
        #expect(rules.map(\.name) == ["city-watch-air", "watchlist", "sanctions", "embassy-closures", "corroborated"])
        #expect(rules[0].priority == 2)
        #expect(rules[2].priority == 4 && rules[3].priority == 4)
    }
}
