import Foundation
import Testing

@testable import WirewatchExtract

private func extract(_ dump: String, modified: Int? = nil) throws -> Article {
    try Extractor().extract(Dump(name: "d.txt", path: "", bytes: Array(dump.utf8), modified: modified))
}

private func paragraphs(_ article: Article) -> [String] {
    article.body.components(separatedBy: "\n\n")
}

/// Corpus pages, one converter each, against the annotation snippets found in them.
@Suite struct TextGoldenTests {
    static func expected() -> [String: Any] {
        (try? Fixtures.json("extract/text-golden/expected.json")) ?? [:]
    }
    static let dumps = expected().keys.sorted()

    @Test func everyConverterIsCovered() {
        #expect(Self.dumps.count >= 8)
        for converter in ["chromium", "lynx", "w3m", "inscriptis"] {
            #expect(Self.dumps.contains { $0.hasPrefix(converter + "-") }, "no \(converter) dump")
        }
    }

    @Test(arguments: dumps) func bodyHasTheArticleAndNotTheChrome(dump: String) throws {
        let bytes = try Fixtures.bytes("extract/text-golden/\(dump)")
        let article = try Extractor().extract(Dump(name: dump, path: "", bytes: bytes))
        let entry = Self.expected()[dump] as! [String: Any]
        func normalised(_ s: String) -> String {
            s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let body = normalised(article.body)
        #expect(article.source.format == .text)
        for snippet in entry["must"] as! [String] {
            #expect(body.contains(normalised(snippet)), "missing: \(snippet)")
        }
        for snippet in entry["must_not"] as! [String] {
            #expect(!body.contains(normalised(snippet)), "kept: \(snippet)")
        }
    }
}

@Suite struct TextHeuristicTests {
    @Test(arguments: [
        "Share", "Teilen", "Partager", "Compartir", "Condividi", "Compartilhar", "Delen", "Skip to content",
        "Zum Inhalt springen", "Aller au contenu", "Saltar al contenido", "Vai al contenuto", "Naar de inhoud",
        "Read more: Storm hits the coast", "Lesen Sie auch: Sturm an der Küste", "Lire aussi : Tempête sur la côte",
        "Leer más", "Leggi anche", "Leia também", "Lees ook", "Sign in", "Anmelden", "Se connecter", "Iniciar sesión",
        "Accedi", "Inloggen", "Subscribe to our newsletter", "Newsletter abonnieren", "Abonnez-vous",
        "Suscríbete", "Iscriviti", "Assine", "Abonneren", "Advertisement", "Anzeige", "Publicité", "Publicidad",
        "Pubblicità", "Publicidade", "Advertentie", "We use cookies", "Wir verwenden Cookies",
        "Nous utilisons des cookies", "Utilizamos cookies", "Utilizziamo i cookie", "Wij gebruiken cookies",
    ])
    func chromePhrasesInSevenLanguages(line: String) {
        #expect(Boilerplate.isChrome(line))
    }

    @Test func chromePrefixesSpareSentences() {
        #expect(
            !Boilerplate.isChrome(
                "Teilen Sie uns mit, was Sie von dem neuen Gesetz halten, sagte die Ministerin gestern."))
        #expect(!Boilerplate.isChrome("Share prices fell sharply on Monday after the central bank raised rates again."))
        #expect(!Boilerplate.isChrome("Readers were told the plan would go ahead."))
    }

    @Test func lineShapeOnBytes() {
        let shape = LineShape("“The talks were useful,” the minister said, “but not enough.”")
        #expect(shape.words == 10)
        #expect(shape.endsLikeSentence)
        #expect(shape.startsUppercase)
        #expect(shape.stopWords >= 3)
        #expect(LineShape("• first item of the list").startsWithBullet)
        #expect(LineShape("2. second item").startsWithBullet)
        #expect(!LineShape("2022 was a year").startsWithBullet)
        #expect(LineShape("Élysée Palace").capitalisedShare == 1)
        #expect(LineShape("").words == 0)
    }

