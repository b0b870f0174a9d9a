/// Raw DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Built for throughput on one core: codes are resolved with a two-level lookup table
/// (10 bits, then a small subtable for the rare longer codes) so a block's tables are
/// cheap to build; the bit buffer is refilled 8 bytes at a time so one refill covers a
/// whole length/distance pair; while input and output room are plentiful a fast loop
/// decodes without bounds checks, two literals per refill; output goes straight into the
/// result array's storage with back-references copied eight bytes at a time.
enum Inflate {
    struct Failure: Error, Equatable {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Decodes the DEFLATE stream that starts at `start`. Returns the output and the
    /// index of the first byte after the stream (stream ends are byte-aligned in gzip).
    /// Throws when the stream is malformed, truncated, or would exceed `limit` bytes.
    /// `expectedSize` (gzip's ISIZE) only sizes the first allocation.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, expectedSize: Int? = nil)
        throws(Failure) -> (output: [UInt8], end: Int)
    {
        var reader = BitReader(bytes: input, position: start)
        // DEFLATE expands at most ~1032:1, so a lying ISIZE cannot reserve more than that.
        let guess = min(expectedSize.map { $0 + 1 } ?? (input.count - start) * 4, (input.count - start) * 1032)
        let capacity = min(max(limit, 0), max(1024, guess)) + longestMatch
        // Decoded straight into the array's storage: when the guess holds (gzip's ISIZE is
        // exact for the usual file), the output is never copied. A larger output moves to
        // memory of its own and is copied once at the end.
        var failure: Failure?
        var moved: OutputBuffer?
        let array = [UInt8](unsafeUninitializedCapacity: capacity + OutputBuffer.slack) { storage, initialized in
            var output = OutputBuffer(storage: storage.baseAddress!, capacity: capacity)
            do throws(Failure) {
                try blocks(&reader, into: &output, limit: limit)
            } catch {
                failure = error
            }
            if output.ownsStorage { moved = output } else { initialized = output.count }
        }
        defer { moved?.release() }
        if let failure { throw failure }
        let end = reader.bytePosition
        if end > input.count { throw Failure("truncated deflate stream") }
        return (moved?.array() ?? array, end)
    }

    private static func blocks(_ reader: inout BitReader, into output: inout OutputBuffer, limit: Int)
        throws(Failure)
    {
        var final = false
        while !final {
            try reader.ensure(3)
            final = reader.take(1) == 1
            switch reader.take(2) {
            case 0: try storedBlock(&reader, into: &output, limit: limit)
            case 1:
                try huffmanBlock(
                    &reader, literals: fixedLiterals, distances: fixedDistances, into: &output, limit: limit)
            case 2:
                let (literals, distances) = try dynamicTables(&reader)
                try huffmanBlock(&reader, literals: literals, distances: distances, into: &output, limit: limit)
            default: throw Failure("invalid block type 3")
            }
        }
        reader.alignToByte()
    }

    private static func storedBlock(_ reader: inout BitReader, into output: inout OutputBuffer, limit: Int)
        throws(Failure)
    {
        reader.alignToByte()
        try reader.ensure(32)
        let length = Int(reader.take(16))
        let complement = Int(reader.take(16))
        if length != ~complement & 0xFFFF { throw Failure("stored block length check failed") }
        if output.count + length > limit { throw Failure("output exceeds \(limit) bytes") }
        let from = reader.bytePosition
        if from + length > reader.bytes.count { throw Failure("truncated stored block") }
        output.reserve(length)
        output.append(UnsafeBufferPointer(rebasing: reader.bytes[from..<(from + length)]))
        reader.restart(at: from + length)
    }

