/// Byte-level versions of text helpers that the HTML path runs for every text node.
///
/// They give exactly the results of the scalar-based helpers in `LineShape.swift`
/// (`collapsingWhitespace`, `isSpace`) but work on UTF-8 bytes, so a page's text is not
/// decoded scalar by scalar and re-encoded. Input is always valid UTF-8 (libxml2 hands out
/// UTF-8 only), so a space sequence can only match at the start of a scalar: the
/// lead bytes below (0xC2, 0xE1, 0xE2, 0xE3) never occur as continuation bytes.
enum HTMLFast {
    /// Length in bytes of the `isSpace` scalar starting at `index`, or 0 if none does.
    @inline(__always)
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09...0x0D:
            return 1
        case 0xC2:
            // U+0085, U+00A0.
            guard index + 1 < bytes.count else { return 0 }
            let next = bytes[index + 1]
            return next == 0x85 || next == 0xA0 ? 2 : 0
        case 0xE1:
            // U+1680.
            guard index + 2 < bytes.count else { return 0 }
            return bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard index + 2 < bytes.count else { return 0 }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            // U+2000…U+200A, U+2028, U+2029, U+202F.
            if second == 0x80 {
                return (third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            // U+205F.
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            // U+3000.
            guard index + 2 < bytes.count else { return 0 }
            return bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// `String(decoding: bytes, as: UTF8.self).collapsingWhitespace()`, without the scalar walk.
    static func collapsingWhitespace(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer(collapsingWhitespace)
    }

    /// `collapsingWhitespace` of the bytes in `input`, written straight into the string's
    /// storage: the result is never longer than the input.
    static func collapsingWhitespace(_ input: UnsafeBufferPointer<UInt8>) -> String {
        if input.isEmpty { return "" }
        return String(unsafeUninitializedCapacity: input.count) { out in
            var written = 0
            var pendingSpace = false
            var index = 0
            while index < input.count {
                let byte = input[index]
                // Printable ASCII, the bulk of any text, is never a space.
                let length = byte > 0x20 && byte < 0x80 ? 0 : spaceLength(input, at: index)
                if length > 0 {
                    pendingSpace = written > 0
                    index += length
                    continue
                }
                if pendingSpace {
                    out[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                out[written] = byte
                written += 1
                index += 1
            }
            return written
        }
    }

    /// `text.unicodeScalars.count(where: { !isSpace($0) })` for the valid UTF-8 `input`,
    /// counted on bytes.
    static func nonSpaceScalarCount(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < input.count {
            let length = spaceLength(input, at: index)
            if length > 0 {
                index += length
                continue
            }
            // Continuation bytes belong to the scalar already counted.
            if input[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// Whether `needle` (lowercase ASCII) occurs in `haystack` lowercased as ASCII, without
    /// building the lowercased copy.
    static func containsLowercased(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var start = haystack.startIndex
        while start + needle.count <= haystack.endIndex {
            var matched = 0
            while matched < needle.count {
                let byte = haystack[start + matched]
                if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != needle[matched] { break }
                matched += 1
            }
            if matched == needle.count { return true }
            start += 1
        }
        return false
    }

    /// Whether `needle` occurs in `haystack`: a plain loop, where the generic
    /// `Collection.contains(_:)` costs a metadata lookup per call.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == first && haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
