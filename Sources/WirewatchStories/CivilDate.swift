/// Calendar arithmetic on ISO dates without Foundation: enough to compare the dates that
/// articles and events state against a story window.
enum CivilDate {
    static let secondsPerDay: Int64 = 86_400

    /// Seconds since 1970-01-01T00:00:00Z at the start of the day an ISO 8601 date or
    /// date-time names (`2022-01-19`, `2022-01-19T00:25:00Z`); nil when it does not start with
    /// a full `YYYY-MM-DD` date (`--11-20`, `2024-11`). The time of day is ignored: stated
    /// dates are compared against windows of days, and many carry no time or zone.
    static func seconds(iso text: String) -> Int64? {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return days(year: year, month: month, day: day) * secondsPerDay
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
