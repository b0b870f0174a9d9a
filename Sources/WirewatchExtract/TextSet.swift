/// A set of strings with `String` equality (canonical equivalence) that never hashes a
/// `String`: hashing one that is not ASCII normalizes it first, which cost more than the
/// rest of the dedup. Strings are bucketed by their ASCII digits and spaces in order, which
/// canonically equivalent strings share: no canonical decomposition produces or absorbs a
/// digit or a space, and neither moves in reordering (their combining class is 0).
struct TextSet {
    private var buckets: [UInt64: [String]] = [:]

    /// Inserts `text`; false when an equal string was there already.
    mutating func insert(_ text: String) -> Bool {
        let key = ByteText.withBytes(text, Self.key)
        if let bucket = buckets[key], bucket.contains(text) { return false }
        buckets[key, default: []].append(text)
        return true
    }

    /// FNV-1a of the text's digits and spaces.
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes where byte == 0x20 || byte &- 0x30 < 10 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
