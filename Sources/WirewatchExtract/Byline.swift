/// Reads "By …" lines: "by Emma Soteriou · LBCBy Emma Soteriou" gives the author Emma
/// Soteriou and the outlet LBC; "By Jane Doe and John Roe" gives two authors.
struct Byline: Sendable, Equatable {
    var authors: [String]
    var publisher: String?

    private static let separators = [" · ", " | ", " - ", " – ", " — ", " / ", ", "]
    private static let particles: Set<String> = [
        "de", "da", "del", "der", "di", "van", "von", "la", "le", "al", "bin", "el", "du", "dos", "ter",
    ]

    private static let openings = PhraseSet(["by ", "by: "])

    /// Cheap test on bytes before `parse`: the line starts with "by " and a capital or
    /// a non-ASCII letter ("By continuing to browse…" and "by the way" are not bylines).
    static func mayStart(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count <= 480, openings.starts(bytes, range) else { return false }
        var i = range.lowerBound + 3
        while i < range.upperBound && (bytes[i] == 0x20 || bytes[i] == UInt8(ascii: ":")) { i += 1 }
        guard i < range.upperBound else { return false }
        let b = bytes[i]
        // Lowercase openings stay possible for name particles ("by van der Berg").
        return b &- 0x41 < 26 || b >= 0x80 || b == UInt8(ascii: "d") || b == UInt8(ascii: "v")
            || b == UInt8(ascii: "l") || b == UInt8(ascii: "b") || b == UInt8(ascii: "e") || b == UInt8(ascii: "t")
            || b == UInt8(ascii: "a")
    }

    /// Parses a line that starts with "By " (any case); nil when the rest does not
    /// look like one or more personal names.
    static func parse(_ line: some StringProtocol) -> Byline? {
        let text = line.trimmedSpace()
        guard text.lowercased().hasPrefix("by "), text.count <= 160 else { return nil }
        var rest = String(text.dropFirst(3).trimmedSpace())
        var publisher: String?
        // Rendered bylines often glue an outlet and a repeated byline: "Name · OutletBy Name".
        let restBytes = Array(rest.utf8)
        for separator in separatorBytes {
            if let at = find(separator, in: restBytes, from: 0) {
                var tailBytes = restBytes[(at + separator.count)...]
                if let glued = find(gluedBy, in: restBytes, from: at + separator.count) {
                    tailBytes = restBytes[(at + separator.count)..<glued]
                }
                let tail = String(String(decoding: tailBytes, as: UTF8.self).trimmedSpace())
                if isOutletLike(tail) { publisher = tail }
                rest = String(decoding: restBytes[..<at], as: UTF8.self)
                break
            }
        }
        var names: [String] = []
        for part in splitNames(rest) {
            guard isPersonName(part) else { return nil }
            names.append(part)
        }
        return names.isEmpty ? nil : Byline(authors: names, publisher: publisher)
    }

    /// `separators` but ", " (which parts names, not name and outlet), as bytes.
    private static let separatorBytes = separators.filter { $0 != ", " }.map { Array($0.utf8) }
    private static let gluedBy = Array("By ".utf8)

    /// The first `needle` in `haystack[start..<end]` (the whole rest by default).
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, end: Int? = nil) -> Int? {
        let end = end ?? haystack.count
        guard needle.count <= end, start <= end - needle.count else { return nil }
        for i in start...(end - needle.count)
        where haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    static func splitNames(_ text: String) -> [String] {
        // Byte search over ranges of one copy: `split(separator:)` with a string
        // separator, and arrays per piece, were most of a byline's cost. Each separator
        // splits the pieces the ones before it left.
        let bytes = Array(text.utf8)
        var parts = [0..<bytes.count]
        for separator in nameSeparators {
            var pieces: [Range<Int>] = []
            for part in parts {
                var start = part.lowerBound
                while let at = find(separator, in: bytes, from: start, end: part.upperBound) {
                    pieces.append(start..<at)
                    start = at + separator.count
                }
                pieces.append(start..<part.upperBound)
            }
            parts = pieces
        }
        return parts.map { String(String(decoding: bytes[$0], as: UTF8.self).trimmedSpace()) }.filter { !$0.isEmpty }
    }

    private static let nameSeparators = [" and ", " & ", ", "].map { Array($0.utf8) }

    /// One to five words, capitalised (name particles allowed), letters only.
    static func isPersonName(_ text: some StringProtocol) -> Bool {
        if let answer = ByteText.withBytes(text, asciiIsPersonName) { return answer }
        return isPersonNameByCharacters(text)
    }

    /// `isPersonName` by `Character` tests, for any text.
    static func isPersonNameByCharacters(_ text: some StringProtocol) -> Bool {
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count), text.count <= 60 else { return false }
        for word in words {
            if particles.contains(word.lowercased()) { continue }
            guard let first = word.first, first.isUppercase else { return false }
            guard word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "." }) else {
                return false
            }
        }
        return words.count >= 2 || text.count >= 3
    }

    /// `isPersonName` on bytes for ASCII text without carriage returns, where a byte is a
    /// character and ASCII letter tests are the `Character` ones; nil for any other text.
    /// Bylines are nearly all ASCII, and `Character` properties were most of their cost.
    private static func asciiIsPersonName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var words = 0
        var i = 0
        let count = bytes.count
        for b in bytes where b >= 0x80 || b == 0x0D { return nil }
        while i < count {
            if bytes[i] == 0x20 {
                i += 1
                continue
            }
            var end = i + 1
            while end < count && bytes[end] != 0x20 { end += 1 }
            words += 1
            let word = i..<end
            i = end
            if particleBytes.contains(where: { ByteText.equalsFolded(bytes[word], $0) }) { continue }
            guard bytes[word.lowerBound] &- 0x41 < 26 else { return false }
            for b in bytes[word] {
                let letter = (b | 0x20) &- 0x61 < 26
                guard letter || b == UInt8(ascii: "-") || b == UInt8(ascii: "'") || b == UInt8(ascii: ".") else {
                    return false
                }
            }
        }
        guard (1...5).contains(words), count <= 60 else { return false }
        return words >= 2 || count >= 3
    }

    private static let particleBytes = particles.map { Array($0.utf8) }

    private static func isOutletLike(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...4).contains(words.count)
            && words.allSatisfy { $0.first?.isUppercase == true || $0.first?.isNumber == true }
    }
}
