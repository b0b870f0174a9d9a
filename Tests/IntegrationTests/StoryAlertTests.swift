import Foundation
import Testing

/// Stories and alert decisions under a real systemd (issue 5): one alert per story, the
/// corroboration notice, `journalctl` queries by priority and story, and rules applied and
/// kept across `systemctl reload`.
@Suite(
    "stories and alert rules under a real systemd", .serialized,
    .enabled(if: SystemdNamespace.isAvailable, "needs root, /lib/systemd/systemd, unshare and nsenter"))
struct StoryAlertTests {
    static let samples = WirewatchServiceTests.sampleNames
    static let config = "/etc/wirewatch/wirewatch.toml"

    /// Drops the sample `name` and waits until it is archived, so the next one is stored after it.
    func drop(_ name: String, into ww: InstalledWirewatch, archivedBefore: Int) throws {
        try ww.asDropper("cp \(InstalledWirewatch.samples)/\(name) \(InstalledWirewatch.inbox)/")
        try waitFor("\(name) archived", timeout: 60) {
            try ww.fileCount(InstalledWirewatch.archive) > archivedBefore ? true : nil
        } progress: {
            ww.journalTail()
        }
    }

    /// The alert raised for the dump `file`, once it is in the journal.
    func alert(for file: String, in ww: InstalledWirewatch) throws -> [String: String] {
        try waitFor("the alert for \(file)", timeout: 30) {
            try ww.alerts().first { $0["WIREWATCH_FILE"] == file }
        } progress: {
            ww.journalTail()
        }
    }

    /// Replaces the installed config's rules with `rules` (TOML) and reloads; returns once the
    /// daemon logged the outcome of this reload (its `count`-th reload line).
    func reload(with rules: String, in ww: InstalledWirewatch, expecting line: String, count: Int) throws {
        try ww.system.checkSh(
            "sed -i '/^\\[\\[alerts.rule\\]\\]/,$d' \(Self.config) && cat >> \(Self.config) <<'EOF'\n\(rules)\nEOF")
        let reload = try ww.system.run(["systemctl", "reload", "wirewatch"], timeout: 60)
        #expect(reload.succeeded, "\(reload)\n\(ww.journalTail())")
        try waitFor("\(count) '\(line)' lines in the journal", timeout: 30) {
            try ww.journal().filter { ($0["MESSAGE"] ?? "").contains(line) }.count >= count ? true : nil
        } progress: {
            ww.journalTail()
        }
    }

    @Test("the samples: each story alerts once, its second outlet corroborates", .timeLimit(.minutes(5)))
    func oneAlertPerStory() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            for (index, name) in Self.samples.enumerated() {
                try drop(name, into: ww, archivedBefore: index)
            }
            var alerts: [[String: String]] = []
            try waitFor("4 alerts in the journal", timeout: 30) {
                alerts = try ww.alerts()
                return alerts.count >= 4 ? true : nil
            } progress: {
                "\(alerts.map { $0["MESSAGE"] ?? "" })\n\(ww.journalTail())"
            }
            print(
                "alerts:\n  "
                    + alerts.map { "<\($0["PRIORITY"] ?? "?")> \($0["MESSAGE"] ?? "")" }.joined(separator: "\n  "))
            #expect(alerts.count == 4, "\(alerts.map { $0["MESSAGE"] ?? "" })")
            let stories = try ww.system.check(["wirewatch", "stories", "--json", "--state", "/var/lib/wirewatch"])
            #expect(stories.lines.count == 2, "\(stories.stdout)")

            for (first, second) in [(Self.samples[0], Self.samples[1]), (Self.samples[2], Self.samples[3])] {
                let opened = try #require(alerts.first { $0["WIREWATCH_FILE"] == first })
                let story = try #require(opened["WIREWATCH_STORY"])
                let ofStory = alerts.filter { $0["WIREWATCH_STORY"] == story }
                #expect(ofStory.count == 2, "\(ofStory)")
                #expect(opened["MESSAGE_ID"] == AlertID.newStory, "\(opened)")
                let corroborated = try #require(ofStory.first { $0["WIREWATCH_FILE"] == second })
                #expect(corroborated["MESSAGE_ID"] == AlertID.corroborated, "\(corroborated)")
                #expect(corroborated["PRIORITY"] == "5")
                #expect(corroborated["WIREWATCH_SOURCES"] == "2")
                // journalctl finds every alert of the story by its id.
                let byStory = try ww.system.check([
                    "journalctl", "-u", "wirewatch", "-o", "cat", "--no-pager", "WIREWATCH_STORY=\(story)",
                ]).lines
                #expect(byStory.count == 2, "\(byStory)")
            }