    private static func huffmanBlock(
        _ sharedReader: inout BitReader, literals: Huffman, distances: Huffman, into sharedOutput: inout OutputBuffer,
        limit: Int
    ) throws(Failure) {
        // Local copies stay in registers; through the inout parameters every bit taken
        // and byte written went to memory and back.
        var reader = sharedReader
        var output = sharedOutput
        defer {
            sharedReader = reader
            sharedOutput = output
        }
        while true {
            if try fastSymbols(&reader, literals: literals, distances: distances, into: &output, limit: limit) {
                return
            }
            // Near the end of the input or of the output room: one symbol with every check.
            try reader.ensure(48)
            let entry = try literals.decode(&reader)
            let kind = entry & Meaning.kindMask
            if kind == Meaning.plain {
                if output.count >= limit { throw Failure("output exceeds \(limit) bytes") }
                output.reserve(1)
                output.appendByte(UInt8(truncatingIfNeeded: entry >> 16))
                continue
            }
            if kind == Meaning.end { return }
            if kind == Meaning.invalid { throw Failure("invalid length symbol \(entry >> 16)") }
            let length = Int(entry >> 16) + Int(reader.take(Meaning.extraBits(entry)))
            let distanceEntry = try distances.decode(&reader)
            if distanceEntry & Meaning.kindMask == Meaning.invalid {
                throw Failure("invalid distance symbol \(distanceEntry >> 16)")
            }
            let distance = Int(distanceEntry >> 16) + Int(reader.take(Meaning.extraBits(distanceEntry)))
            if distance > output.count { throw Failure("distance \(distance) reaches before the start") }
            if output.count + length > limit { throw Failure("output exceeds \(limit) bytes") }
            output.reserve(length)
            output.copyMatch(distance: distance, length: length)
        }
    }

    /// Longest output of one symbol: a match of 258 bytes.
    private static let longestMatch = 258

    /// Decodes symbols while the input holds 16 more bytes and the output room (and the
    /// limit) one more longest match, so no symbol needs a bounds check; returns true at
    /// the end of the block, false when the caller must take the next symbol carefully.
    ///
    /// Bits: a refill leaves at least 56. A literal/length code takes at most 15, so after
    /// a literal a second code can be read without refilling; a length's extra bits (5),
    /// then a refill, cover the distance code and its extra bits (15 + 13).
    @inline(__always)
    private static func fastSymbols(
        _ reader: inout BitReader, literals: Huffman, distances: Huffman, into output: inout OutputBuffer, limit: Int
    ) throws(Failure) -> Bool {
        let outputEnd = min(output.capacity, limit) - longestMatch
        let inputEnd = reader.bytes.count - 16
        while reader.position <= inputEnd && output.count <= outputEnd {
            reader.refill()
            var entry = literals.decodeUnchecked(&reader)
            if entry & Meaning.kindMask == Meaning.plain {
                output.appendByte(UInt8(truncatingIfNeeded: entry >> 16))
                entry = literals.decodeUnchecked(&reader)
                if entry & Meaning.kindMask == Meaning.plain {
                    output.appendByte(UInt8(truncatingIfNeeded: entry >> 16))
                    continue
                }
            }
            let kind = entry & Meaning.kindMask
            if kind == Meaning.end { return true }
            if kind == Meaning.invalid { throw literals.failure(entry, "length") }
            let length = Int(entry >> 16) + Int(reader.take(Meaning.extraBits(entry)))
            reader.refill()
            let distanceEntry = distances.decodeUnchecked(&reader)
            if distanceEntry & Meaning.kindMask == Meaning.invalid {
                throw distances.failure(distanceEntry, "distance")
            }
            let distance = Int(distanceEntry >> 16) + Int(reader.take(Meaning.extraBits(distanceEntry)))
            if distance > output.count { throw Failure("distance \(distance) reaches before the start") }
            output.copyMatch(distance: distance, length: length)
        }
        return false
    }

