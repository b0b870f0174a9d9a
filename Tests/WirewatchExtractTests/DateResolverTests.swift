import Testing

@testable import WirewatchExtract

/// Day expressions resolved against the published date (sample 002: Wednesday
/// 2022-01-19) or left relative without one.
@Suite struct DateResolverTests {
    func date(_ sentence: String, published: String?) -> String? {
        let body = BodyText(sentence)
        return DateResolver(published: published).date(in: 0..<body.words.count, of: body, near: 0)
    }

    @Test func weekdaysLookBackUnlessTheSentenceLooksAhead() {
        let wednesday = "2022-01-19"
        #expect(date("Mr Blinken spoke by phone on Tuesday with Mr Lavrov.", published: wednesday) == "2022-01-18")
        #expect(date("On Monday, Mr Lavrov rejected the US allegations.", published: wednesday) == "2022-01-17")
        #expect(date("He will meet Sergey Lavrov in Geneva on Friday.", published: wednesday) == "2022-01-21")
        #expect(date("Antony Blinken will be in Kiev on Wednesday.", published: wednesday) == "2022-01-19")
        #expect(date("William Burns visited Kiev last Wednesday.", published: wednesday) == "2022-01-12")
        #expect(date("They meet again next Wednesday.", published: wednesday) == "2022-01-26")
        #expect(date("Yesterday, the Prime Minister warned his citizens.", published: wednesday) == "2022-01-18")
        #expect(date("The talks ended on Tuesday.", published: "2022-01-19T00:25") == "2022-01-18")
    }

    @Test func monthAndDay() {
        #expect(date("An attack on November 20 is feared.", published: "2024-11-19") == "2024-11-20")
        #expect(date("An attack on November 20 is feared.", published: nil) == "--11-20")
        #expect(date("It opened on 20 November 2024.", published: nil) == "2024-11-20")
        #expect(date("It opened on November 20, 2024.", published: nil) == "2024-11-20")
    }

    @Test func nothingToResolve() {
        #expect(date("Mr Blinken spoke by phone on Tuesday.", published: nil) == nil)
        #expect(date("The meeting was held last week.", published: "2022-01-19") == nil)
        #expect(date("May God help them.", published: "2022-01-19") == nil)
    }
}
