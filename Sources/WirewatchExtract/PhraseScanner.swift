/// Several phrase lists counted in one pass over a line. Text dumps ask five or six
/// lists about every line (notice words, legal words, caption credits, "told"…), and
/// one `PhraseSet` scan per list read each line five or six times; here every position
/// is looked up once by its folded byte pair, and only the few phrases starting with
/// that pair are compared.
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

    /// One bit per triple of byte classes that starts some phrase: most positions of a
    /// line fail this test and cost no more than it.
    private let filter: [UInt64]
    /// Per byte its class (a byte of some phrase, case folded, or 0 for any other), the
    /// class times 40 and times 1,600, packed in 16-bit fields: a triple's bit is the sum
    /// of one field of each byte's entry.
    private let classes: [UInt64]
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
        // Classes 1…39 for the bytes phrases use (shared when there are more), 0 for the rest.
        var classOf = [Int](repeating: 0, count: 256)
        var used = 0
        for entry in entries {
            for byte in entry.bytes where classOf[Int(byte)] == 0 {
                used += 1
                classOf[Int(byte)] = 1 + (used - 1) % (PhraseScanner.classCount - 1)
            }
        }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(byte)] = classOf[Int(byte | 0x20)] }
        classes = classOf.map { UInt64($0) | UInt64($0 * 40) << 16 | UInt64($0 * 1600) << 32 }
        var filter = [UInt64](repeating: 0, count: (PhraseScanner.classCount * 1600 + 63) / 64)
        var phraseBytes: [UInt8] = []
        var offsets = [0]
        for entry in entries {
            let b = entry.bytes
            // A two-byte phrase may be followed by anything, or by nothing at a line's end.
            let thirds = b.count >= 3 ? [classOf[Int(b[2])]] : Array(0..<PhraseScanner.classCount)
            for third in thirds {
                let bit = classOf[Int(b[0])] * 1600 + classOf[Int(b[1])] * 40 + third
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            phraseBytes += b
            offsets.append(phraseBytes.count)
        }
        self.filter = filter
        self.phraseBytes = phraseBytes
        self.offsets = offsets
        phraseList = entries.map { UInt8($0.list) }
        var starts = [UInt16](repeating: 0, count: PhraseScanner.slots + 1)
        for entry in entries { starts[entry.slot + 1] += 1 }
        for s in 0..<PhraseScanner.slots { starts[s + 1] += starts[s] }
        slotStart = starts
    }

    private static let slots = 4096
    /// 40³ triples fit a 64,000-bit filter.
    private static let classCount = 40

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
            classes.withUnsafeBufferPointer { classes in
                let end = range.upperBound
                var first = classes[Int(bytes[range.lowerBound])] >> 32
                var second = classes[Int(bytes[range.lowerBound + 1])]
                var i = range.lowerBound
                while i < end &- 1 {
                    // Past the end the third class is 0, which two-byte phrases allow.
                    let third = i &+ 2 < end ? classes[Int(bytes[i &+ 2])] : 0
                    let bit = Int(truncatingIfNeeded: first &+ (second >> 16 & 0xFFFF) &+ (third & 0xFFFF))
                    if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
                        match(at: i, bytes, end, &counts, &resume)
                    }
                    first = second >> 32
                    second = third
                    i &+= 1
                }
            }
        }
        return counts
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
