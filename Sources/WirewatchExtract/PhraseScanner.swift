/// Several phrase lists counted in one pass over a line. Text dumps ask five or six
/// lists about every line (notice words, legal words, caption credits, "told"…), and
/// one `PhraseSet` scan per list read each line five or six times; here every position
/// is tested once against the phrases' opening three bytes, then four, and where one may
/// start only the few phrases starting with its folded byte pair are compared.
///
/// Each list is counted as `PhraseSet.count` counts it: leftmost match first, the
/// earliest-listed phrase when several start at one position, and the match skipped
/// over, so a list's count equals `PhraseSet(list).count(…, limit: .max)`.
struct PhraseScanner: Sendable {
    /// How many lists one scanner can hold.
    static let capacity = 8

    /// Match counts per list, in the order the lists were given.
    struct Counts {
        fileprivate var storage: InlineArray<8, Int32> = .init(repeating: 0)

        subscript(list: Int) -> Int { Int(storage[list]) }
    }

    /// One bit per hashed opening triple of some phrase (`filterBit`): most positions of
    /// a line fail this test and cost no more than it. A triple is read with one load and
    /// folded by setting the case bit of all three bytes, which maps every spelling of a
    /// phrase's opening onto the one bit; other triples that share the bit only cost a
    /// comparison.
    private let filter: [UInt64]
    /// The second test, for positions that pass `filter` with four bytes left: one bit per
    /// hashed opening quad of a phrase of four bytes or more, folded as triples are.
    /// Openings such as "rea", "com" or "ter" are everywhere in prose, "read", "comm" and
    /// "term" far rarer: this spares most of the comparisons.
    private let quadFilter: [UInt64]
    /// The first bytes of the phrases shorter than four bytes, in both cases, one bit each:
    /// a position opening with one skips the quad test.
    private let shortOpeners: [UInt64]
    /// The folded bytes of the two-byte phrases, the only ones a line's last two bytes
    /// can start.
    private let twoBytePairs: [UInt16]
    /// All phrases, one after another: phrase `n` is `phraseBytes[offsets[n]..<offsets[n + 1]]`.
    private let phraseBytes: [UInt8]
    private let offsets: [Int]
    private let phraseList: [UInt8]
    /// Phrases per pair slot: `slotStart[s]..<slotStart[s + 1]`.
    private let slotStart: [UInt16]

