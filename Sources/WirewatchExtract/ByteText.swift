/// Byte-level helpers for the text-dump rules. Text dumps are megabytes of short lines,
/// and `Character`-based scanning (grapheme breaking, Unicode case mapping) cost twenty
/// times more than the rules themselves; these work on UTF-8 bytes and fold ASCII case
/// only, which is what the phrase lists need.
enum ByteText {
    /// ASCII lowercase; other bytes unchanged.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    @inline(__always)
    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }

    /// Length of the white space character starting at `i` (ASCII, no-break, typographic
    /// spaces), or 0.
    @inline(__always)
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 || bytes[i + 1] == 0x85 { return 2 }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 {
            let c = bytes[i + 2]
            if c <= 0x8B || c == 0xA8 || c == 0xA9 || c == 0xAF { return 3 }
        }
        if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return 3 }
        if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return 3 }
        return 0
    }

    /// Length of the white space character that ends just before `end`, or 0.
    @inline(__always)
    static func spaceLengthBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, floor: Int) -> Int {
        let b = bytes[end - 1]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        if end - 2 >= floor, bytes[end - 2] == 0xC2 { return b == 0xA0 || b == 0x85 ? 2 : 0 }
        if end - 3 >= floor { return spaceLength(bytes, end - 3) == 3 ? 3 : 0 }
        return 0
    }

    /// Length of the punctuation character (ASCII punctuation, typographic quotes,
    /// dashes, bullets, guillemets) starting at `i`, or 0 for letters, digits and
    /// anything else.
    @inline(__always)
    static func punctuationLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 { return isASCIILetterOrDigit(b) || b <= 0x20 ? 0 : 1 }
        if b == 0xC2, i + 1 < bytes.count {
            let c = bytes[i + 1]
            return c == 0xAB || c == 0xBB || c == 0xA1 || c == 0xBF || c == 0xB7 || c == 0xA9 ? 2 : 0
        }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 {
            let c = bytes[i + 2]
            return (c >= 0x90 && c <= 0xA7) || c == 0xB9 || c == 0xBA ? 3 : 0
        }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x96 || bytes[i + 1] == 0x97 || bytes[i + 1] == 0x86 {
            return 3  // arrows, triangles and geometric bullets
        }
        return 0
    }

    /// Length of the punctuation character that ends just before `end`, or 0.
    @inline(__always)
    static func punctuationLengthBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, floor: Int) -> Int {
        let b = bytes[end - 1]
        if b < 0x80 { return punctuationLength(bytes, end - 1) }
        if end - 2 >= floor, bytes[end - 2] == 0xC2 { return punctuationLength(bytes, end - 2) == 2 ? 2 : 0 }
        if end - 3 >= floor, bytes[end - 3] == 0xE2 { return punctuationLength(bytes, end - 3) == 3 ? 3 : 0 }
        return 0
    }

    /// `range` without punctuation at either end (a word's core: `"Hello,"` → `Hello`).
    static func punctuationTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper {
            let n = punctuationLength(bytes, lower)
            if n == 0 { break }
            lower += n
        }
        while upper > lower {
            let n = punctuationLengthBefore(bytes, upper, floor: lower)
            if n == 0 { break }
            upper -= n
        }
        return lower..<upper
    }

    /// FNV-1a over the ASCII-lowercased bytes: the key of `WordSet` and of line
    /// repetition counts.
    @inline(__always)
    static func foldedHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range {
            hash = (hash ^ UInt64(lower(bytes[i]))) &* 0x100_0000_01b3
        }
        return hash == 0 ? 1 : hash
    }

    /// A key of the ASCII-case-folded bytes in `range`, mixed eight bytes at a time: the
    /// same for lines that differ in ASCII case only, different otherwise but by a 64-bit
    /// chance. Not interchangeable with `foldedHash`; lines are keyed by this one alone.
    static func foldedKey(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        guard !range.isEmpty else { return 1 }
        var key = UInt64(range.count) &* 0x9E37_79B9_7F4A_7C15
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            key = mix(key ^ foldedWord(word(bytes, at: i)))
            i += 8
        }
        if i < range.upperBound {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < range.upperBound {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            key = mix(key ^ foldedWord(tail))
        }
        return key == 0 ? 1 : key
    }

    /// Eight bytes with their ASCII capitals lowered: a capital is a byte below 0x80 whose
    /// low seven bits reach "A" but not past "Z"; adding 0x20 sets its case bit.
    @inline(__always)
    static func foldedWord(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7 = word & ~high
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = low7 &+ 0x2525_2525_2525_2525
        let capitals = atLeastA & ~pastZ & ~word & high
        return word | (capitals >> 2)
    }

    /// The high bit of each byte of `word` that equals `byte`, exactly: adding 0x7F to
    /// a byte's low seven bits carries into its high bit unless they are all 0, and
    /// never into the next byte, so no borrow makes a false match.
    @inline(__always)
    static func bytesEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let high: UInt64 = 0x8080_8080_8080_8080
        return ~((v & ~high) &+ ~high | v) & high
    }

    /// The high bit of each byte of `word` below `limit` (at most 0x80), exactly.
    @inline(__always)
    static func bytesBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        return ~((word & ~high) &+ 0x0101_0101_0101_0101 &* UInt64(0x80 - limit)) & ~word & high
    }

    /// The eight bytes from `offset` as one little-endian word (byte `offset` lowest), for
    /// the eight-at-a-time scans; the caller has checked `offset + 8 <= bytes.count`.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(
            littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped).loadUnaligned(
                fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 29)
    }

    /// The index of the first line feed or carriage return at or after `start`, or
    /// `bytes.count`; eight bytes are tested at a time.
    static func nextLineBreak(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let count = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= count {
            let chunk = word(bytes, at: i)
            // A zero byte in `chunk ^ 0x0A…` is a line feed, in `chunk ^ 0x0D…` a return.
            let feeds = chunk ^ (ones &* 0x0A)
            let returns = chunk ^ (ones &* 0x0D)
            let zeros = ((feeds &- ones) & ~feeds | (returns &- ones) & ~returns) & high
            if zeros != 0 { break }
            i += 8
        }
        while i < count && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
        return i
    }

    /// The index of the first `byte` at or after `start`, or `bytes.count`; eight bytes
    /// are tested at a time.
    static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i + 8 <= bytes.count {
            let hits = bytesEqual(word(bytes, at: i), byte)
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < bytes.count && bytes[i] != byte { i += 1 }
        return i
    }

    /// The index of the first byte at or after `start` that is not an ASCII letter or
    /// digit, at most `limit`; eight bytes are tested at a time.
    @inline(__always)
    static func alphanumericEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        var i = start
        while i < limit && i + 8 <= bytes.count {
            let chunk = word(bytes, at: i)
            // Setting the case bit maps capitals onto lowercase and no other byte into a–z.
            let folded = chunk | 0x2020_2020_2020_2020
            let letters = bytesBelow(folded, 0x7B) & ~bytesBelow(folded, 0x61)
            let digits = bytesBelow(chunk, 0x3A) & ~bytesBelow(chunk, 0x30)
            let stops = ~(letters | digits) & 0x8080_8080_8080_8080
            if stops != 0 { return min(i + stops.trailingZeroBitCount >> 3, limit) }
            i += 8
        }
        while i < limit && isASCIILetterOrDigit(bytes[i]) { i += 1 }
        return min(i, limit)
    }

    static func foldedHash(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { foldedHash($0, 0..<$0.count) }
    }

    /// True when the bytes at `range` start with `needle` (already lowercase), ASCII case
    /// folded.
    @inline(__always)
    static func hasFoldedPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= range.count else { return false }
        var j = 0
        var i = range.lowerBound
        while j < needle.count {
            if lower(bytes[i]) != needle[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    /// True when the UTF-8 `word` is `needle` (already lowercase) with ASCII case folded. For the
    /// ASCII words compared here this is what `lowercased() ==` said, without a `String`.
    static func equalsFolded(_ word: some Sequence<UInt8>, _ needle: [UInt8]) -> Bool {
        var j = 0
        for b in word {
            guard j < needle.count, lower(b) == needle[j] else { return false }
            j += 1
        }
        return j == needle.count
    }

    /// True when valid UTF-8 `bytes` hold nothing but white space (Unicode White_Space,
    /// as `isSpace` and `Character.isWhitespace` judge a character's first scalar).
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                guard b == 0x20 || b &- 0x09 < 5 else { return false }
                i += 1
                continue
            }
            var iterator = bytes[i...].makeIterator()
            var decoder = UTF8()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator), isSpace(scalar) else { return false }
            i += UTF8.width(scalar)
        }
        return true
    }

    /// Runs `body` over the UTF-8 bytes of `text` without copying when it is native.
    static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = String(text)
        return copy.withUTF8(body)
    }
}

