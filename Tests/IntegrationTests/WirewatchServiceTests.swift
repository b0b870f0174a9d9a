import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// wirewatch.service from Packaging/, installed with install.sh and run by a real systemd
/// (SPEC §8, §11). Each test boots its own system (well under a second), so no test sees
/// another's spool, journal or restart count.
@Suite(
    "wirewatch under a real systemd", .serialized,
    .enabled(if: SystemdNamespace.isAvailable, "needs root, /lib/systemd/systemd, unshare and nsenter"))
struct WirewatchServiceTests {
    static let sampleNames = [
        "000_94253fa690feff79.txt", "001_04d6666f64a9abc9.txt", "002_774c5ed633c06924.txt",
        "003_79f34e07c9bfe2d1.txt",
    ]

    @Test("install.sh creates the user, the setgid spool and the catalog index", .timeLimit(.minutes(3)))
    func installation() throws {
        try InstalledWirewatch.with { ww in
            let user = try ww.system.check(["id", "wirewatch"]).output
            #expect(user.contains("(wirewatch)"), "id wirewatch: \(user)")
            let modes = try ww.system.check([
                "stat", "-c", "%n %a %U %G", "/var/lib/wirewatch", InstalledWirewatch.inbox,
                InstalledWirewatch.archive, InstalledWirewatch.quarantine,
            ]).stdout
            #expect(modes.contains("\(InstalledWirewatch.inbox) 2775 wirewatch wirewatch"), "\(modes)")
            for dir in [InstalledWirewatch.archive, InstalledWirewatch.quarantine] {
                #expect(modes.contains("\(dir) 27"), "\(dir) not setgid: \(modes)")
            }
            let catalog = try ww.system.check(["journalctl", "--list-catalog"]).stdout
            for id in AlertID.articleKinds.union([AlertID.quarantined]) {
                #expect(catalog.contains(id), "catalog entry \(id) missing from journalctl --list-catalog")
            }
            let config = try ww.system.check(["cat", "/etc/wirewatch/wirewatch.toml"]).stdout
            #expect(config.contains("[spool]"))
            // A second run keeps the administrator's configuration.
            try ww.system.checkSh(
                "echo '# local' >> /etc/wirewatch/wirewatch.toml && "
                    + "sh /opt/wirewatch-it/Packaging/install.sh '' /opt/wirewatch-it/bin/wirewatch")
            let kept = try ww.system.check(["tail", "-n", "1", "/etc/wirewatch/wirewatch.toml"]).output
            #expect(kept == "# local", "install.sh overwrote an existing config")
        }
    }