    private static func dynamicTables(_ reader: inout BitReader) throws(Failure) -> (Huffman, Huffman) {
        try reader.ensure(14)
        let literalCount = Int(reader.take(5)) + 257
        let distanceCount = Int(reader.take(5)) + 1
        let codeLengthCount = Int(reader.take(4)) + 4
        if literalCount > 286 || distanceCount > 30 { throw Failure("too many length codes") }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            try reader.ensure(3)
            codeLengthLengths[Int(codeLengthOrder[i])] = UInt8(reader.take(3))
        }
        let codeLengths = try Huffman(lengths: codeLengthLengths[...])
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            try reader.ensure(32)
            let symbol = try Int(codeLengths.decode(&reader) >> 16)
            switch symbol {
            case 0...15:
                lengths.append(UInt8(symbol))
            case 16:
                guard let previous = lengths.last else { throw Failure("repeat with no previous length") }
                lengths += repeatElement(previous, count: 3 + Int(reader.take(2)))
            case 17:
                lengths += repeatElement(0, count: 3 + Int(reader.take(3)))
            default:
                lengths += repeatElement(0, count: 11 + Int(reader.take(7)))
            }
        }
        if lengths.count > literalCount + distanceCount { throw Failure("code lengths overrun the table") }
        if lengths[256] == 0 { throw Failure("no end-of-block code") }
        let literals = try Huffman(lengths: lengths[0..<literalCount], meanings: literalMeanings)
        let distances = try Huffman(lengths: lengths[literalCount...], meanings: distanceMeanings)
        return (literals, distances)
    }

    private static let codeLengthOrder: [UInt8] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    private static let lengthBase: [UInt16] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtra: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase: [UInt16] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra: [UInt8] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// What each literal/length symbol means (see `Meaning`): bytes, the end of the
    /// block, lengths with their base and extra bits, and the two symbols no stream may use.
    private static let literalMeanings: [UInt32] = (0..<288).map { symbol in
        switch symbol {
        case ..<256: Meaning.plain | UInt32(symbol) << 16
        case 256: Meaning.end
        case 257..<286:
            Meaning.copy | UInt32(lengthBase[symbol - 257]) << 16 | UInt32(lengthExtra[symbol - 257]) << 8
        default: Meaning.invalid | UInt32(symbol) << 16
        }
    }
    private static let distanceMeanings: [UInt32] = (0..<32).map { symbol in
        symbol < 30
            ? Meaning.copy | UInt32(distanceBase[symbol]) << 16 | UInt32(distanceExtra[symbol]) << 8
            : Meaning.invalid | UInt32(symbol) << 16
    }

    // The fixed codes of RFC 1951 §3.2.6; both tables are complete, so building cannot fail.
    private static let fixedLiterals: Huffman = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return try! Huffman(lengths: lengths[...], meanings: literalMeanings)
    }()
    private static let fixedDistances: Huffman = try! Huffman(
        lengths: [UInt8](repeating: 5, count: 30)[...], meanings: distanceMeanings)
}

/// The part of a Huffman table entry that says what its symbol means, so decoding a
/// length or distance needs no second lookup: the payload (a byte, a plain symbol, or
/// a base length or distance) in bits 16…31, the kind in bits 13…14 and the number of
/// extra bits in bits 8…12. Bits 0…7 belong to the table (code length, subtable flag).
private enum Meaning {
    static let kindMask: UInt32 = 3 << 13
    /// A literal byte, or a symbol of an alphabet without meanings (code lengths).
    static let plain: UInt32 = 0
    /// A length or distance: base plus extra bits.
    static let copy: UInt32 = 1 << 13
    static let end: UInt32 = 2 << 13
    static let invalid: UInt32 = 3 << 13

    @inline(__always)
    static func extraBits(_ entry: UInt32) -> Int { Int((entry >> 8) & 0x1F) }
}

