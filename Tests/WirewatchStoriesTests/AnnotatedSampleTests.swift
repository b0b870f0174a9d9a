import Foundation
import Testing
import WirewatchExtract

@testable import WirewatchStories

/// The samples with the hand-annotated entities and events of Tests/Fixtures/extract/expected
/// put in, as the entity and event stages will fill them: the stories must come out the same,
/// and the entity and event signals must not join the two conflict stories.
@Suite struct AnnotatedSampleTests {
    static let annotations = Samples.root.deletingLastPathComponent().appendingPathComponent("extract/expected")

    /// A sample with its annotated entities and events. Annotated events carry no sentence
    /// index, so the first two count as the lead; a missing location takes the target, which
    /// is what a less careful event stage would do, to test the matcher against it.
    func annotated() throws -> [Article] {
        try Samples.articles().enumerated().map { index, article in
            let name = Samples.names[index].replacingOccurrences(of: ".txt", with: ".json")
            let data = try Data(contentsOf: Self.annotations.appendingPathComponent(name))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            var article = article
            article.entities = (json["entities"] as? [[String: Any]] ?? []).compactMap { item in
                guard item["nominal"] as? Bool != true, let name = item["name"] as? String,
                    let type = (item["type"] as? String).flatMap(Article.Entity.Kind.init(rawValue:))
                else { return nil }
                return Article.Entity(name: name, type: type, aliases: item["aliases"] as? [String] ?? [], mentions: 1)
            }
            article.events = (json["events"] as? [[String: Any]] ?? []).enumerated().compactMap { ordinal, item in
                guard let type = item["type"] as? String else { return nil }
                let place = (item["location"] as? String) ?? (item["target"] as? String)
                return event(type, at: place, date: item["date"] as? String, sentence: ordinal)
            }
            return article
        }
    }

    @Test func annotatedSamplesMakeTheSameTwoStoriesInEveryOrder() throws {
        let prints = try annotated().enumerated().map { StoryFingerprint(article: $1, received: 1_000 + Int64($0)) }
        let ids = prints.map(\.article)
        let expected = [[ids[0], ids[1]].sorted(), [ids[2], ids[3]].sorted()].sorted { $0[0] < $1[0] }
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1], [0, 3, 1, 2]] {
            #expect(cluster(order.map { prints[$0] }) == expected, "order \(order)")
        }
        for (a, b) in [(0, 2), (0, 3), (1, 2), (1, 3)] {
            #expect(StoryMatcher().compare(prints[a], prints[b]) == nil, "\(a) and \(b)")
        }
    }

    @Test func annotatedNovemberStoryOpensAtCritAndCorroborates() throws {
        let articles = try annotated()
        let policy = AlertPolicy()
        let first = policy.decide(
            article: articles[0], before: StoryView(id: "s"), history: StoryAlertHistory(), file: "000")
        #expect(first.outcome == .newStory)
        #expect(first.alert?.priority == 2)
        #expect(first.alert?.event == "missile_strike")
        let second = policy.decide(
            article: articles[1], before: StoryView(id: "s").adding(articles[0]),
            history: StoryAlertHistory(alerted: true, mostSevere: 2), file: "001")
        #expect(second.outcome == .corroborated)
        #expect(second.alert?.priority == 5)
    }
}
