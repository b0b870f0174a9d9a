/// Text decoded from a dump's bytes, with the name of the encoding that was used.
struct DecodedText: Sendable {
    /// The text in UTF-8, without a byte order mark. For a dump that already is valid
    /// UTF-8 (most of them) these are the dump's own bytes, shared, not copied.
    var utf8: [UInt8]
    /// What was used: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`, `iso-8859-1`.
    var encoding: String
    /// A `<meta>` charset this code cannot decode itself (e.g. `shift_jis`); the HTML
    /// path hands the raw bytes to libxml2 with this name instead.
    var unsupportedCharset: String?

    /// The text as a `String`; extraction reads `utf8` and builds strings per line.
    var text: String { String(decoding: utf8, as: UTF8.self) }
}

/// SPEC §2 decoding: BOM first, then a declared HTML charset, then strict UTF-8, then
/// the Windows-1252 superset of Latin-1 that legacy pages actually use.
enum TextDecoding {
    /// How far into the bytes a `<meta charset>` declaration is looked for.
    static let charsetSniffWindow = 8192

    static func decode(_ bytes: [UInt8]) throws(ExtractError) -> DecodedText {
        if bytes.isEmpty { throw .empty }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes[3...])
            // A BOM says UTF-8 whatever follows: invalid sequences become U+FFFD.
            let valid = rest.withUnsafeBufferPointer(UTF8Validation.isValid)
            return DecodedText(
                utf8: valid ? rest : Array(String(decoding: rest, as: UTF8.self).utf8), encoding: "utf-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF)
        }
        try rejectBinary(bytes)
        // Valid UTF-8 wins over any declaration, so the declaration is read only when
        // the bytes are not UTF-8.
        if bytes.withUnsafeBufferPointer(UTF8Validation.isValid) {
            return DecodedText(utf8: bytes, encoding: "utf-8")
        }
        let declared = declaredCharset(bytes)
        switch declared {
        case nil, "utf-8", "utf8", "windows-1252", "cp1252", "iso-8859-1", "latin1", "iso_8859-1", "us-ascii",
            "ascii", "iso-8859-15", "latin-1", "x-user-defined":
            let usesC1 = bytes.contains { $0 >= 0x80 && $0 <= 0x9F }
            let name = (declared?.hasPrefix("iso-8859-1") == true && !usesC1) ? "iso-8859-1" : "windows-1252"
            return DecodedText(utf8: Array(decodeWindows1252(bytes).utf8), encoding: name)
        case let other?:
            // The caller may still be able to decode it (libxml2 via iconv); text falls back to 1252.
            return DecodedText(
                utf8: Array(decodeWindows1252(bytes).utf8), encoding: "windows-1252", unsupportedCharset: other)
        }
    }

    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) throws(ExtractError) -> DecodedText {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let (low, high) = littleEndian ? (bytes[i], bytes[i + 1]) : (bytes[i + 1], bytes[i])
            units.append(UInt16(high) << 8 | UInt16(low))
            i += 2
        }
        if units.isEmpty { throw .empty }
        let text = String(decoding: units, as: UTF16.self)
        var scalars = 0
        var bad = 0
        for scalar in text.unicodeScalars {
            scalars += 1
            if scalar == "\u{FFFD}" || scalar == "\0" || isControl(scalar.value) { bad += 1 }
        }
        if bad * 10 > scalars { throw .undecodable("UTF-16 byte order mark but not UTF-16 text") }
        return DecodedText(utf8: Array(text.utf8), encoding: littleEndian ? "utf-16le" : "utf-16be")
    }

    /// NUL bytes never occur in 8-bit or UTF-8 text; many other C0 controls mean data.
    private static func rejectBinary(_ bytes: [UInt8]) throws(ExtractError) {
        let count = min(bytes.count, 65536)
        var controls = 0
        var nuls = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard count > 0 else { return }
            // Eight bytes per step with exact per-byte flags: this looks at every byte of
            // the first 64 KiB of every dump.
            var i = 0
            while i + 8 <= count {
                let word = ByteText.word(buffer, at: i)
                // Most words of text hold no byte below a space and no DEL: one test each.
                if ByteText.bytesBelow(word, 0x20) | ByteText.bytesEqual(word, 0x7F) == 0 {
                    i += 8
                    continue
                }
                let flags = controlFlags(word)
                controls &+= flags.controls.nonzeroBitCount
                nuls &+= flags.nuls.nonzeroBitCount
                i += 8
            }
            var tail: UInt64 = 0x2020_2020_2020_2020
            for (shift, j) in (i..<count).enumerated() {
                tail = tail & ~(0xFF << UInt64(shift * 8)) | UInt64(buffer[j]) << UInt64(shift * 8)
            }
            let flags = controlFlags(tail)
            controls &+= flags.controls.nonzeroBitCount
            nuls &+= flags.nuls.nonzeroBitCount
        }
        if nuls > 0 { throw .binary("NUL bytes") }
        if controls * 20 > count { throw .binary("\(controls) control bytes in the first \(count)") }
    }

    /// The high bit of each byte of `word` that is a control (below 0x20 but tab, line
    /// feed, form feed and carriage return, or DEL), and of each NUL.
    @inline(__always)
    private static func controlFlags(_ word: UInt64) -> (controls: UInt64, nuls: UInt64) {
        let allowed =
            ByteText.bytesEqual(word, 0x09) | ByteText.bytesEqual(word, 0x0A) | ByteText.bytesEqual(word, 0x0C)
            | ByteText.bytesEqual(word, 0x0D)
        let controls = ByteText.bytesBelow(word, 0x20) & ~allowed | ByteText.bytesEqual(word, 0x7F)
        return (controls, ByteText.bytesEqual(word, 0))
    }

    private static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0C && value != 0x0D) || value == 0x7F
    }

    /// The charset of the first `<meta charset=…>` or `<meta http-equiv … content="…charset=…">`
    /// near the top, lowercased. Works on ASCII bytes, so it runs before decoding.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let window = Array(bytes.prefix(charsetSniffWindow)).map(asciiLower)
        var i = 0
        while let start = find(Array("<meta".utf8), in: window, from: i) {
            let end = window[start...].firstIndex(of: UInt8(ascii: ">")) ?? window.count
            if let key = find(Array("charset".utf8), in: window, from: start), key < end {
                var j = key + 7
                while j < end,
                    window[j] == 0x20 || window[j] == UInt8(ascii: "=") || window[j] == 0x22 || window[j] == 0x27
                {
                    j += 1
                }
                var name: [UInt8] = []
                while j < end, isCharsetNameByte(window[j]) {
                    name.append(window[j])
                    j += 1
                }
                if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
            }
            i = end
        }
        return nil
    }

    private static func isCharsetNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
    }

    private static func asciiLower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Windows-1252 as browsers decode it: Latin-1 with typographic characters in
    /// 0x80–0x9F; the five unassigned bytes map to the C1 controls of the same value.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value = byte >= 0x80 && byte <= 0x9F ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
