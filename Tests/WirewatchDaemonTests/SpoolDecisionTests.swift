import Foundation
import Testing
import WirewatchStore
import WirewatchSystem

@testable import WirewatchDaemon

@Suite struct SpoolDecisionTests {
    @Test func onlyNonEmptyRegularFilesWithinTheLimitAreRead() {
        #expect(SpoolDecision.admit(kind: .regular, size: 10, maxFileSize: 100) == .read)
        #expect(SpoolDecision.admit(kind: .regular, size: 100, maxFileSize: 100) == .read)
        #expect(SpoolDecision.admit(kind: .regular, size: 0, maxFileSize: 100) == .quarantine("empty file"))
        #expect(
            SpoolDecision.admit(kind: .regular, size: 101, maxFileSize: 100)
                == .quarantine("file of 101 bytes exceeds max_file_size 100"))
    }

    @Test func specialFilesAreLeftAlone() {
        for kind in [FileKind.fifo, .socket, .characterDevice, .blockDevice, .directory, .symlink] {
            guard case .skip = SpoolDecision.admit(kind: kind, size: 0, maxFileSize: 100) else {
                Issue.record("\(kind) must be skipped")
                continue
            }
        }
    }

    @Test func ledgerDecidesNewRecoveredOrDuplicate() {
        #expect(SpoolDecision.identify(ledger: nil, path: "a.txt") == .new)
        let stored = LedgerEntry(
            sha256: "ab", name: "a.txt", path: "a.txt", size: 1, outcome: .stored, article: "abcd", reason: nil,
            at: Date())
        #expect(SpoolDecision.identify(ledger: stored, path: "a.txt") == .alreadyStored(articleID: "abcd"))
        #expect(SpoolDecision.identify(ledger: stored, path: "copy.txt") == .duplicate(articleID: "abcd"))
        let quarantined = LedgerEntry(
            sha256: "ab", name: "a.txt", path: "a.txt", size: 1, outcome: .quarantined, article: nil, reason: "empty",
            at: Date())
        #expect(SpoolDecision.identify(ledger: quarantined, path: "a.txt") == .new)
    }

    @Test func destinationsNeverRepeatAndKeepTheExtension() {
        let names = SpoolDecision.destinations(relativePath: "sub/page.html.gz", id: "94253fa6", attempts: 3)
        #expect(
            names == [
                "sub/page.html.gz", "sub/page.94253fa6.html.gz", "sub/page.94253fa6-2.html.gz",
                "sub/page.94253fa6-3.html.gz",
            ])
        #expect(
            SpoolDecision.destinations(relativePath: "README", id: "ff", attempts: 2) == [
                "README", "README.ff", "README.ff-2",
            ])
        #expect(SpoolDecision.destinations(relativePath: ".x", id: "ff", attempts: 2)[1] == ".x.ff")
    }
}
