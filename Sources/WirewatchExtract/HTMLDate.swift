/// Checks a published date that page metadata states before it is believed.
enum HTMLDate {
    /// Earliest year believed for a web page's publication.
    private static let firstYear = 1990
    /// Slack for time zones and clock skew between the publisher and this machine.
    private static let toleranceSeconds = 36 * 3600

    /// `value` normalised to ISO 8601 when it is a real calendar date from 1990 on and,
    /// when `modified` (the dump file's mtime, epoch seconds) is known, not later than it.
    static func validated(_ value: String, modified: Int?) -> String? {
        guard let iso = DateText.normalisedISO(value) else { return nil }
        let digits = Array(iso.utf8.prefix(10))
        guard digits.count == 10 else { return nil }
        let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(digits[$1]) - 48 } }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        guard year >= firstYear, day <= daysIn(month: month, year: year) else { return nil }
        if let modified, epochDay(year: year, month: month, day: day) * 86_400 > modified + toleranceSeconds {
            return nil
        }
        return iso
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    static func epochDay(year: Int, month: Int, day: Int) -> Int {
        // Count years from March so the leap day falls at the end of the counted year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