    @Test("1. the unit starts, notifies READY and a status, runs as wirewatch", .timeLimit(.minutes(3)))
    func starts() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            let unit = try ww.show(["ActiveState", "SubState", "StatusText", "MainPID", "WatchdogUSec", "NRestarts"])
            #expect(unit["ActiveState"] == "active", "\(unit)\n\(ww.journalTail())")
            #expect(unit["SubState"] == "running", "\(unit)")
            #expect(!(unit["StatusText"] ?? "").isEmpty, "empty StatusText: \(unit)")
            #expect(unit["WatchdogUSec"] == "30s", "\(unit)")
            let mainPID = try #require(unit["MainPID"])
            let owner = try ww.system.check(["ps", "-o", "user=", "-p", mainPID]).output
            #expect(owner == "wirewatch", "main process runs as \(owner)")
            // SPEC §3: the kernel's inotify limits are reported at start. This also proves
            // the sandbox leaves /proc/sys/fs/inotify readable (no ProcSubset=pid).
            let limits = try waitFor("the inotify limits in the journal", timeout: 20) {
                try ww.journal().first { ($0["MESSAGE"] ?? "").contains("max_queued_events") }
            } progress: {
                ww.journalTail()
            }
            let queued = try String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(limits["MESSAGE"]?.contains(queued) == true, "limits line: \(limits["MESSAGE"] ?? "")")
        }
    }

    @Test("2. four sample dumps, two copied and two renamed, give 4 articles and 4 alerts", .timeLimit(.minutes(5)))
    func samplesBecomeArticlesAndAlerts() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            let (copied, renamed) = (Self.sampleNames.prefix(2), Self.sampleNames.suffix(2))
            for name in copied {
                try ww.asDropper("cp \(InstalledWirewatch.samples)/\(name) \(InstalledWirewatch.inbox)/")
            }
            for name in renamed {
                let part = "\(InstalledWirewatch.inbox)/\(name).part"
                // The .part name must be ignored while written and picked up on rename.
                try ww.asDropper(
                    "cat \(InstalledWirewatch.samples)/\(name) > \(part) && mv \(part) "
                        + "\(InstalledWirewatch.inbox)/\(name)")
            }
            var archived = 0
            try waitFor("4 dumps archived", timeout: 120) {
                archived = try ww.fileCount(InstalledWirewatch.archive)
                return archived >= 4 ? true : nil
            } progress: {
                "\(archived) archived\n\(ww.journalTail())"
            }
            #expect(try ww.fileCount(InstalledWirewatch.inbox) == 0, "inbox not empty")
            #expect(try ww.fileCount(InstalledWirewatch.quarantine) == 0, "something was quarantined")

            let articles = try ww.articles()
            #expect(articles.count == 4, "wirewatch articles --json gave \(articles.count) lines")
            var alerts: [[String: String]] = []
            try waitFor("4 alerts in the journal", timeout: 30) {
                alerts = try ww.alerts()
                return alerts.count >= 4 ? true : nil
            } progress: {
                "\(alerts.count) alerts\n\(ww.journalTail())"
            }
            #expect(alerts.count == 4, "alerts: \(alerts.map { $0["MESSAGE"] ?? "" })")

            let articleIDs = Set(articles.compactMap { $0["id"] as? String })
            let alertArticles = Set(alerts.compactMap { $0["WIREWATCH_ARTICLE"] })
            #expect(articleIDs.count == 4)
            #expect(alertArticles == articleIDs, "alerts name \(alertArticles), store holds \(articleIDs)")
            #expect(Set(alerts.compactMap { $0["WIREWATCH_FILE"] }) == Set(Self.sampleNames))
            for alert in alerts {
                let id = alert["WIREWATCH_ARTICLE"] ?? ""
                #expect(id.count == 16 && id.allSatisfy(\.isHexDigit), "WIREWATCH_ARTICLE=\(id)")
                #expect(alert["SYSLOG_IDENTIFIER"] == "wirewatch", "\(alert)")
                #expect(alert["_SYSTEMD_UNIT"] == "wirewatch.service", "\(alert)")
                #expect(alert["PRIORITY"].flatMap { Int($0) }.map { (0...7).contains($0) } == true, "\(alert)")
                #expect(!(alert["MESSAGE"] ?? "").isEmpty)
                // Every article with a headline must carry it; 001's dump has none (samples/README).
                let article = articles.first { $0["id"] as? String == id }
                if let title = article?["title"] as? String, !title.isEmpty {
                    #expect(alert["WIREWATCH_TITLE"] != nil, "no WIREWATCH_TITLE for \(id): \(alert)")
                }
            }
            // One "new story" alert at least per story; later reports of a story may be
            // "corroborated" or "escalated" instead (SPEC §6).
            let stories = Set(articles.compactMap { $0["story"] as? String })
            let newStories = alerts.filter { $0["MESSAGE_ID"] == AlertID.newStory }.count
            #expect(newStories >= max(1, stories.count), "\(newStories) new-story alerts for \(stories.count) stories")
            let kinds = alerts.map {
                "\($0["WIREWATCH_FILE"] ?? "?") \($0["MESSAGE_ID"] ?? "?") \($0["PRIORITY"] ?? "")"
            }
            print("alerts:\n  " + kinds.joined(separator: "\n  "))
            // journalctl -x explains each alert from the installed catalog, fields filled in.
            let explained = try ww.system.check([
                "journalctl", "-x", "-u", "wirewatch", "--no-pager", "MESSAGE_ID=\(AlertID.newStory)",
            ]).stdout
            #expect(explained.contains("Subject: New story:"), "journalctl -x shows no catalog text:\n\(explained)")
            #expect(!explained.contains("@WIREWATCH_ARTICLE@"), "catalog fields not substituted:\n\(explained)")
        }
    }

    @Test("3. systemctl reload succeeds and the daemon logs it", .timeLimit(.minutes(3)))
    func reload() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            let before = try ww.show(["MainPID"])["MainPID"]
            let reload = try ww.system.run(["systemctl", "reload", "wirewatch"], timeout: 60)
            #expect(reload.succeeded, "\(reload)\n\(ww.journalTail())")
            try waitFor("'reloaded configuration' in the journal", timeout: 20) {
                try ww.journal().contains {
                    $0["_SYSTEMD_UNIT"] == "wirewatch.service"
                        && ($0["MESSAGE"] ?? "").contains("reloaded configuration")
                } ? true : nil
            } progress: {
                ww.journalTail()
            }
            let after = try ww.show(["ActiveState", "MainPID", "NRestarts"])
            #expect(after["ActiveState"] == "active", "\(after)")
            #expect(after["MainPID"] == before, "reload restarted the daemon: \(before ?? "") → \(after)")
            #expect(after["NRestarts"] == "0", "\(after)")
        }
    }

    @Test("4. SIGKILL in a burst of 500 dumps loses none and stores none twice", .timeLimit(.minutes(10)))
    func killDuringBurst() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            let total = 500
            let firstPID = try #require(ww.show(["MainPID"])["MainPID"])
            try ww.stageDumps(total, prefix: "burst")
            try ww.dropStaged()
            var archived = 0
            try waitFor("100 dumps archived", timeout: 180, interval: 0.02) {
                archived = try ww.fileCount(InstalledWirewatch.archive)
                return archived >= 100 ? true : nil
            } progress: {
                "\(archived) archived\n\(ww.journalTail())"
            }
            try ww.system.check(["systemctl", "kill", "-s", "KILL", "--kill-whom=main", "wirewatch"])
            print("killed main process \(firstPID) with \(archived) of \(total) dumps archived")
            #expect(archived < total, "every dump was archived before the kill; nothing was tested")

            var unit: [String: String] = [:]
            try waitFor("systemd to restart wirewatch", timeout: 60) {
                unit = try ww.show(["ActiveState", "NRestarts", "MainPID"])
                return unit["ActiveState"] == "active" && Int(unit["NRestarts"] ?? "") ?? 0 >= 1 ? true : nil
            } progress: {
                "\(unit)"
            }
            #expect(unit["MainPID"] != firstPID)
            try waitFor("all \(total) dumps archived", timeout: 300) {
                archived = try ww.fileCount(InstalledWirewatch.archive)
                return archived >= total ? true : nil
            } progress: {
                "\(archived) archived\n\(ww.journalTail())"
            }

            #expect(try ww.fileCount(InstalledWirewatch.archive) == total)
            #expect(try ww.fileCount(InstalledWirewatch.inbox) == 0)
            #expect(try ww.fileCount(InstalledWirewatch.quarantine) == 0)
            let articles = try ww.articles()
            let ids = Set(articles.compactMap { $0["id"] as? String })
            #expect(articles.count == total, "articles --json gave \(articles.count) lines")
            #expect(ids.count == total, "\(ids.count) distinct article ids")
            let stats = try ww.stats()
            print("stats after kill: \(stats)")
            #expect(stats["articles"] as? Int == total, "stats: \(stats)")
            #expect(stats["quarantined"] as? Int == 0, "stats: \(stats)")
            #expect((stats["ledger"] as? Int ?? 0) >= total, "ledger misses dumps: \(stats)")
            let restarts = try ww.show(["NRestarts"])["NRestarts"]
            #expect(restarts == "1", "expected exactly the one restart caused by the kill, got \(restarts ?? "?")")
        }
    }

    @Test("5. a dump already in the inbox at start is processed (backlog)", .timeLimit(.minutes(3)))
    func backlog() throws {
        try InstalledWirewatch.with { ww in
            let name = Self.sampleNames[0]
            try ww.asDropper("cp \(InstalledWirewatch.samples)/\(name) \(InstalledWirewatch.inbox)/")
            try ww.start()
            try waitFor("the backlog dump archived", timeout: 60) {
                try ww.fileCount(InstalledWirewatch.archive) == 1 ? true : nil
            } progress: {
                ww.journalTail()
            }
            #expect(try ww.fileCount(InstalledWirewatch.inbox) == 0)
            let articles = try ww.articles()
            #expect(articles.count == 1)
            let source = articles.first?["source"] as? [String: Any]
            #expect(source?["name"] as? String == name, "\(articles)")
            try waitFor("the backlog dump's alert", timeout: 20) {
                try ww.alerts().contains { $0["WIREWATCH_FILE"] == name } ? true : nil
            } progress: {
                ww.journalTail()
            }
        }
    }

    @Test("a dump in a new subfolder is archived under the same relative name", .timeLimit(.minutes(3)))
    func subfolder() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            let name = Self.sampleNames[3]
            // The new folder is watched, then scanned (SPEC §3), so a file copied right after
            // mkdir is not lost between the two.
            try ww.asDropper(
                "mkdir \(InstalledWirewatch.inbox)/desk-a && cp \(InstalledWirewatch.samples)/\(name) "
                    + "\(InstalledWirewatch.inbox)/desk-a/")
            let archived = "\(InstalledWirewatch.archive)/desk-a/\(name)"
            try waitFor("\(archived)", timeout: 60) {
                try ww.system.run(["test", "-f", archived]).succeeded ? true : nil
            } progress: {
                ww.journalTail()
            }
            // The daemon creates archive/desk-a itself, inside the sandbox; it must inherit
            // the spool's group and setgid bit so that group members can read what it holds.
            let folder = try ww.system.check(["stat", "-c", "%a %G", "\(InstalledWirewatch.archive)/desk-a"]).output
            #expect(folder.hasPrefix("2") && folder.hasSuffix(" wirewatch"), "archive/desk-a: \(folder)")
            #expect(try ww.fileCount(InstalledWirewatch.quarantine) == 0)
        }
    }

    @Test("6. 2,000 dumps with a 16-event inotify queue all end up stored", .timeLimit(.minutes(12)))
    func inotifyOverflow() throws {
        try InstalledWirewatch.with { ww in
            let total = 2000
            try ww.stageDumps(total, prefix: "flood")
            // The queue limit is read when the daemon calls inotify_init1, so it only has to
            // be low during the start. It is a global sysctl: restore it right after, and
            // on every path, so that nothing else on the host runs with 16.
            try withInotifyQueueLimit(16) { try ww.start() }
            try ww.dropStaged()
            var archived = 0
            try waitFor("all \(total) dumps archived", timeout: 540, interval: 0.5) {
                archived = try ww.fileCount(InstalledWirewatch.archive)
                return archived >= total ? true : nil
            } progress: {
                "\(archived) archived\n\(ww.journalTail())"
            }
            #expect(try ww.fileCount(InstalledWirewatch.inbox) == 0)
            #expect(try ww.fileCount(InstalledWirewatch.quarantine) == 0)
            let articles = try ww.articles()
            #expect(articles.count == total, "articles --json gave \(articles.count) lines")
            #expect(Set(articles.compactMap { $0["id"] as? String }).count == total)
            let unit = try ww.show(["NRestarts", "ActiveState"])
            #expect(unit["NRestarts"] == "0", "the daemon restarted (watchdog?) during the flood: \(unit)")
            let overflowLogged = try ww.journal().contains { ($0["MESSAGE"] ?? "").lowercased().contains("overflow") }
            print("2,000-dump flood: all stored; daemon logged an overflow: \(overflowLogged)")
        }
    }

    @Test("7. systemctl stop ends the unit inactive with exit status 0", .timeLimit(.minutes(3)))
    func stop() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            try ww.asDropper("cp \(InstalledWirewatch.samples)/\(Self.sampleNames[1]) \(InstalledWirewatch.inbox)/")
            try ww.system.check(["systemctl", "stop", "wirewatch"], timeout: 90)
            let unit = try ww.show(["ActiveState", "ExecMainStatus", "Result"])
            #expect(unit["ActiveState"] == "inactive", "\(unit)\n\(ww.journalTail())")
            #expect(unit["ExecMainStatus"] == "0", "\(unit)\n\(ww.journalTail())")
            #expect(unit["Result"] == "success", "\(unit)")
        }
    }

    @Test("8. systemd-analyze security rates the running unit at most 1.0", .timeLimit(.minutes(3)))
    func exposure() throws {
        try InstalledWirewatch.with { ww in
            try ww.start()
            // The score only counts with the daemon working under the sandbox: have it
            // process a dump first.
            try ww.asDropper("cp \(InstalledWirewatch.samples)/\(Self.sampleNames[2]) \(InstalledWirewatch.inbox)/")
            try waitFor("a dump processed under the sandbox", timeout: 60) {
                try ww.fileCount(InstalledWirewatch.archive) == 1 ? true : nil
            } progress: {
                ww.journalTail()
            }
            let report = try ww.system.check(["systemd-analyze", "security", "wirewatch.service"]).stdout
            let line = try #require(report.split(separator: "\n").first { $0.contains("Overall exposure level") })
            let score = line.split(separator: " ").compactMap { Double($0) }.first
            print(line)
            #expect(score != nil && score! <= 1.0, "\(line)")
            #expect(try ww.show(["ActiveState"])["ActiveState"] == "active")
        }
    }
}

