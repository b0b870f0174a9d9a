import Foundation
import Testing

/// The `wirewatch` executable's commands, run as a user runs them, on real files and a
/// real SQLite store in a temporary directory (no systemd needed).
@Suite("command line", .serialized)
final class CommandLineTests {
    let dir: String
    let binary: String

    init() throws {
        binary = try Checkout.binary()
        dir = FileManager.default.temporaryDirectory.path + "/wirewatch-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func wirewatch(_ arguments: String...) throws -> CommandResult {
        try runCommand(binary, arguments, timeout: 120)
    }

    func jsonLines(_ result: CommandResult) throws -> [[String: Any]] {
        try result.lines.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func extractPrintsOneJSONObjectPerFileAndFailsOnBadInput() throws {
        let sample = Checkout.samples + "/002_774c5ed633c06924.txt"
        let ok = try wirewatch("extract", sample)
        #expect(ok.succeeded, "\(ok)")
        let article = try #require(try jsonLines(ok).first)
        #expect(article["id"] as? String == "65b1f3729d4cb794")  // sha256 of the bytes, not the file name
        #expect(article["publisher"] as? String == "LBC")
        #expect(article["published"] as? String == "2022-01-19")
        #expect((article["title"] as? String)?.contains("crisis mode") == true)
        #expect(article.keys.contains("url"))  // null metadata is present, not omitted
        let source = try #require(article["source"] as? [String: Any])
        #expect(source["format"] as? String == "text")

        // The same dump gives the same line, byte for byte, run after run.
        #expect(try wirewatch("extract", sample).stdout == ok.stdout)

        let empty = dir + "/empty.txt"
        FileManager.default.createFile(atPath: empty, contents: Data())
        let mixed = try wirewatch("extract", sample, empty, dir + "/missing.txt")
        #expect(mixed.status == 1)
        let lines = try jsonLines(mixed)
        #expect(lines.count == 3)
        #expect(lines[1]["file"] as? String == empty)
        #expect(lines[1]["error"] as? String == "empty file")
        #expect(lines[2]["error"] != nil)
        #expect(mixed.stderr.contains(empty))
    }

    @Test func extractReadsTheFilesBelowADirectoryInNameOrder() throws {
        let folder = dir + "/dumps"
        try FileManager.default.createDirectory(atPath: folder + "/later", withIntermediateDirectories: true)
        let samples = ["002_774c5ed633c06924.txt", "000_94253fa690feff79.txt"]
        try FileManager.default.copyItem(atPath: Checkout.samples + "/" + samples[0], toPath: folder + "/b.txt")
        try FileManager.default.copyItem(atPath: Checkout.samples + "/" + samples[1], toPath: folder + "/later/a.txt")
        FileManager.default.createFile(atPath: folder + "/.b.txt.swp", contents: Data([0]))
        FileManager.default.createFile(atPath: folder + "/c.txt", contents: Data())

        let result = try wirewatch("extract", "--article-only", folder, Checkout.samples + "/" + samples[1])
        #expect(result.status == 1)  // c.txt is empty
        let lines = try jsonLines(result)
        let names = lines.map { ($0["source"] as? [String: Any])?["name"] as? String ?? $0["file"] as? String }
        #expect(names == ["b.txt", folder + "/c.txt", "a.txt", samples[1]])
        #expect(lines[1]["error"] as? String == "empty file")
        // A folder gives the same articles as its files named one by one.
        let one = try wirewatch("extract", "--article-only", folder + "/b.txt")
        #expect(result.lines.first == one.lines.first)
    }

    /// Output leaves in large writes: a batch whose lines pass the buffer's size several
    /// times over, with a failure among them, still prints every line once and in order.
    @Test func extractPrintsEveryLineOfALargeBatchInOrder() throws {
        let folder = dir + "/batch"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let sample = Checkout.samples + "/002_774c5ed633c06924.txt"
        let names = (0..<60).map { String(format: "%03d.txt", $0) }
        for name in names where name != "030.txt" {
            try FileManager.default.copyItem(atPath: sample, toPath: folder + "/" + name)
        }
        FileManager.default.createFile(atPath: folder + "/030.txt", contents: Data())

        let result = try wirewatch("extract", folder)
        #expect(result.status == 1)
        #expect(result.stdout.utf8.count > 3 * 65_536)
        let lines = try jsonLines(result)
        let printed = lines.map { ($0["source"] as? [String: Any])?["name"] as? String ?? $0["file"] as? String }
        #expect(printed == names.map { $0 == "030.txt" ? folder + "/030.txt" : $0 })
    }

    @Test func ingestThenReadCommandsSeeTheArticles() throws {
        let state = dir + "/state"
        let ingest = try wirewatch("ingest", "--state", state, Checkout.samples)
        #expect(ingest.succeeded, "\(ingest)")
        #expect(ingest.output.hasPrefix("4 stored, 0 already in the store"))
        // Ingest leaves the files where they are, and a second run stores nothing twice.
        #expect(FileManager.default.fileExists(atPath: Checkout.samples + "/000_94253fa690feff79.txt"))
        let again = try wirewatch("ingest", "--state", state, Checkout.samples)
        #expect(again.output.hasPrefix("0 stored, 4 already in the store"), "\(again)")

        let articles = try jsonLines(try wirewatch("articles", "--state", state, "--json"))
        #expect(articles.count == 4)
        #expect(articles.allSatisfy { $0["story"] is String && $0["received"] is String && $0["body"] is String })

        let show = try wirewatch("show", "--state", state, "573731f3")
        #expect(show.succeeded, "\(show)")
        #expect(show.stdout.hasPrefix("US embassy in Kyiv closes"))
        #expect(show.stdout.contains("The US embassy in Kyiv has closed"))
        #expect(try wirewatch("show", "--state", state, "ffffffff").status != 0)

        let found = try jsonLines(try wirewatch("search", "--state", state, "--json", "embassy"))
        #expect(found.contains { $0["id"] as? String == "573731f33dea09ec" })
        #expect(try wirewatch("search", "--state", state, "--json", "zzqxjv").lines.isEmpty)
        // FTS syntax errors do not surface as SQLite errors.
        #expect(try wirewatch("search", "--state", state, "\"unbalanced AND (").succeeded)

        let stats = try #require(try jsonLines(try wirewatch("stats", "--state", state, "--json")).first)
        #expect(stats["articles"] as? Int == 4)
        #expect(stats["ledger"] as? Int == 4)  // re-ingesting the same paths records nothing new

        // Two stories (000 with 001, 002 with 003): each alerts once as a new story, and its
        // second outlet's report raises one corroboration notice.
        let alerts = try jsonLines(try wirewatch("alerts", "--state", state, "--json"))
        #expect(alerts.count == 4)
        #expect(alerts.allSatisfy { $0["priority"] is Int && $0["story"] is String })
        #expect(alerts.filter { $0["message_id"] as? String == AlertID.newStory }.count == 2)
        let corroborations = alerts.filter { $0["message_id"] as? String == AlertID.corroborated }
        #expect(corroborations.count == 2)
        #expect(corroborations.allSatisfy { $0["priority"] as? Int == 5 && $0["kind"] as? String == "corroborated" })
        let notices = try jsonLines(try wirewatch("alerts", "--state", state, "--json", "--priority", "notice"))
        #expect(notices.count >= 2)
        #expect(try wirewatch("alerts", "--state", state, "--since", "1h").lines.count == 5, "header and 4 alerts")
        #expect(try wirewatch("alerts", "--state", state, "--since", "2999-01-01").lines.count == 1)
        #expect(try wirewatch("alerts", "--state", state, "--priority", "loud").status != 0)
        let stories = try jsonLines(try wirewatch("stories", "--state", state, "--json"))
        #expect(stories.count == 2)
        #expect(stories.allSatisfy { $0["articles"] as? Int == 2 && ($0["outlets"] as? [String])?.count == 2 })
        let storyOf = Dictionary(
            articles.compactMap { a in (a["id"] as? String).map { ($0, a["story"] as? String ?? "") } },
            uniquingKeysWith: { a, _ in a })
        #expect(storyOf["573731f33dea09ec"] != nil)
        let shownStory = try wirewatch("show", "--state", state, "573731f3").stdout
        #expect(shownStory.contains("2 article(s) from 2 outlet(s)"), "\(shownStory)")
        #expect(try wirewatch("articles", "--state", state).stdout.contains("LBC"))
    }

    @Test func checkConfigNamesTheKeyAndTheProblem() throws {
        let good = dir + "/good.toml"
        try "[spool]\ninbox = \"/srv/inbox\"\nmax_file_size = \"8MiB\"\n".write(
            toFile: good, atomically: true, encoding: .utf8)
        let ok = try wirewatch("check-config", good)
        #expect(ok.succeeded, "\(ok)")
        #expect(ok.stdout.contains("OK"))

        let bad = dir + "/bad.toml"
        try "[spool]\nrescan_interval = \"soon\"\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let failed = try wirewatch("check-config", bad)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("spool.rescan_interval"))
        #expect(failed.stderr.contains(bad))

        let shipped = try wirewatch("check-config", Checkout.packaging + "/wirewatch.toml")
        #expect(shipped.succeeded, "the shipped default config must validate: \(shipped)")

        let rules = dir + "/rules.toml"
        try
            "[[alerts.rule]]\nname = \"kyiv\"\nevents = [\"air_attack_warning\"]\nlocations = [\"Kyiv\"]\npriority = \"crit\"\n"
            .write(toFile: rules, atomically: true, encoding: .utf8)
        let listed = try wirewatch("check-config", rules)
        #expect(listed.succeeded, "\(listed)")
        #expect(
            listed.stdout.contains("rule kyiv: crit when events=air_attack_warning and locations=Kyiv"), "\(listed)")
        let typo = dir + "/typo.toml"
        try "[[alerts.rule]]\nname = \"kyiv\"\nevents = [\"air_raid\"]\n".write(
            toFile: typo, atomically: true, encoding: .utf8)
        let rejected = try wirewatch("check-config", typo)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("alerts.rule[0].events: unknown event type \"air_raid\""), "\(rejected)")
    }

    @Test func runOutsideSystemdProcessesTheInboxAndStopsCleanlyOnSIGTERM() throws {
        let inbox = dir + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--inbox", inbox, "--state", dir + "/run-state"]
        let collected = Checkout.outsideSystemd(process)
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Wait for the daemon to watch, then drop a sample by rename.
        try waitFor("the daemon to start") { String(decoding: collected.value, as: UTF8.self).contains("scanning") }
        let sample = try Data(contentsOf: URL(fileURLWithPath: Checkout.samples + "/000_94253fa690feff79.txt"))
        try sample.write(to: URL(fileURLWithPath: inbox + "/drop.part"))
        try FileManager.default.moveItem(atPath: inbox + "/drop.part", toPath: inbox + "/drop.txt")
        try waitFor("the dump to be archived") {
            FileManager.default.fileExists(atPath: dir + "/run-state/archive/drop.txt")
        }
        // No journal here: the alert goes to stderr with its priority prefix.
        try waitFor("the alert on stderr") {
            // The level follows the article's events (info without them, crit with the strike).
            String(decoding: collected.value, as: UTF8.self).split(separator: "\n").contains {
                $0.hasPrefix("<") && $0.contains(": US embassy in Kyiv closes")
            }
        }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let log = String(decoding: collected.value, as: UTF8.self)
        #expect(log.contains("WIREWATCH_FILE=drop.txt"))
        #expect(log.split(separator: "\n").allSatisfy { $0.hasPrefix("<") }, "every stderr line has a <N> prefix")
    }

    /// Polls until `condition` holds, for at most 30 s.
    func waitFor(_ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if try condition() { return }
        throw HarnessError.deadline(what: what, seconds: 30, last: "")
    }
}
