/// The text features of a story fingerprint: phrase hashes that reports of one development
/// share even when outlets word them differently, and a SimHash that only copies share.
enum StoryText {
    /// A word as compared across articles (lowercased, possessive and plural `s` cut), or a
    /// break where a sentence, clause or line ends: phrases never span one.
    enum Token: Equatable {
        case word(String)
        case pause
    }

    /// The tokens of `text` in order.
    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        var word = String.UnicodeScalarView()
        func flush() {
            guard !word.isEmpty else { return }
            out.append(.word(normalise(String(word))))
            word.removeAll(keepingCapacity: true)
        }
        var previous: Unicode.Scalar = " "
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
            } else if isJoiner(scalar), !word.isEmpty, index + 1 < scalars.count,
                scalars[index + 1].properties.isAlphabetic
            {
                // Inside a word ("anti-personnel", "Russia's"): keep the word whole.
                word.append(scalar == "\u{2019}" ? "'" : scalar)
            } else {
                flush()
                if isPause(scalar), !(scalar == "." && previous.properties.numericType != nil) {
                    if out.last != .pause { out.append(.pause) }
                }
            }
            previous = scalar
        }
        flush()
        return out
    }

    /// FNV-1a hashes of adjacent content-word pairs ("air attack", "long-range missile"),
    /// sorted and unique. Pairs made only of function words, or spanning a pause or a function
    /// word, are left out: they say nothing about the topic.
    static func phraseHashes(_ tokens: [Token]) -> [UInt32] {
        var hashes = Set<UInt32>()
        var previous: String?
        for token in tokens {
            guard case .word(let word) = token, isContent(word) else {
                previous = nil
                continue
            }
            if let previous { hashes.insert(fnv32(previous + " " + word)) }
            previous = word
        }
        return hashes.sorted()
    }

    /// Words of a shingle for the SimHash.
    static let shingleSize = 3
    /// Fewer shingles than this give no SimHash: on a few words any two texts look alike.
    static let minimumShingles = 24

    /// 64-bit SimHash (Charikar) of the word 3-shingles of `tokens`, every word counted and
    /// pauses ignored, so that a copy with other punctuation or chrome trimmed stays within
    /// a few bits. Nil for texts too short to compare.
    static func simHash(_ tokens: [Token]) -> UInt64? {
        let words = tokens.compactMap { token -> String? in
            if case .word(let word) = token { return word }
            return nil
        }
        guard words.count >= shingleSize + minimumShingles - 1 else { return nil }
        var votes = [Int](repeating: 0, count: 64)
        for start in 0...(words.count - shingleSize) {
            let hash = fnv64(words[start..<(start + shingleSize)].joined(separator: " "))
            for bit in 0..<64 {
                votes[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    static func isContent(_ word: String) -> Bool {
        word.unicodeScalars.count >= 3 && !stopWords.contains(word)
            && !word.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
    }

    static func fnv32(_ text: String) -> UInt32 {
        fnv1a(text, basis: 2_166_136_261, prime: 16_777_619)
    }

    static func fnv64(_ text: String) -> UInt64 {
        fnv1a(text, basis: 14_695_981_039_346_656_037, prime: 1_099_511_628_211)
    }

    /// FNV-1a over the UTF-8 bytes, at the width of `T`.
    private static func fnv1a<T: FixedWidthInteger & UnsignedInteger>(_ text: String, basis: T, prime: T) -> T {
        var hash = basis
        for byte in text.utf8 {
            hash ^= T(byte)
            hash &*= prime
        }
        return hash
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }

    private static func isPause(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", ",", ";", ":", "!", "?", "\"", "(", ")", "[", "]", "\n", "\u{201C}", "\u{201D}", "\u{2014}",
            "\u{2013}", "\u{2018}":
            true
        default: false
        }
    }

    /// Lowercases and folds the forms one word takes: "Russia's" → "russia", "missiles" →
    /// "missile". The plural cut is deliberately crude; it only has to be the same on both sides.
    private static func normalise(_ raw: String) -> String {
        var word = raw.lowercased()
        if word.hasSuffix("'s") { word.removeLast(2) }
        if word.unicodeScalars.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
        return word
    }

    /// English function words plus the reporting verbs and time words every article uses;
    /// compared after `normalise`, so plural forms appear cut.
    static let stopWords: Set<String> = [
        "the", "and", "but", "for", "with", "from", "are", "was", "were", "been", "has", "have", "had", "its",
        "this", "that", "these", "those", "she", "they", "you", "his", "her", "their", "our", "your", "not",
        "will", "would", "can", "could", "should", "may", "might", "must", "does", "did", "than", "then", "there",
        "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "both", "each",
        "few", "more", "most", "other", "some", "such", "only", "own", "same", "too", "very", "just", "don", "now",
        "also", "into", "over", "after", "before", "about", "against", "between", "through", "during", "without",
        "under", "again", "further", "once", "said", "say", "says", "told", "tell", "mrs", "one", "two", "three",
        "new", "year", "day", "time", "week", "last", "first", "being", "because", "while", "out", "off", "him",
        "them", "itself", "himself", "herself", "themselves", "upon", "onto", "per", "via", "yet", "still",
        "even", "many", "much", "made", "make", "like", "well", "back", "way", "around", "since", "whether",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
        "tomorrow", "according", "added", "statement", "reported", "report", "news", "people", "including",
    ]
}
