/// Several phrase lists counted in one pass over a line. Text dumps ask five or six
/// lists about every line (notice words, legal words, caption credits, "told"…), and
/// one `PhraseSet` scan per list read each line five or six times; here every position
/// is tested once against the phrases' opening three bytes, and where one may start only
/// the few phrases starting with its folded byte pair are compared.
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
    /// The folded bytes of the two-byte phrases, the only ones a line's last two bytes
    /// can start.
    private let twoBytePairs: [UInt16]
    /// All phrases, one after another: phrase `n` is `phraseBytes[offsets[n]..<offsets[n + 1]]`.
    private let phraseBytes: [UInt8]
    private let offsets: [Int]
    private let phraseList: [UInt8]
    /// Phrases per pair slot: `slotStart[s]..<slotStart[s + 1]`.
    private let slotStart: [UInt16]
    /// The shortest phrase that opens with an ASCII byte, at most `maxWindow`: every such
    /// phrase fills a window of this many bytes from where it starts.
    private let window: Int
    /// How far the window's end may move on after each folded byte pair that can end it
    /// (`pairKey`) without passing over the window of any phrase: the
    /// Wu–Manber shift, 0 where a phrase's window may end.
    private let shifts: [UInt8]
    /// Bit `b` for every byte `b` of 0x80 or more that opens a phrase ("©" opens with
    /// 0xC2): a line holding one is scanned at every position.
    private let openingHighBytes: [UInt64]

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
            if b.count == 2 { twoBytePairs.append(UInt16(b[0]) | UInt16(b[1]) << 8) }
            phraseBytes += b
            offsets.append(phraseBytes.count)
        }
        self.filter = filter
        self.twoBytePairs = twoBytePairs
        self.phraseBytes = phraseBytes
        self.offsets = offsets
        phraseList = entries.map { UInt8($0.list) }
        var starts = [UInt16](repeating: 0, count: PhraseScanner.slots + 1)
        for entry in entries { starts[entry.slot + 1] += 1 }
        for s in 0..<PhraseScanner.slots { starts[s + 1] += starts[s] }
        slotStart = starts

        var openingHighBytes = [UInt64](repeating: 0, count: 4)
        var window = PhraseScanner.maxWindow
        for entry in entries {
            let first = entry.bytes[0]
            if first >= 0x80 {
                openingHighBytes[Int(first) >> 6] |= 1 << UInt64(first & 63)
            } else {
                window = min(window, entry.bytes.count)
            }
        }
        // A pair at offsets q-1 and q of a window lets the window's end move on by at most
        // window-1-q; a pair that ends no phrase's window lets it move past the pair's
        // first byte.
        var shifts = [UInt8](repeating: UInt8(window - 1), count: 1 << 16)
        for entry in entries where entry.bytes[0] < 0x80 {
            let b = entry.bytes
            for q in 1..<window {
                let key = PhraseScanner.pairKey(b[q - 1], b[q])
                shifts[key] = min(shifts[key], UInt8(window - 1 - q))
            }
        }
        self.window = window
        self.shifts = shifts
        self.openingHighBytes = openingHighBytes
    }

    /// The longest window: longer ones would skip little more.
    private static let maxWindow = 8

    /// Two bytes with their case bits set, as `foldedTriple` folds them: a phrase's pair
    /// and every spelling of it in a line share the key.
    @inline(__always)
    private static func pairKey(_ a: UInt8, _ b: UInt8) -> Int {
        Int(UInt16(a) | UInt16(b) << 8 | 0x2020)
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
        if window >= 3 && !holdsOpeningHighByte(bytes, range) {
            skippingScan(bytes, range, &counts, &resume)
        } else {
            scanEveryPosition(bytes, range, &counts, &resume)
        }
        return counts
    }

    /// Wu–Manber: the pair that ends a window of `window` bytes says how far no phrase can
    /// start; only where it says 0 are the phrases starting at the window's first byte
    /// compared. Positions come in order, as `match(at:)` needs for its resume points.
    /// Only phrases opening with an ASCII byte are looked for.
    private func skippingScan(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ counts: inout Counts,
        _ resume: inout InlineArray<8, Int>
    ) {
        let end = range.upperBound
        let window = self.window
        shifts.withUnsafeBufferPointer { shifts in
            filter.withUnsafeBufferPointer { filter in
                var last = range.lowerBound &+ window &- 1
                while last < end {
                    let shift = Int(shifts[PhraseScanner.pairKey(bytes[last &- 1], bytes[last])])
                    if shift > 0 {
                        last &+= shift
                        continue
                    }
                    // The window holds three bytes or more: its opening triple must pass the filter too.
                    let i = last &- window &+ 1
                    let bit = PhraseScanner.filterBit(
                        PhraseScanner.foldedTriple(bytes[i], bytes[i &+ 1], bytes[i &+ 2]))
                    if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
                        match(at: i, bytes, end, &counts, &resume)
                    }
                    last &+= 1
                }
            }
        }
    }

    /// True when `range` holds a byte that opens a phrase and is not ASCII.
    private func holdsOpeningHighByte(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            if i &+ 8 <= range.upperBound {
                let high = ByteText.word(bytes, at: i) & 0x8080_8080_8080_8080
                if high == 0 {
                    i &+= 8
                    continue
                }
                i &+= high.trailingZeroBitCount >> 3
            }
            let b = bytes[i]
            if b >= 0x80 && openingHighBytes[Int(b) >> 6] & (1 << UInt64(b & 63)) != 0 { return true }
            i &+= 1
        }
        return false
    }

    /// Every position tested against the opening-triple filter.
    private func scanEveryPosition(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ counts: inout Counts,
        _ resume: inout InlineArray<8, Int>
    ) {
        filter.withUnsafeBufferPointer { filter in
            let end = range.upperBound
            var i = range.lowerBound
            // Positions whose three bytes can be read with one four-byte load.
            let loadable = min(end &- 2, bytes.count &- 3)
            let base = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
            while i < loadable {
                let word = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                let bit = PhraseScanner.filterBit((word | 0x20_2020) & 0xFF_FFFF)
                if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
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
