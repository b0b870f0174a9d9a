import Foundation
import Testing

@testable import WirewatchExtract

/// Real pages from the development corpus (gzipped, with their annotations) and small
/// hand-written pages for the metadata rules.
@Suite struct HTMLExtractionTests {
    static let pages = ["flowfx_de_tmux", "wordsmith_org_maudlin", "anarc_at_cdpath", "creativecommons_at_faircoin"]

    @Test(arguments: pages) func corpusPageGivesTitleAndCleanBody(page: String) throws {
        let bytes = try Fixtures.bytes("extract/html/\(page).html.gz")
        let article = try Extractor().extract(Dump(name: "\(page).html.gz", path: "", bytes: bytes))
        let annotation = try Fixtures.json("extract/html/annotations.json")[page] as! [String: Any]
        let body = article.body.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        func normalised(_ s: String) -> String {
            s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        #expect(article.source.format == .html && article.source.gzip)
        #expect((article.title ?? "").count >= 5)
        for snippet in annotation["with"] as! [String] {
            #expect(body.contains(normalised(snippet)), "missing \(snippet)")
        }
        for snippet in annotation["without"] as! [String] {
            #expect(!body.contains(normalised(snippet)), "kept \(snippet)")
        }
    }

    @Test func flowfxMetadata() throws {
        let bytes = try Fixtures.bytes("extract/html/flowfx_de_tmux.html.gz")
        let article = try Extractor().extract(Dump(name: "f.html.gz", path: "", bytes: bytes))
        #expect(article.title == "Copy & paste from tmux to system clipboard")
        #expect(article.publisher == "FlowFX")
        #expect(article.authors == ["Florian Posdziech"])
        #expect(article.published == "2020-01-16T18:20:33+01:00")
        #expect(article.language == "en")
    }

    @Test func jsonLDAndOpenGraphMetadata() throws {
        let html = """
            <!doctype html><html lang="en-GB"><head>
            <title>Embassy shuts in Kyiv | Example News</title>
            <meta property="og:site_name" content="Example News">
            <link rel="canonical" href="https://news.example/kyiv">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
              {"@type":"NewsArticle","headline":"Embassy shuts in Kyiv","datePublished":"2024-11-20T09:15:00Z",
               "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}],
               "publisher":{"@type":"Organization","name":"Example News Ltd"}}]}</script>
            </head><body>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
            <article><h1>Embassy shuts in Kyiv</h1>
            <p class="byline">By Jane Roe and John Doe</p>
            <p>The US embassy in Kyiv closed on Wednesday after a warning of a significant air attack, officials said.</p>
            <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
            <p>Staff were told to shelter in place, and citizens were urged to prepare for an air alert, the statement added.</p>
            <figure><img src="a.jpg"><figcaption>The embassy building. Photo: Reuters</figcaption></figure>
            <h2>What comes next</h2>
            <p>Other embassies, including those of Spain, Italy and Greece, also closed to the public for the day.</p>
            <div class="related-articles"><h3>Related</h3><ul><li><a href="/1">Another story entirely about something</a></li></ul></div>
            </article>
            <footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
            </body></html>
            """
        let article = try Extractor().extract(Dump(name: "k.html", path: "", bytes: Array(html.utf8)))
        #expect(article.title == "Embassy shuts in Kyiv")
        #expect(article.publisher == "Example News")
        #expect(article.authors == ["Jane Roe", "John Doe"])
        #expect(article.published == "2024-11-20T09:15:00Z")
        #expect(article.url == "https://news.example/kyiv")
        #expect(article.language == "en")
        #expect(article.provenance["title"] == "html:meta" || article.provenance["title"] == "html:json-ld")
        #expect(article.provenance["authors"] == "html:json-ld")
        #expect(article.provenance["published"] == "html:json-ld")
        let paragraphs = article.body.components(separatedBy: "\n\n")
        #expect(paragraphs.first?.hasPrefix("The US embassy in Kyiv closed") == true)
        #expect(paragraphs.contains("What comes next"))
        #expect(paragraphs.last?.hasPrefix("Other embassies") == true)
        for chrome in ["Share on", "Photo: Reuters", "Related", "Another story", "Copyright", "Home", "By Jane Roe"] {
            #expect(!article.body.contains(chrome), "kept \(chrome)")
        }
        #expect(article.summary.hasPrefix("The US embassy in Kyiv closed on Wednesday"))
    }

    @Test func titleSuffixIsStripped() {
        #expect(HTMLMetadata.stripSiteName("Big news today | The Site", publisher: nil) == "Big news today")
        #expect(HTMLMetadata.stripSiteName("Big news today - Example", publisher: "Example") == "Big news today")
        #expect(
            HTMLMetadata.stripSiteName("Left - right wing politics explained at length", publisher: nil)
                == "Left - right wing politics explained at length")
    }
}

@Suite struct HTMLFallbackTests {
    @Test func jsonLDArticleBodyWhenMarkupHasNone() throws {
        let html = """
            <html><head><script type="application/ld+json">{"@type":"BlogPosting","headline":"Rendered later",
            "articleBody":"The first paragraph arrives only through script.\\nThe second paragraph too, as it happens."}</script>
            </head><body><div id="app"></div></body></html>
            """
        let article = try Extractor().extract(Dump(name: "s.html", path: "", bytes: Array(html.utf8)))
        #expect(article.title == "Rendered later")
        #expect(
            article.body
                == "The first paragraph arrives only through script.\n\nThe second paragraph too, as it happens.")
        #expect(article.provenance["body"] == "html:json-ld")
    }

    @Test func pageWithoutTextThrowsNoText() {
        let html = "<html><head><title>Empty</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
        #expect(throws: ExtractError.noText) {
            try Extractor().extract(Dump(name: "e.html", path: "", bytes: Array(html.utf8)))
        }
    }
}
