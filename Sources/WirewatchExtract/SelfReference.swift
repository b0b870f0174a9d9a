/// Guesses the outlet of a text dump from the way a site talks about itself: a
/// broadcaster's "told LBC" / "tells LBC" repeated, or a notice's "commenting on The
/// Herald" and "at The Herald". A name needs two such mentions; one could be a source.
enum SelfReference {
    private static let verbs = ["told", "tells", "telling"].map { Array($0.utf8) }
    private static let noticePrepositions = ["on", "at"].map { Array($0.utf8) }
    private static let weekdays: Set<String> = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The",
    ]

    /// Cheap pre-filter for `publisher(in:)`: lines without these cannot name the site
    /// through a verb.
    static let verbPhrases = PhraseSet(verbOpenings)
    static let verbOpenings = ["told ", "tells ", "telling "]

    static func publisher(in lines: [Substring]) -> String? {
        publisher(in: lines.map { ($0, Boilerplate.isNotice($0)) })
    }

    /// `publisher(in:)` for lines whose `Boilerplate.isNotice` is known already.
    static func publisher(in lines: [(text: Substring, notice: Bool)]) -> String? {
        var tally = Tally()
        for (line, notice) in lines { ByteText.withBytes(line) { tally.read($0, notice: notice) } }
        return tally.publisher
    }

    /// Names mentioned the ways a site names itself, read line by line from UTF-8 bytes,
    /// so that a text dump's lines need no `String` each.
    struct Tally {
        private var counts: [String: Int] = [:]
        private var order: [String] = []

        /// The first name mentioned twice, in the order the names first came.
        var publisher: String? { order.first { counts[$0]! >= 2 } }

        /// Counts the mentions in one line; `notice` says whether it is a site notice.
        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, notice: Bool) {
            // Words are found on bytes; `Substring`s are built only after a verb.
            var word = SelfReference.nextWord(bytes, from: 0)
            while let current = word {
                word = SelfReference.nextWord(bytes, from: current.upperBound)
                guard word != nil, SelfReference.isMention(bytes[current], notice: notice) else { continue }
                var following: [Substring] = []
                var next = word
                while let range = next, following.count < 4 {
                    following.append(String(decoding: bytes[range], as: UTF8.self)[...])
                    next = SelfReference.nextWord(bytes, from: range.upperBound)
                }
                guard let name = SelfReference.properName(following, from: 0) else { continue }
                if counts[name] == nil { order.append(name) }
                counts[name, default: 0] += 1
            }
        }
    }

    /// The word is one of `verbs`, or of `noticePrepositions` in a notice. Only words of
    /// those lengths are compared: the notices scanned are long paragraphs.
    @inline(__always)
    private static func isMention(_ word: Slice<UnsafeBufferPointer<UInt8>>, notice: Bool) -> Bool {
        let length: UInt64 = word.count < 64 ? 1 << UInt64(word.count) : 0
        if verbLengths & length != 0 && verbs.contains(where: { ByteText.equalsFolded(word, $0) }) { return true }
        return notice && prepositionLengths & length != 0
            && noticePrepositions.contains(where: { ByteText.equalsFolded(word, $0) })
    }

    /// Bit n set when some verb (preposition) is n bytes long.
    private static let verbLengths = lengthBits(verbs)
    private static let prepositionLengths = lengthBits(noticePrepositions)

    private static func lengthBits(_ words: [[UInt8]]) -> UInt64 {
        words.reduce(0) { $0 | 1 << UInt64($1.count) }
    }

    /// The next run of bytes other than ASCII space at or after `start`, as
    /// `split(separator: " ")` gives them.
    private static func nextWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        var lower = start
        while lower < bytes.count && bytes[lower] == 0x20 { lower += 1 }
        guard lower < bytes.count else { return nil }
        // Notices are long paragraphs: cross words eight bytes at a time.
        return lower..<ByteText.next(0x20, in: bytes, from: lower + 1)
    }

    /// "LBC", "The Herald", "Sky News": a capitalised run of at most three words, an
    /// acronym alone counting, a plain name ("Nick Ferrari") only after "The".
    private static func properName(_ words: [Substring], from start: Int) -> String? {
        var parts: [Substring] = []
        var i = start
        while i < words.count, parts.count < 4 {
            var word = words[i]
            var stop = false
            if word.hasSuffix("'s") || word.hasSuffix("’s") {
                word = word.dropLast(2)
                stop = true
            }
            let core = word.trimmingPunctuation()
            guard let first = core.first, first.isUppercase, core.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                break
            }
            parts.append(core)
            if stop || core.count < word.count { break }
            i += 1
        }
        guard let head = parts.first else { return nil }
        let isAcronym = head.count >= 2 && head.allSatisfy { $0.isUppercase || $0.isNumber }
        if head == "The" && parts.count >= 2 { return parts.joined(separator: " ") }
        if isAcronym && parts.count == 1 && !weekdays.contains(String(head)) { return String(head) }
        return nil
    }
}
