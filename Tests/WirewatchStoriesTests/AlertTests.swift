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
        #expect(Alert.sanitise(String(repeating: "x", count: 10_000)).count == Alert.maxFieldLength)
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
