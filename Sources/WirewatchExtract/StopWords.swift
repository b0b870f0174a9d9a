/// Function-word lists: a language-independent prose signal (running text is full of
/// them, menus and headlines are not) and a cheap language guess.
enum StopWords {
    static let byLanguage: [(code: String, words: Set<String>)] = [
        (
            "en",
            [
                "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
                "is",
                "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those",
                "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "not", "no", "will",
                "would",
                "can", "could", "should", "may", "might", "which", "who", "whom", "what", "when", "where", "there",
                "than",
                "then", "if", "so", "about", "into", "after", "before", "over", "said", "also", "more", "all", "one",
                "out",
                "up", "do", "does", "did", "him", "them", "us", "my", "me", "how", "just", "only", "some", "any",
                "such",
            ]
        ),
        (
            "de",
            [
                "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "dem", "mit", "von", "sich",
                "des",
                "auf", "für", "im", "auch", "es", "wird", "wie", "dass", "sie", "er", "wir", "ich", "aber", "oder",
                "bei",
                "nach", "noch", "nur", "aus", "sind", "war", "hat", "werden", "einen", "einer",
            ]
        ),
        (
            "fr",
            [
                "le", "la", "les", "et", "des", "du", "un", "une", "est", "que", "qui", "dans", "pour", "pas", "sur",
                "au",
                "avec", "ce", "il", "elle", "nous", "vous", "ils", "sont", "mais", "ou", "par", "plus", "se", "son",
                "sa",
                "ses", "aux", "été", "cette",
            ]
        ),
        (
            "es",
            [
                "el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "es", "por", "con", "para", "del", "se",
                "no",
                "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "fue", "este", "esta", "son",
            ]
        ),
        (
            "it",
            [
                "il", "lo", "la", "gli", "le", "e", "di", "che", "un", "una", "per", "non", "con", "del", "della",
                "sono",
                "è", "si", "nel", "nella", "da", "al", "alla", "anche", "come", "più", "ma",
            ]
        ),
        (
            "nl",
            [
                "de", "het", "een", "en", "van", "dat", "die", "niet", "zijn", "op", "te", "met", "voor", "er", "maar",
                "ook", "als", "bij", "dit", "naar", "werd", "wordt", "aan", "zij", "hij",
            ]
        ),
        (
            "pt",
            [
                "o", "a", "os", "as", "e", "de", "do", "da", "dos", "das", "que", "em", "um", "uma", "para", "com",
                "não",
                "por", "mais", "se", "no", "na", "foi", "ao", "ser", "como", "mas",
            ]
        ),
    ]

    static let all: Set<String> = byLanguage.reduce(into: Set<String>()) { $0.formUnion($1.words) }
    static let english: Set<String> = byLanguage[0].words

    /// Every list in one table: a word costs one probe for membership and languages alike.
    static let table = StopWordTable(byLanguage.map(\.words))

    /// ISO 639-1 code of the language whose function words dominate `text`, or nil when
    /// there is too little text to say.
    static func guessLanguage(_ text: some StringProtocol) -> String? {
        ByteText.withBytes(text) { bytes in
            // Per-language counts in 16-bit lanes, languages 0–3 in `low` and 4–7 in
            // `high`: a word's language bits are added without a branch on them.
            var low: UInt64 = 0
            var high: UInt64 = 0
            var total = 0
            var i = 0
            // A thousand-odd words are plenty and keep long pages cheap.
            let end = min(bytes.count, 8_000)
            let table = StopWords.table
            breakClasses.withUnsafeBufferPointer { classes in
                while i < end {
                    let skip = wordBreakLength(bytes, i, classes)
                    if skip > 0 {
                        i += skip
                        continue
                    }
                    var wordEnd = i + 1
                    // The break that ends the word, skipped with it rather than measured again.
                    var breakLength = 0
                    while wordEnd < end {
                        // Letters and digits are never a break: cross them eight at a time.
                        wordEnd = ByteText.alphanumericEnd(bytes, from: wordEnd, limit: end)
                        if wordEnd == end { break }
                        breakLength = wordBreakLength(bytes, wordEnd, classes)
                        if breakLength != 0 { break }
                        wordEnd += 1
                    }
                    total &+= 1
                    let languages = UInt64(table.languages(bytes, i..<wordEnd))
                    low &+= spreadToLanes(languages & 0x0F)
                    high &+= spreadToLanes(languages >> 4)
                    i = wordEnd + breakLength
                }
            }
            guard total >= 20 else { return nil }
            func count(_ n: Int) -> Int { Int(truncatingIfNeeded: (n < 4 ? low : high) >> UInt64(n % 4 * 16) & 0xFFFF) }
            // The first of the most counted languages, as `max(by:)` over the indices picks it.
            var best = 0
            for n in 1..<byLanguage.count where count(n) > count(best) { best = n }
            return count(best) * 10 >= total ? byLanguage[best].code : nil
        }
    }

    /// Bits 0–3 of `bits` moved to bits 0, 16, 32 and 48: the four shifted copies the
    /// multiplication adds never overlap, so no carry disturbs them.
    @inline(__always)
    private static func spreadToLanes(_ bits: UInt64) -> UInt64 {
        (bits &* 0x0000_2000_4000_8001) & 0x0001_0001_0001_0001
    }

    /// Length of the space or punctuation at `i`, 0 inside a word. ASCII bytes, nearly
    /// every byte of a text, answer from `classes` without the two multi-byte checks.
    @inline(__always)
    private static func wordBreakLength(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ classes: UnsafeBufferPointer<UInt8>
    ) -> Int {
        let kind = classes[Int(bytes[i])]
        if kind < 2 { return Int(kind) }
        return max(ByteText.spaceLength(bytes, i), ByteText.punctuationLength(bytes, i))
    }

    /// Per byte: 0 inside a word, 1 for an ASCII space or punctuation mark, 2 for a lead
    /// byte that may start a multi-byte space or punctuation character. ASCII letters,
    /// digits and the controls that are not white space belong to words.
    private static let breakClasses: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        if b >= 0x80 { return b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF ? 2 : 0 }
        let byte = UInt8(b)
        if b > 0x20 { return ByteText.isASCIILetterOrDigit(byte) ? 0 : 1 }
        return b == 0x20 || byte &- 0x09 < 5 ? 1 : 0
    }
}
