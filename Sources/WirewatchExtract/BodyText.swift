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
        /// UTF-8 offsets of the token in `text`.
        var start: Int
        var end: Int
        /// Lowercased text, with a trailing possessive "'s" kept.
        var lower: String
        /// `lower` with typographic apostrophes folded and a possessive ending dropped
        /// ("Johnson’s" → "johnson"), the form lexicons and aliases are matched in.
        var key: String
        /// Folded hashes of `lower` and `key` (`WordTable.hash`), so lexicon lookups
        /// need no `String` hashing.
        var lowerHash: UInt64
        var keyHash: UInt64
        /// Folded hash of the first three bytes of `lower` (0 when shorter), the key of
        /// the event lexicon's prefix rules.
        var prefixHash: UInt64
        /// Only ASCII bytes: `lower` is the text folded byte by byte, and byte
        /// comparisons are `String` comparisons.
        var isASCII: Bool
        var isWord: Bool
        /// The mark of a punctuation token (0 for words), for cheap comparisons.
        var mark: UInt32
        var isCapitalised: Bool
        var isNumber: Bool
        /// White space (or the paragraph start) precedes the token.
        var spaceBefore: Bool
        /// The token holds a "-" (a compound such as "US-led").
        var hasHyphen: Bool
        var paragraph: Int
    }

    struct Sentence {
        var words: Range<Int>
        var paragraph: Int
        /// UTF-8 offsets of the sentence in `text`.
        var bytes: Range<Int>
    }

    let text: String
    /// The UTF-8 bytes of `text`.
    let bytes: [UInt8]
    private(set) var words: [Word] = []
    private(set) var sentences: [Sentence] = []
    /// Word index ranges of the paragraphs.
    private(set) var paragraphs: [Range<Int>] = []

    init(_ text: some StringProtocol) {
        self.text = String(text)
        bytes = Array(self.text.utf8)
        (words, paragraphs) = bytes.withUnsafeBufferPointer { BodyText.tokenise($0) }
        splitSentences()
    }

    @inline(__always)
    private func index(_ offset: Int) -> String.Index { text.utf8.index(text.utf8.startIndex, offsetBy: offset) }

    func string(_ word: Int) -> Substring { text[index(words[word].start)..<index(words[word].end)] }

    /// The text from the start of word `from` to the end of word `to - 1`.
    func span(_ from: Int, _ to: Int) -> Substring {
        guard from < to else { return "" }
        return text[index(words[from].start)..<index(words[to - 1].end)]
    }

    /// The text of a sentence, as written.
    func string(of sentence: Sentence) -> String {
        String(text[index(sentence.bytes.lowerBound)..<index(sentence.bytes.upperBound)])
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

    /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[i])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        var value: UInt32
        var length: Int
        if lead < 0xE0 {
            value = lead & 0x1F
            length = 2
        } else if lead < 0xF0 {
            value = lead & 0x0F
            length = 3
        } else {
            value = lead & 0x07
            length = 4
        }
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Words and paragraphs of UTF-8 text. Scalar by scalar as before, but over bytes:
    /// walking `String.unicodeScalars` with its index checks was the stage's largest cost.
    private static func tokenise(_ bytes: UnsafeBufferPointer<UInt8>) -> ([Word], [Range<Int>]) {
        var words: [Word] = []
        var paragraphs: [Range<Int>] = []
        words.reserveCapacity(bytes.count / 5)
        var i = 0
        var paragraph = 0
        var paragraphStart = 0
        var space = true
        var newlines = 0
        while i < bytes.count {
            let (c, length) = scalar(bytes, i)
            if isSpace(c) {
                if c == "\n" { newlines += 1 }
                space = true
                i += length
                continue
            }
            if newlines >= 2, words.count > paragraphStart {
                paragraphs.append(paragraphStart..<words.count)
                paragraphStart = words.count
                paragraph += 1
            }
            newlines = 0
            let start = i
            if isWordScalar(c) {
                var hasLetter = isLetter(c)
                var isASCII = length == 1
                var hasHyphen = false
                var before = c
                var end = i + length
                while end < bytes.count {
                    let b = bytes[end]
                    if ByteText.isASCIILetterOrDigit(b) {
                        hasLetter = hasLetter || b > 0x39
                        before = Unicode.Scalar(b)
                        end += 1
                        continue
                    }
                    let (d, dLength) = scalar(bytes, end)
                    if isWordScalar(d) || (d.value >= 0x300 && d.properties.generalCategory == .nonspacingMark) {
                        hasLetter = hasLetter || isLetter(d)
                        isASCII = isASCII && dLength == 1
                        before = d
                        end += dLength
                        continue
                    }
                    // Inner connectors: "anti-personnel", "Russia's", "100,000", "U.S", "1.5".
                    let next = end + dLength
                    guard next < bytes.count else { break }
                    let (after, _) = scalar(bytes, next)
                    guard isWordScalar(after) else { break }
                    let digitsAround = isDigit(before) && isDigit(after)
                    if d == "-" || d == "'" || d == "’" || d == "‑" || ((d == "," || d == ".") && digitsAround)
                        || (d == "." && before.properties.isUppercase && after.properties.isUppercase)
                    {
                        isASCII = isASCII && dLength == 1
                        hasHyphen = hasHyphen || d == "-"
                        before = d
                        end = next
                        continue
                    }
                    break
                }
                var word = Word(
                    start: start, end: end, lower: "", key: "", lowerHash: 0, keyHash: 0, prefixHash: 0,
                    isASCII: isASCII, isWord: true, mark: 0,
                    isCapitalised: c.value < 0x80 ? (c.value >= 0x41 && c.value <= 0x5A) : c.properties.isUppercase,
                    isNumber: !hasLetter || isDigit(c), spaceBefore: space, hasHyphen: hasHyphen,
                    paragraph: paragraph)
                fold(&word, bytes, isASCII: isASCII)
                words.append(word)
                i = end
            } else {
                let lower = String(c)
                let hash = ByteText.foldedHash(bytes, start..<(start + length))
                words.append(
                    Word(
                        start: start, end: start + length, lower: lower, key: lower, lowerHash: hash, keyHash: hash,
                        prefixHash: 0, isASCII: length == 1, isWord: false, mark: c.value, isCapitalised: false,
                        isNumber: false, spaceBefore: space,
                        hasHyphen: false, paragraph: paragraph))
                i += length
            }
            space = false
        }
        if words.count > paragraphStart { paragraphs.append(paragraphStart..<words.count) }
        return (words, paragraphs)
    }

    /// Fills in `lower`, `key` and their hashes. An ASCII word is folded byte by byte and
    /// its possessive cut off in place; other words take the Unicode route.
    @inline(__always)
    private static func fold(_ word: inout Word, _ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) {
        let range = word.start..<word.end
        guard isASCII else {
            let lower = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).lowercased()
            word.lower = lower
            word.key = NameIndex.normalised(lower)
            word.lowerHash = ByteText.foldedHash(of: lower)
            word.keyHash = word.key == lower ? word.lowerHash : ByteText.foldedHash(of: word.key)
            var copy = lower
            word.prefixHash = copy.withUTF8 { $0.count >= 3 ? ByteText.foldedHash($0, 0..<3) : 0 }
            return
        }
        word.lower = folded(bytes, range)
        var keyEnd = range.upperBound
        if range.count > 2 {
            let last = ByteText.lower(bytes[keyEnd - 1])
            if last == UInt8(ascii: "s"), bytes[keyEnd - 2] == UInt8(ascii: "'") {
                keyEnd -= 2
            } else if last == UInt8(ascii: "'") {
                keyEnd -= 1
            }
        }
        // The three hashes are prefixes of one another: one FNV-1a pass, as
        // `ByteText.foldedHash` computes it, gives all of them.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in range {
            hash = (hash ^ UInt64(ByteText.lower(bytes[k]))) &* 0x100_0000_01b3
            if k - range.lowerBound == 2 { word.prefixHash = hash == 0 ? 1 : hash }
            if k + 1 == keyEnd { word.keyHash = hash == 0 ? 1 : hash }
        }
        word.lowerHash = hash == 0 ? 1 : hash
        word.key = keyEnd == range.upperBound ? word.lower : folded(bytes, range.lowerBound..<keyEnd)
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
                        BodyText.isClosingMark(words[end].mark)
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
        word.isCapitalised || word.isNumber || BodyText.isOpeningMark(word.mark)
    }

    @inline(__always)
    private static func isClosingMark(_ mark: UInt32) -> Bool {
        mark == 0x22 || mark == 0x27 || mark == 0x201D || mark == 0x2019 || mark == 0x29
    }

    @inline(__always)
    private static func isOpeningMark(_ mark: UInt32) -> Bool {
        mark == 0x22 || mark == 0x27 || mark == 0x201C || mark == 0x2018
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
                bytes: words[range.lowerBound].start..<words[range.upperBound - 1].end))
    }

    /// ASCII bytes lowercased into a `String`.
    @inline(__always)
    private static func folded(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for k in range { buffer[k - range.lowerBound] = ByteText.lower(bytes[k]) }
            return range.count
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
        // General punctuation (quotes, dashes) is common and has neither letters nor numbers.
        if c.value >= 0x2000 && c.value <= 0x206F { return false }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }
}
