/// The function words of `StopWords.byLanguage` keyed by their own bytes: every listed
/// word is at most seven bytes, so a word's ASCII-folded bytes and its length fit one
/// `UInt64` that is the key itself. Looking a word up costs one load, one multiply and
/// usually one probe, with no per-byte hashing and no chance of a collision.
struct StopWordTable: Sendable {
    /// Keys, 0 for a free slot; `languages[slot]` holds bit n for `StopWords.byLanguage[n]`.
    private var keys: [UInt64]
    private var languages: [UInt8]
    private static let bits = 10
    /// Longest key: seven bytes, the eighth holds the length.
    static let longestWord = 7

    init(_ lists: [Set<String>]) {
        precondition(lists.count <= 8, "one bit per language")
        keys = [UInt64](repeating: 0, count: 1 << StopWordTable.bits)
        languages = [UInt8](repeating: 0, count: 1 << StopWordTable.bits)
        precondition(lists.reduce(0) { $0 + $1.count } * 2 < keys.count, "table too full")
        for (index, words) in lists.enumerated() {
            for word in words {
                var copy = word
                let key = copy.withUTF8 { bytes in
                    precondition(bytes.count <= StopWordTable.longestWord, "function word too long: \(word)")
                    return StopWordTable.key(bytes, 0..<bytes.count)
                }
                var slot = StopWordTable.slot(key)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
                keys[slot] = key
                languages[slot] |= 1 << UInt8(index)
            }
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    /// The ASCII-folded bytes of `range` (at most `longestWord` of them) packed little
    /// endian, with the length in the top byte.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        let count = range.count
        var packed: UInt64 = 0
        if range.lowerBound + 8 <= bytes.count, let base = bytes.baseAddress {
            let word = UInt64(
                littleEndian: UnsafeRawPointer(base).loadUnaligned(
                    fromByteOffset: range.lowerBound, as: UInt64.self))
            packed = word & ((1 << UInt64(count * 8)) &- 1)
        } else {
            for (shift, i) in range.enumerated() { packed |= UInt64(bytes[i]) << UInt64(shift * 8) }
        }
        return ByteText.foldedWord(packed) | UInt64(count) << 56
    }

    /// Bit set of the languages listing the word in `range` (ASCII case folded); 0 for
    /// any other word.
    @inline(__always)
    func languages(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt8 {
        guard range.count <= StopWordTable.longestWord else { return 0 }
        let key = StopWordTable.key(bytes, range)
        var slot = StopWordTable.slot(key)
        while true {
            let found = keys[slot]
            if found == key { return languages[slot] }
            if found == 0 { return 0 }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    /// True when the word in `range` is a function word of some language.
    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        languages(bytes, range) != 0
    }
}
