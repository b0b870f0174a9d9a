import Testing
import WirewatchHTML

@testable import WirewatchExtract

/// One test per body or metadata rule, on small hand-written pages.
@Suite struct HTMLHeuristicTests {
    /// A paragraph long enough to count as article prose.
    static func prose(_ topic: String) -> String {
        "<p>The council said on Tuesday that \(topic) would be reviewed again next month, after residents, traders and "
            + "two local charities asked for a public hearing on the plans and their costs.</p>"
    }

    func body(_ html: String) -> String {
        HTMLBody().paragraphs(HTMLParser.parse(Array(html.utf8)), title: nil).joined(separator: "\n\n")
    }

    @Test func linkListsAreNotArticle() {
        let text = body(
            """
            <html><body><div class="links"><ul><li><a href="/a">Markets today and tomorrow</a></li>
            <li><a href="/b">Politics live from Westminster</a></li><li><a href="/c">Weather for the weekend</a></li>
            </ul></div><div>\(Self.prose("the bus lane"))\(Self.prose("the new bridge"))</div></body></html>
            """)
        #expect(text.contains("the bus lane"))
        #expect(!text.contains("Westminster"))
    }

    @Test func theStandfirstThatTheDescriptionRepeatsIsKept() {
        let lead = "Residents asked for a public hearing on the bridge plans and their costs"
        let text = body(
            """
            <html><head><meta name="description" content="\(lead)..."></head><body>
            <header><h1>Bridge plans</h1><p>\(lead), the council said.</p></header>
            <p class="teaser">Another story entirely, about the weather and the trains this weekend in town.</p>
            <div class="story"><div>\(Self.prose("the bus lane"))\(Self.prose("the new bridge"))</div></div></body></html>
            """)
        #expect(text.hasPrefix(lead))
        #expect(!text.contains("Another story"))
    }

    @Test func hiddenGallerySlidesDressedLikeTheVisibleOneAreKept() {
        let text = body(
            """
            <html><body><main><div class="slide first">\(Self.prose("the bus lane"))</div>
            <div class="slide" style="display: none">\(Self.prose("the new bridge"))</div>
            <div class="popup" style="display:none">\(Self.prose("the hidden offer"))</div></main></body></html>
            """)
        #expect(text.contains("the bus lane"))
        #expect(text.contains("the new bridge"))
        #expect(!text.contains("the hidden offer"))
    }

    @Test func lookAlikeLetterAdvertsAndPageStampsAreDropped() {
        let text = body(
            """
            <html><body><article>\(Self.prose("the bus lane"))\(Self.prose("the new bridge"))
            <p>\u{410}dv\u{435}rt\u{456}s\u{435} w\u{456}th us t\u{43E}day, we \u{43E}ffer great packages.</p>
            <p>bridge.html - Created 03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm</p></article></body></html>
            """)
        #expect(text.contains("the new bridge"))
        #expect(!text.contains("packages"))
        #expect(!text.contains("Last Modified"))
    }

