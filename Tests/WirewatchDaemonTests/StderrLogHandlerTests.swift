import Logging
import Synchronization
import Testing

@testable import WirewatchDaemon

@Suite struct StderrLogHandlerTests {
    final class Lines: Sendable {
        let value = Mutex<[String]>([])
        func append(_ line: String) { value.withLock { $0.append(line) } }
        var all: [String] { value.withLock { $0 } }
    }

    @Test func linesCarryTheSyslogPrefixJournaldReads() {
        let lines = Lines()
        let logger = Logger(label: "t") { StderrLogHandler(label: $0, level: .debug, write: lines.append) }
        logger.error("cannot archive dump", metadata: ["file": "a.txt"])
        logger.warning("inotify queue overflowed")
        logger.info("stored article")
        logger.debug("details")
        #expect(
            lines.all == [
                "<3>cannot archive dump file=a.txt\n", "<4>inotify queue overflowed\n", "<6>stored article\n",
                "<7>details\n",
            ])
    }

    @Test func aNewlineInAMessageCannotStartAnUnprefixedEntry() {
        let lines = Lines()
        let logger = Logger(label: "t") { StderrLogHandler(label: $0, write: lines.append) }
        logger.notice("title\n<0>forged emergency")
        #expect(lines.all == ["<5>title <0>forged emergency\n"])
    }

    @Test func carriageReturnsAndEscapesFromAFileNameCannotRewriteTheTerminal() {
        let lines = Lines()
        let logger = Logger(label: "t") { StderrLogHandler(label: $0, write: lines.append) }
        logger.warning("quarantined", metadata: ["file": "a\rforged\u{1B}[2Jb\u{9B}c\u{7F}.txt"])
        #expect(lines.all == ["<4>quarantined file=a forged [2Jb c .txt\n"])
    }

    @Test func levelsBelowTheThresholdAreDropped() {
        let lines = Lines()
        let logger = Logger(label: "t") { StderrLogHandler(label: $0, level: .warning, write: lines.append) }
        logger.info("quiet")
        logger.critical("loud")
        #expect(lines.all == ["<2>loud\n"])
    }
}