/// Growable output in raw memory: `Array.append` per byte costs a uniqueness and
/// capacity check each time, which dominated decoding. It starts in storage the caller
/// provides and moves to memory it owns (and must `release`) when that is full.
private struct OutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int
    /// Whether `base` was allocated here rather than given by the caller.
    private(set) var ownsStorage = false

    /// Bytes allocated past `capacity`, so a back-reference copied in 8-byte steps may
    /// write a little beyond its end.
    static let slack = 16

    /// Output into `storage`, which holds `capacity + slack` bytes.
    init(storage: UnsafeMutablePointer<UInt8>, capacity: Int) {
        base = storage
        self.capacity = capacity
    }

    /// Makes room for `extra` more bytes, doubling so that growth stays linear overall.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = max(capacity * 2, 1024)
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.slack)
        bigger.update(from: base, count: count)
        if ownsStorage { base.deallocate() }
        base = bigger
        ownsStorage = true
        capacity = newCapacity
    }

    @inline(__always)
    mutating func appendByte(_ byte: UInt8) {
        base[count] = byte
        count &+= 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// LZ77 back-reference; the caller checked `distance <= count` and reserved room.
    @inline(__always)
    mutating func copyMatch(distance: Int, length: Int) {
        let to = base + count
        let from = to - distance
        if distance >= 8 {
            // Eight bytes a step, even when source and target overlap: a step reads only
            // bytes written before it. The last step may spill into the slack; later
            // output overwrites that.
            var offset = 0
            repeat {
                let word = UnsafeRawPointer(from + offset).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(to + offset).storeBytes(of: word, as: UInt64.self)
                offset &+= 8
            } while offset < length
        } else if distance == 1 {
            to.update(repeating: from[0], count: length)
        } else {
            // A short repeating pattern: each byte may be one this copy has just written.
            for i in 0..<length { to[i] = from[i] }
        }
        count &+= length
    }

    func array() -> [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    func release() {
        if ownsStorage { base.deallocate() }
    }
}

/// LSB-first bit reader over a byte buffer. Past the end it feeds zero bits, counting
/// them, so the decoder can fail cleanly on truncated input instead of looping.
private struct BitReader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Next byte to load into `buffer`.
    var position: Int
    var buffer: UInt64 = 0
    var count = 0
    /// Zero bytes fed past the end of the input.
    var padding = 0

    init(bytes: UnsafeBufferPointer<UInt8>, position: Int) {
        self.bytes = bytes
        self.position = position
    }

    /// Index of the first byte not yet consumed (exact after `alignToByte`).
    var bytePosition: Int { position - count / 8 }

    /// Guarantees at least `n` (≤ 56) bits in the buffer.
    @inline(__always)
    mutating func ensure(_ n: Int) throws(Inflate.Failure) {
        if count >= n { return }
        if position + 8 <= bytes.count {
            // Whole-word refill: bits above `count` in the loaded word are the stream's
            // next bits, so OR-ing them in again on the next refill changes nothing.
            let word = UInt64(
                littleEndian: UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self))
            buffer |= word << UInt64(count)
            position += (63 - count) >> 3
            count |= 56
            return
        }
        try refillNearEnd()
    }

    /// Tops the buffer up to at least 56 bits without a branch; the caller guarantees
    /// eight readable bytes at `position`.
    @inline(__always)
    mutating func refill() {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self))
        buffer |= word &<< UInt64(count)
        position &+= (63 &- count) &>> 3
        count |= 56
    }

    private mutating func refillNearEnd() throws(Inflate.Failure) {
        // Up to eight zero bytes of padding are needed to peek at the last codes;
        // beyond that, the decoder is reading past the real end.
        buffer &= count == 0 ? 0 : (UInt64.max >> UInt64(64 - count))
        while count <= 56 {
            var byte: UInt64 = 0
            if position < bytes.count { byte = UInt64(bytes[position]) } else { padding += 1 }
            position += 1
            buffer |= byte << UInt64(count)
            count += 8
        }
        if padding > 16 { throw Inflate.Failure("truncated deflate stream") }
    }

    @inline(__always)
    func peek(_ n: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(n)) &- 1))
    }

    @inline(__always)
    mutating func consume(_ n: Int) {
        buffer >>= UInt64(n)
        count &-= n
    }

    /// Takes `n` bits that `ensure` made available.
    @inline(__always)
    mutating func take(_ n: Int) -> UInt32 {
        let value = peek(n)
        consume(n)
        return value
    }

    mutating func alignToByte() {
        consume(count % 8)
    }

    /// Drops the buffer and continues at byte `index` (after a stored block's bytes).
    mutating func restart(at index: Int) {
        position = index
        buffer = 0
        count = 0
    }
}

/// A canonical Huffman code as a two-level lookup table.
///
/// Entries are `meaning | length` for codes of up to `primaryBits` bits, where the
/// meaning is `symbol << 16` unless the caller gives one per symbol (see `Meaning`). A
/// longer code's first `primaryBits` bits select an entry `offset << 16 | 0x80` pointing
/// at a subtable of `1 << (maxBits - primaryBits)` entries indexed by the following bits.
/// A bit pattern no code uses has length 0 and kind `Meaning.invalid`.
private struct Huffman {
    private static let primaryBits = 10
    private var table: [UInt32]
    private var maxBits: Int

