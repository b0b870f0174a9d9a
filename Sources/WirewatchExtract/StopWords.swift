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

    /// `all` keyed by folded hash, for byte-level lookups.
    static let folded = WordSet(all)
    /// One table for all languages: a word costs one probe instead of one per language.
    private static let languageMasks = LanguageMasks(byLanguage.map(\.words))

    /// ISO 639-1 code of the language whose function words dominate `text`, or nil when
    /// there is too little text to say.
    static func guessLanguage(_ text: some StringProtocol) -> String? {
        ByteText.withBytes(text) { bytes in
            var counts = [Int](repeating: 0, count: byLanguage.count)
            var total = 0
            var i = 0
            // A thousand-odd words are plenty and keep long pages cheap.
            let end = min(bytes.count, 8_000)
            while i < end {
                let skip = wordBreakLength(bytes, i)
                if skip > 0 {
                    i += skip
                    continue
                }
                var wordEnd = i + 1
                while wordEnd < end && wordBreakLength(bytes, wordEnd) == 0 { wordEnd += 1 }
                total += 1
                var languages = languageMasks.languages(ByteText.foldedHash(bytes, i..<wordEnd))
                while languages != 0 {
                    counts[languages.trailingZeroBitCount] += 1
                    languages &= languages - 1
                }
                i = wordEnd
            }
            guard total >= 20, let best = counts.indices.max(by: { counts[$0] < counts[$1] }) else { return nil }
            return counts[best] * 10 >= total ? byLanguage[best].code : nil
        }
    }

    /// Length of the space or punctuation at `i`, 0 inside a word. ASCII letters and digits,
    /// nearly every byte of a text, answer without the two multi-byte checks.
    @inline(__always)
    private static func wordBreakLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        if ByteText.isASCIILetterOrDigit(bytes[i]) { return 0 }
        return max(ByteText.spaceLength(bytes, i), ByteText.punctuationLength(bytes, i))
    }
}

/// Folded word hash to the set of languages (bit n for `byLanguage[n]`) listing the
/// word; open addressing on the same hash as `WordSet`, so membership is identical.
private struct LanguageMasks: Sendable {
    private var keys: [UInt64]
    private var masks: [UInt64]
    private let mask: Int

    init(_ languages: [Set<String>]) {
        precondition(languages.count <= 64, "one bit per language")
        var size = 16
        while size < languages.reduce(0, { $0 + $1.count }) * 4 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        masks = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for (index, words) in languages.enumerated() {
            for word in words {
                let hash = ByteText.foldedHash(word)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while keys[slot] != 0 && keys[slot] != hash { slot = (slot + 1) & mask }
                keys[slot] = hash
                masks[slot] |= 1 << UInt64(index)
            }
        }
    }

    /// Bit set of the languages whose word list holds the word hashed to `hash`.
    @inline(__always)
    func languages(_ hash: UInt64) -> UInt64 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let key = keys[slot]
            if key == hash { return masks[slot] }
            if key == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }
}
