/// Splits UTF-8 text into `EntityToken`s in one pass over the bytes.
///
/// Words keep inner apostrophes ("O'Brien") and initialism dots ("U.S." folds to "us");
/// a possessive "'s" is dropped and flagged on its word; hyphens between words become
/// their own tokens so "US-made" and "Nato-Russia" expose both parts. Only the Latin,
/// Greek and Cyrillic capitals that news names use are recognised as upper case.
enum EntityTokenizer {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3

    /// Abbreviations whose final dot does not end a sentence ("Mr. Austin", "Gen. Smith").
    private static let abbreviations = KeySet(
        [
            "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "prof", "capt", "sgt", "maj",
            "adm", "jr", "sr", "no", "vs", "mt", "ft", "cmdr", "brig", "messrs", "rev", "hon",
        ].map { hash($0) })

    /// Folded hash of a lexicon word, identical to the key the tokenizer gives the same word.
    static func hash(_ word: String) -> UInt64 {
        var tokens: [EntityToken] = []
        return Array(word.utf8).withUnsafeBufferPointer { hash($0, &tokens) }
    }

    /// `hash(_:)` of UTF-8 bytes, tokenizing into the caller's reused `tokens`.
    static func hash(_ word: UnsafeBufferPointer<UInt8>, _ tokens: inout [EntityToken]) -> UInt64 {
        if let key = alphanumericKey(word) { return key }
        tokenize(word, into: &tokens)
        return tokens.count == 1 ? tokens[0].key : phraseKey(tokens.lazy.map(\.key))
    }

    /// The key of a word of ASCII letters and digits only (most lexicon words), without tokenizing it.
    private static func alphanumericKey(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !word.isEmpty else { return nil }
        var h = fnvOffset
        for b in word {
            let folded = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            guard (folded >= 0x61 && folded <= 0x7A) || (folded >= 0x30 && folded <= 0x39) else { return nil }
            h = (h ^ UInt64(folded)) &* fnvPrime
        }
        return h
    }

    /// Hash of a sequence of token keys (a lexicon phrase or a span of text).
    @inline(__always)
    static func combine(_ h: UInt64, _ key: UInt64) -> UInt64 {
        var x = (h ^ key) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 31
        return x
    }

    static func phraseKey(_ keys: some Sequence<UInt64>) -> UInt64 {
        var h: UInt64 = 0
        for k in keys { h = combine(h, k) }
        return h
    }

