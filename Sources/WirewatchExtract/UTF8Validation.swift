/// Strict UTF-8 well-formedness, as Unicode defines it (§3.9, table 3-7) and as
/// `String(validating:as:)` checks it: no overlong forms, no surrogates, nothing past
/// U+10FFFF, no truncated sequence.
///
/// Every dump is validated once, and most of a dump is ASCII: eight ASCII bytes cost one
/// load and one test here, which made validation several times cheaper than building a
/// `String` of the whole dump only to learn that it was valid.
enum UTF8Validation {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var i = 0
        while i < count {
            if i + 8 <= count {
                let high = ByteText.word(bytes, at: i) & 0x8080_8080_8080_8080
                if high == 0 {
                    i += 8
                    continue
                }
                // Straight to the first byte with its high bit set.
                i += high.trailingZeroBitCount >> 3
            }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(lead)
            guard length > 0, i + length <= count else { return false }
            // The second byte's range depends on the lead (no overlong forms, surrogates
            // or values past U+10FFFF); the others are plain continuation bytes.
            let second = bytes[i + 1]
            let (low, high) = secondByteRange(lead)
            guard second >= low && second <= high else { return false }
            if length >= 3 && !isContinuation(bytes[i + 2]) { return false }
            if length == 4 && !isContinuation(bytes[i + 3]) { return false }
            i += length
        }
        return true
    }

    /// Bytes in the sequence a lead byte opens; 0 for a byte that cannot open one
    /// (continuation bytes, C0/C1 overlong leads, F5–FF).
    @inline(__always)
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }

    @inline(__always)
    private static func secondByteRange(_ lead: UInt8) -> (UInt8, UInt8) {
        switch lead {
        case 0xE0: (0xA0, 0xBF)
        case 0xED: (0x80, 0x9F)
        case 0xF0: (0x90, 0xBF)
        case 0xF4: (0x80, 0x8F)
        default: (0x80, 0xBF)
        }
    }

    @inline(__always)
    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
