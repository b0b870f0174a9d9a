import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Alerts in the journal of a real systemd (SPEC §6, issue 5): exact fields whatever a
/// dump carries, the burst limit's summary, the installed catalog, alerts that wait out a
/// stopped journald, stderr without a journal, and the README's journalctl recipes.
@Suite(
    "wirewatch alerts in a real journal", .serialized,
    .enabled(if: SystemdNamespace.isAvailable, "needs root, /lib/systemd/systemd, unshare and nsenter"))
struct JournalAlertTests {
    /// The fields wirewatch may set on an alert; journald adds only `_`-prefixed ones.
    static let allowedFields: Set<String> = [
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "MESSAGE_ID", "WIREWATCH_KIND", "WIREWATCH_ALERT",
        "WIREWATCH_RULE", "WIREWATCH_ARTICLE", "WIREWATCH_STORY", "WIREWATCH_EVENT", "WIREWATCH_CAMEO",
        "WIREWATCH_GOLDSTEIN", "WIREWATCH_TITLE", "WIREWATCH_PUBLISHER", "WIREWATCH_PUBLISHED",
        "WIREWATCH_LOCATION", "WIREWATCH_ENTITIES", "WIREWATCH_SOURCES", "WIREWATCH_FILE", "WIREWATCH_FOLDED",
        "WIREWATCH_BURST_LIMIT", "WIREWATCH_SINCE", "WIREWATCH_UNTIL", "WIREWATCH_STORIES",
    ]
    /// The fields every alert carries.
    static let requiredFields: Set<String> = [
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "MESSAGE_ID", "WIREWATCH_KIND", "WIREWATCH_ALERT",
        "WIREWATCH_RULE",
    ]
    static let maxFieldLength = 2048

    /// What a value must look like in the journal: runs of control characters and spaces
    /// as one space, bidi overrides and BOMs gone, trimmed, at most 2048 scalars ending in
    /// "…" when cut. Written independently of the daemon's code, as the oracle.
    static func journalForm(_ value: String) -> String {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if [0x061C, 0x200E, 0x200F, 0xFEFF].contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            {
                continue
            }
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator, .spaceSeparator:
                if !word.isEmpty { words.append(String(word)) }
                word = String.UnicodeScalarView()
            default: word.append(scalar)
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        let joined = words.joined(separator: " ")
        guard joined.unicodeScalars.count > maxFieldLength else { return joined }
        var cut = String.UnicodeScalarView(joined.unicodeScalars.prefix(maxFieldLength - 1))
        while cut.last == " " { cut.removeLast() }
        cut.append("…")
        return String(cut)
    }

