import Foundation
import Testing

@testable import WirewatchExtract

/// `Article.json` must print what Foundation's encoder printed before it, byte for byte.
@Suite struct JSONWriterTests {
    static let samples = [
        "samples/000_94253fa690feff79.txt", "samples/001_04d6666f64a9abc9.txt", "samples/002_774c5ed633c06924.txt",
        "samples/003_79f34e07c9bfe2d1.txt", "extract/html/anarc_at_cdpath.html.gz",
        "extract/html/creativecommons_at_faircoin.html.gz", "extract/html/flowfx_de_tmux.html.gz",
        "extract/html/wordsmith_org_maudlin.html.gz",
    ]

    func encoded(_ article: Article, pretty: Bool) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(article))
    }

    func expectSameAsEncoder(_ article: Article) throws {
        for pretty in [false, true] {
            let written = try #require(article.json(pretty: pretty))
            let expected = try encoded(article, pretty: pretty)
            #expect(
                written == expected,
                "pretty \(pretty):\n\(String(decoding: written, as: UTF8.self))\nvs\n\(String(decoding: expected, as: UTF8.self))"
            )
        }
    }

    @Test(arguments: samples) func extractedSamplesMatchTheEncoder(sample: String) throws {
        let bytes = try Fixtures.bytes(sample)
        for depth in [Extractor.Depth.facts, .article] {
            let article = try Extractor(depth: depth).extract(Dump(name: "x.txt", path: "/a/b/x.txt", bytes: bytes))
            try expectSameAsEncoder(article)
        }
    }

    @Test func hostileStringsAndNumbersMatchTheEncoder() throws {
        var controls = ""
        for value in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        let hostile =
            controls + "\"quoted\" back\\slash /slash/ \u{7F} é 😀 👩‍👩‍👧 \u{2028}\u{2029} \u{FEFF} \u{85} \r\n end \\"
        let article = Article(
            id: "0123456789abcdef",
            source: .init(
                name: "a \"b\".txt", path: "/tmp/x y/\u{1}.txt", size: 0, sha256: "", format: .html,
                encoding: "utf-16le", gzip: true),
            extractor: extractorVersion, title: hostile, publisher: nil, authors: [hostile, "", "A"], published: nil,
            url: "https://example.org/a/b?c=d&e=\"f\"", language: "en", body: hostile + hostile, summary: "",
            entities: [
                .init(name: hostile, type: .PER, aliases: [], mentions: -3, role: "US \"Defence\" Secretary"),
                .init(name: "mines", type: .WEAPON, aliases: ["a", "b"], mentions: Int.max, nominal: true),
                .init(name: "x", type: .MISC, aliases: [hostile], mentions: Int.min, role: "", nominal: true),
            ],
            quotes: [.init(speaker: nil, text: hostile, sentence: 0), .init(speaker: "Ann", text: "", sentence: 12)],
            quantities: [
                -10, 2.5, 100_000, 1.5e6, 1e15, 1e16, 1.2345678901234567e17, 0.1, 1e-7, 0.0001, -0.0, 3e21, 1.0 / 3,
                5e-324, 1e300, 42, 2e-5, 999_999_999_999_999, Double(Int.max), -1.25e-10,
            ].map { Article.Quantity(text: "\($0)", value: $0, unit: $0 < 0 ? nil : "%") },
            events: [
                .init(
                    type: "attack", cameo: "19", goldstein: -10, actor: hostile, target: nil, location: "Kyiv",
                    date: "2022-01-19", sentence: 3, evidence: hostile),
                .init(
                    type: "", cameo: nil, goldstein: 2.5, actor: nil, target: "t", location: nil, date: nil,
                    sentence: 0, evidence: ""),
                .init(
                    type: "x", cameo: nil, goldstein: nil, actor: nil, target: nil, location: nil, date: nil,
                    sentence: -1, evidence: "e"),
            ],
            provenance: [
                "title": "text:first-heading", "A": "3", "_": "5", "a10": "1", "a9": "2", "aB": "z", "a_b": "y",
                "ab": hostile, "b": "", "é": "accent", "z": "\u{1F600}",
            ])
        try expectSameAsEncoder(article)
        try expectSameAsEncoder(Article(id: "", source: article.source, extractor: ""))
    }

    @Test func numbersTheEncoderRefusesGiveNil() {
        var article = Article(
            id: "", source: .init(name: "", path: "", size: 0, sha256: "", format: .text, encoding: "", gzip: false),
            extractor: "")
        article.quantities = [.init(text: "x", value: .nan, unit: nil)]
        #expect(article.json() == nil)
        article.quantities = [.init(text: "x", value: -.infinity, unit: nil)]
        #expect(article.json(pretty: true) == nil)
    }
}
