import Foundation
import Testing

@testable import WirewatchExtract

/// The four seed dumps against their hand annotations (samples/expected).
@Suite struct SampleTests {
    static let samples = [
        "000_94253fa690feff79", "001_04d6666f64a9abc9", "002_774c5ed633c06924", "003_79f34e07c9bfe2d1",
    ]

    func extract(_ sample: String) throws -> (Article, [String: Any]) {
        let bytes = try Fixtures.bytes("samples/\(sample).txt")
        let article = try Extractor().extract(Dump(name: "\(sample).txt", path: "/inbox/\(sample).txt", bytes: bytes))
        return (article, try Fixtures.json("extract/expected/\(sample).json"))
    }

    @Test(arguments: samples) func metadataMatchesAnnotation(sample: String) throws {
        let (article, expected) = try extract(sample)
        #expect(article.title == expected["title"] as? String)
        #expect(article.publisher == expected["publisher"] as? String)
        #expect(article.authors == (expected["byline"] as? [String] ?? []))
        #expect(article.published == expected["published"] as? String)
        #expect(article.language == "en")
        #expect(article.source.format == .text)
        #expect(article.source.encoding == "utf-8")
        #expect(!article.source.gzip)
    }

    @Test(arguments: samples) func bodyKeepsArticleAndDropsChrome(sample: String) throws {
        let (article, expected) = try extract(sample)
        for sentence in expected["body_must_include"] as! [String] {
            #expect(article.body.contains(sentence), "missing: \(sentence.prefix(60))")
        }
        let paragraphs = Set(article.body.components(separatedBy: "\n\n"))
        for line in expected["boilerplate_lines"] as! [String] {
            #expect(!paragraphs.contains(line), "chrome kept: \(line.prefix(60))")
        }
        if let title = expected["title"] as? String { #expect(!paragraphs.contains(title)) }
    }

    @Test(arguments: samples) func bodyIsExactlyTheAnnotatedLines(sample: String) throws {
        let (article, expected) = try extract(sample)
        let text = String(decoding: try Fixtures.bytes("samples/\(sample).txt"), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let wanted = (expected["body_line_numbers"] as! [Int]).map { String(lines[$0 - 1].trimmedSpace()) }
        #expect(article.body.components(separatedBy: "\n\n") == wanted)
    }

    @Test func summaryIsTheOpeningSentences() throws {
        let (article, _) = try extract("000_94253fa690feff79")
        #expect(article.summary.hasPrefix("The US embassy in Kyiv has closed after receiving intelligence"))
        #expect(article.summary.contains("It comes just days after the Biden administration"))
        #expect(!article.summary.contains("Listen to this article"))
    }

    @Test func provenanceNamesTheRules() throws {
        let (lbc, _) = try extract("000_94253fa690feff79")
        #expect(lbc.provenance["title"] == "text:first-heading")
        #expect(lbc.provenance["authors"] == "text:byline")
        #expect(lbc.provenance["publisher"] == "text:byline")
        let (dated, _) = try extract("002_774c5ed633c06924")
        #expect(dated.provenance["published"] == "text:dateline")
        let (masthead, _) = try extract("003_79f34e07c9bfe2d1")
        #expect(masthead.provenance["publisher"] == "text:masthead")
    }

    @Test func identityIsTheContentHash() throws {
        let (article, _) = try extract("000_94253fa690feff79")
        #expect(article.source.sha256 == "573731f33dea09ecdb0d1828cc4e60c96b15beabfe2f42bb9672da034d7a4e69")
        #expect(article.id == "573731f33dea09ec")
        #expect(article.source.size == 2469)
        #expect(article.extractor == extractorVersion)
    }
}
