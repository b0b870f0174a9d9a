/// Writes JSON into a byte array in the exact layout of Foundation's `JSONEncoder` with
/// `.withoutEscapingSlashes` (and `.prettyPrinted` when `pretty`), without Foundation and
/// without an `Encoder`'s boxing: printing articles is a per-file cost of `wirewatch extract`.
///
/// The caller writes object members in the order it wants them printed (for `.sortedKeys`,
/// byte order of the keys). Escaping matches the encoder: `"` and `\` escaped, `\b \t \n \f \r`
/// by name, other C0 controls as lowercase `\u00xx`; `/`, DEL and non-ASCII as they are.
public struct JSONWriter: Sendable {
    /// The UTF-8 written so far.
    public private(set) var bytes: [UInt8] = []
    /// True once a number was NaN or infinite, which `JSONEncoder` refuses to encode.
    public private(set) var failed = false
    private let pretty: Bool
    private var depth = 0
    /// No element written yet in the innermost open container.
    private var first = true

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// `{ … }` whose members `body` writes with `member(_:_:)`.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// One `"key": value` of the enclosing object.
    public mutating func member(_ key: String, _ value: (inout JSONWriter) -> Void) {
        separate()
        quoted(key)
        if pretty {
            bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
        value(&self)
    }

    /// `[ … ]` of `items`, each written by `element`.
    public mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { writer in
            for item in items {
                writer.separate()
                element(&writer, item)
            }
        }
    }

    /// A string-to-string object with its keys in byte order.
    public mutating func dictionary(_ members: [String: String]) {
        let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        object { writer in
            for (key, value) in sorted { writer.member(key) { $0.string(value) } }
        }
    }

    /// A string, or `null` for nil.
    public mutating func string(_ value: String?) {
        guard let value else { return null() }
        quoted(value)
    }

    public mutating func integer(_ value: Int) {
        // Small strings live inline: no allocation for any Int.
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A number as the encoder prints a `Double`: the shortest round-trip form, with an
    /// integral value's `.0` dropped (`-10`, `2.5`, `1500000`, `1e+16`); `null` for nil.
    public mutating func number(_ value: Double?) {
        guard let value else { return null() }
        guard value.isFinite else {
            failed = true
            return null()
        }
        let text = value.description
        bytes.append(contentsOf: text.utf8)
        if text.utf8.count > 2 && text.hasSuffix(".0") { bytes.removeLast(2) }
    }

    public mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    public mutating func null() {
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
        bytes.append(open)
        depth += 1
        first = true
        body(&self)
        let empty = first
        depth -= 1
        // The encoder prints an empty container with a blank line inside.
        if pretty {
            if empty { bytes.append(0x0A) }
            newLine()
        }
        bytes.append(close)
        first = false
    }

    /// The comma before every element but the first, and in pretty mode its own indented line.
    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        if pretty { newLine() }
    }

    private mutating func newLine() {
        bytes.append(0x0A)
        for _ in 0..<(depth * 2) { bytes.append(0x20) }
    }

    private mutating func quoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { escaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies `utf8` with the characters JSON cannot hold raw escaped; runs without any go
    /// in one append, as articles are mostly such runs.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while let next = JSONWriter.nextEscaped(utf8, from: index) {
            index = next + 1
            let byte = utf8[next]
            if runStart < next { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<next])) }
            runStart = next + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)],
                ])
            }
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    /// The index of the first byte at or after `start` that JSON escapes (a C0 control,
    /// `"` or `\\`), or nil; eight bytes are tested at a time.
    private static func nextEscaped(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i + 8 <= utf8.count {
            let word = ByteText.word(utf8, at: i)
            let hits =
                ByteText.bytesBelow(word, 0x20) | ByteText.bytesEqual(word, UInt8(ascii: "\""))
                | ByteText.bytesEqual(word, UInt8(ascii: "\\"))
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < utf8.count {
            let byte = utf8[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return i }
            i += 1
        }
        return nil
    }
}
