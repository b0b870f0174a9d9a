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
            <script type="application/json">{"a":1}</script></head>
            <body><svg><title>icon</title><path d="M0"/></svg><p>yes</p></body></html>
            """.utf8)
        let document = HTMLParser.parse(html)
        #expect(document.first("style")?.textContent == "")
        #expect(document.root.elements(named: "script").map(\.textContent) == ["", #"{"a":1}"#])
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
