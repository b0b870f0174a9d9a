import Testing

@testable import WirewatchHTML

@Suite struct HTMLParserTests {
    @Test func buildsLowercasedTreeWithAttributesAndText() throws {
        let html = Array("<HTML lang=en><Body><P CLASS='lead'>Caf&eacute; &amp; <b>bar</b></P></body></html>".utf8)
        let document = HTMLParser.parse(html)
        let htmlElement = try #require(document.first("html"))
        #expect(htmlElement.attribute("lang") == "en")
        let paragraph = try #require(document.first("p"))
        #expect(paragraph.attribute("class") == "lead")
        #expect(paragraph.textContent == "Café & bar")
        #expect(paragraph.elements.map(\.tag) == ["b"])
    }

    @Test func keepsScriptContentForJSONLD() throws {
        let html = Array(
            #"<html><head><script type="application/ld+json">{"headline":"A < B"}</script></head></html>"#.utf8)
        let script = try #require(HTMLParser.parse(html).first("script"))
        #expect(script.textContent == #"{"headline":"A < B"}"#)
    }

    @Test func repairsBrokenMarkupSilently() throws {
        let html = Array("<div><p>one<p>two</span></div><table><td>cell".utf8)
        let document = HTMLParser.parse(html)
        var paragraphs: [String] = []
        document.root.forEachDescendant { if $0.tag == "p" { paragraphs.append($0.textContent) } }
        #expect(paragraphs == ["one", "two"])
        #expect(document.first("td")?.textContent == "cell")
    }

    @Test func decodesTheGivenEncoding() throws {
        let latin1: [UInt8] = Array("<p>na".utf8) + [0xEF] + Array("ve</p>".utf8)
        let paragraph = try #require(HTMLParser.parse(latin1, encoding: "ISO-8859-1").first("p"))
        #expect(paragraph.textContent == "naïve")
    }

    @Test func ignoresTheDocumentsOwnCharsetWhenTheCallerDecides() throws {
        let bytes = Array("<meta charset=iso-8859-1><p>naïve</p>".utf8)
        #expect(HTMLParser.parse(bytes).first("p")?.textContent == "naïve")
    }

    @Test func emptyAndNonsenseInputGiveADocument() {
        #expect(HTMLParser.parse([]).root.children.isEmpty)
        _ = HTMLParser.parse([0x00, 0x01, 0x3C, 0x3C, 0xFF])
    }

    @Test func dropsContentsNoConsumerReadsButKeepsTheElements() throws {
        let html = Array(
            """
            <html><head><style>p { color: red }</style><script>var x = "<p>no</p>";</script>
            <script type="application/ld+json">{"a":1}</script><script type="application/json">{"b":2}</script></head>
            <body><svg><title>icon</title><path d="M0"/></svg><p>yes</p></body></html>
            """.utf8)
        let document = HTMLParser.parse(html)
        #expect(document.first("style")?.textContent == "")
        #expect(document.root.elements(named: "script").map(\.textContent) == ["", #"{"a":1}"#, ""])
        #expect(document.first("svg")?.children.isEmpty == true)
        #expect(document.first("path") == nil)
        #expect(document.first("p")?.textContent == "yes")
    }

    @Test func subtreesAreContiguousRangesOfNodes() throws {
        let document = HTMLParser.parse(Array("<body><div>a<b>b</b>c</div><p>d</p></body>".utf8))
        let div = try #require(document.first("div"))
        let end = Int(document.nodes[div.index].end)
        let inside = document.nodes[(div.index + 1)..<end]
        #expect(inside.filter(\.isText).map { document.string($0.range) } == ["a", "b", "c"])
        #expect(inside.allSatisfy { $0.parent >= Int32(div.index) })
        #expect(document.nodes[end].name == document.nameID("p"))
        #expect(document.nodes[0].end == Int32(document.nodes.count))
    }

    @Test func deepNestingDoesNotOverflow() throws {
        let depth = 5000
        let html = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let document = HTMLParser.parse(Array(html.utf8))
        #expect(document.root.textContent.contains("deep"))
    }
}

@Suite struct HTMLAccessorTests {
    let document = HTMLParser.parse(
        Array("<body><p>Caf&eacute; <b>one</b></p><div><p id=second>two</p></div><P>three</P></body>".utf8))

    @Test func textLengthCountsUTF8BytesOfTheText() {
        #expect(document.root.textLength == document.root.textContent.utf8.count)
        #expect(document.first("p")?.textLength == "Café one".utf8.count)
    }

