import Testing
import WirewatchExtract

@testable import WirewatchStories

@Suite struct StoryMatcherTests {
    static let now: Int64 = 1_732_100_000

    func samplePrints() throws -> [StoryFingerprint] {
        try Samples.articles().enumerated().map { index, article in
            StoryFingerprint(article: article, received: Self.now + Int64(index))
        }
    }

    @Test func samplesMakeTheSameTwoStoriesInEitherOrder() throws {
        let prints = try samplePrints()
        let ids = prints.map(\.article)
        let expected = [[ids[0], ids[1]].sorted(), [ids[2], ids[3]].sorted()].sorted { $0[0] < $1[0] }
        #expect(cluster(prints) == expected)
        #expect(cluster(prints.reversed()) == expected)
        #expect(cluster([prints[1], prints[3], prints[0], prints[2]]) == expected)
        #expect(cluster([prints[2], prints[0], prints[3], prints[1]]) == expected)
    }

    @Test func samplesMatchOnWordingAloneAndTheTwoConflictStoriesStayApart() throws {
        // Wording alone: without the entity and event stages' output.
        let prints = try Samples.articles().enumerated().map { index, article in
            var bare = article
            bare.entities = []
            bare.events = []
            return StoryFingerprint(article: bare, received: Self.now + Int64(index))
        }
        for (a, b) in [(0, 1), (2, 3)] {
            #expect(StoryMatcher().compare(prints[a], prints[b])?.signal == .wording)
        }
        for (a, b) in [(0, 2), (0, 3), (1, 2), (1, 3)] {
            let pair = StoryMatcher().compare(prints[a], prints[b])
            #expect(pair == nil, "\(a) and \(b) are different stories")
        }
    }

    @Test func aCopyIsANearDuplicate() throws {
        let original = try Samples.articles()[1]
        var copy = original
        copy.id = "copy"
        copy.publisher = "Other Outlet"
        copy.body = "Updated at 10:00. " + original.body.replacingOccurrences(of: "Mr Austin", with: "Austin")
        let a = StoryFingerprint(article: original, received: Self.now)
        let b = StoryFingerprint(article: copy, received: Self.now + 600)
        #expect(StoryMatcher().compare(a, b)?.signal == .nearDuplicate)
    }

    @Test func nothingMatchesOutsideTheWindow() throws {
        let prints = try samplePrints()
        var late = prints[1]
        late.received = Self.now + 73 * 3600
        #expect(StoryMatcher().compare(prints[0], late) == nil)
        #expect(StoryMatcher(window: 80 * 3600).compare(prints[0], late) != nil)
        var dated = prints[1]
        dated.published = CivilDate.seconds(iso: "2022-01-19")
        var other = prints[0]
        other.published = CivilDate.seconds(iso: "2024-11-20")
        #expect(StoryMatcher().compare(other, dated) == nil, "stated publication dates years apart")
    }

    @Test func datesResolvedFromRelativeWordingDoNotGateTheWindow() throws {
        var articles = try Samples.articles()
        articles[3].published = "2026-11-21"
        articles[3].provenance["published"] = "text:relative-date"
        let a = StoryFingerprint(article: articles[2], received: Self.now)
        let b = StoryFingerprint(article: articles[3], received: Self.now)
        #expect(b.published == nil)
        // Which signal joins them depends on whether the extractor found events; either way they join.
        #expect(StoryMatcher().compare(a, b) != nil)
        articles[3].provenance["published"] = "text:dateline"
        #expect(StoryMatcher().compare(a, StoryFingerprint(article: articles[3], received: Self.now)) == nil)
    }

    @Test func sameEventAndPlaceWithSharedWordingJoins() {
        let shared = "The embassy closed after warnings of an air attack on the capital and staff sheltered."
        let a = article(
            "a", title: "Embassy shuts", body: shared + " Officials gave few details.",
            events: [event("embassy_closure", at: "Kyiv", date: "2024-11-20")])
        let b = article(
            "b", title: "Diplomats told to shelter", publisher: "Herald",
            body: "Staff sheltered. " + shared,
            events: [event("embassy_closure", at: "Kyiv", date: "2024-11-20", sentence: 5)])
        var matcher = StoryMatcher()
        matcher.wordingShared = 100  // the wording signal alone cannot match here
        let pa = StoryFingerprint(article: a, received: Self.now)
        let pb = StoryFingerprint(article: b, received: Self.now + 60)
        #expect(matcher.compare(pa, pb)?.signal == .eventAndPlace)

        // Same event and place, but dated three years apart: not one story.
        var old = b
        old.events = [event("embassy_closure", at: "Kyiv", date: "2021-11-20")]
        #expect(matcher.compare(pa, StoryFingerprint(article: old, received: Self.now + 60)) == nil)
        // A shared place without shared wording is a coincidence, not a story.
        var unrelated = b
        unrelated.body = "A completely different report about grain exports and shipping insurance."
        #expect(matcher.compare(pa, StoryFingerprint(article: unrelated, received: Self.now + 60)) == nil)
    }

