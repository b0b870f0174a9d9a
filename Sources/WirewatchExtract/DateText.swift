/// Finds dates written the ways news pages write them and returns them as ISO 8601.
enum DateText {
    private static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// The first date in `text` (`2022-01-19`, `19 January 2022`, `January 19, 2022`,
    /// `Jan. 19 2022`) as `yyyy-mm-dd`, or nil.
    static func firstDate(in text: some StringProtocol) -> String? {
        let tokens = text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "|" })
        for (i, token) in tokens.enumerated() {
            if let iso = isoPrefix(token) { return iso }
            let word = token.trimmingPunctuation().lowercased()
            if let day = dayNumber(word), i + 2 < tokens.count,
                let month = months[tokens[i + 1].trimmingPunctuation().lowercased()],
                let year = yearNumber(tokens[i + 2])
            {
                return format(year, month, day)
            }
            if let month = months[word], i + 2 < tokens.count,
                let day = dayNumber(tokens[i + 1].trimmingPunctuation().lowercased()),
                let year = yearNumber(tokens[i + 2])
            {
                return format(year, month, day)
            }
        }
        return nil
    }

    /// A metadata value (`2020-04-10T12:34:00+00:00`, `2020-04-10`) if it starts with a
    /// valid ISO date: date-times are kept whole, anything else is cut to the date.
    static func normalisedISO(_ value: some StringProtocol) -> String? {
        let trimmed = value.trimmedSpace()
        guard let date = isoPrefix(trimmed) else { return firstDate(in: trimmed) }
        let rest = trimmed.dropFirst(10)
        if rest.first == "T" || rest.first == " ", rest.count >= 6,
            rest.dropFirst().prefix(5).allSatisfy({ $0.isNumber || $0 == ":" })
        {
            let time = rest.dropFirst().prefix {
                $0.isNumber || $0 == ":" || $0 == "." || $0 == "+" || $0 == "-" || $0 == "Z"
            }
            return date + "T" + time
        }
        return date
    }

    private static func isoPrefix(_ token: some StringProtocol) -> String? {
        let chars = Array(token.utf8.prefix(10))
        guard chars.count == 10, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-") else { return nil }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digits.allSatisfy({ chars[$0] >= 0x30 && chars[$0] <= 0x39 }) else { return nil }
        let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(chars[$1] - 0x30) } }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return format(year, month, day)
    }

    private static func dayNumber(_ word: String) -> Int? {
        var digits = Substring(word)
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits = digits.dropLast(2) }
        guard digits.count <= 2, let day = Int(digits), (1...31).contains(day) else { return nil }
        return day
    }

    private static func yearNumber(_ token: some StringProtocol) -> Int? {
        let core = token.trimmingPunctuation()
        guard core.count == 4, let year = Int(core), (1900...2100).contains(year) else { return nil }
        return year
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}
