import Testing

@testable import WirewatchExtract

/// Figures and what they count, on sentences from the samples and the corpus.
@Suite struct QuantityFinderTests {
    func figures(_ text: String) -> [Article.Quantity] {
        QuantityFinder(body: BodyText(text)).quantities()
    }

    @Test func countedNoun() {
        #expect(
            figures("Russia has massed 100,000 troops with tanks and other heavy weapons on its own soil.") == [
                Article.Quantity(text: "100,000 troops", value: 100_000, unit: "troops")
            ])
    }

    @Test func moneyInTwoCurrencies() {
        let found = figures(
            "Later on Wednesday it was announced the Pentagon will send Ukraine at least 275 million dollars "
                + "(£217 million) in new weapons.")
        #expect(
            found == [
                Article.Quantity(text: "at least 275 million dollars", value: 275e6, unit: "USD"),
                Article.Quantity(text: "£217 million", value: 217e6, unit: "GBP"),
            ])
        #expect(figures("The package is worth $275 million.").first?.unit == "USD")
        #expect(figures("The package is worth $275 million.").first?.value == 275e6)
    }

    @Test func numberWordsAndAnElidedPair() {
        let found = figures(
            "Five missiles were shot down and one damaged, with fragments causing a sizeable fire at a military "
                + "facility in the region, it said in a statement.")
        #expect(
            found == [
                Article.Quantity(text: "Five missiles", value: 5, unit: "missiles"),
                Article.Quantity(text: "one", value: 1, unit: "missiles"),
            ])
    }

    @Test func ordinalsAndHyphenatedUnits() {
        #expect(
            figures("Ukraine carried out its first strike on the 1,000th day of war.") == [
                Article.Quantity(text: "the 1,000th day", value: 1000, unit: "day")
            ])
        #expect(
            figures("The war, which reached its 1,000-day milestone on Tuesday, goes on.") == [
                Article.Quantity(text: "1,000-day", value: 1000, unit: "day")
            ])
    }

    @Test func hedgesStayWithTheFigure() {
        let found = figures(
            "Around 100 British military personnel and anti-armour missile systems were sent to Ukraine this week, "
                + "with up to 100,000 troops stationed along the border.")
        #expect(
            found == [
                Article.Quantity(text: "Around 100 British military personnel", value: 100, unit: "personnel"),
                Article.Quantity(text: "up to 100,000 troops", value: 100_000, unit: "troops"),
            ])
    }

    @Test func percentages() {
        #expect(figures("Prices rose 12% last year.").first?.unit == "%")
        #expect(figures("Prices rose 4.5 per cent last year.").first?.value == 4.5)
    }

    @Test func datesYearsAndTimesAreNotFigures() {
        #expect(figures("The embassy received information of an attack on November 20.").isEmpty)
        #expect(figures("It was published on 19 January 2022, 00:25.").isEmpty)
        #expect(figures("The court was built in 1889 and renovated in 2022.").isEmpty)
        #expect(figures("No one knows, and one of the officials declined to comment.").isEmpty)
    }
}