    /// `lists` of lowercase phrases, each at least two bytes long.
    init(_ lists: [[String]]) {
        precondition(lists.count <= PhraseScanner.capacity)
        var entries: [(slot: Int, list: Int, index: Int, bytes: [UInt8])] = []
        for (list, phrases) in lists.enumerated() {
            for (index, phrase) in phrases.enumerated() {
                let bytes = Array(phrase.utf8)
                precondition(bytes.count >= 2, "a scanned phrase needs two bytes")
                entries.append((PhraseScanner.slot(bytes[0], bytes[1]), list, index, bytes))
            }
        }
        // Within a slot, by list and then by listing order: the first match per list at
        // a position is the one `PhraseSet` would take.
        entries.sort { ($0.slot, $0.list, $0.index) < ($1.slot, $1.list, $1.index) }
        var filter = [UInt64](repeating: 0, count: PhraseScanner.filterSize / 64)
        var quadFilter = [UInt64](repeating: 0, count: PhraseScanner.filterSize / 64)
        var shortOpeners = [UInt64](repeating: 0, count: 4)
        var twoBytePairs: [UInt16] = []
        var phraseBytes: [UInt8] = []
        var offsets = [0]
        for entry in entries {
            let b = entry.bytes
            // A two-byte phrase may be followed by anything, or by nothing at a line's end.
            let thirds = b.count >= 3 ? [b[2]] : Array(UInt8.min...UInt8.max)
            for third in thirds {
                let bit = PhraseScanner.filterBit(PhraseScanner.foldedTriple(b[0], b[1], third))
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            if b.count >= 4 {
                let bit = PhraseScanner.filterBit(
                    PhraseScanner.foldedTriple(b[0], b[1], b[2]) | (UInt32(b[3]) | 0x20) << 24)
                quadFilter[bit >> 6] |= 1 << UInt64(bit & 63)
            } else {
                // Phrases are lowercase; a line may spell them in capitals.
                for opener in Set([b[0], b[0] &- 0x61 < 26 ? b[0] - 0x20 : b[0]]) {
                    shortOpeners[Int(opener >> 6)] |= 1 << UInt64(opener & 63)
                }
            }
            if b.count == 2 { twoBytePairs.append(UInt16(b[0]) | UInt16(b[1]) << 8) }
            phraseBytes += b
            offsets.append(phraseBytes.count)
        }
        self.filter = filter
        self.quadFilter = quadFilter
        self.shortOpeners = shortOpeners
        self.twoBytePairs = twoBytePairs
        self.phraseBytes = phraseBytes
        self.offsets = offsets
        phraseList = entries.map { UInt8($0.list) }
        var starts = [UInt16](repeating: 0, count: PhraseScanner.slots + 1)
        for entry in entries { starts[entry.slot + 1] += 1 }
        for s in 0..<PhraseScanner.slots { starts[s + 1] += starts[s] }
        slotStart = starts
    }

    private static let slots = 4096
    /// Bits of `filter`: 8 KiB, which stay in cache.
    private static let filterSize = 1 << 16

    /// Three bytes as the low bytes of a word, each with its case bit (0x20) set: an
    /// ASCII capital and its lowercase letter give the same triple.
    @inline(__always)
    private static func foldedTriple(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        (UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16) | 0x20_2020
    }

    /// The filter bit of a folded triple: the top sixteen bits of a multiplicative hash.
    @inline(__always)
    private static func filterBit(_ triple: UInt32) -> Int {
        Int(truncatingIfNeeded: (triple &* 0x9E37_79B1) >> 16)
    }

    /// Six bits of each folded byte: lowercase letters, space and digits get slots of
    /// their own; the few collisions only cost a comparison.
    @inline(__always)
    private static func slot(_ a: UInt8, _ b: UInt8) -> Int {
        Int(a & 0x3F) << 6 | Int(b & 0x3F)
    }

    /// How many times each list's phrases occur in `range` (ASCII case folded).
    func counts(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Counts {
        var counts = Counts()
        guard range.count >= 2 else { return counts }
        // The position from which each list may match again (after its last match).
        var resume = InlineArray<8, Int>(repeating: range.lowerBound)
        filter.withUnsafeBufferPointer { filter in
            let end = range.upperBound
            var i = range.lowerBound
            // Positions whose three bytes can be read with one four-byte load.
            let loadable = min(end &- 2, bytes.count &- 3)
            let base = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
            while i < loadable {
                let word = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                let bit = PhraseScanner.filterBit((word | 0x20_2020) & 0xFF_FFFF)
                if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 && mayStart(word, fourBytes: i &+ 4 <= end) {
                    match(at: i, bytes, end, &counts, &resume)
                }
                i &+= 1
            }
            // The last bytes of the buffer, read one at a time.
            while i < end &- 2 {
                let bit = PhraseScanner.filterBit(PhraseScanner.foldedTriple(bytes[i], bytes[i &+ 1], bytes[i &+ 2]))
                if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
                    match(at: i, bytes, end, &counts, &resume)
                }
                i &+= 1
            }
            // The line's last two bytes can only start a two-byte phrase.
            let pair = UInt16(ByteText.lower(bytes[i])) | UInt16(ByteText.lower(bytes[i &+ 1])) << 8
            if twoBytePairs.contains(pair) { match(at: i, bytes, end, &counts, &resume) }
        }
        return counts
    }

    /// The second test for a position whose triple passed `filter`: `word` holds its four
    /// bytes, the last one inside the range when `fourBytes`.
    @inline(__always)
    private func mayStart(_ word: UInt32, fourBytes: Bool) -> Bool {
        let first = UInt8(truncatingIfNeeded: word)
        guard fourBytes, shortOpeners[Int(first >> 6)] & (1 << UInt64(first & 63)) == 0 else { return true }
        let bit = PhraseScanner.filterBit(word | 0x2020_2020)
        return quadFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Counts the phrases that start at `i`, one per list.
    private func match(
        at i: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, _ counts: inout Counts,
        _ resume: inout InlineArray<8, Int>
    ) {
        let a = ByteText.lower(bytes[i])
        let b = ByteText.lower(bytes[i + 1])
        let s = PhraseScanner.slot(a, b)
        var matchedLists: UInt8 = 0
        for n in Int(slotStart[s])..<Int(slotStart[s + 1]) {
            let list = Int(phraseList[n])
            guard matchedLists & (1 << list) == 0, i >= resume[list] else { continue }
            let start = offsets[n]
            let length = offsets[n + 1] - start
            guard phraseBytes[start] == a, phraseBytes[start + 1] == b, length <= end - i else { continue }
            var k = 2
            while k < length && ByteText.lower(bytes[i + k]) == phraseBytes[start + k] { k += 1 }
            guard k == length else { continue }
            matchedLists |= 1 << list
            counts.storage[list] += 1
            resume[list] = i + length
        }
    }
}
