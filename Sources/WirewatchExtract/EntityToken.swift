/// One token of the entity tokenizer: a word, a number or a punctuation mark, as a byte
/// range of the UTF-8 text and a case-folded hash, so lexicon lookups never build strings.
struct EntityToken: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        static let word = Flags(rawValue: 1 << 0)
        static let number = Flags(rawValue: 1 << 1)
        static let punctuation = Flags(rawValue: 1 << 2)
        /// First letter is a capital.
        static let upper = Flags(rawValue: 1 << 3)
        /// Two or more letters, all capitals ("NATO", "U.S.").
        static let allCaps = Flags(rawValue: 1 << 4)
        /// First word of a sentence, a line, a quotation or a clause after a colon.
        static let sentenceStart = Flags(rawValue: 1 << 5)
        /// White space before the token (a hyphen without it joins words).
        static let spaceBefore = Flags(rawValue: 1 << 6)
        /// Followed by a possessive "'s", which the tokenizer drops.
        static let possessive = Flags(rawValue: 1 << 7)
        /// A line break, a sentence end or a quotation mark precedes the token: names do not run across it.
        static let boundaryBefore = Flags(rawValue: 1 << 8)
        /// Sentence-final punctuation.
        static let sentenceEnd = Flags(rawValue: 1 << 9)
        /// A quotation mark (straight or curly, single or double).
        static let quote = Flags(rawValue: 1 << 10)
        /// First token of a line.
        static let lineStart = Flags(rawValue: 1 << 11)
        /// On a line in title case ("Privacy Statement", a headline): capitals there say nothing.
        static let headingLine = Flags(rawValue: 1 << 12)
    }

    var start: Int32
    var end: Int32
    /// Case-folded FNV-1a hash of the letters and digits (dots of initialisms dropped);
    /// for punctuation, the hash of the mark itself.
    var key: UInt64
    var flags: Flags

    var isWord: Bool { flags.contains(.word) }
    var isUpper: Bool { flags.contains(.upper) }
    var range: Range<Int> { Int(start)..<Int(end) }
}
