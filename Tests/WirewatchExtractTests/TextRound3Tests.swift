import Testing

@testable import WirewatchExtract

private func body(_ dump: String) throws -> [String] {
    let article = try Extractor().extract(Dump(name: "d.txt", path: "", bytes: Array(dump.utf8)))
    return article.body.split(separator: "\n\n").map(String.init)
}

private let opening = """
    Publicans across the county were told on Tuesday that indoor service must stop again from midnight tonight.
    We'll be covering and explaining these decisions as clearly as possible over the day, but the main focus is how this will affect the city.
    There's already been a lot of frustration, especially among publicans who've only just been given clearance to open.
    """
private let closing = """
    From tonight many of them will be forced to close again, and some of the smaller ones never got to reopen at all.
    The owners said they would meet the council on Thursday to ask for help with the rent over the winter months.
    """

/// Round-three text rules and the byte-level rewrites, on lines from the development corpus.
@Suite struct TextRound3Tests {
    @Test func signUpBoxInsideTheArticleGoesAsAWhole() throws {
        let dump =
            opening + "\n" + """
                Never miss the latest news by signing up to our newsletter today!
                Every day we'll send you a roundup email of all the latest from Cork covering news, entertainment and sport.
                You can unsubscribe from this service at any time. And rest assured that your data will not be shared.
                """ + "\n" + closing
        let paragraphs = try body(dump)
        #expect(
            !paragraphs.contains { $0.contains("newsletter") || $0.contains("roundup") || $0.contains("unsubscribe") })
        #expect(paragraphs.contains { $0.hasPrefix("From tonight") })
        #expect(paragraphs.contains { $0.hasPrefix("There's already") })
    }

    @Test func oneNoticeLikeSentenceInReportingStays() throws {
        let dump =
            opening + "\n" + """
                The latest news about the outbreak in Sweden (paywall-free)
                Agerblad said he was inspired to get the tattoo after Tastas advertised the design on Instagram last week.
                """ + "\n" + closing
        #expect(try body(dump).contains { $0.hasPrefix("Agerblad said") })
    }

    @Test func shareButtonsAndPhotoCreditsAreChrome() {
        #expect(Boilerplate.isChrome("Click to share on Twitter (Opens in new window)"))
        #expect(Boilerplate.isChrome("PHOTOGRAPH BY JEREMY HOLDEN, FAUNA & FLORA INTERNATIONAL"))
        #expect(Boilerplate.isChrome("Sorted by: Reset to default"))
        #expect(Boilerplate.isChrome("Abbildung: Vergleich auf dem Aletschgletscher."))
    }

    @Test func bulletedLinksAreNotListEntries() throws {
        let dump =
            opening + "\n" + """
                  * One virus, two Americas
                  * Four out of five jobs affected by virus globally
                """ + "\n" + closing
        let paragraphs = try body(dump)
        #expect(!paragraphs.contains { $0.contains("Four out of five") })
        #expect(paragraphs.contains { $0.hasPrefix("From tonight") })
        #expect(Boilerplate.isChrome("* Click to share on Facebook (Opens in new window)"))
    }

    @Test func announcedBulletListsStay() throws {
        let dump =
            opening + "\n" + """
                The council listed three demands for the meeting:
                  * Rent relief for pubs
                  * A later closing time
                  * Outdoor heaters allowed
                """ + "\n" + closing
        let paragraphs = try body(dump)
        #expect(paragraphs.contains { $0.contains("A later closing time") })
    }

    @Test func authorNoteEndsTheArticle() throws {
        let dump =
            opening + "\n" + closing + "\n" + """
                Will Knight is a senior writer for WIRED, covering artificial intelligence. He was previously a senior editor at MIT Technology Review.
                Boston Dynamics CEO Marc Raibert shares the backstory of his company's viral videos and how the robot dog became a star.
                Topicsartificial intelligencemachine learningOpenAIEnergyClimate Change
                """
        let paragraphs = try body(dump)
        #expect(paragraphs.last?.hasPrefix("The owners said") == true)
    }

    @Test func leadingAuthorNotesAndDisclosuresGo() throws {
        let dump = """
            Jacob Wade is a personal finance expert who has covered credit cards, investing, insurance, and tax issues for more than a decade.
            We recommend the best products through an independent review process, and advertisers do not influence our picks. We may receive compensation if you visit partners we recommend.
            """ + "\n" + opening + "\n" + closing
        let paragraphs = try body(dump)
        #expect(paragraphs.first?.hasPrefix("Publicans") == true)
    }

    @Test func datesAreFoundOnBytes() {
        #expect(DateText.firstDate(in: "Published 19 January 2022, 00:25") == "2022-01-19")
        #expect(DateText.firstDate(in: "January 19, 2022 | 4:30 p.m.") == "2022-01-19")
        #expect(DateText.firstDate(in: "Jan. 3rd 2022") == "2022-01-03")
        #expect(DateText.firstDate(in: "19 de enero de 2022") == "2022-01-19")
        #expect(DateText.firstDate(in: "Stand: 19.01.2022") == "2022-01-19")
        #expect(DateText.firstDate(in: "(2022-01-19)") == nil)
        #expect(DateText.firstDate(in: "date 2022-01-19T10:00") == "2022-01-19")
        #expect(DateText.firstDate(in: "04/21/2022") == "2022-04-21")
        #expect(DateText.firstDate(in: "04/05/2022") == nil)
        #expect(DateText.firstDate(in: "19 MÄRZ") == nil)
        #expect(DateText.firstDate(in: "3 märz 2021") == "2021-03-03")
        #expect(DateText.firstDate(in: "in 2022 the team won 19 games") == nil)
    }

    @Test func sentencesAreSplitOnBytes() {
        #expect(
            Sentences.split("The U.S. said so. Mr. Austin agreed! “Fine,” he said. 3 more came.")
                == ["The U.S. said so.", "Mr. Austin agreed!", "“Fine,” he said.", "3 more came."])
        #expect(Sentences.split("He left. Ça va. É. Zola wrote.") == ["He left.", "Ça va.", "É. Zola wrote."])
        #expect(Sentences.split("Ends here.\u{00A0}\n") == ["Ends here."])
    }

    @Test func bylinePreCheckSkipsSentences() {
        let lines = ["By continuing to browse you agree.", "by the way", "By Emma Soteriou", "by van der Berg"]
        let verdicts = lines.map { line in
            Array(line.utf8).withUnsafeBufferPointer { Byline.mayStart($0, 0..<$0.count) }
        }
        #expect(verdicts == [false, true, true, true])
        #expect(
            Byline.splitNames("Jane Doe and John Roe, Ann Other & Bo Li") == [
                "Jane Doe", "John Roe", "Ann Other", "Bo Li",
            ])
    }
}
