import Foundation
import Testing

@testable import WirewatchExtract

/// Quotes, figures and events of the four seed dumps against their hand annotations
/// (samples/expected), once with the fallback name guesser and once with the
/// annotated entities standing in for the entity stage; plus golden JSON of the whole
/// output (`Tests/Fixtures/facts/`).
@Suite struct FactsSampleTests {
    static let samples = SampleTests.samples

    struct Annotated {
        var article: Article
        var expected: [String: Any]
        var entities: [Article.Entity]
    }

    func load(_ sample: String) throws -> Annotated {
        let bytes = try Fixtures.bytes("samples/\(sample).txt")
        let article = try Extractor().extract(Dump(name: "\(sample).txt", path: "/inbox/\(sample).txt", bytes: bytes))
        let expected = try Fixtures.json("extract/expected/\(sample).json")
        let entities = (expected["entities"] as! [[String: Any]]).map { entity in
            Article.Entity(
                name: entity["name"] as! String, type: Article.Entity.Kind(rawValue: entity["type"] as! String)!,
                aliases: entity["aliases"] as! [String], mentions: 1)
        }
        return Annotated(article: article, expected: expected, entities: entities)
    }

    /// Same referent: equal to the annotated name or one of its aliases, or one's words
    /// contained in the other's ("senior State Department official" in "senior US State
    /// Department official"), as Benchmarks/score_events.py counts it.
    func sameName(_ predicted: String?, _ expected: String, _ entities: [Article.Entity]) -> Bool {
        guard let predicted else { return false }
        func words(_ text: String) -> Set<String> {
            var text = text.lowercased().replacingOccurrences(of: "’", with: "'")
            if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
            text = text.replacingOccurrences(of: "'s", with: "")
            let filler: Set<String> = ["the", "a", "an", "unnamed", "of", "and", "in"]
            return Set(
                text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter {
                    !filler.contains($0)
                })
        }
        var forms = [expected]
        let bare = expected.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? expected
        forms += entities.first(where: { $0.name == bare })?.aliases ?? []
        let mine = words(predicted)
        return forms.contains { form in
            let theirs = words(form)
            return !mine.isEmpty && !theirs.isEmpty && (mine.isSubset(of: theirs) || theirs.isSubset(of: mine))
        }
    }

