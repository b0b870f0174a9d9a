/// Captions that the phrase lists of `Boilerplate.captionMarkers` miss: a line that
/// opens with a figure label ("Abbildung: …", "Figure 3: …", "Photo: …"), also right
/// after a text-mode browser's image mark ("[20220103-1]Abbildung: …"), and an image's
/// alt text that a browser printed above its caption with the image mark between.
extension TextDumpExtractor {
    /// Labels that open a caption, lowercase ASCII; a number may follow, then `:` or `|`.
    private static let figureLabels: [[UInt8]] = [
        "abbildung", "abb.", "figure", "fig.", "foto", "photo", "bild", "image", "picture", "illustration",
        "grafik", "graphic",
    ].map { Array($0.utf8) }

    /// The line opens with a figure label, possibly after an image mark in brackets.
    static func startsWithFigureLabel(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        if let close = imageMarkEnd(bytes, range) { i = close }
        while i < range.upperBound && bytes[i] == 0x20 { i += 1 }
        // Every label starts with one of these letters: most lines stop here.
        guard i < range.upperBound else { return false }
        switch ByteText.lower(bytes[i]) {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "i"),
            UInt8(ascii: "p"):
            break
        default:
            return false
        }
        let initial = ByteText.lower(bytes[i])
        for label in figureLabels
        where label[0] == initial && ByteText.hasFoldedPrefix(bytes, i..<range.upperBound, label) {
            var j = i + label.count
            // "Figure 3:", "Fig. 2.1 |", "Photo :"
            while j < range.upperBound && (bytes[j] == 0x20 || bytes[j] == 0x2E || bytes[j] &- 0x30 < 10) {
                j += 1
            }
            if j < range.upperBound && (bytes[j] == UInt8(ascii: ":") || bytes[j] == UInt8(ascii: "|")) {
                return true
            }
        }
        return false
    }

    /// Where an image mark that opens the line ends ("[alt text]", "[ ]", at most 60
    /// bytes), nil when the line does not open with one.
    private static func imageMarkEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "[") else { return nil }
        let limit = min(range.upperBound, range.lowerBound + 60)
        for i in (range.lowerBound + 1)..<limit where bytes[i] == UInt8(ascii: "]") { return i + 1 }
        return nil
    }

    /// The line is an image mark alone ("[ ]", "[photo]").
    static func isImageMark(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        imageMarkEnd(bytes, range) == range.upperBound
    }

    /// An image's alt text, the image's mark, then the caption that repeats the alt text
    /// ("Striking members … last year." / "[ ]" / "Striking members … last year.
    /// Photograph: …"): the alt text and the caption are both captions.
    func markAltTextAcrossImageMarks(_ lines: inout [Line], _ bytes: UnsafeBufferPointer<UInt8>) {
        guard lines.count >= 3 else { return }
        for i in 0..<(lines.count - 2) where lines[i].range.count >= 12 {
            guard TextDumpExtractor.isImageMark(bytes, lines[i + 1].range),
                TextDumpExtractor.repeatsNear(bytes, lines[i].range, in: lines[i + 2].range)
            else { continue }
            lines[i].role = .caption
            lines[i + 2].role = .caption
        }
    }

    /// `next` is longer and opens, within its first six bytes, with the text of `line`.
    static func repeatsNear(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, in next: Range<Int>) -> Bool {
        guard next.count > line.count else { return false }
        for offset in 0...min(6, next.count - line.count)
        where bytes[line].elementsEqual(bytes[(next.lowerBound + offset)..<(next.lowerBound + offset + line.count)]) {
            return true
        }
        return false
    }
}