/// A set of words or lines keyed by their case-folded FNV hash: membership without
/// building a `String` per word. Open addressing; collisions between two 64-bit hashes
/// of short words are not a practical concern.
struct WordSet: Sendable {
    private var slots: [UInt64]
    private let mask: Int

    init(_ words: some Sequence<String>) {
        let list = Array(words)
        var size = 16
        while size < list.count * 4 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for word in list { insert(ByteText.foldedHash(word)) }
    }

    private mutating func insert(_ hash: UInt64) {
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] != 0 && slots[i] != hash { i = (i + 1) & mask }
        slots[i] = hash
    }

    @inline(__always)
    func contains(hash: UInt64) -> Bool {
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot == hash { return true }
            if slot == 0 { return false }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        contains(hash: ByteText.foldedHash(bytes, range))
    }

    func contains(_ text: some StringProtocol) -> Bool {
        ByteText.withBytes(text) { contains($0, 0..<$0.count) }
    }
}

/// Many lowercase needles searched in one pass, Wu-Manber style: the folded byte pair
/// ending a window as long as the shortest needle says how far the window may jump
/// without passing a needle's start, so prose is crossed several bytes at a time and
/// only positions where a needle may start are compared, against the needles picked by
/// their first byte.
struct PhraseSet: Sendable {
    /// All needles in one buffer, grouped by first byte and in listing order within a
    /// group: needle `k` is `needleBytes[needleStarts[k]..<needleStarts[k + 1]]`, and
    /// those starting with byte `b` are `byFirstByte[b]..<byFirstByte[b + 1]`. Flat
    /// arrays cost no reference counting per candidate.
    private let needleBytes: [UInt8]
    private let needleStarts: [Int]
    private let byFirstByte: [Int]
    /// Safe jump per hashed pair (0: a needle may start at the window's start).
    private let shifts: [UInt8]
    /// Length of the shortest needle: the window.
    private let span: Int

