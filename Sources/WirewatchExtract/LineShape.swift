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

    /// Words that start with a lowercase letter: list items and running text have them,
    /// menus and headlines in title case do not.
    var lowercaseWords: Int
    /// Starts with a list bullet (`•`, `*`, `-`, `–`, `·`, `▪`) or a number and `.`/`)`.
    var startsWithBullet: Bool

    /// The shape of an empty line.
    init() {
        self.init("")
    }

    init(_ text: some StringProtocol) {
        self = ByteText.withBytes(text) { LineShape(utf8: $0, 0..<$0.count) }
    }

    /// The shape of the UTF-8 bytes in `range`; no `String` is built.
    init(utf8 bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var words = 0
        var stop = 0
        var capitalised = 0
        var lowercase = 0
        var digitsOnly = false
        var firstLetterUpper: Bool?
        // Characters are the bytes that start one: all but UTF-8 continuation bytes.
        var continuationBytes = 0
        let stopWords = StopWords.table
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let first = bytes[i]
            if first < 0x80 {
                if LineShape.isASCIISpace(first) {
                    i &+= 1
                    continue
                }
            } else {
                let space = ByteText.spaceLength(bytes, i)
                if space > 0 {
                    continuationBytes += min(space, end - i) - 1
                    i += space
                    continue
                }
                if first < 0xC0 { continuationBytes &+= 1 }
            }
            // One word: up to the next white space.
            // Indices stay inside the buffer, so their arithmetic cannot overflow.
            var wordEnd = i &+ 1
            // Eight bytes at a time while they are printable ASCII: the loop below takes
            // over at the first space, control or non-ASCII byte.
            while wordEnd &+ 8 <= end {
                let chunk = ByteText.word(bytes, at: wordEnd)
                let printable = (chunk & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x5F5F_5F5F_5F5F_5F5F
                let stops = (~printable | chunk) & 0x8080_8080_8080_8080
                if stops != 0 {
                    wordEnd &+= stops.trailingZeroBitCount >> 3
                    break
                }
                wordEnd &+= 8
            }
            while wordEnd < end {
                let b = bytes[wordEnd]
                if b < 0x80 {
                    if LineShape.isASCIISpace(b) { break }
                } else if b < 0xC0 {
                    continuationBytes &+= 1
                } else if ByteText.spaceLength(bytes, wordEnd) > 0 {
                    break
                }
                wordEnd &+= 1
            }
            words &+= 1
            // Most words start and end with an ASCII letter or digit: nothing to trim.
            let core =
                ByteText.isASCIILetterOrDigit(bytes[i]) && ByteText.isASCIILetterOrDigit(bytes[wordEnd &- 1])
                ? i..<wordEnd : ByteText.punctuationTrimmed(bytes, i..<wordEnd)
            let (coreStart, coreEnd) = (core.lowerBound, core.upperBound)
            if coreStart < coreEnd {
                if stopWords.contains(bytes, core) { stop &+= 1 }
                let initial = bytes[coreStart]
                // Two comparisons rather than an optional: counting them costs no branch.
                var isUpper = initial &- 0x41 < 26
                var isLower = initial &- 0x61 < 26
                if initial >= 0x80 {
                    let upper = LineShape.startsUppercase(bytes, coreStart, coreEnd)
                    isUpper = upper == true
                    isLower = upper == false
                }
                capitalised &+= isUpper ? 1 : 0
                lowercase &+= isLower ? 1 : 0
                if firstLetterUpper == nil { firstLetterUpper = isUpper || (!isLower && LineShape.isDigit(initial)) }
                if !digitsOnly {
                    var allDigits = true
                    for j in coreStart..<coreEnd where !LineShape.isDigit(bytes[j]) {
                        allDigits = false
                        break
                    }
                    if allDigits { digitsOnly = true }
                }
            }
            i = wordEnd
        }
        let characters = range.count - continuationBytes
        self.words = words
        self.stopWords = stop
        self.characters = characters
        self.lowercaseWords = lowercase
        self.capitalisedShare = words == 0 ? 0 : Double(capitalised) / Double(words)
        self.hasDigitsOnlyWords = digitsOnly
        self.startsUppercase = firstLetterUpper ?? false
        self.endsLikeSentence = LineShape.endsLikeSentence(bytes, range)
        self.startsWithBullet = LineShape.startsWithBullet(bytes, range)
    }

    /// ASCII white space as `ByteText.spaceLength` counts it: space, tab, line breaks.
    @inline(__always)
    private static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b &- 0x09 < 5 }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// True for an uppercase first letter, false for a lowercase one, nil for a digit or
    /// a character without case.
    private static func startsUppercase(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
        let b = bytes[start]
        if b < 0x80 {
            if b &- 0x41 < 26 { return true }
            if b &- 0x61 < 26 { return false }
            return nil
        }
        // Latin-1 letters are most of the non-ASCII initials; decode the rest.
        if b == 0xC3, start + 1 < end {
            let c = bytes[start + 1]
            if c >= 0x80 && c <= 0x9E && c != 0x97 { return true }
            if c >= 0x9F && c != 0xB7 { return false }
        }
        var iterator = bytes[start..<end].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        let properties = scalar.properties
        if properties.isUppercase { return true }
        if properties.isLowercase { return false }
        return nil
    }

    private static func endsLikeSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        var end = range.upperBound
        // Skip closing quotes and brackets, as in `He said "no."` or `(see above.)`.
        while end > range.lowerBound {
            let b = bytes[end - 1]
            if b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D || b == 0x2A {
                end -= 1
            } else if end - 3 >= range.lowerBound, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80,
                b == 0x9D || b == 0x99
            {
                end -= 3
            } else if end - 2 >= range.lowerBound, bytes[end - 2] == 0xC2, b == 0xBB {
                end -= 2
            } else {
                break
            }
        }
        if end == range.lowerBound { end = range.upperBound }
        let b = bytes[end - 1]
        if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A { return true }
        return end - 3 >= range.lowerBound && bytes[end - 3] == 0xE2 && bytes[end - 2] == 0x80 && b == 0xA6
    }

    private static func startsWithBullet(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        let b = bytes[first]
        if (b == 0x2A || b == 0x2D || b == 0x2B) && range.count > 1 && bytes[first + 1] == 0x20 { return true }
        if b == 0xE2, first + 2 < range.upperBound {
            let (c, d) = (bytes[first + 1], bytes[first + 2])
            if c == 0x80 && (d == 0xA2 || d == 0x93 || d == 0xA3) { return true }
            if c == 0x96 || c == 0x97 || c == 0x9E { return true }
        }
        if b == 0xC2, first + 1 < range.upperBound, bytes[first + 1] == 0xB7 { return true }
        // "1. " or "2) "
        var i = first
        while i < range.upperBound && isDigit(bytes[i]) && i - first < 3 { i += 1 }
        return i > first && i + 1 < range.upperBound && (bytes[i] == 0x2E || bytes[i] == 0x29)
            && bytes[i + 1] == 0x20
    }

    var stopWordRatio: Double { words == 0 ? 0 : Double(stopWords) / Double(words) }

    /// Reads like running prose: long enough, ends like a sentence, normal share of
    /// function words. Headlines, menus, captions without a full stop fail it.
    var isProse: Bool { words >= 10 && endsLikeSentence && stopWordRatio >= 0.18 }
}

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
