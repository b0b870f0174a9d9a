extension String {
    /// Whether the UTF-8 bytes of `needle` occur in the string's, byte for byte.
    ///
    /// A cheap stand-in for `contains(_:)`, whose generic search (from
    /// `_StringProcessing`) is slow: for ASCII needles a `Character` match implies a byte
    /// match, and for ASCII text without carriage returns the two are the same.
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

    /// Plain ASCII without carriage returns: every byte is one `Character`.
    var isPlainASCII: Bool { utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
}
