import Testing

@testable import WirewatchDaemon

@Suite struct IgnoreRulesTests {
    @Test(arguments: [".hidden", "a.part", "b.PART", "c.tmp", "d.txt~", "", "x.reason.json"])
    func inProgressNamesAreIgnored(_ name: String) {
        #expect(IgnoreRules().ignores(name))
    }

    @Test(arguments: ["000_94253fa690feff79.txt", "page.html.gz", "report", "part", "a.partial", "tmp.txt"])
    func completeNamesAreTaken(_ name: String) {
        #expect(!IgnoreRules().ignores(name))
    }

    @Test func configPatternsAddToTheFixedRules() {
        let rules = IgnoreRules(patterns: ["*.crdownload", "draft-??.txt", "[Tt]humbs.db"])
        #expect(rules.ignores("page.crdownload"))
        #expect(rules.ignores("draft-01.txt"))
        #expect(!rules.ignores("draft-001.txt"))
        #expect(rules.ignores("Thumbs.db"))
        #expect(rules.ignores("thumbs.db"))
        #expect(!rules.ignores("page.html"))
    }

    @Test func globHandlesStarsBracketsAndEscapes() {
        #expect(Glob.matches(pattern: "*", name: "anything"))
        #expect(Glob.matches(pattern: "a*b*c", name: "aXXbYYc"))
        #expect(!Glob.matches(pattern: "a*b*c", name: "aXXbYY"))
        #expect(Glob.matches(pattern: "[!a]x", name: "bx"))
        #expect(!Glob.matches(pattern: "[!a]x", name: "ax"))
        #expect(Glob.matches(pattern: "[a-c]1", name: "b1"))
        #expect(Glob.matches(pattern: "\\*", name: "*"))
        #expect(!Glob.matches(pattern: "\\*", name: "a"))
        #expect(Glob.matches(pattern: "[unclosed", name: "[unclosed"))
    }
}