    init(lengths: ArraySlice<UInt8>, meanings: [UInt32]? = nil) throws(Inflate.Failure) {
        var lengthCounts = [Int](repeating: 0, count: 16)
        for length in lengths { lengthCounts[Int(length)] += 1 }
        lengthCounts[0] = 0
        maxBits = lengthCounts.lastIndex { $0 > 0 } ?? 0
        // Kraft inequality: more codes than the bit space holds cannot be decoded.
        var available = 1
        for bits in 1..<16 {
            available = available * 2 - lengthCounts[bits]
            if available < 0 { throw Inflate.Failure("over-subscribed Huffman code") }
        }
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1..<16 {
            code = (code + lengthCounts[bits - 1]) << 1
            nextCode[bits] = code
        }
        let primary = Self.primaryBits
        let subBits = max(0, maxBits - primary)
        table = [UInt32](repeating: Meaning.invalid, count: 1 << primary)
        // Symbols in canonical order share a long-code prefix only with their neighbours
        // of the same length, but different lengths interleave, so subtables are found by
        // prefix rather than by position.
        var subtableOf = [Int](repeating: -1, count: 1 << primary)
        var symbol = 0
        for length in lengths {
            defer { symbol += 1 }
            let bits = Int(length)
            if bits == 0 { continue }
            let assigned = nextCode[bits]
            nextCode[bits] += 1
            let reversed = Self.reverse(assigned, bits: bits)
            let meaning = meanings?[symbol] ?? UInt32(symbol) << 16
            if bits <= primary {
                let entry = meaning | UInt32(bits)
                var index = reversed
                while index < 1 << primary {
                    table[index] = entry
                    index += 1 << bits
                }
                continue
            }
            let prefix = reversed & ((1 << primary) - 1)
            var offset = subtableOf[prefix]
            if offset < 0 {
                offset = table.count
                subtableOf[prefix] = offset
                table += repeatElement(Meaning.invalid, count: 1 << subBits)
                table[prefix] = UInt32(offset << 16 | 0x80)
            }
            let rest = bits - primary
            let entry = meaning | UInt32(rest)
            var index = reversed >> primary
            while index < 1 << subBits {
                table[offset + index] = entry
                index += 1 << rest
            }
        }
    }

    private static func reverse(_ code: Int, bits: Int) -> Int {
        var reversed = 0
        for i in 0..<bits where code & (1 << i) != 0 { reversed |= 1 << (bits - 1 - i) }
        return reversed
    }

    /// The entry of the next code (its meaning in the upper bits); the caller has
    /// ensured at least 15 bits in the reader.
    @inline(__always)
    func decode(_ reader: inout BitReader) throws(Inflate.Failure) -> UInt32 {
        let entry = decodeUnchecked(&reader)
        if entry & 0x1F == 0 { throw failure(entry, "") }
        return entry
    }

    /// `decode` without the check for a bit pattern no code uses: such a pattern yields
    /// an entry of kind `Meaning.invalid` and length 0 (see `failure`), which every
    /// caller with meanings rejects by its kind.
    @inline(__always)
    func decodeUnchecked(_ reader: inout BitReader) -> UInt32 {
        let bits = reader.peek(15)
        return table.withUnsafeBufferPointer { table in
            var entry = table[Int(bits & 0x3FF)]
            if entry & 0x80 != 0 {
                reader.consume(Self.primaryBits)
                let subBits = UInt32(truncatingIfNeeded: maxBits - Self.primaryBits)
                entry = table[Int(entry >> 16) + Int((bits >> 10) & ((1 << subBits) - 1))]
            }
            reader.consume(Int(entry & 0x1F))
            return entry
        }
    }

    /// The error for `entry`, an invalid symbol of alphabet `what` or a bit pattern no code uses.
    func failure(_ entry: UInt32, _ what: String) -> Inflate.Failure {
        if entry & 0x1F == 0 {
            return Inflate.Failure(maxBits == 0 ? "use of an empty Huffman code" : "invalid Huffman code")
        }
        return Inflate.Failure("invalid \(what) symbol \(entry >> 16)")
    }
}
