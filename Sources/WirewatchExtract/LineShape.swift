/// Cheap, language-light features of one line or paragraph, shared by the text-dump
/// and HTML body rules: how long it is, whether it reads like a sentence, how much of
/// it is function words.
struct LineShape: Sendable {
    var words: Int
    var stopWords: Int
    var characters: Int
    /// Ends like a sentence: `.`, `!`, `?`, `…` or `:` possibly followed by closing quotes or brackets.
    var endsLikeSentence: Bool
    var startsUppercase: Bool
    /// Share of words that start with an uppercase letter (title case, menus, names).
    var capitalisedShare: Double
    var hasDigitsOnlyWords: Bool

    init(_ text: some StringProtocol) {
        var words = 0
        var stop = 0
        var capitalised = 0
        var digitsOnly = false
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            words += 1
            let core = word.trimmingPunctuation()
            if core.isEmpty { continue }
            if StopWords.all.contains(core.lowercased()) { stop += 1 }
            if core.first!.isUppercase { capitalised += 1 }
            if core.allSatisfy(\.isNumber) { digitsOnly = true }
        }
        self.words = words
        self.stopWords = stop
        self.characters = text.count
        self.capitalisedShare = words == 0 ? 0 : Double(capitalised) / Double(words)
        self.hasDigitsOnlyWords = digitsOnly
        self.startsUppercase = text.first { $0.isLetter || $0.isNumber }?.isUppercase ?? false
        var last = text.last { !closingCharacters.contains($0) && !$0.isWhitespace }
        if last == nil { last = text.last }
        self.endsLikeSentence = last.map { sentenceEnders.contains($0) } ?? false
    }

    var stopWordRatio: Double { words == 0 ? 0 : Double(stopWords) / Double(words) }

    /// Reads like running prose: long enough, ends like a sentence, normal share of
    /// function words. Headlines, menus, captions without a full stop fail it.
    var isProse: Bool { words >= 10 && endsLikeSentence && stopWordRatio >= 0.18 }
}

private let sentenceEnders: Set<Character> = [".", "!", "?", "…", ":"]
private let closingCharacters: Set<Character> = ["\"", "'", "”", "’", ")", "]", "»", "*"]

extension StringProtocol {
    /// The word without leading/trailing punctuation and quotes.
    func trimmingPunctuation() -> SubSequence {
        var slice = self[...]
        while let first = slice.first, !(first.isLetter || first.isNumber) { slice = slice.dropFirst() }
        while let last = slice.last, !(last.isLetter || last.isNumber) { slice = slice.dropLast() }
        return slice
    }

    /// The text without leading and trailing white space (including no-break spaces).
    func trimmedSpace() -> SubSequence {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }

    /// Runs of white space collapsed to one ASCII space, ends trimmed. Works on scalars:
    /// `Character.isWhitespace` was the hottest call of HTML extraction.
    func collapsingWhitespace() -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// White space as HTML and copied text use it: ASCII spaces and controls, no-break and
/// typographic spaces, line and paragraph separators.
@inline(__always)
func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: true
    case 0..<0x80: false
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
}
