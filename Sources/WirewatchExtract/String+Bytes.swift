extension String {
    /// Whether the UTF-8 bytes of `needle` occur in the string's, byte for byte.
    ///
    /// A cheap stand-in for `contains(_:)`, whose generic search (from
    /// `_StringProcessing`) is slow: for ASCII needles a `Character` match implies a byte
    /// match, and for `isPlain` text the two are the same.
    func containsBytes(of needle: String) -> Bool {
        var text = self
        var pattern = needle
        return text.withUTF8 { haystack in
            pattern.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard needle.count <= haystack.count else { return false }
                var start = 0
                while start <= haystack.count - needle.count {
                    if haystack[start] == first {
                        var k = 1
                        while k < needle.count, haystack[start + k] == needle[k] { k += 1 }
                        if k == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// Only ASCII (without carriage returns), Latin-1 punctuation (U+0080–U+00BF) and
    /// general punctuation (U+2002–U+206F without the joiners): news prose with its
    /// curly quotes and dashes. Each of these scalars is a `Character` of its own with
    /// no other canonical form and no case but ASCII's, so byte comparisons, byte
    /// searches and ASCII lowercasing give exactly what the `String` methods give.
    var isPlain: Bool {
        var text = self
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    if b == 0x0D { return false }
                    i += 1
                } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] <= 0xBF {
                    i += 2
                } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
                    let c = bytes[i + 2]
                    if bytes[i + 1] == 0x80 ? (c <= 0x81 || c == 0x8C || c == 0x8D) : c > 0xAF { return false }
                    i += 3
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// ASCII letters lowercased, other bytes kept: `lowercased()` for `isPlain` text.
    func asciiLowercased() -> String {
        String(decoding: utf8.map { ByteText.lower($0) }, as: UTF8.self)
    }
}
