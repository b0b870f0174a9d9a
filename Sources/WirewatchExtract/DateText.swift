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
    /// Words between a day and its month or year: "19 de enero de 2022", "the 3rd of May".
    private static let joiners: Set<String> = ["de", "del", "of", "di"]

    /// The first date in `text` (`2022-01-19`, `19 January 2022`, `January 19, 2022`,
    /// `Jan. 19 2022`) as `yyyy-mm-dd`, or nil.
    static func firstDate(in text: some StringProtocol) -> String? {
        let tokens = text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "|" }).filter {
            !joiners.contains($0.lowercased())
        }
        for (i, token) in tokens.enumerated() {
            // Cheap looks at the first byte first: most tokens are neither numbers nor months.
            guard let first = token.utf8.first,
                first >= 0x80 || ByteText.isASCIILetterOrDigit(first) || first == UInt8(ascii: "("),
                token.utf8.count <= 12
            else { continue }
            if first &- 0x30 < 10 {
                if let iso = isoPrefix(token) { return iso }
                if let numeric = numericDate(token) { return numeric }
            }
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

    /// `19.01.2022` (day first, as in Europe) or `04/21/2022` / `21/04/2022` when the
    /// order is unambiguous; `04/05/2022` could be either and gives nil.
    private static func numericDate(_ token: some StringProtocol) -> String? {
        let core = token.trimmingPunctuation()
        let dots = core.split(separator: ".", omittingEmptySubsequences: false)
        let slashes = core.split(separator: "/", omittingEmptySubsequences: false)
        let parts = dots.count == 3 ? dots : slashes
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
            let a = Int(parts[0]), let b = Int(parts[1]), let year = Int(parts[2]), (1900...2100).contains(year)
        else { return nil }
        let (day, month): (Int, Int)
        if dots.count == 3 {
            (day, month) = (a, b)
        } else if a > 12 {
            (day, month) = (a, b)
        } else if b > 12 {
            (day, month) = (b, a)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return format(year, month, day)
    }

    private static let relativeUnits: [String: Int] = [
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

    private static func relativeSeconds(_ text: some StringProtocol) -> Int? {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "|" }).map {
            $0.trimmingPunctuation()
        }
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

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