    @Test func elementsNamedAndFirstAreInDocumentOrder() {
        #expect(document.root.elements(named: "p").map(\.textContent) == ["Café one", "two", "three"])
        #expect(document.first("p")?.textContent == "Café one")
        #expect(document.root.firstDescendant { $0.attribute("id") == "second" }?.textContent == "two")
        #expect(document.first("table") == nil)
    }
}

@Suite struct RawTextFilterTests {
    func filtered(_ html: String) -> String {
        let bytes = Array(html.utf8)
        let result = bytes.withUnsafeBufferPointer(RawTextFilter.filter) ?? bytes
        return String(decoding: result, as: UTF8.self)
    }

    @Test func cutsScriptStyleAndSVGContentsButKeepsTheTags() {
        #expect(
            filtered("<p>a</p><SCRIPT src=x>if (a<b) {}</Script><style>p{}</style><svg><path/></svg><p>b</p>")
                == "<p>a</p><SCRIPT src=x></Script><style></style><svg></svg><p>b</p>")
    }

    @Test func keepsJSONLDScriptsOnly() {
        let metadata =
            #"<script type="application/ld+json">{"a":"<b>"}</script><script type=application/ld+json>[1]</script>"#
        #expect(filtered(metadata) == metadata)
        #expect(
            filtered(#"<script type="application/json">{"state":1}</script>"#)
                == #"<script type="application/json"></script>"#)
    }

    @Test func ignoresTagsInCommentsAndAttributeValues() {
        let html = #"<!-- <script> --><p title="<script>">text</p><img alt='<style>'>more"#
        #expect(filtered(html) == html)
    }

    @Test func selfClosingIsReadOutsideQuotedValues() {
        // The tag's end is the first ">" outside quotes, however long the tag; "/>" closes it.
        let longClass = String(repeating: "word ", count: 20)
        #expect(
            filtered(#"<svg class="\#(longClass)" a='>' / ><p>x</p><svg b=">/">y</svg>"#)
                == #"<svg class="\#(longClass)" a='>' / ><p>x</p><svg b=">/"></svg>"#)
        #expect(
            filtered(#"<style media="a>b/">p{}</style><script src=/>x</script>"#)
                == #"<style media="a>b/"></style><script src=/>x</script>"#)
        #expect(filtered(#"<style title="open>p{}</style>"#) == #"<style title="open>p{}</style>"#)
    }

    @Test func anUnclosedScriptRunsToTheEnd() {
        #expect(filtered("<p>a</p><script>var x = 1;") == "<p>a</p><script>")
    }

    @Test func theParserSeesTheSameDocument() throws {
        let html = Array(
            #"<html><head><script type="application/ld+json">{"headline":"H"}</script><style>b{}</style></head><body><p>one</p><script>document.write("<p>two</p>")</script><p>three</p></body></html>"#
                .utf8)
        let document = HTMLParser.parse(html)
        #expect(document.root.elements(named: "p").map(\.textContent) == ["one", "three"])
        #expect(document.first("script")?.textContent == #"{"headline":"H"}"#)
    }
}

@Suite struct AttributeFilterTests {
    func filtered(_ html: String) -> String {
        let bytes = Array(html.utf8)
        let result = bytes.withUnsafeBufferPointer(AttributeFilter.filter)?.bytes ?? bytes
        return String(decoding: result, as: UTF8.self)
    }

    /// Every node and stored attribute as text, with names spelled out: ids of names
    /// outside `knownNames` depend on which names libxml2 reported.
    func outline(_ document: HTMLDocument) -> [String] {
        document.nodes.enumerated().map { index, node in
            if node.isText { return "text \(node.parent) \(document.string(node.range))" }
            let attributes = document.attributes[node.range].map {
                "\(document.names[Int($0.name)])=\(document.string($0.value))"
            }
            return "\(document.names[Int(node.name)]) \(node.parent) \(node.end) \(attributes)"
        }
    }

    @Test func removesTheAttributesTheDocumentDoesNotStore() {
        // A form feed is no blank to libxml2: it stays in the unquoted value.
        #expect(filtered("<img src=y\u{0C}>") == "<img >")
        // Kept attributes whose values hold an entity stay in the tag.
        #expect(
            filtered(#"<div class="a&amp;" data-x = "1>" id=b SRC='c' hidden>t</div><br/>"#)
                == #"<div class="a&amp;"  id=b  hidden>t</div><br/>"#)
        #expect(filtered(#"<p class=x&lt;>plain</p>"#) == #"<p class=x&lt;>plain</p>"#)
        #expect(
            filtered(#"<a href="/x" target=_blank rel=a&amp;b data-n=1 title="t">"#) == #"<a  rel=a&amp;b  title="t">"#)
    }

    @Test func defersLongPlainValues() {
        #expect(
            filtered(#"<div class="article-body main" id=x&amp;>t</div>"#) == "<div class=\"\u{1}0\" id=x&amp;>t</div>")
        // Entities and carriage returns are decoded by libxml2; a page's own \u{1} bytes
        // would be mistaken for placeholders.
        for html in [
            #"<div class="news &amp; views">t</div>"#, "<div class=\"news\r\nviews\">", "<p class=\"\u{1}0 long\">",
        ] {
            #expect(!filtered(html).contains("\u{1}0\""))
        }
        let document = HTMLParser.parse(Array("<p class=\"café crème brûlée\" id=\"a\nlong id\">t</p>".utf8))
        #expect(document.first("p")?.attribute("class") == "café crème brûlée")
        #expect(document.first("p")?.attribute("id") == "a\nlong id")
    }

    @Test func numbersPlaceholdersInDecimal() {
        let html = (0..<12).map { #"<p class="class number \#($0)" id="&#x41;">"# }.joined()
        let expected = (0..<12).map { "<p class=\"\u{1}\($0)\" id=\"&#x41;\">" }.joined()
        #expect(filtered(html) == expected)
        let document = HTMLParser.parse(Array(html.utf8))
        #expect(
            document.root.elements(named: "p").map { $0.attribute("class") } == (0..<12).map { "class number \($0)" })
    }

    @Test func movesPlainAttributesBehindOneMark() {
        // libxml2 ignores the page's charset here (HTML_PARSE_IGNORE_ENC), so meta tags
        // are rewritten like any other; a repeated name keeps its first value, as in libxml2.
        let html = #"<meta charset="utf-8" content="x" NAME=d><img src=y><p hidden class=a CLASS=b data-q=1/>"#
        #expect(filtered(html) == #"<meta _:0><img ><p _:1>"#)
        let document = HTMLParser.parse(Array(html.utf8))
        #expect(document.first("meta")?.attribute("content") == "x")
        #expect(document.first("meta")?.attribute("name") == "d")
        #expect(document.first("p")?.attribute("class") == "a")
        #expect(document.first("p")?.attribute("hidden") == "")
        // A page that holds "_:" of its own gets no marks.
        #expect(filtered(#"<p class="a">_:0</p>"#) == "<p class=\"a\">_:0</p>")
        let pages = [
            html, #"<p class="a" _:0 id=b>x</p>"#, #"<div id=a><script type="application/ld+json">1</script>"#,
        ]
        for page in pages {
            let bytes = Array(page.utf8)
            #expect(outline(HTMLParser.parse(bytes)) == outline(HTMLParser.parse(bytes, encoding: "ISO-8859-1")))
        }
    }

    @Test func skipsCommentsDeclarationsAndScriptContents() {
        let kept = #"<!DOCTYPE html><script type=application/ld+json&amp;>{"a":"<img src=x>"}</script>"#
        #expect(filtered(kept + "<p>a<!-- <img src=x> -->b<img src=y>") == kept + "<p>a<!-- <img src=x> -->b<img >")
    }

    @Test func dropsCommentsThatSeparateNoText() {
        // Right after markup or right before it, a comment splits no text node; between
        // two pieces of text it stays, so libxml2 hands the text over as before.
        #expect(filtered("<p><!-- a -->x<!-- b --><br>y <!-- c --> z</p>") == "<p>x<br>y <!-- c --> z</p>")
        #expect(filtered("<!-- top --><html><body><!-- one --><!-- two -->t") == "<html><body>t")
        let html = "<div>a<!-- x --><!-- y -->b<!-- z --></div><p><!-- q --> c</p>"
        #expect(
            outline(HTMLParser.parse(Array(html.utf8)))
                == outline(HTMLParser.parse(Array(html.utf8), encoding: "ISO-8859-1")))
    }

    @Test func movesPlainTextBehindMarks() {
        let html = "<p>A sentence of plain text.</p><p>Fish &amp; chips are here.</p><p>Short</p><b>text < 3 more</b>"
        #expect(
            filtered(html)
                == "<p>\u{E000}0</p><p>Fish &amp; chips are here.</p><p>Short</p><b>text < 3 more</b>")
        // ASCII pages read as Latin-1 skip the filters: the reference reading.
        for page in [html, "<head>Text in the head, long enough.<title>A title that is long</title></head>"] {
            let bytes = Array(page.utf8)
            #expect(outline(HTMLParser.parse(bytes)) == outline(HTMLParser.parse(bytes, encoding: "ISO-8859-1")))
        }
        let utf8 = "<pre>\nCode that is long enough\n</pre><p>Crème brûlée is served.</p>"
        #expect(filtered(utf8) == "<pre>\u{E000}0</pre><p>\u{E000}1</p>")
        let document = HTMLParser.parse(Array(utf8.utf8))
        #expect(
            document.nodes.filter(\.isText).map { document.string($0.range) } == [
                "\nCode that is long enough\n", "Crème brûlée is served.",
            ])
        // Text libxml2 changes (a control it drops, U+FFFE, a carriage return) stays, and
        // a page holding U+E000 of its own gets no text marks.
        let changed = "<p>Control \u{7} character here</p><p>Noncharacter \u{FFFE} here!</p><p>Text\r\nwith a CR</p>"
        #expect(filtered(changed) == changed)
        let own = "<p>A private \u{E000}0 character</p><p>and another long text</p>"
        #expect(filtered(own) == own)
    }

    @Test func shortensBlankRunsBetweenTags() {
        #expect(filtered("<div>\n        <p>a  b</p>\n    \n</div>   ") == "<div>\n <p>a  b</p>\n </div>  ")
        // Text before the run, a lone "<" before it, or more than libxml2 reads in one piece: unchanged.
        #expect(filtered("<p>a     <b>x</b> < \t   <i>y</i></p>") == "<p>a     <b>x</b> < \t   <i>y</i></p>")
        let long = String(repeating: " ", count: 1001)
        #expect(filtered("<head>\(long)<title>t</title>") == "<head>\(long)<title>t</title>")
        let document = HTMLParser.parse(Array("<ul>\n      <li>a</li>\n      <li>b</li>\n    </ul>".utf8))
        #expect(document.nodes.filter(\.isText).map { document.string($0.range) } == ["\n ", "a", "\n ", "b", "\n "])
    }

    @Test func stopsAtMarkupItDoesNotModel() {
        // A bogus attribute, a comment closed the old way, an unterminated quote: the
        // rest of the page goes to libxml2 as it was.
        for html in [
            #"<p a"b">x</p><img src=y>"#, "<!-- a --!><img src=y>", #"<!DOCTYPE x "><img src=y>"#,
            #"<img alt="open><p>text</p>"#, "<img\u{0C}src=y>",
        ] {
            #expect(filtered(html) == html)
        }
        #expect(filtered(#"<img src=a><p a"b">x</p><img src=y>"#) == #"<img ><p a"b">x</p><img src=y>"#)
    }

    @Test func theParserSeesTheSameDocument() {
        // ASCII read as Latin-1 skips both filters: the reference reading of the same page.
        let html = #"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title data-t="1">T</title>
            <link rel="canonical" href="https://example.com/a" crossorigin></head>
            <body class="page long-class-name" onload="go()"><div id=main data-json='{"a":"<b>"}'><p style="color:red"
            title="a &amp; b" class="x &amp; y &#233;t&eacute;">One <span class='single quoted' id="line
            two">x</span>
            <a href="/x" target=_blank rel=author>Ann</a></p><img src="i.png" srcset="i2.png 2x" alt="pic"/>
            <p hidden data-y>Two</p><!-- note --><ul><li class="x" data-n=1>three<li>four</ul></div>
            <script type="application/ld+json">{"headline":"<b data-x=1>"}</script></body></html>
            """#
        let bytes = Array(html.utf8)
        #expect(bytes.withUnsafeBufferPointer(AttributeFilter.filter) != nil)
        let document = HTMLParser.parse(bytes)
        #expect(document.first("link")?.attribute("href") == "https://example.com/a")
        #expect(document.first("a")?.attribute("href") == nil)
        #expect(outline(HTMLParser.parse(bytes)) == outline(HTMLParser.parse(bytes, encoding: "ISO-8859-1")))
    }
}
