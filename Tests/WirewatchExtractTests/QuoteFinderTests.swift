import Testing

@testable import WirewatchExtract

/// Quote spans and speaker attribution, on sentences from the samples and the corpus.
@Suite struct QuoteFinderTests {
    func quotes(_ paragraphs: [String], entities: [Article.Entity] = []) -> [Article.Quote] {
        ArticleFacts(body: paragraphs.joined(separator: "\n\n"), published: nil, entities: entities).quotes
    }

    static let austin = Article.Entity(
        name: "Lloyd Austin", type: .PER, aliases: ["Lloyd Austin", "Mr Austin"], mentions: 3)
    static let stateDepartment = Article.Entity(
        name: "United States Department of State", type: .ORG, aliases: ["US State Department", "State Department"],
        mentions: 4)

    @Test func statementRunsOverOpenParagraphs() {
        let found = quotes([
            "A statement from the US Department of State Consular Affairs said: \"The US Embassy in Kyiv has received "
                + "specific information of a potential significant air attack on November 20.",
            "\"Out of an abundance of caution, the Embassy will be closed, and Embassy employees are being instructed "
                + "to shelter in place.",
            "\"The US Embassy recommends US citizens be prepared to immediately shelter in the event an air alert is "
                + "announced.\"",
        ])
        #expect(found.count == 1)
        #expect(found.first?.text.hasPrefix("The US Embassy in Kyiv has received specific information") == true)
        #expect(found.first?.text.contains("Out of an abundance of caution") == true)
        #expect(found.first?.text.hasSuffix("an air alert is announced.") == true)
        #expect(found.first?.speaker == "US Department of State Consular Affairs")
        #expect(found.first?.sentence == 0)
    }

    @Test func saidAfterTheQuoteWithAnAlias() {
        let found = quotes(
            [
                "“That makes it far more safer eventually than the things that they are creating on their own,” "
                    + "Mr Austin said."
            ], entities: [Self.austin])
        #expect(found.map(\.speaker) == ["Lloyd Austin"])
    }

    @Test func pronounIsTheLastPersonNamed() {
        let found = quotes([
            "The Biden administration will allow Ukraine to use American-supplied anti-personnel land mines to help "
                + "fight off Russian forces, US Defence Secretary Lloyd Austin has said.",
            "Speaking to reporters during a trip to Laos, Mr Austin said the shift in policy follows changing tactics "
                + "by the Russians.",
            "He said Russian ground troops are leading the movement on the battlefield, so Ukraine has “a need for "
                + "things that can help slow down that effort on the part of the Russians”.",
        ])
        #expect(found.map(\.speaker) == ["Lloyd Austin"])
        #expect(found.first?.sentence == 2)
    }

    @Test func colonAttributionAfterTitle() {
        let found = quotes([
            "Kremlin press secretary Dmitry Peskov said: \"The Russian Federation reserves the right to use nuclear "
                + "weapons in the event of aggression with the use of conventional weapons against it.\""
        ])
        #expect(found.map(\.speaker) == ["Dmitry Peskov"])
    }

    @Test func describedSpeakerAndItsLaterMention() {
        let found = quotes(
            [
                "A senior US State Department official told reporters Russia could now launch an attack on Ukraine "
                    + "\"at any time\".",
                "In Geneva on Friday, he will be testing Mr Lavrov on Russia's interest in a \"diplomatic off-ramp\" "
                    + "for the crisis, the senior State Department official said.",
            ], entities: [Self.stateDepartment])
        #expect(found.map(\.speaker) == ["senior US State Department official", "senior US State Department official"])
    }

    @Test func roleNamesThePersonWhoHoldsIt() {
        let found = quotes([
            "UK Prime Minister Boris Johnson has warned Vladimir Putin must not be allowed to “rewrite the rules” of "
                + "international law and democracy as tensions mount over Ukraine.",
            "The Prime Minister told the Russian President to stop his “disinformation campaign” as fears rise the "
                + "Kremlin will order an imminent invasion of its neighbour.",
        ])
        #expect(found.map(\.speaker) == ["Boris Johnson", "Boris Johnson"])
    }

