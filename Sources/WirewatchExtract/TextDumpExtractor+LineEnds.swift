/// Marks that a browser prints after the last sentence of a line hide how it ends: w3m
/// closes table cells with a border ("…his burning eyebrows.^[10] │") and glues image
/// marks on ("…till fragrant.[DSC_0511-scaled]"), wikis add references ("^[1]", "[2]"),
/// and copied text keeps invisible separators (U+2063). The shape of such a line is taken
/// without them when what is left ends like a sentence; its text stays as it is.
extension TextDumpExtractor {
    func reshapeMarkedEnds(_ lines: inout [Line], _ bytes: UnsafeBufferPointer<UInt8>) {
        for i in lines.indices where !lines[i].shape.endsLikeSentence {
            let range = lines[i].range
            let end = TextDumpExtractor.endBeforeMarks(bytes, range)
            guard end < range.upperBound, end > range.lowerBound else { continue }
            // A label before a form's fields ("Search: [ ] [Go]") is no sentence.
            guard bytes[end - 1] != UInt8(ascii: ":") else { continue }
            let shape = LineShape(utf8: bytes, range.lowerBound..<end)
            if shape.endsLikeSentence { lines[i].shape = shape }
        }
    }

    /// Where the line's text ends once trailing marks, borders and invisible characters
    /// are taken off.
    static func endBeforeMarks(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let lower = range.lowerBound
        var end = range.upperBound
        while end > lower {
            let b = bytes[end - 1]
            if b == 0x20 {
                end -= 1
            } else if b == UInt8(ascii: "]"), let open = markStart(bytes, lower, end) {
                end = open > lower && bytes[open - 1] == UInt8(ascii: "^") ? open - 1 : open
            } else if end - 3 >= lower, isInvisibleOrBorder(bytes, end - 3) {
                end -= 3
            } else {
                break
            }
        }
        return end
    }

    /// The `[` of a bracketed mark that closes at `end - 1`, at most 60 bytes back. Image
    /// names and reference numbers hold no spaces; a bracketed label ("[Toptal blog
    /// editor]") or a form field ("[          ]") is text, not a mark.
    private static func markStart(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ end: Int) -> Int? {
        var i = end - 2
        while i >= lower && end - i <= 60 {
            if bytes[i] == UInt8(ascii: "[") { return i < end - 2 ? i : nil }
            if bytes[i] == UInt8(ascii: "]") || bytes[i] == 0x20 { return nil }
            i -= 1
        }
        return nil
    }

    /// Three bytes at `i` are a box-drawing border (U+2500–U+257F) or an invisible format
    /// character (U+200B–U+200D, U+2060, U+2063, U+FEFF).
    private static func isInvisibleOrBorder(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let (a, b, c) = (bytes[i], bytes[i + 1], bytes[i + 2])
        if a == 0xE2 && (b == 0x94 || b == 0x95) { return true }
        if a == 0xE2 && b == 0x80 && (c == 0x8B || c == 0x8C || c == 0x8D) { return true }
        if a == 0xE2 && b == 0x81 && (c == 0xA0 || c == 0xA3) { return true }
        return a == 0xEF && b == 0xBB && c == 0xBF
    }
}
