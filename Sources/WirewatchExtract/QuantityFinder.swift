/// Finds figures and what they count (SPEC §4 `quantities`): "100,000 troops",
/// "$275 million", "275 million dollars (£217 million)", "Five missiles", "the 1,000th
/// day", "1,000-day milestone", "up to 100,000 troops", "12%".
///
/// The unit is the head of the noun phrase after the number (its first plural noun,
/// else its last word before a function word), a currency code for money, or `%`.
/// Years, clock times and day numbers of dates are not figures; a bare "one" counts
/// only as the second half of a pair ("Five missiles were shot down and one damaged"),
/// where it borrows the first figure's unit.
struct QuantityFinder {
    let body: BodyText

    private static let numberWords: [String: Double] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozens": 24, "hundreds": 200, "thousands": 2000,
        "dozen": 12,
    ]
    private static let scales: [String: Double] = [
        "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9,
        "k": 1000, "mn": 1e6,
    ]
    private static let currencySymbols: [String: String] = ["$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"]
    private static let currencyWords: [String: String] = [
        "dollars": "USD", "dollar": "USD", "pounds": "GBP", "pound": "GBP", "euros": "EUR", "euro": "EUR",
        "roubles": "RUB", "rubles": "RUB", "hryvnias": "UAH", "yen": "JPY", "yuan": "CNY",
    ]
    private static let modifiers: [[String]] = [
        ["up", "to"], ["at", "least"], ["more", "than"], ["less", "than"], ["fewer", "than"], ["as", "many", "as"],
        ["around"], ["about"], ["nearly"], ["almost"], ["roughly"], ["approximately"], ["some"], ["over"],
        ["at", "most"], ["only"], ["just"], ["estimated"],
    ]
    private static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    func quantities() -> [Article.Quantity] {
        var found: [Article.Quantity] = []
        for sentence in body.sentences {
            var lastUnit: String?
            var i = sentence.words.lowerBound
            while i < sentence.words.upperBound {
                if mayOpenFigure(i), let (quantity, end) = figure(at: i, in: sentence.words, pairedUnit: lastUnit) {
                    found.append(quantity)
                    lastUnit = quantity.unit
                    i = end
                } else {
                    i += 1
                }
            }
        }
        return found
    }

    /// The figure starting at word `i`, and the word after it.
    private func figure(at i: Int, in sentence: Range<Int>, pairedUnit: String?) -> (Article.Quantity, Int)? {
        let words = body.words
        var start = i
        var currency: String?
        var k = i
        if let code = QuantityFinder.currencySymbols[words[k].lower], k + 1 < sentence.upperBound,
            words[k + 1].isNumber
        {
            currency = code
            k += 1
        }
        guard words[k].isWord, let (parsed, ordinal, suffixUnit) = number(words[k].lower) else { return nil }
        var value = parsed
        let isDigits = words[k].isNumber
        if !isDigits, value == 1 {
            // A bare "one" is a figure only in "Five missiles … and one damaged".
            guard let pairedUnit, k > sentence.lowerBound, ["and", ","].contains(words[k - 1].lower),
                k + 1 < sentence.upperBound, words[k + 1].lower != "of"
            else { return nil }
            return (Article.Quantity(text: String(body.string(k)), value: 1, unit: pairedUnit), k + 1)
        }
        if isDigits, isDateOrTime(k, sentence) { return nil }
        var end = k + 1
        if end < sentence.upperBound, let scale = QuantityFinder.scales[words[end].lower], words[end].spaceBefore {
            value *= scale
            end += 1
        }
        if currency == nil, end < sentence.upperBound, let code = QuantityFinder.currencyWords[words[end].lower] {
            currency = code
            end += 1
        }
        var unit: String? = currency ?? suffixUnit
        if unit == nil, end < sentence.upperBound, words[end].lower == "%" {
            unit = "%"
            end += 1
        } else if unit == nil, end + 1 < sentence.upperBound, words[end].lower == "per", words[end + 1].lower == "cent"
        {
            unit = "%"
            end += 2
        }
        if unit == nil, let (head, after) = headNoun(from: end, in: sentence) {
            unit = head
            end = after
        }
        if unit == nil && !isDigits { return nil }
        if unit == nil, ordinal { return nil }
        // A four-digit year standing alone ("in 2022") is a date, not a figure.
        if unit == nil, isDigits, (1000...2100).contains(Int(value)), !words[k].lower.contains(",") { return nil }
        start = modifierStart(before: i, floor: sentence.lowerBound) ?? i
        if start > sentence.lowerBound, words[start - 1].lower == "the", ordinal { start -= 1 }
        return (Article.Quantity(text: String(body.span(start, end)), value: value, unit: unit), end)
    }

    /// Most words are no figure: one cheap look before the real parse. A figure opens
    /// with a number, a number word or a currency sign.
    @inline(__always)
    private func mayOpenFigure(_ i: Int) -> Bool {
        body.words[i].isWord
            ? body.words[i].isNumber
                || QuantityFinder.numberWordList.contains(body.words[i].key, hash: body.words[i].keyHash)
            : QuantityFinder.isCurrencyMark(body.words[i].mark)
    }

    /// Value, whether it is an ordinal ("1,000th"), and a unit glued on with a hyphen
    /// ("1,000-day").
    private func number(_ lower: String) -> (Double, Bool, String?)? {
        if let value = QuantityFinder.numberWords[lower] { return (value, false, nil) }
        if lower == "one" { return (1, false, nil) }
        var digits = ""
        var rest = Substring(lower)
        while let c = rest.first, c.isNumber || c == "," || c == "." {
            if c != "," { digits.append(c) }
            rest = rest.dropFirst()
        }
        guard !digits.isEmpty, let value = Double(digits) else { return nil }
        if rest.isEmpty { return (value, false, nil) }
        if ["th", "st", "nd", "rd"].contains(rest) { return (value, true, nil) }
        if rest.first == "-", rest.count > 1 {
            let unit = rest.dropFirst().split(separator: "-").first.map(String.init)
            return (value, false, unit)
        }
        if let scale = QuantityFinder.scales[String(rest)] { return (value * scale, false, nil) }
        return nil
    }

    private func isDateOrTime(_ k: Int, _ sentence: Range<Int>) -> Bool {
        let words = body.words
        if k > sentence.lowerBound, QuantityFinder.months.contains(words[k - 1].lower) { return true }
        if k + 1 < sentence.upperBound, QuantityFinder.months.contains(words[k + 1].lower) { return true }
        if k + 1 < sentence.upperBound, words[k + 1].lower == ":", !words[k + 1].spaceBefore { return true }
        if k > sentence.lowerBound, words[k - 1].lower == ":", !words[k].spaceBefore { return true }
        return false
    }

    /// "Around 100 …", "up to 100,000 …": where the figure's hedge begins.
    private func modifierStart(before i: Int, floor: Int) -> Int? {
        for modifier in QuantityFinder.modifiers where i - modifier.count >= floor {
            let start = i - modifier.count
            if modifier.indices.allSatisfy({ body.words[start + $0].lower == modifier[$0] }) { return start }
        }
        return nil
    }

    /// The head of the noun phrase starting at `start`: the first plural noun, or the
    /// last word before a function word, within four words.
    private func headNoun(from start: Int, in sentence: Range<Int>) -> (String, Int)? {
        var taken: [Int] = []
        var j = start
        while j < sentence.upperBound, taken.count < 4 {
            let w = body.words[j]
            guard w.isWord, !w.isNumber, !StopWords.english.contains(w.lower), !QuantityFinder.months.contains(w.lower)
            else { break }
            if w.isCapitalised, taken.isEmpty, EventLexicon.shared.demonyms[w.lower] == nil { break }
            taken.append(j)
            j += 1
            if QuantityFinder.isPlural(w.lower) { break }
        }
        guard let last = taken.last else { return nil }
        let word = body.words[last]
        if word.isCapitalised { return nil }
        return (word.key, last + 1)
    }

    private static let numberWordList = WordList(numberWords.keys + ["one"])

    /// The marks of `currencySymbols`.
    @inline(__always)
    private static func isCurrencyMark(_ mark: UInt32) -> Bool {
        mark == 0x24 || mark == 0xA3 || mark == 0x20AC || mark == 0xA5
    }

    static func isNumberWord(_ word: String) -> Bool { word == "one" || numberWords[word] != nil }

    static func isPlural(_ word: String) -> Bool {
        word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us")
            || ["people", "personnel", "children", "men", "women", "troops"].contains(word)
    }
}
