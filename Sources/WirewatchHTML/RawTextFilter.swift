internal import CLibXML2

/// Cuts the contents of script, style and svg elements out of a page before libxml2
/// sees it.
///
/// About half of a modern page's bytes are inline scripts, style sheets and vector
/// icons, which the parser would otherwise read character by character only for
/// `HTMLParser` to drop them. The scan understands just enough markup to find those
/// elements where libxml2 would: comments are skipped, tags are read to their `>` with
/// quoted attribute values honoured, and an element's contents run to the first
/// case-insensitive `</name`, the raw-text rule both parsers apply. The tags themselves
/// stay, so the document keeps its (empty) script, style and svg elements; scripts
/// whose `type` mentions JSON-LD keep their contents for the metadata (other JSON
/// blobs, such as a framework's page state, are cut like code).
enum RawTextFilter {
    /// `bytes` without the contents described above, or nil when there is nothing to cut.
    static func filter(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        let count = bytes.count
        while index < count {
            index = nextOpening(bytes, from: index)
            guard index + 1 < count else { break }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") {
                index = skipComment(bytes, from: index)
                continue
            }
            guard isLetter(next) else {
                index += 1
                continue
            }
            var nameEnd = index + 1
            while nameEnd < count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let kind = rawKind(bytes, index + 1, nameEnd)
            let (tagEnd, selfClosing, json) = scanTag(bytes, from: nameEnd, readsType: kind == .script)
            guard let kind, !selfClosing, !json else {
                index = tagEnd
                continue
            }
            let close = findClose(bytes, name: index + 1..<nameEnd, from: tagEnd)
            if close > tagEnd {
                if output.isEmpty { output.reserveCapacity(count / 2) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<tagEnd]))
                copied = close
            }
            index = close
        }
        guard copied > 0 else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
        return output
    }

    private enum Kind { case script, style, svg }

    private static let names: [(name: [UInt8], kind: Kind)] = [
        (Array("script".utf8), .script), (Array("style".utf8), .style), (Array("svg".utf8), .svg),
    ]

    private static func rawKind(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Kind? {
        // Most tags are none of the three: the length and first letter settle it.
        let first = bytes[start] | 0x20
        guard end - start >= 3 && end - start <= 6,
            first == UInt8(ascii: "s")
        else { return nil }
        for entry in names where entry.name.count == end - start {
            if (0..<entry.name.count).allSatisfy({ bytes[start + $0] | 0x20 == entry.name[$0] }) { return entry.kind }
        }
        return nil
    }

    /// From just after a tag's name to just after its `>`: whether it closes itself
    /// (`/>`) and, when `readsType`, whether a `type` attribute's value mentions "ld+json".
    private static func scanTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, readsType: Bool) -> (
        end: Int, selfClosing: Bool, json: Bool
    ) {
        if readsType { return scanScriptTag(bytes, from: start) }
        // Only quotes and the closing ">" matter: jump between them eight bytes at a time.
        var index = start
        while true {
            index = nextQuoteOrClose(bytes, from: index)
            guard index < bytes.count else { return (bytes.count, false, false) }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                // A quoted value ends in its quote, so the last byte before ">" that is not
                // a space is outside any value.
                var last = index - 1
                while last >= start, isSpace(bytes[last]) { last -= 1 }
                return (index + 1, last >= start && bytes[last] == UInt8(ascii: "/"), false)
            }
            guard let base = bytes.baseAddress,
                let found = memchr(base + index + 1, Int32(byte), bytes.count - index - 1)
            else { return (bytes.count, false, false) }
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
    }

    /// `scanTag` for a script tag, which also reads the `type` attribute.
    private static func scanScriptTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
        end: Int, selfClosing: Bool, json: Bool
    ) {
        let readsType = true
        var index = start
        var json = false
        var last: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return (index + 1, last == UInt8(ascii: "/"), json) }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let valueStart = index + 1
                index = valueStart
                while index < bytes.count, bytes[index] != byte { index += 1 }
                if readsType, !json, precededByType(bytes, quote: valueStart - 1),
                    mentionsJSON(bytes, valueStart, index)
                {
                    json = true
                }
                index += 1
                last = byte
                continue
            }
            if readsType && byte == UInt8(ascii: "=") && !json && precededByType(bytes, quote: index + 1) {
                // Unquoted value: type=application/ld+json
                var end = index + 1
                while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: ">") { end += 1 }
                json = mentionsJSON(bytes, index + 1, end)
            }
            if !isSpace(byte) { last = byte }
            index += 1
        }
        return (bytes.count, false, json)
    }

    /// Whether the attribute whose value starts at `quote` (the quote or first value
    /// byte, right after `=`) is called `type`.
    private static func precededByType(_ bytes: UnsafeBufferPointer<UInt8>, quote: Int) -> Bool {
        var index = quote - 1
        while index >= 0, isSpace(bytes[index]) { index -= 1 }
        guard index >= 0, bytes[index] == UInt8(ascii: "=") else { return false }
        index -= 1
        while index >= 0, isSpace(bytes[index]) { index -= 1 }
        guard index >= 4 else { return false }
        let word = Array("type".utf8)
        return (0..<4).allSatisfy { bytes[index - 3 + $0] | 0x20 == word[$0] } && !isNameByte(bytes[index - 4])
    }

    private static func mentionsJSON(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let word = Array("ld+json".utf8)
        var index = start
        while index + word.count <= end {
            if (0..<word.count).allSatisfy({ bytes[index + $0] | 0x20 == word[$0] }) { return true }
            index += 1
        }
        return false
    }

    /// Index of the first `</name` (any case) at or after `start`, or the end of input.
    static func findClose(_ bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>, from start: Int) -> Int {
        var index = start
        let length = name.count
        while true {
            index = nextOpening(bytes, from: index)
            guard index + 1 + length < bytes.count else { break }
            if bytes[index + 1] == UInt8(ascii: "/")
                && (0..<length).allSatisfy({ bytes[index + 2 + $0] | 0x20 == bytes[name.lowerBound + $0] | 0x20 })
            {
                return index
            }
            index += 1
        }
        return bytes.count
    }

    /// Index of the first `>`, `"` or `'` at or after `start`, or the end of input.
    private static func nextQuoteOrClose(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let hits =
                    marks(word, UInt8(ascii: ">")) | marks(word, UInt8(ascii: "\"")) | marks(word, UInt8(ascii: "'"))
                if hits != 0 { return index + hits.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return index }
            index += 1
        }
        return index
    }

    /// The high bit of each byte of `word` that equals `byte`; above the first such byte a
    /// borrow may mark others, so only the lowest mark is exact.
    @inline(__always)
    static func marks(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & (ones &<< 7)
    }

    /// Index of the next `<` at or after `start`, or the end of input; `memchr` scans
    /// many bytes per step, and script bodies are long runs without one.
    @inline(__always)
    static func nextOpening(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        next(UInt8(ascii: "<"), in: bytes, from: start)
    }

    /// Index of the next `byte` at or after `start`, or the end of input.
    @inline(__always)
    static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Just after the `-->` of a comment starting at `start` (`<!`), or after `<!` when
    /// it is a doctype or other declaration (its `>` is an ordinary byte to the scan).
    private static func skipComment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start + 3 < bytes.count, bytes[start + 2] == UInt8(ascii: "-"), bytes[start + 3] == UInt8(ascii: "-")
        else { return start + 2 }
        var index = start + 4
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == UInt8(ascii: "-")
                && bytes[index + 2] == UInt8(ascii: ">")
            {
                return index + 3
            }
            index += 1
        }
        return bytes.count
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// Letters, digits, `-` and `:`, as bit sets over the bytes below 64 and from 64 to 127.
    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x07FF_2000_0000_0000  // - 0…9 :
        let high: UInt64 = 0x07FF_FFFE_07FF_FFFE  // A…Z a…z
        return byte < 64 ? (low >> UInt64(byte)) & 1 != 0 : byte < 128 && (high >> UInt64(byte - 64)) & 1 != 0
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