    /// Checks one raw journal entry of an alert: each field once, only wirewatch's fields
    /// besides journald's trusted ones, values free of control characters and bounded,
    /// identity fields unforgeable. Returns the entry as text fields.
    static func checkFields(_ entry: [String: Any]) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in entry {
            if key.hasPrefix("_") { continue }
            #expect(Self.allowedFields.contains(key), "field \(key) was not set by wirewatch: \(entry)")
            guard let text = value as? String else {
                Issue.record("\(key) is not one plain UTF-8 value (sent twice, or binary): \(value)")
                continue
            }
            #expect(text.unicodeScalars.count <= Self.maxFieldLength, "\(key) has \(text.unicodeScalars.count) scalars")
            #expect(
                !text.unicodeScalars.contains { $0.properties.generalCategory == .control },
                "\(key) carries a control character")
            fields[key] = text
        }
        #expect(Self.requiredFields.isSubset(of: fields.keys), "missing fields in \(fields.keys.sorted())")
        #expect(fields["SYSLOG_IDENTIFIER"] == "wirewatch")
        #expect(AlertID.all.contains(fields["MESSAGE_ID"] ?? ""), "MESSAGE_ID=\(fields["MESSAGE_ID"] ?? "")")
        #expect(entry["_SYSTEMD_UNIT"] as? String == "wirewatch.service")
        return fields
    }

    /// A text dump that tries everything: `=`, journal field names, NUL (past the binary
    /// sniffer's first 64 KiB), escape sequences, a 64 KiB line, line separators.
    static func hostileText(utf16: Bool) -> [UInt8] {
        let headline =
            "Missile strike hits port PRIORITY=0 MESSAGE_ID=\(AlertID.quarantined) SYSLOG_IDENTIFIER=sshd "
            + "_SYSTEMD_UNIT=sshd.service \u{1B}[31mred\u{1B}[0m = \u{2028}WIREWATCH_STORY=forged"
        var text = headline + "\n\nBy Jane Doe = Staff\n\n"
        text += "A missile strike hit the port of Odesa on Tuesday, officials said. PRIORITY=0\n"
        text += "\nMESSAGE_ID=\(AlertID.newStory)\nPRIORITY=0\nSYSLOG_IDENTIFIER=kernel\n\n"
        for index in 0..<6 {
            text += "Paragraph \(index): rescue teams worked through the night = key=value pairs \(index).\n\n"
        }
        text += String(repeating: "Long line with PRIORITY=0 and = signs. ", count: 1700) + "\n\n"
        if utf16 {
            // UTF-16 text may hold a few NULs and controls; the decoder keeps them.
            text += "NUL here:\u{0}PRIORITY=0\u{0} and a bell \u{7}.\n"
            return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        }
        return Array(text.utf8) + [0] + Array("\nPRIORITY=0 after a NUL\n".utf8)
    }

    @Test("a hostile dump yields exactly the fields wirewatch set", .timeLimit(.minutes(4)))
    func hostileDumps() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            let names = [
                "hostile-utf8.txt", "hostile-utf16.txt",
                "name\nPRIORITY=0\nMESSAGE_ID=\(AlertID.newStory)\n=\u{1B}[2J.txt",
            ]
            try ww.drop(name: names[0], bytes: Self.hostileText(utf16: false))
            try ww.drop(name: names[1], bytes: Self.hostileText(utf16: true))
            // Quarantined (NUL bytes): the alert carries only the file name, which is hostile too.
            try ww.drop(name: names[2], bytes: [0, 0, 0] + Array("MESSAGE=x\nPRIORITY=0\n".utf8))

            var stored: [[String: Any]] = []
            // Whether the second hostile article alerts again is the rules' business; the
            // quarantined dump always alerts.
            try waitFor("the 3 dumps handled and their alerts delivered", timeout: 120) {
                let handled = try ww.fileCount(InstalledWirewatch.archive) >= 2 && ww.quarantinedCount() >= 1
                stored = try ww.storedAlerts()
                let waiting = try ww.undeliveredAlerts()
                return handled && stored.count >= 2 && waiting == 0 ? true : nil
            } progress: {
                "\(stored.count) stored\n\(ww.journalTail())"
            }
            var entries: [[String: Any]] = []
            try waitFor("every stored alert in the journal", timeout: 30) {
                entries = try ww.rawAlerts()
                return entries.count >= stored.count ? true : nil
            } progress: {
                "\(entries.count) of \(stored.count)"
            }
            #expect(entries.count == stored.count, "journal has \(entries.count), store \(stored.count)")

            let articles = try ww.articles()
            var sawHostileTitle = false
            for entry in entries {
                let fields = Self.checkFields(entry)
                let id = Int(fields["WIREWATCH_ALERT"] ?? "") ?? -1
                let record = try #require(stored.first { $0["alert_id"] as? Int == id }, "no stored alert \(id)")
                #expect(fields["MESSAGE"] == Self.journalForm(record["message"] as? String ?? ""))
                #expect(fields["PRIORITY"] == (record["priority"] as? Int).map { String(min(max($0, 0), 7)) })
                #expect(fields["MESSAGE_ID"] == record["message_id"] as? String)
                if let file = fields["WIREWATCH_FILE"] {
                    #expect(names.map(Self.journalForm).contains(file), "WIREWATCH_FILE=\(file)")
                }
                if let articleID = fields["WIREWATCH_ARTICLE"] {
                    let article = try #require(articles.first { $0["id"] as? String == articleID })
                    if let title = article["title"] as? String {
                        #expect(fields["WIREWATCH_TITLE"] == Self.journalForm(title), "title of \(articleID)")
                        if title.contains("PRIORITY=0") { sawHostileTitle = true }
                    }
                }
            }
            #expect(sawHostileTitle, "no stored title carried the hostile text; the test proved nothing")
            let quarantine = entries.first { $0["MESSAGE_ID"] as? String == AlertID.quarantined }
            #expect(quarantine?["WIREWATCH_FILE"] as? String == Self.journalForm(names[2]))
            // Nothing the dumps said became an entry or a priority of its own.
            let unit = try ww.rawJournal(["-u", "wirewatch"])
            #expect(!unit.contains { $0["PRIORITY"] as? String == "0" }, "an entry at PRIORITY=0")
            #expect(try ww.rawJournal(["SYSLOG_IDENTIFIER=sshd"]).isEmpty)
            #expect(try ww.rawJournal(["WIREWATCH_STORY=forged"]).isEmpty)
            print("hostile dumps: \(entries.count) alerts, fields checked")
            for entry in entries {
                let shown = entry.filter { !$0.key.hasPrefix("_") }.sorted { $0.key < $1.key }
                    .map { "  \($0.key)=\(String(describing: $0.value).prefix(140))" }
                print(shown.joined(separator: "\n"))
            }
        }
    }

    @Test(
        "past burst_limit the rest of the minute is folded into one summary with a catalog entry",
        .timeLimit(.minutes(5)))
    func burstLimit() throws {
        try InstalledWirewatch.with { ww in
            try ww.setAlertsOption("burst_limit", "5")
            try ww.start()
            try ww.dropBinaryDumps(12, prefix: "burst")
            try waitFor("12 dumps quarantined", timeout: 120) {
                try ww.quarantinedCount() >= 12 ? true : nil
            } progress: {
                ww.journalTail()
            }
            // The window opened with the first alert; the summary comes when its minute ends.
            var summaries: [[String: Any]] = []
            try waitFor("the burst summary", timeout: 100, interval: 0.5) {
                summaries = try ww.rawAlerts().filter { $0["MESSAGE_ID"] as? String == AlertID.burstSummary }
                return summaries.isEmpty ? nil : true
            } progress: {
                ww.journalTail()
            }
            let alerts = try ww.rawAlerts()
            let single = alerts.filter { $0["MESSAGE_ID"] as? String == AlertID.quarantined }
            #expect(single.count == 5, "\(single.count) alerts sent one by one with burst_limit 5")
            #expect(summaries.count == 1)
            let summary = Self.checkFields(try #require(summaries.first))
            #expect(summary["WIREWATCH_FOLDED"] == "7", "\(summary)")
            #expect(summary["WIREWATCH_BURST_LIMIT"] == "5")
            #expect(summary["PRIORITY"] == "4", "as grave as the folded warnings")
            #expect(summary["MESSAGE"]?.hasPrefix("WARNING: 7 more alerts held back by burst_limit 5") == true)
            // Nothing dropped: 12 decisions and the summary in the store, all delivered.
            let stored = try ww.storedAlerts()
            #expect(stored.count == 13, "\(stored.count) alerts in the store")
            #expect(try ww.undeliveredAlerts() == 0)
            let explained = try ww.system.check([
                "journalctl", "-x", "--no-pager", "-u", "wirewatch", "MESSAGE_ID=\(AlertID.burstSummary)",
            ]).stdout
            #expect(explained.contains("Subject: Burst limit: 7 more alerts folded into this one"), "\(explained)")
            #expect(explained.contains("wirewatch alerts --since"))
            #expect(explained.contains("Stories:        none"), "binary dumps belong to no story")
            #expect(!explained.contains("@WIREWATCH_"), "unsubstituted catalog field:\n\(explained)")
            print("burst: 5 sent, 7 folded:\n" + explained)
        }
    }

    @Test("systemctl stop inside a burst sends the summary at once", .timeLimit(.minutes(3)))
    func burstThenStop() throws {
        try InstalledWirewatch.with { ww in
            try ww.setAlertsOption("burst_limit", "2")
            try ww.start()
            try ww.dropBinaryDumps(5, prefix: "stop")
            try waitFor("5 dumps quarantined and 2 alerts sent", timeout: 60) {
                let sent = try ww.rawAlerts().count
                return try ww.quarantinedCount() >= 5 && sent >= 2 ? true : nil
            } progress: {
                ww.journalTail()
            }
            try ww.system.check(["systemctl", "stop", "wirewatch"], timeout: 90)
            let alerts = try ww.rawAlerts()
            let summary = alerts.first { $0["MESSAGE_ID"] as? String == AlertID.burstSummary }
            #expect(alerts.count == 3, "2 one by one and the summary: \(alerts.map { $0["MESSAGE"] ?? "" })")
            #expect(summary?["WIREWATCH_FOLDED"] as? String == "3")
            #expect(try ww.undeliveredAlerts() == 0)
        }
    }

    @Test("with journald stopped alerts wait in the store and all arrive once it is back", .timeLimit(.minutes(5)))
    func journaldAway() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            let before = try ww.show(["MainPID"])["MainPID"]
            let units =
                "systemd-journald.socket systemd-journald-dev-log.socket systemd-journald-audit.socket "
                + "systemd-journald.service"
            try ww.system.checkSh("systemctl stop \(units)")
            #expect(try ww.system.run(["systemctl", "is-active", "systemd-journald.service"]).output == "inactive")
            try ww.dropBinaryDumps(4, prefix: "away")
            try waitFor("4 dumps quarantined", timeout: 60) {
                try ww.quarantinedCount() >= 4 ? true : nil
            }
            var status: [String: String] = [:]
            try waitFor("STATUS= to say the journal is unreachable", timeout: 30) {
                status = try ww.show(["StatusText", "ActiveState"])
                return (status["StatusText"] ?? "").contains("JOURNAL UNREACHABLE") ? true : nil
            } progress: {
                "\(status)"
            }
            #expect(try ww.undeliveredAlerts() == 4)
            // A while without journald: the daemon keeps running (its log writes fail with
            // EPIPE, which must neither kill it nor lose the alerts) and keeps them waiting.
            let away = Date()
            try waitFor("5 s without journald", timeout: 30, interval: 0.5) {
                let unit = try ww.show(["ActiveState", "MainPID"])
                #expect(unit["ActiveState"] == "active" && unit["MainPID"] == before, "\(unit)")
                return Date().timeIntervalSince(away) >= 5 ? true : nil
            }
            #expect(try ww.undeliveredAlerts() == 4)
            try ww.system.checkSh("systemctl start \(units)")

            var arrived: [[String: Any]] = []
            try waitFor("the 4 waiting alerts in the journal", timeout: 60) {
                arrived = try ww.rawAlerts()
                return arrived.count >= 4 ? true : nil
            } progress: {
                "\(arrived.count) arrived; store: \((try? ww.undeliveredAlerts()) ?? -1) undelivered"
            }
            let ids = arrived.compactMap { $0["WIREWATCH_ALERT"] as? String }
            #expect(ids.count == 4 && Set(ids).count == 4, "alert ids in the journal: \(ids)")
            let files = Set(arrived.compactMap { $0["WIREWATCH_FILE"] as? String })
            #expect(files == Set((1...4).map { "away-\($0).txt" }))
            // The daemon's own log (its stderr stream broke with journald) comes back too.
            try waitFor("the daemon's log back in the journal", timeout: 30) {
                try ww.journal().contains { ($0["MESSAGE"] ?? "").contains("the journal takes alerts again") }
                    ? true : nil
            } progress: {
                ww.journalTail()
            }
            try waitFor("the store to record the deliveries", timeout: 30) {
                try ww.undeliveredAlerts() == 0 ? true : nil
            }
            let unit = try ww.show(["ActiveState", "MainPID", "NRestarts", "StatusText"])
            #expect(unit["ActiveState"] == "active")
            #expect(unit["MainPID"] == before, "the daemon died while journald was away: \(unit)")
            #expect(unit["NRestarts"] == "0")
            #expect(!(unit["StatusText"] ?? "").contains("JOURNAL UNREACHABLE"), "\(unit)")
        }
    }

    @Test("outside systemd without a journal, alerts go to stderr with <N> prefixes", .timeLimit(.minutes(3)))
    func stderrWithoutJournal() throws {
        let dir = FileManager.default.temporaryDirectory.path + "/wirewatch-plain-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/inbox", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A private mount namespace hides journald's sockets (if this machine has any), as in
        // a container; no INVOCATION_ID or JOURNAL_STREAM, as on a terminal or under another
        // supervisor; stderr is a pipe, not a terminal.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = [
            "--mount", "--propagation", "private", "/bin/sh", "-c",
            "mount -t tmpfs none /run/systemd/journal 2>/dev/null; exec \"$0\" run --inbox \"$1\" --state \"$2\"",
            try Checkout.binary(), dir + "/inbox", dir + "/state",
        ]
        let collected = Checkout.outsideSystemd(process)
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var text: String { String(decoding: collected.value, as: UTF8.self) }

        try waitFor("the daemon to start", timeout: 60) {
            text.contains("scanning") ? true : nil
        } progress: {
            text
        }
        let name = "plain binary = \u{1B}[1m.txt"
        try Data([0x62, 0x69, 0x6E, 0x00, 0x61]).write(to: URL(fileURLWithPath: dir + "/" + name))
        try FileManager.default.moveItem(atPath: dir + "/" + name, toPath: dir + "/inbox/" + name)
        let line = try waitFor("the alert line on stderr", timeout: 60) {
            text.split(separator: "\n").first { $0.contains("MESSAGE_ID=\(AlertID.quarantined)") }.map(String.init)
        } progress: {
            text
        }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(line.hasPrefix("<4>WARNING: "), "\(line)")
        #expect(line.contains("WIREWATCH_KIND=quarantined"), "\(line)")
        // The file name's space, `=` and escape: quoted, the escape a space, one line.
        #expect(line.contains("WIREWATCH_FILE=\"plain binary = [1m.txt\""), "\(line)")
        #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("<") }, "every stderr line has a <N> prefix")
        print("stderr alert: \(line)")
    }

    @Test("the README's journalctl recipes find what they promise", .timeLimit(.minutes(4)))
    func readmeRecipes() throws {
        try InstalledWirewatch.with { ww in try Self.checkRecipes(ww) }
    }

    /// The body of `readmeRecipes`, apart: the compiler crashes on it inside the closure.
    static func checkRecipes(_ ww: InstalledWirewatch) throws {
        try ww.start()
        // journalctl -f, started before anything happens, must show the alerts live.
        try ww.system.check([
            "systemd-run", "--unit=follow-alerts", "-p", "StandardOutput=file:/root/follow.txt", "journalctl",
            "-f", "-n", "0", "-u", "wirewatch", "-o", "cat",
        ])
        try waitFor("journalctl -f to run", timeout: 20) {
            try ww.system.run(["systemctl", "is-active", "follow-alerts"]).output == "active" ? true : nil
        }
        for name in WirewatchServiceTests.sampleNames {
            try ww.asDropper("cp \(InstalledWirewatch.samples)/\(name) \(InstalledWirewatch.inbox)/")
        }
        try ww.dropBinaryDumps(1, prefix: "recipe")
        var stored: [[String: Any]] = []
        try waitFor("5 dumps handled and their alerts delivered", timeout: 120) {
            let done = try ww.fileCount(InstalledWirewatch.archive) >= 4 && ww.quarantinedCount() >= 1
            stored = try ww.storedAlerts()
            let waiting = try ww.undeliveredAlerts()
            return done && !stored.isEmpty && waiting == 0 ? true : nil
        } progress: {
            ww.journalTail()
        }
        let alerts = try ww.rawAlerts()
        #expect(alerts.count == stored.count)

        // journalctl -u wirewatch -p warning: only warning and graver, the quarantine among them.
        let warnings = try ww.rawJournal(["-u", "wirewatch", "-p", "warning"])
        #expect(warnings.allSatisfy { Int($0["PRIORITY"] as? String ?? "9") ?? 9 <= 4 })
        #expect(warnings.contains { $0["MESSAGE_ID"] as? String == AlertID.quarantined })
        let graveAlerts = alerts.filter { Int($0["PRIORITY"] as? String ?? "9") ?? 9 <= 4 }
        #expect(
            warnings.filter { AlertID.all.contains($0["MESSAGE_ID"] as? String ?? "") }.count == graveAlerts.count)

        // journalctl WIREWATCH_STORY=…: every alert of that story, no other.
        for story in Set(alerts.compactMap { $0["WIREWATCH_STORY"] as? String }) {
            let found = try ww.rawJournal(["WIREWATCH_STORY=\(story)"])
            let expected = alerts.filter { $0["WIREWATCH_STORY"] as? String == story }
            #expect(found.count == expected.count, "WIREWATCH_STORY=\(story)")
        }
        // journalctl WIREWATCH_EVENT=…, when the extractor found events.
        for event in Set(alerts.compactMap { $0["WIREWATCH_EVENT"] as? String }) {
            let found = try ww.rawJournal(["WIREWATCH_EVENT=\(event)"])
            #expect(!found.isEmpty && found.allSatisfy { $0["WIREWATCH_EVENT"] as? String == event })
        }
        // journalctl MESSAGE_ID=…: per kind.
        for id in AlertID.all {
            let found = try ww.rawJournal(["MESSAGE_ID=\(id)"])
            #expect(found.count == alerts.filter { $0["MESSAGE_ID"] as? String == id }.count, "MESSAGE_ID=\(id)")
        }
        // journalctl -x: the catalog text under each alert, fields filled in.
        let explained = try ww.system.check(["journalctl", "-x", "--no-pager", "-u", "wirewatch"]).stdout
        #expect(explained.contains("Subject: Dump quarantined: recipe-1.txt"), "\(explained.suffix(3000))")
        #expect(explained.contains("What to do: fix the cause"))
        if alerts.contains(where: { $0["MESSAGE_ID"] as? String == AlertID.newStory }) {
            #expect(explained.contains("Subject: New story: "))
            #expect(explained.contains("What to do: read the article"))
        }
        #expect(!explained.contains("@WIREWATCH_"), "unsubstituted catalog field")
        // journalctl -f saw the alerts as they came.
        try waitFor("the alerts in journalctl -f's output", timeout: 30) {
            let followed = try ww.system.check(["cat", "/root/follow.txt"]).stdout
            return alerts.allSatisfy { followed.contains($0["MESSAGE"] as? String ?? "\u{0}") } ? true : nil
        }
        _ = try? ww.system.run(["systemctl", "stop", "follow-alerts"])
        let excerpt = try ww.system.check([
            "journalctl", "--no-pager", "-o", "short", "WIREWATCH_KIND=new_story", "WIREWATCH_KIND=corroborated",
            "WIREWATCH_KIND=escalated", "WIREWATCH_KIND=quarantined",
        ]).stdout
        print("journalctl excerpt of the samples' alerts:\n" + excerpt)
    }
}
