import Foundation
import Testing
import WirewatchExtract

@testable import WirewatchStories

@Suite struct AlertTests {
    @Test func sanitiseRemovesControlCharactersAndBoundsLength() {
        let hostile = "Headline\nMESSAGE_ID=0000\r\tinjected\u{0}end"
        let clean = Alert.sanitise(hostile)
        #expect(!clean.contains("\n"))
        #expect(!clean.contains("\u{0}"))
        #expect(clean == "Headline MESSAGE_ID=0000 injected end")
        let long = Alert.sanitise(String(repeating: "x", count: 10_000))
        #expect(long.unicodeScalars.count == Alert.maxFieldLength)
        #expect(long.hasSuffix("x…"))
        #expect(Alert.sanitise(String(repeating: "x", count: Alert.maxFieldLength)).hasSuffix("xx"), "no cut")
    }

    @Test("every kind of line break, control and bidi override goes; ordinary text stays")
    func sanitiseEveryControl() {
        let breaks = "a\u{2028}b\u{2029}c\u{85}d\u{7F}e\u{1B}[31mf\u{0B}g\u{0C}h\u{A0}i"
        #expect(Alert.sanitise(breaks) == "a b c d e [31mf g h i")
        #expect(Alert.sanitise("\u{202E}gnp.exe\u{202C} \u{FEFF}x\u{200F}") == "gnp.exe x")
        #expect(Alert.sanitise("  \n\t ") == "")
        #expect(Alert.sanitise("Zelensky: «Кyiv» — 東京 ✓") == "Zelensky: «Кyiv» — 東京 ✓")
        var every = String.UnicodeScalarView()
        every.append(contentsOf: (0..<UInt32(0x2100)).compactMap { Unicode.Scalar($0) })
        for scalar in Alert.sanitise(String(every)).unicodeScalars {
            #expect(scalar.properties.generalCategory != .control, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("a hostile value cannot add, split or alter a field")
    func hostileValues() {
        let line = String(repeating: "PRIORITY=0 ", count: 6000)
        let alert = Alert(
            kind: .newStory, priority: 9, rule: "r\nWIREWATCH_RULE=evil", message: "\n\u{0}\n",
            title: "T\nPRIORITY=0\nMESSAGE_ID=\(AlertKind.quarantined.messageID)\n" + line, publisher: "\n\r",
            file: "a\nSYSLOG_IDENTIFIER=sshd")
        let fields = alert.journalFields(id: 3)
        let keys = fields.map(\.key)
        #expect(
            keys == [
                "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "MESSAGE_ID", "WIREWATCH_KIND", "WIREWATCH_ALERT",
                "WIREWATCH_RULE", "WIREWATCH_TITLE", "WIREWATCH_FILE",
            ])
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.value) })
        #expect(values["PRIORITY"] == "7", "clamped to 0-7")
        #expect(values["SYSLOG_IDENTIFIER"] == "wirewatch")
        #expect(values["MESSAGE_ID"] == AlertKind.newStory.messageID)
        #expect(values["MESSAGE"] == "wirewatch alert: new_story", "an empty message falls back")
        #expect(values["WIREWATCH_RULE"] == "r WIREWATCH_RULE=evil")
        #expect(values["WIREWATCH_FILE"] == "a SYSLOG_IDENTIFIER=sshd")
        #expect(values["WIREWATCH_TITLE"]?.hasPrefix("T PRIORITY=0 MESSAGE_ID=") == true)
        for (_, value) in fields {
            #expect(value.unicodeScalars.count <= Alert.maxFieldLength)
            #expect(!value.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
    }

    @Test("the stderr line quotes values, so one cannot pose as another fact")
    func stderrLine() {
        let alert = Alert(
            kind: .quarantined, priority: 4, rule: "quarantine", message: "WARNING: x",
            file: "a] WIREWATCH_KIND=\"new_story")
        #expect(
            alert.stderrLine(id: 5)
                == "<4>WARNING: x [MESSAGE_ID=\(AlertKind.quarantined.messageID) WIREWATCH_KIND=quarantined "
                + "WIREWATCH_ALERT=5 WIREWATCH_RULE=quarantine WIREWATCH_FILE=\"a] WIREWATCH_KIND=\\\"new_story\"]")
    }

    @Test("a burst summary counts the folded alerts per priority and takes the gravest")
    func burstSummary() {
        let folded: [(id: Int64, alert: Alert)] = [
            (4, Alert(kind: .newStory, priority: 6, rule: "r", message: "INFO: a", story: "s1")),
            (5, Alert(kind: .escalated, priority: 2, rule: "r", message: "CRITICAL: b", story: "s2")),
            (7, Alert(kind: .corroborated, priority: 5, rule: "r", message: "NOTICE: c", story: "s1")),
        ]
        let summary = Alert.burstSummary(
            folding: folded, limit: 30, since: "2026-11-21T22:10:05Z", until: "2026-11-21T22:10:50Z")
        #expect(summary.kind == .burstSummary)
        #expect(summary.priority == 2)
        #expect(summary.burst?.alertIDs == [4, 5, 7])
        #expect(summary.burst?.stories == ["s1", "s2"])
        #expect(summary.burst?.byPriority == [0, 0, 1, 0, 0, 1, 1, 0])
        #expect(
            summary.message
                == "CRITICAL: 3 more alerts held back by burst_limit 30 between 2026-11-21T22:10:05Z and "
                + "2026-11-21T22:10:50Z (1 crit, 1 notice, 1 info); gravest: CRITICAL: b; "
                + "list them with: wirewatch alerts --since 2026-11-21T22:10:05Z")
        let fields = Dictionary(uniqueKeysWithValues: summary.journalFields(id: 9).map { ($0.key, $0.value) })
        #expect(fields["MESSAGE_ID"] == AlertKind.burstSummary.messageID)
        #expect(fields["WIREWATCH_FOLDED"] == "3")
        #expect(fields["WIREWATCH_BURST_LIMIT"] == "30")
        #expect(fields["WIREWATCH_STORIES"] == "s1 s2")
        #expect(fields["WIREWATCH_SINCE"] == "2026-11-21T22:10:05Z")
        #expect(fields["WIREWATCH_STORY"] == nil)
    }

    @Test("alerts stored before the burst field existed still decode")
    func decodesOldJSON() throws {
        let json = #"{"kind":"new_story","priority":6,"rule":"r","message":"m","entities":[],"sources":1}"#
        let alert = try JSONDecoder().decode(Alert.self, from: Data(json.utf8))
        #expect(alert.burst == nil)
        #expect(alert.sources == 1)
    }

    @Test func journalFieldsCarryTheFactsAndTheMessageID() throws {
        let article = Article(
            id: "94253fa690feff79",
            source: .init(
                name: "000.txt", path: "/in/000.txt", size: 10, sha256: "94253fa690feff79aa",
                format: .text, encoding: "utf-8", gzip: false),
            extractor: extractorVersion, title: "Embassy closes\nPRIORITY=0", publisher: "LBC")
        let alerts = AlertPolicy().alerts(for: article, story: "s1", file: "000.txt")
        #expect(alerts.count == 1)
        let fields = Dictionary(alerts[0].journalFields().map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(fields["MESSAGE_ID"] == AlertKind.newStory.messageID)
        #expect(fields["PRIORITY"] == "6")
        #expect(fields["WIREWATCH_ARTICLE"] == "94253fa690feff79")
        #expect(fields["WIREWATCH_TITLE"] == "Embassy closes PRIORITY=0")
        #expect(fields["WIREWATCH_FILE"] == "000.txt")
        #expect(fields["MESSAGE"]?.hasPrefix("INFO: Embassy closes") == true)
    }

    @Test func severityFollowsGoldsteinDefaults() {
        #expect(Severity(goldstein: -10).priority == 2)
        #expect(Severity(goldstein: -7).priority == 4)
        #expect(Severity(goldstein: -2).priority == 5)
        #expect(Severity(goldstein: 7.4).priority == 6)
    }

    @Test func messageIDsAreDistinct128BitHex() {
        let ids = AlertKind.allCases.map(\.messageID)
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(id.count == 32 && id.allSatisfy(\.isHexDigit)) }
    }
}
