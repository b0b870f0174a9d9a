extension DateText {
    /// The date a short line states relative to `anchor`, only when the line is a dateline:
    /// "2 hours ago", "Updated 5 mins ago", "Today, 10:32 GMT", "Posted yesterday".
    ///
    /// A relative word also turns up in navigation ("Today"), outlet names ("Plant Care
    /// Today"), calls to action ("Subscribe today!") and related headlines ("Covid update
    /// TODAY after …"); taking those as the date would stamp the file's own day on an old
    /// article. So "n units ago" may carry one word besides labels and times, and a bare
    /// "today"/"yesterday" needs a label or a clock time, or must sit below the headline
    /// (`belowHeadline`), with nothing else on the line.
    static func relativeDateline(in text: some StringProtocol, anchor: Int, belowHeadline: Bool) -> String? {
        guard let date = relativeDate(in: text, anchor: anchor) else { return nil }
        let words = dateWords(text)
        var others = 0
        var anchored = belowHeadline
        var counted = false
        for word in words where !word.isEmpty {
            if word == "ago" {
                counted = true
            } else if datelineLabels.contains(String(word)) {
                anchored = true
            } else if isClockTime(word) {
                anchored = true
            } else if !relativeWords.contains(String(word)) && !word.allSatisfy(\.isNumber)
                && !isCompactSpan(word)
            {
                others += 1
            }
        }
        return (counted ? others <= 1 : others == 0 && anchored) ? date : nil
    }

    /// Words that say a date follows, or qualify a time.
    private static let datelineLabels: Set<String> = [
        "updated", "update", "published", "posted", "modified", "last", "on", "at", "am", "pm", "a.m", "p.m", "gmt",
        "utc", "bst", "cet", "cest", "edt", "est", "et", "pt", "pst", "pdt", "ist",
    ]

    /// The words of a relative date itself: the units `relativeDate` reads and their companions.
    private static let relativeWords = Set(relativeUnits.keys).union(["today", "yesterday", "just", "now", "a", "an"])

    /// "10:32", "9.15", "5pm", "10:32am".
    private static func isClockTime(_ word: Substring) -> Bool {
        let digits = word.prefix(while: \.isNumber)
        guard (1...2).contains(digits.count) else { return false }
        let rest = word.dropFirst(digits.count)
        if rest == "am" || rest == "pm" { return true }
        guard let separator = rest.first, separator == ":" || separator == "." else { return false }
        let minutes = rest.dropFirst().prefix(while: \.isNumber)
        let suffix = rest.dropFirst(1 + minutes.count)
        return minutes.count == 2 && (suffix.isEmpty || suffix == "am" || suffix == "pm")
    }

    /// "5h", "3d", "10m": a count glued to its unit.
    private static func isCompactSpan(_ word: Substring) -> Bool {
        guard let unit = word.last, "hdm".contains(unit) else { return false }
        let count = word.dropLast()
        return !count.isEmpty && count.allSatisfy(\.isNumber)
    }
}
