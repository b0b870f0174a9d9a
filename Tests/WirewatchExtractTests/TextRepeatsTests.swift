import Testing

@testable import WirewatchExtract

private func body(_ dump: String) throws -> [String] {
    let article = try Extractor().extract(Dump(name: "d.txt", path: "", bytes: Array(dump.utf8)))
    return article.body.split(separator: "\n\n").map(String.init)
}

private func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> R) -> R {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { body($0, 0..<$0.count) }
}

/// A slide show as w3m prints it (economictimes.indiatimes.com in the development
/// corpus): each slide's title twice around its counter, a credit under every picture.
private let slideShow = """
    The iPhone SE is in India, here's all we know
    ET Online|
    09 Jun 2020, 02:32 PM IST
    [not-a-flagship]
    1/5
    \u{200B}Not a flagship
    The latest iPhone from Apple is not what you would expect - a successor to the 2016 SE - it is designed to look like the iPhone 8 from 2017, but is a massive upgrade on it.
    Image credit: www.apple.com/in/
    Agencies
    \u{200B}Pocket friendly
    2/5
    \u{200B}Pocket friendly
    First off, its form factor is a surprise - a 4.7 in (diagonal) display - puts it in the smaller screen size category, with most of the smartphones in the market are closer to the 6in mark, and some are over it.
    Image credit: www.apple.com/in/
    Agencies
    Powerful package
    3/5
    Powerful package
    But, the iPhone SE fits in so much more in the tiny form factor - cramming in Apple’s latest A13 bionic chip and bringing back the much-missed home button and with it, TouchID.
    Image credit: www.apple.com/in/
    Agencies
    Popular Slideshows
    Buy-Sell Ideas
    Buy-Sell Ideas
    Money-making ideas
    Money-making ideas
    Mazagon Dock Shipbuilders | BUY | Target: Rs 272
    Mazagon Dock Shipbuilders | BUY | Target: Rs 272
    """

/// Rules for repeated lines, slide counters, captions, contents, short openings and marked line
/// ends, on lines from the development corpus.
@Suite struct TextRepeatsTests {
    @Test func aTitlePrintedTwiceAroundItsCounterIsOneHeading() {
        let roles = TextDumpExtractor().roles(slideShow)
        let pocket = roles.filter { $0.text.hasSuffix("Pocket friendly") }.map(\.role)
        #expect(pocket == [.heading, .rule])
        #expect(roles.first { $0.text == "2/5" }?.role == .rule)
        // A line repeated far apart is furniture.
        #expect(roles.filter { $0.text == "Agencies" }.allSatisfy { $0.role == .duplicate })
    }

    @Test func aCaptionRepeatedUnderEveryPictureStaysACaption() {
        let caption =
            "Striking members of the UCU at University College last year. Photograph: Guy Smallman/Getty Images"
        let dump = [
            caption,
            "Thousands of academic staff at British universities are being treated as second-class citizens.",
            "It calls on the government and universities to end the use of zero-hours contracts, the union said.",
            "But a spokesperson for Universities UK said institutions were already working on it.",
            "The report was published on Monday by the University and College Union.",
            caption,
        ].joined(separator: "\n")
        let roles = TextDumpExtractor().roles(dump)
        #expect(roles.filter { $0.text == caption }.map(\.role) == [.caption, .caption])
    }

    @Test func slideCountersAreDigitsAroundOneSlash() {
        #expect(withBytes("2/5") { TextDumpExtractor.isSlideCounter($0, $1) })
        #expect(withBytes("12 / 30") { TextDumpExtractor.isSlideCounter($0, $1) })
        #expect(!withBytes("1/2 cup") { TextDumpExtractor.isSlideCounter($0, $1) })
        #expect(!withBytes("1/2/2020") { TextDumpExtractor.isSlideCounter($0, $1) })
    }

    @Test func linesOpeningWithAFigureLabelAreCaptions() {
        let captions = [
            "[20220103-1]Abbildung: Vergleich auf dem Aletschgletscher. Unsere quantifizierten Variationen der "
                + "Schneehöhe (links) passen optisch sehr gut mit beobachteten Variationen des Schneeaufkommens "
                + "(rechts) zusammen.",
            "Figure 1: ggplot2 Barchart with Default Font Sizes.",
            "Photo: iStock",
            "Foto: sidm / DW",
            "Photo : Yonhap News",
            "Illustration: Sarah Grillo/Axios",
        ]
        for caption in captions {
            #expect(withBytes(caption) { TextDumpExtractor.startsWithFigureLabel($0, $1) }, "\(caption)")
            // Some are chrome by their phrases already; either way the body leaves them out.
            let role = TextDumpExtractor().roles(caption).first?.role
            #expect(role == .caption || role == .chrome, "\(caption)")
        }
        let text = [
            "Imagine a world where every phone had a fingerprint sensor.",
            "Photography was his passion: he took pictures everywhere.",
            "Bildung: ein Menschenrecht",
            "[ ] Share on Facebook",
        ]
        for line in text {
            #expect(!withBytes(line) { TextDumpExtractor.startsWithFigureLabel($0, $1) }, "\(line)")
        }
    }

