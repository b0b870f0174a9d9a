/// The function words of `StopWords.byLanguage` keyed by their own bytes: every listed
/// word is at most six bytes, so a word's ASCII-folded bytes and its length fit one
/// `UInt64` that is the key itself, with a byte to spare for the word's languages. A
/// key's bucket holds at most four entries, compared all at once: looking a word up
/// costs one multiply, four loads and no branch, with no per-byte hashing and no chance
/// of a collision.
struct StopWordTable: Sendable {
    /// Key and languages (bit k of byte 6 for `StopWords.byLanguage[k]`), 0 for a free place.
    private var entries: [UInt64]
    /// Picked so that no bucket holds more than `bucketSize` keys.
    private let multiplier: UInt64
    private static let bucketBits = 8
    private static let bucketSize = 4
    /// Longest key: six bytes; the seventh holds the languages, the eighth the length.
    static let longestWord = 6
    private static let languageByte: UInt64 = 0xFF << 48

    init(_ lists: [Set<String>]) {
        precondition(lists.count <= 8, "one bit per language")
        var masks: [UInt64: UInt8] = [:]
        for (index, words) in lists.enumerated() {
            for word in words {
                var copy = word
                let key = copy.withUTF8 { bytes in
                    precondition(bytes.count <= StopWordTable.longestWord, "function word too long: \(word)")
                    return StopWordTable.key(bytes, 0..<bytes.count)
                }
                masks[key, default: 0] |= 1 << UInt8(index)
            }
        }
        let size = StopWordTable.bucketSize << StopWordTable.bucketBits
        // Odd multipliers until one spreads the keys thinly enough; the first nearly always does.
        var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        while true {
            var entries = [UInt64](repeating: 0, count: size)
            var fits = true
            for (key, mask) in masks.sorted(by: { $0.key < $1.key }) {
                let base = StopWordTable.bucket(key, multiplier) * StopWordTable.bucketSize
                guard let free = (base..<(base + StopWordTable.bucketSize)).first(where: { entries[$0] == 0 }) else {
                    fits = false
                    break
                }
                entries[free] = key | UInt64(mask) << 48
            }
            if fits {
                self.entries = entries
                self.multiplier = multiplier
                return
            }
            multiplier = multiplier &* 0x5851_F42D_4C95_7F2D | 1
        }
    }

    @inline(__always)
    private static func bucket(_ key: UInt64, _ multiplier: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* multiplier) >> UInt64(64 - bucketBits))
    }

    /// The ASCII-folded bytes of `range` (at most `longestWord` of them) packed little
    /// endian, with the length in the top byte.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        let count = range.count
        var packed: UInt64 = 0
        if range.lowerBound + 8 <= bytes.count {
            // At most `longestWord` bytes: the masking shift never reaches 64.
            packed =
                ByteText.word(bytes, at: range.lowerBound) & ~(UInt64.max &<< UInt64(truncatingIfNeeded: count &* 8))
        } else {
            for shift in 0..<count { packed |= UInt64(bytes[range.lowerBound + shift]) << UInt64(shift * 8) }
        }
        return ByteText.foldedWord(packed) | UInt64(count) << 56
    }

    /// Bit set of the languages listing the word in `range` (ASCII case folded); 0 for
    /// any other word.
    @inline(__always)
    func languages(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt8 {
        // No function word is longer: a longer word needs no lookup (most words of prose are).
        guard range.count <= StopWordTable.longestWord else { return 0 }
        let key = StopWordTable.key(bytes, range)
        let base = StopWordTable.bucket(key, multiplier) * StopWordTable.bucketSize
        // `bucket` stays below the table's size: the bucket is read without index checks.
        return entries.withUnsafeBufferPointer { entries in
            var found: UInt8 = 0
            for n in base..<(base + StopWordTable.bucketSize) {
                // Both sides of the choice are in registers: a select, not a branch on the word.
                let entry = entries[n]
                found |= entry & ~StopWordTable.languageByte == key ? UInt8(truncatingIfNeeded: entry >> 48) : 0
            }
            return found
        }
    }

    /// True when the word in `range` is a function word of some language.
    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        languages(bytes, range) != 0
    }
}
