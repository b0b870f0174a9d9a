/// A table of contents at the top of an article ("Contents", "• 1 History", "• 2 Effects",
/// …) lists the headings that follow: its entries are links, but they belong to the
/// article, so they neither count against it nor cut the lead off from the text.
extension TextDumpExtractor {
    /// Entries in a row, each a section number before a title.
    private static let contentsRunMinimum = 3

    /// Marks the entries of each table of contents as no evidence either way: a run of at
    /// least three numbered lines, most of whose titles stand again as lines of their own
    /// elsewhere in the dump.
    func markContentsEntries(_ lines: inout [Line], _ bytes: UnsafeBufferPointer<UInt8>) {
        var later: [UInt64]?
        var i = 0
        while i < lines.count {
            guard TextDumpExtractor.contentsTitle(bytes, lines[i].range) != nil else {
                i += 1
                continue
            }
            var end = i + 1
            while end < lines.count && TextDumpExtractor.contentsTitle(bytes, lines[end].range) != nil { end += 1 }
            if end - i >= TextDumpExtractor.contentsRunMinimum {
                if later == nil { later = lines.map(\.hash).sorted() }
                var found = 0
                for j in i..<end {
                    let title = TextDumpExtractor.contentsTitle(bytes, lines[j].range)!
                    if TextDumpExtractor.contains(later!, ByteText.foldedKey(bytes, title)) { found += 1 }
                }
                if found >= TextDumpExtractor.contentsRunMinimum && found * 2 >= end - i {
                    for j in i..<end { lines[j].role = .rule }
                }
            }
            i = end
        }
    }

    /// The title of a contents entry: the text after a section number and maybe a bullet
    /// ("• 1 History", "2.3 Effects"), nil for a line without a number.
    static func contentsTitle(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var i = range.lowerBound
        let end = range.upperBound
        if let bullet = bulletLength(bytes, i, end) {
            i += bullet
            while i < end && bytes[i] == 0x20 { i += 1 }
        }
        // A section number, then a space: "1 History", "2.1 Effects". Menus are bulleted
        // links to pages whose names recur too; contents number their entries.
        let digits = i
        while i < end && (bytes[i] &- 0x30 < 10 || (i > digits && bytes[i] == UInt8(ascii: "."))) { i += 1 }
        guard i > digits, i < end, bytes[i] == 0x20 else { return nil }
        while i < end && bytes[i] == 0x20 { i += 1 }
        guard end - i >= 2 else { return nil }
        return i..<end
    }

    /// Bytes of a list bullet at `i` (`•`, `◦`, `▪`, `□`, `·`, `*`, `-`, `+`) and its space.
    private static func bulletLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        guard i < end else { return nil }
        let b = bytes[i]
        if (b == 0x2A || b == 0x2D || b == 0x2B) && i + 1 < end && bytes[i + 1] == 0x20 { return 2 }
        if b == 0xC2 && i + 1 < end && bytes[i + 1] == 0xB7 { return 2 }
        guard b == 0xE2, i + 2 < end else { return nil }
        let (c, d) = (bytes[i + 1], bytes[i + 2])
        if c == 0x80 && d == 0xA2 { return 3 }
        if c == 0x96 && (d == 0xAA || d == 0xA1) { return 3 }
        if c == 0x97 && d == 0xA6 { return 3 }
        return nil
    }

    /// Binary search in sorted keys.
    private static func contains(_ sorted: [UInt64], _ key: UInt64) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key
    }
}