    @Test func strongEntityOverlapJoinsButSharedCountriesDoNot() {
        let people = ["Antony Blinken", "Sergey Lavrov", "Dmytro Kuleba", "William Burns"].map { entity($0, .PER) }
        let places = ["Kyiv", "Geneva", "Moscow", "Russia", "Ukraine"].map { entity($0, .LOC) }
        let a = article("a", body: "First text.", entities: people + places)
        let b = article("b", body: "Second, different text.", entities: people + places + [entity("NATO", .ORG)])
        let pa = StoryFingerprint(article: a, received: Self.now)
        #expect(StoryMatcher().compare(pa, StoryFingerprint(article: b, received: Self.now))?.signal == .entities)

        let c = article(
            "c", body: "Third text.",
            entities: places + [entity("Lloyd Austin", .PER), entity("Pentagon", .ORG), entity("Laos", .LOC)])
        #expect(StoryMatcher().compare(pa, StoryFingerprint(article: c, received: Self.now)) == nil)
    }

    @Test func theStrongestSignalAndThenTheStoryIDDecideBetweenStories() {
        let text = String(
            repeating: "Grain ships left Odesa under naval escort despite mines in the harbour. ", count: 6)
        let a = article("a", body: text)
        let b = article("b", body: text)
        let c = article("c", body: text)
        let pa = StoryFingerprint(article: a, received: Self.now)
        let stories = [
            StoryCandidate(id: "zeta", members: [StoryFingerprint(article: b, received: Self.now)]),
            StoryCandidate(id: "alpha", members: [StoryFingerprint(article: c, received: Self.now)]),
        ]
        #expect(StoryMatcher().match(pa, candidates: stories)?.story == "alpha")
        #expect(StoryMatcher().match(pa, candidates: stories.reversed())?.story == "alpha")
    }

    /// Templated items (the same council notice for twenty towns) share their template's
    /// wording; once it is common in the window it stops joining them into one story, while
    /// the same town and subject reported again still joins.
    @Test func commonWordingDoesNotChainAFloodIntoOneStory() {
        let places = ["Aberdeen", "Bergen", "Cork", "Dundee", "Esbjerg", "Galway", "Hull", "Kiel", "Narvik", "Oban"]
        let subjects = ["harbour expansion", "rail link", "wind farm", "flood barrier"]
        var prints: [StoryFingerprint] = []
        for index in 0..<40 {
            let place = places[index % places.count]
            let subject = subjects[index / places.count]
            let body = """
                Councillors in \(place) voted on Tuesday to approve a plan for the \(subject), item \(index).
                The leader of the council said the \(subject) would be finished within a few years and that \
                local jobs depended on it.
                Opponents in \(place) argued that the \(subject) had been planned without consultation.
                A public meeting will be held in the town hall, the council said.
                """
            let item = article(
                "a\(100 + index)", title: "\(place) council approves plan for \(subject)", publisher: "Herald",
                body: body)
            prints.append(StoryFingerprint(article: item, received: Self.now + Int64(index)))
        }
        let stories = cluster(prints)
        let largest = stories.map(\.count).max() ?? 0
        #expect(largest <= 12, "\(stories.count) stories, the largest of \(largest)")
        #expect(stories.count >= 15)
        // A repeat of item 39 (Oban, flood barrier) still joins its story.
        var repeatPrint = prints[39]
        repeatPrint.article = "repeat"
        #expect(cluster(prints + [repeatPrint]).count == stories.count)
    }

    @Test func phrasesIgnoreFunctionWordsCaseAndPlurals() {
        let a = StoryText.phraseHashes(StoryText.tokens("Anti-personnel mines were approved."))
        let b = StoryText.phraseHashes(StoryText.tokens("the anti-personnel mine"))
        #expect(a == b)
        #expect(a.count == 1)
        #expect(StoryText.tokens("Russia’s army. 1.5 km").contains(.word("russia")))
    }

    @Test func civilDatesCountDaysFromTheEpoch() {
        #expect(CivilDate.seconds(iso: "1970-01-01") == 0)
        #expect(CivilDate.seconds(iso: "2024-11-20") == 1_732_060_800)
        #expect(CivilDate.seconds(iso: "2000-03-01T12:00:00Z") == 951_868_800)
        #expect(CivilDate.seconds(iso: "--11-20") == nil)
        #expect(CivilDate.seconds(iso: "2024-13-01") == nil)
    }
}