    func checkSpeakers(_ quotes: [Article.Quote], _ expected: [String: Any], _ entities: [Article.Entity]) {
        for wanted in expected["quotes"] as! [[String: Any]] {
            let start = (wanted["text_start"] as! String).lowercased()
            let found = quotes.filter { $0.text.lowercased().hasPrefix(start) }
            #expect(!found.isEmpty, "quote missing: \(start)")
            #expect(
                found.contains { sameName($0.speaker, wanted["speaker"] as! String, entities) },
                "speaker of \(start): \(found.map(\.speaker)) != \(wanted["speaker"]!)")
        }
    }

    @Test(arguments: samples) func everyQuoteHasItsSpeakerWithoutEntities(sample: String) throws {
        let annotated = try load(sample)
        checkSpeakers(annotated.article.quotes, annotated.expected, annotated.entities)
    }

    @Test(arguments: samples) func everyQuoteHasItsSpeakerWithAnnotatedEntities(sample: String) throws {
        let annotated = try load(sample)
        let facts = ArticleFacts(
            body: annotated.article.body, published: annotated.article.published, entities: annotated.entities)
        checkSpeakers(facts.quotes, annotated.expected, annotated.entities)
    }

    @Test(arguments: samples) func annotatedEventTypesAreFound(sample: String) throws {
        let annotated = try load(sample)
        for entities in [[], annotated.entities] {
            let facts = ArticleFacts(
                body: annotated.article.body, published: annotated.article.published, entities: entities)
            var left = facts.events.map(\.type)
            for wanted in annotated.expected["events"] as! [[String: Any]] {
                let type = wanted["type"] as! String
                guard type != "other" else { continue }
                #expect(left.contains(type), "missing \(type): \(wanted["summary"]!)")
                if let i = left.firstIndex(of: type) { left.remove(at: i) }
            }
        }
    }

    @Test(arguments: samples) func annotatedFiguresAreFound(sample: String) throws {
        let annotated = try load(sample)
        let values = annotated.article.quantities.map(\.value)
        let words: [String: Double] = ["five": 5, "one": 1]
        for wanted in annotated.expected["quantities"] as! [[String: Any]] {
            let text = (wanted["value"] as! String).lowercased().replacingOccurrences(of: ",", with: "")
            let number = text.split(separator: " ").compactMap { word -> Double? in
                Double(word.trimmingCharacters(in: CharacterSet.decimalDigits.union(["."]).inverted))
                    ?? words[String(word)]
            }.first!
            let scaled = text.contains("million") ? number * 1e6 : number
            #expect(values.contains(scaled), "figure missing: \(text)")
        }
    }

    @Test func weekdaysResolveAgainstThePublishedDate() throws {
        let annotated = try load("002_774c5ed633c06924")
        for wanted in annotated.expected["events"] as! [[String: Any]] {
            guard let date = wanted["date"] as? String, wanted["type"] as! String != "other" else { continue }
            #expect(
                annotated.article.events.contains { $0.type == wanted["type"] as! String && $0.date == date },
                "no \(wanted["type"]!) on \(date)")
        }
    }

    @Test(arguments: samples) func outputMatchesGolden(sample: String) throws {
        let annotated = try load(sample)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Facts: Codable {
            var quotes: [Article.Quote]
            var quantities: [Article.Quantity]
            var events: [Article.Event]
        }
        let mine = Facts(
            quotes: annotated.article.quotes, quantities: annotated.article.quantities,
            events: annotated.article.events)
        let path = "facts/\(sample).json"
        if ProcessInfo.processInfo.environment["WIREWATCH_UPDATE_GOLDEN"] != nil {
            let url = Fixtures.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoder.encode(mine).write(to: url)
        }
        let golden = String(decoding: try Fixtures.bytes(path), as: UTF8.self).split(separator: "\n")
        let current = String(decoding: try encoder.encode(mine), as: UTF8.self).split(separator: "\n")
        let first =
            zip(golden, current).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(golden.count, current.count)
        #expect(
            golden == current,
            "line \(first + 1): \(golden.dropFirst(first).first ?? "") → \(current.dropFirst(first).first ?? "")")
    }
}

@Suite struct FactsLimitTests {
    @Test func hugeBodiesAreReadUpToTheCap() {
        let paragraph = "Officials said on Tuesday that the talks, which began in Geneva, would continue next week."
        let body = Array(repeating: paragraph, count: 30_000).joined(separator: "\n\n")
        let head = ArticleFacts.head(of: body)
        #expect(head.utf8.count <= ArticleFacts.maxBodyBytes)
        #expect(head.utf8.count > ArticleFacts.maxBodyBytes - 200)
        #expect(head.hasSuffix("next week."))
        let unbroken = String(repeating: "é", count: ArticleFacts.maxBodyBytes)
        #expect(ArticleFacts.head(of: unbroken).utf8.count == ArticleFacts.maxBodyBytes)
        #expect(ArticleFacts.head(of: paragraph) == paragraph[...])
    }
}

@Suite struct FactsRobustnessTests {
    /// Odd bodies: nothing crashes, and what comes out points inside the body.
    @Test(arguments: [
        "", "\"", "“", "”", "‘", "’", "$", "£ 5", "5 $", "By the State Department said: \"",
        "\"Unclosed quote\n\n\"continued\n\nand then none", "He said.", "They added: ", "one", "and one",
        "On Tuesday", "Mr", "the two", "from by", "said", "according to", "..., said X.", "“”", "\"\"\"\"",
        "Russia-", "-Russia", "U.S.", "1,000th", "the 1,000th", "$275 million (£217", "November 20", "20 November",
        "Embassy closed.", "missiles fired at", "The US embassy in Kyiv has closed after a potential air attack.",
        String(repeating: "“a ", count: 200), String(repeating: "he said \"x\" ", count: 300),
    ])
    func oddBodies(body: String) {
        let facts = ArticleFacts(body: body, published: "2022-01-19", entities: [])
        let sentences = BodyText(body).sentences.count
        for quote in facts.quotes { #expect(quote.sentence >= 0 && quote.sentence < max(sentences, 1)) }
        for event in facts.events { #expect(event.sentence >= 0 && event.sentence < max(sentences, 1)) }
    }
}
