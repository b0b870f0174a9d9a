/// Raw DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Table-driven: each Huffman code is resolved with a single lookup indexed by the next
/// `maxBits` input bits (bit-reversed, as DEFLATE packs codes MSB-first into an LSB-first
/// stream), so decoding costs one table read per symbol rather than one per bit.
enum Inflate {
    struct Failure: Error, Equatable {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Decodes the DEFLATE stream that starts at `start`. Returns the output and the
    /// index of the first byte after the stream (stream ends are byte-aligned in gzip).
    /// Throws when the stream is malformed, truncated, or would exceed `limit` bytes.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) throws(Failure)
        -> (output: [UInt8], end: Int)
    {
        var reader = BitReader(bytes: input, position: start)
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(1024, (input.count - start) * 4)))
        var final = false
        while !final {
            final = try reader.bits(1) == 1
            switch try reader.bits(2) {
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
        let end = reader.bytePosition
        if end > input.count { throw Failure("truncated deflate stream") }
        return (output, end)
    }

    private static func storedBlock(_ reader: inout BitReader, into output: inout [UInt8], limit: Int) throws(Failure) {
        reader.alignToByte()
        let length = Int(try reader.bits(16))
        let complement = Int(try reader.bits(16))
        if length != ~complement & 0xFFFF { throw Failure("stored block length check failed") }
        if output.count + length > limit { throw Failure("output exceeds \(limit) bytes") }
        for _ in 0..<length { output.append(UInt8(try reader.bits(8))) }
        if reader.overrun { throw Failure("truncated stored block") }
    }

    private static func huffmanBlock(
        _ reader: inout BitReader, literals: Huffman, distances: Huffman, into output: inout [UInt8], limit: Int
    ) throws(Failure) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                if output.count >= limit { throw Failure("output exceeds \(limit) bytes") }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            if lengthIndex >= lengthBase.count { throw Failure("invalid length symbol \(symbol)") }
            let length = lengthBase[lengthIndex] + Int(try reader.bits(lengthExtra[lengthIndex]))
            let distanceSymbol = try distances.decode(&reader)
            if distanceSymbol >= distanceBase.count { throw Failure("invalid distance symbol \(distanceSymbol)") }
            let distance = distanceBase[distanceSymbol] + Int(try reader.bits(distanceExtra[distanceSymbol]))
            if distance > output.count { throw Failure("distance \(distance) reaches before the start") }
            if output.count + length > limit { throw Failure("output exceeds \(limit) bytes") }
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    private static func dynamicTables(_ reader: inout BitReader) throws(Failure) -> (Huffman, Huffman) {
        let literalCount = Int(try reader.bits(5)) + 257
        let distanceCount = Int(try reader.bits(5)) + 1
        let codeLengthCount = Int(try reader.bits(4)) + 4
        if literalCount > 286 || distanceCount > 30 { throw Failure("too many length codes") }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengthLengths[codeLengthOrder[i]] = UInt8(try reader.bits(3))
        }
        let codeLengths = try Huffman(lengths: codeLengthLengths)
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengths.decode(&reader)
            switch symbol {
            case 0...15:
                lengths.append(UInt8(symbol))
            case 16:
                guard let previous = lengths.last else { throw Failure("repeat with no previous length") }
                let count = 3 + Int(try reader.bits(2))
                lengths += repeatElement(previous, count: count)
            case 17:
                lengths += repeatElement(0, count: 3 + Int(try reader.bits(3)))
            default:
                lengths += repeatElement(0, count: 11 + Int(try reader.bits(7)))
            }
        }
        if lengths.count > literalCount + distanceCount { throw Failure("code lengths overrun the table") }
        if lengths[256] == 0 { throw Failure("no end-of-block code") }
        let literals = try Huffman(lengths: Array(lengths[0..<literalCount]))
        let distances = try Huffman(lengths: Array(lengths[literalCount...]))
        return (literals, distances)
    }

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtra = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    // The fixed codes of RFC 1951 §3.2.6; both tables are complete, so building cannot fail.
    private static let fixedLiterals: Huffman = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return try! Huffman(lengths: lengths)
    }()
    private static let fixedDistances: Huffman = try! Huffman(lengths: [UInt8](repeating: 5, count: 30))
}

/// LSB-first bit reader over a byte buffer. Past the end it feeds zero bits and sets
/// `overrun`, so the decoder can fail cleanly on truncated input instead of looping.
private struct BitReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    var buffer: UInt64 = 0
    var count = 0
    var padding = 0

    init(bytes: UnsafeBufferPointer<UInt8>, position: Int) {
        self.bytes = bytes
        self.position = position
    }

    var overrun: Bool { bytePosition > bytes.count }

    /// Index of the first byte not yet consumed (exact after `alignToByte`).
    var bytePosition: Int { position - count / 8 }

    mutating func refill() {
        while count <= 56 {
            var byte: UInt64 = 0
            if position < bytes.count { byte = UInt64(bytes[position]) } else { padding += 1 }
            position += 1
            buffer |= byte << UInt64(count)
            count += 8
        }
    }

    mutating func peek(_ n: Int) -> UInt32 {
        if count < n { refill() }
        return UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(n)) - 1))
    }

    mutating func consume(_ n: Int) {
        buffer >>= UInt64(n)
        count -= n
    }

    mutating func bits(_ n: Int) throws(Inflate.Failure) -> UInt32 {
        if n == 0 { return 0 }
        let value = peek(n)
        consume(n)
        // Up to eight zero bytes of padding sit in the buffer legitimately; consuming
        // past them means the input really ended.
        if padding > 8 && overrun { throw Inflate.Failure("truncated deflate stream") }
        return value
    }

    mutating func alignToByte() {
        consume(count % 8)
    }
}

/// A canonical Huffman code as a single-level lookup table.
private struct Huffman {
    /// Entry: symbol << 4 | code length; length 0 marks an unused bit pattern.
    private var table: [UInt16]
    private var maxBits: Int

    init(lengths: [UInt8]) throws(Inflate.Failure) {
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
        table = [UInt16](repeating: 0, count: 1 << maxBits)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let bits = Int(length)
            let assigned = nextCode[bits]
            nextCode[bits] += 1
            var reversed = 0
            for i in 0..<bits where assigned & (1 << i) != 0 { reversed |= 1 << (bits - 1 - i) }
            let entry = UInt16(symbol << 4 | bits)
            var index = reversed
            while index < table.count {
                table[index] = entry
                index += 1 << bits
            }
        }
    }

    func decode(_ reader: inout BitReader) throws(Inflate.Failure) -> Int {
        if maxBits == 0 { throw Inflate.Failure("use of an empty Huffman code") }
        let entry = table[Int(reader.peek(maxBits))]
        let length = Int(entry & 0x0F)
        if length == 0 { throw Inflate.Failure("invalid Huffman code") }
        reader.consume(length)
        if reader.padding > 8 && reader.overrun { throw Inflate.Failure("truncated deflate stream") }
        return Int(entry >> 4)
    }
}
