/// Splits prose into sentences well enough for a summary: a sentence ends at `.`, `!`
/// or `?` (plus closing quotes) followed by a space and an uppercase letter, a digit or
/// an opening quote, except after a single letter ("U.S.") or a title abbreviation.
///
/// Works on the UTF-8 bytes: splitting a paragraph into `Character`s cost more than
/// the rest of a text dump's extraction.
enum Sentences {
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "jr", "sr",
        "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "e.g", "i.e", "fig", "vol", "rev", "hon", "u.s", "u.k",
    ]
    private static let abbreviationSet = WordSet(abbreviations)

    /// The sentences of `text`, each with its white space collapsed.
    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        forEachSentence(text) {
            sentences.append($0)
            return true
        }
        return sentences
    }

    /// Calls `body` with each sentence of `text` in order until it returns false.
    private static func forEachSentence(_ text: String, _ body: (String) -> Bool) {
        var copy = text
        copy.withUTF8 { bytes in
            var start = 0
            var i = 0
            let count = bytes.count
            while i < count {
                let b = bytes[i]
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
                    var end = i + 1
                    while end < count, let n = closingMarkLength(bytes, end) { end += n }
                    if end + 1 < count, bytes[end] == 0x20, opensSentence(bytes, end + 1),
                        !(b == UInt8(ascii: ".") && isAbbreviation(bytes, before: i))
                    {
                        if !body(collapsed(bytes, start..<end)) { return }
                        start = end + 1
                        i = end
                    }
                }
                i += 1
            }
            if start < count {
                let tail = collapsed(bytes, start..<count)
                if !tail.isEmpty { _ = body(tail) }
            }
        }
    }

    /// `"`, `'`, `)`, `”`, `’` after a sentence's final mark.
    @inline(__always)
    private static func closingMarkLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let b = bytes[i]
        if b == 0x22 || b == 0x27 || b == 0x29 { return 1 }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9D || bytes[i + 2] == 0x99 {
            return 3
        }
        return nil
    }

    /// An uppercase letter, a number or an opening quote starts the next sentence.
    private static func opensSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return b &- 0x41 < 26 || b &- 0x30 < 10 || b == 0x22 || b == 0x27 }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9C || bytes[i + 2] == 0x98 {
            return true
        }
        guard let scalar = scalar(bytes, at: i) else { return false }
        return scalar.properties.isUppercase || scalar.properties.numericType != nil
    }

    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Unicode.Scalar? {
        var iterator = bytes[i..<min(bytes.count, i + 4)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// The word before the dot at `dot` (letters and dots) is one letter or a known
    /// abbreviation.
    private static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, before dot: Int) -> Bool {
        var j = dot
        var letters = 0
        while j > 0 {
            let b = bytes[j - 1]
            if b < 0x80 {
                guard (b | 0x20) &- 0x61 < 26 || b == UInt8(ascii: ".") else { break }
                if b != UInt8(ascii: ".") { letters += 1 }
                j -= 1
                continue
            }
            // Step back over one multi-byte character if it is a letter.
            var lead = j - 1
            while lead > 0 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard let scalar = scalar(bytes, at: lead), scalar.properties.isAlphabetic else { break }
            letters += 1
            j = lead
        }
        if dot - j == 1 || (letters == 1 && dot - j <= 4 && bytes[j] >= 0x80) { return true }
        guard dot - j <= 5 else { return false }
        return abbreviationSet.contains(bytes, j..<dot)
    }

    /// The text in `range` with runs of white space collapsed to one space, ends trimmed.
    private static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var pendingSpace = false
        var i = range.lowerBound
        while i < range.upperBound {
            let n = ByteText.spaceLength(bytes, i)
            if n > 0 {
                pendingSpace = !out.isEmpty
                i += min(n, range.upperBound - i)
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                // Printable ASCII holds no white space: the run goes on eight bytes at a
                // time, then byte by byte to its end, and is copied in one piece.
                var run = i + 1
                while run + 8 <= range.upperBound {
                    let word = ByteText.word(bytes, at: run)
                    if (word | ByteText.bytesBelow(word, 0x21)) & 0x8080_8080_8080_8080 != 0 { break }
                    run += 8
                }
                while run < range.upperBound && bytes[run] &- 0x21 < 0x5F { run += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<run]))
                i = run
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first two or three sentences of `paragraphs`: two, or three when the first
    /// two are short.
    static func summary(of paragraphs: [String]) -> String {
        var picked: [String] = []
        var length = 0
        for paragraph in paragraphs {
            var done = false
            forEachSentence(paragraph) { sentence in
                picked.append(sentence)
                length += sentence.count
                done = picked.count >= 3 || (picked.count >= 2 && length >= 200)
                return !done
            }
            if done { break }
        }
        return picked.joined(separator: " ")
    }
}