    init(_ phrases: [String]) {
        let needles = phrases.map { Array($0.utf8) }
        var groups = [[Int]](repeating: [], count: 256)
        for (index, needle) in needles.enumerated() where !needle.isEmpty {
            groups[Int(needle[0])].append(index)
        }
        var needleBytes: [UInt8] = []
        var needleStarts = [0]
        var byFirstByte = [0]
        for group in groups {
            for index in group {
                needleBytes += needles[index]
                needleStarts.append(needleBytes.count)
            }
            byFirstByte.append(needleStarts.count - 1)
        }
        self.needleBytes = needleBytes
        self.needleStarts = needleStarts
        self.byFirstByte = byFirstByte
        let span = needles.filter { !$0.isEmpty }.map(\.count).min() ?? 0
        // A pair seen nowhere lets the window move past it; a pair at offset q of some
        // needle allows only the jump that lines it up with the window's end.
        var shifts = [UInt8](repeating: UInt8(clamping: max(span - 1, 0)), count: PhraseSet.slots)
        for needle in needles where span >= 2 {
            for q in 1..<span {
                let slot = PhraseSet.slot(needle[q - 1], needle[q])
                shifts[slot] = min(shifts[slot], UInt8(clamping: span - 1 - q))
            }
        }
        self.shifts = shifts
        self.span = span
    }

    private static let slots = 4096

    /// Pairs share slots; a shared slot keeps the smallest jump, which stays safe.
    @inline(__always)
    private static func slot(_ a: UInt8, _ b: UInt8) -> Int {
        (Int(a) << 5 ^ Int(b)) & (slots - 1)
    }

    /// The first position at or after `i` where a needle may start, or nil when none
    /// can start before `range.upperBound - span`.
    @inline(__always)
    private func nextCandidate(
        _ bytes: UnsafeBufferPointer<UInt8>, from i: Int, _ range: Range<Int>, _ table: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        var i = i
        let last = range.upperBound - span
        if span < 2 { return i <= last ? i : nil }
        while i <= last {
            let end = i + span - 1
            let shift = Int(table[PhraseSet.slot(ByteText.lower(bytes[end - 1]), ByteText.lower(bytes[end]))])
            if shift == 0 { return i }
            i += shift
        }
        return nil
    }

    /// True when one of the phrases occurs in `range` (ASCII case folded).
    func occurs(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        shifts.withUnsafeBufferPointer { table in
            var from = range.lowerBound
            while let i = nextCandidate(bytes, from: from, range, table) {
                if matchLength(bytes, at: i, end: range.upperBound) > 0 { return true }
                from = i + 1
            }
            return false
        }
    }

    /// How many times the phrases occur in `range`, counting no more than `limit`;
    /// a match is skipped over, so overlapping phrases count once.
    func count(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, limit: Int) -> Int {
        shifts.withUnsafeBufferPointer { table in
            var found = 0
            var from = range.lowerBound
            while found < limit, let i = nextCandidate(bytes, from: from, range, table) {
                let length = matchLength(bytes, at: i, end: range.upperBound)
                if length > 0 { found += 1 }
                from = i + max(length, 1)
            }
            return found
        }
    }

    /// True when `range` starts with one of the phrases.
    func starts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        !range.isEmpty && matchLength(bytes, at: range.lowerBound, end: range.upperBound) > 0
    }

    /// Length of the first needle, in listing order, that the bytes at `i` (before
    /// `end`) start with, ASCII case folded; 0 when none does.
    @inline(__always)
    private func matchLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        let first = Int(ByteText.lower(bytes[i]))
        for k in byFirstByte[first]..<byFirstByte[first + 1] {
            let start = needleStarts[k]
            let length = needleStarts[k + 1] - start
            guard length <= end - i else { continue }
            var j = 1
            while j < length && ByteText.lower(bytes[i + j]) == needleBytes[start + j] { j += 1 }
            if j == length { return length }
        }
        return 0
    }
}
