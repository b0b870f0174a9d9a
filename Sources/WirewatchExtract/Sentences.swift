/// Splits prose into sentences well enough for a summary: a sentence ends at `.`, `!`
/// or `?` (plus closing quotes) followed by a space and an uppercase letter, a digit or
/// an opening quote, except after a single capital ("U.S.") or a title abbreviation.
enum Sentences {
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "jr", "sr",
        "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "e.g", "i.e", "fig", "vol", "rev", "hon", "u.s", "u.k",
    ]

    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        let chars = Array(text)
        var start = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." || c == "!" || c == "?" {
                var end = i + 1
                while end < chars.count, "\"'”’)".contains(chars[end]) { end += 1 }
                if end < chars.count, chars[end] == " ", end + 1 < chars.count,
                    chars[end + 1].isUppercase || chars[end + 1].isNumber || "\"'“‘".contains(chars[end + 1]),
                    !(c == "." && isAbbreviation(chars, before: i))
                {
                    sentences.append(String(chars[start..<end]).collapsingWhitespace())
                    start = end + 1
                    i = end
                }
            }
            i += 1
        }
        if start < chars.count {
            let tail = String(chars[start...]).collapsingWhitespace()
            if !tail.isEmpty { sentences.append(tail) }
        }
        return sentences
    }

    private static func isAbbreviation(_ chars: [Character], before dot: Int) -> Bool {
        var j = dot
        while j > 0, chars[j - 1].isLetter || chars[j - 1] == "." { j -= 1 }
        let word = String(chars[j..<dot]).lowercased()
        if word.count == 1 { return true }
        return abbreviations.contains(word)
    }

    /// The first two or three sentences of `paragraphs`: two, or three when the first
    /// two are short.
    static func summary(of paragraphs: [String]) -> String {
        var picked: [String] = []
        var length = 0
        for paragraph in paragraphs {
            for sentence in split(paragraph) {
                picked.append(sentence)
                length += sentence.count
                if picked.count >= 3 || (picked.count >= 2 && length >= 200) { return picked.joined(separator: " ") }
            }
        }
        return picked.joined(separator: " ")
    }
}
