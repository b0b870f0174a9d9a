/// Lines that occur more than once in a dump, and lines that carry no evidence about
/// the article: text-mode browsers print one page element twice (a slide's title as the
/// image's title and as its heading, an image's alt text above its caption) and number
/// the slides of a gallery ("2/5").
extension TextDumpExtractor {
    /// The role of a non-paragraph line whose text occurs elsewhere in the dump too.
    /// Related-story teasers and menus repeat across the page and are furniture; a pair
    /// of copies a line or two apart is one element printed twice, so the first copy
    /// keeps its own role and the second is no evidence either way; a credit under every
    /// picture of a gallery is still a caption.
    func repeatedRole(_ lines: [Line], _ i: Int, copies: Int) -> Role {
        let role = lines[i].role
        if role == .caption { return .caption }
        if copies == 2, let other = echoPartner(lines, i) { return other > i ? role : .rule }
        return .duplicate
    }

    /// The index of the other copy of line `i` when it lies at most three lines away.
    private func echoPartner(_ lines: [Line], _ i: Int) -> Int? {
        let line = lines[i]
        for j in max(0, i - 3)...min(lines.count - 1, i + 3) where j != i {
            if lines[j].hash == line.hash && lines[j].range.count == line.range.count { return j }
        }
        return nil
    }

    /// A gallery's slide counter ("2/5", "12 / 30"): digits around one slash.
    static func isSlideCounter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 3, range.count <= 9 else { return false }
        var slashes = 0
        for i in range {
            let b = bytes[i]
            if b == UInt8(ascii: "/") {
                slashes += 1
            } else if b &- 0x30 >= 10 && b != 0x20 {
                return false
            }
        }
        return slashes == 1 && bytes[range.lowerBound] &- 0x30 < 10 && bytes[range.upperBound - 1] &- 0x30 < 10
    }
}
