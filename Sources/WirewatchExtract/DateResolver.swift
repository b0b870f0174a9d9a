/// Resolves the day a sentence speaks of ("on Tuesday", "last Wednesday", "on November
/// 20", "20 November 2024", "yesterday") against the article's published date.
///
/// A weekday goes back to its latest occurrence on or before the published day, or
/// forward to the next one when the sentence speaks of the future ("will meet … on
/// Friday"); "last" and "next" force the direction. Without a published date a
/// month and day give `--MM-DD` (ISO 8601's date without year) and a weekday gives nil.
struct DateResolver {
    /// Days since 1970-01-01 of the published day, when known.
    let anchor: Int?

    init(published: String?) {
        anchor = published.flatMap { DateText.daysSinceEpoch($0) }
    }

    private static let weekdays: [String: Int] = [
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    ]
    private static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
        "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    private static let futureWords: Set<String> = ["will", "'ll", "plans", "planned", "due", "expected", "set", "next"]

    /// The date expressed in `range` of `body` closest to word `near`, or nil.
    func date(in range: Range<Int>, of body: BodyText, near: Int) -> String? {
        var best: (distance: Int, date: String)?
        let future = range.contains { DateResolver.futureWords.contains(body.words[$0].lower.replacingApostrophes()) }
        for i in range {
            guard body.words[i].isWord, let date = date(at: i, range, body, future: future) else { continue }
            let distance = abs(i - near)
            if best == nil || distance < best!.distance { best = (distance, date) }
        }
        return best?.date
    }

    private func date(at i: Int, _ range: Range<Int>, _ body: BodyText, future: Bool) -> String? {
        let word = body.words[i].lower
        let previous = i > range.lowerBound ? body.words[i - 1].lower : ""
        if let weekday = DateResolver.weekdays[word], body.words[i].isCapitalised {
            guard let anchor else { return nil }
            let anchorWeekday = (anchor + 3).modulo(7)  // 1970-01-01 was a Thursday
            let back = (anchorWeekday - weekday).modulo(7)
            let forward = (weekday - anchorWeekday).modulo(7)
            let offset: Int
            if previous == "last" {
                offset = back == 0 ? -7 : -back
            } else if previous == "next" {
                offset = forward == 0 ? 7 : forward
            } else {
                offset = future ? forward : -back
            }
            return DateText.civil(fromDays: anchor + offset)
        }
        if ["yesterday", "today", "tomorrow"].contains(word) {
            guard let anchor else { return nil }
            return DateText.civil(fromDays: anchor + (word == "yesterday" ? -1 : word == "tomorrow" ? 1 : 0))
        }
        guard let month = DateResolver.months[word], body.words[i].isCapitalised else { return nil }
        var day: Int?
        var yearAt = i + 2
        if i + 1 < range.upperBound, let d = DateResolver.day(body.words[i + 1].lower) {
            day = d
        } else if i > range.lowerBound, let d = DateResolver.day(previous) {
            day = d
            yearAt = i + 1
        }
        guard let day else { return nil }
        if yearAt < range.upperBound, body.words[yearAt].lower == "," { yearAt += 1 }
        var year: Int?
        if yearAt < range.upperBound, let y = Int(body.words[yearAt].lower), (1900...2100).contains(y) { year = y }
        if year == nil, let anchor { year = Int(DateText.civil(fromDays: anchor).prefix(4)) }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        guard let year else { return "--\(pad(month))-\(pad(day))" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    private static func day(_ word: String) -> Int? {
        var digits = Substring(word)
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits = digits.dropLast(2) }
        guard digits.count <= 2, let day = Int(digits), (1...31).contains(day) else { return nil }
        return day
    }
}

extension Int {
    fileprivate func modulo(_ n: Int) -> Int { ((self % n) + n) % n }
}