    @Test func bylines() {
        #expect(
            Byline.parse("by Emma Soteriou · LBCBy Emma Soteriou")
                == Byline(authors: ["Emma Soteriou"], publisher: "LBC"))
        #expect(Byline.parse("By Jane Doe, John Roe and Ann Other")?.authors == ["Jane Doe", "John Roe", "Ann Other"])
        #expect(
            Byline.parse("By Ana de la Cruz | Reuters") == Byline(authors: ["Ana de la Cruz"], publisher: "Reuters"))
        #expect(Byline.parse("By the time the vote came, it was too late.") == nil)
        #expect(Byline.parse("By setting this to Default, attributes change") == nil)
    }

    @Test func datesInSixLanguages() {
        #expect(DateText.firstDate(in: "19 January 2022, 00:25") == "2022-01-19")
        #expect(DateText.firstDate(in: "19. Januar 2022") == "2022-01-19")
        #expect(DateText.firstDate(in: "Publié le 3 mars 2021 à 10h") == "2021-03-03")
        #expect(DateText.firstDate(in: "19 de enero de 2022") == "2022-01-19")
        #expect(DateText.firstDate(in: "3 giugno 2020") == "2020-06-03")
        #expect(DateText.firstDate(in: "5 de março de 2019") == "2019-03-05")
        #expect(DateText.firstDate(in: "12 mei 2018") == "2018-05-12")
        #expect(DateText.firstDate(in: "News date : 04/21/2022") == "2022-04-21")
        #expect(DateText.firstDate(in: "19.01.2022") == "2022-01-19")
        #expect(DateText.firstDate(in: "04/05/2022") == nil)
    }

    @Test func relativeDatesNeedAnAnchor() {
        let anchor = 1_642_550_400 + 3600 * 10  // 2022-01-19 10:00 UTC
        #expect(DateText.relativeDate(in: "2 hours ago", anchor: anchor) == "2022-01-19")
        #expect(DateText.relativeDate(in: "Updated 3 days ago", anchor: anchor) == "2022-01-16")
        #expect(DateText.relativeDate(in: "yesterday", anchor: anchor) == "2022-01-18")
        #expect(DateText.relativeDate(in: "5h ago", anchor: anchor) == "2022-01-19")
        #expect(DateText.relativeDate(in: "The 2 men left", anchor: anchor) == nil)
        #expect(DateText.daysSinceEpoch("1970-01-02") == 1)
        #expect(DateText.daysSinceEpoch("2022-01-19") == 19_011)
    }

    /// Lines from the dev corpus and the samples that say "today" without dating the
    /// article, beside real relative datelines.
    @Test func relativeDatelinesMustLookLikeDatelines() {
        let anchor = 1_642_550_400 + 3600 * 10  // 2022-01-19 10:00 UTC
        func date(_ line: String, belowHeadline: Bool = false) -> String? {
            DateText.relativeDateline(in: line, anchor: anchor, belowHeadline: belowHeadline)
        }
        #expect(date("2 hours ago") == "2022-01-19")
        #expect(date("Updated 3 days ago") == "2022-01-16")
        #expect(date("5h ago • Politics") == "2022-01-19")
        #expect(date("Today, 10:32 GMT") == "2022-01-19")
        #expect(date("Posted yesterday") == "2022-01-18")
        #expect(date("Yesterday at 5pm") == "2022-01-18")
        #expect(date("Yesterday", belowHeadline: true) == "2022-01-18")
        // Navigation, an outlet's name, a call to action, a related headline, a question.
        #expect(date("Today") == nil)
        #expect(date("Plant Care Today", belowHeadline: true) == nil)
        #expect(date("Not a subscriber? Subscribe today!", belowHeadline: true) == nil)
        #expect(date("WHO in Covid update TODAY after England praised [REPORT]") == nil)
        #expect(date("What are we doing today?", belowHeadline: true) == nil)
        #expect(date("My mother left a few years ago", belowHeadline: true) == nil)
    }

    static let dated = """
        Council approves new housing plan after long debate
        By Ann Other
        2 hours ago
        The city council approved the new housing plan on Monday evening after a debate that lasted more than six hours.
        Residents who attended the meeting said they were relieved that a decision had finally been reached.
        """

    @Test func relativeDateUsesTheFileTime() throws {
        let withTime = try extract(Self.dated, modified: 1_642_550_400 + 3600 * 10)
        #expect(withTime.published == "2022-01-19")
        #expect(withTime.provenance["published"] == "text:relative-date")
        #expect(try extract(Self.dated).published == nil)
    }

    @Test func futureDatesAreRejected() throws {
        let dump = """
            Council approves new housing plan after long debate
            19 January 2032
            The city council approved the new housing plan on Monday evening after a debate that lasted more than six hours.
            Residents who attended the meeting said they were relieved that a decision had finally been reached.
            """
        #expect(try extract(dump, modified: 1_642_550_400).published == nil)
        #expect(try extract(dump).published == "2032-01-19")
    }

    @Test func listAfterAColonIsKept() throws {
        let dump = """
            Home
            News
            How to repot a plant without killing it
            Repotting is easier than it looks, and most houseplants need it every year or two as their roots fill the pot.
            You will need the following:
            a pot one size larger
            fresh potting compost
            a watering can
            Water the plant a day before, ease it out of the old pot, and set it in the new one at the same depth as before.
            Most plants recover within a week if they are kept out of direct sun for the first few days after the move.
            About us
            Contact
            Privacy
            Newsletter
            """
        let body = paragraphs(try extract(dump))
        #expect(body.contains("a pot one size larger"))
        #expect(body.contains("fresh potting compost"))
        #expect(body.contains("a watering can"))
        #expect(!body.contains("About us") && !body.contains("Contact") && !body.contains("Home"))
        #expect(body.first?.hasPrefix("Repotting is easier") == true)
    }

    @Test func codeLinesInsideAnArticleAreKept() throws {
        let dump = """
            Writing files safely in Python
            Writing a file in place can leave half of it on disk if the program is killed, so write a copy and rename it.
            with open(path + ".tmp", "w") as f:
            f.write(data)
            os.replace(path + ".tmp", path)
            The rename is atomic on POSIX file systems, so a reader sees either the old file or the new one, never a mix.
            """
        let body = paragraphs(try extract(dump))
        #expect(body.contains("f.write(data)"))
        #expect(body.contains("os.replace(path + \".tmp\", path)"))
    }

    @Test func menuRunsAndRelatedHeadlinesAreDropped() throws {
        let dump = """
            Skip to content
            World
            Politics
            Business
            Council approves new housing plan after long debate
            The city council approved the new housing plan on Monday evening after a debate that lasted more than six hours.
            Five things to know about the budget vote this week
            Councillors will now draw up a timetable, and construction could begin as early as next spring, officials said.
            Most popular
            Man bites dog in surprising twist
            Local team wins the cup for the third year running
            Weather warning issued for the weekend
            """
        let article = try extract(dump)
        #expect(
            paragraphs(article) == [
                "The city council approved the new housing plan on Monday evening after a debate that lasted more than six hours.",
                "Councillors will now draw up a timetable, and construction could begin as early as next spring, officials said.",
            ])
    }

    @Test func quoteOverSeveralParagraphsStaysWhole() throws {
        let dump = """
            Minister defends the new budget in parliament
            The minister defended the budget in a long speech to parliament on Tuesday afternoon, saying:
            “We have made choices that were not easy, and we made them because the alternative was worse for everyone.
            “Nobody in this house wanted to raise taxes.
            “But we will not borrow against our children's future.”
            Sign up for our newsletter
            Most popular
            Storm hits the coast
            """
        let body = paragraphs(try extract(dump))
        #expect(body.contains("“Nobody in this house wanted to raise taxes."))
        #expect(body.last == "“But we will not borrow against our children's future.”")
        #expect(!body.contains("Sign up for our newsletter"))
    }

    @Test func wrappedLinesFromTextBrowsersAreJoined() throws {
        let sentence = "The committee heard evidence from residents, engineers and the water company over three days. "
        let long = String(repeating: sentence, count: 11) + "Its report, published on Friday, found that the"
        let dump = """
            Report blames water company for flooding
            \(long)
            company had ignored repeated warnings about the state of its pipes for more than a decade.
            A spokesperson for the company said it would study the report carefully and respond in due course.
            """
        let body = paragraphs(try extract(dump))
        #expect(body.count == 2)
        #expect(
            body.first?.hasSuffix(
                "found that the company had ignored repeated warnings about the state of its pipes for more than a decade."
            ) == true)
    }

    @Test func leadAboveBylineAndPictureIsKept() throws {
        let dump = """
            Menu
            Council approves new housing plan after long debate
            The decision ends a year of wrangling over where two thousand new homes should go.
            By Ann Other
            19 January 2022
            Councillors at the town hall. Picture: Getty
            Share
            The city council approved the new housing plan on Monday evening after a debate that lasted more than six hours.
            Residents who attended the meeting said they were relieved that a decision had finally been reached.
            """
        let article = try extract(dump)
        #expect(
            paragraphs(article).first
                == "The decision ends a year of wrangling over where two thousand new homes should go.")
        #expect(article.title == "Council approves new housing plan after long debate")
        #expect(article.authors == ["Ann Other"])
        #expect(article.published == "2022-01-19")
        #expect(!article.body.contains("Picture"))
    }

    @Test func authorNoteAndAppNoticeAtTheEndAreDropped() throws {
        let dump = """
            Council approves new housing plan after long debate
            The city council approved the new housing plan on Monday evening after a debate that lasted more than six hours.
            Residents who attended the meeting said they were relieved that a decision had finally been reached.
            Ann Other is a senior writer covering local politics and housing for the paper since 2015.
            For the latest stories and breaking news updates download our apps for iOS and Android.
            """
        let body = paragraphs(try extract(dump))
        #expect(body.count == 2)
        #expect(body.last?.hasPrefix("Residents who attended") == true)
    }

    @Test func rolesAreExposedForInspection() {
        let roles = TextDumpExtractor().roles(
            "Home\nThe city council approved the plan on Monday after a debate of six hours.\n")
        #expect(roles.map(\.role) == [.chrome, .prose])
        #expect(roles.map(\.number) == [1, 2])
    }
}
