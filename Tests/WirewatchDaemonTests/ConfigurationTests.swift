import Testing

@testable import WirewatchDaemon

@Suite struct ConfigurationTests {
    func load(_ text: String, state: String? = nil) throws(ConfigurationError) -> Configuration {
        try Configuration.load(text: text, file: "test.toml", state: state, defaultState: "/var/lib/wirewatch")
    }

    @Test func emptyFileGivesTheSystemDefaults() throws {
        let c = try load("")
        #expect(c.spool.inbox == "/var/lib/wirewatch/inbox")
        #expect(c.spool.archive == "/var/lib/wirewatch/archive")
        #expect(c.spool.quarantine == "/var/lib/wirewatch/quarantine")
        #expect(c.store.path == "/var/lib/wirewatch/wirewatch.sqlite")
        #expect(c.spool.maxFileSize == 32 << 20)
        #expect(c.spool.rescanInterval == .seconds(300))
        #expect(c.alerts.storyWindow == .seconds(72 * 3600))
    }

    @Test func everyKeyIsRead() throws {
        let c = try load(
            """
            [spool]
            inbox = "/srv/in"
            archive = ""
            quarantine = "q"
            recursive = false
            ignore = ["*.crdownload"]
            max_file_size = "1MiB"
            rescan_interval = "30s"
            [store]
            path = "/srv/state/w.sqlite"
            [pipeline]
            workers = 4
            [alerts]
            story_window = "24h"
            min_priority = "warning"
            burst_limit = 10
            [[alerts.rule]]
            name = "strikes"
            events = ["missile_strike"]
            """)
        #expect(c.spool.inbox == "/srv/in")
        #expect(c.spool.archive == nil)
        #expect(c.spool.quarantine == "/srv/state/q")
        #expect(c.spool.recursive == false)
        #expect(c.spool.ignore == ["*.crdownload"])
        #expect(c.spool.maxFileSize == 1 << 20)
        #expect(c.spool.rescanInterval == .seconds(30))
        #expect(c.store.path == "/srv/state/w.sqlite")
        #expect(c.pipeline.workers == 4)
        #expect(c.alerts.storyWindow == .seconds(24 * 3600))
        #expect(c.alerts.minPriority == 4)
        #expect(c.alerts.burstLimit == 10)
    }

    @Test(arguments: [
        ("[spool]\ninbox = 3", "spool.inbox"),
        ("[spool]\ninbx = \"/x\"", "spool.inbx"),
        ("[spol]\ninbox = \"/x\"", "spol"),
        ("[spool]\nmax_file_size = \"lots\"", "spool.max_file_size"),
        ("[spool]\nrescan_interval = -5", "spool.rescan_interval"),
        ("[pipeline]\nworkers = 0", "pipeline.workers"),
        ("[alerts]\nmin_priority = \"loud\"", "alerts.min_priority"),
        ("[[alerts.rule]]\nname = \"x\"\nevnts = [\"a\"]", "alerts.rule[0].evnts"),
        ("[[alerts.rule]]\nevents = [\"a\"]", "alerts.rule[0].name"),
        ("[spool]\ninbox = \"/a\"\narchive = \"/a/archive\"", "spool.archive"),
    ])
    func badValuesNameTheKey(_ text: String, _ key: String) {
        #expect(throws: ConfigurationError.self) { try load(text) }
        do {
            _ = try load(text)
        } catch {
            #expect(error.key == key)
            #expect(error.description.hasPrefix("test.toml: \(key): "))
        }
    }

    @Test func syntaxErrorsSayWhere() {
        do {
            _ = try load("[spool\ninbox = 1")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.description.contains("line 1"))
        }
    }

    @Test func stateOverrideMovesTheStoreAndRelativePaths() throws {
        let c = try load("[spool]\narchive = \"old\"", state: "/tmp/s")
        #expect(c.store.path == "/tmp/s/wirewatch.sqlite")
        #expect(c.spool.archive == "/tmp/s/old")
        #expect(c.spool.inbox == "/tmp/s/inbox")
    }

    @Test func unitsParse() {
        #expect(Units.bytes("32MiB") == 32 << 20)
        #expect(Units.bytes("500k") == 500 * 1024)
        #expect(Units.bytes("12") == 12)
        #expect(Units.bytes("12 parsecs") == nil)
        #expect(Units.duration("5min") == .seconds(300))
        #expect(Units.duration("72h") == .seconds(72 * 3600))
        #expect(Units.duration("250ms") == .milliseconds(250))
        #expect(Units.priority("crit") == 2)
        #expect(Units.priority("6") == 6)
        #expect(Units.priority("9") == nil)
    }
}