/// Sets the global `fs.inotify.max_queued_events` to `limit` for the duration of `body`
/// and restores the host's value afterwards, whether `body` threw or not.
///
/// The saved value is also written to `InotifyLimit.savedPath` until it is restored, so
/// that a run killed inside `body` is undone by the next one (`InotifyLimit.restoreSaved`).
func withInotifyQueueLimit(_ limit: Int, _ body: () throws -> Void) throws {
    InotifyLimit.restoreSaved()
    let saved = try String(contentsOfFile: InotifyLimit.path, encoding: .utf8)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    try saved.write(toFile: InotifyLimit.savedPath, atomically: true, encoding: .utf8)
    try "\(limit)\n".write(toFile: InotifyLimit.path, atomically: false, encoding: .utf8)
    defer { InotifyLimit.restoreSaved() }
    try body()
}

enum InotifyLimit {
    static let path = "/proc/sys/fs/inotify/max_queued_events"
    static let savedPath = "/run/wirewatch-it.max_queued_events"

    /// Puts back a value saved by `withInotifyQueueLimit` and forgets it; does nothing
    /// when none is saved.
    static func restoreSaved() {
        guard let saved = try? String(contentsOfFile: savedPath, encoding: .utf8),
            let value = Int(saved.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return }
        if (try? "\(value)\n".write(toFile: path, atomically: false, encoding: .utf8)) != nil {
            unlink(savedPath)
        }
    }
}
