/// Finds dates written the ways news pages write them and returns them as ISO 8601.
enum DateText {
    private static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
        // German, French, Spanish, Italian, Portuguese, Dutch
        "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
        "dezember": 12, "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
        "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "enero": 1, "febrero": 2, "marzo": 3,
        "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
        "noviembre": 11, "diciembre": 12, "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6,
        "luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3,
        "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10, "dezembro": 12, "januari": 1,
        "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    ]

    /// The first date in `text` (`2022-01-19`, `19 January 2022`, `January 19, 2022`,
    /// `Jan. 19 2022`) as `yyyy-mm-dd`, or nil.
    static func firstDate(in text: some StringProtocol) -> String? {
        ByteText.withBytes(text) { firstDate(in: $0, 0..<$0.count) }
    }

    /// `firstDate(in:)` over the UTF-8 bytes in `range`: tokens are byte ranges and month
    /// names are found by folded hash, so no `String` is built unless a date is found.
    static func firstDate(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        var tokens: [Range<Int>] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let space = ByteText.spaceLength(bytes, i)
            if space > 0 || bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "|") {
                i += max(space, 1)
                continue
            }
            var end = i + 1
            while end < range.upperBound && ByteText.spaceLength(bytes, end) == 0 && bytes[end] != UInt8(ascii: ",")
                && bytes[end] != UInt8(ascii: "|")
            {
                end += 1
            }
            // Joiners are two or three bytes long: only such tokens are hashed.
            if end - i > 3 || !joiners.contains(bytes, i..<end) { tokens.append(i..<end) }
            i = end
        }
        for (index, token) in tokens.enumerated() {
            // Cheap looks at the first byte first: most tokens are neither numbers nor months.
            let first = bytes[token.lowerBound]
            // An ISO date may carry its time ("2022-01-19T10:00").
            if first &- 0x30 < 10, let iso = isoPrefix(bytes, token) { return iso }
            guard first >= 0x80 || ByteText.isASCIILetterOrDigit(first) || first == UInt8(ascii: "("),
                token.count <= 12
            else { continue }
            if first &- 0x30 < 10 {
                if let numeric = numericDate(bytes, ByteText.punctuationTrimmed(bytes, token)) { return numeric }
            }
            guard index + 2 < tokens.count else { continue }
            let word = ByteText.punctuationTrimmed(bytes, token)
            let next = ByteText.punctuationTrimmed(bytes, tokens[index + 1])
            guard let year = yearNumber(bytes, ByteText.punctuationTrimmed(bytes, tokens[index + 2])) else { continue }
            if let day = dayNumber(bytes, word), let month = month(bytes, next) { return format(year, month, day) }
            if let month = month(bytes, word), let day = dayNumber(bytes, next) { return format(year, month, day) }
        }
        return nil
    }

    /// Month names by folded hash, sorted for a binary search: a `Dictionary` lookup
    /// hashed the hash again with `Hasher`, which cost more than the search.
    private static let monthHashes: [(hash: UInt64, month: Int)] = months.map {
        (ByteText.foldedHash($0.key), $0.value)
    }.sorted { $0.hash < $1.hash }
    /// Words between a day and its month or year: "19 de enero de 2022", "the 3rd of May".
    private static let joiners = WordSet(["de", "del", "of", "di"])

    private static func month(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int? {
        guard (3...10).contains(word.count) else { return nil }
        let hash = ByteText.foldedHash(bytes, word)
        var low = 0
        var high = monthHashes.count
        while low < high {
            let middle = (low + high) / 2
            if monthHashes[middle].hash < hash { low = middle + 1 } else { high = middle }
        }
        return low < monthHashes.count && monthHashes[low].hash == hash ? monthHashes[low].month : nil
    }

    /// `numericDate` on bytes: `19.01.2022`, `04/21/2022`.
    private static func numericDate(_ bytes: UnsafeBufferPointer<UInt8>, _ core: Range<Int>) -> String? {
        var separator: UInt8 = 0
        // A date has three parts: more fail as fewer do, so only three are kept (no arrays).
        var parts = InlineArray<3, Int>(repeating: 0)
        var lengths = InlineArray<3, Int>(repeating: 0)
        var count = 0
        func keep(_ value: Int, _ length: Int) {
            if count < 3 {
                parts[count] = value
                lengths[count] = length
            }
            count += 1
        }
        var value = 0
        var length = 0
        for i in core {
            let b = bytes[i]
            if b &- 0x30 < 10 {
                value = value * 10 + Int(b &- 0x30)
                length += 1
                if length > 4 { return nil }
            } else if (b == UInt8(ascii: ".") || b == UInt8(ascii: "/")) && (separator == 0 || separator == b) {
                guard length > 0 else { return nil }
                separator = b
                keep(value, length)
                value = 0
                length = 0
            } else {
                return nil
            }
        }
        guard length > 0 else { return nil }
        keep(value, length)
        guard count == 3, lengths[0] <= 2, lengths[1] <= 2, lengths[2] == 4 else { return nil }
        return dayMonthYear(parts[0], parts[1], parts[2], dayFirst: separator == UInt8(ascii: "."))
    }

    /// `19.01.2022` (day first, as in Europe) or `04/21/2022` / `21/04/2022` when the
    /// order is unambiguous; `04/05/2022` could be either and gives nil.
    private static func dayMonthYear(_ a: Int, _ b: Int, _ year: Int, dayFirst: Bool) -> String? {
        guard (1900...2100).contains(year) else { return nil }
        let (day, month): (Int, Int)
        if dayFirst || a > 12 {
            (day, month) = (a, b)
        } else if b > 12 {
            (day, month) = (b, a)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return format(year, month, day)
    }

    static let relativeUnits: [String: Int] = [
        "minute": 60, "minutes": 60, "min": 60, "mins": 60, "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600,
        "day": 86_400, "days": 86_400, "week": 604_800, "weeks": 604_800,
    ]

    /// True for "3 hours ago", "yesterday" and the like: a date that needs an anchor.
    static func isRelative(_ text: some StringProtocol) -> Bool {
        relativeSeconds(text) != nil
    }

    /// The date `text` states relative to `anchor` (seconds since the epoch, UTC):
    /// "2 hours ago", "5 days ago", "yesterday", "today".
    static func relativeDate(in text: some StringProtocol, anchor: Int) -> String? {
        guard let seconds = relativeSeconds(text) else { return nil }
        return civil(fromDays: (anchor - seconds).floorDivided(by: 86_400))
    }

    /// The lowercased words of a short date line, without punctuation around them.
    static func dateWords(_ text: some StringProtocol) -> [Substring] {
        text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "|" }).map {
            $0.trimmingPunctuation()
        }
    }

    private static func relativeSeconds(_ text: some StringProtocol) -> Int? {
        let words = dateWords(text)
        for (i, word) in words.enumerated() {
            if word == "yesterday" { return 86_400 }
            if word == "today" || word == "just now" { return 0 }
            guard word == "ago", i >= 1 else { continue }
            var unitWord = words[i - 1]
            var countWord: Substring? = i >= 2 ? words[i - 2] : nil
            // "2h ago", "5d ago"
            if countWord.map({ Int($0) == nil }) ?? true, let unit = unitWord.last, unitWord.count >= 2,
                Int(unitWord.dropLast()) != nil
            {
                countWord = unitWord.dropLast()
                unitWord = unit == "h" ? "hours" : unit == "d" ? "days" : unit == "m" ? "minutes" : ""
            }
            guard let unit = relativeUnits[String(unitWord)] else { continue }
            let count = countWord.flatMap { Int($0) } ?? (countWord == "an" || countWord == "a" ? 1 : nil)
            if let count { return count * unit }
        }
        return nil
    }

    /// Days since 1970-01-01 of an ISO date (`yyyy-mm-dd…`), for comparing with a file time.
    static func daysSinceEpoch(_ iso: some StringProtocol) -> Int? {
        let digits = Array(iso.utf8.prefix(10))
        guard digits.count == 10, let date = isoPrefix(iso) else { return nil }
        _ = date
        let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(digits[$1] - 0x30) } }
        return days(fromCivil: number(0..<4), number(5..<7), number(8..<10))
    }

    // Howard Hinnant's days-from-civil and its inverse: proleptic Gregorian, exact.
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> String {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return format(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
        ByteText.withBytes(token) { isoPrefix($0, 0..<$0.count) }
    }

    private static func isoPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Range<Int>) -> String? {
        guard token.count >= 10 else { return nil }
        let s = token.lowerBound
        guard bytes[s + 4] == UInt8(ascii: "-"), bytes[s + 7] == UInt8(ascii: "-") else { return nil }
        guard let year = number(bytes, s..<(s + 4)), let month = number(bytes, (s + 5)..<(s + 7)),
            let day = number(bytes, (s + 8)..<(s + 10))
        else { return nil }
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return format(year, month, day)
    }

    /// The decimal value of an all-digit range, or nil.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for i in range {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// "19", "3rd", "21st".
    private static func dayNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int? {
        var digits = word
        if digits.count >= 3 {
            let a = ByteText.lower(bytes[digits.upperBound - 2])
            let b = ByteText.lower(bytes[digits.upperBound - 1])
            if (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64)
                || (a == 0x74 && b == 0x68)
            {
                digits = digits.lowerBound..<(digits.upperBound - 2)
            }
        }
        guard digits.count <= 2, let day = number(bytes, digits), (1...31).contains(day) else { return nil }
        return day
    }

    private static func yearNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ core: Range<Int>) -> Int? {
        guard core.count == 4, let year = number(bytes, core), (1900...2100).contains(year) else { return nil }
        return year
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