            // The November 2024 story opens at crit or warning with its strike or air-attack
            // facts. This needs the events of the `events` branch: before that merge, articles
            // carry no events and the story alerts at info.
            let november = try #require(alerts.first { $0["WIREWATCH_FILE"] == Self.samples[0] })
            #expect(["2", "4"].contains(november["PRIORITY"] ?? ""), "needs events: \(november)")
            #expect(
                ["missile_strike", "air_attack_warning"].contains(november["WIREWATCH_EVENT"] ?? ""),
                "needs events: \(november)")
            let warnings = try ww.system.check([
                "journalctl", "-u", "wirewatch", "-p", "warning", "-o", "json", "--no-pager",
            ]).lines
            #expect(
                warnings.allSatisfy { !$0.contains(AlertID.corroborated) }, "a notice passed -p warning: \(warnings)")
            #expect(warnings.contains { $0.contains(Self.samples[0]) }, "needs events: \(warnings)")
        }
    }

    @Test("reload applies new rules; a broken config keeps the old ones", .timeLimit(.minutes(5)))
    func reloadRules() throws {
        try InstalledWirewatch.with { ww in
            try ww.system.checkSh(
                "cat >> \(Self.config) <<'EOF'\n[[alerts.rule]]\nname = \"foreign-office\"\n"
                    + "keywords = [\"Foreign Office\"]\npriority = \"err\"\nEOF")
            try ww.start()
            try drop(Self.samples[2], into: ww, archivedBefore: 0)
            let first = try alert(for: Self.samples[2], in: ww)
            #expect(first["WIREWATCH_RULE"] == "foreign-office", "\(first)")
            #expect(first["PRIORITY"] == "3", "\(first)")

            try reload(
                with: "[[alerts.rule]]\nname = \"embassy-watch\"\nkeywords = [\"embassy\"]\npriority = \"crit\"",
                in: ww, expecting: "reloaded configuration", count: 1)
            try drop(Self.samples[0], into: ww, archivedBefore: 1)
            let second = try alert(for: Self.samples[0], in: ww)
            #expect(second["WIREWATCH_RULE"] == "embassy-watch", "\(second)")
            #expect(second["PRIORITY"] == "2", "\(second)")

            let pid = try ww.show(["MainPID"])["MainPID"]
            try reload(
                with: "[[alerts.rule]]\nname = \"broken\"\nevents = [\"air_raid\"]", in: ww,
                expecting: "reload failed", count: 1)
            let failure = try ww.journal().first { ($0["MESSAGE"] ?? "").contains("reload failed") }
            #expect(failure?["MESSAGE"]?.contains("alerts.rule[0].events") == true, "\(failure ?? [:])")
            let unit = try ww.show(["ActiveState", "MainPID"])
            #expect(unit["ActiveState"] == "active", "\(unit)")
            #expect(unit["MainPID"] == pid, "\(unit)")

            // A new story about an embassy still alerts under the rules loaded before.
            let name = "harbour-embassy.txt"
            let text = """
                Coastal Herald

                Embassy in Port Arlen shuts after harbour fire spreads to the diplomatic quarter

                By Alex Morgan

                The embassy in Port Arlen closed its doors on Thursday after a fire that started in the \
                harbour warehouses spread to the diplomatic quarter overnight.
                Fire crews from three districts fought the blaze for eleven hours, and the consulate next \
                door moved its staff to a hotel on the ridge above the town.
                The harbour master said the warehouses had stored paint and timber, and that an inquiry \
                into the cause would begin once the site had cooled.

                """
            let staged = ww.system.hostPath("\(InstalledWirewatch.stage)/\(name)")
            try text.write(toFile: staged, atomically: true, encoding: .utf8)
            try ww.asDropper("cp \(InstalledWirewatch.stage)/\(name) \(InstalledWirewatch.inbox)/")
            let third = try alert(for: name, in: ww)
            #expect(third["MESSAGE_ID"] == AlertID.newStory, "\(third)")
            #expect(third["WIREWATCH_RULE"] == "embassy-watch", "\(third)")
            #expect(third["PRIORITY"] == "2", "\(third)")
        }
    }
}
