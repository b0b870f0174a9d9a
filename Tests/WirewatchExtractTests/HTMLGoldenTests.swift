import Foundation
import Testing

@testable import WirewatchExtract

/// Corpus pages with their expected metadata and body snippets, checked in under
/// `Tests/Fixtures/extract/html-golden/` (`<page>.html.gz` next to `<page>.json`).
@Suite struct HTMLGoldenTests {
    static let pages = [
        "acpjournals_org_3075", "bbc_com_52241221", "edition_cnn_com-royal", "gothamist_com-plagues",
        "independent_co_uk_penalty", "latimes_com_bloomberg", "laweekly_com-Cultivation",
        "medicalnewstoday_com_318674", "nextkabinett_wordpress_com_garden", "nytimes_com_blackouts",
        "phys_org_tool", "pythonspeed_com_docker", "theguardian_com_academics", "theverge_com_ios13",
    ]

    @Test(arguments: pages) func pageMatchesGolden(page: String) throws {
        let bytes = try Fixtures.bytes("extract/html-golden/\(page).html.gz")
        let expected = try Fixtures.json("extract/html-golden/\(page).json")
        let article = try Extractor().extract(Dump(name: "\(page).html.gz", path: "", bytes: bytes))
        #expect(article.source.format == .html)
        #expect(article.title == expected["title"] as? String)
        #expect(article.publisher == expected["publisher"] as? String)
        #expect(article.authors == expected["authors"] as? [String])
        #expect(article.published == expected["published"] as? String)
        #expect(article.url == expected["url"] as? String)
        #expect(article.language == expected["language"] as? String)
        let body = normalised(article.body)
        for snippet in expected["with"] as! [String] {
            #expect(body.contains(normalised(snippet)), "missing \(snippet)")
        }
        for snippet in expected["without"] as! [String] {
            #expect(!body.contains(normalised(snippet)), "kept \(snippet)")
        }
        let paragraphs = article.body.split(separator: "\n\n").map(String.init)
        #expect(!paragraphs.contains(article.title ?? ""), "headline repeated in the body")
        #expect(!article.summary.isEmpty)
    }

    private func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
