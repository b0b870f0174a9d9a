/// An article body cut into words and numbered sentences, the common input of the
/// quote, quantity and event finders.
///
/// Sentence numbers run over the whole body, paragraph after paragraph, so `sentence`
/// in quotes and events means the same thing everywhere. A sentence ends at `.`, `!` or
/// `?` (plus closing quotes) followed by a space and a capital, a digit or an opening
/// quote, unless the full stop ends an abbreviation; a paragraph always ends one.
struct BodyText {
    /// One token: a word or number (with inner hyphens, apostrophes, "1,000", "U.S"),
    /// or a single punctuation mark.
    struct Word {
        var range: Range<String.Index>
        /// Lowercased text, with a trailing possessive "'s" kept.
        var lower: String
        /// `lower` with typographic apostrophes folded and a possessive ending dropped
        /// ("Johnson’s" → "johnson"), the form lexicons and aliases are matched in.
        var key: String
        var isWord: Bool
        /// The mark of a punctuation token (0 for words), for cheap comparisons.
        var mark: UInt32
        var isCapitalised: Bool
        var isNumber: Bool
        /// White space (or the paragraph start) precedes the token.
        var spaceBefore: Bool
        var paragraph: Int
    }

    struct Sentence {
        var words: Range<Int>
        var paragraph: Int
        var range: Range<String.Index>
    }

    let text: String
    private(set) var words: [Word] = []
    private(set) var sentences: [Sentence] = []
    /// Word index ranges of the paragraphs.
    private(set) var paragraphs: [Range<Int>] = []

    init(_ text: some StringProtocol) {
        self.text = String(text)
        tokenise()
        splitSentences()
    }

    func string(_ word: Int) -> Substring { text[words[word].range] }

    /// The text from the start of word `from` to the end of word `to - 1`.
    func span(_ from: Int, _ to: Int) -> Substring {
        guard from < to else { return "" }
        return text[words[from].range.lowerBound..<words[to - 1].range.upperBound]
    }

    /// The sentence holding word `index` (binary search).
    func sentence(containing index: Int) -> Int {
        var low = 0
        var high = sentences.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if sentences[mid].words.lowerBound <= index { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private mutating func tokenise() {
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        var paragraph = 0
        var paragraphStart = 0
        var space = true
        var newlines = 0
        while i < scalars.endIndex {
            let c = scalars[i]
            if isSpace(c) {
                if c == "\n" { newlines += 1 }
                space = true
                i = scalars.index(after: i)
                continue
            }
            if newlines >= 2, words.count > paragraphStart {
                paragraphs.append(paragraphStart..<words.count)
                paragraphStart = words.count
                paragraph += 1
            }
            newlines = 0
            let start = i
            if BodyText.isWordScalar(c) {
                var hasLetter = BodyText.isLetter(c)
                var end = scalars.index(after: i)
                while end < scalars.endIndex {
                    let d = scalars[end]
                    if BodyText.isWordScalar(d) || (d.value >= 0x300 && d.properties.generalCategory == .nonspacingMark)
                    {
                        hasLetter = hasLetter || BodyText.isLetter(d)
                        end = scalars.index(after: end)
                        continue
                    }
                    // Inner connectors: "anti-personnel", "Russia's", "100,000", "U.S", "1.5".
                    let next = scalars.index(after: end)
                    guard next < scalars.endIndex, BodyText.isWordScalar(scalars[next]) else { break }
                    let before = scalars[scalars.index(before: end)]
                    let digitsAround = BodyText.isDigit(before) && BodyText.isDigit(scalars[next])
                    if d == "-" || d == "'" || d == "’" || d == "‑" || ((d == "," || d == ".") && digitsAround)
                        || (d == "." && before.properties.isUppercase && scalars[next].properties.isUppercase)
                    {
                        end = next
                        continue
                    }
                    break
                }
                let surface = text[start..<end]
                let first = surface.unicodeScalars.first!
                let lower = BodyText.lowercased(surface)
                let isUpper =
                    first.value < 0x80 ? (first.value >= 0x41 && first.value <= 0x5A) : first.properties.isUppercase
                words.append(
                    Word(
                        range: start..<end, lower: lower, key: NameIndex.normalised(lower), isWord: true, mark: 0,
                        isCapitalised: isUpper, isNumber: !hasLetter || BodyText.isDigit(first), spaceBefore: space,
                        paragraph: paragraph))
                i = end
            } else {
                let end = scalars.index(after: i)
                words.append(
                    Word(
                        range: start..<end, lower: String(c), key: String(c), isWord: false, mark: c.value,
                        isCapitalised: false,
                        isNumber: false, spaceBefore: space, paragraph: paragraph))
                i = end
            }
            space = false
        }
        if words.count > paragraphStart { paragraphs.append(paragraphStart..<words.count) }
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "jr", "sr",
        "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "fig", "vol", "rev", "hon", "u.s", "u.k", "e.g", "i.e",
    ]

    private mutating func splitSentences() {
        for paragraph in paragraphs {
            var start = paragraph.lowerBound
            var i = paragraph.lowerBound
            while i < paragraph.upperBound {
                let w = words[i]
                if w.mark == 0x2E || w.mark == 0x21 || w.mark == 0x3F {
                    var end = i + 1
                    while end < paragraph.upperBound, !words[end].spaceBefore,
                        [0x22, 0x27, 0x201D, 0x2019, 0x29].contains(words[end].mark)
                    {
                        end += 1
                    }
                    if end < paragraph.upperBound, words[end].spaceBefore, startsSentence(words[end]),
                        !(w.mark == 0x2E && i > start && isAbbreviation(i - 1))
                    {
                        appendSentence(start..<end)
                        start = end
                        i = end
                        continue
                    }
                }
                i += 1
            }
            if start < paragraph.upperBound { appendSentence(start..<paragraph.upperBound) }
        }
    }

    private func startsSentence(_ word: Word) -> Bool {
        word.isCapitalised || word.isNumber || [0x22, 0x27, 0x201C, 0x2018].contains(word.mark)
    }

    private func isAbbreviation(_ index: Int) -> Bool {
        let word = words[index]
        guard word.isWord else { return false }
        return (word.lower.count == 1 && word.isCapitalised) || BodyText.abbreviations.contains(word.lower)
    }

    private mutating func appendSentence(_ range: Range<Int>) {
        sentences.append(
            Sentence(
                words: range, paragraph: words[range.lowerBound].paragraph,
                range: words[range.lowerBound].range.lowerBound..<words[range.upperBound - 1].range.upperBound))
    }

    /// Lowercase without the Unicode machinery for the usual ASCII word.
    static func lowercased(_ surface: Substring) -> String {
        let bytes = surface.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return surface.lowercased() }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var n = 0
            for b in bytes {
                buffer[n] = b &- 0x41 < 26 ? b | 0x20 : b
                n += 1
            }
            return n
        }
    }

    @inline(__always)
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (c.value | 0x20 >= 0x61 && c.value | 0x20 <= 0x7A) : c.properties.isAlphabetic
    }

    @inline(__always)
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always)
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 {
            return (c.value >= 0x30 && c.value <= 0x39) || (c.value | 0x20 >= 0x61 && c.value | 0x20 <= 0x7A)
        }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }
}