    @Test func altTextAboveAnImageMarkAndItsCaptionAreCaptions() throws {
        let dump = """
            Thousands of academic staff at British universities are being treated as second-class citizens on precarious contracts, says a report highlighting the alarming rise of mass casualised labour in higher education.
            Striking members of the UCU and other unions at University College last year.
            [ ]
            Striking members of the UCU and other unions at University College last year. Photograph: Guy Smallman/Getty Images
            It calls on the government and universities to end the use of zero-hours contracts and to give staff on fixed-term contracts the same rights as permanent staff, the union said.
            But a spokesperson for Universities UK said institutions were already working to reduce the use of casual contracts where they could.
            """
        let roles = TextDumpExtractor().roles(dump)
        #expect(roles.filter { $0.text.hasPrefix("Striking members") }.allSatisfy { $0.role == .caption })
        let paragraphs = try body(dump)
        #expect(!paragraphs.contains { $0.hasPrefix("Striking members") })
        #expect(paragraphs.contains { $0.hasPrefix("It calls on the") })
        #expect(paragraphs.contains { $0.hasPrefix("But a spokesperson for") })
    }

    @Test func numberedContentsDoNotCutTheLeadOff() throws {
        let dump = """
            Water-Making Spell
            Conjures water^[1]
                "The Water-Making Spell conjures clean, drinkable water from the end of the wand."
                —Book of Spells^[src]
            The Water-Making Spell^[2] (Aguamenti) was a charm that conjured a jet of clean, drinkable water from the tip of the caster's wand. This spell, in addition to being a charm, can also be classified as conjuration, an advanced form of Transfiguration.
            [ ]
            Contents
              • 1 History
              • 2 Effects
              • 3 Known uses
              • 4 Known practitioners
              • 5 Etymology
              • 6 See also
            History
            It's unknown who invented this spell and when. The wand movement for this spell was a smooth wave movement from right to left.^[1] The Water-Making spell also appeared to be the opposite of the Fire-Making Spell, which was used to conjure flames instead.
            This spell was taught at N.E.W.T.-level in Charms class at Hogwarts School of Witchcraft and Wizardry, to sixth years. It is also possible that this charm was found in the The Standard Book of Spells series by Miranda Goshawk.
            Effects
            Depending on the caster's concentration and intentions, this charm can be anything from a simple jet of water to a wave. It was taught to sixth year students at Hogwarts School of Witchcraft and Wizardry in Charms class.^[3]^[4] The spell's incantation was Aguamenti.^[5]
            Known uses
            This spell was useless against Fiendfyre, a spell that conjured cursed flames, as the water conjured from this spell would instantly evaporate on contact with the dark fire.^[6]
            Etymology
            In both Spanish and Portuguese, "agua"/"água" means "water" and "mente" (also in Italian) means "mind"; these derive from the Latin terms "aqua" ("water") and "mens" ("mind").
            """
        let roles = TextDumpExtractor().roles(dump)
        #expect(roles.filter { $0.text.hasPrefix("• ") }.allSatisfy { $0.role == .rule })
        let paragraphs = try body(dump)
        #expect(paragraphs.contains { $0.hasPrefix("The Water-Making Spell^[2]") })
        #expect(paragraphs.contains { $0.hasPrefix("\"The Water-Making Spell conjures") })
        #expect(!paragraphs.contains { $0.contains("1 History") })
    }

    @Test func numberedStepsAreNotContents() {
        let dump = """
            To get fast, reproducible builds for your application:
            1. Separate dependencies from your setup.py.
            2. Separate logical and pinned dependencies (using pip-tools, pipenv, or poetry).
            3. Install dependencies separately and earlier in your Dockerfile to ensure faster builds.
            """
        #expect(TextDumpExtractor().roles(dump).allSatisfy { $0.role != .rule })
        #expect(
            withBytes("• 2.1 Effects") { bytes, range in
                TextDumpExtractor.contentsTitle(bytes, range).map { String(decoding: bytes[$0], as: UTF8.self) }
            } == "Effects")
        #expect(withBytes("• Home") { TextDumpExtractor.contentsTitle($0, $1) } == nil)
    }

    @Test func aShortOpeningSentenceRightBeforeTheTextIsKept() throws {
        let dump = """
            Previous
            Chapter
            Next
            Chapter
            When I woke up, there was nothing.
            A pure white empty space that seemed to stretch for all eternity was all that I saw; an endless void with no beginning and no end, and not a sound in it.
            “What the—“ I spun around to see the source of the voice. A man appeared in front of me, dressed in a plain grey suit, with a face I could not remember.
            The man seemed to ponder over my question. As he did, I took that moment to note his features, but none of them would stay in my mind for long.
            """
        #expect(try body(dump).first == "When I woke up, there was nothing.")
    }

    @Test func marksAfterTheLastSentenceDoNotHideItsEnd() {
        let row =
            "│Hermione Granger                    │4 August, 1997          │When questioning Mundungus Fletcher on "
            + "the whereabouts Salazar Slytherin's Locket, Harry accidentally set Mundungus' eyebrows on fire. "
            + "Hermione used this charm to extinguish his burning eyebrows.^[10]                    │"
        #expect(TextDumpExtractor().roles(row).first?.role == .prose)
        let step = "• With 2 tbsp oil left in the wok, saute minced garlic till fragrant.[DSC_0511-scaled]"
        #expect(withBytes(step) { TextDumpExtractor.endBeforeMarks($0, $1) } == step.utf8.count - 17)
        let separated = "• Remove and drain on paper towels.\u{2063}"
        #expect(withBytes(separated) { TextDumpExtractor.endBeforeMarks($0, $1) } == separated.utf8.count - 3)
        #expect(TextDumpExtractor().roles(separated).first?.role == .shortProse)
        // A mark alone or a label without a sentence stays what it was.
        #expect(TextDumpExtractor().roles("[Wurmkiste-01]").first?.role == .heading)
        #expect(TextDumpExtractor().roles("Conjures water^[1]").first?.role == .heading)
    }
}