    @Test func statementAndItContinueThePreviousSpeaker() {
        let found = quotes(
            [
                "Mr Blinken's \"travel and consultations are part of the diplomatic efforts to de-escalate the tension\", "
                    + "the State Department said.",
                "He will meet Mr Zelenskyy on Wednesday \"to reinforce the United States' commitment to Ukraine's "
                    + "sovereignty and territorial integrity\", a statement said.",
                "\"The trip follows extensive diplomacy with our European allies and partners,\" it said.",
            ], entities: [Self.stateDepartment])
        #expect(found.map(\.speaker) == Array(repeating: "United States Department of State", count: 3))
    }

    @Test func unattributedParagraphContinuesTheSpeaker() {
        let found = quotes([
            "\"We have very good relationships with the government in Kyiv and with the United States,\" Science "
                + "Secretary Peter Kyle said.",
            "\"We will do everything we can to keep British citizens safe.\"",
        ])
        #expect(found.map(\.speaker) == ["Peter Kyle", "Peter Kyle"])
    }

    @Test func secondQuoteOfAParagraphContinuesTheSpeaker() {
        let found = quotes([
            "Governor Jay Inslee appointed Montoya-Lewis to serve on Washington’s highest court.",
            "“Because Judge Montoya-Lewis is Native American, many will focus on the historic nature of this "
                + "appointment,” Gov. Inslee said. “And it’s entirely appropriate to do so.”",
        ])
        #expect(found.map(\.speaker) == ["Jay Inslee", "Jay Inslee"])
    }

    @Test func fragmentQuotedInFullElsewhereSharesItsSpeaker() {
        let found = quotes([
            "The US embassy in Kyiv has closed after receiving intelligence of a potential \"significant air attack\".",
            "A statement from the US Department of State Consular Affairs said: \"The US Embassy in Kyiv has received "
                + "specific information of a potential significant air attack on November 20.\"",
        ])
        #expect(found.count == 2)
        #expect(found[0].speaker == found[1].speaker)
        #expect(found[0].speaker == "US Department of State Consular Affairs")
    }

    @Test func passiveAttributionNamesTheEmployer() {
        let found = quotes([
            "Officials at the UK Foreign Office have been told to be ready to move into “crisis mode” at very short "
                + "notice.",
            "“This is critical work in shaping and securing our European neighbourhood,” staff were told in a "
                + "communication.",
        ])
        #expect(found.last?.speaker == "UK Foreign Office")
    }

    @Test func theyContinuesAnUnnamedOfficial() {
        let found = quotes([
            "“We prepared a response for each scenario,” an official said.",
            "They added: “We are going to fight if something happens. Our people are ready to fight.”",
        ])
        #expect(found.map(\.speaker) == ["official", "official"])
    }

    @Test func straightQuoteGluedToTheWordBefore() {
        let found = quotes([
            "On Monday, Mr Lavrov rejected the US allegations that his country was preparing a pretext to invade "
                + "Ukraine, telling reporters it was\"total disinformation\"."
        ])
        #expect(found.map(\.text) == ["total disinformation"])
        #expect(found.map(\.speaker) == ["Lavrov"])
    }

    @Test func trailingAttributionBeatsAnEarlierVerb() {
        let found = quotes(
            [
                "Mr Blinken underscored to Mr Lavrov on Tuesday that any discussion of European security \"must include "
                    + "Nato allies and European partners, including Ukraine\", the State Department said."
            ], entities: [Self.stateDepartment])
        #expect(found.map(\.speaker) == ["United States Department of State"])
    }

    @Test func possessiveSpokesmanKeepsTheFullName() {
        let found = quotes([
            "UK Prime Minister Boris Johnson addressed Cabinet.",
            "Mr Johnson’s official spokesman said: “There is a small infantry training team deploying to assist the "
                + "Ukrainian armed forces.”",
        ])
        #expect(found.map(\.speaker) == ["Boris Johnson’s official spokesman"])
    }

    @Test func apostrophesAreNotQuotes() {
        let found = quotes(["Russia’s bigger army is slowly pushing Ukraine’s outnumbered army backwards."])
        #expect(found.isEmpty)
    }
}