    @Test func affiliateDisclosuresAreNotices() {
        #expect(
            HTMLNotice.isNotice(
                "We recommend the best products through an independent review process, and advertisers do not "
                    + "influence our picks. We may receive compensation if you visit partners we recommend.",
                words: 30))
        #expect(!HTMLNotice.isNotice("The advertiser said the campaign had cost more than planned.", words: 10))
    }

    @Test func classHintsDropShareAndCommentBlocks() {
        let text = body(
            """
            <html><body><article>\(Self.prose("the bus lane"))
            <div class="share-tools"><p>Share this story with your friends and family on every network you use.</p></div>
            \(Self.prose("the new bridge"))
            <section id="comments"><p>I think the council is wrong about this, and so do all my neighbours, honestly.</p>
            </section></article></body></html>
            """)
        #expect(text.contains("the bus lane") && text.contains("the new bridge"))
        #expect(!text.contains("Share this story"))
        #expect(!text.contains("my neighbours"))
    }

    @Test func taxonomyClassesDoNotMakeFurniture() {
        // WordPress names a post's categories in its class: "category-social-issues".
        let text = body(
            """
            <html><body><nav><a href="/">Home</a></nav>
            <div class="post category-social-issues tag-share-prices">\(Self.prose("the bus lane"))
            \(Self.prose("the new bridge"))</div></body></html>
            """)
        #expect(text.contains("the bus lane") && text.contains("the new bridge"))
    }

    @Test func listsAndTablesInTheArticleAreKept() {
        let text = body(
            """
            <html><body><article>\(Self.prose("the bus lane"))
            <ul><li>Three new crossings on the high street, paid for by the county.</li>
            <li>A twenty mile an hour limit near the two primary schools.</li></ul>
            <table><tr><th>Route</th><th>Cost</th></tr><tr><td>High Street</td><td>£1.2m</td></tr></table>
            \(Self.prose("the new bridge"))</article></body></html>
            """)
        #expect(text.contains("Three new crossings"))
        #expect(text.contains("A twenty mile an hour limit"))
        #expect(text.contains("Route | Cost"))
        #expect(text.contains("High Street | £1.2m"))
    }

    @Test func standfirstInTheHeaderIsKept() {
        let text = body(
            """
            <html><body><main><div class="hero"><h1>Bridge reopens</h1>
            <p>The bridge reopened on Monday after two years of repairs, and traffic was flowing again by noon.</p>
            <p>By Jane Roe</p></div>
            <div class="story">\(Self.prose("the bus lane"))\(Self.prose("the new bridge"))\(Self.prose("the car park"))
            </div></main><footer><p>Copyright Example News, all rights reserved, 2024.</p></footer></body></html>
            """)
        #expect(text.hasPrefix("The bridge reopened on Monday"))
        #expect(!text.contains("By Jane Roe"))
        #expect(!text.contains("Copyright"))
    }

    @Test func siteNoticesAndLabelCaptionsAreDropped() {
        let text = body(
            """
            <html><body><article>\(Self.prose("the bus lane"))
            <p>Abbildung: Die neue Brücke im Bau.</p>
            \(Self.prose("the new bridge"))
            <p>Get the latest news straight to your phone with our app.</p>
            <p>EXAMPLENEWS.COM</p></article></body></html>
            """)
        #expect(text.contains("the new bridge"))
        #expect(!text.contains("Abbildung"))
        #expect(!text.contains("your phone"))
        #expect(!text.contains("EXAMPLENEWS"))
        #expect(HTMLNotice.isNotice("Never miss the latest news by signing up to our newsletter today!", words: 12))
        #expect(!HTMLNotice.isNotice("Officials said Twitter had removed the posts on Monday.", words: 9))
        #expect(HTMLNotice.isCaption("Figure 2: Snow depth in the Alps"))
        #expect(!HTMLNotice.isCaption("Figures released on Monday show a rise."))
    }

    /// Captions are read on bytes when the label is ASCII; other openings take the
    /// Unicode path, and both agree on what a label is.
    @Test func captionLabelsOnBytesAndOnCharacters() {
        for caption in ["(Credit: AP)", "ABBILDUNG 2 : Karte", "Fig. 3.1: Snow", "  Photo:x", "Imagen 2: ", "foto:"] {
            #expect(HTMLNotice.isCaption(caption), "\(caption)")
        }
        for text in [
            "Photographer: Ann", "Figure 2 said: x", "Figure 2 \u{FF1A} x", "Fig\u{301}: x", "Figure 2:\u{301} x",
            "Figure ２: x", "Credit", "Bild 3", "Bild: \u{301}", ": Figure",
        ] {
            #expect(HTMLNotice.isCaption(text) == referenceIsCaption(text), "\(text)")
        }
        #expect(HTMLNotice.isCaption("Figure ²: x") == referenceIsCaption("Figure ²: x"))
        #expect(!HTMLNotice.isCaption("Fig\u{301}: x"))
    }

    /// `isCaption` as it read before the byte path: lowercased characters.
    func referenceIsCaption(_ text: String) -> Bool {
        guard text.contains(":") else { return false }
        var rest = Substring(text.lowercased()).drop { $0 == "(" || $0 == " " }
        let label = rest.prefix { $0.isLetter }
        let labels: Set<String> = [
            "abbildung", "abb", "figure", "fig", "bild", "foto", "photo", "image", "credit", "grafik", "illustration",
            "figura", "imagen", "immagine",
        ]
        guard labels.contains(String(label)) else { return false }
        rest = rest.dropFirst(label.count).drop { $0 == "." || $0 == " " || $0.isNumber }
        return rest.first == ":"
    }

    @Test func declaredBodyLinesSplitLikeCharacters() {
        for text in [
            "", "one", "  one  two \n\n three\r\nfour\rfive", "a\u{0B}b\u{0C}c\u{85}d\u{2028}e\u{2029}f",
            "\n\u{301}x\r\n\u{301}", "Å\u{85}é — “quoted”\u{A0}\u{2003}end\n", "\r\n\r\n",
        ] {
            let reference = text.split(whereSeparator: \.isNewline).map { $0.collapsingWhitespace() }.filter {
                !$0.isEmpty
            }
            #expect(HTMLMetadata.lines(of: text) == reference, "\(Array(text.unicodeScalars))")
        }
    }

    /// Block dedup keeps `String` equality: canonically equivalent texts are one text.
    @Test func textSetUsesStringEquality() {
        var set = TextSet()
        let first = ["café au lait", "Kelvin 5 K", "a;b", "", "2 words"]
        let equivalent = ["cafe\u{301} au lait", "Kelvin 5 \u{212A}", "a\u{37E}b", "", "2 words"]
        let different = ["café au laít", "3 words", "Kelvin 5 k", "a:b", " "]
        #expect(first.map { set.insert($0) } == [true, true, true, true, true])
        #expect(equivalent.map { set.insert($0) } == [false, false, false, false, false])
        #expect(different.map { set.insert($0) } == [true, true, true, true, true])
    }

    @Test func canonicalLinksAreFoundAmongRelWords() {
        for rel in ["canonical", "Canonical amphtml", "alternate  CANONICAL", "x canonical"] {
            #expect(HTMLMetadata.isCanonical(Array(rel.utf8)[...]), "\(rel)")
        }
        for rel in ["", "alternate", "noncanonical", "canonicals", "canonical\u{301}", "canonical-url", "canon ical"] {
            #expect(!HTMLMetadata.isCanonical(Array(rel.utf8)[...]), "\(rel)")
        }
        #expect(HTMLMetadata.isCanonical(Array("CANONİCAL x canonical".utf8)[...]))
    }

    @Test func bylinesAreValidatedAsNames() {
        let names = HTMLAuthors.names(
            [
                "By Jane Roe and John Doe", "Example News", "Staff", "No Author", "Grant Tinsley, PhD", "CNN",
                "examplenews.com", "3 Minute Read",
            ],
            publisher: "Example News", url: "https://www.examplenews.com/a")
        #expect(names == ["Jane Roe", "John Doe", "Grant Tinsley"])
        #expect(HTMLAuthors.isName("T. V. Raman", publisher: nil, host: nil))
        #expect(!HTMLAuthors.isName("BahamasLocal.com", publisher: nil, host: nil))
        #expect(!HTMLAuthors.isName("Fifplay", publisher: nil, host: "fifplay.com"))
    }

    @Test func datesAreValidated() {
        let modified = HTMLDate.epochDay(year: 2024, month: 11, day: 21) * 86_400
        #expect(HTMLDate.validated("2024-11-20T09:15:00Z", modified: modified) == "2024-11-20T09:15:00Z")
        #expect(HTMLDate.validated("2024-11-22", modified: modified) == "2024-11-22")  // time-zone slack
        #expect(HTMLDate.validated("2024-12-25", modified: modified) == nil)  // after the file was written
        #expect(HTMLDate.validated("2025-12-25", modified: nil) == "2025-12-25")
        #expect(HTMLDate.validated("2023-02-30", modified: nil) == nil)
        #expect(HTMLDate.validated("1970-01-01", modified: nil) == nil)
        #expect(HTMLDate.validated("soon", modified: nil) == nil)
        #expect(HTMLDate.epochDay(year: 1970, month: 1, day: 1) == 0)
        #expect(HTMLDate.epochDay(year: 2000, month: 3, day: 1) == 11_017)
    }

    @Test func jsonLDGraphIsWalkedAndFutureDatesFallBack() {
        let html = """
            <html><head><meta property="article:published_time" content="2024-11-19T08:00:00Z">
            <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@context":"https://schema.org",
            "@graph":[{"@type":"WebPage","name":"x"},{"@type":["ReportageNewsArticle"],"headline":"Bridge reopens",
            "datePublished":"2031-01-01","author":[{"@type":"Person","name":"By Jane Roe"},
            {"@type":"Organization","name":"Example News"}],"publisher":{"@type":"Organization","name":"Example News"}}]}]
            </script></head><body>\(Self.prose("the bus lane"))</body></html>
            """
        var fields = ArticleFields()
        let modified = HTMLDate.epochDay(year: 2024, month: 11, day: 21) * 86_400
        HTMLMetadata.read(HTMLParser.parse(Array(html.utf8)), modified: modified, into: &fields)
        #expect(fields.title == "Bridge reopens")
        #expect(fields.publisher == "Example News")
        #expect(fields.authors == ["Jane Roe"])
        #expect(fields.provenance["authors"] == "html:json-ld")
        #expect(fields.published == "2024-11-19T08:00:00Z")
        #expect(fields.provenance["published"] == "html:meta")
    }

    @Test func pagesOpeningWithAStyleSheetAreHTML() {
        #expect(FormatSniffer.isHTML("<style>\n body { margin: 0 }\n</style>\n<div>Hello</div>"))
        #expect(!FormatSniffer.isHTML("Style guide\n\nWrite short sentences."))
    }
}