    // swift-format-ignore: CyclomaticComplexity
    static func tokenize(_ bytes: [UInt8]) -> [EntityToken] {
        var tokens: [EntityToken] = []
        tokens.reserveCapacity(bytes.count / 5)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(bytes: buffer)
            scanner.run(into: &tokens)
        }
        markHeadingLines(&tokens)
        return tokens
    }

    /// The tokens of a short text (a lexicon line) into `tokens`, replacing what it held;
    /// lines are not told apart, so no token is flagged `headingLine`.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [EntityToken]) {
        tokens.removeAll(keepingCapacity: true)
        var scanner = Scanner(bytes: bytes)
        scanner.run(into: &tokens)
    }

    /// Flags the tokens of lines where most words of four letters or more are capitalised.
    static func markHeadingLines(_ tokens: inout [EntityToken]) {
        var lineStart = 0
        var words = 0
        var upper = 0
        func close(_ end: Int) {
            if words >= 2 && upper * 10 >= words * 6 {
                for q in lineStart..<end { tokens[q].flags.insert(.headingLine) }
            }
        }
        for q in tokens.indices {
            let t = tokens[q]
            if t.flags.contains(.lineStart) && q > lineStart {
                close(q)
                lineStart = q
                words = 0
                upper = 0
            }
            if t.isWord && t.end - t.start >= 4 {
                words += 1
                if t.isUpper { upper += 1 }
            }
        }
        close(tokens.count)
    }

    fileprivate struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var space = true
        var boundary = true
        var atStart = true
        var lineStart = true

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func run(into tokens: inout [EntityToken]) {
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if isASCIIWordStart(b) {
                        word(into: &tokens)
                        continue
                    }
                    asciiMark(b, into: &tokens)
                    continue
                }
                let (scalar, length) = decode(at: i)
                switch scalar {
                case 0xA0, 0x2000...0x200B, 0x202F, 0x3000:
                    space = true
                    i += length
                case 0x2018, 0x201C, 0x00AB, 0x201E:
                    emit(mark: scalar, length: length, flags: [.quote], into: &tokens)
                    atStart = true
                    boundary = true
                case 0x2019, 0x201D, 0x00BB:
                    emit(mark: scalar, length: length, flags: [.quote], into: &tokens)
                    boundary = true
                case 0x2013, 0x2014, 0x2022, 0x00B7, 0x2026, 0x00A3, 0x20AC, 0x00A9, 0x00AE, 0x2122, 0x00B0:
                    emit(mark: scalar, length: length, flags: [], into: &tokens)
                    if scalar == 0x2026 || scalar == 0x2022 || scalar == 0x00B7 { boundary = true }
                default:
                    if scalar >= 0x2000 && scalar < 0x2100 {
                        emit(mark: scalar, length: length, flags: [], into: &tokens)
                    } else {
                        word(into: &tokens)
                    }
                }
            }
        }

        @inline(__always)
        func isASCIIWordStart(_ b: UInt8) -> Bool {
            (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39)
        }

        mutating func asciiMark(_ b: UInt8, into tokens: inout [EntityToken]) {
            switch b {
            case 0x20, 0x09, 0x0D:
                space = true
                i += 1
            case 0x0A:
                space = true
                boundary = true
                atStart = true
                lineStart = true
                i += 1
            case 0x2E, 0x21, 0x3F:  // . ! ?
                let previous = tokens.last
                var flags: EntityToken.Flags = [.sentenceEnd]
                if b == 0x2E, let previous, previous.isWord,
                    abbreviations.contains(previous.key)
                        || (previous.end - previous.start == 1 && previous.isUpper)
                {
                    flags = []
                }
                emit(mark: UInt32(b), length: 1, flags: flags, into: &tokens)
                if !flags.isEmpty {
                    atStart = true
                    boundary = true
                }
            case 0x3A, 0x3B:  // : ;
                emit(mark: UInt32(b), length: 1, flags: [], into: &tokens)
                atStart = b == 0x3A
                boundary = true
            case 0x22, 0x27:  // " '
                let opening = space || tokens.isEmpty
                emit(mark: UInt32(b), length: 1, flags: [.quote], into: &tokens)
                if opening { atStart = true }
                boundary = true
            case 0x28, 0x29, 0x5B, 0x5D, 0x7C:  // ( ) [ ] |
                emit(mark: UInt32(b), length: 1, flags: [], into: &tokens)
                boundary = true
            default:
                emit(mark: UInt32(b), length: 1, flags: [], into: &tokens)
            }
        }

        mutating func emit(mark: UInt32, length: Int, flags: EntityToken.Flags, into tokens: inout [EntityToken]) {
            var f = flags.union(.punctuation)
            if space { f.insert(.spaceBefore) }
            if lineStart { f.insert(.lineStart) }
            lineStart = false
            if boundary { f.insert(.boundaryBefore) }
            let key = (EntityTokenizer.fnvOffset ^ UInt64(mark)) &* EntityTokenizer.fnvPrime
            tokens.append(EntityToken(start: Int32(i), end: Int32(i + length), key: key, flags: f))
            i += length
            space = false
            boundary = false
        }

        /// Reads one word (letters, digits, inner apostrophes and initialism dots).
        mutating func word(into tokens: inout [EntityToken]) {
            let n = bytes.count
            let start = i
            var h = EntityTokenizer.fnvOffset
            var letters = 0
            var uppers = 0
            var segment = 0
            var dots = 0
            var first: (upper: Bool, digit: Bool)? = nil
            var possessive = false
            var end = i
            while i < n {
                if first != nil {
                    // The lower-case ASCII letters inside a word, most of any text, in a tight loop.
                    var j = i
                    while j < n && bytes[j] &- 0x61 < 26 {
                        h = (h ^ UInt64(bytes[j])) &* EntityTokenizer.fnvPrime
                        j += 1
                    }
                    if j > i {
                        letters += j - i
                        segment += j - i
                        i = j
                        end = j
                        continue
                    }
                }
                let b = bytes[i]
                var folded: UInt32
                var isUpper = false
                var isDigit = false
                var length = 1
                if b < 0x80 {
                    if b >= 0x41 && b <= 0x5A {
                        folded = UInt32(b | 0x20)
                        isUpper = true
                    } else if (b >= 0x61 && b <= 0x7A) {
                        folded = UInt32(b)
                    } else if b >= 0x30 && b <= 0x39 {
                        folded = UInt32(b)
                        isDigit = true
                    } else if b == 0x27, letters > 0 {
                        // Apostrophe: "'s" at the end is possessive; between letters it is part of the word.
                        if let next = at(i + 1), isLetter(next) {
                            if (next | 0x20) == 0x73, !(at(i + 2).map(isLetter) ?? false) {
                                possessive = true
                                end = i
                                i += 2
                                break
                            }
                            i += 1
                            continue
                        }
                        break
                    } else if b == 0x2E, segment == 1, uppers == letters {
                        // Initialism: "U.S.", "D.C." (single capitals with dots); the last dot belongs to it.
                        if let next = at(i + 1), next >= 0x41 && next <= 0x5A, at(i + 2) == 0x2E {
                            i += 1
                            segment = 0
                            dots += 1
                            continue
                        }
                        if dots > 0 {
                            i += 1
                            end = i
                        }
                        break
                    } else {
                        break
                    }
                } else {
                    let (scalar, l) = decode(at: i)
                    length = l
                    if scalar == 0x2019, letters > 0, let next = at(i + 3), isLetter(next) {
                        if (next | 0x20) == 0x73, !(at(i + 4).map(isLetter) ?? false) {
                            possessive = true
                            end = i
                            i += 4
                            break
                        }
                        i += 3
                        continue
                    }
                    if !isLetterScalar(scalar) { break }
                    (folded, isUpper) = fold(scalar)
                }
                if first == nil { first = (isUpper, isDigit) }
                if !isDigit { letters += 1 }
                segment += 1
                if isUpper { uppers += 1 }
                var v = folded
                while true {
                    h = (h ^ UInt64(v & 0xFF)) &* EntityTokenizer.fnvPrime
                    v >>= 8
                    if v == 0 { break }
                }
                i += length
                end = i
            }
            if end == start {
                // A stray apostrophe or dot: skip it as punctuation.
                emit(mark: UInt32(bytes[start]), length: 1, flags: [], into: &tokens)
                return
            }
            var flags: EntityToken.Flags = []
            if first?.digit == true {
                flags.insert(.number)
                if letters > 0 && letters == uppers { flags.insert(.allCaps) }
            } else {
                flags.insert(.word)
                if first?.upper == true { flags.insert(.upper) }
                if letters >= 2 && uppers == letters { flags.insert(.allCaps) }
            }
            if space { flags.insert(.spaceBefore) }
            if boundary { flags.insert(.boundaryBefore) }
            if atStart && flags.contains(.word) { flags.insert(.sentenceStart) }
            if possessive { flags.insert(.possessive) }
            if lineStart { flags.insert(.lineStart) }
            lineStart = false
            tokens.append(EntityToken(start: Int32(start), end: Int32(end), key: h, flags: flags))
            space = false
            boundary = possessive
            atStart = false
        }

        @inline(__always)
        func at(_ j: Int) -> UInt8? { j < bytes.count ? bytes[j] : nil }

        @inline(__always)
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0xC3 }

        func decode(at j: Int) -> (UInt32, Int) {
            let b = bytes[j]
            let n = bytes.count
            if b >= 0xF0, j + 3 < n {
                let v =
                    (UInt32(b & 0x07) << 18) | (UInt32(bytes[j + 1] & 0x3F) << 12) | (UInt32(bytes[j + 2] & 0x3F) << 6)
                    | UInt32(bytes[j + 3] & 0x3F)
                return (v, 4)
            }
            if b >= 0xE0, j + 2 < n {
                return ((UInt32(b & 0x0F) << 12) | (UInt32(bytes[j + 1] & 0x3F) << 6) | UInt32(bytes[j + 2] & 0x3F), 3)
            }
            if b >= 0xC0, j + 1 < n {
                return ((UInt32(b & 0x1F) << 6) | UInt32(bytes[j + 1] & 0x3F), 2)
            }
            return (0xFFFD, 1)
        }

        func isLetterScalar(_ s: UInt32) -> Bool {
            (s >= 0xC0 && s <= 0x24F && s != 0xD7 && s != 0xF7) || (s >= 0x370 && s <= 0x52F)
                || (s >= 0x1E00 && s <= 0x1EFF) || (s >= 0x300 && s <= 0x36F) || (s >= 0x4E00 && s <= 0x9FFF)
                || (s >= 0x600 && s <= 0x6FF) || (s >= 0x5D0 && s <= 0x5EA)
        }

        /// Lower-cases the capitals news names use; returns the folded scalar and whether it was upper case.
        func fold(_ s: UInt32) -> (UInt32, Bool) {
            switch s {
            case 0xC0...0xDE where s != 0xD7: return (s + 0x20, true)
            case 0x100...0x17F where s & 1 == 0 && s != 0x138: return (s + 1, true)
            case 0x391...0x3A9: return (s + 0x20, true)
            case 0x410...0x42F: return (s + 0x20, true)
            case 0x400...0x40F: return (s + 0x50, true)
            default: return (s, false)
            }
        }
    }
}
