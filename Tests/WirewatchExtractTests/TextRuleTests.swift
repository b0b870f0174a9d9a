import Testing

@testable import WirewatchExtract

@Suite struct TextRuleTests {
    @Test func bylineWithGluedOutlet() {
        #expect(
            Byline.parse("by Emma Soteriou · LBCBy Emma Soteriou")
                == Byline(authors: ["Emma Soteriou"], publisher: "LBC"))
        #expect(Byline.parse("By Jane Doe and John Roe")?.authors == ["Jane Doe", "John Roe"])
        #expect(Byline.parse("By the way, this is a sentence.") == nil)
    }

    @Test func datesInTheUsualShapes() {
        #expect(DateText.firstDate(in: "19 January 2022, 00:25") == "2022-01-19")
        #expect(DateText.firstDate(in: "Published January 19, 2022 at 3pm") == "2022-01-19")
        #expect(DateText.firstDate(in: "Wed 3rd Mar 2021") == "2021-03-03")
        #expect(DateText.firstDate(in: "date 2022-01-19 Headline") == "2022-01-19")
        #expect(DateText.firstDate(in: "Nothing here 2022") == nil)
        #expect(DateText.normalisedISO("2020-04-10T12:34:56+02:00") == "2020-04-10T12:34:56+02:00")
        #expect(DateText.normalisedISO("2020-13-10") == nil)
    }

    @Test func sentencesAndSummary() {
        let text =
            "Mr. Smith went to Washington D.C. on Monday. He met U.S. officials. “It went well,” he said. Then he left."
        #expect(
            Sentences.split(text) == [
                "Mr. Smith went to Washington D.C. on Monday.", "He met U.S. officials.", "“It went well,” he said.",
                "Then he left.",
            ])
        #expect(
            Sentences.summary(of: [text])
                == "Mr. Smith went to Washington D.C. on Monday. He met U.S. officials. “It went well,” he said.")
    }

    @Test func languageGuess() {
        #expect(
            StopWords.guessLanguage(
                String(repeating: "The minister said that the talks would be held in the capital. ", count: 3)) == "en")
        #expect(
            StopWords.guessLanguage(
                String(
                    repeating:
                        "Der Minister sagte, dass die Gespräche in der Hauptstadt stattfinden und nicht verschoben werden. ",
                    count: 3)) == "de")
        #expect(StopWords.guessLanguage("Too short") == nil)
    }

    @Test func chromeAndCaptions() {
        #expect(Boilerplate.isChrome("Listen to this article"))
        #expect(Boilerplate.isChrome("Read more: Something else happened"))
        #expect(!Boilerplate.isChrome("Readers were told the plan would go ahead."))
        #expect(Boilerplate.isCaption("Soldiers from Ukraine are on high alert (Image: Getty)"))
        #expect(!Boilerplate.isCaption("The Kremlin had vowed a tangible response."))
    }

    @Test func menuRunsAndHeadlinesAreNotBody() throws {
        let dump = """
            Skip to content
            Home
            World
            Politics
            Council approves new housing plan after long debate
            By Ann Other
            The city council approved the new housing plan on Monday evening after a debate that lasted more than six hours.
            Residents who attended the meeting said they were relieved that a decision had finally been reached.
            Five things to know about the budget vote this week
            Councillors will now draw up a timetable, and construction could begin as early as next spring, officials said.
            Sign up for our newsletter
            Most popular
            Man bites dog in surprising twist
            """
        let article = try Extractor().extract(Dump(name: "d.txt", path: "", bytes: Array(dump.utf8)))
        #expect(article.title == "Council approves new housing plan after long debate")
        #expect(article.authors == ["Ann Other"])
        let paragraphs = article.body.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3)
        #expect(paragraphs.first?.hasPrefix("The city council approved") == true)
        #expect(paragraphs.last?.hasPrefix("Councillors will now") == true)
    }
}
