/// The rows of an embedded lexicon (`Lexicons/README.md`), read as bytes: one row a line,
/// tab-separated fields, `#` lines and empty lines skipped, `|` between aliases.
///
/// The lexicons are NFC text whose separators are never followed by combining marks, so
/// splitting bytes gives the fields that splitting `String` characters would, without the
/// grapheme breaking that made parsing the lexicons the slowest part of a short run.
enum LexiconRows {
    struct Row {
        let bytes: UnsafeBufferPointer<UInt8>
        let fields: [Range<Int>]

        var count: Int { fields.count }

        func field(_ column: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[fields[column]])
        }

        func string(_ column: Int) -> String { String(decoding: field(column), as: UTF8.self) }

        /// FNV-1a hash of the bytes of `column`, to look names up without building strings.
        func key(_ column: Int) -> UInt64 {
            var h = EntityTokenizer.fnvOffset
            for b in field(column) { h = (h ^ UInt64(b)) &* EntityTokenizer.fnvPrime }
            return h
        }

        /// The `|`-separated parts of `column`, empty parts left out.
        func split(_ column: Int) -> [UnsafeBufferPointer<UInt8>] {
            guard column < fields.count else { return [] }
            var parts: [UnsafeBufferPointer<UInt8>] = []
            var start = fields[column].lowerBound
            for i in fields[column] where bytes[i] == UInt8(ascii: "|") {
                if i > start { parts.append(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                start = i + 1
            }
            if fields[column].upperBound > start {
                parts.append(UnsafeBufferPointer(rebasing: bytes[start..<fields[column].upperBound]))
            }
            return parts
        }

        /// The aliases of `column`: its parts with the spaces around them trimmed.
        func aliases(_ column: Int) -> [UnsafeBufferPointer<UInt8>] {
            split(column).map { part in
                var lower = 0
                var upper = part.count
                while lower < upper && part[lower] == UInt8(ascii: " ") { lower += 1 }
                while upper > lower && part[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
                return UnsafeBufferPointer(rebasing: part[lower..<upper])
            }
        }
    }

    /// Calls `body` with each row of `text`.
    static func forEach(_ text: [UInt8], _ body: (Row) -> Void) {
        text.withUnsafeBufferPointer { bytes in
            var lineStart = 0
            var fields: [Range<Int>] = []
            for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
                defer { lineStart = i + 1 }
                guard i > lineStart, bytes[lineStart] != UInt8(ascii: "#") else { continue }
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                for j in lineStart..<i where bytes[j] == UInt8(ascii: "\t") {
                    fields.append(fieldStart..<j)
                    fieldStart = j + 1
                }
                fields.append(fieldStart..<i)
                body(Row(bytes: bytes, fields: fields))
            }
        }
    }

    /// The last space-separated word of `phrase` ("air force" → "force"), or all of it when it has none.
    static func lastWord(_ phrase: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = phrase.count
        while end > 0 && phrase[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard end > 0 else { return phrase }
        var start = end
        while start > 0 && phrase[start - 1] != UInt8(ascii: " ") { start -= 1 }
        return UnsafeBufferPointer(rebasing: phrase[start..<end])
    }
}
